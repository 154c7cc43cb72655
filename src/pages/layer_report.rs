//! «Отчёт о состоянии слоёв» (`#/method/report`): one printable A4 document with, for each of
//! the five layers, its state (open, locked, opened early with the reason), its tasks and
//! results with their status, and its management metrics with their current values. Every
//! figure comes from [`report::layer_metrics`] and [`report::layer_summaries`].

use crate::components::layer_status::state_badge;
use crate::components::print::{export_html, print_page};
use crate::domain::layer2::conversion::TargetFlag;
use crate::domain::method::ItemStatus;
use crate::domain::report::{layer_metrics, layer_summaries, ItemState, LayerSummary, Metrics};
use crate::domain::{Category, Project};
use crate::i18n::format::{fmt_date, fmt_money, fmt_needed, fmt_num, fmt_pct};
use crate::i18n::{fill, Catalogue, Lang};
use crate::state::route::Route;
use crate::state::store::{today, use_store};
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

const DOC_ID: &str = "layer-report";

#[component]
pub fn LayerReport() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let exported = RwSignal::new(None::<bool>);
    let file_name = move || {
        let stem = store.current.with_untracked(|p| {
            p.as_ref()
                .map(|p| fmt_date(p.as_of(today())))
                .unwrap_or_default()
        });
        format!("{}-{}.html", t.get_untracked().l5.r_file, stem)
    };
    let doc = move || {
        let c = t.get();
        let lg = lang.get();
        store.current.with(|p| {
            let p = p.as_ref()?;
            let m = layer_metrics(p, today());
            let states = layer_summaries(p);
            Some(view! {
                <h1>{c.l5.report_title}</h1>
                <p class="doc-meta" data-testid="report-meta">
                    {fill(c.l5.report_meta, &[&p.company.name, &p.name, &fmt_date(m.as_of)])}
                </p>
                {states.into_iter().map(|s| layer_section(p, &s, &m, c, lg)).collect_view()}
            })
        })
    };
    view! {
        <section class="page l5-report" data-testid="report-page">
            <div class="row gap no-print l5-report-bar">
                <a class="btn ghost" href=Route::Method.href() data-testid="report-back">{move || t.get().l5.report_back}</a>
                <button class="btn primary" data-testid="report-print" on:click=move |_| print_page()>{move || t.get().l5.print}</button>
                <button class="btn" data-testid="report-export" on:click=move |_| {
                    exported.set(Some(export_html(DOC_ID, t.get_untracked().l5.report_title, &file_name())))
                }>{move || t.get().l5.export_html}</button>
                {move || (exported.get() == Some(false)).then(|| view! { <span class="error-text" role="alert">{t.get().l5.export_failed}</span> })}
            </div>
            <article class="print-sheet layer-report" id=DOC_ID data-testid="layer-report">{doc}</article>
        </section>
    }
}

fn status_text(st: ItemStatus, c: &Catalogue) -> &'static str {
    match st {
        ItemStatus::Met => c.l5.ls_met,
        ItemStatus::Missing => c.l5.ls_missing,
        ItemStatus::Ticked => c.l5.ls_ticked,
        ItemStatus::Open => c.l5.ls_open,
    }
}

fn item_list(items: &[ItemState], c: &'static Catalogue, lg: Lang) -> impl IntoView {
    view! {
        <ul>
            {items.iter().map(|i| {
                let label = if lg == Lang::Ru { i.item.ru } else { i.item.en };
                let sub = i.item.depth > 0;
                view! {
                    <li class:sub=sub data-testid=format!("report-item-{}", i.item.id)>
                        {label}{if matches!(i.status, ItemStatus::Ticked | ItemStatus::Open) { " " } else { " — " }}{status_text(i.status, c)}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

fn layer_section(
    p: &Project,
    s: &LayerSummary,
    m: &Metrics,
    c: &'static Catalogue,
    lg: Lang,
) -> impl IntoView {
    let n = s.n;
    let name = crate::domain::method::layer(n)
        .map(|l| if lg == Lang::Ru { l.ru } else { l.en })
        .unwrap_or_default();
    let rows = metric_rows(p, n, m, c, lg);
    let metrics = if rows.is_empty() {
        view! { <p data-testid=format!("report-l{n}-no-metrics")>{fill(c.l5.r_no_metrics, &[&p.layer5.coaching.len().to_string()])}</p> }.into_any()
    } else {
        view! {
            <table data-testid=format!("report-l{n}-metrics")>
                <thead><tr><th>{c.l5.r_metric}</th><th>{c.l5.r_value}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(k, v, key)| view! {
                        <tr data-testid=format!("report-m-{key}")><td>{k}</td><td>{v}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="report-layer" data-testid=format!("report-layer-{n}")>
            <h2>{fill(c.l5.ls_layer, &[&n.to_string()])}". "{name}</h2>
            <p><strong>{c.l5.r_state}": "</strong><span data-testid=format!("report-l{n}-state")>{state_badge(&s.state, c).1}</span></p>
            <h3>{c.l5.r_tasks}</h3>
            {item_list(&s.tasks, c, lg)}
            <h3>{c.l5.r_results}</h3>
            {item_list(&s.results, c, lg)}
            <h3>{c.l5.r_metrics}</h3>
            {metrics}
        </section>
    }
}

/// (label, value, test key) of the metrics of layer `n`; empty for layer 5.
fn metric_rows(
    p: &Project,
    n: u8,
    m: &Metrics,
    c: &'static Catalogue,
    lg: Lang,
) -> Vec<(String, String, String)> {
    let t = c.l5;
    let pct = |x: Option<f64>| match x {
        Some(_) => fmt_pct(x, 0, lg),
        None => t.r_no_data.to_string(),
    };
    let money = |x| fmt_money(x, p.company.money_unit, lg);
    let letter = |k: Category| k.letter();
    let mut out = vec![];
    match n {
        1 => {
            let f = &m.plan.company;
            out.push((
                t.r_plan.to_string(),
                fill(
                    t.r_plan_value,
                    &[
                        &pct(f.pct),
                        &money(f.fact),
                        &money(f.plan_to_date),
                        &fmt_date(m.plan.period.from),
                        &fmt_date(m.plan.period.to),
                    ],
                ),
                "plan".to_string(),
            ));
        }
        2 => {
            let per = fill(
                t.r_period,
                &[&fmt_date(m.l2.period.from), &fmt_date(m.l2.period.to)],
            );
            for l in &m.l2.leads {
                let needed = l
                    .needed()
                    .map(|v| fmt_needed(v, lg))
                    .unwrap_or_else(|| "—".into());
                out.push((
                    format!("{} ({per})", fill(t.r_leads, &[letter(l.category)])),
                    fill(
                        t.r_leads_value,
                        &[
                            &l.actual.to_string(),
                            &needed,
                            &pct(l.vs.and_then(|v| v.pct)),
                        ],
                    ),
                    format!("leads-{}", letter(l.category)),
                ));
            }
            for cv in &m.l2.conversions {
                let code = |i: usize| p.stages.get(i).map(|s| s.code.clone()).unwrap_or_default();
                let flag = match cv.flag {
                    TargetFlag::Met => t.r_met_target,
                    TargetFlag::Below => t.r_below,
                    TargetFlag::NoData => t.r_no_data,
                    TargetFlag::NoTarget => "—",
                };
                out.push((
                    fill(t.r_conv, &[&code(cv.from), &code(cv.to)]),
                    fill(
                        t.r_conv_value,
                        &[&pct(cv.pct), &fmt_pct(cv.target, 0, lg), flag],
                    ),
                    format!("conv-{}-{}", code(cv.from), code(cv.to)),
                ));
            }
        }
        3 => {
            let per = fill(
                t.r_period,
                &[
                    &fmt_date(m.touches.period.from),
                    &fmt_date(m.touches.period.to),
                ],
            );
            for k in [Category::A, Category::B] {
                if let Some(tc) = m.touches.category(k) {
                    out.push((
                        format!("{} ({per})", fill(t.r_touch, &[letter(k)])),
                        fill(
                            t.r_touch_value,
                            &[
                                &tc.total.to_string(),
                                &tc.average
                                    .map(|a| fmt_num(a, 1, lg))
                                    .unwrap_or_else(|| "—".into()),
                                &tc.target
                                    .map(|a| fmt_num(a, 0, lg))
                                    .unwrap_or_else(|| "—".into()),
                            ],
                        ),
                        format!("touch-{}", letter(k)),
                    ));
                }
            }
            for k in [Category::A, Category::B] {
                if let Some(l) = m.ab_leads.category(k) {
                    out.push((
                        format!("{} ({per})", fill(t.r_ab_leads, &[letter(k)])),
                        fill(
                            t.r_ab_leads_value,
                            &[
                                &l.count().to_string(),
                                &l.needed()
                                    .map(|x| fmt_needed(x, lg))
                                    .unwrap_or_else(|| "—".into()),
                                &pct(l.share_pct()),
                            ],
                        ),
                        format!("ab-leads-{}", letter(k)),
                    ));
                }
            }
        }
        4 => {
            for (label, key, code, v) in [
                (t.r_m21, "m21", "2.1", &m.m21),
                (t.r_m22, "m22", "2.2", &m.m22),
            ] {
                let value = match v {
                    Some(x) => fill(
                        t.r_three_value,
                        &[
                            &pct(x.share_pct()),
                            &x.passed.len().to_string(),
                            &x.past.len().to_string(),
                        ],
                    ),
                    None => fill(t.r_no_stage, &[code]),
                };
                out.push((label.to_string(), value, key.to_string()));
            }
            let value = match &m.m23 {
                Some(x) => fill(
                    t.r_m23_value,
                    &[
                        &fmt_num(x.threshold_years, 1, lg),
                        &pct(x.good_share_pct()),
                        &x.past_good.len().to_string(),
                        &x.past.len().to_string(),
                        &x.mean_savings().map(money).unwrap_or_else(|| "—".into()),
                    ],
                ),
                None => fill(t.r_no_stage, &["2.3"]),
            };
            out.push((t.r_m23.to_string(), value, "m23".to_string()));
        }
        _ => {}
    }
    out
}
