//! The project store: the list of stored projects, the open project, and autosave.
//!
//! One `RwSignal<Option<Project>>` holds the open project: a single serde-able root is what
//! export needs, and pages derive what they show with `Memo`s over it. Every change goes through
//! [`Store::update`], which marks the project dirty and schedules a debounced save. Saving uses
//! `persist::library::save`, whose revision check turns "another tab saved later" into a
//! [`SaveState::Conflict`] instead of an overwrite; a full quota keeps the changes in memory and
//! raises a persistent banner until a later save succeeds.

use super::storage::LocalStore;
use crate::domain::demo::demo_project;
use crate::domain::{Id, Project};
use crate::i18n::Lang;
use crate::persist::library::{self, meta_key, KeyValue, Meta, Unreadable};
use crate::persist::StoreError;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::Duration;

const PREFS_KEY: &str = "sloy.prefs";
const SAVE_DELAY_MS: u64 = 400;

/// Where the open project stands with storage.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Saved,
    Pending,
    /// The quota is full: changes live only in memory.
    QuotaFull,
    /// Another tab saved this project later; autosave waits for the user's choice.
    Conflict {
        their_saved_at: String,
    },
    Unavailable(String),
}

/// UI preferences kept between visits.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Prefs {
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub current: Option<Id>,
}

/// The store, shared by context. All fields are `Copy` handles.
#[derive(Clone, Copy)]
pub struct Store {
    pub metas: RwSignal<Vec<Meta>>,
    pub current: RwSignal<Option<Project>>,
    pub save_state: RwSignal<SaveState>,
    pub unreadable: RwSignal<Vec<Unreadable>>,
    pub lang: RwSignal<Lang>,
    base_rev: StoredValue<u64>,
    dirty: StoredValue<bool>,
    save_gen: StoredValue<u64>,
    tab_id: StoredValue<String>,
    /// What the last save wrote, so the next one rewrites only changed chunks.
    save_cache: StoredValue<library::SaveCache>,
}

/// Now as an ISO timestamp (UTC).
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// Today's date in the browser's time zone.
pub fn today() -> chrono::NaiveDate {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// A saved-at stamp as the user reads it: `31.03.2025 14:05`.
pub fn fmt_stamp(iso: &str) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if d.get_time().is_nan() {
        return iso.to_string();
    }
    format!(
        "{:02}.{:02}.{} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

impl Store {
    /// Reads storage, opens the last project (or creates the demo on a first visit).
    pub fn load() -> Store {
        let kv = LocalStore::open();
        // Preferences are small and disposable: a damaged value just means defaults.
        let prefs: Prefs = if kv.available() {
            LocalStorage::get(PREFS_KEY).unwrap_or_default()
        } else {
            Prefs::default()
        };
        let store = Store {
            metas: RwSignal::new(vec![]),
            current: RwSignal::new(None),
            save_state: RwSignal::new(if kv.available() {
                SaveState::Saved
            } else {
                SaveState::Unavailable("localStorage".into())
            }),
            unreadable: RwSignal::new(vec![]),
            lang: RwSignal::new(Lang::from_code(prefs.lang.as_deref().unwrap_or("ru"))),
            base_rev: StoredValue::new(0),
            dirty: StoredValue::new(false),
            save_gen: StoredValue::new(0),
            tab_id: StoredValue::new(crate::domain::new_id().to_string()),
            save_cache: StoredValue::new(library::SaveCache::default()),
        };
        let scan = library::scan(&kv);
        let first_visit = scan.projects.is_empty() && scan.unreadable.is_empty();
        store.unreadable.set(scan.unreadable);
        let live: Vec<&library::Stored> = scan
            .projects
            .iter()
            .filter(|s| s.meta.deleted_at.is_none())
            .collect();
        let pick = prefs
            .current
            .and_then(|id| live.iter().find(|s| s.meta.id == id))
            .or_else(|| live.first())
            .map(|s| (s.project.clone(), s.meta.rev));
        store
            .metas
            .set(scan.projects.into_iter().map(|s| s.meta).collect());
        if let Some((p, rev)) = pick {
            store.base_rev.set_value(rev);
            store.current.set(Some(p));
            store.seed_save_cache(&kv);
        } else if first_visit {
            // First visit: open on the demo project, saved right away.
            store.add_project(demo_project());
        }
        store
    }

    fn write_prefs(&self) {
        let prefs = Prefs {
            lang: Some(self.lang.get_untracked().code().to_string()),
            current: self.current.with_untracked(|p| p.as_ref().map(|p| p.id)),
        };
        if LocalStore::open().available() {
            let _ = LocalStorage::set(PREFS_KEY, &prefs);
        }
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        self.write_prefs();
    }

    /// Changes the open project and schedules a save.
    pub fn update(&self, f: impl FnOnce(&mut Project)) {
        let mut changed = false;
        self.current.update(|o| {
            if let Some(p) = o {
                f(p);
                changed = true;
            }
        });
        if changed {
            self.dirty.set_value(true);
            self.schedule_save();
        }
    }

    fn schedule_save(&self) {
        if matches!(self.save_state.get_untracked(), SaveState::Conflict { .. }) {
            return;
        }
        if self.save_state.get_untracked() == SaveState::Saved {
            self.save_state.set(SaveState::Pending);
        }
        let gen = self.save_gen.get_value() + 1;
        self.save_gen.set_value(gen);
        let store = *self;
        set_timeout(
            move || {
                if store.save_gen.get_value() == gen {
                    store.save_now(false);
                }
            },
            Duration::from_millis(SAVE_DELAY_MS),
        );
    }

    /// Saves the open project now. `force` overwrites another tab's later save (the user chose).
    pub fn save_now(&self, force: bool) {
        let mut cache = self
            .save_cache
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        let result = self
            .current
            .try_update_untracked(|o| {
                o.as_mut().map(|p| {
                    let mut kv = LocalStore::open();
                    library::save_with(
                        &mut kv,
                        p,
                        &mut cache,
                        self.base_rev.get_value(),
                        &self.tab_id.get_value(),
                        &now_iso(),
                        force,
                    )
                })
            })
            .flatten();
        self.save_cache.set_value(cache);
        let Some(result) = result else { return };
        match result {
            Ok(meta) => {
                self.base_rev.set_value(meta.rev);
                self.dirty.set_value(false);
                self.upsert_meta(meta);
                self.save_state.set(SaveState::Saved);
                self.write_prefs();
            }
            Err(StoreError::Quota) => self.save_state.set(SaveState::QuotaFull),
            Err(StoreError::Conflict { their_saved_at, .. }) => {
                self.save_state.set(SaveState::Conflict { their_saved_at })
            }
            Err(StoreError::Unavailable(d)) => self.save_state.set(SaveState::Unavailable(d)),
        }
    }

    /// Remembers the stored chunks of the project just loaded (see [`library::seed_cache`]).
    fn seed_save_cache(&self, kv: &LocalStore) {
        let mut cache = library::SaveCache::default();
        self.current.with_untracked(|p| {
            if let Some(p) = p {
                library::seed_cache(kv, p, &mut cache);
            }
        });
        self.save_cache.set_value(cache);
    }

    fn upsert_meta(&self, meta: Meta) {
        self.metas
            .update(|v| match v.iter_mut().find(|m| m.id == meta.id) {
                Some(m) => *m = meta,
                None => v.insert(0, meta),
            });
    }

    /// Adds a project (new, duplicate, demo or import) and opens it. An id already in use gets
    /// a fresh one, so nothing existing is replaced.
    pub fn add_project(&self, mut p: Project) -> Id {
        if self
            .metas
            .with_untracked(|v| v.iter().any(|m| m.id == p.id))
        {
            p.id = crate::domain::new_id();
        }
        let id = p.id;
        self.flush();
        self.base_rev.set_value(0);
        self.current.set(Some(p));
        self.dirty.set_value(true);
        self.save_state.set(SaveState::Pending);
        self.save_now(false);
        id
    }

    /// Saves pending changes of the open project before switching away.
    fn flush(&self) {
        if self.dirty.get_value()
            && !matches!(self.save_state.get_untracked(), SaveState::Conflict { .. })
        {
            self.save_now(false);
        }
    }

    /// Opens a stored project.
    pub fn open(&self, id: Id) -> Result<(), String> {
        if self.current.with_untracked(|p| p.as_ref().map(|p| p.id)) == Some(id) {
            return Ok(());
        }
        self.flush();
        let kv = LocalStore::open();
        let raw = kv
            .get(&library::data_key(id))
            .ok_or("Проект не найден в хранилище.")?;
        let p = library::decode(&kv, &raw).map_err(|e| e.message(self.lang.get_untracked()))?;
        self.base_rev
            .set_value(library::read_meta(&kv, id).map(|m| m.rev).unwrap_or(0));
        self.dirty.set_value(false);
        self.current.set(Some(p));
        self.seed_save_cache(&kv);
        self.save_state.set(SaveState::Saved);
        self.write_prefs();
        Ok(())
    }

    /// Replaces a stored project with `p` (after the user confirmed and was offered a backup).
    pub fn replace_project(&self, target: Id, mut p: Project) {
        p.id = target;
        let rev = library::read_meta(&LocalStore::open(), target)
            .map(|m| m.rev)
            .unwrap_or(0);
        if self.current.with_untracked(|c| c.as_ref().map(|c| c.id)) != Some(target) {
            self.flush();
        }
        self.base_rev.set_value(rev);
        self.current.set(Some(p));
        self.dirty.set_value(true);
        self.save_state.set(SaveState::Pending);
        self.save_now(true);
    }

    /// Moves a project to the bin; the open project switches to another one.
    pub fn trash(&self, id: Id) {
        let mut kv = LocalStore::open();
        if self.current.with_untracked(|p| p.as_ref().map(|p| p.id)) == Some(id) {
            self.flush();
        }
        if let Ok(meta) = library::set_deleted(&mut kv, id, Some(now_iso())) {
            self.upsert_meta(meta);
        }
        if self.current.with_untracked(|p| p.as_ref().map(|p| p.id)) == Some(id) {
            self.current.set(None);
            let next = self
                .metas
                .with_untracked(|v| v.iter().find(|m| m.deleted_at.is_none()).map(|m| m.id));
            if let Some(next) = next {
                let _ = self.open(next);
            }
            self.write_prefs();
        }
    }

    pub fn restore(&self, id: Id) {
        let mut kv = LocalStore::open();
        if let Ok(meta) = library::set_deleted(&mut kv, id, None) {
            self.upsert_meta(meta);
        }
    }

    pub fn purge(&self, id: Id) {
        let mut kv = LocalStore::open();
        library::purge(&mut kv, id);
        self.metas.update(|v| v.retain(|m| m.id != id));
    }

    pub fn discard_unreadable(&self, key: &str) {
        let mut kv = LocalStore::open();
        library::discard_unreadable(&mut kv, key);
        self.unreadable.update(|v| v.retain(|u| u.key != key));
    }

    /// Conflict resolution: take the other tab's version (this tab's changes are dropped).
    pub fn take_theirs(&self) {
        let Some(id) = self.current.with_untracked(|p| p.as_ref().map(|p| p.id)) else {
            return;
        };
        let kv = LocalStore::open();
        if let Some(p) = kv
            .get(&library::data_key(id))
            .and_then(|raw| library::decode(&kv, &raw).ok())
        {
            self.base_rev
                .set_value(library::read_meta(&kv, id).map(|m| m.rev).unwrap_or(0));
            self.dirty.set_value(false);
            self.current.set(Some(p));
            self.seed_save_cache(&kv);
            self.save_state.set(SaveState::Saved);
        }
        self.refresh_metas();
    }

    /// Conflict resolution: keep this tab's version and write it over the other tab's save.
    pub fn keep_mine(&self) {
        self.save_state.set(SaveState::Pending);
        self.save_now(true);
    }

    /// Re-reads the project list (another tab may have added or renamed projects).
    pub fn refresh_metas(&self) {
        let kv = LocalStore::open();
        let mut metas: Vec<Meta> = kv
            .keys()
            .iter()
            .filter(|k| k.starts_with(library::META_PREFIX))
            .filter_map(|k| kv.get(k))
            .filter_map(|s| serde_json::from_str::<Meta>(&s).ok())
            .filter(|m| kv.get(&library::data_key(m.id)).is_some())
            .collect();
        metas.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
        self.metas.set(metas);
    }

    /// Called on a `storage` event or when the tab regains focus: detects a later save of the
    /// open project by another tab and asks the user instead of overwriting either way.
    pub fn check_other_tabs(&self) {
        self.refresh_metas();
        let Some(id) = self.current.with_untracked(|p| p.as_ref().map(|p| p.id)) else {
            return;
        };
        let kv = LocalStore::open();
        let Some(meta) = kv
            .get(&meta_key(id))
            .and_then(|s| serde_json::from_str::<Meta>(&s).ok())
        else {
            return;
        };
        if meta.rev != self.base_rev.get_value() && meta.writer != self.tab_id.get_value() {
            self.save_state.set(SaveState::Conflict {
                their_saved_at: meta.saved_at,
            });
        }
    }

    /// Whether the open project has changes not yet in storage.
    pub fn is_dirty(&self) -> bool {
        self.dirty.get_value()
    }
}

/// Puts the store into context.
pub fn provide_store() -> Store {
    let store = Store::load();
    provide_context(store);
    store
}

/// The store from context.
pub fn use_store() -> Store {
    expect_context::<Store>()
}
