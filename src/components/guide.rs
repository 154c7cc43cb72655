//! Guidance widgets: the first-use path of a project whose layer 1 is not done, and the empty
//! state of a chart that has no data, naming the next action. What they say comes from
//! [`crate::domain::guide`].

use crate::domain::guide::{first_use, FirstStep, FirstUse, NextAction};
use crate::i18n::{fill, Guide};
use crate::state::store::use_store;
use crate::state::use_i18n;
use leptos::prelude::*;

fn step_text(s: FirstStep, g: &Guide) -> &'static str {
    match s {
        FirstStep::Clients => g.step_clients,
        FirstStep::Segments => g.step_segments,
        FirstStep::Abc => g.step_abc,
        FirstStep::Hypotheses => g.step_hypotheses,
        FirstStep::Goals => g.step_goals,
        FirstStep::Structure => g.step_structure,
        FirstStep::Plans => g.step_plans,
    }
}

/// The layer-1 tasks as a checklist with links, ticked from the project data; nothing once
/// layer 1 is done.
#[component]
pub fn FirstUsePath() -> impl IntoView {
    let store = use_store();
    let path = Memo::new(move |_| store.current.with(|p| p.as_ref().and_then(first_use)));
    view! { <FirstUseList path=Signal::from(path) /> }
}

/// The first-use checklist of [`FirstUsePath`], from a path computed elsewhere (the method map
/// takes it from the part that computes its marks, so that the map's first paint needs none of
/// the domain's figures).
#[component]
pub fn FirstUseList(path: Signal<Option<FirstUse>>) -> impl IntoView {
    let t = use_i18n();
    move || {
        path.get().map(|f| {
            let g = t.get().guide.get();
            let next = f.next().map(|s| s.step);
            let lead = if f.is_new {
                g.first_lead_new.to_string()
            } else {
                fill(g.first_lead, &[&f.done_count().to_string(), &f.steps.len().to_string()])
            };
            let steps = f
                .steps
                .iter()
                .map(|s| {
                    let is_next = next == Some(s.step);
                    let status = if s.done { g.step_done } else if is_next { g.step_next } else { g.step_todo };
                    view! {
                        <li class="first-step" class:done=s.done class:next=is_next data-testid="first-step"
                            data-done=if s.done { "true" } else { "false" }>
                            <span class="first-mark" aria-hidden="true">{if s.done { "✓" } else { "○" }}</span>
                            <a href=s.place.to_hash()>{step_text(s.step, g)}</a>
                            <span class="first-status">{format!(" — {status}")}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="first-use no-print" data-testid="first-use" aria-labelledby="first-use-title">
                    <h2 id="first-use-title">{g.first_title}</h2>
                    <p>{lead}</p>
                    <ol class="first-steps">{steps}</ol>
                </section>
            }
        })
    }
}

fn action_texts(a: NextAction, g: &Guide) -> (&'static str, &'static str) {
    match a {
        NextAction::AddClients => (g.empty_clients, g.act_clients),
        NextAction::AddRevenues => (g.empty_revenues, g.act_revenues),
        NextAction::AddDeals => (g.empty_deals, g.act_deals),
        NextAction::SetPlan => (g.empty_plan, g.act_plan),
    }
}

/// In place of a chart with nothing to draw: why, and a link to the action that gives it data.
#[component]
pub fn EmptyChart(
    /// What is missing ([`crate::domain::guide::chart_gap`]).
    action: NextAction,
    /// The test id of the chart it stands for (`<testid>-empty`).
    testid: &'static str,
) -> impl IntoView {
    let t = use_i18n();
    view! {
        <div class="empty-state chart-empty" role="note" data-testid=format!("{testid}-empty")>
            <p>{move || action_texts(action, t.get().guide.get()).0}</p>
            <a class="btn primary" href=action.place().to_hash() data-testid=format!("{testid}-empty-action")>
                {move || action_texts(action, t.get().guide.get()).1}
            </a>
        </div>
    }
}
