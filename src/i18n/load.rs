//! Messages of project-file loading, in Russian and English: the typed [`LoadError`]s and
//! [`Issue`]s of `persist` become sentences that name the record («Сделка D05 («Поставка»)»)
//! and the field by its human name («Сумма»), never a serde path or library English.

use super::format::{fmt_int, fmt_num, shorten};
use super::Lang;
use crate::persist::error::{
    Damage, Expected, Found, Issue, IssueKind, LoadError, MigrationProblem, Problem, StoreError,
    Syntax, Target, Unavailable,
};
use crate::persist::place::{Place, Seg};

/// The human name of a list's records (singular), by the list's key path.
fn record_kind(list: &str, lang: Lang) -> Option<&'static str> {
    let (ru, en) = match list {
        "clients" => ("Клиент", "Client"),
        "deals" => ("Сделка", "Deal"),
        "managers" => ("Менеджер", "Manager"),
        "stages" => ("Этап ТФС", "Stage"),
        "channels" => ("Канал", "Channel"),
        "regions" => ("Регион", "Region"),
        "business_lines" => ("Бизнес-направление", "Business line"),
        "contacts" => ("Контакт", "Contact"),
        "revenues" => ("Выручка клиента", "Client revenue"),
        "import_mappings" => ("Сопоставление столбцов", "Column mapping"),
        "layer1.market_volumes" => ("Объём рынка", "Market volume"),
        "layer1.manager_plans" => ("План менеджера", "Manager plan"),
        "layer1.actuals" => ("Фактические продажи", "Actual sales"),
        "layer1.hypotheses" => ("Гипотеза", "Hypothesis"),
        "layer1.seasonality" => ("Сезонность, месяц", "Seasonality, month"),
        "layer3.map_templates" => ("Типовая карта", "Typical map"),
        "layer3.activities" => ("Мероприятие", "Activity"),
        "layer3.touch_points" => ("Касание", "Touch point"),
        "layer4.needs" => ("Потребность", "Need"),
        "layer4.advantages" => ("Преимущество", "Advantage"),
        "layer4.matrix" => ("Ячейка матрицы", "Matrix cell"),
        "layer4.questions" => ("Вопрос", "Question"),
        "layer4.briefing" => ("Пункт брифинга", "Briefing item"),
        "layer5.checklists" => ("Чек-лист этапа", "Stage checklist"),
        "layer5.coaching" => ("Запись дотяжки", "Coaching note"),
        "diagnosis.saved" => ("Сохранённый диагноз", "Saved diagnosis"),
        "method.ticked" => ("Отметка карты метода", "Method map tick"),
        _ => return None,
    };
    Some(lang.pick(ru, en))
}

/// The human name of a field key.
pub fn field_name(key: &str, lang: Lang) -> Option<&'static str> {
    let (ru, en) = match key {
        "amount" => ("Сумма", "Amount"),
        "name" => ("Наименование", "Name"),
        "code" => ("Код", "Code"),
        "title" => ("Название", "Title"),
        "id" => ("Идентификатор", "Id"),
        "client_id" => ("Клиент", "Client"),
        "manager_id" => ("Менеджер", "Manager"),
        "channel_id" => ("Канал", "Channel"),
        "channel_ids" => ("Каналы", "Channels"),
        "region_id" => ("Регион", "Region"),
        "business_line_id" => ("Бизнес-направление", "Business line"),
        "business_line_ids" => ("Бизнес-направления", "Business lines"),
        "stage_id" => ("Этап", "Stage"),
        "deal_id" => ("Сделка", "Deal"),
        "need_id" | "need_ids" => ("Потребность", "Need"),
        "advantage_id" => ("Преимущество", "Advantage"),
        "activity_id" => ("Мероприятие", "Activity"),
        "contact_id" | "confirmed_by" => ("Контакт", "Contact"),
        "parent_id" => ("Родительская потребность", "Parent need"),
        "target_client_ids" => ("Целевые клиенты", "Target clients"),
        "influences" => ("Влияет на", "Influences"),
        "status" => ("Статус", "Status"),
        "created" => ("Дата создания", "Created"),
        "closed" => ("Дата закрытия", "Closed"),
        "entered" => ("Дата входа в этап", "Entered"),
        "history" => ("История этапов", "Stage history"),
        "lost_reason" => ("Причина проигрыша", "Lost reason"),
        "next_step" => ("Следующий шаг", "Next step"),
        "next_step_date" => ("Дата следующего шага", "Next step date"),
        "notes" | "note" => ("Заметки", "Notes"),
        "industry" => ("Отрасль", "Industry"),
        "category_override" => ("Категория вручную", "Category override"),
        "category" => ("Категория", "Category"),
        "year" => ("Год", "Year"),
        "won_deals" => ("Выигранных сделок", "Won deals"),
        "avg_cycle_days" => ("Средняя длительность сделки", "Average deal cycle"),
        "name_ru" => ("Название", "Name (Russian)"),
        "name_en" => ("Название (англ.)", "Name (English)"),
        "exit_criteria" => ("Критерии выхода", "Exit criteria"),
        "tools" => ("Инструменты", "Tools"),
        "target_conversion" => ("Целевая конверсия", "Target conversion"),
        "win_probability" => ("Вероятность выигрыша", "Win probability"),
        "typical_days" => ("Типичная длительность", "Typical days"),
        "is_funnel" => ("В воронке", "In the funnel"),
        "is_won" => ("Этап выигрыша", "Won stage"),
        "role_focus" | "roles" => ("Роли", "Roles"),
        "role" => ("Роль", "Role"),
        "needs" => ("Потребности", "Needs"),
        "criteria" => ("Критерии решения", "Decision criteria"),
        "teo" => ("ТЭО", "ТЭО"),
        "proposal" => ("КП", "КП"),
        "lines" => ("Строки спецификации", "Specification lines"),
        "qty" => ("Количество", "Quantity"),
        "unit_price" => ("Цена за единицу", "Unit price"),
        "vat_pct" => ("НДС, %", "VAT, %"),
        "delivery" => ("Условия поставки", "Delivery"),
        "payment" => ("Условия оплаты", "Payment"),
        "warranty" => ("Гарантия", "Warranty"),
        "validity_days" => ("Срок действия", "Validity"),
        "investment" => ("Инвестиции", "Investment"),
        "savings" => ("Экономия", "Savings"),
        "opex" => ("Операционные затраты", "Operating costs"),
        "alternative_opex" => ("Затраты альтернативы", "Alternative's costs"),
        "salvage" => ("Остаточная стоимость", "Salvage value"),
        "horizon_years" => ("Горизонт, лет", "Horizon, years"),
        "discount_rate" => ("Ставка дисконтирования", "Discount rate"),
        "presented_on" => ("Дата презентации", "Presented on"),
        "text" => ("Текст", "Text"),
        "weight" => ("Вес", "Weight"),
        "owner" => ("Чей критерий", "Owner"),
        "influenced" => ("Сформирован нами", "Influenced"),
        "date" => ("Дата", "Date"),
        "position" => ("Должность", "Position"),
        "attitude" => ("Отношение", "Attitude"),
        "influence" => ("Влияние", "Influence"),
        "access" => ("Доступ", "Access"),
        "company" => ("Компания", "Company"),
        "money_unit" => ("Единица денег", "Money unit"),
        "as_of" => ("Дата данных", "Data as of"),
        "base_year" => ("Базовый год", "Base year"),
        "plan_year" => ("Планируемый год", "Plan year"),
        "company_plan" => ("План компании", "Company plan"),
        "by_channel" => ("По каналам", "By channel"),
        "by_category" => ("По категориям", "By category"),
        "projects" => ("Проектов", "Projects"),
        "from" => ("С", "From"),
        "to" => ("По", "To"),
        "segment" => ("Сегмент", "Segment"),
        "market_volume" => ("Объём рынка", "Market volume"),
        "expected_share" => ("Ожидаемая доля", "Expected share"),
        "rationale" => ("Обоснование", "Rationale"),
        "budget" => ("Бюджет", "Budget"),
        "planned" => ("Дата", "Planned"),
        "kind" => ("Вид", "Kind"),
        "done" => ("Проведено", "Done"),
        "is_pr" => ("PR", "PR"),
        "positions" => ("Должности", "Positions"),
        "proof" => ("Доказательство", "Proof"),
        "problem_if_unsolved" => ("Проблема, если не решить", "Problem if unsolved"),
        "competitor_vulnerability" => ("Уязвимость конкурента", "Competitor's weakness"),
        "stage_code" => ("Этап", "Stage"),
        "unit" => ("Единица", "Unit"),
        "kp_template" => ("Шаблон КП", "KP template"),
        "teo_template" => ("Шаблон ТЭО", "TEO template"),
        "behaviours" => ("Поведение", "Behaviours"),
        "mistakes" => ("Ошибки", "Mistakes"),
        "say" => ("Говорить", "Say"),
        "avoid" => ("Избегать", "Avoid"),
        "expert" => ("Эксперт", "Expert"),
        "observations" => ("Наблюдения", "Observations"),
        "agreed_actions" => ("Договорённости", "Agreed actions"),
        "follow_up" => ("Дата проверки", "Follow-up"),
        "result" => ("Результат", "Result"),
        "reason" => ("Причина", "Reason"),
        "columns" => ("Столбцы", "Columns"),
        "seasonality" => ("Сезонность", "Seasonality"),
        "threshold_a" => ("Порог A", "Threshold A"),
        "threshold_b" => ("Порог B", "Threshold B"),
        "format" => ("Формат", "Format"),
        "schema_version" => ("Версия схемы", "Schema version"),
        "data" => ("Данные", "Data"),
        _ => return None,
    };
    Some(lang.pick(ru, en))
}

/// A field path in words: «ТЭО › Экономия № 2 › Сумма».
fn field_words(field: &[Seg], lang: Lang) -> String {
    let mut out = String::new();
    for s in field {
        match s {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push_str(" › ");
                }
                match field_name(k, lang) {
                    Some(n) => out.push_str(n),
                    None => out.push_str(&shorten(k, 40)),
                }
            }
            Seg::Index(i) => out.push_str(&format!(" № {}", i + 1)),
        }
    }
    out
}

/// The record in words: «Сделка D05 («Поставка линии»)», «Клиент № 3», «Проект».
pub fn record_words(place: &Place, lang: Lang) -> String {
    let Some(i) = place.index.filter(|_| !place.list.is_empty()) else {
        return lang.pick("Проект", "Project").to_string();
    };
    let kind = match record_kind(&place.list, lang) {
        Some(k) => k.to_string(),
        None => format!(
            "{} «{}»",
            lang.pick("Запись списка", "Item of list"),
            shorten(&place.list, 40)
        ),
    };
    match (&place.code, &place.name) {
        (Some(c), Some(n)) => format!("{kind} {c} («{n}»)"),
        (Some(c), None) => format!("{kind} {c}"),
        (None, Some(n)) => format!("{kind} «{n}» (№ {})", i + 1),
        (None, None) => format!("{kind} № {}", i + 1),
    }
}

/// «Сделка D05 («…»), поле «Сумма»» — the record and the field.
pub fn place_words(place: &Place, lang: Lang) -> String {
    let record = record_words(place, lang);
    if place.field.is_empty() {
        return record;
    }
    format!(
        "{record}, {} «{}»",
        lang.pick("поле", "field"),
        field_words(&place.field, lang)
    )
}

fn found_words(f: &Found, lang: Lang) -> String {
    match f {
        Found::Text(t) => format!("{} «{t}»", lang.pick("текст", "text")),
        Found::Number(n) => format!("{} {n}", lang.pick("число", "number")),
        Found::Bool => lang.pick("логическое значение", "true/false").into(),
        Found::Null => "null".into(),
        Found::List => lang.pick("список", "a list").into(),
        Found::Object => lang.pick("объект", "an object").into(),
        Found::Other(s) => format!("«{s}»"),
    }
}

fn expected_words(e: &Expected, lang: Lang) -> String {
    match e {
        Expected::Money => lang.pick("сумма (число)", "an amount (number)").into(),
        Expected::Number => lang.pick("число", "a number").into(),
        Expected::Integer { unsigned: true } => lang
            .pick("целое число не меньше нуля", "a whole number, zero or more")
            .into(),
        Expected::Integer { unsigned: false } => lang.pick("целое число", "a whole number").into(),
        Expected::Text => lang.pick("текст", "text").into(),
        Expected::List => lang.pick("список", "a list").into(),
        Expected::Object => lang.pick("объект", "an object").into(),
        Expected::Id => lang.pick("идентификатор (UUID)", "an id (UUID)").into(),
        Expected::Date => lang.pick("дата ГГГГ-ММ-ДД", "a date YYYY-MM-DD").into(),
        Expected::Bool => lang.pick("true или false", "true or false").into(),
        Expected::Choice => lang
            .pick("одно из допустимых значений", "one of the allowed values")
            .into(),
        Expected::Pair => lang.pick("пара текстов", "a pair of texts").into(),
        Expected::Other(s) => format!("«{s}»"),
    }
}

/// What is wrong with a value, in words.
pub fn problem_words(p: &Problem, lang: Lang) -> String {
    match p {
        Problem::WrongType { found, expected } => format!(
            "{} {}; {} {}",
            lang.pick("ожидалось:", "expected"),
            expected_words(expected, lang),
            lang.pick("в файле:", "found"),
            found_words(found, lang)
        ),
        Problem::BadValue { found, expected } => format!(
            "{} {}; {} {}",
            lang.pick("недопустимое значение:", "a value out of range:"),
            found_words(found, lang),
            lang.pick("ожидалось:", "expected"),
            expected_words(expected, lang)
        ),
        Problem::Missing => lang
            .pick("нет обязательного поля", "a required field is missing")
            .into(),
        Problem::Unknown => lang
            .pick(
                "такого поля нет в файлах проекта Sloy (файл другой программы или повреждён)",
                "Sloy project files have no such field (a file of another program, or damaged)",
            )
            .into(),
        Problem::Duplicate => lang
            .pick("поле записано дважды", "the field is written twice")
            .into(),
        Problem::UnknownVariant { found } => format!(
            "{} «{found}»",
            lang.pick("недопустимое значение", "a value that is not allowed:")
        ),
        Problem::BadId { found } => format!(
            "«{found}» {}",
            lang.pick(
                "— не идентификатор (нужен UUID вида 0f8fad5b-d9cb-469f-a165-70867728950e)",
                "is not an id (a UUID like 0f8fad5b-d9cb-469f-a165-70867728950e)"
            )
        ),
        Problem::BadDate { found } => format!(
            "«{found}» {}",
            lang.pick(
                "— не дата (нужна существующая дата ГГГГ-ММ-ДД)",
                "is not a date (an existing date YYYY-MM-DD is needed)"
            )
        ),
        Problem::AmountOutOfRange => lang
            .pick(
                "сумма вне допустимого диапазона (до 900 трлн)",
                "the amount is out of range (up to 900 trillion)",
            )
            .into(),
        Problem::Other(s) => format!("{} ({s})", lang.pick("неверное значение", "invalid value")),
    }
}

fn syntax_words(s: &Syntax, lang: Lang) -> String {
    let (ru, en) = match s {
        Syntax::Truncated => ("файл обрывается на середине", "the file ends in the middle"),
        Syntax::ExpectedValue => ("ожидалось значение", "a value was expected"),
        Syntax::ExpectedComma => (
            "ожидалась запятая или закрывающая скобка",
            "a comma or a closing bracket was expected",
        ),
        Syntax::ExpectedColon => ("ожидалось «:»", "«:» was expected"),
        Syntax::KeyNotString => (
            "имя поля должно быть в кавычках",
            "a field name must be quoted",
        ),
        Syntax::TrailingCharacters => (
            "лишние символы после конца данных",
            "extra characters after the data",
        ),
        Syntax::InvalidNumber => ("неверно записано число", "a badly written number"),
        Syntax::NumberOutOfRange => ("слишком большое число", "a number too large"),
        Syntax::InvalidEscape => (
            "неверная escape-последовательность в строке",
            "an invalid escape in a string",
        ),
        Syntax::ControlCharacter => (
            "управляющий символ внутри строки",
            "a control character inside a string",
        ),
        Syntax::InvalidUnicode => ("неверный символ Юникода", "an invalid Unicode character"),
        Syntax::Other(o) => return format!("«{o}»"),
    };
    lang.pick(ru, en).into()
}

fn target_words(t: Target, lang: Lang) -> &'static str {
    let (ru, en) = match t {
        Target::Client => ("клиента", "a client"),
        Target::Manager => ("менеджера", "a manager"),
        Target::Stage => ("этап", "a stage"),
        Target::Channel => ("канал", "a channel"),
        Target::Region => ("регион", "a region"),
        Target::BusinessLine => ("бизнес-направление", "a business line"),
        Target::Contact => ("контакт", "a contact"),
        Target::Deal => ("сделку", "a deal"),
        Target::Need => ("потребность", "a need"),
        Target::Advantage => ("преимущество", "an advantage"),
        Target::Activity => ("мероприятие", "an activity"),
    };
    lang.pick(ru, en)
}

fn mb(bytes: u64, lang: Lang) -> String {
    fmt_num(bytes as f64 / 1_048_576.0, 1, lang)
}

/// One refused or flagged value: «Сделка D05 («…»), поле «Сумма»: −5 000,00 — сумма не может
/// быть отрицательной».
pub fn issue_words(issue: &Issue, lang: Lang) -> String {
    let place = place_words(&issue.place, lang);
    match &issue.kind {
        IssueKind::Negative { amount } => format!(
            "{place}: {} — {}",
            fmt_num(amount.as_f64(), 2, lang),
            lang.pick(
                "сумма не может быть отрицательной",
                "an amount cannot be negative"
            )
        ),
        IssueKind::Truncated { chars, limit } => match lang {
            Lang::Ru => format!(
                "{place}: текст длиной {} знаков обрезан до {}",
                fmt_int(*chars as i64, lang),
                fmt_int(*limit as i64, lang)
            ),
            Lang::En => format!(
                "{place}: a text of {} characters is cut to {}",
                fmt_int(*chars as i64, lang),
                fmt_int(*limit as i64, lang)
            ),
        },
    }
}

/// The flag of an allowed negative value in the import dialog says so.
pub fn flag_words(issue: &Issue, lang: Lang) -> String {
    match &issue.kind {
        IssueKind::Negative { amount } => format!(
            "{}: {} — {}",
            place_words(&issue.place, lang),
            fmt_num(amount.as_f64(), 2, lang),
            lang.pick(
                "отрицательное значение; проверьте, что это возврат или корректировка",
                "a negative value; check that it is a return or a correction"
            )
        ),
        IssueKind::Truncated { .. } => issue_words(issue, lang),
    }
}

/// The message of a load error, saying what is wrong and where.
pub fn load_error(e: &LoadError, lang: Lang) -> String {
    use LoadError::*;
    match (e, lang) {
        (TooLarge { bytes, limit }, Lang::Ru) => format!(
            "Файл слишком большой: {} МБ. Sloy открывает файлы проектов до {} МБ — это не похоже на файл проекта.",
            mb(*bytes, lang),
            mb(*limit, lang)
        ),
        (TooLarge { bytes, limit }, Lang::En) => format!(
            "The file is too large: {} MB. Sloy opens project files up to {} MB; this does not look like a project file.",
            mb(*bytes, lang),
            mb(*limit, lang)
        ),
        (Empty, Lang::Ru) => "Файл пустой.".into(),
        (Empty, Lang::En) => "The file is empty.".into(),
        (NotJson { line, column, syntax }, Lang::Ru) => format!(
            "Это не JSON: ошибка синтаксиса в строке {line}, позиция {column} ({}). Возможно, файл повреждён или это не файл проекта.",
            syntax_words(syntax, lang)
        ),
        (NotJson { line, column, syntax }, Lang::En) => format!(
            "This is not JSON: syntax error at line {line}, column {column} ({}). The file may be damaged or not a project file.",
            syntax_words(syntax, lang)
        ),
        (TooDeep { line }, Lang::Ru) => format!(
            "Слишком глубокая вложенность JSON (строка {line}): файлы проектов Sloy так не устроены. Файл не загружен."
        ),
        (TooDeep { line }, Lang::En) => {
            format!("JSON nested too deeply (line {line}); Sloy project files are not shaped like this. The file is not loaded.")
        }
        (ForeignJson { found: None }, Lang::Ru) => {
            "Это JSON другой программы: в нём нет признака файла проекта Sloy (поле \"format\": \"sloy-project\").".into()
        }
        (ForeignJson { found: Some(f) }, Lang::Ru) => {
            format!("Это файл другого формата («{}»), а не проект Sloy (\"sloy-project\").", shorten(f, 60))
        }
        (ForeignJson { found: None }, Lang::En) => {
            "This is JSON of another program: it has no \"format\": \"sloy-project\" field.".into()
        }
        (ForeignJson { found: Some(f) }, Lang::En) => {
            format!("This file has format «{}», not a Sloy project (\"sloy-project\").", shorten(f, 60))
        }
        (NoVersion, Lang::Ru) => "В файле нет номера версии схемы (schema_version) — файл повреждён.".into(),
        (NoVersion, Lang::En) => "The file has no schema version (schema_version); it is damaged.".into(),
        (NewerVersion { found, supported }, Lang::Ru) => format!(
            "Файл создан более новой версией Sloy (схема v{found}, эта версия понимает до v{supported}). Обновите приложение (перезагрузите страницу при подключении к сети) и откройте файл снова."
        ),
        (NewerVersion { found, supported }, Lang::En) => format!(
            "The file was made by a newer Sloy (schema v{found}; this version reads up to v{supported}). Update the app (reload the page while online) and open the file again."
        ),
        (Migration { from, problem }, Lang::Ru) => {
            format!("Не удалось перевести файл со схемы v{from} на текущую: {}.", migration_words(problem, lang))
        }
        (Migration { from, problem }, Lang::En) => {
            format!("Could not migrate the file from schema v{from}: {}.", migration_words(problem, lang))
        }
        (Invalid { place, problem: Problem::Missing }, _) if !place.field.is_empty() => {
            let record = Place { field: vec![], ..(**place).clone() };
            format!(
                "{} {}: {} «{}».",
                lang.pick("Ошибка в данных.", "Invalid data."),
                record_words(&record, lang),
                lang.pick("нет обязательного поля", "the required field is missing:"),
                field_words(&place.field, lang)
            )
        }
        (Invalid { place, problem }, Lang::Ru) => {
            format!("Ошибка в данных. {}: {}.", place_words(place, lang), problem_words(problem, lang))
        }
        (Invalid { place, problem }, Lang::En) => {
            format!("Invalid data. {}: {}.", place_words(place, lang), problem_words(problem, lang))
        }
        (DuplicateId { place, id }, Lang::Ru) => format!(
            "Повторяющийся идентификатор {id}: {} — у двух записей одного списка один id.",
            place_words(place, lang)
        ),
        (DuplicateId { place, id }, Lang::En) => format!(
            "Duplicate id {id}: {} — two records of one list share it.",
            place_words(place, lang)
        ),
        (DuplicateRevenue { place, year }, Lang::Ru) => format!(
            "{}: выручка клиента за {year} год записана дважды.",
            place_words(place, lang)
        ),
        (DuplicateRevenue { place, year }, Lang::En) => format!(
            "{}: the client's revenue for {year} is written twice.",
            place_words(place, lang)
        ),
        (BrokenReference { place, target, id }, Lang::Ru) => format!(
            "{} ссылается на {} с id {id}, которого нет в проекте.",
            place_words(place, lang),
            target_words(*target, lang)
        ),
        (BrokenReference { place, target, id }, Lang::En) => format!(
            "{} refers to {} with id {id} that is not in the project.",
            place_words(place, lang),
            target_words(*target, lang)
        ),
        (Refused { issues, total }, _) => {
            let head = match lang {
                Lang::Ru => format!(
                    "Файл не импортирован: отрицательных сумм — {}. Исправьте их в файле и импортируйте снова.",
                    fmt_int(*total as i64, lang)
                ),
                Lang::En => format!(
                    "The file is not imported: it has negative amounts ({}). Correct them in the file and import it again.",
                    fmt_int(*total as i64, lang)
                ),
            };
            let mut lines = vec![head];
            lines.extend(issues.iter().map(|i| format!("• {}.", issue_words(i, lang))));
            if *total > issues.len() {
                lines.push(match lang {
                    Lang::Ru => format!("… и ещё {}.", fmt_int((*total - issues.len()) as i64, lang)),
                    Lang::En => format!("… and {} more.", fmt_int((*total - issues.len()) as i64, lang)),
                });
            }
            lines.join("\n")
        }
        (Corrupt { damage }, Lang::Ru) => {
            format!("Сохранённые данные повреждены и не читаются ({}).", damage_words(damage, lang))
        }
        (Corrupt { damage }, Lang::En) => {
            format!("The stored data is damaged and cannot be read ({}).", damage_words(damage, lang))
        }
    }
}

/// Why a migration step failed, in words.
pub fn migration_words(p: &MigrationProblem, lang: Lang) -> String {
    match p {
        MigrationProblem::NoStep => lang.pick("нет шага миграции", "no migration step").into(),
    }
}

/// What is wrong with a stored value, in words (names taken from storage shortened).
pub fn damage_words(d: &Damage, lang: Lang) -> String {
    let key = |k: &str| shorten(k, 80).into_owned();
    match (d, lang) {
        (Damage::NoLength, _) => lang.pick("нет длины", "no length").into(),
        (Damage::BadLength, _) => lang.pick("неверная длина", "invalid length").into(),
        (Damage::BadCharacter, _) => lang.pick("недопустимый символ", "invalid character").into(),
        (Damage::Truncated, _) => lang.pick("данные обрезаны", "the data is cut short").into(),
        (Damage::Inflate(status), Lang::Ru) => format!("распаковка: {}", shorten(status, 80)),
        (Damage::Inflate(status), Lang::En) => format!("decompression: {}", shorten(status, 80)),
        (Damage::NotUtf8, _) => lang.pick("не UTF-8", "not UTF-8").into(),
        (Damage::MissingPart { key: k }, Lang::Ru) => format!("нет части данных {}", key(k)),
        (Damage::MissingPart { key: k }, Lang::En) => format!("data part {} is missing", key(k)),
        (Damage::Part { key: k, damage }, _) => {
            format!("{}: {}", key(k), damage_words(damage, lang))
        }
        (Damage::PartNotList { key: k }, Lang::Ru) => format!("{}: не список", key(k)),
        (Damage::PartNotList { key: k }, Lang::En) => format!("{}: not a list", key(k)),
        (Damage::UnexpectedEnd, _) => lang
            .pick(
                "неожиданный конец данных проекта",
                "unexpected end of the project data",
            )
            .into(),
    }
}

/// A storage write failure in words.
pub fn store_error(e: &StoreError, lang: Lang) -> String {
    match (e, lang) {
        (StoreError::Quota, Lang::Ru) => {
            "Изменения не сохраняются — хранилище браузера заполнено. Экспортируйте проект в файл.".into()
        }
        (StoreError::Quota, Lang::En) => {
            "Changes are not being saved: the browser storage is full. Export the project to a file.".into()
        }
        (StoreError::Conflict { their_saved_at, .. }, Lang::Ru) => {
            format!("Проект изменён в другой вкладке ({their_saved_at}).")
        }
        (StoreError::Conflict { their_saved_at, .. }, Lang::En) => {
            format!("The project was changed in another tab ({their_saved_at}).")
        }
        (StoreError::Unavailable(why), Lang::Ru) => format!(
            "Хранилище браузера недоступно ({}). Экспортируйте проект в файл.",
            unavailable_words(why, lang)
        ),
        (StoreError::Unavailable(why), Lang::En) => format!(
            "Browser storage is unavailable ({}). Export the project to a file.",
            unavailable_words(why, lang)
        ),
    }
}

/// A project asked for is not in storage (removed in another tab).
pub fn not_stored(lang: Lang) -> &'static str {
    lang.pick(
        "Проект не найден в хранилище.",
        "The project is not in storage.",
    )
}

/// Why storage could not be written, in words.
pub fn unavailable_words(u: &Unavailable, lang: Lang) -> String {
    match u {
        Unavailable::NoStorage => "localStorage".into(),
        Unavailable::Refused(why) => shorten(why, 120).into_owned(),
        Unavailable::NotFound => lang
            .pick("проект не найден", "the project is not found")
            .into(),
        Unavailable::SaveFinished => lang
            .pick("сохранение уже завершено", "the save has already finished")
            .into(),
        Unavailable::ChangedDuringSnapshot => lang
            .pick(
                "проект изменился во время сохранения",
                "the project changed during the save",
            )
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;

    #[test]
    fn a_negative_deal_amount_names_the_deal_and_the_field() {
        let issue = Issue {
            place: Place {
                list: "deals".into(),
                index: Some(4),
                code: Some("D05".into()),
                name: Some("Поставка линии".into()),
                field: vec![Seg::Key("amount".into())],
            },
            kind: IssueKind::Negative {
                amount: Money(-500_000),
            },
        };
        let ru = issue_words(&issue, Lang::Ru);
        assert!(
            ru.starts_with("Сделка D05 («Поставка линии»), поле «Сумма»: "),
            "{ru}"
        );
        assert!(ru.ends_with("сумма не может быть отрицательной"), "{ru}");
        assert!(ru.contains("5\u{a0}000,00"), "{ru}");
        let en = issue_words(&issue, Lang::En);
        assert!(
            en.starts_with("Deal D05 («Поставка линии»), field «Amount»: "),
            "{en}"
        );
    }

    #[test]
    fn nested_fields_and_unknown_lists_read_as_words() {
        let p = Place::from_path("data.deals[0].teo.savings[1].amount", None);
        assert_eq!(
            place_words(&p, Lang::Ru),
            "Сделка № 1, поле «ТЭО › Экономия № 2 › Сумма»"
        );
        let q = Place::from_path("data.company.name", None);
        assert_eq!(place_words(&q, Lang::En), "Project, field «Company › Name»");
    }

    #[test]
    fn no_library_english_in_russian_messages() {
        let cases = [
            Problem::from_serde("input is out of range", Some("2025-02-30")).0,
            Problem::from_serde("UUID parsing failed: invalid length", Some("x")).0,
            Problem::from_serde("invalid type: map, expected a sequence", None).0,
            Problem::from_serde(
                "invalid type: string \"x\", expected a money amount (number)",
                None,
            )
            .0,
            Problem::from_serde("amount out of range", None).0,
        ];
        for p in cases {
            let ru = problem_words(&p, Lang::Ru);
            for english in [
                "out of range",
                "parsing failed",
                "a sequence",
                "money amount",
                "expected",
            ] {
                assert!(!ru.contains(english), "{ru}");
            }
            let en = problem_words(&p, Lang::En);
            assert!(
                !en.contains("parsing failed") && !en.contains("a sequence"),
                "{en}"
            );
        }
    }

    #[test]
    fn storage_damage_reads_as_before_in_russian_and_has_no_russian_in_english() {
        let key = "sloy.c.0f3a.d1.0".to_string();
        let corrupt = |damage| LoadError::Corrupt { damage };
        let cases = [
            (corrupt(Damage::NoLength), "Сохранённые данные повреждены и не читаются (нет длины)."),
            (corrupt(Damage::BadLength), "Сохранённые данные повреждены и не читаются (неверная длина)."),
            (corrupt(Damage::BadCharacter), "Сохранённые данные повреждены и не читаются (недопустимый символ)."),
            (corrupt(Damage::Truncated), "Сохранённые данные повреждены и не читаются (данные обрезаны)."),
            (
                corrupt(Damage::Inflate("FailedCannotMakeProgress".into())),
                "Сохранённые данные повреждены и не читаются (распаковка: FailedCannotMakeProgress).",
            ),
            (corrupt(Damage::NotUtf8), "Сохранённые данные повреждены и не читаются (не UTF-8)."),
            (
                corrupt(Damage::MissingPart { key: key.clone() }),
                "Сохранённые данные повреждены и не читаются (нет части данных sloy.c.0f3a.d1.0).",
            ),
            (
                corrupt(Damage::Part { key: key.clone(), damage: Box::new(Damage::Truncated) }),
                "Сохранённые данные повреждены и не читаются (sloy.c.0f3a.d1.0: данные обрезаны).",
            ),
            (
                corrupt(Damage::PartNotList { key: key.clone() }),
                "Сохранённые данные повреждены и не читаются (sloy.c.0f3a.d1.0: не список).",
            ),
            (
                corrupt(Damage::UnexpectedEnd),
                "Сохранённые данные повреждены и не читаются (неожиданный конец данных проекта).",
            ),
            (
                LoadError::Migration { from: 3, problem: MigrationProblem::NoStep },
                "Не удалось перевести файл со схемы v3 на текущую: нет шага миграции.",
            ),
        ];
        for (e, ru) in &cases {
            assert_eq!(load_error(e, Lang::Ru), *ru);
            let en = load_error(e, Lang::En);
            assert!(!crate::i18n::app_russian(&en), "{en}");
        }
        assert_eq!(
            load_error(&cases[6].0, Lang::En),
            "The stored data is damaged and cannot be read (data part sloy.c.0f3a.d1.0 is missing)."
        );
    }

    #[test]
    fn storage_failures_read_as_before_in_russian_and_have_no_russian_in_english() {
        let cases = [
            (
                StoreError::Quota,
                "Изменения не сохраняются — хранилище браузера заполнено. Экспортируйте проект в файл.",
            ),
            (
                StoreError::Conflict { their_rev: 4, their_saved_at: "2026-12-06T05:00:00Z".into() },
                "Проект изменён в другой вкладке (2026-12-06T05:00:00Z).",
            ),
            (
                StoreError::Unavailable(Unavailable::NoStorage),
                "Хранилище браузера недоступно (localStorage). Экспортируйте проект в файл.",
            ),
            (
                StoreError::Unavailable(Unavailable::NotFound),
                "Хранилище браузера недоступно (проект не найден). Экспортируйте проект в файл.",
            ),
        ];
        for (e, ru) in &cases {
            assert_eq!(store_error(e, Lang::Ru), *ru);
        }
        for why in [
            Unavailable::NoStorage,
            Unavailable::Refused("SecurityError".into()),
            Unavailable::NotFound,
            Unavailable::SaveFinished,
            Unavailable::ChangedDuringSnapshot,
        ] {
            let e = StoreError::Unavailable(why);
            let en = e.message(Lang::En);
            assert!(!crate::i18n::app_russian(&en), "{en}");
            assert!(!e.message(Lang::Ru).is_empty());
        }
        for e in cases.iter().map(|c| &c.0) {
            assert!(!crate::i18n::app_russian(&store_error(e, Lang::En)));
        }
    }
}
