//! View functions of Слой 1's tabs: one struct per tab with everything it shows.

use crate::domain::abc::AbcResult;
use crate::domain::model::{Hypothesis, HypothesisStatus, Id, Project};
use crate::domain::money::Money;
use crate::domain::plan::{manager_plans, ManagerPlanCheck, ManagerPlans};

/// One manager's row of «Планы менеджеров».
#[derive(Clone, Debug, PartialEq)]
pub struct ManagerPlanRow {
    pub manager_id: Id,
    /// [`crate::domain::model::Manager::label`].
    pub label: String,
    /// The plan in money (zero without a plan).
    pub amount: Money,
    /// The hand-set number of projects.
    pub projects_override: Option<u32>,
    /// The split by channel, one amount per [`PlansView::channels`] (zero where none is set).
    pub by_channel: Vec<Money>,
    /// The split by category A, B, C.
    pub by_category: [Money; 3],
    /// The checks of the plan (None without a plan).
    pub check: Option<ManagerPlanCheck>,
}

/// The tab «Планы менеджеров».
#[derive(Clone, Debug, PartialEq)]
pub struct PlansView {
    /// The channels (id, name), the columns of the channel split.
    pub channels: Vec<(Id, String)>,
    /// Active managers and any manager with a plan, in the project's order.
    pub rows: Vec<ManagerPlanRow>,
    /// The sums and checks against the company plan ([`manager_plans`]).
    pub totals: ManagerPlans,
    /// The names of the active managers without a plan.
    pub without_plan: Vec<String>,
}

/// The tab «Планы менеджеров» with the checks at `tolerance_pct`.
pub fn plans_view(p: &Project, abc: &AbcResult, tolerance_pct: f64) -> PlansView {
    let totals = manager_plans(p, abc, tolerance_pct);
    let channels: Vec<(Id, String)> = p.channels.iter().map(|c| (c.id, c.name.clone())).collect();
    let plans = &p.layer1.manager_plans;
    let rows = p
        .managers
        .iter()
        .filter(|m| m.active || plans.iter().any(|x| x.manager_id == m.id))
        .map(|m| {
            let plan = plans.iter().find(|x| x.manager_id == m.id);
            ManagerPlanRow {
                manager_id: m.id,
                label: m.label(),
                amount: plan.map(|x| x.amount).unwrap_or_default(),
                projects_override: plan.and_then(|x| x.projects),
                by_channel: channels
                    .iter()
                    .map(|(cid, _)| {
                        plan.and_then(|x| x.by_channel.iter().find(|c| c.channel_id == *cid))
                            .map(|c| c.amount)
                            .unwrap_or_default()
                    })
                    .collect(),
                by_category: plan
                    .map(|x| [x.by_category.a, x.by_category.b, x.by_category.c])
                    .unwrap_or_default(),
                check: totals.rows.iter().find(|r| r.manager_id == m.id).cloned(),
            }
        })
        .collect();
    let without_plan = totals
        .without_plan
        .iter()
        .filter_map(|id| p.manager(*id))
        .map(|m| m.name.clone())
        .collect();
    PlansView {
        channels,
        rows,
        totals,
        without_plan,
    }
}

/// The market hypotheses with `status` (all with None), in the project's order.
pub fn hypotheses(p: &Project, status: Option<HypothesisStatus>) -> Vec<Hypothesis> {
    p.layer1
        .hypotheses
        .iter()
        .filter(|h| status.is_none_or(|f| h.status == f))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::abc::abc_for_project;
    use crate::domain::demo::demo_project;
    use crate::domain::model::ManagerPlan;
    use crate::domain::plan::DEFAULT_TOLERANCE_PCT;
    use chrono::NaiveDate;

    #[test]
    fn an_empty_project_has_no_rows() {
        let p = Project::new_empty("x", NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let v = plans_view(&p, &abc_for_project(&p), DEFAULT_TOLERANCE_PCT);
        assert!(v.rows.is_empty() && v.without_plan.is_empty());
        assert!(hypotheses(&p, None).is_empty());
    }

    #[test]
    fn rows_are_active_managers_and_inactive_ones_with_a_plan() {
        let mut p = demo_project();
        let abc = abc_for_project(&p);
        // One inactive manager with a plan, one inactive without.
        p.managers[0].active = false;
        p.managers[1].active = false;
        let with = p.managers[0].id;
        let without = p.managers[1].id;
        p.layer1.manager_plans.retain(|m| m.manager_id != without);
        if !p.layer1.manager_plans.iter().any(|m| m.manager_id == with) {
            p.layer1.manager_plans.push(ManagerPlan {
                manager_id: with,
                amount: Money::from_f64(-5.0),
                by_channel: vec![],
                by_category: Default::default(),
                projects: Some(0),
            });
        }
        let v = plans_view(&p, &abc, DEFAULT_TOLERANCE_PCT);
        assert!(v.rows.iter().any(|r| r.manager_id == with));
        assert!(!v.rows.iter().any(|r| r.manager_id == without));
        for r in &v.rows {
            assert_eq!(r.by_channel.len(), v.channels.len());
            let plan = p
                .layer1
                .manager_plans
                .iter()
                .find(|m| m.manager_id == r.manager_id);
            assert_eq!(r.amount, plan.map(|x| x.amount).unwrap_or_default());
            assert_eq!(r.check.is_some(), plan.is_some());
        }
        assert_eq!(v.totals, manager_plans(&p, &abc, DEFAULT_TOLERANCE_PCT));
        assert_eq!(v.without_plan.len(), v.totals.without_plan.len());
    }

    #[test]
    fn hypotheses_filter_by_status() {
        let p = demo_project();
        let all = hypotheses(&p, None);
        assert_eq!(all.len(), p.layer1.hypotheses.len());
        let s = p.layer1.hypotheses[0].status;
        let some = hypotheses(&p, Some(s));
        assert!(!some.is_empty() && some.iter().all(|h| h.status == s));
    }
}
