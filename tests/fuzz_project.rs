//! Fuzzing the project-file loader on stable Rust: property tests feed mutated real exports —
//! the golden file of schema v1, an export of the demo project and small synthetic projects —
//! to `persist::file::from_file`. Mutations: truncation of the text, byte edits, type swaps,
//! deleted and duplicated records, huge and negative numbers, odd dates, deep nesting, long
//! strings, renamed keys, replaced ids. Each case must not panic and must either load into a
//! project that passes validation (and is within the text limits, with no refused value, and
//! exports and loads again) or return a named error whose message is the UI's language and
//! has no library English in it.
//!
//! 10 000 cases in all (two tests of 5 000, so they run side by side), a few seconds each in
//! a native debug build. Seeds that once failed are kept as explicit regression tests below.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use serde_json::{json, Value};
use sloy::domain::demo::demo_project;
use sloy::domain::synth::random_project;
use sloy::i18n::Lang;
use sloy::persist::error::{Expected, Found, LoadError, Problem, Syntax};
use sloy::persist::file::{from_file, from_json, to_json};
use sloy::persist::limits::text_limit;
use sloy::persist::validate::{check_values, validate};
use std::sync::OnceLock;

/// The seeds: real exports as JSON values.
fn seeds() -> &'static [Value] {
    static SEEDS: OnceLock<Vec<Value>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let golden = include_str!("fixtures/v1-demo.sloy.json");
        let mut v = vec![
            serde_json::from_str(golden).expect("golden file"),
            serde_json::from_str(&to_json(&demo_project(), "2025-03-31T12:00:00Z")).expect("demo"),
        ];
        for seed in 0..6u64 {
            let p = random_project(seed, 6 + seed as usize, 8 + 2 * seed as usize);
            v.push(serde_json::from_str(&to_json(&p, "x")).expect("synthetic"));
        }
        v
    })
}

/// A small deterministic generator (splitmix64) driven by the case's seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
}

/// A random node, reached by a random walk that prefers going deep.
fn pick<'a>(v: &'a mut Value, rng: &mut Rng) -> &'a mut Value {
    let len = match &*v {
        Value::Array(a) => a.len(),
        Value::Object(o) => o.len(),
        _ => 0,
    };
    if len == 0 || !rng.chance(88) {
        return v;
    }
    let i = rng.below(len);
    match v {
        Value::Array(a) => pick(&mut a[i], rng),
        Value::Object(o) => match o.values_mut().nth(i) {
            Some(child) => pick(child, rng),
            None => unreachable!("the index is below the length"),
        },
        _ => unreachable!("only containers have children"),
    }
}

/// A random container (array or object) under `v`, to delete or duplicate a child in.
fn pick_container<'a>(v: &'a mut Value, rng: &mut Rng) -> Option<&'a mut Value> {
    let depth = rng.below(5);
    let mut cur = v;
    for _ in 0..depth {
        let next_is_container = match &*cur {
            Value::Array(a) => a.iter().any(|x| x.is_array() || x.is_object()),
            Value::Object(o) => o.values().any(|x| x.is_array() || x.is_object()),
            _ => false,
        };
        if !next_is_container {
            break;
        }
        let children: Vec<usize> = match &*cur {
            Value::Array(a) => (0..a.len())
                .filter(|i| a[*i].is_array() || a[*i].is_object())
                .collect(),
            Value::Object(o) => (0..o.len())
                .filter(|i| {
                    o.values()
                        .nth(*i)
                        .is_some_and(|x| x.is_array() || x.is_object())
                })
                .collect(),
            _ => vec![],
        };
        let i = children[rng.below(children.len())];
        cur = match cur {
            Value::Array(a) => &mut a[i],
            Value::Object(o) => o.values_mut().nth(i)?,
            _ => return None,
        };
    }
    (cur.is_array() || cur.is_object()).then_some(cur)
}

const ODD_DATES: &[&str] = &[
    "2025-02-30",
    "2025-13-01",
    "0000-01-01",
    "+275760-09-13",
    "31.03.2025",
    "",
    "2025-3-1",
    "2025-03-31T10:00:00Z",
    "9999-12-31",
    "-0001-01-01",
    "2024-02-29",
    "2023-02-29",
];

fn odd_value(rng: &mut Rng) -> Value {
    match rng.below(18) {
        0 => json!(null),
        1 => json!(true),
        2 => json!("x"),
        3 => json!(""),
        4 => json!([]),
        5 => json!({}),
        6 => json!(0),
        7 => json!(-1),
        8 => json!(-5000),
        9 => json!(-0.01),
        10 => json!(i64::MAX),
        11 => json!(u64::MAX),
        12 => json!(-1e20),
        13 => json!(1e300),
        14 => json!(123.456789),
        15 => json!(ODD_DATES[rng.below(ODD_DATES.len())]),
        16 => json!("00000000-0000-0000-0000-000000000000"),
        _ => json!([1, "a", null]),
    }
}

/// One mutation of the `data` of an export.
fn mutate(v: &mut Value, rng: &mut Rng) {
    match rng.below(11) {
        // Type swap or a strange value anywhere.
        0 | 1 => *pick(v, rng) = odd_value(rng),
        // Delete a record or a field.
        2 => {
            if let Some(c) = pick_container(v, rng) {
                match c {
                    Value::Array(a) if !a.is_empty() => {
                        let i = rng.below(a.len());
                        a.remove(i);
                    }
                    Value::Object(o) if !o.is_empty() => {
                        let k = o
                            .keys()
                            .nth(rng.below(o.len()))
                            .cloned()
                            .unwrap_or_default();
                        o.remove(&k);
                    }
                    _ => {}
                }
            }
        }
        // Duplicate a record (same id twice).
        3 => {
            if let Some(Value::Array(a)) = pick_container(v, rng) {
                if !a.is_empty() {
                    let i = rng.below(a.len());
                    let copy = a[i].clone();
                    a.insert(i, copy);
                }
            }
        }
        // Huge and negative numbers where numbers are.
        4 => {
            let n = pick(v, rng);
            *n = match (&*n, rng.below(6)) {
                (Value::Number(x), 0) => json!(-x.as_f64().unwrap_or(1.0).abs() - 1.0),
                (_, 1) => json!(-123456.78),
                (_, 2) => json!(9.9e13),
                (_, 3) => json!(-9.1e13),
                (_, 4) => json!(4294967296u64),
                _ => json!(-1),
            }
        }
        // Odd dates.
        5 => *pick(v, rng) = json!(ODD_DATES[rng.below(ODD_DATES.len())]),
        // Deep nesting.
        6 => {
            let depth = [3, 40, 120, 130, 300][rng.below(5)];
            let mut x = odd_value(rng);
            for i in 0..depth {
                x = if i % 2 == 0 {
                    json!([x])
                } else {
                    json!({ "k": x })
                };
            }
            *pick(v, rng) = x;
        }
        // Long strings.
        7 => {
            let len = [201, 1_001, 10_001, 100_001][rng.below(4)];
            let ch = ["я", "a", "<", "\u{1F600}", "\""][rng.below(5)];
            *pick(v, rng) = Value::String(ch.repeat(len));
        }
        // A renamed key (an unknown field and a missing one).
        8 => {
            if let Some(Value::Object(o)) = pick_container(v, rng) {
                if !o.is_empty() {
                    let k = o
                        .keys()
                        .nth(rng.below(o.len()))
                        .cloned()
                        .unwrap_or_default();
                    if let Some(x) = o.remove(&k) {
                        o.insert(format!("{k}_x"), x);
                    }
                }
            }
        }
        // An id pointing nowhere.
        9 => *pick(v, rng) = json!(uuid::Uuid::from_u64_pair(rng.next(), rng.next()).to_string()),
        // Envelope damage.
        _ => {
            let Some(o) = v.as_object_mut() else { return };
            match rng.below(4) {
                0 => {
                    o.insert("schema_version".into(), odd_value(rng));
                }
                1 => {
                    o.insert("format".into(), odd_value(rng));
                }
                2 => {
                    o.insert("data".into(), odd_value(rng));
                }
                _ => {
                    o.remove("data");
                }
            }
        }
    }
}

/// Text-level damage of the serialized export.
fn damage_text(text: &mut String, rng: &mut Rng) {
    match rng.below(4) {
        0 => {
            // Truncation at a character boundary.
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.truncate(at);
        }
        1 => {
            let mut at = rng.below(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let ch = [
                "\"", "{", "]", ",", "\\", "\u{0}", "я", "1e999", ":", "\u{feff}",
            ][rng.below(10)];
            text.insert_str(at, ch);
        }
        2 => text.insert(0, '\u{feff}'),
        _ => {
            let extra = ["}", " ", "\n[]", "x"][rng.below(4)];
            text.push_str(extra);
        }
    }
}

/// Library English that must never reach a Russian message.
const LIBRARY_ENGLISH: &[&str] = &[
    "invalid type",
    "invalid value",
    ", expected",
    "expected a ",
    "missing field",
    "unknown field",
    "unknown variant",
    "parsing failed",
    "out of range",
    "a sequence",
    "money amount",
    "EOF",
    "at line",
    "input is",
    "premature end",
    "trailing",
    "recursion",
];

fn no_unnamed_parts(e: &LoadError) -> Result<(), String> {
    let bad = |what: &str| Err(format!("an unnamed {what} in {e:?}"));
    match e {
        LoadError::NotJson {
            syntax: Syntax::Other(_),
            ..
        } => bad("syntax error"),
        LoadError::Invalid { problem, .. } => match problem {
            Problem::Other(_) => bad("problem"),
            Problem::WrongType { found, expected } | Problem::BadValue { found, expected } => {
                if matches!(found, Found::Other(_)) {
                    return bad("found value");
                }
                if matches!(expected, Expected::Other(_)) {
                    return bad("expected kind");
                }
                Ok(())
            }
            _ => Ok(()),
        },
        _ => Ok(()),
    }
}

/// The property: no panic; a loaded project is whole, bounded and exports again; an error is
/// named and told in words.
fn check(text: &str) -> Result<(), TestCaseError> {
    match from_file(text) {
        Ok(loaded) => {
            let p = &loaded.project;
            prop_assert!(validate(p).is_ok(), "loaded but invalid: {:?}", validate(p));
            prop_assert!(check_values(p).refused.is_empty());
            let data = serde_json::to_value(p).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let mut stack = vec![(&data, "", false)];
            while let Some((v, key, in_list)) = stack.pop() {
                match v {
                    Value::String(s) => {
                        let n = s.chars().count();
                        prop_assert!(n <= text_limit(key, in_list), "text under {key}: {n} chars");
                    }
                    Value::Array(a) => stack.extend(a.iter().map(|x| (x, key, true))),
                    Value::Object(o) => stack.extend(o.iter().map(|(k, x)| (x, k.as_str(), false))),
                    _ => {}
                }
            }
            let again = from_json(&to_json(p, "x"))
                .map_err(|e| TestCaseError::fail(format!("re-export: {e:?}")))?;
            prop_assert_eq!(&again.project, p);
        }
        Err(e) => {
            no_unnamed_parts(&e).map_err(TestCaseError::fail)?;
            let ru = e.message(Lang::Ru);
            let en = e.message(Lang::En);
            prop_assert!(!ru.is_empty() && !en.is_empty());
            prop_assert!(
                ru.chars().count() < 4_000,
                "message of {} chars",
                ru.chars().count()
            );
            prop_assert!(
                en.chars().count() < 4_000,
                "message of {} chars",
                en.chars().count()
            );
            for english in LIBRARY_ENGLISH {
                prop_assert!(
                    !ru.contains(english),
                    "library English «{}» in: {}",
                    english,
                    ru
                );
            }
        }
    }
    Ok(())
}

fn case(seed_pick: usize, rng_seed: u64, mutations: usize, text_damage: bool) -> String {
    let seeds = seeds();
    let mut v = seeds[seed_pick % seeds.len()].clone();
    let mut rng = Rng(rng_seed);
    for _ in 0..mutations {
        mutate(&mut v, &mut rng);
    }
    let mut text = if rng.chance(20) {
        serde_json::to_string_pretty(&v).unwrap_or_default()
    } else {
        v.to_string()
    };
    if text_damage {
        damage_text(&mut text, &mut rng);
    }
    text
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "proptest-regressions",
        ))),
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(5_000))]

    /// Structural mutations of the JSON: every kind of record and field.
    #[test]
    fn mutated_exports_load_or_fail_by_name(
        seed_pick in 0usize..8,
        rng_seed in any::<u64>(),
        mutations in 1usize..5,
    ) {
        check(&case(seed_pick, rng_seed, mutations, false))?;
    }
}

proptest! {
    #![proptest_config(config(5_000))]

    /// The same with damage to the text: truncation, inserted bytes, BOMs, trailing garbage.
    #[test]
    fn damaged_export_texts_load_or_fail_by_name(
        seed_pick in 0usize..8,
        rng_seed in any::<u64>(),
        mutations in 0usize..3,
    ) {
        check(&case(seed_pick, rng_seed, mutations, true))?;
    }
}

// ---- Seeds that once failed, kept as regression cases ----

fn check_text(text: &str) {
    if let Err(e) = check(text) {
        panic!("{e}");
    }
}

/// Found by the fuzzer: `data` given as a list made serde read the project from a sequence and
/// fail with «invalid length 0, expected struct Project with 19 elements» — library English.
#[test]
fn data_as_a_list_is_a_named_error() {
    for data in ["[]", "[1]", "[[], {}]"] {
        let text = format!(r#"{{"format":"sloy-project","schema_version":1,"data":{data}}}"#);
        check_text(&text);
        let e = from_file(&text).expect_err("refused");
        assert!(
            matches!(
                &e,
                LoadError::Invalid {
                    problem: Problem::WrongType { .. },
                    ..
                }
            ),
            "{e:?}"
        );
    }
    // A pair of texts given as a one-element list.
    let mut v = seeds()[1].clone();
    v["data"]["import_mappings"] = json!([{"kind": "clients", "columns": [["a"]]}]);
    check_text(&v.to_string());
}

/// The recorded proptest seeds, replayed explicitly so that they run even without the
/// regression file.
#[test]
fn recorded_seeds_stay_fixed() {
    for (pick, seed, n) in [
        (0usize, 10791286779792417990u64, 1usize),
        (0, 6277514134618958724, 1),
        (0, 12499436647023411254, 2),
        (0, 3535837900985595010, 3),
    ] {
        check_text(&case(pick, seed, n, false));
        check_text(&case(pick, seed, n, true));
    }
}
