//! The client base: filter (text, business line, channel, region, manager), sort, pages of
//! [`PAGE`] rows (10 000 clients stay responsive), inline edit with selects (a client may work
//! in several business lines: those are checkboxes in a drop-down), add, delete.

use super::{dim_items, manager_items, options, parse_id, PAGE};
use crate::domain::clients::{client_list, ClientQuery, ClientSort, DimFilter};
use crate::domain::{edit, Category, Client, ClientRevenue, Id, Money};
use crate::i18n::edit::edit_error_text;
use crate::i18n::format::{fmt_amount, parse_number};
use crate::i18n::{cell_name, fill};
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

fn parse_filter(s: &str) -> DimFilter {
    match s {
        "" => None,
        "none" => Some(None),
        x => parse_id(x).map(Some),
    }
}

/// `lines` with `line` added or removed, in the order of the project's list.
fn toggled(all: &[Id], lines: &[Id], line: Id, on: bool) -> Vec<Id> {
    all.iter()
        .copied()
        .filter(|l| if *l == line { on } else { lines.contains(l) })
        .collect()
}

#[component]
pub fn ClientsTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let filter = RwSignal::new(String::new());
    let f_line = RwSignal::new(None::<Option<Id>>);
    let f_channel = RwSignal::new(None::<Option<Id>>);
    let f_region = RwSignal::new(None::<Option<Id>>);
    let f_manager = RwSignal::new(None::<Option<Id>>);
    let sort = RwSignal::new(("name", true));
    let page = RwSignal::new(0usize);
    // The client whose business-line drop-down is open: it stays open while boxes are ticked
    // (each tick redraws the rows).
    let open_lines = RwSignal::new(None::<Id>);
    let error = RwSignal::new(None::<String>);
    let new_code = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let year = Memo::new(move |_| {
        store
            .current
            .with(|p| p.as_ref().map(crate::domain::layer1::abc::abc_year))
            .unwrap_or(0)
    });
    let unit = move || {
        store
            .current
            .with(|p| crate::i18n::format::project_unit_label(p.as_ref(), lang.get()))
    };
    let lists = Memo::new(move |_| {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| {
                    (
                        dim_items(&p.business_lines),
                        dim_items(&p.channels),
                        dim_items(&p.regions),
                        manager_items(p),
                    )
                })
                .unwrap_or_default()
        })
    });
    let rows = Memo::new(move |_| {
        let f = filter.get();
        let (fl, fc, fr, fm) = (
            f_line.get(),
            f_channel.get(),
            f_region.get(),
            f_manager.get(),
        );
        let (key, asc) = sort.get();
        let q = ClientQuery {
            text: f,
            line: fl,
            channel: fc,
            region: fr,
            manager: fm,
            sort: match key {
                "code" => ClientSort::Code,
                "revenue" => ClientSort::Revenue,
                "category" => ClientSort::Category,
                _ => ClientSort::Name,
            },
            ascending: asc,
        };
        store
            .current
            .with(|p| p.as_ref().map(|p| client_list(p, &q)).unwrap_or_default())
    });
    let set_revenue = move |id: Id, s: String| match parse_number(&s) {
        Some(x) => {
            error.set(None);
            let y = year.get_untracked();
            store.update(|p| {
                let m = Money::from_f64(x);
                if let Some(r) = p
                    .revenues
                    .iter_mut()
                    .find(|r| r.client_id == id && r.year == y)
                {
                    r.amount = m;
                } else {
                    p.revenues.push(ClientRevenue {
                        client_id: id,
                        year: y,
                        amount: m,
                        won_deals: None,
                        avg_cycle_days: None,
                    });
                }
            })
        }
        None => error.set(Some(t.get_untracked().l1.bad_number.to_string())),
    };
    let edit_client = move |id: Id, f: Box<dyn FnOnce(&mut Client)>| {
        error.set(None);
        store.update(|p| {
            if let Some(c) = p.clients.iter_mut().find(|c| c.id == id) {
                f(c)
            }
        })
    };
    // «Код «K01» уже у клиента «…»», or `None` when the code is free.
    let code_taken = move |code: &str, except: Option<Id>| {
        store.current.with_untracked(|p| {
            let c = edit::client_with_code(p.as_ref()?, code, except)?;
            Some(fill(
                t.get_untracked().l1.code_taken,
                &[code.trim(), &c.label()],
            ))
        })
    };
    let add = move |_| {
        let name = new_name.get_untracked().trim().to_string();
        if name.is_empty() {
            error.set(Some(t.get_untracked().l1.name_required.to_string()));
            return;
        }
        let code = new_code.get_untracked().trim().to_string();
        if let Some(taken) = code_taken(&code, None) {
            error.set(Some(taken));
            return;
        }
        error.set(None);
        store.update(|p| p.clients.push(Client::new(code.clone(), name.clone())));
        // Show the new client: filter by its name.
        filter.set(name);
        page.set(0);
        new_code.set(String::new());
        new_name.set(String::new());
    };
    let lines_picker = move |id: Id, lines: &[Id], all: &[(Id, String)]| {
        let summary = all
            .iter()
            .filter(|(l, _)| lines.contains(l))
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let summary = if summary.is_empty() {
            "—".to_string()
        } else {
            summary
        };
        let ids: Vec<Id> = all.iter().map(|(l, _)| *l).collect();
        let boxes = all
            .iter()
            .cloned()
            .map(|(line, name)| {
                let (ids, lines) = (ids.clone(), lines.to_vec());
                let on = lines.contains(&line);
                view! {
                    <label><input type="checkbox" data-testid="client-line-option" prop:checked=on
                        on:change=move |ev| {
                            let v = toggled(&ids, &lines, line, event_target_checked(&ev));
                            edit_client(id, Box::new(move |c| c.business_line_ids = v))
                        } />{name}</label>
                }
            })
            .collect_view();
        view! {
            <details class="l1-multi" data-testid="client-lines" prop:open=move || open_lines.get() == Some(id)
                on:toggle=move |ev| {
                    let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                    open_lines.update(|o| if open { *o = Some(id) } else if *o == Some(id) { *o = None });
                }>
                <summary data-testid="client-lines-summary" title=summary.clone()>{summary.clone()}</summary>
                <div class="l1-multi-menu">{boxes}</div>
            </details>
        }
    };
    let head = move |key: &'static str, label: Box<dyn Fn() -> String + Send + Sync>| {
        view! {
            <th><button class="btn ghost" data-testid=format!("sort-{key}")
                on:click=move |_| sort.update(|s| *s = if s.0 == key { (key, !s.1) } else { (key, true) })>
                {label}<span data-export="skip">{move || { let s = sort.get(); if s.0 == key { if s.1 { " ▲" } else { " ▼" } } else { "" } }}</span>
            </button></th>
        }
    };
    let filter_select = move |testid: &'static str, sig: RwSignal<DimFilter>, which: usize| {
        view! {
            <select class="input" data-testid=testid on:change=move |ev| { sig.set(parse_filter(&event_target_value(&ev))); page.set(0) }>
                <option value="" selected=move || sig.get().is_none()>{move || t.get().l1.all}</option>
                <option value="none" selected=move || sig.get() == Some(None)>{move || t.get().l1.not_set}</option>
                {move || {
                    let l = lists.get();
                    let items = match which { 0 => l.0, 1 => l.1, 2 => l.2, _ => l.3 };
                    items.into_iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=move || sig.get() == Some(Some(id))>{name}</option>
                    }).collect_view()
                }}
            </select>
        }
    };
    view! {
        <div class="l1-toolbar no-print">
            <input class="input" data-testid="client-filter" placeholder=move || t.get().l1.filter aria-label=move || t.get().l1.filter
                prop:value=move || filter.get()
                on:input=move |ev| { filter.set(event_target_value(&ev)); page.set(0) } />
            <label class="l1-inline">{move || t.get().l1.business_line}{filter_select("filter-line", f_line, 0)}</label>
            <label class="l1-inline">{move || t.get().l1.channel}{filter_select("filter-channel", f_channel, 1)}</label>
            <label class="l1-inline">{move || t.get().l1.region}{filter_select("filter-region", f_region, 2)}</label>
            <label class="l1-inline">{move || t.get().l1.manager}{filter_select("filter-manager", f_manager, 3)}</label>
            <crate::components::table_import::ImportClientsButton />
        </div>
        <div class="l1-toolbar no-print" data-testid="client-add-form">
            <input class="input l1-short" data-testid="new-client-code" placeholder=move || t.get().l1.code aria-label=move || t.get().l1.code
                prop:value=move || new_code.get() on:input=move |ev| new_code.set(event_target_value(&ev)) />
            <input class="input" data-testid="new-client-name" placeholder=move || t.get().l1.name aria-label=move || t.get().l1.name
                prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) />
            <button class="btn primary" data-testid="client-add" on:click=add>{move || t.get().l1.add}</button>
        </div>
        {move || error.get().map(|e| view! { <p class="error-text" data-testid="client-error">{e}</p> })}
        {crate::components::export::table_export("tbl-clients-table", "clients")}
        <div class="table-box" tabindex="0">
        <table id="tbl-clients-table" class="table" data-testid="clients-table">
            <thead><tr>
                {head("code", Box::new(move || t.get().l1.code.to_string()))}
                {head("name", Box::new(move || t.get().l1.name.to_string()))}
                {head("revenue", Box::new(move || format!("{}, {}", fill(t.get().l1.revenue, &[&year.get().to_string()]), unit())))}
                {head("category", Box::new(move || t.get().l1.category.to_string()))}
                <th>{move || t.get().l1.business_line}</th>
                <th>{move || t.get().l1.channel}</th>
                <th>{move || t.get().l1.region}</th>
                <th>{move || t.get().l1.manager}</th>
                <crate::components::a11y::ActionsTh />
            </tr></thead>
            <tbody>
                {move || {
                    let all = rows.get();
                    let (bl, ch, rg, mg) = lists.get();
                    let start = (page.get() * PAGE).min(all.len());
                    all[start..(start + PAGE).min(all.len())].iter().cloned().map(|r| {
                        let id = r.id;
                        let n2 = r.name.clone();
                        view! {
                            <tr data-testid="client-row">
                                <td><input class="input l1-short" prop:value=r.code data-testid="client-code" aria-label={ let n = r.name.clone(); move || cell_name(t.get().l1.code, &n) }
                                    on:change=move |ev| { let v = event_target_value(&ev); match code_taken(&v, Some(id)) {
                                        Some(taken) => error.set(Some(taken)),
                                        None => edit_client(id, Box::new(move |c| c.code = v.trim().to_string())),
                                    } } /></td>
                                <td><input class="input" prop:value=r.name.clone() data-testid="client-name" aria-label={ let n = r.name.clone(); move || cell_name(t.get().l1.name, &n) }
                                    on:change=move |ev| { let v = event_target_value(&ev); if v.trim().is_empty() { error.set(Some(t.get_untracked().l1.name_required.to_string())) } else { edit_client(id, Box::new(move |c| c.name = v.trim().to_string())) } } /></td>
                                <td class="num"><input class="input num" prop:value=fmt_amount(r.revenue, lang.get_untracked()) data-testid="client-revenue" aria-label={ let n = r.name.clone(); move || cell_name(&fill(t.get().l1.revenue, &[&year.get().to_string()]), &n) }
                                    on:change=move |ev| set_revenue(id, event_target_value(&ev)) /></td>
                                <td><select class="input l1-cat" data-testid="client-category" aria-label={ let n = r.name.clone(); move || cell_name(t.get().l1.category, &n) }
                                    title=move || if r.category_override.is_some() { fill(t.get().l1.cat_manual, &[r.category.letter(), r.computed.letter()]) } else { String::new() }
                                    on:change=move |ev| { let v = Category::parse(&event_target_value(&ev)); edit_client(id, Box::new(move |c| c.category_override = v)) }>
                                    <option value="" selected=r.category_override.is_none()>{fill(t.get_untracked().l1.cat_auto, &[r.computed.letter()])}</option>
                                    {[Category::A, Category::B, Category::C, Category::N].into_iter().map(|k| view! {
                                        <option value=k.letter() selected=r.category_override == Some(k)>{k.letter()}</option>
                                    }).collect_view()}
                                </select></td>
                                <td>{lines_picker(id, &r.lines, &bl)}</td>
                                <td><select class="input" data-testid="client-channel" aria-label={ let n = r.name.clone(); move || cell_name(t.get().l1.channel, &n) } on:change=move |ev| { let v = parse_id(&event_target_value(&ev)); edit_client(id, Box::new(move |c| c.channel_id = v)) }>
                                    {options(ch.clone(), r.channel, "—")}</select></td>
                                <td><select class="input" data-testid="client-region" aria-label={ let n = r.name.clone(); move || cell_name(t.get().l1.region, &n) } on:change=move |ev| { let v = parse_id(&event_target_value(&ev)); edit_client(id, Box::new(move |c| c.region_id = v)) }>
                                    {options(rg.clone(), r.region, "—")}</select></td>
                                <td><select class="input" data-testid="client-manager" aria-label={ let n = r.name.clone(); move || cell_name(t.get().l1.manager, &n) } on:change=move |ev| { let v = parse_id(&event_target_value(&ev)); edit_client(id, Box::new(move |c| c.manager_id = v)) }>
                                    {options(mg.clone(), r.manager, "—")}</select></td>
                                <td><button class="btn ghost" data-testid="client-delete" on:click=move |_| {
                                    if let Some(why) = store.current.with_untracked(|p| p.as_ref().and_then(|p| edit::client_removal_blocker(p, id))) {
                                        error.set(Some(edit_error_text(&why, lang.get_untracked())));
                                        return;
                                    }
                                    let ok = window().confirm_with_message(&fill(t.get_untracked().l1.confirm_delete, &[&n2])).unwrap_or(false);
                                    if ok {
                                        let mut res = Ok(());
                                        store.update(|p| res = edit::remove_client(p, id));
                                        error.set(res.err().map(|e| edit_error_text(&e, lang.get_untracked())));
                                    }
                                }>{move || t.get().l1.delete}</button></td>
                            </tr>
                        }
                    }).collect_view()
                }}
            </tbody>
        </table>
        </div>
        <div class="l1-pager no-print">
            <button class="btn ghost" data-testid="client-prev" disabled=move || page.get() == 0 on:click=move |_| page.update(|x| *x = x.saturating_sub(1))>{move || t.get().l1.prev}</button>
            <span data-testid="client-count">{move || {
                let n = rows.with(|r| r.len());
                let shown = n.saturating_sub(page.get() * PAGE).min(PAGE);
                fill(t.get().l1.shown, &[&shown.to_string(), &n.to_string()])
            }}</span>
            <button class="btn ghost" data-testid="client-next" disabled=move || { (page.get() + 1) * PAGE >= rows.with(|r| r.len()) }
                on:click=move |_| page.update(|x| *x += 1)>{move || t.get().l1.next}</button>
        </div>
    }
}
