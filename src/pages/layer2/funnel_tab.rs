//! The funnel: reached counts or money per stage, % of previous and of first, failing steps.

use super::{money, stage_label, use_l2};
use crate::charts::funnel::{draw_funnel, funnel_height, FunnelBar};
use crate::components::chart::Chart;
use crate::components::guide::EmptyChart;
use crate::domain::guide::{chart_gap, Chart as GapChart};
use crate::domain::layer2::conversion::{funnel_bars, FunnelMeasure, TargetFlag};
use crate::i18n::format::{fmt_int, fmt_pct};
use crate::i18n::{fill, L2};
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

pub(super) fn flag_text(f: TargetFlag, t: &L2) -> &'static str {
    match f {
        TargetFlag::Below => t.below,
        TargetFlag::Met => t.met,
        TargetFlag::NoTarget => t.no_target,
        TargetFlag::NoData => t.no_data,
    }
}

#[component]
pub(super) fn FunnelTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let report = use_l2().report;
    let by_money = RwSignal::new(false);
    let bars = Memo::new(move |_| {
        let lang = lang.get();
        let show_money = by_money.get();
        report.with(|r| {
            store.current.with(|p| {
                let (Some(r), Some(p)) = (r.as_ref(), p.as_ref()) else {
                    return vec![];
                };
                let measure = if show_money {
                    FunnelMeasure::Money
                } else {
                    FunnelMeasure::Count
                };
                funnel_bars(&r.snap, measure)
                    .into_iter()
                    .enumerate()
                    .map(|(i, b)| {
                        let pct_text = if i == 0 {
                            fmt_pct(b.pct_first, 0, lang)
                        } else {
                            format!(
                                "{} · {}",
                                fmt_pct(b.pct_prev, 0, lang),
                                fmt_pct(b.pct_first, 0, lang)
                            )
                        };
                        FunnelBar {
                            label: stage_label(p, b.stage),
                            value: b.value,
                            value_text: match measure {
                                FunnelMeasure::Money => money(p, b.money, lang),
                                FunnelMeasure::Count => fmt_int(b.count as i64, lang),
                            },
                            pct_text,
                            below_target: b.below_target,
                        }
                    })
                    .collect()
            })
        })
    });
    let table = move || {
        let t = t.get().l2;
        let lang = lang.get();
        report.with(|r| {
            store.current.with(|p| {
                let (r, p) = (r.as_ref()?, p.as_ref()?);
                let s = &r.snap;
                let rows = s.reached.iter().enumerate().map(|(i, x)| {
                    let code = p.stages.get(x.stage).map(|s| s.code.clone()).unwrap_or_default();
                    let step = i.checked_sub(1).and_then(|j| s.steps.get(j)).copied();
                    let below = step.is_some_and(|c| c.flag == TargetFlag::Below);
                    view! {
                        <tr class:l2-below=below data-testid=format!("funnel-row-{code}")>
                            <th scope="row">{stage_label(p, x.stage)}</th>
                            <td class="num" data-testid=format!("reached-{code}")>{x.count}</td>
                            <td class="num">{money(p, x.money, lang)}</td>
                            <td class="num" data-testid=format!("pct-prev-{code}")>{step.map(|c| fmt_pct(c.pct, 0, lang)).unwrap_or_else(|| "—".into())}</td>
                            <td class="num">{fmt_pct(s.pct_of_first.get(i).copied().flatten(), 0, lang)}</td>
                            <td class="num">{step.map(|c| fmt_pct(c.target, 0, lang)).unwrap_or_else(|| "—".into())}</td>
                            <td data-testid=format!("flag-{code}")>{step.map(|c| flag_text(c.flag, &t)).unwrap_or("")}</td>
                        </tr>
                    }
                }).collect_view();
                Some(view! {
                    {crate::components::export::table_export("tbl-funnel-table", "funnel")}
                    <div class="table-box"><table id="tbl-funnel-table" class="table l2-funnel-table" data-testid="funnel-table">
                        <thead><tr>
                            <th scope="col">{t.stage}</th>
                            <th class="num" scope="col">{t.reached}</th>
                            <th class="num" scope="col">{t.amount}</th>
                            <th class="num" scope="col">{t.pct_prev}</th>
                            <th class="num" scope="col">{t.pct_first}</th>
                            <th class="num" scope="col">{t.target}</th>
                            <th scope="col">{t.m_status}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table></div>
                    <p data-testid="funnel-overall">{fill(t.overall, &[&fmt_pct(s.overall_pct, 0, lang)])}</p>
                    {(!s.unplaced.is_empty()).then(|| view! { <p class="warning">{fill(t.unplaced, &[&s.unplaced.len().to_string()])}</p> })}
                })
            })
        })
    };
    let height = move || funnel_height(bars.with(|b| b.len()));
    view! {
        <div data-testid="l2-funnel-tab">
            <div class="toolbar no-print" role="group">
                <button class="btn" class:primary=move || !by_money.get() aria-pressed=move || if by_money.get() { "false" } else { "true" }
                    data-nav="" data-testid="show-count" on:click=move |_| by_money.set(false)>{move || t.get().l2.show_count}</button>
                <button class="btn" class:primary=move || by_money.get() aria-pressed=move || if by_money.get() { "true" } else { "false" }
                    data-nav="" data-testid="show-money" on:click=move |_| by_money.set(true)>{move || t.get().l2.show_money}</button>
            </div>
            {move || {
                let gap = store.current.with(|p| p.as_ref().and_then(|p| chart_gap(p, GapChart::Funnel)));
                if let Some(action) = gap {
                    return view! { <EmptyChart action=action testid="funnel-chart" /> }.into_any();
                }
                let h = height();
                view! {
                    <Chart label=Signal::derive(move || t.get().l2.funnel_label.to_string()) width=860 height=h testid="funnel-chart"
                        export=crate::components::export::chart_export(Signal::derive(move || t.get().l2.funnel_label.to_string()), "funnel-chart", Box::new(move || bars.with_untracked(|b| crate::charts::to_svg(860, h, |a| draw_funnel(a, b)))))
                        draw=move |area| bars.with(|b| draw_funnel(area, b))>
                        <ul class="visually-hidden" data-testid="funnel-bars">
                            {move || bars.get().into_iter().map(|b| view! {
                                <li>{format!("{}: {} ({})", b.label, b.value_text, b.pct_text)}</li>
                            }).collect_view()}
                        </ul>
                    </Chart>
                }
                .into_any()
            }}
            <p class="muted small">{move || t.get().l2.funnel_note}</p>
            {table}
        </div>
    }
}
