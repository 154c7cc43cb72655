//! Limits on what a project file may hold, so that a hostile or broken file cannot hang the tab
//! (a 2 MB project name rendered in a dialog kept the renderer busy for minutes).
//!
//! | what | limit | on import |
//! |---|---|---|
//! | the file | [`MAX_FILE_BYTES`](super::file::MAX_FILE_BYTES) = 40 MB | refused |
//! | codes (`code`, `stage_code`) | [`CODE_CHARS`] = 50 characters | cut, reported |
//! | names and titles (`name`, `title`, `segment`, `position`, `industry`, …) | [`NAME_CHARS`] = 200 | cut, reported |
//! | list items (map positions, checklist lines, remembered import columns, …) | [`ITEM_CHARS`] = 1 000 | cut, reported |
//! | notes and other free text (`notes`, `text`, `rationale`, `observations`, …) | [`NOTE_CHARS`] = 10 000 | cut, reported |
//! | document templates (`kp_template`, `teo_template`) | [`TEMPLATE_CHARS`] = 100 000 | cut, reported |
//!
//! Why cut rather than refuse: every limit is far above any real value (a client's name of 200
//! characters, a note of 10 000), so a longer text is garbage or an accident, and refusing the
//! whole file would keep the consultant from the rest of their data. The import dialog lists
//! every cut text — record, field, its length and the limit — before anything is written, and
//! the user may cancel. Stored projects are not cut (nothing already saved is changed behind
//! the user's back); the views shorten long texts with `i18n::format::shorten` instead.

use serde_json::Value;

/// Codes shown in tables (K01, D05, 2.1).
pub const CODE_CHARS: usize = crate::domain::limits::CODE;
/// Names, titles and other one-line texts.
pub const NAME_CHARS: usize = crate::domain::limits::NAME;
/// One item of a list of short texts.
pub const ITEM_CHARS: usize = 1_000;
/// Notes and other free text.
pub const NOTE_CHARS: usize = crate::domain::limits::NOTE;
/// Document templates (КП, ТЭО).
pub const TEMPLATE_CHARS: usize = 100_000;

/// The limit of a text under `key`; `in_list` when it is an item of a list under that key.
pub fn text_limit(key: &str, in_list: bool) -> usize {
    match key {
        "code" | "stage_code" => CODE_CHARS,
        "kp_template" | "teo_template" => TEMPLATE_CHARS,
        _ if in_list => ITEM_CHARS,
        "name" | "title" | "name_ru" | "name_en" | "segment" | "position" | "industry" | "kind"
        | "unit" | "expert" | "lost_reason" | "delivery" | "payment" | "warranty" => NAME_CHARS,
        _ => NOTE_CHARS,
    }
}

/// A text that was cut: its JSON path (under `data`), length and limit.
#[derive(Clone, Debug, PartialEq)]
pub struct Cut {
    pub path: String,
    pub chars: usize,
    pub limit: usize,
}

/// Cuts every string of `data` that is longer than its limit, in place, and lists them.
pub fn bound_texts(data: &mut Value) -> Vec<Cut> {
    let mut cuts = vec![];
    walk(data, "data", None, false, &mut cuts);
    cuts
}

fn walk(v: &mut Value, path: &str, key: Option<&str>, in_list: bool, cuts: &mut Vec<Cut>) {
    match v {
        Value::String(s) => {
            let limit = text_limit(key.unwrap_or(""), in_list);
            // Bytes bound characters from above: most strings are skipped without counting.
            if s.len() > limit {
                if let Some((end, _)) = s.char_indices().nth(limit) {
                    let chars = limit + s[end..].chars().count();
                    s.truncate(end);
                    cuts.push(Cut {
                        path: path.to_string(),
                        chars,
                        limit,
                    });
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &format!("{path}[{i}]"), key, true, cuts);
            }
        }
        Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                walk(item, &format!("{path}.{k}"), Some(k), false, cuts);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn long_texts_are_cut_and_listed() {
        let mut v = json!({
            "name": "п".repeat(2_000_000),
            "clients": [{"code": "K".repeat(51), "name": "ok", "notes": "n".repeat(10_000)}],
            "layer3": {"map_templates": [{"positions": ["x".repeat(1_001)]}]}
        });
        let cuts = bound_texts(&mut v);
        assert_eq!(
            cuts,
            vec![
                Cut {
                    path: "data.clients[0].code".into(),
                    chars: 51,
                    limit: CODE_CHARS
                },
                Cut {
                    path: "data.layer3.map_templates[0].positions[0]".into(),
                    chars: 1_001,
                    limit: ITEM_CHARS
                },
                Cut {
                    path: "data.name".into(),
                    chars: 2_000_000,
                    limit: NAME_CHARS
                },
            ]
        );
        assert_eq!(v["name"].as_str().unwrap().chars().count(), NAME_CHARS);
        assert_eq!(v["clients"][0]["notes"].as_str().unwrap().len(), 10_000);
    }

    #[test]
    fn multibyte_texts_at_the_limit_are_kept() {
        let mut v = json!({"name": "я".repeat(NAME_CHARS)});
        assert!(bound_texts(&mut v).is_empty());
    }
}
