//! Layer 3 — strategy for A and B clients (docs/METHOD.md §3.3): typical-client maps per channel,
//! project maps with ЛВР/ЛФР/ЛПР, the promotion programme and its PR plan, touch points and
//! the layer's metrics and results. One file per tab; every figure comes from
//! `crate::domain::accounts` and `crate::domain::strategy`.

mod contact;
mod maps;
mod metrics;
mod programme;
mod touches;
mod typical;

use crate::components::part::{lazy_part, part_view};
use crate::components::tabs::Tabs;
use crate::domain::accounts::Categories;
use crate::domain::layer1::abc::client_categories;
use crate::domain::model::{Project, Role, TouchKind};
use crate::i18n::Catalogue;
use crate::state::route::{use_tab, L3Tab};
use crate::state::use_i18n;
use leptos::prelude::*;

fn tab_label(tab: L3Tab, c: &Catalogue) -> &'static str {
    match tab {
        L3Tab::Maps => c.l3.tab_maps,
        L3Tab::Typical => c.l3.tab_typical,
        L3Tab::Programme => c.l3.tab_programme,
        L3Tab::Pr => c.l3.tab_pr,
        L3Tab::Touches => c.l3.tab_touches,
        L3Tab::Metrics => c.l3.tab_metrics,
    }
}

#[component]
pub fn Layer3Page() -> impl IntoView {
    let t = use_i18n();
    let tab = use_tab::<L3Tab>();
    view! {
        <section class="page l3" data-testid="l3-page">
            <h1 class="no-print">{move || t.get().l3.title}</h1>
            <p class="lead no-print">{move || t.get().l3.lead}</p>
            <crate::components::layer_status::LayerStatus layer=3 />
            <crate::components::gate::LayerGate layer=3>
            <Tabs label=tab_label current=tab />
            {move || {
                let tab = tab.get();
                match tab {
                    L3Tab::Maps => part_view(Box::pin(maps_tab())),
                    L3Tab::Programme | L3Tab::Pr => part_view(Box::pin(programme_tabs(tab))),
                    L3Tab::Typical | L3Tab::Touches | L3Tab::Metrics => {
                        part_view(Box::pin(touch_tabs(tab)))
                    }
                }
            }}
            </crate::components::gate::LayerGate>
        </section>
    }
}

pub(super) use crate::domain::layer3::{client_code as code_of, contact_name};

/// Index of a touch kind in the catalogue's `kinds`.
pub(super) fn kind_index(k: TouchKind) -> usize {
    TouchKind::ALL.iter().position(|x| *x == k).unwrap_or(8)
}

/// The project's "as of" date.
pub(super) fn as_of(p: &Project) -> chrono::NaiveDate {
    p.as_of(crate::state::store::today())
}

/// Role ↔ the value used in forms and test ids.
pub(super) fn role_key(r: Role) -> &'static str {
    match r {
        Role::Lvr => "LVR",
        Role::Lfr => "LFR",
        Role::Lpr => "LPR",
    }
}

/// Asks before deleting.
pub(super) fn confirm(msg: &str) -> bool {
    window().confirm_with_message(msg).unwrap_or(false)
}

/// The project's categories, recomputed when the project changes.
pub(super) fn use_categories() -> Memo<Categories> {
    let store = crate::state::store::use_store();
    Memo::new(move |_| {
        store
            .current
            .with(|p| p.as_ref().map(client_categories).unwrap_or_default())
    })
}

// The tabs are parts of the build (see `crate::components::part`), grouped where they go
// together: the screen's code would otherwise be one large download.
lazy_part!(
    /// The project maps with their contacts (the screen's first tab).
    l3_maps,
    __preload_maps_tab,
    fn maps_tab() {
        view! { <maps::MapsTab /> }.into_any()
    }
);
lazy_part!(
    /// The promotion programme and its PR plan.
    l3_programme,
    __preload_programme_tabs,
    fn programme_tabs(tab: L3Tab) {
        match tab {
            L3Tab::Pr => view! { <programme::PrTab /> }.into_any(),
            _ => view! { <programme::ProgrammeTab /> }.into_any(),
        }
    }
);
lazy_part!(
    /// The typical-client maps, the touch points and the layer's metrics.
    l3_touches,
    __preload_touch_tabs,
    fn touch_tabs(tab: L3Tab) {
        match tab {
            L3Tab::Typical => view! { <typical::TypicalTab /> }.into_any(),
            L3Tab::Metrics => view! { <metrics::MetricsTab /> }.into_any(),
            _ => view! { <touches::TouchesTab /> }.into_any(),
        }
    }
);

/// Loads every tab's part without rendering it (idle-time prefetch).
pub async fn preload_tabs() {
    __preload_maps_tab().await;
    __preload_programme_tabs().await;
    __preload_touch_tabs().await;
}
