//! Strings of the table import (clients from CSV, deals from a CRM export). `{}` marks where a
//! value goes (see [`fill`](super::fill)).

/// Strings of the import dialogs.
pub struct Import {
    pub clients_button: &'static str,
    pub deals_button: &'static str,
    pub clients_title: &'static str,
    pub deals_title: &'static str,
    pub choose_file: &'static str,
    pub file_hint: &'static str,
    pub teams_file: &'static str,
    pub accounts_file: &'static str,
    pub optional: &'static str,
    pub file_info: &'static str,
    pub file_info_xlsx: &'static str,
    pub sheet: &'static str,
    pub mapping: &'static str,
    pub column: &'static str,
    pub field: &'static str,
    pub sample: &'static str,
    pub skip: &'static str,
    pub year: &'static str,
    pub year_error: &'static str,
    pub mode_add: &'static str,
    pub mode_update: &'static str,
    pub stage_mapping: &'static str,
    pub crm_stage: &'static str,
    pub rows: &'static str,
    pub project_stage: &'static str,
    pub won: &'static str,
    pub lost: &'static str,
    pub not_mapped: &'static str,
    pub target_current: &'static str,
    pub target_new: &'static str,
    pub preview: &'static str,
    pub preview_counts: &'static str,
    pub updates_title: &'static str,
    pub update_line: &'static str,
    pub updates_more: &'static str,
    pub preview_more: &'static str,
    pub additions: &'static str,
    pub line: &'static str,
    pub problem: &'static str,
    pub confirm: &'static str,
    pub cancel: &'static str,
    pub close: &'static str,
    pub report: &'static str,
    pub report_counts: &'static str,
    pub report_updated: &'static str,
    pub report_no_client: &'static str,
    pub report_added: &'static str,
    pub report_team: &'static str,
    pub report_accounts: &'static str,
    pub rejected: &'static str,
    pub download_rejected: &'static str,
    pub reason: &'static str,
    pub read_error: &'static str,
    pub new_project_name: &'static str,
    pub file_unit: &'static str,
    pub unit_line: &'static str,
    pub unit_chosen: &'static str,
    pub preview_actions: &'static str,
    pub report_unchanged: &'static str,
    pub missing_field: &'static str,
    pub rejected_file: &'static str,
    pub saved: &'static str,
    pub saving: &'static str,
    pub saved_nothing: &'static str,
    pub not_saved_quota: &'static str,
    pub not_saved_conflict: &'static str,
    pub not_saved_unavailable: &'static str,
}

pub const IMPORT_RU: Import = Import {
    clients_button: "Импорт клиентов из CSV или Excel",
    deals_button: "Импорт сделок из CRM",
    clients_title: "Импорт клиентской базы",
    deals_title: "Импорт сделок из выгрузки CRM",
    choose_file: "Файл CSV или Excel (.xlsx)",
    file_hint:
        "Книга Excel (.xlsx, первый лист с данными) или CSV из 1С, Excel, CRM: UTF-8 или Windows-1251, разделитель «;», «,» или табуляция.",
    teams_file: "Команда продаж (менеджеры)",
    accounts_file: "Клиенты (accounts)",
    optional: "необязательно",
    file_info: "{}: {} {}, кодировка {}, разделитель «{}»",
    file_info_xlsx: "{}: {} {}, лист «{}»",
    sheet: "Лист книги Excel",
    mapping: "Сопоставление столбцов",
    column: "Столбец файла",
    field: "Поле",
    sample: "Пример",
    skip: "— не загружать —",
    year: "Год выручки",
    year_error: "Год — целое число, например 2024",
    mode_add: "Добавить всех как новых клиентов",
    mode_update: "Обновить существующих (по коду или наименованию), новых добавить",
    stage_mapping: "Сопоставление этапов",
    crm_stage: "Этап в CRM",
    rows: "Строк",
    project_stage: "Этап ТФС проекта",
    won: "Выиграна",
    lost: "Проиграна (остаётся на достигнутом этапе)",
    not_mapped: "— не сопоставлен (строки отклоняются) —",
    target_current: "В текущий проект",
    target_new: "Как новый проект",
    preview: "Предпросмотр",
    preview_counts: "Прочитано строк: {}, будет загружено: {}, с ошибками: {}",
    updates_title: "Изменятся клиенты, уже внесённые в проект: {}",
    update_line: "строка {}: {}",
    preview_more: "Показаны первые {} строк из {}; ошибки проверены во всех строках (счётчик выше).",
    additions: "Будут добавлены в справочники ({}): {}. Если это опечатки или другое написание уже имеющихся значений, исправьте файл или справочники до загрузки.",
    updates_more: "…и ещё {}",
    line: "Строка",
    problem: "Ошибка",
    confirm: "Загрузить",
    cancel: "Отмена",
    close: "Закрыть",
    report: "Отчёт об импорте",
    report_counts: "Прочитано строк: {}, загружено: {}, отклонено: {}",
    report_updated: "Обновлено существующих: {}",
    report_no_client: "Сделок без клиента (помечены «без клиента»): {}",
    report_added: "Добавлено в справочники:",
    report_team: "Менеджеров из файла команды: {}",
    report_accounts: "Клиентов из файла accounts: {}",
    rejected: "Отклонённые строки",
    download_rejected: "Скачать отклонённые строки (CSV)",
    reason: "Причина",
    read_error: "Файл не читается",
    new_project_name: "Импорт из CRM",
    file_unit: "Единица сумм в файле",
    unit_line: "Суммы файла читаются в единицах «{}» ({}) и записываются в единицах проекта «{}».",
    unit_chosen: "выбрано вручную",
    preview_actions: "Будет добавлено клиентов: {}, изменено: {}, без изменений: {}.",
    report_unchanged: "Совпали и не изменились: {}",
    missing_field: "Не выбран столбец для поля «{}».",
    rejected_file: "отклонённые-строки.csv",
    saved: "Изменения сохранены в браузере.",
    saving: "Сохранение…",
    saved_nothing: "Файл ничего не меняет: проект не изменён.",
    not_saved_quota: "Не сохранено: хранилище браузера переполнено. Данные загружены только в эту вкладку — экспортируйте проект в файл сейчас.",
    not_saved_conflict: "Не сохранено: проект изменён в другой вкладке. Выберите версию в сообщении вверху страницы.",
    not_saved_unavailable: "Не сохранено: хранилище браузера недоступно. Экспортируйте проект в файл.",
};

pub const IMPORT_EN: Import = Import {
    clients_button: "Import clients from CSV or Excel",
    deals_button: "Import deals from a CRM",
    clients_title: "Import the client base",
    deals_title: "Import deals from a CRM export",
    choose_file: "CSV or Excel (.xlsx) file",
    file_hint: "An Excel book (.xlsx, the first sheet with data) or CSV from 1C, Excel, a CRM: UTF-8 or Windows-1251, separated by «;», «,» or tab.",
    teams_file: "Sales team (managers)",
    accounts_file: "Clients (accounts)",
    optional: "optional",
    file_info: "{}: {} {}, encoding {}, separator «{}»",
    file_info_xlsx: "{}: {} {}, sheet «{}»",
    sheet: "Excel worksheet",
    mapping: "Column mapping",
    column: "File column",
    field: "Field",
    sample: "Sample",
    skip: "— do not import —",
    year: "Revenue year",
    year_error: "The year is a whole number, e.g. 2024",
    mode_add: "Add everyone as new clients",
    mode_update: "Update existing clients (by code or name), add new ones",
    stage_mapping: "Stage mapping",
    crm_stage: "CRM stage",
    rows: "Rows",
    project_stage: "Project TFS stage",
    won: "Won",
    lost: "Lost (keeps the stage reached)",
    not_mapped: "— not mapped (rows are rejected) —",
    target_current: "Into the current project",
    target_new: "As a new project",
    preview: "Preview",
    preview_counts: "Rows read: {}, to import: {}, with errors: {}",
    updates_title: "Clients already in the project that will change: {}",
    update_line: "row {}: {}",
    preview_more: "The first {} of {} rows are shown; every row has been checked (see the counts above).",
    additions: "Will be added to the reference lists ({}): {}. If these are typos or other spellings of existing values, correct the file or the lists first.",
    updates_more: "…and {} more",
    line: "Row",
    problem: "Error",
    confirm: "Import",
    cancel: "Cancel",
    close: "Close",
    report: "Import report",
    report_counts: "Rows read: {}, imported: {}, rejected: {}",
    report_updated: "Existing updated: {}",
    report_no_client: "Deals without a client (flagged «без клиента»): {}",
    report_added: "Added to the lists:",
    report_team: "Managers from the team file: {}",
    report_accounts: "Clients from the accounts file: {}",
    rejected: "Rejected rows",
    download_rejected: "Download rejected rows (CSV)",
    reason: "Reason",
    read_error: "The file cannot be read",
    new_project_name: "CRM import",
    file_unit: "Unit of the file's amounts",
    unit_line: "The file's amounts are read in «{}» ({}) and stored in the project's unit «{}».",
    unit_chosen: "chosen by hand",
    preview_actions: "Clients to add: {}, to change: {}, unchanged: {}.",
    report_unchanged: "Matched and unchanged: {}",
    missing_field: "No column is chosen for the field «{}».",
    rejected_file: "rejected-rows.csv",
    saved: "The changes are saved in the browser.",
    saving: "Saving…",
    saved_nothing: "The file changes nothing: the project is as it was.",
    not_saved_quota: "Not saved: the browser's storage is full. The data is loaded in this tab only — export the project to a file now.",
    not_saved_conflict: "Not saved: the project was changed in another tab. Choose a version in the message at the top of the page.",
    not_saved_unavailable: "Not saved: the browser's storage is unavailable. Export the project to a file.",
};

use super::format::{fmt_amount, fmt_num, unit_label};
use super::{fill, Lang};
use crate::domain::import::{Added, Change, DimKind, Field, Problem, UnitSource};
use crate::domain::model::{Category, MoneyUnit};

fn clip(s: &str, max: usize) -> String {
    super::format::shorten(s, max).into_owned()
}

/// The label of an import field.
pub fn field_label(f: Field, lang: Lang) -> &'static str {
    use Field::*;
    let (ru, en) = match f {
        Name => ("Наименование", "Name"),
        Code => ("Код", "Code"),
        Revenue => ("Выручка за год", "Revenue of the year"),
        BusinessLine => (
            "Направления бизнеса (несколько — через «;»)",
            "Business lines (several: separated by «;»)",
        ),
        Channel => ("Канал", "Channel"),
        Region => ("Регион", "Region"),
        Category => ("Категория (A/B/C)", "Category (A/B/C)"),
        Manager => ("Менеджер", "Manager"),
        WonDeals => ("Кол-во выигранных сделок за год", "Won deals in the year"),
        AvgCycle => (
            "Ср. длительность сделки, дней",
            "Average deal duration, days",
        ),
        Title => ("Название сделки / продукт", "Deal title / product"),
        Client => ("Клиент", "Client"),
        Stage => ("Этап", "Stage"),
        Amount => ("Сумма", "Amount"),
        Created => ("Дата создания", "Created"),
        Engaged => ("Дата начала работы", "Engaged"),
        Closed => ("Дата закрытия", "Closed"),
    };
    lang.pick(ru, en)
}

/// Why a row was refused, in words.
pub fn problem_text(p: &Problem, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    let q = |s: &str| clip(s, 60);
    match p {
        Problem::EmptyName if ru => "пустое наименование".into(),
        Problem::EmptyName => "the name is empty".into(),
        Problem::EmptyStage if ru => "пустой этап".into(),
        Problem::EmptyStage => "the stage is empty".into(),
        Problem::UnmappedStage(s) if ru => {
            format!("этап «{}» не сопоставлен с этапами проекта", q(s))
        }
        Problem::UnmappedStage(s) => format!("stage «{}» is not mapped to a project stage", q(s)),
        Problem::NotANumber(s) if ru => format!("«{}» — не число", q(s)),
        Problem::NotANumber(s) => format!("«{}» is not a number", q(s)),
        Problem::NotACount(s) if ru => format!("«{}» — не целое число", q(s)),
        Problem::NotACount(s) => format!("«{}» is not a whole number", q(s)),
        Problem::Negative(s) if ru => format!("«{}» — отрицательное значение не допускается", q(s)),
        Problem::Negative(s) => format!("«{}» is negative, which is not allowed", q(s)),
        Problem::NotADate(s) if ru => format!("«{}» — не дата (ожидается ДД.ММ.ГГГГ)", q(s)),
        Problem::NotADate(s) => format!("«{}» is not a date (DD.MM.YYYY expected)", q(s)),
        Problem::BadCategory(s) if ru => format!("категория «{}» не A, B или C", q(s)),
        Problem::BadCategory(s) => format!("category «{}» is not A, B or C", q(s)),
        Problem::TooLong { chars, max } if ru => {
            format!("текст длиннее допустимого: {chars} знаков при пределе {max}")
        }
        Problem::TooLong { chars, max } => {
            format!("the text is too long: {chars} characters, the limit is {max}")
        }
        Problem::DuplicateDealCode(c) if ru => format!("сделка с кодом «{}» уже есть", q(c)),
        Problem::DuplicateDealCode(c) => format!("a deal with code «{}» already exists", q(c)),
    }
}

/// A reference-list entry, manager or clients an import adds («Регион: Урал»).
pub fn added_text(a: &Added, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    match a {
        Added::Dim { kind, name, .. } => {
            let k = match kind {
                DimKind::BusinessLine => lang.pick("Направление", "Business line"),
                DimKind::Channel => lang.pick("Канал", "Channel"),
                DimKind::Region => lang.pick("Регион", "Region"),
            };
            format!("{k}: {}", clip(name, 80))
        }
        Added::Manager { name, .. } => {
            format!("{}: {}", lang.pick("Менеджер", "Manager"), clip(name, 80))
        }
        Added::ClientsFromDeals(n) if ru => format!("Клиентов добавлено по сделкам: {n}"),
        Added::ClientsFromDeals(n) => format!("Clients added from the deals: {n}"),
    }
}

fn opt(s: Option<String>) -> String {
    s.unwrap_or_else(|| "—".to_string())
}

fn cat(c: Category) -> String {
    format!("{c:?}")
}

/// One change of a row («выручка 100 → 777»), amounts in the project's unit.
pub fn change_text(c: &Change, unit: MoneyUnit, lang: Lang) -> String {
    let c80 = |s: &str| clip(s, 80);
    let money = |m| format!("{} {}", fmt_amount(m, lang), unit_label(unit, lang));
    let (label, old, new) = match c {
        Change::Name { old, new } => (lang.pick("имя", "name"), c80(old), c80(new)),
        Change::Code { old, new } => (lang.pick("код", "code"), c80(old), c80(new)),
        Change::Revenue { old, new } => (
            lang.pick("выручка", "revenue"),
            opt(old.map(money)),
            money(*new),
        ),
        Change::WonDeals { old, new } => (
            lang.pick("выигранных сделок", "won deals"),
            opt(old.map(|x| x.to_string())),
            new.to_string(),
        ),
        Change::AvgCycle { old, new } => (
            lang.pick("длительность сделки, дн.", "deal duration, days"),
            opt(old.map(|x| fmt_num(x, 1, lang))),
            fmt_num(*new, 1, lang),
        ),
        Change::BusinessLines { old, new } => (
            lang.pick("направления", "business lines"),
            if old.is_empty() {
                "—".into()
            } else {
                c80(&old.join("; "))
            },
            c80(&new.join("; ")),
        ),
        Change::Channel { old, new } => (
            lang.pick("канал", "channel"),
            opt(old.as_deref().map(c80)),
            c80(new),
        ),
        Change::Region { old, new } => (
            lang.pick("регион", "region"),
            opt(old.as_deref().map(c80)),
            c80(new),
        ),
        Change::Manager { old, new } => (
            lang.pick("менеджер", "manager"),
            opt(old.as_deref().map(c80)),
            c80(new),
        ),
        Change::Category { old, new } => (
            lang.pick("категория", "category"),
            opt(old.map(cat)),
            cat(*new),
        ),
    };
    format!("{label}: {old} → {new}")
}

/// Where the unit of the file's amounts came from, in words.
pub fn unit_source_text(s: UnitSource, lang: Lang) -> &'static str {
    match s {
        UnitSource::Header => lang.pick("указана в заголовке столбца", "named in the column header"),
        UnitSource::Magnitude => lang.pick(
            "определена по величине сумм: в единицах проекта они были бы нереально велики",
            "told by the size of the amounts: in the project's unit they would be implausibly large",
        ),
        UnitSource::Project => lang.pick(
            "заголовок не называет единицу — взята единица проекта",
            "the header names no unit, so the project's unit is used",
        ),
    }
}

/// «Сумма в файле 247 707 886,01 руб. будет записана как 247 707,89 тыс. ₽».
pub fn conversion_text(
    read: f64,
    from: MoneyUnit,
    stored: crate::domain::money::Money,
    to: MoneyUnit,
    lang: Lang,
) -> String {
    let t = lang.pick(
        "Пример пересчёта: {}\u{a0}{} в файле → {}\u{a0}{} в проекте.",
        "Conversion example: {}\u{a0}{} in the file → {}\u{a0}{} in the project.",
    );
    fill(
        t,
        &[
            &fmt_num(read, 2, lang),
            unit_label(from, lang),
            &fmt_amount(stored, lang),
            unit_label(to, lang),
        ],
    )
}
