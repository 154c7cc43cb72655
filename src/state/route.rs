//! Hash routing (`#/method`, `#/data`, `#/projects`): a reload on any screen works from any
//! static host without server-side rewrites.

use leptos::prelude::*;

/// The screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Method,
    Data,
    Projects,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        match h.split(['/', '?']).next().unwrap_or("") {
            "data" => Route::Data,
            "projects" => Route::Projects,
            _ => Route::Method,
        }
    }
    pub fn href(self) -> &'static str {
        match self {
            Route::Method => "#/method",
            Route::Data => "#/data",
            Route::Projects => "#/projects",
        }
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The current route as a signal that follows `hashchange`.
pub fn provide_route() -> RwSignal<Route> {
    let route = RwSignal::new(Route::parse(&current_hash()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(Route::parse(&current_hash()))
    });
    on_cleanup(move || handle.remove());
    provide_context(route);
    route
}

pub fn use_route() -> RwSignal<Route> {
    expect_context::<RwSignal<Route>>()
}

/// Navigates to a route.
pub fn go(route: Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(route.href());
    }
}
