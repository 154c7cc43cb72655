//! Step-by-step migrations of the `data` part of a project file: `STEPS[i]` turns schema
//! v(i+1) into v(i+2). A file of any released version runs through every later step, so each
//! step only has to know its neighbour. Every released version has a golden file under
//! `tests/fixtures/` that must keep loading.

use super::error::{LoadError, MigrationProblem};
use super::file::SCHEMA_VERSION;
use serde_json::Value;

type Step = fn(Value) -> Result<Value, MigrationProblem>;

/// v1 → v2: the project gains its ancestry (`data.ancestry`: revision counter, revision ids,
/// shared states, merge history). A v1 file is taken as revision 1 of its project, derived
/// from nothing and shared with no copy: a later merge with it compares both sides record by
/// record without a base, so nothing is taken for deleted.
/// Data that is not an object passes through: deserializing it names the problem.
fn v1_to_v2(mut data: Value) -> Result<Value, MigrationProblem> {
    if let Some(obj) = data.as_object_mut() {
        if !obj.contains_key("ancestry") {
            obj.insert("ancestry".into(), serde_json::json!({ "revision": 1 }));
        }
    }
    Ok(data)
}

const STEPS: &[Step] = &[v1_to_v2];

/// Brings `data` written with schema `from` up to [`SCHEMA_VERSION`].
pub fn migrate(mut data: Value, from: u64) -> Result<Value, LoadError> {
    debug_assert_eq!(STEPS.len() as u64 + 1, SCHEMA_VERSION);
    for v in from..SCHEMA_VERSION {
        let step = STEPS.get((v - 1) as usize).ok_or(LoadError::Migration {
            from: v,
            problem: MigrationProblem::NoStep,
        })?;
        data = step(data).map_err(|problem| LoadError::Migration { from: v, problem })?;
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_gains_its_ancestry() {
        let v = migrate(serde_json::json!({"id": "x", "name": "a"}), 1).unwrap();
        assert_eq!(v["ancestry"], serde_json::json!({"revision": 1}));
        assert_eq!(v["name"], "a");
        assert_eq!(
            migrate(serde_json::json!([1]), 1).unwrap(),
            serde_json::json!([1])
        );
    }

    #[test]
    fn current_version_passes_through() {
        let v = serde_json::json!({"a": 1});
        assert_eq!(migrate(v.clone(), SCHEMA_VERSION).unwrap(), v);
    }
}
