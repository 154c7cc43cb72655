//! Stage positions and the furthest stage a deal reached (docs/METHOD.md §3.2): the order
//! every layer-2 report compares stages by, computed once per report.

use crate::domain::model::{Deal, Id, Project, Stage};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hasher for the internal id maps (std only): FxHash-style multiply-rotate over the
/// key's bytes. Ids are random UUIDs and the data is the consultant's own, so the DoS
/// resistance of the default SipHash buys nothing here, while hashing is most of a report's
/// time on 10 000 deals.
#[derive(Clone, Copy, Default)]
pub(super) struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            for (b, c) in buf.iter_mut().zip(chunk) {
                *b = *c;
            }
            self.add(u64::from_le_bytes(buf));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

pub(super) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

pub(super) type IdSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

fn min_date(a: Option<NaiveDate>, b: NaiveDate) -> Option<NaiveDate> {
    Some(a.map_or(b, |a| a.min(b)))
}

/// Positions of a project's stages, computed once per report (stage id → index in the list).
#[derive(Clone, Debug, Default)]
pub struct StageIndex {
    pos: IdMap<Id, usize>,
    funnel: Vec<usize>,
    won: Option<usize>,
    pub(super) typical_days: Vec<Option<u32>>,
    pub(super) targets: Vec<Option<f64>>,
}

impl StageIndex {
    /// Indexes a stage list. With duplicate ids the first stage wins.
    pub fn new(stages: &[Stage]) -> StageIndex {
        let mut pos = IdMap::with_capacity_and_hasher(stages.len(), Default::default());
        for (i, s) in stages.iter().enumerate() {
            pos.entry(s.id).or_insert(i);
        }
        StageIndex {
            pos,
            funnel: (0..stages.len())
                .filter(|&i| stages.get(i).is_some_and(|s| s.is_funnel))
                .collect(),
            won: stages.iter().position(|s| s.is_won),
            typical_days: stages.iter().map(|s| s.typical_days).collect(),
            targets: stages.iter().map(|s| s.target_conversion).collect(),
        }
    }

    /// Number of stages.
    pub fn len(&self) -> usize {
        self.typical_days.len()
    }

    /// True when the project has no stages.
    pub fn is_empty(&self) -> bool {
        self.typical_days.is_empty()
    }

    /// Index of stage `id`, or `None` for an id not in the list.
    pub fn pos(&self, id: Id) -> Option<usize> {
        self.pos.get(&id).copied()
    }

    /// Indices of the funnel stages (`is_funnel`), in order.
    pub fn funnel(&self) -> &[usize] {
        &self.funnel
    }

    /// Index of the won stage (the first with `is_won`).
    pub fn won(&self) -> Option<usize> {
        self.won
    }

    /// Index of the deal's current stage.
    pub fn current(&self, deal: &Deal) -> Option<usize> {
        self.pos(deal.stage_id)
    }

    /// The furthest stage the deal was ever at: the maximum index over its history and its
    /// current stage; stage ids not in the list are ignored. See the module docs for the
    /// "reached ≥ s" semantics.
    pub fn max_reached(&self, deal: &Deal) -> Option<usize> {
        deal.history
            .iter()
            .filter_map(|h| self.pos(h.stage_id))
            .chain(self.current(deal))
            .max()
    }

    /// For each stage index `s`, the earliest date the deal reached `s` or a later stage
    /// (`None` if it never did). A current stage missing from the history is dated by the
    /// latest history entry, or by the creation date when there is no history.
    pub fn reach_dates(&self, deal: &Deal) -> Vec<Option<NaiveDate>> {
        let mut out = vec![None; self.len()];
        self.fill_reach_dates(deal, &mut out);
        out
    }

    pub(super) fn fill_reach_dates(&self, deal: &Deal, out: &mut [Option<NaiveDate>]) {
        out.iter_mut().for_each(|d| *d = None);
        let mut latest: Option<NaiveDate> = None;
        for h in &deal.history {
            if let Some(i) = self.pos(h.stage_id) {
                if let Some(slot) = out.get_mut(i) {
                    *slot = min_date(*slot, h.entered);
                }
            }
            latest = Some(latest.map_or(h.entered, |l| l.max(h.entered)));
        }
        if let Some(c) = self.current(deal) {
            if out
                .get(c..)
                .is_some_and(|rest| rest.iter().all(Option::is_none))
            {
                if let Some(slot) = out.get_mut(c) {
                    *slot = Some(latest.unwrap_or(deal.created));
                }
            }
        }
        for s in (0..out.len().saturating_sub(1)).rev() {
            if let Some(next) = out.get(s + 1).copied().flatten() {
                if let Some(slot) = out.get_mut(s) {
                    *slot = min_date(*slot, next);
                }
            }
        }
    }
}

/// Index (in `p.stages`) of the furthest stage the deal reached, from its history and its
/// current stage; `None` when none of its stage ids is in the list.
///
/// "Reached ≥ s" semantics by stage order: a lost deal keeps its furthest stage, a deal moved
/// backwards still counts as having reached its furthest stage, and a deal that skipped a stage
/// counts as having reached the skipped one (every stage before its furthest).
pub fn max_stage_reached(p: &Project, deal: &Deal) -> Option<usize> {
    deal.history
        .iter()
        .filter_map(|h| p.stage_index(h.stage_id))
        .chain(p.stage_index(deal.stage_id))
        .max()
}
