//! Editing the project's ТФС stage list: insert, rename, reorder, mark the won stage, delete a
//! stage moving its deals; refusals are typed ([`StageError`]) and worded by `i18n::edit`.

use crate::domain::model::{Id, Project, Stage};

/// Why an edit of the stage list was refused; `i18n::edit::stage_error_text` words it.
#[derive(Debug, Clone, PartialEq)]
pub enum StageError {
    /// The stage code is empty.
    EmptyCode,
    /// Another stage already has `code`.
    DuplicateCode { code: String },
    /// The stage name is empty.
    EmptyName,
    /// Position `at` (0-based) is past the end of a list of `len` stages.
    InsertPosition { at: usize, len: usize },
    /// A stage with the same id is already in the list.
    DuplicateId,
    /// The list already has a won stage.
    SecondWon,
    /// The stage is not in the project's stage list.
    UnknownStage,
    /// There is no stage at position `pos` (0-based).
    NoPosition { pos: usize },
    /// The stage the deals move to is the stage being deleted.
    TargetIsSelf,
    /// The stage the deals move to is not in the list.
    UnknownTarget,
    /// The won stage cannot be deleted.
    WonNotDeletable,
}

/// A new funnel stage with a fresh id and empty settings (not won, no target, no probability).
pub fn new_stage(code: &str, name_ru: &str) -> Stage {
    Stage {
        id: crate::domain::model::new_id(),
        code: code.trim().to_string(),
        name_ru: name_ru.trim().to_string(),
        name_en: String::new(),
        is_funnel: true,
        is_won: false,
        exit_criteria: String::new(),
        role_focus: vec![],
        tools: String::new(),
        target_conversion: None,
        win_probability: None,
        typical_days: None,
    }
}

fn check_code(stages: &[Stage], code: &str, except: Option<Id>) -> Result<(), StageError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(StageError::EmptyCode);
    }
    if stages
        .iter()
        .any(|s| Some(s.id) != except && s.code.trim() == code)
    {
        return Err(StageError::DuplicateCode {
            code: code.to_string(),
        });
    }
    Ok(())
}

/// Inserts `stage` at position `at` (0 = first; the list length = last). Its code must be
/// non-empty and unique, its id new, and it may not be a second won stage (use
/// [`set_won_stage`] to move the "won" mark).
pub fn insert_stage(p: &mut Project, at: usize, mut stage: Stage) -> Result<(), StageError> {
    if at > p.stages.len() {
        return Err(StageError::InsertPosition {
            at,
            len: p.stages.len(),
        });
    }
    if p.stages.iter().any(|s| s.id == stage.id) {
        return Err(StageError::DuplicateId);
    }
    check_code(&p.stages, &stage.code, None)?;
    if stage.is_won && p.stages.iter().any(|s| s.is_won) {
        return Err(StageError::SecondWon);
    }
    if stage.name_ru.trim().is_empty() {
        return Err(StageError::EmptyName);
    }
    stage.code = stage.code.trim().to_string();
    p.stages.insert(at, stage);
    Ok(())
}

/// Renames stage `id`: a new code (non-empty, unique) and Russian name (non-empty).
pub fn rename_stage(p: &mut Project, id: Id, code: &str, name_ru: &str) -> Result<(), StageError> {
    check_code(&p.stages, code, Some(id))?;
    if name_ru.trim().is_empty() {
        return Err(StageError::EmptyName);
    }
    let Some(s) = p.stages.iter_mut().find(|s| s.id == id) else {
        return Err(StageError::UnknownStage);
    };
    s.code = code.trim().to_string();
    s.name_ru = name_ru.trim().to_string();
    Ok(())
}

/// Moves the stage at position `from` to position `to` (both 0-based). Reordering changes what
/// "reached" means for every deal, since stages are compared by position.
pub fn move_stage(p: &mut Project, from: usize, to: usize) -> Result<(), StageError> {
    let n = p.stages.len();
    if from >= n || to >= n {
        return Err(StageError::NoPosition { pos: from.max(to) });
    }
    let s = p.stages.remove(from);
    p.stages.insert(to, s);
    Ok(())
}

/// Marks stage `id` as the won stage and clears the mark on every other stage, so there is
/// exactly one.
pub fn set_won_stage(p: &mut Project, id: Id) -> Result<(), StageError> {
    if !p.stages.iter().any(|s| s.id == id) {
        return Err(StageError::UnknownStage);
    }
    for s in p.stages.iter_mut() {
        s.is_won = s.id == id;
    }
    Ok(())
}

/// Deletes stage `id`, moving everything on it to stage `target`: deals currently there, their
/// history records (two consecutive records of the same stage then merge into the earlier
/// one), the layer-5 checklist (appended to the target's) and coaching notes. The won stage
/// cannot be deleted (mark another stage won first), nor can the target be the stage itself.
pub fn delete_stage(p: &mut Project, id: Id, target: Id) -> Result<(), StageError> {
    let Some(pos) = p.stages.iter().position(|s| s.id == id) else {
        return Err(StageError::UnknownStage);
    };
    if id == target {
        return Err(StageError::TargetIsSelf);
    }
    if !p.stages.iter().any(|s| s.id == target) {
        return Err(StageError::UnknownTarget);
    }
    if p.stages.get(pos).is_some_and(|s| s.is_won) {
        return Err(StageError::WonNotDeletable);
    }
    for d in p.deals.iter_mut() {
        if d.stage_id == id {
            d.stage_id = target;
        }
        let mut touched = false;
        for h in d.history.iter_mut() {
            if h.stage_id == id {
                h.stage_id = target;
                touched = true;
            }
        }
        if touched {
            d.history
                .dedup_by(|later, earlier| later.stage_id == earlier.stage_id);
        }
    }
    // Layer-5 checklists: merge into the target's one, or re-point.
    let mut moved = vec![];
    p.layer5.checklists.retain(|c| {
        if c.stage_id == id {
            moved.push(c.clone());
            false
        } else {
            true
        }
    });
    for mut c in moved {
        match p
            .layer5
            .checklists
            .iter_mut()
            .find(|t| t.stage_id == target)
        {
            Some(t) => {
                t.behaviours.append(&mut c.behaviours);
                t.mistakes.append(&mut c.mistakes);
                t.say.append(&mut c.say);
                t.avoid.append(&mut c.avoid);
            }
            None => {
                c.stage_id = target;
                p.layer5.checklists.push(c);
            }
        }
    }
    for n in p.layer5.coaching.iter_mut() {
        if n.stage_id == Some(id) {
            n.stage_id = Some(target);
        }
    }
    p.stages.remove(pos);
    Ok(())
}

/// How many deals touch stage `id`: currently there or with a history record of it (what
/// [`delete_stage`] has to move elsewhere).
pub fn deals_on_stage(p: &Project, id: Id) -> usize {
    p.deals
        .iter()
        .filter(|d| d.stage_id == id || d.history.iter().any(|h| h.stage_id == id))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::layer2::testkit::*;

    #[test]
    fn deals_on_stage_counts_current_and_history() {
        let p = demo_project();
        assert_eq!(deals_on_stage(&p, sid(&p, "1")), 25);
        assert_eq!(deals_on_stage(&p, sid(&p, "10")), 1);
        assert_eq!(deals_on_stage(&p, sid(&p, "11")), 0);
        assert_eq!(deals_on_stage(&empty_project(), sid(&p, "1")), 0);
    }

    #[test]
    fn inserting_renaming_and_reordering_stages() {
        let mut p = demo_project();
        let extra = new_stage(" 2.4 ", "Пилотные испытания");
        let extra_id = extra.id;
        insert_stage(&mut p, 4, extra).unwrap();
        assert_eq!(p.stages.len(), 15);
        assert_eq!(p.stages[4].code, "2.4");
        // Deals beyond the new stage count as having reached it (reached ≥ s by order).
        let r = reached_counts(&p, &all(&p));
        assert_eq!(r[4].stage, 4);
        assert_eq!(r[4].count, 9);
        assert_eq!(r.len(), 11);
        assert!(stage_list_problems(&p.stages).is_empty());
        // Refusals.
        assert_eq!(
            insert_stage(&mut p, 0, new_stage("2.1", "Дубль")),
            Err(StageError::DuplicateCode { code: "2.1".into() })
        );
        assert_eq!(
            insert_stage(&mut p, 0, new_stage("", "Пусто")),
            Err(StageError::EmptyCode)
        );
        assert_eq!(
            insert_stage(&mut p, 0, new_stage("0", " ")),
            Err(StageError::EmptyName)
        );
        assert_eq!(
            insert_stage(&mut p, 99, new_stage("0", "Далеко")),
            Err(StageError::InsertPosition { at: 99, len: 15 })
        );
        let mut won = new_stage("8a", "Второй выигрыш");
        won.is_won = true;
        assert_eq!(insert_stage(&mut p, 0, won), Err(StageError::SecondWon));
        let mut dup = new_stage("0", "Тот же id");
        dup.id = extra_id;
        assert_eq!(insert_stage(&mut p, 0, dup), Err(StageError::DuplicateId));
        assert_eq!(p.stages.len(), 15);
        // Rename.
        rename_stage(&mut p, extra_id, "2.5", "Пилот").unwrap();
        assert_eq!(p.stage(extra_id).unwrap().code, "2.5");
        assert!(rename_stage(&mut p, extra_id, "3", "Пилот").is_err());
        assert!(rename_stage(&mut p, extra_id, " ", "Пилот").is_err());
        assert!(rename_stage(&mut p, extra_id, "2.5", "").is_err());
        assert_eq!(
            rename_stage(&mut p, new_id(), "77", "Нет"),
            Err(StageError::UnknownStage)
        );
        // Keeping its own code is fine.
        rename_stage(&mut p, extra_id, "2.5", "Пилотный проект").unwrap();
        // Reorder: move it to the end and back.
        move_stage(&mut p, 4, 14).unwrap();
        assert_eq!(p.stages[14].id, extra_id);
        assert_eq!(
            move_stage(&mut p, 15, 0),
            Err(StageError::NoPosition { pos: 15 })
        );
        move_stage(&mut p, 14, 4).unwrap();
        assert_eq!(p.stages[4].id, extra_id);
        // The won mark moves, exactly one remains.
        let s7 = sid(&p, "7");
        set_won_stage(&mut p, s7).unwrap();
        assert_eq!(p.stages.iter().filter(|s| s.is_won).count(), 1);
        assert!(p.stage(s7).unwrap().is_won);
        assert_eq!(
            set_won_stage(&mut p, new_id()),
            Err(StageError::UnknownStage)
        );
    }

    #[test]
    fn deleting_a_stage_moves_its_deals_and_history() {
        let mut p = demo_project();
        let s21 = sid(&p, "2.1");
        let s22 = sid(&p, "2.2");
        let m1 = manager(&p, "M1");
        p.layer5.checklists.push(StageChecklist {
            stage_id: s22,
            behaviours: vec!["Слушать".into()],
            mistakes: vec![],
            say: vec![],
            avoid: vec![],
        });
        p.layer5.checklists.push(StageChecklist {
            stage_id: s21,
            behaviours: vec!["Спрашивать".into()],
            mistakes: vec![],
            say: vec![],
            avoid: vec![],
        });
        p.layer5.coaching.push(CoachingNote {
            id: new_id(),
            manager_id: m1,
            deal_id: None,
            stage_id: Some(s22),
            date: d(2025, 3, 1),
            expert: String::new(),
            observations: String::new(),
            agreed_actions: String::new(),
            follow_up: None,
            result: String::new(),
        });
        // Refusals first.
        assert_eq!(
            delete_stage(&mut p, s22, s22),
            Err(StageError::TargetIsSelf)
        );
        assert_eq!(
            delete_stage(&mut p, s22, new_id()),
            Err(StageError::UnknownTarget)
        );
        assert_eq!(
            delete_stage(&mut p, new_id(), s21),
            Err(StageError::UnknownStage)
        );
        let won = sid(&p, "8");
        let err = delete_stage(&mut p, won, s21).unwrap_err();
        assert_eq!(err, StageError::WonNotDeletable);

        delete_stage(&mut p, s22, s21).unwrap();
        assert_eq!(p.stages.len(), 13);
        assert!(p.stage(s22).is_none());
        for code in ["D05", "D12", "D20", "D24"] {
            assert_eq!(deal(&p, code).stage_id, s21, "{code}");
        }
        for x in &p.deals {
            assert!(x.history.iter().all(|h| h.stage_id != s22), "{}", x.code);
            assert!(
                x.history.windows(2).all(|w| w[0].stage_id != w[1].stage_id),
                "{}",
                x.code
            );
            assert!(history_problems(x).is_empty(), "{}", x.code);
        }
        // D05 walked 1 → 2.1 → 2.2; now 1 → 2.1.
        assert_eq!(deal(&p, "D05").history.len(), 2);
        let r = reached_counts(&p, &all(&p));
        assert_eq!(
            r.iter().map(|x| x.count).collect::<Vec<_>>(),
            vec![25, 19, 11, 9, 7, 6, 5, 3, 2]
        );
        assert_eq!(p.layer5.checklists.len(), 1);
        assert_eq!(p.layer5.checklists[0].behaviours, ["Спрашивать", "Слушать"]);
        assert_eq!(p.layer5.coaching[0].stage_id, Some(s21));
        // The project still loads.
        crate::persist::validate::validate(&p).unwrap();
        assert!(stage_list_problems(&p.stages)
            .contains(&crate::domain::stages::StageListProblem::MissingCode("2.2")));
        // A checklist with no counterpart on the target is re-pointed.
        let s3 = sid(&p, "3");
        let s4 = sid(&p, "4");
        p.layer5.checklists.push(StageChecklist {
            stage_id: s4,
            behaviours: vec![],
            mistakes: vec!["Спешить".into()],
            say: vec![],
            avoid: vec![],
        });
        delete_stage(&mut p, s4, s3).unwrap();
        assert!(p
            .layer5
            .checklists
            .iter()
            .any(|c| c.stage_id == s3 && c.mistakes == ["Спешить"]));
        crate::persist::validate::validate(&p).unwrap();
    }
}
