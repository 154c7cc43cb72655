//! Individual manager plans (docs/METHOD.md §3.1): their consistency checks against the company
//! plan and their own splits, and the proposals «Предложить» makes from the company plan.

#![warn(missing_docs)]

use super::*;
use crate::domain::layer1::abc::AbcResult;
use crate::domain::layer1::client_years::client_years;
use crate::domain::model::{Category, CategoryMoney, CategoryValues, ChannelAmount, Id, Project};
use crate::domain::money::{ratio_pct, Money};
use std::collections::HashMap;

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
pub(super) fn projects_for(
    split: &[Money; 3],
    abc: &AbcResult,
    win_rates: &CategoryValues,
) -> Option<f64> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::layer1::abc::abc_for_project;
    use crate::domain::layer1::test_util::*;

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
}
