//! Step-by-step migrations of the `data` part of a project file: `STEPS[i]` turns schema
//! v(i+1) into v(i+2). A file of any released version runs through every later step, so each
//! step only has to know its neighbour. Every released version has a golden file under
//! `tests/fixtures/` that must keep loading.

use super::error::LoadError;
use super::file::SCHEMA_VERSION;
use serde_json::Value;

type Step = fn(Value) -> Result<Value, String>;

/// v1 is the first released schema; no steps yet.
const STEPS: &[Step] = &[];

/// Brings `data` written with schema `from` up to [`SCHEMA_VERSION`].
pub fn migrate(mut data: Value, from: u64) -> Result<Value, LoadError> {
    debug_assert_eq!(STEPS.len() as u64 + 1, SCHEMA_VERSION);
    for v in from..SCHEMA_VERSION {
        let step = STEPS.get((v - 1) as usize).ok_or(LoadError::Migration {
            from: v,
            detail: "нет шага миграции".into(),
        })?;
        data = step(data).map_err(|detail| LoadError::Migration { from: v, detail })?;
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_version_passes_through() {
        let v = serde_json::json!({"a": 1});
        assert_eq!(migrate(v.clone(), SCHEMA_VERSION).unwrap(), v);
    }
}
