//! Tab «Сделка» (`#/l4/deal?deal=<id>`): the deal's confirmed needs of the ЛФР (2.1), its
//! decision criteria with owner and matching advantage (2.2), and its ТЭО (2.3).

use super::teo::{fmt_signed, fmt_years};
use super::{confirm, use_deal, DealPicker};
use crate::domain::{layer4, new_id, Deal, DealCriterion, DealNeed, Id, Role};
use crate::i18n::fill;
use crate::i18n::format::{fmt_date, parse_date};
use crate::state::route::{L4Tab, Place};
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

#[component]
pub fn DealTab() -> impl IntoView {
    let t = use_i18n();
    let deal = use_deal();
    view! {
        <div data-testid="l4-deal-tab">
            <DealPicker tab=L4Tab::Deal />
            {move || match deal.get() {
                Some(id) => view! { <DealTools id=id /> }.into_any(),
                None => view! { <p class="empty-state">{t.get().l4.pick_deal}</p> }.into_any(),
            }}
        </div>
    }
}

fn upd_deal(id: Id, f: impl FnOnce(&mut Deal)) {
    use_store().update(|p| {
        if let Some(d) = p.deal_mut(id) {
            f(d)
        }
    })
}

#[component]
fn DealTools(id: Id) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let view_of = move || {
        store
            .current
            .with(|p| p.as_ref().and_then(|p| layer4::deal_view(p, id)))
    };
    view! {
        {move || view_of().map(|v| {
            let l4 = t.get().l4;
            let status = |n: usize, met: bool| if met { format!("✓ {n} / 3+") } else { format!("⚠ {n} / 3+") };
            let nc = status(v.need_count, v.needs_met());
            let cc = status(v.criteria_count, v.criteria_met());
            let ind = v.teo;
            let lang_now = crate::state::current_lang();
            let contacts: Vec<(Id, String)> = v.contacts.iter().map(|c| {
                let roles: Vec<&str> = c.roles.iter().map(|r| r.abbr_in(lang_now)).collect();
                (c.id, format!("{} ({})", c.name, roles.join(", ")))
            }).collect();
            let needs = v.needs;
            let advantages = v.advantages;
            let d = v.deal;
            view! {
                <section class="l4-deal-section">
                    <h2>{l4.deal_needs}" "<span class="l4-count" data-testid="l4-need-count">{nc}</span></h2>
                    {crate::components::export::table_export("tbl-l4-deal-needs", "deal-needs")}
                    <div class="table-box" tabindex="0"><table id="tbl-l4-deal-needs" class="table" data-testid="l4-deal-needs">
                        <thead><tr><th>{l4.col_need}</th><th>{l4.col_matrix_need}</th><th>{l4.col_confirmed_by}</th><th>{l4.col_date}</th><crate::components::a11y::ActionsTh /></tr></thead>
                        <tbody>
                        {d.needs.iter().map(|n| {
                            let nid = n.id;
                            let text = n.text.clone();
                            let date_err = RwSignal::new(false);
                            let linked = n.need_id;
                            let by = n.confirmed_by;
                            view! { <tr>
                                <td><input class="input" prop:value=n.text.clone() aria-label=l4.col_need data-testid="l4-deal-need-text"
                                    on:change=move |ev| { let v = event_target_value(&ev); upd_deal(id, |d| if let Some(n) = d.needs.iter_mut().find(|n| n.id == nid) { n.text = v }) } /></td>
                                <td><select class="input" aria-label=l4.col_matrix_need on:change=move |ev| { let v = event_target_value(&ev).parse::<Id>().ok(); upd_deal(id, |d| if let Some(n) = d.needs.iter_mut().find(|n| n.id == nid) { n.need_id = v }) }>
                                    <option value="" selected=linked.is_none()>"—"</option>
                                    {needs.iter().map(|n| view! { <option value=n.id.to_string() selected=linked == Some(n.id)>{n.text.clone()}</option> }).collect_view()}
                                </select></td>
                                <td><select class="input" aria-label=l4.col_confirmed_by on:change=move |ev| { let v = event_target_value(&ev).parse::<Id>().ok(); upd_deal(id, |d| if let Some(n) = d.needs.iter_mut().find(|n| n.id == nid) { n.confirmed_by = v }) }>
                                    <option value="" selected=by.is_none()>"—"</option>
                                    {contacts.iter().cloned().map(|(k, s)| view! { <option value=k.to_string() selected=by == Some(k)>{s}</option> }).collect_view()}
                                </select></td>
                                <td><input class="input" placeholder=move || crate::i18n::format::date_placeholder(crate::state::current_lang()) prop:value=n.date.map(fmt_date).unwrap_or_default() aria-label=l4.col_date
                                    on:change=move |ev| { let raw = event_target_value(&ev); let v = parse_date(&raw); if v.is_none() && !raw.trim().is_empty() { date_err.set(true) } else { date_err.set(false); upd_deal(id, |d| if let Some(n) = d.needs.iter_mut().find(|n| n.id == nid) { n.date = v }) } } />
                                    {move || date_err.get().then(|| view! { <span class="error-text" role="alert">{t.get().l4.err_date}</span> })}</td>
                                <td><button class="btn ghost" aria-label=l4.delete on:click=move |_| if confirm(&fill(t.get_untracked().l4.delete_confirm, &[&text])) { upd_deal(id, |d| d.needs.retain(|n| n.id != nid)) }>"✕"</button></td>
                            </tr> }
                        }).collect_view()}
                        </tbody>
                    </table></div>
                    <button class="btn" data-testid="l4-add-deal-need" on:click=move |_| upd_deal(id, |d| d.needs.push(DealNeed { id: new_id(), need_id: None, text: String::new(), confirmed_by: None, date: None }))>{l4.add_need}</button>

                    <h2>{l4.deal_criteria}" "<span class="l4-count" data-testid="l4-crit-count">{cc}</span></h2>
                    {crate::components::export::table_export("tbl-l4-deal-criteria", "deal-criteria")}
                    <div class="table-box" tabindex="0"><table id="tbl-l4-deal-criteria" class="table" data-testid="l4-deal-criteria">
                        <thead><tr><th>{l4.col_criterion}</th><th>{l4.col_owner}</th><th>{l4.col_match}</th><th>{l4.col_influenced}</th><crate::components::a11y::ActionsTh /></tr></thead>
                        <tbody>
                        {d.criteria.iter().map(|c| {
                            let cid = c.id;
                            let text = c.text.clone();
                            let adv = c.advantage_id;
                            let owner = c.owner;
                            view! { <tr>
                                <td><input class="input" prop:value=c.text.clone() aria-label=l4.col_criterion
                                    on:change=move |ev| { let v = event_target_value(&ev); upd_deal(id, |d| if let Some(c) = d.criteria.iter_mut().find(|c| c.id == cid) { c.text = v }) } /></td>
                                <td><select class="input" aria-label=l4.col_owner on:change=move |ev| { let r = if event_target_value(&ev) == "LPR" { Role::Lpr } else { Role::Lfr }; upd_deal(id, |d| if let Some(c) = d.criteria.iter_mut().find(|c| c.id == cid) { c.owner = r }) }>
                                    <option value="LFR" selected=owner == Role::Lfr>{Role::Lfr.abbr_in(crate::state::current_lang())}</option>
                                    <option value="LPR" selected=owner == Role::Lpr>{Role::Lpr.abbr_in(crate::state::current_lang())}</option>
                                </select></td>
                                <td><select class="input" aria-label=l4.col_match on:change=move |ev| { let v = event_target_value(&ev).parse::<Id>().ok(); upd_deal(id, |d| if let Some(c) = d.criteria.iter_mut().find(|c| c.id == cid) { c.advantage_id = v }) }>
                                    <option value="" selected=adv.is_none()>{l4.no_match}</option>
                                    {advantages.iter().map(|a| view! { <option value=a.id.to_string() selected=adv == Some(a.id)>{a.text.clone()}</option> }).collect_view()}
                                </select></td>
                                <td><input type="checkbox" prop:checked=c.influenced aria-label=l4.col_influenced
                                    on:change=move |ev| { let v = event_target_checked(&ev); upd_deal(id, |d| if let Some(c) = d.criteria.iter_mut().find(|c| c.id == cid) { c.influenced = v }) } /></td>
                                <td><button class="btn ghost" aria-label=l4.delete on:click=move |_| if confirm(&fill(t.get_untracked().l4.delete_confirm, &[&text])) { upd_deal(id, |d| d.criteria.retain(|c| c.id != cid)) }>"✕"</button></td>
                            </tr> }
                        }).collect_view()}
                        </tbody>
                    </table></div>
                    <button class="btn" data-testid="l4-add-criterion" on:click=move |_| upd_deal(id, |d| d.criteria.push(DealCriterion { id: new_id(), text: String::new(), owner: Role::Lfr, weight: None, advantage_id: None, influenced: false }))>{l4.add_criterion}</button>

                    <h2>{l4.kp_terms}</h2>
                    <div class="form-grid" data-testid="l4-kp-terms">
                        <label class="field"><span>{l4.term_delivery}</span>
                            <input class="input" prop:value=d.proposal.delivery.clone() on:change=move |ev| { let v = event_target_value(&ev); upd_deal(id, |d| d.proposal.delivery = v) } /></label>
                        <label class="field"><span>{l4.term_payment}</span>
                            <input class="input" prop:value=d.proposal.payment.clone() on:change=move |ev| { let v = event_target_value(&ev); upd_deal(id, |d| d.proposal.payment = v) } /></label>
                        <label class="field"><span>{l4.term_warranty}</span>
                            <input class="input" prop:value=d.proposal.warranty.clone() on:change=move |ev| { let v = event_target_value(&ev); upd_deal(id, |d| d.proposal.warranty = v) } /></label>
                        <label class="field"><span>{l4.term_next_step}</span>
                            <input class="input" data-testid="l4-next-step" prop:value=d.next_step.clone() on:change=move |ev| { let v = event_target_value(&ev); upd_deal(id, |d| d.next_step = v) } /></label>
                    </div>

                    <h2>{l4.deal_teo}</h2>
                    {match ind {
                        Some(ind) => view! { <p data-testid="l4-deal-teo">{fill(l4.teo_summary, &[&fmt_years(ind.payback_years, lang.get()), &fmt_signed(ind.npv, lang.get())])}</p> }.into_any(),
                        None => view! { <p class="muted" data-testid="l4-deal-teo">{l4.no_teo}</p> }.into_any(),
                    }}
                    <p>
                        <a class="btn" href=Place::L4(L4Tab::Teo).href(&[("deal", &id.to_string())])>{l4.open_teo}</a>" "
                        <a class="btn" href=Place::L4(L4Tab::Docs).href(&[("deal", &id.to_string()), ("doc", "kp")])>{l4.open_kp}</a>
                    </p>
                </section>
            }
        })}
    }
}
