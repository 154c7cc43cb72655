//! The project's ТФС stage list: rename, reorder, insert, delete (moving its deals), the won
//! stage, target conversion, probability and typical days.

use crate::domain::layer2;
use crate::domain::stages::stage_list_problems;
use crate::domain::{Id, Project};
use crate::i18n::edit::{stage_error_text, stage_list_problem_text};
use crate::i18n::format::{fmt_num, parse_number};
use crate::i18n::{cell_name, fill};
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

/// An edit of the stage list that may be refused.
type StageEdit = Box<dyn FnOnce(&mut Project) -> Result<(), layer2::stage_list::StageError>>;

#[component]
pub(super) fn StagesTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let error = RwSignal::new(None::<String>);
    // A stage being deleted that holds deals: (id, label, count).
    let deleting = RwSignal::new(None::<(Id, String, usize)>);
    let target = RwSignal::new(String::new());
    let new_code = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let new_after = RwSignal::new(String::new());
    let apply = move |f: StageEdit| {
        let mut out = None;
        store.update(|p| out = f(p).err());
        error.set(out.map(|e| stage_error_text(&e, lang.get_untracked())));
    };
    let num_cell = move |key: &'static str,
                         name: String,
                         id: Id,
                         value: Option<f64>,
                         decimals: usize,
                         put: fn(&mut crate::domain::Stage, Option<f64>)| {
        let lang = lang.get_untracked();
        view! {
            <input class="input l2-num-input" inputmode="decimal" data-testid=format!("{key}-{id}") aria-label=name prop:value=value.map(|v| fmt_num(v, decimals, lang)).unwrap_or_default()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let parsed = if v.trim().is_empty() { Some(None) } else { parse_number(&v).filter(|x| *x >= 0.0).map(Some) };
                    match parsed {
                        Some(x) => apply(Box::new(move |p| {
                            if let Some(s) = p.stages.iter_mut().find(|s| s.id == id) { put(s, x) }
                            Ok(())
                        })),
                        None => error.set(Some(t.get_untracked().l2.bad_number.to_string())),
                    }
                } />
        }
    };
    let rows = move || {
        let t = t.get().l2;
        store.current.with(|p| {
            let p = p.as_ref()?;
            let n = p.stages.len();
            Some(p.stages.iter().enumerate().map(|(i, s)| {
                let id = s.id;
                let deals = layer2::stage_list::deals_on_stage(p, id);
                let lang = crate::state::current_lang();
                let label = s.label(lang);
                let code = s.code.clone();
                let name = s.name_ru.clone();
                let ru = s.name_ru.clone();
                // In English a stage with an English name is renamed in that name.
                let en_name = lang == crate::i18n::Lang::En && !s.name_en.trim().is_empty();
                let code2 = s.code.clone();
                let name2 = s.name(lang).to_string();
                view! {
                    <tr data-testid=format!("stage-row-{i}")>
                        <td class="num">{i + 1}</td>
                        <td><input class="input l2-code-input" aria-label=cell_name(t.s_code, &label) data-testid=format!("stage-code-{i}") prop:value=s.code.clone()
                            on:change=move |ev| { let v = event_target_value(&ev); let name = name.clone(); apply(Box::new(move |p| layer2::stage_list::rename_stage(p, id, &v, &name))) } /></td>
                        <td><input class="input" aria-label=cell_name(t.s_name, &label) data-testid=format!("stage-name-{i}") prop:value=s.name(lang).to_string()
                            on:change=move |ev| { let v = event_target_value(&ev); let code = code.clone(); let ru = ru.clone(); apply(Box::new(move |p| {
                                layer2::stage_list::rename_stage(p, id, &code, &v)?;
                                if let Some(s) = p.stages.iter_mut().find(|s| s.id == id).filter(|_| en_name) {
                                    s.name_en = std::mem::replace(&mut s.name_ru, ru);
                                }
                                Ok(())
                            })) } /></td>
                        <td><input type="checkbox" aria-label=cell_name(t.s_funnel, &label) prop:checked=s.is_funnel
                            on:change=move |ev| { let v = event_target_checked(&ev); apply(Box::new(move |p| { if let Some(s) = p.stages.iter_mut().find(|s| s.id == id) { s.is_funnel = v } Ok(()) })) } /></td>
                        <td><input type="radio" name="l2-won" aria-label=cell_name(t.s_won, &label) data-testid=format!("stage-won-{i}") prop:checked=s.is_won
                            on:change=move |_| apply(Box::new(move |p| layer2::stage_list::set_won_stage(p, id))) /></td>
                        <td>{num_cell("target", cell_name(t.s_target, &label), id, s.target_conversion, 1, |s, v| s.target_conversion = v)}</td>
                        <td>{num_cell("prob", cell_name(t.s_prob, &label), id, s.win_probability, 1, |s, v| s.win_probability = v)}</td>
                        <td>{num_cell("days", cell_name(t.s_days, &label), id, s.typical_days.map(f64::from), 0, |s, v| s.typical_days = v.map(|x| x.round().min(f64::from(u32::MAX)) as u32))}</td>
                        <td class="num" data-testid=format!("stage-deals-{i}")>{deals}</td>
                        <td class="l2-actions">
                            <button class="btn ghost" title=t.s_up_label aria-label=format!("{} {}", t.s_up_label, code2) disabled=i == 0 data-testid=format!("stage-up-{i}")
                                on:click=move |_| apply(Box::new(move |p| layer2::stage_list::move_stage(p, i, i - 1)))>{t.s_up}</button>
                            <button class="btn ghost" title=t.s_down_label aria-label=format!("{} {}", t.s_down_label, code2) disabled=i + 1 == n data-testid=format!("stage-down-{i}")
                                on:click=move |_| apply(Box::new(move |p| layer2::stage_list::move_stage(p, i, i + 1)))>{t.s_down}</button>
                            <button class="btn ghost" data-testid=format!("stage-delete-{i}") aria-label=format!("{} {}", t.s_delete, name2)
                                on:click=move |_| {
                                    error.set(None);
                                    if deals > 0 {
                                        target.set(String::new());
                                        deleting.set(Some((id, label.clone(), deals)));
                                    } else {
                                        let ok = window().confirm_with_message(&fill(t.s_delete_confirm, &[&label])).unwrap_or(false);
                                        if ok {
                                            // Nothing to move: any other stage is a valid target.
                                            apply(Box::new(move |p| {
                                                let other = p.stages.iter().find(|s| s.id != id).map(|s| s.id).unwrap_or(id);
                                                layer2::stage_list::delete_stage(p, id, other)
                                            }));
                                        }
                                    }
                                }>{t.s_delete}</button>
                        </td>
                    </tr>
                }
            }).collect_view())
        })
    };
    let delete_panel = move || {
        let (id, label, count) = deleting.get()?;
        let t = t.get().l2;
        let options = store.current.with(|p| {
            p.as_ref().map(|p| {
                p.stages.iter().filter(|s| s.id != id).map(|s| view! {
                <option value=s.id.to_string()>{s.label(crate::state::current_lang())}</option>
            }).collect_view()
            })
        });
        Some(view! {
            <div class="l2-delete-panel" role="dialog" aria-modal="false" data-testid="stage-delete-panel">
                <p>{fill(t.s_move_to, &[&label, &count.to_string()])}</p>
                <select class="input" data-testid="stage-delete-target" on:change=move |ev| target.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {options}
                </select>
                <button class="btn primary" data-testid="stage-delete-confirm" disabled=move || target.get().is_empty()
                    on:click=move |_| {
                        if let Ok(to) = Id::parse_str(&target.get_untracked()) {
                            apply(Box::new(move |p| layer2::stage_list::delete_stage(p, id, to)));
                            if error.get_untracked().is_none() { deleting.set(None); }
                        }
                    }>{t.s_move_delete}</button>
                <button class="btn ghost" data-testid="stage-delete-cancel" on:click=move |_| deleting.set(None)>{t.s_cancel}</button>
            </div>
        })
    };
    let insert = move |_| {
        let (code, name, after) = (
            new_code.get_untracked(),
            new_name.get_untracked(),
            new_after.get_untracked(),
        );
        let mut ok = false;
        store.update(|p| {
            let at = Id::parse_str(&after)
                .ok()
                .and_then(|a| p.stages.iter().position(|s| s.id == a))
                .map_or(0, |i| i + 1);
            match layer2::stage_list::insert_stage(
                p,
                at,
                layer2::stage_list::new_stage(&code, &name),
            ) {
                Ok(()) => ok = true,
                Err(e) => error.set(Some(stage_error_text(&e, lang.get_untracked()))),
            }
        });
        if ok {
            error.set(None);
            new_code.set(String::new());
            new_name.set(String::new());
        }
    };
    let problems = move || {
        store.current.with(|p| {
            p.as_ref()
                .map(|p| stage_list_problems(&p.stages))
                .unwrap_or_default()
        })
    };
    view! {
        <div data-testid="l2-stages-tab">
            <p class="muted">{move || t.get().l2.s_intro}</p>
            {move || error.get().map(|e| view! { <p class="error-text" role="alert" data-testid="stage-error">{e}</p> })}
            {delete_panel}
            {crate::components::export::table_export("tbl-l2-stages", "stages")}
            <div class="table-box" tabindex="0">
            <table id="tbl-l2-stages" class="table l2-stages" data-testid="stages-table">
                <thead><tr>
                    <th class="num" scope="col">{move || t.get().l2.s_pos}</th>
                    <th scope="col">{move || t.get().l2.s_code}</th>
                    <th scope="col">{move || t.get().l2.s_name}</th>
                    <th scope="col">{move || t.get().l2.s_funnel}</th>
                    <th scope="col">{move || t.get().l2.s_won}</th>
                    <th scope="col">{move || t.get().l2.s_target}</th>
                    <th scope="col">{move || t.get().l2.s_prob}</th>
                    <th scope="col">{move || t.get().l2.s_days}</th>
                    <th class="num" scope="col">{move || t.get().l2.s_deals}</th>
                    <th scope="col" data-export="skip">{move || t.get().l2.s_actions}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            </div>
            {move || {
                let v = problems();
                (!v.is_empty()).then(|| view! {
                    <section class="warning" data-testid="stage-problems"><h2 class="h3">{t.get().l2.s_problems}</h2>
                        <ul>{v.iter().map(|m| view! { <li>{stage_list_problem_text(m, lang.get())}</li> }).collect_view()}</ul></section>
                })
            }}
            <h2 class="h3">{move || t.get().l2.s_insert}</h2>
            <div class="toolbar">
                <label class="field"><span>{move || t.get().l2.s_code}</span>
                    <input class="input l2-code-input" data-testid="new-stage-code" prop:value=move || new_code.get() on:input=move |ev| new_code.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{move || t.get().l2.s_name}</span>
                    <input class="input" data-testid="new-stage-name" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) /></label>
                <label class="field"><span>{move || t.get().l2.s_after}</span>
                    <select class="input" data-testid="new-stage-after" on:change=move |ev| new_after.set(event_target_value(&ev))>
                        <option value="">{move || t.get().l2.s_at_start}</option>
                        {move || store.current.with(|p| p.as_ref().map(|p| p.stages.iter().map(|s| view! {
                            <option value=s.id.to_string()>{s.label(crate::state::current_lang())}</option>
                        }).collect_view()))}
                    </select></label>
                <button class="btn primary" data-testid="new-stage-insert" on:click=insert>{move || t.get().l2.s_insert_btn}</button>
            </div>
        </div>
    }
}
