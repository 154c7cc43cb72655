//! Layer 2: the funnel on the ТФС stages (docs/METHOD.md §3.2).
//!
//! The article's task is «табло ведения счета (воронки), с фиксацией всех текущих проектов в
//! воронке по каждому менеджеру», its result «видно движение клиентов с привязкой к категории и
//! движение денег», and its metrics are the number of leads at ТФС stage 1 and the conversion
//! between stages. This module computes all of them from [`Project::deals`] and their stage
//! history; it never touches the browser.
//!
//! ## Semantics (shown to consultants as tooltips)
//!
//! - **Stage order.** Stages are compared by their position in [`Project::stages`] (an index into
//!   that list), never by their codes.
//! - **Reached ≥ s.** A deal has *reached* stage `s` when the furthest stage it was ever at
//!   (history and current stage, [`max_stage_reached`]) is at or after `s` in the stage order.
//!   Therefore:
//!   - a **lost** deal keeps the furthest stage it reached (docs/METHOD.md §2.2);
//!   - a deal **moved backwards** still counts as having reached its furthest stage;
//!   - a deal that **skipped** a stage (1 → 2.2) counts as having reached the skipped ones (2.1),
//!     on the date it reached the later stage;
//!   - a deal past the funnel (won, now at stage 10) counts at every funnel stage.
//! - **Snapshot conversion** s → s' (consecutive funnel stages) = reached(s') / reached(s); it is
//!   `None` (unknown, not 0 %) when nobody reached s.
//! - **Cohort conversion** for a period ([`cohort_conversions`]): the deals that reached s in the
//!   period and are *decided*: they moved on to s', were lost before s', or have sat longer than
//!   the stage's `typical_days` without moving on (as of a date). Young open deals are *pending*
//!   and left out, so open deals do not drag the ratio down.
//! - **Lead** ([`leads`]): a deal whose first (earliest) stage-history record is at the lead
//!   stage (ТФС code `1`), counted once, in the period that contains that record's date; a deal
//!   that enters the funnel past stage 1 is not a lead. Leads of category k are the leads at
//!   clients of category k. The need of a period is the yearly need × the period's share of the
//!   year by calendar months ([`prorate`], [`Period::year_share`]).
//! - **Pipeline**: deals with status `Open`. On-hold deals are reported apart and are neither in
//!   the pipeline nor on the scoreboard.
//! - **Weighted pipeline** = Σ amount × p(current stage). A stage without a probability is
//!   *unknown*, not 0 %: such deals are summed apart and the weighted figure is marked partial.
//!
//! ## Deal attributes
//!
//! A deal's manager and channel are its own, or else its client's. Its business line is its
//! own, or else its client's when the client has exactly one. Its category comes from the map
//! the caller passes (the ABC result with overrides, keyed by client id); a deal without a
//! client, or whose client is not in the map, is counted as [`Category::N`].
//!
//! ## Performance
//!
//! Every report works in one pass over the deals with a precomputed stage-position map
//! ([`StageIndex`]) and a client map, so a filter change on 10 000 deals recomputes the funnel
//! and the scoreboard in a few milliseconds.

use super::model::{Category, Client, Deal, DealStatus, Id, Project, Stage, StageEntry};
use super::money::{ratio_pct, Money};
use super::period::Period;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Client categories by client id, supplied by the caller (the ABC analysis with overrides).
pub type Categories = HashMap<Id, Category>;

// ---------------------------------------------------------------------------------------------
// Small value types
// ---------------------------------------------------------------------------------------------

/// A number of deals and the sum of their amounts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CountMoney {
    /// Number of deals.
    pub count: usize,
    /// Sum of their amounts.
    pub money: Money,
}

impl CountMoney {
    /// Adds one deal of `amount`.
    pub fn add(&mut self, amount: Money) {
        self.count += 1;
        self.money += amount;
    }
}

/// One value per client category A, B, C and N (prospects and deals without a known client).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PerCategory<T> {
    /// Category A.
    pub a: T,
    /// Category B.
    pub b: T,
    /// Category C.
    pub c: T,
    /// Category N: prospects, deals without a client or with a client the map does not know.
    pub n: T,
}

impl<T> PerCategory<T> {
    /// The value of category `k`.
    pub fn get(&self, k: Category) -> &T {
        match k {
            Category::A => &self.a,
            Category::B => &self.b,
            Category::C => &self.c,
            Category::N => &self.n,
        }
    }
    /// The value of category `k`, mutable.
    pub fn get_mut(&mut self, k: Category) -> &mut T {
        match k {
            Category::A => &mut self.a,
            Category::B => &mut self.b,
            Category::C => &mut self.c,
            Category::N => &mut self.n,
        }
    }
}

impl PerCategory<usize> {
    /// Sum over all four categories.
    pub fn total(&self) -> usize {
        self.a + self.b + self.c + self.n
    }
}

impl PerCategory<CountMoney> {
    /// Sum over all four categories.
    pub fn total(&self) -> CountMoney {
        CountMoney {
            count: self.a.count + self.b.count + self.c.count + self.n.count,
            money: self.a.money + self.b.money + self.c.money + self.n.money,
        }
    }
}

/// How a conversion compares with the stage's target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetFlag {
    /// The stage has no target conversion.
    NoTarget,
    /// The conversion is unknown (nobody in the base), so it cannot be judged.
    NoData,
    /// At or above the target.
    Met,
    /// Below the target: a layer-2 problem for the diagnosis.
    Below,
}

fn flag(pct: Option<f64>, target: Option<f64>) -> TargetFlag {
    match (pct, target) {
        (_, None) => TargetFlag::NoTarget,
        (None, Some(_)) => TargetFlag::NoData,
        // A small tolerance, so 60 % against a 60 % target is "met" despite rounding.
        (Some(v), Some(t)) if v + 1e-9 < t => TargetFlag::Below,
        (Some(_), Some(_)) => TargetFlag::Met,
    }
}

/// A fast hasher for the internal id maps (std only): FxHash-style multiply-rotate over the
/// key's bytes. Ids are random UUIDs and the data is the consultant's own, so the DoS
/// resistance of the default SipHash buys nothing here, while hashing is most of a report's
/// time on 10 000 deals.
#[derive(Clone, Copy, Default)]
struct IdHasher(u64);

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

type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;
type IdSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

fn min_date(a: Option<NaiveDate>, b: NaiveDate) -> Option<NaiveDate> {
    Some(a.map_or(b, |a| a.min(b)))
}

// ---------------------------------------------------------------------------------------------
// Stage positions and "max stage reached"
// ---------------------------------------------------------------------------------------------

/// Positions of a project's stages, computed once per report (stage id → index in the list).
#[derive(Clone, Debug, Default)]
pub struct StageIndex {
    pos: IdMap<Id, usize>,
    funnel: Vec<usize>,
    won: Option<usize>,
    typical_days: Vec<Option<u32>>,
    targets: Vec<Option<f64>>,
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

    fn fill_reach_dates(&self, deal: &Deal, out: &mut [Option<NaiveDate>]) {
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

// ---------------------------------------------------------------------------------------------
// Deal attributes and the filter
// ---------------------------------------------------------------------------------------------

/// Lookups built once per report.
struct Ctx<'a> {
    stages: StageIndex,
    clients: IdMap<Id, &'a Client>,
}

impl<'a> Ctx<'a> {
    fn new(p: &'a Project) -> Ctx<'a> {
        Ctx {
            stages: StageIndex::new(&p.stages),
            clients: p.clients.iter().map(|c| (c.id, c)).collect(),
        }
    }
    fn client(&self, deal: &Deal) -> Option<&'a Client> {
        deal.client_id.and_then(|id| self.clients.get(&id).copied())
    }
    fn manager(&self, deal: &Deal) -> Option<Id> {
        deal.manager_id
            .or_else(|| self.client(deal).and_then(|c| c.manager_id))
    }
    fn channel(&self, deal: &Deal) -> Option<Id> {
        deal.channel_id
            .or_else(|| self.client(deal).and_then(|c| c.channel_id))
    }
    fn business_line(&self, deal: &Deal) -> Option<Id> {
        deal.business_line_id.or_else(|| {
            self.client(deal)
                .and_then(|c| match c.business_line_ids.as_slice() {
                    [one] => Some(*one),
                    _ => None,
                })
        })
    }
}

/// The deal's client category from the caller's map; [`Category::N`] when the deal has no
/// client or the client is not in the map.
pub fn deal_category(deal: &Deal, cats: &Categories) -> Category {
    deal.client_id
        .and_then(|id| cats.get(&id).copied())
        .unwrap_or(Category::N)
}

/// The deal's manager: its own, or else its client's.
pub fn deal_manager(p: &Project, deal: &Deal) -> Option<Id> {
    deal.manager_id.or_else(|| {
        deal.client_id
            .and_then(|id| p.client(id))
            .and_then(|c| c.manager_id)
    })
}

/// Which deals a funnel screen shows. Every `None` / empty field means "any".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DealFilter {
    /// Client categories to keep (e.g. A and B); empty = all.
    pub categories: Vec<Category>,
    /// Sales channel (the deal's, or else its client's).
    pub channel_id: Option<Id>,
    /// Business line (the deal's, or else its client's single line).
    pub business_line_id: Option<Id>,
    /// Manager (the deal's, or else its client's).
    pub manager_id: Option<Id>,
    /// Keep deals created in this period.
    pub created_in: Option<Period>,
    /// Keep deals alive at some point of this period: created on or before its end and not
    /// closed before its start.
    pub active_in: Option<Period>,
}

impl DealFilter {
    /// True when the filter keeps every deal.
    pub fn is_empty(&self) -> bool {
        *self == DealFilter::default()
    }

    fn keeps(&self, ctx: &Ctx<'_>, deal: &Deal, cats: &Categories) -> bool {
        if !self.categories.is_empty() && !self.categories.contains(&deal_category(deal, cats)) {
            return false;
        }
        if self.channel_id.is_some() && ctx.channel(deal) != self.channel_id {
            return false;
        }
        if self.business_line_id.is_some() && ctx.business_line(deal) != self.business_line_id {
            return false;
        }
        if self.manager_id.is_some() && ctx.manager(deal) != self.manager_id {
            return false;
        }
        if let Some(p) = self.created_in {
            if !p.contains(deal.created) {
                return false;
            }
        }
        if let Some(p) = self.active_in {
            if deal.created > p.to || deal.closed.is_some_and(|c| c < p.from) {
                return false;
            }
        }
        true
    }
}

/// The project's deals that pass `filter`, in file order.
pub fn filter_deals<'a>(p: &'a Project, filter: &DealFilter, cats: &Categories) -> Vec<&'a Deal> {
    if filter.is_empty() {
        return p.deals.iter().collect();
    }
    let ctx = Ctx::new(p);
    p.deals
        .iter()
        .filter(|d| filter.keeps(&ctx, d, cats))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Reached counts and snapshot conversion
// ---------------------------------------------------------------------------------------------

/// Deals that reached a funnel stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reached {
    /// Index in `p.stages`.
    pub stage: usize,
    /// Deals whose furthest stage is at or after this one.
    pub count: usize,
    /// Sum of their amounts.
    pub money: Money,
}

/// Conversion between two consecutive funnel stages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Conversion {
    /// Index of the earlier stage.
    pub from: usize,
    /// Index of the next funnel stage.
    pub to: usize,
    /// The base: deals that reached `from` (snapshot) or decided deals (cohort).
    pub base: usize,
    /// Deals of the base that reached `to`.
    pub converted: usize,
    /// `converted / base × 100`, `None` when the base is empty.
    pub pct: Option<f64>,
    /// The `from` stage's target conversion, %.
    pub target: Option<f64>,
    /// `pct` against `target`.
    pub flag: TargetFlag,
}

/// Per stage index: deals whose furthest stage is exactly there; plus the deals that could not
/// be placed (no known stage).
fn furthest_histogram(idx: &StageIndex, deals: &[&Deal]) -> (Vec<CountMoney>, Vec<Id>) {
    let mut hist = vec![CountMoney::default(); idx.len()];
    let mut unplaced = vec![];
    for d in deals {
        match idx.max_reached(d).and_then(|m| hist.get_mut(m)) {
            Some(cell) => cell.add(d.amount),
            None => unplaced.push(d.id),
        }
    }
    (hist, unplaced)
}

/// Suffix sums: element `s` = deals whose furthest stage is ≥ `s`.
fn at_or_after(hist: &[CountMoney]) -> Vec<CountMoney> {
    let mut out = hist.to_vec();
    for s in (0..out.len().saturating_sub(1)).rev() {
        let next = out.get(s + 1).copied().unwrap_or_default();
        if let Some(cell) = out.get_mut(s) {
            cell.count += next.count;
            cell.money += next.money;
        }
    }
    out
}

fn reached_rows(idx: &StageIndex, cum: &[CountMoney]) -> Vec<Reached> {
    idx.funnel()
        .iter()
        .map(|&s| {
            let c = cum.get(s).copied().unwrap_or_default();
            Reached {
                stage: s,
                count: c.count,
                money: c.money,
            }
        })
        .collect()
}

/// For each funnel stage (`is_funnel`, in order): how many of `deals` reached it and their
/// amount ("reached ≥ s" snapshot, see the module docs). Deals with no known stage are left
/// out; [`funnel_snapshot`] lists them.
pub fn reached_counts(p: &Project, deals: &[&Deal]) -> Vec<Reached> {
    let idx = StageIndex::new(&p.stages);
    let (hist, _) = furthest_histogram(&idx, deals);
    reached_rows(&idx, &at_or_after(&hist))
}

/// Conversions between consecutive rows of [`reached_counts`]: reached(s') / reached(s), with
/// the flag against the earlier stage's `target_conversion`.
pub fn step_conversions(p: &Project, reached: &[Reached]) -> Vec<Conversion> {
    reached
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => {
                let pct = ratio_pct(b.count as f64, a.count as f64);
                let target = p.stages.get(a.stage).and_then(|s| s.target_conversion);
                Some(Conversion {
                    from: a.stage,
                    to: b.stage,
                    base: a.count,
                    converted: b.count,
                    pct,
                    target,
                    flag: flag(pct, target),
                })
            }
            _ => None,
        })
        .collect()
}

/// The funnel screen's snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelSnapshot {
    /// Reached count and money per funnel stage.
    pub reached: Vec<Reached>,
    /// Each row as % of the first funnel stage (`None` when the first stage is empty).
    pub pct_of_first: Vec<Option<f64>>,
    /// Conversions between consecutive funnel stages.
    pub steps: Vec<Conversion>,
    /// Deals that reached the won stage (`None` when the list has no won stage).
    pub won_reached: Option<usize>,
    /// Overall conversion: reached(won) / reached(first funnel stage).
    pub overall_pct: Option<f64>,
    /// Deals with no known stage (their stage ids are not in the list).
    pub unplaced: Vec<Id>,
}

/// Reached counts, % of the first stage, step conversions and the overall conversion of
/// `deals`, in one pass.
pub fn funnel_snapshot(p: &Project, deals: &[&Deal]) -> FunnelSnapshot {
    let idx = StageIndex::new(&p.stages);
    let (hist, unplaced) = furthest_histogram(&idx, deals);
    let cum = at_or_after(&hist);
    let reached = reached_rows(&idx, &cum);
    let first = reached.first().map_or(0, |r| r.count);
    let pct_of_first = reached
        .iter()
        .map(|r| ratio_pct(r.count as f64, first as f64))
        .collect();
    let steps = step_conversions(p, &reached);
    let won_reached = idx.won().map(|w| cum.get(w).map_or(0, |c| c.count));
    let overall_pct = won_reached.and_then(|w| ratio_pct(w as f64, first as f64));
    FunnelSnapshot {
        reached,
        pct_of_first,
        steps,
        won_reached,
        overall_pct,
        unplaced,
    }
}

/// What the funnel chart measures: deals or their money.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FunnelMeasure {
    #[default]
    Count,
    Money,
}

/// One bar of the funnel chart in the chosen measure.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelBarFigures {
    /// Index in `p.stages`.
    pub stage: usize,
    pub count: usize,
    pub money: Money,
    /// The bar's length: the count or the money (as a number).
    pub value: f64,
    /// % of the previous stage in the chosen measure (`None` on the first bar or when the
    /// previous one is empty).
    pub pct_prev: Option<f64>,
    /// % of the first stage in the chosen measure.
    pub pct_first: Option<f64>,
    /// The step into this stage is below its target (targets are conversions of deals).
    pub below_target: bool,
}

/// The funnel chart's bars for `measure`: with money, the percentages are of money too (a
/// stage's amount / the previous stage's amount), so the chart never mixes the two.
pub fn funnel_bars(s: &FunnelSnapshot, measure: FunnelMeasure) -> Vec<FunnelBarFigures> {
    let value = |r: &Reached| match measure {
        FunnelMeasure::Count => r.count as f64,
        FunnelMeasure::Money => r.money.as_f64(),
    };
    let first = s.reached.first().map(value);
    s.reached
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let v = value(r);
            let prev = i.checked_sub(1).and_then(|j| s.reached.get(j)).map(value);
            let step = i.checked_sub(1).and_then(|j| s.steps.get(j));
            FunnelBarFigures {
                stage: r.stage,
                count: r.count,
                money: r.money,
                value: v,
                pct_prev: prev.and_then(|p| ratio_pct(v, p)),
                pct_first: first.and_then(|f| ratio_pct(v, f)),
                below_target: step.is_some_and(|c| c.flag == TargetFlag::Below),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Cohort conversion
// ---------------------------------------------------------------------------------------------

/// Cohort conversion of one funnel step for a period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CohortStep {
    /// Index of the earlier stage.
    pub from: usize,
    /// Index of the next funnel stage.
    pub to: usize,
    /// Deals that reached `from` in the period (the cohort).
    pub entered: usize,
    /// Of the cohort: reached `to` (or were won).
    pub moved_on: usize,
    /// Of the cohort: lost before `to`.
    pub lost: usize,
    /// Of the cohort: open or on hold before `to` for longer than `from`'s `typical_days`.
    pub timed_out: usize,
    /// Of the cohort: still young, left out of the ratio.
    pub pending: usize,
    /// `moved_on / (moved_on + lost + timed_out)` as %; the flag compares it with the target.
    pub conversion: Conversion,
}

/// Cohort conversion per funnel step: the deals that reached stage s in `period` (a deal that
/// skipped s reached it with the later stage) and are decided as of `as_of`: moved on to the
/// next funnel stage, lost before it, or sat more than s's `typical_days` days since reaching s
/// without moving on. Undecided deals are `pending`; without `typical_days` an open deal stays
/// pending until it moves or is lost. A won deal always counts as moved on.
pub fn cohort_conversions(
    p: &Project,
    deals: &[&Deal],
    period: Period,
    as_of: NaiveDate,
) -> Vec<CohortStep> {
    let idx = StageIndex::new(&p.stages);
    let pairs: Vec<(usize, usize)> = idx
        .funnel()
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((*a, *b)),
            _ => None,
        })
        .collect();
    let mut steps: Vec<CohortStep> = pairs
        .iter()
        .map(|&(from, to)| CohortStep {
            from,
            to,
            entered: 0,
            moved_on: 0,
            lost: 0,
            timed_out: 0,
            pending: 0,
            conversion: Conversion {
                from,
                to,
                base: 0,
                converted: 0,
                pct: None,
                target: None,
                flag: TargetFlag::NoTarget,
            },
        })
        .collect();
    let mut dates = vec![None; idx.len()];
    for d in deals {
        let Some(max) = idx.max_reached(d) else {
            continue;
        };
        idx.fill_reach_dates(d, &mut dates);
        for st in steps.iter_mut() {
            let Some(reached_on) = dates.get(st.from).copied().flatten() else {
                continue;
            };
            if !period.contains(reached_on) {
                continue;
            }
            st.entered += 1;
            if max >= st.to || d.status == DealStatus::Won {
                st.moved_on += 1;
            } else if d.status == DealStatus::Lost {
                st.lost += 1;
            } else {
                let typical = idx.typical_days.get(st.from).copied().flatten();
                let days = (as_of - reached_on).num_days();
                match typical {
                    Some(t) if days > i64::from(t) => st.timed_out += 1,
                    _ => st.pending += 1,
                }
            }
        }
    }
    for st in steps.iter_mut() {
        let base = st.moved_on + st.lost + st.timed_out;
        let pct = ratio_pct(st.moved_on as f64, base as f64);
        let target = idx.targets.get(st.from).copied().flatten();
        st.conversion = Conversion {
            from: st.from,
            to: st.to,
            base,
            converted: st.moved_on,
            pct,
            target,
            flag: flag(pct, target),
        };
    }
    steps
}

// ---------------------------------------------------------------------------------------------
// Leads
// ---------------------------------------------------------------------------------------------

/// Index of the lead stage: the stage with code `1`, else the first funnel stage, else the
/// first stage.
pub fn lead_stage(p: &Project) -> Option<usize> {
    p.stages
        .iter()
        .position(|s| s.code.trim() == "1")
        .or_else(|| p.stages.iter().position(|s| s.is_funnel))
        .or((!p.stages.is_empty()).then_some(0))
}

/// The date the deal became a lead: the date of its first (earliest) history record when that
/// record is the lead stage; for a deal without history that is at the lead stage, its
/// creation date. `None` when the deal did not start at the lead stage.
fn lead_date(idx: &StageIndex, lead: usize, deal: &Deal) -> Option<NaiveDate> {
    // The earliest entry; on equal dates the one stored first.
    let first: Option<&StageEntry> = deal.history.iter().fold(None, |best, h| match best {
        Some(b) if b.entered <= h.entered => Some(b),
        _ => Some(h),
    });
    match first {
        Some(h) => (idx.pos(h.stage_id) == Some(lead)).then_some(h.entered),
        None => (idx.current(deal) == Some(lead)).then_some(deal.created),
    }
}

/// Leads of a period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Leads {
    /// Leads per client category.
    pub by_category: PerCategory<usize>,
    /// The leads' deal ids, in input order.
    pub deal_ids: Vec<Id>,
}

impl Leads {
    /// All leads of the period.
    pub fn total(&self) -> usize {
        self.deal_ids.len()
    }
}

/// Metric 1 of layer 2 (and metric 2 of layer 3 by category): deals whose first history
/// record is the lead stage ([`lead_stage`]) with a date in `period`.
pub fn leads(p: &Project, deals: &[&Deal], cats: &Categories, period: Period) -> Leads {
    let idx = StageIndex::new(&p.stages);
    let mut out = Leads::default();
    let Some(lead) = lead_stage(p) else {
        return out;
    };
    for d in deals {
        if lead_date(&idx, lead, d).is_some_and(|on| period.contains(on)) {
            *out.by_category.get_mut(deal_category(d, cats)) += 1;
            out.deal_ids.push(d.id);
        }
    }
    out
}

/// The part of a yearly figure that falls on `period`: `per_year` × the period's share of the
/// year by calendar months ([`Period::year_share`]): 65 a year is 16,25 in any quarter.
pub fn prorate(per_year: f64, period: Period) -> f64 {
    per_year * period.year_share()
}

/// Leads against the leads needed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeadsVsNeeded {
    /// Leads counted in the period.
    pub actual: usize,
    /// Leads needed in the period (the yearly need × the period's share, [`prorate`]); shown
    /// rounded to whole by `i18n::format::fmt_needed`, compared exact.
    pub needed: f64,
    /// `actual / needed × 100`, `None` when nothing is needed.
    pub pct: Option<f64>,
}

impl LeadsVsNeeded {
    /// The count the leads are held to when `share_pct` % of the need is enough (the
    /// diagnosis' Θ.leads): `needed × share_pct / 100`.
    pub fn threshold(&self, share_pct: f64) -> f64 {
        self.needed * share_pct / 100.0
    }
    /// Whether the leads reach [`LeadsVsNeeded::threshold`]; `None` when nothing is needed.
    /// The one test behind the dashboard's ✓ and the diagnosis' leads check.
    pub fn meets(&self, share_pct: f64) -> Option<bool> {
        (self.needed > 0.0 && self.needed.is_finite() && share_pct.is_finite())
            .then(|| self.actual as f64 + 1e-9 >= self.threshold(share_pct))
    }
}

/// Compares `actual` leads of `period` with a yearly need (from layer 1) scaled to the period
/// ([`prorate`]): 65 a year is 16,25 for Q1.
pub fn leads_vs_needed(actual: usize, needed_per_year: f64, period: Period) -> LeadsVsNeeded {
    let needed = prorate(needed_per_year, period);
    LeadsVsNeeded {
        actual,
        needed,
        pct: ratio_pct(actual as f64, needed),
    }
}

/// The leads of one category in a period against its need.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryLeads {
    pub category: Category,
    /// Leads counted in the period.
    pub actual: usize,
    /// `None` when layer 1 gives no need for the category.
    pub vs: Option<LeadsVsNeeded>,
    /// The leads' deal ids, in input order.
    pub deal_ids: Vec<Id>,
}

impl CategoryLeads {
    pub fn count(&self) -> usize {
        self.actual
    }
    /// Leads needed in the period (exact).
    pub fn needed(&self) -> Option<f64> {
        self.vs.map(|v| v.needed)
    }
    /// Leads against the need, % (`None` when the need is unknown or zero).
    pub fn share_pct(&self) -> Option<f64> {
        self.vs.and_then(|v| v.pct)
    }
    /// Short of the need (`actual < needed`).
    pub fn short(&self) -> bool {
        self.vs.is_some_and(|v| (v.actual as f64) < v.needed)
    }
}

/// The leads of a period by category, each against its need: the one source of «лиды» and
/// «нужно лидов» for the layer-2 and layer-3 metrics, the dashboard, the diagnosis and the
/// layer report.
#[derive(Clone, Debug, PartialEq)]
pub struct LeadsReport {
    pub period: Period,
    /// All leads of the period (every category and deals without a client).
    pub total: usize,
    /// A, B, C, N in that order.
    pub categories: Vec<CategoryLeads>,
}

impl LeadsReport {
    pub fn category(&self, category: Category) -> Option<&CategoryLeads> {
        self.categories.iter().find(|c| c.category == category)
    }
}

/// Leads ([`leads`]) of `deals` in `period` per category, against the yearly need of each
/// category from layer 1 (`goals`, [`super::plan::project_goals`]) scaled by [`prorate`].
pub fn leads_report(
    p: &Project,
    deals: &[&Deal],
    cats: &Categories,
    goals: &[super::plan::ProjectGoal],
    period: Period,
) -> LeadsReport {
    let l = leads(p, deals, cats, period);
    let category_of: HashMap<Id, Category> = deals
        .iter()
        .map(|d| (d.id, deal_category(d, cats)))
        .collect();
    let categories = [Category::A, Category::B, Category::C, Category::N]
        .into_iter()
        .map(|k| {
            let actual = *l.by_category.get(k);
            let need = goals
                .iter()
                .find(|g| g.category == k)
                .and_then(|g| g.leads_per_year);
            CategoryLeads {
                category: k,
                actual,
                vs: need.map(|n| leads_vs_needed(actual, f64::from(n), period)),
                deal_ids: l
                    .deal_ids
                    .iter()
                    .filter(|id| category_of.get(id) == Some(&k))
                    .copied()
                    .collect(),
            }
        })
        .collect();
    LeadsReport {
        period,
        total: l.total(),
        categories,
    }
}

// ---------------------------------------------------------------------------------------------
// Scoreboard
// ---------------------------------------------------------------------------------------------

/// One cell of the scoreboard: a manager's open deals at one stage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScoreCell {
    /// Open deals in the cell.
    pub count: usize,
    /// Sum of their amounts.
    pub money: Money,
    /// The deals in the cell (for the drill-down list), in input order.
    pub deal_ids: Vec<Id>,
    /// How many of them are stuck (see [`stuck_deals`]).
    pub stuck: usize,
}

/// One manager's row.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreRow {
    /// `None` for deals without a manager.
    pub manager_id: Option<Id>,
    /// One cell per entry of [`Scoreboard::columns`].
    pub cells: Vec<ScoreCell>,
    /// The manager's open deals over all columns.
    pub total: CountMoney,
}

/// A deal that has sat at its current stage longer than twice the stage's typical time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StuckDeal {
    /// The stuck deal.
    pub deal_id: Id,
    /// Index of the current stage.
    pub stage: usize,
    /// Days at the current stage as of the date asked.
    pub days: i64,
    /// The stage's typical days.
    pub typical_days: u32,
}

/// The funnel scoreboard («табло ведения счета»): managers × current stage of the open deals.
#[derive(Clone, Debug, PartialEq)]
pub struct Scoreboard {
    /// Stage indices of the columns: every funnel stage plus any other stage holding an open
    /// deal, in stage order.
    pub columns: Vec<usize>,
    /// The project's managers in order (inactive ones only when they have deals), then
    /// managers not in the list, then the row of deals without a manager if any.
    pub rows: Vec<ScoreRow>,
    /// Totals per column.
    pub column_totals: Vec<CountMoney>,
    /// All open deals on the board.
    pub total: CountMoney,
    /// Stuck deals, longest first.
    pub stuck: Vec<StuckDeal>,
    /// Open deals whose current stage is not in the list.
    pub unplaced: Vec<Id>,
}

impl Scoreboard {
    /// The cell of a manager (`None` = no manager) and a stage index.
    pub fn cell(&self, manager_id: Option<Id>, stage: usize) -> Option<&ScoreCell> {
        let col = self.columns.iter().position(|&c| c == stage)?;
        self.rows
            .iter()
            .find(|r| r.manager_id == manager_id)
            .and_then(|r| r.cells.get(col))
    }

    /// The deal ids behind a cell (empty when there is no such cell).
    pub fn deals_in(&self, manager_id: Option<Id>, stage: usize) -> &[Id] {
        self.cell(manager_id, stage)
            .map_or(&[], |c| c.deal_ids.as_slice())
    }
}

/// Date the deal last entered its current stage: the latest history record of that stage, or
/// the creation date when there is none.
fn entered_current(deal: &Deal) -> NaiveDate {
    deal.history
        .iter()
        .rev()
        .find(|h| h.stage_id == deal.stage_id)
        .map_or(deal.created, |h| h.entered)
}

/// Days the deal has been at its current stage as of `as_of` (since it last entered it).
pub fn days_in_current_stage(deal: &Deal, as_of: NaiveDate) -> i64 {
    (as_of - entered_current(deal)).num_days()
}

fn stuck_check(idx: &StageIndex, deal: &Deal, as_of: NaiveDate) -> Option<StuckDeal> {
    if deal.status != DealStatus::Open {
        return None;
    }
    let stage = idx.current(deal)?;
    let typical = idx.typical_days.get(stage).copied().flatten()?;
    let days = days_in_current_stage(deal, as_of);
    (days > 2 * i64::from(typical)).then_some(StuckDeal {
        deal_id: deal.id,
        stage,
        days,
        typical_days: typical,
    })
}

fn sort_stuck(v: &mut [StuckDeal]) {
    v.sort_by(|a, b| b.days.cmp(&a.days).then(a.stage.cmp(&b.stage)));
}

/// Open deals whose days at the current stage exceed 2 × the stage's `typical_days` as of
/// `as_of`, longest first. Stages without `typical_days` never make a deal stuck.
pub fn stuck_deals(p: &Project, deals: &[&Deal], as_of: NaiveDate) -> Vec<StuckDeal> {
    let idx = StageIndex::new(&p.stages);
    let mut out: Vec<StuckDeal> = deals
        .iter()
        .filter_map(|d| stuck_check(&idx, d, as_of))
        .collect();
    sort_stuck(&mut out);
    out
}

/// The scoreboard of the open deals among `deals` (pass [`filter_deals`]'s result to filter by
/// category, channel or business line); `as_of` dates the stuck check.
pub fn scoreboard(p: &Project, deals: &[&Deal], as_of: NaiveDate) -> Scoreboard {
    let ctx = Ctx::new(p);
    let idx = &ctx.stages;
    // One pass: place every open deal.
    let mut placed: Vec<(Option<Id>, usize, &Deal, bool)> = Vec::with_capacity(deals.len());
    let mut unplaced = vec![];
    let mut used = vec![false; idx.len()];
    let mut stuck = vec![];
    for d in deals.iter().filter(|d| d.status == DealStatus::Open) {
        let Some(stage) = idx.current(d) else {
            unplaced.push(d.id);
            continue;
        };
        if let Some(u) = used.get_mut(stage) {
            *u = true;
        }
        let s = stuck_check(idx, d, as_of);
        if let Some(s) = s {
            stuck.push(s);
        }
        placed.push((ctx.manager(d), stage, d, s.is_some()));
    }
    for &f in idx.funnel() {
        if let Some(u) = used.get_mut(f) {
            *u = true;
        }
    }
    let columns: Vec<usize> = (0..idx.len())
        .filter(|&i| used.get(i).copied().unwrap_or(false))
        .collect();
    let mut col_of = vec![usize::MAX; idx.len()];
    for (c, &s) in columns.iter().enumerate() {
        if let Some(slot) = col_of.get_mut(s) {
            *slot = c;
        }
    }

    // Rows: listed managers, then unknown ids in order of appearance, then "no manager".
    let has_deals: IdSet<Option<Id>> = placed.iter().map(|(m, ..)| *m).collect();
    let mut row_ids: Vec<Option<Id>> = p
        .managers
        .iter()
        .filter(|m| m.active || has_deals.contains(&Some(m.id)))
        .map(|m| Some(m.id))
        .collect();
    let mut row_of: IdMap<Option<Id>, usize> = IdMap::default();
    for (i, r) in row_ids.iter().enumerate() {
        row_of.entry(*r).or_insert(i);
    }
    for (m, ..) in &placed {
        if m.is_some() && !row_of.contains_key(m) {
            row_of.insert(*m, row_ids.len());
            row_ids.push(*m);
        }
    }
    if has_deals.contains(&None) {
        row_of.insert(None, row_ids.len());
        row_ids.push(None);
    }
    let mut rows: Vec<ScoreRow> = row_ids
        .iter()
        .map(|&manager_id| ScoreRow {
            manager_id,
            cells: vec![ScoreCell::default(); columns.len()],
            total: CountMoney::default(),
        })
        .collect();
    let mut column_totals = vec![CountMoney::default(); columns.len()];
    let mut total = CountMoney::default();
    for (m, stage, d, is_stuck) in placed {
        let (Some(&r), Some(&c)) = (row_of.get(&m), col_of.get(stage)) else {
            continue;
        };
        let Some(row) = rows.get_mut(r) else {
            continue;
        };
        if let Some(cell) = row.cells.get_mut(c) {
            cell.count += 1;
            cell.money += d.amount;
            cell.deal_ids.push(d.id);
            cell.stuck += usize::from(is_stuck);
        }
        row.total.add(d.amount);
        if let Some(t) = column_totals.get_mut(c) {
            t.add(d.amount);
        }
        total.add(d.amount);
    }
    sort_stuck(&mut stuck);
    Scoreboard {
        columns,
        rows,
        column_totals,
        total,
        stuck,
        unplaced,
    }
}

// ---------------------------------------------------------------------------------------------
// Money movement and the weighted pipeline
// ---------------------------------------------------------------------------------------------

/// The date a won deal was won: `closed`, or else the date it reached the won stage.
pub fn won_date(p: &Project, deal: &Deal) -> Option<NaiveDate> {
    won_date_with(&StageIndex::new(&p.stages), deal)
}

/// [`won_date`] with the stage index built once by the caller (for loops over many deals).
pub fn won_date_with(idx: &StageIndex, deal: &Deal) -> Option<NaiveDate> {
    deal.closed.or_else(|| {
        let w = idx.won()?;
        deal.history
            .iter()
            .filter(|h| idx.pos(h.stage_id).is_some_and(|i| i >= w))
            .map(|h| h.entered)
            .min()
    })
}

/// The date a lost deal was lost: `closed`, or else its latest history date.
fn lost_date(deal: &Deal) -> Option<NaiveDate> {
    deal.closed
        .or_else(|| deal.history.iter().map(|h| h.entered).max())
}

/// Lost deals of one reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostReason {
    /// The reason as entered (trimmed); empty = not given.
    pub reason: String,
    /// Lost deals with this reason.
    pub count: usize,
    /// Sum of their amounts.
    pub money: Money,
    /// The deals, in input order.
    pub deal_ids: Vec<Id>,
}

/// Movement of money in a period, plus the open pipeline now.
#[derive(Clone, Debug, PartialEq)]
pub struct MoneyMovement {
    /// Won in the period (by [`won_date`]).
    pub won: CountMoney,
    /// The won deals, in input order.
    pub won_deals: Vec<Id>,
    /// Lost in the period (by `closed`, else the latest history date).
    pub lost: CountMoney,
    /// The lost deals, in input order.
    pub lost_deals: Vec<Id>,
    /// Lost deals grouped by reason, most money first.
    pub lost_reasons: Vec<LostReason>,
    /// Open deals by client category (the current snapshot, not limited to the period).
    pub pipeline: PerCategory<CountMoney>,
    /// All open deals.
    pub pipeline_total: CountMoney,
    /// Deals on hold (not in the pipeline).
    pub on_hold: CountMoney,
}

/// Won and lost deals of `period` (count, money, reasons) and the open pipeline by category.
pub fn money_movement(
    p: &Project,
    deals: &[&Deal],
    cats: &Categories,
    period: Period,
) -> MoneyMovement {
    let idx = StageIndex::new(&p.stages);
    let mut m = MoneyMovement {
        won: CountMoney::default(),
        won_deals: vec![],
        lost: CountMoney::default(),
        lost_deals: vec![],
        lost_reasons: vec![],
        pipeline: PerCategory::default(),
        pipeline_total: CountMoney::default(),
        on_hold: CountMoney::default(),
    };
    let mut reason_at: HashMap<&str, usize> = HashMap::new();
    for d in deals {
        match d.status {
            DealStatus::Open => {
                m.pipeline.get_mut(deal_category(d, cats)).add(d.amount);
                m.pipeline_total.add(d.amount);
            }
            DealStatus::OnHold => m.on_hold.add(d.amount),
            DealStatus::Won => {
                if won_date_with(&idx, d).is_some_and(|w| period.contains(w)) {
                    m.won.add(d.amount);
                    m.won_deals.push(d.id);
                }
            }
            DealStatus::Lost => {
                if lost_date(d).is_some_and(|l| period.contains(l)) {
                    m.lost.add(d.amount);
                    m.lost_deals.push(d.id);
                    let reason = d.lost_reason.trim();
                    let i = *reason_at.entry(reason).or_insert_with(|| {
                        m.lost_reasons.push(LostReason {
                            reason: reason.to_string(),
                            count: 0,
                            money: Money::ZERO,
                            deal_ids: vec![],
                        });
                        m.lost_reasons.len() - 1
                    });
                    if let Some(r) = m.lost_reasons.get_mut(i) {
                        r.count += 1;
                        r.money += d.amount;
                        r.deal_ids.push(d.id);
                    }
                }
            }
        }
    }
    m.lost_reasons
        .sort_by(|a, b| b.money.cmp(&a.money).then(a.reason.cmp(&b.reason)));
    m
}

/// The configured win probability of each stage, % (`None` = unknown, not 0 %).
pub fn configured_probabilities(p: &Project) -> Vec<Option<f64>> {
    p.stages.iter().map(|s| s.win_probability).collect()
}

/// Historical odds of winning from a stage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StageOdds {
    /// Closed (won or lost) deals that reached the stage.
    pub closed: usize,
    /// Of them, won.
    pub won: usize,
    /// `won / closed × 100`; `None` when no closed deal reached the stage.
    pub pct: Option<f64>,
}

/// Historical win probability per stage index: among the closed deals (won or lost) that
/// reached the stage, the share that was won. Small samples give rough figures; `closed` says
/// how many deals stand behind each.
pub fn historical_probabilities(p: &Project, deals: &[&Deal]) -> Vec<StageOdds> {
    let idx = StageIndex::new(&p.stages);
    let mut won = vec![0usize; idx.len()];
    let mut lost = vec![0usize; idx.len()];
    for d in deals {
        let bucket = match d.status {
            DealStatus::Won => &mut won,
            DealStatus::Lost => &mut lost,
            _ => continue,
        };
        if let Some(c) = idx.max_reached(d).and_then(|m| bucket.get_mut(m)) {
            *c += 1;
        }
    }
    // Suffix sums turn "furthest stage = s" into "reached ≥ s".
    let mut out = vec![];
    let (mut w, mut l) = (0, 0);
    for s in (0..idx.len()).rev() {
        w += won.get(s).copied().unwrap_or(0);
        l += lost.get(s).copied().unwrap_or(0);
        out.push(StageOdds {
            closed: w + l,
            won: w,
            pct: ratio_pct(w as f64, (w + l) as f64),
        });
    }
    out.reverse();
    out
}

/// The `pct` of each [`StageOdds`], ready for [`weighted_pipeline`].
pub fn odds_as_probabilities(odds: &[StageOdds]) -> Vec<Option<f64>> {
    odds.iter().map(|o| o.pct).collect()
}

/// Σ amount × p(stage) over the open deals.
#[derive(Clone, Debug, PartialEq)]
pub struct WeightedPipeline {
    /// All open deals.
    pub open: CountMoney,
    /// Σ amount × p over the deals whose stage probability is known.
    pub weighted: Money,
    /// Open deals with a known probability (0 % included).
    pub known: CountMoney,
    /// Open deals whose stage has no probability (or whose stage is not in the list).
    pub unknown: CountMoney,
    /// The deals of `unknown`, in input order.
    pub unknown_deals: Vec<Id>,
    /// True when some amount has an unknown probability: `weighted` then covers only `known`.
    pub partial: bool,
}

/// Weighted pipeline of the open deals among `deals`: amount × p(current stage), with `probs`
/// indexed like `p.stages` ([`configured_probabilities`] or [`historical_probabilities`]).
/// A missing probability is not 0 %: those amounts are reported in `unknown` and the result is
/// `partial`. Probabilities are clamped to 0–100 %; a non-finite one counts as unknown.
pub fn weighted_pipeline(p: &Project, deals: &[&Deal], probs: &[Option<f64>]) -> WeightedPipeline {
    let idx = StageIndex::new(&p.stages);
    let mut w = WeightedPipeline {
        open: CountMoney::default(),
        weighted: Money::ZERO,
        known: CountMoney::default(),
        unknown: CountMoney::default(),
        unknown_deals: vec![],
        partial: false,
    };
    for d in deals.iter().filter(|d| d.status == DealStatus::Open) {
        w.open.add(d.amount);
        let prob = idx
            .current(d)
            .and_then(|s| probs.get(s).copied().flatten())
            .filter(|x| x.is_finite());
        match prob {
            Some(pct) => {
                w.known.add(d.amount);
                w.weighted += d.amount.percent(pct.clamp(0.0, 100.0));
            }
            None => {
                w.unknown.add(d.amount);
                w.unknown_deals.push(d.id);
            }
        }
    }
    w.partial = w.unknown.count > 0;
    w
}

/// Pipeline coverage of the remaining plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Coverage {
    /// `weighted / remaining plan × 100`; `None` when the remaining plan is zero or negative
    /// (the plan is met).
    pub pct: Option<f64>,
    /// The weighted figure leaves out amounts of unknown probability.
    pub partial: bool,
    /// The remaining plan the coverage was computed against.
    pub remaining_plan: Money,
}

/// Coverage = weighted pipeline / remaining plan (the plan minus the fact so far, a parameter).
pub fn coverage(w: &WeightedPipeline, remaining_plan: Money) -> Coverage {
    Coverage {
        pct: if remaining_plan > Money::ZERO {
            ratio_pct(w.weighted.as_f64(), remaining_plan.as_f64())
        } else {
            None
        },
        partial: w.partial,
        remaining_plan,
    }
}

/// Where the stage probabilities of a [`PlanCoverage`] come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbabilitySource {
    /// The stage list's own probabilities (at least one stage has one).
    Configured,
    /// No stage has a probability: each stage's historical win odds
    /// ([`historical_probabilities`]) stand in, as an estimate.
    Historical,
}

/// Plan coverage: the weighted pipeline of open deals against the remaining plan. The one
/// definition behind «Покрытие остатка плана» on Слой 2 → Метрики and the diagnosis.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanCoverage {
    pub source: ProbabilitySource,
    pub weighted: WeightedPipeline,
    /// `pct` is `None` when the remaining plan is zero or less, or when no open deal has a
    /// known probability (nothing to weigh).
    pub coverage: Coverage,
}

/// Plan coverage of `deals` as of `as_of`: weighted pipeline ([`weighted_pipeline`]) with the
/// configured stage probabilities, or the historical odds when none is configured, divided by
/// the remaining plan ([`remaining_plan`]).
pub fn plan_coverage(p: &Project, deals: &[&Deal], as_of: NaiveDate) -> PlanCoverage {
    let configured = configured_probabilities(p);
    let (source, probs) = if configured.iter().all(Option::is_none) {
        (
            ProbabilitySource::Historical,
            odds_as_probabilities(&historical_probabilities(p, deals)),
        )
    } else {
        (ProbabilitySource::Configured, configured)
    };
    let weighted = weighted_pipeline(p, deals, &probs);
    let mut coverage = coverage(&weighted, remaining_plan(p, as_of));
    if weighted.known.count == 0 {
        coverage.pct = None;
    }
    PlanCoverage {
        source,
        weighted,
        coverage,
    }
}

// ---------------------------------------------------------------------------------------------
// Editing a deal's stage, status and history
// ---------------------------------------------------------------------------------------------

/// Why a deal's move, status change or history date was refused. The dates are the ones the
/// user gave and the ones they collide with; `i18n::edit::move_error_text` words them.
#[derive(Debug, Clone, PartialEq)]
pub enum MoveError {
    /// `date` is before the deal's creation date `created`.
    BeforeCreated { date: NaiveDate, created: NaiveDate },
    /// `date` is before the deal's latest stage-history record `last`.
    BeforeLastRecord { date: NaiveDate, last: NaiveDate },
    /// A lost deal keeps its stage: reopen it before moving it.
    LostKeepsStage,
    /// A lost deal cannot be marked won: reopen it first.
    LostCannotWin,
    /// The stage is not in the project's stage list.
    UnknownStage,
    /// A won deal cannot go back before the won stage: reopen it first.
    WonCannotGoBack,
    /// The stage list has no won stage.
    NoWonStage,
    /// There is no history record at `index` (0-based).
    NoHistoryRecord { index: usize },
    /// `date` is before the previous history record's date `prev`.
    BeforePrevious { date: NaiveDate, prev: NaiveDate },
    /// `date` is after the next history record's date `next`.
    AfterNext { date: NaiveDate, next: NaiveDate },
    /// `date` is after the date `lost` the deal was lost on.
    AfterLost { date: NaiveDate, lost: NaiveDate },
}

/// A problem of a deal's stage history ([`history_problems`]).
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryProblem {
    /// Record `index` (0-based) is dated `date`, before the deal's creation `created`.
    BeforeCreated {
        index: usize,
        date: NaiveDate,
        created: NaiveDate,
    },
    /// Record `index` (0-based) is dated `date`, before the previous record's `prev`.
    BeforePrevious {
        index: usize,
        date: NaiveDate,
        prev: NaiveDate,
    },
    /// A lost deal's closing date `closed` is before its latest record `last`.
    ClosedBeforeLast { closed: NaiveDate, last: NaiveDate },
}

/// Why an edit of the stage list was refused; `i18n::edit::stage_error_text` words it.
#[derive(Debug, Clone, PartialEq)]
pub enum StageError {
    /// The stage code is empty.
    EmptyCode,
    /// Another stage already has `code`.
    DuplicateCode { code: String },
    /// The stage name is empty.
    EmptyName,
    /// Position `at` (0-based) is past the end of a list of `len` stages.
    InsertPosition { at: usize, len: usize },
    /// A stage with the same id is already in the list.
    DuplicateId,
    /// The list already has a won stage.
    SecondWon,
    /// The stage is not in the project's stage list.
    UnknownStage,
    /// There is no stage at position `pos` (0-based).
    NoPosition { pos: usize },
    /// The stage the deals move to is the stage being deleted.
    TargetIsSelf,
    /// The stage the deals move to is not in the list.
    UnknownTarget,
    /// The won stage cannot be deleted.
    WonNotDeletable,
}

fn check_move_date(deal: &Deal, date: NaiveDate) -> Result<(), MoveError> {
    if date < deal.created {
        return Err(MoveError::BeforeCreated {
            date,
            created: deal.created,
        });
    }
    if let Some(last) = deal.history.iter().map(|h| h.entered).max() {
        if date < last {
            return Err(MoveError::BeforeLastRecord { date, last });
        }
    }
    Ok(())
}

/// Moves a deal to stage `stage_id` on `date`: appends a history entry and sets the current
/// stage. Moving to the current stage changes nothing. A deal without history first gets an
/// entry for its current stage on its creation date, so the move does not erase where it was.
///
/// Errors ([`MoveError`]): the date is before the deal's creation or before its latest
/// history record; the deal is lost (a lost deal keeps its stage; reopen it first).
/// The status is not changed: see [`move_deal_in`] for the won stage and [`set_status`].
pub fn move_deal(deal: &mut Deal, stage_id: Id, date: NaiveDate) -> Result<(), MoveError> {
    if deal.stage_id == stage_id {
        return Ok(());
    }
    if deal.status == DealStatus::Lost {
        return Err(MoveError::LostKeepsStage);
    }
    check_move_date(deal, date)?;
    if deal.history.is_empty() {
        deal.history.push(StageEntry {
            stage_id: deal.stage_id,
            entered: deal.created,
        });
    }
    deal.history.push(StageEntry {
        stage_id,
        entered: date,
    });
    deal.stage_id = stage_id;
    Ok(())
}

/// [`move_deal`] within a stage list: the stage must be in `stages`; moving an open or
/// on-hold deal to the won stage or beyond also marks it won on `date`; a won deal cannot be
/// moved back before the won stage (reopen it first with [`set_status`]).
pub fn move_deal_in(
    stages: &[Stage],
    deal: &mut Deal,
    stage_id: Id,
    date: NaiveDate,
) -> Result<(), MoveError> {
    let idx = StageIndex::new(stages);
    let Some(target) = idx.pos(stage_id) else {
        return Err(MoveError::UnknownStage);
    };
    let won = idx.won();
    let reaches_won = won.is_some_and(|w| target >= w);
    if deal.status == DealStatus::Won && !reaches_won {
        return Err(MoveError::WonCannotGoBack);
    }
    move_deal(deal, stage_id, date)?;
    if reaches_won && matches!(deal.status, DealStatus::Open | DealStatus::OnHold) {
        deal.status = DealStatus::Won;
        deal.closed = Some(date);
        deal.lost_reason.clear();
    }
    Ok(())
}

/// Changes a deal's status on `date`.
///
/// - `Won`: sets `closed` to `date` (the stage is not moved; see [`mark_won`]).
/// - `Lost`: sets `closed` and the reason; the deal keeps its stage, the furthest it reached.
/// - `Open` / `OnHold` (reopening): clears `closed` and the lost reason; `date` is unused.
///
/// A closing date before the deal's creation or its latest history record is an error.
pub fn set_status(
    deal: &mut Deal,
    status: DealStatus,
    date: NaiveDate,
    lost_reason: &str,
) -> Result<(), MoveError> {
    match status {
        DealStatus::Won | DealStatus::Lost => {
            check_move_date(deal, date)?;
            deal.closed = Some(date);
            deal.lost_reason = if status == DealStatus::Lost {
                lost_reason.trim().to_string()
            } else {
                String::new()
            };
        }
        DealStatus::Open | DealStatus::OnHold => {
            deal.closed = None;
            deal.lost_reason.clear();
        }
    }
    deal.status = status;
    Ok(())
}

/// Marks a deal won on `date`: moves it to the won stage first if it has not reached it yet.
pub fn mark_won(stages: &[Stage], deal: &mut Deal, date: NaiveDate) -> Result<(), MoveError> {
    let idx = StageIndex::new(stages);
    let Some(w) = idx.won() else {
        return Err(MoveError::NoWonStage);
    };
    if deal.status == DealStatus::Lost {
        return Err(MoveError::LostCannotWin);
    }
    let won_id = stages.get(w).map(|s| s.id);
    if idx.current(deal).is_none_or(|c| c < w) {
        if let Some(id) = won_id {
            move_deal(deal, id, date)?;
        }
    }
    set_status(deal, DealStatus::Won, date, "")
}

/// Problems of a deal's stage history: dates before the creation date, dates out
/// of order, a lost deal's closing date before its latest record (a won deal may move on to
/// post-sale stages after closing).
pub fn history_problems(deal: &Deal) -> Vec<HistoryProblem> {
    let mut out = vec![];
    for (i, h) in deal.history.iter().enumerate() {
        if h.entered < deal.created {
            out.push(HistoryProblem::BeforeCreated {
                index: i,
                date: h.entered,
                created: deal.created,
            });
        }
    }
    for (i, w) in deal.history.windows(2).enumerate() {
        if let [a, b] = w {
            if b.entered < a.entered {
                out.push(HistoryProblem::BeforePrevious {
                    index: i + 1,
                    date: b.entered,
                    prev: a.entered,
                });
            }
        }
    }
    // A won deal may go on to post-sale stages after closing; a lost one may not.
    let lost_on = deal.closed.filter(|_| deal.status == DealStatus::Lost);
    if let (Some(closed), Some(last)) = (lost_on, deal.history.iter().map(|h| h.entered).max()) {
        if closed < last {
            out.push(HistoryProblem::ClosedBeforeLast { closed, last });
        }
    }
    out
}

/// Changes the date of history record `index` (0-based), keeping the history valid: the date
/// may not be before the deal's creation, before the previous record, after the next record,
/// or after the date a lost deal was lost.
pub fn set_history_date(deal: &mut Deal, index: usize, date: NaiveDate) -> Result<(), MoveError> {
    if index >= deal.history.len() {
        return Err(MoveError::NoHistoryRecord { index });
    }
    if date < deal.created {
        return Err(MoveError::BeforeCreated {
            date,
            created: deal.created,
        });
    }
    if let Some(prev) = index.checked_sub(1).and_then(|i| deal.history.get(i)) {
        if date < prev.entered {
            return Err(MoveError::BeforePrevious {
                date,
                prev: prev.entered,
            });
        }
    }
    if let Some(next) = deal.history.get(index + 1) {
        if date > next.entered {
            return Err(MoveError::AfterNext {
                date,
                next: next.entered,
            });
        }
    }
    if let Some(closed) = deal.closed.filter(|_| deal.status == DealStatus::Lost) {
        if date > closed {
            return Err(MoveError::AfterLost { date, lost: closed });
        }
    }
    if let Some(h) = deal.history.get_mut(index) {
        h.entered = date;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Editing the stage list
// ---------------------------------------------------------------------------------------------

/// A new funnel stage with a fresh id and empty settings (not won, no target, no probability).
pub fn new_stage(code: &str, name_ru: &str) -> Stage {
    Stage {
        id: super::model::new_id(),
        code: code.trim().to_string(),
        name_ru: name_ru.trim().to_string(),
        name_en: String::new(),
        is_funnel: true,
        is_won: false,
        exit_criteria: String::new(),
        role_focus: vec![],
        tools: String::new(),
        target_conversion: None,
        win_probability: None,
        typical_days: None,
    }
}

fn check_code(stages: &[Stage], code: &str, except: Option<Id>) -> Result<(), StageError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(StageError::EmptyCode);
    }
    if stages
        .iter()
        .any(|s| Some(s.id) != except && s.code.trim() == code)
    {
        return Err(StageError::DuplicateCode {
            code: code.to_string(),
        });
    }
    Ok(())
}

/// Inserts `stage` at position `at` (0 = first; the list length = last). Its code must be
/// non-empty and unique, its id new, and it may not be a second won stage (use
/// [`set_won_stage`] to move the "won" mark).
pub fn insert_stage(p: &mut Project, at: usize, mut stage: Stage) -> Result<(), StageError> {
    if at > p.stages.len() {
        return Err(StageError::InsertPosition {
            at,
            len: p.stages.len(),
        });
    }
    if p.stages.iter().any(|s| s.id == stage.id) {
        return Err(StageError::DuplicateId);
    }
    check_code(&p.stages, &stage.code, None)?;
    if stage.is_won && p.stages.iter().any(|s| s.is_won) {
        return Err(StageError::SecondWon);
    }
    if stage.name_ru.trim().is_empty() {
        return Err(StageError::EmptyName);
    }
    stage.code = stage.code.trim().to_string();
    p.stages.insert(at, stage);
    Ok(())
}

/// Renames stage `id`: a new code (non-empty, unique) and Russian name (non-empty).
pub fn rename_stage(p: &mut Project, id: Id, code: &str, name_ru: &str) -> Result<(), StageError> {
    check_code(&p.stages, code, Some(id))?;
    if name_ru.trim().is_empty() {
        return Err(StageError::EmptyName);
    }
    let Some(s) = p.stages.iter_mut().find(|s| s.id == id) else {
        return Err(StageError::UnknownStage);
    };
    s.code = code.trim().to_string();
    s.name_ru = name_ru.trim().to_string();
    Ok(())
}

/// Moves the stage at position `from` to position `to` (both 0-based). Reordering changes what
/// "reached" means for every deal, since stages are compared by position.
pub fn move_stage(p: &mut Project, from: usize, to: usize) -> Result<(), StageError> {
    let n = p.stages.len();
    if from >= n || to >= n {
        return Err(StageError::NoPosition { pos: from.max(to) });
    }
    let s = p.stages.remove(from);
    p.stages.insert(to, s);
    Ok(())
}

/// Marks stage `id` as the won stage and clears the mark on every other stage, so there is
/// exactly one.
pub fn set_won_stage(p: &mut Project, id: Id) -> Result<(), StageError> {
    if !p.stages.iter().any(|s| s.id == id) {
        return Err(StageError::UnknownStage);
    }
    for s in p.stages.iter_mut() {
        s.is_won = s.id == id;
    }
    Ok(())
}

/// Deletes stage `id`, moving everything on it to stage `target`: deals currently there, their
/// history records (two consecutive records of the same stage then merge into the earlier
/// one), the layer-5 checklist (appended to the target's) and coaching notes. The won stage
/// cannot be deleted (mark another stage won first), nor can the target be the stage itself.
pub fn delete_stage(p: &mut Project, id: Id, target: Id) -> Result<(), StageError> {
    let Some(pos) = p.stages.iter().position(|s| s.id == id) else {
        return Err(StageError::UnknownStage);
    };
    if id == target {
        return Err(StageError::TargetIsSelf);
    }
    if !p.stages.iter().any(|s| s.id == target) {
        return Err(StageError::UnknownTarget);
    }
    if p.stages.get(pos).is_some_and(|s| s.is_won) {
        return Err(StageError::WonNotDeletable);
    }
    for d in p.deals.iter_mut() {
        if d.stage_id == id {
            d.stage_id = target;
        }
        let mut touched = false;
        for h in d.history.iter_mut() {
            if h.stage_id == id {
                h.stage_id = target;
                touched = true;
            }
        }
        if touched {
            d.history
                .dedup_by(|later, earlier| later.stage_id == earlier.stage_id);
        }
    }
    // Layer-5 checklists: merge into the target's one, or re-point.
    let mut moved = vec![];
    p.layer5.checklists.retain(|c| {
        if c.stage_id == id {
            moved.push(c.clone());
            false
        } else {
            true
        }
    });
    for mut c in moved {
        match p
            .layer5
            .checklists
            .iter_mut()
            .find(|t| t.stage_id == target)
        {
            Some(t) => {
                t.behaviours.append(&mut c.behaviours);
                t.mistakes.append(&mut c.mistakes);
                t.say.append(&mut c.say);
                t.avoid.append(&mut c.avoid);
            }
            None => {
                c.stage_id = target;
                p.layer5.checklists.push(c);
            }
        }
    }
    for n in p.layer5.coaching.iter_mut() {
        if n.stage_id == Some(id) {
            n.stage_id = Some(target);
        }
    }
    p.stages.remove(pos);
    Ok(())
}

/// How many deals touch stage `id`: currently there or with a history record of it (what
/// [`delete_stage`] has to move elsewhere).
pub fn deals_on_stage(p: &Project, id: Id) -> usize {
    p.deals
        .iter()
        .filter(|d| d.stage_id == id || d.history.iter().any(|h| h.stage_id == id))
        .count()
}

/// The plan left for the plan year as of `as_of`: the company plan minus the fact from the
/// year's start to `as_of` ([`super::plan::fact_in_period`]); never below zero. The base of
/// [`coverage`].
pub fn remaining_plan(p: &Project, as_of: NaiveDate) -> Money {
    let year = Period::year(p.company.plan_year);
    if as_of < year.from {
        return p.layer1.company_plan.max(Money::ZERO);
    }
    let to_date = Period::new(year.from, as_of.min(year.to));
    let (fact, _) = super::plan::fact_in_period(p, to_date, None);
    (p.layer1.company_plan - fact).max(Money::ZERO)
}

/// Order of the deals list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DealSort {
    /// By code, then title.
    #[default]
    Code,
    /// Largest amount first.
    AmountDesc,
    /// Newest first.
    CreatedDesc,
    /// Furthest current stage first.
    StageDesc,
}

/// The deals list of the funnel screen: positions in [`Project::deals`] of the deals among
/// `deals` whose code, title or client name contains `text` (case-insensitive; empty = all)
/// and whose status is `status` (`None` = any), in `sort` order (ties by code).
pub fn list_deals(
    p: &Project,
    text: &str,
    status: Option<DealStatus>,
    sort: DealSort,
) -> Vec<usize> {
    let needle = text.trim().to_lowercase();
    let ctx = Ctx::new(p);
    let mut out: Vec<usize> = p
        .deals
        .iter()
        .enumerate()
        .filter(|(_, d)| status.is_none_or(|s| d.status == s))
        .filter(|(_, d)| {
            needle.is_empty()
                || d.code.to_lowercase().contains(&needle)
                || d.title.to_lowercase().contains(&needle)
                || ctx
                    .client(d)
                    .is_some_and(|c| c.name.to_lowercase().contains(&needle))
        })
        .map(|(i, _)| i)
        .collect();
    let deal = |i: usize| p.deals.get(i);
    let code = |i: usize| deal(i).map(|d| d.code.as_str()).unwrap_or("");
    match sort {
        DealSort::Code => out.sort_by(|&a, &b| code(a).cmp(code(b))),
        DealSort::AmountDesc => out.sort_by(|&a, &b| {
            let (x, y) = (deal(a).map(|d| d.amount), deal(b).map(|d| d.amount));
            y.cmp(&x).then(code(a).cmp(code(b)))
        }),
        DealSort::CreatedDesc => out.sort_by(|&a, &b| {
            let (x, y) = (deal(a).map(|d| d.created), deal(b).map(|d| d.created));
            y.cmp(&x).then(code(a).cmp(code(b)))
        }),
        DealSort::StageDesc => out.sort_by(|&a, &b| {
            let st = |i: usize| deal(i).and_then(|d| ctx.stages.current(d));
            st(b).cmp(&st(a)).then(code(a).cmp(code(b)))
        }),
    }
    out
}

/// A new open deal created on `created` at stage `stage_id`, with that stage as its first
/// history record (so it counts as a lead of that day when the stage is the lead stage).
pub fn new_deal(code: &str, title: &str, stage_id: Id, created: NaiveDate) -> Deal {
    Deal {
        id: super::model::new_id(),
        code: code.trim().to_string(),
        client_id: None,
        manager_id: None,
        channel_id: None,
        business_line_id: None,
        title: title.trim().to_string(),
        amount: Money::ZERO,
        created,
        stage_id,
        status: DealStatus::Open,
        lost_reason: String::new(),
        closed: None,
        next_step: String::new(),
        next_step_date: None,
        history: vec![StageEntry {
            stage_id,
            entered: created,
        }],
        needs: vec![],
        criteria: vec![],
        teo: None,
        proposal: Default::default(),
    }
}

/// A deal code not used yet: `D` and the next number after the largest `D<n>` code.
pub fn next_deal_code(p: &Project) -> String {
    let max = p
        .deals
        .iter()
        .filter_map(|d| d.code.strip_prefix('D').and_then(|n| n.parse::<u64>().ok()))
        .max()
        .unwrap_or(0);
    format!("D{:02}", max + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::model::{new_id, CoachingNote, Proposal, StageChecklist};
    use crate::domain::stages::stage_list_problems;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The demo's categories as docs/METHOD.md §6.2 gives them: K01–K09 A, K10–K19 B, K20–K40 C.
    fn demo_cats(p: &Project) -> Categories {
        p.clients
            .iter()
            .map(|c| {
                let n: u32 = c.code[1..].parse().unwrap();
                let k = match n {
                    1..=9 => Category::A,
                    10..=19 => Category::B,
                    _ => Category::C,
                };
                (c.id, k)
            })
            .collect()
    }

    fn all(p: &Project) -> Vec<&Deal> {
        p.deals.iter().collect()
    }

    fn deal<'a>(p: &'a Project, code: &str) -> &'a Deal {
        p.deals.iter().find(|x| x.code == code).unwrap()
    }

    fn deal_mut<'a>(p: &'a mut Project, code: &str) -> &'a mut Deal {
        p.deals.iter_mut().find(|x| x.code == code).unwrap()
    }

    fn sid(p: &Project, code: &str) -> Id {
        p.stage_by_code(code).unwrap().id
    }

    fn spos(p: &Project, code: &str) -> usize {
        p.stages.iter().position(|s| s.code == code).unwrap()
    }

    fn manager(p: &Project, code: &str) -> Id {
        p.managers.iter().find(|m| m.code == code).unwrap().id
    }

    #[test]
    fn funnel_bars_take_percentages_in_the_chosen_measure() {
        let p = demo_project();
        let snap = funnel_snapshot(&p, &all(&p));
        let count = funnel_bars(&snap, FunnelMeasure::Count);
        let money = funnel_bars(&snap, FunnelMeasure::Money);
        assert_eq!(count.len(), snap.reached.len());
        // 1 → 2.1: 19 of 25 deals = 76 %, but 294 050 of 336 850 thousand = 87 %.
        assert_eq!(count[1].pct_prev.map(f64::round), Some(76.0));
        assert_eq!(money[1].pct_prev.map(f64::round), Some(87.0));
        assert_eq!(money[0].pct_first, Some(100.0));
        assert_eq!(money[0].pct_prev, None);
        for (c, m) in count.iter().zip(&money) {
            assert_eq!((c.stage, c.count, c.money), (m.stage, m.count, m.money));
            assert_eq!(c.value, c.count as f64);
            assert_eq!(m.value, m.money.as_f64());
            // The target flag is about deals, whatever the measure.
            assert_eq!(c.below_target, m.below_target);
        }
        for (i, c) in count.iter().enumerate().skip(1) {
            assert_eq!(c.pct_prev, snap.steps[i - 1].pct);
        }
        // Empty: no percentages, no panic.
        let e = Project::new_empty("x", d(2025, 1, 1));
        let bars = funnel_bars(&funnel_snapshot(&e, &[]), FunnelMeasure::Money);
        assert!(bars
            .iter()
            .all(|b| b.pct_prev.is_none() && b.pct_first.is_none()));
    }

    fn codes(p: &Project, ids: &[Id]) -> Vec<String> {
        let mut v: Vec<String> = ids
            .iter()
            .map(|id| p.deals.iter().find(|x| x.id == *id).unwrap().code.clone())
            .collect();
        v.sort();
        v
    }

    /// A deal of 100 units walking through `hist` (stage code, date); its current stage is the
    /// last record's.
    fn mk(p: &Project, code: &str, hist: &[(&str, NaiveDate)], status: DealStatus) -> Deal {
        let history: Vec<StageEntry> = hist
            .iter()
            .map(|(c, on)| StageEntry {
                stage_id: sid(p, c),
                entered: *on,
            })
            .collect();
        Deal {
            id: new_id(),
            code: code.into(),
            client_id: None,
            manager_id: None,
            channel_id: None,
            business_line_id: None,
            title: code.into(),
            amount: Money::units(100),
            created: hist[0].1,
            stage_id: history.last().unwrap().stage_id,
            status,
            lost_reason: String::new(),
            closed: None,
            next_step: String::new(),
            next_step_date: None,
            history,
            needs: vec![],
            criteria: vec![],
            teo: None,
            proposal: Proposal::default(),
        }
    }

    fn empty_project() -> Project {
        Project::new_empty("Пусто", d(2025, 3, 31))
    }

    fn rounded(x: Option<f64>) -> Option<i64> {
        x.map(|v| v.round() as i64)
    }

    // ---- docs/METHOD.md §6.4 on the demo -------------------------------------------------------

    #[test]
    fn a_new_deal_is_a_lead_of_its_creation_day() {
        let mut p = demo_project();
        assert_eq!(next_deal_code(&p), "D26");
        assert_eq!(next_deal_code(&empty_project()), "D01");
        let lead = sid(&p, "1");
        let nd = new_deal(" D26 ", "Новая", lead, d(2025, 3, 31));
        assert_eq!((nd.code.as_str(), nd.status), ("D26", DealStatus::Open));
        p.deals.push(nd);
        let cats = demo_cats(&p);
        assert_eq!(
            leads(&p, &all(&p), &cats, Period::quarter(2025, 1)).total(),
            15
        );
        assert_eq!(reached_counts(&p, &all(&p))[0].count, 26);
        assert!(history_problems(p.deals.last().unwrap()).is_empty());
    }

    #[test]
    fn list_deals_searches_filters_and_sorts() {
        let p = demo_project();
        let codes_of = |v: Vec<usize>| -> Vec<String> {
            v.into_iter().map(|i| p.deals[i].code.clone()).collect()
        };
        let all = list_deals(&p, "", None, DealSort::Code);
        assert_eq!(all.len(), 25);
        assert_eq!(p.deals[all[0]].code, "D01");
        // The largest deal first, won and lost ones apart.
        assert_eq!(
            codes_of(list_deals(&p, "", None, DealSort::AmountDesc))[0],
            "D01"
        );
        assert_eq!(
            codes_of(list_deals(&p, "", Some(DealStatus::Won), DealSort::Code)),
            ["D10", "D13"]
        );
        assert_eq!(
            codes_of(list_deals(&p, "", Some(DealStatus::Lost), DealSort::Code)),
            ["D17", "D20"]
        );
        // Search by code, title (any case) and client name.
        assert_eq!(
            codes_of(list_deals(&p, "d07", None, DealSort::Code)),
            ["D07"]
        );
        assert!(list_deals(&p, "ТЕПЛООБМЕННИК", None, DealSort::Code).len() >= 4);
        let k01 = p
            .client(p.deals[0].client_id.unwrap())
            .unwrap()
            .name
            .clone();
        assert_eq!(
            codes_of(list_deals(&p, &k01, None, DealSort::Code)),
            ["D01", "D10"]
        );
        // Furthest stage first: D10 is at stage 10.
        assert_eq!(
            codes_of(list_deals(&p, "", None, DealSort::StageDesc))[0],
            "D10"
        );
        assert_eq!(
            codes_of(list_deals(&p, "", None, DealSort::CreatedDesc))[0],
            "D25"
        );
        assert!(list_deals(&p, "нет такого", None, DealSort::Code).is_empty());
        assert!(list_deals(&empty_project(), "", None, DealSort::Code).is_empty());
    }

    #[test]
    fn deals_on_stage_counts_current_and_history() {
        let p = demo_project();
        assert_eq!(deals_on_stage(&p, sid(&p, "1")), 25);
        assert_eq!(deals_on_stage(&p, sid(&p, "10")), 1);
        assert_eq!(deals_on_stage(&p, sid(&p, "11")), 0);
        assert_eq!(deals_on_stage(&empty_project(), sid(&p, "1")), 0);
    }

    #[test]
    fn remaining_plan_of_the_demo_is_plan_minus_q1_fact() {
        let mut p = demo_project();
        assert_eq!(remaining_plan(&p, d(2025, 3, 31)), Money::units(752_000));
        // Before the plan year nothing is done yet; the fact never makes it negative.
        assert_eq!(remaining_plan(&p, d(2024, 12, 31)), Money::units(900_000));
        p.layer1.company_plan = Money::units(100);
        assert_eq!(remaining_plan(&p, d(2025, 3, 31)), Money::ZERO);
    }

    #[test]
    fn demo_reached_counts_are_those_of_domain_6_4() {
        let p = demo_project();
        let r = reached_counts(&p, &all(&p));
        let got: Vec<(&str, usize)> = r
            .iter()
            .map(|x| (p.stages[x.stage].code.as_str(), x.count))
            .collect();
        assert_eq!(
            got,
            vec![
                ("1", 25),
                ("2.1", 19),
                ("2.2", 15),
                ("2.3", 11),
                ("3", 9),
                ("4", 7),
                ("5", 6),
                ("6", 5),
                ("7", 3),
                ("8", 2)
            ]
        );
        let total: Money = p.deals.iter().map(|x| x.amount).sum();
        assert_eq!(r[0].money, total);
        // Stage 8 was reached by D13 (won at 8) and D10 (won, now at 10).
        assert_eq!(r[9].money, Money::units(27_000 + 4_800));
        // The free function and the index agree on every deal.
        let idx = StageIndex::new(&p.stages);
        for x in &p.deals {
            assert_eq!(max_stage_reached(&p, x), idx.max_reached(x), "{}", x.code);
        }
        assert_eq!(max_stage_reached(&p, deal(&p, "D10")), Some(spos(&p, "10")));
    }

    #[test]
    fn demo_conversions_are_those_of_domain_6_4() {
        let p = demo_project();
        let s = funnel_snapshot(&p, &all(&p));
        let step = |a: &str, b: &str| {
            *s.steps
                .iter()
                .find(|c| c.from == spos(&p, a) && c.to == spos(&p, b))
                .unwrap()
        };
        assert_eq!(rounded(step("1", "2.1").pct), Some(76));
        assert_eq!(rounded(step("2.1", "2.2").pct), Some(79));
        assert_eq!(rounded(step("2.2", "2.3").pct), Some(73));
        assert_eq!(rounded(step("2.3", "3").pct), Some(82));
        assert_eq!(rounded(step("6", "7").pct), Some(60));
        assert_eq!((step("6", "7").base, step("6", "7").converted), (5, 3));
        assert_eq!(s.steps.len(), 9);
        // Flags against the default targets (50 / 60 / 60 / 60 / 70 …).
        assert_eq!(step("1", "2.1").flag, TargetFlag::Met);
        assert_eq!(step("6", "7").target, Some(70.0));
        assert_eq!(step("6", "7").flag, TargetFlag::Below);
        // % of the first stage and the overall conversion 1 → won.
        assert_eq!(s.pct_of_first[0], Some(100.0));
        assert_eq!(rounded(s.pct_of_first[1]), Some(76));
        assert_eq!(s.won_reached, Some(2));
        assert_eq!(s.overall_pct, Some(8.0));
        assert!(s.unplaced.is_empty());
    }

    #[test]
    fn demo_leads_of_q1_2025_are_14() {
        let p = demo_project();
        let cats = demo_cats(&p);
        let q1 = Period::quarter(2025, 1);
        let l = leads(&p, &all(&p), &cats, q1);
        assert_eq!(l.total(), 14);
        assert_eq!(
            (l.by_category.a, l.by_category.b, l.by_category.c),
            (5, 4, 5)
        );
        assert_eq!(l.by_category.n, 0);
        assert_eq!(l.by_category.total(), 14);
        assert_eq!(
            codes(&p, &l.deal_ids),
            [
                "D05", "D07", "D08", "D09", "D11", "D12", "D15", "D16", "D18", "D21", "D22", "D23",
                "D24", "D25"
            ]
        );
        // A leads against 65 a year (layer 1): ≈ 16 for the quarter, so 31 %.
        let a = leads_vs_needed(l.by_category.a, 65.0, q1);
        assert_eq!(a.needed.round(), 16.0);
        assert_eq!(rounded(a.pct), Some(31));
        // B: 76 a year ≈ 19 a quarter.
        assert_eq!(leads_vs_needed(4, 76.0, q1).needed.round(), 19.0);
        // Leads of A and B only, through the filter (layer 3's metric 2).
        let ab = DealFilter {
            categories: vec![Category::A, Category::B],
            ..DealFilter::default()
        };
        let deals = filter_deals(&p, &ab, &cats);
        assert_eq!(leads(&p, &deals, &cats, q1).total(), 9);
    }

    #[test]
    fn demo_scoreboard_has_the_stage_1_deals_per_manager() {
        let p = demo_project();
        let sb = scoreboard(&p, &all(&p), d(2025, 3, 31));
        let one = spos(&p, "1");
        let per: Vec<usize> = ["M1", "M2", "M3", "M4"]
            .iter()
            .map(|m| sb.cell(Some(manager(&p, m)), one).unwrap().count)
            .collect();
        assert_eq!(per, vec![0, 2, 2, 2]);
        assert_eq!(
            codes(&p, sb.deals_in(Some(manager(&p, "M2")), one)),
            ["D08", "D25"]
        );
        // Rows are the four managers; columns the ten funnel stages.
        assert_eq!(sb.rows.len(), 4);
        assert_eq!(sb.columns, (0..10).collect::<Vec<_>>());
        // 21 open deals, 297 550 (= 273 000 + 20 300 + 4 250).
        assert_eq!(sb.total.count, 21);
        assert_eq!(sb.total.money, Money::units(297_550));
        let by_rows: usize = sb.rows.iter().map(|r| r.total.count).sum();
        let by_cols: Money = sb.column_totals.iter().map(|c| c.money).sum();
        assert_eq!((by_rows, by_cols), (21, Money::units(297_550)));
        assert_eq!(sb.column_totals[one].count, 6);
        // M1: D04 (7), D06 (6), D15 (2.1), D19 (4), D21 (3), D22 (2.1).
        let m1 = sb
            .rows
            .iter()
            .find(|r| r.manager_id == Some(manager(&p, "M1")))
            .unwrap();
        assert_eq!(m1.total.count, 6);
        assert_eq!(
            m1.total.money,
            Money::units(25_000 + 30_000 + 2_600 + 1_800 + 900 + 1_200)
        );
        // D18 has sat at stage 1 since 27.01 (63 days > 2 × 30); the other open deals moved
        // recently or are young leads.
        assert_eq!(sb.stuck.len(), 1);
        assert_eq!(sb.stuck[0].deal_id, deal(&p, "D18").id);
        assert_eq!(sb.stuck[0].days, 63);
        assert_eq!(sb.cell(Some(manager(&p, "M4")), one).unwrap().stuck, 1);
        assert_eq!(stuck_deals(&p, &all(&p), d(2025, 3, 31)), sb.stuck);
        assert!(stuck_deals(&p, &all(&p), d(2025, 3, 28)).is_empty());
        assert!(sb.unplaced.is_empty());
        assert!(sb.cell(None, one).is_none());
        assert!(sb.deals_in(None, one).is_empty());
    }

    #[test]
    fn demo_open_pipeline_by_category() {
        let p = demo_project();
        let cats = demo_cats(&p);
        let m = money_movement(&p, &all(&p), &cats, Period::quarter(2025, 1));
        let cm = |count, units| CountMoney {
            count,
            money: Money::units(units),
        };
        assert_eq!(m.pipeline.a, cm(10, 273_000));
        assert_eq!(m.pipeline.b, cm(6, 20_300));
        assert_eq!(m.pipeline.c, cm(5, 4_250));
        assert_eq!(m.pipeline.n, CountMoney::default());
        assert_eq!(m.pipeline_total, cm(21, 297_550));
        assert_eq!(m.pipeline.total(), m.pipeline_total);
        assert_eq!(m.on_hold, CountMoney::default());
        // Q1 2025 in the generated demo history: D13 won (18.03), D20 lost (04.02, no budget).
        assert_eq!(codes(&p, &m.won_deals), ["D13"]);
        assert_eq!(m.won, cm(1, 4_800));
        assert_eq!(codes(&p, &m.lost_deals), ["D20"]);
        assert_eq!(m.lost, cm(1, 2_300));
        assert_eq!(m.lost_reasons.len(), 1);
        assert_eq!(m.lost_reasons[0].reason, "Нет бюджета");
        // 2024: D10 won, D17 lost in a tender.
        let y = money_movement(&p, &all(&p), &cats, Period::year(2024));
        assert_eq!(codes(&p, &y.won_deals), ["D10"]);
        assert_eq!(codes(&p, &y.lost_deals), ["D17"]);
        assert_eq!(y.lost_reasons[0].reason, "Тендер, цена");
        assert_eq!(y.lost_reasons[0].money, Money::units(5_200));
    }

    // ---- Filters --------------------------------------------------------------------------

    #[test]
    fn filters_by_category_manager_channel_line_and_period() {
        let p = demo_project();
        let cats = demo_cats(&p);
        let n = |f: &DealFilter| filter_deals(&p, f, &cats).len();
        assert_eq!(n(&DealFilter::default()), 25);
        assert!(DealFilter::default().is_empty());
        let a = DealFilter {
            categories: vec![Category::A],
            ..DealFilter::default()
        };
        assert_eq!(n(&a), 11);
        let ra = reached_counts(&p, &filter_deals(&p, &a, &cats));
        assert_eq!(ra[0].count, 11);
        assert!(ra.windows(2).all(|w| w[0].count >= w[1].count));
        let m2 = DealFilter {
            manager_id: Some(manager(&p, "M2")),
            ..DealFilter::default()
        };
        assert_eq!(
            codes(
                &p,
                &filter_deals(&p, &m2, &cats)
                    .iter()
                    .map(|x| x.id)
                    .collect::<Vec<_>>()
            ),
            ["D01", "D07", "D08", "D10", "D17", "D25"]
        );
        let distributors = DealFilter {
            channel_id: Some(p.channels[1].id),
            ..DealFilter::default()
        };
        // D04, D07, D13, D18, D21.
        assert_eq!(n(&distributors), 5);
        let lines: usize = p
            .business_lines
            .iter()
            .map(|l| {
                n(&DealFilter {
                    business_line_id: Some(l.id),
                    ..DealFilter::default()
                })
            })
            .sum();
        assert_eq!(lines, 25);
        let created_q1 = DealFilter {
            created_in: Some(Period::quarter(2025, 1)),
            ..DealFilter::default()
        };
        assert_eq!(n(&created_q1), 14);
        // Alive in Q1 2025: everything except D10 (won 2024) and D17 (lost 2024).
        let active = DealFilter {
            active_in: Some(Period::quarter(2025, 1)),
            ..DealFilter::default()
        };
        assert_eq!(n(&active), 23);
        // Combined: A and M2 → D01, D07, D08, D10.
        let both = DealFilter {
            categories: vec![Category::A],
            manager_id: Some(manager(&p, "M2")),
            ..DealFilter::default()
        };
        assert_eq!(n(&both), 4);
    }

    #[test]
    fn deal_attributes_fall_back_to_the_client() {
        let mut p = demo_project();
        let cats = demo_cats(&p);
        let m2 = manager(&p, "M2");
        let d01 = deal_mut(&mut p, "D01");
        d01.manager_id = None;
        d01.channel_id = None;
        d01.business_line_id = None;
        let d01 = deal(&p, "D01").clone();
        assert_eq!(deal_manager(&p, &d01), Some(m2));
        let f = DealFilter {
            manager_id: Some(m2),
            channel_id: p.client(d01.client_id.unwrap()).unwrap().channel_id,
            ..DealFilter::default()
        };
        assert!(filter_deals(&p, &f, &cats).iter().any(|x| x.code == "D01"));
        // K01 buys both lines, so D01's line is unknown and a line filter drops it.
        let f = DealFilter {
            business_line_id: Some(p.business_lines[0].id),
            ..DealFilter::default()
        };
        assert!(!filter_deals(&p, &f, &cats).iter().any(|x| x.code == "D01"));
        // A deal without a client is category N.
        let mut orphan = d01.clone();
        orphan.client_id = None;
        assert_eq!(deal_category(&orphan, &cats), Category::N);
        assert_eq!(deal_category(&d01, &cats), Category::A);
        assert_eq!(deal_category(&d01, &Categories::new()), Category::N);
    }

    // ---- Edge cases ---------------------------------------------------------------------------

    #[test]
    fn a_deal_lost_at_2_2_keeps_that_stage() {
        let p = demo_project();
        let d20 = deal(&p, "D20");
        assert_eq!(d20.status, DealStatus::Lost);
        assert_eq!(max_stage_reached(&p, d20), Some(spos(&p, "2.2")));
        let without: Vec<&Deal> = p.deals.iter().filter(|x| x.code != "D20").collect();
        let with = reached_counts(&p, &all(&p));
        let wo = reached_counts(&p, &without);
        let diff: Vec<usize> = with
            .iter()
            .zip(&wo)
            .map(|(a, b)| a.count - b.count)
            .collect();
        assert_eq!(diff, vec![1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
        // Lost, so not on the scoreboard and not in the pipeline.
        let sb = scoreboard(&p, &all(&p), d(2025, 3, 31));
        assert!(sb
            .rows
            .iter()
            .all(|r| r.cells.iter().all(|c| !c.deal_ids.contains(&d20.id))));
    }

    #[test]
    fn a_deal_that_skipped_a_stage_reached_it() {
        let p = demo_project();
        let skip = mk(
            &p,
            "S",
            &[("1", d(2025, 1, 10)), ("2.2", d(2025, 2, 10))],
            DealStatus::Open,
        );
        assert_eq!(max_stage_reached(&p, &skip), Some(spos(&p, "2.2")));
        let r = reached_counts(&p, &[&skip]);
        assert_eq!(
            r.iter().map(|x| x.count).collect::<Vec<_>>(),
            vec![1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
        );
        // It reached 2.1 on the day it reached 2.2.
        let dates = StageIndex::new(&p.stages).reach_dates(&skip);
        assert_eq!(dates[spos(&p, "1")], Some(d(2025, 1, 10)));
        assert_eq!(dates[spos(&p, "2.1")], Some(d(2025, 2, 10)));
        assert_eq!(dates[spos(&p, "2.2")], Some(d(2025, 2, 10)));
        assert_eq!(dates[spos(&p, "2.3")], None);
        // And it is in the 2.1 cohort of February, as moved on.
        let feb = Period::new(d(2025, 2, 1), d(2025, 2, 28));
        let c = cohort_conversions(&p, &[&skip], feb, d(2025, 3, 31));
        assert_eq!((c[1].entered, c[1].moved_on), (1, 1));
        assert_eq!(c[0].entered, 0);
    }

    #[test]
    fn a_deal_moved_backwards_counts_its_furthest_stage() {
        let p = demo_project();
        let back = mk(
            &p,
            "R",
            &[
                ("1", d(2025, 1, 10)),
                ("2.1", d(2025, 1, 20)),
                ("2.2", d(2025, 2, 1)),
                ("2.1", d(2025, 3, 1)),
            ],
            DealStatus::Open,
        );
        assert_eq!(max_stage_reached(&p, &back), Some(spos(&p, "2.2")));
        assert_eq!(reached_counts(&p, &[&back])[2].count, 1);
        // On the scoreboard it sits at its current stage, 2.1, since 01.03.
        let sb = scoreboard(&p, &[&back], d(2025, 3, 31));
        assert_eq!(sb.cell(None, spos(&p, "2.1")).unwrap().count, 1);
        assert_eq!(sb.cell(None, spos(&p, "2.2")).unwrap().count, 0);
        assert_eq!(days_in_current_stage(&back, d(2025, 3, 31)), 30);
        assert!(sb.stuck.is_empty());
        // Weighted by its current stage.
        let mut probs = vec![None; p.stages.len()];
        probs[spos(&p, "2.1")] = Some(10.0);
        probs[spos(&p, "2.2")] = Some(50.0);
        assert_eq!(
            weighted_pipeline(&p, &[&back], &probs).weighted,
            Money::units(10)
        );
    }

    #[test]
    fn stuck_deals_exceed_twice_the_typical_days() {
        let p = demo_project();
        // Stage 1 has typical_days = 30.
        let old = mk(&p, "OLD", &[("1", d(2024, 12, 1))], DealStatus::Open);
        let edge = mk(&p, "EDGE", &[("1", d(2025, 1, 30))], DealStatus::Open);
        let paused = mk(&p, "HOLD", &[("1", d(2024, 1, 1))], DealStatus::OnHold);
        let as_of = d(2025, 3, 31);
        assert_eq!(days_in_current_stage(&edge, as_of), 60);
        let s = stuck_deals(&p, &[&old, &edge, &paused], as_of);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].deal_id, old.id);
        assert_eq!((s[0].days, s[0].typical_days), (120, 30));
        let sb = scoreboard(&p, &[&old, &edge, &paused], as_of);
        assert_eq!(sb.stuck, s);
        let cell = sb.cell(None, spos(&p, "1")).unwrap();
        assert_eq!((cell.count, cell.stuck), (2, 1));
        // Stage 8 has no typical time: never stuck.
        let won_stage = mk(&p, "W", &[("8", d(2020, 1, 1))], DealStatus::Open);
        assert!(stuck_deals(&p, &[&won_stage], as_of).is_empty());
    }

    #[test]
    fn an_empty_period_has_nothing() {
        let p = demo_project();
        let cats = demo_cats(&p);
        let empty = Period::quarter(2030, 2);
        assert_eq!(leads(&p, &all(&p), &cats, empty), Leads::default());
        let m = money_movement(&p, &all(&p), &cats, empty);
        assert_eq!(
            (m.won, m.lost),
            (CountMoney::default(), CountMoney::default())
        );
        assert!(m.lost_reasons.is_empty());
        // The pipeline is the current snapshot, whatever the period.
        assert_eq!(m.pipeline_total.count, 21);
        let c = cohort_conversions(&p, &all(&p), empty, d(2030, 6, 30));
        assert_eq!(c.len(), 9);
        assert!(c.iter().all(|s| s.entered == 0
            && s.conversion.pct.is_none()
            && s.conversion.flag == TargetFlag::NoData));
        let l = leads_vs_needed(0, 0.0, empty);
        assert_eq!((l.needed, l.pct), (0.0, None));
        let f = DealFilter {
            created_in: Some(empty),
            ..DealFilter::default()
        };
        assert!(filter_deals(&p, &f, &cats).is_empty());
    }

    #[test]
    fn an_empty_project_gives_empty_reports() {
        let p = empty_project();
        let cats = Categories::new();
        let deals = filter_deals(&p, &DealFilter::default(), &cats);
        assert!(deals.is_empty());
        let s = funnel_snapshot(&p, &deals);
        assert_eq!(s.reached.len(), 10);
        assert!(s.reached.iter().all(|r| r.count == 0 && r.money.is_zero()));
        assert!(s.pct_of_first.iter().all(Option::is_none));
        assert!(s.steps.iter().all(|c| c.pct.is_none()));
        assert_eq!(s.won_reached, Some(0));
        assert_eq!(s.overall_pct, None);
        let sb = scoreboard(&p, &deals, d(2025, 3, 31));
        assert!(sb.rows.is_empty());
        assert_eq!(sb.columns.len(), 10);
        assert_eq!(sb.total, CountMoney::default());
        let w = weighted_pipeline(&p, &deals, &configured_probabilities(&p));
        assert!(!w.partial && w.weighted.is_zero());
        assert_eq!(coverage(&w, Money::units(100)).pct, Some(0.0));
        assert_eq!(leads(&p, &deals, &cats, Period::year(2025)).total(), 0);
        assert!(historical_probabilities(&p, &deals)
            .iter()
            .all(|o| o.pct.is_none() && o.closed == 0));
        // No stages at all.
        let mut bare = empty_project();
        bare.stages.clear();
        assert!(reached_counts(&bare, &[]).is_empty());
        assert_eq!(lead_stage(&bare), None);
        assert!(cohort_conversions(&bare, &[], Period::year(2025), d(2025, 1, 1)).is_empty());
        assert_eq!(funnel_snapshot(&bare, &[]).won_reached, None);
        // A deal whose stage is not in the list is reported, not counted.
        let stray = mk(&p, "X", &[("1", d(2025, 1, 1))], DealStatus::Open);
        let s = funnel_snapshot(&bare, &[&stray]);
        assert_eq!(s.unplaced, vec![stray.id]);
        assert_eq!(
            scoreboard(&bare, &[&stray], d(2025, 2, 1)).unplaced,
            vec![stray.id]
        );
        assert!(weighted_pipeline(&bare, &[&stray], &[]).partial);
    }

    // ---- Probabilities and coverage -------------------------------------------------------------

    #[test]
    fn zero_percent_is_not_unknown() {
        let mut p = demo_project();
        for s in p.stages.iter_mut() {
            s.win_probability = None;
        }
        let i1 = spos(&p, "1");
        p.stages[i1].win_probability = Some(0.0);
        let w = weighted_pipeline(&p, &all(&p), &configured_probabilities(&p));
        assert_eq!(w.weighted, Money::ZERO);
        // The six stage-1 deals are known at 0 %; the other 15 are unknown.
        assert_eq!(w.known.count, 6);
        assert_eq!(w.known.money, Money::units(42_800));
        assert_eq!(w.unknown.count, 15);
        assert_eq!(w.unknown.money, Money::units(297_550 - 42_800));
        assert_eq!(w.unknown_deals.len(), 15);
        assert!(w.partial);
        assert_eq!(w.open.count, 21);
        let c = coverage(&w, Money::units(752_000));
        assert_eq!(c.pct, Some(0.0));
        assert!(c.partial);
        // Nothing known: still partial, and 0, not a made-up figure.
        let none = weighted_pipeline(&p, &all(&p), &vec![None; p.stages.len()]);
        assert_eq!((none.known.count, none.unknown.count), (0, 21));
        assert!(none.partial);
    }

    #[test]
    fn weighted_pipeline_and_coverage_on_the_demo() {
        let mut p = demo_project();
        for (code, pct) in [
            ("1", 5.0),
            ("2.1", 10.0),
            ("2.2", 20.0),
            ("2.3", 30.0),
            ("3", 40.0),
            ("4", 50.0),
            ("5", 60.0),
            ("6", 70.0),
            ("7", 85.0),
        ] {
            let i = spos(&p, code);
            p.stages[i].win_probability = Some(pct);
        }
        let w = weighted_pipeline(&p, &all(&p), &configured_probabilities(&p));
        assert!(!w.partial);
        assert_eq!(w.known.money, Money::units(297_550));
        // 2 140 + 3 180 + 5 070 + 13 770 + 14 760 + 900 + 34 800 + 21 000 + 21 250.
        assert_eq!(w.weighted, Money::units(116_870));
        // Remaining plan: 900 000 − 148 000 (Q1 fact) = 752 000.
        let c = coverage(&w, Money::units(752_000));
        assert_eq!(c.pct.map(|x| (x * 10.0).round() / 10.0), Some(15.5));
        assert!(!c.partial);
        assert_eq!(coverage(&w, Money::ZERO).pct, None);
        assert_eq!(coverage(&w, Money::units(-5)).pct, None);
        // Out-of-range probabilities are clamped, non-finite ones are unknown.
        let mut probs = configured_probabilities(&p);
        probs[spos(&p, "5")] = Some(150.0);
        probs[spos(&p, "7")] = Some(f64::NAN);
        let w2 = weighted_pipeline(&p, &all(&p), &probs);
        assert_eq!(
            w2.weighted,
            Money::units(116_870 - 34_800 + 58_000 - 21_250)
        );
        assert_eq!(w2.unknown.money, Money::units(25_000));
        assert!(w2.partial);
    }

    #[test]
    fn historical_probabilities_from_closed_deals() {
        let p = demo_project();
        let odds = historical_probabilities(&p, &all(&p));
        let at = |code: &str| odds[spos(&p, code)];
        // Closed: D10 won (10), D13 won (8), D17 lost (6), D20 lost (2.2).
        assert_eq!(
            (at("1").closed, at("1").won, at("1").pct),
            (4, 2, Some(50.0))
        );
        assert_eq!((at("2.3").closed, at("2.3").won), (3, 2));
        assert_eq!((at("7").closed, at("7").pct), (2, Some(100.0)));
        assert_eq!((at("10").closed, at("10").pct), (1, Some(100.0)));
        assert_eq!((at("11").closed, at("11").pct), (0, None));
        let probs = odds_as_probabilities(&odds);
        let w = weighted_pipeline(&p, &all(&p), &probs);
        // Every open deal sits at a stage some closed deal reached.
        assert!(!w.partial);
        assert!(w.weighted > Money::ZERO && w.weighted <= w.open.money);
    }

    // ---- Cohort conversion ----------------------------------------------------------------------

    #[test]
    fn cohort_conversion_counts_decided_deals_only() {
        let p = demo_project();
        let q1 = Period::quarter(2025, 1);
        let as_of = d(2025, 3, 31);
        let moved = mk(
            &p,
            "A",
            &[("1", d(2025, 1, 10)), ("2.1", d(2025, 2, 1))],
            DealStatus::Open,
        );
        let mut lost = mk(&p, "B", &[("1", d(2025, 1, 15))], DealStatus::Lost);
        lost.closed = Some(d(2025, 2, 1));
        let old = mk(&p, "C", &[("1", d(2025, 1, 5))], DealStatus::Open);
        let young = mk(&p, "E", &[("1", d(2025, 3, 20))], DealStatus::Open);
        let earlier = mk(
            &p,
            "F",
            &[("1", d(2024, 12, 1)), ("2.1", d(2025, 1, 10))],
            DealStatus::Open,
        );
        let skip = mk(
            &p,
            "G",
            &[("1", d(2025, 2, 1)), ("2.2", d(2025, 2, 10))],
            DealStatus::Open,
        );
        let deals = [&moved, &lost, &old, &young, &earlier, &skip];
        let c = cohort_conversions(&p, &deals, q1, as_of);
        // 1 → 2.1: A and G moved on, B lost, C sat 85 days (> 30), E is 11 days old.
        let s = c[0];
        assert_eq!(
            (s.entered, s.moved_on, s.lost, s.timed_out, s.pending),
            (5, 2, 1, 1, 1)
        );
        assert_eq!((s.conversion.base, s.conversion.converted), (4, 2));
        assert_eq!(s.conversion.pct, Some(50.0));
        assert_eq!(s.conversion.flag, TargetFlag::Met);
        // 2.1 → 2.2: A (since 01.02) and F (since 10.01) timed out, G moved on.
        let s = c[1];
        assert_eq!((s.entered, s.moved_on, s.timed_out), (3, 1, 2));
        assert_eq!(rounded(s.conversion.pct), Some(33));
        assert_eq!(s.conversion.flag, TargetFlag::Below);
        // 2.2 → 2.3: G since 10.02, 49 days > 30.
        assert_eq!((c[2].entered, c[2].timed_out), (1, 1));
        // Without a typical time the old open deal is pending instead.
        let mut q = p.clone();
        q.stages[0].typical_days = None;
        let s = cohort_conversions(&q, &deals, q1, as_of)[0];
        assert_eq!((s.timed_out, s.pending), (0, 2));
        // The snapshot ratio for the same deals differs: it counts everybody.
        let snap = funnel_snapshot(&p, &deals);
        assert_eq!(rounded(snap.steps[0].pct), Some(50));
        assert_eq!(snap.reached[0].count, 6);
    }

    #[test]
    fn cohort_conversion_on_the_demo_adds_up() {
        let p = demo_project();
        let c = cohort_conversions(&p, &all(&p), Period::quarter(2025, 1), d(2025, 3, 31));
        for s in &c {
            assert_eq!(
                s.entered,
                s.moved_on + s.lost + s.timed_out + s.pending,
                "{s:?}"
            );
            assert!(s.conversion.pct.is_none_or(|x| (0.0..=100.0).contains(&x)));
        }
        // The 14 Q1 leads plus the older deals that reached stage 1 … none: stage 1 of the
        // older deals was reached before Q1.
        assert_eq!(c[0].entered, 14);
    }

    // ---- Moving deals, status and history ----------------------------------------------------

    #[test]
    fn move_deal_appends_history_and_validates_dates() {
        let p = demo_project();
        let mut x = deal(&p, "D08").clone(); // at 1 since 2025-03-03
        let s21 = sid(&p, "2.1");
        let err = move_deal(&mut x, s21, d(2025, 3, 1)).unwrap_err();
        assert_eq!(
            err,
            MoveError::BeforeCreated {
                date: d(2025, 3, 1),
                created: x.created
            }
        );
        assert_eq!(x.history.len(), 1);
        move_deal(&mut x, s21, d(2025, 3, 20)).unwrap();
        assert_eq!(x.stage_id, s21);
        assert_eq!(x.history.len(), 2);
        assert_eq!(x.history[1].entered, d(2025, 3, 20));
        let err = move_deal(&mut x, sid(&p, "2.2"), d(2025, 3, 10)).unwrap_err();
        assert_eq!(
            err,
            MoveError::BeforeLastRecord {
                date: d(2025, 3, 10),
                last: d(2025, 3, 20)
            }
        );
        // Same stage: nothing happens.
        move_deal(&mut x, s21, d(2025, 3, 25)).unwrap();
        assert_eq!(x.history.len(), 2);
        // A lost deal keeps its stage.
        let mut l = deal(&p, "D20").clone();
        assert_eq!(
            move_deal(&mut l, sid(&p, "2.3"), d(2025, 3, 30)),
            Err(MoveError::LostKeepsStage)
        );
        // No history: the current stage is recorded first.
        let mut bare = deal(&p, "D12").clone();
        bare.history.clear();
        move_deal(&mut bare, sid(&p, "2.3"), d(2025, 3, 30)).unwrap();
        assert_eq!(bare.history[0].stage_id, sid(&p, "2.2"));
        assert_eq!(bare.history[0].entered, bare.created);
        assert_eq!(bare.history[1].stage_id, sid(&p, "2.3"));
        assert!(history_problems(&bare).is_empty());
    }

    #[test]
    fn moving_into_the_won_stage_wins_the_deal() {
        let p = demo_project();
        let mut x = deal(&p, "D04").clone(); // open at 7
        move_deal_in(&p.stages, &mut x, sid(&p, "8"), d(2025, 4, 2)).unwrap();
        assert_eq!(x.status, DealStatus::Won);
        assert_eq!(x.closed, Some(d(2025, 4, 2)));
        // Post-sale stages are fine, going back before «won» is not.
        move_deal_in(&p.stages, &mut x, sid(&p, "9"), d(2025, 4, 20)).unwrap();
        assert_eq!(x.status, DealStatus::Won);
        let err = move_deal_in(&p.stages, &mut x, sid(&p, "7"), d(2025, 4, 21)).unwrap_err();
        assert_eq!(err, MoveError::WonCannotGoBack);
        assert_eq!(
            move_deal_in(&p.stages, &mut x, new_id(), d(2025, 4, 21)),
            Err(MoveError::UnknownStage)
        );
        // Ordinary moves keep the status.
        let mut y = deal(&p, "D08").clone();
        move_deal_in(&p.stages, &mut y, sid(&p, "2.1"), d(2025, 4, 1)).unwrap();
        assert_eq!(y.status, DealStatus::Open);
        // mark_won moves a deal that has not reached the won stage.
        let mut z = deal(&p, "D03").clone();
        mark_won(&p.stages, &mut z, d(2025, 4, 5)).unwrap();
        assert_eq!(z.stage_id, sid(&p, "8"));
        assert_eq!((z.status, z.closed), (DealStatus::Won, Some(d(2025, 4, 5))));
        assert_eq!(won_date(&p, &z), Some(d(2025, 4, 5)));
        let mut lost = deal(&p, "D17").clone();
        assert_eq!(
            mark_won(&p.stages, &mut lost, d(2025, 4, 5)),
            Err(MoveError::LostCannotWin)
        );
    }

    #[test]
    fn status_changes_set_closed_and_keep_the_stage() {
        let p = demo_project();
        let mut x = deal(&p, "D05").clone(); // 2.2
        let stage = x.stage_id;
        set_status(
            &mut x,
            DealStatus::Lost,
            d(2025, 3, 30),
            "  Конкурент дешевле ",
        )
        .unwrap();
        assert_eq!(x.status, DealStatus::Lost);
        assert_eq!(x.stage_id, stage);
        assert_eq!(x.closed, Some(d(2025, 3, 30)));
        assert_eq!(x.lost_reason, "Конкурент дешевле");
        assert_eq!(max_stage_reached(&p, &x), Some(spos(&p, "2.2")));
        // Reopen.
        set_status(&mut x, DealStatus::Open, d(2025, 4, 1), "").unwrap();
        assert_eq!((x.closed, x.lost_reason.as_str()), (None, ""));
        // Closing before the last stage entry is refused.
        let err = set_status(&mut x, DealStatus::Won, d(2025, 1, 1), "").unwrap_err();
        assert!(
            matches!(
                err,
                MoveError::BeforeCreated { .. } | MoveError::BeforeLastRecord { .. }
            ),
            "{err:?}"
        );
        assert_eq!(x.status, DealStatus::Open);
        set_status(&mut x, DealStatus::OnHold, d(2025, 4, 1), "").unwrap();
        assert_eq!(x.status, DealStatus::OnHold);
    }

    #[test]
    fn history_dates_are_edited_in_order() {
        let p = demo_project();
        let mut x = mk(
            &p,
            "H",
            &[
                ("1", d(2025, 1, 10)),
                ("2.1", d(2025, 2, 1)),
                ("2.2", d(2025, 3, 1)),
            ],
            DealStatus::Open,
        );
        let e = |r: Result<(), MoveError>| r.unwrap_err();
        assert!(matches!(
            e(set_history_date(&mut x, 1, d(2025, 1, 5))),
            MoveError::BeforeCreated { .. }
        ));
        assert!(matches!(
            e(set_history_date(&mut x, 2, d(2025, 1, 20))),
            MoveError::BeforePrevious { .. }
        ));
        assert!(matches!(
            e(set_history_date(&mut x, 1, d(2025, 3, 2))),
            MoveError::AfterNext { .. }
        ));
        assert_eq!(
            e(set_history_date(&mut x, 3, d(2025, 3, 2))),
            MoveError::NoHistoryRecord { index: 3 }
        );
        set_history_date(&mut x, 1, d(2025, 2, 15)).unwrap();
        assert_eq!(x.history[1].entered, d(2025, 2, 15));
        // A won deal may go on after closing (post-sale stages), a lost one may not.
        x.closed = Some(d(2025, 3, 10));
        x.status = DealStatus::Won;
        set_history_date(&mut x, 2, d(2025, 3, 11)).unwrap();
        assert!(history_problems(&x).is_empty());
        x.status = DealStatus::Lost;
        assert!(matches!(
            e(set_history_date(&mut x, 2, d(2025, 3, 12))),
            MoveError::AfterLost { .. }
        ));
        assert_eq!(history_problems(&x).len(), 1);
        set_history_date(&mut x, 2, d(2025, 3, 1)).unwrap();
        assert!(history_problems(&x).is_empty());
        // A broken history is described.
        x.history[0].entered = d(2024, 12, 1);
        x.history[2].entered = d(2025, 2, 1);
        x.closed = Some(d(2025, 1, 1));
        let probs = history_problems(&x);
        assert_eq!(probs.len(), 3, "{probs:?}");
        assert!(matches!(
            probs[0],
            HistoryProblem::BeforeCreated { index: 0, .. }
        ));
        assert!(matches!(
            probs[1],
            HistoryProblem::BeforePrevious { index: 2, .. }
        ));
        assert!(matches!(probs[2], HistoryProblem::ClosedBeforeLast { .. }));
    }

    #[test]
    fn demo_histories_have_no_problems() {
        let p = demo_project();
        for x in &p.deals {
            assert!(history_problems(x).is_empty(), "{}", x.code);
        }
    }

    // ---- Editing the stage list ---------------------------------------------------------------

    #[test]
    fn inserting_renaming_and_reordering_stages() {
        let mut p = demo_project();
        let extra = new_stage(" 2.4 ", "Пилотные испытания");
        let extra_id = extra.id;
        insert_stage(&mut p, 4, extra).unwrap();
        assert_eq!(p.stages.len(), 15);
        assert_eq!(p.stages[4].code, "2.4");
        // Deals beyond the new stage count as having reached it (reached ≥ s by order).
        let r = reached_counts(&p, &all(&p));
        assert_eq!(r[4].stage, 4);
        assert_eq!(r[4].count, 9);
        assert_eq!(r.len(), 11);
        assert!(stage_list_problems(&p.stages).is_empty());
        // Refusals.
        assert_eq!(
            insert_stage(&mut p, 0, new_stage("2.1", "Дубль")),
            Err(StageError::DuplicateCode { code: "2.1".into() })
        );
        assert_eq!(
            insert_stage(&mut p, 0, new_stage("", "Пусто")),
            Err(StageError::EmptyCode)
        );
        assert_eq!(
            insert_stage(&mut p, 0, new_stage("0", " ")),
            Err(StageError::EmptyName)
        );
        assert_eq!(
            insert_stage(&mut p, 99, new_stage("0", "Далеко")),
            Err(StageError::InsertPosition { at: 99, len: 15 })
        );
        let mut won = new_stage("8a", "Второй выигрыш");
        won.is_won = true;
        assert_eq!(insert_stage(&mut p, 0, won), Err(StageError::SecondWon));
        let mut dup = new_stage("0", "Тот же id");
        dup.id = extra_id;
        assert_eq!(insert_stage(&mut p, 0, dup), Err(StageError::DuplicateId));
        assert_eq!(p.stages.len(), 15);
        // Rename.
        rename_stage(&mut p, extra_id, "2.5", "Пилот").unwrap();
        assert_eq!(p.stage(extra_id).unwrap().code, "2.5");
        assert!(rename_stage(&mut p, extra_id, "3", "Пилот").is_err());
        assert!(rename_stage(&mut p, extra_id, " ", "Пилот").is_err());
        assert!(rename_stage(&mut p, extra_id, "2.5", "").is_err());
        assert_eq!(
            rename_stage(&mut p, new_id(), "77", "Нет"),
            Err(StageError::UnknownStage)
        );
        // Keeping its own code is fine.
        rename_stage(&mut p, extra_id, "2.5", "Пилотный проект").unwrap();
        // Reorder: move it to the end and back.
        move_stage(&mut p, 4, 14).unwrap();
        assert_eq!(p.stages[14].id, extra_id);
        assert_eq!(
            move_stage(&mut p, 15, 0),
            Err(StageError::NoPosition { pos: 15 })
        );
        move_stage(&mut p, 14, 4).unwrap();
        assert_eq!(p.stages[4].id, extra_id);
        // The won mark moves, exactly one remains.
        let s7 = sid(&p, "7");
        set_won_stage(&mut p, s7).unwrap();
        assert_eq!(p.stages.iter().filter(|s| s.is_won).count(), 1);
        assert!(p.stage(s7).unwrap().is_won);
        assert_eq!(
            set_won_stage(&mut p, new_id()),
            Err(StageError::UnknownStage)
        );
    }

    #[test]
    fn deleting_a_stage_moves_its_deals_and_history() {
        let mut p = demo_project();
        let s21 = sid(&p, "2.1");
        let s22 = sid(&p, "2.2");
        let m1 = manager(&p, "M1");
        p.layer5.checklists.push(StageChecklist {
            stage_id: s22,
            behaviours: vec!["Слушать".into()],
            mistakes: vec![],
            say: vec![],
            avoid: vec![],
        });
        p.layer5.checklists.push(StageChecklist {
            stage_id: s21,
            behaviours: vec!["Спрашивать".into()],
            mistakes: vec![],
            say: vec![],
            avoid: vec![],
        });
        p.layer5.coaching.push(CoachingNote {
            id: new_id(),
            manager_id: m1,
            deal_id: None,
            stage_id: Some(s22),
            date: d(2025, 3, 1),
            expert: String::new(),
            observations: String::new(),
            agreed_actions: String::new(),
            follow_up: None,
            result: String::new(),
        });
        // Refusals first.
        assert_eq!(
            delete_stage(&mut p, s22, s22),
            Err(StageError::TargetIsSelf)
        );
        assert_eq!(
            delete_stage(&mut p, s22, new_id()),
            Err(StageError::UnknownTarget)
        );
        assert_eq!(
            delete_stage(&mut p, new_id(), s21),
            Err(StageError::UnknownStage)
        );
        let won = sid(&p, "8");
        let err = delete_stage(&mut p, won, s21).unwrap_err();
        assert_eq!(err, StageError::WonNotDeletable);

        delete_stage(&mut p, s22, s21).unwrap();
        assert_eq!(p.stages.len(), 13);
        assert!(p.stage(s22).is_none());
        for code in ["D05", "D12", "D20", "D24"] {
            assert_eq!(deal(&p, code).stage_id, s21, "{code}");
        }
        for x in &p.deals {
            assert!(x.history.iter().all(|h| h.stage_id != s22), "{}", x.code);
            assert!(
                x.history.windows(2).all(|w| w[0].stage_id != w[1].stage_id),
                "{}",
                x.code
            );
            assert!(history_problems(x).is_empty(), "{}", x.code);
        }
        // D05 walked 1 → 2.1 → 2.2; now 1 → 2.1.
        assert_eq!(deal(&p, "D05").history.len(), 2);
        let r = reached_counts(&p, &all(&p));
        assert_eq!(
            r.iter().map(|x| x.count).collect::<Vec<_>>(),
            vec![25, 19, 11, 9, 7, 6, 5, 3, 2]
        );
        assert_eq!(p.layer5.checklists.len(), 1);
        assert_eq!(p.layer5.checklists[0].behaviours, ["Спрашивать", "Слушать"]);
        assert_eq!(p.layer5.coaching[0].stage_id, Some(s21));
        // The project still loads.
        crate::persist::validate::validate(&p).unwrap();
        assert!(stage_list_problems(&p.stages)
            .contains(&crate::domain::stages::StageListProblem::MissingCode("2.2")));
        // A checklist with no counterpart on the target is re-pointed.
        let s3 = sid(&p, "3");
        let s4 = sid(&p, "4");
        p.layer5.checklists.push(StageChecklist {
            stage_id: s4,
            behaviours: vec![],
            mistakes: vec!["Спешить".into()],
            say: vec![],
            avoid: vec![],
        });
        delete_stage(&mut p, s4, s3).unwrap();
        assert!(p
            .layer5
            .checklists
            .iter()
            .any(|c| c.stage_id == s3 && c.mistakes == ["Спешить"]));
        crate::persist::validate::validate(&p).unwrap();
    }

    // ---- Properties and performance -------------------------------------------------------------

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn status(n: u8) -> DealStatus {
            match n % 4 {
                0 => DealStatus::Open,
                1 => DealStatus::Won,
                2 => DealStatus::Lost,
                _ => DealStatus::OnHold,
            }
        }

        /// Deals with random walks over the 14 default stages (skips, moves back, past the
        /// funnel), random amounts and statuses.
        fn project_with(walks: &[(Vec<usize>, u8, i64, u16)]) -> Project {
            let mut p = empty_project();
            for (walk, st, amount, start) in walks {
                let created = d(2024, 1, 1) + chrono::Duration::days(i64::from(*start));
                let history: Vec<StageEntry> = walk
                    .iter()
                    .enumerate()
                    .map(|(k, s)| StageEntry {
                        stage_id: p.stages[*s].id,
                        entered: created + chrono::Duration::days(7 * k as i64),
                    })
                    .collect();
                let mut x = mk(&p, "P", &[("1", created)], status(*st));
                x.stage_id = history.last().map_or(x.stage_id, |h| h.stage_id);
                x.history = history;
                x.amount = Money(*amount);
                p.deals.push(x);
            }
            p
        }

        fn walks() -> impl Strategy<Value = Vec<(Vec<usize>, u8, i64, u16)>> {
            prop::collection::vec(
                (
                    prop::collection::vec(0usize..14, 0..8),
                    any::<u8>(),
                    0i64..10_000_000,
                    0u16..700,
                ),
                0..60,
            )
        }

        proptest! {
            #[test]
            fn reached_counts_never_grow_along_the_funnel(w in walks()) {
                let p = project_with(&w);
                let deals: Vec<&Deal> = p.deals.iter().collect();
                let s = funnel_snapshot(&p, &deals);
                prop_assert_eq!(s.reached[0].count + s.unplaced.len(), deals.len());
                for pair in s.reached.windows(2) {
                    prop_assert!(pair[0].count >= pair[1].count);
                    prop_assert!(pair[0].money >= pair[1].money);
                }
                for c in &s.steps {
                    prop_assert!(c.pct.is_none_or(|x| (0.0..=100.0).contains(&x)));
                    prop_assert_eq!(c.pct.is_none(), c.base == 0);
                }
                // The cohort splits add up.
                let cohorts = cohort_conversions(&p, &deals, Period::year(2024), d(2025, 6, 30));
                for c in &cohorts {
                    prop_assert_eq!(c.entered, c.moved_on + c.lost + c.timed_out + c.pending);
                }
                // Historical odds and any probabilities ≤ 100 % keep the weighted figure
                // within the open amount.
                let odds = historical_probabilities(&p, &deals);
                let wp = weighted_pipeline(&p, &deals, &odds_as_probabilities(&odds));
                prop_assert!(wp.weighted <= wp.known.money);
                prop_assert_eq!(wp.known.money + wp.unknown.money, wp.open.money);
                // The scoreboard holds exactly the open deals with a known stage.
                let sb = scoreboard(&p, &deals, d(2025, 6, 30));
                let open = deals.iter().filter(|x| x.status == DealStatus::Open).count();
                prop_assert_eq!(sb.total.count + sb.unplaced.len(), open);
            }
        }
    }

    #[test]
    fn ten_thousand_deals_are_counted_in_funnel_and_scoreboard() {
        let mut p = demo_project();
        let cats = demo_cats(&p);
        let template: Vec<Deal> = p.deals.clone();
        p.deals.clear();
        for i in 0..10_000usize {
            let mut x = template[i % template.len()].clone();
            x.id = new_id();
            x.manager_id = Some(p.managers[i % 4].id);
            p.deals.push(x);
        }
        let f = DealFilter {
            categories: vec![Category::A, Category::B],
            ..DealFilter::default()
        };
        // Speed is measured by `tests/bench_browser.rs`; this checks the counts at that size.
        let deals = filter_deals(&p, &f, &cats);
        let s = funnel_snapshot(&p, &deals);
        let sb = scoreboard(&p, &deals, d(2025, 3, 31));
        assert_eq!(s.reached[0].count, 10_000 * 20 / 25);
        assert_eq!(sb.total.count, 10_000 * 16 / 25);
    }
}
