//! The project store: the list of stored projects, the open project, and autosave.
//!
//! One `RwSignal<Option<Project>>` holds the open project: a single serde-able root is what
//! export needs, and pages derive what they show with `Memo`s over it. Every change goes through
//! [`Store::update`], which marks the project dirty and schedules a debounced save. A save is a
//! `persist::library::SaveJob` run in short steps on timeouts (one chunk of 500 clients or deals
//! each, a few milliseconds of steps per timeout), so a big project never blocks the page for
//! long; edits made meanwhile are saved by the next save. Leaving the page or switching projects
//! finishes a running save at once. The revision check turns "another tab saved later" into a
//! [`SaveState::Conflict`] instead of an overwrite; a full quota keeps the changes in memory and
//! raises a persistent banner until a later save succeeds. [`Store::last_save`] and
//! [`Store::after_save`] tell reports (imports) how a save ended.
//!
//! Start-up reads only the metas (the project list) and the project it opens; the other stored
//! projects are decoded one at a time in idle time after the first render, so unreadable ones
//! still get their banner (raw text kept, offered for download) without slowing the start.
//!
//! Decoding and encoding are not in the start-up code: the store reaches storage through
//! [`super::io`], a part of the build fetched while the first screen paints. Until it has
//! arrived the store is starting ([`Store::ready`] is false, no project is open) and every
//! operation that needs it does nothing; the language is read from the preferences at once.

use super::io::{io, Backend};
use super::storage::LocalStore;
use crate::domain::{Id, Project};
use crate::i18n::Lang;
use crate::persist::library::{self, KeyValue, Meta, Progress, Unreadable};
use crate::persist::StoreError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::Duration;

pub(crate) const PREFS_KEY: &str = "sloy.prefs";
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
    Unavailable(crate::persist::Unavailable),
}

/// How a save ended, for reports that must say whether what they loaded is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved,
    /// The quota is full: the project is only in memory («экспортируйте проект»).
    QuotaFull,
    /// Another tab saved the project later; nothing was written.
    Conflict,
    /// Storage is unavailable (private mode, disabled).
    Unavailable,
}

impl SaveOutcome {
    /// How an import report says it: «сохранено» or «не сохранено: …».
    pub fn text(self, s: &crate::i18n::Shell) -> &'static str {
        match self {
            SaveOutcome::Saved => s.import_saved,
            SaveOutcome::QuotaFull => s.import_not_saved_quota,
            SaveOutcome::Conflict => s.import_not_saved_conflict,
            SaveOutcome::Unavailable => s.import_not_saved_unavailable,
        }
    }
}

/// The last save that ended (successfully or not).
#[derive(Clone, Debug, PartialEq)]
pub struct LastSave {
    pub project: Id,
    pub outcome: SaveOutcome,
    /// When it ended (ISO, UTC).
    pub at: String,
    /// Counts the saves of this tab: a report compares it to tell a new outcome from an old one.
    pub seq: u64,
}

type Waiter = (Id, Box<dyn FnOnce(SaveOutcome)>);

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
    /// The storage part has arrived and the start-up project is open (or there is none).
    pub ready: RwSignal<bool>,
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
    /// How the last save ended (any project).
    pub last_save: RwSignal<Option<LastSave>>,
    /// The save in progress.
    job: StoredValue<Option<library::SaveJob>>,
    /// Counts edits; `job_edits` is the count the running save's snapshot was taken at.
    edits: StoredValue<u64>,
    job_edits: StoredValue<u64>,
    /// The next save overwrites another tab's save (a forced save was given up for an edit).
    force_next: StoredValue<bool>,
    /// Stored project values not yet decoded (checked in idle time).
    to_check: StoredValue<Vec<String>>,
    /// Callbacks waiting for the end of a save ([`Store::after_save`]).
    waiters: StoredValue<Vec<Waiter>, leptos::reactive::owner::LocalStorage>,
    /// The open project as this tab last loaded or saved it: the base of a merge with another
    /// tab's later save (both derive from it). `job_synced` is the running save's snapshot,
    /// which becomes `synced` when the save succeeds.
    synced: StoredValue<Option<Project>>,
    job_synced: StoredValue<Option<Project>>,
    /// Undo/redo of the open project's edits ([`super::undo`]); cleared on a switch.
    history: StoredValue<super::undo::History>,
    /// What the next undo/redo would change, for the header's buttons.
    pub undo_info: RwSignal<super::undo::Info>,
}

/// Milliseconds of save steps run in one timeout: a step (one chunk) takes a few tens of
/// milliseconds at most, so a slot stays well under 50 ms.
const STEP_BUDGET_MS: f64 = 8.0;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Runs `f` when the browser is idle (after rendering), or soon where that is not supported.
fn when_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let cb = wasm_bindgen::closure::Closure::once_into_js(f);
    let w = window();
    let ric = js_sys::Reflect::get(&w, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match ric {
        Some(ric) => {
            let opts = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&opts, &"timeout".into(), &1000.into());
            let _ = ric.call2(&w, &cb, &opts);
        }
        None => {
            if let Ok(f) = cb.dyn_into::<js_sys::Function>() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&f, 50);
            }
        }
    }
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
    /// The store as the app starts: no project yet, the language of the preferences.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Store {
        let kv = LocalStore::open();
        let lang = kv
            .get(PREFS_KEY)
            .map(|raw| Lang::from_prefs(&raw))
            .unwrap_or_default();
        Store {
            ready: RwSignal::new(false),
            metas: RwSignal::new(vec![]),
            current: RwSignal::new(None),
            save_state: RwSignal::new(if kv.available() {
                SaveState::Saved
            } else {
                SaveState::Unavailable(crate::persist::Unavailable::NoStorage)
            }),
            unreadable: RwSignal::new(vec![]),
            lang: RwSignal::new(lang),
            base_rev: StoredValue::new(0),
            dirty: StoredValue::new(false),
            save_gen: StoredValue::new(0),
            tab_id: StoredValue::new(crate::domain::new_id().to_string()),
            save_cache: StoredValue::new(library::SaveCache::default()),
            last_save: RwSignal::new(None),
            job: StoredValue::new(None),
            edits: StoredValue::new(0),
            job_edits: StoredValue::new(0),
            to_check: StoredValue::new(vec![]),
            force_next: StoredValue::new(false),
            waiters: StoredValue::new_local(vec![]),
            synced: StoredValue::new(None),
            job_synced: StoredValue::new(None),
            history: StoredValue::new(Default::default()),
            undo_info: RwSignal::new(Default::default()),
        }
    }

    /// Reads the project list and opens the last project (or creates the demo on a first
    /// visit), once the storage part is there. Only the metas and the opened project are read;
    /// the rest is checked later.
    fn start(self, io: &'static dyn Backend) {
        let store = self;
        let kv = LocalStore::open();
        // Preferences are small and disposable: a damaged value just means defaults.
        let prefs = io.read_prefs();
        let listing = io.list(&kv);
        let first_visit = listing.metas.is_empty() && listing.unnamed.is_empty();
        let mut candidates: Vec<String> = listing
            .metas
            .iter()
            .filter(|m| m.deleted_at.is_none())
            .map(|m| library::data_key(m.id))
            .collect();
        if let Some(pos) = prefs
            .current
            .and_then(|id| candidates.iter().position(|k| *k == library::data_key(id)))
        {
            let k = candidates.remove(pos);
            candidates.insert(0, k);
        }
        // Values without a meta are named only by decoding: opened only when nothing else is.
        candidates.extend(listing.unnamed.iter().cloned());
        let mut to_check = listing.data_keys();
        store.metas.set(listing.metas);
        for key in candidates {
            to_check.retain(|k| *k != key);
            match io.load_stored(&kv, &key) {
                Some(Ok(s)) if s.meta.deleted_at.is_none() => {
                    store.upsert_meta(s.meta.clone());
                    store.base_rev.set_value(s.meta.rev);
                    store.synced.set_value(Some(s.project.clone()));
                    store.current.set(Some(s.project));
                    store.seed_save_cache(&kv);
                    break;
                }
                Some(Ok(s)) => store.upsert_meta(s.meta),
                Some(Err(u)) => store.found_unreadable(u),
                None => {}
            }
        }
        store.to_check.set_value(to_check);
        if store.current.with_untracked(Option::is_none) && first_visit {
            // First visit: open on the (Russian) demo project, saved right away. The app is
            // Russian-first whatever the browser's language; the English demo is one click away
            // on «Проекты» once the UI is switched to English (its code loads with that screen).
            store.add_project(io.demo());
        }
        store.ready.set(true);
        when_idle(move || store.check_next());
    }

    /// Decodes one stored project not read yet: an unreadable one gets its banner and leaves
    /// the list; one without a meta joins the list. Then schedules the next.
    fn check_next(&self) {
        let Some(io) = io() else { return };
        let Some(key) = self.to_check.try_update_value(|v| v.pop()).flatten() else {
            return;
        };
        let open = self
            .current
            .with_untracked(|p| p.as_ref().map(|p| library::data_key(p.id)));
        if open.as_deref() != Some(key.as_str()) {
            match io.load_stored(&LocalStore::open(), &key) {
                Some(Ok(s)) => {
                    let known = self
                        .metas
                        .with_untracked(|v| v.iter().any(|m| m.id == s.meta.id));
                    if !known {
                        self.upsert_meta(s.meta);
                    }
                }
                Some(Err(u)) => self.found_unreadable(u),
                None => {}
            }
        }
        let store = *self;
        when_idle(move || store.check_next());
    }

    /// A stored project turned out unreadable: banner (with its raw text), and out of the list.
    fn found_unreadable(&self, u: Unreadable) {
        let id = u.key.strip_prefix(library::DATA_PREFIX).map(str::to_string);
        self.metas
            .update(|v| v.retain(|m| Some(m.id.to_string()) != id));
        self.unreadable.update(|v| {
            if !v.iter().any(|x| x.key == u.key) {
                v.push(u);
            }
        });
    }

    fn write_prefs(&self) {
        let prefs = Prefs {
            lang: Some(self.lang.get_untracked().code().to_string()),
            current: self.current.with_untracked(|p| p.as_ref().map(|p| p.id)),
        };
        if let Some(io) = io() {
            io.write_prefs(&prefs);
        }
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        self.write_prefs();
    }

    fn current_id(&self) -> Option<Id> {
        self.current.with_untracked(|p| p.as_ref().map(|p| p.id))
    }

    /// Changes the open project and schedules a save.
    pub fn update(&self, f: impl FnOnce(&mut Project)) {
        // A project is open only once the storage part is there (see `Store::start`).
        let Some(io) = io() else { return };
        let mut before = None;
        self.current.update(|o| {
            if let Some(p) = o {
                before = Some(io.before(p));
                f(p);
            }
        });
        if let Some(before) = before {
            self.record_undo(before);
            self.mark_dirty();
            self.schedule_save();
        }
    }

    fn mark_dirty(&self) {
        self.dirty.set_value(true);
        self.edits.update_value(|n| *n += 1);
        // A save still taking its snapshot would mix old and new: give it up (it wrote
        // nothing yet); the debounced save that follows takes a new one.
        if let Some(forced) = self.job.with_value(|j| {
            j.as_ref()
                .filter(|j| j.snapshotting())
                .map(library::SaveJob::forced)
        }) {
            self.abort_save();
            // A save the user chose to force (keep mine, replace) stays forced.
            self.force_next.set_value(forced);
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
                    store.start_save(false);
                }
            },
            Duration::from_millis(SAVE_DELAY_MS),
        );
    }

    fn saving(&self) -> bool {
        self.job.with_value(Option::is_some)
    }

    /// Starts saving the open project in steps. When a save is already running, the edits are
    /// picked up by the save that follows it.
    fn start_save(&self, force: bool) {
        let force = force || self.force_next.get_value();
        if !self.saving() && self.begin_job(force) {
            self.schedule_steps();
        }
    }

    /// Takes the snapshot of the open project for a save. `false` when there is nothing to
    /// save or the save was refused at once (the state says why).
    fn begin_job(&self, force: bool) -> bool {
        let Some(io) = io() else { return false };
        let mut cache = self
            .save_cache
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        let edits = self.edits.get_value();
        let nonce: String = self
            .tab_id
            .get_value()
            .chars()
            .filter(char::is_ascii_hexdigit)
            .take(8)
            .collect();
        let mut snapshot = None;
        let result = self
            .current
            .try_update_untracked(|o| {
                o.as_mut().map(|p| {
                    // Every save is a new revision, derived from the one before.
                    io.next_revision(p);
                    snapshot = Some(p.clone());
                    (
                        p.id,
                        io.begin_save(
                            &LocalStore::open(),
                            p,
                            &mut cache,
                            self.base_rev.get_value(),
                            &self.tab_id.get_value(),
                            &now_iso(),
                            force,
                            &nonce,
                        ),
                    )
                })
            })
            .flatten();
        self.save_cache.set_value(cache);
        match result {
            Some((_, Ok(job))) => {
                self.force_next.set_value(false);
                self.job.set_value(Some(job));
                self.job_edits.set_value(edits);
                self.job_synced.set_value(snapshot);
                true
            }
            Some((id, Err(e))) => {
                self.finish_save(id, Err(e));
                false
            }
            None => false,
        }
    }

    fn schedule_steps(&self) {
        let store = *self;
        set_timeout(move || store.run_steps(STEP_BUDGET_MS), Duration::ZERO);
    }

    /// Runs steps of the running save for about `budget_ms` (at least one step), then yields
    /// to the page until the next timeout.
    fn run_steps(&self, budget_ms: f64) {
        let Some(io) = io() else { return };
        let Some(mut job) = self.job.try_update_value(Option::take).flatten() else {
            return;
        };
        let mut cache = self
            .save_cache
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        let mut kv = LocalStore::open();
        let started = now_ms();
        let result = self
            .current
            .with_untracked(|p| {
                let p = p.as_ref()?;
                Some(loop {
                    match io.step(&mut job, &mut kv, &mut cache, p) {
                        Ok(Progress::More) if now_ms() - started < budget_ms => {}
                        Ok(Progress::More) => break None,
                        Ok(Progress::Done(meta)) => break Some(Ok(meta)),
                        Err(e) => break Some(Err(e)),
                    }
                })
            })
            .unwrap_or_else(|| {
                // No open project (it was closed): nothing to save from.
                io.abort(&mut job, &mut kv, &mut cache);
                None
            });
        if job.steps_left() == 0 && result.is_none() {
            self.save_cache.set_value(cache);
            return;
        }
        self.save_cache.set_value(cache);
        match result {
            None => {
                self.job.set_value(Some(job));
                self.schedule_steps();
            }
            Some(r) => self.finish_save(job.project_id(), r),
        }
    }

    /// Gives up the running save (nothing it wrote stays).
    fn abort_save(&self) {
        let Some(io) = io() else { return };
        if let Some(mut job) = self.job.try_update_value(Option::take).flatten() {
            let mut cache = self
                .save_cache
                .try_update_value(std::mem::take)
                .unwrap_or_default();
            io.abort(&mut job, &mut LocalStore::open(), &mut cache);
            self.save_cache.set_value(cache);
        }
    }

    fn finish_save(&self, id: Id, result: Result<Meta, StoreError>) {
        let is_current = self.current_id() == Some(id);
        let outcome = match result {
            Ok(meta) => {
                self.upsert_meta(meta.clone());
                if is_current {
                    self.base_rev.set_value(meta.rev);
                    let saved = self.job_synced.try_update_value(Option::take).flatten();
                    if saved.as_ref().is_some_and(|p| p.id == id) {
                        self.synced.set_value(saved);
                    }
                    if self.edits.get_value() == self.job_edits.get_value() {
                        self.dirty.set_value(false);
                        self.save_state.set(SaveState::Saved);
                    } else {
                        // Edited while saving: the next save writes those edits.
                        self.save_state.set(SaveState::Pending);
                        self.schedule_save();
                    }
                    self.write_prefs();
                }
                SaveOutcome::Saved
            }
            Err(StoreError::Quota) => {
                self.save_state.set(SaveState::QuotaFull);
                SaveOutcome::QuotaFull
            }
            Err(StoreError::Conflict { their_saved_at, .. }) => {
                self.save_state.set(SaveState::Conflict { their_saved_at });
                SaveOutcome::Conflict
            }
            Err(StoreError::Unavailable(d)) => {
                self.save_state.set(SaveState::Unavailable(d));
                SaveOutcome::Unavailable
            }
        };
        let seq = self
            .last_save
            .with_untracked(|l| l.as_ref().map_or(0, |l| l.seq))
            + 1;
        self.last_save.set(Some(LastSave {
            project: id,
            outcome,
            at: now_iso(),
            seq,
        }));
        let mine = self
            .waiters
            .try_update_value(|w| {
                let (mine, rest) = std::mem::take(w).into_iter().partition(|(p, _)| *p == id);
                *w = rest;
                mine
            })
            .unwrap_or_default();
        for (_, f) in mine {
            f(outcome);
        }
    }

    /// Calls `f` with the outcome of the save that brings project `id` as it is now into
    /// storage: the save running or scheduled, or, when none is pending, at once with how the
    /// last one ended. Import reports use it to say «сохранено» or «не сохранено».
    pub fn after_save(&self, id: Id, f: impl FnOnce(SaveOutcome) + 'static) {
        let running = self
            .job
            .with_value(|j| j.as_ref().is_some_and(|j| j.project_id() == id));
        let state = self.save_state.get_untracked();
        let scheduled = self.current_id() == Some(id)
            && self.dirty.get_value()
            && matches!(state, SaveState::Pending | SaveState::Saved);
        if running || scheduled {
            self.waiters.update_value(|w| w.push((id, Box::new(f))));
            return;
        }
        f(match state {
            SaveState::Saved | SaveState::Pending => SaveOutcome::Saved,
            SaveState::QuotaFull => SaveOutcome::QuotaFull,
            SaveState::Conflict { .. } => SaveOutcome::Conflict,
            SaveState::Unavailable(_) => SaveOutcome::Unavailable,
        });
    }

    /// Saves the open project now, all steps at once (leaving the page, switching projects).
    /// A save in progress is finished first. `force` overwrites another tab's later save (the
    /// user chose).
    pub fn save_now(&self, force: bool) {
        if self.saving() {
            self.run_steps(f64::INFINITY);
        }
        if (self.dirty.get_value() || force) && self.begin_job(force) {
            self.run_steps(f64::INFINITY);
        }
    }

    /// Remembers the stored chunks of the project just loaded (see [`library::seed_cache`]).
    fn seed_save_cache(&self, kv: &LocalStore) {
        let Some(io) = io() else { return };
        let mut cache = library::SaveCache::default();
        self.current.with_untracked(|p| {
            if let Some(p) = p {
                io.seed_cache(kv, p, &mut cache);
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

    /// Adds a project (new, duplicate, demo or import), opens it and starts saving it (in
    /// steps: see [`Store::after_save`] for the outcome). An id already in use, or held by an
    /// unreadable stored value, gets a fresh one, so nothing existing is replaced.
    pub fn add_project(&self, mut p: Project) -> Id {
        let taken = self
            .metas
            .with_untracked(|v| v.iter().any(|m| m.id == p.id))
            || LocalStore::open().get(&library::data_key(p.id)).is_some();
        if taken {
            p.id = crate::domain::new_id();
        }
        let id = p.id;
        self.flush();
        self.clear_undo();
        self.base_rev.set_value(0);
        self.current.set(Some(p));
        self.mark_dirty();
        self.save_state.set(SaveState::Pending);
        self.start_save(false);
        id
    }

    /// Saves pending changes of the open project before switching away.
    fn flush(&self) {
        if self.saving() {
            self.run_steps(f64::INFINITY);
        }
        if self.dirty.get_value()
            && !matches!(self.save_state.get_untracked(), SaveState::Conflict { .. })
        {
            self.save_now(false);
        }
    }

    /// Opens a stored project. A project that turns out unreadable gets its banner.
    pub fn open(&self, id: Id) -> Result<(), String> {
        if self.current_id() == Some(id) {
            return Ok(());
        }
        let Some(io) = io() else {
            return Err(crate::i18n::catalogue(self.lang.get_untracked())
                .shell
                .opening_project
                .into());
        };
        self.flush();
        let kv = LocalStore::open();
        let stored = match io.load_stored(&kv, &library::data_key(id)) {
            None => return Err(crate::i18n::load::not_stored(self.lang.get_untracked()).into()),
            Some(Err(u)) => {
                let message = io.load_message(&u.error, self.lang.get_untracked());
                self.found_unreadable(u);
                return Err(message);
            }
            Some(Ok(s)) => s,
        };
        self.base_rev
            .set_value(io.read_meta(&kv, id).map(|m| m.rev).unwrap_or(0));
        self.dirty.set_value(false);
        self.synced.set_value(Some(stored.project.clone()));
        self.clear_undo();
        self.current.set(Some(stored.project));
        self.seed_save_cache(&kv);
        self.save_state.set(SaveState::Saved);
        self.write_prefs();
        Ok(())
    }

    /// Replaces a stored project with `p` (after the user confirmed and was offered a backup),
    /// and starts saving it. A target whose stored data does not load is never written over.
    pub fn replace_project(&self, target: Id, mut p: Project) -> Result<(), String> {
        let Some(io) = io() else {
            return Err(crate::i18n::catalogue(self.lang.get_untracked())
                .shell
                .opening_project
                .into());
        };
        let kv = LocalStore::open();
        if let Some(Err(u)) = io.load_stored(&kv, &library::data_key(target)) {
            let message = io.load_message(&u.error, self.lang.get_untracked());
            self.found_unreadable(u);
            return Err(message);
        }
        p.id = target;
        let rev = io.read_meta(&kv, target).map(|m| m.rev).unwrap_or(0);
        if self.current_id() != Some(target) {
            self.flush();
        } else {
            self.abort_save();
        }
        self.base_rev.set_value(rev);
        self.clear_undo();
        self.current.set(Some(p));
        self.mark_dirty();
        self.save_state.set(SaveState::Pending);
        self.start_save(true);
        Ok(())
    }

    /// Moves a project to the bin; the open project switches to another one.
    pub fn trash(&self, id: Id) {
        let Some(io) = io() else { return };
        let mut kv = LocalStore::open();
        if self.current_id() == Some(id) {
            self.flush();
        }
        if let Ok(meta) = io.set_deleted(&mut kv, id, Some(now_iso())) {
            self.upsert_meta(meta);
        }
        if self.current_id() == Some(id) {
            self.clear_undo();
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
        let Some(io) = io() else { return };
        let mut kv = LocalStore::open();
        if let Ok(meta) = io.set_deleted(&mut kv, id, None) {
            self.upsert_meta(meta);
        }
    }

    pub fn purge(&self, id: Id) {
        let Some(io) = io() else { return };
        let mut kv = LocalStore::open();
        io.purge(&mut kv, id);
        self.metas.update(|v| v.retain(|m| m.id != id));
    }

    pub fn discard_unreadable(&self, key: &str) {
        let Some(io) = io() else { return };
        let mut kv = LocalStore::open();
        io.discard_unreadable(&mut kv, key);
        self.unreadable.update(|v| v.retain(|u| u.key != key));
    }

    /// Conflict resolution: take the other tab's version (this tab's changes are dropped).
    pub fn take_theirs(&self) {
        let (Some(id), Some(io)) = (self.current_id(), io()) else {
            return;
        };
        self.abort_save();
        let kv = LocalStore::open();
        match io.load_stored(&kv, &library::data_key(id)) {
            Some(Ok(s)) => {
                self.base_rev.set_value(s.meta.rev);
                self.dirty.set_value(false);
                self.synced.set_value(Some(s.project.clone()));
                self.clear_undo();
                self.current.set(Some(s.project));
                self.seed_save_cache(&kv);
                self.save_state.set(SaveState::Saved);
            }
            Some(Err(u)) => self.found_unreadable(u),
            None => {}
        }
        self.refresh_metas();
    }

    /// Conflict resolution: keep this tab's version and write it over the other tab's save.
    pub fn keep_mine(&self) {
        self.abort_save();
        self.save_state.set(SaveState::Pending);
        if self.begin_job(true) {
            self.schedule_steps();
        }
    }

    /// Re-reads the project list from the metas (another tab may have added or renamed
    /// projects); values found unreadable stay out of it.
    pub fn refresh_metas(&self) {
        let Some(io) = io() else { return };
        let listing = io.list(&LocalStore::open());
        let bad: Vec<String> = self
            .unreadable
            .with_untracked(|v| v.iter().map(|u| u.key.clone()).collect());
        self.metas.set(
            listing
                .metas
                .into_iter()
                .filter(|m| !bad.contains(&library::data_key(m.id)))
                .collect(),
        );
    }

    /// Called on a `storage` event or when the tab regains focus: detects a later save of the
    /// open project by another tab and asks the user instead of overwriting either way.
    pub fn check_other_tabs(&self) {
        self.refresh_metas();
        let (Some(id), Some(io)) = (self.current_id(), io()) else {
            return;
        };
        let Some(meta) = io.read_meta(&LocalStore::open(), id) else {
            return;
        };
        if meta.rev != self.base_rev.get_value() && meta.writer != self.tab_id.get_value() {
            self.save_state.set(SaveState::Conflict {
                their_saved_at: meta.saved_at,
            });
        }
    }

    /// The open project as this tab last loaded or saved it (the base of a two-tab merge).
    pub fn synced(&self) -> Option<Project> {
        let id = self.current_id()?;
        self.synced
            .with_value(|p| p.as_ref().filter(|p| p.id == id).cloned())
    }

    /// The stored version of project `id` with its revision, when it loads.
    pub fn stored(&self, id: Id) -> Option<(Project, u64)> {
        match io()?.load_stored(&LocalStore::open(), &library::data_key(id))? {
            Ok(s) => Some((s.project, s.meta.rev)),
            Err(u) => {
                self.found_unreadable(u);
                None
            }
        }
    }

    /// Puts a merged project in place of project `target` and saves it, in one save: a save
    /// that fails (quota) leaves the previous stored version whole, and the merged project in
    /// memory with the banner. `their_rev` is the stored revision the merge took in (a merge
    /// with another tab's save): this tab then continues from it. A save by yet another tab
    /// in between is a conflict again, never overwritten.
    pub fn apply_merged(
        &self,
        target: Id,
        p: Project,
        their_rev: Option<u64>,
    ) -> Result<(), String> {
        if self.current_id() != Some(target) {
            self.open(target)?;
        }
        self.abort_save();
        if let Some(rev) = their_rev {
            self.base_rev.set_value(rev);
        }
        self.current.set(Some(p));
        self.mark_dirty();
        self.save_state.set(SaveState::Pending);
        self.start_save(false);
        Ok(())
    }

    /// Whether the open project has changes not yet in storage (or a save is running).
    pub fn is_dirty(&self) -> bool {
        self.dirty.get_value() || self.saving()
    }
}

// ---- Undo/redo (the history itself is `super::undo`) -------------------------------------

impl Store {
    /// Records the edit that turned `before` into the open project.
    fn record_undo(&self, before: super::undo::Before) {
        let Some(io) = io() else { return };
        let recorded = self.current.with_untracked(|p| {
            p.as_ref().is_some_and(|p| {
                self.history
                    .try_update_value(|h| io.record(h, before, p, now_ms()))
                    .unwrap_or(false)
            })
        });
        if recorded {
            self.publish_undo();
        }
    }

    fn publish_undo(&self) {
        let info = self.history.with_value(|h| h.info());
        if self.undo_info.get_untracked() != info {
            self.undo_info.set(info);
        }
    }

    fn clear_undo(&self) {
        self.history.update_value(|h| h.clear());
        self.publish_undo();
    }

    /// Undoes (`redo == false`) or redoes the last edit of the open project; the result is
    /// saved like any edit.
    pub fn undo_redo(&self, redo: bool) {
        let Some(io) = io() else { return };
        let info = self.undo_info.get_untracked();
        if (if redo { info.redo } else { info.undo }).is_none() {
            return;
        }
        let mut done = false;
        self.current.update(|o| {
            if let Some(p) = o {
                done = self
                    .history
                    .try_update_value(|h| io.undo_redo(h, p, redo))
                    .unwrap_or(false);
            }
        });
        if done {
            self.publish_undo();
            self.mark_dirty();
            self.schedule_save();
        }
    }
}

/// Puts the store into context.
/// Puts the store into context; [`Store::open_storage`] starts it.
pub fn provide_store() -> Store {
    let store = Store::new();
    provide_context(store);
    store
}

impl Store {
    /// Fetches the storage part (at once if it is there), then reads the project list and
    /// opens the last project (or the demo).
    pub async fn open_storage(self) {
        let io = super::io::start().await;
        if !self.ready.get_untracked() {
            self.start(io);
        }
    }
}

/// The store from context.
pub fn use_store() -> Store {
    expect_context::<Store>()
}
