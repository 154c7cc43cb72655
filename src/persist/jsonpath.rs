//! The path of the JSON value at a text position (`data.deals[3].amount`), so that a
//! deserialization error — which serde_json reports as line and column — can name the field.
//!
//! A small scanner instead of `serde_path_to_error`: that crate wraps every model type's
//! deserializer and cost ~100 KB of the wasm bundle; this runs only when a file is already
//! known to be bad.

enum Frame {
    Object {
        key: Option<String>,
        expecting_key: bool,
    },
    Array {
        index: usize,
    },
}

/// The path of the value being read at `line`/`column` (1-based, as serde_json reports them).
/// With `object_only` the innermost object itself is named, not its last key (for "missing
/// field" errors, which serde reports at the object's closing brace).
pub fn path_at(text: &str, line: usize, column: usize, object_only: bool) -> String {
    let mut stack: Vec<Frame> = vec![];
    let (mut l, mut c) = (1usize, 0usize);
    let mut string_buf: Option<String> = None;
    let mut escaped = false;
    // Stop just before the reported character: serde points at (or just after) the culprit.
    let before_target = |l: usize, c: usize| l < line || (l == line && c < column);
    for ch in text.chars() {
        if ch == '\n' {
            l += 1;
            c = 0;
        } else {
            // serde_json counts columns in bytes.
            c += ch.len_utf8();
        }
        if !before_target(l, c) {
            break;
        }
        if let Some(buf) = string_buf.as_mut() {
            if escaped {
                escaped = false;
                buf.push(ch);
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                let s = string_buf.take().unwrap_or_default();
                if let Some(Frame::Object { key, expecting_key }) = stack.last_mut() {
                    if *expecting_key {
                        *key = Some(s);
                        *expecting_key = false;
                    }
                }
            } else {
                buf.push(ch);
            }
            continue;
        }
        match ch {
            '"' => string_buf = Some(String::new()),
            '{' => stack.push(Frame::Object {
                key: None,
                expecting_key: true,
            }),
            '[' => stack.push(Frame::Array { index: 0 }),
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                None => {}
            },
            _ => {}
        }
    }
    let mut out = String::new();
    let n = stack.len();
    for (i, f) in stack.iter().enumerate() {
        match f {
            Frame::Object { key: Some(k), .. } if !(object_only && i + 1 == n) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Frame::Object { .. } => {}
            Frame::Array { index } => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err_pos<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> (usize, usize) {
        let e = serde_json::from_str::<T>(text).expect_err("must fail");
        (e.line(), e.column())
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Deal {
        amount: u32,
        name: String,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Data {
        deals: Vec<Deal>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Env {
        data: Data,
    }

    #[test]
    fn names_the_field_with_a_wrong_type() {
        let text = r#"{"data": {"deals": [{"amount": 1, "name": "a"}, {"amount": 2, "name": "b"},
            {"name": "x,}{[", "amount": "много"}]}}"#;
        let (l, c) = err_pos::<Env>(text);
        assert_eq!(path_at(text, l, c, false), "data.deals[2].amount");
    }

    #[test]
    fn names_the_object_with_a_missing_field() {
        let text = "{\"data\": {\"deals\": [{\"amount\": 1, \"name\": \"a\"},\n {\"amount\": 2}]}}";
        let (l, c) = err_pos::<Env>(text);
        assert_eq!(path_at(text, l, c, true), "data.deals[1]");
    }

    #[test]
    fn escaped_quotes_in_strings() {
        let text = r#"{"data": {"deals": [{"name": "say \"hi\"", "amount": -1}]}}"#;
        let (l, c) = err_pos::<Env>(text);
        assert_eq!(path_at(text, l, c, false), "data.deals[0].amount");
    }
}
