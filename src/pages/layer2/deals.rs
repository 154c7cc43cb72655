//! The deals list (search, status, sort, paged) and the deal editor (`?deal=<id>`).

use super::{as_of, money, stage_label, status_label, unit, use_l2};
use crate::domain::layer2::{self, deal_list::DealSort, moves::MoveError};
use crate::domain::{DealStatus, Id, Money, Project};
use crate::i18n::edit::{history_problem_text, move_error_text};
use crate::i18n::fill;
use crate::i18n::format::{fmt_amount, fmt_date, parse_date, parse_number};
use crate::i18n::present;
use crate::state::route::{go_to, set_query, use_query, L2Tab, L3Tab, Place};
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

const PAGE: usize = 50;

fn status_value(s: DealStatus) -> &'static str {
    match s {
        DealStatus::Open => "open",
        DealStatus::Won => "won",
        DealStatus::Lost => "lost",
        DealStatus::OnHold => "on_hold",
    }
}

fn parse_status(s: &str) -> Option<DealStatus> {
    [
        DealStatus::Open,
        DealStatus::Won,
        DealStatus::Lost,
        DealStatus::OnHold,
    ]
    .into_iter()
    .find(|x| status_value(*x) == s)
}

#[component]
pub(super) fn DealsTab() -> impl IntoView {
    let deal = use_query("deal");
    view! {
        {move || match deal.get().and_then(|s| Id::parse_str(&s).ok()) {
            Some(id) => view! { <DealEditor id=id /> }.into_any(),
            None => view! { <DealsList /> }.into_any(),
        }}
    }
}

fn deal_href(id: Id) -> String {
    Place::L2(L2Tab::Deals).href(&[("deal", &id.to_string())])
}

#[component]
fn DealsList() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let cats = use_l2().cats;
    // Search, status and sort live in the query (`?q=…&status=won&sort=amount`) so that a
    // reload, a shared link and the back button keep them; the search text filters live while
    // typing and goes into the query when committed.
    let (q_text, q_status, q_sort) = (use_query("q"), use_query("status"), use_query("sort"));
    let text = RwSignal::new(q_text.get_untracked().unwrap_or_default());
    Effect::new(move |_| text.set(q_text.get().unwrap_or_default()));
    let status = Memo::new(move |_| q_status.get().as_deref().and_then(parse_status));
    let sort_key = Memo::new(move |_| q_sort.get().unwrap_or_else(|| "code".into()));
    let sort = Memo::new(move |_| match sort_key.get().as_str() {
        "amount" => DealSort::AmountDesc,
        "created" => DealSort::CreatedDesc,
        "stage" => DealSort::StageDesc,
        _ => DealSort::Code,
    });
    let page = RwSignal::new(0usize);
    let list = Memo::new(move |_| {
        let (q, s, o) = (text.get(), status.get(), sort.get());
        store.current.with(|p| {
            p.as_ref()
                .map(|p| layer2::deal_list::list_deals(p, &q, s, o))
                .unwrap_or_default()
        })
    });
    let pages = move || list.with(|l| l.len().div_ceil(PAGE).max(1));
    let add = move |_| {
        let mut new = None;
        store.update(|p| {
            let Some(lead) = layer2::leads::lead_stage(p)
                .and_then(|i| p.stages.get(i))
                .map(|s| s.id)
            else {
                return;
            };
            let d = layer2::deal_list::new_deal(
                &layer2::deal_list::next_deal_code(p),
                t.get_untracked().l2.d_new_title,
                lead,
                as_of(p),
            );
            let id = d.id;
            p.deals.push(d);
            new = Some(id);
        });
        if let Some(id) = new {
            go_to(&deal_href(id));
        }
    };
    let rows = move || {
        let t = t.get().l2;
        let lang = lang.get();
        let pg = page.get().min(pages() - 1);
        list.with(|l| {
            cats.with(|cats| {
                store.current.with(|p| {
                    let p = p.as_ref()?;
                    Some(
                        l.iter()
                            .skip(pg * PAGE)
                            .take(PAGE)
                            .filter_map(|&i| p.deals.get(i))
                            .map(|d| {
                                let cat = layer2::filter::deal_category(d, cats);
                                let client = d.client_id.and_then(|c| p.client(c)).map(|c| c.name.clone()).unwrap_or_default();
                                let mgr = layer2::filter::deal_manager(p, d).and_then(|m| p.manager(m)).map(|m| present::manager_name(m).to_string()).unwrap_or_default();
                                let stage = p.stage(d.stage_id).map(|s| present::stage_title(s, lang)).unwrap_or_default();
                                let mut st = status_label(d.status, &t).to_string();
                                if d.status == DealStatus::Lost && !d.lost_reason.is_empty() {
                                    st = format!("{st} ({})", d.lost_reason);
                                }
                                view! {
                                    <tr data-testid=format!("deal-row-{}", d.code)>
                                        <td><a href=deal_href(d.id)>{d.code.clone()}</a></td>
                                        <td>{d.title.clone()}</td>
                                        <td>{client}{d.client_id.map(|c| view! {
                                            " "
                                            <a class="small no-print" data-export="skip" data-testid=format!("deal-add-contact-{}", d.code)
                                                href=Place::L3(L3Tab::Maps).href(&[("client", &c.to_string()), ("add", "1")])>
                                                {crate::i18n::catalogue(lang).l3.deal_add_contact}
                                            </a>
                                        })}</td>
                                        <td>{cat.letter()}</td>
                                        <td>{mgr}</td>
                                        <td class="num">{fmt_amount(d.amount, lang)}</td>
                                        <td>{fmt_date(d.created)}</td>
                                        <td data-testid=format!("deal-stage-{}", d.code)>{stage}</td>
                                        <td data-testid=format!("deal-status-{}", d.code)>{st}</td>
                                        <td>{d.next_step.clone()}{d.next_step_date.map(|x| format!(" · {}", fmt_date(x)))}</td>
                                    </tr>
                                }
                            })
                            .collect_view(),
                    )
                })
            })
        })
    };
    let unit_text = move || {
        store
            .current
            .with(|p| p.as_ref().map(|p| unit(p, lang.get())).unwrap_or(""))
    };
    view! {
        <div data-testid="l2-deals-tab">
            <div class="toolbar no-print">
                <button class="btn primary" data-testid="add-deal" on:click=add>{move || t.get().l2.d_add}</button>
                <crate::components::table_import::ImportDealsButton />
                <label class="field">
                    <span>{move || t.get().l2.f_search}</span>
                    <input class="input" type="search" data-nav="" data-testid="deal-search" prop:value=move || text.get()
                        on:input=move |ev| { text.set(event_target_value(&ev)); page.set(0); }
                        on:change=move |ev| { let v = event_target_value(&ev); set_query(&[("q", (!v.trim().is_empty()).then_some(v.as_str()))]); } />
                </label>
                <label class="field">
                    <span>{move || t.get().l2.f_status}</span>
                    <select class="input" data-nav="" data-testid="deal-status-filter" on:change=move |ev| { let v = parse_status(&event_target_value(&ev)).map(status_value); set_query(&[("status", v)]); page.set(0); }>
                        <option value="" selected=move || status.get().is_none()>{move || t.get().l2.f_all}</option>
                        {[DealStatus::Open, DealStatus::Won, DealStatus::Lost, DealStatus::OnHold].into_iter().map(|s| view! {
                            <option value=status_value(s) selected=move || status.get() == Some(s)>{move || status_label(s, &t.get().l2)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().l2.f_sort}</span>
                    <select class="input" data-nav="" data-testid="deal-sort" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set_query(&[("sort", (v != "code").then_some(v.as_str()))]);
                    }>
                        <option value="code" selected=move || sort_key.get() == "code">{move || t.get().l2.sort_code}</option>
                        <option value="amount" selected=move || sort_key.get() == "amount">{move || t.get().l2.sort_amount}</option>
                        <option value="created" selected=move || sort_key.get() == "created">{move || t.get().l2.sort_created}</option>
                        <option value="stage" selected=move || sort_key.get() == "stage">{move || t.get().l2.sort_stage}</option>
                    </select>
                </label>
            </div>
            <p class="muted" data-testid="deals-shown">{move || {
                let n = list.with(|l| l.len());
                let from = page.get().min(pages() - 1) * PAGE;
                fill(t.get().l2.d_shown, &[&n.saturating_sub(from).min(PAGE).to_string(), &n.to_string()])
            }}</p>
            {crate::components::export::table_export("tbl-deals-table", "deals")}
            <div class="table-box" tabindex="0">
            <table id="tbl-deals-table" class="table l2-deals" data-testid="deals-table">
                <thead><tr>
                    <th scope="col">{move || t.get().l2.d_code}</th>
                    <th scope="col">{move || t.get().l2.d_title}</th>
                    <th scope="col">{move || t.get().l2.d_client}</th>
                    <th scope="col">{move || t.get().l2.d_cat}</th>
                    <th scope="col">{move || t.get().l2.manager}</th>
                    <th class="num" scope="col">{move || fill(t.get().l2.d_amount, &[unit_text()])}</th>
                    <th scope="col">{move || t.get().l2.d_created}</th>
                    <th scope="col">{move || t.get().l2.stage}</th>
                    <th scope="col">{move || t.get().l2.d_status}</th>
                    <th scope="col">{move || t.get().l2.d_next_step}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            </div>
            <div class="toolbar no-print">
                <button class="btn ghost" data-nav="" data-testid="deals-prev" disabled=move || page.get() == 0 on:click=move |_| page.update(|x| *x = x.saturating_sub(1))>{move || t.get().l2.d_prev}</button>
                <span data-testid="deals-page">{move || fill(t.get().l2.d_page, &[&(page.get().min(pages() - 1) + 1).to_string(), &pages().to_string()])}</span>
                <button class="btn ghost" data-nav="" data-testid="deals-next" disabled=move || { page.get() + 1 >= pages() } on:click=move |_| page.update(|x| *x += 1)>{move || t.get().l2.d_next}</button>
            </div>
        </div>
    }
}

/// Runs `f` on deal `id` inside the store; returns its error, if any.
fn edit_deal(
    store: crate::state::store::Store,
    id: Id,
    lang: crate::i18n::Lang,
    f: impl FnOnce(&[crate::domain::Stage], &mut crate::domain::Deal) -> Result<(), MoveError>,
) -> Option<String> {
    let mut out = None;
    store.update(|p| {
        let stages = &p.stages;
        match p.deals.iter_mut().find(|d| d.id == id) {
            Some(d) => out = f(stages, d).err().map(|e| move_error_text(&e, lang)),
            None => out = Some(crate::i18n::catalogue(lang).l2.d_not_found.to_string()),
        }
    });
    out
}

fn dim_options(
    list: &[crate::domain::Dimension],
    current: Option<Id>,
    none: &'static str,
) -> AnyView {
    let mut v =
        vec![view! { <option value="" selected=current.is_none()>{none}</option> }.into_any()];
    v.extend(list.iter().map(|d| {
        view! { <option value=d.id.to_string() selected=current == Some(d.id)>{d.name.clone()}</option> }.into_any()
    }));
    v.collect_view().into_any()
}

#[component]
fn DealEditor(id: Id) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let cats = use_l2().cats;
    let error = RwSignal::new(None::<String>);
    let field_err = RwSignal::new(None::<(&'static str, String)>);
    let move_stage = RwSignal::new(String::new());
    let move_date = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let exists = move || {
        store.current.with(|p| {
            p.as_ref()
                .is_some_and(|p| p.deals.iter().any(|d| d.id == id))
        })
    };
    let with_deal = move |f: &dyn Fn(&Project, &crate::domain::Deal) -> AnyView| -> AnyView {
        store.current.with(|p| {
            p.as_ref()
                .and_then(|p| p.deals.iter().find(|d| d.id == id).map(|d| f(p, d)))
                .unwrap_or_else(|| ().into_any())
        })
    };
    let set = move |f: Box<dyn FnOnce(&mut crate::domain::Deal)>| {
        error.set(edit_deal(store, id, lang.get_untracked(), |_, d| {
            f(d);
            Ok(())
        }));
    };
    let text_field = move |label: fn(&crate::i18n::L2) -> &'static str,
                           key: &'static str,
                           get: fn(&crate::domain::Deal) -> String,
                           put: fn(&mut crate::domain::Deal, String)| {
        view! {
            <label class="field">
                <span>{move || label(&t.get().l2)}</span>
                <input class="input" data-testid=format!("deal-{key}")
                    prop:value=move || store.current.with(|p| p.as_ref().and_then(|p| p.deals.iter().find(|d| d.id == id)).map(get).unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |d| put(d, v))) } />
            </label>
        }
    };
    let date_field = move |label: fn(&crate::i18n::L2) -> &'static str,
                           key: &'static str,
                           get: fn(&crate::domain::Deal) -> Option<chrono::NaiveDate>,
                           put: fn(&mut crate::domain::Deal, Option<chrono::NaiveDate>),
                           required: bool| {
        view! {
            <label class="field">
                <span>{move || label(&t.get().l2)}</span>
                <input class="input" placeholder=move || crate::i18n::format::date_placeholder(crate::state::current_lang()) data-testid=format!("deal-{key}")
                    prop:value=move || store.current.with(|p| p.as_ref().and_then(|p| p.deals.iter().find(|d| d.id == id)).and_then(get).map(fmt_date).unwrap_or_default())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        match parse_date(&v) {
                            Some(x) => { field_err.set(None); set(Box::new(move |d| put(d, Some(x)))) }
                            None if v.trim().is_empty() && !required => { field_err.set(None); set(Box::new(move |d| put(d, None))) }
                            None => field_err.set(Some((key, t.get_untracked().l2.bad_date.to_string()))),
                        }
                    } />
                {move || field_err.get().filter(|(k, _)| *k == key).map(|(_, e)| view! { <span class="error-text" role="alert">{e}</span> })}
            </label>
        }
    };
    let select_field = move |label: fn(&crate::i18n::L2) -> &'static str,
                             key: &'static str,
                             list: fn(&Project) -> Vec<crate::domain::Dimension>,
                             get: fn(&crate::domain::Deal) -> Option<Id>,
                             put: fn(&mut crate::domain::Deal, Option<Id>)| {
        view! {
            <label class="field">
                <span>{move || label(&t.get().l2)}</span>
                <select class="input" data-testid=format!("deal-{key}") on:change=move |ev| {
                    let v = Id::parse_str(&event_target_value(&ev)).ok();
                    set(Box::new(move |d| put(d, v)))
                }>
                    {move || {
                        let none = t.get().l2.d_none;
                        with_deal(&|p, d| dim_options(&list(p), get(d), none))
                    }}
                </select>
            </label>
        }
    };
    let header = move || {
        let t = t.get().l2;
        let lang = lang.get();
        with_deal(&|p, d| {
            let cat = cats.with(|c| layer2::filter::deal_category(d, c));
            let furthest = layer2::stage_index::max_stage_reached(p, d)
                .map(|i| stage_label(p, i))
                .unwrap_or_default();
            view! {
                <h2 data-testid="deal-heading">{fill(t.d_editor, &[&d.label()])}</h2>
                <p>
                    <span data-testid="deal-current-stage">{p.stage(d.stage_id).map(|s| s.label(crate::state::current_lang())).unwrap_or_default()}</span>
                    " · "<span data-testid="deal-status">{status_label(d.status, &t)}</span>
                    " · "{format!("{} {}", t.d_cat, cat.letter())}
                    " · "{money(p, d.amount, lang)}
                </p>
                <p class="muted">{fill(t.d_furthest, &[&furthest])}
                    {d.closed.map(|c| format!(" · {}", fill(t.d_closed, &[&fmt_date(c)])))}
                    {(!d.lost_reason.is_empty()).then(|| format!(" · {}", fill(t.d_lost_reason_shown, &[&d.lost_reason])))}
                </p>
            }.into_any()
        })
    };
    let history = move || {
        let t = t.get().l2;
        let mut problems = vec![];
        let v = with_deal(&|p, d| {
            d.history.iter().enumerate().map(|(i, h)| view! {
                <tr data-testid=format!("history-{i}")>
                    <td>{p.stage(h.stage_id).map(|s| s.label(crate::state::current_lang())).unwrap_or_else(|| "?".into())}</td>
                    <td><input class="input" placeholder=move || crate::i18n::format::date_placeholder(crate::state::current_lang()) aria-label=t.d_entered data-testid=format!("history-date-{i}") prop:value=fmt_date(h.entered)
                        on:change=move |ev| {
                            match parse_date(&event_target_value(&ev)) {
                                Some(x) => error.set(edit_deal(store, id, lang.get_untracked(), |_, d| layer2::moves::set_history_date(d, i, x))),
                                None => error.set(Some(t.bad_date.to_string())),
                            }
                        } /></td>
                </tr>
            }).collect_view().into_any()
        });
        store.current.with(|p| {
            if let Some(d) = p.as_ref().and_then(|p| p.deals.iter().find(|d| d.id == id)) {
                problems = layer2::moves::history_problems(d);
            }
        });
        view! {
            <h3>{t.d_history}</h3>
            {crate::components::export::table_export("tbl-deal-history", "deal-history")}
            <div class="table-box" tabindex="0"><table id="tbl-deal-history" class="table" data-testid="deal-history">
                <thead><tr><th scope="col">{t.stage}</th><th scope="col">{t.d_entered}</th></tr></thead>
                <tbody>{v}</tbody>
            </table></div>
            {problems.iter().map(|m| view! { <p class="warning">{history_problem_text(m, lang.get())}</p> }).collect_view()}
        }
    };
    let stage_options = move || {
        store.current.with(|p| {
            p.as_ref().map(|p| {
                p.stages.iter().map(|s| view! { <option value=s.id.to_string()>{s.label(crate::state::current_lang())}</option> }).collect_view()
            })
        })
    };
    let date_or_today = move || {
        let v = move_date.get_untracked();
        if v.trim().is_empty() {
            Ok(store.current.with_untracked(|p| {
                p.as_ref()
                    .map(as_of)
                    .unwrap_or_else(crate::state::store::today)
            }))
        } else {
            parse_date(&v).ok_or_else(|| t.get_untracked().l2.bad_date.to_string())
        }
    };
    let do_move = move |_| {
        let Ok(sid) = Id::parse_str(&move_stage.get_untracked()) else {
            return;
        };
        match date_or_today() {
            Ok(date) => error.set(edit_deal(store, id, lang.get_untracked(), |stages, d| {
                layer2::moves::move_deal_in(stages, d, sid, date)
            })),
            Err(e) => error.set(Some(e)),
        }
    };
    let set_status = move |s: DealStatus| match date_or_today() {
        Ok(date) => {
            if s == DealStatus::Lost && reason.get_untracked().trim().is_empty() {
                error.set(Some(t.get_untracked().l2.d_reason_needed.to_string()));
                return;
            }
            let r = reason.get_untracked();
            error.set(edit_deal(
                store,
                id,
                lang.get_untracked(),
                |stages, d| match s {
                    DealStatus::Won => layer2::moves::mark_won(stages, d, date),
                    _ => layer2::moves::set_status(d, s, date, &r),
                },
            ));
        }
        Err(e) => error.set(Some(e)),
    };
    let delete = move |_| {
        let title = store.current.with_untracked(|p| {
            p.as_ref()
                .and_then(|p| p.deals.iter().find(|d| d.id == id))
                .map(|d| d.label())
                .unwrap_or_default()
        });
        let ok = window()
            .confirm_with_message(&fill(t.get_untracked().l2.d_delete_confirm, &[&title]))
            .unwrap_or(false);
        if ok {
            store.update(|p| p.deals.retain(|d| d.id != id));
            go_to(&Place::L2(L2Tab::Deals).to_hash());
        }
    };
    let amount_label = move || {
        fill(
            t.get().l2.d_amount,
            &[store
                .current
                .with(|p| p.as_ref().map(|p| unit(p, lang.get())).unwrap_or(""))],
        )
    };
    view! {
        <div data-testid="deal-editor">
            <p class="no-print"><a href=Place::L2(L2Tab::Deals).to_hash() data-testid="deal-back">{move || t.get().l2.d_back}</a></p>
            <Show when=exists fallback=move || view! { <p class="empty-state">{move || t.get().l2.d_not_found}</p> }>
                {header}
                {move || error.get().map(|e| view! { <p class="error-text" role="alert" data-testid="deal-error">{e}</p> })}
                <div class="form-grid">
                    {text_field(|t| t.d_code, "code", |d| d.code.clone(), |d, v| d.code = v.trim().to_string())}
                    {text_field(|t| t.d_title, "title", |d| d.title.clone(), |d, v| d.title = v.trim().to_string())}
                    <label class="field">
                        <span>{move || t.get().l2.d_client}</span>
                        <select class="input" data-testid="deal-client" on:change=move |ev| {
                            let v = Id::parse_str(&event_target_value(&ev)).ok();
                            set(Box::new(move |d| d.client_id = v))
                        }>
                            {move || {
                                let none = t.get().l2.d_none;
                                with_deal(&|p, d| {
                                    let list: Vec<crate::domain::Dimension> = p.clients.iter().map(|c| crate::domain::Dimension { id: c.id, name: c.label() }).collect();
                                    dim_options(&list, d.client_id, none)
                                })
                            }}
                        </select>
                    </label>
                    <label class="field">
                        <span>{move || t.get().l2.manager}</span>
                        <select class="input" data-testid="deal-manager" on:change=move |ev| {
                            let v = Id::parse_str(&event_target_value(&ev)).ok();
                            set(Box::new(move |d| d.manager_id = v))
                        }>
                            {move || {
                                let none = t.get().l2.d_none;
                                with_deal(&|p, d| {
                                    let list: Vec<crate::domain::Dimension> = p.managers.iter().map(|m| crate::domain::Dimension { id: m.id, name: m.name.clone() }).collect();
                                    dim_options(&list, d.manager_id, none)
                                })
                            }}
                        </select>
                    </label>
                    {select_field(|t| t.d_channel, "channel", |p| p.channels.clone(), |d| d.channel_id, |d, v| d.channel_id = v)}
                    {select_field(|t| t.d_line, "line", |p| p.business_lines.clone(), |d| d.business_line_id, |d, v| d.business_line_id = v)}
                    <label class="field">
                        <span>{amount_label}</span>
                        <input class="input" inputmode="decimal" data-testid="deal-amount"
                            prop:value=move || store.current.with(|p| p.as_ref().and_then(|p| p.deals.iter().find(|d| d.id == id)).map(|d| fmt_amount(d.amount, lang.get())).unwrap_or_default())
                            on:change=move |ev| {
                                match parse_number(&event_target_value(&ev)) {
                                    Some(x) if x >= 0.0 => { field_err.set(None); set(Box::new(move |d| d.amount = Money::from_f64(x))) }
                                    _ => field_err.set(Some(("amount", t.get_untracked().l2.bad_number.to_string()))),
                                }
                            } />
                        {move || field_err.get().filter(|(k, _)| *k == "amount").map(|(_, e)| view! { <span class="error-text" role="alert">{e}</span> })}
                    </label>
                    {date_field(|t| t.d_created, "created", |d| Some(d.created), |d, v| if let Some(v) = v { d.created = v }, true)}
                    {text_field(|t| t.d_next_step, "next-step", |d| d.next_step.clone(), |d, v| d.next_step = v.trim().to_string())}
                    {date_field(|t| t.d_next_date, "next-date", |d| d.next_step_date, |d, v| d.next_step_date = v, false)}
                </div>
                <h3>{move || t.get().l2.d_move}</h3>
                <div class="toolbar">
                    <label class="field">
                        <span>{move || t.get().l2.stage}</span>
                        <select class="input" data-testid="move-stage" on:change=move |ev| move_stage.set(event_target_value(&ev))>
                            <option value="">"—"</option>
                            {stage_options}
                        </select>
                    </label>
                    <label class="field">
                        <span>{move || t.get().l2.d_date}</span>
                        <input class="input" placeholder=move || crate::i18n::format::date_placeholder(crate::state::current_lang()) data-testid="move-date" prop:value=move || move_date.get()
                            on:change=move |ev| move_date.set(event_target_value(&ev)) />
                    </label>
                    <button class="btn primary" data-testid="move-btn" on:click=do_move>{move || t.get().l2.d_move_btn}</button>
                </div>
                <p class="muted small">{move || t.get().l2.d_date_hint}</p>
                <div class="toolbar">
                    <label class="field">
                        <span>{move || t.get().l2.d_reason}</span>
                        <input class="input" data-testid="lost-reason" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
                    </label>
                    <button class="btn" data-testid="mark-won" on:click=move |_| set_status(DealStatus::Won)>{move || t.get().l2.d_mark_won}</button>
                    <button class="btn" data-testid="mark-lost" on:click=move |_| set_status(DealStatus::Lost)>{move || t.get().l2.d_mark_lost}</button>
                    <button class="btn" data-testid="mark-hold" on:click=move |_| set_status(DealStatus::OnHold)>{move || t.get().l2.d_mark_hold}</button>
                    <button class="btn" data-testid="mark-open" on:click=move |_| set_status(DealStatus::Open)>{move || t.get().l2.d_reopen}</button>
                </div>
                {history}
                <p class="no-print"><button class="btn danger" data-testid="delete-deal" on:click=delete>{move || t.get().l2.d_delete}</button></p>
            </Show>
        </div>
    }
}
