//! Application state, one file per concern, each with `provide_*()` / `use_*()`.

pub mod route;
pub mod storage;
pub mod store;
pub mod toast;

use crate::i18n::{catalogue, Catalogue, Lang};
use leptos::prelude::*;

/// The UI catalogue of the current language, reactive.
pub fn use_i18n() -> Signal<&'static Catalogue> {
    let store = store::use_store();
    Signal::derive(move || catalogue(store.lang.get()))
}

/// The current language, reactive.
pub fn use_lang() -> Signal<Lang> {
    let store = store::use_store();
    Signal::derive(move || store.lang.get())
}
