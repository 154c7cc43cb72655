//! The project library in a key-value store (localStorage in the browser, a map in tests).
//!
//! Layout: `sloy.p.<id>` holds the packed project envelope, `sloy.m.<id>` a small [`Meta`]
//! (name, revision, who saved it and when, whether it is in the bin). The rules of the
//! "nothing lost" policy live here, as pure logic over [`KeyValue`], so they are tested natively:
//! - a value that does not load is reported as [`Unreadable`] with its raw text and is never
//!   written over (no project with its id is ever saved);
//! - a save first compares revisions: when another tab saved after us, it refuses with
//!   [`StoreError::Conflict`] unless the user chose to overwrite;
//! - the data is written before the meta, so a failed (quota) write leaves the old pair intact.

use super::codec::{pack, unpack};
use super::error::{LoadError, StoreError};
use super::file::{from_json, to_json};
use crate::domain::{Id, Project};
use serde::{Deserialize, Serialize};

pub const DATA_PREFIX: &str = "sloy.p.";
pub const META_PREFIX: &str = "sloy.m.";

/// A string key-value store with a quota.
pub trait KeyValue {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str);
    fn keys(&self) -> Vec<String>;
}

/// What the project list shows without loading a project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub id: Id,
    pub name: String,
    /// Incremented by every save.
    pub rev: u64,
    pub saved_at: String,
    /// The tab that saved last.
    pub writer: String,
    /// Set when the project is in the bin.
    #[serde(default)]
    pub deleted_at: Option<String>,
    /// Characters stored.
    #[serde(default)]
    pub stored_chars: u64,
}

/// A project found in storage.
#[derive(Debug)]
pub struct Stored {
    pub meta: Meta,
    pub project: Project,
}

/// A stored value that could not be loaded; kept untouched and offered for download.
#[derive(Clone, Debug)]
pub struct Unreadable {
    pub key: String,
    /// The name from the meta record, when that is readable.
    pub name: Option<String>,
    /// The text to download: unpacked when possible, the raw stored value otherwise.
    pub text: String,
    pub error: LoadError,
}

/// Everything found in storage.
#[derive(Debug, Default)]
pub struct Scan {
    pub projects: Vec<Stored>,
    pub unreadable: Vec<Unreadable>,
}

pub fn data_key(id: Id) -> String {
    format!("{DATA_PREFIX}{id}")
}
pub fn meta_key(id: Id) -> String {
    format!("{META_PREFIX}{id}")
}

pub fn read_meta(kv: &impl KeyValue, id: Id) -> Option<Meta> {
    kv.get(&meta_key(id))
        .and_then(|s| serde_json::from_str(&s).ok())
}

/// Loads one stored project value.
pub fn decode(stored: &str) -> Result<Project, LoadError> {
    let text = unpack(stored).map_err(|detail| LoadError::Corrupt { detail })?;
    Ok(from_json(&text)?.project)
}

/// Reads every stored project; unreadable values are reported, not dropped.
pub fn scan(kv: &impl KeyValue) -> Scan {
    let mut out = Scan::default();
    let mut keys = kv.keys();
    keys.sort();
    for key in keys.iter().filter(|k| k.starts_with(DATA_PREFIX)) {
        let Some(raw) = kv.get(key) else { continue };
        let id_part = &key[DATA_PREFIX.len()..];
        let meta = id_part.parse::<Id>().ok().and_then(|id| read_meta(kv, id));
        match decode(&raw) {
            Ok(project) => {
                let meta = match meta {
                    Some(m) if m.id == project.id => m,
                    // The meta write failed or was lost: rebuild it from the data.
                    _ => Meta {
                        id: project.id,
                        name: project.name.clone(),
                        rev: 0,
                        saved_at: String::new(),
                        writer: String::new(),
                        deleted_at: None,
                        stored_chars: raw.chars().count() as u64,
                    },
                };
                out.projects.push(Stored { meta, project });
            }
            Err(error) => out.unreadable.push(Unreadable {
                key: key.clone(),
                name: meta.map(|m| m.name),
                text: unpack(&raw).unwrap_or(raw),
                error,
            }),
        }
    }
    out.projects.sort_by(|a, b| {
        b.meta
            .saved_at
            .cmp(&a.meta.saved_at)
            .then(a.meta.name.cmp(&b.meta.name))
    });
    out
}

/// Saves a project. `base_rev` is the revision this tab last loaded or saved; when storage holds
/// a different one, another tab saved in between and the save is refused unless `force`.
pub fn save(
    kv: &mut impl KeyValue,
    p: &Project,
    base_rev: u64,
    writer: &str,
    now: &str,
    force: bool,
) -> Result<Meta, StoreError> {
    let current = read_meta(kv, p.id);
    if let Some(m) = &current {
        if m.rev != base_rev && !force {
            return Err(StoreError::Conflict {
                their_rev: m.rev,
                their_saved_at: m.saved_at.clone(),
            });
        }
    }
    let packed = pack(&to_json(p, now));
    let rev = current.as_ref().map(|m| m.rev).unwrap_or(0).max(base_rev) + 1;
    let meta = Meta {
        id: p.id,
        name: p.name.clone(),
        rev,
        saved_at: now.to_string(),
        writer: writer.to_string(),
        deleted_at: current.and_then(|m| m.deleted_at),
        stored_chars: packed.chars().count() as u64,
    };
    kv.set(&data_key(p.id), &packed)?;
    let meta_json = serde_json::to_string(&meta).unwrap_or_default();
    kv.set(&meta_key(p.id), &meta_json)?;
    Ok(meta)
}

/// Moves a project to the bin (`Some(date)`) or back (`None`). The data is not touched.
pub fn set_deleted(
    kv: &mut impl KeyValue,
    id: Id,
    deleted_at: Option<String>,
) -> Result<Meta, StoreError> {
    let mut meta =
        read_meta(kv, id).ok_or_else(|| StoreError::Unavailable("проект не найден".into()))?;
    meta.deleted_at = deleted_at;
    kv.set(
        &meta_key(id),
        &serde_json::to_string(&meta).unwrap_or_default(),
    )?;
    Ok(meta)
}

/// Deletes a project for good (from the bin).
pub fn purge(kv: &mut impl KeyValue, id: Id) {
    kv.remove(&data_key(id));
    kv.remove(&meta_key(id));
}

/// Deletes an unreadable value, after the user downloaded it.
pub fn discard_unreadable(kv: &mut impl KeyValue, key: &str) {
    if let Some(id) = key.strip_prefix(DATA_PREFIX) {
        kv.remove(&format!("{META_PREFIX}{id}"));
    }
    kv.remove(key);
}

/// An in-memory store with a character quota, for tests and benchmarks.
#[derive(Default, Debug, Clone)]
pub struct MemoryStore {
    pub map: std::collections::BTreeMap<String, String>,
    /// Quota in UTF-16 code units over keys and values (`None` = unlimited).
    pub quota: Option<usize>,
}

impl MemoryStore {
    fn used_without(&self, key: &str) -> usize {
        self.map
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum()
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.map.get(key).cloned()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(q) = self.quota {
            if self.used_without(key) + key.encode_utf16().count() + value.encode_utf16().count()
                > q
            {
                return Err(StoreError::Quota);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        self.map.remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;

    #[test]
    fn save_and_scan() {
        let mut kv = MemoryStore::default();
        let p = demo_project();
        let m = save(&mut kv, &p, 0, "tab1", "2025-03-31T10:00:00Z", false).unwrap();
        assert_eq!(m.rev, 1);
        let s = scan(&kv);
        assert_eq!(s.projects.len(), 1);
        assert!(s.unreadable.is_empty());
        assert_eq!(s.projects[0].project, p);
        assert_eq!(s.projects[0].meta.rev, 1);
    }

    #[test]
    fn another_tabs_later_save_is_never_overwritten_silently() {
        let mut kv = MemoryStore::default();
        let mut p = demo_project();
        save(&mut kv, &p, 0, "tab1", "t1", false).unwrap();
        // Tab 2 loaded rev 1 and saves: rev 2.
        let mut theirs = p.clone();
        theirs.name = "Из второй вкладки".into();
        save(&mut kv, &theirs, 1, "tab2", "t2", false).unwrap();
        // Tab 1 still thinks rev 1.
        p.name = "Из первой вкладки".into();
        let e = save(&mut kv, &p, 1, "tab1", "t3", false).unwrap_err();
        assert_eq!(
            e,
            StoreError::Conflict {
                their_rev: 2,
                their_saved_at: "t2".into()
            }
        );
        assert_eq!(scan(&kv).projects[0].project.name, "Из второй вкладки");
        // The user chose to keep this tab's version.
        let m = save(&mut kv, &p, 1, "tab1", "t4", true).unwrap();
        assert_eq!(m.rev, 3);
        assert_eq!(scan(&kv).projects[0].project.name, "Из первой вкладки");
    }

    #[test]
    fn quota_keeps_the_previous_save() {
        let mut kv = MemoryStore::default();
        let mut p = demo_project();
        save(&mut kv, &p, 0, "t", "t1", false).unwrap();
        let used = kv.used_without("");
        kv.quota = Some(used + 100);
        for i in 0..200 {
            p.clients[0].notes.push_str(&format!(
                "заметка {i} без сжатия {}",
                crate::domain::new_id()
            ));
        }
        assert_eq!(
            save(&mut kv, &p, 1, "t", "t2", false),
            Err(StoreError::Quota)
        );
        let s = scan(&kv);
        assert_eq!(s.projects[0].meta.rev, 1);
        assert!(s.projects[0].project.clients[0].notes.is_empty());
    }

    #[test]
    fn unreadable_values_are_kept_and_reported() {
        let mut kv = MemoryStore::default();
        let p = demo_project();
        save(&mut kv, &p, 0, "t", "t1", false).unwrap();
        let bad_id = crate::domain::new_id();
        kv.set(
            &data_key(bad_id),
            "{\"format\":\"sloy-project\",\"schema_version\":1,\"data\":{oops",
        )
        .unwrap();
        kv.set(
            &meta_key(bad_id),
            &serde_json::to_string(&Meta {
                id: bad_id,
                name: "Сломанный".into(),
                rev: 4,
                saved_at: "t".into(),
                writer: "x".into(),
                deleted_at: None,
                stored_chars: 1,
            })
            .unwrap(),
        )
        .unwrap();
        kv.set(&data_key(crate::domain::new_id()), "z1:99:abc")
            .unwrap();
        let s = scan(&kv);
        assert_eq!(s.projects.len(), 1);
        assert_eq!(s.unreadable.len(), 2);
        let named = s.unreadable.iter().find(|u| u.name.is_some()).unwrap();
        assert_eq!(named.name.as_deref(), Some("Сломанный"));
        assert!(named.text.contains("oops"));
        assert!(matches!(named.error, LoadError::NotJson { .. }));
        // Still there after the scan.
        assert!(kv.get(&data_key(bad_id)).unwrap().contains("oops"));
        discard_unreadable(&mut kv, &data_key(bad_id));
        assert!(kv.get(&data_key(bad_id)).is_none() && kv.get(&meta_key(bad_id)).is_none());
    }

    #[test]
    fn bin_and_restore() {
        let mut kv = MemoryStore::default();
        let p = demo_project();
        save(&mut kv, &p, 0, "t", "t1", false).unwrap();
        set_deleted(&mut kv, p.id, Some("2025-04-01".into())).unwrap();
        assert!(scan(&kv).projects[0].meta.deleted_at.is_some());
        // Saving keeps the bin flag.
        save(&mut kv, &p, 1, "t", "t2", false).unwrap();
        assert!(read_meta(&kv, p.id).unwrap().deleted_at.is_some());
        set_deleted(&mut kv, p.id, None).unwrap();
        assert!(read_meta(&kv, p.id).unwrap().deleted_at.is_none());
        purge(&mut kv, p.id);
        assert!(scan(&kv).projects.is_empty());
    }

    #[test]
    fn lost_meta_is_rebuilt_from_data() {
        let mut kv = MemoryStore::default();
        let p = demo_project();
        save(&mut kv, &p, 0, "t", "t1", false).unwrap();
        kv.remove(&meta_key(p.id));
        let s = scan(&kv);
        assert_eq!(s.projects[0].meta.name, p.name);
        assert_eq!(s.projects[0].meta.rev, 0);
    }
}
