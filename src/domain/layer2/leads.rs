//! Leads: deals entering the funnel at ТФС stage 1, per period and category, against the need
//! of the sales plans (docs/METHOD.md §3.2).

use super::filter::{deal_category, Categories, PerCategory};
use super::stage_index::StageIndex;
use crate::domain::model::{Category, Deal, Id, Project, StageEntry};
use crate::domain::money::ratio_pct;
use crate::domain::period::Period;
use chrono::NaiveDate;
use std::collections::HashMap;

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
/// category from layer 1 (`goals`, [`crate::domain::layer1::project_goals`]) scaled by [`prorate`].
pub fn leads_report(
    p: &Project,
    deals: &[&Deal],
    cats: &Categories,
    goals: &[crate::domain::layer1::ProjectGoal],
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::layer2::testkit::*;

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
}
