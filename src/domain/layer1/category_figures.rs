//! The key figures of each ABC category (docs/METHOD.md §6.2 table): clients, revenue and their
//! shares, won deals, average and median deal size, average and median deal duration. They are
//! accumulated in the ABC ranking pass ([`super::abc::abc_analysis`]) with `Acc` and finished
//! by `summarise`; each median is one selection, not a sort.

#![warn(missing_docs)]

use super::client_years::{ClientYear, DealSource};
use crate::domain::model::Category;
use crate::domain::money::{ratio_pct, Money};

/// Key figures of one category (docs/METHOD.md §6.2 table).
#[derive(Clone, Debug, PartialEq)]
pub struct CategorySummary {
    /// The category (after hand-set overrides).
    pub category: Category,
    /// Clients in the category, unranked ones with a hand-set category included.
    pub clients: usize,
    /// Share of all clients of the analysis (ranked and unranked), %.
    pub client_share_pct: Option<f64>,
    /// Revenue of the ranked clients of the category.
    pub revenue: Money,
    /// Share of the total revenue, %; `None` when there is no revenue at all.
    pub revenue_share_pct: Option<f64>,
    /// Σ won deals over the ranked clients where the number is known; `None` when none has it.
    /// (Deal figures use ranked clients only: an unranked client has no revenue to divide.)
    pub won_deals: Option<u32>,
    /// Ranked clients of the category whose number of won deals is unknown (left out of the
    /// averages).
    pub clients_without_deals: usize,
    /// Σ revenue / Σ won deals over the clients with known won deals > 0.
    pub avg_deal: Option<Money>,
    /// Median deal size; each client's deals are taken at the client's average deal, because
    /// revenue rows carry no per-deal amounts.
    pub median_deal: Option<Money>,
    /// Deal-weighted average cycle: Σ(won deals × cycle) / Σ won deals, days.
    pub avg_cycle_days: Option<f64>,
    /// Deal-weighted median cycle, days.
    pub median_cycle_days: Option<f64>,
    /// Where the deal figures (won deals, average deal, cycle) come from.
    pub deal_source: DealSource,
}

/// Median of values where each value counts `weight` times; the mean of the two middle ones
/// when the total weight is even. Linear time (selection, no full sort).
fn weighted_median(mut v: Vec<(f64, u64)>) -> Option<f64> {
    v.retain(|(x, w)| x.is_finite() && *w > 0);
    let total: u64 = v.iter().map(|(_, w)| *w).sum();
    if total == 0 {
        return None;
    }
    let (lo, hi) = weighted_kth_pair(&mut v, (total - 1) / 2)?;
    Some(if total % 2 == 1 { lo } else { (lo + hi) / 2.0 })
}

/// The `k`-th and `k + 1`-th (0-based) values of the multiset where each value appears `weight`
/// times: quickselect on the middle element, keeping the side that holds position `k`. The
/// `k + 1`-th is the same value while its weight lasts, else the smallest value after it: in the
/// slice still searched, or the last pivot the search went left of (the `k`-th itself when
/// there is neither).
fn weighted_kth_pair(v: &mut [(f64, u64)], mut k: u64) -> Option<(f64, f64)> {
    let mut v = v;
    // The smallest value outside `v` that is ≥ all of `v` (a pivot the search went left of).
    let mut upper: Option<f64> = None;
    loop {
        if v.is_empty() {
            return None;
        }
        let mid = v.len() / 2;
        v.select_nth_unstable_by(mid, |a, b| a.0.total_cmp(&b.0));
        let left: u64 = v[..mid].iter().map(|x| x.1).sum();
        let here = v[mid].1;
        if k < left {
            upper = Some(v[mid].0);
            v = &mut v[..mid];
        } else if k < left + here {
            let x = v[mid].0;
            if k + 1 < left + here {
                return Some((x, x));
            }
            let next = v[mid + 1..]
                .iter()
                .map(|e| e.0)
                .min_by(|a, b| a.total_cmp(b))
                .or(upper)
                .unwrap_or(x);
            return Some((x, next));
        } else {
            k -= left + here;
            v = &mut v[mid + 1..];
        }
    }
}

/// Running sums of one category.
#[derive(Default)]
pub(super) struct Acc {
    pub(super) clients: usize,
    revenue: Money,
    won: Option<u32>,
    without: usize,
    deal_rev: Money,
    deal_n: u64,
    cycle_sum: f64,
    cycle_n: u64,
    deals_for_median: Vec<(f64, u64)>,
    cycles_for_median: Vec<(f64, u64)>,
    source: DealSource,
}

/// Index of a category in `[A, B, C, N]` arrays.
pub(crate) fn cat_slot(c: Category) -> usize {
    match c {
        Category::A => 0,
        Category::B => 1,
        Category::C => 2,
        Category::N => 3,
    }
}

impl Acc {
    pub(super) fn add_ranked(&mut self, cy: &ClientYear) {
        self.clients += 1;
        self.revenue += cy.amount;
        match cy.won_deals {
            None => self.without += 1,
            Some(w) => {
                self.won = Some(self.won.unwrap_or(0).saturating_add(w));
                self.source = self.source.merge(cy.source);
                if w > 0 {
                    let total = if cy.source == DealSource::Deals {
                        cy.deal_sum
                    } else {
                        cy.amount
                    };
                    self.deal_rev += total;
                    self.deal_n += w as u64;
                    self.deals_for_median
                        .push((total.as_f64() / w as f64, w as u64));
                }
            }
        }
        if let Some(c) = cy.avg_cycle_days() {
            self.cycle_sum += cy.cycle_days_sum;
            self.cycle_n += cy.cycle_deals as u64;
            self.cycles_for_median.push((c, cy.cycle_deals as u64));
        }
    }
}

/// The summaries of A, B, C, N from their running sums.
pub(super) fn summarise(acc: [Acc; 4], total: Money, all_clients: usize) -> Vec<CategorySummary> {
    [Category::A, Category::B, Category::C, Category::N]
        .into_iter()
        .zip(acc)
        .map(|(k, a)| {
            let avg_deal = if a.deal_n > 0 {
                // Rounded half up to hundredths in integers.
                let n = a.deal_n as i128;
                Some(Money(((a.deal_rev.0 as i128 * 2 + n) / (2 * n)) as i64))
            } else {
                None
            };
            CategorySummary {
                category: k,
                clients: a.clients,
                client_share_pct: ratio_pct(a.clients as f64, all_clients as f64),
                revenue: a.revenue,
                revenue_share_pct: ratio_pct(a.revenue.0 as f64, total.0 as f64),
                won_deals: a.won,
                clients_without_deals: a.without,
                avg_deal,
                median_deal: weighted_median(a.deals_for_median).map(Money::from_f64),
                avg_cycle_days: if a.cycle_n > 0 {
                    Some(a.cycle_sum / a.cycle_n as f64)
                } else {
                    None
                },
                median_cycle_days: weighted_median(a.cycles_for_median),
                deal_source: a.source,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::abc::*;
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::layer1::abc::tests::*;
    use crate::domain::model::{DealStatus, Id, Project};
    use chrono::NaiveDate;

    #[test]
    fn weighted_medians() {
        assert_eq!(weighted_median(vec![]), None);
        assert_eq!(weighted_median(vec![(5.0, 0)]), None);
        assert_eq!(weighted_median(vec![(1.0, 1), (2.0, 1)]), Some(1.5));
        assert_eq!(
            weighted_median(vec![(3.0, 1), (1.0, 1), (2.0, 1)]),
            Some(2.0)
        );
        assert_eq!(weighted_median(vec![(10.0, 3), (1.0, 1)]), Some(10.0));
        assert_eq!(weighted_median(vec![(10.0, 2), (1.0, 2)]), Some(5.5));
        assert_eq!(weighted_median(vec![(f64::NAN, 9), (4.0, 1)]), Some(4.0));
        // Against a plain sort of the expanded multiset.
        let mut seed = 7u64;
        for n in (1..120).chain([500, 2_001]) {
            let spread = [3, 50, 1_000_000][n % 3];
            let v: Vec<(f64, u64)> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    (((seed >> 40) % spread) as f64, (seed >> 20) % 4)
                })
                .collect();
            let mut flat: Vec<f64> = v
                .iter()
                .flat_map(|(x, w)| std::iter::repeat_n(*x, *w as usize))
                .collect();
            flat.sort_by(f64::total_cmp);
            let want = if flat.is_empty() {
                None
            } else {
                let m = flat.len();
                Some((flat[(m - 1) / 2] + flat[m / 2]) / 2.0)
            };
            assert_eq!(weighted_median(v), want);
        }
    }

    #[test]
    fn demo_key_figures_per_category() {
        let p = demo_project();
        let res = abc_for_project(&p);
        let s = |k| res.summary_of(k).unwrap().clone();
        let (a, b, c, n) = (
            s(Category::A),
            s(Category::B),
            s(Category::C),
            s(Category::N),
        );
        assert_eq!((a.clients, b.clients, c.clients, n.clients), (9, 10, 21, 0));
        assert_eq!(a.revenue, Money::units(667_000));
        assert_eq!(b.revenue, Money::units(112_000));
        assert_eq!(c.revenue, Money::units(36_030));
        assert_eq!(a.revenue_share_pct.map(r1), Some(81.8));
        assert_eq!(b.revenue_share_pct.map(r1), Some(13.7));
        assert_eq!(c.revenue_share_pct.map(r1), Some(4.4));
        assert_eq!(a.client_share_pct, Some(22.5));
        assert_eq!(
            (a.won_deals, b.won_deals, c.won_deals),
            (Some(27), Some(31), Some(42))
        );
        let whole = |m: Option<Money>| m.map(|m| m.as_f64().round() as i64);
        assert_eq!(whole(a.avg_deal), Some(24_704));
        assert_eq!(whole(b.avg_deal), Some(3_613));
        assert_eq!(whole(c.avg_deal), Some(858));
        // Exact to the hundredth: 667 000 / 27 = 24 703.7037…
        assert_eq!(a.avg_deal, Some(Money(2_470_370)));
        assert_eq!(a.avg_cycle_days.map(r1), Some(287.6));
        assert_eq!(b.avg_cycle_days.map(r1), Some(160.2));
        assert_eq!(c.avg_cycle_days.map(r1), Some(45.6));
        // The 14th of 27 A deals, each client's deals at its average deal: K07's 22 000.
        assert_eq!(a.median_deal, Some(Money::units(22_000)));
        assert!(a.median_cycle_days.is_some());
        assert_eq!(n.avg_deal, None);
        assert_eq!(n.revenue_share_pct, Some(0.0));
        assert_eq!(a.clients_without_deals, 0);
    }

    /// Revenue rows without won deals: the project's won deals of the year give the number, the
    /// average deal (Σ amounts ÷ count) and the cycle; a client whose row has them keeps its own.
    #[test]
    fn deal_figures_come_from_won_deals_when_the_revenue_rows_lack_them() {
        let mut p = demo_project();
        let year = p.company.base_year;
        for r in p.revenues.iter_mut() {
            r.won_deals = None;
            r.avg_cycle_days = None;
        }
        let template = p.deals[0].clone();
        p.deals.retain(|d| d.status != DealStatus::Won);
        let none = abc_for_project(&p);
        assert!(none
            .summary
            .iter()
            .all(|s| s.avg_deal.is_none() && s.deal_source == DealSource::Unknown));
        let won = p.stages.iter().find(|s| s.is_won).unwrap().id;
        let a1 = none.rows[0].client_id;
        let a2 = none.rows[1].client_id;
        let mk = |client: Id, amount: i64, created: (i32, u32, u32), closed: (i32, u32, u32)| {
            let mut d = template.clone();
            d.id = crate::domain::model::new_id();
            d.code = String::new();
            d.client_id = Some(client);
            d.amount = Money::units(amount);
            d.status = DealStatus::Won;
            d.stage_id = won;
            d.created = NaiveDate::from_ymd_opt(created.0, created.1, created.2).unwrap();
            d.closed = Some(NaiveDate::from_ymd_opt(closed.0, closed.1, closed.2).unwrap());
            d.history.clear();
            d
        };
        p.deals.push(mk(a1, 100, (year, 1, 1), (year, 1, 31)));
        p.deals.push(mk(a1, 300, (year - 1, 12, 1), (year, 3, 1)));
        p.deals.push(mk(a2, 200, (year, 2, 1), (year, 2, 11)));
        // Won in another year: not counted.
        p.deals
            .push(mk(a2, 9_999, (year - 1, 1, 1), (year - 1, 6, 1)));
        let res = abc_for_project(&p);
        let a = &res.summary[0];
        assert_eq!(a.deal_source, DealSource::Deals);
        assert_eq!(a.won_deals, Some(3));
        assert_eq!(a.avg_deal, Some(Money::units(200)), "(100 + 300 + 200) / 3");
        let days = |a: (i32, u32, u32), b: (i32, u32, u32)| {
            let f = |x: (i32, u32, u32)| NaiveDate::from_ymd_opt(x.0, x.1, x.2).unwrap();
            (f(b) - f(a)).num_days() as f64
        };
        let cycle = (30.0 + days((year - 1, 12, 1), (year, 3, 1)) + 10.0) / 3.0;
        assert!((a.avg_cycle_days.unwrap() - cycle).abs() < 1e-9);
        let row = res.rows.iter().find(|r| r.client_id == a1).unwrap();
        assert_eq!(
            (row.won_deals, row.avg_deal()),
            (Some(2), Some(Money::units(200)))
        );
        // A revenue row that gives its own numbers wins over the deals: the category is mixed.
        let r = p
            .revenues
            .iter_mut()
            .find(|r| r.client_id == a1 && r.year == year)
            .unwrap();
        r.won_deals = Some(4);
        r.avg_cycle_days = Some(50.0);
        let res = abc_for_project(&p);
        assert_eq!(res.summary[0].deal_source, DealSource::Mixed);
        assert_eq!(res.summary[0].won_deals, Some(5));
        // An empty project: nothing to derive.
        let e = Project::new_empty("", NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        assert!(abc_for_project(&e)
            .summary
            .iter()
            .all(|s| s.deal_source == DealSource::Unknown));
    }

    #[test]
    fn a_rows_average_deal_is_revenue_per_won_deal() {
        let mut p = project(&[("X1", 1_000), ("X2", 10), ("X3", 5)]);
        p.revenues[0].won_deals = Some(3);
        p.revenues[1].won_deals = Some(0);
        p.revenues[2].won_deals = None;
        p.clients[2].category_override = Some(Category::A);
        let res = abc_for_project(&p);
        // 1 000,00 ÷ 3 = 333,333… → 333,33 (in hundredths: 100 000 ÷ 3 = 33 333,3 → 33 333).
        assert_eq!(res.rows[0].avg_deal(), Some(Money(33_333)));
        assert_eq!(res.rows[1].avg_deal(), None, "zero deals");
        assert_eq!(res.rows[2].avg_deal(), None, "unknown deals");
        assert!(!res.rows[0].is_overridden());
        assert!(res.rows[2].is_overridden());
        let mut half = res.rows[0].clone();
        half.revenue = Money(5);
        half.won_deals = Some(2);
        assert_eq!(half.avg_deal(), Some(Money(3)), "2,5 hundredths round up");
    }

    #[test]
    fn unknown_deal_data_is_none_not_zero() {
        let mut p = project(&[("X1", 100), ("X2", 10)]);
        for r in &mut p.revenues {
            r.won_deals = None;
            r.avg_cycle_days = None;
        }
        let res = abc_for_project(&p);
        let a = res.summary_of(Category::A).unwrap();
        assert_eq!(a.won_deals, None);
        assert_eq!(a.avg_deal, None);
        assert_eq!(a.median_deal, None);
        assert_eq!(a.avg_cycle_days, None);
        assert_eq!(a.clients_without_deals, 1);
        // Zero won deals is known, but there is nothing to average.
        p.revenues[0].won_deals = Some(0);
        let res = abc_for_project(&p);
        let a = res.summary_of(Category::A).unwrap();
        assert_eq!((a.won_deals, a.avg_deal), (Some(0), None));
    }
}
