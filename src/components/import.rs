//! Importing a project file: by the file picker or by dropping it anywhere on the page.
//!
//! The whole file is loaded and checked (`persist::file::from_file`) before anything changes.
//! A good file is then added as a new project, or replaces an existing one only after the user
//! confirmed in the dialog that also offers a backup download of the project being replaced.
//! What the check flags (allowed negative values, texts cut to their limit) is listed in the
//! dialog before the user decides; every text the dialog shows is shortened for display.
//! A file whose project id matches a stored project may also be merged into it («Объединить»):
//! that opens the merge preview ([`MergeRequest`], `components::merge`, a part of its own).

use super::download::download_project;
use crate::domain::{Id, Project};
use crate::i18n::fill;
use crate::i18n::format::shorten;
use crate::persist::error::Issue;
use crate::persist::file::MAX_FILE_BYTES;
use crate::persist::library;
use crate::persist::LoadError;
use crate::state::storage::LocalStore;
use crate::state::store::{use_store, SaveOutcome};
use crate::state::toast::use_toasts;
use crate::state::use_i18n;
use leptos::prelude::*;

/// A checked file waiting for the user's choice.
#[derive(Clone, Debug)]
pub struct PendingImport {
    pub file_name: String,
    pub project: Project,
    pub migrated_from: Option<u64>,
    /// What the check flagged (the first ones), shown before the user decides.
    pub flags: Vec<Issue>,
    /// How many flags there are in all.
    pub flags_total: usize,
}

/// A merge the user asked for: a copy of a stored project to merge into it (from a file or
/// from another tab's save). The preview (`components::merge`) computes and applies it.
#[derive(Clone, Debug)]
pub struct MergeRequest {
    /// The stored project merged into.
    pub target: Id,
    /// The other copy.
    pub theirs: Project,
    pub source: crate::domain::MergeSource,
    /// For a merge with another tab's save: the stored revision taken in.
    pub their_rev: Option<u64>,
}

/// How many characters of a file or project name the dialog and the toasts show.
const SHOWN_NAME_CHARS: usize = 80;
/// How many flags the dialog lists (then «… и ещё N»).
const SHOWN_FLAGS: usize = 30;

/// The import in progress, shared by context.
#[derive(Clone, Copy)]
pub struct Importer {
    pub pending: RwSignal<Option<PendingImport>>,
    /// True while a file is dragged over the page.
    pub dragging: RwSignal<bool>,
    /// The merge being previewed.
    pub merging: RwSignal<Option<MergeRequest>>,
}

pub fn provide_importer() -> Importer {
    let i = Importer {
        pending: RwSignal::new(None),
        dragging: RwSignal::new(false),
        merging: RwSignal::new(None),
    };
    provide_context(i);
    i
}

pub fn use_importer() -> Importer {
    expect_context::<Importer>()
}

/// The contexts an import needs, taken while a reactive owner exists: window event listeners
/// run outside any owner, where `use_context` finds nothing.
#[derive(Clone, Copy)]
pub struct ImportCtx {
    importer: Importer,
    toasts: crate::state::toast::Toasts,
    store: crate::state::store::Store,
}

impl ImportCtx {
    pub fn get() -> ImportCtx {
        ImportCtx {
            importer: use_importer(),
            toasts: use_toasts(),
            store: use_store(),
        }
    }
}

/// Reads and checks a file; on success the dialog opens, on failure a message says why.
pub fn start_import(ctx: ImportCtx, file: web_sys::File) {
    let ImportCtx {
        importer,
        toasts,
        store,
    } = ctx;
    let name = file.name();
    let lang = store.lang.get_untracked();
    let title = fill(
        crate::i18n::catalogue(lang).shell.import_failed,
        &[&shorten(&name, SHOWN_NAME_CHARS)],
    );
    let size = file.size() as u64;
    leptos::task::spawn_local(async move {
        // The code that reads project files is a part of its own (see `state::io`).
        let io = crate::state::io::start().await;
        if size > MAX_FILE_BYTES {
            let e = LoadError::TooLarge {
                bytes: size,
                limit: MAX_FILE_BYTES,
            };
            toasts.error(title, io.load_message(&e, lang));
            return;
        }
        let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(v) => v.as_string().unwrap_or_default(),
            Err(_) => {
                toasts.error(title, crate::i18n::catalogue(lang).shell.import_unreadable);
                return;
            }
        };
        match io.read_file(&text) {
            Ok(loaded) => importer.pending.set(Some(PendingImport {
                file_name: name,
                project: loaded.project,
                migrated_from: loaded.migrated_from,
                flags: loaded.flags,
                flags_total: loaded.flags_total,
            })),
            Err(e) => toasts.error(title, io.load_message(&e, lang)),
        }
    });
}

/// A button that opens the file picker.
#[component]
pub fn ImportButton() -> impl IntoView {
    let t = use_i18n();
    let input = NodeRef::<leptos::html::Input>::new();
    let ctx = ImportCtx::get();
    let on_change = move |_| {
        let Some(el) = input.get() else { return };
        if let Some(file) = el.files().and_then(|f| f.get(0)) {
            start_import(ctx, file);
        }
        el.set_value("");
    };
    view! {
        <label class="btn">
            {move || t.get().shell.import}
            <input
                node_ref=input
                type="file"
                accept=".json,application/json"
                class="visually-hidden"
                data-testid="import-input"
                on:change=on_change
            />
        </label>
    }
}

/// Installs page-wide drag-and-drop of project files.
pub fn install_drop_zone() {
    let ctx = ImportCtx::get();
    let importer = ctx.importer;
    let h1 = window_event_listener(leptos::ev::dragover, move |ev| {
        let has_files = ev
            .data_transfer()
            .map(|d| d.types().includes(&"Files".into(), 0))
            .unwrap_or(false);
        if has_files {
            ev.prevent_default();
            importer.dragging.set(true);
        }
    });
    let h2 = window_event_listener(leptos::ev::dragleave, move |ev| {
        // Leaving the window (not just moving between elements) has no related target.
        if ev.related_target().is_none() {
            importer.dragging.set(false);
        }
    });
    let h3 = window_event_listener(leptos::ev::drop, move |ev| {
        importer.dragging.set(false);
        let file = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            ev.prevent_default();
            start_import(ctx, file);
        }
    });
    on_cleanup(move || {
        h1.remove();
        h2.remove();
        h3.remove();
    });
}

fn backup(store: crate::state::store::Store, target: Id) {
    let open = store
        .current
        .with_untracked(|c| c.as_ref().filter(|p| p.id == target).cloned());
    let p = open.or_else(|| {
        crate::state::io::io().and_then(|io| io.load_project(&LocalStore::open(), target))
    });
    if let Some(p) = p {
        download_project(&p);
    }
}

/// The import report, once the imported project's save has ended: «импортирован», and whether
/// it is stored («сохранено», or «не сохранено: хранилище переполнено — …»).
fn report_saved(
    store: crate::state::store::Store,
    toasts: crate::state::toast::Toasts,
    t: Signal<&'static crate::i18n::Catalogue>,
    id: Id,
    name: String,
    file_name: String,
) {
    store.after_save(id, move |outcome| {
        let s = t.get_untracked().shell;
        let title = fill(s.import_done, &[&name]);
        let text = format!("{file_name}: {}", outcome.text(s));
        if outcome == SaveOutcome::Saved {
            toasts.info(title, text);
        } else {
            toasts.error(title, text);
        }
    });
}

/// The dialog that asks what to do with a checked file (a part of the build of its own: see
/// `import_view` in `src/app.rs`).
#[component]
pub fn ImportDialog() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let importer = use_importer();
    let toasts = use_toasts();
    let replace_mode = RwSignal::new(false);
    let target = RwSignal::new(None::<Id>);

    let close = move || {
        importer.pending.set(None);
        replace_mode.set(false);
        target.set(None);
    };
    let as_new = move |_| {
        if let Some(pi) = importer.pending.get_untracked() {
            let name = shorten(&pi.project.name, SHOWN_NAME_CHARS).into_owned();
            let id = store.add_project(pi.project);
            report_saved(
                store,
                toasts,
                t,
                id,
                name,
                shorten(&pi.file_name, SHOWN_NAME_CHARS).into_owned(),
            );
        }
        close();
    };
    let start_replace = move |_| {
        let same = importer
            .pending
            .with_untracked(|p| p.as_ref().map(|p| p.project.id));
        let live: Vec<Id> = store
            .metas
            .with_untracked(|v| library::live(v).into_iter().map(|m| m.id).collect());
        target.set(
            same.filter(|id| live.contains(id))
                .or(live.first().copied()),
        );
        replace_mode.set(true);
    };
    // A stored project (not in the bin) with the file's project id can take the file merged in.
    let same_stored = move || {
        let id = importer
            .pending
            .with(|p| p.as_ref().map(|p| p.project.id))?;
        store
            .metas
            .with(|v| v.iter().any(|m| m.id == id && m.deleted_at.is_none()))
            .then_some(id)
    };
    let start_merge = move |_| {
        if let (Some(pi), Some(target)) = (importer.pending.get_untracked(), same_stored()) {
            importer.merging.set(Some(MergeRequest {
                target,
                theirs: pi.project,
                source: crate::domain::MergeSource {
                    kind: crate::domain::MergeSourceKind::File,
                    file_name: pi.file_name,
                },
                their_rev: None,
            }));
        }
        close();
    };
    let confirm_replace = move |_| {
        if let (Some(pi), Some(id)) = (importer.pending.get_untracked(), target.get_untracked()) {
            let name = shorten(&pi.project.name, SHOWN_NAME_CHARS).into_owned();
            match store.replace_project(id, pi.project) {
                Ok(()) => report_saved(
                    store,
                    toasts,
                    t,
                    id,
                    name,
                    shorten(&pi.file_name, SHOWN_NAME_CHARS).into_owned(),
                ),
                Err(e) => toasts.error(
                    fill(
                        t.get_untracked().shell.import_failed,
                        &[&shorten(&pi.file_name, SHOWN_NAME_CHARS)],
                    ),
                    e,
                ),
            }
        }
        close();
    };

    view! {
        <Show when=move || importer.pending.with(|p| p.is_some())>
            <div class="modal-backdrop">
                <div class="modal" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import-dialog">
                    <h2 id="import-title">{move || t.get().shell.import_title}</h2>
                    {move || {
                        importer
                            .pending
                            .with(|p| {
                                p.as_ref()
                                    .map(|pi| {
                                        let s = t.get().shell;
                                        let p = &pi.project;
                                        let lang = store.lang.get();
                                        let summary = fill(
                                            s.import_summary,
                                            &[
                                                &shorten(&p.name, SHOWN_NAME_CHARS),
                                                &p.clients.len().to_string(),
                                                &p.deals.len().to_string(),
                                                &p.managers.len().to_string(),
                                            ],
                                        );
                                        let migrated = pi
                                            .migrated_from
                                            .map(|v| fill(s.import_migrated, &[&v.to_string()]));
                                        let flags = (!pi.flags.is_empty())
                                            .then(|| {
                                                let items = pi
                                                    .flags
                                                    .iter()
                                                    .take(SHOWN_FLAGS)
                                                    .map(|f| view! { <li>{crate::i18n::load::flag_words(f, lang)}</li> })
                                                    .collect_view();
                                                let more = (pi.flags_total > SHOWN_FLAGS.min(pi.flags.len()))
                                                    .then(|| {
                                                        fill(
                                                            s.import_flags_more,
                                                            &[&(pi.flags_total - SHOWN_FLAGS.min(pi.flags.len())).to_string()],
                                                        )
                                                    });
                                                view! {
                                                    <div class="warning import-flags" role="alert" data-testid="import-flags">
                                                        <p>{s.import_flags}</p>
                                                        <ul>{items}</ul>
                                                        {more.map(|m| view! { <p>{m}</p> })}
                                                    </div>
                                                }
                                            });
                                        view! {
                                            <p>
                                                <span class="muted">{s.import_file_label}": "</span>
                                                {shorten(&pi.file_name, SHOWN_NAME_CHARS).into_owned()}
                                            </p>
                                            <p data-testid="import-summary">{summary}</p>
                                            {migrated.map(|m| view! { <p class="muted">{m}</p> })}
                                            {flags}
                                        }
                                    })
                            })
                    }}
                    <Show
                        when=move || replace_mode.get()
                        fallback=move || {
                            view! {
                                <div class="row gap">
                                    <Show when=move || same_stored().is_some()>
                                        <button class="btn primary" on:click=start_merge data-testid="import-merge">
                                            {move || t.get().shell.import_merge}
                                        </button>
                                    </Show>
                                    <button class="btn primary" on:click=as_new data-testid="import-as-new">
                                        {move || t.get().shell.import_as_new}
                                    </button>
                                    <Show when=move || store.metas.with(|v| v.iter().any(|m| m.deleted_at.is_none()))>
                                        <button class="btn" on:click=start_replace data-testid="import-replace">
                                            {move || t.get().shell.import_replace}
                                        </button>
                                    </Show>
                                    <button class="btn ghost" on:click=move |_| close()>
                                        {move || t.get().shell.cancel}
                                    </button>
                                </div>
                            }
                        }
                    >
                        <label class="field">
                            <span>{move || t.get().shell.import_replace_target}</span>
                            <select
                                data-testid="import-target"
                                on:change=move |ev| target.set(event_target_value(&ev).parse().ok())
                            >
                                {move || {
                                    store
                                        .metas
                                        .with(|v| library::live(v))
                                        .into_iter()
                                        .map(|m| {
                                            let selected = target.get() == Some(m.id);
                                            view! {
                                                <option value=m.id.to_string() selected=selected>
                                                    {shorten(&m.name, SHOWN_NAME_CHARS).into_owned()}
                                                </option>
                                            }
                                        })
                                        .collect_view()
                                }}
                            </select>
                        </label>
                        <p class="warning" role="alert">
                            {move || {
                                let name = target
                                    .get()
                                    .and_then(|id| {
                                        store.metas.with(|v| v.iter().find(|m| m.id == id).map(|m| shorten(&m.name, SHOWN_NAME_CHARS).into_owned()))
                                    })
                                    .unwrap_or_default();
                                fill(t.get().shell.import_replace_warning, &[&name])
                            }}
                        </p>
                        <div class="row gap">
                            <button
                                class="btn"
                                data-testid="import-backup"
                                on:click=move |_| {
                                    if let Some(id) = target.get_untracked() {
                                        backup(store, id)
                                    }
                                }
                            >
                                {move || t.get().shell.import_backup_first}
                            </button>
                            <button class="btn danger" on:click=confirm_replace data-testid="import-confirm-replace">
                                {move || t.get().shell.import_confirm_replace}
                            </button>
                            <button class="btn ghost" on:click=move |_| close()>
                                {move || t.get().shell.cancel}
                            </button>
                        </div>
                    </Show>
                </div>
            </div>
        </Show>
    }
}

/// The hint over the page while a file is dragged over it.
#[component]
pub fn DropOverlay() -> impl IntoView {
    let t = use_i18n();
    let importer = use_importer();
    view! {
        <Show when=move || importer.dragging.get()>
            <div class="drop-overlay" aria-hidden="true">
                <p>{move || t.get().shell.import_drop_hint}</p>
            </div>
        </Show>
    }
}
