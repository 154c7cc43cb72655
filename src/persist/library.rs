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
//!
//! ## Chunks: saving a big project fast
//! Clients and deals are stored in chunks of [`CHUNK_ITEMS`] under their own keys
//! (`sloy.c.<id>.<c|d><n>.<rev>`); the project value holds the rest of the project and, on its
//! first line, the list of its chunks. A save rewrites only the chunks whose items changed since
//! the previous save (compared with the copy kept in [`SaveCache`]), so an edit in a
//! 10 000-deal project serialises and deflates one chunk, not 12 MB of JSON. The project value
//! is the commit point: new chunks get new keys and are written first; if anything fails they
//! are removed and the previous save stays whole; after the project value is written, the
//! chunks it no longer lists are removed. Values of the older single-value layout still load.

use super::codec::{pack, unpack};
use super::error::{LoadError, StoreError};
use super::file::{from_json, is_current_version, to_json};
use crate::domain::{Client, Deal, Id, Project};
use serde::{Deserialize, Serialize};

pub const DATA_PREFIX: &str = "sloy.p.";
pub const META_PREFIX: &str = "sloy.m.";
pub const CHUNK_PREFIX: &str = "sloy.c.";
/// Clients or deals per chunk.
pub const CHUNK_ITEMS: usize = 500;
/// First line of a project value that has chunks: `parts1:c=<key>,…;d=<key>,…`.
const PARTS_TAG: &str = "parts1:";

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

/// The chunk keys listed on the first line of a project value, and the packed rest.
fn split_parts(stored: &str) -> (Vec<&str>, Vec<&str>, &str) {
    let Some(rest) = stored.strip_prefix(PARTS_TAG) else {
        return (Vec::new(), Vec::new(), stored);
    };
    let (line, body) = rest.split_once('\n').unwrap_or((rest, ""));
    let mut clients = Vec::new();
    let mut deals = Vec::new();
    for part in line.split(';') {
        let (kind, keys) = part.split_once('=').unwrap_or((part, ""));
        let keys = keys.split(',').filter(|k| !k.is_empty());
        match kind {
            "c" => clients.extend(keys),
            "d" => deals.extend(keys),
            _ => {}
        }
    }
    (clients, deals, body)
}

/// The whole project text of a stored value: the project value with its chunks put back.
/// Errors name the missing or damaged chunk.
pub fn stored_text(kv: &impl KeyValue, stored: &str) -> Result<String, LoadError> {
    let (clients, deals, body) = split_parts(stored);
    let root = unpack(body).map_err(|detail| LoadError::Corrupt { detail })?;
    if clients.is_empty() && deals.is_empty() {
        return Ok(root);
    }
    let mut lists = [String::new(), String::new()];
    for (list, keys) in lists.iter_mut().zip([&clients, &deals]) {
        for key in keys.iter() {
            let raw = kv.get(key).ok_or_else(|| LoadError::Corrupt {
                detail: format!("нет части данных {key}"),
            })?;
            let text = unpack(&raw).map_err(|detail| LoadError::Corrupt {
                detail: format!("{key}: {detail}"),
            })?;
            let inner = text
                .trim()
                .strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .ok_or_else(|| LoadError::Corrupt {
                    detail: format!("{key}: не список"),
                })?;
            if !list.is_empty() {
                list.push(',');
            }
            list.push_str(inner);
        }
    }
    // The envelope is written by `to_json` with `data` last, so it ends with `}}`.
    let head = root
        .trim_end()
        .strip_suffix("}}")
        .ok_or_else(|| LoadError::Corrupt {
            detail: "неожиданный конец данных проекта".into(),
        })?;
    let mut text = String::with_capacity(root.len() + lists[0].len() + lists[1].len() + 32);
    text.push_str(head);
    for (name, list) in [("clients", &lists[0]), ("deals", &lists[1])] {
        if !list.is_empty() {
            text.push_str(",\"");
            text.push_str(name);
            text.push_str("\":[");
            text.push_str(list);
            text.push(']');
        }
    }
    text.push_str("}}");
    Ok(text)
}

/// Loads one stored project value (with its chunks from `kv`).
pub fn decode(kv: &impl KeyValue, stored: &str) -> Result<Project, LoadError> {
    Ok(from_json(&stored_text(kv, stored)?)?.project)
}

/// Loads the stored project `id`, if it is there and readable.
pub fn load_project(kv: &impl KeyValue, id: Id) -> Option<Project> {
    kv.get(&data_key(id)).and_then(|raw| decode(kv, &raw).ok())
}

/// Characters a stored project takes: its value and its chunks.
fn stored_chars(kv: &impl KeyValue, stored: &str) -> u64 {
    let (c, d, _) = split_parts(stored);
    let chunks: usize = c
        .iter()
        .chain(d.iter())
        .filter_map(|k| kv.get(k))
        .map(|v| v.chars().count())
        .sum();
    (stored.chars().count() + chunks) as u64
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
        match decode(kv, &raw) {
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
                        stored_chars: stored_chars(kv, &raw),
                    },
                };
                out.projects.push(Stored { meta, project });
            }
            Err(error) => out.unreadable.push(Unreadable {
                key: key.clone(),
                name: meta.map(|m| m.name),
                text: stored_text(kv, &raw)
                    .or_else(|_| unpack(split_parts(&raw).2))
                    .unwrap_or(raw),
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

/// What the last save of the open project wrote: its chunks with a copy of their items, so
/// that the next save rewrites only the chunks that changed.
#[derive(Debug, Default)]
pub struct SaveCache {
    id: Option<Id>,
    clients: Vec<Cached<Client>>,
    deals: Vec<Cached<Deal>>,
}

#[derive(Debug)]
struct Cached<T> {
    key: String,
    items: Vec<T>,
    /// Characters of the stored chunk.
    chars: u64,
}

impl SaveCache {
    /// Forget everything (after loading another version of the project, say).
    pub fn clear(&mut self) {
        *self = SaveCache::default();
    }
}

/// After `p` was loaded from `kv`, remembers its stored chunks, so that the first save after
/// opening a project rewrites only what changed. Values of an older schema version are not
/// remembered (their chunks must be rewritten in the current format).
pub fn seed_cache(kv: &impl KeyValue, p: &Project, cache: &mut SaveCache) {
    cache.clear();
    let Some(value) = kv.get(&data_key(p.id)) else {
        return;
    };
    let (c, d, body) = split_parts(&value);
    if !unpack(body).is_ok_and(|root| is_current_version(&root)) {
        return;
    }
    if let (Some(clients), Some(deals)) = (seeded(kv, &c, &p.clients), seeded(kv, &d, &p.deals)) {
        cache.id = Some(p.id);
        cache.clients = clients;
        cache.deals = deals;
    }
}

fn seeded<T: Clone>(kv: &impl KeyValue, keys: &[&str], items: &[T]) -> Option<Vec<Cached<T>>> {
    if items.chunks(CHUNK_ITEMS).len() != keys.len() {
        return None;
    }
    keys.iter()
        .zip(items.chunks(CHUNK_ITEMS))
        .map(|(k, chunk)| {
            Some(Cached {
                key: (*k).to_string(),
                items: chunk.to_vec(),
                chars: kv.get(k)?.chars().count() as u64,
            })
        })
        .collect()
}

fn joined_keys<T>(v: &[Cached<T>]) -> String {
    v.iter()
        .map(|c| c.key.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// The chunks of one list for this save: unchanged ones keep their key, changed ones are
/// serialised, packed and get a new key. Returns the keys and the (key, value) pairs to write.
fn plan_chunks<T: Clone + PartialEq + Serialize>(
    items: &[T],
    cached: Vec<Cached<T>>,
    key_base: &str,
    rev: u64,
) -> (Vec<Cached<T>>, Vec<(String, String)>) {
    let mut cached = cached.into_iter();
    let mut keep = Vec::new();
    let mut writes = Vec::new();
    for (n, chunk) in items.chunks(CHUNK_ITEMS).enumerate() {
        match cached.next() {
            // Moved, not cloned: the cache is rebuilt by every save.
            Some(c) if c.items.as_slice() == chunk => keep.push(c),
            _ => {
                let key = format!("{key_base}{n}.{rev}");
                let json = serde_json::to_string(chunk).unwrap_or_else(|_| "[]".into());
                let packed = pack(&json);
                keep.push(Cached {
                    key: key.clone(),
                    items: chunk.to_vec(),
                    chars: packed.chars().count() as u64,
                });
                writes.push((key, packed));
            }
        }
    }
    (keep, writes)
}

/// Saves a project. `base_rev` is the revision this tab last loaded or saved; when storage holds
/// a different one, another tab saved in between and the save is refused unless `force`.
/// Takes the project mutably only to serialise it without its clients and deals (they are put
/// back before returning).
pub fn save(
    kv: &mut impl KeyValue,
    p: &mut Project,
    base_rev: u64,
    writer: &str,
    now: &str,
    force: bool,
) -> Result<Meta, StoreError> {
    save_with(
        kv,
        p,
        &mut SaveCache::default(),
        base_rev,
        writer,
        now,
        force,
    )
}

/// [`save`], rewriting only the chunks changed since the save recorded in `cache`.
pub fn save_with(
    kv: &mut impl KeyValue,
    p: &mut Project,
    cache: &mut SaveCache,
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
    if cache.id != Some(p.id) {
        cache.clear();
    }
    let rev = current.as_ref().map(|m| m.rev).unwrap_or(0).max(base_rev) + 1;
    let base = format!("{CHUNK_PREFIX}{}.", p.id);
    // Chunks whose key is still listed by the stored value may be reused; after a conflict
    // that the user resolved, or a value written by another tab, the cache may be stale.
    let old_value = kv.get(&data_key(p.id));
    let listed: Vec<String> = old_value
        .as_deref()
        .map(|v| {
            let (c, d, _) = split_parts(v);
            c.into_iter().chain(d).map(str::to_string).collect()
        })
        .unwrap_or_default();
    cache.clients.retain(|c| listed.contains(&c.key));
    cache.deals.retain(|c| listed.contains(&c.key));
    // New chunk keys must differ from every listed one, even when the meta was lost.
    let gen = listed
        .iter()
        .filter_map(|k| k.rsplit('.').next()?.parse::<u64>().ok())
        .max()
        .map_or(rev, |g| g.max(rev - 1) + 1);
    // The cache is taken: a failed save leaves it empty, and the next save writes everything.
    let (clients, mut writes) = plan_chunks(
        &p.clients,
        std::mem::take(&mut cache.clients),
        &format!("{base}c"),
        gen,
    );
    let (deals, deal_writes) = plan_chunks(
        &p.deals,
        std::mem::take(&mut cache.deals),
        &format!("{base}d"),
        gen,
    );
    writes.extend(deal_writes);

    let taken = (std::mem::take(&mut p.clients), std::mem::take(&mut p.deals));
    let root = to_json(p, now);
    (p.clients, p.deals) = taken;
    let value = if clients.is_empty() && deals.is_empty() {
        pack(&root)
    } else {
        format!(
            "{PARTS_TAG}c={};d={}\n{}",
            joined_keys(&clients),
            joined_keys(&deals),
            pack(&root)
        )
    };

    // Write the changed chunks, then the project value (the commit point); on failure remove
    // what this save wrote, so the previous save stays whole.
    let mut written: Vec<&str> = Vec::new();
    for (key, chunk) in &writes {
        if let Err(e) = kv.set(key, chunk) {
            written.iter().for_each(|k| kv.remove(k));
            return Err(e);
        }
        written.push(key);
    }
    if let Err(e) = kv.set(&data_key(p.id), &value) {
        written.iter().for_each(|k| kv.remove(k));
        return Err(e);
    }
    let now_listed: Vec<&str> = clients
        .iter()
        .map(|c| c.key.as_str())
        .chain(deals.iter().map(|c| c.key.as_str()))
        .collect();
    for old in listed.iter().filter(|k| !now_listed.contains(&k.as_str())) {
        kv.remove(old);
    }
    let stored_chars = value.chars().count() as u64
        + clients.iter().map(|c| c.chars).sum::<u64>()
        + deals.iter().map(|c| c.chars).sum::<u64>();
    cache.id = Some(p.id);
    cache.clients = clients;
    cache.deals = deals;

    let meta = Meta {
        id: p.id,
        name: p.name.clone(),
        rev,
        saved_at: now.to_string(),
        writer: writer.to_string(),
        deleted_at: current.and_then(|m| m.deleted_at),
        stored_chars,
    };
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
    remove_chunks(kv, id);
    kv.remove(&data_key(id));
    kv.remove(&meta_key(id));
}

fn remove_chunks(kv: &mut impl KeyValue, id: Id) {
    let base = format!("{CHUNK_PREFIX}{id}.");
    for k in kv.keys().into_iter().filter(|k| k.starts_with(&base)) {
        kv.remove(&k);
    }
}

/// Deletes an unreadable value, after the user downloaded it.
pub fn discard_unreadable(kv: &mut impl KeyValue, key: &str) {
    if let Some(id) = key.strip_prefix(DATA_PREFIX) {
        kv.remove(&format!("{META_PREFIX}{id}"));
        if let Ok(id) = id.parse::<Id>() {
            remove_chunks(kv, id);
        }
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
        let mut p = demo_project();
        let m = save(&mut kv, &mut p, 0, "tab1", "2025-03-31T10:00:00Z", false).unwrap();
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
        save(&mut kv, &mut p, 0, "tab1", "t1", false).unwrap();
        // Tab 2 loaded rev 1 and saves: rev 2.
        let mut theirs = p.clone();
        theirs.name = "Из второй вкладки".into();
        save(&mut kv, &mut theirs, 1, "tab2", "t2", false).unwrap();
        // Tab 1 still thinks rev 1.
        p.name = "Из первой вкладки".into();
        let e = save(&mut kv, &mut p, 1, "tab1", "t3", false).unwrap_err();
        assert_eq!(
            e,
            StoreError::Conflict {
                their_rev: 2,
                their_saved_at: "t2".into()
            }
        );
        assert_eq!(scan(&kv).projects[0].project.name, "Из второй вкладки");
        // The user chose to keep this tab's version.
        let m = save(&mut kv, &mut p, 1, "tab1", "t4", true).unwrap();
        assert_eq!(m.rev, 3);
        assert_eq!(scan(&kv).projects[0].project.name, "Из первой вкладки");
    }

    #[test]
    fn quota_keeps_the_previous_save() {
        let mut kv = MemoryStore::default();
        let mut p = demo_project();
        save(&mut kv, &mut p, 0, "t", "t1", false).unwrap();
        let used = kv.used_without("");
        kv.quota = Some(used + 100);
        for i in 0..200 {
            p.clients[0].notes.push_str(&format!(
                "заметка {i} без сжатия {}",
                crate::domain::new_id()
            ));
        }
        assert_eq!(
            save(&mut kv, &mut p, 1, "t", "t2", false),
            Err(StoreError::Quota)
        );
        let s = scan(&kv);
        assert_eq!(s.projects[0].meta.rev, 1);
        assert!(s.projects[0].project.clients[0].notes.is_empty());
    }

    #[test]
    fn unreadable_values_are_kept_and_reported() {
        let mut kv = MemoryStore::default();
        let mut p = demo_project();
        save(&mut kv, &mut p, 0, "t", "t1", false).unwrap();
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
        let mut p = demo_project();
        save(&mut kv, &mut p, 0, "t", "t1", false).unwrap();
        set_deleted(&mut kv, p.id, Some("2025-04-01".into())).unwrap();
        assert!(scan(&kv).projects[0].meta.deleted_at.is_some());
        // Saving keeps the bin flag.
        save(&mut kv, &mut p, 1, "t", "t2", false).unwrap();
        assert!(read_meta(&kv, p.id).unwrap().deleted_at.is_some());
        set_deleted(&mut kv, p.id, None).unwrap();
        assert!(read_meta(&kv, p.id).unwrap().deleted_at.is_none());
        purge(&mut kv, p.id);
        assert!(scan(&kv).projects.is_empty());
    }

    #[test]
    fn lost_meta_is_rebuilt_from_data() {
        let mut kv = MemoryStore::default();
        let mut p = demo_project();
        save(&mut kv, &mut p, 0, "t", "t1", false).unwrap();
        kv.remove(&meta_key(p.id));
        let s = scan(&kv);
        assert_eq!(s.projects[0].meta.name, p.name);
        assert_eq!(s.projects[0].meta.rev, 0);
    }

    fn chunk_keys(kv: &MemoryStore) -> Vec<String> {
        kv.keys()
            .into_iter()
            .filter(|k| k.starts_with(CHUNK_PREFIX))
            .collect()
    }

    #[test]
    fn big_projects_are_stored_in_chunks_and_load_back_whole() {
        let mut kv = MemoryStore::default();
        let mut p = crate::domain::synth::random_project(3, 700, 1_600);
        save(&mut kv, &mut p, 0, "t", "t1", false).unwrap();
        // 700 clients → 2 chunks, 1 600 deals → 4 chunks.
        assert_eq!(chunk_keys(&kv).len(), 6);
        assert_eq!(scan(&kv).projects[0].project, p);
        assert_eq!(load_project(&kv, p.id).as_ref(), Some(&p));
    }

    #[test]
    fn an_edit_rewrites_only_its_chunk() {
        let mut kv = MemoryStore::default();
        let mut cache = SaveCache::default();
        let mut p = crate::domain::synth::random_project(4, 700, 1_600);
        let m = save_with(&mut kv, &mut p, &mut cache, 0, "t", "t1", false).unwrap();
        let before = chunk_keys(&kv);
        p.deals[1_200].title.push_str(" (изменено)");
        let m = save_with(&mut kv, &mut p, &mut cache, m.rev, "t", "t2", false).unwrap();
        let after = chunk_keys(&kv);
        assert_eq!(after.len(), before.len());
        let new: Vec<_> = after.iter().filter(|k| !before.contains(k)).collect();
        assert_eq!(new.len(), 1, "{new:?}");
        assert!(new[0].contains(".d2."), "{new:?}");
        assert_eq!(load_project(&kv, p.id).as_ref(), Some(&p));
        // Appending a deal and editing a client.
        let extra = p.deals[0].clone();
        p.deals.push(crate::domain::Deal {
            id: crate::domain::new_id(),
            ..extra
        });
        p.clients[650].notes.push_str("новая заметка");
        save_with(&mut kv, &mut p, &mut cache, m.rev, "t", "t3", false).unwrap();
        assert_eq!(load_project(&kv, p.id).as_ref(), Some(&p));
        // A fresh cache (another tab, a reload) gives the same stored project.
        let mut other = SaveCache::default();
        p.name = "Другая вкладка".into();
        let m = read_meta(&kv, p.id).unwrap();
        save_with(&mut kv, &mut p, &mut other, m.rev, "t2", "t4", false).unwrap();
        assert_eq!(load_project(&kv, p.id).as_ref(), Some(&p));
        let chunks = |n: usize| n.div_ceil(CHUNK_ITEMS);
        assert_eq!(
            chunk_keys(&kv).len(),
            chunks(p.clients.len()) + chunks(p.deals.len()),
            "old chunks are removed"
        );
    }

    #[test]
    fn a_quota_failure_between_chunks_leaves_the_previous_save_whole() {
        let mut kv = MemoryStore::default();
        let mut cache = SaveCache::default();
        let mut p = crate::domain::synth::random_project(5, 700, 1_600);
        let saved = p.clone();
        save_with(&mut kv, &mut p, &mut cache, 0, "t", "t1", false).unwrap();
        let keys_before = kv.keys();
        // Change every deal (all chunks rewritten) with room for about one more chunk only.
        for d in &mut p.deals {
            d.title
                .push_str(" — новая редакция с длинным текстом, который плохо сжимается 7f3a");
        }
        kv.quota = Some(kv.used_without("") + 60_000);
        assert_eq!(
            save_with(&mut kv, &mut p, &mut cache, 1, "t", "t2", false),
            Err(StoreError::Quota)
        );
        assert_eq!(kv.keys(), keys_before, "no orphan chunks, nothing replaced");
        assert_eq!(scan(&kv).projects[0].project, saved);
        // Room again: the next save succeeds, with the cache still usable.
        kv.quota = None;
        save_with(&mut kv, &mut p, &mut cache, 1, "t", "t3", false).unwrap();
        assert_eq!(scan(&kv).projects[0].project, p);
    }

    #[test]
    fn the_single_value_layout_still_loads() {
        let mut kv = MemoryStore::default();
        let p = demo_project();
        kv.set(&data_key(p.id), &pack(&to_json(&p, "t"))).unwrap();
        assert_eq!(scan(&kv).projects[0].project, p);
        // Plain JSON, as written by hand, too.
        let mut kv = MemoryStore::default();
        kv.set(&data_key(p.id), &to_json(&p, "t")).unwrap();
        assert_eq!(scan(&kv).projects[0].project, p);
    }

    #[test]
    fn a_lost_meta_never_makes_a_save_overwrite_listed_chunks() {
        let mut kv = MemoryStore::default();
        let mut p = crate::domain::synth::random_project(6, 700, 1_600);
        save(&mut kv, &mut p, 0, "t", "t1", false).unwrap();
        let listed = chunk_keys(&kv);
        kv.remove(&meta_key(p.id));
        kv.quota = Some(kv.used_without("") + 10);
        p.deals[0].title.push('!');
        assert!(save(&mut kv, &mut p, 0, "t", "t2", false).is_err());
        for k in &listed {
            assert!(kv.get(k).is_some(), "{k} must survive");
        }
        kv.quota = None;
        save(&mut kv, &mut p, 0, "t", "t3", false).unwrap();
        assert_eq!(scan(&kv).projects[0].project, p);
    }

    #[test]
    fn a_missing_or_damaged_chunk_makes_the_project_unreadable_not_lost() {
        let mut kv = MemoryStore::default();
        let mut p = crate::domain::synth::random_project(7, 700, 1_600);
        save(&mut kv, &mut p, 0, "t", "t1", false).unwrap();
        let victim = chunk_keys(&kv)
            .into_iter()
            .find(|k| k.contains(".d1."))
            .unwrap();
        kv.set(&victim, "z1:5:abc").unwrap();
        let s = scan(&kv);
        assert!(s.projects.is_empty());
        assert_eq!(s.unreadable.len(), 1);
        assert!(
            matches!(&s.unreadable[0].error, LoadError::Corrupt { detail } if detail.contains(&victim)),
            "{:?}",
            s.unreadable[0].error
        );
        // The rest of the project is offered for download.
        assert!(s.unreadable[0].text.contains(&p.name));
        kv.remove(&victim);
        assert!(matches!(
            &scan(&kv).unreadable[0].error,
            LoadError::Corrupt { detail } if detail.contains("нет части данных")
        ));
        // Purging removes the chunks too.
        purge(&mut kv, p.id);
        assert!(chunk_keys(&kv).is_empty());
    }

    #[test]
    fn a_seeded_cache_makes_the_first_save_after_opening_incremental() {
        let mut kv = MemoryStore::default();
        let mut p = crate::domain::synth::random_project(8, 700, 1_600);
        let m = save(&mut kv, &mut p, 0, "t", "t1", false).unwrap();
        let before = chunk_keys(&kv);
        // Another session opens the project.
        let mut q = load_project(&kv, p.id).unwrap();
        let mut cache = SaveCache::default();
        seed_cache(&kv, &q, &mut cache);
        q.deals[10].title.push('!');
        save_with(&mut kv, &mut q, &mut cache, m.rev, "t2", "t2", false).unwrap();
        let after = chunk_keys(&kv);
        assert_eq!(after.iter().filter(|k| !before.contains(k)).count(), 1);
        assert_eq!(load_project(&kv, p.id).as_ref(), Some(&q));
    }
}
