//! The calculated market share of the plan (docs/METHOD.md §3.1): the plan against the market
//! volume, company-wide and per business line.

#![warn(missing_docs)]

use crate::domain::layer1::breakdown::revenue_by_line;
use crate::domain::model::{Id, Project};
use crate::domain::money::{ratio_pct, Money};
use std::collections::HashMap;

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

pub(super) fn share(plan: Option<Money>, vol: Option<Money>) -> Option<f64> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::layer1::test_util::*;
    use crate::domain::model::MarketVolume;

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
}
