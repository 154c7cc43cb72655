//! Words for the domain's refusals of an edit: deleting a client, a dimension or a manager
//! ([`EditError`]), moving a deal or changing its status or history ([`MoveError`],
//! [`HistoryProblem`]), editing the stage list ([`StageError`], [`StageListProblem`]).
//!
//! The domain returns the typed value with its data (dates, counts, codes); these functions
//! turn it into one sentence in the UI language. Dates are `ДД.ММ.ГГГГ` in both languages.

use super::format::fmt_date;
use super::Lang;
use crate::domain::edit::{DimUsage, EditError, ManagerUsage};
use crate::domain::layer2::{
    moves::{HistoryProblem, MoveError},
    stage_list::StageError,
};
use crate::domain::method::OverrideError;
use crate::domain::stages::StageListProblem;

/// «клиенты: 3, сделки: 1, …»: the non-zero counts of what refers to a dimension.
pub fn dim_usage_text(u: &DimUsage, lang: Lang) -> String {
    [
        (lang.pick("клиенты", "clients"), u.clients),
        (lang.pick("сделки", "deals"), u.deals),
        (lang.pick("менеджеры", "managers"), u.managers),
        (
            lang.pick(
                "планы, объёмы рынка, гипотезы",
                "plans, market volumes, hypotheses",
            ),
            u.plans,
        ),
        (
            lang.pick("мероприятия и инструменты", "activities and tools"),
            u.activities,
        ),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(w, n)| format!("{w}: {n}"))
    .collect::<Vec<_>>()
    .join(", ")
}

fn manager_in_use(u: &ManagerUsage, lang: Lang) -> String {
    let ManagerUsage {
        clients,
        deals,
        actuals,
        coaching,
    } = u;
    match lang {
        Lang::Ru => format!(
            "У менеджера есть клиенты ({clients}), сделки ({deals}), факты продаж ({actuals}) и записи дотяжки ({coaching}) — выберите, кому их передать"
        ),
        Lang::En => format!(
            "The manager has clients ({clients}), deals ({deals}), sales actuals ({actuals}) and coaching notes ({coaching}): choose who takes them over"
        ),
    }
}

/// Why a client, a dimension or a manager was not deleted.
/// Why an early start was refused, in `lang`.
pub fn override_error_text(e: OverrideError, lang: Lang) -> &'static str {
    match e {
        OverrideError::NoReason => lang.pick(
            "Укажите причину: без неё слой не открывается досрочно.",
            "Give a reason: without one a layer is not opened early.",
        ),
        OverrideError::NotOverridable => lang.pick(
            "Досрочно можно открыть только слои 2–5.",
            "Only layers 2–5 can be opened early.",
        ),
    }
}

pub fn edit_error_text(e: &EditError, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    match e {
        EditError::ClientInUse { deals, contacts } if ru => {
            format!("У клиента есть сделки ({deals}) и контакты ({contacts}) — сначала удалите их")
        }
        EditError::ClientInUse { deals, contacts } => {
            format!("The client has deals ({deals}) and contacts ({contacts}): delete them first")
        }
        EditError::DimensionInUse(u) if ru => format!(
            "Используется ({}) — выберите, куда перенести ссылки, или сначала измените записи",
            dim_usage_text(u, lang)
        ),
        EditError::DimensionInUse(u) => format!(
            "In use ({}): choose where to move the references, or change the records first",
            dim_usage_text(u, lang)
        ),
        EditError::MoveTargetMissing if ru => "Справочник для переноса не найден".into(),
        EditError::MoveTargetMissing => "The entry to move the references to is not found".into(),
        EditError::ManagerInUse(u) => manager_in_use(u, lang),
    }
}

/// Why a deal was not moved, or its status or a history date not changed.
pub fn move_error_text(e: &MoveError, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    let f = |d| fmt_date(d);
    match *e {
        MoveError::BeforeCreated { date, created } if ru => format!(
            "Дата {} раньше даты создания сделки ({}).",
            f(date),
            f(created)
        ),
        MoveError::BeforeCreated { date, created } => format!(
            "The date {} is before the deal was created ({}).",
            f(date),
            f(created)
        ),
        MoveError::BeforeLastRecord { date, last } if ru => format!(
            "Дата {} раньше последней записи истории этапов ({}).",
            f(date),
            f(last)
        ),
        MoveError::BeforeLastRecord { date, last } => format!(
            "The date {} is before the latest record of the stage history ({}).",
            f(date),
            f(last)
        ),
        MoveError::LostKeepsStage if ru => {
            "Сделка проиграна и сохраняет свой этап: чтобы сменить этап, сначала верните её в работу."
                .into()
        }
        MoveError::LostKeepsStage => {
            "The deal is lost and keeps its stage: to change the stage, reopen it first.".into()
        }
        MoveError::LostCannotWin if ru => "Сделка проиграна: сначала верните её в работу.".into(),
        MoveError::LostCannotWin => "The deal is lost: reopen it first.".into(),
        MoveError::UnknownStage if ru => "Такого этапа нет в списке этапов проекта.".into(),
        MoveError::UnknownStage => "There is no such stage in the project's stage list.".into(),
        MoveError::WonCannotGoBack if ru => {
            "Выигранную сделку нельзя вернуть на этап до «выиграно»: сначала верните её в работу."
                .into()
        }
        MoveError::WonCannotGoBack => {
            "A won deal cannot go back to a stage before «won»: reopen it first.".into()
        }
        MoveError::NoWonStage if ru => "В списке этапов нет этапа «выиграно».".into(),
        MoveError::NoWonStage => "The stage list has no «won» stage.".into(),
        MoveError::NoHistoryRecord { index } if ru => {
            format!("Нет записи истории №{}.", index + 1)
        }
        MoveError::NoHistoryRecord { index } => {
            format!("There is no history record no. {}.", index + 1)
        }
        MoveError::BeforePrevious { date, prev } if ru => format!(
            "Дата {} раньше предыдущей записи истории ({}).",
            f(date),
            f(prev)
        ),
        MoveError::BeforePrevious { date, prev } => format!(
            "The date {} is before the previous history record ({}).",
            f(date),
            f(prev)
        ),
        MoveError::AfterNext { date, next } if ru => format!(
            "Дата {} позже следующей записи истории ({}).",
            f(date),
            f(next)
        ),
        MoveError::AfterNext { date, next } => format!(
            "The date {} is after the next history record ({}).",
            f(date),
            f(next)
        ),
        MoveError::AfterLost { date, lost } if ru => format!(
            "Дата {} позже даты проигрыша сделки ({}).",
            f(date),
            f(lost)
        ),
        MoveError::AfterLost { date, lost } => format!(
            "The date {} is after the deal was lost ({}).",
            f(date),
            f(lost)
        ),
    }
}

/// A problem of a deal's stage history.
pub fn history_problem_text(h: &HistoryProblem, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    let f = |d| fmt_date(d);
    match *h {
        HistoryProblem::BeforeCreated {
            index,
            date,
            created,
        } if ru => format!(
            "Запись истории №{}: дата {} раньше даты создания сделки ({}).",
            index + 1,
            f(date),
            f(created)
        ),
        HistoryProblem::BeforeCreated {
            index,
            date,
            created,
        } => format!(
            "History record no. {}: the date {} is before the deal was created ({}).",
            index + 1,
            f(date),
            f(created)
        ),
        HistoryProblem::BeforePrevious { index, date, prev } if ru => format!(
            "Запись истории №{}: дата {} раньше предыдущей записи ({}).",
            index + 1,
            f(date),
            f(prev)
        ),
        HistoryProblem::BeforePrevious { index, date, prev } => format!(
            "History record no. {}: the date {} is before the previous record ({}).",
            index + 1,
            f(date),
            f(prev)
        ),
        HistoryProblem::ClosedBeforeLast { closed, last } if ru => format!(
            "Дата закрытия {} раньше последней записи истории ({}).",
            f(closed),
            f(last)
        ),
        HistoryProblem::ClosedBeforeLast { closed, last } => format!(
            "The closing date {} is before the latest history record ({}).",
            f(closed),
            f(last)
        ),
    }
}

/// Why an edit of the stage list was refused.
pub fn stage_error_text(e: &StageError, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    match e {
        StageError::EmptyCode if ru => "Код этапа не может быть пустым.".into(),
        StageError::EmptyCode => "The stage code cannot be empty.".into(),
        StageError::DuplicateCode { code } if ru => format!("Этап с кодом «{code}» уже есть."),
        StageError::DuplicateCode { code } => format!("A stage with code «{code}» already exists."),
        StageError::EmptyName if ru => "Название этапа не может быть пустым.".into(),
        StageError::EmptyName => "The stage name cannot be empty.".into(),
        StageError::InsertPosition { at, len } if ru => format!(
            "Нельзя вставить этап на позицию {}: этапов всего {len}.",
            at + 1
        ),
        StageError::InsertPosition { at, len } => format!(
            "A stage cannot be inserted at position {}: there are only {len} stages.",
            at + 1
        ),
        StageError::DuplicateId if ru => "Этап с таким идентификатором уже есть.".into(),
        StageError::DuplicateId => "A stage with this identifier already exists.".into(),
        StageError::SecondWon if ru => {
            "Этап «выиграно» уже есть; чтобы сделать выигрышным новый этап, вставьте его и отметьте отдельно."
                .into()
        }
        StageError::SecondWon => {
            "There already is a «won» stage; to make a new stage the won one, insert it and mark it separately."
                .into()
        }
        StageError::UnknownStage if ru => "Такого этапа нет в списке этапов проекта.".into(),
        StageError::UnknownStage => "There is no such stage in the project's stage list.".into(),
        StageError::NoPosition { pos } if ru => format!("Нет этапа на позиции {}.", pos + 1),
        StageError::NoPosition { pos } => format!("There is no stage at position {}.", pos + 1),
        StageError::TargetIsSelf if ru => {
            "Этап, на который переносятся сделки, должен отличаться от удаляемого.".into()
        }
        StageError::TargetIsSelf => {
            "The stage the deals move to must differ from the stage being deleted.".into()
        }
        StageError::UnknownTarget if ru => {
            "Этапа, на который переносятся сделки, нет в списке.".into()
        }
        StageError::UnknownTarget => "The stage the deals move to is not in the list.".into(),
        StageError::WonNotDeletable if ru => {
            "Этап «выиграно» удалить нельзя: сначала отметьте выигрышным другой этап.".into()
        }
        StageError::WonNotDeletable => {
            "The «won» stage cannot be deleted: mark another stage as won first.".into()
        }
    }
}

/// A problem of the stage list that blocks its use.
pub fn stage_list_problem_text(p: &StageListProblem, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    match p {
        StageListProblem::WonCount(n) if ru => {
            format!("Этап «выиграно» должен быть ровно один, сейчас: {n}.")
        }
        StageListProblem::WonCount(n) => {
            format!("There must be exactly one «won» stage; now there are {n}.")
        }
        StageListProblem::MissingCode(code) if ru => {
            format!("Нет этапа {code}: метод требует этапы 1, 2.1, 2.2, 2.3.")
        }
        StageListProblem::MissingCode(code) => {
            format!("There is no stage {code}: the method requires stages 1, 2.1, 2.2, 2.3.")
        }
        StageListProblem::DuplicateCode(code) if ru => format!("Код этапа «{code}» повторяется."),
        StageListProblem::DuplicateCode(code) => {
            format!("The stage code «{code}» is used twice.")
        }
        StageListProblem::EmptyCode if ru => "У этапа пустой код.".into(),
        StageListProblem::EmptyCode => "A stage has an empty code.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::app_russian;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn override_errors_keep_their_russian_and_have_english() {
        for (e, ru) in [
            (
                OverrideError::NoReason,
                "Укажите причину: без неё слой не открывается досрочно.",
            ),
            (
                OverrideError::NotOverridable,
                "Досрочно можно открыть только слои 2–5.",
            ),
        ] {
            match e {
                OverrideError::NoReason | OverrideError::NotOverridable => {}
            }
            assert_eq!(override_error_text(e, Lang::Ru), ru);
            let en = override_error_text(e, Lang::En);
            assert!(!en.is_empty() && !app_russian(en), "{en}");
        }
    }

    /// One value of every variant with the Russian text users saw before the domain returned
    /// typed errors. The `match` makes a new variant a compile error here until it has a case.
    fn move_errors() -> Vec<(MoveError, &'static str)> {
        let (a, b) = (d(2025, 3, 1), d(2025, 3, 20));
        let v = vec![
            (
                MoveError::BeforeCreated { date: a, created: b },
                "Дата 01.03.2025 раньше даты создания сделки (20.03.2025).",
            ),
            (
                MoveError::BeforeLastRecord { date: a, last: b },
                "Дата 01.03.2025 раньше последней записи истории этапов (20.03.2025).",
            ),
            (
                MoveError::LostKeepsStage,
                "Сделка проиграна и сохраняет свой этап: чтобы сменить этап, сначала верните её в работу.",
            ),
            (
                MoveError::LostCannotWin,
                "Сделка проиграна: сначала верните её в работу.",
            ),
            (MoveError::UnknownStage, "Такого этапа нет в списке этапов проекта."),
            (
                MoveError::WonCannotGoBack,
                "Выигранную сделку нельзя вернуть на этап до «выиграно»: сначала верните её в работу.",
            ),
            (MoveError::NoWonStage, "В списке этапов нет этапа «выиграно»."),
            (MoveError::NoHistoryRecord { index: 3 }, "Нет записи истории №4."),
            (
                MoveError::BeforePrevious { date: a, prev: b },
                "Дата 01.03.2025 раньше предыдущей записи истории (20.03.2025).",
            ),
            (
                MoveError::AfterNext { date: b, next: a },
                "Дата 20.03.2025 позже следующей записи истории (01.03.2025).",
            ),
            (
                MoveError::AfterLost { date: b, lost: a },
                "Дата 20.03.2025 позже даты проигрыша сделки (01.03.2025).",
            ),
        ];
        for (e, _) in &v {
            match e {
                MoveError::BeforeCreated { .. }
                | MoveError::BeforeLastRecord { .. }
                | MoveError::LostKeepsStage
                | MoveError::LostCannotWin
                | MoveError::UnknownStage
                | MoveError::WonCannotGoBack
                | MoveError::NoWonStage
                | MoveError::NoHistoryRecord { .. }
                | MoveError::BeforePrevious { .. }
                | MoveError::AfterNext { .. }
                | MoveError::AfterLost { .. } => {}
            }
        }
        v
    }

    fn history_problems() -> Vec<(HistoryProblem, &'static str)> {
        let (a, b) = (d(2024, 12, 1), d(2025, 1, 10));
        let v = vec![
            (
                HistoryProblem::BeforeCreated {
                    index: 0,
                    date: a,
                    created: b,
                },
                "Запись истории №1: дата 01.12.2024 раньше даты создания сделки (10.01.2025).",
            ),
            (
                HistoryProblem::BeforePrevious {
                    index: 2,
                    date: a,
                    prev: b,
                },
                "Запись истории №3: дата 01.12.2024 раньше предыдущей записи (10.01.2025).",
            ),
            (
                HistoryProblem::ClosedBeforeLast { closed: a, last: b },
                "Дата закрытия 01.12.2024 раньше последней записи истории (10.01.2025).",
            ),
        ];
        for (h, _) in &v {
            match h {
                HistoryProblem::BeforeCreated { .. }
                | HistoryProblem::BeforePrevious { .. }
                | HistoryProblem::ClosedBeforeLast { .. } => {}
            }
        }
        v
    }

    fn stage_errors() -> Vec<(StageError, &'static str)> {
        let v = vec![
            (StageError::EmptyCode, "Код этапа не может быть пустым."),
            (
                StageError::DuplicateCode { code: "2.1".into() },
                "Этап с кодом «2.1» уже есть.",
            ),
            (StageError::EmptyName, "Название этапа не может быть пустым."),
            (
                StageError::InsertPosition { at: 99, len: 15 },
                "Нельзя вставить этап на позицию 100: этапов всего 15.",
            ),
            (StageError::DuplicateId, "Этап с таким идентификатором уже есть."),
            (
                StageError::SecondWon,
                "Этап «выиграно» уже есть; чтобы сделать выигрышным новый этап, вставьте его и отметьте отдельно.",
            ),
            (StageError::UnknownStage, "Такого этапа нет в списке этапов проекта."),
            (StageError::NoPosition { pos: 15 }, "Нет этапа на позиции 16."),
            (
                StageError::TargetIsSelf,
                "Этап, на который переносятся сделки, должен отличаться от удаляемого.",
            ),
            (
                StageError::UnknownTarget,
                "Этапа, на который переносятся сделки, нет в списке.",
            ),
            (
                StageError::WonNotDeletable,
                "Этап «выиграно» удалить нельзя: сначала отметьте выигрышным другой этап.",
            ),
        ];
        for (e, _) in &v {
            match e {
                StageError::EmptyCode
                | StageError::DuplicateCode { .. }
                | StageError::EmptyName
                | StageError::InsertPosition { .. }
                | StageError::DuplicateId
                | StageError::SecondWon
                | StageError::UnknownStage
                | StageError::NoPosition { .. }
                | StageError::TargetIsSelf
                | StageError::UnknownTarget
                | StageError::WonNotDeletable => {}
            }
        }
        v
    }

    fn stage_list_problems() -> Vec<(StageListProblem, &'static str)> {
        let v = vec![
            (
                StageListProblem::WonCount(0),
                "Этап «выиграно» должен быть ровно один, сейчас: 0.",
            ),
            (
                StageListProblem::MissingCode("2.1"),
                "Нет этапа 2.1: метод требует этапы 1, 2.1, 2.2, 2.3.",
            ),
            (
                StageListProblem::DuplicateCode("1".into()),
                "Код этапа «1» повторяется.",
            ),
            (StageListProblem::EmptyCode, "У этапа пустой код."),
        ];
        for (p, _) in &v {
            match p {
                StageListProblem::WonCount(_)
                | StageListProblem::MissingCode(_)
                | StageListProblem::DuplicateCode(_)
                | StageListProblem::EmptyCode => {}
            }
        }
        v
    }

    fn edit_errors() -> Vec<(EditError, &'static str)> {
        let dims = DimUsage {
            clients: 8,
            deals: 0,
            managers: 1,
            plans: 2,
            activities: 3,
        };
        let mgr = ManagerUsage {
            clients: 9,
            deals: 12,
            actuals: 4,
            coaching: 1,
        };
        let v = vec![
            (
                EditError::ClientInUse {
                    deals: 2,
                    contacts: 3,
                },
                "У клиента есть сделки (2) и контакты (3) — сначала удалите их",
            ),
            (
                EditError::DimensionInUse(dims),
                "Используется (клиенты: 8, менеджеры: 1, планы, объёмы рынка, гипотезы: 2, мероприятия и инструменты: 3) — выберите, куда перенести ссылки, или сначала измените записи",
            ),
            (EditError::MoveTargetMissing, "Справочник для переноса не найден"),
            (
                EditError::ManagerInUse(mgr),
                "У менеджера есть клиенты (9), сделки (12), факты продаж (4) и записи дотяжки (1) — выберите, кому их передать",
            ),
        ];
        for (e, _) in &v {
            match e {
                EditError::ClientInUse { .. }
                | EditError::DimensionInUse(_)
                | EditError::MoveTargetMissing
                | EditError::ManagerInUse(_) => {}
            }
        }
        v
    }

    fn check<T>(cases: Vec<(T, &str)>, text: impl Fn(&T, Lang) -> String) {
        for (v, ru) in &cases {
            assert_eq!(text(v, Lang::Ru), *ru);
            let en = text(v, Lang::En);
            assert!(!en.is_empty());
            assert!(!app_russian(&en), "{en}");
        }
    }

    #[test]
    fn russian_text_is_what_users_saw_and_english_has_no_russian() {
        check(move_errors(), move_error_text);
        check(history_problems(), history_problem_text);
        check(stage_errors(), stage_error_text);
        check(stage_list_problems(), stage_list_problem_text);
        check(edit_errors(), edit_error_text);
    }

    #[test]
    fn the_domain_refusals_are_worded() {
        // A real refusal of the domain, worded in both languages.
        let mut p = crate::domain::demo::demo_project();
        let won = p.stages.iter().find(|s| s.is_won).map(|s| s.id).unwrap();
        let other = p.stages[0].id;
        let e = crate::domain::layer2::stage_list::delete_stage(&mut p, won, other).unwrap_err();
        assert_eq!(
            stage_error_text(&e, Lang::En),
            "The «won» stage cannot be deleted: mark another stage as won first."
        );
    }
}
