//! The app shell: header with project name, save state and language switch; navigation;
//! persistent banners (storage full, other tab, unreadable data); toasts.
//!
//! On narrow screens (style/main.css, `max-width: 900px`) the navigation folds away behind the
//! header's menu button; [`Menu`] is the open/closed state both share.

use super::download::{download_project, download_text};
use super::import::ImportButton;
use crate::i18n::{fill, Lang};
use crate::state::route::{use_route, Route};
use crate::state::store::{fmt_stamp, use_store, SaveState};
use crate::state::toast::{use_toasts, Level};
use crate::state::use_i18n;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether the folded navigation is open (narrow screens only; wide screens always show it).
#[derive(Clone, Copy)]
pub struct Menu(pub RwSignal<bool>);

impl Menu {
    pub fn new() -> Self {
        Menu(RwSignal::new(false))
    }
}

impl Default for Menu {
    fn default() -> Self {
        Self::new()
    }
}

/// The id of the navigation, which the menu button controls.
const NAV_ID: &str = "app-nav";

#[component]
pub fn Header(menu: Menu) -> impl IntoView {
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
        // The exported state is shared from now on: merging the file (or a copy derived from
        // it) back later takes it as the common base.
        store.update(|p| crate::domain::merge::share(p, &crate::state::store::now_iso()));
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
    let open = menu.0;
    view! {
        <header class="app-header" class:menu-open=move || open.get()>
            <button class="btn ghost menu-button" aria-controls=NAV_ID data-testid="menu-button"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| open.update(|o| *o = !*o)>
                <span class="menu-icon" aria-hidden="true"></span>
                <span class="menu-label">{move || t.get().shell.menu}</span>
            </button>
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
                <super::undo::UndoButtons />
                <ImportButton />
                <button class="btn" on:click=export data-testid="export" disabled=move || store.current.with(|p| p.is_none())>
                    {move || t.get().shell.export}
                </button>
            </div>
            <button class="btn ghost lang-switch" on:click=switch_lang title=move || t.get().shell.lang_other_title data-testid="lang-switch">
                {move || t.get().shell.lang_other}
            </button>
        </header>
    }
}

/// Which layers are locked, by the layer each waits for (`None`: open): the navigation's locks.
///
/// Written by the screens ([`NavLockFeed`](super::gate::NavLockFeed), which every screen
/// renders), not computed here: the gating needs most of the domain, which would otherwise move
/// from the screens' parts into the start-up module.
#[derive(Clone, Copy)]
pub struct NavLocks(pub RwSignal<[Option<u8>; 5]>);

/// Puts the navigation's locks into context (in the App, above the navigation and the screens).
pub fn provide_nav_locks() {
    provide_context(NavLocks(RwSignal::new([None; 5])));
}

pub fn use_nav_locks() -> NavLocks {
    expect_context::<NavLocks>()
}

/// The navigation: a column beside the screen, or on narrow screens a panel under the header
/// that the menu button opens. A chosen link or Escape folds it again.
#[component]
pub fn Nav(menu: Menu) -> impl IntoView {
    let t = use_i18n();
    let route = use_route();
    let open = menu.0;
    // A new screen folds the menu (also when the route changes by a link inside the screen).
    Effect::new(move |_| {
        route.track();
        open.set(false);
    });
    // The layers' locks (docs/METHOD.md §4.1), as the screens report them (see `NavLocks`).
    let locks = use_nav_locks();
    // One closure for every link (one type of view): `layer` is the layer a link opens.
    let link = move |r: Route, layer: usize, label: fn(&crate::i18n::Catalogue) -> &'static str| {
        let waiting = move || {
            layer
                .checked_sub(1)
                .and_then(|i| locks.0.with(|l| l.get(i).copied().flatten()))
        };
        view! {
            <a href=r.href() class:active=move || route.get() == r aria-current=move || (route.get() == r).then_some("page")
                class:nav-locked=move || waiting().is_some()
                title=move || waiting().map(|w| fill(t.get().shell.layer_locked, &[&w.to_string()]))
                data-testid=format!("nav-{}", r.slug()) on:click=move |_| open.set(false)>
                {move || label(t.get())}
                <span class="nav-lock" aria-hidden="true" data-testid=format!("nav-lock-{layer}")>
                    {move || if waiting().is_some() { " 🔒" } else { "" }}
                </span>
                <span class="visually-hidden">
                    {move || waiting().map(|_| format!(" ({})", t.get().shell.nav_locked))}
                </span>
            </a>
        }
    };
    // Escape closes the open menu and gives the focus back to its button.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(button) = document()
                .query_selector("[data-testid=menu-button]")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        }
    };
    view! {
        <nav class="app-nav" class:open=move || open.get() id=NAV_ID aria-label=move || t.get().shell.nav_label on:keydown=on_key>
            {link(Route::Method, 0, |c| c.shell.nav_method)}
            {link(Route::Dashboard, 0, |c| c.shell.nav_dash)}
            <div class="nav-group">
                {link(Route::L1, 1, |c| c.shell.nav_l1)}
                {link(Route::L2, 2, |c| c.shell.nav_l2)}
                {link(Route::L3, 3, |c| c.shell.nav_l3)}
                {link(Route::L4, 4, |c| c.shell.nav_l4)}
                {link(Route::L5, 5, |c| c.shell.nav_l5)}
            </div>
            {link(Route::Diagnosis, 0, |c| c.shell.nav_diag)}
            {link(Route::Data, 0, |c| c.shell.nav_data)}
            {link(Route::Projects, 0, |c| c.shell.nav_projects)}
            {link(Route::Glossary, 0, |c| c.shell.nav_glossary)}
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
    let importer = crate::components::import::use_importer();
    // Another tab saved the open project: merge its save with this tab's version.
    let merge_tabs = move |_| {
        let Some(id) = store.current.with_untracked(|p| p.as_ref().map(|p| p.id)) else {
            return;
        };
        if let Some((theirs, rev)) = store.stored(id) {
            importer
                .merging
                .set(Some(crate::components::import::MergeRequest {
                    target: id,
                    theirs,
                    source: crate::domain::MergeSource {
                        kind: crate::domain::MergeSourceKind::Tab,
                        file_name: String::new(),
                    },
                    their_rev: Some(rev),
                }));
        }
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
                                    <button class="btn primary" on:click=merge_tabs data-testid="conflict-merge">
                                        {t.get().shell.conflict_merge}
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
                    // Unreadable values are found by the storage part, so it is there.
                    let error = crate::state::io::io()
                        .map(|io| io.load_message(&u.error, lang))
                        .unwrap_or_default();
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
