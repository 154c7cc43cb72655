//! Tabs of a screen: links to `#/<screen>/<tab>`, so every tab can be reloaded and linked to.
//! The bar lists every tab of the screen's tab enum ([`Tab::ALL`]), so a tab cannot exist in
//! the route without a place in the bar, or the other way round.

use crate::i18n::Catalogue;
use crate::state::route::Tab;
use crate::state::use_i18n;
use leptos::prelude::*;

/// The tab bar of the screen of `T`; `current` is the page's
/// [`use_tab`](crate::state::route::use_tab), `label` names a tab in the UI language.
#[component]
pub fn Tabs<T: Tab>(label: fn(T, &Catalogue) -> &'static str, current: Memo<T>) -> impl IntoView {
    let t = use_i18n();
    view! {
        <nav class="tabs no-print" aria-label=move || t.get().shell.app_name>
            {T::ALL
                .iter()
                .copied()
                .map(|tab| {
                    let active = move || current.get() == tab;
                    view! {
                        <a href=tab.place().to_hash() class="tab" class:active=active
                            aria-current=move || active().then_some("page") data-testid=format!("tab-{}", tab.slug())>
                            {move || label(tab, t.get())}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
