//! Layer 1 — commercial goals and sales plans (docs/METHOD.md §3.1), one file per concept:
//!
//! | file | concept |
//! |---|---|
//! | [`client_years`] | each client's revenue, won deals and cycle in one year (the input of the ABC) |
//! | [`abc`] | the ABC analysis: ranking, classes, a client's category for every other layer |
//! | [`category_figures`] | the figures of each category: clients, revenue, average and median deal size and duration |
//! | [`pareto`] | the Pareto curve with the class boundaries |
//! | [`breakdown`] | the revenue by channel, region, business line, manager |
//! | [`conclusions`] | the conclusions of the ABC and of the A clients' elaboration (typed) |
//! | [`goals`] | category plans, A/B project goals (won deals, leads, work in progress) |
//! | [`manager_plans`] | individual manager plans, their checks and proposals |
//! | [`market_share`] | the calculated market share of the plan |
//! | [`plan_fact`] | plan to date with seasonality, facts, plan fulfilment, the monthly plan/fact |
//! | [`structure`] | hypotheses' totals, the sales department's structure |
//! | [`views`] | the view functions of the layer's tabs (what a tab shows, gathered for the page) |
//!
//! Every public item of the plan files is re-exported here, so `domain::layer1::fulfilment`
//! names it whatever file it lives in; the ABC files are named by their module
//! (`domain::layer1::abc::abc_for_project`, `domain::layer1::pareto::pareto_chart`).

pub mod abc;
pub mod breakdown;
pub mod category_figures;
pub mod client_years;
pub mod conclusions;
pub mod goals;
pub mod manager_plans;
pub mod market_share;
pub mod pareto;
pub mod plan_fact;
pub mod structure;
pub mod views;

pub use goals::*;
pub use manager_plans::*;
pub use market_share::*;
pub use plan_fact::*;
pub use structure::*;

/// Helpers shared by the concept files' tests.
#[cfg(test)]
pub(crate) mod test_util {
    use crate::domain::model::{Id, Project};
    use chrono::NaiveDate;

    pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub fn r1(x: f64) -> f64 {
        (x * 10.0).round() / 10.0
    }

    pub fn code_of(p: &Project, id: Id) -> String {
        p.client(id).map(|c| c.code.clone()).unwrap_or_default()
    }

    pub fn mcode(p: &Project, id: Id) -> String {
        p.manager(id).map(|m| m.code.clone()).unwrap_or_default()
    }
}

/// The plans of the layer end to end: an empty project, one client, random projects.
#[cfg(test)]
mod tests {
    use super::test_util::*;
    use super::*;
    use crate::domain::layer1::abc::{abc_for_project, client_categories};
    use crate::domain::model::{CategoryMoney, CategoryValues, Project};
    use crate::domain::model::{Client, ClientRevenue, ManagerPlan};
    use crate::domain::money::Money;
    use crate::domain::new_id;
    use crate::domain::period::Period;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    #[test]
    fn empty_project_plans() {
        let p = Project::new_empty("t", d(2025, 3, 31));
        let abc = abc_for_project(&p);
        let c = category_plans(&p);
        assert!(!c.shares_ok);
        assert_eq!(c.missing.len(), 3);
        let g = project_goals(&p, &abc);
        assert!(g
            .iter()
            .all(|x| x.won_needed.is_none() && x.leads_per_year.is_none()));
        let m = manager_plans(&p, &abc, DEFAULT_TOLERANCE_PCT);
        assert!(m.rows.is_empty() && m.total_ok);
        assert!(propose_manager_plans(&p).is_empty());
        let ms = market_share(&p);
        assert_eq!(ms.total.plan_share_pct, None);
        assert_eq!(ms.total.base_share_pct, None);
        let f = fulfilment(
            &p,
            year_to_date(&p, d(2025, 3, 31)),
            &TrafficLight::default(),
        );
        assert_eq!(f.company.pct, None);
        assert!(f.managers.is_empty());
        let s = sales_structure(&p, &client_categories(&p));
        assert!(s.warnings.is_empty() && s.managers.is_empty());
    }

    #[test]
    fn single_client_plan_chain() {
        let mut p = Project::new_empty("t", d(2025, 3, 31));
        let c = Client::new("X", "X");
        p.revenues.push(ClientRevenue {
            client_id: c.id,
            year: 2024,
            amount: Money::units(1_000),
            won_deals: Some(4),
            avg_cycle_days: Some(73.0),
        });
        p.clients.push(c);
        p.layer1.company_plan = Money::units(1_100);
        p.layer1.category_shares = CategoryValues {
            a: Some(100.0),
            b: Some(0.0),
            c: Some(0.0),
        };
        p.layer1.win_rates.a = Some(50.0);
        let g = project_goals(&p, &abc_for_project(&p));
        assert_eq!(g[0].avg_deal, Some(Money::units(250)));
        assert_eq!(g[0].won_needed, Some(5));
        assert_eq!(g[0].leads_per_year, Some(10));
        assert_eq!(g[0].wip_needed, Some(2.0));
        // B has no clients: no average deal, but also no plan.
        assert_eq!(g[1].plan, Money::ZERO);
        assert_eq!(g[1].won_needed, None);
        let m = ManagerPlan {
            manager_id: new_id(),
            amount: Money::units(1_100),
            by_channel: vec![],
            by_category: CategoryMoney::default(),
            projects: None,
        };
        p.layer1.manager_plans.push(m);
        let mp = manager_plans(&p, &abc_for_project(&p), DEFAULT_TOLERANCE_PCT);
        assert!(mp.total_ok);
        assert_eq!(mp.rows[0].projects_computed, Some(1_100.0 / 250.0 / 0.5));
    }

    proptest! {
        #[test]
        fn plans_split_exactly_and_fulfilment_is_consistent(
            plan in 0i64..10_000_000_000,
            a in 0u32..=100,
            b in 0u32..=100,
            month in 1u32..=12,
        ) {
            prop_assume!(a + b <= 100);
            let mut p = Project::new_empty("t", d(2025, 3, 31));
            p.layer1.company_plan = Money(plan);
            p.layer1.category_shares = CategoryValues {
                a: Some(a as f64), b: Some(b as f64), c: Some((100 - a - b) as f64),
            };
            let c = category_plans(&p);
            prop_assert!(c.shares_ok);
            prop_assert_eq!(c.plans_sum, Money(plan));
            // Months add up to the annual plan within a hundredth per month.
            let s: Vec<f64> = (1..=12).map(|m| m as f64).collect();
            let months: Money = (1..=12u32)
                .map(|m| {
                    let from = NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
                    let to = from + chrono::Duration::days(days_in_month(2025, m) - 1);
                    plan_for_period(Money(plan), 2025, &s, Period::new(from, to))
                })
                .sum();
            prop_assert!((months.0 - plan).abs() <= 12);
            // Plan to date never decreases through the year.
            let to = NaiveDate::from_ymd_opt(2025, month, 1).unwrap();
            let next = to + chrono::Duration::days(20);
            prop_assert!(plan_to_date(Money(plan), 2025, &s, to) <= plan_to_date(Money(plan), 2025, &s, next));
        }
    }
}
