//! Screen scaffold: filled in by its issue.

use crate::state::use_i18n;
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = use_i18n();
    view! {
        <section class="page" data-testid="dashboard-page">
            <h1>{move || t.get().dash.title}</h1>
            <p class="lead">{move || t.get().dash.lead}</p>
        </section>
    }
}
