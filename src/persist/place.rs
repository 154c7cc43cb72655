//! Where in a project file a problem is: the record (its list, position, code and name) and the
//! field inside it. Built from a JSON path (`data.deals[3].amount`) and, when the file could be
//! read as JSON, the record's own code and name, so that a message can say «Сделка D05
//! («Поставка линии»), поле «Сумма»» instead of a path. `i18n::load` turns it into words.

use crate::i18n::format::shorten;
use serde_json::Value;

/// One step of a path: an object key or a list position (0-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A record of the project and a field in it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Place {
    /// The list holding the record as its key path (`deals`, `layer3.activities`); empty when
    /// the field belongs to the project itself (`company.name`).
    pub list: String,
    /// The record's position in its list (0-based).
    pub index: Option<usize>,
    /// The record's code as written in the file (shortened), if it has one.
    pub code: Option<String>,
    /// The record's name (title, text) as written in the file (shortened), if it has one.
    pub name: Option<String>,
    /// The field inside the record (or the project), outermost first.
    pub field: Vec<Seg>,
}

/// How many characters of a record's code or name a message quotes.
const LABEL_CHARS: usize = 60;

fn parse_path(path: &str) -> Vec<Seg> {
    let mut out = vec![];
    for part in path.split('.') {
        let mut rest = part;
        // `key[1][2]`
        let key_end = rest.find('[').unwrap_or(rest.len());
        if key_end > 0 {
            out.push(Seg::Key(rest[..key_end].to_string()));
        }
        rest = &rest[key_end..];
        while let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']').unwrap_or(r.len());
            match r[..end].parse() {
                Ok(i) => out.push(Seg::Index(i)),
                Err(_) => out.push(Seg::Key(r[..end].to_string())),
            }
            rest = r.get(end + 1..).unwrap_or("");
        }
    }
    out
}

fn text_of(v: &Value, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|k| v.get(*k).and_then(Value::as_str))
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(|s| shorten(s, LABEL_CHARS).into_owned())
}

impl Place {
    /// The place of a JSON path like `data.deals[3].amount` (the `data.` prefix is optional).
    /// `data` is the file's `data` object, when it could be read, for the record's code and name.
    pub fn from_path(path: &str, data: Option<&Value>) -> Place {
        let path = path.strip_prefix("data").unwrap_or(path);
        let path = path.strip_prefix('.').unwrap_or(path);
        let segs = parse_path(path);
        let Some(at) = segs.iter().position(|s| matches!(s, Seg::Index(_))) else {
            return Place {
                field: segs,
                ..Place::default()
            };
        };
        let list: Vec<&str> = segs[..at]
            .iter()
            .filter_map(|s| match s {
                Seg::Key(k) => Some(k.as_str()),
                Seg::Index(_) => None,
            })
            .collect();
        let index = match segs[at] {
            Seg::Index(i) => i,
            Seg::Key(_) => 0,
        };
        let mut place = Place {
            list: list.join("."),
            index: Some(index),
            code: None,
            name: None,
            field: segs[at + 1..].to_vec(),
        };
        if let Some(data) = data {
            place.label_from(data, &list, index);
        }
        place
    }

    fn label_from(&mut self, data: &Value, list: &[&str], index: usize) {
        let mut v = data;
        for k in list {
            match v.get(*k) {
                Some(x) => v = x,
                None => return,
            }
        }
        let Some(record) = v.get(index) else { return };
        if self.list == "revenues" {
            // A revenue line is named by its client.
            let client = record.get("client_id").and_then(Value::as_str);
            let found = data
                .get("clients")
                .and_then(Value::as_array)
                .and_then(|cs| {
                    cs.iter()
                        .find(|c| c.get("id").and_then(Value::as_str) == client)
                });
            if let Some(c) = found {
                self.code = text_of(c, &["code"]);
                self.name = text_of(c, &["name"]);
            }
            return;
        }
        self.code = text_of(record, &["code"]);
        self.name = text_of(
            record,
            &["name", "title", "name_ru", "segment", "text", "expert"],
        );
    }

    /// The JSON path, for support and tests: `data.deals[3].amount`.
    pub fn path(&self) -> String {
        let mut out = String::from("data");
        if !self.list.is_empty() {
            out.push('.');
            out.push_str(&self.list);
        }
        if let Some(i) = self.index {
            out.push_str(&format!("[{i}]"));
        }
        for s in &self.field {
            match s {
                Seg::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Seg::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// The same record with `key` appended to the field.
    pub fn with_key(mut self, key: &str) -> Place {
        self.field.push(Seg::Key(key.to_string()));
        self
    }

    /// The key of the innermost field, if the place ends in one.
    pub fn last_key(&self) -> Option<&str> {
        self.field.iter().rev().find_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_split_into_record_and_field() {
        let data = json!({"deals": [{"code": "D01", "title": "Линия"}, {"code": "D02", "title": "Склад"}]});
        let p = Place::from_path("data.deals[1].proposal.lines[0].qty", Some(&data));
        assert_eq!(p.list, "deals");
        assert_eq!(p.index, Some(1));
        assert_eq!(p.code.as_deref(), Some("D02"));
        assert_eq!(p.name.as_deref(), Some("Склад"));
        assert_eq!(
            p.field,
            vec![
                Seg::Key("proposal".into()),
                Seg::Key("lines".into()),
                Seg::Index(0),
                Seg::Key("qty".into())
            ]
        );
        assert_eq!(p.path(), "data.deals[1].proposal.lines[0].qty");
        let q = Place::from_path("data.company.name", None);
        assert_eq!(q.list, "");
        assert_eq!(q.index, None);
        assert_eq!(q.path(), "data.company.name");
        let r = Place::from_path("data.layer1.manager_plans[2].amount", None);
        assert_eq!(r.list, "layer1.manager_plans");
        assert_eq!(r.path(), "data.layer1.manager_plans[2].amount");
        assert_eq!(Place::from_path("data", None).path(), "data");
    }

    #[test]
    fn revenue_lines_are_named_by_their_client() {
        let data = json!({"clients": [{"id": "c1", "code": "K01", "name": "АО «Альфа»"}],
            "revenues": [{"client_id": "c1", "year": 2024, "amount": -5}]});
        let p = Place::from_path("data.revenues[0].amount", Some(&data));
        assert_eq!(p.code.as_deref(), Some("K01"));
        assert_eq!(p.name.as_deref(), Some("АО «Альфа»"));
    }
}
