//! Layer 2: the funnel on the ТФС stages (DOMAIN.md §3.2).
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
//!   - a **lost** deal keeps the furthest stage it reached (DOMAIN.md §2.2);
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
//! - **Lead** ([`leads`]): a deal whose first history record is the lead stage (code `1`) with a
//!   date in the period.
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
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// Client categories by client id, supplied by the caller (the ABC analysis with overrides).
pub type Categories = HashMap<Id, Category>;

// ---------------------------------------------------------------------------------------------
// Small value types
// ---------------------------------------------------------------------------------------------

/// A number of deals and the sum of their amounts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CountMoney {
    pub count: usize,
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
    pub a: T,
    pub b: T,
    pub c: T,
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

fn min_date(a: Option<NaiveDate>, b: NaiveDate) -> Option<NaiveDate> {
    Some(a.map_or(b, |a| a.min(b)))
}

// ---------------------------------------------------------------------------------------------
// Stage positions and "max stage reached"
// ---------------------------------------------------------------------------------------------

/// Positions of a project's stages, computed once per report (stage id → index in the list).
#[derive(Clone, Debug, Default)]
pub struct StageIndex {
    pos: HashMap<Id, usize>,
    funnel: Vec<usize>,
    won: Option<usize>,
    typical_days: Vec<Option<u32>>,
    targets: Vec<Option<f64>>,
}

impl StageIndex {
    /// Indexes a stage list. With duplicate ids the first stage wins.
    pub fn new(stages: &[Stage]) -> StageIndex {
        let mut pos = HashMap::with_capacity(stages.len());
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
    clients: HashMap<Id, &'a Client>,
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

/// The part of an annual figure that falls on `period`, pro rata by days (the year is the
/// one `period` starts in).
pub fn prorate(per_year: f64, period: Period) -> f64 {
    let year = period.from.year();
    let days_in_year = Period::year(year).days();
    if days_in_year <= 0 {
        return 0.0;
    }
    per_year * period.days() as f64 / days_in_year as f64
}

/// Leads against the leads needed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeadsVsNeeded {
    pub actual: usize,
    /// Leads needed in the period (the annual need, pro rata).
    pub needed: f64,
    /// `actual / needed × 100`, `None` when nothing is needed.
    pub pct: Option<f64>,
}

/// Compares `actual` leads of `period` with an annual need (from layer 1), pro rata by days:
/// 65 a year is ≈ 16 for Q1.
pub fn leads_vs_needed(actual: usize, needed_per_year: f64, period: Period) -> LeadsVsNeeded {
    let needed = prorate(needed_per_year, period);
    LeadsVsNeeded {
        actual,
        needed,
        pct: ratio_pct(actual as f64, needed),
    }
}

// ---------------------------------------------------------------------------------------------
// Scoreboard
// ---------------------------------------------------------------------------------------------

/// One cell of the scoreboard: a manager's open deals at one stage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScoreCell {
    pub count: usize,
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
    pub total: CountMoney,
}

/// A deal that has sat at its current stage longer than twice the stage's typical time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StuckDeal {
    pub deal_id: Id,
    /// Index of the current stage.
    pub stage: usize,
    /// Days at the current stage as of the date asked.
    pub days: i64,
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
    let has_deals: std::collections::HashSet<Option<Id>> =
        placed.iter().map(|(m, ..)| *m).collect();
    let mut row_ids: Vec<Option<Id>> = p
        .managers
        .iter()
        .filter(|m| m.active || has_deals.contains(&Some(m.id)))
        .map(|m| Some(m.id))
        .collect();
    let mut row_of: HashMap<Option<Id>, usize> = HashMap::new();
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

fn won_date_with(idx: &StageIndex, deal: &Deal) -> Option<NaiveDate> {
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
    pub count: usize,
    pub money: Money,
    pub deal_ids: Vec<Id>,
}

/// Movement of money in a period, plus the open pipeline now.
#[derive(Clone, Debug, PartialEq)]
pub struct MoneyMovement {
    /// Won in the period (by [`won_date`]).
    pub won: CountMoney,
    pub won_deals: Vec<Id>,
    /// Lost in the period (by `closed`, else the latest history date).
    pub lost: CountMoney,
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

// ---------------------------------------------------------------------------------------------
// Editing a deal's stage, status and history
// ---------------------------------------------------------------------------------------------

fn ru_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn check_move_date(deal: &Deal, date: NaiveDate) -> Result<(), String> {
    if date < deal.created {
        return Err(format!(
            "Дата {} раньше даты создания сделки ({}).",
            ru_date(date),
            ru_date(deal.created)
        ));
    }
    if let Some(last) = deal.history.iter().map(|h| h.entered).max() {
        if date < last {
            return Err(format!(
                "Дата {} раньше последней записи истории этапов ({}).",
                ru_date(date),
                ru_date(last)
            ));
        }
    }
    Ok(())
}

/// Moves a deal to stage `stage_id` on `date`: appends a history entry and sets the current
/// stage. Moving to the current stage changes nothing. A deal without history first gets an
/// entry for its current stage on its creation date, so the move does not erase where it was.
///
/// Errors (Russian, for the UI): the date is before the deal's creation or before its latest
/// history record; the deal is lost (a lost deal keeps its stage; reopen it first).
/// The status is not changed: see [`move_deal_in`] for the won stage and [`set_status`].
pub fn move_deal(deal: &mut Deal, stage_id: Id, date: NaiveDate) -> Result<(), String> {
    if deal.stage_id == stage_id {
        return Ok(());
    }
    if deal.status == DealStatus::Lost {
        return Err(
            "Сделка проиграна и сохраняет свой этап: чтобы сменить этап, сначала верните её в работу."
                .to_string(),
        );
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
) -> Result<(), String> {
    let idx = StageIndex::new(stages);
    let Some(target) = idx.pos(stage_id) else {
        return Err("Такого этапа нет в списке этапов проекта.".to_string());
    };
    let won = idx.won();
    let reaches_won = won.is_some_and(|w| target >= w);
    if deal.status == DealStatus::Won && !reaches_won {
        return Err(
            "Выигранную сделку нельзя вернуть на этап до «выиграно»: сначала верните её в работу."
                .to_string(),
        );
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
) -> Result<(), String> {
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
pub fn mark_won(stages: &[Stage], deal: &mut Deal, date: NaiveDate) -> Result<(), String> {
    let idx = StageIndex::new(stages);
    let Some(w) = idx.won() else {
        return Err("В списке этапов нет этапа «выиграно».".to_string());
    };
    if deal.status == DealStatus::Lost {
        return Err("Сделка проиграна: сначала верните её в работу.".to_string());
    }
    let won_id = stages.get(w).map(|s| s.id);
    if idx.current(deal).is_none_or(|c| c < w) {
        if let Some(id) = won_id {
            move_deal(deal, id, date)?;
        }
    }
    set_status(deal, DealStatus::Won, date, "")
}

/// Problems of a deal's stage history, in Russian: dates before the creation date, dates out
/// of order, a closing date before the latest record.
pub fn history_problems(deal: &Deal) -> Vec<String> {
    let mut out = vec![];
    for (i, h) in deal.history.iter().enumerate() {
        if h.entered < deal.created {
            out.push(format!(
                "Запись истории №{}: дата {} раньше даты создания сделки ({}).",
                i + 1,
                ru_date(h.entered),
                ru_date(deal.created)
            ));
        }
    }
    for (i, w) in deal.history.windows(2).enumerate() {
        if let [a, b] = w {
            if b.entered < a.entered {
                out.push(format!(
                    "Запись истории №{}: дата {} раньше предыдущей записи ({}).",
                    i + 2,
                    ru_date(b.entered),
                    ru_date(a.entered)
                ));
            }
        }
    }
    if let (Some(closed), Some(last)) = (deal.closed, deal.history.iter().map(|h| h.entered).max())
    {
        if closed < last {
            out.push(format!(
                "Дата закрытия {} раньше последней записи истории ({}).",
                ru_date(closed),
                ru_date(last)
            ));
        }
    }
    out
}

/// Changes the date of history record `index` (0-based), keeping the history valid: the date
/// may not be before the deal's creation, before the previous record, after the next record,
/// or after the closing date. Errors are in Russian.
pub fn set_history_date(deal: &mut Deal, index: usize, date: NaiveDate) -> Result<(), String> {
    if index >= deal.history.len() {
        return Err(format!("Нет записи истории №{}.", index + 1));
    }
    if date < deal.created {
        return Err(format!(
            "Дата {} раньше даты создания сделки ({}).",
            ru_date(date),
            ru_date(deal.created)
        ));
    }
    if let Some(prev) = index.checked_sub(1).and_then(|i| deal.history.get(i)) {
        if date < prev.entered {
            return Err(format!(
                "Дата {} раньше предыдущей записи истории ({}).",
                ru_date(date),
                ru_date(prev.entered)
            ));
        }
    }
    if let Some(next) = deal.history.get(index + 1) {
        if date > next.entered {
            return Err(format!(
                "Дата {} позже следующей записи истории ({}).",
                ru_date(date),
                ru_date(next.entered)
            ));
        }
    }
    if let Some(closed) = deal.closed {
        if date > closed {
            return Err(format!(
                "Дата {} позже даты закрытия сделки ({}).",
                ru_date(date),
                ru_date(closed)
            ));
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

fn check_code(stages: &[Stage], code: &str, except: Option<Id>) -> Result<(), String> {
    let code = code.trim();
    if code.is_empty() {
        return Err("Код этапа не может быть пустым.".to_string());
    }
    if stages
        .iter()
        .any(|s| Some(s.id) != except && s.code.trim() == code)
    {
        return Err(format!("Этап с кодом «{code}» уже есть."));
    }
    Ok(())
}

/// Inserts `stage` at position `at` (0 = first; the list length = last). Its code must be
/// non-empty and unique, its id new, and it may not be a second won stage (use
/// [`set_won_stage`] to move the "won" mark).
pub fn insert_stage(p: &mut Project, at: usize, mut stage: Stage) -> Result<(), String> {
    if at > p.stages.len() {
        return Err(format!(
            "Нельзя вставить этап на позицию {}: этапов всего {}.",
            at + 1,
            p.stages.len()
        ));
    }
    if p.stages.iter().any(|s| s.id == stage.id) {
        return Err("Этап с таким идентификатором уже есть.".to_string());
    }
    check_code(&p.stages, &stage.code, None)?;
    if stage.is_won && p.stages.iter().any(|s| s.is_won) {
        return Err(
            "Этап «выиграно» уже есть; чтобы сделать выигрышным новый этап, вставьте его и отметьте отдельно."
                .to_string(),
        );
    }
    if stage.name_ru.trim().is_empty() {
        return Err("Название этапа не может быть пустым.".to_string());
    }
    stage.code = stage.code.trim().to_string();
    p.stages.insert(at, stage);
    Ok(())
}

/// Renames stage `id`: a new code (non-empty, unique) and Russian name (non-empty).
pub fn rename_stage(p: &mut Project, id: Id, code: &str, name_ru: &str) -> Result<(), String> {
    check_code(&p.stages, code, Some(id))?;
    if name_ru.trim().is_empty() {
        return Err("Название этапа не может быть пустым.".to_string());
    }
    let Some(s) = p.stages.iter_mut().find(|s| s.id == id) else {
        return Err("Такого этапа нет в списке этапов проекта.".to_string());
    };
    s.code = code.trim().to_string();
    s.name_ru = name_ru.trim().to_string();
    Ok(())
}

/// Moves the stage at position `from` to position `to` (both 0-based). Reordering changes what
/// "reached" means for every deal, since stages are compared by position.
pub fn move_stage(p: &mut Project, from: usize, to: usize) -> Result<(), String> {
    let n = p.stages.len();
    if from >= n || to >= n {
        return Err(format!("Нет этапа на позиции {}.", from.max(to) + 1));
    }
    let s = p.stages.remove(from);
    p.stages.insert(to, s);
    Ok(())
}

/// Marks stage `id` as the won stage and clears the mark on every other stage, so there is
/// exactly one.
pub fn set_won_stage(p: &mut Project, id: Id) -> Result<(), String> {
    if !p.stages.iter().any(|s| s.id == id) {
        return Err("Такого этапа нет в списке этапов проекта.".to_string());
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
pub fn delete_stage(p: &mut Project, id: Id, target: Id) -> Result<(), String> {
    let Some(pos) = p.stages.iter().position(|s| s.id == id) else {
        return Err("Такого этапа нет в списке этапов проекта.".to_string());
    };
    if id == target {
        return Err(
            "Этап, на который переносятся сделки, должен отличаться от удаляемого.".to_string(),
        );
    }
    if !p.stages.iter().any(|s| s.id == target) {
        return Err("Этапа, на который переносятся сделки, нет в списке.".to_string());
    }
    if p.stages.get(pos).is_some_and(|s| s.is_won) {
        return Err(
            "Этап «выиграно» удалить нельзя: сначала отметьте выигрышным другой этап.".to_string(),
        );
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
