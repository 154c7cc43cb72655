//! Tab «Метрики»: the two metrics of layer 3 for the current quarter (touch points and leads
//! of A and B clients, the leads against the need from layer 1) and the layer's results,
//! each ticked from the data with a link to the tab where it is fixed.

use super::{as_of, code_of, use_categories};
use crate::domain::accounts::{layer3_results, touch_points};
use crate::domain::layer1::abc::abc_for_project;
use crate::domain::layer1::project_goals;
use crate::domain::layer2::leads::leads_report;
use crate::domain::model::Category;
use crate::domain::period::Period;
use crate::i18n::fill;
use crate::i18n::format::{fmt_date, fmt_needed, fmt_num, fmt_pct};
use crate::state::route::{L3Tab, Tab};
use crate::state::{use_i18n, use_lang};
use chrono::Datelike;
use leptos::prelude::*;

#[component]
pub fn MetricsTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = crate::state::store::use_store();
    let cats = use_categories();
    let body = move || {
        store.current.with(|p| {
            let p = p.as_ref()?;
            let tt = t.get().l3;
            let l = lang.get();
            let per = Period::reporting_quarter(as_of(p));
            let quarter = if per == Period::quarter_of(per.from) {
                format!("Q{} {}", (per.from.month() - 1) / 3 + 1, per.from.year())
            } else {
                format!("{} — {}", fmt_date(per.from), fmt_date(per.to))
            };
            let touches = cats.with(|c| touch_points(p, c, per));
            let goals = project_goals(p, &abc_for_project(p));
            let deals: Vec<_> = p.deals.iter().collect();
            let leads = cats.with(|c| leads_report(p, &deals, c, &goals, per));
            let rows = [Category::A, Category::B]
                .into_iter()
                .map(|cat| {
                    let letter = cat.letter();
                    let tc = touches.category(cat);
                    let lc = leads.category(cat);
                    let touch_line = tc
                        .map(|c| {
                            fill(
                                tt.touches_summary,
                                &[
                                    &c.total.to_string(),
                                    &c.average.map(|a| fmt_num(a, 1, l)).unwrap_or("—".into()),
                                    &c.target.map(|a| fmt_num(a, 0, l)).unwrap_or("—".into()),
                                ],
                            )
                        })
                        .unwrap_or_default();
                    let lead_line = lc
                        .map(|c| {
                            fill(
                                tt.leads_summary,
                                &[
                                    &c.count().to_string(),
                                    &c.needed().map(|n| fmt_needed(n, l)).unwrap_or("—".into()),
                                    &fmt_pct(c.share_pct().map(f64::round), 0, l),
                                ],
                            )
                        })
                        .unwrap_or_default();
                    let short = lc.is_some_and(|c| c.short());
                    view! {
                        <tr>
                            <th scope="row">{format!("{} {letter}", tt.category)}</th>
                            <td data-testid=format!("l3-metric-touches-{letter}")>{touch_line}</td>
                            <td data-testid=format!("l3-metric-leads-{letter}")>
                                {if short { "⚠ " } else { "" }}{lead_line}
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            let r = cats.with(|c| layer3_results(p, c));
            let status = |met: bool, missing: String| {
                if met {
                    tt.met.to_string()
                } else {
                    fill(tt.missing, &[&missing])
                }
            };
            let channel_names = |ids: &[crate::domain::Id]| {
                ids.iter()
                    .filter_map(|id| p.channel(*id))
                    .map(|c| c.name.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let typical_missing = {
                let mut v: Vec<String> = r
                    .typical_maps
                    .missing
                    .iter()
                    .filter_map(|g| {
                        p.channels.iter().find(|c| c.id == g.channel_id).map(|c| {
                            format!(
                                "{} {} {}",
                                c.name,
                                g.category.letter(),
                                g.role.abbr_in(crate::state::current_lang())
                            )
                        })
                    })
                    .collect();
                v.dedup();
                v.join(", ")
            };
            let a_missing = r
                .a_maps
                .missing
                .iter()
                .map(|g| code_of(p, g.client_id))
                .collect::<Vec<_>>()
                .join(", ");
            let results = vec![
                (
                    tt.res_typical,
                    r.typical_maps.met,
                    status(r.typical_maps.met, typical_missing),
                    L3Tab::Typical,
                ),
                (
                    tt.res_a_maps,
                    r.a_maps.met,
                    status(r.a_maps.met, a_missing),
                    L3Tab::Maps,
                ),
                (
                    tt.res_programmes,
                    r.programmes.met,
                    status(r.programmes.met, channel_names(&r.programmes.missing)),
                    L3Tab::Programme,
                ),
                (
                    tt.res_pr,
                    r.pr_plan.met,
                    status(r.pr_plan.met, tt.no_pr.to_string()),
                    L3Tab::Pr,
                ),
            ]
            .into_iter()
            .enumerate()
            .map(|(i, (label, met, st, tab))| {
                view! {
                    <li data-testid=format!("l3-result-{i}") class:met=met>
                        <a href=tab.place().to_hash()>{label}</a>
                        ": "
                        {st}
                    </li>
                }
            })
            .collect_view();
            Some(view! {
                <h2>{fill(tt.metrics_for, &[&quarter])}</h2>
                {crate::components::export::table_export("tbl-l3-metrics-table", "metrics")}
                <div class="table-box" tabindex="0"><table id="tbl-l3-metrics-table" class="table" data-testid="l3-metrics-table">
                    <thead><tr>
                        <crate::components::a11y::ItemTh />
                        <th scope="col">{tt.tab_touches}</th>
                        <th scope="col">{tt.leads}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
                <p class="small muted">{tt.leads_hint}</p>
                <h2>{tt.results}</h2>
                <ul class="l3-results" data-testid="l3-results">{results}</ul>
            })
        })
    };
    view! { <div class="l3-metrics">{body}</div> }
}
