//! Tab «Матрица преимуществ»: needs and advantages of a channel and the editable grid of
//! strengths 0–3, with the flags of [`tools::advantage_matrix`].

use super::{confirm, use_channel, ChannelPicker};
use crate::domain::{layer4, new_id, tools, Advantage, Id, MatrixCell, Need, Role};
use crate::i18n::{cell_name, fill};
use crate::state::route::L4Tab;
use crate::state::store::use_store;
use crate::state::use_i18n;
use leptos::prelude::*;

/// Sets the strength of a cell (0 removes it).
fn set_strength(cells: &mut Vec<MatrixCell>, need_id: Id, advantage_id: Id, strength: u8) {
    cells.retain(|c| !(c.need_id == need_id && c.advantage_id == advantage_id));
    if strength > 0 {
        cells.push(MatrixCell {
            need_id,
            advantage_id,
            strength,
        });
    }
}

#[component]
pub fn MatrixTab() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let channel = use_channel();
    let matrix = Memo::new(move |_| {
        let ch = channel.get()?;
        store
            .current
            .with(|p| p.as_ref().map(|p| layer4::matrix_view(p, ch)))
    });
    let add_need = move |_| {
        if let Some(ch) = channel.get_untracked() {
            store.update(|p| {
                p.layer4.needs.push(Need {
                    id: new_id(),
                    channel_id: ch,
                    text: String::new(),
                    order: 3,
                    role: Role::Lfr,
                    problem_if_unsolved: String::new(),
                    parent_id: None,
                })
            })
        }
    };
    let add_adv = move |_| {
        if let Some(ch) = channel.get_untracked() {
            store.update(|p| {
                p.layer4.advantages.push(Advantage {
                    id: new_id(),
                    channel_id: ch,
                    text: String::new(),
                    order: 3,
                    proof: String::new(),
                    competitor_vulnerability: String::new(),
                })
            })
        }
    };
    view! {
        <div data-testid="l4-matrix-tab">
            <ChannelPicker tab=L4Tab::Matrix />
            <h2>{move || t.get().l4.matrix_title}</h2>
            <p class="muted">{move || t.get().l4.matrix_hint}</p>
            {move || matrix.get().map(|v| {
                let m = &v.matrix;
                if m.needs.is_empty() && m.advantages.is_empty() {
                    return view! { <p class="empty-state" data-testid="l4-matrix-empty">{t.get().l4.matrix_empty}</p> }.into_any();
                }
                let advs = m.advantages.clone();
                view! {
                    {crate::components::export::table_export("tbl-l4-matrix", "advantage-matrix")}
                    <div class="table-box" tabindex="0">
                    <table id="tbl-l4-matrix" class="table l4-grid" data-testid="l4-matrix">
                        <thead><tr>
                            <th>{t.get().l4.need_vs_adv}</th>
                            {v.advantage_texts.iter().map(|a| view! { <th scope="col" class="l4-adv-head">{a.clone()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {m.needs.iter().enumerate().map(|(r, n)| {
                                let nid = *n;
                                let ntext = v.need_texts.get(r).cloned().unwrap_or_default();
                                let uncovered = m.uncovered_needs.contains(n);
                                view! {
                                    <tr data-testid="l4-matrix-row">
                                        <th scope="row">{ntext.clone()}
                                            {uncovered.then(|| view! { <span class="warning l4-flag" data-testid="l4-flag-need">{" ⚠ "}{t.get().l4.flag_uncovered}</span> })}
                                        </th>
                                        {advs.iter().enumerate().map(|(c, a)| {
                                            let aid = *a;
                                            let s = m.strengths[r][c];
                                            let label = format!("{} × {}", ntext, v.advantage_texts.get(c).map(String::as_str).unwrap_or_default());
                                            view! { <td class="num">
                                                <select class="input l4-strength" aria-label=label data-testid=format!("cell-{r}-{c}")
                                                    on:change=move |ev| { let v: u8 = event_target_value(&ev).parse().unwrap_or(0); store.update(|p| set_strength(&mut p.layer4.matrix, nid, aid, v.min(tools::MAX_STRENGTH))) }>
                                                    {(0..=tools::MAX_STRENGTH).map(|k| view! { <option value=k.to_string() selected=k == s>{k.to_string()}</option> }).collect_view()}
                                                </select>
                                            </td> }
                                        }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    <ul class="l4-flags" data-testid="l4-matrix-flags">
                        {v.uncovered_texts.iter().map(|n| view! { <li class="warning" data-testid="l4-uncovered">{"⚠ "}{fill(t.get().l4.uncovered_item, &[n])}</li> }).collect_view()}
                        {v.unused_texts.iter().map(|a| view! { <li class="warning" data-testid="l4-unused">{"⚠ "}{fill(t.get().l4.unused_item, &[a])}</li> }).collect_view()}
                        {(m.uncovered_needs.is_empty() && m.unused_advantages.is_empty()).then(|| view! { <li class="ok" data-testid="l4-matrix-ok">{"✓ "}{t.get().l4.matrix_ok}</li> })}
                    </ul>
                }.into_any()
            })}
            <h2>{move || t.get().l4.needs_title}</h2>
            <NeedsTable channel=channel />
            <button class="btn" data-testid="l4-add-need" on:click=add_need>{move || t.get().l4.add_need}</button>
            <h2>{move || t.get().l4.advantages_title}</h2>
            <AdvantagesTable channel=channel />
            <button class="btn" data-testid="l4-add-adv" on:click=add_adv>{move || t.get().l4.add_advantage}</button>
        </div>
    }
}

fn role_select(role: Role, label: String, on: impl Fn(Role) + 'static) -> impl IntoView {
    view! {
        <select class="input" aria-label=label on:change=move |ev| on(if event_target_value(&ev) == "LPR" { Role::Lpr } else { Role::Lfr })>
            <option value="LFR" selected=role == Role::Lfr>{Role::Lfr.abbr_in(crate::state::current_lang())}</option>
            <option value="LPR" selected=role == Role::Lpr>{Role::Lpr.abbr_in(crate::state::current_lang())}</option>
        </select>
    }
}

fn order_select(order: u8, label: String, on: impl Fn(u8) + 'static) -> impl IntoView {
    view! {
        <select class="input" aria-label=label on:change=move |ev| on(event_target_value(&ev).parse().unwrap_or(1))>
            {(1u8..=4).map(|k| view! { <option value=k.to_string() selected=k == order>{k.to_string()}</option> }).collect_view()}
        </select>
    }
}

#[component]
fn NeedsTable(channel: Memo<Option<Id>>) -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let upd = move |id: Id, f: Box<dyn FnOnce(&mut Need)>| {
        store.update(|p| {
            if let Some(n) = p.layer4.needs.iter_mut().find(|n| n.id == id) {
                f(n)
            }
        })
    };
    view! {
        {crate::components::export::table_export("tbl-l4-needs", "needs")}
        <div class="table-box" tabindex="0"><table id="tbl-l4-needs" class="table" data-testid="l4-needs">
            <thead><tr>
                <th>{move || t.get().l4.col_need}</th><th>{move || t.get().l4.col_order}</th>
                <th>{move || t.get().l4.col_role}</th><th>{move || t.get().l4.col_problem}</th><crate::components::a11y::ActionsTh />
            </tr></thead>
            <tbody>
            {move || {
                let ch = channel.get();
                store.current.with(|p| p.as_ref().zip(ch).map(|(p, ch)| layer4::channel_needs(p, ch).into_iter().map(|n| {
                    let id = n.id;
                    let text = n.text.clone();
                    view! { <tr>
                        <td><input class="input" prop:value=n.text.clone() aria-label=cell_name(t.get().l4.col_need, &text)
                            on:change=move |ev| { let v = event_target_value(&ev); upd(id, Box::new(move |n| n.text = v)) } /></td>
                        <td>{order_select(n.order, cell_name(t.get().l4.col_order, &text), move |o| upd(id, Box::new(move |n| n.order = o)))}</td>
                        <td>{role_select(n.role, cell_name(t.get().l4.col_role, &text), move |r| upd(id, Box::new(move |n| n.role = r)))}</td>
                        <td><input class="input" prop:value=n.problem_if_unsolved.clone() aria-label=cell_name(t.get().l4.col_problem, &text)
                            on:change=move |ev| { let v = event_target_value(&ev); upd(id, Box::new(move |n| n.problem_if_unsolved = v)) } /></td>
                        <td><button class="btn ghost" aria-label=cell_name(t.get().l4.delete, &text) on:click=move |_| {
                            if confirm(&fill(t.get_untracked().l4.delete_confirm, &[&text])) {
                                store.update(|p| { p.layer4.needs.retain(|n| n.id != id); p.layer4.matrix.retain(|c| c.need_id != id); })
                            }
                        }>"✕"</button></td>
                    </tr> }
                }).collect_view()))
            }}
            </tbody>
        </table></div>
    }
}

#[component]
fn AdvantagesTable(channel: Memo<Option<Id>>) -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let upd = move |id: Id, f: Box<dyn FnOnce(&mut Advantage)>| {
        store.update(|p| {
            if let Some(a) = p.layer4.advantages.iter_mut().find(|a| a.id == id) {
                f(a)
            }
        })
    };
    view! {
        {crate::components::export::table_export("tbl-l4-advantages", "advantages")}
        <div class="table-box" tabindex="0"><table id="tbl-l4-advantages" class="table" data-testid="l4-advantages">
            <thead><tr>
                <th>{move || t.get().l4.col_advantage}</th><th>{move || t.get().l4.col_order}</th>
                <th>{move || t.get().l4.col_proof}</th><th>{move || t.get().l4.col_vulnerability}</th><crate::components::a11y::ActionsTh />
            </tr></thead>
            <tbody>
            {move || {
                let ch = channel.get();
                store.current.with(|p| p.as_ref().zip(ch).map(|(p, ch)| layer4::channel_advantages(p, ch).into_iter().map(|a| {
                    let id = a.id;
                    let text = a.text.clone();
                    view! { <tr>
                        <td><input class="input" prop:value=a.text.clone() aria-label=cell_name(t.get().l4.col_advantage, &text)
                            on:change=move |ev| { let v = event_target_value(&ev); upd(id, Box::new(move |a| a.text = v)) } /></td>
                        <td>{order_select(a.order, cell_name(t.get().l4.col_order, &text), move |o| upd(id, Box::new(move |a| a.order = o)))}</td>
                        <td><input class="input" prop:value=a.proof.clone() aria-label=cell_name(t.get().l4.col_proof, &text)
                            on:change=move |ev| { let v = event_target_value(&ev); upd(id, Box::new(move |a| a.proof = v)) } /></td>
                        <td><input class="input" prop:value=a.competitor_vulnerability.clone() aria-label=cell_name(t.get().l4.col_vulnerability, &text)
                            on:change=move |ev| { let v = event_target_value(&ev); upd(id, Box::new(move |a| a.competitor_vulnerability = v)) } /></td>
                        <td><button class="btn ghost" aria-label=cell_name(t.get().l4.delete, &text) on:click=move |_| {
                            if confirm(&fill(t.get_untracked().l4.delete_confirm, &[&text])) {
                                store.update(|p| { p.layer4.advantages.retain(|a| a.id != id); p.layer4.matrix.retain(|c| c.advantage_id != id); })
                            }
                        }>"✕"</button></td>
                    </tr> }
                }).collect_view()))
            }}
            </tbody>
        </table></div>
    }
}
