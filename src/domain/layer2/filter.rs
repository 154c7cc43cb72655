//! A deal's attributes (category, manager, channel, business line, with the client's as
//! fallback) and the filter of the funnel screen; the per-category value types of the reports.

use super::stage_index::{IdMap, StageIndex};
use crate::domain::model::{Category, Client, Deal, Id, Project};
use crate::domain::money::Money;
use crate::domain::period::Period;
use std::collections::HashMap;

/// Client categories by client id, supplied by the caller (the ABC analysis with overrides).
pub type Categories = HashMap<Id, Category>;

/// A number of deals and the sum of their amounts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CountMoney {
    /// Number of deals.
    pub count: usize,
    /// Sum of their amounts.
    pub money: Money,
}

impl CountMoney {
    /// Adds one deal of `amount`.
    pub fn add(&mut self, amount: Money) {
        self.count += 1;
        self.money += amount;
    }
}

/// One value per client category A, B, C and N (prospects and deals without a known client).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PerCategory<T> {
    /// Category A.
    pub a: T,
    /// Category B.
    pub b: T,
    /// Category C.
    pub c: T,
    /// Category N: prospects, deals without a client or with a client the map does not know.
    pub n: T,
}

impl<T> PerCategory<T> {
    /// The value of category `k`.
    pub fn get(&self, k: Category) -> &T {
        match k {
            Category::A => &self.a,
            Category::B => &self.b,
            Category::C => &self.c,
            Category::N => &self.n,
        }
    }
    /// The value of category `k`, mutable.
    pub fn get_mut(&mut self, k: Category) -> &mut T {
        match k {
            Category::A => &mut self.a,
            Category::B => &mut self.b,
            Category::C => &mut self.c,
            Category::N => &mut self.n,
        }
    }
}

impl PerCategory<usize> {
    /// Sum over all four categories.
    pub fn total(&self) -> usize {
        self.a + self.b + self.c + self.n
    }
}

impl PerCategory<CountMoney> {
    /// Sum over all four categories.
    pub fn total(&self) -> CountMoney {
        CountMoney {
            count: self.a.count + self.b.count + self.c.count + self.n.count,
            money: self.a.money + self.b.money + self.c.money + self.n.money,
        }
    }
}

/// Lookups built once per report.
pub(super) struct Ctx<'a> {
    pub(super) stages: StageIndex,
    pub(super) clients: IdMap<Id, &'a Client>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(p: &'a Project) -> Ctx<'a> {
        Ctx {
            stages: StageIndex::new(&p.stages),
            clients: p.clients.iter().map(|c| (c.id, c)).collect(),
        }
    }
    pub(super) fn client(&self, deal: &Deal) -> Option<&'a Client> {
        deal.client_id.and_then(|id| self.clients.get(&id).copied())
    }
    pub(super) fn manager(&self, deal: &Deal) -> Option<Id> {
        deal.manager_id
            .or_else(|| self.client(deal).and_then(|c| c.manager_id))
    }
    pub(super) fn channel(&self, deal: &Deal) -> Option<Id> {
        deal.channel_id
            .or_else(|| self.client(deal).and_then(|c| c.channel_id))
    }
    pub(super) fn business_line(&self, deal: &Deal) -> Option<Id> {
        deal.business_line_id.or_else(|| {
            self.client(deal)
                .and_then(|c| match c.business_line_ids.as_slice() {
                    [one] => Some(*one),
                    _ => None,
                })
        })
    }
}

/// The deal's client category from the caller's map; [`Category::N`] when the deal has no
/// client or the client is not in the map.
pub fn deal_category(deal: &Deal, cats: &Categories) -> Category {
    deal.client_id
        .and_then(|id| cats.get(&id).copied())
        .unwrap_or(Category::N)
}

/// The deal's manager: its own, or else its client's.
pub fn deal_manager(p: &Project, deal: &Deal) -> Option<Id> {
    deal.manager_id.or_else(|| {
        deal.client_id
            .and_then(|id| p.client(id))
            .and_then(|c| c.manager_id)
    })
}

/// Which deals a funnel screen shows. Every `None` / empty field means "any".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DealFilter {
    /// Client categories to keep (e.g. A and B); empty = all.
    pub categories: Vec<Category>,
    /// Sales channel (the deal's, or else its client's).
    pub channel_id: Option<Id>,
    /// Business line (the deal's, or else its client's single line).
    pub business_line_id: Option<Id>,
    /// Manager (the deal's, or else its client's).
    pub manager_id: Option<Id>,
    /// Keep deals created in this period.
    pub created_in: Option<Period>,
    /// Keep deals alive at some point of this period: created on or before its end and not
    /// closed before its start.
    pub active_in: Option<Period>,
}

impl DealFilter {
    /// True when the filter keeps every deal.
    pub fn is_empty(&self) -> bool {
        *self == DealFilter::default()
    }

    fn keeps(&self, ctx: &Ctx<'_>, deal: &Deal, cats: &Categories) -> bool {
        if !self.categories.is_empty() && !self.categories.contains(&deal_category(deal, cats)) {
            return false;
        }
        if self.channel_id.is_some() && ctx.channel(deal) != self.channel_id {
            return false;
        }
        if self.business_line_id.is_some() && ctx.business_line(deal) != self.business_line_id {
            return false;
        }
        if self.manager_id.is_some() && ctx.manager(deal) != self.manager_id {
            return false;
        }
        if let Some(p) = self.created_in {
            if !p.contains(deal.created) {
                return false;
            }
        }
        if let Some(p) = self.active_in {
            if deal.created > p.to || deal.closed.is_some_and(|c| c < p.from) {
                return false;
            }
        }
        true
    }
}

/// The project's deals that pass `filter`, in file order.
pub fn filter_deals<'a>(p: &'a Project, filter: &DealFilter, cats: &Categories) -> Vec<&'a Deal> {
    if filter.is_empty() {
        return p.deals.iter().collect();
    }
    let ctx = Ctx::new(p);
    p.deals
        .iter()
        .filter(|d| filter.keeps(&ctx, d, cats))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::layer2::testkit::*;

    #[test]
    fn filters_by_category_manager_channel_line_and_period() {
        let p = demo_project();
        let cats = demo_cats(&p);
        let n = |f: &DealFilter| filter_deals(&p, f, &cats).len();
        assert_eq!(n(&DealFilter::default()), 25);
        assert!(DealFilter::default().is_empty());
        let a = DealFilter {
            categories: vec![Category::A],
            ..DealFilter::default()
        };
        assert_eq!(n(&a), 11);
        let ra = reached_counts(&p, &filter_deals(&p, &a, &cats));
        assert_eq!(ra[0].count, 11);
        assert!(ra.windows(2).all(|w| w[0].count >= w[1].count));
        let m2 = DealFilter {
            manager_id: Some(manager(&p, "M2")),
            ..DealFilter::default()
        };
        assert_eq!(
            codes(
                &p,
                &filter_deals(&p, &m2, &cats)
                    .iter()
                    .map(|x| x.id)
                    .collect::<Vec<_>>()
            ),
            ["D01", "D07", "D08", "D10", "D17", "D25"]
        );
        let distributors = DealFilter {
            channel_id: Some(p.channels[1].id),
            ..DealFilter::default()
        };
        // D04, D07, D13, D18, D21.
        assert_eq!(n(&distributors), 5);
        let lines: usize = p
            .business_lines
            .iter()
            .map(|l| {
                n(&DealFilter {
                    business_line_id: Some(l.id),
                    ..DealFilter::default()
                })
            })
            .sum();
        assert_eq!(lines, 25);
        let created_q1 = DealFilter {
            created_in: Some(Period::quarter(2025, 1)),
            ..DealFilter::default()
        };
        assert_eq!(n(&created_q1), 14);
        // Alive in Q1 2025: everything except D10 (won 2024) and D17 (lost 2024).
        let active = DealFilter {
            active_in: Some(Period::quarter(2025, 1)),
            ..DealFilter::default()
        };
        assert_eq!(n(&active), 23);
        // Combined: A and M2 → D01, D07, D08, D10.
        let both = DealFilter {
            categories: vec![Category::A],
            manager_id: Some(manager(&p, "M2")),
            ..DealFilter::default()
        };
        assert_eq!(n(&both), 4);
    }

    #[test]
    fn deal_attributes_fall_back_to_the_client() {
        let mut p = demo_project();
        let cats = demo_cats(&p);
        let m2 = manager(&p, "M2");
        let d01 = deal_mut(&mut p, "D01");
        d01.manager_id = None;
        d01.channel_id = None;
        d01.business_line_id = None;
        let d01 = deal(&p, "D01").clone();
        assert_eq!(deal_manager(&p, &d01), Some(m2));
        let f = DealFilter {
            manager_id: Some(m2),
            channel_id: p.client(d01.client_id.unwrap()).unwrap().channel_id,
            ..DealFilter::default()
        };
        assert!(filter_deals(&p, &f, &cats).iter().any(|x| x.code == "D01"));
        // K01 buys both lines, so D01's line is unknown and a line filter drops it.
        let f = DealFilter {
            business_line_id: Some(p.business_lines[0].id),
            ..DealFilter::default()
        };
        assert!(!filter_deals(&p, &f, &cats).iter().any(|x| x.code == "D01"));
        // A deal without a client is category N.
        let mut orphan = d01.clone();
        orphan.client_id = None;
        assert_eq!(deal_category(&orphan, &cats), Category::N);
        assert_eq!(deal_category(&d01, &cats), Category::A);
        assert_eq!(deal_category(&d01, &Categories::new()), Category::N);
    }
}
