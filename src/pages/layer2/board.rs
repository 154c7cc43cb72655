//! Табло ведения счёта: managers × stages of the open deals, with totals and stuck deals.

use super::{manager_name, money, use_l2};
use crate::domain::Id;
use crate::i18n::format::{fmt_amount, fmt_date};
use crate::i18n::{fill, present};
use crate::state::route::{set_query, use_query, L2Tab, Place};
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

#[component]
pub(super) fn BoardTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let ctx = use_l2();
    let report = ctx.report;
    // The selected cell (manager, stage index), kept in the query as `cell=<manager id|none>:<stage>`
    // so that a reload or the back button keeps the open deal list.
    let cell_q = use_query("cell");
    let selected = Memo::new(move |_| cell_q.get().as_deref().and_then(parse_cell));
    let select = |c: Option<(Option<Id>, usize)>| {
        let v = c.map(|(m, s)| format!("{}:{s}", m.map_or("none".to_string(), |m| m.to_string())));
        set_query(&[("cell", v.as_deref())]);
    };
    let table = move || {
        let t = t.get().l2;
        let lang = lang.get();
        report.with(|r| {
            store.current.with(|p| {
                let (Some(r), Some(p)) = (r.as_ref(), p.as_ref()) else {
                    return ().into_any();
                };
                let sb = &r.board;
                let code = |s: usize| p.stages.get(s).map(|s| s.code.clone()).unwrap_or_default();
                // The stage's name, its code as a small prefix (names, not codes, where a person reads).
                let head = sb.columns.iter().map(|&s| {
                    let name = p.stages.get(s).map(|x| present::stage_name(x, lang).to_string()).unwrap_or_default();
                    view! { <th class="num l2-stage-head" scope="col"><span class="code-prefix">{code(s)}</span>" "{name}</th> }
                }).collect_view();
                let rows = sb.rows.iter().map(|row| {
                    let mid = row.manager_id;
                    let mcode = mid.and_then(|m| p.manager(m)).map(|m| m.code.clone()).unwrap_or_else(|| "none".into());
                    let cells = row.cells.iter().zip(&sb.columns).map(|(cell, &s)| {
                        let testid = format!("cell-{}-{}", mcode, code(s));
                        if cell.count == 0 {
                            return view! { <td class="num muted" data-testid=testid>"·"</td> }.into_any();
                        }
                        let stuck = cell.stuck > 0;
                        let is_sel = move || selected.get() == Some((mid, s));
                        view! {
                            <td class="num" class:l2-stuck=stuck data-testid=testid>
                                <button class="l2-cell" data-nav="" class:active=is_sel aria-pressed=move || if is_sel() { "true" } else { "false" }
                                    on:click=move |_| select(if selected.get_untracked() == Some((mid, s)) { None } else { Some((mid, s)) })>
                                    <span class="l2-count">{cell.count}{if stuck { " ⚠" } else { "" }}</span>" "
                                    <span class="l2-money small">{fmt_amount(cell.money, lang)}</span>
                                </button>
                            </td>
                        }.into_any()
                    }).collect_view();
                    view! {
                        <tr>
                            <th scope="row">{manager_name(p, mid, &t)}</th>
                            {cells}
                            <td class="num l2-total" data-testid=format!("row-total-{mcode}")>
                                <span class="l2-count">{row.total.count}</span>" "
                                <span class="l2-money small">{fmt_amount(row.total.money, lang)}</span>
                            </td>
                        </tr>
                    }
                }).collect_view();
                let totals = sb.column_totals.iter().zip(&sb.columns).map(|(c, &s)| view! {
                    <td class="num l2-total" data-testid=format!("col-total-{}", code(s))>
                        <span class="l2-count">{c.count}</span>" "
                        <span class="l2-money small">{fmt_amount(c.money, lang)}</span>
                    </td>
                }).collect_view();
                view! {
                    {crate::components::export::table_export("tbl-l2-board", "scoreboard")}
                    <div class="table-box" tabindex="0">
                    <table id="tbl-l2-board" class="table l2-board" data-testid="l2-board">
                        <caption>{fill(t.board_caption, &[super::unit(p, lang)])}</caption>
                        <thead><tr><th scope="col">{t.manager}</th>{head}<th class="num" scope="col">{t.total}</th></tr></thead>
                        <tbody>{rows}</tbody>
                        <tfoot><tr>
                            <th scope="row">{t.total}</th>
                            {totals}
                            <td class="num l2-total" data-testid="board-total">
                                <span class="l2-count">{sb.total.count}</span>" "
                                <span class="l2-money small">{fmt_amount(sb.total.money, lang)}</span>
                            </td>
                        </tr></tfoot>
                    </table>
                    </div>
                    <p class="muted small">{fill(t.stuck_legend, &[&fmt_date(r.as_of)])}</p>
                    {(!sb.unplaced.is_empty()).then(|| view! { <p class="warning">{fill(t.unplaced, &[&sb.unplaced.len().to_string()])}</p> })}
                }.into_any()
            })
        })
    };
    let cell_list = move || {
        let (mid, s) = selected.get()?;
        let t = t.get().l2;
        let lang = lang.get();
        report.with(|r| {
            store.current.with(|p| {
                let (r, p) = (r.as_ref()?, p.as_ref()?);
                let ids = r.board.deals_in(mid, s);
                let stuck: Vec<Id> = r.board.stuck.iter().map(|x| x.deal_id).collect();
                let items = ids.iter().filter_map(|id| p.deals.iter().find(|d| d.id == *id)).map(|d| {
                    let is_stuck = stuck.contains(&d.id);
                    view! {
                        <li class:l2-stuck=is_stuck>
                            <a href=Place::L2(L2Tab::Deals).href(&[("deal", &d.id.to_string())]) data-testid=format!("cell-deal-{}", d.code)>
                                {d.label()}
                            </a>
                            " — " {money(p, d.amount, lang)}
                            {is_stuck.then(|| view! { <span class="l2-stuck-mark">{format!(" ⚠ {}", t.stuck_title)}</span> })}
                        </li>
                    }
                }).collect_view();
                Some(view! {
                    <div class="l2-cell-list" data-testid="cell-deals">
                        <h2 class="h3">{fill(t.cell_deals, &[&manager_name(p, mid, &t), &super::stage_label(p, s)])}</h2>
                        <ul>{items}</ul>
                        <button class="btn ghost" data-nav="" on:click=move |_| select(None)>{t.close}</button>
                    </div>
                })
            })
        })
    };
    let stuck_list = move || {
        let t = t.get().l2;
        report.with(|r| {
            store.current.with(|p| {
                let (r, p) = (r.as_ref()?, p.as_ref()?);
                if r.board.stuck.is_empty() {
                    return None;
                }
                let items = r.board.stuck.iter().filter_map(|s| {
                    let d = p.deals.iter().find(|d| d.id == s.deal_id)?;
                    Some(view! {
                        <li data-testid=format!("stuck-{}", d.code)>
                            <a href=Place::L2(L2Tab::Deals).href(&[("deal", &d.id.to_string())])>{format!("⚠ {}", d.label())}</a>
                            {format!(" — {} · {}", super::stage_label(p, s.stage), fill(t.stuck_days, &[&s.days.to_string(), &s.typical_days.to_string()]))}
                        </li>
                    })
                }).collect_view();
                Some(view! {
                    <section class="l2-stuck-list" data-testid="stuck-list">
                        <h2 class="h3">{t.stuck_title}</h2>
                        <ul>{items}</ul>
                    </section>
                })
            })
        })
    };
    view! {
        <div data-testid="l2-board-tab">
            {table}
            {cell_list}
            {stuck_list}
        </div>
    }
}

/// Reads a `cell` query value: `<manager id or none>:<stage index>`.
fn parse_cell(v: &str) -> Option<(Option<Id>, usize)> {
    let (m, s) = v.split_once(':')?;
    let m = match m {
        "none" => None,
        id => Some(Id::parse_str(id).ok()?),
    };
    Some((m, s.parse().ok()?))
}
