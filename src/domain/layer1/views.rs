//! View functions of Слой 1's tabs: one struct per tab with everything it shows.

use crate::domain::layer1::abc::AbcResult;
use crate::domain::layer1::{
    category_plans, manager_plans, market_share, project_goals, CategoryPlans, Fulfilment,
    FulfilmentReport, ManagerPlanCheck, ManagerPlans, ProjectGoal, ShareLine,
    DEFAULT_TOLERANCE_PCT,
};
use crate::domain::model::{Hypothesis, HypothesisStatus, Id, Project};
use crate::domain::money::Money;

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

/// One category's row of the project goals on «Цели»: the goal and the category's share of the
/// company plan it starts from.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalRow {
    pub goal: ProjectGoal,
    /// The category's share of the company plan, % ([`category_plans`]).
    pub share_pct: Option<f64>,
}

/// One row of the market-share table: the whole market first, then each business line.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareRow {
    /// The business line's name; None for the whole market.
    pub line_name: Option<String>,
    pub share: ShareLine,
}

/// The tab «Цели».
#[derive(Clone, Debug, PartialEq)]
pub struct GoalsView {
    /// The category shares and plans, with their sum's check.
    pub categories: CategoryPlans,
    /// The goals of A and B ([`project_goals`]) with their shares.
    pub goals: Vec<GoalRow>,
    /// The managers' plans against the company plan ([`manager_plans`] at the default tolerance).
    pub managers: ManagerPlans,
    /// The market share, total first ([`market_share`]).
    pub market: Vec<ShareRow>,
}

/// The tab «Цели».
pub fn goals_view(p: &Project, abc: &AbcResult) -> GoalsView {
    let categories = category_plans(p);
    let goals = project_goals(p, abc)
        .into_iter()
        .map(|goal| GoalRow {
            share_pct: categories
                .plans
                .iter()
                .find(|c| c.category == goal.category)
                .and_then(|c| c.share_pct),
            goal,
        })
        .collect();
    let ms = market_share(p);
    let market = std::iter::once(ms.total)
        .chain(ms.lines)
        .map(|share| ShareRow {
            line_name: share.business_line_id.map(|id| {
                crate::domain::data::dim_name(&p.business_lines, Some(id)).unwrap_or_default()
            }),
            share,
        })
        .collect();
    GoalsView {
        categories,
        goals,
        managers: manager_plans(p, abc, DEFAULT_TOLERANCE_PCT),
        market,
    }
}

/// One row of «План/факт»: the company first (no name), then each manager with their name.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanFactRow {
    /// The manager's name; None for the company.
    pub manager_name: Option<String>,
    pub fulfilment: Fulfilment,
}

/// The rows of «План/факт» of a fulfilment report ([`crate::domain::layer1::fulfilment`]).
pub fn plan_fact_rows(p: &Project, report: &FulfilmentReport) -> Vec<PlanFactRow> {
    std::iter::once(PlanFactRow {
        manager_name: None,
        fulfilment: report.company.clone(),
    })
    .chain(report.managers.iter().map(|f| {
        PlanFactRow {
            manager_name: Some(
                f.manager_id
                    .and_then(|id| p.manager(id))
                    .map(|m| m.name.clone())
                    .unwrap_or_default(),
            ),
            fulfilment: f.clone(),
        }
    }))
    .collect()
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
    use crate::domain::demo::demo_project;
    use crate::domain::layer1::abc::abc_for_project;
    use crate::domain::model::ManagerPlan;
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

    #[test]
    fn goals_view_joins_shares_and_names() {
        let p = demo_project();
        let abc = abc_for_project(&p);
        let v = goals_view(&p, &abc);
        assert_eq!(v.goals.len(), 2);
        let cp = category_plans(&p);
        for g in &v.goals {
            let want = cp
                .plans
                .iter()
                .find(|c| c.category == g.goal.category)
                .and_then(|c| c.share_pct);
            assert_eq!(g.share_pct, want);
        }
        assert_eq!(
            v.goals.iter().map(|g| g.goal.clone()).collect::<Vec<_>>(),
            project_goals(&p, &abc)
        );
        let ms = market_share(&p);
        assert_eq!(v.market.len(), 1 + ms.lines.len());
        assert_eq!(v.market[0].line_name, None);
        for (row, line) in v.market[1..].iter().zip(&ms.lines) {
            let want = p
                .business_lines
                .iter()
                .find(|b| Some(b.id) == line.business_line_id)
                .unwrap();
            assert_eq!(row.line_name.as_deref(), Some(want.name.as_str()));
        }
        assert_eq!(v.managers, manager_plans(&p, &abc, DEFAULT_TOLERANCE_PCT));
    }

    #[test]
    fn goals_view_of_an_empty_project() {
        let p = Project::new_empty("x", NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let v = goals_view(&p, &abc_for_project(&p));
        assert_eq!(v.goals.len(), 2);
        assert!(v.goals.iter().all(|g| g.goal.won_needed.is_none()));
        assert_eq!(v.market.len(), 1);
        assert_eq!(v.market[0].share.plan_share_pct, None);
    }

    #[test]
    fn plan_fact_rows_put_the_company_first_and_name_managers() {
        use crate::domain::layer1::{fulfilment, year_to_date, TrafficLight};
        let mut p = demo_project();
        let as_of = NaiveDate::from_ymd_opt(p.company.plan_year, 6, 30).unwrap();
        let rep = fulfilment(&p, year_to_date(&p, as_of), &TrafficLight::default());
        let rows = plan_fact_rows(&p, &rep);
        assert_eq!(rows.len(), 1 + p.managers.len());
        assert_eq!(rows[0].manager_name, None);
        assert_eq!(rows[0].fulfilment, rep.company);
        assert_eq!(
            rows[1].manager_name.as_deref(),
            Some(p.managers[0].name.as_str())
        );
        // A manager deleted after the report was made shows with an empty name.
        p.managers.remove(0);
        assert_eq!(
            plan_fact_rows(&p, &rep)[1].manager_name.as_deref(),
            Some("")
        );
    }
}
