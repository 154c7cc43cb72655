//! «Индивидуальный план по менеджерам»: per manager the plan in money, the projects in the
//! funnel (computed, overridable), the split by target channel and by category, with the checks
//! that the splits add up to the plan and the plans to the company plan. «Предложить» fills a
//! proposal from the company plan (`layer1::propose_manager_plans`) to review before applying.

use super::abc_of;
use crate::domain::layer1::views::plans_view;
use crate::domain::layer1::{
    propose_category_split, propose_channel_split, propose_manager_plans, PlanProposal,
};
use crate::domain::{Category, ChannelAmount, Id, ManagerPlan, Money};
use crate::i18n::fill;
use crate::i18n::format::{fmt_amount, fmt_pct, parse_number};
use crate::i18n::present::needed_count;
use crate::i18n::present::screen_money;
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

/// Writes an entered amount into a manager's plan.
type SetMoney = Box<dyn FnOnce(&mut ManagerPlan, Money)>;

fn ok_mark(ok: Option<bool>) -> &'static str {
    match ok {
        Some(true) => "✓",
        Some(false) => "✗",
        None => "—",
    }
}

#[component]
pub fn PlansTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let err = RwSignal::new(None::<String>);
    let proposal = RwSignal::new(None::<Vec<PlanProposal>>);
    // Edits a manager's plan, creating it when the manager has none.
    let edit_plan = move |m: Id, f: Box<dyn FnOnce(&mut ManagerPlan)>| {
        store.update(|p| {
            let plans = &mut p.layer1.manager_plans;
            if !plans.iter().any(|x| x.manager_id == m) {
                plans.push(ManagerPlan {
                    manager_id: m,
                    amount: Money::ZERO,
                    by_channel: vec![],
                    by_category: Default::default(),
                    projects: None,
                });
            }
            if let Some(x) = plans.iter_mut().find(|x| x.manager_id == m) {
                f(x)
            }
        })
    };
    let money_input = move |m: Id, s: String, f: SetMoney| match parse_number(&s) {
        Some(x) if x >= 0.0 => {
            err.set(None);
            edit_plan(m, Box::new(move |mp| f(mp, Money::from_f64(x))))
        }
        _ => err.set(Some(t.get_untracked().l1.bad_number.to_string())),
    };
    let apply = move |_| {
        let Some(props) = proposal.get_untracked() else {
            return;
        };
        store.update(|p| {
            for pr in &props {
                let by_channel = propose_channel_split(p, pr.manager_id, pr.amount);
                let by_category = propose_category_split(p, pr.amount).unwrap_or_default();
                let plans = &mut p.layer1.manager_plans;
                match plans.iter_mut().find(|x| x.manager_id == pr.manager_id) {
                    Some(x) => {
                        x.amount = pr.amount;
                        x.by_channel = by_channel;
                        x.by_category = by_category;
                    }
                    None => plans.push(ManagerPlan {
                        manager_id: pr.manager_id,
                        amount: pr.amount,
                        by_channel,
                        by_category,
                        projects: None,
                    }),
                }
            }
        });
        proposal.set(None);
    };
    view! {
        <p class="muted">{move || t.get().l1.plans_help}</p>
        <div class="l1-toolbar no-print">
            <button class="btn" data-testid="plans-propose" on:click=move |_| proposal.set(store.current.with_untracked(|p| p.as_ref().map(propose_manager_plans)))>
                {move || t.get().l1.propose}</button>
        </div>
        {move || proposal.get().map(|props| {
            let l = lang.get();
            view! {
                <div class="l1-proposal" data-testid="plans-proposal">
                    <p>{move || t.get().l1.proposal_help}</p>
                    {crate::components::export::table_export("tbl-plans-proposal", "plans-proposal")}
                    <div class="table-box" tabindex="0"><table id="tbl-plans-proposal" class="table">
                        <thead><tr><th>{move || t.get().l1.manager}</th><th class="num">{move || t.get().l1.base_revenue}</th><th class="num">{move || t.get().l1.proposed}</th></tr></thead>
                        <tbody>{props.iter().map(|pr| {
                            let name = store.current.with_untracked(|p| p.as_ref().and_then(|p| p.manager(pr.manager_id)).map(|m| m.name.clone()).unwrap_or_default());
                            view! { <tr data-testid="proposal-row"><td>{name}</td><td class="num">{fmt_amount(pr.base_revenue, l)}</td><td class="num">{fmt_amount(pr.amount, l)}</td></tr> }
                        }).collect_view()}</tbody>
                    </table></div>
                    <button class="btn primary" data-testid="plans-apply" on:click=apply>{move || t.get().l1.apply}</button>
                    " "<button class="btn ghost" data-testid="plans-cancel" on:click=move |_| proposal.set(None)>{move || t.get().l1.cancel}</button>
                </div>
            }
        })}
        {move || err.get().map(|e| view! { <p class="error-text" data-testid="plans-error">{e}</p> })}
        {crate::components::export::table_export("tbl-plans-table", "plans")}
        <div class="table-box" tabindex="0">
        <table id="tbl-plans-table" class="table" data-testid="plans-table">
            {move || store.current.with(|p| p.as_ref().map(|p| {
                let l = lang.get();
                let c = t.get();
                let v = plans_view(p, &abc_of(p), crate::domain::layer1::DEFAULT_TOLERANCE_PCT);
                let channels = v.channels;
                // Every money column says its unit.
                let unit = crate::i18n::format::project_unit_label(Some(p), l);
                let head = view! { <thead><tr>
                    <th>{c.l1.manager}</th><th class="num">{format!("{}, {unit}", c.l1.plan)}</th><th class="num">{c.l1.projects}</th>
                    {channels.iter().map(|(_, n)| view! { <th class="num">{format!("{n}, {unit}")}</th> }).collect_view()}
                    <th class="num">{format!("{}, {unit}", c.l1.channels_check)}</th>
                    {Category::ABC.iter().map(|k| view! { <th class="num">{format!("{}, {unit}", fill(c.l1.cat_col, &[k.letter()]))}</th> }).collect_view()}
                    <th class="num">{format!("{}, {unit}", c.l1.categories_check)}</th>
                </tr></thead> };
                let rows = v.rows.into_iter().map(|row| {
                    let mid = row.manager_id;
                    let mname = row.label.clone();
                    let check = row.check.as_ref();
                    let amount = row.amount;
                    let computed = check.and_then(|r| r.projects_computed);
                    let over = row.projects_override;
                    let cat_vals = row.by_category;
                    view! { <tr data-testid="plan-row">
                        <td>{row.label.clone()}</td>
                        <td class="num"><input class="input num" data-testid="plan-amount" aria-label=crate::i18n::cell_name(c.l1.plan, &mname) prop:value=fmt_amount(amount, l)
                            on:change=move |ev| money_input(mid, event_target_value(&ev), Box::new(|mp, x| mp.amount = x)) /></td>
                        <td class="num"><input class="input num l1-short" data-testid="plan-projects" aria-label=crate::i18n::cell_name(c.l1.projects, &mname)
                            placeholder=computed.map(|x| needed_count(x, l).0).unwrap_or_default()
                            prop:value=over.map(|n| n.to_string()).unwrap_or_default()
                            on:change=move |ev| {
                                let s = event_target_value(&ev);
                                let v = if s.trim().is_empty() { Some(None) } else { parse_number(&s).filter(|x| *x >= 0.0 && x.fract() == 0.0).map(|x| Some(x as u32)) };
                                match v { Some(v) => { err.set(None); edit_plan(mid, Box::new(move |mp| mp.projects = v)) }
                                          None => err.set(Some(t.get_untracked().l1.bad_count.to_string())) }
                            } />
                            <span class="muted small" data-testid="plan-projects-computed" title=computed.and_then(|x| needed_count(x, l).1)>{fill(c.l1.computed_short, &[&computed.map(|x| needed_count(x, l).0).unwrap_or_else(|| "—".into())])}</span>
                            {over.is_some().then(|| view! { <button class="btn ghost small" data-testid="plan-projects-reset" on:click=move |_| edit_plan(mid, Box::new(|mp| mp.projects = None))>{move || t.get().l1.reset_calc}</button> })}
                        </td>
                        {channels.iter().zip(row.by_channel.iter()).map(|((cid, cname), v)| {
                            let (cid, v) = (*cid, *v);
                            view! { <td class="num"><input class="input num" data-testid="plan-channel" aria-label=crate::i18n::cell_name(cname, &mname) prop:value=fmt_amount(v, l)
                                on:change=move |ev| money_input(mid, event_target_value(&ev), Box::new(move |mp, x| {
                                    match mp.by_channel.iter_mut().find(|c| c.channel_id == cid) {
                                        Some(c) => c.amount = x,
                                        None => mp.by_channel.push(ChannelAmount { channel_id: cid, amount: x }),
                                    }
                                })) /></td> }
                        }).collect_view()}
                        <td class="num l1-sum" data-testid="plan-channel-check">{ok_mark(check.and_then(|r| r.channel_ok))}" "{check.and_then(|r| r.channel_sum).map(|s| fmt_amount(s, l)).unwrap_or_default()}</td>
                        {Category::ABC.iter().enumerate().map(|(i, k)| {
                            let k = *k;
                            view! { <td class="num"><input class="input num" data-testid=format!("plan-cat-{}", k.letter()) aria-label=crate::i18n::cell_name(&fill(c.l1.cat_col, &[k.letter()]), &mname) prop:value=fmt_amount(cat_vals[i], l)
                                on:change=move |ev| money_input(mid, event_target_value(&ev), Box::new(move |mp, x| match k {
                                    Category::A => mp.by_category.a = x, Category::B => mp.by_category.b = x, _ => mp.by_category.c = x,
                                })) /></td> }
                        }).collect_view()}
                        <td class="num l1-sum" data-testid="plan-category-check">{ok_mark(check.and_then(|r| r.category_ok))}" "{check.and_then(|r| r.category_sum).map(|s| fmt_amount(s, l)).unwrap_or_default()}</td>
                    </tr> }
                }).collect_view();
                view! { {head}<tbody>{rows}</tbody> }
            }))}
        </table>
        </div>
        {move || store.current.with(|p| p.as_ref().map(|p| {
            let l = lang.get();
            let c = t.get();
            let v = plans_view(p, &abc_of(p), crate::domain::layer1::DEFAULT_TOLERANCE_PCT);
            let mp = v.totals;
            let u = p.company.money_unit;
            let splits_bad = mp.splits_bad();
            view! {
                <p data-testid="plans-check" class:error-text=!mp.total_ok>
                    {fill(c.l1.managers_sum, &[&screen_money(mp.total, u, l), &screen_money(mp.company_plan, u, l)])}
                    " — "{if mp.total_ok { c.l1.managers_ok.to_string() } else { fill(c.l1.managers_diff, &[&screen_money(mp.difference, u, l), &fmt_pct(mp.difference_pct, 1, l)]) }}
                </p>
                <p data-testid="plans-splits-check" class:error-text={splits_bad > 0}>
                    {if splits_bad == 0 { c.l1.splits_ok.to_string() } else { fill(c.l1.splits_bad, &[&splits_bad.to_string()]) }}
                </p>
                {(!mp.without_plan.is_empty()).then(|| view! {
                    <p class="warning" data-testid="plans-missing">{fill(c.l1.without_plan, &[&v.without_plan.join(", ")])}</p>
                })}
            }
        }))}
    }
}
