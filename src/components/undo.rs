//! Undo/redo of the last edits: the header's two buttons and the keys Ctrl+Z, Ctrl+Shift+Z and
//! Ctrl+Y (⌘ on a Mac). The history is the store's ([`crate::state::undo`]); it survives moving
//! between screens and is cleared when another project is opened.

use crate::i18n::{fill, Shell};
use crate::state::store::use_store;
use crate::state::undo::Area;
use crate::state::use_i18n;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// «клиенты, сделки»: what an undo or redo would change.
fn areas_text(areas: &[Area], s: &Shell) -> String {
    areas
        .iter()
        .filter_map(|a| s.undo_areas.get(*a as usize).copied())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a key press belongs to a text field (its own undo works there, not the project's).
fn in_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    if el.is_content_editable() {
        return true;
    }
    match el.tag_name().to_ascii_lowercase().as_str() {
        "textarea" => true,
        "input" => {
            let kind = el.get_attribute("type").unwrap_or_default();
            !matches!(
                kind.as_str(),
                "checkbox" | "radio" | "button" | "submit" | "file" | "range" | "color"
            )
        }
        _ => false,
    }
}

/// Listens for the undo/redo keys on the whole page (call once, in the App).
pub fn install_undo_keys() {
    let store = use_store();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() || in_text_field(&ev) {
            return;
        }
        let key = ev.key().to_lowercase();
        let redo = match key.as_str() {
            "z" | "я" => ev.shift_key(),
            "y" | "н" if !ev.shift_key() => true,
            _ => return,
        };
        ev.prevent_default();
        store.undo_redo(redo);
    });
    on_cleanup(move || handle.remove());
}

/// The header's undo and redo buttons, disabled when there is nothing to undo or redo, with a
/// tooltip naming what the change was about.
#[component]
pub fn UndoButtons() -> impl IntoView {
    let t = use_i18n();
    view! {
        <div class="undo-buttons" role="group" aria-label=move || t.get().shell.undo>
            {undo_button(false)}
            {undo_button(true)}
        </div>
    }
}

/// One of the two buttons (one function, so that both are one type of view).
fn undo_button(redo: bool) -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let info = store.undo_info;
    let title = move || {
        let s = t.get().shell;
        let i = info.get();
        match (redo, if redo { i.redo } else { i.undo }) {
            (false, Some(a)) => fill(s.undo_title, &[&areas_text(&a, s)]),
            (true, Some(a)) => fill(s.redo_title, &[&areas_text(&a, s)]),
            (false, None) => s.nothing_to_undo.to_string(),
            (true, None) => s.nothing_to_redo.to_string(),
        }
    };
    let label = move || {
        let s = t.get().shell;
        if redo {
            format!("↷ {}", s.redo)
        } else {
            format!("↶ {}", s.undo)
        }
    };
    view! {
        <button class="btn ghost" data-testid=if redo { "redo" } else { "undo" } title=title
            disabled=move || info.with(|i| if redo { i.redo.is_none() } else { i.undo.is_none() })
            on:click=move |_| store.undo_redo(redo)>
            {label}
        </button>
    }
}
