//! The glossary: every term of the method (docs/METHOD.md §1) with its expansion and meaning, in
//! the UI language; the English entries keep the Russian acronym with its gloss. Each term has
//! an anchor (`#term-lpr`), and the screens' [`TermHint`](crate::components::a11y::TermHint)s
//! explain the same entries in place.

use crate::i18n::glossary::{anchor, entries, entry_by_code};
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

#[component]
pub fn GlossaryPage() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let items = move || {
        entries(lang.get())
            .iter()
            .map(|e| {
                view! {
                    <div class="glossary-entry" id=anchor(e.term) data-testid=anchor(e.term)>
                        <dt><dfn>{e.name}</dfn>" "<span class="glossary-gloss">{format!("({})", e.gloss)}</span></dt>
                        <dd>{e.text}</dd>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <section class="page glossary" data-testid="glossary-page">
            <h1>{move || t.get().labels.glossary_title}</h1>
            <p class="muted">{move || t.get().labels.glossary_lead}</p>
            <dl class="glossary-list">{items}</dl>
        </section>
    }
}

/// The explanation of one term (by its [`Term::code`](crate::i18n::glossary::Term::code)) as a
/// hint shows it: «ЛПР — лицо, принимающее решение. Тот, у кого …».
#[component]
pub fn Explanation(code: u32) -> impl IntoView {
    let lang = use_lang();
    move || {
        entry_by_code(code, lang.get())
            .map(|e| format!("{} — {}. {}", e.name, e.gloss, e.text))
            .unwrap_or_default()
    }
}
