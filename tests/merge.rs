//! Property tests of the three-way merge (`domain::merge`) on random project pairs: a random
//! project is shared (as by an export), then two copies are derived from it by random edits —
//! renames, additions and deletions of clients, deals, contacts, stages and touch points, stage
//! moves, amounts, settings, ticks, matrix cells — each copy staying valid. For every pair:
//! - merging a copy with itself changes nothing;
//! - a merge without conflicts gives the same project in either order (up to the order of
//!   records in lists);
//! - every record of either side is in the result, or listed by the merge as deleted or as a
//!   conflict, or listed as deleted with a record it needed — nothing disappears silently;
//! - the result, with any choice of sides for the conflicts, passes the project validation.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;
use sloy::domain::merge::{
    ancestry_of, common_base, merge, record_keys, share, Base, Change, Outcome,
};
use sloy::domain::synth::{random_project, Rng};
use sloy::domain::{
    Client, Deal, DealStatus, MergeSide, MergeSource, MergeSourceKind, Money, Project, StageEntry,
    TouchKind, TouchPoint,
};
use sloy::persist::validate::validate;
use std::collections::HashSet;

fn source() -> MergeSource {
    MergeSource {
        kind: MergeSourceKind::File,
        file_name: "copy.sloy.json".into(),
    }
}

/// One random edit; an edit that would break the project (a deletion of something still
/// referred to) is not made.
fn edit(p: &mut Project, r: &mut Rng) {
    let mut q = p.clone();
    let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap_or_default();
    let n = |len: usize, r: &mut Rng| r.below(len.max(1));
    match r.below(16) {
        0 => {
            let i = n(q.clients.len(), r);
            if let Some(c) = q.clients.get_mut(i) {
                c.name = format!("{} (правка {})", c.name, r.below(1000));
            }
        }
        1 => q
            .clients
            .push(Client::new(format!("N{}", r.below(10_000)), "Новый")),
        2 => {
            if !q.clients.is_empty() {
                let i = n(q.clients.len(), r);
                let id = q.clients.remove(i).id;
                // A careful user deletes what hangs on the client too.
                q.revenues.retain(|x| x.client_id != id);
                q.deals.retain(|x| x.client_id != Some(id));
                let contacts: Vec<_> = q
                    .contacts
                    .iter()
                    .filter(|c| c.client_id == id)
                    .map(|c| c.id)
                    .collect();
                q.contacts.retain(|c| c.client_id != id);
                for c in &mut q.contacts {
                    c.influences.retain(|x| !contacts.contains(x));
                }
                q.layer3.touch_points.retain(|t| t.client_id != id);
                for a in &mut q.layer3.activities {
                    a.target_client_ids.retain(|x| *x != id);
                }
                let deals: HashSet<_> = q.deals.iter().map(|d| d.id).collect();
                q.layer5
                    .coaching
                    .retain(|c| c.deal_id.is_none_or(|d| deals.contains(&d)));
            }
        }
        3 | 4 => {
            let i = n(q.deals.len(), r);
            let s = q.stages[n(q.stages.len(), r)].id;
            if let Some(d) = q.deals.get_mut(i) {
                d.stage_id = s;
                d.history.push(StageEntry {
                    stage_id: s,
                    entered: date,
                });
            }
        }
        5 => {
            let i = n(q.deals.len(), r);
            if let Some(d) = q.deals.get_mut(i) {
                d.amount = Money::units(r.below(100_000) as i64);
            }
        }
        6 => {
            let client = r.pick(&q.clients).map(|c| c.id);
            let stage = q.stages[n(q.stages.len(), r)].id;
            q.deals.push(Deal {
                id: r.id(),
                code: format!("DN{}", r.below(1000)),
                client_id: client,
                manager_id: None,
                channel_id: None,
                business_line_id: None,
                title: "Новая сделка".into(),
                amount: Money::units(r.below(5000) as i64),
                created: date,
                stage_id: stage,
                status: DealStatus::Open,
                lost_reason: String::new(),
                closed: None,
                next_step: String::new(),
                next_step_date: None,
                history: vec![],
                needs: vec![],
                criteria: vec![],
                teo: None,
                proposal: Default::default(),
            });
        }
        7 => {
            if !q.deals.is_empty() {
                let i = n(q.deals.len(), r);
                q.deals.remove(i);
            }
        }
        8 => {
            let i = n(q.contacts.len(), r);
            if let Some(c) = q.contacts.get_mut(i) {
                c.name = format!("Контакт {}", r.below(1000));
            }
        }
        9 => {
            if let Some(c) = r.pick(&q.clients).map(|c| c.id) {
                let contact = q
                    .contacts
                    .iter()
                    .find(|x| x.client_id == c && r.chance(50))
                    .map(|x| x.id);
                q.layer3.touch_points.push(TouchPoint {
                    id: r.id(),
                    client_id: c,
                    contact_id: contact,
                    date,
                    kind: TouchKind::Call,
                    activity_id: None,
                    note: "звонок".into(),
                });
            }
        }
        10 => match r.below(4) {
            0 => q.name = format!("Проект {}", r.below(100)),
            1 => q.company.plan_year += 1,
            2 => q.layer1.company_plan = Money::units(r.below(1_000_000) as i64),
            _ => q.layer4.kp_template = format!("Шаблон {}", r.below(10)),
        },
        11 => {
            let i = n(q.stages.len(), r);
            if let Some(s) = q.stages.get_mut(i) {
                s.name_ru = format!("Этап {}", r.below(100));
            }
        }
        12 => {
            let i = n(q.stages.len(), r);
            let mut s = q.stages[i].clone();
            s.id = r.id();
            s.is_won = false;
            s.code = format!("9.{}", r.below(100));
            q.stages.insert(i + 1, s);
        }
        13 => {
            if q.stages.len() > 2 {
                let i = n(q.stages.len(), r);
                q.stages.remove(i);
            }
        }
        14 => {
            let t = format!("1.{}", r.below(5));
            if let Some(i) = q.method.ticked.iter().position(|x| *x == t) {
                q.method.ticked.remove(i);
            } else {
                q.method.ticked.push(t);
            }
        }
        _ => {
            let i = n(q.layer4.matrix.len(), r);
            if r.chance(30) && i < q.layer4.matrix.len() {
                q.layer4.matrix.remove(i);
            } else if let Some(c) = q.layer4.matrix.get_mut(i) {
                c.strength = (c.strength + 1) % 4;
            }
        }
    }
    if validate(&q).is_ok() {
        *p = q;
    }
}

fn derive(base: &Project, r: &mut Rng) -> Project {
    let mut p = base.clone();
    for _ in 0..1 + r.below(8) {
        edit(&mut p, r);
    }
    p
}

/// The project as JSON with its ancestry left out and every list sorted: equal when the two
/// hold the same records, whatever their order.
fn canonical(p: &Project) -> Value {
    fn sort(v: &mut Value) {
        match v {
            Value::Array(a) => {
                a.iter_mut().for_each(sort);
                a.sort_by_key(|x| x.to_string());
            }
            Value::Object(o) => o.values_mut().for_each(sort),
            _ => {}
        }
    }
    let mut p = p.clone();
    p.ancestry = Value::Null;
    let mut v: Value = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
    sort(&mut v);
    v
}

fn check(seed: u64) -> Result<(), TestCaseError> {
    let mut r = Rng::new(seed);
    let mut base = random_project(seed, 4 + r.below(10), 3 + r.below(15));
    // Random projects leave layer 4 and the contacts thin: give the edits something to touch.
    let demo = sloy::domain::demo::demo_project();
    if r.chance(30) {
        base = demo;
    }
    share(&mut base, "2025-03-31T00:00:00Z");
    prop_assert!(validate(&base).is_ok());
    let mine = derive(&base, &mut r);
    let theirs = derive(&base, &mut r);
    let b = common_base(&ancestry_of(&mine), &ancestry_of(&theirs)).expect("shared base");

    // 1. With itself: nothing to do, nothing changes.
    let same = merge(&mine, &mine, &b);
    prop_assert!(same.items.is_empty());
    let out = same.apply(&[], source(), "t", r.id()).unwrap();
    prop_assert_eq!(canonical(&out.project), canonical(&mine));
    let mut plain = mine.clone();
    plain.ancestry = Value::Null;
    let mut result = out.project.clone();
    result.ancestry = Value::Null;
    prop_assert_eq!(result, plain);

    let m = merge(&mine, &theirs, &b);
    // 2. Without conflicts, the same either way.
    if m.conflicts().count() == 0 {
        let back = merge(&theirs, &mine, &b);
        prop_assert_eq!(back.conflicts().count(), 0);
        let a = m.apply(&[], source(), "t", r.id()).unwrap().project;
        let z = back.apply(&[], source(), "t", r.id()).unwrap().project;
        prop_assert_eq!(canonical(&a), canonical(&z));
    }
    // 3 and 4: any choices; nothing disappears silently; the result validates.
    for round in 0..3 {
        let choices: Vec<MergeSide> = m
            .conflicts()
            .map(|_| match round {
                0 => MergeSide::Mine,
                1 => MergeSide::Theirs,
                _ if r.chance(50) => MergeSide::Mine,
                _ => MergeSide::Theirs,
            })
            .collect();
        let out = m.apply(&choices, source(), "t", r.id()).unwrap();
        if let Err(e) = validate(&out.project) {
            return Err(TestCaseError::fail(format!("seed {seed}: {e:?}")));
        }
        let kept: HashSet<String> = record_keys(&out.project).into_iter().collect();
        let listed: HashSet<&str> = m
            .items
            .iter()
            .filter(|i| i.is_conflict() || matches!(i.outcome, Outcome::Taken(_, Change::Deleted)))
            .map(|i| i.key.as_str())
            .chain(out.cascaded.iter().map(|c| c.key.as_str()))
            .collect();
        for key in record_keys(&mine).iter().chain(record_keys(&theirs).iter()) {
            if key.starts_with("set#") {
                continue; // a setting always exists (absent = its default)
            }
            prop_assert!(
                kept.contains(key) || listed.contains(key.as_str()),
                "seed {}: {} vanished",
                seed,
                key
            );
        }
        prop_assert_eq!(out.report.conflicts.len(), choices.len());
    }
    // Without a base nothing is deleted: every record of either side stays unless a
    // conflict's choice drops it.
    let blind = merge(&mine, &theirs, &Base::none());
    prop_assert!(!blind
        .items
        .iter()
        .any(|i| matches!(i.outcome, Outcome::Taken(_, Change::Deleted))));
    Ok(())
}

proptest! {
    #![proptest_config(Config { cases: 600, failure_persistence: None, ..Config::default() })]
    #[test]
    fn random_pairs_merge_by_the_rules(seed in any::<u64>()) {
        check(seed)?;
    }
}

/// Found by the property test: the stage order lists every stage, and was taken for a record
/// still needing a stage deleted on the other side (a conflict one way round, none the other).
#[test]
fn the_stage_order_is_not_a_reference() {
    check(13208028194997530808).unwrap();
}
