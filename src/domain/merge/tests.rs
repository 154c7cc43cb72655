use super::*;
use crate::domain::demo::demo_project;
use crate::domain::model::{Client, MergeSourceKind};

fn file() -> MergeSource {
    MergeSource {
        kind: MergeSourceKind::File,
        file_name: "copy.sloy.json".into(),
    }
}

fn shared_demo() -> Project {
    let mut p = demo_project();
    share(&mut p, "2025-03-31T10:00:00Z");
    p
}

fn without_ancestry(mut p: Project) -> Project {
    p.ancestry = Value::Null;
    p
}

#[test]
fn the_issue_scenario_has_exactly_one_conflict_and_keeps_both_sides() {
    let base = shared_demo();
    let (s1, s2) = (base.stages[1].id, base.stages[3].id);
    // Theirs: a client renamed, a client added, deal 0 moved to stage 1.
    let mut theirs = base.clone();
    theirs.clients[0].name = "Переименован там".into();
    let added = Client::new("K99", "Новый клиент");
    theirs.clients.push(added.clone());
    theirs.deals[0].stage_id = s1;
    // Mine: another client edited, the same deal moved elsewhere.
    let mut mine = base.clone();
    mine.clients[1].notes = "Правка здесь".into();
    mine.deals[0].stage_id = s2;

    let b = common_base(&ancestry_of(&mine), &ancestry_of(&theirs)).expect("shared base");
    let m = merge(&mine, &theirs, &b);
    let conflicts: Vec<&Item> = m.conflicts().collect();
    assert_eq!(conflicts.len(), 1, "{:#?}", m.items);
    assert_eq!(conflicts[0].kind, RecordKind::Deal);
    assert_eq!(
        conflicts[0].fields(),
        vec![FieldDiff {
            field: "stage_id".into(),
            mine: Some(Value::String(s2.to_string())),
            theirs: Some(Value::String(s1.to_string())),
        }]
    );
    // A change taken from there is named as there: the renamed client by its new name.
    assert!(m.changes().any(|i| i.label.ends_with("Переименован там")));
    let mut moved = theirs.clone();
    moved.deals[0].history.push(crate::domain::StageEntry {
        stage_id: s1,
        entered: chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
    });
    let m2 = merge(&mine, &moved, &b);
    let fields: Vec<String> = m2
        .conflicts()
        .next()
        .unwrap()
        .fields()
        .into_iter()
        .map(|f| f.field)
        .collect();
    assert_eq!(fields, ["stage_id", "history"], "plain values first");
    let changes: Vec<(RecordKind, Outcome)> = m.changes().map(|i| (i.kind, i.outcome)).collect();
    assert!(changes.contains(&(
        RecordKind::Client,
        Outcome::Taken(MergeSide::Theirs, Change::Added)
    )));
    assert!(changes.contains(&(
        RecordKind::Client,
        Outcome::Taken(MergeSide::Theirs, Change::Changed)
    )));
    assert!(changes.contains(&(
        RecordKind::Client,
        Outcome::Taken(MergeSide::Mine, Change::Changed)
    )));

    let id = crate::domain::new_id();
    let out = m.apply(&[MergeSide::Theirs], file(), "now", id).unwrap();
    let p = &out.project;
    assert_eq!(p.clients[0].name, "Переименован там");
    assert_eq!(p.clients[1].notes, "Правка здесь");
    assert!(p.clients.iter().any(|c| c.id == added.id));
    assert_eq!(p.deals[0].stage_id, s1);
    assert_eq!(out.report.from_mine, 1);
    assert_eq!(out.report.from_theirs, 2);
    assert_eq!(out.report.conflicts.len(), 1);
    assert_eq!(out.report.conflicts[0].chosen, MergeSide::Theirs);
    assert_eq!(ancestry_of(p).merges.last(), Some(&out.report));
    let out = m.apply(&[MergeSide::Mine], file(), "now", id).unwrap();
    assert_eq!(out.project.deals[0].stage_id, s2);
    assert!(matches!(
        m.apply(&[], file(), "now", id),
        Err(MergeError::Unresolved { conflicts: 1, .. })
    ));
}

#[test]
fn merging_with_itself_changes_nothing() {
    let p = shared_demo();
    for base in [Base::none(), Base::of(&p)] {
        let m = merge(&p, &p, &base);
        assert!(m.items.is_empty());
        let out = m
            .apply(&[], file(), "now", crate::domain::new_id())
            .unwrap();
        assert_eq!(without_ancestry(out.project), without_ancestry(p.clone()));
    }
}

#[test]
fn a_deletion_is_taken_only_where_the_other_side_did_not_change_the_record() {
    let base = shared_demo();
    let b = Base::of(&base);
    let mut theirs = base.clone();
    let gone = theirs.layer1.hypotheses.remove(0);
    let mut mine = base.clone();
    let m = merge(&mine, &theirs, &b);
    assert_eq!(m.items.len(), 1);
    assert_eq!(
        m.items[0].outcome,
        Outcome::Taken(MergeSide::Theirs, Change::Deleted)
    );
    let out = m
        .apply(&[], file(), "now", crate::domain::new_id())
        .unwrap();
    assert!(!out
        .project
        .layer1
        .hypotheses
        .iter()
        .any(|h| h.id == gone.id));
    assert_eq!(out.report.deleted, 1);

    mine.layer1.hypotheses[0].rationale = "уточнено".into();
    let m = merge(&mine, &theirs, &b);
    assert_eq!(
        m.items[0].outcome,
        Outcome::Conflict(ConflictKind::DeletedByThem)
    );
    // Without a base nothing is taken for deleted.
    let m = merge(&mine, &theirs, &Base::none());
    assert_eq!(
        m.items[0].outcome,
        Outcome::Taken(MergeSide::Mine, Change::Added)
    );
}

#[test]
fn a_deal_of_a_client_deleted_there_is_a_conflict_never_a_dangling_id() {
    let mut base = shared_demo();
    let client = Client::new("K50", "Удаляемый");
    base.clients.push(client.clone());
    let b = Base::of(&base);
    let mut theirs = base.clone();
    theirs.clients.retain(|c| c.id != client.id);
    let mut mine = base.clone();
    mine.deals[2].client_id = Some(client.id);
    let m = merge(&mine, &theirs, &b);
    let conflicts: Vec<&Item> = m.conflicts().collect();
    assert_eq!(conflicts.len(), 1, "{:#?}", m.items);
    assert_eq!(conflicts[0].kind, RecordKind::Client);
    assert_eq!(
        conflicts[0].outcome,
        Outcome::Conflict(ConflictKind::Used {
            deleted_by: MergeSide::Theirs
        })
    );
    let keep = m
        .apply(&[MergeSide::Mine], file(), "now", crate::domain::new_id())
        .unwrap();
    assert!(keep.project.clients.iter().any(|c| c.id == client.id));
    assert_eq!(keep.project.deals[2].client_id, Some(client.id));
    let drop = m
        .apply(&[MergeSide::Theirs], file(), "now", crate::domain::new_id())
        .unwrap();
    assert!(!drop.project.clients.iter().any(|c| c.id == client.id));
    assert!(!drop
        .project
        .deals
        .iter()
        .any(|d| d.client_id == Some(client.id)));
    assert_eq!(drop.cascaded.len(), 1);
    assert_eq!(drop.cascaded[0].kind, RecordKind::Deal);
}

#[test]
fn settings_merge_field_by_field() {
    let base = shared_demo();
    let b = Base::of(&base);
    let mut mine = base.clone();
    mine.company.plan_year += 1;
    let mut theirs = base.clone();
    theirs.name = "Другое имя".into();
    theirs.layer1.company_plan = crate::domain::Money::units(1);
    let m = merge(&mine, &theirs, &b);
    assert_eq!(m.conflicts().count(), 0);
    let p = m
        .apply(&[], file(), "now", crate::domain::new_id())
        .unwrap()
        .project;
    assert_eq!(p.company.plan_year, mine.company.plan_year);
    assert_eq!(p.name, "Другое имя");
    assert_eq!(p.layer1.company_plan, crate::domain::Money::units(1));
    let paths: Vec<&str> = m.items.iter().filter_map(Item::setting_path).collect();
    assert_eq!(paths, ["name", "company.plan_year", "layer1.company_plan"]);
}

#[test]
fn stages_added_on_both_sides_keep_their_places() {
    let base = shared_demo();
    let b = Base::of(&base);
    let mut mine = base.clone();
    let mut s = mine.stages[2].clone();
    s.id = crate::domain::new_id();
    s.code = "2.9".into();
    mine.stages.insert(3, s.clone());
    let mut theirs = base.clone();
    let mut t = theirs.stages[5].clone();
    t.id = crate::domain::new_id();
    t.code = "5.9".into();
    theirs.stages.insert(6, t.clone());
    let m = merge(&mine, &theirs, &b);
    assert_eq!(m.conflicts().count(), 0, "{:#?}", m.items);
    let p = m
        .apply(&[], file(), "now", crate::domain::new_id())
        .unwrap()
        .project;
    assert_eq!(p.stage_index(s.id), Some(3));
    assert_eq!(p.stage_index(t.id), Some(7));
    assert_eq!(p.stages.len(), base.stages.len() + 2);
}

#[test]
fn shared_states_and_history_are_joined() {
    let mut base = shared_demo();
    next_revision(&mut base);
    let mut theirs = base.clone();
    next_revision(&mut theirs);
    share(&mut theirs, "2025-04-01T00:00:00Z");
    assert_eq!(ancestry_of(&theirs).bases.len(), 2);
    let b = common_base(&ancestry_of(&base), &ancestry_of(&theirs)).expect("common");
    assert!(b.known());
    let out = merge(&base, &theirs, &b)
        .apply(&[], file(), "now", crate::domain::new_id())
        .unwrap();
    let a = ancestry_of(&out.project);
    assert_eq!(a.bases.len(), 2);
    assert_eq!(a.merges.len(), 1);
    assert_eq!(
        a.revision,
        ancestry_of(&theirs)
            .revision
            .max(ancestry_of(&base).revision)
    );
    assert!(common_base(&ancestry_of(&base), &Ancestry::default()).is_none());
    // Revisions count and chain.
    let before = ancestry_of(&base);
    next_revision(&mut base);
    let after = ancestry_of(&base);
    assert_eq!(after.revision, before.revision + 1);
    assert_eq!(after.derived_from, before.revision_id);
    assert_ne!(after.revision_id, before.revision_id);
    // A damaged ancestry counts as none.
    base.ancestry = serde_json::json!({"revision": "x"});
    assert_eq!(ancestry_of(&base), Ancestry::default());
}
