//! Layer 1 key figures: the ABC analysis of client revenue and what follows from it
//! (docs/METHOD.md §3.1): classes per client, per-category counts, revenue, average and median deal
//! size and deal duration. Beside it in `layer1/`, one file per concept: the revenue per client and
//! year it ranks ([`super::client_years`]), the figures of each category ([`super::category_figures`]),
//! the Pareto curve ([`super::pareto`]), the revenue breakdown ([`super::breakdown`]) and the
//! conclusions ([`super::conclusions`]).
//!
//! Why here: every later layer needs a client's category (funnel by category, maps of A clients,
//! touch-point targets), so [`client_categories`] is the one place that answers it.
//!
//! Rules pinned down (the article names the analysis but not its details):
//! - only clients with revenue **> 0** in the analysed year are ranked; the others (prospects, and
//!   clients whose returns exceed their sales) are *unranked* and get category `N`;
//! - ranking is by revenue, descending; **equal revenue → client code (compared as text), then
//!   id**, so the result never depends on the order of the input lists. Equal revenues can
//!   therefore fall into different classes when a boundary passes between them;
//! - [`AbcRule::CumulativeBefore`]: a client goes to A while the cumulative share *before* it is
//!   below the A threshold, so the client that crosses the threshold is still A and class A covers
//!   at least the threshold; [`AbcRule::CumulativeIncluding`]: the cumulative share *including*
//!   the client must stay within the threshold (one client fewer in A as a rule; a dominant first
//!   client can even end up below A);
//! - a hand-set `category_override` wins over the computed class; per-category figures use
//!   the category after overrides, the Pareto chart shows the computed classes;
//! - all sums are [`Money`]; a figure that cannot be known is `None`, never 0.
//!
//! Speed (100 000 clients must take ≤ 30 ms in the browser): revenues are matched to clients in
//! one pass, usually without hashing ([`super::client_years::client_years`]); a radix sort carries each client's
//! ranking data (48 bytes) with its key, sorting only the key bits that vary, so the ranking pass
//! reads memory in order and also accumulates every category summary; each median is one
//! selection, not a sort; maps keyed by id use a cheap hasher ([`super::client_years::IdMap`]). Nothing is quadratic.
//! `tests/bench_browser.rs` measures it (about 20 ms with revenues in the clients' order, about
//! 50 ms when the revenue list is shuffled and has to be hashed).

#![warn(missing_docs)]

use super::category_figures::{cat_slot, CategorySummary};
use super::category_figures::{summarise, Acc};
use super::client_years::{client_years, ClientYear, DealSource};
use crate::domain::model::{AbcRule, AbcSettings, Category, Client, Id, Project};
use crate::domain::money::Money;
use std::collections::HashMap;

/// A ranked client: one row of the ABC table.
#[derive(Clone, Debug, PartialEq)]
pub struct AbcRow {
    /// The client.
    pub client_id: Id,
    /// Position of the client in `p.clients` (for O(1) look-ups in long tables).
    pub client_index: usize,
    /// 1-based rank by revenue.
    pub rank: usize,
    /// The client's revenue in the year.
    pub revenue: Money,
    /// The client's share of the total revenue, %.
    pub share_pct: f64,
    /// Cumulative share of the clients ranked above, %.
    pub cum_before_pct: f64,
    /// Cumulative share including this client, %; the last row has exactly 100.
    pub cum_after_pct: f64,
    /// The class by the ABC rule (A, B or C).
    pub class: Category,
    /// The class after a hand-set override (what other layers use).
    pub category: Category,
    /// Won deals in the year (`None` = unknown).
    pub won_deals: Option<u32>,
    /// Average days from lead to contract (deal-weighted when merged).
    pub avg_cycle_days: Option<f64>,
    /// Where the won deals and the cycle come from.
    pub deal_source: DealSource,
    /// Σ amounts of the won deals when they come from the project's deals.
    pub deal_sum: Money,
}

impl AbcRow {
    /// The client's average deal: Σ won deal amounts ÷ their number when the project's deals
    /// give them, else revenue ÷ won deals; rounded half up to hundredths; `None` when the
    /// number of deals is unknown or zero.
    pub fn avg_deal(&self) -> Option<Money> {
        let n = self.won_deals.filter(|n| *n > 0)? as i128;
        let total = if self.deal_source == DealSource::Deals {
            self.deal_sum
        } else {
            self.revenue
        };
        Some(Money(((total.0 as i128 * 2 + n) / (2 * n)) as i64))
    }

    /// Whether the category was set by hand against the computed class.
    pub fn is_overridden(&self) -> bool {
        self.category != self.class
    }
}

/// A client that is not ranked (no revenue, zero or negative revenue in the year).
#[derive(Clone, Debug, PartialEq)]
pub struct UnrankedClient {
    /// The client.
    pub client_id: Id,
    /// Position of the client in `p.clients`.
    pub client_index: usize,
    /// The year's revenue (zero when there is none; negative after returns).
    pub revenue: Money,
    /// `N`, or the hand-set category.
    pub category: Category,
}

/// The ABC analysis of one year.
#[derive(Clone, Debug, PartialEq)]
pub struct AbcResult {
    /// The revenue year analysed.
    pub year: i32,
    /// The A threshold actually used (clamped to 0…100), %.
    pub threshold_a: f64,
    /// The B threshold actually used (A + B clamped to 100), %.
    pub threshold_b: f64,
    /// The boundary rule used.
    pub rule: AbcRule,
    /// Σ revenue of the ranked clients.
    pub total: Money,
    /// Ranked clients, best first.
    pub rows: Vec<AbcRow>,
    /// Clients without positive revenue, in the order of `p.clients`.
    pub unranked: Vec<UnrankedClient>,
    /// Summaries for A, B, C and N, in that order.
    pub summary: Vec<CategorySummary>,
}

impl AbcResult {
    /// The summary of one category.
    pub fn summary_of(&self, c: Category) -> Option<&CategorySummary> {
        self.summary.iter().find(|s| s.category == c)
    }

    /// Every client's category (after overrides), ranked and unranked.
    pub fn categories(&self) -> HashMap<Id, Category> {
        let mut m = HashMap::with_capacity(self.rows.len() + self.unranked.len());
        for r in &self.rows {
            m.insert(r.client_id, r.category);
        }
        for u in &self.unranked {
            m.insert(u.client_id, u.category);
        }
        m
    }

    /// Number of ranked clients per computed class `[A, B, C]`.
    pub fn class_counts(&self) -> [usize; 3] {
        let mut n = [0; 3];
        for r in &self.rows {
            match r.class {
                Category::A => n[0] += 1,
                Category::B => n[1] += 1,
                _ => n[2] += 1,
            }
        }
        n
    }
}

fn clamp_pct(x: f64) -> f64 {
    if x.is_finite() {
        x.clamp(0.0, 100.0)
    } else {
        0.0
    }
}

/// `cum / total × 100 < t` without dividing (exact for whole-number thresholds).
fn below(cum: i64, total: i64, t: f64) -> bool {
    (cum as f64) * 100.0 < t * total as f64
}

/// `cum / total × 100 ≤ t`.
fn at_most(cum: i64, total: i64, t: f64) -> bool {
    (cum as f64) * 100.0 <= t * total as f64
}

pub(super) fn pct_of(part: i64, total: i64) -> f64 {
    if total == 0 {
        0.0
    } else {
        part as f64 / total as f64 * 100.0
    }
}

/// The ABC analysis of revenue in `year` with `settings` (its `year` field is ignored here;
/// [`abc_for_project`] reads it).
///
/// Thresholds are clamped: A to 0…100, A + B to A…100; C is the rest. 100/0/0 puts every ranked
/// client into A; an A threshold of 0 leaves A empty.
pub fn abc_analysis(p: &Project, year: i32, settings: &AbcSettings) -> AbcResult {
    let years = client_years(p, year);
    let t_a = clamp_pct(settings.threshold_a);
    let t_ab = (t_a + clamp_pct(settings.threshold_b)).min(100.0);

    // Everything the ranking pass needs travels with the sort key, so that pass reads memory in
    // order instead of jumping around the client list (at 100 000 clients those cache misses
    // cost more than the sort); the travelling record is kept small because the sort moves it
    // several times. The key is the revenue with its bits inverted: larger revenue sorts first.
    let mut order: Vec<Ranked> = Vec::with_capacity(p.clients.len());
    let mut unranked = Vec::new();
    for (i, (c, cy)) in p.clients.iter().zip(&years).enumerate() {
        if cy.amount > Money::ZERO {
            order.push(Ranked::new(i, c, cy));
        } else {
            unranked.push(UnrankedClient {
                client_id: c.id,
                client_index: i,
                revenue: cy.amount,
                category: c.category_override.unwrap_or(Category::N),
            });
        }
    }
    radix_sort_by_key(&mut order, |r| r.key);
    // Equal revenue: client code (as text), then id. Runs of equal keys are rare and short.
    let mut start = 0;
    while start < order.len() {
        let key = order[start].key;
        let mut end = start + 1;
        while end < order.len() && order[end].key == key {
            end += 1;
        }
        if end - start > 1 {
            order[start..end].sort_unstable_by(|a, b| {
                let (ca, cb) = (&p.clients[a.index as usize], &p.clients[b.index as usize]);
                ca.code.cmp(&cb.code).then_with(|| a.id.cmp(&b.id))
            });
        }
        start = end;
    }

    let total: i64 = order
        .iter()
        .fold(0i64, |s, r| s.saturating_add(r.amount().0));
    let mut cum: i64 = 0;
    let mut rows = Vec::with_capacity(order.len());
    let mut acc: [Acc; 4] = Default::default();
    for (rank0, r) in order.iter().enumerate() {
        let cy = &r.year(&years);
        let before = cum;
        cum = cum.saturating_add(cy.amount.0);
        let class = match settings.rule {
            AbcRule::CumulativeBefore => {
                if below(before, total, t_a) {
                    Category::A
                } else if below(before, total, t_ab) {
                    Category::B
                } else {
                    Category::C
                }
            }
            AbcRule::CumulativeIncluding => {
                if at_most(cum, total, t_a) {
                    Category::A
                } else if at_most(cum, total, t_ab) {
                    Category::B
                } else {
                    Category::C
                }
            }
        };
        let category = r.category_override.unwrap_or(class);
        acc[cat_slot(category)].add_ranked(cy);
        rows.push(AbcRow {
            client_id: r.id,
            client_index: r.index as usize,
            rank: rank0 + 1,
            revenue: cy.amount,
            share_pct: pct_of(cy.amount.0, total),
            cum_before_pct: pct_of(before, total),
            cum_after_pct: pct_of(cum, total),
            class,
            category,
            won_deals: cy.won_deals,
            avg_cycle_days: cy.avg_cycle_days(),
            deal_source: cy.source,
            deal_sum: cy.deal_sum,
        });
    }
    drop(years);
    for u in &unranked {
        acc[cat_slot(u.category)].clients += 1;
    }

    let all_clients = rows.len() + unranked.len();
    let summary = summarise(acc, Money(total), all_clients);

    AbcResult {
        year,
        threshold_a: t_a,
        threshold_b: t_ab - t_a,
        rule: settings.rule,
        total: Money(total),
        rows,
        unranked,
        summary,
    }
}

/// The years that have client revenue, newest first, with the base year always among them
/// (the years the ABC analysis can be run on).
pub fn revenue_years(p: &Project) -> Vec<i32> {
    let mut years: Vec<i32> = p.revenues.iter().map(|r| r.year).collect();
    years.push(p.company.base_year);
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years
}

/// The year the project's ABC analysis ranks: its setting, else the base year. The one answer
/// for the ABC screen, the client list's revenue column and every category.
pub fn abc_year(p: &Project) -> i32 {
    p.layer1.abc.year.unwrap_or(p.company.base_year)
}

/// The ABC analysis the project is set up for: its settings and their year, or the base year.
pub fn abc_for_project(p: &Project) -> AbcResult {
    abc_analysis(p, abc_year(p), &p.layer1.abc)
}

/// Every client's category: the project's ABC settings on the analysed year (default: the
/// base year), hand-set overrides applied, `N` for unranked clients. Other layers call this.
pub fn client_categories(p: &Project) -> HashMap<Id, Category> {
    abc_for_project(p).categories()
}

/// A ranked client on its way through the sort: its [`ClientYear`] without the amount (the key
/// holds it), 48 bytes instead of 80.
#[derive(Clone, Copy, Default)]
struct Ranked {
    /// `!amount`: ascending keys are descending revenues.
    key: u64,
    cycle_days_sum: f64,
    id: Id,
    index: u32,
    won_deals: u32,
    cycle_deals: u32,
    has_won_deals: bool,
    from_deals: bool,
    category_override: Option<Category>,
}

impl Ranked {
    fn new(index: usize, c: &Client, cy: &ClientYear) -> Self {
        Ranked {
            key: !(cy.amount.0 as u64),
            cycle_days_sum: cy.cycle_days_sum,
            id: c.id,
            index: index as u32,
            won_deals: cy.won_deals.unwrap_or(0),
            cycle_deals: cy.cycle_deals,
            has_won_deals: cy.won_deals.is_some(),
            from_deals: cy.source == DealSource::Deals,
            category_override: c.category_override,
        }
    }

    fn amount(&self) -> Money {
        Money(!self.key as i64)
    }

    /// The client's year back; `years` gives what the travelling record leaves out (the deal
    /// amounts of a client whose deals come from the project's deals).
    fn year(&self, years: &[ClientYear]) -> ClientYear {
        let (source, deal_sum) = if self.from_deals {
            (DealSource::Deals, years[self.index as usize].deal_sum)
        } else if self.has_won_deals {
            (DealSource::Revenue, Money::ZERO)
        } else {
            (DealSource::Unknown, Money::ZERO)
        };
        ClientYear {
            amount: self.amount(),
            won_deals: self.has_won_deals.then_some(self.won_deals),
            cycle_days_sum: self.cycle_days_sum,
            cycle_deals: self.cycle_deals,
            source,
            deal_sum,
        }
    }
}

/// Sorts `v` by `key`, ascending and stable, with an LSD radix sort. Only the bits that differ
/// between keys are sorted (the high bits of amounts usually don't), in as few passes of at most
/// 11 bits as they need; one read of the keys counts the digits of every pass.
fn radix_sort_by_key<T: Copy + Default>(v: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    const MAX_BITS: u32 = 8;
    if v.len() < 2 {
        return;
    }
    let (mut or, mut and) = (0u64, u64::MAX);
    for x in v.iter() {
        let k = key(x);
        or |= k;
        and &= k;
    }
    let varying = or ^ and;
    if varying == 0 {
        return;
    }
    let low = varying.trailing_zeros();
    let span = 64 - varying.leading_zeros() - low;
    let passes = span.div_ceil(MAX_BITS);
    let width = span.div_ceil(passes);
    let mask = (1u64 << width) - 1;
    let digit = |k: u64, pass: u32| ((k >> (low + pass * width)) & mask) as usize;
    let buckets = 1usize << width;
    let mut counts = vec![0usize; buckets * passes as usize];
    for x in v.iter() {
        let k = key(x);
        for pass in 0..passes {
            counts[pass as usize * buckets + digit(k, pass)] += 1;
        }
    }
    let mut buf = vec![T::default(); v.len()];
    for pass in 0..passes {
        let pos = &mut counts[pass as usize * buckets..(pass as usize + 1) * buckets];
        let mut sum = 0;
        for slot in pos.iter_mut() {
            let c = *slot;
            *slot = sum;
            sum += c;
        }
        for x in v.iter() {
            let d = digit(key(x), pass);
            buf[pos[d]] = *x;
            pos[d] += 1;
        }
        std::mem::swap(v, &mut buf);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::accounts::a_elaboration;
    use crate::domain::demo::demo_project;
    use crate::domain::layer1::client_years::client_year_index;
    use crate::domain::layer1::pareto::{pareto_chart, pareto_points};
    use crate::domain::model::{ClientRevenue, MoneyUnit};
    use chrono::NaiveDate;
    use proptest::prelude::*;

    pub(crate) fn plain(s: &str) -> String {
        s.replace('\u{a0}', " ").replace('\u{2212}', "-")
    }

    pub(crate) fn r1(x: f64) -> f64 {
        (x * 10.0).round() / 10.0
    }

    pub(crate) fn code_of(p: &Project, id: Id) -> String {
        p.client(id).map(|c| c.code.clone()).unwrap_or_default()
    }

    pub(crate) fn codes(p: &Project, res: &AbcResult, k: Category) -> Vec<String> {
        res.rows
            .iter()
            .filter(|r| r.class == k)
            .map(|r| code_of(p, r.client_id))
            .collect()
    }

    pub(crate) fn client(code: &str) -> Client {
        Client::new(code, format!("Client {code}"))
    }

    /// A project with clients `(code, revenue in units)` for 2024; revenue 0 adds no row.
    pub(crate) fn project(rows: &[(&str, i64)]) -> Project {
        let mut p = Project::new_empty("t", NaiveDate::from_ymd_opt(2025, 3, 31).unwrap());
        p.company.base_year = 2024;
        for (code, rev) in rows {
            let c = client(code);
            if *rev != 0 {
                p.revenues.push(ClientRevenue {
                    client_id: c.id,
                    year: 2024,
                    amount: Money::units(*rev),
                    won_deals: Some(1),
                    avg_cycle_days: Some(10.0),
                });
            }
            p.clients.push(c);
        }
        p
    }

    pub(crate) fn settings(a: f64, b: f64, rule: AbcRule) -> AbcSettings {
        AbcSettings {
            threshold_a: a,
            threshold_b: b,
            rule,
            year: None,
        }
    }

    #[test]
    fn demo_classes_match_domain_6_2() {
        let p = demo_project();
        let res = abc_for_project(&p);
        assert_eq!(res.year, 2024);
        assert_eq!(res.total, Money::units(815_030));
        let want = |from: u32, to: u32| -> Vec<String> {
            (from..=to).map(|i| format!("K{i:02}")).collect()
        };
        assert_eq!(codes(&p, &res, Category::A), want(1, 9));
        assert_eq!(codes(&p, &res, Category::B), want(10, 19));
        assert_eq!(codes(&p, &res, Category::C), want(20, 40));
        assert!(res.unranked.is_empty());
        assert_eq!(res.class_counts(), [9, 10, 21]);
        // K09 crosses 80 %: 78.9 % before it, 81.8 % after it.
        let k09 = &res.rows[8];
        assert_eq!(r1(k09.cum_before_pct), 78.9);
        assert_eq!(r1(k09.cum_after_pct), 81.8);
        assert_eq!(res.rows.last().map(|r| r.cum_after_pct), Some(100.0));
    }

    #[test]
    fn alternative_rule_moves_k09_to_b() {
        let p = demo_project();
        let s = settings(80.0, 15.0, AbcRule::CumulativeIncluding);
        let res = abc_analysis(&p, 2024, &s);
        assert_eq!(res.class_counts()[0], 8);
        assert_eq!(code_of(&p, res.rows[8].client_id), "K09");
        assert_eq!(res.rows[8].class, Category::B);
        assert_eq!(res.summary_of(Category::A).map(|s| s.clients), Some(8));
    }

    #[test]
    fn categories_for_other_layers_and_overrides() {
        let mut p = demo_project();
        let cats = client_categories(&p);
        assert_eq!(cats.len(), 40);
        assert_eq!(cats.values().filter(|c| **c == Category::A).count(), 9);
        // A hand-set category wins, on a ranked client and on a prospect.
        p.clients[39].category_override = Some(Category::A); // K40
        let mut prospect = client("K41");
        prospect.category_override = Some(Category::B);
        let pid = prospect.id;
        p.clients.push(prospect);
        let plain_prospect = client("K42");
        let nid = plain_prospect.id;
        p.clients.push(plain_prospect);
        let res = abc_for_project(&p);
        let cats = res.categories();
        assert_eq!(cats[&p.clients[39].id], Category::A);
        assert_eq!(cats[&pid], Category::B);
        assert_eq!(cats[&nid], Category::N);
        let k40 = res.rows.last().unwrap();
        assert_eq!((k40.class, k40.category), (Category::C, Category::A));
        let a = res.summary_of(Category::A).unwrap();
        assert_eq!(a.clients, 10);
        assert_eq!(a.revenue, Money::units(667_150));
        assert_eq!(res.summary_of(Category::B).unwrap().clients, 11);
        assert_eq!(res.summary_of(Category::N).unwrap().clients, 1);
        // The chart keeps the computed classes.
        assert_eq!(res.class_counts(), [9, 10, 21]);
        // The settings' year is honoured.
        p.layer1.abc.year = Some(2023);
        let cats = client_categories(&p);
        assert_eq!(cats.values().filter(|c| **c == Category::A).count(), 1);
        assert_eq!(cats.values().filter(|c| **c == Category::N).count(), 40);
    }

    #[test]
    fn empty_base() {
        let p = project(&[]);
        let res = abc_for_project(&p);
        assert!(res.rows.is_empty() && res.unranked.is_empty());
        assert_eq!(res.total, Money::ZERO);
        for s in &res.summary {
            assert_eq!(s.clients, 0);
            assert_eq!(s.revenue_share_pct, None);
            assert_eq!(s.client_share_pct, None);
            assert_eq!(s.avg_deal, None);
            assert_eq!(s.median_deal, None);
            assert_eq!(s.avg_cycle_days, None);
            assert_eq!(s.won_deals, None);
        }
        assert!(pareto_points(&res).is_empty());
        assert!(pareto_chart(&res, 5).boundaries.is_empty());
        assert!(client_categories(&p).is_empty());
    }

    #[test]
    fn single_client_is_a() {
        let p = project(&[("X1", 5)]);
        for rule in [AbcRule::CumulativeBefore, AbcRule::CumulativeIncluding] {
            let res = abc_analysis(&p, 2024, &settings(80.0, 15.0, rule));
            // Including-rule: 100 % > 80 and > 95, so the only client is C under that rule.
            let want = if rule == AbcRule::CumulativeBefore {
                Category::A
            } else {
                Category::C
            };
            assert_eq!(res.rows[0].class, want);
            assert_eq!(
                (res.rows[0].cum_before_pct, res.rows[0].cum_after_pct),
                (0.0, 100.0)
            );
            assert_eq!(res.rows[0].share_pct, 100.0);
        }
    }

    #[test]
    fn including_rule_can_leave_a_dominant_client_out_of_a() {
        let p = project(&[("X1", 90), ("X2", 10)]);
        let res = abc_analysis(
            &p,
            2024,
            &settings(80.0, 15.0, AbcRule::CumulativeIncluding),
        );
        assert_eq!(res.rows[0].class, Category::B);
        assert_eq!(res.rows[1].class, Category::C);
        let res = abc_analysis(&p, 2024, &settings(80.0, 15.0, AbcRule::CumulativeBefore));
        assert_eq!(res.rows[0].class, Category::A);
        assert_eq!(res.rows[1].class, Category::B);
    }

    #[test]
    fn all_zero_revenue_is_unranked() {
        let mut p = project(&[("X1", 0), ("X2", 0)]);
        // An explicit zero row and a negative one (returns) are not ranked either.
        p.revenues.push(ClientRevenue {
            client_id: p.clients[0].id,
            year: 2024,
            amount: Money::ZERO,
            won_deals: Some(0),
            avg_cycle_days: None,
        });
        p.revenues.push(ClientRevenue {
            client_id: p.clients[1].id,
            year: 2024,
            amount: Money::units(-3),
            won_deals: None,
            avg_cycle_days: None,
        });
        let res = abc_for_project(&p);
        assert!(res.rows.is_empty());
        assert_eq!(res.unranked.len(), 2);
        assert_eq!(res.unranked[1].revenue, Money::units(-3));
        assert!(res.unranked.iter().all(|u| u.category == Category::N));
        let n = res.summary_of(Category::N).unwrap();
        assert_eq!((n.clients, n.client_share_pct), (2, Some(100.0)));
        assert_eq!(n.revenue, Money::ZERO);
    }

    #[test]
    fn ties_at_a_boundary_follow_the_code_then_the_id() {
        // X2 and X1 have equal revenue; the A boundary (40 %) passes between them.
        let p = project(&[("X2", 40), ("X1", 40), ("X3", 20)]);
        let res = abc_analysis(&p, 2024, &settings(40.0, 15.0, AbcRule::CumulativeBefore));
        assert_eq!(codes(&p, &res, Category::A), vec!["X1"]);
        assert_eq!(codes(&p, &res, Category::B), vec!["X2"]);
        assert_eq!(codes(&p, &res, Category::C), vec!["X3"]);
        // Exactly at the boundary: 40 % before X2 is not below 40 %, so X2 is B; with the
        // including rule X1 ends exactly at 40 % (≤ 40 %) and stays A.
        let inc = abc_analysis(
            &p,
            2024,
            &settings(40.0, 15.0, AbcRule::CumulativeIncluding),
        );
        assert_eq!(codes(&p, &inc, Category::A), vec!["X1"]);
        assert_eq!(codes(&p, &inc, Category::C), vec!["X2", "X3"]);
        // 80/15: X1 and X2 reach 80 % exactly; X3 starts at 80 % → B (before-rule).
        let res = abc_analysis(&p, 2024, &settings(80.0, 15.0, AbcRule::CumulativeBefore));
        assert_eq!(codes(&p, &res, Category::A), vec!["X1", "X2"]);
        assert_eq!(codes(&p, &res, Category::B), vec!["X3"]);
        // Same code: the id decides, whatever the input order.
        let mut q = project(&[("Z", 10), ("Z", 10)]);
        let ids = {
            let mut v = vec![q.clients[0].id, q.clients[1].id];
            v.sort();
            v
        };
        for _ in 0..2 {
            let res = abc_analysis(&q, 2024, &settings(50.0, 0.0, AbcRule::CumulativeBefore));
            assert_eq!(res.rows[0].client_id, ids[0]);
            assert_eq!(res.rows[0].class, Category::A);
            assert_eq!(res.rows[1].class, Category::C);
            q.clients.reverse();
        }
    }

    #[test]
    fn extreme_and_invalid_thresholds() {
        let p = demo_project();
        let all = |a, b| abc_analysis(&p, 2024, &settings(a, b, AbcRule::CumulativeBefore));
        assert_eq!(all(100.0, 0.0).class_counts(), [40, 0, 0]);
        assert_eq!(all(0.0, 0.0).class_counts(), [0, 0, 40]);
        assert_eq!(all(0.0, 100.0).class_counts(), [0, 40, 0]);
        // 70/20: K07 starts at 68.8 % (A), K08 at 74.2 %; K14 at 89.5 % (B), K15 at 90.9 %.
        assert_eq!(all(70.0, 20.0).class_counts(), [7, 7, 26]);
        let odd = all(f64::NAN, 250.0);
        assert_eq!((odd.threshold_a, odd.threshold_b), (0.0, 100.0));
        assert_eq!(odd.class_counts(), [0, 40, 0]);
        let neg = all(-5.0, -5.0);
        assert_eq!(neg.class_counts(), [0, 0, 40]);
        let inc = abc_analysis(
            &p,
            2024,
            &settings(100.0, 0.0, AbcRule::CumulativeIncluding),
        );
        assert_eq!(inc.class_counts(), [40, 0, 0]);
    }

    #[test]
    fn revenue_rows_are_merged_per_client_and_year() {
        let mut p = project(&[("X1", 100), ("X2", 60)]);
        let x1 = p.clients[0].id;
        p.revenues.push(ClientRevenue {
            client_id: x1,
            year: 2024,
            amount: Money::units(50),
            won_deals: Some(3),
            avg_cycle_days: Some(30.0),
        });
        // Another year and an unknown client are ignored; a cycle without deals is ignored.
        p.revenues.push(ClientRevenue {
            client_id: x1,
            year: 2023,
            amount: Money::units(1_000),
            won_deals: Some(9),
            avg_cycle_days: Some(1.0),
        });
        p.revenues.push(ClientRevenue {
            client_id: crate::domain::new_id(),
            year: 2024,
            amount: Money::units(1_000),
            won_deals: None,
            avg_cycle_days: None,
        });
        p.revenues.push(ClientRevenue {
            client_id: p.clients[1].id,
            year: 2024,
            amount: Money::ZERO,
            won_deals: None,
            avg_cycle_days: Some(999.0),
        });
        let res = abc_for_project(&p);
        assert_eq!(res.total, Money::units(210));
        let row = &res.rows[0];
        assert_eq!(row.revenue, Money::units(150));
        assert_eq!(row.won_deals, Some(4));
        assert_eq!(row.avg_cycle_days, Some((10.0 + 90.0) / 4.0));
        assert_eq!(res.rows[1].avg_cycle_days, Some(10.0));
    }

    #[test]
    fn input_order_does_not_matter() {
        let p = demo_project();
        let base = abc_for_project(&p);
        let mut q = p.clone();
        q.revenues.reverse();
        assert_eq!(abc_for_project(&q), base);
        q.clients.reverse();
        let shuffled = abc_for_project(&q);
        let ids = |r: &AbcResult| {
            r.rows
                .iter()
                .map(|x| (x.client_id, x.class))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&shuffled), ids(&base));
        assert_eq!(shuffled.summary, base.summary);
        // The dense per-client view agrees with the id-keyed index.
        let index = client_year_index(&q, 2024);
        let dense = client_years(&q, 2024);
        for (c, cy) in q.clients.iter().zip(&dense) {
            assert_eq!(index.get(&c.id), Some(cy));
        }
    }

    #[test]
    fn revenue_years_are_newest_first_with_the_base_year() {
        let mut p = project(&[("X1", 100), ("X2", 10)]);
        p.company.base_year = 2024;
        assert_eq!(revenue_years(&p), vec![2024]);
        let id = p.clients[0].id;
        for year in [2022, 2025, 2022] {
            p.revenues.push(ClientRevenue {
                client_id: id,
                year,
                amount: Money(1),
                won_deals: None,
                avg_cycle_days: None,
            });
        }
        assert_eq!(revenue_years(&p), vec![2025, 2024, 2022]);
        p.revenues.clear();
        p.company.base_year = 2026;
        assert_eq!(revenue_years(&p), vec![2026]);
    }

    #[test]
    fn revenue_rows_are_matched_in_any_order() {
        // Clients K0…K59; revenues for some of them, with gaps longer than the look-ahead,
        // rows of another year and of unknown ids in between, and two rows for one client.
        let mut p = project(&[]);
        for i in 0..60 {
            p.clients.push(client(&format!("K{i:02}")));
        }
        let row = |c: &Client, year: i32, amount: i64| ClientRevenue {
            client_id: c.id,
            year,
            amount: Money(amount),
            won_deals: Some(1),
            avg_cycle_days: Some(10.0),
        };
        for (i, c) in p.clients.iter().enumerate() {
            if i % 7 == 0 || (20..45).contains(&i) {
                continue;
            }
            p.revenues.push(row(c, 2024, 100 + i as i64));
            p.revenues.push(row(c, 2023, 1));
        }
        p.revenues.push(row(&client("X"), 2024, 5));
        p.revenues.push(row(&p.clients[3].clone(), 2024, 7));
        let want = |q: &Project| {
            q.clients
                .iter()
                .map(|c| {
                    let (mut amount, mut n) = (0, 0);
                    for r in q
                        .revenues
                        .iter()
                        .filter(|r| r.client_id == c.id && r.year == 2024)
                    {
                        amount += r.amount.0;
                        n += 1;
                    }
                    (Money(amount), if n > 0 { Some(n) } else { None })
                })
                .collect::<Vec<_>>()
        };
        let got = |q: &Project| {
            client_years(q, 2024)
                .iter()
                .map(|y| (y.amount, y.won_deals))
                .collect::<Vec<_>>()
        };
        assert_eq!(got(&p), want(&p));
        assert_eq!(got(&p)[3], (Money(110), Some(2)));
        let mut q = p.clone();
        q.revenues.reverse();
        assert_eq!(got(&q), want(&q));
        q.revenues.rotate_left(17);
        assert_eq!(got(&q), want(&q));
        assert_eq!(abc_for_project(&q), abc_for_project(&p));
    }

    #[test]
    fn radix_sort_matches_a_stable_sort() {
        let mut seed = 3u64;
        for n in [0usize, 1, 2, 5, 300, 2_000] {
            let mut v: Vec<(u64, u32)> = (0..n as u32)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    let k = match (n + i as usize) % 5 {
                        0 => seed,
                        1 => seed >> 50,
                        2 => (1 << 40) | (seed % 1_000),
                        3 => seed & 0x0fff_f000_0000,
                        _ => !(seed >> 30),
                    };
                    (k, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|x| x.0);
            radix_sort_by_key(&mut v, |x| x.0);
            assert_eq!(v, want, "n = {n}");
        }
    }

    /// 100 000 clients in one ABC pass: the result is whole and ordered, whatever the order of
    /// the revenue list.
    #[test]
    fn abc_of_100_000_clients_partitions_them() {
        let mut p = project(&[]);
        p.company.money_unit = MoneyUnit::Rub;
        let mut seed: u64 = 42;
        for i in 0..100_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let c = client(&format!("C{i:06}"));
            p.revenues.push(ClientRevenue {
                client_id: c.id,
                year: 2024,
                amount: Money(((seed >> 33) % 10_000_000) as i64),
                won_deals: Some(((seed >> 20) % 7) as u32),
                avg_cycle_days: Some(((seed >> 10) % 400) as f64),
            });
            p.clients.push(c);
        }
        // Speed is measured by `tests/bench_browser.rs`; this checks the result at that size.
        let res = abc_for_project(&p);
        let cats = res.categories();
        let e = a_elaboration(&p, &cats);
        let chart = pareto_chart(&res, 500);
        assert_eq!(res.rows.len() + res.unranked.len(), 100_000);
        assert_eq!(res.class_counts().iter().sum::<usize>(), res.rows.len());
        assert!(res.rows.windows(2).all(|w| w[0].revenue >= w[1].revenue));
        assert_eq!(e.a_clients.len(), res.class_counts()[0]);
        assert!(chart.points.len() <= 502);
        // Revenues in another order (a later import matched by code) give the same result.
        let mut shuffled = p.clone();
        shuffled.revenues.reverse();
        assert_eq!(abc_for_project(&shuffled), res);
    }

    proptest! {
        #[test]
        fn classes_partition_and_cumulative_share_is_monotone(
            revs in proptest::collection::vec(0i64..1_000_000, 0..60),
            ta in 0.0f64..=100.0,
            tb in 0.0f64..=100.0,
            including in any::<bool>(),
        ) {
            let mut p = project(&[]);
            for (i, r) in revs.iter().enumerate() {
                let c = client(&format!("P{}", i % 7));
                p.revenues.push(ClientRevenue {
                    client_id: c.id, year: 2024, amount: Money(*r),
                    won_deals: Some(1), avg_cycle_days: None,
                });
                p.clients.push(c);
            }
            let rule = if including { AbcRule::CumulativeIncluding } else { AbcRule::CumulativeBefore };
            let res = abc_analysis(&p, 2024, &settings(ta, tb, rule));
            let positive = revs.iter().filter(|r| **r > 0).count();
            // Every ranked client is in exactly one of A, B, C; the rest are unranked N.
            prop_assert_eq!(res.rows.len(), positive);
            prop_assert_eq!(res.unranked.len(), revs.len() - positive);
            prop_assert_eq!(res.class_counts().iter().sum::<usize>(), positive);
            prop_assert!(res.rows.iter().all(|r| matches!(r.class, Category::A | Category::B | Category::C)));
            let per_cat: usize = res.summary.iter().map(|s| s.clients).sum();
            prop_assert_eq!(per_cat, revs.len());
            let rev_sum: Money = res.summary.iter().map(|s| s.revenue).sum();
            prop_assert_eq!(rev_sum, res.total);
            // Classes come in order A…B…C along the ranking.
            prop_assert!(res.rows.windows(2).all(|w| w[0].class <= w[1].class));
            // Revenue is non-increasing, cumulative share non-decreasing and ends at 100 %.
            prop_assert!(res.rows.windows(2).all(|w| w[0].revenue >= w[1].revenue));
            prop_assert!(res.rows.windows(2).all(|w| w[0].cum_after_pct <= w[1].cum_after_pct));
            prop_assert!(res.rows.iter().all(|r| r.cum_before_pct <= r.cum_after_pct));
            if let Some(last) = res.rows.last() {
                prop_assert_eq!(last.cum_after_pct, 100.0);
            }
            if !including && ta > 0.0 {
                // Class A covers at least the threshold under the before-rule.
                let a: i64 = res.rows.iter().filter(|r| r.class == Category::A).map(|r| r.revenue.0).sum();
                prop_assert!(res.total.0 == 0 || a as f64 * 100.0 >= ta.min(100.0) * res.total.0 as f64 - 1e-6);
            }
        }
    }
}
