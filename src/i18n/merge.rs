//! Strings of the merge of two copies of a project (import «Объединить», two tabs): the
//! preview, the conflicts, the report and the history. `{}` marks where a value goes.

use super::Lang;
use crate::domain::merge::{Change, ConflictKind};
use crate::domain::{MergeSide, RecordKind};

/// Strings of the merge dialog.
pub struct Merge {
    pub title: &'static str,
    pub from_file: &'static str,
    pub from_tab: &'static str,
    pub no_base: &'static str,
    pub backup: &'static str,
    pub nothing: &'static str,
    pub changes: &'static str,
    pub col_record: &'static str,
    pub col_change: &'static str,
    pub col_from: &'static str,
    pub added: &'static str,
    pub changed: &'static str,
    pub deleted: &'static str,
    pub here: &'static str,
    pub in_file: &'static str,
    pub in_tab: &'static str,
    pub more: &'static str,
    pub conflicts: &'static str,
    pub conflicts_hint: &'static str,
    pub all_mine: &'static str,
    pub all_theirs: &'static str,
    pub mine: &'static str,
    pub theirs: &'static str,
    pub col_field: &'static str,
    pub col_mine: &'static str,
    pub col_theirs: &'static str,
    pub why_both: &'static str,
    pub why_deleted_by_them: &'static str,
    pub why_deleted_by_me: &'static str,
    pub why_used_by_them: &'static str,
    pub why_used_by_me: &'static str,
    pub absent: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub apply: &'static str,
    pub choose_all: &'static str,
    pub failed: &'static str,
    pub not_found: &'static str,
    pub done_title: &'static str,
    pub done_counts: &'static str,
    pub done_conflict: &'static str,
    pub cascaded: &'static str,
    pub done_saved: &'static str,
    pub history: &'static str,
    pub history_empty: &'static str,
    pub history_row: &'static str,
    pub history_file: &'static str,
    pub history_tab: &'static str,
    pub field_value: &'static str,
}

pub const MERGE_RU: Merge = Merge {
    title: "Объединение версий проекта",
    from_file: "Версия из файла «{}» объединяется с проектом «{}».",
    from_tab: "Версия, сохранённая в другой вкладке, объединяется с версией этой вкладки (проект «{}»).",
    no_base: "Общая прежняя версия не найдена (файл не выгружался из этого проекта): ничего не удаляется, всё, что различается, — конфликт.",
    backup: "Скачать резервную копию текущего проекта",
    nothing: "Различий нет: версии совпадают.",
    changes: "Изменения без конфликтов: {}",
    col_record: "Запись",
    col_change: "Изменение",
    col_from: "Откуда",
    added: "добавлена",
    changed: "изменена",
    deleted: "удалена",
    here: "здесь",
    in_file: "из файла",
    in_tab: "из другой вкладки",
    more: "… и ещё {}",
    conflicts: "Конфликты: {}",
    conflicts_hint: "Запись изменена в обеих версиях по-разному. Выберите для каждой, какую версию оставить.",
    all_mine: "Везде мои",
    all_theirs: "Везде их",
    mine: "Мои",
    theirs: "Их",
    col_field: "Поле",
    col_mine: "Мои (здесь)",
    col_theirs: "Их",
    why_both: "изменена в обеих версиях",
    why_deleted_by_them: "изменена здесь, удалена в другой версии",
    why_deleted_by_me: "удалена здесь, изменена в другой версии",
    why_used_by_them: "удалена в другой версии, но здесь на неё ссылаются другие записи",
    why_used_by_me: "удалена здесь, но в другой версии на неё ссылаются другие записи",
    absent: "— (нет)",
    yes: "да",
    no: "нет",
    apply: "Объединить",
    choose_all: "Выберите версию для каждого конфликта.",
    failed: "Объединение не выполнено",
    not_found: "Проект не найден в хранилище.",
    done_title: "Проект объединён",
    done_counts: "Из этой версии: {}, из другой: {}, удалено: {}, конфликтов решено: {}.",
    done_conflict: "{} — оставлена версия: {}",
    cascaded: "Удалены вместе с удалённой записью, без которой они не существуют: {}",
    done_saved: "Объединение сохранено в истории проекта.",
    history: "История объединений",
    history_empty: "Объединений ещё не было.",
    history_row: "{} — {}: из этой версии {}, из другой {}, удалено {}, конфликтов {}",
    history_file: "файл «{}»",
    history_tab: "другая вкладка",
    field_value: "{}: {}",
};

pub const MERGE_EN: Merge = Merge {
    title: "Merging versions of the project",
    from_file: "The version from the file «{}» is merged into the project «{}».",
    from_tab: "The version saved in another tab is merged with this tab's version (project «{}»).",
    no_base: "No earlier common version was found (the file was not exported from this project): nothing is deleted, every difference is a conflict.",
    backup: "Download a backup of the current project",
    nothing: "No differences: the versions are the same.",
    changes: "Changes without conflicts: {}",
    col_record: "Record",
    col_change: "Change",
    col_from: "From",
    added: "added",
    changed: "changed",
    deleted: "deleted",
    here: "here",
    in_file: "from the file",
    in_tab: "from the other tab",
    more: "… and {} more",
    conflicts: "Conflicts: {}",
    conflicts_hint: "The record was changed differently in both versions. Choose which version to keep for each.",
    all_mine: "Mine everywhere",
    all_theirs: "Theirs everywhere",
    mine: "Mine",
    theirs: "Theirs",
    col_field: "Field",
    col_mine: "Mine (here)",
    col_theirs: "Theirs",
    why_both: "changed in both versions",
    why_deleted_by_them: "changed here, deleted in the other version",
    why_deleted_by_me: "deleted here, changed in the other version",
    why_used_by_them: "deleted in the other version, but other records here refer to it",
    why_used_by_me: "deleted here, but other records of the other version refer to it",
    absent: "— (none)",
    yes: "yes",
    no: "no",
    apply: "Merge",
    choose_all: "Choose a version for every conflict.",
    failed: "The merge was not done",
    not_found: "The project is not in storage.",
    done_title: "The project is merged",
    done_counts: "From this version: {}, from the other: {}, deleted: {}, conflicts resolved: {}.",
    done_conflict: "{} — kept version: {}",
    cascaded: "Deleted with a deleted record they cannot exist without: {}",
    done_saved: "The merge is kept in the project's history.",
    history: "Merge history",
    history_empty: "No merges yet.",
    history_row: "{} — {}: from this version {}, from the other {}, deleted {}, conflicts {}",
    history_file: "file «{}»",
    history_tab: "another tab",
    field_value: "{}: {}",
};

/// A record kind's name (singular).
pub fn kind_words(kind: RecordKind, lang: Lang) -> &'static str {
    use RecordKind as K;
    let (ru, en) = match kind {
        K::Setting => ("Настройка", "Setting"),
        K::StageOrder => ("Порядок этапов ТФС", "Order of the stages"),
        K::BusinessLine => ("Бизнес-направление", "Business line"),
        K::Channel => ("Канал", "Channel"),
        K::Region => ("Регион", "Region"),
        K::Manager => ("Менеджер", "Manager"),
        K::Client => ("Клиент", "Client"),
        K::Revenue => ("Выручка клиента", "Client revenue"),
        K::Stage => ("Этап ТФС", "Stage"),
        K::Deal => ("Сделка", "Deal"),
        K::Contact => ("Контакт", "Contact"),
        K::MarketVolume => ("Объём рынка", "Market volume"),
        K::ManagerPlan => ("План менеджера", "Manager plan"),
        K::Actual => ("Фактические продажи", "Actual sales"),
        K::Hypothesis => ("Гипотеза", "Hypothesis"),
        K::MapTemplate => ("Типовая карта", "Typical map"),
        K::Activity => ("Мероприятие", "Activity"),
        K::TouchPoint => ("Касание", "Touch point"),
        K::Need => ("Потребность", "Need"),
        K::Advantage => ("Преимущество", "Advantage"),
        K::MatrixCell => ("Ячейка матрицы", "Matrix cell"),
        K::Question => ("Вопрос", "Question"),
        K::Briefing => ("Пункт брифинга", "Briefing item"),
        K::Checklist => ("Чек-лист этапа", "Stage checklist"),
        K::Coaching => ("Запись дотяжки", "Coaching note"),
        K::Tick => ("Отметка карты метода", "Method map tick"),
        K::Override => ("Досрочное открытие слоя", "Layer opened early"),
        K::ImportMapping => ("Сопоставление столбцов", "Column mapping"),
        K::Diagnosis => ("Сохранённый диагноз", "Saved diagnosis"),
    };
    lang.pick(ru, en)
}

/// A setting's name by its path (`company.plan_year`); the path itself when unknown.
pub fn setting_words(path: &str, lang: Lang) -> String {
    let (ru, en) = match path {
        "name" => ("Название проекта", "Project name"),
        "company.name" => ("Компания", "Company"),
        "company.money_unit" => ("Единица денег", "Money unit"),
        "company.as_of" => ("Дата данных", "Data as of"),
        "company.base_year" => ("Базовый год", "Base year"),
        "company.plan_year" => ("Год плана", "Plan year"),
        "company.notes" => ("Заметки о компании", "Company notes"),
        "layer1.abc" => ("Настройки ABC", "ABC settings"),
        "layer1.company_plan" => ("План продаж компании", "Company sales plan"),
        "layer1.category_shares" => ("Цели по категориям", "Category goals"),
        "layer1.win_rates" => ("Доли выигрыша", "Win rates"),
        "layer1.project_goal_overrides" => ("Число проектов вручную", "Project counts set by hand"),
        "layer1.seasonality" => ("Сезонность", "Seasonality"),
        "layer1.max_a_clients_per_manager" => (
            "Лимит клиентов A на менеджера",
            "A clients per manager limit",
        ),
        "layer3.touch_targets" => ("Цели по касаниям", "Touch targets"),
        "layer4.kp_template" => ("Шаблон КП", "KP template"),
        "layer4.teo_template" => ("Шаблон ТЭО", "TEO template"),
        "layer4.payback_threshold_years" => ("Порог окупаемости", "Payback threshold"),
        "diagnosis.thresholds" => ("Пороги диагностики", "Diagnosis thresholds"),
        _ => return path.to_string(),
    };
    lang.pick(ru, en).to_string()
}

/// What a change did, in words.
pub fn change_words(c: Change, t: &Merge) -> &'static str {
    match c {
        Change::Added => t.added,
        Change::Changed => t.changed,
        Change::Deleted => t.deleted,
    }
}

/// Why a record is a conflict, in words.
pub fn conflict_words(k: ConflictKind, t: &Merge) -> &'static str {
    match k {
        ConflictKind::BothChanged => t.why_both,
        ConflictKind::DeletedByThem => t.why_deleted_by_them,
        ConflictKind::DeletedByMe => t.why_deleted_by_me,
        ConflictKind::Used {
            deleted_by: MergeSide::Theirs,
        } => t.why_used_by_them,
        ConflictKind::Used {
            deleted_by: MergeSide::Mine,
        } => t.why_used_by_me,
    }
}

/// A side, as the conflict buttons and the report name it.
pub fn side_words(s: MergeSide, t: &Merge) -> &'static str {
    match s {
        MergeSide::Mine => t.mine,
        MergeSide::Theirs => t.theirs,
    }
}
