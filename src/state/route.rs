//! Hash routing: `#/<screen>[/<tab>][?key=value&…]`, e.g. `#/l1/abc` or
//! `#/l3/maps?client=<id>`. A reload on any screen works from any static host without
//! server-side rewrites. The screen is [`Route`]; the tab and the query are read with
//! [`use_tab`] and [`use_query`].

pub use super::hash::{
    DiagnosisTab, L1Tab, L2Tab, L3Tab, L4Tab, L5Tab, Location, MethodTab, Place, Route, Tab,
};
use leptos::prelude::*;

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

#[derive(Clone, Copy)]
struct LocationCtx(RwSignal<Location>);

/// Takes the focus from the focused form field, if any, so that it fires its pending `change`.
fn commit_focused_field() {
    use wasm_bindgen::JsCast;
    let Some(el) = document().active_element() else {
        return;
    };
    if matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.blur();
        }
    }
}

/// The current route as a signal that follows `hashchange`; also provides the tab and query.
pub fn provide_route() -> RwSignal<Route> {
    let hash = current_hash();
    let route = RwSignal::new(Route::parse(&hash));
    let location = RwSignal::new(Location::parse(&hash));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        // A field still being edited commits its value (its change and blur handlers run) while
        // its screen is still there, before the new route replaces it: an edit is never lost,
        // and no handler runs after its screen's state is gone.
        commit_focused_field();
        let hash = current_hash();
        let r = Route::parse(&hash);
        if route.get_untracked() != r {
            route.set(r);
        }
        let l = Location::parse(&hash);
        if location.with_untracked(|old| *old != l) {
            location.set(l);
        }
    });
    on_cleanup(move || handle.remove());
    provide_context(route);
    provide_context(LocationCtx(location));
    route
}

pub fn use_route() -> RwSignal<Route> {
    expect_context::<RwSignal<Route>>()
}

/// The tab of the current screen (the second path segment) as the screen's tab enum; an empty
/// or unknown tab is the screen's default tab.
pub fn use_tab<T: Tab>() -> Memo<T> {
    let loc = expect_context::<LocationCtx>().0;
    Memo::new(move |_| loc.with(|l| T::from_slug_or_default(&l.tab)))
}

/// A query value of the current hash (`?key=value`).
pub fn use_query(key: &'static str) -> Memo<Option<String>> {
    let loc = expect_context::<LocationCtx>().0;
    Memo::new(move |_| loc.with(|l| l.get(key).map(str::to_string)))
}

/// Navigates to a route.
pub fn go(route: Route) {
    go_to(route.href());
}

/// Navigates to a hash made by [`Place::href`].
pub fn go_to(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

/// Sets (`Some`) or removes (`None`) query keys of the current hash, keeping the screen, the
/// tab and the other keys. A new history entry: a reload or a shared link keeps the state and
/// the back button undoes the change.
pub fn set_query(updates: &[(&str, Option<&str>)]) {
    go_to(&Location::parse(&current_hash()).with_query(updates));
}
