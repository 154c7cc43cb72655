//! Layer 1 goals (docs/METHOD.md §3.1): the per-category plans and the A/B project goals with the
//! won deals, leads and work in progress they need, and the helpers of the plan checks.
//!
//! Conventions pinned down (the article gives the goals, not the arithmetic):
//! - money is [`Money`]; a split of an amount into parts uses [`Money::split`], so the parts add
//!   up exactly;
//! - an unknown input (no average deal, no win rate, a zero whole) gives `None`, never 0;
//! - counts of projects and leads are rounded **up** (a plan needs whole deals); the quarterly
//!   lead figure is the annual one divided by 4, shown exactly and rounded to the nearest whole
//!   (65 a year → 16.25 → «≈ 16 per quarter», as in docs/METHOD.md §6.2);
//! - "±1 %" checks are relative to the target (`|sum − target| ≤ 1 % × |target|`); a zero target
//!   is only met by a zero sum.

#![warn(missing_docs)]

use crate::domain::layer1::abc::AbcResult;
use crate::domain::model::{Category, CategoryMoney, CategoryValues, Project};
use crate::domain::money::Money;
use crate::domain::period::Period;

/// The default tolerance of the plan consistency checks, % of the target.
pub const DEFAULT_TOLERANCE_PCT: f64 = 1.0;

/// Default limit of A clients per manager when the project sets none (docs/METHOD.md §3.1).
pub const DEFAULT_MAX_A_CLIENTS: u32 = 5;

/// Percentages closer than this to 100 count as 100 (they are typed as decimals).
pub(super) const PCT_EPS: f64 = 1e-6;

/// A per-category value of A, B or C (`None` for N and for values not set).
pub fn category_value(v: &CategoryValues, k: Category) -> Option<f64> {
    match k {
        Category::A => v.a,
        Category::B => v.b,
        Category::C => v.c,
        Category::N => None,
    }
}

/// Money of A, B or C from a per-category split (zero for N).
pub fn category_money(v: &CategoryMoney, k: Category) -> Money {
    match k {
        Category::A => v.a,
        Category::B => v.b,
        Category::C => v.c,
        Category::N => Money::ZERO,
    }
}

/// Whether `sum` is within `tolerance_pct` % of `target` (a zero target needs a zero sum).
pub fn within_tolerance(sum: Money, target: Money, tolerance_pct: f64) -> bool {
    let diff = (sum.0 as i128 - target.0 as i128).abs() as f64;
    let tol = if tolerance_pct.is_finite() {
        tolerance_pct.max(0.0)
    } else {
        0.0
    };
    diff <= (target.0 as f64).abs() * tol / 100.0
}

// ---------------------------------------------------------------------------------------------
// Category plans
// ---------------------------------------------------------------------------------------------

/// The plan of one category: `plan_k = company_plan × share_k`.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryPlan {
    /// A, B or C.
    pub category: Category,
    /// The goal share, % (`None` = not set).
    pub share_pct: Option<f64>,
    /// plan_k.
    pub plan: Money,
}

/// Category goals in % and the plans they give.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryPlans {
    /// The company plan it is split from.
    pub company_plan: Money,
    /// A, B, C in that order.
    pub plans: Vec<CategoryPlan>,
    /// Σ of the shares that are set, %.
    pub shares_sum: f64,
    /// All three shares set, none negative, and summing to 100.
    pub shares_ok: bool,
    /// Categories without a share.
    pub missing: Vec<Category>,
    /// Σ plan_k; equals the company plan whenever `shares_ok`.
    pub plans_sum: Money,
}

/// The plans per category. When the shares are complete and sum to 100 the company plan is
/// split exactly ([`Money::split`]); otherwise each plan is `company_plan × share_k / 100` as
/// entered (a missing or negative share counts as 0), so the sum visibly misses the company plan
/// and `shares_ok` is false.
pub fn category_plans(p: &Project) -> CategoryPlans {
    let plan = p.layer1.company_plan;
    let shares: Vec<Option<f64>> = Category::ABC
        .iter()
        .map(|k| category_value(&p.layer1.category_shares, *k).filter(|x| x.is_finite()))
        .collect();
    let missing: Vec<Category> = Category::ABC
        .iter()
        .zip(&shares)
        .filter(|(_, s)| s.is_none())
        .map(|(k, _)| *k)
        .collect();
    let shares_sum: f64 = shares.iter().flatten().sum();
    let shares_ok = missing.is_empty()
        && shares.iter().flatten().all(|s| *s >= 0.0)
        && (shares_sum - 100.0).abs() <= PCT_EPS;
    let amounts: Vec<Money> = if shares_ok {
        plan.split(&shares.iter().map(|s| s.unwrap_or(0.0)).collect::<Vec<_>>())
    } else {
        shares
            .iter()
            .map(|s| plan.percent(s.unwrap_or(0.0).max(0.0)))
            .collect()
    };
    let plans: Vec<CategoryPlan> = Category::ABC
        .iter()
        .zip(shares.iter().zip(&amounts))
        .map(|(k, (s, m))| CategoryPlan {
            category: *k,
            share_pct: *s,
            plan: *m,
        })
        .collect();
    CategoryPlans {
        company_plan: plan,
        plans_sum: amounts.iter().sum(),
        plans,
        shares_sum,
        shares_ok,
        missing,
    }
}

// ---------------------------------------------------------------------------------------------
// Project goals for A and B
// ---------------------------------------------------------------------------------------------

/// `ceil(plan / avg_deal)`: won deals needed to make `plan`. `Some(0)` for a zero (or negative)
/// plan; `None` when the average deal is unknown or not positive.
pub fn won_needed(plan: Money, avg_deal: Option<Money>) -> Option<u32> {
    let avg = avg_deal.filter(|a| a.0 > 0)?;
    if plan.0 <= 0 {
        return Some(0);
    }
    let (p, a) = (plan.0 as i128, avg.0 as i128);
    Some(u32::try_from((p + a - 1) / a).unwrap_or(u32::MAX))
}

/// `ceil(won / win_rate)`: stage-1 leads needed for `won` deals at `win_rate_pct` %. `None` when
/// the win rate is unknown, not positive or above 100 (an unknown rate is not 0 %).
pub fn leads_needed(won: u32, win_rate_pct: Option<f64>) -> Option<u32> {
    let wr = win_rate_pct.filter(|w| w.is_finite() && *w > 0.0 && *w <= 100.0)?;
    // 45 won at 45 % is 100 leads, not 101: forgive the last bits of float division.
    let x = (won as f64 * 100.0 / wr - 1e-9).ceil().max(0.0);
    Some(if x >= u32::MAX as f64 {
        u32::MAX
    } else {
        x as u32
    })
}

/// Little's law: projects that must be in the funnel at any moment,
/// `leads per year × average cycle in years` (cycle / 365). `None` when the cycle is unknown.
pub fn wip_needed(leads_per_year: u32, avg_cycle_days: Option<f64>) -> Option<f64> {
    let c = avg_cycle_days.filter(|c| c.is_finite() && *c >= 0.0)?;
    Some(leads_per_year as f64 * c / 365.0)
}

/// The project goal of one category with every input of its formulas.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectGoal {
    /// A or B.
    pub category: Category,
    /// plan_k (from [`category_plans`]).
    pub plan: Money,
    /// avg_deal_k of the ABC analysis.
    pub avg_deal: Option<Money>,
    /// ceil(plan_k / avg_deal_k).
    pub won_computed: Option<u32>,
    /// The hand-set count (`project_goal_overrides`).
    pub won_override: Option<u32>,
    /// The override when set, else the computed count.
    pub won_needed: Option<u32>,
    /// winrate_k, %.
    pub win_rate_pct: Option<f64>,
    /// ceil(won_needed / winrate_k), per year.
    pub leads_per_year: Option<u32>,
    /// leads_per_year × a quarter's share of the year ([`crate::domain::layer2::leads::prorate`]: 1/4), exact.
    pub leads_per_quarter: Option<f64>,
    /// leads_per_quarter rounded to the nearest whole (half up), as `i18n::format::fmt_needed`
    /// shows it.
    pub leads_per_quarter_rounded: Option<u32>,
    /// avg_cycle_k of the ABC analysis, days.
    pub avg_cycle_days: Option<f64>,
    /// leads_per_year × avg_cycle_k / 365 (Little's law).
    pub wip_needed: Option<f64>,
}

impl ProjectGoal {
    /// A goal of `category` with nothing known.
    pub fn empty(category: Category) -> ProjectGoal {
        ProjectGoal {
            category,
            plan: Money::ZERO,
            avg_deal: None,
            won_computed: None,
            won_override: None,
            won_needed: None,
            win_rate_pct: None,
            leads_per_year: None,
            leads_per_quarter: None,
            leads_per_quarter_rounded: None,
            avg_cycle_days: None,
            wip_needed: None,
        }
    }
}

/// Goals in projects for A and B (in that order), from the category plans, the ABC's average
/// deal and cycle, the win rates and the overrides.
pub fn project_goals(p: &Project, abc: &AbcResult) -> Vec<ProjectGoal> {
    let plans = category_plans(p);
    [Category::A, Category::B]
        .into_iter()
        .map(|k| {
            let plan = plans
                .plans
                .iter()
                .find(|c| c.category == k)
                .map(|c| c.plan)
                .unwrap_or_default();
            let s = abc.summary_of(k);
            let avg_deal = s.and_then(|s| s.avg_deal);
            let avg_cycle_days = s.and_then(|s| s.avg_cycle_days);
            let won_computed = won_needed(plan, avg_deal);
            let won_override = match k {
                Category::A => p.layer1.project_goal_overrides.a,
                _ => p.layer1.project_goal_overrides.b,
            };
            let won = won_override.or(won_computed);
            let win_rate_pct = category_value(&p.layer1.win_rates, k);
            let leads = won.and_then(|w| leads_needed(w, win_rate_pct));
            let quarter = Period::quarter(p.company.plan_year, 1);
            let per_q = leads.map(|l| crate::domain::layer2::leads::prorate(f64::from(l), quarter));
            ProjectGoal {
                category: k,
                plan,
                avg_deal,
                won_computed,
                won_override,
                won_needed: won,
                win_rate_pct,
                leads_per_year: leads,
                leads_per_quarter: per_q,
                leads_per_quarter_rounded: per_q.map(|q| q.round() as u32),
                avg_cycle_days,
                wip_needed: leads.and_then(|l| wip_needed(l, avg_cycle_days)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::layer1::abc::abc_for_project;
    use crate::domain::layer1::test_util::*;
    use crate::domain::layer1::*;

    #[test]
    fn demo_category_plans() {
        let p = demo_project();
        let c = category_plans(&p);
        let plans: Vec<Money> = c.plans.iter().map(|x| x.plan).collect();
        assert_eq!(plans, [702_000, 135_000, 63_000].map(Money::units).to_vec());
        assert!(c.shares_ok);
        assert_eq!(c.shares_sum, 100.0);
        assert_eq!(c.plans_sum, Money::units(900_000));
        assert!(c.missing.is_empty());
    }

    #[test]
    fn category_plans_report_bad_shares() {
        let mut p = demo_project();
        p.layer1.category_shares.c = Some(10.0);
        let c = category_plans(&p);
        assert!(!c.shares_ok);
        assert_eq!(c.shares_sum, 103.0);
        // Plans as entered: the sum visibly exceeds the company plan.
        assert_eq!(c.plans[2].plan, Money::units(90_000));
        assert_eq!(c.plans_sum, Money::units(927_000));
        p.layer1.category_shares.c = None;
        let c = category_plans(&p);
        assert_eq!((c.shares_sum, c.shares_ok), (93.0, false));
        assert_eq!(c.missing, vec![Category::C]);
        assert_eq!(c.plans[2].plan, Money::ZERO);
        assert_eq!(c.plans[2].share_pct, None);
        // Decimals that sum to 100 split exactly, to the hundredth.
        p.layer1.company_plan = Money(100);
        p.layer1.category_shares = CategoryValues {
            a: Some(33.3),
            b: Some(33.3),
            c: Some(33.4),
        };
        let c = category_plans(&p);
        assert!(c.shares_ok);
        assert_eq!(c.plans_sum, Money(100));
        // A negative share is never OK.
        p.layer1.category_shares = CategoryValues {
            a: Some(110.0),
            b: Some(-10.0),
            c: Some(0.0),
        };
        assert!(!category_plans(&p).shares_ok);
        assert_eq!(category_plans(&p).plans[1].plan, Money::ZERO);
    }

    #[test]
    fn zero_plan() {
        let mut p = demo_project();
        p.layer1.company_plan = Money::ZERO;
        let c = category_plans(&p);
        assert!(c.plans.iter().all(|x| x.plan.is_zero()));
        let goals = project_goals(&p, &abc_for_project(&p));
        assert_eq!(goals[0].won_needed, Some(0));
        assert_eq!(goals[0].leads_per_year, Some(0));
        assert_eq!(goals[0].wip_needed, Some(0.0));
        let m = manager_plans(&p, &abc_for_project(&p), DEFAULT_TOLERANCE_PCT);
        assert!(!m.total_ok);
        assert_eq!(m.difference_pct, None);
        let ms = market_share(&p);
        assert_eq!(ms.total.plan_share_pct, Some(0.0));
        let f = fulfilment(&p, Period::quarter(2025, 1), &TrafficLight::default());
        assert_eq!((f.company.pct, f.company.light), (None, None));
        assert!(propose_manager_plans(&p).iter().all(|x| x.amount.is_zero()));
    }

    #[test]
    fn demo_project_goals() {
        let p = demo_project();
        let abc = abc_for_project(&p);
        let g = project_goals(&p, &abc);
        assert_eq!(g.len(), 2);
        let (a, b) = (&g[0], &g[1]);
        assert_eq!((a.category, b.category), (Category::A, Category::B));
        assert_eq!(a.plan, Money::units(702_000));
        assert_eq!(a.avg_deal.map(|m| m.as_f64().round()), Some(24_704.0));
        assert_eq!((a.won_computed, a.won_needed), (Some(29), Some(29)));
        assert_eq!((b.won_computed, b.won_needed), (Some(38), Some(38)));
        assert_eq!(a.win_rate_pct, Some(45.0));
        assert_eq!(a.leads_per_year, Some(65));
        assert_eq!(a.leads_per_quarter, Some(16.25));
        assert_eq!(a.leads_per_quarter_rounded, Some(16));
        assert_eq!(b.leads_per_year, Some(76));
        assert_eq!(b.leads_per_quarter_rounded, Some(19));
        assert_eq!(a.avg_cycle_days.map(r1), Some(287.6));
        // Little's law: 65 leads/yr × 287.6 d / 365 ≈ 51.2 projects in the funnel.
        assert_eq!(a.wip_needed.map(r1), Some(51.2));
        assert_eq!(b.wip_needed.map(r1), Some(33.4));
    }

    #[test]
    fn overrides_win_and_missing_win_rate_is_unknown() {
        let mut p = demo_project();
        p.layer1.project_goal_overrides.a = Some(30);
        p.layer1.win_rates.b = None;
        let g = project_goals(&p, &abc_for_project(&p));
        assert_eq!((g[0].won_computed, g[0].won_override), (Some(29), Some(30)));
        assert_eq!(g[0].won_needed, Some(30));
        assert_eq!(g[0].leads_per_year, Some(67)); // ceil(30 / 0.45) = ceil(66.7)
        assert_eq!(g[1].won_needed, Some(38));
        assert_eq!(g[1].leads_per_year, None);
        assert_eq!(g[1].leads_per_quarter, None);
        assert_eq!(g[1].wip_needed, None);
        // No deal data → no average deal → no computed count; an override still works. (No
        // won deals in the revenue rows, and none among the project's deals to derive them.)
        for r in &mut p.revenues {
            r.won_deals = None;
        }
        p.deals
            .retain(|d| d.status != crate::domain::model::DealStatus::Won);
        let g = project_goals(&p, &abc_for_project(&p));
        assert_eq!(g[0].avg_deal, None);
        assert_eq!((g[0].won_computed, g[0].won_needed), (None, Some(30)));
        assert_eq!(g[1].won_needed, None);
    }

    #[test]
    fn rounding_helpers() {
        assert_eq!(won_needed(Money::units(10), Some(Money::units(5))), Some(2));
        assert_eq!(won_needed(Money::units(10), Some(Money(499))), Some(3));
        assert_eq!(won_needed(Money(1), Some(Money::units(5))), Some(1));
        assert_eq!(won_needed(Money::units(10), None), None);
        assert_eq!(won_needed(Money::units(10), Some(Money::ZERO)), None);
        assert_eq!(won_needed(Money::units(-10), Some(Money(1))), Some(0));
        assert_eq!(leads_needed(45, Some(45.0)), Some(100));
        assert_eq!(leads_needed(29, Some(45.0)), Some(65));
        assert_eq!(leads_needed(7, Some(70.0)), Some(10));
        assert_eq!(leads_needed(3, Some(10.0)), Some(30));
        assert_eq!(leads_needed(0, Some(45.0)), Some(0));
        assert_eq!(leads_needed(5, Some(100.0)), Some(5));
        for bad in [None, Some(0.0), Some(-5.0), Some(120.0), Some(f64::NAN)] {
            assert_eq!(leads_needed(5, bad), None, "{bad:?}");
        }
        assert_eq!(wip_needed(365, Some(30.0)), Some(30.0));
        assert_eq!(wip_needed(10, None), None);
        assert!(within_tolerance(Money(101), Money(100), 1.0));
        assert!(!within_tolerance(Money(102), Money(100), 1.0));
        assert!(within_tolerance(Money(99), Money(100), 1.0));
        assert!(within_tolerance(Money::ZERO, Money::ZERO, 1.0));
        assert!(!within_tolerance(Money(1), Money::ZERO, 1.0));
        assert!(!within_tolerance(Money(101), Money(100), f64::NAN));
    }
}
