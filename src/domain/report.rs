//! «Отчёт о состоянии слоёв»: for each of the five layers its open/locked state, its results
//! with their computed status, and its management metrics with their current values.
//!
//! Nothing is computed here that the layer modules do not already compute: this module only
//! calls them with the periods the layer screens use, so the report shows the same figures as
//! the screens (plan fulfilment year to date as on «Слой 1 → План/факт»; leads and touch points
//! for the reporting quarter ([`Period::reporting_quarter`]) as on the layer 2 and 3 screens, the
//! dashboard and the diagnosis; conversions on the
//! reached-basis snapshot of all deals; metrics 2.1–2.3 over all deals as on «Слой 4 → Метрики»).
//! Layer 5 has no metrics («Метрик нет»), and none are invented.

use super::accounts::{touch_points, TouchReport};
use super::gating::{self, fix_at, LayerState};
use super::layer1::{fulfilment, project_goals, year_to_date, FulfilmentReport, TrafficLight};
use super::layer2::{
    self,
    conversion::Conversion,
    leads::{CategoryLeads, LeadsReport},
};
use super::method::{
    item_status, layer_access, layer_complete, Access, Item, ItemKind, ItemStatus,
};
use super::model::{Category, Project};
use super::period::Period;
use super::route::Place;
use super::tools::{metric_21, metric_22, metric_23, CriteriaCounting, EconomicEffect, ThreePlus};
use crate::domain::layer1::abc::{abc_for_project, client_categories};
use chrono::NaiveDate;

/// A result (or task) of a layer with its status and, when it is computed and missing, where
/// it is fixed (the tab of its layer's screen).
#[derive(Clone, Debug)]
pub struct ItemState {
    pub item: &'static Item,
    pub status: ItemStatus,
    pub fix_at: Option<Place>,
}

// `Item` is a static table row; two states are equal when they are about the same item.
impl PartialEq for ItemState {
    fn eq(&self, o: &Self) -> bool {
        self.item.id == o.item.id && self.status == o.status && self.fix_at == o.fix_at
    }
}

/// The state of one layer for the top-of-screen panel and the report.
#[derive(Clone, Debug)]
pub struct LayerSummary {
    pub n: u8,
    /// Done / open / opened early / locked ([`gating::layer_state`]), as every screen shows it.
    pub state: LayerState,
    pub access: Access,
    /// Every task and result done.
    pub complete: bool,
    pub tasks: Vec<ItemState>,
    pub results: Vec<ItemState>,
    /// The article's metrics of the layer (labels; the values are in [`Metrics`]).
    pub metrics: Vec<&'static Item>,
}

impl LayerSummary {
    /// How many of the layer's results are done (met by the data or ticked), as the panel's
    /// «N из M» counts them.
    pub fn results_done(&self) -> usize {
        self.results.iter().filter(|r| r.status.is_done()).count()
    }
    /// The tasks whose status the data decides (layer 3's A project maps): the panel lists them
    /// with the results.
    pub fn computed_tasks(&self) -> impl Iterator<Item = &ItemState> {
        self.tasks.iter().filter(|t| t.status.is_computed())
    }
}

impl PartialEq for LayerSummary {
    fn eq(&self, o: &Self) -> bool {
        let ids = |v: &[&Item]| v.iter().map(|i| i.id).collect::<Vec<_>>();
        self.n == o.n
            && self.state == o.state
            && self.access == o.access
            && self.complete == o.complete
            && self.tasks == o.tasks
            && self.results == o.results
            && ids(&self.metrics) == ids(&o.metrics)
    }
}

impl LayerSummary {
    /// Results (and tasks) computed from the data and missing.
    pub fn missing(&self) -> impl Iterator<Item = &ItemState> {
        self.results
            .iter()
            .chain(&self.tasks)
            .filter(|r| r.status == ItemStatus::Missing)
    }
}

/// Layer `n` (1–5) of the project; `None` for another number.
pub fn layer_summary(p: &Project, n: u8) -> Option<LayerSummary> {
    let layer = super::method::layer(n)?;
    let of = |kind: ItemKind| -> Vec<ItemState> {
        layer
            .items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| ItemState {
                item: i,
                status: item_status(p, i),
                fix_at: fix_at(i.id),
            })
            .collect()
    };
    Some(LayerSummary {
        n,
        state: gating::layer_state(p, n),
        access: layer_access(p, n),
        complete: layer_complete(p, n),
        tasks: of(ItemKind::Task),
        results: of(ItemKind::Result),
        metrics: layer
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Metric)
            .collect(),
    })
}

/// All five layers.
pub fn layer_summaries(p: &Project) -> Vec<LayerSummary> {
    (1..=5).filter_map(|n| layer_summary(p, n)).collect()
}

/// Layer 2: leads at stage 1 in the period and conversions between stages.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer2Metrics {
    pub period: Period,
    pub leads_total: usize,
    /// A and B, in that order (from [`layer2::leads::leads_report`], as `Metrics::ab_leads`).
    pub leads: Vec<CategoryLeads>,
    /// Step conversions of the reached-basis snapshot of all deals, with their targets.
    pub conversions: Vec<Conversion>,
}

/// The management metrics of every layer with their current values.
#[derive(Clone, Debug, PartialEq)]
pub struct Metrics {
    pub as_of: NaiveDate,
    /// L1 «План продаж»: fulfilment year to date.
    pub plan: FulfilmentReport,
    pub l2: Layer2Metrics,
    /// L3 «Количество точек контакта для клиентов кат. А и В», the reporting quarter.
    pub touches: TouchReport,
    /// L3 «Количество лидов кат. А и В», same quarter, against the need of layer 1
    /// ([`layer2::leads::leads_report`], the same report as layer 2's leads).
    pub ab_leads: LeadsReport,
    /// L4 metric 2.1 «3+» (`None` without a stage 2.1).
    pub m21: Option<ThreePlus>,
    /// L4 metric 2.2 «3+».
    pub m22: Option<ThreePlus>,
    /// L4 metric 2.3, size of the economic effect.
    pub m23: Option<EconomicEffect>,
}

/// The metrics of layers 1–4 as of `p.as_of(today)`; layer 5 has none.
pub fn layer_metrics(p: &Project, today: NaiveDate) -> Metrics {
    let as_of = p.as_of(today);
    let cats = client_categories(p);
    let quarter = Period::reporting_quarter(as_of);
    let goals = project_goals(p, &abc_for_project(p));
    let deals: Vec<_> = p.deals.iter().collect();
    let leads = layer2::leads::leads_report(p, &deals, &cats, &goals, quarter);
    let l2 = Layer2Metrics {
        period: quarter,
        leads_total: leads.total,
        leads: [Category::A, Category::B]
            .into_iter()
            .filter_map(|k| leads.category(k).cloned())
            .collect(),
        conversions: layer2::conversion::funnel_snapshot(p, &deals).steps,
    };
    Metrics {
        as_of,
        plan: fulfilment(p, year_to_date(p, today), &TrafficLight::of_project(p)),
        l2,
        touches: touch_points(p, &cats, quarter),
        ab_leads: leads,
        m21: metric_21(p, |_| true),
        m22: metric_22(p, CriteriaCounting::All, |_| true),
        m23: metric_23(p, |_| true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::layer2::conversion::TargetFlag;
    use crate::domain::method::LAYERS;
    use crate::domain::money::Money;
    use crate::domain::route::{L3Tab, L5Tab};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn round(x: Option<f64>) -> Option<f64> {
        x.map(|v| v.round())
    }

    #[test]
    fn summary_counts_done_results_and_lists_computed_tasks() {
        let p = demo_project();
        for s in layer_summaries(&p) {
            let done = s
                .results
                .iter()
                .filter(|r| matches!(r.status, ItemStatus::Met | ItemStatus::Ticked))
                .count();
            assert_eq!(s.results_done(), done, "layer {}", s.n);
            assert!(s.results_done() <= s.results.len());
            assert!(s
                .computed_tasks()
                .all(|t| matches!(t.status, ItemStatus::Met | ItemStatus::Missing)));
        }
        // Layer 3's A project maps are a task the data decides.
        let l3 = layer_summary(&p, 3).unwrap();
        assert!(l3.computed_tasks().count() >= 1);
        // An empty project has nothing done.
        let e = Project::new_empty("x", d(2025, 1, 1));
        assert!(layer_summaries(&e)
            .iter()
            .all(|s| s.results_done() == 0
                || s.results.iter().any(|r| r.status == ItemStatus::Ticked)));
        assert_eq!(super::super::method::layer(6).map(|l| l.n), None);
        assert_eq!(
            super::super::method::layer(2).map(|l| l.items_of(ItemKind::Result).count()),
            Some(
                LAYERS[1]
                    .items
                    .iter()
                    .filter(|i| i.kind == ItemKind::Result)
                    .count()
            )
        );
    }

    #[test]
    fn demo_metrics_are_the_figures_of_domain_md() {
        let p = demo_project();
        // The demo's "as of" (31.03.2025) wins over today.
        let m = layer_metrics(&p, d(2030, 6, 1));
        assert_eq!(m.as_of, d(2025, 3, 31));
        // L1: 148 000 of 180 000 = 82 %.
        assert_eq!(m.plan.company.plan_to_date, Money::units(180_000));
        assert_eq!(m.plan.company.fact, Money::units(148_000));
        assert_eq!(round(m.plan.company.pct), Some(82.0));
        // L2: 14 leads in Q1 (A 5, B 4); conversions 76 / 79 / 73 / 82 %.
        assert_eq!(m.l2.period, Period::quarter(2025, 1));
        assert_eq!(m.l2.leads_total, 14);
        let a = &m.l2.leads[0];
        assert_eq!((a.category, a.actual), (Category::A, 5));
        assert_eq!(a.vs.map(|v| v.needed.round()), Some(16.0));
        assert_eq!(m.l2.leads[1].actual, 4);
        let pcts: Vec<_> =
            m.l2.conversions
                .iter()
                .take(4)
                .map(|c| round(c.pct))
                .collect();
        assert_eq!(pcts, [Some(76.0), Some(79.0), Some(73.0), Some(82.0)]);
        assert!(m
            .l2
            .conversions
            .iter()
            .all(|c| c.flag != TargetFlag::NoData || c.pct.is_none()));
        // L3: A touch points 43, 4.8 per client (target 6); B 17, 1.7 (target 3).
        let ta = m.touches.category(Category::A).unwrap();
        assert_eq!((ta.total, ta.clients), (43, 9));
        assert_eq!(ta.average.map(|x| (x * 10.0).round()), Some(48.0));
        assert_eq!(ta.target, Some(6.0));
        let tb = m.touches.category(Category::B).unwrap();
        assert_eq!((tb.total, tb.target), (17, Some(3.0)));
        let la = m.ab_leads.category(Category::A).unwrap();
        assert_eq!(la.count(), 5);
        assert_eq!(la.needed(), Some(16.25));
        // L4: 2.1 13/15 = 87 %, 2.2 10/11 = 91 %.
        let m21 = m.m21.unwrap();
        assert_eq!((m21.passed.len(), m21.past.len()), (13, 15));
        assert_eq!(round(m21.share_pct()), Some(87.0));
        let m22 = m.m22.unwrap();
        assert_eq!((m22.passed.len(), m22.past.len()), (10, 11));
        assert_eq!(round(m22.share_pct()), Some(91.0));
        assert!(m.m23.unwrap().deals.len() >= 8);
    }

    #[test]
    fn empty_project_has_no_values_but_does_not_fail() {
        let p = Project::new_empty("x", d(2025, 3, 31));
        let m = layer_metrics(&p, d(2025, 5, 10));
        assert_eq!(m.as_of, d(2025, 5, 10));
        // The quarter to date, as on the dashboard and in the diagnosis.
        assert_eq!(m.l2.period, Period::new(d(2025, 4, 1), d(2025, 5, 10)));
        assert_eq!(m.plan.company.pct, None);
        assert_eq!(m.l2.leads_total, 0);
        assert!(m.l2.leads.iter().all(|l| l.vs.is_none()));
        assert!(m.l2.conversions.iter().all(|c| c.pct.is_none()));
        assert_eq!(m.touches.category(Category::A).unwrap().average, None);
        assert_eq!(m.m21.unwrap().share_pct(), None);
        assert_eq!(m.m23.unwrap().good_share_pct(), None);
        // A project without stage 2.1 has no metric 2.1 rather than a zero.
        let mut q = p.clone();
        q.stages.retain(|s| s.code != "2.1");
        assert!(layer_metrics(&q, d(2025, 5, 10)).m21.is_none());
    }

    #[test]
    fn demo_layer_states() {
        let p = demo_project();
        let states = layer_summaries(&p);
        assert_eq!(states.len(), 5);
        assert_eq!(states[0].access, Access::Open);
        assert_eq!(states[0].results.len(), 3);
        assert!(states[0]
            .results
            .iter()
            .all(|r| r.status == ItemStatus::Met));
        // Layer 3's A project maps are missing in the demo (ЛПР unknown at K05, K07–K09), with
        // the fix; its typical maps are all there, so their result is met.
        let l3 = &states[2];
        let task = l3.tasks.iter().find(|t| t.item.id == "l3.maps").unwrap();
        assert_eq!(
            (task.status, task.fix_at),
            (ItemStatus::Missing, Some(Place::L3(L3Tab::Maps)))
        );
        assert!(l3
            .results
            .iter()
            .any(|r| r.item.id == "l3.r.maps" && r.status == ItemStatus::Met));
        // Layer 5: the demo's coaching log is used; no metrics; locked behind layer 3.
        let l5 = &states[4];
        assert!(l5.metrics.is_empty());
        assert_eq!(l5.results[0].status, ItemStatus::Met);
        assert!(matches!(l5.access, Access::Locked { waiting_for } if waiting_for <= 3));
        assert!(layer_summary(&p, 6).is_none());
    }

    #[test]
    fn override_reason_is_in_the_state() {
        let mut p = demo_project();
        crate::domain::method::add_override(
            &mut p,
            5,
            "Тренинг уже оплачен клиентом",
            d(2025, 3, 1),
        )
        .unwrap();
        let l5 = layer_summary(&p, 5).unwrap();
        assert!(matches!(l5.access, Access::Overridden(ref o) if o.reason.contains("Тренинг")));
        p.layer5.coaching.clear();
        let l5 = layer_summary(&p, 5).unwrap();
        assert_eq!(l5.results[0].status, ItemStatus::Missing);
        assert_eq!(l5.results[0].fix_at, Some(Place::L5(L5Tab::Coaching)));
    }
}
