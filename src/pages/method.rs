//! The method map: the article's table for each layer with the status of every item, which
//! layers are open, and early opening with a recorded reason.

use crate::components::layer_status::state_badge;
use crate::domain::gating::{LayerState, MethodMarks};
use crate::domain::guide::FirstUse;
use crate::domain::method::{self, Item, ItemKind, ItemStatus, Layer, LAYERS};
use crate::domain::Project;
use crate::i18n::Lang;
use crate::state::route::{use_tab, MethodTab, Place};
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

/// The part of the app that computes the map's marks from the project's data: every layer's
/// metrics, so most of the domain. With the `split` feature it is a part of its own, fetched
/// while the map's text (the first screen of a new visitor) is already on screen.
#[cfg(feature = "split")]
#[lazy(marks)]
fn compute_marks(p: Project) -> Marks {
    marks_of(&p)
}
#[cfg(not(feature = "split"))]
async fn compute_marks(p: Project) -> Marks {
    marks_of(&p)
}

/// What the map shows from the project's data: its marks and the first-use path.
#[derive(Clone, PartialEq)]
struct Marks {
    marks: MethodMarks,
    first_use: Option<FirstUse>,
}

fn marks_of(p: &Project) -> Marks {
    Marks {
        marks: crate::domain::gating::method_marks(p),
        first_use: crate::domain::guide::first_use(p),
    }
}

/// The printable layer report (`#/method/report`), a part of its own for the same reason.
#[cfg(feature = "split")]
#[lazy(report)]
fn layer_report() -> AnyView {
    view! { <crate::pages::layer_report::LayerReport /> }.into_any()
}
#[cfg(not(feature = "split"))]
async fn layer_report() -> AnyView {
    view! { <crate::pages::layer_report::LayerReport /> }.into_any()
}

#[component]
pub fn MethodPage() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    // `#/method/report`: the printable layer report instead of the map.
    let tab = use_tab::<MethodTab>();
    // The marks of the open project, recomputed when it changes; `None` while computing.
    let marks = LocalResource::new(move || {
        let project = store.current.get();
        async move {
            match project {
                Some(p) => Some(compute_marks(p).await),
                None => None,
            }
        }
    });
    let computed = Signal::derive(move || marks.get().flatten());
    let marks = Signal::derive(move || computed.with(|m| m.as_ref().map(|m| m.marks.clone())));
    let first_use =
        Signal::derive(move || computed.with(|m| m.as_ref().and_then(|m| m.first_use.clone())));
    // The navigation's locks, from the same marks (the other screens feed them through
    // `components::gate::NavLockFeed`, which would put the domain into the map's first paint).
    let locks = crate::components::shell::use_nav_locks();
    Effect::new(move |_| {
        if let Some(m) = marks.get() {
            let waiting = [1u8, 2, 3, 4, 5].map(|n| match m.layer(n) {
                Some(LayerState::Locked { waiting_for }) => Some(*waiting_for),
                _ => None,
            });
            if locks.0.get_untracked() != waiting {
                locks.0.set(waiting);
            }
        }
    });
    view! {
        {move || if tab.get() == MethodTab::Report {
            view! {
                <Suspense fallback=move || view! {
                    <p class="screen-loading" role="status">{move || t.get().shell.loading_screen}</p>
                }>
                    {Suspend::new(layer_report())}
                </Suspense>
            }.into_any()
        } else {
            view! {
                <section class="page" data-testid="method-page">
                    <div class="method-head">
                        <h1>{move || t.get().shell.method_title}</h1>
                        <a class="btn" href=Place::Dashboard.to_hash() data-testid="method-dashboard-link">
                            {move || t.get().dash.plan_link}
                        </a>
                        <a class="btn" href=Place::Method(MethodTab::Report).to_hash() data-testid="method-report">
                            {move || t.get().l5.report_button}
                        </a>
                    </div>
                    <p class="lead">{move || t.get().shell.method_intro}</p>
                    <crate::components::guide::FirstUseList path=first_use />
                    {LAYERS.iter().map(|l| view! { <LayerCard layer=*l marks /> }).collect_view()}
                </section>
            }.into_any()
        }}
    }
}

#[component]
fn LayerCard(layer: Layer, marks: Signal<Option<MethodMarks>>) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let n = layer.n;
    let state = Memo::new(move |_| marks.with(|m| m.as_ref().and_then(|m| m.layer(n).cloned())));
    let asking = RwSignal::new(false);

    // Until the marks have arrived: the badge says so instead of guessing a state.
    let status = move || match state.get() {
        Some(s) => state_badge(&s, t.get()),
        None => (
            "layer-status pending",
            t.get().shell.marks_loading.to_string(),
        ),
    };
    let locked = move || matches!(state.get(), Some(LayerState::Locked { .. }));
    let overridden = move || matches!(state.get(), Some(LayerState::Overridden(_)));

    let column = move |kind: ItemKind| {
        let items: Vec<Item> = layer.items_of(kind).copied().collect();
        if items.is_empty() {
            return view! { <p class="muted">{move || t.get().shell.no_metrics}</p> }.into_any();
        }
        view! { <ul class="items">{items.into_iter().map(|i| view! { <ItemRow item=i marks locked=Signal::derive(locked) /> }).collect_view()}</ul> }
            .into_any()
    };

    view! {
        <article class="layer-card" class:locked=locked data-testid=format!("layer-{n}")>
            <header class="layer-head">
                <h2>
                    <span class="layer-num">{move || t.get().shell.layer_word}" "{n}". "</span>
                    {move || if lang.get() == Lang::Ru { layer.ru } else { layer.en }}
                </h2>
                <span class=move || status().0 data-testid=format!("layer-{n}-status")>{move || status().1}</span>
            </header>
            <div class="layer-cols">
                <div>
                    <h3>{move || t.get().shell.col_tasks}</h3>
                    {column(ItemKind::Task)}
                </div>
                <div>
                    <h3>{move || t.get().shell.col_results}</h3>
                    {column(ItemKind::Result)}
                </div>
                <div>
                    <h3>{move || t.get().shell.col_metrics}</h3>
                    {column(ItemKind::Metric)}
                </div>
            </div>
            <Show when=locked>
                <Show
                    when=move || asking.get()
                    fallback=move || view! {
                        <button class="btn small" on:click=move |_| asking.set(true) data-testid=format!("override-{n}")>
                            {move || t.get().shell.override_button}
                        </button>
                    }
                >
                    <crate::components::gate::OverrideForm layer=n asking testid="override" />
                </Show>
            </Show>
            <Show when=overridden>
                <button class="btn small ghost" on:click=move |_| store.update(|p| method::remove_overrides(p, n))>
                    {move || t.get().shell.override_remove}
                </button>
            </Show>
        </article>
    }
}

#[component]
fn ItemRow(
    item: Item,
    marks: Signal<Option<MethodMarks>>,
    #[prop(into)] locked: Signal<bool>,
) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let status = Memo::new(move |_| marks.with(|m| m.as_ref().and_then(|m| m.item(item.id))));
    let label = move || {
        let s = t.get().shell;
        match status.get() {
            Some(ItemStatus::Met) => s.status_met,
            Some(ItemStatus::Missing) => s.status_missing,
            Some(ItemStatus::Ticked) => s.status_ticked,
            Some(ItemStatus::Open) => s.status_open,
            None => s.marks_loading,
        }
    };
    let computed = move || status.get().map(|s| s.is_computed()).unwrap_or(false);
    let checked = move || status.get().map(|s| s.is_done()).unwrap_or(false);
    // Metrics are shown, not ticked; locked layers cannot be ticked either.
    let tickable = item.kind != ItemKind::Metric;
    let fix_at = crate::domain::gating::fix_at(item.id);
    view! {
        <li class={if item.depth > 0 { "item sub" } else { "item" }}>
            <label class="check">
                {tickable
                    .then(|| {
                        view! {
                            <input
                                type="checkbox"
                                prop:checked=checked
                                disabled=move || status.get().is_none() || computed() || locked.get()
                                on:change=move |_| store.update(|p| {
                                    method::toggle_tick(p, item.id);
                                })
                                data-testid=format!("tick-{}", item.id)
                            />
                        }
                    })}
                <span class="item-text">{move || if lang.get() == Lang::Ru { item.ru } else { item.en }}</span>
            </label>
            // The status and the link to where a missing result is fixed share a line of their
            // own on a phone, there from the first paint: the marks arriving change its words,
            // not the height of the list.
            {(tickable || fix_at.is_some()).then(|| view! {
                <span class="item-meta">
                    {tickable.then(|| view! { <span class=move || if checked() { "item-status done" } else { "item-status" }>{label}</span> })}
                    {fix_at.map(|place| {
                        view! {
                            <Show when=move || status.get() == Some(ItemStatus::Missing)>
                                <a
                                    class="fix-link"
                                    href=place.to_hash()
                                    data-testid=format!("fix-{}", item.id)
                                >
                                    {move || t.get().l5.fix_link}
                                </a>
                            </Show>
                        }
                    })}
                </span>
            })}
        </li>
    }
}
