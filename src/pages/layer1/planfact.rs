//! The layer's management metric «План продаж»: plan vs fact for a chosen period (month,
//! quarter, year to date, year), per company and per manager, the cumulative plan/fact chart
//! and the entered actuals (shipments invoiced).
//!
//! Fact rule (`layer1::fact_in_period`, nothing counted twice): entered actuals of a scope that
//! overlap the period replace its won deals; without them the won deals closed in the period
//! count. For the company, company-level actuals win over the managers' ones.

use super::{manager_items, options, parse_id, PAGE};
use crate::charts::plan_fact::{draw_plan_fact, PlanFactData};
use crate::components::chart::Chart;
use crate::components::guide::EmptyChart;
use crate::domain::guide::{chart_gap, Chart as GapChart};
use crate::domain::layer1::views::{plan_fact_rows, PlanFactRow};
use crate::domain::layer1::{
    company_fact_conflict, fulfilment, monthly_plan_fact, year_to_date, FactSource, Light,
    TrafficLight,
};
use crate::domain::{new_id, Actual, Id, Money, Period};
use crate::i18n::fill;
use crate::i18n::format::{fmt_amount, fmt_date, fmt_pct, parse_date, parse_number, unit_label};
use crate::i18n::present::screen_money;
use crate::state::store::{today, use_store};
use crate::state::{use_i18n, use_lang};
use chrono::Datelike;
use leptos::prelude::*;

const MONTHS_RU: [&str; 12] = [
    "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn tick_ru(v: f64) -> String {
    crate::i18n::format::fmt_num(v, 0, crate::i18n::Lang::Ru)
}

fn tick_en(v: f64) -> String {
    crate::i18n::format::fmt_num(v, 0, crate::i18n::Lang::En)
}

#[component]
pub fn PlanFactTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let err = RwSignal::new(None::<String>);
    // Period: kind ("ytd", "month", "quarter", "year") and number (month 1–12 / quarter 1–4).
    let kind = RwSignal::new("ytd".to_string());
    let num = RwSignal::new(0u32);
    let scope = RwSignal::new(None::<Id>);
    let as_of = move || {
        store
            .current
            .with(|p| p.as_ref().map(|p| p.as_of(today())))
            .unwrap_or_else(today)
    };
    let period = Memo::new(move |_| {
        store.current.with(|p| {
            let p = p.as_ref()?;
            let y = p.company.plan_year;
            let a = p.as_of(today());
            let n = num.get();
            Some(match kind.get().as_str() {
                "month" => Period::month(y, if n == 0 { a.month() } else { n }),
                "quarter" => Period::quarter(y, if n == 0 { (a.month() - 1) / 3 + 1 } else { n }),
                "year" => Period::year(y),
                _ => year_to_date(p, today()),
            })
        })
    });
    let report = Memo::new(move |_| {
        let per = period.get()?;
        store.current.with(|p| {
            p.as_ref()
                .map(|p| fulfilment(p, per, &TrafficLight::of_project(p)))
        })
    });
    // New actual form.
    let n_from = RwSignal::new(String::new());
    let n_to = RwSignal::new(String::new());
    let n_manager = RwSignal::new(None::<Id>);
    let n_amount = RwSignal::new(String::new());
    let n_note = RwSignal::new(String::new());
    let show_all = RwSignal::new(false);
    let add_actual = move |_| {
        let c = t.get_untracked();
        let (Some(from), Some(to)) = (
            parse_date(&n_from.get_untracked()),
            parse_date(&n_to.get_untracked()),
        ) else {
            err.set(Some(c.l1.bad_date.to_string()));
            return;
        };
        let Some(amount) = parse_number(&n_amount.get_untracked()) else {
            err.set(Some(c.l1.bad_number.to_string()));
            return;
        };
        err.set(None);
        let (from, to) = (from.min(to), from.max(to));
        store.update(|p| {
            p.layer1.actuals.push(Actual {
                id: new_id(),
                from,
                to,
                manager_id: n_manager.get_untracked(),
                amount: Money::from_f64(amount),
                note: n_note.get_untracked().trim().to_string(),
            })
        });
        n_amount.set(String::new());
        n_note.set(String::new());
    };
    let edit = move |id: Id, f: Box<dyn FnOnce(&mut Actual)>| {
        store.update(|p| {
            if let Some(a) = p.layer1.actuals.iter_mut().find(|a| a.id == id) {
                f(a)
            }
        })
    };
    view! {
        <div class="l1-toolbar no-print">
            <label class="l1-inline">{move || t.get().l1.period}
                <select class="input" data-testid="pf-kind" on:change=move |ev| { kind.set(event_target_value(&ev)); num.set(0) }>
                    <option value="ytd" selected=true>{move || t.get().l1.p_ytd}</option>
                    <option value="month">{move || t.get().l1.p_month}</option>
                    <option value="quarter">{move || t.get().l1.p_quarter}</option>
                    <option value="year">{move || t.get().l1.p_year}</option>
                </select></label>
            {move || {
                let k = kind.get();
                let a = as_of();
                let (n, cur) = match k.as_str() { "month" => (12, a.month()), "quarter" => (4, (a.month() - 1) / 3 + 1), _ => (0, 0) };
                (n > 0).then(|| view! {
                    <select class="input" data-testid="pf-num" aria-label=move || t.get().l1.period on:change=move |ev| num.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {(1..=n).map(|i| {
                            let label = if k == "month" { lang.get().pick(&MONTHS_RU, &MONTHS_EN)[(i - 1) as usize].to_string() } else { format!("Q{i}") };
                            view! { <option value=i.to_string() selected=i == cur>{label}</option> }
                        }).collect_view()}
                    </select>
                })
            }}
            <span class="muted" data-testid="pf-period">{move || period.get().map(|p| format!("{} – {}", fmt_date(p.from), fmt_date(p.to)))}</span>
        </div>
        {crate::components::export::table_export("tbl-plan-fact", "plan-fact")}
        <div class="table-box" tabindex="0"><table id="tbl-plan-fact" class="table" data-testid="plan-fact">
            <thead><tr><crate::components::a11y::ItemTh /><th class="num">{move || t.get().l1.plan_to_date}</th><th class="num">{move || t.get().l1.fact}</th>
                <th class="num">{move || t.get().l1.fulfilment}</th><th>{move || t.get().l1.fact_source}</th></tr></thead>
            <tbody>
                {move || store.current.with(|p| p.as_ref().and_then(|p| report.get().map(|rep| {
                    let l = lang.get();
                    let u = p.company.money_unit;
                    let c = t.get();
                    plan_fact_rows(p, &rep).into_iter()
                        .map(|PlanFactRow { manager_name, fulfilment: f }| {
                            let name = manager_name.unwrap_or_else(|| c.l1.company.to_string());
                            let light = match f.light { Some(Light::Green) => "● ✓", Some(Light::Amber) => "● !", Some(Light::Red) => "● ✗", None => "—" };
                            let cls = match f.light { Some(Light::Green) => "l1-green", Some(Light::Amber) => "l1-amber", Some(Light::Red) => "l1-red", None => "" };
                            let src = match f.source { FactSource::Actuals => c.l1.src_actuals, FactSource::WonDeals => c.l1.src_deals };
                            view! { <tr data-testid="pf-row"><td>{name}</td>
                                <td class="num" data-testid="pf-plan">{screen_money(f.plan_to_date, u, l)}</td>
                                <td class="num" data-testid="pf-fact">{screen_money(f.fact, u, l)}</td>
                                <td class="num" data-testid="pf-pct"><span class=cls>{light}</span>" "{fmt_pct(f.pct, 1, l)}</td>
                                <td class="muted small">{src}</td></tr> }
                        }).collect_view()
                })))}
            </tbody>
        </table></div>
        {move || store.current.with(|p| {
            let (p, per) = (p.as_ref()?, period.get()?);
            let (company, managers) = company_fact_conflict(p, per)?;
            let (u, l) = (p.company.money_unit, lang.get());
            Some(view! { <p class="warning" data-testid="pf-conflict">
                {fill(t.get().l1.fact_conflict, &[&screen_money(company, u, l), &screen_money(managers, u, l)])}</p> })
        })}
        <p class="muted small">{move || t.get().l1.fact_rule}</p>
        <h2>{move || t.get().l1.chart_title}</h2>
        <div class="l1-toolbar no-print">
            <label class="l1-inline">{move || t.get().l1.scope}
                <select class="input" data-testid="pf-scope" on:change=move |ev| scope.set(parse_id(&event_target_value(&ev)))>
                    {move || store.current.with(|p| p.as_ref().map(|p| options(manager_items(p), scope.get_untracked(), t.get().l1.company)))}
                </select></label>
        </div>
        {move || store.current.with(|p| p.as_ref().map(|p| {
            if let Some(action) = chart_gap(p, GapChart::PlanFact) {
                return view! { <EmptyChart action=action testid="pf-chart" /> }.into_any();
            }
            let l = lang.get();
            let c = t.get();
            let u = p.company.money_unit;
            let rows = monthly_plan_fact(p, scope.get(), p.as_of(today()));
            let months = l.pick(&MONTHS_RU, &MONTHS_EN);
            let last = rows.iter().rev().find_map(|r| r.cum_fact).unwrap_or_default();
            let data = PlanFactData {
                months: months.iter().map(|m| m.to_string()).collect(),
                cum_plan: rows.iter().map(|r| r.cum_plan.as_f64()).collect(),
                cum_fact: rows.iter().map(|r| r.cum_fact.map(|m| m.as_f64())).collect(),
                last_fact_text: fmt_amount(last, l),
                // The y axis has no title: the legend names the unit of its values.
                legend: [
                    crate::i18n::present::with_unit(c.l1.legend_plan, unit_label(u, l)),
                    crate::i18n::present::with_unit(c.l1.legend_fact, unit_label(u, l)),
                ],
                y_tick: match l {
                    crate::i18n::Lang::Ru => tick_ru,
                    crate::i18n::Lang::En => tick_en,
                },
            };
            let label = fill(c.l1.chart_label, &[&p.company.plan_year.to_string()]);
            view! {
                <Chart label=label.clone() testid="pf-chart" export=crate::components::export::chart_export(Signal::stored(label), "pf-chart", Box::new({ let d = data.clone(); move || crate::charts::to_svg(720, 320, |a| draw_plan_fact(a, &d)) }))
                    draw=move |area| draw_plan_fact(area, &data)>
                    <div class="table-box" tabindex="0"><table class="table" data-testid="pf-chart-table">
                        <thead><tr><th>{c.l1.month}</th><th class="num">{c.l1.plan}</th><th class="num">{c.l1.fact}</th>
                            <th class="num">{c.l1.cum_plan}</th><th class="num">{c.l1.cum_fact}</th></tr></thead>
                        <tbody>{rows.iter().map(|r| view! { <tr data-testid="pf-month">
                            <td>{months[(r.month - 1) as usize]}</td>
                            <td class="num">{screen_money(r.plan, u, l)}</td>
                            <td class="num">{r.fact.map(|m| screen_money(m, u, l)).unwrap_or_else(|| "—".into())}</td>
                            <td class="num">{screen_money(r.cum_plan, u, l)}</td>
                            <td class="num" data-testid="pf-month-cum-fact">{r.cum_fact.map(|m| screen_money(m, u, l)).unwrap_or_else(|| "—".into())}</td>
                        </tr> }).collect_view()}</tbody>
                    </table></div>
                </Chart>
            }
            .into_any()
        }))}
        <h2>{move || t.get().l1.actuals}</h2>
        <p class="muted">{move || t.get().l1.actuals_help}</p>
        <div class="l1-toolbar no-print" data-testid="actual-form">
            <input class="input l1-short" data-testid="actual-from" aria-label=move || t.get().l1.from placeholder="01.01.2025" prop:value=move || n_from.get() on:input=move |ev| n_from.set(event_target_value(&ev)) />
            <input class="input l1-short" data-testid="actual-to" aria-label=move || t.get().l1.to placeholder="31.03.2025" prop:value=move || n_to.get() on:input=move |ev| n_to.set(event_target_value(&ev)) />
            <select class="input" data-testid="actual-manager" aria-label=move || t.get().l1.manager on:change=move |ev| n_manager.set(parse_id(&event_target_value(&ev)))>
                {move || store.current.with(|p| p.as_ref().map(|p| options(manager_items(p), n_manager.get_untracked(), t.get().l1.company)))}
            </select>
            <input class="input num" data-testid="actual-amount" aria-label=move || t.get().l1.amount placeholder=move || t.get().l1.amount prop:value=move || n_amount.get() on:input=move |ev| n_amount.set(event_target_value(&ev)) />
            <input class="input" data-testid="actual-note" aria-label=move || t.get().l1.note placeholder=move || t.get().l1.note prop:value=move || n_note.get() on:input=move |ev| n_note.set(event_target_value(&ev)) />
            <button class="btn primary" data-testid="actual-add" on:click=add_actual>{move || t.get().l1.add_actual}</button>
        </div>
        {move || err.get().map(|e| view! { <p class="error-text" data-testid="pf-error">{e}</p> })}
        {crate::components::export::table_export("tbl-actuals-table", "actuals")}
        <div class="table-box" tabindex="0"><table id="tbl-actuals-table" class="table" data-testid="actuals-table">
            <thead><tr><th>{move || t.get().l1.from}</th><th>{move || t.get().l1.to}</th><th>{move || t.get().l1.manager}</th>
                <th class="num">{move || t.get().l1.amount}</th><th>{move || t.get().l1.note}</th><crate::components::a11y::ActionsTh /></tr></thead>
            <tbody>
            {move || store.current.with(|p| p.as_ref().map(|p| {
                let l = lang.get();
                let managers = manager_items(p);
                let limit = if show_all.get() { usize::MAX } else { PAGE };
                p.layer1.actuals.iter().take(limit).map(|a| {
                    let id = a.id;
                    let date_input = move |ev: leptos::ev::Event, is_from: bool| match parse_date(&event_target_value(&ev)) {
                        Some(d) => { err.set(None); edit(id, Box::new(move |a| { if is_from { a.from = d } else { a.to = d }; if a.from > a.to { std::mem::swap(&mut a.from, &mut a.to) } })) }
                        None => err.set(Some(t.get_untracked().l1.bad_date.to_string())),
                    };
                    view! { <tr data-testid="actual-row">
                        <td><input class="input l1-short" data-testid="actual-row-from" aria-label=crate::i18n::cell_name(t.get().l1.from, &format!("{} – {}", fmt_date(a.from), fmt_date(a.to))) prop:value=fmt_date(a.from) on:change=move |ev| date_input(ev, true) /></td>
                        <td><input class="input l1-short" data-testid="actual-row-to" aria-label=crate::i18n::cell_name(t.get().l1.to, &format!("{} – {}", fmt_date(a.from), fmt_date(a.to))) prop:value=fmt_date(a.to) on:change=move |ev| date_input(ev, false) /></td>
                        <td><select class="input" data-testid="actual-row-manager" aria-label=crate::i18n::cell_name(t.get().l1.manager, &format!("{} – {}", fmt_date(a.from), fmt_date(a.to))) on:change=move |ev| { let v = parse_id(&event_target_value(&ev)); edit(id, Box::new(move |a| a.manager_id = v)) }>
                            {options(managers.clone(), a.manager_id, t.get().l1.company)}</select></td>
                        <td class="num"><input class="input num" data-testid="actual-row-amount" aria-label=crate::i18n::cell_name(t.get().l1.amount, &format!("{} – {}", fmt_date(a.from), fmt_date(a.to))) prop:value=fmt_amount(a.amount, l)
                            on:change=move |ev| match parse_number(&event_target_value(&ev)) {
                                Some(x) => { err.set(None); edit(id, Box::new(move |a| a.amount = Money::from_f64(x))) }
                                None => err.set(Some(t.get_untracked().l1.bad_number.to_string())),
                            } /></td>
                        <td><input class="input" data-testid="actual-row-note" aria-label=crate::i18n::cell_name(t.get().l1.note, &format!("{} – {}", fmt_date(a.from), fmt_date(a.to))) prop:value=a.note.clone()
                            on:change=move |ev| { let v = event_target_value(&ev).trim().to_string(); edit(id, Box::new(move |a| a.note = v)) } /></td>
                        <td><button class="btn ghost" data-testid="actual-delete" on:click=move |_| {
                            if window().confirm_with_message(t.get_untracked().l1.confirm_actual_delete).unwrap_or(false) {
                                store.update(|p| p.layer1.actuals.retain(|a| a.id != id))
                            }
                        }>{move || t.get().l1.delete}</button></td>
                    </tr> }
                }).collect_view()
            }))}
            </tbody>
        </table></div>
        {move || {
            let n = store.current.with(|p| p.as_ref().map(|p| p.layer1.actuals.len()).unwrap_or(0));
            (n > PAGE && !show_all.get()).then(|| view! {
                <button class="btn ghost" data-testid="actuals-all" on:click=move |_| show_all.set(true)>{fill(t.get().l1.show_all, &[&n.to_string()])}</button>
            })
        }}
    }
}
