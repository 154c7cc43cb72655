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
//! (`sloy.c.<id>.<c|d><n>.<gen>-<tab>`; older saves wrote `….<gen>`); the project value holds
//! the rest of the project and, on its first line, the list of its chunks. A save rewrites only
//! the chunks whose items changed since the previous save (compared with the copy kept in
//! [`SaveCache`]), so an edit in a 10 000-deal project serialises and deflates one chunk, not
//! 12 MB of JSON. The project value is the commit point: new chunks get new keys and are
//! written first; if anything fails they are removed and the previous save stays whole; after
//! the project value is written, the chunks it no longer lists are removed.
//!
//! A save is a [`SaveJob`] of short steps (one chunk each), so the page never waits for a whole
//! save: [`begin_save`] takes a snapshot, [`SaveJob::step`] does one step, and the commit step
//! checks the revision again, as another tab may have saved in between. The tab's name in new
//! chunk keys keeps two tabs saving at once from writing the same key. Values of the older
//! single-value layout still load.
//!
//! ## Start-up
//! [`list`] reads only the metas; a project is decoded when it is opened or checked
//! ([`load_stored`]), which reports an unreadable value with its raw text.

use super::codec::{pack, unpack};
use super::error::{Damage, LoadError, StoreError, Unavailable};
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

/// The projects of the list (not in the bin), in stored order.
pub fn live(metas: &[Meta]) -> Vec<Meta> {
    metas
        .iter()
        .filter(|m| m.deleted_at.is_none())
        .cloned()
        .collect()
}

/// The projects in the bin, in stored order.
pub fn binned(metas: &[Meta]) -> Vec<Meta> {
    metas
        .iter()
        .filter(|m| m.deleted_at.is_some())
        .cloned()
        .collect()
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
    let root = unpack(body).map_err(|damage| LoadError::Corrupt { damage })?;
    if clients.is_empty() && deals.is_empty() {
        return Ok(root);
    }
    let mut lists = [String::new(), String::new()];
    for (list, keys) in lists.iter_mut().zip([&clients, &deals]) {
        for key in keys.iter() {
            let raw = kv.get(key).ok_or_else(|| LoadError::Corrupt {
                damage: Damage::MissingPart {
                    key: key.to_string(),
                },
            })?;
            let text = unpack(&raw).map_err(|damage| LoadError::Corrupt {
                damage: Damage::Part {
                    key: key.to_string(),
                    damage: Box::new(damage),
                },
            })?;
            let inner = text
                .trim()
                .strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .ok_or_else(|| LoadError::Corrupt {
                    damage: Damage::PartNotList {
                        key: key.to_string(),
                    },
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
        .ok_or(LoadError::Corrupt {
            damage: Damage::UnexpectedEnd,
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

/// Reads the stored project under `key` (`sloy.p.<id>`) with its meta: the project, or why it
/// does not load (with the text to download). `None` when nothing is stored under `key`.
pub fn load_stored(kv: &impl KeyValue, key: &str) -> Option<Result<Stored, Unreadable>> {
    let raw = kv.get(key)?;
    let id_part = key.strip_prefix(DATA_PREFIX).unwrap_or(key);
    let meta = id_part.parse::<Id>().ok().and_then(|id| read_meta(kv, id));
    Some(match decode(kv, &raw) {
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
            Ok(Stored { meta, project })
        }
        Err(error) => Err(Unreadable {
            key: key.to_string(),
            name: meta.map(|m| m.name),
            text: stored_text(kv, &raw)
                .or_else(|_| unpack(split_parts(&raw).2))
                .unwrap_or(raw),
            error,
        }),
    })
}

/// Reads every stored project; unreadable values are reported, not dropped. This decodes
/// everything: start-up uses [`list`] and checks the rest later with [`load_stored`].
pub fn scan(kv: &impl KeyValue) -> Scan {
    let mut out = Scan::default();
    let mut keys = kv.keys();
    keys.sort();
    for key in keys.iter().filter(|k| k.starts_with(DATA_PREFIX)) {
        match load_stored(kv, key) {
            Some(Ok(stored)) => out.projects.push(stored),
            Some(Err(u)) => out.unreadable.push(u),
            None => {}
        }
    }
    out.projects.sort_by(|a, b| newest_first(&a.meta, &b.meta));
    out
}

fn newest_first(a: &Meta, b: &Meta) -> std::cmp::Ordering {
    b.saved_at.cmp(&a.saved_at).then(a.name.cmp(&b.name))
}

/// The stored projects as the project list shows them, read from the metas alone (no project
/// is decoded).
#[derive(Debug, Default, PartialEq)]
pub struct Listing {
    /// Metas of projects that have a stored value, newest first. Whether the value loads is
    /// known only after [`load_stored`].
    pub metas: Vec<Meta>,
    /// Keys of project values without a readable meta: they are named (or found unreadable)
    /// only by [`load_stored`].
    pub unnamed: Vec<String>,
}

impl Listing {
    /// Every stored project value, listed ones first (the order to check them in).
    pub fn data_keys(&self) -> Vec<String> {
        self.metas
            .iter()
            .map(|m| data_key(m.id))
            .chain(self.unnamed.iter().cloned())
            .collect()
    }
}

/// Lists the stored projects from their metas, without reading their data.
pub fn list(kv: &impl KeyValue) -> Listing {
    let mut keys = kv.keys();
    keys.sort();
    let data: std::collections::HashSet<&str> = keys
        .iter()
        .filter(|k| k.starts_with(DATA_PREFIX))
        .map(String::as_str)
        .collect();
    let mut metas: Vec<Meta> = keys
        .iter()
        .filter_map(|k| k.strip_prefix(META_PREFIX))
        .filter_map(|id| id.parse::<Id>().ok())
        .filter(|id| data.contains(data_key(*id).as_str()))
        .filter_map(|id| read_meta(kv, id).filter(|m| m.id == id))
        .collect();
    metas.sort_by(newest_first);
    let unnamed = keys
        .iter()
        .filter(|k| k.starts_with(DATA_PREFIX))
        .filter(|k| !metas.iter().any(|m| data_key(m.id) == **k))
        .cloned()
        .collect();
    Listing { metas, unnamed }
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

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Cached {
            key: String::new(),
            items: Vec::new(),
            chars: 0,
        }
    }
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

/// The generation written into a chunk key: `sloy.c.<id>.d3.<gen>` or `….<gen>-<tab>`.
fn key_gen(key: &str) -> Option<u64> {
    let last = key.rsplit('.').next()?;
    last.split('-').next()?.parse().ok()
}

/// One chunk of a save in progress.
#[derive(Debug)]
enum Part<T> {
    /// Not compared with the previous save yet (the snapshot is taken a chunk per step).
    Unseen,
    /// Unchanged: the chunk of the previous save at this index of the cache is listed again.
    Kept(usize),
    /// Changed: serialised and written under a new key by a step of the save.
    New {
        key: String,
        items: Vec<T>,
        chars: Option<u64>,
    },
}

/// A save split into steps, each short enough not to block the page: first the snapshot, one
/// chunk of [`CHUNK_ITEMS`] items compared with the previous save (and copied when changed) per
/// step; then one changed chunk serialised, deflated and written per step; then the project
/// value is packed; then the commit.
///
/// [`begin_save`] serialises the rest of the project; while [`SaveJob::snapshotting`], each
/// step must be given the project unchanged since then (the caller gives up the job with
/// [`SaveJob::abort`] when the project is edited meanwhile: nothing is written before the
/// snapshot is complete). Once the snapshot is taken, edits made to the project between steps
/// do not mix into this save (the next save picks them up). Until the last step
/// nothing that a reader looks at changes: new chunks get new keys, the project value (the
/// commit point) is written last, after checking again that no other tab saved meanwhile. A
/// failure at any step removes the chunks this save wrote and gives back the previous cache.
#[derive(Debug)]
pub struct SaveJob {
    id: Id,
    name: String,
    writer: String,
    now: String,
    force: bool,
    /// The stored meta revision when the save began (`None`: no meta).
    seen_rev: Option<u64>,
    rev: u64,
    deleted_at: Option<String>,
    key_base: String,
    gen: u64,
    nonce: String,
    /// The envelope without clients and deals (JSON), then packed by a step.
    root: String,
    root_packed: Option<String>,
    clients: Vec<Part<Client>>,
    deals: Vec<Part<Deal>>,
    /// Clients and deals when the save began (a guard on the snapshot).
    lens: (usize, usize),
    /// The cache of the previous save: kept chunks are taken from it, and a failed save gives
    /// it back whole.
    previous: SaveCache,
    /// Keys this save wrote so far (removed again if it fails).
    written: Vec<String>,
    finished: bool,
}

/// What a step of a [`SaveJob`] did.
#[derive(Debug, PartialEq)]
pub enum Progress {
    /// More steps to go.
    More,
    /// The project value and meta are written: the save is complete.
    Done(Meta),
}

/// Starts a save of `p` (see [`SaveJob`]): checks the revision (another tab's later save is
/// refused unless `force`), finds the chunks that changed since the save in `cache`, and takes
/// a snapshot of them and of the rest of the project. `nonce` (a few letters or digits naming
/// this tab) goes into new chunk keys, so two tabs saving at once never write the same key.
/// Takes the project mutably only to serialise it without its clients and deals (they are put
/// back before returning). The cache is moved into the job and comes back after its last step.
#[allow(clippy::too_many_arguments)]
pub fn begin_save(
    kv: &impl KeyValue,
    p: &mut Project,
    cache: &mut SaveCache,
    base_rev: u64,
    writer: &str,
    now: &str,
    force: bool,
    nonce: &str,
) -> Result<SaveJob, StoreError> {
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
    // Chunks whose key is still listed by the stored value may be reused; after a conflict
    // that the user resolved, or a value written by another tab, the cache may be stale.
    let listed = listed_keys(kv, p.id);
    cache.clients.retain(|c| listed.contains(&c.key));
    cache.deals.retain(|c| listed.contains(&c.key));
    // New chunk keys must differ from every listed one, even when the meta was lost.
    let gen = listed
        .iter()
        .filter_map(|k| key_gen(k))
        .max()
        .map_or(rev, |g| g.max(rev - 1) + 1);
    let previous = std::mem::take(cache);
    let clients = unseen(&p.clients);
    let deals = unseen(&p.deals);
    let taken = (std::mem::take(&mut p.clients), std::mem::take(&mut p.deals));
    let root = to_json(p, now);
    (p.clients, p.deals) = taken;
    let nonce: String = nonce
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect();
    Ok(SaveJob {
        id: p.id,
        name: p.name.clone(),
        writer: writer.to_string(),
        now: now.to_string(),
        force,
        seen_rev: current.as_ref().map(|m| m.rev),
        rev,
        deleted_at: current.and_then(|m| m.deleted_at),
        key_base: format!("{CHUNK_PREFIX}{}.", p.id),
        gen,
        nonce,
        root,
        root_packed: None,
        clients,
        deals,
        lens: (p.clients.len(), p.deals.len()),
        previous,
        written: Vec::new(),
        finished: false,
    })
}

/// The chunk keys listed by the stored value of project `id`.
fn listed_keys(kv: &impl KeyValue, id: Id) -> Vec<String> {
    kv.get(&data_key(id))
        .map(|v| {
            let (c, d, _) = split_parts(&v);
            c.into_iter().chain(d).map(str::to_string).collect()
        })
        .unwrap_or_default()
}

fn unseen<T>(items: &[T]) -> Vec<Part<T>> {
    (0..items.chunks(CHUNK_ITEMS).len())
        .map(|_| Part::Unseen)
        .collect()
}

/// Takes the next chunk of the snapshot: unchanged (equal to the cached one at the same
/// index) it is kept, changed it is copied for writing. `true` when one was taken.
fn see_next<T: Clone + PartialEq>(
    parts: &mut [Part<T>],
    items: &[T],
    cached: &[Cached<T>],
) -> bool {
    let Some(n) = parts.iter().position(|p| matches!(p, Part::Unseen)) else {
        return false;
    };
    let chunk = items.chunks(CHUNK_ITEMS).nth(n).unwrap_or(&[]);
    parts[n] = match cached.get(n) {
        Some(c) if c.items.as_slice() == chunk => Part::Kept(n),
        _ => Part::New {
            key: String::new(),
            items: chunk.to_vec(),
            chars: None,
        },
    };
    true
}

/// Writes the next unwritten chunk of `parts`, if any. `Ok(true)`: one was written.
fn write_next<T: Serialize>(
    kv: &mut impl KeyValue,
    parts: &mut [Part<T>],
    key_base: &str,
    gen: u64,
    nonce: &str,
    written: &mut Vec<String>,
) -> Result<bool, StoreError> {
    for (n, part) in parts.iter_mut().enumerate() {
        if let Part::New { key, items, chars } = part {
            if chars.is_some() {
                continue;
            }
            *key = if nonce.is_empty() {
                format!("{key_base}{n}.{gen}")
            } else {
                format!("{key_base}{n}.{gen}-{nonce}")
            };
            let json = serde_json::to_string(items).unwrap_or_else(|_| "[]".into());
            let packed = pack(&json);
            kv.set(key, &packed)?;
            written.push(key.clone());
            *chars = Some(packed.chars().count() as u64);
            return Ok(true);
        }
    }
    Ok(false)
}

/// The key of a part: its own, or the cached chunk's.
fn part_key<'a, T>(part: &'a Part<T>, previous: &'a [Cached<T>]) -> &'a str {
    match part {
        Part::Kept(n) => previous.get(*n).map_or("", |c| c.key.as_str()),
        Part::New { key, .. } => key,
        Part::Unseen => "",
    }
}

/// Kept parts whose chunk is no longer in storage (another tab's forced save removed it)
/// become new parts again. Returns whether any did.
fn rewrite_missing<T: Clone>(
    kv: &impl KeyValue,
    parts: &mut [Part<T>],
    previous: &[Cached<T>],
) -> bool {
    let mut any = false;
    for part in parts.iter_mut() {
        if let Part::Kept(n) = part {
            let cached = previous.get(*n);
            if cached.is_none_or(|c| kv.get(&c.key).is_none()) {
                *part = Part::New {
                    key: String::new(),
                    items: cached.map(|c| c.items.clone()).unwrap_or_default(),
                    chars: None,
                };
                any = true;
            }
        }
    }
    any
}

/// The cache after a successful save: kept chunks taken from the previous cache.
fn new_cache<T>(parts: Vec<Part<T>>, previous: &mut [Cached<T>]) -> Vec<Cached<T>> {
    parts
        .into_iter()
        .map(|part| match part {
            Part::Kept(n) => previous.get_mut(n).map(std::mem::take).unwrap_or_default(),
            Part::New { key, items, chars } => Cached {
                key,
                items,
                chars: chars.unwrap_or(0),
            },
            Part::Unseen => Cached::default(),
        })
        .collect()
}

impl SaveJob {
    /// The project this save writes.
    pub fn project_id(&self) -> Id {
        self.id
    }

    /// Whether the save overwrites another tab's later save.
    pub fn forced(&self) -> bool {
        self.force
    }

    /// Whether the snapshot is still being taken (the project must not change meanwhile).
    pub fn snapshotting(&self) -> bool {
        !self.finished
            && self
                .clients
                .iter()
                .map(|p| matches!(p, Part::Unseen))
                .chain(self.deals.iter().map(|p| matches!(p, Part::Unseen)))
                .any(|u| u)
    }

    /// Steps left, counting the last one (the project value and meta). While the snapshot is
    /// taken, a chunk not compared yet counts as one step (and one more if it changed).
    pub fn steps_left(&self) -> usize {
        fn unwritten<T>(parts: &[Part<T>]) -> usize {
            parts
                .iter()
                .filter(|p| matches!(p, Part::New { chars: None, .. } | Part::Unseen))
                .count()
        }
        if self.finished {
            return 0;
        }
        unwritten(&self.clients)
            + unwritten(&self.deals)
            + usize::from(self.root_packed.is_none())
            + 1
    }

    /// Does the next step: takes a chunk of the snapshot from `p` (the project being saved,
    /// unchanged since [`begin_save`] while [`SaveJob::snapshotting`]; not read afterwards),
    /// writes one changed chunk, packs the project value, or commits.
    /// On `Err` the save is over: what it wrote is removed and `cache` is the previous one.
    /// On `Done` `cache` describes the new save.
    pub fn step(
        &mut self,
        kv: &mut impl KeyValue,
        cache: &mut SaveCache,
        p: &Project,
    ) -> Result<Progress, StoreError> {
        if self.finished {
            return Err(StoreError::Unavailable(Unavailable::SaveFinished));
        }
        if self.snapshotting() {
            if p.id != self.id || (p.clients.len(), p.deals.len()) != self.lens {
                self.abort(kv, cache);
                return Err(StoreError::Unavailable(Unavailable::ChangedDuringSnapshot));
            }
            let _ = see_next(&mut self.clients, &p.clients, &self.previous.clients)
                || see_next(&mut self.deals, &p.deals, &self.previous.deals);
            return Ok(Progress::More);
        }
        let result = self.try_step(kv, cache);
        if let Err(e) = &result {
            let e = e.clone();
            self.abort(kv, cache);
            return Err(e);
        }
        result
    }

    fn try_step(
        &mut self,
        kv: &mut impl KeyValue,
        cache: &mut SaveCache,
    ) -> Result<Progress, StoreError> {
        let (base, gen, nonce) = (self.key_base.clone(), self.gen, self.nonce.clone());
        if write_next(
            kv,
            &mut self.clients,
            &format!("{base}c"),
            gen,
            &nonce,
            &mut self.written,
        )? || write_next(
            kv,
            &mut self.deals,
            &format!("{base}d"),
            gen,
            &nonce,
            &mut self.written,
        )? {
            return Ok(Progress::More);
        }
        let Some(packed_root) = &self.root_packed else {
            self.root_packed = Some(pack(&self.root));
            return Ok(Progress::More);
        };

        // The commit. Another tab may have saved since the save began.
        let current = read_meta(kv, self.id);
        let current_rev = current.as_ref().map(|m| m.rev);
        if current_rev != self.seen_rev {
            if let (Some(m), false) = (&current, self.force) {
                return Err(StoreError::Conflict {
                    their_rev: m.rev,
                    their_saved_at: m.saved_at.clone(),
                });
            }
            self.rev = self.rev.max(current_rev.unwrap_or(0) + 1);
            self.seen_rev = current_rev;
            self.deleted_at = current.and_then(|m| m.deleted_at);
            let a = rewrite_missing(kv, &mut self.clients, &self.previous.clients);
            let b = rewrite_missing(kv, &mut self.deals, &self.previous.deals);
            if a || b {
                return Ok(Progress::More);
            }
        }
        let client_keys: Vec<&str> = self
            .clients
            .iter()
            .map(|p| part_key(p, &self.previous.clients))
            .collect();
        let deal_keys: Vec<&str> = self
            .deals
            .iter()
            .map(|p| part_key(p, &self.previous.deals))
            .collect();
        let value = if client_keys.is_empty() && deal_keys.is_empty() {
            packed_root.clone()
        } else {
            format!(
                "{PARTS_TAG}c={};d={}\n{packed_root}",
                client_keys.join(","),
                deal_keys.join(",")
            )
        };
        let listed = listed_keys(kv, self.id);
        kv.set(&data_key(self.id), &value)?;
        // Committed: from here on nothing of this save is removed.
        self.finished = true;
        self.written.clear();
        for old in listed
            .iter()
            .filter(|k| !client_keys.contains(&k.as_str()) && !deal_keys.contains(&k.as_str()))
        {
            kv.remove(old);
        }
        let mut previous = std::mem::take(&mut self.previous);
        let clients = new_cache(std::mem::take(&mut self.clients), &mut previous.clients);
        let deals = new_cache(std::mem::take(&mut self.deals), &mut previous.deals);
        let stored_chars = value.chars().count() as u64
            + clients.iter().map(|c| c.chars).sum::<u64>()
            + deals.iter().map(|c| c.chars).sum::<u64>();
        *cache = SaveCache {
            id: Some(self.id),
            clients,
            deals,
        };
        let meta = Meta {
            id: self.id,
            name: self.name.clone(),
            rev: self.rev,
            saved_at: self.now.clone(),
            writer: self.writer.clone(),
            deleted_at: self.deleted_at.take(),
            stored_chars,
        };
        kv.set(
            &meta_key(self.id),
            &serde_json::to_string(&meta).unwrap_or_default(),
        )?;
        Ok(Progress::Done(meta))
    }

    /// Gives up the save: removes the chunks it wrote and gives back the previous cache.
    /// Nothing stored before the save changes.
    pub fn abort(&mut self, kv: &mut impl KeyValue, cache: &mut SaveCache) {
        if self.finished {
            return;
        }
        self.finished = true;
        for k in self.written.drain(..) {
            kv.remove(&k);
        }
        *cache = std::mem::take(&mut self.previous);
    }

    /// Runs the remaining steps at once.
    pub fn finish(
        &mut self,
        kv: &mut impl KeyValue,
        cache: &mut SaveCache,
        p: &Project,
    ) -> Result<Meta, StoreError> {
        loop {
            if let Progress::Done(meta) = self.step(kv, cache, p)? {
                return Ok(meta);
            }
        }
    }
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

/// [`save`], rewriting only the chunks changed since the save recorded in `cache`, all steps
/// at once.
pub fn save_with(
    kv: &mut impl KeyValue,
    p: &mut Project,
    cache: &mut SaveCache,
    base_rev: u64,
    writer: &str,
    now: &str,
    force: bool,
) -> Result<Meta, StoreError> {
    begin_save(kv, p, cache, base_rev, writer, now, force, "")?.finish(kv, cache, p)
}

/// Moves a project to the bin (`Some(date)`) or back (`None`). The data is not touched.
pub fn set_deleted(
    kv: &mut impl KeyValue,
    id: Id,
    deleted_at: Option<String>,
) -> Result<Meta, StoreError> {
    let mut meta = read_meta(kv, id).ok_or(StoreError::Unavailable(Unavailable::NotFound))?;
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
    fn live_and_binned_split_the_list() {
        let meta = |name: &str, deleted: Option<&str>| Meta {
            id: crate::domain::new_id(),
            name: name.into(),
            rev: 1,
            saved_at: String::new(),
            writer: String::new(),
            deleted_at: deleted.map(String::from),
            stored_chars: 0,
        };
        assert!(live(&[]).is_empty() && binned(&[]).is_empty());
        let v = vec![
            meta("a", None),
            meta("b", Some("2025-04-01")),
            meta("c", None),
            meta("d", Some("")),
        ];
        let names = |v: Vec<Meta>| v.into_iter().map(|m| m.name).collect::<Vec<_>>();
        assert_eq!(names(live(&v)), ["a", "c"]);
        // Any deletion stamp, even an empty one, puts the project in the bin.
        assert_eq!(names(binned(&v)), ["b", "d"]);
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
            matches!(&s.unreadable[0].error, LoadError::Corrupt { damage: Damage::Part { key, .. } } if *key == victim),
            "{:?}",
            s.unreadable[0].error
        );
        // The rest of the project is offered for download.
        assert!(s.unreadable[0].text.contains(&p.name));
        kv.remove(&victim);
        assert!(matches!(
            &scan(&kv).unreadable[0].error,
            LoadError::Corrupt { damage: Damage::MissingPart { key } } if *key == victim
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

    /// A store that refuses the `fail_at`-th write (counting from 0) as over quota, and counts
    /// the reads of project data.
    #[derive(Default)]
    struct Flaky {
        inner: MemoryStore,
        fail_at: Option<usize>,
        sets: usize,
        data_reads: std::cell::Cell<usize>,
    }

    impl KeyValue for Flaky {
        fn get(&self, key: &str) -> Option<String> {
            if key.starts_with(DATA_PREFIX) || key.starts_with(CHUNK_PREFIX) {
                self.data_reads.set(self.data_reads.get() + 1);
            }
            self.inner.get(key)
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
            let n = self.sets;
            self.sets += 1;
            if self.fail_at == Some(n) {
                return Err(StoreError::Quota);
            }
            self.inner.set(key, value)
        }
        fn remove(&mut self, key: &str) {
            self.inner.remove(key)
        }
        fn keys(&self) -> Vec<String> {
            self.inner.keys()
        }
    }

    fn begin(
        kv: &impl KeyValue,
        p: &mut Project,
        cache: &mut SaveCache,
        base_rev: u64,
        force: bool,
        tab: &str,
    ) -> SaveJob {
        begin_save(kv, p, cache, base_rev, tab, "t", force, tab).unwrap()
    }

    /// Runs the snapshot steps of `job`; returns how many there were.
    fn snap(
        job: &mut SaveJob,
        kv: &mut impl KeyValue,
        cache: &mut SaveCache,
        p: &Project,
    ) -> usize {
        let mut n = 0;
        while job.snapshotting() {
            assert_eq!(job.step(kv, cache, p), Ok(Progress::More));
            n += 1;
        }
        n
    }

    #[test]
    fn a_save_runs_in_steps_and_readers_see_the_previous_save_until_the_last() {
        let mut kv = MemoryStore::default();
        let mut cache = SaveCache::default();
        let mut p = crate::domain::synth::random_project(9, 1_200, 2_600);
        let saved = p.clone();
        let mut job = begin(&kv, &mut p, &mut cache, 0, false, "a1");
        // 3 client chunks + 6 deal chunks + the packed value + the commit.
        assert_eq!(job.steps_left(), 3 + 6 + 2);
        // The snapshot: a step per chunk; nothing is written meanwhile.
        assert_eq!(snap(&mut job, &mut kv, &mut cache, &p), 9);
        assert!(kv.keys().is_empty());
        assert_eq!(job.steps_left(), 3 + 6 + 2);
        let mut steps = 0;
        let meta = loop {
            steps += 1;
            match job.step(&mut kv, &mut cache, &p).unwrap() {
                Progress::More => {
                    // Nothing is visible before the commit.
                    assert!(list(&kv).metas.is_empty());
                    assert!(load_project(&kv, p.id).is_none());
                }
                Progress::Done(meta) => break meta,
            }
        };
        assert_eq!(steps, 11);
        assert!(!job.snapshotting());
        assert_eq!(job.steps_left(), 0);
        assert_eq!(meta.rev, 1);
        assert_eq!(load_project(&kv, p.id).as_ref(), Some(&saved));
        // An autosave after one edit: one chunk, the value, the commit.
        p.deals[2_100].title.push('!');
        let mut job = begin(&kv, &mut p, &mut cache, 1, false, "a1");
        snap(&mut job, &mut kv, &mut cache, &p);
        assert_eq!(job.steps_left(), 3);
        let before = chunk_keys(&kv);
        assert_eq!(job.step(&mut kv, &mut cache, &p), Ok(Progress::More));
        assert_eq!(load_project(&kv, p.id).as_ref(), Some(&saved));
        job.finish(&mut kv, &mut cache, &p).unwrap();
        assert_eq!(load_project(&kv, p.id).as_ref(), Some(&p));
        let after = chunk_keys(&kv);
        assert_eq!(after.len(), before.len());
        let new: Vec<_> = after.iter().filter(|k| !before.contains(k)).collect();
        assert_eq!(new.len(), 1, "{new:?}");
        assert!(new[0].contains(".d4."), "{new:?}");
    }

    #[test]
    fn an_edit_between_steps_is_not_mixed_in_and_the_next_save_picks_it_up() {
        let mut kv = MemoryStore::default();
        let mut cache = SaveCache::default();
        let mut p = crate::domain::synth::random_project(10, 700, 1_600);
        let m = save_with(&mut kv, &mut p, &mut cache, 0, "a", "t1", false).unwrap();
        p.deals[0].title.push_str(" — правка 1");
        let snapshot = p.clone();
        let mut job = begin(&kv, &mut p, &mut cache, m.rev, false, "a");
        snap(&mut job, &mut kv, &mut cache, &p);
        job.step(&mut kv, &mut cache, &p).unwrap();
        // The user edits while the save runs: a deal of a chunk already written, one of a
        // chunk not written, a client, the name.
        p.deals[0].title.push_str(" — правка 2");
        p.deals[1_550].title.push_str(" — правка 3");
        p.clients[10].notes.push_str("заметка");
        p.name = "Новое имя".into();
        let m = job.finish(&mut kv, &mut cache, &p).unwrap();
        assert_eq!(m.name, snapshot.name);
        assert_eq!(load_project(&kv, p.id).as_ref(), Some(&snapshot));
        // The next save writes the edits (and only the chunks they touched).
        let mut job = begin(&kv, &mut p, &mut cache, m.rev, false, "a");
        snap(&mut job, &mut kv, &mut cache, &p);
        assert_eq!(job.steps_left(), 3 + 2);
        job.finish(&mut kv, &mut cache, &p).unwrap();
        assert_eq!(load_project(&kv, p.id).as_ref(), Some(&p));
        assert_eq!(
            chunk_keys(&kv).len(),
            2 + 4,
            "the chunks replaced are removed"
        );
    }

    #[test]
    fn an_edit_during_the_snapshot_gives_the_save_up_without_writing() {
        let mut kv = MemoryStore::default();
        let mut cache = SaveCache::default();
        let mut p = crate::domain::synth::random_project(14, 700, 1_600);
        let m = save_with(&mut kv, &mut p, &mut cache, 0, "a", "t1", false).unwrap();
        let keys = kv.keys();
        p.deals[3].title.push('!');
        let mut job = begin(&kv, &mut p, &mut cache, m.rev, false, "a");
        job.step(&mut kv, &mut cache, &p).unwrap();
        assert!(job.snapshotting());
        // A deal is added: the snapshot no longer matches, the save is given up.
        let extra = p.deals[0].clone();
        p.deals.push(Deal {
            id: crate::domain::new_id(),
            ..extra
        });
        assert!(matches!(
            job.step(&mut kv, &mut cache, &p),
            Err(StoreError::Unavailable(_))
        ));
        assert_eq!(job.steps_left(), 0);
        assert_eq!(kv.keys(), keys);
        // The caller gives a job up itself on any edit (abort); the cache comes back whole,
        // and the next save writes the edits.
        let mut job = begin(&kv, &mut p, &mut cache, m.rev, false, "a");
        job.step(&mut kv, &mut cache, &p).unwrap();
        p.deals[1_000].title.push('?');
        job.abort(&mut kv, &mut cache);
        assert_eq!(kv.keys(), keys);
        let mut job = begin(&kv, &mut p, &mut cache, m.rev, false, "a");
        snap(&mut job, &mut kv, &mut cache, &p);
        // Chunks 0 and 2 of the deals changed, chunk 3 (the new deal) is new; clients kept.
        assert_eq!(job.steps_left(), 3 + 2);
        job.finish(&mut kv, &mut cache, &p).unwrap();
        assert_eq!(load_project(&kv, p.id).as_ref(), Some(&p));
    }

    #[test]
    fn a_quota_failure_at_any_step_leaves_the_previous_save_whole_and_no_orphans() {
        let mut base = Flaky::default();
        let mut p = crate::domain::synth::random_project(11, 700, 1_600);
        let saved = p.clone();
        let mut cache0 = SaveCache::default();
        save_with(&mut base, &mut p, &mut cache0, 0, "a", "t1", false).unwrap();
        // Edit a client chunk and two deal chunks: 3 chunk writes, the value, the meta.
        p.clients[600].notes.push_str("правка");
        p.deals[10].title.push('!');
        p.deals[1_510].title.push('!');
        for fail_at in 0..5 {
            let mut kv = Flaky {
                inner: base.inner.clone(),
                fail_at: Some(fail_at),
                ..Flaky::default()
            };
            let keys_before = kv.keys();
            let mut cache = SaveCache::default();
            seed_cache(&kv, &saved, &mut cache);
            let mut job = begin(&kv, &mut p, &mut cache, 1, false, "a");
            snap(&mut job, &mut kv, &mut cache, &p);
            assert_eq!(job.steps_left(), 3 + 2);
            let result = job.finish(&mut kv, &mut cache, &p);
            assert_eq!(result, Err(StoreError::Quota), "write {fail_at}");
            if fail_at < 4 {
                // Before the commit: storage exactly as before the save.
                assert_eq!(kv.keys(), keys_before, "no orphan chunks (write {fail_at})");
                assert_eq!(load_project(&kv, p.id).as_ref(), Some(&saved));
                assert_eq!(read_meta(&kv, p.id).map(|m| m.rev), Some(1));
            } else {
                // The meta write failed after the commit: the new save is whole, the old chunks
                // are gone, and the revision is still the old one (the next save retries).
                assert_eq!(load_project(&kv, p.id).as_ref(), Some(&p));
                assert_eq!(chunk_keys(&kv.inner).len(), 6);
            }
            // Room again: the next save succeeds with the cache it got back, writing only the
            // chunks that changed.
            kv.fail_at = None;
            let mut job = begin(&kv, &mut p, &mut cache, 1, false, "a");
            snap(&mut job, &mut kv, &mut cache, &p);
            let expected = if fail_at < 4 { 3 + 2 } else { 2 };
            assert_eq!(job.steps_left(), expected, "write {fail_at}");
            job.finish(&mut kv, &mut cache, &p).unwrap();
            assert_eq!(load_project(&kv, p.id).as_ref(), Some(&p));
            assert_eq!(chunk_keys(&kv.inner).len(), 6);
        }
    }

    #[test]
    fn another_tabs_save_between_steps_is_refused_or_kept_whole_when_forced() {
        let mut kv = MemoryStore::default();
        let mut p = crate::domain::synth::random_project(12, 700, 1_600);
        let m = save(&mut kv, &mut p, 0, "a", "t1", false).unwrap();
        let mut cache_a = SaveCache::default();
        seed_cache(&kv, &p, &mut cache_a);
        let mut theirs = p.clone();
        let mut mine = p.clone();
        mine.deals[1_200].title.push_str(" (A)");
        let before = kv.keys();
        // A starts saving; B saves a change to the first deal chunk at once.
        let mut job = begin(&kv, &mut mine, &mut cache_a, m.rev, false, "tabA");
        snap(&mut job, &mut kv, &mut cache_a, &mine);
        job.step(&mut kv, &mut cache_a, &mine).unwrap();
        theirs.deals[0].title.push_str(" (B)");
        let mut cache_b = SaveCache::default();
        seed_cache(&kv, &p, &mut cache_b);
        let mb = begin(&kv, &mut theirs, &mut cache_b, m.rev, false, "tabB")
            .finish(&mut kv, &mut cache_b, &theirs)
            .unwrap();
        // A's commit sees B's later save and gives up, removing its own chunk.
        assert!(matches!(
            job.finish(&mut kv, &mut cache_a, &mine),
            Err(StoreError::Conflict { their_rev: 2, .. })
        ));
        assert_eq!(load_project(&kv, p.id).as_ref(), Some(&theirs));
        assert_eq!(chunk_keys(&kv).len(), before.len() - 2);
        // The user keeps A's version: a forced save started before B's next save still
        // writes A's whole project, rewriting the chunks B's save removed.
        let mut job = begin(&kv, &mut mine, &mut cache_a, m.rev, true, "tabA");
        snap(&mut job, &mut kv, &mut cache_a, &mine);
        theirs.deals[1_599].title.push_str(" (B2)");
        begin(&kv, &mut theirs, &mut cache_b, mb.rev, false, "tabB")
            .finish(&mut kv, &mut cache_b, &theirs)
            .unwrap();
        let ma = job.finish(&mut kv, &mut cache_a, &mine).unwrap();
        assert_eq!(ma.rev, 4);
        assert_eq!(load_project(&kv, p.id).as_ref(), Some(&mine));
        assert_eq!(chunk_keys(&kv).len(), 2 + 4, "no orphans");
    }

    #[test]
    fn the_list_reads_metas_only_and_unreadable_data_is_found_when_checked() {
        let mut kv = Flaky::default();
        // A big project whose second deal chunk is damaged, and a good one.
        let mut broken = crate::domain::synth::random_project(13, 700, 1_600);
        save(&mut kv, &mut broken, 0, "a", "2025-01-02", false).unwrap();
        let mut good = demo_project();
        save(&mut kv, &mut good, 0, "a", "2025-01-01", false).unwrap();
        let victim = chunk_keys(&kv.inner)
            .into_iter()
            .find(|k| k.contains(&broken.id.to_string()) && k.contains(".d1."))
            .unwrap();
        kv.inner.map.insert(victim, "z1:5:abc".into());
        let lost = crate::domain::new_id();
        kv.inner.map.insert(data_key(lost), "{broken".into());
        let mut nameless = demo_project();
        nameless.id = crate::domain::new_id();
        save(&mut kv, &mut nameless, 0, "a", "t", false).unwrap();
        kv.remove(&meta_key(nameless.id));
        kv.inner
            .map
            .insert(meta_key(crate::domain::new_id()), "{\"no\":1}".into());

        kv.data_reads.set(0);
        let l = list(&kv);
        assert_eq!(kv.data_reads.get(), 0, "listing decodes no project");
        let names: Vec<_> = l.metas.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, [broken.name.as_str(), good.name.as_str()]);
        let mut unnamed = vec![data_key(lost), data_key(nameless.id)];
        unnamed.sort();
        assert_eq!(l.unnamed, unnamed);
        assert_eq!(l.data_keys().len(), 4);

        // Checking each one later: the good project loads, the broken one is reported with its
        // meta's name and is still stored, the nameless one gets a rebuilt meta.
        let mut found = Scan::default();
        for key in l.data_keys() {
            match load_stored(&kv, &key) {
                Some(Ok(s)) => found.projects.push(s),
                Some(Err(u)) => found.unreadable.push(u),
                None => {}
            }
        }
        assert_eq!(found.projects.len(), 2);
        assert_eq!(found.projects[1].meta.name, nameless.name);
        assert_eq!(found.projects[1].meta.rev, 0);
        assert_eq!(found.unreadable.len(), 2);
        assert_eq!(
            found.unreadable[0].name.as_deref(),
            Some(broken.name.as_str())
        );
        assert!(kv.get(&data_key(broken.id)).is_some());
        assert_eq!(found.unreadable[1].text, "{broken");
        assert!(load_stored(&kv, &data_key(crate::domain::new_id())).is_none());
    }
}
