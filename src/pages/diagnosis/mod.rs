//! Diagnosis — the top-down walk of docs/METHOD.md §4.2 for a period and a segment, its thresholds,
//! the saved history and the printable report. Every figure comes from
//! `crate::domain::diagnostics`.

mod view;

use crate::components::print::{export_html, print_page};
use crate::components::tabs::Tabs;
use crate::domain::diagnostics::{self, Diagnosis};
use crate::domain::model::{
    Category, DiagnosisThresholds, Project, SavedDiagnosis, Segment, SegmentKind,
};
use crate::domain::period::Period;
use crate::i18n::format::{fmt_date, fmt_needed, fmt_num, fmt_pct, parse_date, parse_number};
use crate::i18n::{fill, Catalogue, Lang};
use crate::state::route::{use_tab, DiagnosisTab};
use crate::state::store::{today, use_store};
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;
pub use view::{diagnosis_view, segment_label, verdict};

const DOC_ID: &str = "diag-report";

/// Period and segment chosen on the screen, shared by its tabs.
#[derive(Clone, Copy)]
struct Choice {
    period: RwSignal<Option<Period>>,
    segment: RwSignal<Segment>,
}

fn as_of(p: &Project) -> chrono::NaiveDate {
    p.as_of(today())
}

/// The diagnosis of the current project for the chosen period and segment.
fn use_diagnosis(c: Choice) -> Memo<Option<Diagnosis>> {
    let store = use_store();
    Memo::new(move |_| {
        let seg = c.segment.get();
        let period = c.period.get();
        store.current.with(|p| {
            p.as_ref().map(|p| {
                let as_of = as_of(p);
                let period = period.unwrap_or_else(|| diagnostics::default_period(as_of));
                diagnostics::diagnose(p, period, &seg, as_of, &p.diagnosis.thresholds)
            })
        })
    })
}

fn tab_label(tab: DiagnosisTab, c: &Catalogue) -> &'static str {
    match tab {
        DiagnosisTab::Result => c.diag.tab_result,
        DiagnosisTab::Thresholds => c.diag.tab_thresholds,
        DiagnosisTab::History => c.diag.tab_history,
        DiagnosisTab::Report => c.diag.tab_report,
    }
}

#[component]
pub fn DiagnosisPage() -> impl IntoView {
    let t = use_i18n();
    let tab = use_tab::<DiagnosisTab>();
    let choice = Choice {
        period: RwSignal::new(None),
        segment: RwSignal::new(Segment::company()),
    };
    let diag = use_diagnosis(choice);
    view! {
        <section class="page diag-page" data-testid="diag-page">
            <h1 class="no-print">{move || t.get().diag.title}</h1>
            <p class="lead no-print">{move || t.get().diag.lead}</p>
            <Tabs label=tab_label current=tab />
            {move || match tab.get() {
                DiagnosisTab::Thresholds => view! { <Thresholds /> }.into_any(),
                DiagnosisTab::History => view! { <History /> }.into_any(),
                DiagnosisTab::Report => view! { <Controls choice=choice /> <Report diag=diag /> }.into_any(),
                DiagnosisTab::Result => view! { <Controls choice=choice /> <ResultTab diag=diag /> }.into_any(),
            }}
        </section>
    }
}

/// Period and segment pickers.
#[component]
fn Controls(choice: Choice) -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let err = RwSignal::new(None::<String>);
    let current = move || {
        store.current.with(|p| {
            p.as_ref().map(|p| {
                choice
                    .period
                    .get()
                    .unwrap_or_else(|| diagnostics::default_period(as_of(p)))
            })
        })
    };
    let set_end = move |from: bool, v: String| match parse_date(&v) {
        Some(d) => {
            err.set(None);
            if let Some(cur) = current() {
                let p = if from {
                    Period::new(d, cur.to)
                } else {
                    Period::new(cur.from, d)
                };
                choice.period.set(Some(p));
            }
        }
        None => err.set(Some(t.get_untracked().diag.bad_date.to_string())),
    };
    // Segment options: value "company", "m:<id>", "c:<id>", "k:A".
    let options = move || {
        let tt = t.get();
        store.current.with(|p| {
            let Some(p) = p.as_ref() else { return vec![] };
            let mut v = vec![("company".to_string(), tt.diag.seg_company.to_string())];
            for m in &p.managers {
                let s = Segment {
                    kind: SegmentKind::Manager,
                    id: Some(m.id),
                    category: None,
                };
                v.push((format!("m:{}", m.id), segment_label(p, &s, tt)));
            }
            for c in &p.channels {
                let s = Segment {
                    kind: SegmentKind::Channel,
                    id: Some(c.id),
                    category: None,
                };
                v.push((format!("c:{}", c.id), segment_label(p, &s, tt)));
            }
            for k in Category::ABC {
                let s = Segment {
                    kind: SegmentKind::Category,
                    id: None,
                    category: Some(k),
                };
                v.push((format!("k:{}", k.letter()), segment_label(p, &s, tt)));
            }
            v
        })
    };
    let value_of = |s: &Segment| match s.kind {
        SegmentKind::Company => "company".to_string(),
        SegmentKind::Manager => format!("m:{}", s.id.map(|i| i.to_string()).unwrap_or_default()),
        SegmentKind::Channel => format!("c:{}", s.id.map(|i| i.to_string()).unwrap_or_default()),
        SegmentKind::Category => format!("k:{}", s.category.map(|c| c.letter()).unwrap_or("")),
    };
    let set_segment = move |v: String| {
        let seg = if let Some(id) = v.strip_prefix("m:") {
            Segment {
                kind: SegmentKind::Manager,
                id: id.parse().ok(),
                category: None,
            }
        } else if let Some(id) = v.strip_prefix("c:") {
            Segment {
                kind: SegmentKind::Channel,
                id: id.parse().ok(),
                category: None,
            }
        } else if let Some(k) = v.strip_prefix("k:") {
            Segment {
                kind: SegmentKind::Category,
                id: None,
                category: Category::parse(k),
            }
        } else {
            Segment::company()
        };
        choice.segment.set(seg);
    };
    view! {
        <div class="diag-controls no-print row gap" data-testid="diag-controls">
            <label class="field"><span>{move || t.get().diag.period_from}</span>
                <input class="input" data-testid="diag-from" prop:value=move || current().map(|p| fmt_date(p.from)).unwrap_or_default()
                    on:change=move |ev| set_end(true, event_target_value(&ev)) /></label>
            <label class="field"><span>{move || t.get().diag.period_to}</span>
                <input class="input" data-testid="diag-to" prop:value=move || current().map(|p| fmt_date(p.to)).unwrap_or_default()
                    on:change=move |ev| set_end(false, event_target_value(&ev)) /></label>
            <button class="btn ghost" data-testid="diag-quarter" on:click=move |_| { err.set(None); choice.period.set(None) }>{move || t.get().diag.quarter}</button>
            <label class="field"><span>{move || t.get().diag.segment}</span>
                <select class="input" data-testid="diag-segment" prop:value=move || value_of(&choice.segment.get())
                    on:change=move |ev| set_segment(event_target_value(&ev))>
                    {move || options().into_iter().map(|(v, l)| {
                        let selected = v == value_of(&choice.segment.get_untracked());
                        view! { <option value=v selected=selected>{l}</option> }
                    }).collect_view()}
                </select></label>
            {move || err.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
        </div>
    }
}

#[component]
fn ResultTab(diag: Memo<Option<Diagnosis>>) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let saved = RwSignal::new(false);
    let save = move |_| {
        let Some(d) = diag.get_untracked() else {
            return;
        };
        store.update(|p| {
            let s = diagnostics::to_saved(p, &d, as_of(p));
            p.diagnosis.saved.push(s);
        });
        saved.set(true);
    };
    view! {
        <div class="no-print row gap toolbar">
            <button class="btn primary" data-testid="diag-save" on:click=save>{move || t.get().diag.save}</button>
            {move || saved.get().then(|| view! { <span class="muted" role="status" data-testid="diag-saved">{t.get().diag.saved}</span> })}
        </div>
        {move || {
            let tt = t.get();
            let l = lang.get();
            diag.with(|d| store.current.with(|p| match (p.as_ref(), d.as_ref()) {
                (Some(p), Some(d)) => diagnosis_view(p, d, tt, l, true).into_any(),
                _ => ().into_any(),
            }))
        }}
    }
}

/// One editable threshold: its label and how to read / write it.
type Field = (
    &'static str,
    fn(&Catalogue) -> &'static str,
    fn(&Project) -> f64,
    fn(&mut Project, f64),
);

fn fields() -> Vec<Field> {
    macro_rules! th {
        ($key:literal, $label:ident, $f:ident) => {
            (
                $key,
                |c: &Catalogue| c.diag.$label,
                |p: &Project| p.diagnosis.thresholds.$f,
                |p: &mut Project, v: f64| p.diagnosis.thresholds.$f = v,
            )
        };
    }
    vec![
        th!("plan-green", th_plan_green, plan_green),
        th!("plan-amber", th_plan_amber, plan_amber),
        th!("share-factor", th_share_factor, share_factor),
        th!("projects-factor", th_projects_factor, projects_factor),
        th!("leads", th_leads, leads),
        th!("coverage", th_coverage, coverage),
        (
            "touch-a",
            |c: &Catalogue| c.diag.th_touch_a,
            |p: &Project| {
                crate::domain::accounts::touch_target_per_quarter(p, Category::A).unwrap_or(0.0)
            },
            |p: &mut Project, v: f64| p.layer3.touch_targets.a = Some(v),
        ),
        (
            "touch-b",
            |c: &Catalogue| c.diag.th_touch_b,
            |p: &Project| {
                crate::domain::accounts::touch_target_per_quarter(p, Category::B).unwrap_or(0.0)
            },
            |p: &mut Project, v: f64| p.layer3.touch_targets.b = Some(v),
        ),
        th!("lfr-lpr", th_lfr_lpr, lfr_lpr),
        th!("role-coverage", th_role_coverage, role_coverage),
        th!("full-maps", th_full_maps, full_maps),
        th!("programme", th_programme, programme),
        th!("m21", th_21, metric_21),
        th!("m22", th_22, metric_22),
        th!("m23", th_23, metric_23),
    ]
}

#[component]
fn Thresholds() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let rows = fields()
        .into_iter()
        .map(|(key, label, get, set)| {
            let err = RwSignal::new(false);
            let value = move || {
                store
                    .current
                    .with(|p| p.as_ref().map(|p| fmt_num(get(p), 2, lang.get()).trim_end_matches('0').trim_end_matches([',', '.']).to_string()))
                    .unwrap_or_default()
            };
            view! {
                <label class="field">
                    <span>{move || label(t.get())}</span>
                    <input class="input num" data-testid=format!("th-{key}") prop:value=value
                        aria-invalid=move || err.get().then_some("true")
                        on:change=move |ev| match parse_number(&event_target_value(&ev)).filter(|v| v.is_finite() && *v >= 0.0) {
                            Some(v) => { err.set(false); store.update(|p| set(p, v)) }
                            None => err.set(true),
                        } />
                    {move || err.get().then(|| view! { <span class="error-text" role="alert">{t.get().diag.bad_number}</span> })}
                </label>
            }
        })
        .collect_view();
    view! {
        <p class="muted">{move || t.get().diag.th_lead}</p>
        <div class="form-grid diag-thresholds" data-testid="diag-thresholds">{rows}</div>
        <p class="muted small">{move || t.get().diag.th_conv_note}</p>
        <button class="btn" data-testid="th-reset" on:click=move |_| store.update(|p| {
            p.diagnosis.thresholds = DiagnosisThresholds::default();
            p.layer3.touch_targets.a = None;
            p.layer3.touch_targets.b = None;
        })>{move || t.get().diag.th_reset}</button>
    }
}

fn layer_text(s: &SavedDiagnosis, t: &Catalogue) -> String {
    s.layer
        .map(|l| l.to_string())
        .unwrap_or_else(|| t.diag.layer_none.to_string())
}

/// A figure with its change from the previous row: «82 % (+3)».
fn with_change(
    now: Option<f64>,
    prev: Option<f64>,
    decimals: usize,
    pct: bool,
    lang: Lang,
) -> String {
    let base = if pct {
        fmt_pct(
            now.map(|x| (x * 10f64.powi(decimals as i32)).round() / 10f64.powi(decimals as i32)),
            decimals,
            lang,
        )
    } else {
        now.map(|x| fmt_num(x, decimals, lang))
            .unwrap_or_else(|| "—".into())
    };
    match diagnostics::change(prev, now) {
        Some(c) if c.abs() >= 0.05 => {
            let sign = if c > 0.0 { "+" } else { "−" };
            format!("{base} ({sign}{})", fmt_num(c.abs(), decimals.max(1), lang))
        }
        _ => base,
    }
}

#[component]
fn History() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    move || {
        let tt = t.get();
        let l = lang.get();
        let d = tt.diag;
        store.current.with(|p| {
            let Some(p) = p.as_ref() else { return ().into_any() };
            let saved = &p.diagnosis.saved;
            if saved.is_empty() {
                return view! { <p class="empty-state" data-testid="diag-history-empty">{d.hist_empty}</p> }.into_any();
            }
            let rows = saved
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let prev = i.checked_sub(1).and_then(|j| saved.get(j));
                    let pv = |f: fn(&SavedDiagnosis) -> Option<f64>| prev.and_then(f);
                    let id = s.id;
                    let date = fmt_date(s.created);
                    let leads = format!(
                        "{} / {}",
                        with_change(s.leads.map(f64::from), prev.and_then(|x| x.leads.map(f64::from)), 0, false, l),
                        s.leads_needed.map(|x| fmt_needed(x, l)).unwrap_or_else(|| "—".into())
                    );
                    view! {
                        <tr data-testid="diag-history-row">
                            <td>{date.clone()}</td>
                            <td>{format!("{} – {}", fmt_date(s.period.from), fmt_date(s.period.to))}</td>
                            <td>{segment_label(p, &s.segment, tt)}</td>
                            <td class="num" data-testid="diag-history-layer">{layer_text(s, tt)}</td>
                            <td class="num">{with_change(s.plan_pct, pv(|x| x.plan_pct), 0, true, l)}</td>
                            <td class="num">{leads}</td>
                            <td class="num">{with_change(s.touch_a, pv(|x| x.touch_a), 1, false, l)}</td>
                            <td class="num">{with_change(s.role_coverage, pv(|x| x.role_coverage), 0, true, l)}</td>
                            <td class="num">{with_change(s.metric_21, pv(|x| x.metric_21), 0, true, l)}</td>
                            <td class="num">{with_change(s.metric_22, pv(|x| x.metric_22), 0, true, l)}</td>
                            <td class="num">{with_change(s.metric_23, pv(|x| x.metric_23), 0, true, l)}</td>
                            <td>{crate::i18n::present::manager_names_by_code(p, &s.managers)}</td>
                            <td><button class="btn ghost small" data-testid="diag-history-delete" on:click=move |_| {
                                let ok = window().confirm_with_message(&fill(t.get_untracked().diag.h_confirm_delete, &[&date])).unwrap_or(false);
                                if ok { store.update(|p| p.diagnosis.saved.retain(|x| x.id != id)) }
                            }>{d.h_delete}</button></td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                {crate::components::export::table_export("tbl-diag-history", "diagnosis-history")}
                <div class="table-box" tabindex="0">
                <table id="tbl-diag-history" class="table diag-history" data-testid="diag-history">
                    <thead><tr>
                        <th>{d.h_date}</th><th>{d.h_period}</th><th>{d.h_segment}</th><th class="num">{d.h_layer}</th>
                        <th class="num">{d.h_plan}</th><th class="num">{d.h_leads}</th><th class="num">{d.h_touch_a}</th>
                        <th class="num">{d.h_roles}</th><th class="num">{d.h_21}</th><th class="num">{d.h_22}</th><th class="num">{d.h_23}</th>
                        <th>{d.h_managers}</th><crate::components::a11y::ActionsTh />
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                </div>
            }
            .into_any()
        })
    }
}

#[component]
fn Report(diag: Memo<Option<Diagnosis>>) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let exported = RwSignal::new(None::<bool>);
    let file_name = move || {
        store.current.with(|p| {
            let date = p.as_ref().map(|p| as_of(p).to_string()).unwrap_or_default();
            format!("diagnosis-{date}.html")
        })
    };
    view! {
        <div class="no-print row gap toolbar">
            <button class="btn primary" data-testid="diag-print" on:click=move |_| print_page()>{move || t.get().diag.print}</button>
            <button class="btn" data-testid="diag-export" on:click=move |_| {
                exported.set(Some(export_html(DOC_ID, t.get_untracked().diag.doc_title, &file_name())))
            }>{move || t.get().diag.export_html}</button>
            {move || (exported.get() == Some(false)).then(|| view! { <span class="error-text" role="alert">{t.get().diag.export_failed}</span> })}
        </div>
        {move || {
            let tt = t.get();
            let l = lang.get();
            let s = tt.diag;
            diag.with(|d| store.current.with(|p| {
                let (Some(p), Some(d)) = (p.as_ref(), d.as_ref()) else { return ().into_any() };
                let th = &p.diagnosis.thresholds;
                let touch = |k| crate::domain::accounts::touch_target_per_quarter(p, k).map(|x| fmt_num(x, 1, l)).unwrap_or_else(|| "—".into());
                let pct = |x: f64| fmt_pct(Some(x), 0, l);
                let thresholds = vec![
                    (s.th_plan_green, pct(th.plan_green)),
                    (s.th_plan_amber, pct(th.plan_amber)),
                    (s.th_share_factor, fmt_num(th.share_factor, 1, l)),
                    (s.th_leads, pct(th.leads)),
                    (s.th_coverage, pct(th.coverage)),
                    (s.th_touch_a, touch(Category::A)),
                    (s.th_touch_b, touch(Category::B)),
                    (s.th_lfr_lpr, pct(th.lfr_lpr)),
                    (s.th_role_coverage, pct(th.role_coverage)),
                    (s.th_full_maps, pct(th.full_maps)),
                    (s.th_programme, pct(th.programme)),
                    (s.th_21, pct(th.metric_21)),
                    (s.th_22, pct(th.metric_22)),
                    (s.th_23, pct(th.metric_23)),
                ];
                view! {
                    <article class="print-sheet diag-doc" id=DOC_ID data-testid="diag-report">
                        <h1>{s.doc_title}</h1>
                        <dl class="doc-meta">
                            <dt>{s.doc_company}</dt><dd data-testid="diag-report-company">{p.company.name.clone()}</dd>
                            <dt>{s.doc_date}</dt><dd>{fmt_date(d.as_of)}</dd>
                            <dt>{s.h_period}</dt><dd>{format!("{} – {}", fmt_date(d.period.from), fmt_date(d.period.to))}</dd>
                            <dt>{s.h_segment}</dt><dd>{segment_label(p, &d.segment, tt)}</dd>
                        </dl>
                        {diagnosis_view(p, d, tt, l, false)}
                        <h2 class="h3">{s.doc_thresholds}</h2>
                        <table class="table doc-thresholds">
                            <tbody>{thresholds.into_iter().map(|(k, v)| view! { <tr><td>{k}</td><td class="num">{v}</td></tr> }).collect_view()}</tbody>
                        </table>
                        <p class="small muted">{s.doc_method}</p>
                    </article>
                }.into_any()
            }))
        }}
    }
}
