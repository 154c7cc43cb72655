//! Tab «Точки контакта»: the per-quarter targets (editable), the touch points of every A and
//! B client in a period against them with the clients below target and their managers, and the
//! log with a quick entry that links a touch to a contact and a programme activity.

use super::{as_of, code_of, contact_name, kind_index, use_categories};
use crate::domain::accounts::{touch_points, touch_target_per_quarter};
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
                .map(|p| cats.with(|c| touch_points(p, c, period.get())))
        })
    });
    let summary = move || {
        let r = report.get()?;
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
                    let below = store.current.with(|p| {
                        p.as_ref()
                            .map(|p| {
                                c.below_target
                                    .iter()
                                    .map(|id| code_of(p, *id))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            })
                            .unwrap_or_default()
                    });
                    let below = if below.is_empty() {
                        t.get().l3.none_below.to_string()
                    } else {
                        format!("⚠ {}: {below}", t.get().l3.below_target)
                    };
                    Some(view! {
                        <div class="l3-touch-cat">
                            <h3>{format!("{} {letter}", t.get().l3.category)}</h3>
                            <p data-testid=format!("l3-touches-{letter}")>{line}</p>
                            <p data-testid=format!("l3-below-{letter}")>{below}</p>
                        </div>
                    })
                })
                .collect_view(),
        )
    };
    let per_client = move || {
        let r = report.get()?;
        let tt = t.get().l3;
        let l = lang.get();
        store.current.with(|p| {
            let p = p.as_ref()?;
            let rows = r
                .clients
                .iter()
                .map(|c| {
                    let client = p.client(c.client_id);
                    let mgr = client
                        .and_then(|k| k.manager_id)
                        .and_then(|m| p.manager(m))
                        .map(|m| m.name.clone())
                        .unwrap_or_default();
                    let code = code_of(p, c.client_id);
                    view! {
                        <tr class:below=c.below_target data-testid=format!("l3-touch-row-{code}")>
                            <td>{code.clone()}</td>
                            <td>{client.map(|k| k.name.clone()).unwrap_or_default()}</td>
                            <td>{c.category.letter()}</td>
                            <td>{mgr}</td>
                            <td class="num">{c.count}</td>
                            {Role::ALL.into_iter().map(|r| view! { <td class="num">{c.with_role(r)}</td> }).collect_view()}
                            <td class="num">{c.target.map(|x| fmt_num(x, 1, l)).unwrap_or("—".into())}</td>
                            <td>{if c.below_target { tt.status_below } else { tt.status_ok }}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <table class="table" data-testid="l3-touch-clients">
                    <thead><tr>
                        <th scope="col">{tt.client}</th>
                        <th scope="col">{tt.client_name}</th>
                        <th scope="col">{tt.category}</th>
                        <th scope="col">{tt.manager}</th>
                        <th scope="col" class="num">{tt.touches}</th>
                        {Role::ALL.into_iter().map(|r| view! {
                            <th scope="col" class="num">{fill(tt.touches_by_role, &[r.abbr_in(crate::state::current_lang())])}</th>
                        }).collect_view()}
                        <th scope="col" class="num">{tt.target}</th>
                        <th scope="col">{tt.status}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            })
        })
    };
    // Quick entry.
    let date = RwSignal::new(String::new());
    let client = RwSignal::new(String::new());
    let kind = RwSignal::new(String::from("7"));
    let contact = RwSignal::new(String::new());
    let activity = RwSignal::new(String::new());
    let bad = RwSignal::new(false);
    let ab_clients = Memo::new(move |_| {
        store.current.with(|p| {
            let Some(p) = p.as_ref() else { return vec![] };
            cats.with(|c| {
                p.clients
                    .iter()
                    .filter(|cl| matches!(c.get(&cl.id), Some(Category::A | Category::B)))
                    .map(|cl| (cl.id, code_of(p, cl.id)))
                    .collect::<Vec<_>>()
            })
        })
    });
    let chosen_client = Memo::new(move |_| {
        client
            .get()
            .parse::<Id>()
            .ok()
            .or_else(|| ab_clients.with(|v| v.first().map(|x| x.0)))
    });
    // Contacts of the chosen client, and the programme activities of its channel.
    let links = Memo::new(move |_| {
        let Some(cid) = chosen_client.get() else {
            return (vec![], vec![]);
        };
        store.current.with(|p| {
            let Some(p) = p.as_ref() else {
                return (vec![], vec![]);
            };
            let contacts = p
                .contacts
                .iter()
                .filter(|c| c.client_id == cid)
                .map(|c| (c.id, c.name.clone()))
                .collect::<Vec<_>>();
            let ch = p.client(cid).and_then(|c| c.channel_id);
            let acts = p
                .layer3
                .activities
                .iter()
                .filter(|a| Some(a.channel_id) == ch)
                .map(|a| (a.id, format!("{} {}", fmt_date(a.planned), a.title)))
                .collect::<Vec<_>>();
            (contacts, acts)
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
        let Some(cid) = chosen_client.get_untracked() else {
            return;
        };
        let k = kind.get_untracked().parse::<usize>().unwrap_or(7).min(8);
        let (contacts, acts) = links.get_untracked();
        let contact_id = contact
            .get_untracked()
            .parse::<Id>()
            .ok()
            .filter(|x| contacts.iter().any(|c| c.0 == *x));
        let activity_id = activity
            .get_untracked()
            .parse::<Id>()
            .ok()
            .filter(|x| acts.iter().any(|a| a.0 == *x));
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
        store.current.with(|p| {
            let p = p.as_ref()?;
            let per = period.get();
            let mut rows: Vec<&TouchPoint> = p
                .layer3
                .touch_points
                .iter()
                .filter(|tp| per.contains(tp.date))
                .collect();
            rows.sort_by_key(|tp| std::cmp::Reverse(tp.date));
            let total = rows.len();
            let tt = t.get();
            let body = rows
                .into_iter()
                .take(shown.get())
                .map(|tp| {
                    let act = tp
                        .activity_id
                        .and_then(|a| p.layer3.activities.iter().find(|x| x.id == a))
                        .map(|a| a.title.clone())
                        .unwrap_or_default();
                    view! {
                        <tr>
                            <td>{fmt_date(tp.date)}</td>
                            <td>{code_of(p, tp.client_id)}</td>
                            <td>{tt.l3.kinds[kind_index(tp.kind)]}</td>
                            <td>{tp.contact_id.map(|c| contact_name(p, c)).unwrap_or_default()}</td>
                            <td>{act}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <table class="table" data-testid="l3-touch-log">
                    <thead><tr>
                        <th scope="col">{tt.l3.date}</th>
                        <th scope="col">{tt.l3.client}</th>
                        <th scope="col">{tt.l3.kind}</th>
                        <th scope="col">{tt.l3.contact}</th>
                        <th scope="col">{tt.l3.activity}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
                {(total > shown.get()).then(|| view! {
                    <button class="btn ghost" on:click=move |_| shown.update(|s| *s += PAGE)>
                        {t.get().l3.show_more}
                    </button>
                })}
            })
        })
    };
    view! {
        <div class="l3-touches">
            <div class="form-grid">
                <label class="field">
                    <span>{move || t.get().l3.period}</span>
                    <select class="input" data-testid="l3-period"
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
            <h3>{move || t.get().l3.quick_log}</h3>
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
                        {move || ab_clients.get().into_iter().map(|(id, code)| view! {
                            <option value=id.to_string() selected=move || chosen_client.get() == Some(id)>{code}</option>
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
                        {move || links.get().0.into_iter().map(|(id, name)| view! {
                            <option value=id.to_string()>{name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().l3.activity}</span>
                    <select class="input" data-testid="l3-touch-activity"
                        on:change=move |ev| activity.set(event_target_value(&ev))>
                        <option value="" selected=move || activity.get().is_empty()>"—"</option>
                        {move || links.get().1.into_iter().map(|(id, title)| view! {
                            <option value=id.to_string()>{title}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button class="btn primary" data-testid="l3-add-touch" on:click=add>
                    {move || t.get().l3.add_touch}
                </button>
            </div>
            {move || bad.get().then(|| view! { <p class="error-text">{t.get().l3.bad_date}</p> })}
            <h3>{move || t.get().l3.touch_log}</h3>
            {log}
        </div>
    }
}
