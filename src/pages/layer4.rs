//! Screen scaffold: filled in by its issue.

use crate::state::use_i18n;
use leptos::prelude::*;

#[component]
pub fn Layer4Page() -> impl IntoView {
    let t = use_i18n();
    view! {
        <section class="page" data-testid="l4-page">
            <h1>{move || t.get().l4.title}</h1>
            <p class="lead">{move || t.get().l4.lead}</p>
        </section>
    }
}
