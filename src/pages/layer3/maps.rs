//! Tab «Карты проекта»: the A clients (and B clients on request) with their role gaps, and the
//! chosen client's map — contacts grouped by ЛВР/ЛФР/ЛПР with attitude, influence, access,
//! notes and informal influence links; printable as one A4 sheet.

use super::contact::{ContactCard, ContactForm};
use super::use_categories;
use crate::components::a11y::TermHint;
use crate::components::print::print_page;
use crate::domain::accounts::a_elaboration;
use crate::domain::layer3::maps::{map_list, map_sheet};
use crate::domain::model::{Category, Id};
use crate::i18n::fill;
use crate::i18n::format::fmt_pct;
use crate::i18n::glossary::role_term;
use crate::state::route::{use_query, L3Tab, Place};
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

#[component]
pub fn MapsTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = crate::state::store::use_store();
    let cats = use_categories();
    let client_q = use_query("client");
    let add_q = use_query("add");
    let elab = Memo::new(move |_| {
        store
            .current
            .with(|p| p.as_ref().map(|p| cats.with(|c| a_elaboration(p, c))))
    });
    let chosen = Memo::new(move |_| {
        let q = client_q.get();
        let first = elab.with(|e| e.as_ref().and_then(|e| e.a_clients.first().copied()));
        q.and_then(|s| s.parse::<Id>().ok()).or(first)
    });
    // B clients are listed on request, or when the chosen client is one.
    let chosen_is_b = move || {
        chosen
            .get()
            .is_some_and(|id| cats.with(|c| c.get(&id) == Some(&Category::B)))
    };
    let show_b = RwSignal::new(false);
    let summary = move || {
        elab.get().map(|e| {
            let tt = t.get();
            let total = e.a_clients.len() * 3;
            let cov = fill(
                tt.l3.role_coverage,
                &[
                    &e.roles_known.to_string(),
                    &total.to_string(),
                    &fmt_pct(e.role_coverage_pct().map(f64::round), 0, lang.get()),
                ],
            );
            let full = fill(
                tt.l3.full_maps,
                &[
                    &e.full_maps.len().to_string(),
                    &e.a_clients.len().to_string(),
                ],
            );
            view! {
                <p data-testid="l3-role-coverage">{cov}</p>
                <p data-testid="l3-full-maps">{full}</p>
            }
        })
    };
    let client_items = move |category: Category| {
        let selected = chosen.get();
        let list = store.current.with(|p| {
            p.as_ref()
                .map(|p| cats.with(|c| map_list(p, c, category)))
                .unwrap_or_default()
        });
        list.into_iter()
            .map(|item| {
                let code = item.code;
                let href = Place::L3(L3Tab::Maps).href(&[("client", &item.id.to_string())]);
                let gap_text = item
                    .gaps
                    .iter()
                    .map(|r| fill(t.get().l3.no_role, &[r.abbr_in(crate::state::current_lang())]))
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <li class:selected=selected == Some(item.id)>
                        <a href=href data-testid=format!("l3-client-{code}") title=item.name>{code.clone()}</a>
                        " "
                        {if item.gaps.is_empty() {
                            view! { <span class="l3-ok">{t.get().l3.map_full}</span> }.into_any()
                        } else {
                            view! {
                                <span class="warning" data-testid=format!("l3-gaps-{code}")>
                                    {format!("⚠ {gap_text}")}
                                </span>
                            }
                                .into_any()
                        }}
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    let a_list = move || {
        let items = client_items(Category::A);
        if items.is_empty() {
            view! { <p class="empty-state">{t.get().l3.empty}</p> }.into_any()
        } else {
            view! { <ul class="l3-client-list" data-testid="l3-client-list">{items}</ul> }
                .into_any()
        }
    };
    let b_list = move || {
        (show_b.get() || chosen_is_b()).then(|| {
            view! {
                <h2 class="h3">{t.get().l3.b_clients}</h2>
                <ul class="l3-client-list" data-testid="l3-client-list-b">{client_items(Category::B)}</ul>
            }
        })
    };
    view! {
        <div class="l3-maps">
            <div class="no-print">
                {summary}
                <h2 class="h3">{move || t.get().l3.a_clients}</h2>
                {a_list}
                <label class="check">
                    <input type="checkbox" data-testid="l3-show-b" prop:checked=move || show_b.get() || chosen_is_b()
                        on:change=move |ev| show_b.set(event_target_checked(&ev)) />
                    <span>{move || t.get().l3.show_b}</span>
                </label>
                {b_list}
            </div>
            {move || chosen.get().map(|id| {
                let focus = add_q.get_untracked().as_deref() == Some("1");
                view! { <ClientMap id=id focus=focus /> }
            })}
        </div>
    }
}

#[component]
fn ClientMap(id: Id, focus: bool) -> impl IntoView {
    let t = use_i18n();
    let store = crate::state::store::use_store();
    let cats = use_categories();
    // The contact being edited (None: the form adds a new one).
    let editing = RwSignal::new(None::<Id>);
    let sheet = move || {
        let m = store
            .current
            .with(|p| p.as_ref().and_then(|p| cats.with(|c| map_sheet(p, c, id))))?;
        let category = m.category.map(|c| c.letter()).unwrap_or("—");
        let groups = m
            .groups
            .into_iter()
            .map(|g| {
                let (key, title) = match g.role {
                    Some(r) => (r.abbr().to_string(), r.abbr_in(crate::state::current_lang()).to_string()),
                    None => ("none".to_string(), t.get().l3.no_roles.to_string()),
                };
                let warn = g.is_gap().then(|| {
                    view! { <p class="warning">{format!("⚠ {}", fill(t.get().l3.no_role, &[&title]))}</p> }
                });
                let cards = g
                    .contacts
                    .into_iter()
                    .map(|cid| view! { <ContactCard id=cid editing=editing /> })
                    .collect_view();
                view! {
                    <div class="l3-role" data-testid=format!("l3-role-{key}")>
                        <h3>{match g.role {
                            // A role is explained on hover and focus (glossary).
                            Some(r) => view! { <TermHint term=role_term(r)>{r.abbr_in(crate::state::current_lang())}</TermHint> }.into_any(),
                            None => title.clone().into_any(),
                        }}</h3>
                        {warn}
                        <ul class="l3-cards">{cards}</ul>
                    </div>
                }
            })
            .collect_view();
        Some(view! {
            <h2>{format!("{} — {}", m.code, m.name)}</h2>
            <p class="muted">{fill(t.get().l3.map_meta, &[&m.channel, category])}</p>
            <div class="l3-roles">{groups}</div>
        })
    };
    view! {
        <div class="print-sheet l3-map" id="l3-map-sheet" data-testid="l3-map">
            {sheet}
        </div>
        <div class="no-print">
            <button class="btn ghost" data-nav="" data-testid="l3-print" on:click=move |_| print_page()>
                {move || t.get().l3.print}
            </button>
        </div>
        <ContactForm client=id editing=editing focus=focus />
    }
}
