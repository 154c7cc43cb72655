//! Tab «Точки контакта»: the per-quarter targets (editable), the touch points of every A and
//! B client in a period against them with the clients below target and their managers, and the
//! log with a quick entry that links a touch to a contact and a programme activity.

use super::{as_of, kind_index, use_categories};
use crate::domain::accounts::touch_target_per_quarter;
use crate::domain::layer3::touches::{touch_entry, touches_view};
use crate::domain::model::{new_id, Category, Id, Role, TouchKind, TouchPoint};
use crate::domain::period::Period;
use crate::i18n::fill;
use crate::i18n::format::{fmt_date, fmt_num, parse_date, parse_number};
use crate::state::{use_i18n, use_lang};
use chrono::Datelike;
use leptos::prelude::*;

/// Rows of the touch-point log shown per page.
const PAGE: usize = 50;

/// The quarters offered for the touch-point period: the last eight up to "as of".
fn quarters_up_to(d: chrono::NaiveDate) -> Vec<(i32, u32)> {
    let (mut y, mut q) = (d.year(), (d.month() - 1) / 3 + 1);
    let mut out = vec![];
    for _ in 0..8 {
        out.push((y, q));
        if q == 1 {
            y -= 1;
            q = 4;
        } else {
            q -= 1;
        }
    }
    out
}

/// The period choice: a quarter or a whole year.
#[derive(Clone, Copy, PartialEq)]
enum Choice {
    Quarter(i32, u32),
    Year(i32),
}

/// The editable target of one category.
#[component]
fn TargetInput(category: Category) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = crate::state::store::use_store();
    let bad = RwSignal::new(false);
    let letter = category.letter();
    let value = move || {
        store.current.with(|p| {
            p.as_ref()
                .and_then(|p| touch_target_per_quarter(p, category))
                .map(|x| fmt_num(x, if x.fract() == 0.0 { 0 } else { 1 }, lang.get()))
                .unwrap_or_default()
        })
    };
    view! {
        <label class="field">
            <span>{move || fill(t.get().l3.target_for, &[letter])}</span>
            <input class="input" data-testid=format!("l3-target-{letter}") inputmode="decimal" prop:value=value
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    match parse_number(&v) {
                        Some(x) if x >= 0.0 && x.is_finite() => {
                            bad.set(false);
                            store.update(|p| match category {
                                Category::A => p.layer3.touch_targets.a = Some(x),
                                _ => p.layer3.touch_targets.b = Some(x),
                            });
                        }
                        _ => bad.set(true),
                    }
                } />
            {move || bad.get().then(|| view! { <span class="error-text">{t.get().l3.bad_target}</span> })}
        </label>
    }
}

#[component]
pub fn TouchesTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = crate::state::store::use_store();
    let cats = use_categories();
    let today = Memo::new(move |_| {
        store.current.with(|p| {
            p.as_ref()
                .map(as_of)
                .unwrap_or_else(crate::state::store::today)
        })
    });
    let choice = RwSignal::new(None::<Choice>);
    let period = Memo::new(move |_| {
        match choice.get().unwrap_or_else(|| {
            let (y, q) = quarters_up_to(today.get())[0];
            Choice::Quarter(y, q)
        }) {
            Choice::Quarter(y, q) => Period::quarter(y, q),
            Choice::Year(y) => Period::year(y),
        }
    });
    let report = Memo::new(move |_| {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| cats.with(|c| touches_view(p, c, period.get())))
        })
    });
    let summary = move || {
        let v = report.get()?;
        let r = &v.report;
        let l = lang.get();
        Some(
            [Category::A, Category::B]
                .into_iter()
                .filter_map(|cat| {
                    let c = r.category(cat)?.clone();
                    let letter = cat.letter();
                    let line = fill(
                        t.get().l3.touches_summary,
                        &[
                            &c.total.to_string(),
                            &c.average.map(|a| fmt_num(a, 1, l)).unwrap_or("—".into()),
                            &c.target.map(|a| fmt_num(a, 0, l)).unwrap_or("—".into()),
                        ],
                    );
                    let below = v
                        .below
                        .iter()
                        .find(|(k, _)| *k == cat)
                        .map(|(_, codes)| codes.join(", "))
                        .unwrap_or_default();
                    let below = if below.is_empty() {
                        t.get().l3.none_below.to_string()
                    } else {
                        format!("⚠ {}: {below}", t.get().l3.below_target)
                    };
                    Some(view! {
                        <div class="l3-touch-cat">
                            <h2 class="h3">{format!("{} {letter}", t.get().l3.category)}</h2>
                            <p data-testid=format!("l3-touches-{letter}")>{line}</p>
                            <p data-testid=format!("l3-below-{letter}")>{below}</p>
                        </div>
                    })
                })
                .collect_view(),
        )
    };
    let per_client = move || {
        let v = report.get()?;
        let tt = t.get().l3;
        let l = lang.get();
        {
            let rows = v
                .clients
                .into_iter()
                .map(|row| {
                    let c = row.touches;
                    let code = row.code;
                    view! {
                        <tr class:below=c.below_target data-testid=format!("l3-touch-row-{code}")>
                            <td>{code.clone()}</td>
                            <td>{row.name}</td>
                            <td>{c.category.letter()}</td>
                            <td>{row.manager}</td>
                            <td class="num">{c.count}</td>
                            {Role::ALL.into_iter().map(|r| view! { <td class="num">{c.with_role(r)}</td> }).collect_view()}
                            <td class="num">{c.target.map(|x| fmt_num(x, 1, l)).unwrap_or("—".into())}</td>
                            <td class="nowrap">{if c.below_target { tt.status_below } else { tt.status_ok }}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                {crate::components::export::table_export("tbl-l3-touch-clients", "touch-points")}
                <div class="table-box" tabindex="0"><table id="tbl-l3-touch-clients" class="table" data-testid="l3-touch-clients">
                    <thead><tr>
                        <th scope="col">{tt.client}</th>
                        <th scope="col">{tt.client_name}</th>
                        <th scope="col">{tt.category}</th>
                        <th scope="col">{tt.manager}</th>
                        <th scope="col" class="num">{tt.touches}</th>
                        {Role::ALL.into_iter().map(|r| view! {
                            <th scope="col" class="num"><crate::components::a11y::TermHint term=crate::i18n::glossary::role_term(r)>{fill(tt.touches_by_role, &[r.abbr_in(crate::state::current_lang())])}</crate::components::a11y::TermHint></th>
                        }).collect_view()}
                        <th scope="col" class="num">{tt.target}</th>
                        <th scope="col">{tt.status}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
            })
        }
    };
    // Quick entry.
    let date = RwSignal::new(String::new());
    let client = RwSignal::new(String::new());
    let kind = RwSignal::new(String::from("7"));
    let contact = RwSignal::new(String::new());
    let activity = RwSignal::new(String::new());
    let bad = RwSignal::new(false);
    let entry = Memo::new(move |_| {
        let chosen = client.get().parse::<Id>().ok();
        store.current.with(|p| {
            p.as_ref()
                .map(|p| cats.with(|c| touch_entry(p, c, chosen)))
                .unwrap_or_default()
        })
    });
    let add = move |_| {
        let d = if date.get_untracked().trim().is_empty() {
            Some(today.get_untracked())
        } else {
            parse_date(&date.get_untracked())
        };
        let Some(d) = d else {
            bad.set(true);
            return;
        };
        bad.set(false);
        let e = entry.get_untracked();
        let Some(cid) = e.client else {
            return;
        };
        let k = kind.get_untracked().parse::<usize>().unwrap_or(7).min(8);
        let contact_id = e.contact(contact.get_untracked().parse::<Id>().ok());
        let activity_id = e.activity(activity.get_untracked().parse::<Id>().ok());
        let tp = TouchPoint {
            id: new_id(),
            client_id: cid,
            contact_id,
            date: d,
            kind: TouchKind::ALL[k],
            activity_id,
            note: String::new(),
        };
        store.update(move |p| p.layer3.touch_points.push(tp));
    };
    let shown = RwSignal::new(PAGE);
    let log = move || {
        let v = report.get()?;
        {
            let total = v.log.len();
            let tt = t.get();
            let body = v
                .log
                .into_iter()
                .take(shown.get())
                .map(|r| {
                    view! {
                        <tr>
                            <td>{fmt_date(r.date)}</td>
                            <td>{r.client}</td>
                            <td>{tt.l3.kinds[kind_index(r.kind)]}</td>
                            <td>{r.contact}</td>
                            <td>{r.activity}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                {crate::components::export::table_export("tbl-l3-touch-log", "touch-log")}
                <div class="table-box" tabindex="0"><table id="tbl-l3-touch-log" class="table" data-testid="l3-touch-log">
                    <thead><tr>
                        <th scope="col">{tt.l3.date}</th>
                        <th scope="col">{tt.l3.client}</th>
                        <th scope="col">{tt.l3.kind}</th>
                        <th scope="col">{tt.l3.contact}</th>
                        <th scope="col">{tt.l3.activity}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table></div>
                {(total > shown.get()).then(|| view! {
                    <button class="btn ghost" data-nav="" on:click=move |_| shown.update(|s| *s += PAGE)>
                        {t.get().l3.show_more}
                    </button>
                })}
            })
        }
    };
    view! {
        <div class="l3-touches">
            <div class="form-grid">
                <label class="field">
                    <span>{move || t.get().l3.period}</span>
                    <select class="input" data-nav="" data-testid="l3-period"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let mut it = v.split('-');
                            let y = it.next().and_then(|s| s.parse().ok());
                            let q = it.next().and_then(|s| s.parse::<u32>().ok());
                            match (y, q) {
                                (Some(y), Some(0)) => choice.set(Some(Choice::Year(y))),
                                (Some(y), Some(q)) => choice.set(Some(Choice::Quarter(y, q))),
                                _ => {}
                            }
                        }>
                        {move || {
                            let cur = period.get();
                            let year_label = t.get().l3.year;
                            let qs = quarters_up_to(today.get());
                            let mut years: Vec<i32> = qs.iter().map(|x| x.0).collect();
                            years.dedup();
                            let quarters = qs
                                .into_iter()
                                .map(|(y, q)| {
                                    let sel = Period::quarter(y, q) == cur;
                                    view! {
                                        <option value=format!("{y}-{q}") selected=sel>
                                            {format!("Q{q} {y}")}
                                        </option>
                                    }
                                })
                                .collect_view();
                            let years = years
                                .into_iter()
                                .map(|y| {
                                    let sel = Period::year(y) == cur;
                                    view! { <option value=format!("{y}-0") selected=sel>{format!("{year_label} {y}")}</option> }
                                })
                                .collect_view();
                            view! { {quarters}{years} }
                        }}
                    </select>
                </label>
                <TargetInput category=Category::A />
                <TargetInput category=Category::B />
            </div>
            {summary}
            {per_client}
            <h2 class="h3">{move || t.get().l3.quick_log}</h2>
            <div class="l3-quick form-grid" data-testid="l3-quick-touch">
                <label class="field">
                    <span>{move || t.get().l3.date}</span>
                    <input class="input" data-testid="l3-touch-date" prop:value=date
                        placeholder=move || fmt_date(today.get())
                        on:change=move |ev| date.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{move || t.get().l3.client}</span>
                    <select class="input" data-testid="l3-touch-client"
                        on:change=move |ev| {
                            client.set(event_target_value(&ev));
                            contact.set(String::new());
                            activity.set(String::new());
                        }>
                        {move || entry.get().clients.into_iter().map(|(id, code)| view! {
                            <option value=id.to_string() selected=move || entry.with(|e| e.client) == Some(id)>{code}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().l3.kind}</span>
                    <select class="input" data-testid="l3-touch-kind" prop:value=kind
                        on:change=move |ev| kind.set(event_target_value(&ev))>
                        {move || t.get().l3.kinds.iter().enumerate().map(|(i, k)| view! {
                            <option value=i.to_string()>{*k}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().l3.contact}</span>
                    <select class="input" data-testid="l3-touch-contact"
                        on:change=move |ev| contact.set(event_target_value(&ev))>
                        <option value="" selected=move || contact.get().is_empty()>"—"</option>
                        {move || entry.get().contacts.into_iter().map(|(id, name)| view! {
                            <option value=id.to_string()>{name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().l3.activity}</span>
                    <select class="input" data-testid="l3-touch-activity"
                        on:change=move |ev| activity.set(event_target_value(&ev))>
                        <option value="" selected=move || activity.get().is_empty()>"—"</option>
                        {move || entry.get().activities.into_iter().map(|a| view! {
                            <option value=a.id.to_string()>{format!("{} {}", fmt_date(a.planned), a.title)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button class="btn primary" data-testid="l3-add-touch" on:click=add>
                    {move || t.get().l3.add_touch}
                </button>
            </div>
            {move || bad.get().then(|| view! { <p class="error-text">{t.get().l3.bad_date}</p> })}
            <h2 class="h3">{move || t.get().l3.touch_log}</h2>
            {log}
        </div>
    }
}
