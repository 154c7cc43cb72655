//! The scoreboard (табло ведения счёта): open deals per manager × stage, and the deals stuck on
//! a stage longer than twice its typical days.

use super::filter::{CountMoney, Ctx};
use super::stage_index::{IdMap, IdSet, StageIndex};
use crate::domain::model::{Deal, DealStatus, Id, Project};
use crate::domain::money::Money;
use chrono::NaiveDate;

/// One cell of the scoreboard: a manager's open deals at one stage.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScoreCell {
    /// Open deals in the cell.
    pub count: usize,
    /// Sum of their amounts.
    pub money: Money,
    /// The deals in the cell (for the drill-down list), in input order.
    pub deal_ids: Vec<Id>,
    /// How many of them are stuck (see [`stuck_deals`]).
    pub stuck: usize,
}

/// One manager's row.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreRow {
    /// `None` for deals without a manager.
    pub manager_id: Option<Id>,
    /// One cell per entry of [`Scoreboard::columns`].
    pub cells: Vec<ScoreCell>,
    /// The manager's open deals over all columns.
    pub total: CountMoney,
}

/// A deal that has sat at its current stage longer than twice the stage's typical time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StuckDeal {
    /// The stuck deal.
    pub deal_id: Id,
    /// Index of the current stage.
    pub stage: usize,
    /// Days at the current stage as of the date asked.
    pub days: i64,
    /// The stage's typical days.
    pub typical_days: u32,
}

/// The funnel scoreboard («табло ведения счета»): managers × current stage of the open deals.
#[derive(Clone, Debug, PartialEq)]
pub struct Scoreboard {
    /// Stage indices of the columns: every funnel stage plus any other stage holding an open
    /// deal, in stage order.
    pub columns: Vec<usize>,
    /// The project's managers in order (inactive ones only when they have deals), then
    /// managers not in the list, then the row of deals without a manager if any.
    pub rows: Vec<ScoreRow>,
    /// Totals per column.
    pub column_totals: Vec<CountMoney>,
    /// All open deals on the board.
    pub total: CountMoney,
    /// Stuck deals, longest first.
    pub stuck: Vec<StuckDeal>,
    /// Open deals whose current stage is not in the list.
    pub unplaced: Vec<Id>,
}

impl Scoreboard {
    /// The cell of a manager (`None` = no manager) and a stage index.
    pub fn cell(&self, manager_id: Option<Id>, stage: usize) -> Option<&ScoreCell> {
        let col = self.columns.iter().position(|&c| c == stage)?;
        self.rows
            .iter()
            .find(|r| r.manager_id == manager_id)
            .and_then(|r| r.cells.get(col))
    }

    /// The deal ids behind a cell (empty when there is no such cell).
    pub fn deals_in(&self, manager_id: Option<Id>, stage: usize) -> &[Id] {
        self.cell(manager_id, stage)
            .map_or(&[], |c| c.deal_ids.as_slice())
    }
}

/// Date the deal last entered its current stage: the latest history record of that stage, or
/// the creation date when there is none.
fn entered_current(deal: &Deal) -> NaiveDate {
    deal.history
        .iter()
        .rev()
        .find(|h| h.stage_id == deal.stage_id)
        .map_or(deal.created, |h| h.entered)
}

/// Days the deal has been at its current stage as of `as_of` (since it last entered it).
pub fn days_in_current_stage(deal: &Deal, as_of: NaiveDate) -> i64 {
    (as_of - entered_current(deal)).num_days()
}

fn stuck_check(idx: &StageIndex, deal: &Deal, as_of: NaiveDate) -> Option<StuckDeal> {
    if deal.status != DealStatus::Open {
        return None;
    }
    let stage = idx.current(deal)?;
    let typical = idx.typical_days.get(stage).copied().flatten()?;
    let days = days_in_current_stage(deal, as_of);
    (days > 2 * i64::from(typical)).then_some(StuckDeal {
        deal_id: deal.id,
        stage,
        days,
        typical_days: typical,
    })
}

fn sort_stuck(v: &mut [StuckDeal]) {
    v.sort_by(|a, b| b.days.cmp(&a.days).then(a.stage.cmp(&b.stage)));
}

/// Open deals whose days at the current stage exceed 2 × the stage's `typical_days` as of
/// `as_of`, longest first. Stages without `typical_days` never make a deal stuck.
pub fn stuck_deals(p: &Project, deals: &[&Deal], as_of: NaiveDate) -> Vec<StuckDeal> {
    let idx = StageIndex::new(&p.stages);
    let mut out: Vec<StuckDeal> = deals
        .iter()
        .filter_map(|d| stuck_check(&idx, d, as_of))
        .collect();
    sort_stuck(&mut out);
    out
}

/// The scoreboard of the open deals among `deals` (pass the result of
/// [`filter_deals`](super::filter::filter_deals) to filter by category, channel or business
/// line); `as_of` dates the stuck check.
pub fn scoreboard(p: &Project, deals: &[&Deal], as_of: NaiveDate) -> Scoreboard {
    let ctx = Ctx::new(p);
    let idx = &ctx.stages;
    // One pass: place every open deal.
    let mut placed: Vec<(Option<Id>, usize, &Deal, bool)> = Vec::with_capacity(deals.len());
    let mut unplaced = vec![];
    let mut used = vec![false; idx.len()];
    let mut stuck = vec![];
    for d in deals.iter().filter(|d| d.status == DealStatus::Open) {
        let Some(stage) = idx.current(d) else {
            unplaced.push(d.id);
            continue;
        };
        if let Some(u) = used.get_mut(stage) {
            *u = true;
        }
        let s = stuck_check(idx, d, as_of);
        if let Some(s) = s {
            stuck.push(s);
        }
        placed.push((ctx.manager(d), stage, d, s.is_some()));
    }
    for &f in idx.funnel() {
        if let Some(u) = used.get_mut(f) {
            *u = true;
        }
    }
    let columns: Vec<usize> = (0..idx.len())
        .filter(|&i| used.get(i).copied().unwrap_or(false))
        .collect();
    let mut col_of = vec![usize::MAX; idx.len()];
    for (c, &s) in columns.iter().enumerate() {
        if let Some(slot) = col_of.get_mut(s) {
            *slot = c;
        }
    }

    // Rows: listed managers, then unknown ids in order of appearance, then "no manager".
    let has_deals: IdSet<Option<Id>> = placed.iter().map(|(m, ..)| *m).collect();
    let mut row_ids: Vec<Option<Id>> = p
        .managers
        .iter()
        .filter(|m| m.active || has_deals.contains(&Some(m.id)))
        .map(|m| Some(m.id))
        .collect();
    let mut row_of: IdMap<Option<Id>, usize> = IdMap::default();
    for (i, r) in row_ids.iter().enumerate() {
        row_of.entry(*r).or_insert(i);
    }
    for (m, ..) in &placed {
        if m.is_some() && !row_of.contains_key(m) {
            row_of.insert(*m, row_ids.len());
            row_ids.push(*m);
        }
    }
    if has_deals.contains(&None) {
        row_of.insert(None, row_ids.len());
        row_ids.push(None);
    }
    let mut rows: Vec<ScoreRow> = row_ids
        .iter()
        .map(|&manager_id| ScoreRow {
            manager_id,
            cells: vec![ScoreCell::default(); columns.len()],
            total: CountMoney::default(),
        })
        .collect();
    let mut column_totals = vec![CountMoney::default(); columns.len()];
    let mut total = CountMoney::default();
    for (m, stage, d, is_stuck) in placed {
        let (Some(&r), Some(&c)) = (row_of.get(&m), col_of.get(stage)) else {
            continue;
        };
        let Some(row) = rows.get_mut(r) else {
            continue;
        };
        if let Some(cell) = row.cells.get_mut(c) {
            cell.count += 1;
            cell.money += d.amount;
            cell.deal_ids.push(d.id);
            cell.stuck += usize::from(is_stuck);
        }
        row.total.add(d.amount);
        if let Some(t) = column_totals.get_mut(c) {
            t.add(d.amount);
        }
        total.add(d.amount);
    }
    sort_stuck(&mut stuck);
    Scoreboard {
        columns,
        rows,
        column_totals,
        total,
        stuck,
        unplaced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::layer2::testkit::*;

    #[test]
    fn demo_scoreboard_has_the_stage_1_deals_per_manager() {
        let p = demo_project();
        let sb = scoreboard(&p, &all(&p), d(2025, 3, 31));
        let one = spos(&p, "1");
        let per: Vec<usize> = ["M1", "M2", "M3", "M4"]
            .iter()
            .map(|m| sb.cell(Some(manager(&p, m)), one).unwrap().count)
            .collect();
        assert_eq!(per, vec![0, 2, 2, 2]);
        assert_eq!(
            codes(&p, sb.deals_in(Some(manager(&p, "M2")), one)),
            ["D08", "D25"]
        );
        // Rows are the four managers; columns the ten funnel stages.
        assert_eq!(sb.rows.len(), 4);
        assert_eq!(sb.columns, (0..10).collect::<Vec<_>>());
        // 21 open deals, 297 550 (= 273 000 + 20 300 + 4 250).
        assert_eq!(sb.total.count, 21);
        assert_eq!(sb.total.money, Money::units(297_550));
        let by_rows: usize = sb.rows.iter().map(|r| r.total.count).sum();
        let by_cols: Money = sb.column_totals.iter().map(|c| c.money).sum();
        assert_eq!((by_rows, by_cols), (21, Money::units(297_550)));
        assert_eq!(sb.column_totals[one].count, 6);
        // M1: D04 (7), D06 (6), D15 (2.1), D19 (4), D21 (3), D22 (2.1).
        let m1 = sb
            .rows
            .iter()
            .find(|r| r.manager_id == Some(manager(&p, "M1")))
            .unwrap();
        assert_eq!(m1.total.count, 6);
        assert_eq!(
            m1.total.money,
            Money::units(25_000 + 30_000 + 2_600 + 1_800 + 900 + 1_200)
        );
        // D18 has sat at stage 1 since 27.01 (63 days > 2 × 30); the other open deals moved
        // recently or are young leads.
        assert_eq!(sb.stuck.len(), 1);
        assert_eq!(sb.stuck[0].deal_id, deal(&p, "D18").id);
        assert_eq!(sb.stuck[0].days, 63);
        assert_eq!(sb.cell(Some(manager(&p, "M4")), one).unwrap().stuck, 1);
        assert_eq!(stuck_deals(&p, &all(&p), d(2025, 3, 31)), sb.stuck);
        assert!(stuck_deals(&p, &all(&p), d(2025, 3, 28)).is_empty());
        assert!(sb.unplaced.is_empty());
        assert!(sb.cell(None, one).is_none());
        assert!(sb.deals_in(None, one).is_empty());
    }

    #[test]
    fn stuck_deals_exceed_twice_the_typical_days() {
        let p = demo_project();
        // Stage 1 has typical_days = 30.
        let old = mk(&p, "OLD", &[("1", d(2024, 12, 1))], DealStatus::Open);
        let edge = mk(&p, "EDGE", &[("1", d(2025, 1, 30))], DealStatus::Open);
        let paused = mk(&p, "HOLD", &[("1", d(2024, 1, 1))], DealStatus::OnHold);
        let as_of = d(2025, 3, 31);
        assert_eq!(days_in_current_stage(&edge, as_of), 60);
        let s = stuck_deals(&p, &[&old, &edge, &paused], as_of);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].deal_id, old.id);
        assert_eq!((s[0].days, s[0].typical_days), (120, 30));
        let sb = scoreboard(&p, &[&old, &edge, &paused], as_of);
        assert_eq!(sb.stuck, s);
        let cell = sb.cell(None, spos(&p, "1")).unwrap();
        assert_eq!((cell.count, cell.stuck), (2, 1));
        // Stage 8 has no typical time: never stuck.
        let won_stage = mk(&p, "W", &[("8", d(2020, 1, 1))], DealStatus::Open);
        assert!(stuck_deals(&p, &[&won_stage], as_of).is_empty());
    }
}
