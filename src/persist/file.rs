//! The project file: one envelope `{format, schema_version, app_version, saved_at, data}` for
//! exported files and for what is kept in localStorage.
//!
//! Loading is a chain of pure steps, each failing with a named [`LoadError`]:
//! size → parse → format → version → migrate → deserialize (with the record and field) →
//! validate. [`from_json`] is the chain for stored projects; [`from_file`] adds what an import
//! checks on top: negative amounts (refused or flagged, see `validate`) and text lengths (cut
//! and reported, see `limits`).

use super::error::{Issue, IssueKind, LoadError, Problem, Syntax};
use super::jsonpath;
use super::limits::bound_texts;
use super::migrate::migrate;
use super::place::{Place, Seg};
use super::validate::{check_values, validate};
use crate::domain::Project;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `format` marker of Sloy project files.
pub const FORMAT: &str = "sloy-project";
/// The schema version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u64 = 2;
/// The app version written into files (for support, not for compatibility decisions).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Largest project file accepted. The 10 000-deal benchmark project is about 15 MB of JSON.
pub const MAX_FILE_BYTES: u64 = 40 * 1024 * 1024;
/// Exports larger than this are written compact.
const PRETTY_LIMIT: usize = 4 * 1024 * 1024;

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    schema_version: u64,
    app_version: &'static str,
    saved_at: &'a str,
    data: &'a Project,
}

/// Serializes a project into the envelope (compact JSON).
pub fn to_json(p: &Project, saved_at: &str) -> String {
    let env = EnvelopeOut {
        format: FORMAT,
        schema_version: SCHEMA_VERSION,
        app_version: APP_VERSION,
        saved_at,
        data: p,
    };
    serde_json::to_string(&env).unwrap_or_default()
}

/// Serializes a project into the envelope for people reading the exported file: indented while
/// that stays small, compact for large projects (indentation would double a 10 000-deal file).
/// Indenting goes through `Value`, so the model's serializer is compiled only once into the wasm.
pub fn to_json_pretty(p: &Project, saved_at: &str) -> String {
    let compact = to_json(p, saved_at);
    if compact.len() > PRETTY_LIMIT {
        return compact;
    }
    serde_json::from_str::<Value>(&compact)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or(compact)
}

/// A suggested file name for an export: `Проект.sloy.json` with characters that file systems
/// reject replaced.
pub fn file_name(p: &Project) -> String {
    super::export::safe_file_name(&p.name, "project", "sloy.json")
}

/// The saved-at stamp and project of a loaded file.
#[derive(Debug)]
pub struct Loaded {
    pub project: Project,
    pub saved_at: Option<String>,
    pub migrated_from: Option<u64>,
    /// What the import flags for the user before anything is written: negative values that
    /// are allowed, and texts cut to their limit (empty for stored projects).
    /// The first [`MAX_FLAGS`] of them.
    pub flags: Vec<Issue>,
    /// How many there are in all.
    pub flags_total: usize,
}

/// How many refused values an error lists (the total is given too).
pub const MAX_LISTED: usize = 10;
/// How many flagged values an import describes (the total is given too).
pub const MAX_FLAGS: usize = 50;

/// The envelope fields checked before the data is read; `data` is skipped here.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<Value>,
    #[serde(default)]
    schema_version: Option<Value>,
    #[serde(default)]
    saved_at: Option<Value>,
    #[serde(default)]
    data: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct Body {
    data: Project,
}

fn syntax_error(e: &serde_json::Error) -> LoadError {
    let msg = e.to_string();
    if msg.contains("recursion limit exceeded") {
        LoadError::TooDeep { line: e.line() }
    } else {
        LoadError::NotJson {
            line: e.line(),
            column: e.column(),
            syntax: Syntax::from_serde(&msg),
        }
    }
}

/// The value at a place, to quote a bad id or date.
fn value_at<'a>(data: &'a Value, place: &Place) -> Option<&'a Value> {
    let mut v = data;
    for k in place.list.split('.').filter(|k| !k.is_empty()) {
        v = v.get(k)?;
    }
    if let Some(i) = place.index {
        v = v.get(i)?;
    }
    for s in &place.field {
        v = match s {
            Seg::Key(k) => v.get(k)?,
            Seg::Index(i) => v.get(*i)?,
        };
    }
    Some(v)
}

/// A data error with the record and field, found from serde's line and column; the record's
/// code and name are read from the file when it is JSON throughout.
fn data_error(text: &str, e: serde_json::Error, prefix: &str) -> LoadError {
    if e.classify() != serde_json::error::Category::Data {
        return syntax_error(&e);
    }
    let msg = e.to_string();
    let at_record = msg.starts_with("missing field")
        || msg.starts_with("unknown field")
        || msg.starts_with("duplicate field");
    let path = jsonpath::path_at(text, e.line(), e.column(), at_record);
    let path = match (prefix.is_empty(), path.is_empty()) {
        (true, true) => "data".to_string(),
        (true, false) => path,
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}.{path}"),
    };
    let whole: Option<Value> = serde_json::from_str(text).ok();
    let data = whole.as_ref().and_then(|w| {
        if prefix.is_empty() {
            w.get("data")
        } else {
            Some(w)
        }
    });
    let mut place = Place::from_path(&path, data);
    let found = data
        .and_then(|d| value_at(d, &place))
        .and_then(Value::as_str);
    let (problem, key) = Problem::from_serde(&msg, found);
    if let Some(k) = key {
        place = place.with_key(&k);
    }
    LoadError::Invalid {
        place: Box::new(place),
        problem,
    }
}

fn relabel(place: &mut Place, data: &Value) {
    *place = Place::from_path(&place.path(), Some(data));
}

/// Puts the records' codes and names into the places of a validation error.
fn with_labels(e: LoadError, p: &Project) -> LoadError {
    // Through text, not `to_value` (see `from_file`).
    let Ok(data) = serde_json::to_string(p).and_then(|t| serde_json::from_str::<Value>(&t)) else {
        return e;
    };
    match e {
        LoadError::DuplicateId { mut place, id } => {
            relabel(&mut place, &data);
            LoadError::DuplicateId { place, id }
        }
        LoadError::DuplicateRevenue { mut place, year } => {
            relabel(&mut place, &data);
            LoadError::DuplicateRevenue { place, year }
        }
        LoadError::BrokenReference {
            mut place,
            target,
            id,
        } => {
            relabel(&mut place, &data);
            LoadError::BrokenReference { place, target, id }
        }
        other => other,
    }
}

/// Whether `text` is an envelope of this app's current schema version (read from the header
/// only).
pub fn is_current_version(text: &str) -> bool {
    serde_json::from_str::<Header>(text)
        .ok()
        .and_then(|h| h.schema_version)
        .and_then(|v| v.as_u64())
        == Some(SCHEMA_VERSION)
}

/// Reads a project file (or a stored project) from text, all steps or nothing.
pub fn from_json(text: &str) -> Result<Loaded, LoadError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            bytes: text.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let header: Header = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => LoadError::ForeignJson { found: None },
        _ => syntax_error(&e),
    })?;
    match &header.format {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => {
            return Err(LoadError::ForeignJson {
                found: Some(f.chars().take(60).collect()),
            })
        }
        _ => return Err(LoadError::ForeignJson { found: None }),
    }
    let version = header
        .schema_version
        .as_ref()
        .and_then(Value::as_u64)
        .filter(|v| *v > 0)
        .ok_or(LoadError::NoVersion)?;
    if version > SCHEMA_VERSION {
        return Err(LoadError::NewerVersion {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if header.data.is_none() {
        return Err(LoadError::Invalid {
            place: Box::new(Place::from_path("data", None)),
            problem: Problem::Missing,
        });
    }
    let saved_at = header
        .saved_at
        .as_ref()
        .and_then(Value::as_str)
        .map(str::to_string);
    let project = if version == SCHEMA_VERSION {
        serde_json::from_str::<Body>(text)
            .map_err(|e| data_error(text, e, ""))?
            .data
    } else {
        let mut env: serde_json::Map<String, Value> =
            serde_json::from_str(text).map_err(|e| syntax_error(&e))?;
        let data = migrate(env.remove("data").unwrap_or(Value::Null), version)?;
        let migrated = serde_json::to_string(&data).unwrap_or_default();
        serde_json::from_str::<Project>(&migrated).map_err(|e| data_error(&migrated, e, "data"))?
    };
    validate(&project).map_err(|e| with_labels(e, &project))?;
    Ok(Loaded {
        project,
        saved_at,
        migrated_from: (version < SCHEMA_VERSION).then_some(version),
        flags: vec![],
        flags_total: 0,
    })
}

/// Reads a project file the user imports: [`from_json`], then negative values (refused, or
/// flagged in [`Loaded::flags`]) and text lengths (cut to their limit and flagged). Nothing is
/// written by this; the import dialog shows the flags and the user decides.
pub fn from_file(text: &str) -> Result<Loaded, LoadError> {
    let mut loaded = from_json(text)?;
    let check = check_values(&loaded.project);
    // Through text rather than `to_value`/`from_value`: those would compile a second copy of
    // every model type's (de)serializer for `Value` (≈ 90 KB gzip of wasm on the start-up path);
    // text goes through the copies that saving and loading already use.
    let other = |e: serde_json::Error| LoadError::Invalid {
        place: Box::default(),
        problem: Problem::Other(crate::i18n::format::shorten(&e.to_string(), 120).into_owned()),
    };
    let mut data: Value = serde_json::to_string(&loaded.project)
        .and_then(|t| serde_json::from_str(&t))
        .map_err(other)?;
    let issue = |data: &Value, path: &str, kind: IssueKind| Issue {
        place: Place::from_path(path, Some(data)),
        kind,
    };
    if !check.refused.is_empty() {
        return Err(LoadError::Refused {
            total: check.refused.len(),
            issues: check
                .refused
                .iter()
                .take(MAX_LISTED)
                .map(|(path, amount)| issue(&data, path, IssueKind::Negative { amount: *amount }))
                .collect(),
        });
    }
    let mut flags: Vec<Issue> = check
        .flagged
        .iter()
        .take(MAX_FLAGS)
        .map(|(path, amount)| issue(&data, path, IssueKind::Negative { amount: *amount }))
        .collect();
    let cuts = bound_texts(&mut data);
    loaded.flags_total = check.flagged.len() + cuts.len();
    if !cuts.is_empty() {
        let room = MAX_FLAGS.saturating_sub(flags.len());
        flags.extend(cuts.iter().take(room).map(|c| {
            issue(
                &data,
                &c.path,
                IssueKind::Truncated {
                    chars: c.chars,
                    limit: c.limit,
                },
            )
        }));
        loaded.project = serde_json::to_string(&data)
            .and_then(|t| serde_json::from_str(&t))
            .map_err(other)?;
    }
    loaded.flags = flags;
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::Project;
    use crate::i18n::Lang;

    fn err(text: &str) -> LoadError {
        from_json(text).expect_err("must fail")
    }

    #[test]
    fn demo_round_trips_exactly() {
        let p = demo_project();
        let text = to_json(&p, "2025-03-31T12:00:00Z");
        let back = from_json(&text).unwrap();
        assert_eq!(back.project, p);
        assert_eq!(back.saved_at.as_deref(), Some("2025-03-31T12:00:00Z"));
        let pretty = to_json_pretty(&p, "x");
        assert_eq!(from_json(&pretty).unwrap().project, p);
    }

    #[test]
    fn not_json() {
        let e = err("{\"format\": \"sloy-project\",\n  \"schema_version\": 1,, }");
        assert!(matches!(e, LoadError::NotJson { line: 2, .. }), "{e:?}");
        assert!(e.message(Lang::Ru).contains("строке 2"));
        assert!(matches!(err("привет"), LoadError::NotJson { .. }));
        assert_eq!(err("   "), LoadError::Empty);
    }

    #[test]
    fn foreign_json() {
        assert_eq!(err("[1,2,3]"), LoadError::ForeignJson { found: None });
        assert_eq!(
            err("{\"name\":\"x\"}"),
            LoadError::ForeignJson { found: None }
        );
        assert_eq!(
            err("{\"format\":\"excalidraw\"}"),
            LoadError::ForeignJson {
                found: Some("excalidraw".into())
            }
        );
        assert!(err("{\"type\":\"excalidraw\"}")
            .message(Lang::Ru)
            .contains("другой программы"));
    }

    #[test]
    fn newer_version_asks_to_update() {
        let e = err("{\"format\":\"sloy-project\",\"schema_version\":7,\"data\":{}}");
        assert_eq!(
            e,
            LoadError::NewerVersion {
                found: 7,
                supported: SCHEMA_VERSION
            }
        );
        assert!(e.message(Lang::Ru).contains("Обновите приложение"));
        assert_eq!(
            err("{\"format\":\"sloy-project\",\"data\":{}}"),
            LoadError::NoVersion
        );
        assert_eq!(
            err("{\"format\":\"sloy-project\",\"schema_version\":\"1\"}"),
            LoadError::NoVersion
        );
    }

    #[test]
    fn wrong_types_and_missing_fields_name_the_path() {
        let p = demo_project();
        let mut v: Value = serde_json::from_str(&to_json(&p, "x")).unwrap();
        v["data"]["deals"][3]["amount"] = Value::String("много".into());
        let e = err(&v.to_string());
        match &e {
            LoadError::Invalid { place, .. } => assert_eq!(place.path(), "data.deals[3].amount"),
            other => panic!("{other:?}"),
        }
        let code = p.deals[3].code.clone();
        let ru = e.message(Lang::Ru);
        assert!(ru.contains(&format!("Сделка {code}")), "{ru}");
        assert!(ru.contains("поле «Сумма»"), "{ru}");
        assert!(ru.contains("«много»"), "{ru}");
        let en = e.message(Lang::En);
        assert!(en.contains(&format!("Deal {code}")), "{en}");
        assert!(en.contains("field «Amount»"), "{en}");

        let mut v: Value = serde_json::from_str(&to_json(&p, "x")).unwrap();
        v["data"]["clients"][0]
            .as_object_mut()
            .unwrap()
            .remove("name");
        let e = err(&v.to_string());
        assert!(
            matches!(&e, LoadError::Invalid { place, problem: Problem::Missing } if place.path() == "data.clients[0].name"),
            "{e:?}"
        );
        assert!(
            e.message(Lang::Ru)
                .contains("нет обязательного поля «Наименование»"),
            "{}",
            e.message(Lang::Ru)
        );

        let mut v: Value = serde_json::from_str(&to_json(&p, "x")).unwrap();
        v["data"]["deals"][0]["status"] = Value::String("maybe".into());
        assert!(
            matches!(err(&v.to_string()), LoadError::Invalid { place, .. } if place.path() == "data.deals[0].status")
        );
    }

    #[test]
    fn too_deep_and_too_large() {
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(matches!(err(&deep), LoadError::TooDeep { .. }));
        let big = " ".repeat(MAX_FILE_BYTES as usize + 1);
        assert!(matches!(err(&big), LoadError::TooLarge { .. }));
        assert!(err(&big).message(Lang::Ru).contains("МБ"));
    }

    #[test]
    fn html_in_text_is_kept_as_text() {
        let mut p = demo_project();
        p.clients[0].name = "<script>alert(1)</script><img src=x onerror=alert(2)>".into();
        let back = from_json(&to_json(&p, "x")).unwrap().project;
        assert_eq!(back.clients[0].name, p.clients[0].name);
    }

    #[test]
    fn empty_project_round_trips() {
        let p = Project::new_empty(
            "Пустой",
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        );
        assert_eq!(from_json(&to_json(&p, "x")).unwrap().project, p);
    }

    #[test]
    fn file_names_are_safe() {
        let mut p = demo_project();
        p.name = "ООО «Рога/Копыта»: план?".into();
        assert_eq!(file_name(&p), "ООО «Рога_Копыта»_ план_.sloy.json");
        p.name = "  ".into();
        assert_eq!(file_name(&p), "project.sloy.json");
    }

    fn demo_value() -> Value {
        serde_json::from_str(&to_json(&demo_project(), "x")).unwrap()
    }

    #[test]
    fn negative_deal_amounts_are_refused_with_the_deal_and_field() {
        let p = demo_project();
        let mut v = demo_value();
        v["data"]["deals"][4]["amount"] = serde_json::json!(-5000);
        v["data"]["deals"][7]["amount"] = serde_json::json!(-0.5);
        let e = from_file(&v.to_string()).expect_err("refused");
        let LoadError::Refused { issues, total } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(*total, 2);
        assert_eq!(issues[0].place.path(), "data.deals[4].amount");
        let ru = e.message(Lang::Ru);
        let d = &p.deals[4];
        let expected = format!(
            "Сделка {} («{}»), поле «Сумма»: \u{2212}5\u{a0}000,00 — сумма не может быть отрицательной",
            d.code, d.title
        );
        assert!(ru.contains(&expected), "{ru}\n{expected}");
        assert!(e.message(Lang::En).contains("field «Amount»"));
        // The stored-project chain does not refuse it (nothing saved is ever lost).
        assert!(from_json(&v.to_string()).is_ok());
    }

    #[test]
    fn allowed_negatives_and_cut_texts_are_flagged() {
        let mut v = demo_value();
        v["data"]["revenues"][0]["amount"] = serde_json::json!(-12.5);
        v["data"]["name"] = Value::String("Щ".repeat(2 * 1024 * 1024));
        v["data"]["clients"][1]["notes"] = Value::String("n".repeat(10_001));
        let loaded = from_file(&v.to_string()).expect("imports with flags");
        assert_eq!(loaded.project.name.chars().count(), 200);
        assert_eq!(loaded.project.clients[1].notes.len(), 10_000);
        assert_eq!(loaded.flags_total, 3);
        let paths: Vec<String> = loaded.flags.iter().map(|f| f.place.path()).collect();
        assert_eq!(
            paths,
            [
                "data.revenues[0].amount",
                "data.clients[1].notes",
                "data.name"
            ]
        );
        let words = crate::i18n::load::flag_words(&loaded.flags[2], Lang::Ru);
        assert!(words.contains("обрезан до 200"), "{words}");
        assert!(words.len() < 400, "{words}");
    }

    #[test]
    fn unknown_fields_name_the_record_and_the_field() {
        let mut v = demo_value();
        let c = v["data"]["clients"][0].as_object_mut().unwrap();
        c.insert("regionid".into(), Value::String("x".into()));
        let e = err(&v.to_string());
        let LoadError::Invalid { place, problem } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(*problem, Problem::Unknown);
        assert_eq!(place.path(), "data.clients[0].regionid");
        let ru = e.message(Lang::Ru);
        assert!(ru.contains("Клиент K01"), "{ru}");
        assert!(ru.contains("«regionid»"), "{ru}");
    }

    #[test]
    fn bad_dates_ids_and_lists_are_told_in_words() {
        let cases: [(&str, Value, &str, &str); 4] = [
            (
                "created",
                Value::String("2025-02-30".into()),
                "не дата",
                "is not a date",
            ),
            (
                "stage_id",
                Value::String("not-a-uuid".into()),
                "не идентификатор",
                "is not an id",
            ),
            (
                "history",
                serde_json::json!({"a": 1}),
                "ожидалось: список",
                "expected a list",
            ),
            (
                "amount",
                serde_json::json!(1e300),
                "вне допустимого диапазона",
                "out of range",
            ),
        ];
        for (field, value, ru_part, en_part) in cases {
            let mut v = demo_value();
            v["data"]["deals"][2][field] = value;
            let e = err(&v.to_string());
            let ru = e.message(Lang::Ru);
            assert!(ru.contains(ru_part), "{field}: {ru}");
            assert!(ru.contains("Сделка "), "{field}: {ru}");
            for english in [
                "input is",
                "UUID parsing",
                "a sequence",
                "money amount",
                "out of range",
            ] {
                assert!(!ru.contains(english), "{field}: {ru}");
            }
            let en = e.message(Lang::En);
            assert!(en.contains(en_part), "{field}: {en}");
        }
    }
}
