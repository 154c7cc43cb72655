//! Tabs «Вопросники» (question lists 2.1 / 2.2 / 2.3 per channel, SPIN-typed, linked to needs)
//! and «Инструктаж ЛФР» (the checklist of baseline data for the ТЭО).

use super::{confirm, use_channel, ChannelPicker};
use crate::domain::{layer4, new_id, tools, BriefingItem, Id, Question, QuestionKind, Role};
use crate::i18n::fill;
use crate::state::route::L4Tab;
use crate::state::store::use_store;
use crate::state::use_i18n;
use leptos::prelude::*;

const KINDS: [(QuestionKind, &str); 4] = [
    (QuestionKind::Situation, "situation"),
    (QuestionKind::Problem, "problem"),
    (QuestionKind::Implication, "implication"),
    (QuestionKind::NeedPayoff, "need_payoff"),
];

fn kind_label(k: QuestionKind, l4: &crate::i18n::L4) -> &'static str {
    match k {
        QuestionKind::Situation => l4.kind_situation,
        QuestionKind::Problem => l4.kind_problem,
        QuestionKind::Implication => l4.kind_implication,
        QuestionKind::NeedPayoff => l4.kind_need_payoff,
    }
}

#[component]
pub fn QuestionsTab() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let channel = use_channel();
    let lists = Memo::new(move |_| {
        let ch = channel.get()?;
        store
            .current
            .with(|p| p.as_ref().and_then(|p| layer4::channel_questions(p, ch)))
    });
    let fill_defaults = move |_| {
        if let Some(ch) = channel.get_untracked() {
            store.update(|p| {
                p.layer4.questions.extend(tools::default_questions(
                    Some(ch),
                    store.lang.get_untracked(),
                ))
            })
        }
    };
    view! {
        <div data-testid="l4-questions-tab">
            <ChannelPicker tab=L4Tab::Questions />
            <p class="muted">{move || t.get().l4.questions_hint}</p>
            <button class="btn no-print" data-testid="l4-default-questions" on:click=fill_defaults>{move || t.get().l4.add_default_questions}</button>
            {move || lists.get().map(|cq| cq.stages.into_iter().map(|sq| {
                let stage = sq.stage_code;
                let title = match stage { "2.1" => t.get().l4.stage_21, "2.2" => t.get().l4.stage_22, _ => t.get().l4.stage_23 };
                let missing: Vec<&str> = sq.missing_kinds.iter().map(|k| kind_label(*k, &t.get().l4)).collect();
                let ids = sq.questions.clone();
                view! {
                    <section class="l4-stage" data-testid=format!("l4-stage-{stage}")>
                        <h2>{title}</h2>
                        {sq.questions.is_empty().then(|| view! { <p class="warning">{"⚠ "}{t.get().l4.no_questions}</p> })}
                        {(!missing.is_empty() && !sq.questions.is_empty()).then(|| view! { <p class="muted">{fill(t.get().l4.missing_kinds, &[&missing.join(", ")])}</p> })}
                        <ol class="l4-questions">
                            {ids.into_iter().map(|id| view! { <QuestionRow id=id /> }).collect_view()}
                        </ol>
                        <button class="btn" data-testid=format!("l4-add-q-{stage}") on:click=move |_| {
                            let ch = channel.get_untracked();
                            store.update(|p| p.layer4.questions.push(Question { id: new_id(), stage_code: stage.into(), channel_id: ch, role: Role::Lfr, kind: QuestionKind::Situation, text: t.get_untracked().l4.new_question.into(), need_ids: vec![] }))
                        }>{t.get().l4.add_question}</button>
                    </section>
                }
            }).collect_view())}
        </div>
    }
}

#[component]
fn QuestionRow(id: Id) -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let q = move || {
        store.current.with(|p| {
            p.as_ref()
                .and_then(|p| p.layer4.questions.iter().find(|q| q.id == id).cloned())
        })
    };
    let upd = move |f: Box<dyn FnOnce(&mut Question)>| {
        store.update(|p| {
            if let Some(q) = p.layer4.questions.iter_mut().find(|q| q.id == id) {
                f(q)
            }
        })
    };
    let needs = move || {
        let ch = q().and_then(|q| q.channel_id);
        store.current.with(|p| {
            p.as_ref()
                .map(|p| layer4::question_needs(p, ch))
                .unwrap_or_default()
        })
    };
    view! {
        {move || q().map(|q| {
            let linked = q.need_ids.first().copied();
            let text = q.text.clone();
            view! {
                <li class="l4-question" data-testid="l4-question">
                    <textarea class="input" rows="2" prop:value=q.text.clone() aria-label=t.get().l4.col_question
                        on:change=move |ev| { let v = event_target_value(&ev); upd(Box::new(move |q| q.text = v)) }></textarea>
                    <div class="l4-question-meta">
                        <select class="input" aria-label=t.get().l4.col_role on:change=move |ev| { let r = if event_target_value(&ev) == "LPR" { Role::Lpr } else { Role::Lfr }; upd(Box::new(move |q| q.role = r)) }>
                            <option value="LFR" selected=q.role == Role::Lfr>{Role::Lfr.abbr_in(crate::state::current_lang())}</option>
                            <option value="LPR" selected=q.role == Role::Lpr>{Role::Lpr.abbr_in(crate::state::current_lang())}</option>
                        </select>
                        <select class="input" aria-label=t.get().l4.col_kind on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some((k, _)) = KINDS.iter().find(|(_, s)| *s == v) { let k = *k; upd(Box::new(move |q| q.kind = k)) }
                        }>
                            {KINDS.iter().map(|(k, s)| view! { <option value=*s selected=*k == q.kind>{kind_label(*k, &t.get().l4)}</option> }).collect_view()}
                        </select>
                        <select class="input" aria-label=t.get().l4.col_linked_need on:change=move |ev| {
                            let v = event_target_value(&ev).parse::<Id>().ok();
                            upd(Box::new(move |q| q.need_ids = v.into_iter().collect()))
                        }>
                            <option value="" selected=linked.is_none()>{t.get().l4.no_linked_need}</option>
                            {needs().into_iter().map(|n| view! { <option value=n.id.to_string() selected=linked == Some(n.id)>{n.text}</option> }).collect_view()}
                        </select>
                        <button class="btn ghost" aria-label=t.get().l4.delete on:click=move |_| {
                            if confirm(&fill(t.get_untracked().l4.delete_confirm, &[&text])) {
                                store.update(|p| p.layer4.questions.retain(|q| q.id != id))
                            }
                        }>"✕"</button>
                    </div>
                </li>
            }
        })}
    }
}

#[component]
pub fn BriefingTab() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let items = move || {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| p.layer4.briefing.clone())
                .unwrap_or_default()
        })
    };
    let upd = move |id: Id, f: Box<dyn FnOnce(&mut BriefingItem)>| {
        store.update(|p| {
            if let Some(b) = p.layer4.briefing.iter_mut().find(|b| b.id == id) {
                f(b)
            }
        })
    };
    view! {
        <div data-testid="l4-briefing-tab">
            <h2>{move || t.get().l4.briefing_title}</h2>
            <p class="muted">{move || t.get().l4.briefing_hint}</p>
            {move || items().is_empty().then(|| view! {
                <p class="empty-state">{t.get().l4.briefing_empty}" "
                    <button class="btn primary" data-testid="l4-default-briefing" on:click=move |_| store.update(|p| p.layer4.briefing = tools::default_briefing(store.lang.get_untracked()))>{t.get().l4.add_default_briefing}</button>
                </p>
            })}
            {crate::components::export::table_export("tbl-l4-briefing", "briefing")}
            <div class="table-box" tabindex="0"><table id="tbl-l4-briefing" class="table" data-testid="l4-briefing">
                <thead><tr><th>"✓"</th><th>{move || t.get().l4.col_data}</th><th>{move || t.get().l4.col_unit}</th><crate::components::a11y::ActionsTh /></tr></thead>
                <tbody>
                {move || items().into_iter().map(|b| {
                    let id = b.id;
                    let text = b.text.clone();
                    view! { <tr data-testid="l4-briefing-item">
                        <td><span aria-hidden="true">"☐"</span></td>
                        <td><input class="input" prop:value=b.text.clone() aria-label=t.get().l4.col_data
                            on:change=move |ev| { let v = event_target_value(&ev); upd(id, Box::new(move |b| b.text = v)) } /></td>
                        <td><input class="input" prop:value=b.unit.clone() aria-label=t.get().l4.col_unit
                            on:change=move |ev| { let v = event_target_value(&ev); upd(id, Box::new(move |b| b.unit = v)) } /></td>
                        <td><button class="btn ghost" aria-label=t.get().l4.delete on:click=move |_| {
                            if confirm(&fill(t.get_untracked().l4.delete_confirm, &[&text])) {
                                store.update(|p| p.layer4.briefing.retain(|b| b.id != id))
                            }
                        }>"✕"</button></td>
                    </tr> }
                }).collect_view()}
                </tbody>
            </table></div>
            <button class="btn" data-testid="l4-add-briefing" on:click=move |_| store.update(|p| p.layer4.briefing.push(BriefingItem { id: new_id(), channel_id: None, text: String::new(), unit: String::new() }))>{move || t.get().l4.add_item}</button>
        </div>
    }
}
