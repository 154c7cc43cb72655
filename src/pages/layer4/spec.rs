//! The КП specification of a deal on the «Документы» tab: lines (item, qty, unit price), the
//! VAT rate and the totals. Amounts and totals come from [`documents::line_amount`] and
//! [`documents::proposal_totals`]; a bad value is kept out of the data and shown with a Russian
//! message next to it.

use crate::domain::documents;
use crate::domain::{Id, Money, Proposal, SpecLine};
use crate::i18n::fill;
use crate::i18n::format::{fmt_amount, fmt_money, fmt_num, fmt_pct, parse_number, unit_label};
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

/// A field of a line, for its error message.
#[derive(Clone, Copy, PartialEq)]
enum Col {
    Qty,
    Price,
}

/// Parses a non-negative number; the error is the Russian (or English) message.
fn parse_amount(s: &str, err_number: &str, err_negative: &str) -> Result<f64, String> {
    match parse_number(s) {
        None => Err(fill(err_number, &[s.trim()])),
        Some(x) if x < 0.0 => Err(err_negative.to_string()),
        Some(x) => Ok(x),
    }
}

fn update(deal: Id, f: impl FnOnce(&mut Proposal)) {
    use_store().update(|p| {
        if let Some(d) = p.deal_mut(deal) {
            f(&mut d.proposal)
        }
    })
}

#[component]
pub(super) fn SpecEditor(deal: Id) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let errors: RwSignal<Vec<(usize, Col, String)>> = RwSignal::new(vec![]);
    let vat_error = RwSignal::new(None::<String>);
    let data = Memo::new(move |_| {
        store.current.with(|p| {
            let p = p.as_ref()?;
            let d = p.deal(deal)?;
            Some((d.proposal.clone(), p.company.money_unit))
        })
    });
    let error_of = move |i: usize, c: Col| {
        errors.with(|e| {
            e.iter()
                .find(|(j, k, _)| *j == i && *k == c)
                .map(|x| x.2.clone())
        })
    };
    let set_error = move |i: usize, c: Col, e: Option<String>| {
        errors.update(|v| {
            v.retain(|(j, k, _)| !(*j == i && *k == c));
            if let Some(e) = e {
                v.push((i, c, e));
            }
        })
    };
    let rows = move || {
        let l4 = t.get().l4;
        let lg = lang.get();
        let Some((pr, _)) = data.get() else {
            return ().into_any();
        };
        if pr.lines.is_empty() {
            return view! { <tr><td colspan="5" class="muted">{l4.spec_empty}</td></tr> }
                .into_any();
        }
        pr.lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let name = l.name.clone();
                let qty = fmt_num(l.qty, if l.qty.fract() == 0.0 { 0 } else { 3 }, lg);
                let price = fmt_amount(l.unit_price, lg);
                let amount = fmt_amount(documents::line_amount(l.qty, l.unit_price), lg);
                let on_qty = move |ev: leptos::ev::Event| {
                    let l4 = t.get_untracked().l4;
                    match parse_amount(&event_target_value(&ev), l4.spec_err_number, l4.err_negative) {
                        Ok(q) => {
                            set_error(i, Col::Qty, None);
                            update(deal, |p| {
                                if let Some(x) = p.lines.get_mut(i) {
                                    x.qty = q
                                }
                            });
                        }
                        Err(e) => set_error(i, Col::Qty, Some(e)),
                    }
                };
                let on_price = move |ev: leptos::ev::Event| {
                    let l4 = t.get_untracked().l4;
                    match parse_amount(&event_target_value(&ev), l4.spec_err_number, l4.err_negative) {
                        Ok(v) => {
                            set_error(i, Col::Price, None);
                            update(deal, |p| {
                                if let Some(x) = p.lines.get_mut(i) {
                                    x.unit_price = Money::from_f64(v)
                                }
                            });
                        }
                        Err(e) => set_error(i, Col::Price, Some(e)),
                    }
                };
                let remove_name = name.clone();
                let remove = move |_| {
                    let msg = fill(t.get_untracked().l4.spec_remove_confirm, &[&remove_name]);
                    if super::confirm(&msg) {
                        errors.set(vec![]);
                        update(deal, |p| {
                            if i < p.lines.len() {
                                p.lines.remove(i);
                            }
                        });
                    }
                };
                view! {
                    <tr data-testid=format!("l4-spec-line-{i}")>
                        <td><input class="input" aria-label=l4.spec_name data-testid="l4-spec-name" prop:value=name
                            on:change=move |ev| { let v = event_target_value(&ev); update(deal, |p| if let Some(x) = p.lines.get_mut(i) { x.name = v }) } /></td>
                        <td class="num">
                            <input class="input num" inputmode="decimal" aria-label=l4.spec_qty data-testid="l4-spec-qty" prop:value=qty on:change=on_qty />
                            {move || error_of(i, Col::Qty).map(|e| view! { <span class="error-text" role="alert">{e}</span> })}
                        </td>
                        <td class="num">
                            <input class="input num" inputmode="decimal" aria-label=l4.spec_price data-testid="l4-spec-price" prop:value=price on:change=on_price />
                            {move || error_of(i, Col::Price).map(|e| view! { <span class="error-text" role="alert">{e}</span> })}
                        </td>
                        <td class="num" data-testid="l4-spec-amount">{amount}</td>
                        <td><button class="btn ghost" aria-label=l4.delete data-testid="l4-spec-remove" on:click=remove>"✕"</button></td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    let totals = move || {
        let l4 = t.get().l4;
        let lg = lang.get();
        data.get().map(|(pr, unit)| {
            let tot = documents::proposal_totals(&pr);
            let vat_label = fill(l4.spec_vat_total, &[&fmt_pct(pr.vat_pct, 0, lg)]);
            view! {
                <dl class="l4-spec-totals" data-testid="l4-spec-totals">
                    <dt>{l4.spec_net}</dt><dd class="num" data-testid="l4-spec-net">{fmt_money(tot.net, unit, lg)}</dd>
                    <dt>{vat_label}</dt><dd class="num" data-testid="l4-spec-vat-total">{tot.vat.map(|v| fmt_money(v, unit, lg)).unwrap_or_else(|| "—".into())}</dd>
                    <dt>{l4.spec_gross}</dt><dd class="num" data-testid="l4-spec-gross">{fmt_money(tot.gross, unit, lg)}</dd>
                </dl>
            }
        })
    };
    let unit = move || {
        data.with(|d| {
            d.as_ref()
                .map(|(_, u)| unit_label(*u, lang.get()))
                .unwrap_or_default()
        })
    };
    let vat_value = move || {
        data.with(|d| {
            d.as_ref()
                .and_then(|(pr, _)| pr.vat_pct)
                .map(|v| fmt_num(v, if v.fract() == 0.0 { 0 } else { 2 }, lang.get()))
                .unwrap_or_default()
        })
    };
    let on_vat = move |ev: leptos::ev::Event| {
        let s = event_target_value(&ev);
        if s.trim().is_empty() {
            vat_error.set(None);
            update(deal, |p| p.vat_pct = None);
            return;
        }
        match parse_number(&s).filter(|v| (0.0..=100.0).contains(v)) {
            Some(v) => {
                vat_error.set(None);
                update(deal, |p| p.vat_pct = Some(v));
            }
            None => vat_error.set(Some(t.get_untracked().l4.err_vat.to_string())),
        }
    };
    let add = move |_| {
        let name = t.get_untracked().l4.spec_new_line.to_string();
        update(deal, |p| {
            p.lines.push(SpecLine {
                name,
                qty: 1.0,
                unit_price: Money::ZERO,
            })
        })
    };
    view! {
        <section class="no-print l4-spec" data-testid="l4-spec">
            <h2>{move || t.get().l4.spec_title}</h2>
            <p class="muted">{move || fill(t.get().l4.spec_hint, &[unit()])}</p>
            {crate::components::export::table_export("tbl-l4-spec", "specification")}
            <div class="table-box" tabindex="0"><table id="tbl-l4-spec" class="table l4-spec-table">
                <thead><tr>
                    <th scope="col">{move || t.get().l4.spec_name}</th>
                    <th class="num" scope="col">{move || t.get().l4.spec_qty}</th>
                    <th class="num" scope="col">{move || fill(t.get().l4.spec_price, &[unit()])}</th>
                    <th class="num" scope="col">{move || fill(t.get().l4.spec_amount, &[unit()])}</th>
                    <crate::components::a11y::ActionsTh />
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></div>
            <button class="btn" data-testid="l4-spec-add" on:click=add>{move || t.get().l4.spec_add}</button>
            <label class="field l4-spec-vat">
                <span>{move || t.get().l4.spec_vat}</span>
                <input class="input num" inputmode="decimal" data-testid="l4-spec-vat" prop:value=vat_value on:change=on_vat />
                {move || vat_error.get().map(|e| view! { <span class="error-text" role="alert" data-testid="l4-spec-vat-error">{e}</span> })}
            </label>
            {totals}
        </section>
    }
}
