//! Layer-2 metrics: leads vs needed, conversions vs targets (cohort and snapshot), money
//! movement, weighted pipeline and coverage of the remaining plan.

use super::funnel_tab::flag_text;
use super::{as_of, money, stage_label, use_l2};
use crate::domain::layer1::abc;
use crate::domain::layer2::{
    self,
    conversion::{Conversion, TargetFlag},
    filter::DealFilter,
};
use crate::domain::{layer1, Category, Period, Project};
use crate::i18n::format::{fmt_coverage, fmt_needed, fmt_pct};
use crate::i18n::{fill, Lang, L2};
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use chrono::Datelike;
use leptos::prelude::*;

fn period_label(per: Period, t: &L2) -> String {
    use super::PeriodSel;
    let q = (per.from.month() - 1) / 3 + 1;
    if per == Period::quarter(per.from.year(), q) {
        PeriodSel::Quarter(per.from.year(), q).label(t)
    } else if per == Period::year(per.from.year()) {
        PeriodSel::Year(per.from.year()).label(t)
    } else {
        format!(
            "{} — {}",
            crate::i18n::format::fmt_date(per.from),
            crate::i18n::format::fmt_date(per.to)
        )
    }
}

fn conv_rows(
    p: &Project,
    rows: &[(Conversion, Option<[usize; 4]>)],
    t: &L2,
    lang: Lang,
    prefix: &str,
) -> AnyView {
    rows.iter()
        .map(|(c, extra)| {
            let code = |i: usize| p.stages.get(i).map(|s| s.code.clone()).unwrap_or_default();
            let below = c.flag == TargetFlag::Below;
            // Names, not codes: «1 Привлечение внимания… → 2.1 Выявление потребностей ЛФР».
            let step = format!("{} → {}", stage_label(p, c.from), stage_label(p, c.to));
            let extra = extra.map(|[a, b, l, o]| view! {
                <td class="num">{a}</td><td class="num">{b}</td><td class="num">{l}</td><td class="num">{o}</td>
            });
            view! {
                <tr class:l2-below=below data-testid=format!("{prefix}-{}-{}", code(c.from), code(c.to))>
                    <th scope="row">{step}</th>
                    {extra}
                    <td class="num">{fmt_pct(c.pct, 0, lang)}</td>
                    <td class="num">{fmt_pct(c.target, 0, lang)}</td>
                    <td>{flag_text(c.flag, t)}</td>
                </tr>
            }
        })
        .collect_view()
        .into_any()
}

#[component]
pub(super) fn MetricsTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let ctx = use_l2();
    let body = move || {
        let t = t.get().l2;
        let lang = lang.get();
        let f = ctx.filters.get();
        ctx.cats.with(|cats| {
            ctx.report.with(|r| {
                store.current.with(|p| {
                    let (r, p) = (r.as_ref()?, p.as_ref()?);
                    let today = as_of(p);
                    let period = f.period.period().unwrap_or_else(|| Period::reporting_quarter(today));
                    let filter = DealFilter { active_in: None, ..f.deal_filter() };
                    let deals = layer2::filter::filter_deals(p, &filter, cats);
                    let goals = layer1::project_goals(p, &abc::abc_for_project(p));
                    let leads = layer2::leads::leads_report(p, &deals, cats, &goals, period);
                    let lead_rows = leads.categories.iter().map(|c| {
                        let k = c.category;
                        view! {
                            <tr data-testid=format!("leads-{}", k.letter())>
                                <th scope="row">{k.letter()}</th>
                                <td class="num">{c.actual}</td>
                                <td class="num" data-testid=format!("leads-needed-{}", k.letter())>{c.needed().map(|n| fmt_needed(n, lang)).unwrap_or_else(|| "—".into())}</td>
                                <td class="num">{fmt_pct(c.share_pct(), 0, lang)}</td>
                            </tr>
                        }
                    }).collect_view();
                    let cohort = layer2::conversion::cohort_conversions(p, &deals, period, today);
                    let cohort_rows: Vec<_> = cohort.iter().map(|s| (s.conversion, Some([s.entered, s.moved_on, s.lost, s.timed_out]))).collect();
                    let snap_rows: Vec<_> = r.snap.steps.iter().map(|c| (*c, None)).collect();
                    let mm = layer2::pipeline::money_movement(p, &deals, cats, period);
                    let pc = layer2::pipeline::plan_coverage(p, &deals, today);
                    let use_hist = pc.source == layer2::pipeline::ProbabilitySource::Historical;
                    let (w, cov) = (&pc.weighted, pc.coverage);
                    let reasons = mm.lost_reasons.iter().map(|lr| view! {
                        <li>{format!("{}: {} · {}", lr.reason, lr.count, money(p, lr.money, lang))}</li>
                    }).collect_view();
                    let pipe = [Category::A, Category::B, Category::C, Category::N].into_iter().map(|k| {
                        let c = mm.pipeline.get(k);
                        view! {
                            <tr data-testid=format!("pipeline-{}", k.letter())>
                                <th scope="row">{k.letter()}</th>
                                <td class="num">{c.count}</td>
                                <td class="num">{money(p, c.money, lang)}</td>
                            </tr>
                        }
                    }).collect_view();
                    Some(view! {
                        <p class="muted" data-testid="metrics-period">{fill(t.m_period, &[&period_label(period, &t)])}</p>
                        <section class="l2-metric">
                            <h2>{t.m_leads}</h2>
                            <p data-testid="leads-total">{fill(t.m_leads_total, &[&leads.total.to_string()])}</p>
                            {crate::components::export::table_export("tbl-leads-table", "leads")}
                            <div class="table-box" tabindex="0"><table id="tbl-leads-table" class="table" data-testid="leads-table">
                                <thead><tr><th scope="col">{t.m_category}</th><th class="num" scope="col">{t.m_actual}</th><th class="num" scope="col">{t.m_needed}</th><th class="num" scope="col">{t.m_pct}</th></tr></thead>
                                <tbody>{lead_rows}</tbody>
                            </table></div>
                        </section>
                        <section class="l2-metric">
                            <h2>{t.m_conv_cohort}</h2>
                            {crate::components::export::table_export("tbl-cohort-table", "conversions-cohort")}
                            <div class="table-box" tabindex="0"><table id="tbl-cohort-table" class="table" data-testid="cohort-table">
                                <thead><tr><th scope="col">{t.m_step}</th><th class="num" scope="col">{t.m_entered}</th><th class="num" scope="col">{t.m_moved}</th><th class="num" scope="col">{t.m_lost}</th><th class="num" scope="col">{t.m_timed_out}</th>
                                    <th class="num" scope="col">{t.m_conv}</th><th class="num" scope="col">{t.target}</th><th scope="col">{t.m_status}</th></tr></thead>
                                <tbody>{conv_rows(p, &cohort_rows, &t, lang, "cohort")}</tbody>
                            </table></div>
                            <h2>{t.m_conv_snapshot}</h2>
                            {crate::components::export::table_export("tbl-snapshot-table", "conversions-snapshot")}
                            <div class="table-box" tabindex="0"><table id="tbl-snapshot-table" class="table" data-testid="snapshot-table">
                                <thead><tr><th scope="col">{t.m_step}</th><th class="num" scope="col">{t.m_conv}</th><th class="num" scope="col">{t.target}</th><th scope="col">{t.m_status}</th></tr></thead>
                                <tbody>{conv_rows(p, &snap_rows, &t, lang, "snap")}</tbody>
                            </table></div>
                        </section>
                        <section class="l2-metric">
                            <h2>{t.m_money}</h2>
                            <dl class="dims">
                                <dt>{t.m_won}</dt><dd data-testid="money-won">{format!("{} · {}", mm.won.count, money(p, mm.won.money, lang))}</dd>
                                <dt>{t.m_lost_money}</dt><dd data-testid="money-lost">{format!("{} · {}", mm.lost.count, money(p, mm.lost.money, lang))}</dd>
                            </dl>
                            {(!mm.lost_reasons.is_empty()).then(|| view! { <h3>{t.m_reason}</h3><ul>{reasons}</ul> })}
                            <h3>{t.m_pipeline}</h3>
                            {crate::components::export::table_export("tbl-pipeline-table", "pipeline")}
                            <div class="table-box" tabindex="0"><table id="tbl-pipeline-table" class="table" data-testid="pipeline-table">
                                <thead><tr><th scope="col">{t.m_category}</th><th class="num" scope="col">{t.deals_word}</th><th class="num" scope="col">{t.amount}</th></tr></thead>
                                <tbody>{pipe}</tbody>
                                <tfoot><tr><th scope="row">{t.total}</th><td class="num">{mm.pipeline_total.count}</td><td class="num">{money(p, mm.pipeline_total.money, lang)}</td></tr></tfoot>
                            </table></div>
                            <p class="muted">{fill(t.m_on_hold, &[&format!("{} · {}", mm.on_hold.count, money(p, mm.on_hold.money, lang))])}</p>
                        </section>
                        <section class="l2-metric">
                            <h2>{t.m_weighted}</h2>
                            <p data-testid="weighted">{fill(t.m_weighted_value, &[&money(p, w.weighted, lang)])}</p>
                            <p class="muted small">{if use_hist { t.m_prob_source_hist } else { t.m_prob_source_cfg }}</p>
                            {w.partial.then(|| view! { <p class="warning" data-testid="weighted-partial">{fill(t.m_partial, &[&w.unknown.count.to_string(), &money(p, w.unknown.money, lang)])}</p> })}
                            <h2>{t.m_coverage}</h2>
                            <p data-testid="coverage">{fill(t.m_coverage_value, &[&fmt_coverage(cov.pct, lang), &money(p, cov.remaining_plan, lang)])}</p>
                        </section>
                    })
                })
            })
        })
    };
    view! { <div data-testid="l2-metrics-tab">{body}</div> }
}
