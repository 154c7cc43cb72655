//! The project file: one envelope `{format, schema_version, app_version, saved_at, data}` for
//! exported files and for what is kept in localStorage.
//!
//! Loading is a chain of pure steps, each failing with a named [`LoadError`]:
//! size → parse → format → version → migrate → deserialize (with the field path) → validate.

use super::error::LoadError;
use super::jsonpath;
use super::migrate::migrate;
use super::validate::validate;
use crate::domain::Project;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `format` marker of Sloy project files.
pub const FORMAT: &str = "sloy-project";
/// The schema version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u64 = 1;
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
    let base: String = p
        .name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let base = base.trim();
    format!(
        "{}.sloy.json",
        if base.is_empty() { "project" } else { base }
    )
}

/// The saved-at stamp and project of a loaded file.
#[derive(Debug)]
pub struct Loaded {
    pub project: Project,
    pub saved_at: Option<String>,
    pub migrated_from: Option<u64>,
}

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
            detail: msg,
        }
    }
}

/// A data error with the path of the field, found from serde's line and column.
fn data_error(text: &str, e: serde_json::Error, prefix: &str) -> LoadError {
    let detail = e.to_string();
    let missing = detail.starts_with("missing field");
    let path = jsonpath::path_at(text, e.line(), e.column(), missing);
    let path = match (prefix.is_empty(), path.is_empty()) {
        (true, true) => "data".to_string(),
        (true, false) => path,
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}.{path}"),
    };
    LoadError::Invalid { path, detail }
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
            path: "data".into(),
            detail: "missing field `data`".into(),
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
    validate(&project)?;
    Ok(Loaded {
        project,
        saved_at,
        migrated_from: (version < SCHEMA_VERSION).then_some(version),
    })
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
            LoadError::Invalid { path, .. } => assert_eq!(path, "data.deals[3].amount"),
            other => panic!("{other:?}"),
        }
        assert!(
            e.message(Lang::Ru).contains("data.deals[3].amount"),
            "{}",
            e.message(Lang::Ru)
        );
        assert!(
            e.message(Lang::Ru).contains("неверный тип"),
            "{}",
            e.message(Lang::Ru)
        );

        let mut v: Value = serde_json::from_str(&to_json(&p, "x")).unwrap();
        v["data"]["clients"][0]
            .as_object_mut()
            .unwrap()
            .remove("name");
        let e = err(&v.to_string());
        assert!(
            matches!(&e, LoadError::Invalid { path, detail } if path == "data.clients[0]" && detail.contains("name")),
            "{e:?}"
        );
        assert!(
            e.message(Lang::Ru).contains("обязательное поле «name»"),
            "{}",
            e.message(Lang::Ru)
        );

        let mut v: Value = serde_json::from_str(&to_json(&p, "x")).unwrap();
        v["data"]["deals"][0]["status"] = Value::String("maybe".into());
        assert!(
            matches!(err(&v.to_string()), LoadError::Invalid { path, .. } if path == "data.deals[0].status")
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
}
