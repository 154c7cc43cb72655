//! The project's way in and out of storage and files, as a part of the build of its own.
//!
//! Reading and writing a project means JSON (serde and serde_json, one deserializer per list of
//! the model), compression, checks and migrations: about a fifth of the app's code, and none of
//! it is needed to paint the first screen. So the store and the shell call it through
//! [`Backend`], whose one implementation lives in the part `io` (see
//! [`crate::components::part`]): the app starts, paints its first screen, and meanwhile
//! [`start`] fetches the part and hands the store its backend; from then on every call is
//! a plain synchronous call through the trait object (its code is in the part, its table
//! entries are filled when the part is loaded). Before that moment the store has no project
//! (it is "starting") and nothing can call in: every caller takes [`io`] as an `Option`.
//!
//! Without the `split` feature (the wasm-bindgen browser tests) the same function is a plain
//! async one and the backend is there after the first await.

use super::storage::LocalStore;
use super::undo::{Before, History};
use crate::domain::{Id, Project};
use crate::i18n::Lang;
use crate::persist::file::Loaded;
use crate::persist::library::Unreadable;
use crate::persist::library::{self, Listing, Meta, Progress, SaveCache, SaveJob, Stored};
use crate::persist::{LoadError, StoreError};
use std::cell::Cell;

/// Everything the app does with stored projects and project files that needs their encoding.
pub trait Backend {
    /// The preferences (language, last open project); defaults when absent or damaged.
    fn read_prefs(&self) -> super::store::Prefs;
    fn write_prefs(&self, prefs: &super::store::Prefs);
    /// The project list (see [`library::list`]).
    fn list(&self, kv: &LocalStore) -> Listing;
    fn load_stored(&self, kv: &LocalStore, key: &str) -> Option<Result<Stored, Unreadable>>;
    fn load_project(&self, kv: &LocalStore, id: Id) -> Option<Project>;
    fn read_meta(&self, kv: &LocalStore, id: Id) -> Option<Meta>;
    /// The demo project a first visit opens on.
    fn demo(&self) -> Project;
    fn seed_cache(&self, kv: &LocalStore, p: &Project, cache: &mut SaveCache);
    /// Marks `p` as a new revision (see [`crate::domain::merge::next_revision`]).
    fn next_revision(&self, p: &mut Project);
    #[allow(clippy::too_many_arguments)]
    fn begin_save(
        &self,
        kv: &LocalStore,
        p: &mut Project,
        cache: &mut SaveCache,
        base_rev: u64,
        writer: &str,
        now: &str,
        force: bool,
        nonce: &str,
    ) -> Result<SaveJob, StoreError>;
    fn step(
        &self,
        job: &mut SaveJob,
        kv: &mut LocalStore,
        cache: &mut SaveCache,
        p: &Project,
    ) -> Result<Progress, StoreError>;
    fn abort(&self, job: &mut SaveJob, kv: &mut LocalStore, cache: &mut SaveCache);
    fn set_deleted(
        &self,
        kv: &mut LocalStore,
        id: Id,
        at: Option<String>,
    ) -> Result<Meta, StoreError>;
    fn purge(&self, kv: &mut LocalStore, id: Id);
    fn discard_unreadable(&self, kv: &mut LocalStore, key: &str);
    /// A project as the text of a `.sloy.json` file.
    fn to_file(&self, p: &Project, now: &str) -> String;
    /// A project file read and checked (see [`crate::persist::file::from_file`]).
    fn read_file(&self, text: &str) -> Result<Loaded, LoadError>;
    /// What went wrong with a file or a stored project, in the UI's language.
    fn load_message(&self, e: &LoadError, lang: Lang) -> String;
    /// The project before an edit, for the undo history.
    fn before(&self, p: &Project) -> Before;
    fn record(&self, h: &mut History, before: Before, after: &Project, now_ms: f64) -> bool;
    fn undo_redo(&self, h: &mut History, p: &mut Project, redo: bool) -> bool;
}

thread_local! {
    static IO: Cell<Option<&'static dyn Backend>> = const { Cell::new(None) };
}

/// The backend, once its part has arrived (`None` while the app is starting).
pub fn io() -> Option<&'static dyn Backend> {
    IO.with(Cell::get)
}

/// Fetches the part and installs the backend; resolves at once when it is there already.
pub async fn start() -> &'static dyn Backend {
    if let Some(b) = io() {
        return b;
    }
    let b = backend().await;
    IO.with(|c| c.set(Some(b)));
    b
}

#[cfg(feature = "split")]
#[leptos::lazy(io)]
fn backend() -> &'static dyn Backend {
    &Real
}

#[cfg(not(feature = "split"))]
async fn backend() -> &'static dyn Backend {
    &Real
}

/// The backend: `persist` over the browser's localStorage.
struct Real;

impl Backend for Real {
    fn read_prefs(&self) -> super::store::Prefs {
        use gloo_storage::{LocalStorage, Storage};
        if LocalStore::open().available() {
            LocalStorage::get(super::store::PREFS_KEY).unwrap_or_default()
        } else {
            Default::default()
        }
    }
    fn write_prefs(&self, prefs: &super::store::Prefs) {
        use gloo_storage::{LocalStorage, Storage};
        if LocalStore::open().available() {
            let _ = LocalStorage::set(super::store::PREFS_KEY, prefs);
        }
    }
    fn list(&self, kv: &LocalStore) -> Listing {
        library::list(kv)
    }
    fn load_stored(&self, kv: &LocalStore, key: &str) -> Option<Result<Stored, Unreadable>> {
        library::load_stored(kv, key)
    }
    fn load_project(&self, kv: &LocalStore, id: Id) -> Option<Project> {
        library::load_project(kv, id)
    }
    fn read_meta(&self, kv: &LocalStore, id: Id) -> Option<Meta> {
        library::read_meta(kv, id)
    }
    fn demo(&self) -> Project {
        crate::domain::demo::demo_project()
    }
    fn seed_cache(&self, kv: &LocalStore, p: &Project, cache: &mut SaveCache) {
        library::seed_cache(kv, p, cache)
    }
    fn next_revision(&self, p: &mut Project) {
        crate::domain::merge::next_revision(p)
    }
    fn begin_save(
        &self,
        kv: &LocalStore,
        p: &mut Project,
        cache: &mut SaveCache,
        base_rev: u64,
        writer: &str,
        now: &str,
        force: bool,
        nonce: &str,
    ) -> Result<SaveJob, StoreError> {
        library::begin_save(kv, p, cache, base_rev, writer, now, force, nonce)
    }
    fn step(
        &self,
        job: &mut SaveJob,
        kv: &mut LocalStore,
        cache: &mut SaveCache,
        p: &Project,
    ) -> Result<Progress, StoreError> {
        job.step(kv, cache, p)
    }
    fn abort(&self, job: &mut SaveJob, kv: &mut LocalStore, cache: &mut SaveCache) {
        job.abort(kv, cache)
    }
    fn set_deleted(
        &self,
        kv: &mut LocalStore,
        id: Id,
        at: Option<String>,
    ) -> Result<Meta, StoreError> {
        library::set_deleted(kv, id, at)
    }
    fn purge(&self, kv: &mut LocalStore, id: Id) {
        library::purge(kv, id)
    }
    fn discard_unreadable(&self, kv: &mut LocalStore, key: &str) {
        library::discard_unreadable(kv, key)
    }
    fn to_file(&self, p: &Project, now: &str) -> String {
        crate::persist::file::to_json_pretty(p, now)
    }
    fn read_file(&self, text: &str) -> Result<Loaded, LoadError> {
        crate::persist::file::from_file(text)
    }
    fn load_message(&self, e: &LoadError, lang: Lang) -> String {
        e.message(lang)
    }
    fn before(&self, p: &Project) -> Before {
        Before::of(p)
    }
    fn record(&self, h: &mut History, before: Before, after: &Project, now_ms: f64) -> bool {
        h.record(before, after, now_ms)
    }
    fn undo_redo(&self, h: &mut History, p: &mut Project, redo: bool) -> bool {
        if redo {
            h.redo(p)
        } else {
            h.undo(p)
        }
    }
}
