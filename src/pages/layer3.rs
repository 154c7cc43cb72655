//! Screen scaffold: filled in by its issue.

use crate::state::use_i18n;
use leptos::prelude::*;

#[component]
pub fn Layer3Page() -> impl IntoView {
    let t = use_i18n();
    view! {
        <section class="page" data-testid="l3-page">
            <h1>{move || t.get().l3.title}</h1>
            <p class="lead">{move || t.get().l3.lead}</p>
        </section>
    }
}
