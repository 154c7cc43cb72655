//! The project list: create (empty or from the demo), open, rename, duplicate, export, move to
//! the bin (with undo), restore, delete for good.

use crate::components::download::download_project;
use crate::components::import::ImportButton;
use crate::domain::demo::demo_project;
use crate::domain::{new_id, Id, Project};
use crate::i18n::format::fmt_num;
use crate::i18n::{fill, Lang};
use crate::persist::library::{self, Meta};
use crate::state::route::{go, Route};
use crate::state::storage::LocalStore;
use crate::state::store::{fmt_stamp, today, use_store};
use crate::state::toast::use_toasts;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

fn stored_project(store: crate::state::store::Store, id: Id) -> Option<Project> {
    let open = store
        .current
        .with_untracked(|c| c.as_ref().filter(|p| p.id == id).cloned());
    open.or_else(|| library::load_project(&LocalStore::open(), id))
}

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let new_empty = move |_| {
        let name = t.get_untracked().shell.new_name_default;
        store.add_project(crate::domain::tools::new_project(
            name,
            today(),
            store.lang.get_untracked(),
        ));
        go(Route::Data);
    };
    let new_demo = move |_| {
        store.add_project(match store.lang.get_untracked() {
            Lang::Ru => demo_project(),
            Lang::En => crate::domain::demo_en::demo_project_en(),
        });
        go(Route::Method);
    };
    let live = Memo::new(move |_| store.metas.with(|v| library::live(v)));
    let binned = Memo::new(move |_| store.metas.with(|v| library::binned(v)));

    view! {
        <section class="page" data-testid="projects-page">
            <h1>{move || t.get().shell.projects_title}</h1>
            <div class="row gap toolbar">
                <button class="btn primary" on:click=new_empty data-testid="new-empty">{move || t.get().shell.new_empty}</button>
                <button class="btn" on:click=new_demo data-testid="new-demo">{move || t.get().shell.new_demo}</button>
                <ImportButton />
            </div>
            <ul class="project-list" data-testid="project-list">
                <For each=move || live.get() key=|m| (m.id, m.name.clone(), m.rev) children=move |m| view! { <ProjectRow meta=m /> } />
            </ul>
            <h2>{move || t.get().shell.bin_title}</h2>
            <Show when=move || !binned.with(|v| v.is_empty()) fallback=move || view! { <p class="muted">{move || t.get().shell.bin_empty}</p> }>
                <ul class="project-list bin" data-testid="bin-list">
                    <For each=move || binned.get() key=|m| (m.id, m.deleted_at.clone()) children=move |m| view! { <BinRow meta=m /> } />
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn ProjectRow(meta: Meta) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let toasts = use_toasts();
    let id = meta.id;
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(meta.name.clone());
    let is_current = move || store.current.with(|p| p.as_ref().map(|p| p.id) == Some(id));
    let name = meta.name.clone();
    let size_kb = meta.stored_chars as f64 * 2.0 / 1024.0;

    let open = move |_| match store.open(id) {
        Ok(()) => go(Route::Method),
        Err(e) => toasts.error(t.get_untracked().shell.open, e),
    };
    let save_name = move || {
        let n = draft.get_untracked().trim().to_string();
        if n.is_empty() {
            return;
        }
        if store
            .current
            .with_untracked(|p| p.as_ref().map(|p| p.id) == Some(id))
        {
            store.update(|p| p.name = n);
        } else if let Some(mut p) = stored_project(store, id) {
            p.name = n;
            // Renaming a closed project: open it, rename, and it autosaves.
            let _ = store.open(id);
            store.update(|c| c.name = p.name);
        }
        editing.set(false);
    };
    let duplicate = move |_| {
        if let Some(mut p) = stored_project(store, id) {
            p.id = new_id();
            p.name = format!("{}{}", p.name, t.get_untracked().shell.copy_suffix);
            store.add_project(p);
        }
    };
    let export = move |_| {
        if let Some(p) = stored_project(store, id) {
            download_project(&p);
        }
    };
    let name_for_delete = name.clone();
    let delete = move |_| {
        let s = t.get_untracked().shell;
        if window()
            .confirm_with_message(&fill(s.delete_confirm, &[&name_for_delete]))
            .unwrap_or(false)
        {
            store.trash(id);
            toasts.info(fill(s.moved_to_bin, &[&name_for_delete]), s.bin_title);
        }
    };

    view! {
        <li class="project-row" class:current=is_current data-testid="project-row">
            <Show
                when=move || editing.get()
                fallback={
                    let name = name.clone();
                    move || {
                        view! {
                            <span class="project-name">{name.clone()}</span>
                            <Show when=is_current>
                                <span class="badge">{move || t.get().shell.current_badge}</span>
                            </Show>
                        }
                    }
                }
            >
                <form
                    class="row gap"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        save_name();
                    }
                >
                    <input
                        class="input"
                        prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                        aria-label=move || t.get().shell.project_name
                        data-testid="rename-input"
                    />
                    <button class="btn primary" type="submit">{move || t.get().shell.rename_save}</button>
                    <button class="btn ghost" type="button" on:click=move |_| editing.set(false)>{move || t.get().shell.cancel}</button>
                </form>
            </Show>
            <span class="muted small">
                {move || t.get().shell.saved_at_label}" "{fmt_stamp(&meta.saved_at)}" · "
                {move || t.get().shell.size_label}" "{move || fmt_num(size_kb, 0, lang.get())}" "{move || crate::i18n::format::kb(lang.get())}
            </span>
            <span class="row gap actions">
                <button class="btn small" on:click=open data-testid="open-project">{move || t.get().shell.open}</button>
                <button class="btn small" on:click=move |_| editing.set(true) data-testid="rename-project">{move || t.get().shell.rename}</button>
                <button class="btn small" on:click=duplicate data-testid="duplicate-project">{move || t.get().shell.duplicate}</button>
                <button class="btn small" on:click=export>{move || t.get().shell.export}</button>
                <button class="btn small danger" on:click=delete data-testid="delete-project">{move || t.get().shell.delete}</button>
            </span>
        </li>
    }
}

#[component]
fn BinRow(meta: Meta) -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let id = meta.id;
    let name = meta.name.clone();
    let purge = move |_| {
        if window()
            .confirm_with_message(&fill(t.get_untracked().shell.purge_confirm, &[&name]))
            .unwrap_or(false)
        {
            store.purge(id);
        }
    };
    view! {
        <li class="project-row" data-testid="bin-row">
            <span class="project-name">{meta.name.clone()}</span>
            <span class="muted small">{meta.deleted_at.as_deref().map(fmt_stamp)}</span>
            <span class="row gap actions">
                <button class="btn small" on:click=move |_| store.restore(id) data-testid="restore-project">{move || t.get().shell.restore}</button>
                <button class="btn small danger" on:click=purge data-testid="purge-project">{move || t.get().shell.purge}</button>
            </span>
        </li>
    }
}
