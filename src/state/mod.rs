//! Application state, one file per concern, each with `provide_*()` / `use_*()`.

pub mod hash;
#[cfg(target_arch = "wasm32")]
pub mod io;
#[cfg(target_arch = "wasm32")]
pub mod route;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod toast;
pub mod undo;

#[cfg(target_arch = "wasm32")]
use crate::i18n::{catalogue, Catalogue, Lang};
#[cfg(target_arch = "wasm32")]
use leptos::prelude::*;

#[cfg(target_arch = "wasm32")]
/// The UI catalogue of the current language, reactive.
pub fn use_i18n() -> Signal<&'static Catalogue> {
    let store = store::use_store();
    Signal::derive(move || catalogue(store.lang.get()))
}

#[cfg(target_arch = "wasm32")]
/// The current language read where no signal is at hand (labels built inside a view), tracked;
/// Russian outside the app's context.
pub fn current_lang() -> Lang {
    use_context::<store::Store>()
        .map(|s| s.lang.get())
        .unwrap_or_default()
}

#[cfg(target_arch = "wasm32")]
/// The current language, reactive.
pub fn use_lang() -> Signal<Lang> {
    let store = store::use_store();
    Signal::derive(move || store.lang.get())
}
