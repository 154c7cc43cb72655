//! Scaffold: importing tables (clients from CSV/XLSX, deals from a CRM export). Filled in by
//! the import work; layer screens place these buttons.

use leptos::prelude::*;

/// Opens the client-base import (layer 1).
#[component]
pub fn ImportClientsButton() -> impl IntoView {
    view! { <span></span> }
}

/// Opens the CRM deal import (layer 2).
#[component]
pub fn ImportDealsButton() -> impl IntoView {
    view! { <span></span> }
}
