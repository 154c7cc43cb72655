//! Tabs of a screen: links to `#/<screen>/<tab>`, so every tab can be reloaded and linked to.
//! The bar lists every tab of the screen's tab enum ([`Tab::ALL`]), so a tab cannot exist in
//! the route without a place in the bar, or the other way round.
//!
//! The bar is one row: where the tabs do not fit (a phone), it scrolls sideways inside itself
//! and the open tab is scrolled into the middle of it.

use crate::i18n::Catalogue;
use crate::state::route::Tab;
use crate::state::use_i18n;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Scrolls the bar `nav` so that its `index`-th tab is in the middle (or as near as it gets).
fn scroll_to_tab(nav: &web_sys::HtmlElement, index: usize) {
    let mut tab = nav.first_element_child();
    for _ in 0..index {
        tab = tab.and_then(|el| el.next_element_sibling());
    }
    let Some(tab) = tab.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return;
    };
    let left = tab.offset_left() - (nav.client_width() - tab.offset_width()) / 2;
    nav.set_scroll_left(left.max(0));
}

/// The tab bar of the screen of `T`; `current` is the page's
/// [`use_tab`](crate::state::route::use_tab), `label` names a tab in the UI language.
#[component]
pub fn Tabs<T: Tab>(label: fn(T, &Catalogue) -> &'static str, current: Memo<T>) -> impl IntoView {
    let t = use_i18n();
    let bar = NodeRef::<leptos::html::Nav>::new();
    Effect::new(move |_| {
        let tab = current.get();
        if let (Some(nav), Some(index)) = (bar.get(), T::ALL.iter().position(|x| *x == tab)) {
            scroll_to_tab(&nav, index);
        }
    });
    view! {
        <nav class="tabs no-print" node_ref=bar aria-label=move || t.get().shell.app_name>
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
