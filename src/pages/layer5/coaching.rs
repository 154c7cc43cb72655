//! «Экспертная дотяжка»: the coaching log, filtered by manager and stage from the URL
//! (`#/l5/coaching?manager=<id>&stage=<id>&due=1`), with counts per manager and per stage,
//! the follow-ups that are due, and a form to add or edit a note.

use super::{confirm, stage_label, stage_of};
use crate::domain::psychology::{self, CoachingFilter, FollowUp, GroupCount};
use crate::domain::{new_id, CoachingNote, Id, Project};
use crate::i18n::format::{fmt_date, parse_date};
use crate::i18n::{fill, L5};
use crate::state::route::{go_to, use_query, L5Tab, Place};
use crate::state::store::{today, use_store};
use crate::state::use_i18n;
use chrono::NaiveDate;
use leptos::prelude::*;

/// The form's text, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct Draft {
    id: Option<Id>,
    manager: String,
    deal: String,
    stage: String,
    date: String,
    expert: String,
    observations: String,
    actions: String,
    follow_up: String,
    result: String,
}

impl Draft {
    fn of(n: &CoachingNote) -> Draft {
        Draft {
            id: Some(n.id),
            manager: n.manager_id.to_string(),
            deal: n.deal_id.map(|d| d.to_string()).unwrap_or_default(),
            stage: n.stage_id.map(|d| d.to_string()).unwrap_or_default(),
            date: fmt_date(n.date),
            expert: n.expert.clone(),
            observations: n.observations.clone(),
            actions: n.agreed_actions.clone(),
            follow_up: n.follow_up.map(fmt_date).unwrap_or_default(),
            result: n.result.clone(),
        }
    }
}

/// Errors of the form, per field.
#[derive(Clone, Debug, Default, PartialEq)]
struct FormErrors {
    date: Option<String>,
    follow_up: Option<String>,
    other: Option<String>,
}

fn as_of(p: &Project) -> NaiveDate {
    p.as_of(today())
}

fn manager_name(p: &Project, id: Id) -> String {
    p.manager(id)
        .map(crate::domain::Manager::label)
        .unwrap_or_else(|| "—".into())
}

fn follow_text(n: &CoachingNote, state: FollowUp, t: &L5) -> String {
    let d = n.follow_up.map(fmt_date).unwrap_or_default();
    match state {
        FollowUp::None => t.follow_none.to_string(),
        FollowUp::Done => t.follow_done.to_string(),
        FollowUp::Planned => fill(t.follow_planned, &[&d]),
        FollowUp::Due => fill(t.follow_due, &[&d]),
        FollowUp::Overdue => fill(t.follow_overdue, &[&d]),
    }
}

#[component]
pub(super) fn CoachingTab() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let qm = use_query("manager");
    let qs = use_query("stage");
    let qd = use_query("due");
    let filter = Memo::new(move |_| {
        store.current.with(|p| {
            let p = p.as_ref()?;
            Some(CoachingFilter {
                manager: qm
                    .get()
                    .and_then(|s| s.parse::<Id>().ok())
                    .filter(|id| p.manager(*id).is_some()),
                stage: stage_of(p, qs.get()),
                due_only: qd.get().as_deref() == Some("1"),
            })
        })
    });
    let draft = RwSignal::new(None::<Draft>);
    let link = move |f: CoachingFilter| {
        let (m, s) = (
            f.manager.map(|x| x.to_string()),
            f.stage.map(|x| x.to_string()),
        );
        let mut q: Vec<(&str, &str)> = vec![];
        if let Some(m) = m.as_deref() {
            q.push(("manager", m));
        }
        if let Some(s) = s.as_deref() {
            q.push(("stage", s));
        }
        if f.due_only {
            q.push(("due", "1"));
        }
        Place::L5(L5Tab::Coaching).href(&q)
    };
    let cur = move || filter.get().unwrap_or_default();

    let filters = move || {
        store.current.with(|p| {
            let p = p.as_ref()?;
            let l5 = t.get().l5;
            let f = cur();
            Some(view! {
                <div class="l5-filters row gap" data-nav="">
                    <label class="field">
                        <span>{l5.filter_manager}</span>
                        <select class="input" data-testid="l5-filter-manager" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            go_to(&link(CoachingFilter { manager: v.parse().ok(), ..cur() }));
                        }>
                            <option value="" selected=f.manager.is_none()>{l5.all}</option>
                            {p.managers.iter().map(|m| view! {
                                <option value=m.id.to_string() selected=f.manager == Some(m.id)>{manager_name(p, m.id)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{l5.filter_stage}</span>
                        <select class="input" data-testid="l5-filter-stage" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            go_to(&link(CoachingFilter { stage: v.parse().ok(), ..cur() }));
                        }>
                            <option value="" selected=f.stage.is_none()>{l5.all}</option>
                            {p.stages.iter().map(|s| view! {
                                <option value=s.id.to_string() selected=f.stage == Some(s.id)>{stage_label(s)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="check l5-due-check">
                        <input type="checkbox" prop:checked=f.due_only data-testid="l5-filter-due"
                            on:change=move |ev| go_to(&link(CoachingFilter { due_only: event_target_checked(&ev), ..cur() })) />
                        <span>{l5.filter_due}</span>
                    </label>
                    <button class="btn primary" data-testid="l5-new-note" on:click=move |_| {
                        let f = cur();
                        draft.set(Some(Draft {
                            manager: f.manager.map(|m| m.to_string()).unwrap_or_default(),
                            stage: f.stage.map(|s| s.to_string()).unwrap_or_default(),
                            date: store.current.with_untracked(|p| p.as_ref().map(|p| fmt_date(as_of(p)))).unwrap_or_default(),
                            ..Draft::default()
                        }));
                    }>{l5.new_note}</button>
                </div>
            })
        })
    };

    let notes = move || {
        store.current.with(|p| {
            let p = p.as_ref()?;
            let l5 = t.get().l5.get();
            let f = cur();
            let day = as_of(p);
            let list = psychology::filter_notes(p, &f, day);
            let total = p.layer5.coaching.len();
            let shown = list.len();
            let rows = list
                .into_iter()
                .map(|n| note_card(p, n, day, l5, draft))
                .collect_view();
            Some(view! {
                <p class="muted" data-testid="l5-notes-count">{fill(l5.notes_shown, &[&shown.to_string(), &total.to_string()])}</p>
                {(shown == 0).then(|| view! { <p class="empty-state">{l5.no_notes}</p> })}
                <ul class="l5-notes" data-testid="l5-notes">{rows}</ul>
            })
        })
    };

    let groups = move || {
        store.current.with(|p| {
            let p = p.as_ref()?;
            let l5 = t.get().l5;
            let day = as_of(p);
            let due = psychology::due_follow_ups(p, day);
            let group_table = |title: &'static str, key: &'static str, rows: Vec<GroupCount>, name: &dyn Fn(Option<Id>) -> String, href: &dyn Fn(Option<Id>) -> Option<String>| {
                view! {
                    <section class="l5-group">
                        <h2 class="h3">{title}</h2>
                        {crate::components::export::table_export(&format!("tbl-l5-per-{key}"), &format!("coaching-per-{key}"))}
                        <div class="table-box" tabindex="0"><table id=format!("tbl-l5-per-{key}") class="table" data-testid=format!("l5-per-{key}")>
                            <thead><tr><th scope="col">{title}</th><th class="num" scope="col">{l5.col_notes}</th><th class="num" scope="col">{l5.col_due}</th><th class="num" scope="col">{l5.col_last}</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|g| {
                                    let label = name(g.id);
                                    let cell = match href(g.id) {
                                        Some(h) => view! { <a href=h>{label}</a> }.into_any(),
                                        None => view! { <span>{label}</span> }.into_any(),
                                    };
                                    view! {
                                        <tr>
                                            <th scope="row">{cell}</th>
                                            <td class="num">{g.notes}</td>
                                            <td class="num">{if g.due > 0 { format!("⚠ {}", g.due) } else { "0".into() }}</td>
                                            <td class="num">{g.last.map(fmt_date).unwrap_or_else(|| "—".into())}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    </section>
                }
            };
            let per_m = group_table(
                l5.per_manager,
                "manager",
                psychology::notes_per_manager(p, day),
                &|id| id.map(|m| manager_name(p, m)).unwrap_or_default(),
                &|id| id.map(|m| link(CoachingFilter { manager: Some(m), ..CoachingFilter::default() })),
            );
            let per_s = group_table(
                l5.per_stage,
                "stage",
                psychology::notes_per_stage(p, day),
                &|id| id.and_then(|s| p.stage(s)).map(stage_label).unwrap_or_else(|| l5.no_stage.to_string()),
                &|id| id.map(|s| link(CoachingFilter { stage: Some(s), ..CoachingFilter::default() })),
            );
            let due_view = if due.is_empty() {
                view! { <p class="muted" data-testid="l5-due">{l5.due_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="l5-due-list" data-testid="l5-due">
                        {due.iter().map(|n| view! {
                            <li>{follow_text(n, psychology::follow_up_state(n, day), &l5)}" — "{manager_name(p, n.manager_id)}
                                {n.deal_id.and_then(|d| p.deal(d)).map(|d| format!(" · {}", d.code))}
                                {(!n.agreed_actions.is_empty()).then(|| format!(": {}", n.agreed_actions))}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            };
            Some(view! {
                <section class="l5-due-box">
                    <h2 class="h3">{l5.due_list}</h2>
                    {due_view}
                </section>
                <div class="l5-groups">{per_m}{per_s}</div>
            })
        })
    };

    view! {
        <div data-testid="l5-coaching">
            <p class="muted">{move || t.get().l5.coaching_intro}</p>
            {filters}
            {move || draft.get().is_some().then(|| view! { <NoteForm draft /> })}
            {notes}
            {groups}
        </div>
    }
}

fn note_card(
    p: &Project,
    n: &CoachingNote,
    day: NaiveDate,
    l5: &'static L5,
    draft: RwSignal<Option<Draft>>,
) -> impl IntoView {
    let store = use_store();
    let state = psychology::follow_up_state(n, day);
    let deal = n.deal_id.and_then(|d| p.deal(d)).map(|d| d.label());
    let stage = n.stage_id.and_then(|s| p.stage(s)).map(stage_label);
    let id = n.id;
    let for_edit = Draft::of(n);
    let who = manager_name(p, n.manager_id);
    let when = fmt_date(n.date);
    let field = |label: &'static str, text: &str| {
        (!text.trim().is_empty()).then(|| view! { <dt>{label}</dt><dd>{text.to_string()}</dd> })
    };
    view! {
        <li class="l5-note" class:l5-attention=state.needs_attention() data-testid="l5-note" data-note-id=id.to_string()>
            <div class="l5-note-head">
                <strong data-testid="l5-note-date">{when.clone()}</strong>
                <span data-testid="l5-note-manager">{who.clone()}</span>
                {stage.map(|s| view! { <span class="badge" data-testid="l5-note-stage">{s}</span> })}
                <span class=if state.needs_attention() { "l5-follow warning" } else { "l5-follow muted" } data-testid="l5-note-follow">
                    {follow_text(n, state, l5)}
                </span>
                <span class="l5-note-actions">
                    <button class="btn small" data-testid="l5-note-edit" on:click=move |_| draft.set(Some(for_edit.clone()))>{l5.edit}</button>
                    <button class="btn small danger" data-testid="l5-note-delete" on:click=move |_| {
                        if confirm(&fill(l5.delete_confirm, &[&who, &when])) {
                            store.update(|p| psychology::delete_note(p, id));
                            draft.update(|d| if d.as_ref().and_then(|d| d.id) == Some(id) { *d = None });
                        }
                    }>{l5.remove}</button>
                </span>
            </div>
            <dl class="dims">
                {deal.map(|d| view! { <dt>{l5.f_deal}</dt><dd data-testid="l5-note-deal">{d}</dd> })}
                {field(l5.f_expert, &n.expert)}
                {field(l5.f_observations, &n.observations)}
                {field(l5.f_actions, &n.agreed_actions)}
                {field(l5.f_result, &n.result)}
            </dl>
        </li>
    }
}

#[component]
fn NoteForm(draft: RwSignal<Option<Draft>>) -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let errors = RwSignal::new(FormErrors::default());
    let get = move |f: fn(&Draft) -> String| {
        move || draft.with(|d| d.as_ref().map(f).unwrap_or_default())
    };
    let set = move |f: fn(&mut Draft, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            draft.update(|d| {
                if let Some(d) = d {
                    f(d, v)
                }
            });
        }
    };
    let pick_deal = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let defaults = v.parse::<Id>().ok().and_then(|id| {
            store
                .current
                .with_untracked(|p| p.as_ref().and_then(|p| psychology::deal_defaults(p, id)))
        });
        draft.update(|d| {
            if let Some(d) = d {
                d.deal = v;
                if let Some((m, s)) = defaults {
                    if let Some(m) = m {
                        d.manager = m.to_string();
                    }
                    if let Some(s) = s {
                        d.stage = s.to_string();
                    }
                }
            }
        });
    };
    let save = move |_| {
        let Some(d) = draft.get_untracked() else {
            return;
        };
        let l5 = t.get_untracked().l5;
        let mut e = FormErrors::default();
        let date = match parse_date(&d.date) {
            Some(x) => Some(x),
            None if d.date.trim().is_empty() => {
                e.date = Some(l5.date_required.to_string());
                None
            }
            None => {
                e.date = Some(fill(l5.bad_date, &[d.date.trim()]));
                None
            }
        };
        let follow_up = if d.follow_up.trim().is_empty() {
            None
        } else {
            let f = parse_date(&d.follow_up);
            if f.is_none() {
                e.follow_up = Some(fill(l5.bad_date, &[d.follow_up.trim()]));
            }
            f
        };
        let manager = d.manager.parse::<Id>().ok();
        let (Some(date), Some(manager_id), None) = (date, manager, e.follow_up.as_ref()) else {
            if manager.is_none() {
                e.other = Some(l5.manager_required.to_string());
            }
            errors.set(e);
            return;
        };
        let note = CoachingNote {
            id: d.id.unwrap_or_else(new_id),
            manager_id,
            deal_id: d.deal.parse().ok(),
            stage_id: d.stage.parse().ok(),
            date,
            expert: d.expert.trim().to_string(),
            observations: d.observations.trim().to_string(),
            agreed_actions: d.actions.trim().to_string(),
            follow_up,
            result: d.result.trim().to_string(),
        };
        // Check on a copy first, so that a refused note does not touch the project.
        let check = store.current.with_untracked(|p| {
            p.as_ref().map(|p| {
                let mut c = p.clone();
                psychology::save_note(&mut c, note.clone())
            })
        });
        match check {
            Some(Ok(())) => {
                store.update(|p| {
                    let _ = psychology::save_note(p, note);
                });
                errors.set(FormErrors::default());
                draft.set(None);
            }
            Some(Err(msg)) => errors.set(FormErrors {
                other: Some(msg.to_string()),
                ..FormErrors::default()
            }),
            None => {}
        }
    };
    let options = move || {
        store.current.with(|p| {
            let p = p.as_ref()?;
            let (m, dl, s) = draft.with(|d| d.as_ref().map(|d| (d.manager.clone(), d.deal.clone(), d.stage.clone())).unwrap_or_default());
            let l5 = t.get().l5;
            Some((
                p.managers.iter().map(|x| view! { <option value=x.id.to_string() selected=m == x.id.to_string()>{manager_name(p, x.id)}</option> }).collect_view(),
                p.deals.iter().map(|x| view! { <option value=x.id.to_string() selected=dl == x.id.to_string()>{format!("{} — {}", x.code, x.title)}</option> }).collect_view(),
                p.stages.iter().map(|x| view! { <option value=x.id.to_string() selected=s == x.id.to_string()>{stage_label(x)}</option> }).collect_view(),
                l5,
            ))
        })
    };
    let err = |f: fn(&FormErrors) -> Option<String>| {
        move || {
            errors
                .with(f)
                .map(|e| view! { <p class="error-text" role="alert">{e}</p> })
        }
    };
    view! {
        <form class="l5-form" data-testid="l5-note-form" on:submit=move |ev| ev.prevent_default()>
            <h2>{move || if draft.with(|d| d.as_ref().and_then(|d| d.id).is_some()) { t.get().l5.edit_note } else { t.get().l5.new_note }}</h2>
            <div class="form-grid">
                <label class="field">
                    <span>{move || t.get().l5.f_deal}</span>
                    <select class="input" data-testid="l5-f-deal" on:change=pick_deal>
                        <option value="" selected=move || get(|d| d.deal.clone())().is_empty()>{move || t.get().l5.f_no_deal}</option>
                        {move || options().map(|o| o.1)}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().l5.f_manager}</span>
                    <select class="input" data-testid="l5-f-manager" on:change=set(|d, v| d.manager = v)>
                        <option value="" selected=move || get(|d| d.manager.clone())().is_empty()>{move || t.get().l5.choose}</option>
                        {move || options().map(|o| o.0)}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().l5.f_stage}</span>
                    <select class="input" data-testid="l5-f-stage" on:change=set(|d, v| d.stage = v)>
                        <option value="" selected=move || get(|d| d.stage.clone())().is_empty()>{move || t.get().l5.no_stage}</option>
                        {move || options().map(|o| o.2)}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t.get().l5.f_date}</span>
                    <input class="input" type="text" inputmode="numeric" data-testid="l5-f-date" prop:value=get(|d| d.date.clone()) on:change=set(|d, v| d.date = v) />
                    {err(|e| e.date.clone())}
                </label>
                <label class="field">
                    <span>{move || t.get().l5.f_expert}</span>
                    <input class="input" type="text" data-testid="l5-f-expert" prop:value=get(|d| d.expert.clone()) on:change=set(|d, v| d.expert = v) />
                </label>
                <label class="field">
                    <span>{move || t.get().l5.f_follow_up}</span>
                    <input class="input" type="text" inputmode="numeric" data-testid="l5-f-follow-up" prop:value=get(|d| d.follow_up.clone()) on:change=set(|d, v| d.follow_up = v) />
                    {err(|e| e.follow_up.clone())}
                </label>
            </div>
            <label class="field">
                <span>{move || t.get().l5.f_observations}</span>
                <textarea class="input" data-testid="l5-f-observations" prop:value=get(|d| d.observations.clone()) on:change=set(|d, v| d.observations = v)></textarea>
            </label>
            <label class="field">
                <span>{move || t.get().l5.f_actions}</span>
                <textarea class="input" data-testid="l5-f-actions" prop:value=get(|d| d.actions.clone()) on:change=set(|d, v| d.actions = v)></textarea>
            </label>
            <label class="field">
                <span>{move || t.get().l5.f_result}</span>
                <textarea class="input" data-testid="l5-f-result" prop:value=get(|d| d.result.clone()) on:change=set(|d, v| d.result = v)></textarea>
            </label>
            {err(|e| e.other.clone())}
            <div class="row gap">
                <button type="button" class="btn primary" data-testid="l5-save" on:click=save>{move || t.get().l5.save}</button>
                <button type="button" class="btn ghost" data-testid="l5-cancel" on:click=move |_| draft.set(None)>{move || t.get().l5.cancel}</button>
            </div>
        </form>
    }
}
