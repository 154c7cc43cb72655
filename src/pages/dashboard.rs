//! Dashboard — every layer's metrics at a glance, one card per layer with its open/locked
//! state and a link to the layer's screen, a small funnel and the latest saved diagnosis.
//! Every figure comes from `crate::domain::dashboard`.

use crate::charts::mini_funnel::{draw_mini_funnel, MiniBar};
use crate::components::chart::Chart;
use crate::components::guide::EmptyChart;
use crate::components::layer_status::state_badge;
use crate::domain::dashboard::{dashboard, meets, Dashboard};
use crate::domain::diagnostics;
use crate::domain::gating::LayerState;
use crate::domain::guide::{chart_gap, Chart as GapChart};
use crate::domain::layer1::Light;
use crate::domain::layer2::conversion::TargetFlag;
use crate::domain::Project;
use crate::i18n::format::{fmt_date, fmt_needed, fmt_num, fmt_pct};
use crate::i18n::present::screen_money;
use crate::i18n::{fill, Catalogue, Lang};
use crate::pages::diagnosis::segment_label;
use crate::state::route::{DiagnosisTab, Place, Route};
use crate::state::store::{today, use_store};
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

fn mark(ok: Option<bool>, t: &Catalogue) -> (&'static str, &'static str) {
    match ok {
        Some(true) => (t.dash.ok, "st-pass"),
        Some(false) => (t.dash.bad, "st-fail"),
        None => (t.dash.unknown, "st-nodata"),
    }
}

fn light_text(l: Option<Light>, t: &Catalogue) -> (&'static str, &'static str) {
    match l {
        Some(Light::Green) => (t.dash.light_green, "st-pass"),
        Some(Light::Amber) => (t.dash.light_amber, "st-warn"),
        Some(Light::Red) => (t.dash.light_red, "st-fail"),
        None => (t.dash.light_none, "st-nodata"),
    }
}

/// One line «✓ text» with the status as a symbol first.
fn line(ok: Option<bool>, text: String, t: &Catalogue, testid: &'static str) -> impl IntoView {
    let (sym, cls) = mark(ok, t);
    view! { <li class=format!("dash-line {cls}") data-testid=testid><span class="sym">{sym}</span>" "{text}</li> }
}

/// The card frame: title, access state, body, link to the layer.
fn card(
    n: u8,
    title: &'static str,
    state: &LayerState,
    t: &'static Catalogue,
    body: AnyView,
) -> impl IntoView {
    let (cls, state_text) = state_badge(state, t);
    let locked = state.is_locked();
    view! {
        <section class="dash-card" class:locked=locked data-testid=format!("dash-l{n}")>
            <header class="dash-card-head">
                <h2>{title}</h2>
                <span class=cls data-testid="dash-access">{state_text}</span>
            </header>
            {body}
            <a class="dash-link" href=Route::of_layer(n).href() data-testid=format!("dash-link-l{n}")>{fill(t.dash.open_layer, &[&n.to_string()])}</a>
        </section>
    }
}

fn l1_body(p: &Project, d: &Dashboard, t: &'static Catalogue, l: Lang) -> AnyView {
    let unit = p.company.money_unit;
    let c = &d.plan.company;
    let (lt, lc) = light_text(c.light, t);
    let head = fill(
        t.dash.plan_company,
        &[
            &fmt_pct(c.pct.map(f64::round), 0, l),
            &screen_money(c.fact, unit, l),
            &screen_money(c.plan_to_date, unit, l),
        ],
    );
    let rows = d
        .plan
        .managers
        .iter()
        .map(|m| {
            let name = m
                .manager_id
                .and_then(|id| p.manager(id))
                .map(|m| crate::i18n::present::manager_name(m).to_string())
                .unwrap_or_default();
            let (lt, lc) = light_text(m.light, t);
            view! {
                <tr data-testid="dash-manager-row"><td>{name}</td>
                    <td class="num">{fmt_pct(m.pct.map(f64::round), 0, l)}</td>
                    <td class=format!("status {lc}")>{lt}</td></tr>
            }
        })
        .collect_view();
    view! {
        <p class=format!("dash-big {lc}") data-testid="dash-plan"><span class="sym">{lt}</span>" · "{head}</p>
        <p class="muted small">{fill(t.dash.plan_period, &[&fmt_date(d.plan.period.to)])}</p>
        {crate::components::export::table_export("tbl-dash-managers", "plan-by-manager")}
        <table id="tbl-dash-managers" class="table dash-managers">
            <thead><tr><th>{t.dash.col_manager}</th><th class="num">{t.dash.col_pct}</th><crate::components::a11y::HiddenTh text=|c| c.labels.col_status /></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

fn l2_body(p: &Project, d: &Dashboard, t: &'static Catalogue, l: Lang) -> AnyView {
    let th = p.diagnosis.thresholds.leads;
    let leads = d
        .leads
        .iter()
        .map(|(k, lv)| {
            let text = fill(
                t.dash.leads,
                &[
                    k.letter(),
                    &lv.actual.to_string(),
                    &fmt_needed(lv.needed, l),
                ],
            );
            line(lv.meets(th), text, t, "dash-leads")
        })
        .collect_view();
    let code = |i: usize| p.stages.get(i).map(|s| s.code.clone()).unwrap_or_default();
    // Where a person reads: the stage's name with its code as a prefix.
    let title = |i: usize| {
        p.stages
            .get(i)
            .map(|s| crate::i18n::present::stage_title(s, l))
            .unwrap_or_default()
    };
    let conv = d
        .targeted_conversions()
        .map(|c| {
            let ok = match c.flag {
                TargetFlag::Met => Some(true),
                TargetFlag::Below => Some(false),
                _ => None,
            };
            let text = fill(
                t.dash.conv,
                &[
                    &title(c.from),
                    &title(c.to),
                    &fmt_pct(c.pct.map(f64::round), 0, l),
                    &fmt_pct(c.target, 0, l),
                ],
            );
            line(ok, text, t, "dash-conv")
        })
        .collect_view();
    let bars: Vec<MiniBar> = d
        .bars
        .iter()
        .map(|b| MiniBar {
            code: code(b.stage),
            count: b.count,
            below_target: b.below_target,
        })
        .collect();
    let text = d
        .bars
        .iter()
        .map(|b| view! { <li>{format!("{}: {}", title(b.stage), b.count)}</li> })
        .collect_view();
    let chart_bars = bars.clone();
    let chart = match chart_gap(p, GapChart::Funnel) {
        Some(action) => view! { <EmptyChart action=action testid="dash-funnel" /> }.into_any(),
        None => view! {
            <Chart label=t.dash.funnel_chart.to_string() width=300 height=170 testid="dash-funnel"
                export=crate::components::export::chart_export(Signal::stored(t.dash.funnel_chart.to_string()), "dash-funnel",
                    Box::new(move || crate::charts::to_svg(300, 170, |a| draw_mini_funnel(a, &bars))))
                draw=move |area| draw_mini_funnel(area, &chart_bars)>
                <span class="small muted">{t.dash.funnel_chart}":"</span>
                <ul class="dash-funnel-list small muted">{text}</ul>
            </Chart>
        }
        .into_any(),
    };
    view! {
        <ul class="dash-lines">{leads}</ul>
        {chart}
        <ul class="dash-lines small">{conv}</ul>
    }
    .into_any()
}

fn l3_body(d: &Dashboard, p: &Project, t: &'static Catalogue, l: Lang) -> AnyView {
    let touches = d
        .touches
        .categories
        .iter()
        .map(|c| {
            let text = fill(
                t.dash.touches,
                &[
                    c.category.letter(),
                    &c.average
                        .map(|x| fmt_num(x, 1, l))
                        .unwrap_or_else(|| "—".into()),
                    &c.target
                        .map(|x| fmt_num(x, 0, l))
                        .unwrap_or_else(|| "—".into()),
                ],
            );
            line(meets(c.average, c.target), text, t, "dash-touches")
        })
        .collect_view();
    let rc = d.elaboration.role_coverage_pct();
    let roles = fill(t.dash.roles, &[&fmt_pct(rc.map(f64::round), 0, l)]);
    view! {
        <ul class="dash-lines">
            {touches}
            {line(meets(rc, Some(p.diagnosis.thresholds.role_coverage)), roles, t, "dash-roles")}
        </ul>
    }
    .into_any()
}

fn l4_body(d: &Dashboard, p: &Project, t: &'static Catalogue, l: Lang) -> AnyView {
    let th = &p.diagnosis.thresholds;
    let item = |v: Option<f64>, target: f64, tpl: &'static str, testid: &'static str| {
        let text = fill(
            tpl,
            &[
                &fmt_pct(v.map(f64::round), 0, l),
                &fmt_pct(Some(target), 0, l),
            ],
        );
        line(meets(v, Some(target)), text, t, testid)
    };
    view! {
        <ul class="dash-lines">
            {item(d.metric_21.as_ref().and_then(|m| m.share_pct()), th.metric_21, t.dash.m21, "dash-m21")}
            {item(d.metric_22.as_ref().and_then(|m| m.share_pct()), th.metric_22, t.dash.m22, "dash-m22")}
            {item(d.metric_23.as_ref().and_then(|m| m.good_share_pct()), th.metric_23, t.dash.m23, "dash-m23")}
        </ul>
    }
    .into_any()
}

fn l5_body(d: &Dashboard, t: &'static Catalogue) -> AnyView {
    view! {
        <p data-testid="dash-no-metrics">{t.dash.no_metrics}</p>
        <p data-testid="dash-coaching">{fill(t.dash.coaching, &[&d.coaching_notes.to_string()])}</p>
    }
    .into_any()
}

fn latest_view(p: &Project, t: &'static Catalogue, l: Lang) -> AnyView {
    let body = match diagnostics::latest(p) {
        None => view! {
            <p data-testid="dash-diag-none">{t.dash.diag_none}</p>
            <a href=Place::Diagnosis(DiagnosisTab::Result).to_hash() data-testid="dash-diag-run">{t.dash.diag_run}</a>
        }
        .into_any(),
        Some(s) => {
            let verdict = match s.layer {
                Some(n) => fill(t.diag.verdict_layer, &[&n.to_string()]),
                None => t.dash.diag_no_problem.to_string(),
            };
            let details = format!(
                "{} · {} · {}: {}",
                fmt_date(s.created),
                segment_label(p, &s.segment, t),
                t.diag.h_plan,
                fmt_pct(s.plan_pct.map(f64::round), 0, l)
            );
            let managers = (!s.managers.is_empty())
                .then(|| view! { <p>{fill(t.diag.managers, &[&crate::i18n::present::manager_names_by_code(p, &s.managers)])}</p> });
            view! {
                <p class="dash-big" data-testid="dash-diag-latest">{verdict}</p>
                <p class="muted">{details}</p>
                {managers}
                <a href=Place::Diagnosis(DiagnosisTab::History).to_hash() data-testid="dash-diag-history">{t.dash.diag_open}</a>
            }
            .into_any()
        }
    };
    view! {
        <section class="dash-card dash-diag" data-testid="dash-diagnosis">
            <header class="dash-card-head"><h2>{t.dash.diag_title}</h2></header>
            {body}
        </section>
    }
    .into_any()
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let figures = Memo::new(move |_| {
        store
            .current
            .with(|p| p.as_ref().map(|p| dashboard(p, p.as_of(today()))))
    });
    view! {
        <section class="page dash-page" data-testid="dash-page">
            <h1>{move || t.get().dash.title}</h1>
            <p class="lead">{move || t.get().dash.lead}
                {move || figures.with(|f| f.as_ref().map(|f| format!(" · {}", fill(t.get().dash.as_of, &[&fmt_date(f.as_of)]))))}</p>
            <crate::components::guide::FirstUsePath />
            {move || {
                let tt = t.get();
                let l = lang.get();
                figures.with(|f| store.current.with(|p| {
                    let (Some(p), Some(d)) = (p.as_ref(), f.as_ref()) else { return ().into_any() };
                    let acc = |n: usize| d.states.get(n).cloned().unwrap_or(LayerState::Open);
                    view! {
                        <div class="dash-grid">
                            {card(1, tt.dash.l1, &acc(0), tt, l1_body(p, d, tt, l))}
                            {card(2, tt.dash.l2, &acc(1), tt, l2_body(p, d, tt, l))}
                            {card(3, tt.dash.l3, &acc(2), tt, l3_body(d, p, tt, l))}
                            {card(4, tt.dash.l4, &acc(3), tt, l4_body(d, p, tt, l))}
                            {card(5, tt.dash.l5, &acc(4), tt, l5_body(d, tt))}
                            {latest_view(p, tt, l)}
                        </div>
                    }.into_any()
                }))
            }}
        </section>
    }
}
