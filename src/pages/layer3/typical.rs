//! Tab «Типовые карты»: per channel, for A and for B, which positions usually hold the ЛВР,
//! ЛФР and ЛПР roles. Defaults from docs/METHOD.md §3.3 with one click; every position editable.

use super::{confirm, role_key};
use crate::domain::accounts::typical_maps;
use crate::domain::model::{Category, Id, Role};
use crate::domain::strategy::{
    add_position, fill_default_template, remove_position, set_position, template_positions,
};
use crate::i18n::fill;
use crate::state::use_i18n;
use leptos::prelude::*;

#[component]
pub fn TypicalTab() -> impl IntoView {
    let t = use_i18n();
    let store = crate::state::store::use_store();
    let fill_all = move |_| {
        let lang = store.lang.get_untracked();
        store.update(|p| {
            let channels: Vec<Id> = p.channels.iter().map(|c| c.id).collect();
            for ch in channels {
                for cat in [Category::A, Category::B] {
                    fill_default_template(p, ch, cat, lang);
                }
            }
        })
    };
    let channels = move || {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.channels
                        .iter()
                        .map(|c| (c.id, c.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="l3-typical" data-testid="l3-typical">
            <p class="muted">{move || t.get().l3.typical_hint}</p>
            <button class="btn" data-testid="l3-fill-all" on:click=fill_all>
                {move || t.get().l3.fill_all_defaults}
            </button>
            {move || {
                let list = channels();
                if list.is_empty() {
                    return view! { <p class="empty-state">{t.get().l3.no_channels}</p> }.into_any();
                }
                list.into_iter()
                    .enumerate()
                    .map(|(ci, (id, name))| view! {
                        <section class="l3-channel">
                            <h2>{name}</h2>
                            <div class="l3-typical-pair">
                                <TypicalMapCard ci=ci channel=id category=Category::A />
                                <TypicalMapCard ci=ci channel=id category=Category::B />
                            </div>
                        </section>
                    })
                    .collect_view()
                    .into_any()
            }}
        </div>
    }
}

#[component]
fn TypicalMapCard(ci: usize, channel: Id, category: Category) -> impl IntoView {
    let t = use_i18n();
    let store = crate::state::store::use_store();
    let letter = category.letter();
    let key = format!("{ci}-{letter}");
    let status = move || {
        store.current.with(|p| {
            let p = p.as_ref()?;
            let m = typical_maps(p)
                .into_iter()
                .find(|m| m.channel_id == channel && m.category == category)?;
            let tt = t.get();
            Some(if m.is_complete() {
                view! { <span class="l3-ok">{tt.l3.typical_complete}</span> }.into_any()
            } else {
                let miss = m
                    .missing
                    .iter()
                    .map(|r| fill(tt.l3.no_role, &[r.abbr_in(crate::state::current_lang())]))
                    .collect::<Vec<_>>()
                    .join(", ");
                view! { <span class="warning">{format!("✗ {miss}")}</span> }.into_any()
            })
        })
    };
    let fill_defaults = move |_| {
        let lang = store.lang.get_untracked();
        store.update(|p| {
            fill_default_template(p, channel, category, lang);
        })
    };
    let roles = Role::ALL
        .into_iter()
        .map(|role| {
            let rk = role_key(role);
            let base = format!("l3-pos-{ci}-{letter}-{rk}");
            let positions = move || {
                store.current.with(|p| {
                    p.as_ref()
                        .map(|p| template_positions(p, channel, category, role))
                        .unwrap_or_default()
                })
            };
            let base2 = base.clone();
            let rows = move || {
                positions()
                    .into_iter()
                    .enumerate()
                    .map(|(i, pos)| {
                        let label = pos.clone();
                        view! {
                            <li>
                                <input class="input" data-testid=format!("{base2}-{i}") prop:value=pos
                                    aria-label=role.abbr_in(crate::state::current_lang())
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        store.update(|p| { set_position(p, channel, category, role, i, &v); });
                                    } />
                                <button class="btn ghost small" data-testid=format!("{base2}-del-{i}")
                                    title=move || t.get().l3.delete
                                    on:click=move |_| {
                                        if confirm(&fill(t.get_untracked().l3.delete_position_confirm, &[&label])) {
                                            store.update(|p| { remove_position(p, channel, category, role, i); });
                                        }
                                    }>"✕"</button>
                            </li>
                        }
                    })
                    .collect_view()
            };
            let dup = RwSignal::new(false);
            view! {
                <div class="l3-role">
                    <h4><crate::components::a11y::TermHint term=crate::i18n::glossary::role_term(role)>{role.abbr_in(crate::state::current_lang())}</crate::components::a11y::TermHint></h4>
                    <ul class="l3-positions">{rows}</ul>
                    <input class="input" data-testid=format!("{base}-add")
                        placeholder=move || t.get().l3.add_position
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if v.trim().is_empty() { return; }
                            let mut ok = false;
                            store.update(|p| ok = add_position(p, channel, category, role, &v));
                            dup.set(!ok);
                            if ok {
                                if let Some(el) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
                                    el.set_value("");
                                }
                            }
                        } />
                    {move || dup.get().then(|| view! { <p class="error-text">{t.get().l3.position_exists}</p> })}
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="l3-typical-map" data-testid=format!("l3-typical-{key}")>
            <h3>
                {move || fill(t.get().l3.typical_for, &[letter])}
                " "
                <span data-testid=format!("l3-typical-status-{key}")>{status}</span>
            </h3>
            <button class="btn small" data-testid=format!("l3-fill-{key}") on:click=fill_defaults>
                {move || t.get().l3.fill_defaults}
            </button>
            <div class="l3-roles">{roles}</div>
        </div>
    }
}
