//! «Бизнесы, каналы, география»: the three reference lists. Add, rename, delete; a value in use
//! is only deleted when the user picks where its references go (`domain::edit`).

use super::parse_id;
use crate::components::a11y::ActionsTh;
use crate::domain::edit::{dimension_name_taken, dimension_usage, remove_dimension, DimKind};
use crate::domain::{new_id, Dimension, Id};
use crate::i18n::edit::{dim_usage_text, edit_error_text};
use crate::i18n::fill;
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

#[component]
pub fn DimsTab() -> impl IntoView {
    let t = use_i18n();
    view! {
        <p class="muted">{move || t.get().l1.dims_help}</p>
        <div class="l1-dims">
            <DimList kind=DimKind::BusinessLine slug="line" />
            <DimList kind=DimKind::Channel slug="channel" />
            <DimList kind=DimKind::Region slug="region" />
        </div>
    }
}

#[component]
fn DimList(kind: DimKind, slug: &'static str) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let error = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());
    // Per row: the chosen target of "move references to" (id of the row → target).
    let targets = RwSignal::new(Vec::<(Id, Id)>::new());
    let items = Memo::new(move |_| {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| {
                    kind.list(p)
                        .iter()
                        .map(|d| (d.id, d.name.clone(), dimension_usage(p, kind, d.id)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let title = move || {
        let c = t.get();
        match kind {
            DimKind::BusinessLine => c.l1.business_lines,
            DimKind::Channel => c.l1.channels,
            DimKind::Region => c.l1.regions,
        }
    };
    let add = move || {
        let name = new_name.get_untracked().trim().to_string();
        if name.is_empty() {
            error.set(Some(t.get_untracked().l1.name_required.to_string()));
            return;
        }
        let dup = store.current.with_untracked(|p| {
            p.as_ref()
                .is_some_and(|p| dimension_name_taken(kind.list(p), &name, None))
        });
        if dup {
            error.set(Some(fill(t.get_untracked().l1.dim_exists, &[&name])));
            return;
        }
        error.set(None);
        store.update(|p| kind.list_mut(p).push(Dimension { id: new_id(), name }));
        new_name.set(String::new());
    };
    view! {
        <section class="l1-dim" data-testid=format!("dims-{slug}")>
            <h2>{title}</h2>
            {crate::components::export::table_export(&format!("tbl-dims-{slug}"), &format!("dims-{slug}"))}
            <div class="table-box" tabindex="0"><table id=format!("tbl-dims-{slug}") class="table">
                <thead><tr><th>{move || t.get().l1.dim_name}</th><th class="num">{move || t.get().l1.dim_used}</th>
                    <th>{move || t.get().l1.move_to}</th><ActionsTh /></tr></thead>
                <tbody>
                    {move || {
                        let all = items.get();
                        let others = all.iter().map(|(id, n, _)| (*id, n.clone())).collect::<Vec<_>>();
                        all.into_iter().map(|(id, name, usage)| {
                            let n2 = name.clone();
                            let choices: Vec<(Id, String)> = others.iter().filter(|(o, _)| *o != id).cloned().collect();
                            let used = usage.total();
                            view! {
                                <tr data-testid="dim-row">
                                    <td><input class="input" data-testid="dim-name" aria-label={ let n = name.clone(); move || crate::i18n::cell_name(t.get().l1.dim_name, &n) } prop:value=name
                                        on:change=move |ev| {
                                            let v = event_target_value(&ev).trim().to_string();
                                            if v.is_empty() { error.set(Some(t.get_untracked().l1.name_required.to_string())); return; }
                                            if store.current.with_untracked(|p| p.as_ref().is_some_and(|p| dimension_name_taken(kind.list(p), &v, Some(id)))) {
                                                error.set(Some(fill(t.get_untracked().l1.dim_exists, &[&v])));
                                                return;
                                            }
                                            error.set(None);
                                            store.update(|p| if let Some(d) = kind.list_mut(p).iter_mut().find(|d| d.id == id) { d.name = v });
                                        } /></td>
                                    <td class="num" data-testid="dim-used" title=move || dim_usage_text(&usage, lang.get())>{used}</td>
                                    <td>{(used > 0).then(|| view! {
                                        <select class="input" data-testid="dim-move-to" aria-label={ let n = n2.clone(); move || crate::i18n::cell_name(t.get().l1.move_to, &n) } on:change=move |ev| {
                                            let v = parse_id(&event_target_value(&ev));
                                            targets.update(|t| { t.retain(|(r, _)| *r != id); if let Some(v) = v { t.push((id, v)) } });
                                        }>
                                            <option value="">{move || t.get().l1.move_choose}</option>
                                            {choices.iter().map(|(cid, cn)| view! { <option value=cid.to_string()>{cn.clone()}</option> }).collect_view()}
                                        </select>
                                    })}</td>
                                    <td><button class="btn ghost" data-testid="dim-delete" on:click=move |_| {
                                        let target = targets.with_untracked(|t| t.iter().find(|(r, _)| *r == id).map(|(_, v)| *v));
                                        let c = t.get_untracked();
                                        let question = match (used, target) {
                                            (0, _) => fill(c.l1.confirm_dim_delete, &[&n2]),
                                            (_, Some(to)) => {
                                                let to_name = store.current.with_untracked(|p| p.as_ref().map(|p| super::dim_name(kind.list(p), Some(to))).unwrap_or_default());
                                                fill(c.l1.confirm_dim_move, &[&n2, &used.to_string(), &to_name])
                                            }
                                            _ => {
                                                let mut msg = Ok(());
                                                store.current.with_untracked(|p| if let Some(p) = p.as_ref() {
                                                    let mut q = p.clone();
                                                    msg = remove_dimension(&mut q, kind, id, None);
                                                });
                                                error.set(msg.err().map(|e| format!("«{n2}»: {}", edit_error_text(&e, lang.get_untracked()))));
                                                return;
                                            }
                                        };
                                        if window().confirm_with_message(&question).unwrap_or(false) {
                                            let mut res = Ok(());
                                            store.update(|p| res = remove_dimension(p, kind, id, target));
                                            error.set(res.err().map(|e| edit_error_text(&e, lang.get_untracked())));
                                        }
                                    }>{move || t.get().l1.delete}</button></td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table></div>
            {move || error.get().map(|e| view! { <p class="error-text" data-testid="dim-error">{e}</p> })}
            <div class="l1-toolbar no-print">
                <input class="input" data-testid="dim-new" placeholder=move || t.get().l1.dim_name
                    prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { add() } />
                <button class="btn" data-testid="dim-add" on:click=move |_| add()>{move || t.get().l1.add_value}</button>
            </div>
        </section>
    }
}
