//! Small accessibility helpers shared by the screens: table headers whose text only a screen
//! reader needs (a column of row actions, a column of row names), and the method's terms with
//! their glossary explanation on hover and on keyboard focus.

use crate::i18n::glossary::Term;
use crate::i18n::Catalogue;
use crate::state::use_i18n;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A column header read only by screen readers (the column's purpose is plain to the eye, such
/// as the delete buttons of a table): never an empty `<th>`.
#[component]
pub fn HiddenTh(
    /// The header's text, from the catalogue.
    text: fn(&'static Catalogue) -> &'static str,
) -> impl IntoView {
    let t = use_i18n();
    view! { <th scope="col"><span class="visually-hidden">{move || text(t.get())}</span></th> }
}

/// The header of a column of row actions («Действия»): read by screen readers, left out of the
/// table's CSV/Excel export (`components::export`), as its cells are buttons.
#[component]
pub fn ActionsTh() -> impl IntoView {
    let t = use_i18n();
    view! {
        <th scope="col" data-export="skip">
            <span class="visually-hidden">{move || t.get().labels.col_actions}</span>
        </th>
    }
}

static NEXT_TERM: AtomicUsize = AtomicUsize::new(0);

/// The header of a column of row names (companies, managers, categories …).
#[component]
pub fn ItemTh() -> impl IntoView {
    view! { <HiddenTh text=|c| c.labels.col_item /> }
}

/// A term of the method (ЛПР, ТЭО, «3+» …) with its glossary explanation, shown on hover, on
/// keyboard focus and on a tap (Escape hides it): a button described by the explanation
/// (`aria-describedby`), which a screen reader reads after the term.
///
/// The explanation's text is in the page only while it shows, so that the text of a heading or
/// header holding a term stays the heading's own; it comes from the glossary's part of the
/// build ([`crate::app::term_explanation`]), so the screens do not each carry the glossary.
#[component]
pub fn TermHint(
    /// The glossary entry to explain.
    term: Term,
    /// The text shown: the term, or a heading or header that contains it.
    children: Children,
) -> impl IntoView {
    let id = format!("term-tip-{}", NEXT_TERM.fetch_add(1, Ordering::Relaxed));
    let open = RwSignal::new(false);
    let tip = move || {
        open.get().then(|| {
            view! {
                <Suspense fallback=|| ()>
                    {Suspend::new(crate::app::term_explanation(term))}
                </Suspense>
            }
        })
    };
    view! {
        <span class="term" class:open=move || open.get()
            on:mouseenter=move |_| open.set(true) on:mouseleave=move |_| open.set(false)>
            <button type="button" class="term-name" data-nav="" aria-describedby=id.clone()
                on:focus=move |_| open.set(true)
                on:blur=move |_| open.set(false)
                on:click=move |_| open.update(|o| *o = !*o)
                on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }>
                {children()}
            </button>
            <span class="term-tip" role="tooltip" id=id>{tip}</span>
        </span>
    }
}
