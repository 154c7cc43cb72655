//! The published JSON Schema of the project file (`tests/fixtures/sloy-project.schema.json`)
//! is generated from the model; a test keeps the committed file current and checks that
//! exports validate against it. `SLOY_WRITE_FIXTURES=1 cargo test --test schema` rewrites the
//! schema (and writes the golden file of the current version only if it does not exist yet: a
//! golden file never changes).
#![cfg(not(target_arch = "wasm32"))]

use sloy::domain::demo::demo_project;
use sloy::domain::synth::random_project;
use sloy::domain::Project;
use sloy::persist::file::{to_json, FORMAT, SCHEMA_VERSION};
use std::path::Path;

fn envelope_schema() -> serde_json::Value {
    let data = serde_json::to_value(schemars::schema_for!(Project)).expect("schema");
    let mut defs = data
        .get("$defs")
        .cloned()
        .unwrap_or_else(|| serde_json::json!({}));
    let mut project = data.clone();
    if let Some(o) = project.as_object_mut() {
        o.remove("$defs");
        o.remove("$schema");
    }
    defs["Project"] = project;
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "sloy-project.schema.json",
        "title": "Sloy project file",
        "description": "A project of Sloy (Слой): the envelope and the data of all five layers. Money is in the project's unit, dates are YYYY-MM-DD.",
        "type": "object",
        "required": ["format", "schema_version", "app_version", "saved_at", "data"],
        "additionalProperties": false,
        "properties": {
            "format": {"const": FORMAT},
            "schema_version": {"const": SCHEMA_VERSION},
            "app_version": {"type": "string"},
            "saved_at": {"type": "string"},
            "data": {"$ref": "#/$defs/Project"}
        },
        "$defs": defs
    })
}

/// The demo as the golden file of the current version shows it: shared once (an export) and
/// merged once with a colleague's copy, so the ancestry's fields are all there.
fn golden_project() -> Project {
    use sloy::domain::merge::{merge, share, Base};
    use sloy::domain::{MergeSide, MergeSource, MergeSourceKind};
    let mut p = demo_project();
    share(&mut p, "2025-03-31T11:00:00.000Z");
    let mut copy = p.clone();
    copy.clients[0].notes = "Правка коллеги".into();
    let base = Base::of(&p);
    let m = merge(&p, &copy, &base);
    let choices: Vec<MergeSide> = m.conflicts().map(|_| MergeSide::Theirs).collect();
    m.apply(
        &choices,
        MergeSource {
            kind: MergeSourceKind::File,
            file_name: "Демо (коллега).sloy.json".into(),
        },
        "2025-03-31T11:30:00.000Z",
        sloy::domain::new_id(),
    )
    .map(|a| a.project)
    .unwrap_or(p)
}

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

#[test]
fn committed_schema_is_current() {
    let generated = serde_json::to_string_pretty(&envelope_schema()).expect("json") + "\n";
    let path = fixtures().join("sloy-project.schema.json");
    if std::env::var("SLOY_WRITE_FIXTURES").is_ok() {
        std::fs::write(&path, &generated).expect("write schema");
        let golden = fixtures().join(format!("v{SCHEMA_VERSION}-demo.sloy.json"));
        if !golden.exists() {
            let text =
                sloy::persist::file::to_json_pretty(&golden_project(), "2025-03-31T12:00:00.000Z");
            std::fs::write(golden, text + "\n").expect("write golden");
        }
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "tests/fixtures/sloy-project.schema.json is out of date: run SLOY_WRITE_FIXTURES=1 cargo test --test schema"
    );
}

#[test]
fn exports_validate_against_the_schema() {
    let schema = envelope_schema();
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let mut projects = vec![demo_project()];
    projects.extend((0..20).map(|s| random_project(s, 15, 25)));
    for p in projects {
        let v: serde_json::Value = serde_json::from_str(&to_json(&p, "now")).expect("json");
        let errors: Vec<String> = validator
            .iter_errors(&v)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .take(5)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", p.name);
    }
    // And the schema rejects what the loader rejects.
    let mut bad: serde_json::Value =
        serde_json::from_str(&to_json(&demo_project(), "now")).expect("json");
    bad["data"]["deals"][0]["status"] = serde_json::json!("maybe");
    assert!(!validator.is_valid(&bad));
    bad["data"]["deals"][0]["status"] = serde_json::json!("open");
    bad["schema_version"] = serde_json::json!(99);
    assert!(!validator.is_valid(&bad));
}

#[test]
fn golden_file_validates_against_the_schema() {
    let schema = envelope_schema();
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let text =
        std::fs::read_to_string(fixtures().join(format!("v{SCHEMA_VERSION}-demo.sloy.json")))
            .expect("golden file of the current version");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert!(validator.is_valid(&v));
}
