//! Layer 3 — strategy for A and B clients: project maps with ЛВР/ЛФР/ЛПР, touch points and
//! the layer's metrics and results. Every figure comes from `crate::domain::accounts`.

use crate::components::print::print_page;
use crate::components::tabs::{Tab, Tabs};
use crate::domain::abc::client_categories;
use crate::domain::accounts::{
    a_elaboration, layer3_results, project_map, touch_points, Categories,
};
use crate::domain::model::{new_id, Category, Contact, Id, Project, Role, TouchKind, TouchPoint};
use crate::domain::period::Period;
use crate::i18n::fill;
use crate::i18n::format::{fmt_date, fmt_num, fmt_pct, parse_date};
use crate::state::route::{href_to, use_query, use_tab, Route};
use crate::state::{use_i18n, use_lang};
use chrono::Datelike;
use leptos::prelude::*;

/// Rows of the touch-point log shown per page.
const PAGE: usize = 50;

fn code_of(p: &Project, id: Id) -> String {
    p.clients
        .iter()
        .find(|c| c.id == id)
        .map(|c| {
            if c.code.is_empty() {
                c.name.clone()
            } else {
                c.code.clone()
            }
        })
        .unwrap_or_default()
}

fn kind_index(k: TouchKind) -> usize {
    TouchKind::ALL.iter().position(|x| *x == k).unwrap_or(8)
}

fn as_of(p: &Project) -> chrono::NaiveDate {
    p.as_of(crate::state::store::today())
}

#[component]
pub fn Layer3Page() -> impl IntoView {
    let t = use_i18n();
    let tab = use_tab("maps");
    let tabs: Vec<Tab> = vec![
        ("maps", |c| c.l3.tab_maps),
        ("touches", |c| c.l3.tab_touches),
        ("metrics", |c| c.l3.tab_metrics),
    ];
    view! {
        <section class="page" data-testid="l3-page">
            <h1 class="no-print">{move || t.get().l3.title}</h1>
            <p class="lead no-print">{move || t.get().l3.lead}</p>
            <Tabs route=Route::L3 tabs=tabs current=tab />
            {move || match tab.get().as_str() {
                "touches" => view! { <Touches /> }.into_any(),
                "metrics" => view! { <Metrics /> }.into_any(),
                _ => view! { <Maps /> }.into_any(),
            }}
        </section>
    }
}

/// The project's categories, recomputed when the project changes.
fn use_categories() -> Memo<Categories> {
    let store = crate::state::store::use_store();
    Memo::new(move |_| {
        store
            .current
            .with(|p| p.as_ref().map(client_categories).unwrap_or_default())
    })
}

#[component]
fn Maps() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = crate::state::store::use_store();
    let cats = use_categories();
    let client_q = use_query("client");
    let elab = Memo::new(move |_| {
        store
            .current
            .with(|p| p.as_ref().map(|p| cats.with(|c| a_elaboration(p, c))))
    });
    let summary = move || {
        elab.get().map(|e| {
            let tt = t.get();
            let total = e.a_clients.len() * 3;
            let cov = fill(
                tt.l3.role_coverage,
                &[
                    &e.roles_known.to_string(),
                    &total.to_string(),
                    &fmt_pct(e.role_coverage_pct().map(f64::round), 0, lang.get()),
                ],
            );
            let full = fill(
                tt.l3.full_maps,
                &[
                    &e.full_maps.len().to_string(),
                    &e.a_clients.len().to_string(),
                ],
            );
            view! {
                <p data-testid="l3-role-coverage">{cov}</p>
                <p data-testid="l3-full-maps">{full}</p>
            }
        })
    };
    let list = move || {
        let Some(e) = elab.get() else {
            return ().into_any();
        };
        if e.a_clients.is_empty() {
            return view! { <p class="empty-state">{t.get().l3.empty}</p> }.into_any();
        }
        let selected = client_q.get();
        store.current.with(|p| {
            let Some(p) = p.as_ref() else { return ().into_any() };
            e.a_clients
                .iter()
                .map(|&id| {
                    let code = code_of(p, id);
                    let sel = selected.as_deref() == Some(id.to_string().as_str());
                    let map = cats.with(|c| project_map(p, c, id));
                    let gaps = map.gaps();
                    let full = map.is_full();
                    let href = href_to(Route::L3, "maps", &[("client", &id.to_string())]);
                    let gap_text = gaps
                        .iter()
                        .map(|r| fill(t.get().l3.no_role, &[r.abbr()]))
                        .collect::<Vec<_>>()
                        .join(", ");
                    view! {
                        <li class:selected=sel>
                            <a href=href data-testid=format!("l3-client-{code}")>{code.clone()}</a>
                            " "
                            {if full {
                                view! { <span class="l3-ok">{t.get().l3.map_full}</span> }.into_any()
                            } else {
                                view! {
                                    <span class="warning" data-testid=format!("l3-gaps-{code}")>
                                        {format!("⚠ {gap_text}")}
                                    </span>
                                }
                                    .into_any()
                            }}
                        </li>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    let chosen = Memo::new(move |_| {
        let q = client_q.get();
        let first = elab.with(|e| e.as_ref().and_then(|e| e.a_clients.first().copied()));
        q.and_then(|s| s.parse::<Id>().ok()).or(first)
    });
    view! {
        <div class="l3-maps">
            <div class="no-print">
                {summary}
                <ul class="l3-client-list" data-testid="l3-client-list">{list}</ul>
            </div>
            {move || chosen.get().map(|id| view! { <ClientMap id=id /> })}
        </div>
    }
}

#[component]
fn ClientMap(id: Id) -> impl IntoView {
    let t = use_i18n();
    let store = crate::state::store::use_store();
    let cats = use_categories();
    let name = RwSignal::new(String::new());
    let position = RwSignal::new(String::new());
    let role = RwSignal::new(String::from("LPR"));
    let error = RwSignal::new(false);
    let add = move |_| {
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            error.set(true);
            return;
        }
        error.set(false);
        let roles = match role.get_untracked().as_str() {
            "LVR" => vec![Role::Lvr],
            "LFR" => vec![Role::Lfr],
            "LPR" => vec![Role::Lpr],
            _ => vec![],
        };
        let contact = Contact {
            id: new_id(),
            client_id: id,
            name: n,
            position: position.get_untracked().trim().to_string(),
            roles,
            attitude: None,
            influence: None,
            access: None,
            notes: String::new(),
            influences: vec![],
        };
        store.update(move |p| p.contacts.push(contact));
        name.set(String::new());
        position.set(String::new());
    };
    let sheet = move || {
        store.current.with(|p| {
            let p = p.as_ref()?;
            let client = p.clients.iter().find(|c| c.id == id)?;
            let map = cats.with(|c| project_map(p, c, id));
            let contact = |cid: &Id| p.contacts.iter().find(|c| c.id == *cid).cloned();
            let groups = Role::ALL
                .iter()
                .map(|&r| {
                    let rows = map
                        .contacts(r)
                        .iter()
                        .filter_map(contact)
                        .map(|c| view! { <li>{c.name}" — "{c.position}</li> })
                        .collect_view();
                    let empty = map.contacts(r).is_empty();
                    view! {
                        <div class="l3-role" data-testid=format!("l3-role-{}", r.abbr())>
                            <h3>{r.abbr()}</h3>
                            <ul>{rows}</ul>
                            {empty.then(|| view! {
                                <p class="warning">{format!("⚠ {}", fill(t.get().l3.no_role, &[r.abbr()]))}</p>
                            })}
                        </div>
                    }
                })
                .collect_view();
            Some(view! {
                <h2>{format!("{} — {}", client.code, client.name)}</h2>
                <div class="l3-roles">{groups}</div>
            })
        })
    };
    view! {
        <div class="print-sheet l3-map" id="l3-map-sheet" data-testid="l3-map">
            {sheet}
        </div>
        <div class="no-print l3-add-contact">
            <div class="form-grid">
                <label class="field">
                    <span>{move || t.get().l3.name}</span>
                    <input class="input" data-testid="l3-contact-name" prop:value=name
                        on:change=move |ev| name.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{move || t.get().l3.position}</span>
                    <input class="input" data-testid="l3-contact-position" prop:value=position
                        on:change=move |ev| position.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{move || t.get().l3.role}</span>
                    <select class="input" data-testid="l3-contact-role" prop:value=role
                        on:change=move |ev| role.set(event_target_value(&ev))>
                        <option value="LPR">"ЛПР"</option>
                        <option value="LFR">"ЛФР"</option>
                        <option value="LVR">"ЛВР"</option>
                        <option value="">{move || t.get().l3.no_roles}</option>
                    </select>
                </label>
            </div>
            <button class="btn primary" data-testid="l3-add-contact" on:click=add>
                {move || t.get().l3.add_contact}
            </button>
            {move || error.get().then(|| view! { <p class="error-text">{t.get().l3.name_required}</p> })}
            " "
            <button class="btn ghost" data-testid="l3-print" on:click=move |_| print_page()>
                {move || t.get().l3.print}
            </button>
        </div>
    }
}

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

#[component]
fn Touches() -> impl IntoView {
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
    let quarter = RwSignal::new(None::<(i32, u32)>);
    let period = Memo::new(move |_| {
        let (y, q) = quarter
            .get()
            .unwrap_or_else(|| quarters_up_to(today.get())[0]);
        Period::quarter(y, q)
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
                    let letter = if cat == Category::A { "A" } else { "B" };
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
                        format!("{}: {below}", t.get().l3.below_target)
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
    // Quick entry.
    let date = RwSignal::new(String::new());
    let client = RwSignal::new(String::new());
    let kind = RwSignal::new(String::from("7"));
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
        let cid = client
            .get_untracked()
            .parse::<Id>()
            .ok()
            .or_else(|| ab_clients.with_untracked(|v| v.first().map(|x| x.0)));
        let Some(cid) = cid else { return };
        let k = kind.get_untracked().parse::<usize>().unwrap_or(7).min(8);
        let tp = TouchPoint {
            id: new_id(),
            client_id: cid,
            contact_id: None,
            date: d,
            kind: TouchKind::ALL[k],
            activity_id: None,
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
                    view! {
                        <tr>
                            <td>{fmt_date(tp.date)}</td>
                            <td>{code_of(p, tp.client_id)}</td>
                            <td>{tt.l3.kinds[kind_index(tp.kind)]}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <table class="table" data-testid="l3-touch-log">
                    <thead><tr><th>{tt.l3.date}</th><th>{tt.l3.client}</th><th>{tt.l3.kind}</th></tr></thead>
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
            <label class="field">
                <span>{move || t.get().l3.period}</span>
                <select class="input" data-testid="l3-period"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let mut it = v.split('-');
                        let y = it.next().and_then(|s| s.parse().ok());
                        let q = it.next().and_then(|s| s.parse().ok());
                        if let (Some(y), Some(q)) = (y, q) { quarter.set(Some((y, q))) }
                    }>
                    {move || {
                        let cur = period.get();
                        quarters_up_to(today.get())
                            .into_iter()
                            .map(|(y, q)| {
                                let sel = Period::quarter(y, q) == cur;
                                view! {
                                    <option value=format!("{y}-{q}") selected=sel>
                                        {format!("Q{q} {y}")}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
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
                        on:change=move |ev| client.set(event_target_value(&ev))>
                        {move || ab_clients.get().into_iter().map(|(id, code)| view! {
                            <option value=id.to_string()>{code}</option>
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
                <button class="btn primary" data-testid="l3-add-touch" on:click=add>
                    {move || t.get().l3.add_touch}
                </button>
            </div>
            {move || bad.get().then(|| view! { <p class="error-text">{t.get().l3.bad_date}</p> })}
            {summary}
            <h3>{move || t.get().l3.touch_log}</h3>
            {log}
        </div>
    }
}

#[component]
fn Metrics() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = crate::state::store::use_store();
    let cats = use_categories();
    let body = move || {
        store.current.with(|p| {
            let p = p.as_ref()?;
            let tt = t.get();
            let l = lang.get();
            let r = cats.with(|c| layer3_results(p, c));
            let per = Period::quarter_of(as_of(p));
            let touches = cats.with(|c| touch_points(p, c, per));
            let tline = [Category::A, Category::B]
                .into_iter()
                .filter_map(|cat| {
                    let c = touches.category(cat)?;
                    let letter = if cat == Category::A { "A" } else { "B" };
                    Some(view! {
                        <li data-testid=format!("l3-metric-touches-{letter}")>
                            {format!("{} {letter}: ", tt.l3.tab_touches)}
                            {fill(tt.l3.touches_summary, &[
                                &c.total.to_string(),
                                &c.average.map(|a| fmt_num(a, 1, l)).unwrap_or("—".into()),
                                &c.target.map(|a| fmt_num(a, 0, l)).unwrap_or("—".into()),
                            ])}
                        </li>
                    })
                })
                .collect_view();
            let status = |met: bool, missing: String| {
                if met {
                    tt.l3.met.to_string()
                } else {
                    fill(tt.l3.missing, &[&missing])
                }
            };
            let a_missing = r
                .a_maps
                .missing
                .iter()
                .map(|g| code_of(p, g.client_id))
                .collect::<Vec<_>>()
                .join(", ");
            let rows = vec![
                (
                    tt.l3.res_typical,
                    status(r.typical_maps.met, r.typical_maps.missing.len().to_string()),
                    None,
                ),
                (
                    tt.l3.res_a_maps,
                    status(r.a_maps.met, a_missing),
                    Some(href_to(Route::L3, "maps", &[])),
                ),
                (
                    tt.l3.res_programmes,
                    status(r.programmes.met, r.programmes.missing.len().to_string()),
                    None,
                ),
                (tt.l3.res_pr, status(r.pr_plan.met, String::new()), None),
            ];
            let rows = rows
                .into_iter()
                .enumerate()
                .map(|(i, (label, st, href))| {
                    view! {
                        <li data-testid=format!("l3-result-{i}")>
                            {match href {
                                Some(h) => view! { <a href=h>{label}</a> }.into_any(),
                                None => view! { <span>{label}</span> }.into_any(),
                            }}
                            ": "
                            {st}
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <ul>{tline}</ul>
                <h2>{tt.l3.results}</h2>
                <ul data-testid="l3-results">{rows}</ul>
            })
        })
    };
    view! { <div class="l3-metrics">{body}</div> }
}
