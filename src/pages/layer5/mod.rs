//! Layer 5 — psychology of client work (docs/METHOD.md §3.5): a behaviour checklist for every ТФС
//! stage of the project and the expert coaching log («экспертная дотяжка»). The layer has no
//! metrics, and the screen shows none. One file per tab.

mod checklists;
mod coaching;

use crate::components::layer_status::LayerStatus;
use crate::components::tabs::Tabs;
use crate::domain::{Id, Project, Stage};
use crate::i18n::Catalogue;
use crate::state::route::{use_tab, L5Tab};
use crate::state::use_i18n;
use leptos::prelude::*;

fn tab_label(tab: L5Tab, c: &Catalogue) -> &'static str {
    match tab {
        L5Tab::Checklists => c.l5.tab_checklists,
        L5Tab::Coaching => c.l5.tab_coaching,
    }
}

#[component]
pub fn Layer5Page() -> impl IntoView {
    let t = use_i18n();
    let tab = use_tab::<L5Tab>();
    view! {
        <section class="page l5" data-testid="l5-page">
            <h1>{move || t.get().l5.title}</h1>
            <p class="lead">{move || t.get().l5.lead}". "{move || t.get().l5.no_metrics_note}</p>
            <LayerStatus layer=5 />
            <crate::components::gate::LayerGate layer=5>
            <Tabs label=tab_label current=tab />
            {move || match tab.get() {
                L5Tab::Coaching => view! { <coaching::CoachingTab /> }.into_any(),
                L5Tab::Checklists => view! { <checklists::ChecklistsTab /> }.into_any(),
            }}
            </crate::components::gate::LayerGate>
        </section>
    }
}

/// `2.1 Выявление потребностей ЛФР` (the name in the UI language).
pub(crate) fn stage_label(s: &Stage) -> String {
    s.label(crate::state::current_lang())
}

/// A stage id from the query, if it is one of the project's stages.
pub(crate) fn stage_of(p: &Project, q: Option<String>) -> Option<Id> {
    q.and_then(|s| s.parse::<Id>().ok())
        .filter(|id| p.stage(*id).is_some())
}

/// Asks before deleting.
pub(crate) fn confirm(msg: &str) -> bool {
    window().confirm_with_message(msg).unwrap_or(false)
}
