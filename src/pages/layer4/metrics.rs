//! Tab «Метрики»: 2.1 «3+», 2.2 «3+», 2.3 size of the economic effect
//! ([`tools::metric_21`], [`tools::metric_22`], [`tools::metric_23`]) with the failing deals
//! listed, and the layer's results ([`tools::layer4_results`]).

use super::teo::{fmt_signed, fmt_years};
use crate::components::a11y::TermHint;
use crate::domain::{tools, Id, Project};
use crate::i18n::fill;
use crate::i18n::format::{fmt_amount, fmt_num, fmt_pct};
use crate::i18n::glossary::Term;
use crate::state::route::{L4Tab, Place};
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

fn deal_link(p: &Project, id: Id) -> impl IntoView {
    let code = p
        .deals
        .iter()
        .find(|d| d.id == id)
        .map(|d| d.short_label().to_string())
        .unwrap_or_default();
    view! { <a href=Place::L4(L4Tab::Deal).href(&[("deal", &id.to_string())]) data-testid="l4-deal-link">{code}</a> }
}

fn deal_links(p: &Project, ids: &[Id]) -> impl IntoView {
    if ids.is_empty() {
        return view! { <span>"—"</span> }.into_any();
    }
    let n = ids.len();
    view! { <span>{ids.iter().enumerate().map(|(i, id)| view! { {deal_link(p, *id)}{(i + 1 < n).then_some(", ")} }).collect_view()}</span> }.into_any()
}

#[component]
pub fn MetricsTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    move || {
        store.current.with(|p| p.as_ref().map(|p| {
        let l4 = t.get().l4;
        let lg = lang.get();
        let three = |m: Option<tools::ThreePlus>, key: &'static str, title: &'static str| match m {
            None => view! { <section class="l4-metric" data-testid=key><h2><TermHint term=Term::ThreePlus>{title}</TermHint></h2><p class="muted">{l4.no_stage}</p></section> }.into_any(),
            Some(m) => view! {
                <section class="l4-metric" data-testid=key>
                    <h2><TermHint term=Term::ThreePlus>{title}</TermHint></h2>
                    <p class="l4-big"><strong data-testid=format!("{key}-pct")>{fmt_pct(m.share_pct(), 0, lg)}</strong>" "
                        <span class="muted">{fill(l4.passed_of, &[&m.passed.len().to_string(), &m.past.len().to_string()])}</span>
                        {match m.share_pct() {
                            Some(x) if x >= tools::DEFAULT_THREE_PLUS_TARGET_PCT => view! { <span class="ok">{" ✓ "}{fill(l4.target_met, &[&fmt_num(tools::DEFAULT_THREE_PLUS_TARGET_PCT, 0, lg)])}</span> }.into_any(),
                            Some(_) => view! { <span class="warning">{" ⚠ "}{fill(l4.target_missed, &[&fmt_num(tools::DEFAULT_THREE_PLUS_TARGET_PCT, 0, lg)])}</span> }.into_any(),
                            None => ().into_any(),
                        }}
                    </p>
                    <dl class="l4-dl">
                        <dt>{l4.at_stage_short}</dt><dd data-testid=format!("{key}-short")>{deal_links(p, &m.at_stage_short)}</dd>
                        <dt>{l4.failed_past}</dt><dd data-testid=format!("{key}-failed")>{deal_links(p, &m.failed)}</dd>
                        <dt>{l4.lost_short}</dt><dd data-testid=format!("{key}-lost")>{deal_links(p, &m.lost_at_stage_short)}</dd>
                    </dl>
                </section>
            }.into_any(),
        };
        let m21 = tools::metric_21(p, |_| true);
        let m22 = tools::metric_22(p, tools::CriteriaCounting::All, |_| true);
        let m23 = tools::metric_23(p, |_| true);
        let results = tools::layer4_results(p);
        let channel_name = |id: Id| p.channel(id).map(|c| c.name.clone()).unwrap_or_default();
        let check = |met: bool, label: &'static str, missing: Vec<String>, href: String, key: &'static str| view! {
            <li class=if met { "ok" } else { "warning" } data-testid=format!("l4-result-{key}")>
                {if met { "✓ " } else { "✗ " }}<a href=href>{label}</a>
                {(!met).then(|| format!(" — {}: {}", l4.missing, missing.join("; ")))}
            </li>
        };
        view! {
            <div data-testid="l4-metrics-tab">
                <p class="muted">{l4.metrics_scope}</p>
                {three(m21, "m21", l4.metric_21)}
                {three(m22, "m22", l4.metric_22)}
                <section class="l4-metric" data-testid="m23">
                    <h2><TermHint term=Term::EconomicEffect>{l4.metric_23}</TermHint></h2>
                    {match m23 {
                        None => view! { <p class="muted">{l4.no_stage}</p> }.into_any(),
                        Some(m) => {
                            let unit = crate::i18n::format::unit_label(p.company.money_unit, lg);
                            view! {
                                <dl class="l4-dl">
                                    <dt>{l4.teo_share}</dt><dd data-testid="m23-teo-share">{fmt_pct(m.teo_share_pct(), 0, lg)}" "<span class="muted">{fill(l4.passed_of, &[&m.past_with_teo.len().to_string(), &m.past.len().to_string()])}</span></dd>
                                    <dt>{l4.mean_effect}</dt><dd data-testid="m23-mean">{m.mean_savings().map(|x| format!("{} {unit}", fmt_amount(x, lg))).unwrap_or("—".into())}</dd>
                                    <dt>{l4.median_effect}</dt><dd data-testid="m23-median">{m.median_savings().map(|x| format!("{} {unit}", fmt_amount(x, lg))).unwrap_or("—".into())}</dd>
                                    <dt>{fill(l4.good_share, &[&fmt_num(m.threshold_years, 1, lg)])}</dt><dd data-testid="m23-good">{fmt_pct(m.good_share_pct(), 0, lg)}</dd>
                                    <dt>{l4.past_without_teo}</dt><dd data-testid="m23-missing">{deal_links(p, &m.past_without_teo())}</dd>
                                </dl>
                                {crate::components::export::table_export("tbl-l4-teo-table", "teo")}
                                <div class="table-box" tabindex="0"><table id="tbl-l4-teo-table" class="table" data-testid="l4-teo-table">
                                    <thead><tr><th>{l4.deal}</th><th class="num">{l4.col_i}</th><th class="num">{l4.col_s}</th><th class="num">{l4.ind_payback}</th><th class="num">{l4.col_npv}</th><th class="num">{l4.ind_roi}</th><th class="num">{l4.col_effect_price}</th><th>{l4.col_good}</th></tr></thead>
                                    <tbody>
                                    {m.deals.iter().map(|d| {
                                        let ind = &d.indicators;
                                        view! { <tr data-testid="l4-teo-row">
                                            <td>{deal_link(p, d.deal_id)}</td>
                                            <td class="num">{fmt_amount(ind.investment, lg)}</td>
                                            <td class="num">{fmt_amount(ind.annual_savings, lg)}</td>
                                            <td class="num">{fmt_years(ind.payback_years, lg)}</td>
                                            <td class="num">{fmt_signed(ind.npv, lg)}</td>
                                            <td class="num">{fmt_pct(ind.roi_pct, 0, lg)}</td>
                                            <td class="num">{d.effect_price.map(|x| fmt_num(x, 2, lg)).unwrap_or("—".into())}</td>
                                            <td>{if d.good { "✓" } else { "✗" }}</td>
                                        </tr> }
                                    }).collect_view()}
                                    </tbody>
                                </table></div>
                            }.into_any()
                        }
                    }}
                </section>
                <section class="l4-metric" data-testid="l4-results">
                    <h2>{l4.results_title}</h2>
                    <ul class="l4-results">
                        {check(results.matrices.met, l4.result_matrices, results.matrices.missing.iter().map(|c| channel_name(*c)).collect(), Place::L4(L4Tab::Matrix).to_hash(), "matrices")}
                        {check(results.questions.met, l4.result_questions, results.questions.missing.iter().map(|g| format!("{} {}", channel_name(g.channel_id), g.stage_code)).collect(), Place::L4(L4Tab::Questions).to_hash(), "questions")}
                        {check(results.templates.met, l4.result_templates, results.templates.missing.iter().map(|x| match x { tools::Template::Briefing => l4.tpl_briefing, tools::Template::Kp => l4.tpl_kp, tools::Template::Teo => l4.tpl_teo }.to_string()).collect(), Place::L4(L4Tab::Docs).to_hash(), "templates")}
                    </ul>
                </section>
            </div>
        }
    }))
    }
}
