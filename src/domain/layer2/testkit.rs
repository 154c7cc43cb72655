//! Helpers of the layer-2 tests: the demo's deals, stages and managers by code, small projects.

pub use super::{
    conversion::*, deal_list::*, filter::*, leads::*, moves::*, pipeline::*, scoreboard::*,
    stage_index::*,
};
pub use crate::domain::demo::demo_project;
pub use crate::domain::model::{
    new_id, Category, CoachingNote, Deal, DealStatus, Id, Project, Proposal, StageChecklist,
    StageEntry,
};
pub use crate::domain::money::Money;
pub use crate::domain::stages::stage_list_problems;
pub use chrono::NaiveDate;

pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The demo's categories as docs/METHOD.md §6.2 gives them: K01–K09 A, K10–K19 B, K20–K40 C.
pub(crate) fn demo_cats(p: &Project) -> Categories {
    p.clients
        .iter()
        .map(|c| {
            let n: u32 = c.code[1..].parse().unwrap();
            let k = match n {
                1..=9 => Category::A,
                10..=19 => Category::B,
                _ => Category::C,
            };
            (c.id, k)
        })
        .collect()
}

pub(crate) fn all(p: &Project) -> Vec<&Deal> {
    p.deals.iter().collect()
}

pub(crate) fn deal<'a>(p: &'a Project, code: &str) -> &'a Deal {
    p.deals.iter().find(|x| x.code == code).unwrap()
}

pub(crate) fn deal_mut<'a>(p: &'a mut Project, code: &str) -> &'a mut Deal {
    p.deals.iter_mut().find(|x| x.code == code).unwrap()
}

pub(crate) fn sid(p: &Project, code: &str) -> Id {
    p.stage_by_code(code).unwrap().id
}

pub(crate) fn spos(p: &Project, code: &str) -> usize {
    p.stages.iter().position(|s| s.code == code).unwrap()
}

pub(crate) fn manager(p: &Project, code: &str) -> Id {
    p.managers.iter().find(|m| m.code == code).unwrap().id
}

pub(crate) fn codes(p: &Project, ids: &[Id]) -> Vec<String> {
    let mut v: Vec<String> = ids
        .iter()
        .map(|id| p.deals.iter().find(|x| x.id == *id).unwrap().code.clone())
        .collect();
    v.sort();
    v
}

/// A deal of 100 units walking through `hist` (stage code, date); its current stage is the
/// last record's.
pub(crate) fn mk(p: &Project, code: &str, hist: &[(&str, NaiveDate)], status: DealStatus) -> Deal {
    let history: Vec<StageEntry> = hist
        .iter()
        .map(|(c, on)| StageEntry {
            stage_id: sid(p, c),
            entered: *on,
        })
        .collect();
    Deal {
        id: new_id(),
        code: code.into(),
        client_id: None,
        manager_id: None,
        channel_id: None,
        business_line_id: None,
        title: code.into(),
        amount: Money::units(100),
        created: hist[0].1,
        stage_id: history.last().unwrap().stage_id,
        status,
        lost_reason: String::new(),
        closed: None,
        next_step: String::new(),
        next_step_date: None,
        history,
        needs: vec![],
        criteria: vec![],
        teo: None,
        proposal: Proposal::default(),
    }
}

pub(crate) fn empty_project() -> Project {
    Project::new_empty("Пусто", d(2025, 3, 31))
}

pub(crate) fn rounded(x: Option<f64>) -> Option<i64> {
    x.map(|v| v.round() as i64)
}
