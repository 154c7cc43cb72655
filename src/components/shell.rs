//! The app shell: header with project name, save state and language switch; navigation;
//! persistent banners (storage full, other tab, unreadable data); toasts.

use super::download::{download_project, download_text};
use super::import::ImportButton;
use crate::i18n::{fill, Lang};
use crate::state::route::{use_route, Route};
use crate::state::store::{fmt_stamp, use_store, SaveState};
use crate::state::toast::{use_toasts, Level};
use crate::state::use_i18n;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let name = move || {
        store
            .current
            .with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default())
    };
    let save_label = move || {
        let s = t.get().shell;
        match store.save_state.get() {
            SaveState::Saved => s.saved,
            SaveState::Pending => s.saving,
            _ => s.not_saved,
        }
    };
    let save_class = move || match store.save_state.get() {
        SaveState::Saved => "save-state ok",
        SaveState::Pending => "save-state pending",
        _ => "save-state bad",
    };
    let export = move |_| {
        store.current.with_untracked(|p| {
            if let Some(p) = p {
                download_project(p);
            }
        });
    };
    let switch_lang = move |_| {
        store.set_lang(if store.lang.get_untracked() == Lang::Ru {
            Lang::En
        } else {
            Lang::Ru
        });
    };
    view! {
        <header class="app-header">
            <a class="brand" href="#/method">
                <span class="logo" aria-hidden="true"></span>
                <span class="brand-name">{move || t.get().shell.app_name}</span>
                <span class="brand-tag">{move || t.get().shell.tagline}</span>
            </a>
            <a class="current-project" href="#/projects" data-testid="current-project" title=move || t.get().shell.nav_projects>
                {name}
            </a>
            <span class=save_class data-testid="save-state" role="status">{save_label}</span>
            <div class="header-actions">
                <ImportButton />
                <button class="btn" on:click=export data-testid="export" disabled=move || store.current.with(|p| p.is_none())>
                    {move || t.get().shell.export}
                </button>
                <button class="btn ghost" on:click=switch_lang title=move || t.get().shell.lang_other_title data-testid="lang-switch">
                    {move || t.get().shell.lang_other}
                </button>
            </div>
        </header>
    }
}

#[component]
pub fn Nav() -> impl IntoView {
    let t = use_i18n();
    let route = use_route();
    let link = move |r: Route, label: fn(&crate::i18n::Catalogue) -> &'static str| {
        view! {
            <a href=r.href() class:active=move || route.get() == r aria-current=move || (route.get() == r).then_some("page")
                data-testid=format!("nav-{}", r.slug())>
                {move || label(t.get())}
            </a>
        }
    };
    view! {
        <nav class="app-nav" aria-label=move || t.get().shell.nav_label>
            {link(Route::Method, |c| c.shell.nav_method)}
            {link(Route::Dashboard, |c| c.shell.nav_dash)}
            <div class="nav-group">
                {link(Route::L1, |c| c.shell.nav_l1)}
                {link(Route::L2, |c| c.shell.nav_l2)}
                {link(Route::L3, |c| c.shell.nav_l3)}
                {link(Route::L4, |c| c.shell.nav_l4)}
                {link(Route::L5, |c| c.shell.nav_l5)}
            </div>
            {link(Route::Diagnosis, |c| c.shell.nav_diag)}
            {link(Route::Data, |c| c.shell.nav_data)}
            {link(Route::Projects, |c| c.shell.nav_projects)}
            {link(Route::Glossary, |c| c.shell.nav_glossary)}
        </nav>
    }
}

#[component]
pub fn Banners() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let download_mine = move |_| {
        store.current.with_untracked(|p| {
            if let Some(p) = p {
                download_project(p);
            }
        });
    };
    view! {
        <div class="banners">
            {move || match store.save_state.get() {
                SaveState::QuotaFull => {
                    Some(
                        view! {
                            <div class="banner error" role="alert" data-testid="banner-quota">
                                <strong>{t.get().shell.banner_quota}</strong>
                                <p>{t.get().shell.banner_quota_hint}</p>
                                <button class="btn primary" on:click=download_mine>{t.get().shell.export}</button>
                            </div>
                        }
                            .into_any(),
                    )
                }
                SaveState::Conflict { their_saved_at } => {
                    Some(
                        view! {
                            <div class="banner warning" role="alert" data-testid="banner-conflict">
                                <strong>{fill(t.get().shell.banner_conflict, &[&fmt_stamp(&their_saved_at)])}</strong>
                                <div class="row gap">
                                    <button class="btn" on:click=move |_| store.take_theirs() data-testid="conflict-theirs">
                                        {t.get().shell.conflict_take_theirs}
                                    </button>
                                    <button class="btn" on:click=move |_| store.keep_mine() data-testid="conflict-mine">
                                        {t.get().shell.conflict_keep_mine}
                                    </button>
                                    <button class="btn ghost" on:click=download_mine>
                                        {t.get().shell.conflict_download_mine}
                                    </button>
                                </div>
                            </div>
                        }
                            .into_any(),
                    )
                }
                SaveState::Unavailable(_) => {
                    Some(
                        view! {
                            <div class="banner error" role="alert">
                                <strong>{t.get().shell.banner_unavailable}</strong>
                            </div>
                        }
                            .into_any(),
                    )
                }
                _ => None,
            }}
            <For
                each=move || store.unreadable.get()
                key=|u| u.key.clone()
                children=move |u| {
                    let key2 = u.key.clone();
                    let text = u.text.clone();
                    let label = u.name.clone().unwrap_or_else(|| u.key.clone());
                    let file = format!("{}.unreadable.json", u.key);
                    let lang = store.lang.get_untracked();
                    let error = u.error.message(lang);
                    view! {
                        <div class="banner error" role="alert" data-testid="banner-unreadable">
                            <strong>{move || fill(t.get().shell.banner_unreadable, &[&label])}</strong>
                            <p>{error}</p>
                            <p class="muted">{move || t.get().shell.unreadable_hint}</p>
                            <div class="row gap">
                                <button
                                    class="btn primary"
                                    data-testid="unreadable-download"
                                    on:click=move |_| {
                                        download_text(&file, &text, "application/json");
                                    }
                                >
                                    {move || t.get().shell.unreadable_download}
                                </button>
                                <button
                                    class="btn danger"
                                    on:click=move |_| {
                                        let ok = window()
                                            .confirm_with_message(t.get_untracked().shell.unreadable_delete_confirm)
                                            .unwrap_or(false);
                                        if ok {
                                            store.discard_unreadable(&key2);
                                        }
                                    }
                                >
                                    {move || t.get().shell.unreadable_delete}
                                </button>
                            </div>
                        </div>
                    }
                }
            />
        </div>
    }
}

#[component]
pub fn ToastList() -> impl IntoView {
    let t = use_i18n();
    let toasts = use_toasts();
    view! {
        <div class="toasts" aria-live="polite">
            <For
                each=move || toasts.list.get()
                key=|x| x.id
                children=move |x| {
                    let id = x.id;
                    let class = if x.level == Level::Error { "toast error" } else { "toast" };
                    let role = if x.level == Level::Error { "alert" } else { "status" };
                    view! {
                        <div class=class role=role data-testid="toast">
                            <strong>{x.title}</strong>
                            <p>{x.text}</p>
                            <button class="btn ghost small" on:click=move |_| toasts.close(id) aria-label=move || t.get().shell.close>
                                "×"
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}
