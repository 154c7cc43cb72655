//! The layer-status panel for the top of a layer screen: whether the layer is open, locked (and
//! why) or opened early (with the recorded reason), and the layer's results with their computed
//! status and, for missing ones, a link to where they are fixed. Collapsible; everything comes
//! from [`report::layer_summary`](crate::domain::report::layer_summary).

use crate::domain::gating::LayerState;
use crate::domain::method::ItemStatus;
use crate::domain::report::{layer_summary, ItemState};
use crate::i18n::format::fmt_date;
use crate::i18n::{fill, Catalogue, Lang};
use crate::state::route::Route;
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

/// A layer's state as a CSS class and a text with its symbol («✓ Выполнен», «○ Открыт», …): the
/// one rendering of [`LayerState`] on the method map, the status panel, the layer report and
/// the dashboard.
pub fn state_badge(s: &LayerState, t: &Catalogue) -> (&'static str, String) {
    let sh = t.shell;
    match s {
        LayerState::Done => ("layer-status done", format!("✓ {}", sh.layer_done)),
        LayerState::Open => ("layer-status open", format!("○ {}", sh.layer_open)),
        LayerState::Overridden(o) => (
            "layer-status override",
            format!(
                "⚠ {}",
                fill(sh.layer_overridden, &[&fmt_date(o.date), &o.reason])
            ),
        ),
        LayerState::Locked { waiting_for } => (
            "layer-status locked",
            format!("✕ {}", fill(sh.layer_locked, &[&waiting_for.to_string()])),
        ),
    }
}

/// The status panel of layer `layer` (1–5) of the current project. Self-contained: reads the
/// project store and the language itself.
#[component]
pub fn LayerStatus(
    /// The layer, 1–5.
    layer: u8,
) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let state = Memo::new(move |_| {
        store
            .current
            .with(|p| p.as_ref().and_then(|p| layer_summary(p, layer)))
    });
    let head = move || {
        let s = state.get()?;
        let l5 = t.get().l5;
        let (class, text) = state_badge(&s.state, t.get());
        let done = s.results_done();
        let g = t.get().guide;
        Some(view! {
            <span class="ls-marker" aria-hidden="true"></span>
            <strong>{fill(l5.ls_layer, &[&layer.to_string()])}</strong>
            <span class=class data-testid=format!("layer-status-{layer}-access")>{text}</span>
            <span class="muted" data-testid=format!("layer-status-{layer}-count")>
                {fill(l5.ls_summary_results, &[&done.to_string(), &s.results.len().to_string()])}
            </span>
            // Which of the two shows follows the panel's open state (style/l5.css).
            <span class="ls-toggle ls-show">{g.panel_show}</span>
            <span class="ls-toggle ls-hide">{g.panel_hide}</span>
        })
    };
    let body = move || {
        let s = state.get()?;
        let l5 = t.get().l5.get();
        let lg = lang.get();
        let locked = match s.state {
            LayerState::Locked { waiting_for } => Some(view! {
                <p class="warning" data-testid=format!("layer-status-{layer}-locked")>
                    {fill(l5.ls_locked_hint, &[&waiting_for.to_string()])}" "
                    <a href=Route::Method.href()>{l5.ls_to_method}</a>
                </p>
            }),
            _ => None,
        };
        // The results, then the tasks computed from the data (layer 3's A project maps).
        let computed_tasks: Vec<_> = s.computed_tasks().cloned().collect();
        let rows = s
            .results
            .into_iter()
            .chain(computed_tasks)
            .map(|r| result_row(r, lg, l5))
            .collect_view();
        let no_metrics = s
            .metrics
            .is_empty()
            .then(|| view! { <p class="muted">{t.get().shell.no_metrics}</p> });
        Some(view! {
            {locked}
            <h3>{l5.ls_results}</h3>
            <ul class="ls-results">{rows}</ul>
            {no_metrics}
        })
    };
    view! {
        <details class="ls-panel no-print" data-testid=format!("layer-status-{layer}")>
            <summary>{head}</summary>
            <div class="ls-body">{body}</div>
        </details>
    }
}

fn result_row(r: ItemState, lg: Lang, l5: &'static crate::i18n::L5) -> impl IntoView {
    let (class, status) = match r.status {
        ItemStatus::Met => ("ls-status ok", l5.ls_met),
        ItemStatus::Missing => ("ls-status bad", l5.ls_missing),
        ItemStatus::Ticked => ("ls-status ok", l5.ls_ticked),
        ItemStatus::Open => ("ls-status", l5.ls_open),
    };
    let fix = (r.status == ItemStatus::Missing)
        .then_some(r.fix_at)
        .flatten()
        .map(|place| {
            view! {
                <a class="fix-link" href=place.to_hash()
                    data-testid=format!("ls-fix-{}", r.item.id)>{l5.fix_link}</a>
            }
        });
    let label = if lg == Lang::Ru { r.item.ru } else { r.item.en };
    view! {
        <li data-testid=format!("ls-item-{}", r.item.id)>
            <span>{label}</span>" "
            <span class=class>{status}</span>
            {fix}
        </li>
    }
}
