//! The ABC analysis: the revenue year, thresholds, the tie rule, conclusions, the per-category
//! key figures (average deal size and duration), the elaboration of A clients, the Pareto chart
//! and the ranked clients with their deal figures (hand-set categories marked).

use super::{abc_of, PAGE};
use crate::charts::pareto::{draw_pareto, ParetoData};
use crate::components::chart::Chart;
use crate::components::guide::EmptyChart;
use crate::domain::accounts::a_elaboration;
use crate::domain::guide::{chart_gap, Chart as GapChart};
use crate::domain::layer1::abc::{revenue_years, AbcResult};
use crate::domain::layer1::client_years::DealSource;
use crate::domain::layer1::conclusions::{abc_conclusions, elaboration_conclusions};
use crate::i18n::abc::{abc_conclusion_text, elaboration_text};
use crate::i18n::format::{fmt_amount, fmt_num, fmt_pct, parse_number, project_unit_label};
use crate::i18n::present::screen_amount;
use crate::i18n::{fill, Catalogue, Lang};
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

/// The Pareto chart's data from the ABC result (the chart only formats and draws).
fn pareto_data(r: &AbcResult, c: &Catalogue, l: Lang) -> ParetoData {
    let chart = crate::domain::layer1::pareto::pareto_chart(r, 0);
    let mut classes: Vec<(String, usize, usize)> = Vec::new();
    for row in &r.rows {
        let letter = row.class.letter().to_string();
        match classes.last_mut() {
            Some(last) if last.0 == letter => last.2 = row.rank,
            _ => classes.push((letter, row.rank, row.rank)),
        }
    }
    ParetoData {
        shares: r.rows.iter().map(|x| x.share_pct).collect(),
        cumulative: r.rows.iter().map(|x| x.cum_after_pct).collect(),
        boundaries: chart
            .boundaries
            .iter()
            .map(|b| {
                let next = match b.class {
                    crate::domain::Category::A => "B",
                    _ => "C",
                };
                (
                    b.rank,
                    format!(
                        "{} | {} · {}",
                        b.class.letter(),
                        next,
                        fmt_pct(Some(b.revenue_pct), 1, l)
                    ),
                )
            })
            .collect(),
        classes,
        y_ticks: (0..=5)
            .map(|i| fmt_pct(Some(i as f64 * 20.0), 0, l))
            .collect(),
        x_title: c.l1.pareto_x.to_string(),
        y_title: c.l1.pareto_y.to_string(),
    }
}

#[component]
pub fn AbcTab() -> impl IntoView {
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
    let years = Memo::new(move |_| {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| (revenue_years(p), p.layer1.abc.year, p.company.base_year))
                .unwrap_or_default()
        })
    });
    let set_year = move |v: String| {
        let y = v.parse::<i32>().ok();
        store.update(|p| p.layer1.abc.year = y)
    };
    let year = move || res.with(|r| r.as_ref().map(|r| r.year.to_string()).unwrap_or_default());
    let unit = move || {
        store
            .current
            .with(|p| project_unit_label(p.as_ref(), lang.get()))
    };
    view! {
        <div class="form-grid no-print">
            <label class="field"><span>{move || t.get().l1.abc_year}</span>
                <select class="input" data-testid="abc-year" on:change=move |ev| set_year(event_target_value(&ev))>
                    {move || {
                        let (list, chosen, base) = years.get();
                        let base_label = fill(t.get().l1.abc_year_base, &[&base.to_string()]);
                        let base_opt = view! { <option value="" selected=chosen.is_none()>{base_label}</option> };
                        let rest = list.into_iter().map(|y| view! {
                            <option value=y.to_string() selected=chosen == Some(y)>{y.to_string()}</option>
                        }).collect_view();
                        view! { {base_opt}{rest} }
                    }}
                </select></label>
            <label class="field"><span>{move || t.get().l1.threshold_a}</span>
                <input class="input" data-testid="abc-threshold-a" prop:value=move || th(true) on:change=move |ev| set_t(true, event_target_value(&ev)) /></label>
            <label class="field"><span>{move || t.get().l1.threshold_b}</span>
                <input class="input" data-testid="abc-threshold-b" prop:value=move || th(false) on:change=move |ev| set_t(false, event_target_value(&ev)) /></label>
        </div>
        {move || err.get().map(|e| view! { <p class="error-text">{e}</p> })}
        <p class="muted" data-testid="abc-tie-rule">{move || t.get().l1.tie_rule}" "{move || fill(t.get().l1.money_in, &[unit()])}</p>
        <ul data-testid="abc-conclusions">
            {move || store.current.with(|p| match (p.as_ref(), res.get()) {
                (Some(p), Some(r)) => abc_conclusions(p, &r).iter().map(|c| view! { <li>{abc_conclusion_text(c, p.company.money_unit, lang.get())}</li> }).collect_view().into_any(),
                _ => ().into_any(),
            })}
        </ul>
        {crate::components::export::table_export("tbl-abc-summary", "abc-summary")}
        <div class="table-box" tabindex="0"><table id="tbl-abc-summary" class="table" data-testid="abc-summary">
            <thead><tr><th>{move || t.get().l1.category}</th><th class="num">{move || t.get().l1.clients}</th>
                <th class="num">{move || format!("{}, {}", fill(t.get().l1.revenue, &[&year()]), unit())}</th><th class="num">{move || t.get().l1.share}</th>
                <th class="num">{move || format!("{}, {}", t.get().l1.avg_deal, unit())}</th><th class="num">{move || t.get().l1.avg_cycle}</th>
                <th>{move || t.get().l1.deal_source}</th></tr></thead>
            <tbody>
                {move || res.get().map(|r| r.summary.iter().map(|s| {
                    let l = lang.get();
                    let c = t.get().l1;
                    let source = match s.deal_source {
                        DealSource::Revenue => c.source_revenue,
                        DealSource::Deals => c.source_deals,
                        DealSource::Mixed => c.source_mixed,
                        DealSource::Unknown => c.source_unknown,
                    };
                    view! { <tr data-testid=format!("abc-sum-{}", s.category.letter())>
                        <td>{s.category.letter()}</td><td class="num">{s.clients}</td>
                        <td class="num">{fmt_amount(s.revenue, l)}</td><td class="num">{fmt_pct(s.revenue_share_pct, 1, l)}</td>
                        <td class="num">{s.avg_deal.map(|m| screen_amount(m, l)).unwrap_or_else(|| "—".into())}</td>
                        <td class="num">{s.avg_cycle_days.map(|d| fmt_num(d, 0, l)).unwrap_or_else(|| "—".into())}</td>
                        <td class="muted" data-testid="abc-sum-source">{source}</td>
                    </tr> }
                }).collect_view())}
            </tbody>
        </table></div>
        <h2>{move || t.get().l1.elaboration_title}</h2>
        <ul data-testid="abc-elaboration">
            {move || store.current.with(|p| match (p.as_ref(), res.get()) {
                (Some(p), Some(r)) => {
                    let e = a_elaboration(p, &r.categories());
                    elaboration_conclusions(p, &e).iter().map(|c| view! { <li>{elaboration_text(c, lang.get())}</li> }).collect_view().into_any()
                }
                _ => ().into_any(),
            })}
        </ul>
        <h2>{move || t.get().l1.pareto_title}</h2>
        {move || {
            let gap = store.current.with(|p| p.as_ref().and_then(|p| chart_gap(p, GapChart::Pareto)));
            gap.map(|action| view! { <EmptyChart action=action testid="pareto-chart" /> })
        }}
        {move || res.get().filter(|r| !r.rows.is_empty()).map(|r| {
            let l = lang.get();
            let c = t.get();
            let data = pareto_data(&r, c, l);
            let data2 = data.clone();
            let label = fill(c.l1.pareto_label, &[&r.rows.len().to_string()]);
            view! {
                <Chart label=label.clone() testid="pareto-chart" draw=move |area| draw_pareto(area, &data2)
                    export=crate::components::export::chart_export(Signal::stored(label), "pareto-chart", Box::new({ let d = data.clone(); move || crate::charts::to_svg(720, 320, |a| draw_pareto(a, &d)) }))>
                    <ul data-testid="pareto-boundaries">
                        {data.boundaries.iter().map(|(rank, text)| view! { <li>{fill(c.l1.pareto_boundary, &[&rank.to_string(), text])}</li> }).collect_view()}
                    </ul>
                </Chart>
            }
        })}
        {crate::components::export::table_export("tbl-abc-table", "abc")}
        <div class="table-box" tabindex="0">
        <table id="tbl-abc-table" class="table" data-testid="abc-table">
            <thead><tr><th>"#"</th><th>{move || t.get().l1.code}</th><th>{move || t.get().l1.name}</th>
                <th class="num">{move || format!("{}, {}", fill(t.get().l1.revenue, &[&year()]), unit())}</th>
                <th class="num">{move || t.get().l1.share}</th><th class="num">"Σ %"</th>
                <th class="num">{move || t.get().l1.won_deals}</th><th class="num">{move || format!("{}, {}", t.get().l1.avg_deal, unit())}</th>
                <th class="num">{move || t.get().l1.avg_cycle}</th><th>{move || t.get().l1.category}</th></tr></thead>
            <tbody>
                {move || store.current.with(|p| match (p.as_ref(), res.get()) {
                    (Some(p), Some(r)) => {
                        let l = lang.get();
                        let c = t.get();
                        r.rows.iter().take(PAGE).map(|row| {
                            let client = &p.clients[row.client_index];
                            let avg = row.avg_deal().map(|m| screen_amount(m, l));
                            let cat = if !row.is_overridden() {
                                row.category.letter().to_string()
                            } else {
                                fill(c.l1.cat_manual, &[row.category.letter(), row.class.letter()])
                            };
                            view! { <tr data-testid="abc-row"><td>{row.rank}</td><td>{client.code.clone()}</td><td>{client.name.clone()}</td>
                                <td class="num">{fmt_amount(row.revenue, l)}</td>
                                <td class="num">{fmt_pct(Some(row.share_pct), 1, l)}</td><td class="num">{fmt_pct(Some(row.cum_after_pct), 1, l)}</td>
                                <td class="num">{row.won_deals.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</td>
                                <td class="num">{avg.unwrap_or_else(|| "—".into())}</td>
                                <td class="num">{row.avg_cycle_days.map(|d| fmt_num(d, 0, l)).unwrap_or_else(|| "—".into())}</td>
                                <td data-testid="abc-row-class">{cat}</td></tr> }
                        }).collect_view().into_any()
                    }
                    _ => ().into_any(),
                })}
            </tbody>
        </table>
        </div>
        {move || res.with(|r| r.as_ref().filter(|r| r.rows.len() > PAGE).map(|r| view! {
            <p class="muted" data-testid="abc-shown">{fill(t.get().l1.abc_shown, &[&PAGE.to_string(), &r.rows.len().to_string()])}</p>
        }))}
    }
}
