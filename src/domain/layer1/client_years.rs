//! The revenue of each client in one year, the input of the ABC analysis
//! (docs/METHOD.md §3.1): revenue rows merged per client and year, with the number of won deals
//! and their cycle taken from the won deals where the rows lack them.
//!
//! Speed (100 000 clients must take ≤ 30 ms in the browser): revenues are matched to clients in
//! one pass, usually without hashing ([`client_years`]); maps keyed by id use a cheap hasher
//! ([`IdMap`]). `tests/bench_browser.rs` measures it.

#![warn(missing_docs)]

use crate::domain::model::{ClientRevenue, DealStatus, Id, Project};
use crate::domain::money::Money;
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
    pub(super) fn merge(self, other: DealSource) -> DealSource {
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
