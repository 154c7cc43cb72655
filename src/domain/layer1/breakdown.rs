//! The revenue of one year broken down by channel, region, business line or manager
//! (docs/METHOD.md §3.1).

#![warn(missing_docs)]

use super::client_years::{client_year_index, IdMap};
use crate::domain::model::{Client, Id, Project};
use crate::domain::money::{ratio_pct, Money};
use std::collections::HashMap;

/// What to break the revenue down by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breakdown {
    /// By the client's channel.
    Channel,
    /// By the client's region.
    Region,
    /// A client in several business lines has its revenue split equally between them.
    BusinessLine,
    /// By the client's manager.
    Manager,
}

/// One line of a revenue breakdown.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakdownRow {
    /// The channel, region, line or manager; `None` for clients without one (or with an id
    /// that is not in the project's list).
    pub id: Option<Id>,
    /// Its name (empty for `None`).
    pub name: String,
    /// Clients with revenue > 0 in the year.
    pub clients: usize,
    /// Revenue of the clients with this entry.
    pub revenue: Money,
    /// Share of the year's total, %.
    pub share_pct: Option<f64>,
}

/// Revenue of `year` (clients with revenue > 0) by channel, region, business line or manager:
/// every entry of the project's list in its order (zero rows included), then a row for "not set"
/// when any revenue has no entry.
pub fn revenue_breakdown(p: &Project, year: i32, by: Breakdown) -> Vec<BreakdownRow> {
    let index = client_year_index(p, year);
    let entries: Vec<(Id, String)> = match by {
        Breakdown::Channel => p.channels.iter().map(|d| (d.id, d.name.clone())).collect(),
        Breakdown::Region => p.regions.iter().map(|d| (d.id, d.name.clone())).collect(),
        Breakdown::BusinessLine => p
            .business_lines
            .iter()
            .map(|d| (d.id, d.name.clone()))
            .collect(),
        Breakdown::Manager => p.managers.iter().map(|m| (m.id, m.name.clone())).collect(),
    };
    let pos: IdMap<Id, usize> = entries.iter().enumerate().map(|(i, e)| (e.0, i)).collect();
    let unset = entries.len();
    let mut acc: Vec<(usize, Money)> = vec![(0, Money::ZERO); entries.len() + 1];
    let mut total = Money::ZERO;
    for c in &p.clients {
        let amount = index.get(&c.id).map(|cy| cy.amount).unwrap_or_default();
        if amount <= Money::ZERO {
            continue;
        }
        total += amount;
        let slot = |id: Option<Id>| id.and_then(|i| pos.get(&i).copied()).unwrap_or(unset);
        let parts: Vec<(usize, Money)> = match by {
            Breakdown::Channel => vec![(slot(c.channel_id), amount)],
            Breakdown::Region => vec![(slot(c.region_id), amount)],
            Breakdown::Manager => vec![(slot(c.manager_id), amount)],
            Breakdown::BusinessLine => split_by_lines(c, amount, &slot),
        };
        for (s, m) in parts {
            acc[s].0 += 1;
            acc[s].1 += m;
        }
    }
    let mut out: Vec<BreakdownRow> = entries
        .into_iter()
        .zip(&acc)
        .map(|((id, name), (n, m))| BreakdownRow {
            id: Some(id),
            name,
            clients: *n,
            revenue: *m,
            share_pct: ratio_pct(m.0 as f64, total.0 as f64),
        })
        .collect();
    let (n, m) = acc[unset];
    if n > 0 {
        out.push(BreakdownRow {
            id: None,
            name: String::new(),
            clients: n,
            revenue: m,
            share_pct: ratio_pct(m.0 as f64, total.0 as f64),
        });
    }
    out
}

/// A client's amount split equally over its business lines (exactly, by [`Money::split`]).
fn split_by_lines(
    c: &Client,
    amount: Money,
    slot: &dyn Fn(Option<Id>) -> usize,
) -> Vec<(usize, Money)> {
    if c.business_line_ids.is_empty() {
        return vec![(slot(None), amount)];
    }
    let parts = amount.split(&vec![1.0; c.business_line_ids.len()]);
    c.business_line_ids
        .iter()
        .zip(parts)
        .map(|(l, m)| (slot(Some(*l)), m))
        .collect()
}

/// Revenue of `year` per business line with the equal split of [`Breakdown::BusinessLine`];
/// the plan module uses it for per-line plans and market shares.
pub fn revenue_by_line(p: &Project, year: i32) -> HashMap<Option<Id>, Money> {
    revenue_breakdown(p, year, Breakdown::BusinessLine)
        .into_iter()
        .map(|r| (r.id, r.revenue))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::layer1::abc::tests::*;

    #[test]
    fn demo_breakdown_by_channel_and_region() {
        let p = demo_project();
        let ch = revenue_breakdown(&p, 2024, Breakdown::Channel);
        let got: Vec<(String, usize, Money)> = ch
            .iter()
            .map(|r| (r.name.clone(), r.clients, r.revenue))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Прямые продажи".to_string(), 25, Money::units(557_600)),
                ("Дистрибьюторы".to_string(), 8, Money::units(158_190)),
                ("Проектные институты".to_string(), 7, Money::units(99_240)),
            ]
        );
        let reg: Vec<Money> = revenue_breakdown(&p, 2024, Breakdown::Region)
            .iter()
            .map(|r| r.revenue)
            .collect();
        assert_eq!(
            reg,
            [164_130, 256_950, 224_510, 169_440]
                .map(Money::units)
                .to_vec()
        );
        let mgr: Vec<Money> = revenue_breakdown(&p, 2024, Breakdown::Manager)
            .iter()
            .map(|r| r.revenue)
            .collect();
        assert_eq!(mgr, reg, "each manager has one region in the demo");
        let lines = revenue_breakdown(&p, 2024, Breakdown::BusinessLine);
        let sum: Money = lines.iter().map(|r| r.revenue).sum();
        assert_eq!(sum, Money::units(815_030), "equal split adds up exactly");
        assert_eq!(lines.len(), 2);
        let by_line = revenue_by_line(&p, 2024);
        assert_eq!(
            by_line.values().copied().sum::<Money>(),
            Money::units(815_030)
        );
    }

    #[test]
    fn breakdown_has_a_not_set_row_only_when_needed() {
        let p = project(&[("X1", 10), ("X2", 0)]);
        let rows = revenue_breakdown(&p, 2024, Breakdown::Channel);
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].id, rows[0].clients), (None, 1));
        assert_eq!(rows[0].share_pct, Some(100.0));
        assert!(revenue_breakdown(&p, 2030, Breakdown::Region).is_empty());
    }
}
