//! Screen scaffold: filled in by its issue.

use crate::state::use_i18n;
use leptos::prelude::*;

#[component]
pub fn Layer5Page() -> impl IntoView {
    let t = use_i18n();
    view! {
        <section class="page" data-testid="l5-page">
            <h1>{move || t.get().l5.title}</h1>
            <p class="lead">{move || t.get().l5.lead}</p>
        </section>
    }
}
