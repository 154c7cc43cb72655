//! Named load and storage errors. They are typed values — what is wrong and where (the record
//! and the field inside it) — and `i18n::load` renders them in the UI's language. No library
//! English reaches the user: serde_json's messages are mapped onto [`Problem`] and [`Syntax`]
//! here, and what is not recognised is kept (shortened) only as a last resort.

use super::place::Place;
use crate::domain::Money;
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
        syntax: Syntax,
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
    Migration {
        from: u64,
        problem: MigrationProblem,
    },
    /// A field has the wrong type, is missing, or is unknown.
    Invalid { place: Box<Place>, problem: Problem },
    /// Two entities of one list share an id.
    DuplicateId { place: Box<Place>, id: String },
    /// A client has two revenue entries for one year.
    DuplicateRevenue { place: Box<Place>, year: i32 },
    /// An id refers to nothing in the project.
    BrokenReference {
        place: Box<Place>,
        target: Target,
        id: String,
    },
    /// Values that are well-formed but refused on import (see `validate::check_values`), the
    /// first few of them and how many there are in all.
    Refused { issues: Vec<Issue>, total: usize },
    /// Stored data could not be decompressed or put back together.
    Corrupt { damage: Damage },
}

/// Why a migration step could not bring a file up to the current schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MigrationProblem {
    /// No step is known from this version (a file of an unreleased schema).
    NoStep,
}

/// What is wrong with a stored value (see `codec::unpack` and `library::stored_text`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Damage {
    /// A packed value without its length.
    NoLength,
    /// A packed value whose length is not a number.
    BadLength,
    /// A character outside the packing alphabet.
    BadCharacter,
    /// Fewer bytes than the length says: the value was cut short.
    Truncated,
    /// The deflated bytes do not inflate (the inflater's status, e.g. `FailedCannotMakeProgress`).
    Inflate(String),
    /// The inflated bytes are not UTF-8 text.
    NotUtf8,
    /// A part (chunk) the project lists is not in storage.
    MissingPart { key: String },
    /// A part (chunk) is damaged.
    Part { key: String, damage: Box<Damage> },
    /// A part (chunk) is not a JSON list.
    PartNotList { key: String },
    /// The project value does not end the way it is written.
    UnexpectedEnd,
}

/// What kind of entity a reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Client,
    Manager,
    Stage,
    Channel,
    Region,
    BusinessLine,
    Contact,
    Deal,
    Need,
    Advantage,
    Activity,
}

/// A JSON syntax error, from serde_json's message.
#[derive(Clone, Debug, PartialEq)]
pub enum Syntax {
    /// The file ends in the middle of a value.
    Truncated,
    ExpectedValue,
    ExpectedComma,
    ExpectedColon,
    KeyNotString,
    TrailingCharacters,
    InvalidNumber,
    NumberOutOfRange,
    InvalidEscape,
    ControlCharacter,
    InvalidUnicode,
    /// Not recognised: serde_json's text, shortened.
    Other(String),
}

impl Syntax {
    /// Maps serde_json's syntax message (without its " at line … column …").
    pub fn from_serde(msg: &str) -> Syntax {
        let m = strip_position(msg);
        match m {
            _ if m.starts_with("EOF while parsing") => Syntax::Truncated,
            "expected value" | "expected ident" => Syntax::ExpectedValue,
            "expected `,` or `}`" | "expected `,` or `]`" => Syntax::ExpectedComma,
            "expected `:`" => Syntax::ExpectedColon,
            "key must be a string" => Syntax::KeyNotString,
            "trailing characters" | "trailing comma" => Syntax::TrailingCharacters,
            "invalid number" => Syntax::InvalidNumber,
            "number out of range" => Syntax::NumberOutOfRange,
            "invalid escape" => Syntax::InvalidEscape,
            _ if m.starts_with("control character") => Syntax::ControlCharacter,
            _ if m.contains("unicode") || m.contains("surrogate") || m.contains("UTF-8") => {
                Syntax::InvalidUnicode
            }
            _ => Syntax::Other(crate::i18n::format::shorten(m, 80).into_owned()),
        }
    }
}

/// What is wrong with one value of the file.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A value of another JSON type than the field takes.
    WrongType { found: Found, expected: Expected },
    /// A value of the right type outside what the field takes (a negative count, 300 for a u8).
    BadValue { found: Found, expected: Expected },
    /// A required field is not there (its key, also in [`Place::field`]).
    Missing,
    /// A field this version of Sloy does not know (its key, also in [`Place::field`]).
    Unknown,
    /// The same field twice in one record.
    Duplicate,
    /// A choice that is not one of the allowed ones (a status `"maybe"`).
    UnknownVariant { found: String },
    /// Not an id (UUID).
    BadId { found: String },
    /// Not a date `ГГГГ-ММ-ДД` (or an impossible one like 2025-02-30).
    BadDate { found: String },
    /// A money amount beyond ±900 000 000 000 000 (or not finite).
    AmountOutOfRange,
    /// Not recognised: the library's text, shortened.
    Other(String),
}

/// The JSON value found where another was expected (strings shortened).
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    Text(String),
    Number(String),
    Bool,
    Null,
    List,
    Object,
    Other(String),
}

/// The kind of value a field takes.
#[derive(Clone, Debug, PartialEq)]
pub enum Expected {
    Money,
    Number,
    /// A whole number (a count, a year); `unsigned` when it cannot be negative.
    Integer {
        unsigned: bool,
    },
    Text,
    List,
    Object,
    Id,
    Date,
    Bool,
    /// One of a fixed set of words (a status, a role).
    Choice,
    /// A pair of texts `[a, b]`.
    Pair,
    Other(String),
}

/// A value the import refuses or flags, with where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    pub place: Place,
    pub kind: IssueKind,
}

/// What is wrong with a well-formed value.
#[derive(Clone, Debug, PartialEq)]
pub enum IssueKind {
    /// A negative amount, revenue, volume, budget, price or quantity.
    Negative { amount: Money },
    /// A text longer than its limit, cut to `limit` characters on import.
    Truncated { chars: usize, limit: usize },
}

fn strip_position(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

fn unquote(s: &str) -> &str {
    s.trim().trim_matches('`').trim_matches('"')
}

impl Found {
    fn from_serde(s: &str) -> Found {
        let s = s.trim();
        let short = |x: &str| crate::i18n::format::shorten(x, 60).into_owned();
        if let Some(x) = s.strip_prefix("string ") {
            return Found::Text(short(unquote(x)));
        }
        for p in ["integer ", "floating point ", "unsigned integer "] {
            if let Some(x) = s.strip_prefix(p) {
                return Found::Number(short(unquote(x)));
            }
        }
        match s {
            "map" => Found::Object,
            "sequence" => Found::List,
            "null" | "unit value" | "unit" => Found::Null,
            _ if s.starts_with("boolean") => Found::Bool,
            _ => Found::Other(short(s)),
        }
    }
}

impl Expected {
    fn from_serde(s: &str) -> Expected {
        let s = s.trim();
        match s {
            "a money amount (number)" => Expected::Money,
            "f64" | "f32" => Expected::Number,
            "u8" | "u16" | "u32" | "u64" | "usize" => Expected::Integer { unsigned: true },
            "i8" | "i16" | "i32" | "i64" | "isize" => Expected::Integer { unsigned: false },
            "a string" | "a borrowed string" => Expected::Text,
            "a sequence" => Expected::List,
            "a boolean" => Expected::Bool,
            "variant identifier" => Expected::Choice,
            "a tuple of size 2" => Expected::Pair,
            _ if s.starts_with("struct ") || s.starts_with("a map") => Expected::Object,
            _ if s.starts_with("a tuple") => Expected::Pair,
            _ if s.starts_with("a UUID") || s.contains("UUID") => Expected::Id,
            _ if s.contains("date") => Expected::Date,
            _ if s.starts_with("one of") || s.starts_with("enum ") => Expected::Choice,
            _ => Expected::Other(crate::i18n::format::shorten(s, 60).into_owned()),
        }
    }
}

impl Problem {
    /// Maps serde_json's data-error message onto a problem. The field key of "missing" and
    /// "unknown" errors is returned too: the scanner's path stops at the record for those.
    pub fn from_serde(msg: &str, found_text: Option<&str>) -> (Problem, Option<String>) {
        let m = strip_position(msg);
        let found_str = || crate::i18n::format::shorten(found_text.unwrap_or(""), 60).into_owned();
        if let Some(f) = m.strip_prefix("missing field ") {
            return (Problem::Missing, Some(unquote(f).to_string()));
        }
        if let Some(rest) = m.strip_prefix("unknown field ") {
            let name = rest.split(", expected").next().unwrap_or(rest);
            let name = name.split(", there are no fields").next().unwrap_or(name);
            return (Problem::Unknown, Some(unquote(name).to_string()));
        }
        if let Some(f) = m.strip_prefix("duplicate field ") {
            return (Problem::Duplicate, Some(unquote(f).to_string()));
        }
        if let Some(rest) = m.strip_prefix("unknown variant ") {
            let name = rest.split(", expected").next().unwrap_or(rest);
            let name = crate::i18n::format::shorten(unquote(name), 60).into_owned();
            return (Problem::UnknownVariant { found: name }, None);
        }
        for (prefix, wrong_type) in [("invalid type: ", true), ("invalid value: ", false)] {
            if let Some(rest) = m.strip_prefix(prefix) {
                if let Some((found, expected)) = rest.rsplit_once(", expected ") {
                    let found = Found::from_serde(found);
                    let expected = Expected::from_serde(expected);
                    let p = if wrong_type {
                        Problem::WrongType { found, expected }
                    } else {
                        Problem::BadValue { found, expected }
                    };
                    return (p, None);
                }
            }
        }
        if let Some(rest) = m.strip_prefix("invalid length ") {
            // A list where a record (serde reads structs from lists too) or a pair is expected.
            if let Some((_, expected)) = rest.split_once(", expected ") {
                let expected = Expected::from_serde(expected);
                if expected != Expected::Id {
                    return (
                        Problem::WrongType {
                            found: Found::List,
                            expected,
                        },
                        None,
                    );
                }
            }
        }
        if m.starts_with("UUID parsing failed")
            || m.starts_with("invalid length") && m.contains("UUID")
        {
            return (Problem::BadId { found: found_str() }, None);
        }
        if m.starts_with("amount ") {
            return (Problem::AmountOutOfRange, None);
        }
        // chrono's parse errors (ParseErrorKind).
        if [
            "input is out of range",
            "no possible date and time matching input",
            "input is not enough for unique date and time",
            "input contains invalid characters",
            "premature end of input",
            "trailing input",
            "bad or unsupported format string",
        ]
        .iter()
        .any(|p| m.starts_with(p))
        {
            return (Problem::BadDate { found: found_str() }, None);
        }
        (
            Problem::Other(crate::i18n::format::shorten(m, 120).into_owned()),
            None,
        )
    }
}

impl LoadError {
    /// The message for the user, saying what is wrong and where.
    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::load::load_error(self, lang)
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Ru))
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
    /// Storage is unavailable (private mode, disabled), or the save could not go on.
    Unavailable(Unavailable),
}

/// Why storage could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unavailable {
    /// The browser has no localStorage for the page (private mode, disabled).
    NoStorage,
    /// The browser refused the write for another reason than the quota (its own words).
    Refused(String),
    /// The project is no longer in storage.
    NotFound,
    /// A save was stepped after it had finished.
    SaveFinished,
    /// The project changed while its snapshot was taken; the save was given up.
    ChangedDuringSnapshot,
}

impl StoreError {
    /// The message in `lang` (worded in `i18n::load`).
    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::load::store_error(self, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_become_problems() {
        assert_eq!(
            Problem::from_serde("missing field `name` at line 1 column 5", None),
            (Problem::Missing, Some("name".into()))
        );
        assert_eq!(
            Problem::from_serde(
                "unknown field `regionid`, expected one of `id`, `code` at line 3 column 9",
                None
            ),
            (Problem::Unknown, Some("regionid".into()))
        );
        assert_eq!(
            Problem::from_serde(
                "invalid type: string \"abc\", expected a money amount (number)",
                None
            )
            .0,
            Problem::WrongType {
                found: Found::Text("abc".into()),
                expected: Expected::Money
            }
        );
        assert_eq!(
            Problem::from_serde("invalid type: map, expected a sequence", None).0,
            Problem::WrongType {
                found: Found::Object,
                expected: Expected::List
            }
        );
        assert_eq!(
            Problem::from_serde("invalid value: integer `-5`, expected u32", None).0,
            Problem::BadValue {
                found: Found::Number("-5".into()),
                expected: Expected::Integer { unsigned: true }
            }
        );
        assert!(matches!(
            Problem::from_serde("input is out of range at line 1 column 3", Some("2025-02-30")).0,
            Problem::BadDate { found } if found == "2025-02-30"
        ));
        assert!(matches!(
            Problem::from_serde("UUID parsing failed: invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `z` at 1", Some("zzz")).0,
            Problem::BadId { .. }
        ));
        assert_eq!(
            Problem::from_serde("amount out of range", None).0,
            Problem::AmountOutOfRange
        );
        assert_eq!(
            Problem::from_serde(
                "unknown variant `maybe`, expected one of `Open`, `Won`",
                None
            )
            .0,
            Problem::UnknownVariant {
                found: "maybe".into()
            }
        );
    }

    #[test]
    fn long_found_values_are_shortened() {
        let long = format!(
            "invalid type: string \"{}\", expected f64",
            "я".repeat(100_000)
        );
        match Problem::from_serde(&long, None).0 {
            Problem::WrongType {
                found: Found::Text(t),
                ..
            } => assert!(t.chars().count() <= 61, "{}", t.len()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn syntax_messages() {
        assert_eq!(
            Syntax::from_serde("EOF while parsing a value at line 3 column 1"),
            Syntax::Truncated
        );
        assert_eq!(
            Syntax::from_serde("expected `,` or `}` at line 1 column 9"),
            Syntax::ExpectedComma
        );
    }
}
