//! Tab «ТЭО»: the ТЭО calculator for the ЛПР (docs/METHOD.md §5.2). With `?deal=` it edits the
//! deal's ТЭО; without, a scratch calculation that is not saved. Every figure comes from
//! [`teo::indicators`] and [`teo::sensitivity`].

use super::{use_deal, DealPicker};
use crate::components::a11y::TermHint;
use crate::domain::teo::{self, Driver, TeoIndicators, TeoInputs};
use crate::domain::{Money, MoneyLine, MoneyUnit, Teo};
use crate::i18n::format::{fmt_amount, fmt_num, fmt_pct, parse_number, project_unit, unit_label};
use crate::i18n::glossary::Term;
use crate::i18n::present::screen_money;
use crate::i18n::present::with_unit;
use crate::i18n::{fill, Lang};
use crate::state::route::L4Tab;
use crate::state::store::use_store;
use crate::state::{use_i18n, use_lang};
use leptos::prelude::*;

/// A new ТЭО: empty lines, the default horizon and rate.
pub(crate) fn blank_teo(l4: &crate::i18n::L4) -> Teo {
    Teo {
        investment: vec![MoneyLine {
            name: l4.line_equipment.into(),
            amount: Money::ZERO,
        }],
        savings: vec![MoneyLine {
            name: l4.line_energy.into(),
            amount: Money::ZERO,
        }],
        ..teo::empty_teo()
    }
}

/// Years with two decimals (`2,98`), or a dash.
pub(crate) fn fmt_years(y: Option<f64>, lang: Lang) -> String {
    y.map(|y| fmt_num(y, 2, lang)).unwrap_or_else(|| "—".into())
}

/// Money in whole units with an explicit plus for a positive value (NPV: `+8 071`).
pub(crate) fn fmt_signed(m: Money, lang: Lang) -> String {
    let s = fmt_num(m.as_f64(), 0, lang);
    if m.0 > 0 {
        format!("+{s}")
    } else {
        s
    }
}

#[component]
pub fn CalculatorTab() -> impl IntoView {
    let t = use_i18n();
    let store = use_store();
    let deal = use_deal();
    let scratch = RwSignal::new(blank_teo(&t.get_untracked().l4));
    let current = Signal::derive(move || match deal.get() {
        Some(id) => store.current.with(|p| {
            p.as_ref()
                .and_then(|p| p.deal(id))
                .and_then(|d| d.teo.clone())
        }),
        None => Some(scratch.get()),
    });
    let set = Callback::new(move |teo: Teo| match deal.get_untracked() {
        Some(id) => store.update(|p| {
            if let Some(d) = p.deal_mut(id) {
                d.teo = Some(teo)
            }
        }),
        None => scratch.set(teo),
    });
    view! {
        <div data-testid="l4-teo-tab">
            <DealPicker tab=L4Tab::Teo />
            <p class="muted">{move || if deal.get().is_some() { t.get().l4.teo_of_deal } else { t.get().l4.teo_scratch }}</p>
            {move || match current.get() {
                Some(_) => view! { <TeoEditor teo=current set=set /> }.into_any(),
                None => view! {
                    <p class="empty-state">{t.get().l4.no_teo}" "
                        <button class="btn primary" data-testid="l4-create-teo" on:click=move |_| set.run(blank_teo(&t.get_untracked().l4))>{t.get().l4.create_teo}</button>
                    </p>
                }.into_any(),
            }}
        </div>
    }
}

/// Which list of a ТЭО a line editor edits.
#[derive(Clone, Copy, PartialEq)]
enum Lines {
    Investment,
    Savings,
    Opex,
    AltOpex,
}

fn lines_mut(t: &mut Teo, which: Lines) -> &mut Vec<MoneyLine> {
    match which {
        Lines::Investment => &mut t.investment,
        Lines::Savings => &mut t.savings,
        Lines::Opex => &mut t.opex,
        Lines::AltOpex => &mut t.alternative_opex,
    }
}

/// Inputs and indicators of one ТЭО.
#[component]
pub fn TeoEditor(teo: Signal<Option<Teo>>, set: Callback<Teo>) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let store = use_store();
    let unit = move || store.current.with(|p| project_unit(p.as_ref()));
    let edit = move |f: Box<dyn FnOnce(&mut Teo)>| {
        if let Some(mut x) = teo.get_untracked() {
            f(&mut x);
            set.run(x);
        }
    };
    let horizon_err = RwSignal::new(false);
    let rate_err = RwSignal::new(false);
    let inputs = Memo::new(move |_| teo.get().map(|x| TeoInputs::from_teo(&x)));
    view! {
        <div class="l4-teo-inputs">
            <LineList which=Lines::Investment title=Signal::derive(move || t.get().l4.teo_investment) teo=teo edit=edit />
            <LineList which=Lines::Savings title=Signal::derive(move || t.get().l4.teo_savings) teo=teo edit=edit />
            <LineList which=Lines::Opex title=Signal::derive(move || t.get().l4.teo_opex) teo=teo edit=edit />
            <LineList which=Lines::AltOpex title=Signal::derive(move || t.get().l4.teo_alt_opex) teo=teo edit=edit />
            <div class="form-grid">
                <label class="field"><span>{move || t.get().l4.teo_salvage}</span>
                    <input class="input num" data-testid="teo-salvage" prop:value=move || teo.get().map(|x| fmt_amount(x.salvage, lang.get())).unwrap_or_default()
                        on:change=move |ev| if let Some(v) = parse_number(&event_target_value(&ev)) { edit(Box::new(move |x| x.salvage = Money::from_f64(v))) } />
                </label>
                <label class="field"><span>{move || t.get().l4.teo_horizon}</span>
                    <input class="input num" data-testid="teo-horizon" prop:value=move || teo.get().map(|x| x.horizon_years.to_string()).unwrap_or_default()
                        on:change=move |ev| { match event_target_value(&ev).trim().parse::<u32>() {
                            Ok(n) if (1..=teo::MAX_YEARS).contains(&n) => { horizon_err.set(false); edit(Box::new(move |x| x.horizon_years = n)) }
                            _ => horizon_err.set(true),
                        } } />
                    {move || horizon_err.get().then(|| view! { <span class="error-text" role="alert">{fill(t.get().l4.err_years, &[&teo::MAX_YEARS.to_string()])}</span> })}
                </label>
                <label class="field"><span>{move || t.get().l4.teo_rate}</span>
                    <input class="input num" data-testid="teo-rate" prop:value=move || teo.get().map(|x| fmt_num(x.discount_rate, 1, lang.get())).unwrap_or_default()
                        on:change=move |ev| { match parse_number(&event_target_value(&ev)) {
                            Some(v) if v > -99.0 && v < 1000.0 => { rate_err.set(false); edit(Box::new(move |x| x.discount_rate = v)) }
                            _ => rate_err.set(true),
                        } } />
                    {move || rate_err.get().then(|| view! { <span class="error-text" role="alert">{t.get().l4.err_rate}</span> })}
                </label>
            </div>
        </div>
        {move || inputs.get().map(|inp| {
            let ind = teo::indicators(&inp);
            view! { <Indicators ind=ind unit=unit() /> <CashFlow inputs=inp unit=unit() /> <Sensitivity inputs=inp unit=unit() /> }
        })}
    }
}

#[component]
fn LineList(
    which: Lines,
    title: Signal<&'static str>,
    teo: Signal<Option<Teo>>,
    edit: impl Fn(Box<dyn FnOnce(&mut Teo)>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let slug = match which {
        Lines::Investment => "inv",
        Lines::Savings => "sav",
        Lines::Opex => "opex",
        Lines::AltOpex => "alt",
    };
    view! {
        <fieldset class="l4-lines" data-testid=format!("teo-{slug}")>
            <legend>{move || title.get()}</legend>
            {move || {
                let lines = teo.get().map(|mut x| lines_mut(&mut x, which).clone()).unwrap_or_default();
                lines.into_iter().enumerate().map(|(i, l)| {
                    let err = RwSignal::new(false);
                    view! {
                        <div class="l4-line">
                            <input class="input" prop:value=l.name.clone() aria-label=move || t.get().l4.col_item data-testid=format!("teo-{slug}-name-{i}")
                                on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |x| if let Some(l) = lines_mut(x, which).get_mut(i) { l.name = v })) } />
                            <input class="input num" prop:value=fmt_amount(l.amount, lang.get_untracked()) aria-label=move || t.get().l4.col_amount data-testid=format!("teo-{slug}-amount-{i}")
                                on:change=move |ev| { match parse_number(&event_target_value(&ev)) {
                                    Some(v) => { err.set(false); edit(Box::new(move |x| if let Some(l) = lines_mut(x, which).get_mut(i) { l.amount = Money::from_f64(v) })) }
                                    None => err.set(true),
                                } } />
                            <button class="btn ghost" aria-label=move || t.get().l4.delete on:click=move |_| edit(Box::new(move |x| { let v = lines_mut(x, which); if i < v.len() { v.remove(i); } }))>"✕"</button>
                            {move || err.get().then(|| view! { <span class="error-text" role="alert">{t.get().l4.err_number}</span> })}
                        </div>
                    }
                }).collect_view()
            }}
            <button class="btn" data-testid=format!("teo-{slug}-add") on:click=move |_| edit(Box::new(move |x| lines_mut(x, which).push(MoneyLine { name: String::new(), amount: Money::ZERO })))>{move || t.get().l4.add_line}</button>
        </fieldset>
    }
}

#[component]
fn Indicators(ind: TeoIndicators, unit: MoneyUnit) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    move || {
        let l4 = t.get().l4;
        let lg = lang.get();
        let money = |m: Money| screen_money(m, unit, lg);
        let rows: Vec<(&str, &str, String)> = vec![
            ("investment", l4.ind_investment, money(ind.investment)),
            ("savings", l4.ind_savings, money(ind.annual_savings)),
            ("payback", l4.ind_payback, fmt_years(ind.payback_years, lg)),
            (
                "dpp",
                l4.ind_dpp,
                fmt_years(ind.discounted_payback_years, lg),
            ),
            (
                "npv",
                l4.ind_npv,
                format!(
                    "{}\u{a0}{}",
                    fmt_signed(ind.npv, lg),
                    crate::i18n::format::unit_label(unit, lg)
                ),
            ),
            ("roi", l4.ind_roi, fmt_pct(ind.roi_pct, 0, lg)),
            (
                "irr",
                l4.ind_irr,
                ind.irr_pct
                    .map(|x| fmt_pct(Some(x), 1, lg))
                    .unwrap_or_else(|| l4.no_irr.into()),
            ),
            ("classic", l4.ind_classic, money(ind.classic_effect)),
        ];
        view! {
            <h2>{l4.indicators}</h2>
            {crate::components::export::table_export("tbl-teo-indicators", "teo-indicators")}
            <div class="table-box" tabindex="0"><table id="tbl-teo-indicators" class="table l4-indicators" data-testid="teo-indicators">
                <thead><tr><th scope="col">{t.get().labels.col_item}</th><th scope="col" class="num">{t.get().diag.col_value}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(k, label, v)| {
                        // The indicators of the method's glossary are explained on hover and focus.
                        let term = match k {
                            "payback" | "dpp" => Some(Term::Payback),
                            "npv" => Some(Term::Npv),
                            "roi" => Some(Term::Roi),
                            "irr" => Some(Term::Irr),
                            "classic" => Some(Term::EconomicEffect),
                            _ => None,
                        };
                        let head = match term {
                            Some(term) => view! { <TermHint term=term>{label}</TermHint> }.into_any(),
                            None => label.into_any(),
                        };
                        view! { <tr data-testid=format!("ind-{k}")><th scope="row">{head}</th><td class="num">{v}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table></div>
            {match ind.tco {
                Some(tco) => view! {
                    {crate::components::export::table_export("tbl-teo-tco", "teo-tco")}
                    <div class="table-box" tabindex="0"><table id="tbl-teo-tco" class="table" data-testid="teo-tco">
                        <thead><tr><th><TermHint term=Term::Tco>{l4.tco_title}</TermHint></th><th class="num">{l4.tco_ours}</th><th class="num">{l4.tco_alt}</th><th class="num">{with_unit(l4.tco_adv, unit_label(unit, lg))}</th></tr></thead>
                        <tbody><tr><td></td><td class="num">{money(tco.ours)}</td><td class="num">{money(tco.alternative)}</td><td class="num">{fmt_signed(tco.advantage, lg)}</td></tr></tbody>
                    </table></div>
                }.into_any(),
                None => view! { <p class="muted" data-testid="teo-tco">{l4.tco_none}</p> }.into_any(),
            }}
        }
    }
}

#[component]
fn CashFlow(inputs: TeoInputs, unit: MoneyUnit) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    let rows = teo::cash_flow(&inputs);
    view! {
        <h2>{move || t.get().l4.chart_title}</h2>
            {crate::components::export::table_export("tbl-teo-cash-flow", "teo-cash-flow")}
            <div class="table-box" tabindex="0"><table id="tbl-teo-cash-flow" class="table" data-testid="teo-cash-flow">
                <thead><tr><th>{move || t.get().l4.col_year}</th><th class="num">{move || with_unit(t.get().l4.chart_plain, unit_label(unit, lang.get()))}</th><th class="num">{move || with_unit(t.get().l4.chart_discounted, unit_label(unit, lang.get()))}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|y| view! { <tr><td>{y.year}</td><td class="num">{move || fmt_signed(y.cumulative, lang.get())}</td><td class="num">{move || fmt_signed(y.discounted, lang.get())}</td></tr> }).collect_view()}
                </tbody>
            </table></div>
    }
}

#[component]
fn Sensitivity(inputs: TeoInputs, unit: MoneyUnit) -> impl IntoView {
    let t = use_i18n();
    let lang = use_lang();
    move || {
        let l4 = t.get().l4;
        let lg = lang.get();
        let rows = teo::sensitivity(&inputs, teo::SENSITIVITY_PCT);
        view! {
            <h2>{fill(l4.sensitivity_title, &[&fmt_num(teo::SENSITIVITY_PCT, 0, lg)])}</h2>
            {crate::components::export::table_export("tbl-teo-sensitivity", "teo-sensitivity")}
            <div class="table-box" tabindex="0"><table id="tbl-teo-sensitivity" class="table" data-testid="teo-sensitivity">
                <thead><tr><th>{l4.col_driver}</th><th class="num">{l4.col_change}</th><th class="num">{l4.ind_payback}</th><th class="num">{with_unit(l4.ind_npv, unit_label(unit, lg))}</th><th class="num">{l4.ind_roi}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let driver = match r.driver { Driver::Savings => l4.driver_savings, Driver::Investment => l4.driver_investment, Driver::DiscountRate => l4.driver_rate };
                        let change = format!("{}{}\u{a0}%", if r.change_pct > 0.0 { "+" } else { "" }, fmt_num(r.change_pct, 0, lg));
                        view! { <tr data-testid="sens-row"><td>{driver}</td><td class="num">{change}</td><td class="num">{fmt_years(r.payback_years, lg)}</td><td class="num">{fmt_signed(r.npv, lg)}</td><td class="num">{fmt_pct(r.roi_pct, 0, lg)}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table></div>
        }
    }
}
