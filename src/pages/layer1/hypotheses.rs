//! «Разработка гипотез целевых рынков»: segment × channel × region, market volume, expected
//! share, rationale and status; totals of the confirmed ones from `domain::layer1`.

use super::{dim_items, options, parse_id};
use crate::domain::layer1::hypotheses_summary;
use crate::domain::{new_id, Hypothesis, HypothesisStatus, Id, Money};
use crate::i18n::fill;
use crate::i18n::format::{fmt_amount, fmt_num, parse_number};
use crate::i18n::present::screen_money;
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

const STATUSES: [(HypothesisStatus, &str); 3] = [
    (HypothesisStatus::ToCheck, "to_check"),
    (HypothesisStatus::Confirmed, "confirmed"),
    (HypothesisStatus::Rejected, "rejected"),
];

fn status_of(s: &str) -> Option<HypothesisStatus> {
    STATUSES.iter().find(|(_, k)| *k == s).map(|(st, _)| *st)
}

#[component]
pub fn HypothesesTab() -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let error = RwSignal::new(None::<String>);
    let status_filter = RwSignal::new(None::<HypothesisStatus>);
    let status_label = move |s: HypothesisStatus| {
        let c = t.get();
        match s {
            HypothesisStatus::ToCheck => c.l1.h_to_check,
            HypothesisStatus::Confirmed => c.l1.h_confirmed,
            HypothesisStatus::Rejected => c.l1.h_rejected,
        }
    };
    let edit = move |id: Id, f: Box<dyn FnOnce(&mut Hypothesis)>| {
        store.update(|p| {
            if let Some(h) = p.layer1.hypotheses.iter_mut().find(|h| h.id == id) {
                f(h)
            }
        })
    };
    let set_num = move |id: Id, s: String, share: bool| {
        let v = if s.trim().is_empty() {
            Some(None)
        } else {
            parse_number(&s).map(Some)
        };
        match v {
            Some(v) => {
                error.set(None);
                edit(
                    id,
                    Box::new(move |h| {
                        if share {
                            h.expected_share = v
                        } else {
                            h.market_volume = v.map(Money::from_f64)
                        }
                    }),
                )
            }
            None => error.set(Some(t.get_untracked().l1.bad_number.to_string())),
        }
    };
    let rows = Memo::new(move |_| {
        let f = status_filter.get();
        store.current.with(|p| {
            p.as_ref()
                .map(|p| crate::domain::layer1::views::hypotheses(p, f))
                .unwrap_or_default()
        })
    });
    view! {
        <p class="muted">{move || t.get().l1.h_help}</p>
        <div class="l1-toolbar no-print">
            <label class="l1-inline">{move || t.get().l1.h_status}
                <select class="input" data-testid="h-filter" on:change=move |ev| status_filter.set(status_of(&event_target_value(&ev)))>
                    <option value="">{move || t.get().l1.all}</option>
                    {STATUSES.iter().map(|(s, k)| { let s = *s; view! { <option value=*k>{move || status_label(s)}</option> } }).collect_view()}
                </select></label>
            <button class="btn primary" data-testid="h-add" on:click=move |_| {
                status_filter.set(None);
                store.update(|p| p.layer1.hypotheses.push(Hypothesis {
                    id: new_id(), segment: t.get_untracked().l1.h_new.to_string(), channel_id: None, region_id: None,
                    market_volume: None, expected_share: None, rationale: String::new(), status: HypothesisStatus::ToCheck,
                }))
            }>{move || t.get().l1.h_add}</button>
        </div>
        {move || error.get().map(|e| view! { <p class="error-text" data-testid="h-error">{e}</p> })}
        {crate::components::export::table_export("tbl-h-table", "hypotheses")}
        <div class="table-box" tabindex="0">
        <table id="tbl-h-table" class="table" data-testid="h-table">
            <thead><tr><th>{move || t.get().l1.h_segment}</th><th>{move || t.get().l1.channel}</th><th>{move || t.get().l1.region}</th>
                <th class="num">{move || t.get().l1.h_volume}</th><th class="num">{move || t.get().l1.h_share}</th>
                <th>{move || t.get().l1.h_rationale}</th><th>{move || t.get().l1.h_status}</th><crate::components::a11y::ActionsTh /></tr></thead>
            <tbody>
                {move || {
                    let l = lang.get();
                    let (ch, rg) = store.current.with(|p| p.as_ref().map(|p| (dim_items(&p.channels), dim_items(&p.regions))).unwrap_or_default());
                    rows.get().into_iter().map(|h| {
                        let id = h.id;
                        let seg = h.segment.clone();
                        let st = h.status;
                        view! { <tr data-testid="h-row">
                            <td><textarea class="input l1-wide" data-testid="h-segment" aria-label=crate::i18n::cell_name(t.get().l1.h_segment, &seg) prop:value=h.segment.clone()
                                on:change=move |ev| { let v = event_target_value(&ev); edit(id, Box::new(move |h| h.segment = v.trim().to_string())) }></textarea></td>
                            <td><select class="input" data-testid="h-channel" aria-label=crate::i18n::cell_name(t.get().l1.channel, &seg) on:change=move |ev| { let v = parse_id(&event_target_value(&ev)); edit(id, Box::new(move |h| h.channel_id = v)) }>
                                {options(ch.clone(), h.channel_id, "—")}</select></td>
                            <td><select class="input" data-testid="h-region" aria-label=crate::i18n::cell_name(t.get().l1.region, &seg) on:change=move |ev| { let v = parse_id(&event_target_value(&ev)); edit(id, Box::new(move |h| h.region_id = v)) }>
                                {options(rg.clone(), h.region_id, "—")}</select></td>
                            <td class="num"><input class="input num" data-testid="h-volume" aria-label=crate::i18n::cell_name(t.get().l1.h_volume, &seg) prop:value=h.market_volume.map(|m| fmt_amount(m, l)).unwrap_or_default()
                                on:change=move |ev| set_num(id, event_target_value(&ev), false) /></td>
                            <td class="num"><input class="input num l1-short" data-testid="h-share" aria-label=crate::i18n::cell_name(t.get().l1.h_share, &seg) prop:value=h.expected_share.map(|x| fmt_num(x, 1, l)).unwrap_or_default()
                                on:change=move |ev| set_num(id, event_target_value(&ev), true) />" %"</td>
                            <td><textarea class="input l1-wide" data-testid="h-rationale" aria-label=crate::i18n::cell_name(t.get().l1.h_rationale, &seg) prop:value=h.rationale.clone()
                                on:change=move |ev| { let v = event_target_value(&ev); edit(id, Box::new(move |h| h.rationale = v.trim().to_string())) }></textarea></td>
                            <td><select class="input" data-testid="h-status" aria-label=crate::i18n::cell_name(t.get().l1.h_status, &seg) on:change=move |ev| { if let Some(s) = status_of(&event_target_value(&ev)) { edit(id, Box::new(move |h| h.status = s)) } }>
                                {STATUSES.iter().map(|(s, k)| { let s = *s; view! { <option value=*k selected=st == s>{move || status_label(s)}</option> } }).collect_view()}
                            </select>
                            <span class="l1-mark" aria-hidden="true">{match st { HypothesisStatus::Confirmed => " ✓", HypothesisStatus::Rejected => " ✗", HypothesisStatus::ToCheck => " ?" }}</span></td>
                            <td><button class="btn ghost" data-testid="h-delete" on:click=move |_| {
                                if window().confirm_with_message(&fill(t.get_untracked().l1.h_confirm_delete, &[&seg])).unwrap_or(false) {
                                    store.update(|p| p.layer1.hypotheses.retain(|h| h.id != id))
                                }
                            }>{move || t.get().l1.delete}</button></td>
                        </tr> }
                    }).collect_view()
                }}
            </tbody>
        </table>
        </div>
        {move || rows.with(|r| r.is_empty()).then(|| view! { <p class="empty-state">{move || t.get().l1.h_empty}</p> })}
        <p data-testid="h-totals">{move || store.current.with(|p| p.as_ref().map(|p| {
            let l = lang.get();
            let u = p.company.money_unit;
            let s = hypotheses_summary(p);
            fill(t.get().l1.h_totals, &[&s.counts[0].to_string(), &s.counts[1].to_string(), &s.counts[2].to_string(),
                &screen_money(s.confirmed_volume, u, l), &screen_money(s.confirmed_expected_sales, u, l)])
        }))}</p>
    }
}
