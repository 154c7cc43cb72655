//! Parts of the build loaded on demand: screens and the tabs of the large screens.
//!
//! With the `split` feature (the release build through Trunk, see `index.html`) a function
//! declared with [`lazy_part!`] is a `#[lazy]` part whose wasm `.ci/split.mjs` packs into a file
//! of its own, fetched the first time the view is shown (and prefetched in idle time, see
//! `after_first_screen` in `src/app.rs`). Without it — the wasm-bindgen browser tests, which
//! mount the App but have no split step — the same functions are plain async ones and their
//! preloads do nothing.

use crate::state::use_i18n;
use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;
use std::future::Future;
use std::pin::Pin;

/// Declares `fn $name(args) -> AnyView` as the part `$part`, with `$preload` loading it
/// without rendering.
macro_rules! lazy_part {
    ($(#[$doc:meta])* $part:ident, $preload:ident, fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::lazy($part)]
        pub(crate) fn $name($($arg: $ty),*) -> leptos::prelude::AnyView $body
        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub(crate) async fn $name($($arg: $ty),*) -> leptos::prelude::AnyView $body
        #[cfg(not(feature = "split"))]
        #[allow(non_snake_case)]
        pub(crate) async fn $preload() {}
    };
}
pub(crate) use lazy_part;

/// The code of a part, on its way.
pub type PartCode = Pin<Box<dyn Future<Output = AnyView> + Send>>;

/// The view of a part once its code has arrived; until then a light placeholder (a line of
/// muted text, so the page does not jump), announced to screen readers. Takes the future boxed
/// so that the suspense machinery is compiled once, not once per part.
///
/// Call it in the reactive closure that chooses the part (`move || match tab.get() { … }`).
/// The part's view — the signals its components create and the effects that read them — is
/// owned by an owner of its own, which lives in the rendered view and goes with it, and whose
/// parent is the owner around that closure (so the part sees the screen's contexts). Not by
/// the closure's own owner: that one is cleaned the moment the closure re-runs (another tab,
/// another screen), while the view it replaces is let go of a little later, by the Suspense's
/// render effect; an effect of that view woken by the same change (a filter in the hash that
/// changed with the tab, an edit committed on leaving) would then read a disposed signal.
pub fn part_view(code: PartCode) -> AnyView {
    let t = use_i18n();
    let around = Owner::current().map(|o| o.parent().unwrap_or(o));
    let owner = around.map_or_else(Owner::new, |o| o.child());
    let code = async move { OwnedView::new(code.await).into_any() };
    view! {
        <Suspense fallback=move || view! {
            <p class="screen-loading" role="status" data-testid="screen-loading">{move || t.get().shell.loading_screen}</p>
        }>
            // Created under `owner`, the future runs the part's code under it.
            {owner.with(|| Suspend::new(code))}
        </Suspense>
    }
    .into_any()
}
