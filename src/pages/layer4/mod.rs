//! Layer 4 — the client-work tools of ТФС stage 2 (docs/METHOD.md §3.4): the advantage matrix per
//! channel, question lists, the ЛФР briefing, per-deal needs/criteria/ТЭО, the ТЭО
//! calculator, the КП and ТЭО documents and the layer's metrics. One file per tab.

mod deal;
mod docs;
mod matrix;
mod metrics;
mod questions;
mod spec;
mod teo;

use crate::components::part::{lazy_part, part_view};
use crate::components::tabs::Tabs;
use crate::domain::guide::{self, NextAction};
use crate::domain::{layer4, Deal, Id};
use crate::i18n::fill;
use crate::i18n::Catalogue;
use crate::state::route::{go_to, use_query, use_tab, L4Tab, Place};
use crate::state::store::use_store;
use crate::state::use_i18n;
use leptos::prelude::*;

fn tab_label(tab: L4Tab, c: &Catalogue) -> &'static str {
    match tab {
        L4Tab::Matrix => c.l4.tab_matrix,
        L4Tab::Questions => c.l4.tab_questions,
        L4Tab::Briefing => c.l4.tab_briefing,
        L4Tab::Deal => c.l4.tab_deal,
        L4Tab::Teo => c.l4.tab_teo,
        L4Tab::Docs => c.l4.tab_docs,
        L4Tab::Metrics => c.l4.tab_metrics,
    }
}

#[component]
pub fn Layer4Page() -> impl IntoView {
    let t = use_i18n();
    let tab = use_tab::<L4Tab>();
    view! {
        <section class="page l4" data-testid="l4-page">
            <h1 class="no-print">{move || t.get().l4.title}</h1>
            <p class="lead no-print">{move || t.get().l4.lead}</p>
            <crate::components::layer_status::LayerStatus layer=4 />
            <crate::components::gate::LayerGate layer=4>
            <Tabs label=tab_label current=tab />
            {move || {
                let tab = tab.get();
                match tab {
                    L4Tab::Matrix | L4Tab::Metrics => part_view(Box::pin(matrix_tabs(tab))),
                    L4Tab::Questions | L4Tab::Briefing => part_view(Box::pin(question_tabs(tab))),
                    L4Tab::Deal | L4Tab::Docs => part_view(Box::pin(deal_tabs(tab))),
                    L4Tab::Teo => part_view(Box::pin(teo_tab())),
                }
            }}
            </crate::components::gate::LayerGate>
        </section>
    }
}

/// `D01 — title` ([`Deal::label`]).
pub(crate) fn deal_label(d: &Deal) -> String {
    d.label()
}

/// The channel chosen with `?channel=`, else the project's first channel.
pub(crate) fn use_channel() -> Memo<Option<Id>> {
    let store = use_store();
    let q = use_query("channel");
    Memo::new(move |_| {
        store.current.with(|p| {
            let p = p.as_ref()?;
            layer4::pick_channel(p, q.get().and_then(|s| s.parse::<Id>().ok()))
        })
    })
}

/// The deal chosen with `?deal=` (if it exists).
pub(crate) fn use_deal() -> Memo<Option<Id>> {
    let store = use_store();
    let q = use_query("deal");
    Memo::new(move |_| {
        store.current.with(|p| {
            let p = p.as_ref()?;
            layer4::pick_deal(p, q.get().and_then(|s| s.parse::<Id>().ok()))
        })
    })
}

/// A select of the project's channels that navigates to `#/l4/<tab>?channel=<id>`.
#[component]
pub(crate) fn ChannelPicker(tab: L4Tab) -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let channel = use_channel();
    view! {
        <label class="field no-print">
            <span>{move || t.get().l4.channel}</span>
            <select class="input" data-nav="" data-testid="l4-channel"
                on:change=move |ev| go_to(&Place::L4(tab).href(&[("channel", &event_target_value(&ev))]))>
                {move || store.current.with(|p| p.as_ref().map(|p| p.channels.iter().map(|c| {
                    let id = c.id;
                    view! { <option value=id.to_string() selected=move || channel.get() == Some(id)>{c.name.clone()}</option> }
                }).collect_view()))}
            </select>
        </label>
    }
}

/// The deal picker: a search (code, title or client) and a select of the matching deals grouped
/// by manager ([`guide::deal_groups`]), that navigates to `#/l4/<tab>?deal=<id>` (keeping
/// `extra`). A project without deals gets the next action instead.
#[component]
pub(crate) fn DealPicker(
    tab: L4Tab,
    #[prop(optional)] extra: Option<Memo<Option<String>>>,
    #[prop(optional)] extra_key: &'static str,
) -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let deal = use_deal();
    let query = RwSignal::new(String::new());
    let has_deals = Memo::new(move |_| {
        store
            .current
            .with(|p| p.as_ref().is_some_and(|p| !p.deals.is_empty()))
    });
    let groups = Memo::new(move |_| {
        let q = query.get();
        store
            .current
            .with(|p| p.as_ref().map(|p| guide::deal_groups(p, &q)))
    });
    let options = move || {
        let g = t.get().guide;
        store.current.with(|p| {
            let p = p.as_ref()?;
            let (groups, _) = groups.get()?;
            let by_id: std::collections::HashMap<Id, &Deal> = p.deals.iter().map(|d| (d.id, d)).collect();
            Some(groups.into_iter().map(|gr| {
                let label = gr
                    .manager
                    .and_then(|m| p.manager(m))
                    .map(|m| m.label())
                    .unwrap_or_else(|| g.no_manager.to_string());
                let opts = gr.deals.iter().filter_map(|id| by_id.get(id).copied()).map(|d| {
                    let id = d.id;
                    view! { <option value=id.to_string() selected=move || deal.get() == Some(id)>{deal_label(d)}</option> }
                }).collect_view();
                view! { <optgroup label=label>{opts}</optgroup> }
            }).collect_view())
        })
    };
    let count = move || {
        let total = store
            .current
            .with(|p| p.as_ref().map_or(0, |p| p.deals.len()));
        let shown = groups.with(|g| g.as_ref().map_or(0, |g| g.1));
        fill(
            t.get().guide.deal_count,
            &[&shown.to_string(), &total.to_string()],
        )
    };
    view! {
        <Show when=move || has_deals.get() fallback=move || view! {
            <div class="empty-state no-print" role="note" data-testid="l4-no-deals">
                <p>{move || t.get().guide.empty_deals_l4}</p>
                <a class="btn primary" href=NextAction::AddDeals.place().to_hash() data-testid="l4-no-deals-action">
                    {move || t.get().guide.act_deals}
                </a>
            </div>
        }>
            <div class="deal-finder no-print" data-nav="">
                <label class="field">
                    <span>{move || t.get().guide.deal_search}</span>
                    <input class="input" type="search" data-testid="l4-deal-search"
                        placeholder=move || t.get().guide.deal_search_placeholder
                        prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{move || t.get().l4.deal}</span>
                    <select class="input" data-nav="" data-testid="l4-deal-picker"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let x = extra.and_then(|e| e.get_untracked());
                            let mut q = vec![("deal", v.as_str())];
                            if let Some(x) = x.as_deref() { q.push((extra_key, x)); }
                            go_to(&Place::L4(tab).href(&q))
                        }>
                        <option value="" selected=move || deal.get().is_none()>{move || t.get().l4.choose_deal}</option>
                        {options}
                    </select>
                </label>
                <span class="muted small" data-testid="l4-deal-count" aria-live="polite">{count}</span>
            </div>
        </Show>
    }
}

/// Asks before deleting.
pub(crate) fn confirm(msg: &str) -> bool {
    window().confirm_with_message(msg).unwrap_or(false)
}

// The tabs are parts of the build (see `crate::components::part`), two by two where they go
// together: the screen's code would otherwise be one large download.
lazy_part!(
    /// The advantage matrix (the screen's first tab) and the layer's metrics.
    l4_matrix,
    __preload_matrix_tabs,
    fn matrix_tabs(tab: L4Tab) {
        match tab {
            L4Tab::Metrics => view! { <metrics::MetricsTab /> }.into_any(),
            _ => view! { <matrix::MatrixTab /> }.into_any(),
        }
    }
);
lazy_part!(
    /// The question lists and the ЛФР briefing.
    l4_questions,
    __preload_question_tabs,
    fn question_tabs(tab: L4Tab) {
        match tab {
            L4Tab::Briefing => view! { <questions::BriefingTab /> }.into_any(),
            _ => view! { <questions::QuestionsTab /> }.into_any(),
        }
    }
);
lazy_part!(
    /// A deal's needs, criteria and ТЭО, and its КП and ТЭО documents.
    l4_deal,
    __preload_deal_tabs,
    fn deal_tabs(tab: L4Tab) {
        match tab {
            L4Tab::Docs => view! { <docs::DocsTab /> }.into_any(),
            _ => view! { <deal::DealTab /> }.into_any(),
        }
    }
);
lazy_part!(
    /// The ТЭО calculator.
    l4_teo,
    __preload_teo_tab,
    fn teo_tab() {
        view! { <teo::CalculatorTab /> }.into_any()
    }
);

/// Loads every tab's part without rendering it (idle-time prefetch).
pub async fn preload_tabs() {
    __preload_matrix_tabs().await;
    __preload_question_tabs().await;
    __preload_deal_tabs().await;
    __preload_teo_tab().await;
}
