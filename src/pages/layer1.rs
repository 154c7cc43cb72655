//! Layer 1 — the company's commercial goals and calculated sales plans: the client base, the
//! ABC analysis, the goals and the plan/fact metric. Every figure comes from `crate::domain`.

use crate::components::tabs::{Tab, Tabs};
use crate::domain::abc::{abc_analysis, abc_conclusions, client_year_index};
use crate::domain::plan::{
    category_plans, fulfilment, manager_plans, market_share, project_goals, year_to_date, Light,
    TrafficLight,
};
use crate::domain::{edit, new_id, Category, Client, ClientRevenue, Money, Project};
use crate::i18n::format::{fmt_amount, fmt_money, fmt_num, fmt_pct, parse_number};
use crate::i18n::{fill, Catalogue};
use crate::state::route::{use_tab, Route};
use crate::state::store::{today, use_store};
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

const PAGE: usize = 50;

fn abc_of(p: &Project) -> crate::domain::abc::AbcResult {
    let year = p.layer1.abc.year.unwrap_or(p.company.base_year);
    abc_analysis(p, year, &p.layer1.abc)
}

#[component]
pub fn Layer1Page() -> impl IntoView {
    let t = use_i18n();
    let tab = use_tab("clients");
    let tabs: Vec<Tab> = vec![
        ("clients", |c: &Catalogue| c.l1.tab_clients),
        ("abc", |c: &Catalogue| c.l1.tab_abc),
        ("goals", |c: &Catalogue| c.l1.tab_goals),
        ("planfact", |c: &Catalogue| c.l1.tab_planfact),
    ];
    view! {
        <section class="page" data-testid="l1-page">
            <h1>{move || t.get().l1.title}</h1>
            <p class="lead">{move || t.get().l1.lead}</p>
            <Tabs route=Route::L1 tabs=tabs current=tab />
            {move || match tab.get().as_str() {
                "abc" => view! { <AbcTab /> }.into_any(),
                "goals" => view! { <GoalsTab /> }.into_any(),
                "planfact" => view! { <PlanFactTab /> }.into_any(),
                _ => view! { <ClientsTab /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ClientsTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let filter = RwSignal::new(String::new());
    let sort = RwSignal::new(("name", true));
    let page = RwSignal::new(0usize);
    let error = RwSignal::new(None::<String>);
    let year = Memo::new(move |_| {
        store
            .current
            .with(|p| {
                p.as_ref()
                    .map(|p| p.layer1.abc.year.unwrap_or(p.company.base_year))
            })
            .unwrap_or(0)
    });
    // Rows: (id, code, name, revenue, category letter), filtered and sorted over all clients.
    let rows = Memo::new(move |_| {
        let f = filter.get().to_lowercase();
        let (key, asc) = sort.get();
        store.current.with(|p| {
            let Some(p) = p.as_ref() else {
                return Vec::new();
            };
            let y = p.layer1.abc.year.unwrap_or(p.company.base_year);
            let idx = client_year_index(p, y);
            let cats = abc_of(p).categories();
            let mut v: Vec<(crate::domain::Id, String, String, Money, &'static str)> = p
                .clients
                .iter()
                .filter(|c| {
                    f.is_empty()
                        || c.name.to_lowercase().contains(&f)
                        || c.code.to_lowercase().contains(&f)
                })
                .map(|c| {
                    (
                        c.id,
                        c.code.clone(),
                        c.name.clone(),
                        idx.get(&c.id).map(|y| y.amount).unwrap_or_default(),
                        cats.get(&c.id).copied().unwrap_or(Category::N).letter(),
                    )
                })
                .collect();
            v.sort_by(|a, b| {
                let o = match key {
                    "code" => a.1.cmp(&b.1),
                    "revenue" => a.3.cmp(&b.3),
                    "category" => a.4.cmp(b.4),
                    _ => a.2.to_lowercase().cmp(&b.2.to_lowercase()),
                };
                if asc {
                    o
                } else {
                    o.reverse()
                }
            });
            v
        })
    });
    let set_revenue = move |id: crate::domain::Id, s: String| match parse_number(&s) {
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
    let head = move |key: &'static str, label: String| {
        view! {
            <th><button class="btn ghost" data-testid=format!("sort-{key}")
                on:click=move |_| sort.update(|s| *s = if s.0 == key { (key, !s.1) } else { (key, true) })>
                {label}{move || { let s = sort.get(); if s.0 == key { if s.1 { " ▲" } else { " ▼" } } else { "" } }}
            </button></th>
        }
    };
    view! {
        <div class="l1-toolbar no-print">
            <input class="input" data-testid="client-filter" placeholder=move || t.get().l1.filter
                on:input=move |ev| { filter.set(event_target_value(&ev)); page.set(0) } />
            <button class="btn primary" data-testid="client-add" on:click=move |_| {
                store.update(|p| p.clients.push(Client { id: new_id(), code: String::new(), name: "Новый клиент".into(), industry: String::new(), channel_id: None, region_id: None, business_line_ids: vec![], manager_id: None, category_override: None, notes: String::new() }));
                filter.set(String::new());
                sort.set(("name", true));
            }>{move || t.get().l1.add}</button>
            <crate::components::table_import::ImportClientsButton />
        </div>
        {move || error.get().map(|e| view! { <p class="error-text" data-testid="client-error">{e}</p> })}
        <table class="table" data-testid="clients-table">
            <thead><tr>
                {head("code", t.get().l1.code.to_string())}
                {head("name", t.get().l1.name.to_string())}
                {move || head("revenue", fill(t.get().l1.revenue, &[&year.get().to_string()]))}
                {head("category", t.get().l1.category.to_string())}
                <th></th>
            </tr></thead>
            <tbody>
                {move || {
                    let all = rows.get();
                    let start = (page.get() * PAGE).min(all.len());
                    all[start..(start + PAGE).min(all.len())].iter().cloned().map(|(id, code, name, rev, cat)| {
                        let n2 = name.clone();
                        view! {
                            <tr data-testid="client-row">
                                <td><input class="input" prop:value=code data-testid="client-code"
                                    on:change=move |ev| { let v = event_target_value(&ev); store.update(|p| if let Some(c) = p.clients.iter_mut().find(|c| c.id == id) { c.code = v.trim().to_string() }) } /></td>
                                <td><input class="input" prop:value=name data-testid="client-name"
                                    on:change=move |ev| { let v = event_target_value(&ev); if !v.trim().is_empty() { store.update(|p| if let Some(c) = p.clients.iter_mut().find(|c| c.id == id) { c.name = v.trim().to_string() }) } } /></td>
                                <td class="num"><input class="input num" prop:value=fmt_amount(rev, lang.get_untracked()) data-testid="client-revenue"
                                    on:change=move |ev| set_revenue(id, event_target_value(&ev)) /></td>
                                <td data-testid="client-category">{cat}</td>
                                <td><button class="btn ghost" data-testid="client-delete" on:click=move |_| {
                                    let ok = window().confirm_with_message(&fill(t.get_untracked().l1.confirm_delete, &[&n2])).unwrap_or(false);
                                    if ok {
                                        let mut res = Ok(());
                                        store.update(|p| res = edit::remove_client(p, id));
                                        error.set(res.err());
                                    }
                                }>{move || t.get().l1.delete}</button></td>
                            </tr>
                        }
                    }).collect_view()
                }}
            </tbody>
        </table>
        <div class="l1-pager no-print">
            <button class="btn ghost" disabled=move || page.get() == 0 on:click=move |_| page.update(|x| *x = x.saturating_sub(1))>{move || t.get().l1.prev}</button>
            <span data-testid="client-count">{move || {
                let n = rows.with(|r| r.len());
                let shown = n.saturating_sub(page.get() * PAGE).min(PAGE);
                fill(t.get().l1.shown, &[&shown.to_string(), &n.to_string()])
            }}</span>
            <button class="btn ghost" disabled=move || (page.get() + 1) * PAGE >= rows.with(|r| r.len())
                on:click=move |_| page.update(|x| *x += 1)>{move || t.get().l1.next}</button>
        </div>
    }
}

#[component]
fn AbcTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let res = Memo::new(move |_| store.current.with(|p| p.as_ref().map(abc_of)));
    let err = RwSignal::new(None::<String>);
    let set_t = move |a: bool, s: String| match parse_number(&s) {
        Some(x) => {
            err.set(None);
            store.update(|p| {
                if a {
                    p.layer1.abc.threshold_a = x
                } else {
                    p.layer1.abc.threshold_b = x
                }
            })
        }
        None => err.set(Some(t.get_untracked().l1.bad_number.to_string())),
    };
    let th = move |a: bool| {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| {
                    fmt_num(
                        if a {
                            p.layer1.abc.threshold_a
                        } else {
                            p.layer1.abc.threshold_b
                        },
                        0,
                        lang.get(),
                    )
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="form-grid no-print">
            <label class="field"><span>{move || t.get().l1.threshold_a}</span>
                <input class="input" data-testid="abc-threshold-a" prop:value=move || th(true) on:change=move |ev| set_t(true, event_target_value(&ev)) /></label>
            <label class="field"><span>{move || t.get().l1.threshold_b}</span>
                <input class="input" data-testid="abc-threshold-b" prop:value=move || th(false) on:change=move |ev| set_t(false, event_target_value(&ev)) /></label>
        </div>
        {move || err.get().map(|e| view! { <p class="error-text">{e}</p> })}
        <p class="muted" data-testid="abc-tie-rule">{move || t.get().l1.tie_rule}</p>
        <ul data-testid="abc-conclusions">
            {move || store.current.with(|p| match (p.as_ref(), res.get()) {
                (Some(p), Some(r)) => abc_conclusions(p, &r, lang.get()).into_iter().map(|s| view! { <li>{s}</li> }).collect_view().into_any(),
                _ => ().into_any(),
            })}
        </ul>
        <table class="table" data-testid="abc-summary">
            <thead><tr><th>{move || t.get().l1.category}</th><th class="num">{move || t.get().l1.clients}</th>
                <th class="num">{move || fill(t.get().l1.revenue, &[""])}</th><th class="num">{move || t.get().l1.share}</th>
                <th class="num">{move || t.get().l1.avg_deal}</th><th class="num">{move || t.get().l1.avg_cycle}</th></tr></thead>
            <tbody>
                {move || res.get().map(|r| r.summary.iter().map(|s| {
                    let l = lang.get();
                    view! { <tr data-testid=format!("abc-sum-{}", s.category.letter())>
                        <td>{s.category.letter()}</td><td class="num">{s.clients}</td>
                        <td class="num">{fmt_amount(s.revenue, l)}</td><td class="num">{fmt_pct(s.revenue_share_pct, 1, l)}</td>
                        <td class="num">{s.avg_deal.map(|m| fmt_amount(m, l)).unwrap_or_else(|| "—".into())}</td>
                        <td class="num">{s.avg_cycle_days.map(|d| fmt_num(d, 0, l)).unwrap_or_else(|| "—".into())}</td>
                    </tr> }
                }).collect_view())}
            </tbody>
        </table>
        <table class="table" data-testid="abc-table">
            <thead><tr><th>"#"</th><th>{move || t.get().l1.code}</th><th>{move || t.get().l1.name}</th>
                <th class="num">{move || t.get().l1.share}</th><th class="num">"Σ %"</th><th>{move || t.get().l1.category}</th></tr></thead>
            <tbody>
                {move || store.current.with(|p| match (p.as_ref(), res.get()) {
                    (Some(p), Some(r)) => {
                        let l = lang.get();
                        r.rows.iter().take(PAGE).map(|row| {
                            let c = &p.clients[row.client_index];
                            view! { <tr data-testid="abc-row"><td>{row.rank}</td><td>{c.code.clone()}</td><td>{c.name.clone()}</td>
                                <td class="num">{fmt_pct(Some(row.share_pct), 1, l)}</td><td class="num">{fmt_pct(Some(row.cum_after_pct), 1, l)}</td>
                                <td data-testid="abc-row-class">{row.category.letter()}</td></tr> }
                        }).collect_view().into_any()
                    }
                    _ => ().into_any(),
                })}
            </tbody>
        </table>
    }
}

#[component]
fn GoalsTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let err = RwSignal::new(None::<String>);
    let unit = move || {
        store
            .current
            .with(|p| p.as_ref().map(|p| p.company.money_unit))
            .unwrap_or(crate::domain::MoneyUnit::Rub)
    };
    let cats = Memo::new(move |_| store.current.with(|p| p.as_ref().map(category_plans)));
    let set_share = move |k: Category, s: String| {
        let v = if s.trim().is_empty() {
            Some(None)
        } else {
            parse_number(&s).map(Some)
        };
        match v {
            Some(v) => {
                err.set(None);
                store.update(|p| {
                    let cv = &mut p.layer1.category_shares;
                    match k {
                        Category::A => cv.a = v,
                        Category::B => cv.b = v,
                        _ => cv.c = v,
                    }
                })
            }
            None => err.set(Some(t.get_untracked().l1.bad_number.to_string())),
        }
    };
    view! {
        <label class="field"><span>{move || t.get().l1.company_plan}</span>
            <input class="input" data-testid="company-plan"
                prop:value=move || store.current.with(|p| p.as_ref().map(|p| fmt_amount(p.layer1.company_plan, lang.get())).unwrap_or_default())
                on:change=move |ev| match parse_number(&event_target_value(&ev)) {
                    Some(x) => { err.set(None); store.update(|p| p.layer1.company_plan = Money::from_f64(x)) }
                    None => err.set(Some(t.get_untracked().l1.bad_number.to_string())),
                } /></label>
        {move || err.get().map(|e| view! { <p class="error-text">{e}</p> })}
        <table class="table" data-testid="category-shares">
            <tbody>
                {move || cats.get().map(|c| c.plans.iter().map(|cp| {
                    let k = cp.category;
                    let l = lang.get();
                    view! { <tr><td>{k.letter()}</td>
                        <td><input class="input num" data-testid=format!("share-{}", k.letter())
                            prop:value=cp.share_pct.map(|x| fmt_num(x, 1, l)).unwrap_or_default()
                            on:change=move |ev| set_share(k, event_target_value(&ev)) />" %"</td>
                        <td class="num">{fmt_money(cp.plan, unit(), l)}</td></tr> }
                }).collect_view())}
            </tbody>
        </table>
        {move || cats.get().map(|c| {
            let l = lang.get();
            view! {
                <p data-testid="shares-sum" class:error-text=!c.shares_ok>
                    {fill(t.get().l1.shares_sum, &[&fmt_pct(Some(c.shares_sum), 1, l)])}
                    {(!c.shares_ok).then(|| format!(" — ✗ {}", t.get().l1.shares_bad))}
                    {c.shares_ok.then_some(" ✓")}
                </p>
            }
        })}
        <ul data-testid="project-goals">
            {move || store.current.with(|p| p.as_ref().map(|p| {
                let l = lang.get();
                let abc = abc_of(p);
                project_goals(p, &abc).into_iter().map(|g| {
                    let share = category_plans(p).plans.iter().find(|c| c.category == g.category).and_then(|c| c.share_pct);
                    let dash = || "—".to_string();
                    view! { <li data-testid=format!("goal-{}", g.category.letter())>
                        {fill(t.get().l1.won_needed, &[g.category.letter(), &fmt_amount(p.layer1.company_plan, l), &fmt_pct(share, 1, l),
                            &g.avg_deal.map(|m| fmt_amount(m, l)).unwrap_or_else(dash), &g.won_needed.map(|n| n.to_string()).unwrap_or_else(dash)])}
                        "; "{fill(t.get().l1.leads_needed, &[&g.leads_per_year.map(|n| n.to_string()).unwrap_or_else(dash)])}
                    </li> }
                }).collect_view()
            }))}
        </ul>
        {move || store.current.with(|p| p.as_ref().map(|p| {
            let l = lang.get();
            let mp = manager_plans(p, &abc_of(p), 1.0);
            view! { <p data-testid="managers-check">
                {fill(t.get().l1.managers_sum, &[&fmt_money(mp.total, p.company.money_unit, l), &fmt_money(mp.company_plan, p.company.money_unit, l)])}
                " — "{if mp.total_ok { t.get().l1.managers_ok } else { t.get().l1.managers_bad }}
            </p> }
        }))}
        <h2>{move || t.get().l1.market_share}</h2>
        <table class="table" data-testid="market-share">
            <tbody>
                {move || store.current.with(|p| p.as_ref().map(|p| {
                    let l = lang.get();
                    let ms = market_share(p);
                    std::iter::once(ms.total.clone()).chain(ms.lines.clone()).map(|s| {
                        let name = s.business_line_id.and_then(|id| p.business_lines.iter().find(|b| b.id == id)).map(|b| b.name.clone())
                            .unwrap_or_else(|| "Итого".into());
                        view! { <tr><td>{name}</td>
                            <td class="num">{s.plan.map(|m| fmt_money(m, p.company.money_unit, l)).unwrap_or_default()}</td>
                            <td class="num">{s.plan_volume.map(|m| fmt_money(m, p.company.money_unit, l)).unwrap_or_default()}</td>
                            <td class="num" data-testid="share-pct">{fmt_pct(s.plan_share_pct, 1, l)}</td></tr> }
                    }).collect_view()
                }))}
            </tbody>
        </table>
    }
}

#[component]
fn PlanFactTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    view! {
        <table class="table" data-testid="plan-fact">
            <thead><tr><th></th><th class="num">{move || t.get().l1.plan_to_date}</th><th class="num">{move || t.get().l1.fact}</th>
                <th class="num">{move || t.get().l1.fulfilment}</th></tr></thead>
            <tbody>
                {move || store.current.with(|p| p.as_ref().map(|p| {
                    let l = lang.get();
                    let u = p.company.money_unit;
                    let rep = fulfilment(p, year_to_date(p, today()), &TrafficLight::default());
                    std::iter::once((t.get().l1.company.to_string(), rep.company.clone()))
                        .chain(rep.managers.iter().map(|f| (p.managers.iter().find(|m| Some(m.id) == f.manager_id).map(|m| m.name.clone()).unwrap_or_default(), f.clone())))
                        .map(|(name, f)| {
                            let light = match f.light { Some(Light::Green) => "● ✓", Some(Light::Amber) => "● !", Some(Light::Red) => "● ✗", None => "—" };
                            let cls = match f.light { Some(Light::Green) => "l1-green", Some(Light::Amber) => "l1-amber", Some(Light::Red) => "l1-red", None => "" };
                            view! { <tr data-testid="pf-row"><td>{name}</td>
                                <td class="num" data-testid="pf-plan">{fmt_money(f.plan_to_date, u, l)}</td>
                                <td class="num" data-testid="pf-fact">{fmt_money(f.fact, u, l)}</td>
                                <td class="num"><span class=cls>{light}</span>" "{fmt_pct(f.pct, 1, l)}</td></tr> }
                        }).collect_view()
                }))}
            </tbody>
        </table>
    }
}
