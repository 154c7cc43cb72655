//! Named load and storage errors, each with a message a consultant understands: what is wrong
//! and where (file, field path, row), in Russian first.

use crate::i18n::format::fmt_num;
use crate::i18n::Lang;

/// Why a project file (or a stored project) could not be loaded. Nothing is changed when any of
/// these happens.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// Larger than the file-size limit.
    TooLarge { bytes: u64, limit: u64 },
    /// Empty file.
    Empty,
    /// Not JSON at all (syntax error at a position).
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    /// JSON nested deeper than any project file is.
    TooDeep { line: usize },
    /// JSON, but not a Sloy project (no `format: "sloy-project"`).
    ForeignJson { found: Option<String> },
    /// `schema_version` missing or not a whole number.
    NoVersion,
    /// Written by a newer Sloy than this one.
    NewerVersion { found: u64, supported: u64 },
    /// A migration step failed.
    Migration { from: u64, detail: String },
    /// A field has the wrong type, is missing, or is unknown; `path` is like `data.deals[3].amount`.
    Invalid { path: String, detail: String },
    /// Two entities of one list share an id.
    DuplicateId { path: String, id: String },
    /// An id refers to nothing in the project.
    BrokenReference {
        path: String,
        target: &'static str,
        id: String,
    },
    /// Stored data could not be decompressed.
    Corrupt { detail: String },
}

fn mb(bytes: u64, lang: Lang) -> String {
    fmt_num(bytes as f64 / 1_048_576.0, 1, lang)
}

impl LoadError {
    /// The message for the user, saying what is wrong and where.
    pub fn message(&self, lang: Lang) -> String {
        use LoadError::*;
        match (self, lang) {
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
            (NotJson { line, column, detail }, Lang::Ru) => format!(
                "Это не JSON: ошибка синтаксиса в строке {line}, позиция {column} ({}). Возможно, файл повреждён или это не файл проекта.",
                ru_serde(detail)
            ),
            (NotJson { line, column, detail }, Lang::En) => {
                format!("This is not JSON: syntax error at line {line}, column {column} ({detail}).")
            }
            (TooDeep { line }, Lang::Ru) => format!(
                "Слишком глубокая вложенность JSON (строка {line}): файлы проектов Sloy так не устроены. Файл не загружен."
            ),
            (TooDeep { line }, Lang::En) => {
                format!("JSON nested too deeply (line {line}); Sloy project files are not shaped like this.")
            }
            (ForeignJson { found: None }, Lang::Ru) => {
                "Это JSON другой программы: в нём нет признака файла проекта Sloy (поле \"format\": \"sloy-project\").".into()
            }
            (ForeignJson { found: Some(f) }, Lang::Ru) => {
                format!("Это файл другого формата («{f}»), а не проект Sloy (\"sloy-project\").")
            }
            (ForeignJson { found: None }, Lang::En) => {
                "This is JSON of another program: it has no \"format\": \"sloy-project\" field.".into()
            }
            (ForeignJson { found: Some(f) }, Lang::En) => {
                format!("This file has format «{f}», not a Sloy project (\"sloy-project\").")
            }
            (NoVersion, Lang::Ru) => "В файле нет номера версии схемы (schema_version) — файл повреждён.".into(),
            (NoVersion, Lang::En) => "The file has no schema_version; it is damaged.".into(),
            (NewerVersion { found, supported }, Lang::Ru) => format!(
                "Файл создан более новой версией Sloy (схема v{found}, эта версия понимает до v{supported}). Обновите приложение (перезагрузите страницу при подключении к сети) и откройте файл снова."
            ),
            (NewerVersion { found, supported }, Lang::En) => format!(
                "The file was made by a newer Sloy (schema v{found}; this version reads up to v{supported}). Update the app and open the file again."
            ),
            (Migration { from, detail }, Lang::Ru) => {
                format!("Не удалось перевести файл со схемы v{from} на текущую: {detail}.")
            }
            (Migration { from, detail }, Lang::En) => format!("Could not migrate the file from schema v{from}: {detail}."),
            (Invalid { path, detail }, Lang::Ru) => format!("Ошибка в данных, поле {path}: {}.", ru_serde(detail)),
            (Invalid { path, detail }, Lang::En) => format!("Invalid data at {path}: {detail}."),
            (DuplicateId { path, id }, Lang::Ru) => {
                format!("Повторяющийся идентификатор {id} в {path}: у двух записей одного списка один id.")
            }
            (DuplicateId { path, id }, Lang::En) => format!("Duplicate id {id} at {path}."),
            (BrokenReference { path, target, id }, Lang::Ru) => {
                format!("Поле {path} ссылается на {} с id {id}, которого нет в проекте.", target_ru(target))
            }
            (BrokenReference { path, target, id }, Lang::En) => {
                format!("{path} refers to a {target} with id {id} that is not in the project.")
            }
            (Corrupt { detail }, Lang::Ru) => format!("Сохранённые данные повреждены и не читаются ({detail})."),
            (Corrupt { detail }, Lang::En) => format!("The stored data is damaged and cannot be read ({detail})."),
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Ru))
    }
}

fn target_ru(t: &str) -> &'static str {
    match t {
        "client" => "клиента",
        "manager" => "менеджера",
        "stage" => "этап",
        "channel" => "канал",
        "region" => "регион",
        "business line" => "бизнес-направление",
        "contact" => "контакт",
        "deal" => "сделку",
        "need" => "потребность",
        "advantage" => "преимущество",
        "activity" => "мероприятие",
        _ => "запись",
    }
}

/// Translates serde's English phrases into Russian; anything unknown is kept as is.
pub fn ru_serde(detail: &str) -> String {
    // Strip serde_json's " at line X column Y": the position is reported separately.
    let d = match detail.find(" at line ") {
        Some(i) => &detail[..i],
        None => detail,
    };
    if let Some(f) = d.strip_prefix("missing field ") {
        return format!("отсутствует обязательное поле «{}»", f.trim_matches('`'));
    }
    if let Some(rest) = d.strip_prefix("unknown field ") {
        let name = rest.split(',').next().unwrap_or(rest);
        return format!("неизвестное поле {name}");
    }
    if let Some(rest) = d.strip_prefix("unknown variant ") {
        let name = rest.split(',').next().unwrap_or(rest);
        return format!("недопустимое значение {name}");
    }
    if let Some(rest) = d.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!(
                "неверный тип: {} вместо ожидаемого «{}»",
                ru_kind(found),
                expected
            );
        }
    }
    if let Some(rest) = d.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!(
                "недопустимое значение {} (ожидалось {})",
                ru_kind(found),
                expected
            );
        }
    }
    if d.starts_with("input contains invalid characters") || d.starts_with("premature end of input")
    {
        return format!("недопустимое значение ({d})");
    }
    match d {
        "EOF while parsing a value"
        | "EOF while parsing an object"
        | "EOF while parsing a list"
        | "EOF while parsing a string" => "файл обрывается на середине".into(),
        "expected value" => "ожидалось значение".into(),
        "trailing characters" => "лишние символы после конца данных".into(),
        "key must be a string" => "ключ должен быть строкой".into(),
        "expected `,` or `}`" => "ожидалась «,» или «}»".into(),
        "expected `,` or `]`" => "ожидалась «,» или «]»".into(),
        "expected `:`" => "ожидалось «:»".into(),
        _ => d.to_string(),
    }
}

fn ru_kind(found: &str) -> String {
    let f = found.trim();
    if let Some(s) = f.strip_prefix("string ") {
        return format!("строка {s}");
    }
    if let Some(s) = f.strip_prefix("integer ") {
        return format!("число {s}");
    }
    if let Some(s) = f.strip_prefix("floating point ") {
        return format!("число {s}");
    }
    match f {
        "map" => "объект".into(),
        "sequence" => "список".into(),
        "null" => "null".into(),
        "boolean `true`" | "boolean `false`" => "логическое значение".into(),
        _ => f.to_string(),
    }
}

/// A storage write failure.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// The browser's storage quota is full.
    Quota,
    /// Another tab saved the project after this tab loaded it.
    Conflict {
        their_rev: u64,
        their_saved_at: String,
    },
    /// Storage is unavailable (private mode, disabled).
    Unavailable(String),
}

impl StoreError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
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
            (StoreError::Unavailable(d), Lang::Ru) => format!("Хранилище браузера недоступно ({d}). Экспортируйте проект в файл."),
            (StoreError::Unavailable(d), Lang::En) => format!("Browser storage is unavailable ({d}). Export the project to a file."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_phrases_in_russian() {
        assert_eq!(
            ru_serde("missing field `name` at line 1 column 5"),
            "отсутствует обязательное поле «name»"
        );
        assert!(
            ru_serde("invalid type: string \"abc\", expected a money amount (number)")
                .starts_with("неверный тип: строка \"abc\"")
        );
        assert!(ru_serde("unknown variant `Z`, expected one of `A`, `B`").contains("`Z`"));
    }
}
