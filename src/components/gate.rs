//! The gate of a layer screen (docs/METHOD.md §4.1: a layer is implemented only after the one
//! above it; an early start needs a recorded reason). While the layer is locked its screen is
//! read-only: a banner says which layer to finish first, lists what is left there with links,
//! and offers to record an early start; the controls of the screen's body are disabled,
//! except those marked `data-nav` (pickers, filters, view toggles, print and export), which only
//! change what is shown. An early start shows its recorded date and reason.
//!
//! The controls are disabled in one place, on the DOM of the body (kept so by a
//! `MutationObserver` while rows come and go), instead of in every input of every tab.

use crate::domain::gating::LayerState;
use crate::domain::guide::{layer_states, unlock};
use crate::domain::method;
use crate::i18n::format::fmt_date;
use crate::i18n::{fill, Lang};
use crate::state::store::{today, use_store};
use crate::state::{use_i18n, use_lang};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Controls the gate disables, and the mark of those it leaves alone.
const CONTROLS: &str = "input, select, textarea, button";
const NAV: &str = "[data-nav], [data-nav] *";
const GATED: &str = "data-gated";

/// Disables (or enables again) the editing controls under `root`.
fn set_read_only(root: &web_sys::Element, on: bool) {
    if on {
        let Ok(list) = root.query_selector_all(CONTROLS) else {
            return;
        };
        for i in 0..list.length() {
            let Some(el) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            if el.matches(NAV).unwrap_or(false) || el.has_attribute("disabled") {
                continue;
            }
            let _ = el.set_attribute("disabled", "");
            let _ = el.set_attribute(GATED, "");
        }
    } else if let Ok(list) = root.query_selector_all(&format!("[{GATED}]")) {
        for i in 0..list.length() {
            if let Some(el) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el.remove_attribute("disabled");
                let _ = el.remove_attribute(GATED);
            }
        }
    }
}

/// Keeps the navigation's locks ([`NavLocks`](super::shell::NavLocks)) in step with the project.
/// Every screen renders one (`src/app.rs`), so the gating travels with the screens' code.
#[component]
pub fn NavLockFeed() -> impl IntoView {
    let store = use_store();
    let locks = super::shell::use_nav_locks();
    Effect::new(move |_| {
        let waiting = store.current.with(|p| {
            p.as_ref().map_or([None; 5], |p| {
                layer_states(p).map(|s| match s {
                    LayerState::Locked { waiting_for } => Some(waiting_for),
                    _ => None,
                })
            })
        });
        if locks.0.get_untracked() != waiting {
            locks.0.set(waiting);
        }
    });
}

/// The body of layer `layer`'s screen behind its gate.
#[component]
pub fn LayerGate(
    /// The layer, 2–5 (layer 1 is always open).
    layer: u8,
    children: Children,
) -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let state = Memo::new(move |_| {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| layer_states(p)[layer as usize - 1].clone())
        })
    });
    let locked = Memo::new(move |_| state.with(|s| s.as_ref().is_some_and(LayerState::is_locked)));
    let body = NodeRef::<Div>::new();

    // Keep the body's controls disabled while locked, also those rendered later.
    type Watch = (web_sys::MutationObserver, Closure<dyn FnMut()>);
    let observer = StoredValue::new_local(None::<Watch>);
    Effect::new(move |_| {
        let on = locked.get();
        let Some(el) = body.get() else { return };
        let root: web_sys::Element = el.into();
        set_read_only(&root, on);
        observer.update_value(|o| {
            if let Some((o, _)) = o.take() {
                o.disconnect();
            }
            if on {
                let target = root.clone();
                let cb = Closure::<dyn FnMut()>::new(move || set_read_only(&target, true));
                if let Ok(obs) = web_sys::MutationObserver::new(cb.as_ref().unchecked_ref()) {
                    let opts = web_sys::MutationObserverInit::new();
                    opts.set_child_list(true);
                    opts.set_subtree(true);
                    if obs.observe_with_options(&root, &opts).is_ok() {
                        *o = Some((obs, cb));
                    }
                }
            }
        });
    });
    on_cleanup(move || {
        observer.update_value(|o| {
            if let Some((o, _)) = o.take() {
                o.disconnect();
            }
        })
    });

    view! {
        {move || match state.get() {
            Some(LayerState::Locked { .. }) => view! { <LockBanner layer=layer /> }.into_any(),
            Some(LayerState::Overridden(o)) => {
                let text = move || fill(t.get().guide.overridden, &[&layer.to_string(), &fmt_date(o.date), &o.reason]);
                view! {
                    <div class="banner info gate-banner no-print" role="note" data-testid=format!("gate-override-{layer}")>
                        <span>"⚠ "{text}</span>" "
                        <button class="btn small ghost" data-testid=format!("gate-override-remove-{layer}")
                            on:click=move |_| store.update(|p| method::remove_overrides(p, layer))>
                            {move || t.get().shell.override_remove}
                        </button>
                    </div>
                }.into_any()
            }
            _ => ().into_any(),
        }}
        <div class="gate-body" class:read-only=move || locked.get() node_ref=body
            data-testid=format!("gate-body-{layer}")>
            {children()}
        </div>
    }
}

/// The banner of a locked layer: what to finish first, with links, and the early start.
#[component]
fn LockBanner(layer: u8) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let todo = Memo::new(move |_| {
        store
            .current
            .with(|p| p.as_ref().and_then(|p| unlock(p, layer)))
    });
    let asking = RwSignal::new(false);
    view! {
        <div class="banner warning gate-banner no-print" role="note" data-testid=format!("gate-banner-{layer}")>
            {move || todo.get().map(|u| {
                let g = t.get().guide;
                let w = u.waiting_for.to_string();
                let lg = lang.get();
                let items = u.todo.into_iter().map(|s| {
                    let label = if lg == Lang::Ru { s.item.ru } else { s.item.en };
                    let link = s.fix_at.map(|place| view! {
                        " "<a class="fix-link" href=place.to_hash() data-testid=format!("gate-todo-link-{}", s.item.id)>{g.todo_link}</a>
                    });
                    view! { <li data-testid=format!("gate-todo-{}", s.item.id)>{label}{link}</li> }
                }).collect_view();
                view! {
                    <strong data-testid=format!("gate-title-{layer}")>{fill(g.locked, &[&layer.to_string(), &w])}</strong>
                    <p>{g.read_only}</p>
                    <p>{fill(g.todo, &[&w])}</p>
                    <ul class="gate-todo">{items}</ul>
                }
            })}
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <p class="muted small">{move || t.get().guide.override_hint}</p>
                    <button class="btn small" on:click=move |_| asking.set(true) data-testid=format!("gate-override-{layer}-ask")>
                        {move || t.get().shell.override_button}
                    </button>
                }
            >
                <OverrideForm layer asking testid="gate-override" />
            </Show>
        </div>
    }
}

/// The form that records an early start of layer `layer` with its reason (docs/METHOD.md §4.1),
/// shown while `asking`; on the lock banner and on the method map. Test ids
/// `{testid}-reason-{layer}` and `{testid}-save-{layer}`.
#[component]
pub fn OverrideForm(layer: u8, asking: RwSignal<bool>, testid: &'static str) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<method::OverrideError>);
    let save = move |_| {
        let r = reason.get_untracked();
        // Checked first, so that a refused reason does not touch the project.
        let mut probe = crate::domain::Project::new_empty("", today());
        if let Err(e) = method::add_override(&mut probe, layer, &r, today()) {
            error.set(Some(e));
            return;
        }
        store.update(|p| {
            let _ = method::add_override(p, layer, &r, today());
        });
        asking.set(false);
        reason.set(String::new());
        error.set(None);
    };
    view! {
        <div class="override-form">
            <label class="field">
                <span>{move || t.get().shell.override_reason}</span>
                <textarea
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))
                    data-testid=format!("{testid}-reason-{layer}")
                ></textarea>
            </label>
            {move || error.get().map(|e| view! {
                <p class="error-text" role="alert">{crate::i18n::edit::override_error_text(e, lang.get())}</p>
            })}
            <div class="row gap">
                <button class="btn primary" on:click=save data-testid=format!("{testid}-save-{layer}")>
                    {move || t.get().shell.override_save}
                </button>
                <button class="btn ghost" on:click=move |_| asking.set(false)>{move || t.get().shell.cancel}</button>
            </div>
        </div>
    }
}
