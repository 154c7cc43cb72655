//! Layer 1 goals and plans (docs/METHOD.md §3.1): category plans, A/B project goals with the leads
//! they need, individual manager plans and their consistency checks, the calculated market share,
//! plan-to-date with seasonality and plan fulfilment (the layer's management metric), and the
//! sales-department structure.
//!
//! Why here: these are the "calculated plans" of the article's first layer. The UI shows every
//! formula with its inputs, so each result carries the inputs it was computed from.
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

use super::abc::{cat_slot, client_years, revenue_by_line, AbcResult};
use super::model::{
    Actual, Category, CategoryMoney, CategoryValues, ChannelAmount, Deal, DealStatus, Id, Project,
};
use super::money::{ratio_pct, Money};
use super::period::Period;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::hash::BuildHasher;

/// The default tolerance of the plan consistency checks, % of the target.
pub const DEFAULT_TOLERANCE_PCT: f64 = 1.0;

/// Default limit of A clients per manager when the project sets none (docs/METHOD.md §3.1).
pub const DEFAULT_MAX_A_CLIENTS: u32 = 5;

/// Percentages closer than this to 100 count as 100 (they are typed as decimals).
const PCT_EPS: f64 = 1e-6;

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
    /// leads_per_year × a quarter's share of the year ([`super::layer2::leads::prorate`]: 1/4), exact.
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
            let per_q = leads.map(|l| super::layer2::leads::prorate(f64::from(l), quarter));
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

// ---------------------------------------------------------------------------------------------
// Manager plans
// ---------------------------------------------------------------------------------------------

/// One manager's plan with its checks.
#[derive(Clone, Debug, PartialEq)]
pub struct ManagerPlanCheck {
    /// The manager.
    pub manager_id: Id,
    /// plan_m, the manager's plan.
    pub amount: Money,
    /// Σ of the channel split; `None` when no split is entered.
    pub channel_sum: Option<Money>,
    /// The channel split is within the tolerance of the plan (`None` = no split).
    pub channel_ok: Option<bool>,
    /// Σ of the category split; `None` when no split is entered (all three zero).
    pub category_sum: Option<Money>,
    /// The category split is within the tolerance of the plan (`None` = no split).
    pub category_ok: Option<bool>,
    /// The category split the project count uses: the entered one, or the plan split by the
    /// company's category shares when none is entered and the shares are valid.
    pub category_split: Option<[Money; 3]>,
    /// Σ_k plan_m,k / avg_deal_k / winrate_k; `None` when an input of a category with a plan is
    /// unknown.
    pub projects_computed: Option<f64>,
    /// The hand-set number of projects.
    pub projects_override: Option<u32>,
    /// The override when set, else the computed number.
    pub projects: Option<f64>,
}

/// The managers' plans against the company plan.
#[derive(Clone, Debug, PartialEq)]
pub struct ManagerPlans {
    /// One row per entry of `manager_plans`, in their order.
    pub rows: Vec<ManagerPlanCheck>,
    /// Σ plan_m.
    pub total: Money,
    /// The company plan.
    pub company_plan: Money,
    /// total − company plan.
    pub difference: Money,
    /// difference / company plan, %.
    pub difference_pct: Option<f64>,
    /// `Σ plan_m = plan_company` within the tolerance.
    pub total_ok: bool,
    /// The tolerance used, % of the target.
    pub tolerance_pct: f64,
    /// Active managers that have no plan.
    pub without_plan: Vec<Id>,
}

impl ManagerPlans {
    /// Manager plans whose channel or category split misses the plan (Слой 1 → Планы).
    pub fn splits_bad(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.channel_ok == Some(false) || r.category_ok == Some(false))
            .count()
    }
}

/// Σ_k plan_k / avg_deal_k / winrate_k over the categories with a positive plan.
fn projects_for(split: &[Money; 3], abc: &AbcResult, win_rates: &CategoryValues) -> Option<f64> {
    let mut sum = 0.0;
    for (k, plan) in Category::ABC.iter().zip(split) {
        if plan.0 <= 0 {
            continue;
        }
        let avg = abc
            .summary_of(*k)
            .and_then(|s| s.avg_deal)
            .filter(|a| a.0 > 0)?;
        let wr = category_value(win_rates, *k).filter(|w| w.is_finite() && *w > 0.0)?;
        sum += plan.as_f64() / avg.as_f64() / (wr / 100.0);
    }
    Some(sum)
}

/// Checks every manager plan (channel and category split within `tolerance_pct` of the plan)
/// and the sum of the plans against the company plan, and computes projects in the funnel.
pub fn manager_plans(p: &Project, abc: &AbcResult, tolerance_pct: f64) -> ManagerPlans {
    let l1 = &p.layer1;
    let cats = category_plans(p);
    let shares: Vec<f64> = cats
        .plans
        .iter()
        .map(|c| c.share_pct.unwrap_or(0.0))
        .collect();
    let rows: Vec<ManagerPlanCheck> = l1
        .manager_plans
        .iter()
        .map(|m| {
            let channel_sum = if m.by_channel.is_empty() {
                None
            } else {
                Some(m.by_channel.iter().map(|c| c.amount).sum::<Money>())
            };
            let c = &m.by_category;
            let entered = [c.a, c.b, c.c];
            let category_sum = if entered.iter().all(|x| x.is_zero()) {
                None
            } else {
                Some(entered.iter().sum::<Money>())
            };
            let category_split = if category_sum.is_some() {
                Some(entered)
            } else if cats.shares_ok {
                let s = m.amount.split(&shares);
                Some([s[0], s[1], s[2]])
            } else {
                None
            };
            let projects_computed =
                category_split.and_then(|s| projects_for(&s, abc, &l1.win_rates));
            ManagerPlanCheck {
                manager_id: m.manager_id,
                amount: m.amount,
                channel_sum,
                channel_ok: channel_sum.map(|s| within_tolerance(s, m.amount, tolerance_pct)),
                category_sum,
                category_ok: category_sum.map(|s| within_tolerance(s, m.amount, tolerance_pct)),
                category_split,
                projects_computed,
                projects_override: m.projects,
                projects: m.projects.map(|x| x as f64).or(projects_computed),
            }
        })
        .collect();
    let total: Money = rows.iter().map(|r| r.amount).sum();
    let difference = total - l1.company_plan;
    let without_plan = p
        .managers
        .iter()
        .filter(|m| m.active && !l1.manager_plans.iter().any(|x| x.manager_id == m.id))
        .map(|m| m.id)
        .collect();
    ManagerPlans {
        rows,
        total,
        company_plan: l1.company_plan,
        difference,
        difference_pct: ratio_pct(difference.0 as f64, l1.company_plan.0 as f64),
        total_ok: within_tolerance(total, l1.company_plan, tolerance_pct),
        tolerance_pct,
        without_plan,
    }
}

/// A proposed plan for one manager.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanProposal {
    /// The manager.
    pub manager_id: Id,
    /// Base-year revenue of the manager's clients (the weight).
    pub base_revenue: Money,
    /// The proposed plan.
    pub amount: Money,
}

/// The default split of the company plan over the active managers: proportional to the base-year
/// revenue of each manager's clients, scaled to the company plan exactly. When no manager has
/// base-year revenue, the plan is split equally.
pub fn propose_manager_plans(p: &Project) -> Vec<PlanProposal> {
    let years = client_years(p, p.company.base_year);
    let mut by_manager: HashMap<Id, Money> = HashMap::new();
    for (c, cy) in p.clients.iter().zip(&years) {
        if let Some(m) = c.manager_id {
            *by_manager.entry(m).or_default() += cy.amount;
        }
    }
    let managers: Vec<(Id, Money)> = p
        .managers
        .iter()
        .filter(|m| m.active)
        .map(|m| {
            (
                m.id,
                by_manager
                    .get(&m.id)
                    .copied()
                    .unwrap_or_default()
                    .max(Money::ZERO),
            )
        })
        .collect();
    let mut weights: Vec<f64> = managers.iter().map(|(_, r)| r.as_f64()).collect();
    if weights.iter().all(|w| *w <= 0.0) {
        weights = vec![1.0; weights.len()];
    }
    let amounts = p.layer1.company_plan.split(&weights);
    managers
        .into_iter()
        .zip(amounts)
        .map(|((id, rev), amount)| PlanProposal {
            manager_id: id,
            base_revenue: rev,
            amount,
        })
        .collect()
}

/// A proposed channel split of `amount` for a manager: proportional to the base-year revenue of
/// the manager's clients per channel (all project channels, in their order); equal over the
/// manager's own channels (else all channels) when there is no such revenue.
pub fn propose_channel_split(p: &Project, manager_id: Id, amount: Money) -> Vec<ChannelAmount> {
    if p.channels.is_empty() {
        return vec![];
    }
    let years = client_years(p, p.company.base_year);
    let pos: HashMap<Id, usize> = p
        .channels
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let mut weights = vec![0.0; p.channels.len()];
    for (c, cy) in p.clients.iter().zip(&years) {
        if c.manager_id != Some(manager_id) {
            continue;
        }
        if let Some(i) = c.channel_id.and_then(|ch| pos.get(&ch)) {
            weights[*i] += cy.amount.as_f64().max(0.0);
        }
    }
    if weights.iter().all(|w| *w <= 0.0) {
        let own = p
            .manager(manager_id)
            .map(|m| m.channel_ids.clone())
            .unwrap_or_default();
        for (i, c) in p.channels.iter().enumerate() {
            weights[i] = if own.is_empty() || own.contains(&c.id) {
                1.0
            } else {
                0.0
            };
        }
    }
    amount
        .split(&weights)
        .into_iter()
        .zip(&p.channels)
        .map(|(a, c)| ChannelAmount {
            channel_id: c.id,
            amount: a,
        })
        .collect()
}

/// A proposed category split of `amount` by the company's category shares; `None` when the
/// shares are not complete or do not sum to 100.
pub fn propose_category_split(p: &Project, amount: Money) -> Option<CategoryMoney> {
    let cats = category_plans(p);
    if !cats.shares_ok {
        return None;
    }
    let w: Vec<f64> = cats
        .plans
        .iter()
        .map(|c| c.share_pct.unwrap_or(0.0))
        .collect();
    let s = amount.split(&w);
    Some(CategoryMoney {
        a: s[0],
        b: s[1],
        c: s[2],
    })
}

// ---------------------------------------------------------------------------------------------
// Market share
// ---------------------------------------------------------------------------------------------

/// Market volume of `year`, in total (`line = None`) or for one business line. Several entries
/// for the same year and line are added up (e.g. entered per region). The total falls back to
/// the sum of the per-line volumes when no total is entered. `None` when nothing is entered.
pub fn market_volume(p: &Project, year: i32, line: Option<Id>) -> Option<Money> {
    let of_year = || p.layer1.market_volumes.iter().filter(|v| v.year == year);
    let exact: Vec<Money> = of_year()
        .filter(|v| v.business_line_id == line)
        .map(|v| v.amount)
        .collect();
    if !exact.is_empty() {
        return Some(exact.iter().sum());
    }
    if line.is_none() {
        let lines: Vec<Money> = of_year()
            .filter(|v| v.business_line_id.is_some())
            .map(|v| v.amount)
            .collect();
        if !lines.is_empty() {
            return Some(lines.iter().sum());
        }
    }
    None
}

/// Plan share and actual share for the whole market or one business line.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareLine {
    /// `None` for the total.
    pub business_line_id: Option<Id>,
    /// The plan-year plan: the company plan, or the line's part of it.
    pub plan: Option<Money>,
    /// Market volume of the plan year.
    pub plan_volume: Option<Money>,
    /// plan / market volume of the plan year, %.
    pub plan_share_pct: Option<f64>,
    /// Base-year revenue (of the line: clients' revenue split equally over their lines).
    pub base_revenue: Money,
    /// Market volume of the base year.
    pub base_volume: Option<Money>,
    /// base revenue / market volume of the base year, %.
    pub base_share_pct: Option<f64>,
}

/// The calculated market share.
#[derive(Clone, Debug, PartialEq)]
pub struct MarketShare {
    /// The year being planned.
    pub plan_year: i32,
    /// The year of the actual share.
    pub base_year: i32,
    /// The whole market.
    pub total: ShareLine,
    /// Business lines (in the project's order) that have a volume in the plan or base year.
    pub lines: Vec<ShareLine>,
}

fn share(plan: Option<Money>, vol: Option<Money>) -> Option<f64> {
    let v = vol.filter(|v| v.0 > 0)?;
    ratio_pct(plan?.as_f64(), v.as_f64())
}

/// Market share: `plan / market volume` for the plan year and `revenue / market volume` for
/// the base year, in total and per business line.
///
/// The per-line plan is the company plan split by the lines' base-year revenue share: a client
/// in several lines counts its revenue equally in each; revenue of clients without a line keeps
/// its part of the plan unassigned, so the line plans never add up to more than the company
/// plan. Without base-year revenue the per-line plan is unknown.
pub fn market_share(p: &Project) -> MarketShare {
    let (py, by) = (p.company.plan_year, p.company.base_year);
    let base_by_line = revenue_by_line(p, by);
    let base_total: Money = base_by_line.values().copied().sum();
    let total_plan = p.layer1.company_plan;
    let lines: Vec<Id> = p
        .business_lines
        .iter()
        .map(|l| l.id)
        .filter(|l| {
            market_volume(p, py, Some(*l)).is_some() || market_volume(p, by, Some(*l)).is_some()
        })
        .collect();
    // Weights: every business line of the project, then the unassigned rest.
    let mut weights: Vec<f64> = p
        .business_lines
        .iter()
        .map(|l| {
            base_by_line
                .get(&Some(l.id))
                .map(|m| m.as_f64())
                .unwrap_or(0.0)
        })
        .collect();
    weights.push(base_total.as_f64() - weights.iter().sum::<f64>());
    let line_plans: HashMap<Id, Money> = if base_total.0 > 0 {
        p.business_lines
            .iter()
            .zip(total_plan.split(&weights))
            .map(|(l, m)| (l.id, m))
            .collect()
    } else {
        HashMap::new()
    };
    let make = |line: Option<Id>, plan: Option<Money>, base_revenue: Money| {
        let plan_volume = market_volume(p, py, line);
        let base_volume = market_volume(p, by, line);
        ShareLine {
            business_line_id: line,
            plan,
            plan_volume,
            plan_share_pct: share(plan, plan_volume),
            base_revenue,
            base_volume,
            base_share_pct: share(Some(base_revenue), base_volume),
        }
    };
    MarketShare {
        plan_year: py,
        base_year: by,
        total: make(None, Some(total_plan), base_total),
        lines: lines
            .iter()
            .map(|l| {
                make(
                    Some(*l),
                    line_plans.get(l).copied(),
                    base_by_line.get(&Some(*l)).copied().unwrap_or_default(),
                )
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// Plan to date and fulfilment
// ---------------------------------------------------------------------------------------------

/// Whether the 12 monthly shares can be used.
#[derive(Clone, Debug, PartialEq)]
pub struct SeasonalityCheck {
    /// Anything entered at all (empty = linear by days, which is fine).
    pub entered: bool,
    /// Exactly 12 finite, non-negative values with a positive sum.
    pub usable: bool,
    /// Σ of the entered values, %.
    pub sum: f64,
    /// The sum is 100 (a usable list that does not sum to 100 is scaled to 100 and warned about).
    pub sums_to_100: bool,
}

/// Checks the seasonality list.
pub fn seasonality_check(s: &[f64]) -> SeasonalityCheck {
    let sum: f64 = s.iter().filter(|x| x.is_finite()).sum();
    let usable = s.len() == 12 && s.iter().all(|x| x.is_finite() && *x >= 0.0) && sum > 0.0;
    SeasonalityCheck {
        entered: !s.is_empty(),
        usable,
        sum,
        sums_to_100: usable && (sum - 100.0).abs() <= PCT_EPS,
    }
}

fn days_in_month(year: i32, month: u32) -> i64 {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match (first, next) {
        (Some(a), Some(b)) => (b - a).num_days(),
        _ => 30,
    }
}

/// Days of `a` that fall in `b` (both inclusive).
fn overlap_days(a: Period, b: Period) -> i64 {
    let from = a.from.max(b.from);
    let to = a.to.min(b.to);
    if from > to {
        0
    } else {
        (to - from).num_days() + 1
    }
}

/// The part of the annual plan of `year` that falls in `period`.
///
/// With usable seasonality (12 monthly %, scaled to 100 if they sum otherwise) each month
/// contributes its share × the fraction of its days inside the period; otherwise the plan is
/// linear by days. Days outside `year` contribute nothing. Rounded to hundredths.
pub fn plan_for_period(annual: Money, year: i32, seasonality: &[f64], period: Period) -> Money {
    let check = seasonality_check(seasonality);
    let whole_year = Period::year(year);
    let fraction = if check.usable {
        (1..=12u32)
            .map(|m| {
                let Some(from) = NaiveDate::from_ymd_opt(year, m, 1) else {
                    return 0.0;
                };
                let dim = days_in_month(year, m);
                let month = Period::new(from, from + chrono::Duration::days(dim - 1));
                seasonality[(m - 1) as usize] / check.sum * overlap_days(month, period) as f64
                    / dim as f64
            })
            .sum::<f64>()
    } else {
        overlap_days(whole_year, period) as f64 / whole_year.days() as f64
    };
    Money((annual.0 as f64 * fraction).round() as i64)
}

/// The annual plan of `year` due from 1 January up to `to` (inclusive).
pub fn plan_to_date(annual: Money, year: i32, seasonality: &[f64], to: NaiveDate) -> Money {
    match NaiveDate::from_ymd_opt(year, 1, 1) {
        Some(from) if from <= to => {
            plan_for_period(annual, year, seasonality, Period::new(from, to))
        }
        _ => Money::ZERO,
    }
}

/// From 1 January of the plan year to the project's "as of" date (or `today`).
pub fn year_to_date(p: &Project, today: NaiveDate) -> Period {
    let to = p.as_of(today);
    let from = NaiveDate::from_ymd_opt(p.company.plan_year, 1, 1).unwrap_or(to);
    Period::new(from, to)
}

/// The part of an actual that falls in `period`, pro rata by days (an actual for a quarter
/// counts 31/90 in January), rounded half up to hundredths.
pub fn actual_in_period(a: &Actual, period: Period) -> Money {
    let span = Period::new(a.from, a.to);
    let days = overlap_days(span, period);
    if days <= 0 {
        return Money::ZERO;
    }
    let total = span.days() as i128;
    let num = a.amount.0 as i128 * days as i128;
    // Half away from zero.
    let q = (num.abs() * 2 + total) / (2 * total);
    Money((if num < 0 { -q } else { q }) as i64)
}

/// Where a fact figure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactSource {
    /// Entered actuals (shipments invoiced) overlapping the period.
    Actuals,
    /// No actual overlaps the period: won deals closed in it.
    WonDeals,
}

/// Fact of a scope (`manager = None`: the company) in `period`.
///
/// Kept simple so nothing is counted twice: when entered actuals of the scope overlap the
/// period, the fact is their sum (pro rata by days, see [`actual_in_period`]); otherwise it is
/// the sum of won deals closed in the period (so a quarter without entered actuals still shows
/// the deals won in it). A manager's scope is the actuals and deals carrying that manager. For
/// the company, an actual without a manager is a company total: when such actuals overlap the
/// period they alone count; otherwise the per-manager actuals are added up; otherwise all won
/// deals of the period.
pub fn fact_in_period(p: &Project, period: Period, manager: Option<Id>) -> (Money, FactSource) {
    let overlapping = |m: Option<Id>| -> Vec<&Actual> {
        p.layer1
            .actuals
            .iter()
            .filter(|a| a.manager_id == m)
            .filter(|a| overlap_days(Period::new(a.from, a.to), period) > 0)
            .collect()
    };
    let mut actuals = overlapping(manager);
    if manager.is_none() && actuals.is_empty() {
        actuals = p
            .layer1
            .actuals
            .iter()
            .filter(|a| a.manager_id.is_some())
            .filter(|a| overlap_days(Period::new(a.from, a.to), period) > 0)
            .collect();
    }
    if !actuals.is_empty() {
        return (
            actuals.iter().map(|a| actual_in_period(a, period)).sum(),
            FactSource::Actuals,
        );
    }
    let in_scope_d = |d: &&Deal| manager.is_none() || d.manager_id == manager;
    let won = p
        .deals
        .iter()
        .filter(in_scope_d)
        .filter(|d| d.status == DealStatus::Won)
        .filter(|d| d.closed.is_some_and(|c| period.contains(c)))
        .map(|d| d.amount)
        .sum();
    (won, FactSource::WonDeals)
}

/// Company-level actuals (without a manager) and per-manager actuals that both overlap
/// `period` and disagree: `(company total, Σ managers)`. The company's fact then comes from the
/// company-level entries alone (see [`fact_in_period`]), which the screen must say, because the
/// manager rows add up to something else.
pub fn company_fact_conflict(p: &Project, period: Period) -> Option<(Money, Money)> {
    let sum = |with_manager: bool| -> Option<Money> {
        let v: Vec<Money> = p
            .layer1
            .actuals
            .iter()
            .filter(|a| a.manager_id.is_some() == with_manager)
            .filter(|a| overlap_days(Period::new(a.from, a.to), period) > 0)
            .map(|a| actual_in_period(a, period))
            .collect();
        (!v.is_empty()).then(|| v.into_iter().sum())
    };
    match (sum(false), sum(true)) {
        (Some(company), Some(managers)) if company != managers => Some((company, managers)),
        _ => None,
    }
}

/// Traffic-light thresholds of plan fulfilment, %.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrafficLight {
    /// Green from this value (default 95).
    pub green_from: f64,
    /// Amber from this value up to green (default 85); below is red.
    pub amber_from: f64,
}

impl Default for TrafficLight {
    fn default() -> Self {
        TrafficLight {
            green_from: 95.0,
            amber_from: 85.0,
        }
    }
}

/// A traffic-light colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Light {
    /// Fulfilment at or above the green threshold.
    Green,
    /// Fulfilment between the amber and green thresholds.
    Amber,
    /// Fulfilment below the amber threshold.
    Red,
}

impl TrafficLight {
    /// The colour of a fulfilment %, `None` when the fulfilment is unknown.
    pub fn light(&self, pct: Option<f64>) -> Option<Light> {
        let x = pct.filter(|x| x.is_finite())?;
        Some(if x >= self.green_from {
            Light::Green
        } else if x >= self.amber_from {
            Light::Amber
        } else {
            Light::Red
        })
    }
}

/// Plan fulfilment of one scope.
#[derive(Clone, Debug, PartialEq)]
pub struct Fulfilment {
    /// `None` for the company.
    pub manager_id: Option<Id>,
    /// The scope's annual plan for the plan year.
    pub annual_plan: Money,
    /// The annual plan's part in the period (seasonality or linear).
    pub plan_to_date: Money,
    /// Fact of the period (see [`fact_in_period`]).
    pub fact: Money,
    /// Where the fact comes from.
    pub source: FactSource,
    /// fact / plan_to_date × 100, `None` when the plan to date is zero.
    pub pct: Option<f64>,
    /// The traffic-light colour (`None` when `pct` is unknown).
    pub light: Option<Light>,
}

/// Fulfilment of the company and of every manager.
#[derive(Clone, Debug, PartialEq)]
pub struct FulfilmentReport {
    /// The period measured.
    pub period: Period,
    /// The company as a whole.
    pub company: Fulfilment,
    /// In the order of `p.managers`; a manager without a plan has a zero plan.
    pub managers: Vec<Fulfilment>,
}

/// The management metric of layer 1: `fulfilment = fact / plan_to_date × 100 %` for `period`
/// (usually [`year_to_date`]), per company and per manager, with the traffic light.
/// The plan is the plan year's; days of the period outside the plan year add no plan.
pub fn fulfilment(p: &Project, period: Period, lights: &TrafficLight) -> FulfilmentReport {
    let year = p.company.plan_year;
    let season = &p.layer1.seasonality;
    let line = |manager: Option<Id>, annual: Money| {
        let plan_to_date = plan_for_period(annual, year, season, period);
        let (fact, source) = fact_in_period(p, period, manager);
        let pct = ratio_pct(fact.0 as f64, plan_to_date.0 as f64);
        Fulfilment {
            manager_id: manager,
            annual_plan: annual,
            plan_to_date,
            fact,
            source,
            pct,
            light: lights.light(pct),
        }
    };
    FulfilmentReport {
        period,
        company: line(None, p.layer1.company_plan),
        managers: p
            .managers
            .iter()
            .map(|m| {
                let annual = p
                    .layer1
                    .manager_plans
                    .iter()
                    .filter(|x| x.manager_id == m.id)
                    .map(|x| x.amount)
                    .sum();
                line(Some(m.id), annual)
            })
            .collect(),
    }
}

/// One month of the plan/fact chart of a scope.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthPlanFact {
    /// 1–12.
    pub month: u32,
    /// The month's part of the annual plan (seasonality or linear).
    pub plan: Money,
    /// Fact of the month up to the "as of" date (see [`fact_in_period`]); `None` for months
    /// that have not started.
    pub fact: Option<Money>,
    /// Σ plan from January to this month.
    pub cum_plan: Money,
    /// Σ fact from January to this month; `None` for months that have not started.
    pub cum_fact: Option<Money>,
}

/// The annual plan of a scope: the company plan (`None`) or the sum of the manager's plans.
pub fn annual_plan(p: &Project, manager: Option<Id>) -> Money {
    match manager {
        None => p.layer1.company_plan,
        Some(m) => p
            .layer1
            .manager_plans
            .iter()
            .filter(|x| x.manager_id == m)
            .map(|x| x.amount)
            .sum(),
    }
}

/// Plan and fact of every month of the plan year for a scope, monthly and cumulative, for the
/// plan/fact chart. The cumulative fact is [`fact_in_period`] from 1 January to the month's end
/// (or `as_of`), so it matches the year-to-date figure; a month's fact is the difference of two
/// cumulative ones (a quarterly actual spreads pro rata by days).
pub fn monthly_plan_fact(p: &Project, manager: Option<Id>, as_of: NaiveDate) -> Vec<MonthPlanFact> {
    let year = p.company.plan_year;
    let annual = annual_plan(p, manager);
    let start = Period::year(year).from;
    let (mut prev_plan, mut prev_fact) = (Money::ZERO, Money::ZERO);
    (1..=12u32)
        .map(|m| {
            let month = Period::month(year, m);
            // Cumulative figures are computed over January..month, so they equal the
            // year-to-date table exactly (no rounding drift from adding monthly parts).
            let cum_plan = plan_for_period(
                annual,
                year,
                &p.layer1.seasonality,
                Period::new(start, month.to),
            );
            let cum_fact = (month.from <= as_of)
                .then(|| fact_in_period(p, Period::new(start, month.to.min(as_of)), manager).0);
            let plan = cum_plan - prev_plan;
            let fact = cum_fact.map(|c| c - prev_fact);
            prev_plan = cum_plan;
            if let Some(c) = cum_fact {
                prev_fact = c;
            }
            MonthPlanFact {
                month: m,
                plan,
                fact,
                cum_plan,
                cum_fact,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Target-market hypotheses
// ---------------------------------------------------------------------------------------------

/// Totals of the target-market hypotheses.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HypothesesSummary {
    /// Hypotheses to check, confirmed, rejected.
    pub counts: [usize; 3],
    /// Σ market volume of the confirmed hypotheses (those without a volume add nothing).
    pub confirmed_volume: Money,
    /// Σ market volume × expected share of the confirmed hypotheses that have both.
    pub confirmed_expected_sales: Money,
    /// Σ market volume of the hypotheses still to check.
    pub to_check_volume: Money,
}

/// Counts per status and the market volume of the confirmed hypotheses.
pub fn hypotheses_summary(p: &Project) -> HypothesesSummary {
    use super::model::HypothesisStatus as S;
    let mut s = HypothesesSummary::default();
    for h in &p.layer1.hypotheses {
        let vol = h.market_volume.unwrap_or_default();
        match h.status {
            S::ToCheck => {
                s.counts[0] += 1;
                s.to_check_volume += vol;
            }
            S::Confirmed => {
                s.counts[1] += 1;
                s.confirmed_volume += vol;
                if let (Some(v), Some(sh)) = (h.market_volume, h.expected_share) {
                    if sh.is_finite() {
                        s.confirmed_expected_sales += v.percent(sh);
                    }
                }
            }
            S::Rejected => s.counts[2] += 1,
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Sales-department structure
// ---------------------------------------------------------------------------------------------

/// A manager's clients by category and base-year revenue.
#[derive(Clone, Debug, PartialEq)]
pub struct ManagerLoad {
    /// The manager.
    pub manager_id: Id,
    /// Clients per category A, B, C, N.
    pub clients: [usize; 4],
    /// Base-year revenue of the manager's clients.
    pub base_revenue: Money,
}

/// A warning about the sales structure.
#[derive(Clone, Debug, PartialEq)]
pub enum StructureWarning {
    /// The manager owns more A clients than the limit.
    TooManyAClients {
        /// The manager.
        manager_id: Id,
        /// A clients the manager owns.
        count: usize,
        /// The limit.
        max: u32,
    },
    /// A clients without a manager (or with an unknown one).
    AClientsWithoutManager {
        /// The clients, in the order of `p.clients`.
        clients: Vec<Id>,
    },
    /// An inactive manager still owns clients.
    InactiveManagerHasClients {
        /// The manager.
        manager_id: Id,
        /// Clients the manager owns.
        clients: usize,
    },
}

/// The sales department's structure: load per manager and the warnings.
#[derive(Clone, Debug, PartialEq)]
pub struct SalesStructure {
    /// In the order of `p.managers`.
    pub managers: Vec<ManagerLoad>,
    /// Clients without a (known) manager per category A, B, C, N.
    pub unassigned: [usize; 4],
    /// The limit used (`max_a_clients_per_manager`, default 5).
    pub max_a_clients: u32,
    /// Warnings, per manager in their order, then the unassigned A clients.
    pub warnings: Vec<StructureWarning>,
}

/// Load per manager and the structure warnings, given every client's category (see
/// [`super::abc::client_categories`]).
pub fn sales_structure<S: BuildHasher>(
    p: &Project,
    categories: &HashMap<Id, Category, S>,
) -> SalesStructure {
    let max = p
        .layer1
        .max_a_clients_per_manager
        .unwrap_or(DEFAULT_MAX_A_CLIENTS);
    let years = client_years(p, p.company.base_year);
    let pos: HashMap<Id, usize> = p
        .managers
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id, i))
        .collect();
    let mut loads: Vec<ManagerLoad> = p
        .managers
        .iter()
        .map(|m| ManagerLoad {
            manager_id: m.id,
            clients: [0; 4],
            base_revenue: Money::ZERO,
        })
        .collect();
    let mut unassigned = [0usize; 4];
    let mut a_without = Vec::new();
    for (c, cy) in p.clients.iter().zip(&years) {
        let k = categories.get(&c.id).copied().unwrap_or(Category::N);
        match c.manager_id.and_then(|m| pos.get(&m)) {
            Some(i) => {
                loads[*i].clients[cat_slot(k)] += 1;
                loads[*i].base_revenue += cy.amount;
            }
            None => {
                unassigned[cat_slot(k)] += 1;
                if k == Category::A {
                    a_without.push(c.id);
                }
            }
        }
    }
    let mut warnings = Vec::new();
    for (m, l) in p.managers.iter().zip(&loads) {
        if l.clients[0] > max as usize {
            warnings.push(StructureWarning::TooManyAClients {
                manager_id: m.id,
                count: l.clients[0],
                max,
            });
        }
        let n: usize = l.clients.iter().sum();
        if !m.active && n > 0 {
            warnings.push(StructureWarning::InactiveManagerHasClients {
                manager_id: m.id,
                clients: n,
            });
        }
    }
    if !a_without.is_empty() {
        warnings.push(StructureWarning::AClientsWithoutManager { clients: a_without });
    }
    SalesStructure {
        managers: loads,
        unassigned,
        max_a_clients: max,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::abc::{abc_for_project, client_categories};
    use crate::domain::demo::demo_project;
    use crate::domain::model::{Client, ClientRevenue, ManagerPlan, MarketVolume};
    use crate::domain::new_id;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn r1(x: f64) -> f64 {
        (x * 10.0).round() / 10.0
    }

    fn code_of(p: &Project, id: Id) -> String {
        p.client(id).map(|c| c.code.clone()).unwrap_or_default()
    }

    fn mcode(p: &Project, id: Id) -> String {
        p.manager(id).map(|m| m.code.clone()).unwrap_or_default()
    }

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

    #[test]
    fn demo_manager_plans() {
        let p = demo_project();
        let abc = abc_for_project(&p);
        let m = manager_plans(&p, &abc, DEFAULT_TOLERANCE_PCT);
        assert_eq!(m.rows.len(), 4);
        assert_eq!(m.total, Money::units(900_000));
        assert_eq!(m.difference, Money::ZERO);
        assert_eq!(m.difference_pct, Some(0.0));
        assert!(m.total_ok);
        assert!(m.without_plan.is_empty());
        assert_eq!(m.splits_bad(), 0);
        for r in &m.rows {
            assert_eq!(r.channel_sum, Some(r.amount));
            assert_eq!((r.channel_ok, r.category_ok), (Some(true), Some(true)));
            assert!(r.projects_computed.is_some());
            assert_eq!(r.projects, r.projects_computed);
        }
        // The formula is linear, so Σ_m projects = Σ_k plan_k / avg_deal_k / winrate_k.
        let avg = |k| abc.summary_of(k).unwrap().avg_deal.unwrap().as_f64();
        let want = 702_000.0 / avg(Category::A) / 0.45
            + 135_000.0 / avg(Category::B) / 0.5
            + 63_000.0 / avg(Category::C) / 0.6;
        let got: f64 = m.rows.iter().filter_map(|r| r.projects).sum();
        assert!((got - want).abs() < 1e-6, "{got} vs {want}");
        assert_eq!(want.round(), 260.0);
        let m1 = &m.rows[0];
        assert_eq!(mcode(&p, m1.manager_id), "M1");
        let m1_want = 141_180.0 / avg(Category::A) / 0.45
            + 27_150.0 / avg(Category::B) / 0.5
            + 12_670.0 / avg(Category::C) / 0.6;
        assert!((m1.projects_computed.unwrap() - m1_want).abs() < 1e-9);
    }

    #[test]
    fn manager_plan_checks_catch_inconsistencies() {
        let mut p = demo_project();
        let abc = abc_for_project(&p);
        // M1 +2 %: the total is off by 3 620 = 0.4 %, within ±1 %; M1's splits are not.
        p.layer1.manager_plans[0].amount = Money::units(184_620);
        p.layer1.manager_plans[1].projects = Some(40);
        p.layer1.manager_plans[2].by_channel.clear();
        p.layer1.manager_plans[2].by_category = CategoryMoney::default();
        let m = manager_plans(&p, &abc, DEFAULT_TOLERANCE_PCT);
        assert!(m.total_ok);
        assert_eq!(m.difference, Money::units(3_620));
        assert_eq!(m.rows[0].channel_ok, Some(false));
        assert_eq!(m.rows[0].category_ok, Some(false));
        // Only M1's splits miss; M3 has none entered (no check).
        assert_eq!(m.splits_bad(), 1);
        assert_eq!(m.rows[1].projects, Some(40.0));
        assert!(m.rows[1].projects_computed.is_some());
        // No splits entered: no check, and the projects use the company shares.
        assert_eq!((m.rows[2].channel_ok, m.rows[2].category_ok), (None, None));
        assert_eq!(
            m.rows[2].category_split,
            Some([193_440, 37_200, 17_360].map(Money::units))
        );
        assert!(m.rows[2].projects_computed.is_some());
        // Remove a plan: the total misses by 20 %, and the manager is listed.
        let gone = p.layer1.manager_plans.remove(3).manager_id;
        let m = manager_plans(&p, &abc, DEFAULT_TOLERANCE_PCT);
        assert!(!m.total_ok);
        assert_eq!(m.without_plan, vec![gone]);
        assert_eq!(m.difference_pct.map(r1), Some(-20.4));
        // Unknown win rate for a category with a plan → projects unknown, not 0.
        p.layer1.win_rates.c = None;
        let m = manager_plans(&p, &abc, DEFAULT_TOLERANCE_PCT);
        assert_eq!(m.rows[0].projects_computed, None);
        assert_eq!(m.rows[1].projects, Some(40.0), "override still shown");
        // Without valid shares and without a split, there is no category split at all.
        p.layer1.category_shares.a = None;
        let m = manager_plans(&p, &abc, DEFAULT_TOLERANCE_PCT);
        assert_eq!(m.rows[2].category_split, None);
        assert_eq!(m.rows[2].projects, None);
    }

    #[test]
    fn demo_plan_proposals() {
        let p = demo_project();
        let prop = propose_manager_plans(&p);
        assert_eq!(prop.len(), 4);
        assert_eq!(
            prop.iter().map(|x| x.amount).sum::<Money>(),
            Money::units(900_000)
        );
        assert_eq!(prop[0].base_revenue, Money::units(164_130));
        assert_eq!(prop[0].amount.as_f64().round(), 181_241.0);
        // The demo's channel splits were built the same way.
        for mp in &p.layer1.manager_plans {
            assert_eq!(
                propose_channel_split(&p, mp.manager_id, mp.amount),
                mp.by_channel
            );
        }
        let cat = propose_category_split(&p, Money::units(181_000)).unwrap();
        assert_eq!(
            [cat.a, cat.b, cat.c],
            [141_180, 27_150, 12_670].map(Money::units)
        );
        let mut q = p.clone();
        q.layer1.category_shares.a = Some(1.0);
        assert_eq!(propose_category_split(&q, Money::units(1)), None);
    }

    #[test]
    fn proposals_without_revenue_split_equally() {
        let mut p = demo_project();
        p.revenues.clear();
        p.managers[3].active = false;
        let prop = propose_manager_plans(&p);
        assert_eq!(prop.len(), 3);
        assert_eq!(
            prop.iter().map(|x| x.amount).collect::<Vec<_>>(),
            vec![Money::units(300_000); 3]
        );
        let m = p.managers[0].id;
        p.managers[0].channel_ids = vec![p.channels[1].id];
        let split = propose_channel_split(&p, m, Money::units(10));
        assert_eq!(
            split.iter().map(|c| c.amount).collect::<Vec<_>>(),
            vec![Money::ZERO, Money::units(10), Money::ZERO]
        );
        p.channels.clear();
        assert!(propose_channel_split(&p, m, Money::units(10)).is_empty());
    }

    #[test]
    fn demo_market_share() {
        let p = demo_project();
        let ms = market_share(&p);
        assert_eq!((ms.plan_year, ms.base_year), (2025, 2024));
        assert_eq!(ms.total.plan, Some(Money::units(900_000)));
        assert_eq!(ms.total.plan_volume, Some(Money::units(9_000_000)));
        assert_eq!(ms.total.plan_share_pct.map(r1), Some(10.0));
        assert_eq!(ms.total.base_revenue, Money::units(815_030));
        assert_eq!(ms.total.base_volume, Some(Money::units(8_600_000)));
        assert_eq!(ms.total.base_share_pct.map(r1), Some(9.5));
        // Lines: A clients buy both lines (revenue split equally), the others alternate:
        // pumps 333 500 + 68 950 = 402 450, heat exchangers 333 500 + 79 080 = 412 580.
        assert_eq!(ms.lines.len(), 2);
        let (pumps, heat) = (&ms.lines[0], &ms.lines[1]);
        assert_eq!(pumps.base_revenue, Money::units(402_450));
        assert_eq!(heat.base_revenue, Money::units(412_580));
        assert_eq!(
            pumps.plan.unwrap() + heat.plan.unwrap(),
            Money::units(900_000)
        );
        assert_eq!(pumps.plan.map(|m| m.as_f64().round()), Some(444_407.0));
        assert_eq!(pumps.plan_share_pct.map(r1), Some(8.2));
        assert_eq!(heat.plan_share_pct.map(r1), Some(12.7));
        // No per-line volume for 2024 in the demo: the actual line share is unknown.
        assert_eq!((pumps.base_volume, pumps.base_share_pct), (None, None));
    }

    #[test]
    fn market_share_edge_cases() {
        let mut p = demo_project();
        // Only per-line volumes for 2025: the total is their sum.
        p.layer1
            .market_volumes
            .retain(|v| v.business_line_id.is_some());
        assert_eq!(market_volume(&p, 2025, None), Some(Money::units(9_000_000)));
        assert_eq!(market_volume(&p, 2024, None), None);
        let ms = market_share(&p);
        assert_eq!(ms.total.base_share_pct, None);
        // Two entries for one year and line are added.
        let line = p.business_lines[0].id;
        p.layer1.market_volumes.push(MarketVolume {
            year: 2025,
            business_line_id: Some(line),
            amount: Money::units(600_000),
        });
        assert_eq!(
            market_volume(&p, 2025, Some(line)),
            Some(Money::units(6_000_000))
        );
        // A zero volume gives an unknown share.
        p.layer1.market_volumes = vec![MarketVolume {
            year: 2025,
            business_line_id: None,
            amount: Money::ZERO,
        }];
        let ms = market_share(&p);
        assert_eq!(ms.total.plan_share_pct, None);
        assert!(ms.lines.is_empty());
        // Revenue of clients without a line keeps its part of the plan unassigned.
        for c in &mut p.clients {
            if c.code.as_str() > "K09" {
                c.business_line_ids.clear();
            }
        }
        p.layer1.market_volumes.push(MarketVolume {
            year: 2025,
            business_line_id: Some(line),
            amount: Money::units(1_000_000),
        });
        let ms = market_share(&p);
        let plan = ms.lines[0].plan.unwrap();
        // 333 500 / 815 030 of 900 000.
        assert_eq!(
            plan.as_f64().round(),
            (900_000.0 * 333_500.0 / 815_030.0_f64).round()
        );
        // No base revenue at all: per-line plan unknown.
        p.revenues.clear();
        assert_eq!(market_share(&p).lines[0].plan, None);
    }

    #[test]
    fn demo_q1_fulfilment_is_82_percent_red() {
        let p = demo_project();
        let q1 = Period::quarter(2025, 1);
        assert_eq!(year_to_date(&p, d(2030, 1, 1)), q1);
        assert_eq!(
            plan_to_date(
                Money::units(900_000),
                2025,
                &p.layer1.seasonality,
                d(2025, 3, 31)
            ),
            Money::units(180_000)
        );
        let f = fulfilment(&p, q1, &TrafficLight::default());
        assert_eq!(f.company.plan_to_date, Money::units(180_000));
        assert_eq!(f.company.fact, Money::units(148_000));
        assert_eq!(f.company.source, FactSource::Actuals);
        assert_eq!(f.company.pct.map(|x| x.round()), Some(82.0));
        assert_eq!(f.company.light, Some(Light::Red));
        let per: Vec<(String, Money, Money, Option<Light>)> = f
            .managers
            .iter()
            .map(|m| {
                (
                    mcode(&p, m.manager_id.unwrap()),
                    m.plan_to_date,
                    m.fact,
                    m.light,
                )
            })
            .collect();
        assert_eq!(
            per,
            vec![
                (
                    "M1".into(),
                    Money::units(36_200),
                    Money::units(30_000),
                    Some(Light::Red)
                ),
                (
                    "M2".into(),
                    Money::units(56_800),
                    Money::units(47_000),
                    Some(Light::Red)
                ),
                (
                    "M3".into(),
                    Money::units(49_600),
                    Money::units(41_000),
                    Some(Light::Red)
                ),
                (
                    "M4".into(),
                    Money::units(37_400),
                    Money::units(30_000),
                    Some(Light::Red)
                ),
            ]
        );
        // Thresholds are parameters: at 80/70, 82 % is green.
        let lenient = TrafficLight {
            green_from: 80.0,
            amber_from: 70.0,
        };
        assert_eq!(
            fulfilment(&p, q1, &lenient).company.light,
            Some(Light::Green)
        );
    }

    #[test]
    fn traffic_light_boundaries() {
        let t = TrafficLight::default();
        assert_eq!(t.light(Some(95.0)), Some(Light::Green));
        assert_eq!(t.light(Some(94.99)), Some(Light::Amber));
        assert_eq!(t.light(Some(85.0)), Some(Light::Amber));
        assert_eq!(t.light(Some(84.99)), Some(Light::Red));
        assert_eq!(t.light(Some(150.0)), Some(Light::Green));
        assert_eq!(t.light(None), None);
        assert_eq!(t.light(Some(f64::INFINITY)), None);
    }

    #[test]
    fn plan_to_date_linear_and_seasonal() {
        let annual = Money::units(365_000);
        // Linear by days: 1 000 a day in a 365-day year.
        assert_eq!(
            plan_for_period(annual, 2025, &[], Period::quarter(2025, 1)),
            Money::units(90_000)
        );
        assert_eq!(plan_to_date(annual, 2025, &[], d(2025, 12, 31)), annual);
        assert_eq!(
            plan_to_date(annual, 2025, &[], d(2024, 12, 31)),
            Money::ZERO
        );
        // Days outside the plan year add nothing.
        assert_eq!(
            plan_for_period(
                annual,
                2025,
                &[],
                Period::new(d(2024, 12, 1), d(2025, 1, 10))
            ),
            Money::units(10_000)
        );
        // Seasonal: half of January is half of January's share.
        let s = vec![12.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0];
        assert_eq!(
            plan_for_period(
                Money::units(1_000),
                2025,
                &s,
                Period::new(d(2025, 1, 1), d(2025, 1, 31))
            ),
            Money::units(120)
        );
        assert_eq!(
            plan_to_date(Money::units(3_100), 2025, &s, d(2025, 1, 15)),
            Money::units(180)
        );
        // A list summing to 50 is scaled to 100; a wrong list falls back to linear.
        let half: Vec<f64> = s.iter().map(|x| x / 2.0).collect();
        assert_eq!(
            plan_for_period(Money::units(1_000), 2025, &half, Period::quarter(2025, 1)),
            Money::units(280)
        );
        let c = seasonality_check(&half);
        assert!(c.usable && !c.sums_to_100 && c.entered);
        assert_eq!(c.sum, 50.0);
        let short = vec![50.0, 50.0];
        assert!(!seasonality_check(&short).usable);
        assert_eq!(
            plan_for_period(annual, 2025, &short, Period::quarter(2025, 1)),
            Money::units(90_000)
        );
        assert!(!seasonality_check(&[0.0; 12]).usable);
        let mut neg = s.clone();
        neg[0] = -1.0;
        assert!(!seasonality_check(&neg).usable);
        let empty = seasonality_check(&[]);
        assert!(!empty.entered && !empty.usable);
        // Leap year: 366 days.
        assert_eq!(
            plan_for_period(
                Money::units(366),
                2024,
                &[],
                Period::new(d(2024, 2, 29), d(2024, 2, 29))
            ),
            Money::units(1)
        );
    }

    #[test]
    fn actuals_pro_rata_and_fact_sources() {
        let mut p = demo_project();
        let m1 = p.managers[0].id;
        // Q1 actual of 30 000 for M1: January is 31 of 90 days.
        let jan = Period::new(d(2025, 1, 1), d(2025, 1, 31));
        let a = p.layer1.actuals[0].clone();
        assert_eq!(actual_in_period(&a, jan), Money(1_033_333));
        assert_eq!(actual_in_period(&a, Period::quarter(2025, 2)), Money::ZERO);
        let (f, s) = fact_in_period(&p, jan, Some(m1));
        assert_eq!((f, s), (Money(1_033_333), FactSource::Actuals));
        // Q2 has no actuals: fall back to won deals closed in Q2 (none in the demo).
        let q2 = Period::quarter(2025, 2);
        assert_eq!(
            fact_in_period(&p, q2, None),
            (Money::ZERO, FactSource::WonDeals)
        );
        // A won deal closed in Q2 counts for the company and for its manager only.
        let mut won = p.deals[0].clone();
        won.id = new_id();
        won.status = DealStatus::Won;
        won.closed = Some(d(2025, 5, 5));
        won.manager_id = Some(m1);
        won.amount = Money::units(5_000);
        p.deals.push(won);
        assert_eq!(
            fact_in_period(&p, q2, None),
            (Money::units(5_000), FactSource::WonDeals)
        );
        assert_eq!(fact_in_period(&p, q2, Some(m1)).0, Money::units(5_000));
        assert_eq!(
            fact_in_period(&p, q2, Some(p.managers[1].id)).0,
            Money::ZERO
        );
        // An actual without a manager counts for the company, not for a manager; once a scope
        // has an overlapping actual, its won deals are not added on top.
        p.layer1.actuals.push(Actual {
            id: new_id(),
            from: d(2025, 4, 1),
            to: d(2025, 6, 30),
            manager_id: None,
            amount: Money::units(7_000),
            note: String::new(),
        });
        assert_eq!(
            fact_in_period(&p, q2, None),
            (Money::units(7_000), FactSource::Actuals)
        );
        assert_eq!(
            fact_in_period(&p, q2, Some(m1)),
            (Money::units(5_000), FactSource::WonDeals)
        );
        // A company total for Q1 replaces the per-manager actuals instead of adding to them.
        let q1 = Period::quarter(2025, 1);
        assert_eq!(fact_in_period(&p, q1, None).0, Money::units(148_000));
        p.layer1.actuals.push(Actual {
            id: new_id(),
            from: d(2025, 1, 1),
            to: d(2025, 3, 31),
            manager_id: None,
            amount: Money::units(150_000),
            note: String::new(),
        });
        assert_eq!(fact_in_period(&p, q1, None).0, Money::units(150_000));
        assert_eq!(fact_in_period(&p, q1, Some(m1)).0, Money::units(30_000));
        // …and the screen is told that the two disagree (Q2 has no manager actuals: no conflict).
        assert_eq!(
            company_fact_conflict(&p, q1),
            Some((Money::units(150_000), Money::units(148_000)))
        );
        assert_eq!(company_fact_conflict(&p, q2), None);
        p.layer1.actuals.last_mut().unwrap().amount = Money::units(148_000);
        assert_eq!(company_fact_conflict(&p, q1), None, "they agree");
        // A reversed actual (to before from) is read as the same range.
        let mut rev = a.clone();
        std::mem::swap(&mut rev.from, &mut rev.to);
        assert_eq!(actual_in_period(&rev, jan), Money(1_033_333));
        let mut neg = a;
        neg.amount = Money::units(-30_000);
        assert_eq!(actual_in_period(&neg, jan), Money(-1_033_333));
    }

    #[test]
    fn demo_sales_structure() {
        let mut p = demo_project();
        let cats = client_categories(&p);
        let s = sales_structure(&p, &cats);
        assert_eq!(s.max_a_clients, 5);
        let loads: Vec<[usize; 4]> = s.managers.iter().map(|m| m.clients).collect();
        assert_eq!(
            loads,
            vec![[2, 2, 5, 0], [3, 2, 5, 0], [2, 3, 5, 0], [2, 3, 6, 0]]
        );
        assert_eq!(s.managers[1].base_revenue, Money::units(256_950));
        assert!(s.warnings.is_empty());
        p.layer1.max_a_clients_per_manager = Some(2);
        p.managers[3].active = false;
        let k01 = p.clients[0].id;
        p.clients[0].manager_id = None;
        let s = sales_structure(&p, &cats);
        assert_eq!(s.unassigned, [1, 0, 0, 0]);
        assert_eq!(
            s.warnings,
            vec![
                StructureWarning::InactiveManagerHasClients {
                    manager_id: p.managers[3].id,
                    clients: 11
                },
                StructureWarning::AClientsWithoutManager { clients: vec![k01] },
            ]
        );
        p.clients[0].manager_id = Some(p.managers[1].id);
        let s = sales_structure(&p, &cats);
        assert_eq!(
            s.warnings[0],
            StructureWarning::TooManyAClients {
                manager_id: p.managers[1].id,
                count: 3,
                max: 2
            }
        );
        assert_eq!(code_of(&p, k01), "K01");
    }

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
        let c = Client {
            id: new_id(),
            code: "X".into(),
            name: "X".into(),
            industry: String::new(),
            channel_id: None,
            region_id: None,
            business_line_ids: vec![],
            manager_id: None,
            category_override: None,
            notes: String::new(),
        };
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

    #[test]
    fn monthly_plan_fact_of_the_demo_q1() {
        let p = demo_project();
        let rows = monthly_plan_fact(&p, None, d(2025, 3, 31));
        assert_eq!(rows.len(), 12);
        assert_eq!(
            rows[2].cum_plan,
            Money::units(180_000),
            "20 % seasonality to March"
        );
        let q1 = rows[2].cum_fact.expect("Q1 has a fact");
        assert_eq!(q1, Money::units(148_000), "docs/METHOD.md §6.2");
        assert_eq!(rows[3].fact, None, "April has not started");
        assert_eq!(rows[11].cum_plan, Money::units(900_000));
        let m1 = p.managers[0].id;
        let r = monthly_plan_fact(&p, Some(m1), d(2025, 3, 31));
        assert_eq!(r[2].cum_fact, Some(Money::units(30_000)));
        assert_eq!(r[11].cum_plan, annual_plan(&p, Some(m1)));
    }

    #[test]
    fn monthly_plan_fact_without_plan_or_facts() {
        let p = Project::new_empty("x", d(2025, 1, 1));
        let rows = monthly_plan_fact(&p, None, d(2025, 6, 15));
        assert!(rows.iter().all(|r| r.plan.is_zero()));
        assert_eq!(rows[5].cum_fact, Some(Money::ZERO));
        assert_eq!(rows[6].cum_fact, None);
    }

    #[test]
    fn hypotheses_totals_count_confirmed_only() {
        use crate::domain::model::{Hypothesis, HypothesisStatus};
        let mut p = demo_project();
        let s = hypotheses_summary(&p);
        assert_eq!(s.counts, [1, 1, 0]);
        assert_eq!(s.confirmed_volume, Money::units(900_000));
        assert_eq!(s.confirmed_expected_sales, Money::units(72_000));
        assert_eq!(s.to_check_volume, Money::units(600_000));
        p.layer1.hypotheses.push(Hypothesis {
            id: new_id(),
            segment: "x".into(),
            channel_id: None,
            region_id: None,
            market_volume: None,
            expected_share: Some(10.0),
            rationale: String::new(),
            status: HypothesisStatus::Confirmed,
        });
        let s2 = hypotheses_summary(&p);
        assert_eq!(s2.counts, [1, 2, 0]);
        assert_eq!(
            s2.confirmed_volume, s.confirmed_volume,
            "no volume adds nothing"
        );
        assert_eq!(
            hypotheses_summary(&Project::new_empty("x", d(2025, 1, 1))),
            HypothesesSummary::default()
        );
    }
}
