//! Project data at a glance: company settings (editable) and the project's managers, clients,
//! deals and ТФС stages. The layer screens edit these lists; this page shows what the project
//! holds, e.g. after an import.

use crate::domain::{DealStatus, MoneyUnit, Project};
use crate::i18n::fill;
use crate::i18n::format::{fmt_amount, fmt_date, fmt_pct, parse_date, unit_label};
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

const PAGE: usize = 50;

use super::layer1::dim_name;
use crate::domain::data::{client_lines, deal_lines};

#[component]
pub fn DataPage() -> impl IntoView {
    let t = use_i18n();
    view! {
        <section class="page" data-testid="data-page">
            <h1>{move || t.get().shell.data_title}</h1>
            <CompanyForm />
            <Dimensions />
            <ManagersTable />
            <div class="row no-print">
                <crate::components::table_import::ImportClientsButton />
            </div>
            <ClientsTable />
            <div class="row no-print">
                <crate::components::table_import::ImportDealsButton />
            </div>
            <DealsTable />
            <StagesTable />
            <MergeHistory />
        </section>
    }
}

#[component]
fn CompanyForm() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let get = move |f: fn(&Project) -> String| {
        move || {
            store
                .current
                .with(|p| p.as_ref().map(f).unwrap_or_default())
        }
    };
    view! {
        <h2>{move || t.get().shell.company_section}</h2>
        <div class="form-grid">
            <label class="field">
                <span>{move || t.get().shell.project_name}</span>
                <input class="input" prop:value=get(|p| p.name.clone()) data-testid="project-name"
                    on:change=move |ev| { let v = event_target_value(&ev); if !v.trim().is_empty() { store.update(|p| p.name = v.trim().to_string()) } } />
            </label>
            <label class="field">
                <span>{move || t.get().shell.company_name}</span>
                <input class="input" prop:value=get(|p| p.company.name.clone())
                    on:change=move |ev| { let v = event_target_value(&ev); store.update(|p| p.company.name = v) } />
            </label>
            <label class="field">
                <span>{move || t.get().shell.money_unit}</span>
                <select on:change=move |ev| {
                    let unit = match event_target_value(&ev).as_str() { "rub" => MoneyUnit::Rub, "mln" => MoneyUnit::MillionRub, _ => MoneyUnit::ThousandRub };
                    store.update(|p| p.company.money_unit = unit)
                }>
                    {move || {
                        let unit = store.current.with(|p| p.as_ref().map(|p| p.company.money_unit));
                        let s = t.get().shell;
                        [("rub", MoneyUnit::Rub, s.unit_rub), ("thousand", MoneyUnit::ThousandRub, s.unit_thousand), ("mln", MoneyUnit::MillionRub, s.unit_million)]
                            .into_iter()
                            .map(|(v, u, l)| view! { <option value=v selected=unit == Some(u)>{l}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="field">
                <span>{move || t.get().shell.as_of}</span>
                <input class="input" placeholder=move || crate::i18n::format::date_placeholder(crate::state::current_lang()) prop:value=get(|p| p.company.as_of.map(fmt_date).unwrap_or_default())
                    on:change=move |ev| { let v = parse_date(&event_target_value(&ev)); store.update(|p| p.company.as_of = v) } />
            </label>
            <label class="field">
                <span>{move || t.get().shell.base_year}</span>
                <input class="input" type="number" prop:value=get(|p| p.company.base_year.to_string())
                    on:change=move |ev| { if let Ok(y) = event_target_value(&ev).parse() { store.update(|p| p.company.base_year = y) } } />
            </label>
            <label class="field">
                <span>{move || t.get().shell.plan_year}</span>
                <input class="input" type="number" prop:value=get(|p| p.company.plan_year.to_string())
                    on:change=move |ev| { if let Ok(y) = event_target_value(&ev).parse() { store.update(|p| p.company.plan_year = y) } } />
            </label>
        </div>
    }
}

#[component]
fn Dimensions() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let names = move |f: fn(&Project) -> &Vec<crate::domain::Dimension>| {
        move || {
            store.current.with(|p| {
                p.as_ref()
                    .map(|p| {
                        f(p).iter()
                            .map(|d| d.name.clone())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default()
            })
        }
    };
    view! {
        <h2>{move || t.get().shell.dimensions_section}</h2>
        <dl class="dims">
            <dt>{move || t.get().shell.business_lines}</dt><dd>{names(|p| &p.business_lines)}</dd>
            <dt>{move || t.get().shell.channels}</dt><dd>{names(|p| &p.channels)}</dd>
            <dt>{move || t.get().shell.regions}</dt><dd>{names(|p| &p.regions)}</dd>
        </dl>
    }
}

#[component]
fn ManagersTable() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    view! {
        <h2>{move || t.get().shell.managers_section}</h2>
        {crate::components::export::table_export("tbl-managers-table", "managers")}
        <div class="table-box" tabindex="0"><table id="tbl-managers-table" class="table" data-testid="managers-table">
            <thead><tr>
                <th>{move || t.get().shell.col_code}</th>
                <th>{move || t.get().shell.col_name}</th>
                <th>{move || t.get().shell.col_region}</th>
            </tr></thead>
            <tbody>
                {move || store.current.with(|p| p.as_ref().map(|p| p.managers.iter().map(|m| view! {
                    <tr><td>{m.code.clone()}</td><td>{m.name.clone()}</td><td>{dim_name(&p.regions, m.region_id)}</td></tr>
                }).collect_view()))}
            </tbody>
        </table></div>
    }
}

#[component]
fn ClientsTable() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let all = RwSignal::new(false);
    let total = move || {
        store
            .current
            .with(|p| p.as_ref().map(|p| p.clients.len()).unwrap_or(0))
    };
    let rows = move || {
        let lang = lang.get();
        store.current.with(|p| {
            p.as_ref().map(|p| {
                let limit = if all.get() { usize::MAX } else { PAGE };
                client_lines(p, limit)
                    .into_iter()
                    .map(|c| {
                        view! {
                            <tr>
                                <td>{c.code}</td>
                                <td>{c.name}</td>
                                <td>{c.industry}</td>
                                <td>{c.channel.unwrap_or_else(|| "—".into())}</td>
                                <td>{c.region.unwrap_or_else(|| "—".into())}</td>
                                <td>{c.manager}</td>
                                <td class="num">{fmt_amount(c.revenue, lang)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let revenue_header = move || {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| {
                    format!(
                        "{}, {}",
                        fill(
                            t.get().shell.col_revenue,
                            &[&p.company.base_year.to_string()]
                        ),
                        unit_label(p.company.money_unit, lang.get())
                    )
                })
                .unwrap_or_default()
        })
    };
    view! {
        <h2>{move || t.get().shell.clients_section}" ("{total}")"</h2>
        {crate::components::export::table_export("tbl-clients-table", "clients")}
        <div class="table-box" tabindex="0"><table id="tbl-clients-table" class="table" data-testid="clients-table">
            <thead><tr>
                <th>{move || t.get().shell.col_code}</th>
                <th>{move || t.get().shell.col_name}</th>
                <th>{move || t.get().shell.col_industry}</th>
                <th>{move || t.get().shell.col_channel}</th>
                <th>{move || t.get().shell.col_region}</th>
                <th>{move || t.get().shell.col_manager}</th>
                <th class="num">{revenue_header}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
        <ShowAll all=all total=Signal::derive(total) />
    }
}

/// «Показать все (N)» under a table cut at [`PAGE`] rows.
#[component]
fn ShowAll(all: RwSignal<bool>, total: Signal<usize>) -> impl IntoView {
    let t = use_i18n();
    view! {
        <Show when=move || { !all.get() && total.get() > PAGE }>
            <button class="btn small" on:click=move |_| all.set(true)>
                {move || fill(t.get().shell.show_all, &[&total.get().to_string()])}
            </button>
        </Show>
    }
}

fn status_label(s: DealStatus, sh: &crate::i18n::Shell) -> &'static str {
    match s {
        DealStatus::Open => sh.st_open,
        DealStatus::Won => sh.st_won,
        DealStatus::Lost => sh.st_lost,
        DealStatus::OnHold => sh.st_on_hold,
    }
}

#[component]
fn DealsTable() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let all = RwSignal::new(false);
    let total = move || {
        store
            .current
            .with(|p| p.as_ref().map(|p| p.deals.len()).unwrap_or(0))
    };
    let rows = move || {
        let lang = lang.get();
        let sh = t.get().shell;
        store.current.with(|p| {
            p.as_ref().map(|p| {
                let limit = if all.get() { usize::MAX } else { PAGE };
                deal_lines(p, limit)
                    .into_iter()
                    .map(|d| {
                        view! {
                            <tr>
                                <td>{d.code}</td>
                                <td>{d.client.unwrap_or_else(|| sh.no_client.to_string())}</td>
                                <td>{d.title}</td>
                                <td>{d.manager}</td>
                                <td>{d.stage}</td>
                                <td>{status_label(d.status, sh)}{(!d.lost_reason.is_empty()).then(|| format!(" ({})", d.lost_reason))}</td>
                                <td class="num">{fmt_amount(d.amount, lang)}</td>
                                <td>{fmt_date(d.created)}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <h2>{move || t.get().shell.deals_section}" ("{total}")"</h2>
        {crate::components::export::table_export("tbl-deals-table", "deals")}
        <div class="table-box" tabindex="0"><table id="tbl-deals-table" class="table" data-testid="deals-table">
            <thead><tr>
                <th>{move || t.get().shell.col_code}</th>
                <th>{move || t.get().shell.col_client}</th>
                <th>{move || t.get().shell.col_title}</th>
                <th>{move || t.get().shell.col_manager}</th>
                <th>{move || t.get().shell.col_stage}</th>
                <th>{move || t.get().shell.col_status}</th>
                <th class="num">{move || t.get().shell.col_amount}</th>
                <th>{move || t.get().shell.col_created}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
        <ShowAll all=all total=Signal::derive(total) />
    }
}

#[component]
fn StagesTable() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    view! {
        <h2>{move || t.get().shell.stages_section}</h2>
        {crate::components::export::table_export("tbl-stages-table", "stages")}
        <div class="table-box" tabindex="0"><table id="tbl-stages-table" class="table" data-testid="stages-table">
            <thead><tr>
                <th>{move || t.get().shell.col_code}</th>
                <th>{move || t.get().shell.col_name}</th>
                <th>{move || t.get().shell.col_exit}</th>
                <th class="num">{move || t.get().shell.col_target}</th>
            </tr></thead>
            <tbody>
                {move || {
                    let lang = lang.get();
                    let won = t.get().shell.col_won_stage;
                    store.current.with(|p| p.as_ref().map(|p| p.stages.iter().map(|s| {
                        let name = s.name(lang).to_string();
                        view! {
                            <tr class:muted=!s.is_funnel>
                                <td>{s.code.clone()}</td>
                                <td>{name}{s.is_won.then(|| format!(" — {won}"))}</td>
                                <td>{s.exit_criteria.clone()}</td>
                                <td class="num">{fmt_pct(s.target_conversion, 0, lang)}</td>
                            </tr>
                        }
                    }).collect_view()))
                }}
            </tbody>
        </table></div>
    }
}

/// The merges the project went through (issue 17): when, from which file or tab, what came
/// from where and how many conflicts were resolved, newest first.
#[component]
fn MergeHistory() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let rows = move || {
        let s = t.get().merge;
        store.current.with(|p| {
            p.as_ref()
                .map(|p| {
                    crate::domain::merge::ancestry_of(p)
                        .merges
                        .iter()
                        .rev()
                        .map(|m| {
                            let from = match m.source.kind {
                                crate::domain::MergeSourceKind::File => {
                                    fill(s.history_file, &[&m.source.file_name])
                                }
                                crate::domain::MergeSourceKind::Tab => s.history_tab.to_string(),
                            };
                            fill(
                                s.history_row,
                                &[
                                    &crate::state::store::fmt_stamp(&m.at),
                                    &from,
                                    &m.from_mine.to_string(),
                                    &m.from_theirs.to_string(),
                                    &m.deleted.to_string(),
                                    &m.conflicts.len().to_string(),
                                ],
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <h2>{move || t.get().merge.history}</h2>
        <div data-testid="merge-history">
            {move || {
                let rows = rows();
                if rows.is_empty() {
                    view! { <p class="muted">{t.get().merge.history_empty}</p> }.into_any()
                } else {
                    view! { <ul>{rows.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul> }
                        .into_any()
                }
            }}
        </div>
    }
}
