//! One rendering of a [`Diagnosis`], shared by the result tab and the printable report, so the
//! two never drift. Every figure comes from `domain::diagnostics`.

use crate::domain::diagnostics::{Action, Check, Diagnosis, IssueKind, Metric, Status};
use crate::domain::model::{
    Client, DiagnosisOutcome, Id, Manager, Project, Role, Segment, SegmentKind,
};
use crate::domain::tools::Template;
use crate::i18n::format::{fmt_coverage, fmt_needed, fmt_num, fmt_pct};
use crate::i18n::present::screen_money;
use crate::i18n::{fill, Catalogue, Lang};
use leptos::prelude::*;

/// «K05 Химкомбинат «Альфа»».
pub fn client_label(p: &Project, id: Id) -> String {
    p.client(id).map(Client::label).unwrap_or_default()
}

/// «M2 Петрова Мария».
pub fn manager_label(p: &Project, id: Id) -> String {
    p.manager(id).map(Manager::label).unwrap_or_default()
}

fn deal_label(p: &Project, id: Id) -> String {
    p.deals
        .iter()
        .find(|d| d.id == id)
        .map(|d| d.short_label().to_string())
        .unwrap_or_default()
}

/// A stage as the diagnosis names it: its code and name («6 Тендер / включение в проект»).
fn stage_code(p: &Project, i: usize, t: &Catalogue) -> String {
    p.stages
        .get(i)
        .map(|s| crate::i18n::present::stage_title(s, t.lang()))
        .unwrap_or_default()
}

/// The segment as the screen names it.
pub fn segment_label(p: &Project, s: &Segment, t: &Catalogue) -> String {
    match s.kind {
        SegmentKind::Company => t.diag.seg_company.to_string(),
        SegmentKind::Manager => fill(
            t.diag.seg_manager,
            &[&s.id.map(|m| manager_label(p, m)).unwrap_or_default()],
        ),
        SegmentKind::Channel => fill(
            t.diag.seg_channel,
            &[&s.id
                .and_then(|c| p.channel(c))
                .map(|c| c.name.clone())
                .unwrap_or_default()],
        ),
        SegmentKind::Category => fill(
            t.diag.seg_category,
            &[s.category.map(|c| c.letter()).unwrap_or("")],
        ),
    }
}

fn roles_label(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.abbr_in(crate::state::current_lang()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The name of a checked metric.
pub fn metric_label(p: &Project, m: Metric, t: &Catalogue) -> String {
    let d = t.diag;
    match m {
        Metric::PlanFulfilment => d.m_plan.into(),
        Metric::Coverage => d.m_coverage.into(),
        Metric::PlanEntered => d.m_plan_entered.into(),
        Metric::CategoryShares => d.m_shares.into(),
        Metric::ManagerPlans => d.m_manager_plans.into(),
        Metric::MarketShare => d.m_market_share.into(),
        Metric::ProjectsNeeded => d.m_projects.into(),
        Metric::Leads(k) => fill(d.m_leads, &[k.letter()]),
        Metric::Conversion { from, to } => {
            fill(d.m_conv, &[&stage_code(p, from, t), &stage_code(p, to, t)])
        }
        Metric::Touches(k) => fill(d.m_touches, &[k.letter()]),
        Metric::RolesKnown(r) => fill(d.m_roles, &[&roles_label(r)]),
        Metric::RoleCoverage => d.m_role_coverage.into(),
        Metric::LprAccess => d.m_lpr_access.into(),
        Metric::Programme => d.m_programme.into(),
        Metric::Matrix => d.m_matrix.into(),
        Metric::Questions(s) => fill(d.m_questions, &[s]),
        Metric::Template(k) => fill(
            d.m_template,
            &[match k {
                Template::Briefing => d.tpl_names[0],
                Template::Kp => d.tpl_names[1],
                Template::Teo => d.tpl_names[2],
            }],
        ),
        Metric::Metric21 => d.m_21.into(),
        Metric::Metric22 => d.m_22.into(),
        Metric::Metric23 => d.m_23.into(),
    }
}

/// The value and threshold of a check, formatted for its metric.
pub fn check_values(p: &Project, c: &Check, t: &Catalogue, lang: Lang) -> (String, String) {
    let pct = |x: Option<f64>| fmt_pct(x.map(f64::round), 0, lang);
    let one = |x: Option<f64>| x.map(|v| fmt_num(v, 1, lang)).unwrap_or_else(|| "—".into());
    let int = |x: Option<f64>| x.map(|v| fmt_num(v, 0, lang)).unwrap_or_else(|| "—".into());
    let unit = p.company.money_unit;
    match c.metric {
        Metric::Leads(_) => (
            int(c.value),
            match (c.threshold, c.need) {
                (Some(th), Some(need)) => fill(
                    t.diag.leads_threshold,
                    &[&fmt_num(th, 1, lang), &fmt_needed(need, lang)],
                ),
                _ => "—".into(),
            },
        ),
        Metric::ProjectsNeeded => (int(c.value), int(c.threshold)),
        Metric::Coverage => (
            fmt_coverage(c.value, lang),
            format!("≥ {}", pct(c.threshold)),
        ),
        Metric::Matrix => (int(c.value), int(c.threshold)),
        Metric::Touches(_) => (one(c.value), one(c.threshold)),
        Metric::ManagerPlans => (
            c.value
                .map(|v| screen_money(crate::domain::Money::from_f64(v), unit, lang))
                .unwrap_or_else(|| "—".into()),
            c.threshold
                .map(|v| screen_money(crate::domain::Money::from_f64(v), unit, lang))
                .unwrap_or_else(|| "—".into()),
        ),
        Metric::MarketShare => (
            fmt_pct(c.value, 1, lang),
            format!("≤ {}", fmt_pct(c.threshold, 1, lang)),
        ),
        Metric::PlanEntered | Metric::Questions(_) | Metric::Template(_) => {
            ("—".into(), "—".into())
        }
        _ => (pct(c.value), format!("≥ {}", pct(c.threshold))),
    }
}

/// Status as text with a symbol; the class adds colour as a second cue.
pub fn status_text(s: Status, t: &Catalogue) -> (&'static str, &'static str) {
    match s {
        Status::Pass => (t.diag.st_pass, "st-pass"),
        Status::Fail => (t.diag.st_fail, "st-fail"),
        Status::Warn => (t.diag.st_warn, "st-warn"),
        Status::NoData => (t.diag.st_nodata, "st-nodata"),
    }
}

fn evidence(p: &Project, c: &Check) -> String {
    c.clients
        .iter()
        .map(|id| client_label(p, *id))
        .chain(c.deals.iter().map(|id| deal_label(p, *id)))
        .chain(c.managers.iter().map(|id| manager_label(p, *id)))
        .collect::<Vec<_>>()
        .join(", ")
}

static NEXT_TABLE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A table of checks, with its CSV/Excel buttons when `export` (on screen, not in the document).
pub fn checks_table(
    p: &Project,
    checks: &[Check],
    t: &'static Catalogue,
    lang: Lang,
    testid: &'static str,
    export: bool,
) -> impl IntoView {
    let d = t.diag;
    let rows = checks
        .iter()
        .map(|c| {
            let (v, th) = check_values(p, c, t, lang);
            let (st, cls) = status_text(c.status, t);
            let fail = c.status == Status::Fail;
            view! {
                <tr class="diag-row" class:fail=fail data-testid="diag-check">
                    <td>{metric_label(p, c.metric, t)}</td>
                    <td class="num" data-testid="diag-value">{v}</td>
                    <td class="num" data-testid="diag-threshold">{th}</td>
                    <td class=format!("status {cls}")>{st}</td>
                    <td class="evidence">{evidence(p, c)}</td>
                </tr>
            }
        })
        .collect_view();
    // A table of checks shows up once per issue: its id is made unique by a running number.
    let id = format!(
        "tbl-{testid}-{}",
        NEXT_TABLE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    view! {
        {export.then(|| crate::components::export::table_export(&id, &format!("diagnosis-{}", testid.trim_start_matches("diag-"))))}
        <div class="table-box" tabindex="0"><table id=id class="table diag-checks" data-testid=testid>
            <thead><tr><th>{d.col_metric}</th><th class="num">{d.col_value}</th><th class="num">{d.col_threshold}</th>
                <th>{d.col_status}</th><th>{d.col_evidence}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
}

fn names(p: &Project, ids: &[Id], f: fn(&Project, Id) -> String) -> String {
    ids.iter()
        .map(|id| f(p, *id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text of an action, with the clients, deals or managers it names.
pub fn action_text(p: &Project, d: &Diagnosis, a: Action, t: &Catalogue) -> String {
    let s = t.diag;
    let named = |a: Action| crate::domain::diagnostics::action_subjects(d, a);
    let code = |id: Id| p.client(id).map(|c| c.code.clone()).unwrap_or_default();
    let codes = |ids: &[Id]| ids.iter().map(|i| code(*i)).collect::<Vec<_>>().join(", ");
    match a {
        Action::EnterPlan => s.a_enter_plan.into(),
        Action::KeyFigures => s.a_key_figures.into(),
        Action::SplitPlan => s.a_split_plan.into(),
        Action::Hypotheses => s.a_hypotheses.into(),
        Action::DealSizes => s.a_deal_sizes.into(),
        Action::CompleteMaps => fill(s.a_complete_maps, &[&codes(&named(a).clients)]),
        Action::MoreTouches => fill(s.a_more_touches, &[&codes(&named(a).clients)]),
        Action::RunProgramme => s.a_run_programme.into(),
        Action::ExtendMatrix => s.a_extend_matrix.into(),
        Action::UseQuestions => fill(s.a_use_questions, &[&names(p, &named(a).deals, deal_label)]),
        Action::Briefing => s.a_briefing.into(),
        Action::RecheckTeo => fill(s.a_recheck_teo, &[&names(p, &named(a).deals, deal_label)]),
        Action::Templates => s.a_templates.into(),
        Action::Coaching => fill(s.a_coaching, &[&names(p, &d.managers, manager_label)]),
    }
}

/// The verdict line.
pub fn verdict(d: &Diagnosis, t: &Catalogue) -> String {
    match d.layer {
        Some(l) => fill(t.diag.verdict_layer, &[&l.to_string()]),
        None => t.diag.verdict_none.into(),
    }
}

fn outcome_text(o: DiagnosisOutcome, t: &Catalogue) -> &'static str {
    match o {
        DiagnosisOutcome::OnPlan => t.diag.outcome_on_plan,
        DiagnosisOutcome::PlanMissing => t.diag.outcome_plan_missing,
        DiagnosisOutcome::PlanNotSane => t.diag.outcome_plan_not_sane,
        DiagnosisOutcome::FunnelUnexplained => t.diag.outcome_funnel,
        DiagnosisOutcome::Localised => t.diag.outcome_localised,
    }
}

/// The whole diagnosis: verdict, layer-1 and layer-2 checks, every issue drilled down, the
/// managers and the actions. `links`: actions link to their screens (not in the document).
pub fn diagnosis_view(
    p: &Project,
    d: &Diagnosis,
    t: &'static Catalogue,
    lang: Lang,
    links: bool,
) -> impl IntoView {
    let s = t.diag;
    let layer_cls = match d.layer {
        None => "verdict ok",
        Some(_) => "verdict bad",
    };
    let issues = d
        .issues
        .iter()
        .map(|i| {
            let title = match i.kind {
                IssueKind::Inflow => s.issue_inflow.to_string(),
                IssueKind::Conversion { from, to } => {
                    fill(s.issue_conv, &[&stage_code(p, from, t), &stage_code(p, to, t)])
                }
            };
            let l4 = (!i.l4.is_empty()).then(|| {
                view! { <h3 class="h4">{s.l4_checks}</h3> {checks_table(p, &i.l4, t, lang, "diag-l4", links)} }
            });
            let l5 = (i.layer == 5).then(|| view! { <p class="warning">{s.l5_exclusion}</p> });
            let mgrs = if i.managers.is_empty() {
                s.managers_none.to_string()
            } else {
                fill(s.managers, &[&names(p, &i.managers, manager_label)])
            };
            view! {
                <section class="diag-issue" data-testid="diag-issue">
                    <h2 class="h3">{title}" "<span class="issue-layer">{fill(s.issue_layer, &[&i.layer.to_string()])}</span></h2>
                    <p class="muted small">{fill(s.impact, &[&screen_money(i.impact, p.company.money_unit, lang)])}</p>
                    {checks_table(p, &i.evidence, t, lang, "diag-l2-evidence", links)}
                    <h3 class="h4">{s.l3_checks}</h3>
                    {checks_table(p, &i.l3, t, lang, "diag-l3", links)}
                    {l4}
                    {l5}
                    <p data-testid="diag-issue-managers">{mgrs}</p>
                </section>
            }
        })
        .collect_view();
    let actions = d
        .actions
        .iter()
        .map(|a| {
            let place = a.place();
            let layer = place.layer().unwrap_or(1);
            let text = action_text(p, d, *a, t);
            let link = links.then(|| {
                view! { " " <a href=place.to_hash() data-testid="diag-action-link">{fill(s.open_screen, &[&layer.to_string()])}</a> }
            });
            view! { <li data-testid="diag-action"><span class="action-code">{a.code()}</span>" "{text}{link}</li> }
        })
        .collect_view();
    let managers = (!d.managers.is_empty()).then(|| {
        view! { <p class="diag-managers" data-testid="diag-managers">{fill(s.managers, &[&names(p, &d.managers, manager_label)])}</p> }
    });
    let l2 = (!d.l2.is_empty()).then(|| {
        view! { <h2 class="h3">{s.l2_title}</h2> {checks_table(p, &d.l2, t, lang, "diag-l2", links)} }
    });
    view! {
        <div class="diag-result">
            <p class=layer_cls data-testid="diag-verdict">{verdict(d, t)}</p>
            <p class="muted" data-testid="diag-outcome">{outcome_text(d.outcome, t)}</p>
            {managers}
            <h2 class="h3">{s.actions}</h2>
            <ul class="diag-actions" data-testid="diag-actions">{actions}</ul>
            <h2 class="h3">{s.l1_title}</h2>
            {checks_table(p, &d.l1, t, lang, "diag-l1", links)}
            {l2}
            {issues}
        </div>
    }
}
