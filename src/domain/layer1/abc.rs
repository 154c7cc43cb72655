//! Layer 1 key figures: the ABC analysis of client revenue and what follows from it
//! (docs/METHOD.md §3.1): classes per client, per-category counts, revenue, average and median deal
//! size and deal duration, the elaboration of A clients, the Pareto curve, the revenue breakdown by
//! channel, region, business line and manager, and the conclusions in words.
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
//! one pass, usually without hashing ([`client_years`]); a radix sort carries each client's
//! ranking data (48 bytes) with its key, sorting only the key bits that vary, so the ranking pass
//! reads memory in order and also accumulates every category summary; each median is one
//! selection, not a sort; maps keyed by id use a cheap hasher ([`IdMap`]). Nothing is quadratic.
//! `tests/bench_browser.rs` measures it (about 20 ms with revenues in the clients' order, about
//! 50 ms when the revenue list is shuffled and has to be hashed).

#![warn(missing_docs)]

use crate::domain::model::{
    AbcRule, AbcSettings, Category, Client, ClientRevenue, DealStatus, Id, Project, Role,
};
use crate::domain::money::{ratio_pct, Money};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A cheap hasher for [`Id`] keys. Ids are random UUIDs from the user's own file, so SipHash's
/// protection against crafted keys buys nothing here and costs time on long lists; this folds
/// the bytes with one multiply per 8 bytes (FxHash style).
#[derive(Clone, Copy, Debug, Default)]
pub struct IdHasher(u64);

const FX_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(FX_K);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        // Bring the well-mixed high bits down, where the table picks its bucket.
        self.0 ^ (self.0 >> 32)
    }
}

/// A `HashMap` keyed by [`Id`] (or anything hashing like it) with [`IdHasher`].
pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// One client's revenue data in one year, merged over all its `ClientRevenue` rows.
///
/// Several rows for the same client and year are added up: amounts and won deals are summed and
/// the cycle is weighted by deals. A cycle given without a number of won deals cannot be weighted
/// and is ignored.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ClientYear {
    /// Revenue of the year.
    pub amount: Money,
    /// Won deals of the year (`None` when no row gave the number).
    pub won_deals: Option<u32>,
    /// Σ won deals × average cycle over the rows where both are known.
    pub cycle_days_sum: f64,
    /// The won deals behind `cycle_days_sum`.
    pub cycle_deals: u32,
    /// Where the won deals and the cycle come from.
    pub source: DealSource,
    /// Σ amounts of the won deals, when they come from the project's deals (the average deal
    /// is then Σ amounts ÷ count, as the method defines it; with revenue rows it is revenue ÷
    /// won deals, as the rows carry no per-deal amounts).
    pub deal_sum: Money,
}

/// Where a client's (or a category's) won deals and deal duration come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DealSource {
    /// Nothing gives them.
    #[default]
    Unknown,
    /// The revenue rows (imported or entered with the revenue: «кол-во сделок», «длительность»).
    Revenue,
    /// The project's own won deals of the year: count, amounts, and days from creation to the
    /// won stage.
    Deals,
    /// Some clients of a category from each (categories only).
    Mixed,
}

impl DealSource {
    fn merge(self, other: DealSource) -> DealSource {
        match (self, other) {
            (DealSource::Unknown, x) | (x, DealSource::Unknown) => x,
            (a, b) if a == b => a,
            _ => DealSource::Mixed,
        }
    }
}

impl ClientYear {
    /// The deal-weighted average cycle in days, `None` when unknown.
    pub fn avg_cycle_days(&self) -> Option<f64> {
        if self.cycle_deals == 0 {
            None
        } else {
            Some(self.cycle_days_sum / self.cycle_deals as f64)
        }
    }

    fn add(&mut self, r: &ClientRevenue) {
        self.amount += r.amount;
        if let Some(w) = r.won_deals {
            self.source = DealSource::Revenue;
            self.won_deals = Some(self.won_deals.unwrap_or(0).saturating_add(w));
            if let Some(c) = r.avg_cycle_days.filter(|c| c.is_finite() && *c >= 0.0) {
                self.cycle_days_sum += w as f64 * c;
                self.cycle_deals = self.cycle_deals.saturating_add(w);
            }
        }
    }
}

/// Revenue data of `year` for every client, aligned with `p.clients` (`out[i]` belongs to
/// `p.clients[i]`); rows of ids that are not clients are skipped.
///
/// Revenues usually come in the clients' order (an import writes both together), with gaps
/// where a client has no revenue in the year. So each row is first tried against the client of
/// the previous row and the [`LOOK_AHEAD`] clients after it; the first row that misses them
/// builds an id → position map, which answers every later row (the list is evidently not in
/// order, and probing clients costs a cache miss each). In the usual case nothing is hashed.
pub fn client_years(p: &Project, year: i32) -> Vec<ClientYear> {
    let mut out = vec![ClientYear::default(); p.clients.len()];
    let mut pos: Option<IdMap<Id, usize>> = None;
    let mut next = 0usize;
    for r in p.revenues.iter().filter(|r| r.year == year) {
        let slot = match &pos {
            Some(m) => m.get(&r.client_id).copied(),
            None => {
                let is = |i: &usize| p.clients.get(*i).is_some_and(|c| c.id == r.client_id);
                let near = next.saturating_sub(1)..next + 1 + LOOK_AHEAD;
                match near.clone().find(is) {
                    Some(i) => Some(i),
                    None => {
                        let m = pos.insert(client_positions(p));
                        m.get(&r.client_id).copied()
                    }
                }
            }
        };
        if let Some(i) = slot {
            out[i].add(r);
            next = i + 1;
        }
    }
    add_won_deals(p, year, &mut out);
    out
}

/// For clients whose revenue rows give no number of won deals: the project's own deals won in
/// `year` (won date: `closed`, else the day the won stage was reached), their amounts, and the
/// days from the deal's creation to that date.
fn add_won_deals(p: &Project, year: i32, out: &mut [ClientYear]) {
    use crate::domain::layer2::{pipeline::won_date_with, stage_index::StageIndex};
    use chrono::Datelike;
    if !p.deals.iter().any(|d| d.status == DealStatus::Won) {
        return;
    }
    let idx = StageIndex::new(&p.stages);
    let won: Vec<(Id, Money, i64)> = p
        .deals
        .iter()
        .filter(|d| d.status == DealStatus::Won)
        .filter_map(|d| {
            let cid = d.client_id?;
            let w = won_date_with(&idx, d)?;
            (w.year() == year).then(|| (cid, d.amount, (w - d.created).num_days().max(0)))
        })
        .collect();
    if won.is_empty() {
        return;
    }
    let pos = client_positions(p);
    for (cid, amount, days) in won {
        let Some(cy) = pos.get(&cid).and_then(|&i| out.get_mut(i)) else {
            continue;
        };
        if cy.source == DealSource::Revenue {
            continue;
        }
        cy.source = DealSource::Deals;
        cy.won_deals = Some(cy.won_deals.unwrap_or(0).saturating_add(1));
        cy.deal_sum += amount;
        cy.cycle_days_sum += days as f64;
        cy.cycle_deals = cy.cycle_deals.saturating_add(1);
    }
}

/// Every client's position in `p.clients` (the first one for a duplicated id).
fn client_positions(p: &Project) -> IdMap<Id, usize> {
    let mut m = IdMap::with_capacity_and_hasher(p.clients.len(), Default::default());
    for (i, c) in p.clients.iter().enumerate() {
        m.entry(c.id).or_insert(i);
    }
    m
}

/// How many clients [`client_years`] skips over (clients without revenue) before it falls back
/// to hashing.
const LOOK_AHEAD: usize = 16;

/// Revenue data per client id for `year`, built in one pass over `p.revenues`.
///
/// Rows of ids that are not clients of the project are kept too; callers that walk
/// `p.clients` simply never look them up.
pub fn client_year_index(p: &Project, year: i32) -> IdMap<Id, ClientYear> {
    let mut map: IdMap<Id, ClientYear> =
        IdMap::with_capacity_and_hasher(p.clients.len(), Default::default());
    for r in p.revenues.iter().filter(|r| r.year == year) {
        map.entry(r.client_id).or_default().add(r);
    }
    if p.deals.iter().any(|d| d.status == DealStatus::Won) {
        let years = client_years(p, year);
        for (c, cy) in p.clients.iter().zip(years) {
            if cy.source == DealSource::Deals {
                let e = map.entry(c.id).or_default();
                e.source = cy.source;
                e.won_deals = cy.won_deals;
                e.deal_sum = cy.deal_sum;
                e.cycle_days_sum = cy.cycle_days_sum;
                e.cycle_deals = cy.cycle_deals;
            }
        }
    }
    map
}

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

fn pct_of(part: i64, total: i64) -> f64 {
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

/// Running sums of one category.
#[derive(Default)]
struct Acc {
    clients: usize,
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
    fn add_ranked(&mut self, cy: &ClientYear) {
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
fn summarise(acc: [Acc; 4], total: Money, all_clients: usize) -> Vec<CategorySummary> {
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

// ---------------------------------------------------------------------------------------------
// Elaboration of A clients
// ---------------------------------------------------------------------------------------------

// The metric itself is [`crate::domain::accounts::a_elaboration`] (one struct for layer 1's ABC screen,
// layer 3's maps, the dashboard and the diagnosis); this module only words it.
pub use crate::domain::accounts::{a_elaboration, AElaboration};

// ---------------------------------------------------------------------------------------------
// Pareto chart
// ---------------------------------------------------------------------------------------------

/// A point of the Pareto curve: after the first `rank` clients.
#[derive(Clone, Debug, PartialEq)]
pub struct ParetoPoint {
    /// 1-based rank by revenue.
    pub rank: usize,
    /// rank / ranked clients, %.
    pub clients_pct: f64,
    /// Cumulative revenue share including the client at `rank`, %.
    pub revenue_pct: f64,
    /// Computed class of the client at `rank`.
    pub class: Category,
}

/// The Pareto curve with the class boundaries. The curve starts at (0 %, 0 %), which is not a
/// point of the list.
#[derive(Clone, Debug, PartialEq)]
pub struct ParetoChart {
    /// The curve's points, best client first (thinned when asked).
    pub points: Vec<ParetoPoint>,
    /// The last point of each non-empty class except the last one (the class boundaries).
    pub boundaries: Vec<ParetoPoint>,
}

/// Cumulative share points per rank: one per ranked client, best first, ending at 100 %.
pub fn pareto_points(res: &AbcResult) -> Vec<ParetoPoint> {
    let n = res.rows.len();
    res.rows
        .iter()
        .map(|r| ParetoPoint {
            rank: r.rank,
            clients_pct: pct_of(r.rank as i64, n as i64),
            revenue_pct: r.cum_after_pct,
            class: r.class,
        })
        .collect()
}

/// The Pareto chart, thinned to about `max_points` points for long client lists (0 = all).
/// Thinning keeps the boundaries and the last point, so the curve's ends and breaks stay exact.
pub fn pareto_chart(res: &AbcResult, max_points: usize) -> ParetoChart {
    let n = res.rows.len();
    let point = |r: &AbcRow| ParetoPoint {
        rank: r.rank,
        clients_pct: pct_of(r.rank as i64, n as i64),
        revenue_pct: r.cum_after_pct,
        class: r.class,
    };
    let is_boundary = |i: usize| i + 1 < n && res.rows[i].class != res.rows[i + 1].class;
    let boundaries = (0..n)
        .filter(|i| is_boundary(*i))
        .map(|i| point(&res.rows[i]))
        .collect();
    let step = if max_points == 0 || n <= max_points {
        1
    } else {
        n.div_ceil(max_points)
    };
    let points = res
        .rows
        .iter()
        .enumerate()
        .filter(|(i, _)| (i + 1) % step == 0 || i + 1 == n || is_boundary(*i))
        .map(|(_, r)| point(r))
        .collect();
    ParetoChart { points, boundaries }
}

// ---------------------------------------------------------------------------------------------
// Breakdown by channel, region, business line, manager
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Conclusions
// ---------------------------------------------------------------------------------------------

/// One conclusion of the ABC analysis, with its figures; `i18n::abc::abc_conclusion_text`
/// words it.
#[derive(Clone, Debug, PartialEq)]
pub enum AbcConclusion {
    /// No client has revenue in the year: there is nothing to rank.
    NoRevenue {
        /// The year analysed.
        year: i32,
    },
    /// One class and its weight.
    Class {
        /// The class.
        category: Category,
        /// Its clients.
        clients: usize,
        /// Their share of the ranked clients, %.
        client_share_pct: Option<f64>,
        /// Their share of the revenue, %.
        revenue_share_pct: Option<f64>,
        /// Their revenue.
        revenue: Money,
    },
    /// The average deal size of each category that has one, rounded to whole units.
    AvgDeal(Vec<(Category, Money)>),
    /// An A client's deal is on average this many times the size of a B client's.
    AOverB {
        /// A's average deal ÷ B's.
        times: f64,
    },
    /// The average deal duration of each category that has one, days.
    AvgCycle(Vec<(Category, f64)>),
    /// The biggest client by revenue.
    Biggest {
        /// How it is named: its code, else its name.
        label: String,
        /// Its name.
        name: String,
        /// Its share of the revenue, %.
        share_pct: f64,
    },
    /// Clients without revenue in the year are not ranked (category N or set by hand).
    Unranked {
        /// How many.
        clients: usize,
        /// The year analysed.
        year: i32,
    },
    /// Clients with a category set by hand instead of the computed one.
    Overridden {
        /// How many.
        clients: usize,
    },
    /// Clients without a number of won deals: the averages leave them out.
    NoWonDeals {
        /// How many.
        clients: usize,
    },
}

/// How a client is named in sentences: its code, else its name.
pub(crate) fn client_label(c: &Client) -> &str {
    if c.code.trim().is_empty() {
        &c.name
    } else {
        &c.code
    }
}

/// The ABC analysis as conclusions: one per class, the average deal size and duration, the
/// biggest client, unranked clients and data gaps.
pub fn abc_conclusions(p: &Project, res: &AbcResult) -> Vec<AbcConclusion> {
    let mut out = Vec::new();
    if res.rows.is_empty() {
        out.push(AbcConclusion::NoRevenue { year: res.year });
    }
    for s in res.summary.iter().filter(|s| s.category != Category::N) {
        if s.clients == 0 {
            continue;
        }
        out.push(AbcConclusion::Class {
            category: s.category,
            clients: s.clients,
            client_share_pct: s.client_share_pct,
            revenue_share_pct: s.revenue_share_pct,
            revenue: s.revenue,
        });
    }
    let abc: Vec<&CategorySummary> = res
        .summary
        .iter()
        .filter(|s| s.category != Category::N && s.clients > 0)
        .collect();
    let deals: Vec<(Category, Money)> = abc
        .iter()
        .filter_map(|s| {
            s.avg_deal
                .map(|d| (s.category, Money::from_f64(d.as_f64().round())))
        })
        .collect();
    if !deals.is_empty() {
        out.push(AbcConclusion::AvgDeal(deals));
    }
    let avg = |k: Category| res.summary_of(k).and_then(|s| s.avg_deal);
    if let (Some(a), Some(b)) = (avg(Category::A), avg(Category::B)) {
        if b > Money::ZERO {
            out.push(AbcConclusion::AOverB {
                times: a.as_f64() / b.as_f64(),
            });
        }
    }
    let cycles: Vec<(Category, f64)> = abc
        .iter()
        .filter_map(|s| s.avg_cycle_days.map(|d| (s.category, d)))
        .collect();
    if !cycles.is_empty() {
        out.push(AbcConclusion::AvgCycle(cycles));
    }
    if let Some(top) = res.rows.first() {
        if let Some(c) = p.clients.get(top.client_index) {
            out.push(AbcConclusion::Biggest {
                label: client_label(c).to_string(),
                name: c.name.clone(),
                share_pct: top.share_pct,
            });
        }
    }
    let unranked = res.unranked.len();
    if unranked > 0 {
        out.push(AbcConclusion::Unranked {
            clients: unranked,
            year: res.year,
        });
    }
    let overridden = res.rows.iter().filter(|r| r.category != r.class).count();
    if overridden > 0 {
        out.push(AbcConclusion::Overridden {
            clients: overridden,
        });
    }
    let gaps: usize = abc.iter().map(|s| s.clients_without_deals).sum();
    if gaps > 0 {
        out.push(AbcConclusion::NoWonDeals { clients: gaps });
    }
    out
}

/// One conclusion about the elaboration of the A clients; `i18n::abc::elaboration_text`
/// words it. Clients are named by their code, else their name.
#[derive(Clone, Debug, PartialEq)]
pub enum ElaborationConclusion {
    /// There are no A clients: elaboration cannot be assessed.
    NoAClients,
    /// The three indicators, each out of the A clients.
    Summary {
        /// Roles identified, % of all roles of all A clients.
        role_coverage_pct: Option<f64>,
        /// Roles identified.
        roles_known: usize,
        /// All roles: three per A client.
        roles_total: usize,
        /// A clients with a full map.
        full_maps: usize,
        /// A clients with an open project.
        covered: usize,
        /// All A clients.
        a_clients: usize,
    },
    /// The A clients without an identified ЛФР.
    NoLfr(Vec<String>),
    /// The A clients without an identified ЛПР.
    NoLpr(Vec<String>),
    /// The A clients without an open project.
    NoOpenProject(Vec<String>),
}

/// The elaboration of A clients as conclusions: the three indicators and the A clients without
/// an ЛФР, without an ЛПР and without an open deal.
pub fn elaboration_conclusions(p: &Project, e: &AElaboration) -> Vec<ElaborationConclusion> {
    if e.a_clients.is_empty() {
        return vec![ElaborationConclusion::NoAClients];
    }
    let idx: IdMap<Id, &Client> = p.clients.iter().map(|c| (c.id, c)).collect();
    let names = |ids: &[Id]| -> Vec<String> {
        ids.iter()
            .filter_map(|id| idx.get(id).map(|c| client_label(c).to_string()))
            .collect()
    };
    let n = e.a_clients.len();
    let mut out = vec![ElaborationConclusion::Summary {
        role_coverage_pct: e.role_coverage_pct(),
        roles_known: e.roles_known,
        roles_total: 3 * n,
        full_maps: e.full_maps.len(),
        covered: e.covered.len(),
        a_clients: n,
    }];
    let lfr = names(e.missing(Role::Lfr));
    if !lfr.is_empty() {
        out.push(ElaborationConclusion::NoLfr(lfr));
    }
    let lpr = names(e.missing(Role::Lpr));
    if !lpr.is_empty() {
        out.push(ElaborationConclusion::NoLpr(lpr));
    }
    let open = names(&e.not_covered);
    if !open.is_empty() {
        out.push(ElaborationConclusion::NoOpenProject(open));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::model::{ClientRevenue, Contact, MoneyUnit};
    use crate::i18n::Lang;
    use chrono::NaiveDate;
    use proptest::prelude::*;

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

    /// The conclusions as the ABC tab shows them.
    fn abc_words(p: &Project, res: &AbcResult, lang: Lang) -> Vec<String> {
        abc_conclusions(p, res)
            .iter()
            .map(|c| crate::i18n::abc::abc_conclusion_text(c, p.company.money_unit, lang))
            .collect()
    }

    fn elaboration_words(p: &Project, e: &AElaboration, lang: Lang) -> Vec<String> {
        elaboration_conclusions(p, e)
            .iter()
            .map(|c| crate::i18n::abc::elaboration_text(c, lang))
            .collect()
    }

    fn plain(s: &str) -> String {
        s.replace('\u{a0}', " ").replace('\u{2212}', "-")
    }

    fn r1(x: f64) -> f64 {
        (x * 10.0).round() / 10.0
    }

    fn code_of(p: &Project, id: Id) -> String {
        p.client(id).map(|c| c.code.clone()).unwrap_or_default()
    }

    fn codes(p: &Project, res: &AbcResult, k: Category) -> Vec<String> {
        res.rows
            .iter()
            .filter(|r| r.class == k)
            .map(|r| code_of(p, r.client_id))
            .collect()
    }

    fn client(code: &str) -> Client {
        Client::new(code, format!("Client {code}"))
    }

    /// A project with clients `(code, revenue in units)` for 2024; revenue 0 adds no row.
    fn project(rows: &[(&str, i64)]) -> Project {
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

    fn settings(a: f64, b: f64, rule: AbcRule) -> AbcSettings {
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
    fn demo_a_elaboration() {
        let p = demo_project();
        let e = a_elaboration(&p, &client_categories(&p));
        assert_eq!(e.a_clients.len(), 9);
        assert_eq!((e.covered.len(), e.coverage_pct()), (9, Some(100.0)));
        assert_eq!(e.roles_known, 19);
        assert_eq!(e.role_coverage_pct().map(|x| x.round()), Some(70.0));
        assert_eq!(e.full_maps.len(), 4);
        assert_eq!(e.full_maps_pct().map(|x| x.round()), Some(44.0));
        let list = |ids: &[Id]| ids.iter().map(|i| code_of(&p, *i)).collect::<Vec<_>>();
        assert_eq!(list(e.missing(Role::Lfr)), vec!["K08"]);
        assert_eq!(list(e.missing(Role::Lpr)), vec!["K05", "K07", "K08", "K09"]);
        assert_eq!(list(e.missing(Role::Lvr)), vec!["K04", "K07", "K09"]);
        assert!(e.not_covered.is_empty());
        // K02 (open deals D02 and D11) is covered.
        assert_eq!(list(&e.covered[1..2]), vec!["K02"]);
        let words = elaboration_words(&p, &e, Lang::Ru);
        assert_eq!(
            plain(&words[0]),
            "Проработка клиентов A: роли выявлены на 70 % (19 из 27), полные карты у 4 из 9, открытые проекты у 9 из 9."
        );
        assert_eq!(words[1], "Не выявлен ЛФР: K08.");
        assert_eq!(words[2], "Не выявлен ЛПР: K05, K07, K08, K09.");
        let en = elaboration_words(&p, &e, Lang::En);
        assert!(en[0].starts_with("Elaboration of A clients: roles identified 70"));
    }

    #[test]
    fn elaboration_counts_multi_role_contacts_and_empty_a() {
        let mut p = project(&[("X1", 100)]);
        let cid = p.clients[0].id;
        p.contacts.push(Contact {
            id: crate::domain::new_id(),
            client_id: cid,
            name: "N".into(),
            position: String::new(),
            roles: vec![Role::Lfr, Role::Lpr],
            attitude: None,
            influence: None,
            access: None,
            notes: String::new(),
            influences: vec![],
        });
        let e = a_elaboration(&p, &client_categories(&p));
        assert_eq!(
            (e.a_clients.len(), e.roles_known, e.full_maps.len()),
            (1, 2, 0)
        );
        assert_eq!(e.coverage_pct(), Some(0.0));
        let none = a_elaboration(&p, &HashMap::new());
        assert_eq!(none.a_clients.len(), 0);
        assert_eq!(none.role_coverage_pct(), None);
        assert_eq!(none.coverage_pct(), None);
        assert_eq!(
            elaboration_conclusions(&p, &none),
            vec![ElaborationConclusion::NoAClients]
        );
    }

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

    #[test]
    fn demo_conclusions_in_russian_and_english() {
        let p = demo_project();
        let res = abc_for_project(&p);
        let ru: Vec<String> = abc_words(&p, &res, Lang::Ru)
            .iter()
            .map(|s| plain(s))
            .collect();
        assert_eq!(
            ru[0],
            "Категория A: 9 клиентов (22,5 %) дают 81,8 % выручки (667 000 тыс. ₽)."
        );
        assert!(ru[1].contains("10 клиентов (25,0 %) дают 13,7 % выручки"));
        assert!(ru[2].contains("21 клиент (52,5 %) даёт 4,4 % выручки"));
        assert_eq!(
            ru[3],
            "Средний вес сделки: A — 24 704 тыс. ₽; B — 3 613 тыс. ₽; C — 858 тыс. ₽."
        );
        assert_eq!(
            ru[4],
            "Сделка с клиентом A в среднем в 6,8 раза крупнее, чем с клиентом B."
        );
        assert_eq!(
            ru[5],
            "Средняя длительность сделки, дней: A — 288; B — 160; C — 46."
        );
        assert!(ru[6].starts_with("Крупнейший клиент — K01 (ГОК «Малахит»): 18,4 %"));
        assert_eq!(ru.len(), 7);
        let en: Vec<String> = abc_words(&p, &res, Lang::En);
        assert_eq!(
            plain(&en[0]),
            "Category A: 9 clients (22.5 %) bring 81.8 % of revenue (667,000 thous. ₽)."
        );
    }

    #[test]
    fn conclusions_mention_gaps_prospects_and_overrides() {
        let mut p = project(&[("X1", 100), ("X2", 10), ("X3", 0)]);
        p.revenues[1].won_deals = None;
        p.clients[1].category_override = Some(Category::A);
        let res = abc_for_project(&p);
        let ru = abc_words(&p, &res, Lang::Ru).join("\n");
        assert!(
            ru.contains("1 клиент без выручки за 2024 г. не ранжирован"),
            "{ru}"
        );
        assert!(
            ru.contains("У 1 клиента категория назначена вручную"),
            "{ru}"
        );
        assert!(
            ru.contains("У 1 клиента нет числа выигранных сделок"),
            "{ru}"
        );
        let en = abc_words(&p, &res, Lang::En).join("\n");
        assert!(
            en.contains("1 client without revenue in 2024 is not ranked"),
            "{en}"
        );
        let empty = project(&[]);
        let res = abc_for_project(&empty);
        assert_eq!(
            abc_words(&empty, &res, Lang::Ru),
            vec!["За 2024 г. ни у одного клиента нет выручки: ABC-анализ строить не из чего."]
        );
    }

    #[test]
    fn demo_pareto_chart() {
        let p = demo_project();
        let res = abc_for_project(&p);
        let pts = pareto_points(&res);
        assert_eq!(pts.len(), 40);
        assert_eq!(pts[0].rank, 1);
        assert_eq!(pts[0].clients_pct, 2.5);
        assert_eq!(r1(pts[0].revenue_pct), 18.4);
        assert_eq!(
            pts.last().map(|x| (x.clients_pct, x.revenue_pct)),
            Some((100.0, 100.0))
        );
        let chart = pareto_chart(&res, 0);
        let b: Vec<usize> = chart.boundaries.iter().map(|x| x.rank).collect();
        assert_eq!(b, vec![9, 19]);
        assert_eq!(chart.points.len(), 40);
        let thin = pareto_chart(&res, 10);
        assert!(thin.points.len() <= 12, "{}", thin.points.len());
        assert!(thin.points.iter().any(|x| x.rank == 9));
        assert!(thin.points.iter().any(|x| x.rank == 19));
        assert_eq!(thin.points.last().map(|x| x.rank), Some(40));
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
