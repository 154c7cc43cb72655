//! The deals list of Слой 2 → Сделки (search, status, sort) and new deals with their codes.

use super::filter::Ctx;
use crate::domain::model::{Deal, DealStatus, Id, Project, StageEntry};
use crate::domain::money::Money;
use chrono::NaiveDate;

/// Order of the deals list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DealSort {
    /// By code, then title.
    #[default]
    Code,
    /// Largest amount first.
    AmountDesc,
    /// Newest first.
    CreatedDesc,
    /// Furthest current stage first.
    StageDesc,
}

/// The deals list of the funnel screen: positions in [`Project::deals`] of the deals among
/// `deals` whose code, title or client name contains `text` (case-insensitive; empty = all)
/// and whose status is `status` (`None` = any), in `sort` order (ties by code).
pub fn list_deals(
    p: &Project,
    text: &str,
    status: Option<DealStatus>,
    sort: DealSort,
) -> Vec<usize> {
    let needle = text.trim().to_lowercase();
    let ctx = Ctx::new(p);
    let mut out: Vec<usize> = p
        .deals
        .iter()
        .enumerate()
        .filter(|(_, d)| status.is_none_or(|s| d.status == s))
        .filter(|(_, d)| {
            needle.is_empty()
                || d.code.to_lowercase().contains(&needle)
                || d.title.to_lowercase().contains(&needle)
                || ctx
                    .client(d)
                    .is_some_and(|c| c.name.to_lowercase().contains(&needle))
        })
        .map(|(i, _)| i)
        .collect();
    let deal = |i: usize| p.deals.get(i);
    let code = |i: usize| deal(i).map(|d| d.code.as_str()).unwrap_or("");
    match sort {
        DealSort::Code => out.sort_by(|&a, &b| code(a).cmp(code(b))),
        DealSort::AmountDesc => out.sort_by(|&a, &b| {
            let (x, y) = (deal(a).map(|d| d.amount), deal(b).map(|d| d.amount));
            y.cmp(&x).then(code(a).cmp(code(b)))
        }),
        DealSort::CreatedDesc => out.sort_by(|&a, &b| {
            let (x, y) = (deal(a).map(|d| d.created), deal(b).map(|d| d.created));
            y.cmp(&x).then(code(a).cmp(code(b)))
        }),
        DealSort::StageDesc => out.sort_by(|&a, &b| {
            let st = |i: usize| deal(i).and_then(|d| ctx.stages.current(d));
            st(b).cmp(&st(a)).then(code(a).cmp(code(b)))
        }),
    }
    out
}

/// A new open deal created on `created` at stage `stage_id`, with that stage as its first
/// history record (so it counts as a lead of that day when the stage is the lead stage).
pub fn new_deal(code: &str, title: &str, stage_id: Id, created: NaiveDate) -> Deal {
    Deal {
        id: crate::domain::model::new_id(),
        code: code.trim().to_string(),
        client_id: None,
        manager_id: None,
        channel_id: None,
        business_line_id: None,
        title: title.trim().to_string(),
        amount: Money::ZERO,
        created,
        stage_id,
        status: DealStatus::Open,
        lost_reason: String::new(),
        closed: None,
        next_step: String::new(),
        next_step_date: None,
        history: vec![StageEntry {
            stage_id,
            entered: created,
        }],
        needs: vec![],
        criteria: vec![],
        teo: None,
        proposal: Default::default(),
    }
}

/// A deal code not used yet: `D` and the next number after the largest `D<n>` code.
pub fn next_deal_code(p: &Project) -> String {
    let max = p
        .deals
        .iter()
        .filter_map(|d| d.code.strip_prefix('D').and_then(|n| n.parse::<u64>().ok()))
        .max()
        .unwrap_or(0);
    format!("D{:02}", max + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::layer2::testkit::*;

    #[test]
    fn list_deals_searches_filters_and_sorts() {
        let p = demo_project();
        let codes_of = |v: Vec<usize>| -> Vec<String> {
            v.into_iter().map(|i| p.deals[i].code.clone()).collect()
        };
        let all = list_deals(&p, "", None, DealSort::Code);
        assert_eq!(all.len(), 25);
        assert_eq!(p.deals[all[0]].code, "D01");
        // The largest deal first, won and lost ones apart.
        assert_eq!(
            codes_of(list_deals(&p, "", None, DealSort::AmountDesc))[0],
            "D01"
        );
        assert_eq!(
            codes_of(list_deals(&p, "", Some(DealStatus::Won), DealSort::Code)),
            ["D10", "D13"]
        );
        assert_eq!(
            codes_of(list_deals(&p, "", Some(DealStatus::Lost), DealSort::Code)),
            ["D17", "D20"]
        );
        // Search by code, title (any case) and client name.
        assert_eq!(
            codes_of(list_deals(&p, "d07", None, DealSort::Code)),
            ["D07"]
        );
        assert!(list_deals(&p, "ТЕПЛООБМЕННИК", None, DealSort::Code).len() >= 4);
        let k01 = p
            .client(p.deals[0].client_id.unwrap())
            .unwrap()
            .name
            .clone();
        assert_eq!(
            codes_of(list_deals(&p, &k01, None, DealSort::Code)),
            ["D01", "D10"]
        );
        // Furthest stage first: D10 is at stage 10.
        assert_eq!(
            codes_of(list_deals(&p, "", None, DealSort::StageDesc))[0],
            "D10"
        );
        assert_eq!(
            codes_of(list_deals(&p, "", None, DealSort::CreatedDesc))[0],
            "D25"
        );
        assert!(list_deals(&p, "нет такого", None, DealSort::Code).is_empty());
        assert!(list_deals(&empty_project(), "", None, DealSort::Code).is_empty());
    }
}
