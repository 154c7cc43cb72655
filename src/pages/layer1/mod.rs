//! Layer 1 — the company's commercial goals and calculated sales plans: the client base with
//! its business lines, channels and regions, the ABC analysis, the target-market hypotheses,
//! the goals, the managers' individual plans, the sales-department structure and plan/fact.
//! One file per tab; every figure comes from `crate::domain`.

mod abc;
mod clients;
mod dims;
mod goals;
mod hypotheses;
mod planfact;
mod plans;
mod structure;

use crate::components::part::{lazy_part, part_view};
use crate::components::tabs::Tabs;
use crate::domain::layer1::abc::AbcResult;
use crate::domain::{Dimension, Id, Project};
use crate::i18n::Catalogue;
use crate::state::route::{use_tab, L1Tab};
use crate::state::use_i18n;
use leptos::prelude::*;

/// Rows per page of the long lists (clients, actuals).
pub(crate) const PAGE: usize = 50;

/// The ABC analysis of the project's chosen year ([`crate::domain::layer1::abc::abc_for_project`]).
pub(crate) fn abc_of(p: &Project) -> AbcResult {
    crate::domain::layer1::abc::abc_for_project(p)
}

/// The name of a dimension, or «—».
pub(crate) fn dim_name(list: &[Dimension], id: Option<Id>) -> String {
    crate::domain::data::dim_name(list, id).unwrap_or_else(|| "—".into())
}

/// An id from a `<select>` value (`""` = none).
pub(crate) fn parse_id(s: &str) -> Option<Id> {
    Id::parse_str(s.trim()).ok()
}

/// `<option>`s of a list of `(id, name)` with `selected` marked, after an empty «—» option.
pub(crate) fn options(
    items: Vec<(Id, String)>,
    selected: Option<Id>,
    empty: &'static str,
) -> impl IntoView {
    view! {
        <option value="" selected=selected.is_none()>{empty}</option>
        {items.into_iter().map(|(id, name)| view! {
            <option value=id.to_string() selected=selected == Some(id)>{name}</option>
        }).collect_view()}
    }
}

/// `(id, name)` of a dimension list.
pub(crate) fn dim_items(list: &[Dimension]) -> Vec<(Id, String)> {
    list.iter().map(|d| (d.id, d.name.clone())).collect()
}

/// `(id, "M1 Иванов")` of the managers.
pub(crate) fn manager_items(p: &Project) -> Vec<(Id, String)> {
    p.managers.iter().map(|m| (m.id, m.label())).collect()
}

fn tab_label(tab: L1Tab, c: &Catalogue) -> &'static str {
    match tab {
        L1Tab::Clients => c.l1.tab_clients,
        L1Tab::Dims => c.l1.tab_dims,
        L1Tab::Abc => c.l1.tab_abc,
        L1Tab::Hypotheses => c.l1.tab_hypotheses,
        L1Tab::Goals => c.l1.tab_goals,
        L1Tab::Plans => c.l1.tab_plans,
        L1Tab::Structure => c.l1.tab_structure,
        L1Tab::PlanFact => c.l1.tab_planfact,
    }
}

#[component]
pub fn Layer1Page() -> impl IntoView {
    let t = use_i18n();
    let tab = use_tab::<L1Tab>();
    view! {
        <section class="page" data-testid="l1-page">
            <h1>{move || t.get().l1.title}</h1>
            <p class="lead">{move || t.get().l1.lead}</p>
            <crate::components::layer_status::LayerStatus layer=1 />
            <Tabs label=tab_label current=tab />
            {move || match tab.get() {
                L1Tab::Clients => part_view(Box::pin(clients_tab())),
                L1Tab::Dims => part_view(Box::pin(dims_tab())),
                L1Tab::Abc => part_view(Box::pin(abc_tab())),
                L1Tab::Hypotheses => part_view(Box::pin(hypotheses_tab())),
                L1Tab::Goals => part_view(Box::pin(goals_tab())),
                L1Tab::Plans => part_view(Box::pin(plans_tab())),
                L1Tab::Structure => part_view(Box::pin(structure_tab())),
                L1Tab::PlanFact => part_view(Box::pin(planfact_tab())),
            }}
        </section>
    }
}

// Each tab is a part of the build of its own (see `crate::components::part`): the screen's
// code would otherwise be one large download.
lazy_part!(
    l1_clients,
    __preload_clients_tab,
    fn clients_tab() {
        view! { <clients::ClientsTab /> }.into_any()
    }
);
lazy_part!(
    l1_dims,
    __preload_dims_tab,
    fn dims_tab() {
        view! { <dims::DimsTab /> }.into_any()
    }
);
lazy_part!(
    l1_abc,
    __preload_abc_tab,
    fn abc_tab() {
        view! { <abc::AbcTab /> }.into_any()
    }
);
lazy_part!(
    l1_hypotheses,
    __preload_hypotheses_tab,
    fn hypotheses_tab() {
        view! { <hypotheses::HypothesesTab /> }.into_any()
    }
);
lazy_part!(
    l1_goals,
    __preload_goals_tab,
    fn goals_tab() {
        view! { <goals::GoalsTab /> }.into_any()
    }
);
lazy_part!(
    l1_plans,
    __preload_plans_tab,
    fn plans_tab() {
        view! { <plans::PlansTab /> }.into_any()
    }
);
lazy_part!(
    l1_structure,
    __preload_structure_tab,
    fn structure_tab() {
        view! { <structure::StructureTab /> }.into_any()
    }
);
lazy_part!(
    l1_planfact,
    __preload_planfact_tab,
    fn planfact_tab() {
        view! { <planfact::PlanFactTab /> }.into_any()
    }
);

/// Loads every tab's part without rendering it (idle-time prefetch).
pub async fn preload_tabs() {
    __preload_clients_tab().await;
    __preload_dims_tab().await;
    __preload_abc_tab().await;
    __preload_hypotheses_tab().await;
    __preload_goals_tab().await;
    __preload_plans_tab().await;
    __preload_structure_tab().await;
    __preload_planfact_tab().await;
}
