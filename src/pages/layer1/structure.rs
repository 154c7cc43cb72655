//! «Определена структура отдела продаж»: the managers (name, territory, channels, category
//! focus, active), their clients per category with the warning above the A-client limit, the A
//! clients without a manager. Deleting a manager who owns records asks who takes them over
//! (`domain::edit::remove_manager`).

use super::{dim_items, manager_items, options, parse_id};
use crate::domain::edit::{manager_usage, remove_manager};
use crate::domain::layer1::abc::client_categories;
use crate::domain::layer1::{sales_structure, StructureWarning};
use crate::domain::{Category, Id, Manager};
use crate::i18n::edit::edit_error_text;
use crate::i18n::fill;
use crate::i18n::format::fmt_amount;
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

#[component]
pub fn StructureTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let err = RwSignal::new(None::<String>);
    let targets = RwSignal::new(Vec::<(Id, Id)>::new());
    let edit = move |id: Id, f: Box<dyn FnOnce(&mut Manager)>| {
        store.update(|p| {
            if let Some(m) = p.managers.iter_mut().find(|m| m.id == id) {
                f(m)
            }
        })
    };
    let structure = Memo::new(move |_| {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| sales_structure(p, &client_categories(p)))
        })
    });
    view! {
        <p class="muted">{move || t.get().l1.structure_help}</p>
        <div class="l1-toolbar no-print">
            <label class="l1-inline">{move || t.get().l1.max_a}
                <input class="input num l1-short" data-testid="max-a" prop:value=move || structure.get().map(|s| s.max_a_clients.to_string()).unwrap_or_default()
                    on:change=move |ev| { match event_target_value(&ev).trim().parse::<u32>() {
                        Ok(n) if n > 0 => { err.set(None); store.update(|p| p.layer1.max_a_clients_per_manager = Some(n)) }
                        _ => err.set(Some(t.get_untracked().l1.bad_count.to_string())),
                    } } /></label>
            <button class="btn primary" data-testid="manager-add" on:click=move |_| store.update(|p| {
                let n = p.managers.len() + 1;
                p.managers.push(Manager::new(format!("M{n}"), t.get_untracked().l1.new_manager))
            })>{move || t.get().l1.add_manager}</button>
        </div>
        {move || err.get().map(|e| view! { <p class="error-text" data-testid="structure-error">{e}</p> })}
        {crate::components::export::table_export("tbl-managers-table", "managers")}
        <div class="table-box" tabindex="0">
        <table id="tbl-managers-table" class="table" data-testid="managers-table">
            <thead><tr><th>{move || t.get().l1.code}</th><th>{move || t.get().l1.manager}</th><th>{move || t.get().l1.territory}</th>
                <th>{move || t.get().l1.channels}</th><th>{move || t.get().l1.focus}</th><th>{move || t.get().l1.active}</th>
                <th class="num">"A / B / C"</th><th class="num">{move || format!("{}, {}", t.get().l1.base_revenue, store.current.with(|p| crate::i18n::format::project_unit_label(p.as_ref(), lang.get())))}</th><th>{move || t.get().l1.move_to}</th><crate::components::a11y::ActionsTh /></tr></thead>
            <tbody>
            {move || store.current.with(|p| p.as_ref().map(|p| {
                let l = lang.get();
                let s = structure.get();
                let regions = dim_items(&p.regions);
                let all_managers = manager_items(p);
                p.managers.iter().enumerate().map(|(i, m)| {
                    let id = m.id;
                    let load = s.as_ref().and_then(|s| s.managers.get(i)).cloned();
                    let too_many = s.as_ref().is_some_and(|s| s.too_many_a(id));
                    let owns = manager_usage(p, id).total();
                    let name = m.name.clone();
                    let others: Vec<(Id, String)> = all_managers.iter().filter(|(o, _)| *o != id).cloned().collect();
                    view! { <tr data-testid="manager-row">
                        <td><input class="input l1-short" data-testid="manager-code" aria-label=crate::i18n::cell_name(t.get().l1.code, &name) prop:value=m.code.clone()
                            on:change=move |ev| { let v = event_target_value(&ev).trim().to_string(); edit(id, Box::new(move |m| m.code = v)) } /></td>
                        <td><input class="input" data-testid="manager-name" aria-label=crate::i18n::cell_name(t.get().l1.manager, &name) prop:value=m.name.clone()
                            on:change=move |ev| { let v = event_target_value(&ev).trim().to_string();
                                if v.is_empty() { err.set(Some(t.get_untracked().l1.name_required.to_string())) } else { err.set(None); edit(id, Box::new(move |m| m.name = v)) } } /></td>
                        <td><select class="input" data-testid="manager-region" aria-label=crate::i18n::cell_name(t.get().l1.territory, &name) on:change=move |ev| { let v = parse_id(&event_target_value(&ev)); edit(id, Box::new(move |m| m.region_id = v)) }>
                            {options(regions.clone(), m.region_id, "—")}</select></td>
                        <td class="l1-checks">{p.channels.iter().map(|c| {
                            let cid = c.id;
                            view! { <label><input type="checkbox" data-testid="manager-channel" prop:checked=m.channel_ids.contains(&cid)
                                on:change=move |ev| { let on = event_target_checked(&ev); edit(id, Box::new(move |m| { m.channel_ids.retain(|x| *x != cid); if on { m.channel_ids.push(cid) } })) } />
                                {c.name.clone()}</label> }
                        }).collect_view()}</td>
                        <td class="l1-checks">{Category::ABC.iter().map(|k| {
                            let k = *k;
                            view! { <label><input type="checkbox" data-testid=format!("manager-focus-{}", k.letter()) prop:checked=m.category_focus.contains(&k)
                                on:change=move |ev| { let on = event_target_checked(&ev); edit(id, Box::new(move |m| { m.category_focus.retain(|x| *x != k); if on { m.category_focus.push(k); m.category_focus.sort() } })) } />
                                {k.letter()}</label> }
                        }).collect_view()}</td>
                        <td><input type="checkbox" data-testid="manager-active" aria-label=crate::i18n::cell_name(t.get().l1.active, &name) prop:checked=m.active
                            on:change=move |ev| { let on = event_target_checked(&ev); edit(id, Box::new(move |m| m.active = on)) } /></td>
                        <td class="num" data-testid="manager-load">
                            {load.as_ref().map(|l| format!("{} / {} / {}", l.clients[0], l.clients[1], l.clients[2])).unwrap_or_default()}
                            {too_many.then(|| view! { <span class="error-text" data-testid="manager-too-many">" ⚠ "{move || t.get().l1.too_many_a}</span> })}
                        </td>
                        <td class="num">{load.map(|ld| fmt_amount(ld.base_revenue, l)).unwrap_or_default()}</td>
                        <td>{(owns > 0).then(|| view! {
                            <select class="input" data-testid="manager-move-to" aria-label=crate::i18n::cell_name(t.get().l1.move_to, &name) on:change=move |ev| {
                                let v = parse_id(&event_target_value(&ev));
                                targets.update(|t| { t.retain(|(r, _)| *r != id); if let Some(v) = v { t.push((id, v)) } });
                            }>
                                <option value="">{move || t.get().l1.move_choose}</option>
                                {others.iter().map(|(o, n)| view! { <option value=o.to_string()>{n.clone()}</option> }).collect_view()}
                            </select>
                        })}</td>
                        <td><button class="btn ghost" data-testid="manager-delete" on:click=move |_| {
                            let target = targets.with_untracked(|t| t.iter().find(|(r, _)| *r == id).map(|(_, v)| *v));
                            let c = t.get_untracked();
                            if owns > 0 && target.is_none() {
                                let mut res = Ok(());
                                store.current.with_untracked(|p| if let Some(p) = p.as_ref() { let mut q = p.clone(); res = remove_manager(&mut q, id, None); });
                                err.set(res.err().map(|e| edit_error_text(&e, lang.get_untracked())));
                                return;
                            }
                            let question = match target {
                                Some(to) => {
                                    let to_name = store.current.with_untracked(|p| p.as_ref().and_then(|p| p.manager(to)).map(|m| m.name.clone()).unwrap_or_default());
                                    fill(c.l1.confirm_manager_move, &[&name, &to_name])
                                }
                                None => fill(c.l1.confirm_manager_delete, &[&name]),
                            };
                            if window().confirm_with_message(&question).unwrap_or(false) {
                                let mut res = Ok(());
                                store.update(|p| res = remove_manager(p, id, target));
                                err.set(res.err().map(|e| edit_error_text(&e, lang.get_untracked())));
                            }
                        }>{move || t.get().l1.delete}</button></td>
                    </tr> }
                }).collect_view()
            }))}
            </tbody>
        </table>
        </div>
        <div data-testid="structure-warnings">
        {move || store.current.with(|p| p.as_ref().map(|p| {
            let c = t.get();
            let s = structure.get().unwrap_or_else(|| sales_structure(p, &client_categories(p)));
            let name = |id: Id| p.manager(id).map(|m| m.name.clone()).unwrap_or_default();
            let items: Vec<String> = s.warnings.iter().map(|w| match w {
                StructureWarning::TooManyAClients { manager_id, count, max } => fill(c.l1.warn_too_many, &[&name(*manager_id), &count.to_string(), &max.to_string()]),
                StructureWarning::AClientsWithoutManager { clients } => fill(c.l1.warn_a_without, &[&clients.iter().filter_map(|id| p.client(*id)).map(|c| c.label()).collect::<Vec<_>>().join(", ")]),
                StructureWarning::InactiveManagerHasClients { manager_id, clients } => fill(c.l1.warn_inactive, &[&name(*manager_id), &clients.to_string()]),
            }).collect();
            if items.is_empty() {
                view! { <p data-testid="structure-ok">{c.l1.structure_ok}</p> }.into_any()
            } else {
                view! { <ul class="warning">{items.into_iter().map(|s| view! { <li data-testid="structure-warning">"⚠ "{s}</li> }).collect_view()}</ul> }.into_any()
            }
        }))}
        </div>
    }
}
