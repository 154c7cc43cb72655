//! Screen scaffold: filled in by its issue.

use crate::state::use_i18n;
use leptos::prelude::*;

#[component]
pub fn DiagnosisPage() -> impl IntoView {
    let t = use_i18n();
    view! {
        <section class="page" data-testid="diagnosis-page">
            <h1>{move || t.get().diag.title}</h1>
            <p class="lead">{move || t.get().diag.lead}</p>
        </section>
    }
}
