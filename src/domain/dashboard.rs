//! The dashboard: every layer's management metric at a glance (docs/METHOD.md §3), computed by the
//! layers' own functions for the project's "as of" date — plan fulfilment year to date, leads
//! and A/B touch points for the quarter to date, the funnel snapshot, the layer-4 metrics and
//! the layer-5 coaching log.

use super::accounts::{a_elaboration, touch_points, AElaboration, TouchReport};
use super::gating::{self, LayerState};
use super::layer1::{self, FulfilmentReport, TrafficLight};
use super::layer2::{
    self,
    conversion::{Conversion, FunnelBarFigures, FunnelMeasure, Reached},
    leads::LeadsVsNeeded,
};
use super::method::{self, Access};
use super::model::{Category, Deal, Project};
use super::period::Period;
use super::tools::{self, CriteriaCounting, EconomicEffect, ThreePlus};
use crate::domain::layer1::abc::{abc_for_project, client_categories};
use chrono::NaiveDate;

/// The dashboard's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    pub as_of: NaiveDate,
    /// Layer 1: plan vs fact from 1 January to `as_of`, company and managers.
    pub plan: FulfilmentReport,
    /// The reporting quarter ([`Period::reporting_quarter`]), for leads and touch points.
    pub quarter: Period,
    /// Layer 2: A and B leads at stage 1 vs needed ([`layer2::leads::leads_report`]), the categories
    /// with a need.
    pub leads: Vec<(Category, LeadsVsNeeded)>,
    /// Layer 2: deals that reached each funnel stage (snapshot, all deals).
    pub reached: Vec<Reached>,
    /// Layer 2: conversions between funnel stages vs their targets.
    pub conversions: Vec<Conversion>,
    /// Layer 2: the mini funnel's bars (counts, the step into each marked when below target),
    /// as [`layer2::conversion::funnel_bars`] gives them to Слой 2 → Воронка.
    pub bars: Vec<FunnelBarFigures>,
    /// Layer 3: touch points of A and B clients in the quarter.
    pub touches: TouchReport,
    /// Layer 3: role coverage of the A clients.
    pub elaboration: AElaboration,
    /// Layer 4 metrics.
    pub metric_21: Option<ThreePlus>,
    pub metric_22: Option<ThreePlus>,
    pub metric_23: Option<EconomicEffect>,
    /// Layer 5: entries of the coaching log.
    pub coaching_notes: usize,
    /// Open / locked state of layers 1–5.
    pub access: Vec<Access>,
    /// Done / open / opened early / locked, layers 1–5 ([`gating::layer_state`]).
    pub states: Vec<LayerState>,
}

impl Dashboard {
    /// The conversions the dashboard lists: those with a target (a step without one has
    /// nothing to be checked against), in the funnel's order.
    pub fn targeted_conversions(&self) -> impl Iterator<Item = &Conversion> {
        self.conversions.iter().filter(|c| c.target.is_some())
    }
}

/// Computes the dashboard as of `as_of` (the project's date or today).
pub fn dashboard(p: &Project, as_of: NaiveDate) -> Dashboard {
    let lights = TrafficLight::of_project(p);
    let cats = client_categories(p);
    let abc = abc_for_project(p);
    let quarter = Period::reporting_quarter(as_of);
    let deals: Vec<&Deal> = p.deals.iter().collect();
    let goals = layer1::project_goals(p, &abc);
    let leads = layer2::leads::leads_report(p, &deals, &cats, &goals, quarter);
    let reached = layer2::conversion::reached_counts(p, &deals);
    Dashboard {
        as_of,
        plan: layer1::fulfilment(p, layer1::year_to_date(p, as_of), &lights),
        quarter,
        leads: leads
            .categories
            .iter()
            .filter_map(|c| Some((c.category, c.vs?)))
            .collect(),
        bars: layer2::conversion::funnel_bars(
            &layer2::conversion::funnel_snapshot(p, &deals),
            FunnelMeasure::Count,
        ),
        conversions: layer2::conversion::step_conversions(p, &reached),
        reached,
        touches: touch_points(p, &cats, quarter),
        elaboration: a_elaboration(p, &cats),
        metric_21: tools::metric_21(p, |_| true),
        metric_22: tools::metric_22(p, CriteriaCounting::All, |_| true),
        metric_23: tools::metric_23(p, |_| true),
        coaching_notes: p.layer5.coaching.len(),
        access: (1..=5).map(|n| method::layer_access(p, n)).collect(),
        states: (1..=5).map(|n| gating::layer_state(p, n)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;

    #[test]
    fn demo_dashboard_shows_the_domain_figures() {
        let p = demo_project();
        let d = dashboard(&p, NaiveDate::from_ymd_opt(2025, 3, 31).unwrap());
        assert_eq!(d.plan.company.pct.map(f64::round), Some(82.0));
        assert_eq!(d.plan.managers.len(), 4);
        let (k, a) = d.leads[0];
        assert_eq!((k, a.actual, a.needed.round()), (Category::A, 5, 16.0));
        assert_eq!(d.reached.first().map(|r| r.count), Some(25));
        assert_eq!(d.conversions[0].pct.map(f64::round), Some(76.0));
        // The mini funnel's bars are the funnel's: counts, and 6 → 7 below its target.
        assert_eq!(d.bars.len(), d.reached.len());
        assert!(d
            .bars
            .iter()
            .zip(&d.reached)
            .all(|(b, r)| (b.stage, b.count) == (r.stage, r.count)));
        let below: Vec<usize> = d
            .bars
            .iter()
            .filter(|b| b.below_target)
            .map(|b| b.stage)
            .collect();
        let want: Vec<usize> = d
            .conversions
            .iter()
            .filter(|c| c.flag == layer2::conversion::TargetFlag::Below)
            .map(|c| c.to)
            .collect();
        assert_eq!(below, want);
        assert!(!below.is_empty());
        // The listed conversions are exactly those with a target; one without drops out.
        let with_target = d.conversions.iter().filter(|c| c.target.is_some()).count();
        assert!(with_target > 0);
        assert_eq!(d.targeted_conversions().count(), with_target);
        let mut q = p.clone();
        if let Some(s) = q.stages.iter_mut().find(|s| s.target_conversion.is_some()) {
            s.target_conversion = None;
        }
        let dq = dashboard(&q, NaiveDate::from_ymd_opt(2025, 3, 31).unwrap());
        assert_eq!(dq.targeted_conversions().count(), with_target - 1);
        let ta = d.touches.category(Category::A).unwrap();
        assert_eq!(ta.average.map(|x| (x * 10.0).round()), Some(48.0));
        assert_eq!(
            d.elaboration.role_coverage_pct().map(f64::round),
            Some(70.0)
        );
        assert_eq!(
            d.metric_21
                .as_ref()
                .and_then(|m| m.share_pct())
                .map(f64::round),
            Some(87.0)
        );
        assert_eq!(
            d.metric_22
                .as_ref()
                .and_then(|m| m.share_pct())
                .map(f64::round),
            Some(91.0)
        );
        assert_eq!(d.access.len(), 5);
        assert_eq!(d.access[0], Access::Open);
        assert_eq!(d.states[0], LayerState::Done);
        assert_eq!(d.states[3], LayerState::Locked { waiting_for: 3 });
    }

    #[test]
    fn empty_project_dashboard_has_no_figures() {
        let p = Project::new_empty("x", NaiveDate::from_ymd_opt(2025, 3, 31).unwrap());
        let d = dashboard(&p, NaiveDate::from_ymd_opt(2025, 3, 31).unwrap());
        assert_eq!(d.plan.company.pct, None);
        assert!(d.leads.is_empty());
        assert!(d.reached.iter().all(|r| r.count == 0));
        assert!(d.conversions.iter().all(|c| c.pct.is_none()));
        // The default stages carry targets: each listed step shows «нет данных».
        assert!(d
            .targeted_conversions()
            .all(|c| c.flag == layer2::conversion::TargetFlag::NoData));
        assert_eq!(
            d.touches.category(Category::A).and_then(|t| t.average),
            None
        );
        assert_eq!(d.coaching_notes, 0);
    }
}

/// Whether `value` meets `threshold` (`None` when either is unknown): the dashboard's ✓ / ✗.
pub fn meets(value: Option<f64>, threshold: Option<f64>) -> Option<bool> {
    let (v, t) = (value?, threshold?);
    (v.is_finite() && t.is_finite()).then_some(v + 1e-9 >= t)
}

#[cfg(test)]
mod meets_tests {
    use super::meets;

    #[test]
    fn meets_compares_known_values() {
        assert_eq!(meets(Some(80.0), Some(80.0)), Some(true));
        assert_eq!(meets(Some(4.8), Some(6.0)), Some(false));
        assert_eq!(meets(None, Some(6.0)), None);
        assert_eq!(meets(Some(1.0), None), None);
        assert_eq!(meets(Some(f64::NAN), Some(1.0)), None);
    }
}
