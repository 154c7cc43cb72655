//! Tabs «Программа продвижения» and «План PR»: the activities of ТФС stage 1 per channel for
//! the A and B clients (type, date, target clients, manager, budget, status, PR flag), their
//! budget totals and months, and the PR plan of the year as a printable month grid.

use super::{code_of, confirm, kind_index, use_categories};
use crate::components::print::{export_html, print_page};
use crate::domain::accounts::promotion_programmes;
use crate::domain::layer3::programme::{channel_activities, target_clients};
use crate::domain::model::{new_id, Activity, Id, TouchKind};
use crate::domain::money::Money;
use crate::domain::period::Period;
use crate::domain::strategy::{
    activities_by_month, channel_totals, delete_activity, pr_calendar, pr_totals, programme_totals,
    ProgrammeTotals,
};
use crate::i18n::fill;
use crate::i18n::format::{
    fmt_amount, fmt_date, parse_date, parse_number, project_unit_label, unit_label,
};
use crate::state::{use_i18n, use_lang};
use chrono::Datelike;
use leptos::prelude::*;

/// The year the programme is planned for: the project's plan year.
fn use_year() -> Memo<i32> {
    let store = crate::state::store::use_store();
    Memo::new(move |_| {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| p.company.plan_year)
                .unwrap_or_else(|| crate::state::store::today().year())
        })
    })
}

#[component]
pub fn ProgrammeTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = crate::state::store::use_store();
    let cats = use_categories();
    let year = use_year();
    let channel = RwSignal::new(None::<Id>);
    let current = Memo::new(move |_| {
        channel.get().or_else(|| {
            store
                .current
                .with(|p| p.as_ref().and_then(|p| p.channels.first().map(|c| c.id)))
        })
    });
    let programmes = Memo::new(move |_| {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| {
                    cats.with(|c| {
                        promotion_programmes(p, c, Period::year(year.get()), super::as_of(p))
                    })
                })
                .unwrap_or_default()
        })
    });
    let editing = RwSignal::new(None::<Id>);
    let totals_row = move |label: String, tt: ProgrammeTotals, testid: String| {
        let l = lang.get();
        view! {
            <tr data-testid=testid>
                <th scope="row">{label}</th>
                <td class="num">{tt.activities}</td>
                <td class="num">{tt.done}</td>
                <td class="num">{tt.pr}</td>
                <td class="num">{fmt_amount(tt.budget, l)}</td>
                <td class="num">{fmt_amount(tt.budget_done, l)}</td>
                <td class="num">{fmt_amount(tt.budget_planned, l)}</td>
                <td class="num">{fmt_amount(tt.budget_pr, l)}</td>
            </tr>
        }
    };
    let totals = move || {
        let tt = t.get().l3;
        let unit = store
            .current
            .with(|p| project_unit_label(p.as_ref(), lang.get()));
        let list = programmes.get();
        let rows = store.current.with(|p| {
            let p = p.as_ref()?;
            Some(
                list.iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let name = p
                            .channels
                            .iter()
                            .find(|x| x.id == c.channel_id)
                            .map(|x| x.name.clone())
                            .unwrap_or_default();
                        totals_row(name, channel_totals(c), format!("l3-prog-total-{i}"))
                    })
                    .collect_view(),
            )
        });
        view! {
            {crate::components::export::table_export("tbl-l3-prog-totals", "prog-totals")}
            <div class="table-box" tabindex="0"><table id="tbl-l3-prog-totals" class="table" data-testid="l3-prog-totals">
                <caption>{fill(tt.prog_totals_caption, &[&year.get().to_string(), unit])}</caption>
                <thead><tr>
                    <th scope="col">{tt.channel}</th>
                    <th scope="col" class="num">{tt.activities}</th>
                    <th scope="col" class="num">{tt.status_done}</th>
                    <th scope="col" class="num">"PR"</th>
                    <th scope="col" class="num">{tt.budget}</th>
                    <th scope="col" class="num">{tt.budget_done}</th>
                    <th scope="col" class="num">{tt.budget_planned}</th>
                    <th scope="col" class="num">{tt.budget_pr}</th>
                </tr></thead>
                <tbody>
                    {rows}
                    {totals_row(tt.total.to_string(), programme_totals(&list), "l3-prog-total".into())}
                </tbody>
            </table></div>
        }
    };
    let warnings = move || {
        let id = current.get()?;
        let prog = programmes.with(|l| l.iter().find(|c| c.channel_id == id).cloned())?;
        let tt = t.get().l3;
        store.current.with(|p| {
            let p = p.as_ref()?;
            let mut lines = vec![];
            if !prog.quarters_without_activity.is_empty() {
                let qs = prog
                    .quarters_without_activity
                    .iter()
                    .map(|q| format!("Q{} {}", (q.from.month() - 1) / 3 + 1, q.from.year()))
                    .collect::<Vec<_>>()
                    .join(", ");
                lines.push(fill(tt.quarters_without, &[&qs]));
            }
            if !prog.a_clients_not_targeted.is_empty() {
                let cs = prog
                    .a_clients_not_targeted
                    .iter()
                    .map(|c| code_of(p, *c))
                    .collect::<Vec<_>>()
                    .join(", ");
                lines.push(fill(tt.a_not_targeted, &[&cs]));
            }
            if !prog.overdue.is_empty() {
                lines.push(fill(tt.overdue, &[&prog.overdue.len().to_string()]));
            }
            (!lines.is_empty()).then(|| {
                view! {
                    <ul class="l3-advice" data-testid="l3-prog-advice">
                        {lines.into_iter().map(|l| view! { <li class="warning">{format!("⚠ {l}")}</li> }).collect_view()}
                    </ul>
                }
            })
        })
    };
    let months = move || {
        let id = current.get()?;
        let tt = t.get().l3;
        let l = lang.get();
        let m = store.current.with(|p| {
            p.as_ref()
                .map(|p| activities_by_month(p, year.get(), |a| a.channel_id == id))
        })?;
        Some(view! {
            {crate::components::export::table_export("tbl-l3-prog-months", "prog-months")}
            <div class="table-box" tabindex="0"><table id="tbl-l3-prog-months" class="table l3-months" data-testid="l3-prog-months">
                <caption>{tt.per_month}</caption>
                <thead><tr>
                    <crate::components::a11y::ItemTh />
                    {tt.months.iter().map(|n| view! { <th scope="col" class="num">{*n}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    <tr>
                        <th scope="row">{tt.activities}</th>
                        {m.iter().map(|x| view! { <td class="num">{x.activities.len()}</td> }).collect_view()}
                    </tr>
                    <tr>
                        <th scope="row">{tt.budget}</th>
                        {m.iter().map(|x| view! { <td class="num">{fmt_amount(x.budget, l)}</td> }).collect_view()}
                    </tr>
                </tbody>
            </table></div>
        })
    };
    let list = move || {
        let id = current.get()?;
        let tt = t.get().l3;
        let l = lang.get();
        store.current.with(|p| {
            let p = p.as_ref()?;
            let acts = channel_activities(p, id);
            if acts.is_empty() {
                return Some(view! { <p class="empty-state">{tt.no_activities}</p> }.into_any());
            }
            let rows = acts
                .into_iter()
                .enumerate()
                .map(|(i, row)| {
                    let a = row.activity;
                    let aid = a.id;
                    let title = a.title.clone();
                    let targets = row.targets.join(", ");
                    let mgr = row.manager;
                    view! {
                        <tr data-testid=format!("l3-activity-{i}")>
                            <td>{fmt_date(a.planned)}</td>
                            <td>{tt.kinds[kind_index(a.kind)]}</td>
                            <td>{a.title.clone()}</td>
                            <td>{targets}</td>
                            <td>{mgr}</td>
                            <td class="num">{fmt_amount(a.budget, l)}</td>
                            <td>
                                <label class="check">
                                    <input type="checkbox" data-testid=format!("l3-activity-done-{i}") prop:checked=a.done
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            store.update(|p| {
                                                if let Some(a) = p.layer3.activities.iter_mut().find(|a| a.id == aid) {
                                                    a.done = on;
                                                }
                                            });
                                        } />
                                    <span>{if a.done { tt.status_done } else { tt.status_planned }}</span>
                                </label>
                            </td>
                            <td>{if a.is_pr { "PR ✓" } else { "" }}</td>
                            <td>
                                <button class="btn ghost small" data-testid=format!("l3-activity-edit-{i}")
                                    on:click=move |_| editing.set(Some(aid))>{tt.edit}</button>
                                <button class="btn ghost small danger" data-testid=format!("l3-activity-del-{i}")
                                    on:click=move |_| {
                                        if confirm(&fill(t.get_untracked().l3.delete_activity_confirm, &[&title])) {
                                            store.update(|p| { delete_activity(p, aid); });
                                        }
                                    }>{tt.delete}</button>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                {crate::components::export::table_export("tbl-l3-activities", "activities")}
                <div class="table-box" tabindex="0"><table id="tbl-l3-activities" class="table" data-testid="l3-activities">
                    <thead><tr>
                        <th scope="col">{tt.date}</th>
                        <th scope="col">{tt.kind}</th>
                        <th scope="col">{tt.title_col}</th>
                        <th scope="col">{tt.targets}</th>
                        <th scope="col">{tt.manager}</th>
                        <th scope="col" class="num">{tt.budget}</th>
                        <th scope="col">{tt.status}</th>
                        <th scope="col">"PR"</th>
                        <crate::components::a11y::ActionsTh />
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
            }.into_any())
        })
    };
    view! {
        <div class="l3-programme" data-testid="l3-programme">
            <p class="muted">{move || t.get().l3.programme_hint}</p>
            {totals}
            <label class="field l3-channel-pick">
                <span>{move || t.get().l3.channel}</span>
                <select class="input" data-nav="" data-testid="l3-prog-channel"
                    on:change=move |ev| {
                        channel.set(event_target_value(&ev).parse().ok());
                        editing.set(None);
                    }>
                    {move || store.current.with(|p| p.as_ref().map(|p| p.channels.iter().map(|c| {
                        let id = c.id;
                        view! { <option value=id.to_string() selected=move || current.get() == Some(id)>{c.name.clone()}</option> }
                    }).collect_view()))}
                </select>
            </label>
            {warnings}
            {list}
            {months}
            {move || current.get().map(|ch| view! { <ActivityForm channel=ch editing=editing /> })}
        </div>
    }
}

/// Adds an activity to a channel's programme, or edits the one in `editing`.
#[component]
fn ActivityForm(channel: Id, editing: RwSignal<Option<Id>>) -> impl IntoView {
    let t = use_i18n();
    let store = crate::state::store::use_store();
    let cats = use_categories();
    let kind = RwSignal::new(0usize);
    let title = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let targets = RwSignal::new(Vec::<Id>::new());
    let manager = RwSignal::new(String::new());
    let budget = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    let pr = RwSignal::new(false);
    let error = RwSignal::new(None::<&'static str>);
    let reset = move || {
        kind.set(0);
        title.set(String::new());
        date.set(String::new());
        targets.set(vec![]);
        manager.set(String::new());
        budget.set(String::new());
        done.set(false);
        pr.set(false);
        error.set(None);
    };
    Effect::new(move |_| {
        let Some(id) = editing.get() else { return };
        let a = store.current.with_untracked(|p| {
            p.as_ref()
                .and_then(|p| p.layer3.activities.iter().find(|a| a.id == id).cloned())
        });
        if let Some(a) = a {
            kind.set(kind_index(a.kind));
            title.set(a.title);
            date.set(fmt_date(a.planned));
            targets.set(a.target_client_ids);
            manager.set(a.manager_id.map(|m| m.to_string()).unwrap_or_default());
            budget.set(if a.budget.is_zero() {
                String::new()
            } else {
                fmt_amount(a.budget, crate::i18n::Lang::Ru)
            });
            done.set(a.done);
            pr.set(a.is_pr);
            error.set(None);
        }
    });
    let clients = move || {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| cats.with(|c| target_clients(p, c, channel)))
                .unwrap_or_default()
        })
    };
    let save = move |_| {
        let tt = t.get_untracked().l3;
        let name = title.get_untracked().trim().to_string();
        if name.is_empty() {
            error.set(Some(tt.title_required));
            return;
        }
        let Some(planned) = parse_date(&date.get_untracked()) else {
            error.set(Some(tt.bad_date));
            return;
        };
        let b = budget.get_untracked();
        let money = if b.trim().is_empty() {
            Money::default()
        } else {
            match parse_number(&b) {
                Some(x) if x >= 0.0 => Money::from_f64(x),
                _ => {
                    error.set(Some(tt.bad_budget));
                    return;
                }
            }
        };
        error.set(None);
        let id = editing.get_untracked().unwrap_or_else(new_id);
        let a = Activity {
            id,
            channel_id: channel,
            kind: TouchKind::ALL[kind.get_untracked().min(8)],
            title: name,
            planned,
            target_client_ids: targets.get_untracked(),
            manager_id: manager.get_untracked().parse().ok(),
            budget: money,
            done: done.get_untracked(),
            is_pr: pr.get_untracked(),
        };
        store.update(
            move |p| match p.layer3.activities.iter_mut().find(|x| x.id == id) {
                Some(x) => *x = a,
                None => p.layer3.activities.push(a),
            },
        );
        editing.set(None);
        reset();
    };
    view! {
        <form class="l3-activity-form" data-testid="l3-activity-form" on:submit=|ev| ev.prevent_default()>
            <h2 class="h3">{move || if editing.get().is_some() { t.get().l3.edit_activity } else { t.get().l3.new_activity }}</h2>
            <div class="form-grid">
                <label class="field">
                    <span>{move || t.get().l3.kind}</span>
                    <select class="input" data-testid="l3-activity-kind"
                        on:change=move |ev| kind.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || t.get().l3.kinds.iter().enumerate().map(|(i, k)| view! {
                            <option value=i.to_string() selected=move || kind.get() == i>{*k}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().l3.title_col}</span>
                    <input class="input" data-testid="l3-activity-title" prop:value=title
                        on:change=move |ev| title.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{move || t.get().l3.planned_date}</span>
                    <input class="input" data-testid="l3-activity-date" placeholder=move || crate::i18n::format::date_placeholder(crate::state::current_lang()) prop:value=date
                        on:change=move |ev| date.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{move || t.get().l3.manager}</span>
                    <select class="input" data-testid="l3-activity-manager"
                        on:change=move |ev| manager.set(event_target_value(&ev))>
                        <option value="" selected=move || manager.get().is_empty()>"—"</option>
                        {move || store.current.with(|p| p.as_ref().map(|p| p.managers.iter().map(|m| {
                            let v = m.id.to_string();
                            let v2 = v.clone();
                            view! { <option value=v selected=move || manager.get() == v2>{m.name.clone()}</option> }
                        }).collect_view()))}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().l3.budget}</span>
                    <input class="input" data-testid="l3-activity-budget" inputmode="decimal" prop:value=budget
                        on:change=move |ev| budget.set(event_target_value(&ev)) />
                </label>
                <div class="field">
                    <label class="check">
                        <input type="checkbox" data-testid="l3-activity-pr" prop:checked=pr
                            on:change=move |ev| pr.set(event_target_checked(&ev)) />
                        <span>{move || t.get().l3.is_pr}</span>
                    </label>
                    <label class="check">
                        <input type="checkbox" data-testid="l3-activity-is-done" prop:checked=done
                            on:change=move |ev| done.set(event_target_checked(&ev)) />
                        <span>{move || t.get().l3.status_done}</span>
                    </label>
                </div>
            </div>
            <fieldset class="field l3-targets" data-testid="l3-activity-targets">
                <legend>{move || t.get().l3.targets}</legend>
                {move || {
                    let list = clients();
                    if list.is_empty() {
                        return view! { <span class="small muted">{t.get().l3.no_ab_clients}</span> }.into_any();
                    }
                    list.into_iter().map(|(id, code, k)| view! {
                        <label class="check">
                            <input type="checkbox" data-testid=format!("l3-target-{code}")
                                prop:checked=move || targets.with(|v| v.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    targets.update(|v| {
                                        v.retain(|x| *x != id);
                                        if on { v.push(id) }
                                    });
                                } />
                            <span>{format!("{code} ({})", k.letter())}</span>
                        </label>
                    }).collect_view().into_any()
                }}
            </fieldset>
            <button type="button" class="btn primary" data-testid="l3-activity-save" on:click=save>
                {move || if editing.get().is_some() { t.get().l3.save } else { t.get().l3.add_activity }}
            </button>
            {move || editing.get().is_some().then(|| view! {
                " "
                <button type="button" class="btn ghost" on:click=move |_| { editing.set(None); reset(); }>{t.get().l3.cancel}</button>
            })}
            {move || error.get().map(|e| view! { <p class="error-text" data-testid="l3-activity-error">{e}</p> })}
        </form>
    }
}

#[component]
pub fn PrTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = crate::state::store::use_store();
    let year = use_year();
    let exported = RwSignal::new(None::<bool>);
    let body = move || {
        let tt = t.get().l3;
        let l = lang.get();
        let y = year.get();
        store.current.with(|p| {
            let p = p.as_ref()?;
            let cal = pr_calendar(p, y);
            let (n, done, budget) = pr_totals(p, y);
            let unit = unit_label(p.company.money_unit, l);
            let summary = fill(tt.pr_summary, &[&n.to_string(), &done.to_string(), &format!("{} {unit}", fmt_amount(budget, l))]);
            if cal.is_empty() {
                return Some(view! {
                    <h2>{fill(tt.pr_title, &[&y.to_string()])}</h2>
                    <p class="empty-state" data-testid="l3-pr-empty">{tt.no_pr}</p>
                }.into_any());
            }
            let head = tt.months.iter().map(|m| view! { <div class="l3-pr-head">{*m}</div> }).collect_view();
            let rows = cal
                .into_iter()
                .enumerate()
                .map(|(ci, (ch, months))| {
                    let name = p.channel(ch).map(|c| c.name.clone()).unwrap_or_default();
                    let cells = months
                        .into_iter()
                        .map(|m| {
                            let items = m
                                .activities
                                .iter()
                                .filter_map(|id| p.layer3.activities.iter().find(|a| a.id == *id))
                                .map(|a| {
                                    let mark = if a.done { "✓ " } else { "○ " };
                                    view! {
                                        <li class:done=a.done>
                                            {mark}{format!("{} ", crate::i18n::format::fmt_day_month(a.planned))}{a.title.clone()}
                                        </li>
                                    }
                                })
                                .collect_view();
                            view! {
                                <div class="l3-pr-cell" data-testid=format!("l3-pr-{ci}-{}", m.month)>
                                    <ul>{items}</ul>
                                </div>
                            }
                        })
                        .collect_view();
                    view! {
                        <div class="l3-pr-channel">{name}</div>
                        {cells}
                    }
                })
                .collect_view();
            Some(view! {
                <h2>{fill(tt.pr_title, &[&y.to_string()])}</h2>
                <p data-testid="l3-pr-summary">{summary}</p>
                <div class="l3-pr-grid" data-testid="l3-pr-timeline">
                    <div class="l3-pr-head">{tt.channel}</div>
                    {head}
                    {rows}
                </div>
                <p class="small muted">{tt.pr_legend}</p>
            }.into_any())
        })
    };
    view! {
        <div class="print-sheet l3-pr" id="l3-pr-sheet" data-testid="l3-pr">
            {body}
        </div>
        <div class="no-print">
            <button class="btn ghost" data-nav="" data-testid="l3-pr-print" on:click=move |_| print_page()>
                {move || t.get().l3.print_pr}
            </button>
            " "
            <button class="btn ghost" data-nav="" data-testid="l3-pr-export" on:click=move |_| {
                let y = year.get_untracked();
                let title = fill(t.get_untracked().l3.pr_title, &[&y.to_string()]);
                exported.set(Some(export_html("l3-pr-sheet", &title, &format!("plan-pr-{y}.html"))));
            }>{move || t.get().l3.export_html}</button>
            {move || (exported.get() == Some(false)).then(|| view! { <p class="error-text">{t.get().l3.export_failed}</p> })}
        </div>
    }
}
