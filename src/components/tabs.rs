//! Tabs of a screen: links to `#/<screen>/<tab>`, so every tab can be reloaded and linked to.

use crate::i18n::Catalogue;
use crate::state::route::{href_to, Route};
use crate::state::use_i18n;
use leptos::prelude::*;

/// One tab: its slug in the hash and its label from the catalogue.
pub type Tab = (&'static str, fn(&Catalogue) -> &'static str);

/// The tab bar of `route`; `current` is the page's [`use_tab`](crate::state::route::use_tab).
#[component]
pub fn Tabs(route: Route, tabs: Vec<Tab>, current: Memo<String>) -> impl IntoView {
    let t = use_i18n();
    view! {
        <nav class="tabs no-print" aria-label=move || t.get().shell.app_name>
            {tabs
                .into_iter()
                .map(|(slug, label)| {
                    let active = move || current.get() == slug;
                    view! {
                        <a href=href_to(route, slug, &[]) class="tab" class:active=active
                            aria-current=move || active().then_some("page") data-testid=format!("tab-{slug}")>
                            {move || label(t.get())}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
