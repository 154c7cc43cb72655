//! «Чек-листы этапов»: the behaviour checklist of the chosen ТФС stage (`?stage=<id>`, default
//! the first stage), with its four lists editable point by point and a reset to the default.

use super::{confirm, stage_label, stage_of};
use crate::domain::psychology::{self, ListKind, Source};
use crate::domain::Id;
use crate::i18n::{fill, L5};
use crate::state::route::{go_to, use_query, L5Tab, Place};
use crate::state::store::use_store;
use crate::state::use_i18n;
use leptos::prelude::*;

fn list_label(kind: ListKind, t: &L5) -> &'static str {
    match kind {
        ListKind::Behaviours => t.list_behaviours,
        ListKind::Mistakes => t.list_mistakes,
        ListKind::Say => t.list_say,
        ListKind::Avoid => t.list_avoid,
    }
}

#[component]
pub(super) fn ChecklistsTab() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let q = use_query("stage");
    let stage = Memo::new(move |_| {
        store.current.with(|p| {
            let p = p.as_ref()?;
            stage_of(p, q.get()).or_else(|| p.stages.first().map(|s| s.id))
        })
    });
    let picker = move || {
        store.current.with(|p| {
            p.as_ref().map(|p| {
                p.stages
                    .iter()
                    .map(|s| {
                        let id = s.id;
                        view! { <option value=id.to_string() selected=move || stage.get() == Some(id)>{stage_label(s)}</option> }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <div data-testid="l5-checklists">
            <label class="field l5-stage-field">
                <span>{move || t.get().l5.stage}</span>
                <select class="input" data-nav="" data-testid="l5-stage-picker"
                    on:change=move |ev| go_to(&Place::L5(L5Tab::Checklists).href(&[("stage", &event_target_value(&ev))]))>
                    {picker}
                </select>
            </label>
            {move || match stage.get() {
                None => view! { <p class="empty-state">{t.get().l5.no_stages}</p> }.into_any(),
                Some(id) => view! { <StageChecklist stage_id=id /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn StageChecklist(stage_id: Id) -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let current = Memo::new(move |_| {
        store.current.with(|p| {
            p.as_ref().map(|p| {
                let (c, src) = psychology::checklist_in(p, stage_id, store.lang.get());
                let s = p.stage(stage_id).cloned();
                (c, src, s, psychology::has_default(p, stage_id))
            })
        })
    });
    let info = move || {
        let (_, src, s, _) = current.get()?;
        let s = s?;
        let l5 = t.get().l5;
        let (cls, text) = match src {
            Source::Default => ("badge", l5.source_default),
            Source::Edited => ("badge l5-edited", l5.source_edited),
            Source::Empty => ("badge l5-empty", l5.source_empty),
        };
        let roles = s
            .role_focus
            .iter()
            .map(|r| r.abbr_in(crate::state::current_lang()))
            .collect::<Vec<_>>()
            .join(", ");
        let label = stage_label(&s);
        let reset = (src == Source::Edited).then(|| {
            let label = label.clone();
            view! {
                <button class="btn small" data-testid="l5-reset" on:click=move |_| {
                    if confirm(&fill(t.get_untracked().l5.reset_confirm, &[&label])) {
                        store.update(|p| psychology::reset_to_default(p, stage_id));
                    }
                }>{l5.reset}</button>
            }
        });
        Some(view! {
            <div class="l5-stage-head">
                <h2 data-testid="l5-stage-title">{label}</h2>
                <span class=cls data-testid="l5-source">{text}</span>
                {reset}
            </div>
            <dl class="dims">
                {(!roles.is_empty()).then(|| view! { <dt>{l5.stage_roles}</dt><dd>{roles}</dd> })}
                {(!s.exit_criteria.is_empty()).then(|| view! { <dt>{l5.stage_exit}</dt><dd>{s.exit_criteria.clone()}</dd> })}
            </dl>
        })
    };
    view! {
        {info}
        <div class="l5-lists">
            {ListKind::ALL.into_iter().map(|kind| view! { <PointList stage_id kind current=Signal::derive(move || current.get().map(|c| psychology::list(&c.0, kind).clone()).unwrap_or_default()) /> }).collect_view()}
        </div>
    }
}

/// One edit of the project's checklist, applied through the store.
type Edit = Box<dyn FnOnce(&mut crate::domain::Project) -> Result<(), &'static str>>;

#[component]
fn PointList(
    stage_id: Id,
    kind: ListKind,
    #[prop(into)] current: Signal<Vec<String>>,
) -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let slug = kind.slug();
    let error = RwSignal::new(None::<&'static str>);
    let draft = RwSignal::new(String::new());
    let apply = move |f: Edit| {
        let mut res = Ok(());
        let lang = store.lang.get_untracked();
        store.update(|p| {
            psychology::copy_default_in(p, stage_id, lang);
            res = f(p)
        });
        error.set(res.err());
    };
    let add = move || {
        let text = draft.get_untracked();
        let mut res = Ok(());
        let lang = store.lang.get_untracked();
        store.update(|p| {
            psychology::copy_default_in(p, stage_id, lang);
            res = psychology::add_point(p, stage_id, kind, &text)
        });
        match res {
            Ok(()) => {
                draft.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let rows = move || {
        let items = current.get();
        let n = items.len();
        let l5 = t.get().l5;
        if n == 0 {
            return view! { <p class="muted">{l5.empty_list}</p> }.into_any();
        }
        view! {
            <ol class="l5-points">
                {items.into_iter().enumerate().map(|(i, text)| {
                    let for_confirm = text.clone();
                    view! {
                        <li class="l5-point">
                            <textarea class="input" rows="2" prop:value=text.clone() aria-label=list_label(kind, &l5)
                                data-testid=format!("l5-point-{slug}-{i}")
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    apply(Box::new(move |p| psychology::edit_point(p, stage_id, kind, i, &v)));
                                }></textarea>
                            <button class="btn small ghost" title=l5.move_up aria-label=l5.move_up disabled=i == 0
                                data-testid=format!("l5-up-{slug}-{i}")
                                on:click=move |_| apply(Box::new(move |p| psychology::move_point(p, stage_id, kind, i, true)))>"↑"</button>
                            <button class="btn small ghost" title=l5.move_down aria-label=l5.move_down disabled=i + 1 == n
                                data-testid=format!("l5-down-{slug}-{i}")
                                on:click=move |_| apply(Box::new(move |p| psychology::move_point(p, stage_id, kind, i, false)))>"↓"</button>
                            <button class="btn small danger" title=l5.remove aria-label=l5.remove
                                data-testid=format!("l5-remove-{slug}-{i}")
                                on:click=move |_| {
                                    if confirm(&fill(t.get_untracked().l5.remove_point_confirm, &[&for_confirm])) {
                                        apply(Box::new(move |p| psychology::remove_point(p, stage_id, kind, i)));
                                    }
                                }>"✕"</button>
                        </li>
                    }
                }).collect_view()}
            </ol>
        }.into_any()
    };
    view! {
        <section class="l5-list" data-testid=format!("l5-list-{slug}")>
            <h3>{move || list_label(kind, &t.get().l5)}</h3>
            {rows}
            <div class="l5-add">
                <input class="input" type="text" placeholder=move || t.get().l5.new_point
                    aria-label=move || t.get().l5.new_point
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { add() }
                    data-testid=format!("l5-new-{slug}") />
                <button class="btn small" data-testid=format!("l5-add-{slug}") on:click=move |_| add()>{move || t.get().l5.add_point}</button>
            </div>
            {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
        </section>
    }
}
