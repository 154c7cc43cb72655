//! Editing a deal's stage, status and stage history, keeping the history valid; refusals are
//! typed ([`MoveError`]) and worded by `i18n::edit`.

use super::stage_index::StageIndex;
use crate::domain::model::{Deal, DealStatus, Id, Stage, StageEntry};
use chrono::NaiveDate;

/// Why a deal's move, status change or history date was refused. The dates are the ones the
/// user gave and the ones they collide with; `i18n::edit::move_error_text` words them.
#[derive(Debug, Clone, PartialEq)]
pub enum MoveError {
    /// `date` is before the deal's creation date `created`.
    BeforeCreated { date: NaiveDate, created: NaiveDate },
    /// `date` is before the deal's latest stage-history record `last`.
    BeforeLastRecord { date: NaiveDate, last: NaiveDate },
    /// A lost deal keeps its stage: reopen it before moving it.
    LostKeepsStage,
    /// A lost deal cannot be marked won: reopen it first.
    LostCannotWin,
    /// The stage is not in the project's stage list.
    UnknownStage,
    /// A won deal cannot go back before the won stage: reopen it first.
    WonCannotGoBack,
    /// The stage list has no won stage.
    NoWonStage,
    /// There is no history record at `index` (0-based).
    NoHistoryRecord { index: usize },
    /// `date` is before the previous history record's date `prev`.
    BeforePrevious { date: NaiveDate, prev: NaiveDate },
    /// `date` is after the next history record's date `next`.
    AfterNext { date: NaiveDate, next: NaiveDate },
    /// `date` is after the date `lost` the deal was lost on.
    AfterLost { date: NaiveDate, lost: NaiveDate },
}

/// A problem of a deal's stage history ([`history_problems`]).
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryProblem {
    /// Record `index` (0-based) is dated `date`, before the deal's creation `created`.
    BeforeCreated {
        index: usize,
        date: NaiveDate,
        created: NaiveDate,
    },
    /// Record `index` (0-based) is dated `date`, before the previous record's `prev`.
    BeforePrevious {
        index: usize,
        date: NaiveDate,
        prev: NaiveDate,
    },
    /// A lost deal's closing date `closed` is before its latest record `last`.
    ClosedBeforeLast { closed: NaiveDate, last: NaiveDate },
}

fn check_move_date(deal: &Deal, date: NaiveDate) -> Result<(), MoveError> {
    if date < deal.created {
        return Err(MoveError::BeforeCreated {
            date,
            created: deal.created,
        });
    }
    if let Some(last) = deal.history.iter().map(|h| h.entered).max() {
        if date < last {
            return Err(MoveError::BeforeLastRecord { date, last });
        }
    }
    Ok(())
}

/// Moves a deal to stage `stage_id` on `date`: appends a history entry and sets the current
/// stage. Moving to the current stage changes nothing. A deal without history first gets an
/// entry for its current stage on its creation date, so the move does not erase where it was.
///
/// Errors ([`MoveError`]): the date is before the deal's creation or before its latest
/// history record; the deal is lost (a lost deal keeps its stage; reopen it first).
/// The status is not changed: see [`move_deal_in`] for the won stage and [`set_status`].
pub fn move_deal(deal: &mut Deal, stage_id: Id, date: NaiveDate) -> Result<(), MoveError> {
    if deal.stage_id == stage_id {
        return Ok(());
    }
    if deal.status == DealStatus::Lost {
        return Err(MoveError::LostKeepsStage);
    }
    check_move_date(deal, date)?;
    if deal.history.is_empty() {
        deal.history.push(StageEntry {
            stage_id: deal.stage_id,
            entered: deal.created,
        });
    }
    deal.history.push(StageEntry {
        stage_id,
        entered: date,
    });
    deal.stage_id = stage_id;
    Ok(())
}

/// [`move_deal`] within a stage list: the stage must be in `stages`; moving an open or
/// on-hold deal to the won stage or beyond also marks it won on `date`; a won deal cannot be
/// moved back before the won stage (reopen it first with [`set_status`]).
pub fn move_deal_in(
    stages: &[Stage],
    deal: &mut Deal,
    stage_id: Id,
    date: NaiveDate,
) -> Result<(), MoveError> {
    let idx = StageIndex::new(stages);
    let Some(target) = idx.pos(stage_id) else {
        return Err(MoveError::UnknownStage);
    };
    let won = idx.won();
    let reaches_won = won.is_some_and(|w| target >= w);
    if deal.status == DealStatus::Won && !reaches_won {
        return Err(MoveError::WonCannotGoBack);
    }
    move_deal(deal, stage_id, date)?;
    if reaches_won && matches!(deal.status, DealStatus::Open | DealStatus::OnHold) {
        deal.status = DealStatus::Won;
        deal.closed = Some(date);
        deal.lost_reason.clear();
    }
    Ok(())
}

/// Changes a deal's status on `date`.
///
/// - `Won`: sets `closed` to `date` (the stage is not moved; see [`mark_won`]).
/// - `Lost`: sets `closed` and the reason; the deal keeps its stage, the furthest it reached.
/// - `Open` / `OnHold` (reopening): clears `closed` and the lost reason; `date` is unused.
///
/// A closing date before the deal's creation or its latest history record is an error.
pub fn set_status(
    deal: &mut Deal,
    status: DealStatus,
    date: NaiveDate,
    lost_reason: &str,
) -> Result<(), MoveError> {
    match status {
        DealStatus::Won | DealStatus::Lost => {
            check_move_date(deal, date)?;
            deal.closed = Some(date);
            deal.lost_reason = if status == DealStatus::Lost {
                lost_reason.trim().to_string()
            } else {
                String::new()
            };
        }
        DealStatus::Open | DealStatus::OnHold => {
            deal.closed = None;
            deal.lost_reason.clear();
        }
    }
    deal.status = status;
    Ok(())
}

/// Marks a deal won on `date`: moves it to the won stage first if it has not reached it yet.
pub fn mark_won(stages: &[Stage], deal: &mut Deal, date: NaiveDate) -> Result<(), MoveError> {
    let idx = StageIndex::new(stages);
    let Some(w) = idx.won() else {
        return Err(MoveError::NoWonStage);
    };
    if deal.status == DealStatus::Lost {
        return Err(MoveError::LostCannotWin);
    }
    let won_id = stages.get(w).map(|s| s.id);
    if idx.current(deal).is_none_or(|c| c < w) {
        if let Some(id) = won_id {
            move_deal(deal, id, date)?;
        }
    }
    set_status(deal, DealStatus::Won, date, "")
}

/// Problems of a deal's stage history: dates before the creation date, dates out
/// of order, a lost deal's closing date before its latest record (a won deal may move on to
/// post-sale stages after closing).
pub fn history_problems(deal: &Deal) -> Vec<HistoryProblem> {
    let mut out = vec![];
    for (i, h) in deal.history.iter().enumerate() {
        if h.entered < deal.created {
            out.push(HistoryProblem::BeforeCreated {
                index: i,
                date: h.entered,
                created: deal.created,
            });
        }
    }
    for (i, w) in deal.history.windows(2).enumerate() {
        if let [a, b] = w {
            if b.entered < a.entered {
                out.push(HistoryProblem::BeforePrevious {
                    index: i + 1,
                    date: b.entered,
                    prev: a.entered,
                });
            }
        }
    }
    // A won deal may go on to post-sale stages after closing; a lost one may not.
    let lost_on = deal.closed.filter(|_| deal.status == DealStatus::Lost);
    if let (Some(closed), Some(last)) = (lost_on, deal.history.iter().map(|h| h.entered).max()) {
        if closed < last {
            out.push(HistoryProblem::ClosedBeforeLast { closed, last });
        }
    }
    out
}

/// Changes the date of history record `index` (0-based), keeping the history valid: the date
/// may not be before the deal's creation, before the previous record, after the next record,
/// or after the date a lost deal was lost.
pub fn set_history_date(deal: &mut Deal, index: usize, date: NaiveDate) -> Result<(), MoveError> {
    if index >= deal.history.len() {
        return Err(MoveError::NoHistoryRecord { index });
    }
    if date < deal.created {
        return Err(MoveError::BeforeCreated {
            date,
            created: deal.created,
        });
    }
    if let Some(prev) = index.checked_sub(1).and_then(|i| deal.history.get(i)) {
        if date < prev.entered {
            return Err(MoveError::BeforePrevious {
                date,
                prev: prev.entered,
            });
        }
    }
    if let Some(next) = deal.history.get(index + 1) {
        if date > next.entered {
            return Err(MoveError::AfterNext {
                date,
                next: next.entered,
            });
        }
    }
    if let Some(closed) = deal.closed.filter(|_| deal.status == DealStatus::Lost) {
        if date > closed {
            return Err(MoveError::AfterLost { date, lost: closed });
        }
    }
    if let Some(h) = deal.history.get_mut(index) {
        h.entered = date;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::layer2::testkit::*;

    #[test]
    fn move_deal_appends_history_and_validates_dates() {
        let p = demo_project();
        let mut x = deal(&p, "D08").clone(); // at 1 since 2025-03-03
        let s21 = sid(&p, "2.1");
        let err = move_deal(&mut x, s21, d(2025, 3, 1)).unwrap_err();
        assert_eq!(
            err,
            MoveError::BeforeCreated {
                date: d(2025, 3, 1),
                created: x.created
            }
        );
        assert_eq!(x.history.len(), 1);
        move_deal(&mut x, s21, d(2025, 3, 20)).unwrap();
        assert_eq!(x.stage_id, s21);
        assert_eq!(x.history.len(), 2);
        assert_eq!(x.history[1].entered, d(2025, 3, 20));
        let err = move_deal(&mut x, sid(&p, "2.2"), d(2025, 3, 10)).unwrap_err();
        assert_eq!(
            err,
            MoveError::BeforeLastRecord {
                date: d(2025, 3, 10),
                last: d(2025, 3, 20)
            }
        );
        // Same stage: nothing happens.
        move_deal(&mut x, s21, d(2025, 3, 25)).unwrap();
        assert_eq!(x.history.len(), 2);
        // A lost deal keeps its stage.
        let mut l = deal(&p, "D20").clone();
        assert_eq!(
            move_deal(&mut l, sid(&p, "2.3"), d(2025, 3, 30)),
            Err(MoveError::LostKeepsStage)
        );
        // No history: the current stage is recorded first.
        let mut bare = deal(&p, "D12").clone();
        bare.history.clear();
        move_deal(&mut bare, sid(&p, "2.3"), d(2025, 3, 30)).unwrap();
        assert_eq!(bare.history[0].stage_id, sid(&p, "2.2"));
        assert_eq!(bare.history[0].entered, bare.created);
        assert_eq!(bare.history[1].stage_id, sid(&p, "2.3"));
        assert!(history_problems(&bare).is_empty());
    }

    #[test]
    fn moving_into_the_won_stage_wins_the_deal() {
        let p = demo_project();
        let mut x = deal(&p, "D04").clone(); // open at 7
        move_deal_in(&p.stages, &mut x, sid(&p, "8"), d(2025, 4, 2)).unwrap();
        assert_eq!(x.status, DealStatus::Won);
        assert_eq!(x.closed, Some(d(2025, 4, 2)));
        // Post-sale stages are fine, going back before «won» is not.
        move_deal_in(&p.stages, &mut x, sid(&p, "9"), d(2025, 4, 20)).unwrap();
        assert_eq!(x.status, DealStatus::Won);
        let err = move_deal_in(&p.stages, &mut x, sid(&p, "7"), d(2025, 4, 21)).unwrap_err();
        assert_eq!(err, MoveError::WonCannotGoBack);
        assert_eq!(
            move_deal_in(&p.stages, &mut x, new_id(), d(2025, 4, 21)),
            Err(MoveError::UnknownStage)
        );
        // Ordinary moves keep the status.
        let mut y = deal(&p, "D08").clone();
        move_deal_in(&p.stages, &mut y, sid(&p, "2.1"), d(2025, 4, 1)).unwrap();
        assert_eq!(y.status, DealStatus::Open);
        // mark_won moves a deal that has not reached the won stage.
        let mut z = deal(&p, "D03").clone();
        mark_won(&p.stages, &mut z, d(2025, 4, 5)).unwrap();
        assert_eq!(z.stage_id, sid(&p, "8"));
        assert_eq!((z.status, z.closed), (DealStatus::Won, Some(d(2025, 4, 5))));
        assert_eq!(won_date(&p, &z), Some(d(2025, 4, 5)));
        let mut lost = deal(&p, "D17").clone();
        assert_eq!(
            mark_won(&p.stages, &mut lost, d(2025, 4, 5)),
            Err(MoveError::LostCannotWin)
        );
    }

    #[test]
    fn status_changes_set_closed_and_keep_the_stage() {
        let p = demo_project();
        let mut x = deal(&p, "D05").clone(); // 2.2
        let stage = x.stage_id;
        set_status(
            &mut x,
            DealStatus::Lost,
            d(2025, 3, 30),
            "  Конкурент дешевле ",
        )
        .unwrap();
        assert_eq!(x.status, DealStatus::Lost);
        assert_eq!(x.stage_id, stage);
        assert_eq!(x.closed, Some(d(2025, 3, 30)));
        assert_eq!(x.lost_reason, "Конкурент дешевле");
        assert_eq!(max_stage_reached(&p, &x), Some(spos(&p, "2.2")));
        // Reopen.
        set_status(&mut x, DealStatus::Open, d(2025, 4, 1), "").unwrap();
        assert_eq!((x.closed, x.lost_reason.as_str()), (None, ""));
        // Closing before the last stage entry is refused.
        let err = set_status(&mut x, DealStatus::Won, d(2025, 1, 1), "").unwrap_err();
        assert!(
            matches!(
                err,
                MoveError::BeforeCreated { .. } | MoveError::BeforeLastRecord { .. }
            ),
            "{err:?}"
        );
        assert_eq!(x.status, DealStatus::Open);
        set_status(&mut x, DealStatus::OnHold, d(2025, 4, 1), "").unwrap();
        assert_eq!(x.status, DealStatus::OnHold);
    }

    #[test]
    fn history_dates_are_edited_in_order() {
        let p = demo_project();
        let mut x = mk(
            &p,
            "H",
            &[
                ("1", d(2025, 1, 10)),
                ("2.1", d(2025, 2, 1)),
                ("2.2", d(2025, 3, 1)),
            ],
            DealStatus::Open,
        );
        let e = |r: Result<(), MoveError>| r.unwrap_err();
        assert!(matches!(
            e(set_history_date(&mut x, 1, d(2025, 1, 5))),
            MoveError::BeforeCreated { .. }
        ));
        assert!(matches!(
            e(set_history_date(&mut x, 2, d(2025, 1, 20))),
            MoveError::BeforePrevious { .. }
        ));
        assert!(matches!(
            e(set_history_date(&mut x, 1, d(2025, 3, 2))),
            MoveError::AfterNext { .. }
        ));
        assert_eq!(
            e(set_history_date(&mut x, 3, d(2025, 3, 2))),
            MoveError::NoHistoryRecord { index: 3 }
        );
        set_history_date(&mut x, 1, d(2025, 2, 15)).unwrap();
        assert_eq!(x.history[1].entered, d(2025, 2, 15));
        // A won deal may go on after closing (post-sale stages), a lost one may not.
        x.closed = Some(d(2025, 3, 10));
        x.status = DealStatus::Won;
        set_history_date(&mut x, 2, d(2025, 3, 11)).unwrap();
        assert!(history_problems(&x).is_empty());
        x.status = DealStatus::Lost;
        assert!(matches!(
            e(set_history_date(&mut x, 2, d(2025, 3, 12))),
            MoveError::AfterLost { .. }
        ));
        assert_eq!(history_problems(&x).len(), 1);
        set_history_date(&mut x, 2, d(2025, 3, 1)).unwrap();
        assert!(history_problems(&x).is_empty());
        // A broken history is described.
        x.history[0].entered = d(2024, 12, 1);
        x.history[2].entered = d(2025, 2, 1);
        x.closed = Some(d(2025, 1, 1));
        let probs = history_problems(&x);
        assert_eq!(probs.len(), 3, "{probs:?}");
        assert!(matches!(
            probs[0],
            HistoryProblem::BeforeCreated { index: 0, .. }
        ));
        assert!(matches!(
            probs[1],
            HistoryProblem::BeforePrevious { index: 2, .. }
        ));
        assert!(matches!(probs[2], HistoryProblem::ClosedBeforeLast { .. }));
    }

    #[test]
    fn demo_histories_have_no_problems() {
        let p = demo_project();
        for x in &p.deals {
            assert!(history_problems(x).is_empty(), "{}", x.code);
        }
    }
}
