//! ТЭО math (docs/METHOD.md §5.2): the economic justification a ЛПР reads at stage 2.3.
//!
//! A [`Teo`] stores only its inputs (investment and savings lines, horizon, rate); everything
//! here is computed from them, so an edited line can never leave a stale NPV behind. The
//! model is the one of §5.2: a one-off investment now (year 0) and the same annual savings at
//! the end of every year 1…N.
//!
//! ```text
//! I      = Σ investment − salvage
//! S      = Σ savings (per year)
//! PP     = I / S                                   simple payback, years
//! DPP    = min n: Σ_{t=1..n} S/(1+r)^t ≥ I         discounted payback (interpolated in the year)
//! NPV    = −I + Σ_{t=1..N} S/(1+r)^t
//! ROI_N  = (N·S − I) / I
//! IRR    = r* with NPV(r*) = 0                      bisection
//! TCO_N  = I + N·OPEX (ours) vs N·OPEX_alt (alternative)
//! Э      = S − E_n·ΔK, E_n = 0.15                   classic Russian textbook effect
//! ```
//!
//! Amounts go in and come out as [`Money`]; the arithmetic in between is `f64`. Percentages are
//! in percent (15.0 means 15 %), like everywhere in the model. An indicator that does not exist
//! for the data (payback without savings, ROI without investment, IRR without a sign change)
//! is `None`, never 0 or infinity.

use super::model::Teo;
use super::money::Money;

/// \[DEFAULT\] Discount rate of a new ТЭО, % (docs/METHOD.md §5.2).
pub const DEFAULT_DISCOUNT_RATE_PCT: f64 = 15.0;
/// \[DEFAULT\] Horizon of a new ТЭО, years.
pub const DEFAULT_HORIZON_YEARS: u32 = 5;
/// Normative efficiency coefficient of capital investment `E_n` in the classic effect formula.
pub const NORMATIVE_EFFICIENCY: f64 = 0.15;
/// Longest horizon the formulas use; a longer one is cut to this (a typo such as 5000 years
/// must not make the page loop).
pub const MAX_YEARS: u32 = 100;
/// How far the discounted payback is searched, years, independently of the ТЭО's horizon
/// (a payback in year 7 of a 5-year ТЭО is still worth showing). Not reached by then: `None`.
pub const PAYBACK_SEARCH_YEARS: u32 = 50;
/// \[DEFAULT\] Change applied to each driver in the sensitivity table, %.
pub const SENSITIVITY_PCT: f64 = 20.0;

/// Lowest discount rate the formulas accept, as a fraction (−99 %): at −100 % discounting
/// divides by zero.
const MIN_RATE: f64 = -0.99;
/// Upper end of the IRR search, as a fraction (10 000 %).
const MAX_IRR: f64 = 100.0;

/// The sums a ТЭО's formulas need, taken from a [`Teo`] or entered directly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TeoInputs {
    /// Σ one-off costs (CAPEX) before salvage.
    pub gross_investment: Money,
    /// Salvage of the old equipment, deducted from the investment.
    pub salvage: Money,
    /// Annual savings S.
    pub savings: Money,
    /// Annual operating costs of our option (for TCO).
    pub opex: Money,
    /// Annual operating costs of the alternative (for TCO).
    pub alternative_opex: Money,
    /// Horizon N, years.
    pub horizon_years: u32,
    /// Discount rate r, %.
    pub discount_rate_pct: f64,
}

/// A ТЭО with no lines, the default horizon and discount rate.
pub fn empty_teo() -> Teo {
    Teo {
        investment: vec![],
        savings: vec![],
        opex: vec![],
        alternative_opex: vec![],
        salvage: Money::ZERO,
        horizon_years: DEFAULT_HORIZON_YEARS,
        discount_rate: DEFAULT_DISCOUNT_RATE_PCT,
        presented_on: None,
        notes: String::new(),
    }
}

impl TeoInputs {
    /// Sums the lines of a stored ТЭО.
    pub fn from_teo(t: &Teo) -> TeoInputs {
        TeoInputs {
            gross_investment: t.investment.iter().map(|l| l.amount).sum(),
            salvage: t.salvage,
            savings: t.savings.iter().map(|l| l.amount).sum(),
            opex: t.opex.iter().map(|l| l.amount).sum(),
            alternative_opex: t.alternative_opex.iter().map(|l| l.amount).sum(),
            horizon_years: t.horizon_years,
            discount_rate_pct: t.discount_rate,
        }
    }

    /// Investment and savings only, with the default horizon and rate (5 years, 15 %).
    pub fn simple(investment: Money, savings: Money) -> TeoInputs {
        TeoInputs {
            gross_investment: investment,
            salvage: Money::ZERO,
            savings,
            opex: Money::ZERO,
            alternative_opex: Money::ZERO,
            horizon_years: DEFAULT_HORIZON_YEARS,
            discount_rate_pct: DEFAULT_DISCOUNT_RATE_PCT,
        }
    }

    /// Net investment `I = Σ investment − salvage`.
    pub fn investment(&self) -> Money {
        self.gross_investment - self.salvage
    }
}

/// Total cost of ownership over the horizon, undiscounted (docs/METHOD.md §5.2).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tco {
    /// `I + N × OPEX` of our option.
    pub ours: Money,
    /// `N × OPEX_alt` of the alternative ("do nothing" or a competitor).
    pub alternative: Money,
    /// `alternative − ours`: positive when our option is cheaper to own.
    pub advantage: Money,
}

/// All indicators of one ТЭО.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TeoIndicators {
    /// Net investment I.
    pub investment: Money,
    /// Annual savings S (the headline "size of the economic effect", metric 2.3).
    pub annual_savings: Money,
    /// Simple payback, years.
    pub payback_years: Option<f64>,
    /// Discounted payback, years.
    pub discounted_payback_years: Option<f64>,
    /// NPV over the horizon at the ТЭО's rate.
    pub npv: Money,
    /// Simple ROI over the horizon, %.
    pub roi_pct: Option<f64>,
    /// Internal rate of return over the horizon, %.
    pub irr_pct: Option<f64>,
    /// TCO comparison; `None` when neither option has operating costs entered.
    pub tco: Option<Tco>,
    /// Classic annual effect `Э = S − 0.15 × I`.
    pub classic_effect: Money,
}

/// A discount rate in percent as a usable fraction: non-finite counts as 0, below −99 % is
/// raised to −99 %.
fn rate(pct: f64) -> f64 {
    if pct.is_finite() {
        (pct / 100.0).max(MIN_RATE)
    } else {
        0.0
    }
}

fn years(n: u32) -> u32 {
    n.min(MAX_YEARS)
}

/// Present value of 1 a year for `n` years at rate `r` (a fraction).
fn annuity(r: f64, n: u32) -> f64 {
    (1..=years(n)).map(|t| (1.0 + r).powi(-(t as i32))).sum()
}

fn npv_f(i: f64, s: f64, r: f64, n: u32) -> f64 {
    -i + s * annuity(r, n)
}

fn roi_f(i: f64, s: f64, n: u32) -> Option<f64> {
    (i > 0.0).then(|| (f64::from(years(n)) * s - i) / i * 100.0)
}

fn payback_f(i: f64, s: f64) -> Option<f64> {
    (s > 0.0).then(|| i.max(0.0) / s)
}

/// Simple payback `PP = I / S`, years. `None` when there are no savings (S ≤ 0); 0 when
/// nothing is invested (I ≤ 0).
pub fn simple_payback(investment: Money, savings: Money) -> Option<f64> {
    payback_f(investment.as_f64(), savings.as_f64())
}

/// Discounted payback, years: the first year in which the discounted savings add up to the
/// investment, interpolated within that year (so at r = 0 it equals the simple payback).
/// Searched up to [`PAYBACK_SEARCH_YEARS`]; `None` when not reached by then or when S ≤ 0.
pub fn discounted_payback(investment: Money, savings: Money, rate_pct: f64) -> Option<f64> {
    let (i, s, r) = (investment.as_f64(), savings.as_f64(), rate(rate_pct));
    if i <= 0.0 {
        return Some(0.0);
    }
    if s <= 0.0 {
        return None;
    }
    let mut cum = 0.0;
    for t in 1..=PAYBACK_SEARCH_YEARS {
        let d = s * (1.0 + r).powi(-(t as i32));
        if cum + d >= i {
            return Some(f64::from(t - 1) + (i - cum) / d);
        }
        cum += d;
    }
    None
}

/// `NPV = −I + Σ_{t=1..N} S/(1+r)^t`. With N = 0 it is `−I`.
pub fn npv(investment: Money, savings: Money, rate_pct: f64, horizon_years: u32) -> Money {
    Money::from_f64(npv_f(
        investment.as_f64(),
        savings.as_f64(),
        rate(rate_pct),
        horizon_years,
    ))
}

/// Simple ROI over the horizon `(N·S − I) / I`, %. `None` when nothing is invested (I ≤ 0).
pub fn roi_pct(investment: Money, savings: Money, horizon_years: u32) -> Option<f64> {
    roi_f(investment.as_f64(), savings.as_f64(), horizon_years)
}

/// Internal rate of return, %: the rate at which the NPV over the horizon is zero, found by
/// bisection between −99 % and 10 000 %. `None` when the NPV does not change sign in that
/// range: no savings, nothing invested, a zero horizon, or savings so large that the rate is
/// above 10 000 %. A negative IRR is returned as is (the savings do not even repay the
/// investment undiscounted).
pub fn irr_pct(investment: Money, savings: Money, horizon_years: u32) -> Option<f64> {
    let (i, s) = (investment.as_f64(), savings.as_f64());
    let f = |r: f64| npv_f(i, s, r, horizon_years);
    let (mut lo, mut hi) = (MIN_RATE, MAX_IRR);
    let (f_lo, f_hi) = (f(lo), f(hi));
    if !f_lo.is_finite() || !f_hi.is_finite() || f_lo == 0.0 && f_hi == 0.0 {
        return None;
    }
    if f_lo == 0.0 {
        return Some(lo * 100.0);
    }
    if f_hi == 0.0 {
        return Some(hi * 100.0);
    }
    if f_lo.signum() == f_hi.signum() {
        return None;
    }
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        let f_mid = f(mid);
        if f_mid == 0.0 || hi - lo < 1e-12 {
            return Some(mid * 100.0);
        }
        if f_mid.signum() == f_lo.signum() {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some((lo + hi) / 2.0 * 100.0)
}

/// TCO over the horizon (undiscounted): ours `I + N·OPEX` against the alternative's
/// `N·OPEX_alt`. `None` when neither operating cost is entered (both zero), because then the
/// comparison would only repeat the investment.
pub fn tco(inputs: &TeoInputs) -> Option<Tco> {
    if inputs.opex.is_zero() && inputs.alternative_opex.is_zero() {
        return None;
    }
    let n = f64::from(years(inputs.horizon_years));
    let ours = inputs.investment() + Money::from_f64(inputs.opex.as_f64() * n);
    let alternative = Money::from_f64(inputs.alternative_opex.as_f64() * n);
    Some(Tco {
        ours,
        alternative,
        advantage: alternative - ours,
    })
}

/// Effect/price ratio `S / deal amount` (docs/METHOD.md §5.2): how many times a year the client's
/// savings cover our price. `None` when the price is not positive.
pub fn effect_price_ratio(savings: Money, price: Money) -> Option<f64> {
    (price.0 > 0).then(|| savings.as_f64() / price.as_f64())
}

/// Classic annual economic effect `Э = (C_base − C_new) − E_n × ΔK`, where
/// `C_base − C_new` is the annual saving, `ΔK` the extra capital investment and `E_n` the
/// normative efficiency coefficient (usually [`NORMATIVE_EFFICIENCY`]).
pub fn classic_effect(annual_saving: Money, delta_k: Money, e_n: f64) -> Money {
    Money::from_f64(annual_saving.as_f64() - e_n * delta_k.as_f64())
}

/// All indicators of a ТЭО.
pub fn indicators(inputs: &TeoInputs) -> TeoIndicators {
    let i = inputs.investment();
    let s = inputs.savings;
    TeoIndicators {
        investment: i,
        annual_savings: s,
        payback_years: simple_payback(i, s),
        discounted_payback_years: discounted_payback(i, s, inputs.discount_rate_pct),
        npv: npv(i, s, inputs.discount_rate_pct, inputs.horizon_years),
        roi_pct: roi_pct(i, s, inputs.horizon_years),
        irr_pct: irr_pct(i, s, inputs.horizon_years),
        tco: tco(inputs),
        classic_effect: classic_effect(s, i, NORMATIVE_EFFICIENCY),
    }
}

/// Indicators of a stored ТЭО.
pub fn teo_indicators(t: &Teo) -> TeoIndicators {
    indicators(&TeoInputs::from_teo(t))
}

/// A driver varied in the sensitivity table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Driver {
    /// Annual savings S (tariff, hours, failure rate all act through it).
    Savings,
    /// Net investment I.
    Investment,
    /// Discount rate r.
    DiscountRate,
}

impl Driver {
    pub const ALL: [Driver; 3] = [Driver::Savings, Driver::Investment, Driver::DiscountRate];
}

/// One row of the sensitivity table: one driver changed, the others at base.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SensitivityRow {
    pub driver: Driver,
    /// Relative change of the driver, % (−20.0 or +20.0); a rate of 15 % becomes 12 % / 18 %.
    pub change_pct: f64,
    pub payback_years: Option<f64>,
    pub npv: Money,
    pub roi_pct: Option<f64>,
}

/// Sensitivity table (docs/METHOD.md §5.2 item 9): each of savings, investment and discount rate
/// changed by −`delta_pct` and +`delta_pct` % of its value (usually [`SENSITIVITY_PCT`]), one
/// at a time. Six rows, in [`Driver::ALL`] order, minus before plus; the base case is
/// [`indicators`].
pub fn sensitivity(inputs: &TeoInputs, delta_pct: f64) -> Vec<SensitivityRow> {
    let delta = if delta_pct.is_finite() {
        delta_pct.abs()
    } else {
        0.0
    };
    let (i0, s0, r0, n) = (
        inputs.investment().as_f64(),
        inputs.savings.as_f64(),
        rate(inputs.discount_rate_pct),
        inputs.horizon_years,
    );
    let mut rows = Vec::with_capacity(6);
    for driver in Driver::ALL {
        for change_pct in [-delta, delta] {
            let k = 1.0 + change_pct / 100.0;
            let (i, s, r) = match driver {
                Driver::Savings => (i0, s0 * k, r0),
                Driver::Investment => (i0 * k, s0, r0),
                Driver::DiscountRate => (i0, s0, (r0 * k).max(MIN_RATE)),
            };
            rows.push(SensitivityRow {
                driver,
                change_pct,
                payback_years: payback_f(i, s),
                npv: Money::from_f64(npv_f(i, s, r, n)),
                roi_pct: roi_f(i, s, n),
            });
        }
    }
    rows
}

/// One year of the cumulative cash-flow table: the cash flow at the end of year `year`
/// (year 0 is the investment).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CashFlowYear {
    pub year: u32,
    /// `−I + t·S`.
    pub cumulative: Money,
    /// `−I + Σ_{k≤t} S/(1+r)^k`; at the horizon it is the NPV.
    pub discounted: Money,
}

/// Cumulative cash flow, plain and discounted, for years 0…N (N cut to [`MAX_YEARS`]).
pub fn cash_flow(inputs: &TeoInputs) -> Vec<CashFlowYear> {
    let (i, s, r) = (
        inputs.investment().as_f64(),
        inputs.savings.as_f64(),
        rate(inputs.discount_rate_pct),
    );
    let mut disc = -i;
    (0..=years(inputs.horizon_years))
        .map(|t| {
            if t > 0 {
                disc += s * (1.0 + r).powi(-(t as i32));
            }
            CashFlowYear {
                year: t,
                cumulative: Money::from_f64(-i + f64::from(t) * s),
                discounted: Money::from_f64(disc),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;

    fn m(units: i64) -> Money {
        Money::units(units)
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn worked_example_d01() {
        let x = indicators(&TeoInputs::simple(m(64_000), m(21_500)));
        assert_eq!(x.investment, m(64_000));
        let pp = x.payback_years.unwrap();
        assert!(close(pp, 2.98, 0.005), "{pp}");
        assert!(close(x.npv.as_f64(), 8_071.0, 1.0), "{}", x.npv);
        assert!(close(x.roi_pct.unwrap(), 68.0, 0.5));
        // Discounted savings 18 696 + 16 257 + 14 137 + 12 293 = 61 382 after 4 years.
        let dpp = x.discounted_payback_years.unwrap();
        assert!(dpp > 4.0 && dpp < 5.0, "{dpp}");
        assert!(close(dpp, 4.245, 0.01), "{dpp}");
        let irr = x.irr_pct.unwrap();
        assert!(irr > 20.0 && irr < 21.0, "{irr}");
        assert!(npv(m(64_000), m(21_500), irr, 5).as_f64().abs() <= 0.01);
        assert_eq!(x.classic_effect, m(21_500 - 9_600));
        assert_eq!(x.tco, None);
        let ratio = effect_price_ratio(m(21_500), m(58_000)).unwrap();
        assert!(close(ratio, 0.37, 0.005));
    }

    #[test]
    fn demo_table_of_domain_md_6_4() {
        // (deal, payback, NPV₅ at 15 %, ROI₅ %)
        let table = [
            ("D01", 2.98, 8_071.0, 68.0),
            ("D02", 3.56, -2_752.0, 40.0),
            ("D03", 2.53, 12_964.0, 98.0),
            ("D06", 3.67, -2_831.0, 36.0),
            ("D10", 2.50, 10_226.0, 100.0),
            ("D14", 2.32, 1_969.0, 116.0),
            ("D17", 5.09, -1_913.0, -2.0),
            ("D19", 2.86, 347.0, 75.0),
        ];
        let p = demo_project();
        let with_teo = p.deals.iter().filter(|d| d.teo.is_some()).count();
        assert_eq!(with_teo, table.len());
        for (code, pp, npv5, roi) in table {
            let deal = p.deals.iter().find(|d| d.code == code).unwrap();
            let x = teo_indicators(deal.teo.as_ref().unwrap());
            let got_pp = x.payback_years.unwrap();
            assert!(close(got_pp, pp, 0.01), "{code} payback {got_pp}");
            assert!(
                close(x.npv.as_f64().round(), npv5, 1.0),
                "{code} NPV {}",
                x.npv
            );
            let got_roi = x.roi_pct.unwrap();
            assert!(close(got_roi.round(), roi, 1.0), "{code} ROI {got_roi}");
            // NPV > 0 exactly when the IRR beats the 15 % rate.
            assert_eq!(x.irr_pct.unwrap() > 15.0, x.npv.0 > 0, "{code}");
        }
    }

    #[test]
    fn salvage_and_lines_are_summed() {
        let p = demo_project();
        let mut teo = p
            .deals
            .iter()
            .find(|d| d.code == "D01")
            .and_then(|d| d.teo.clone())
            .unwrap();
        teo.salvage = m(4_000);
        let inputs = TeoInputs::from_teo(&teo);
        assert_eq!(inputs.gross_investment, m(64_000));
        assert_eq!(inputs.investment(), m(60_000));
        assert_eq!(inputs.savings, m(21_500));
        assert_eq!(indicators(&inputs).investment, m(60_000));
    }

    #[test]
    fn no_savings() {
        let x = indicators(&TeoInputs::simple(m(10_000), Money::ZERO));
        assert_eq!(x.payback_years, None);
        assert_eq!(x.discounted_payback_years, None);
        assert_eq!(x.npv, m(-10_000));
        assert_eq!(x.roi_pct, Some(-100.0));
        assert_eq!(x.irr_pct, None);
        // Negative savings are no better.
        assert_eq!(simple_payback(m(10_000), m(-5)), None);
        assert_eq!(irr_pct(m(10_000), m(-5), 5), None);
    }

    #[test]
    fn zero_investment() {
        let x = indicators(&TeoInputs::simple(Money::ZERO, m(1_000)));
        assert_eq!(x.payback_years, Some(0.0));
        assert_eq!(x.discounted_payback_years, Some(0.0));
        assert_eq!(x.roi_pct, None);
        assert_eq!(x.irr_pct, None);
        assert!(x.npv.0 > 0);
        // Salvage above the investment: paid back at once, still no ROI.
        assert_eq!(simple_payback(m(-100), m(1_000)), Some(0.0));
        assert_eq!(roi_pct(m(-100), m(1_000), 5), None);
    }

    #[test]
    fn horizon_zero() {
        let mut inputs = TeoInputs::simple(m(64_000), m(21_500));
        inputs.horizon_years = 0;
        let x = indicators(&inputs);
        assert_eq!(x.npv, m(-64_000));
        assert_eq!(x.roi_pct, Some(-100.0));
        assert_eq!(x.irr_pct, None);
        // Paybacks do not depend on the horizon.
        assert!(close(x.payback_years.unwrap(), 2.977, 0.001));
        assert!(x.discounted_payback_years.is_some());
    }

    #[test]
    fn irr_without_a_root_and_negative_irr() {
        // Nothing changes sign: no savings, nothing invested, or both zero.
        assert_eq!(irr_pct(m(1_000), Money::ZERO, 5), None);
        assert_eq!(irr_pct(Money::ZERO, m(1_000), 5), None);
        assert_eq!(irr_pct(Money::ZERO, Money::ZERO, 5), None);
        // Savings of 1000× the investment in a year: IRR above the 10 000 % search range.
        assert_eq!(irr_pct(m(1), m(1_000), 1), None);
        // One year: IRR = S/I − 1.
        assert!(close(irr_pct(m(100), m(150), 1).unwrap(), 50.0, 1e-6));
        // D17: savings do not repay the investment undiscounted → a small negative IRR.
        let irr = irr_pct(m(5_600), m(1_100), 5).unwrap();
        assert!(irr < 0.0 && irr > -2.0, "{irr}");
    }

    #[test]
    fn discounted_payback_bounds() {
        // At r = 0 it is the simple payback.
        let dpp = discounted_payback(m(64_000), m(21_500), 0.0).unwrap();
        assert!(close(dpp, 64_000.0 / 21_500.0, 1e-9));
        // Never reached: the discounted savings converge to S/r = 1 000 < 2 000.
        assert_eq!(discounted_payback(m(2_000), m(100), 10.0), None);
        // Reached after the horizon but within the search: still shown.
        let d17 = discounted_payback(m(5_600), m(1_100), 15.0).unwrap();
        assert!(d17 > 5.0 && d17 < PAYBACK_SEARCH_YEARS as f64, "{d17}");
    }

    #[test]
    fn odd_rates_and_horizons_stay_finite() {
        let i = m(1_000);
        let s = m(300);
        assert!(npv(i, s, f64::NAN, 5) == npv(i, s, 0.0, 5));
        assert_eq!(npv(i, s, 0.0, 5), m(500));
        assert!(npv(i, s, -150.0, 5).0 > 0);
        // A 5000-year typo is cut to 100 years and returns at once.
        assert_eq!(roi_pct(i, s, 5_000), roi_pct(i, s, MAX_YEARS));
        assert!(irr_pct(i, s, u32::MAX).is_some());
    }

    #[test]
    fn tco_compares_options() {
        let mut inputs = TeoInputs::simple(m(64_000), m(21_500));
        inputs.opex = m(3_000);
        inputs.alternative_opex = m(20_000);
        let t = tco(&inputs).unwrap();
        assert_eq!(t.ours, m(64_000 + 15_000));
        assert_eq!(t.alternative, m(100_000));
        assert_eq!(t.advantage, m(21_000));
        inputs.horizon_years = 0;
        assert_eq!(tco(&inputs).unwrap().advantage, m(-64_000));
    }

    #[test]
    fn effect_price_and_classic_effect() {
        assert_eq!(effect_price_ratio(m(1), Money::ZERO), None);
        assert_eq!(effect_price_ratio(m(1), m(-5)), None);
        assert_eq!(effect_price_ratio(m(1), m(4)), Some(0.25));
        assert_eq!(classic_effect(m(1_000), m(2_000), 0.15), m(700));
        assert_eq!(classic_effect(m(100), m(2_000), 0.15), m(-200));
    }

    #[test]
    fn sensitivity_table() {
        let inputs = TeoInputs::simple(m(64_000), m(21_500));
        let rows = sensitivity(&inputs, SENSITIVITY_PCT);
        assert_eq!(rows.len(), 6);
        let row = |d: Driver, c: f64| {
            rows.iter()
                .find(|r| r.driver == d && r.change_pct == c)
                .copied()
                .unwrap()
        };
        let base = indicators(&inputs);
        // Savings −20 %: 17 200 × 3.3522 − 64 000 ≈ −6 342.
        let s_down = row(Driver::Savings, -20.0);
        assert!(close(s_down.npv.as_f64(), -6_342.0, 1.0), "{}", s_down.npv);
        assert!(close(
            s_down.payback_years.unwrap(),
            64_000.0 / 17_200.0,
            1e-9
        ));
        assert!(row(Driver::Savings, 20.0).npv > base.npv);
        // Investment +20 %: 72 071 − 76 800 ≈ −4 729.
        let i_up = row(Driver::Investment, 20.0);
        assert!(close(i_up.npv.as_f64(), -4_729.0, 1.0), "{}", i_up.npv);
        assert!(close(i_up.roi_pct.unwrap(), 39.97, 0.01)); // 30 700 / 76 800
                                                            // The rate moves 15 % → 12 % / 18 %: lower rate, higher NPV; payback and ROI unchanged.
        let r_down = row(Driver::DiscountRate, -20.0);
        assert_eq!(r_down.npv, npv(m(64_000), m(21_500), 12.0, 5));
        assert!(r_down.npv > base.npv && row(Driver::DiscountRate, 20.0).npv < base.npv);
        assert_eq!(r_down.roi_pct, base.roi_pct);
        // Zero change gives the base case in every row.
        assert!(sensitivity(&inputs, 0.0).iter().all(|r| r.npv == base.npv));
        assert_eq!(
            sensitivity(&inputs, -20.0),
            rows,
            "the sign of delta is ignored"
        );
    }

    #[test]
    fn cash_flow_ends_at_the_npv() {
        let inp = TeoInputs::simple(Money::units(64_000), Money::units(21_500));
        let cf = cash_flow(&inp);
        assert_eq!(cf.len(), 6);
        assert_eq!(cf[0].cumulative, Money::units(-64_000));
        assert_eq!(cf[0].discounted, Money::units(-64_000));
        assert_eq!(cf[5].cumulative, Money::units(43_500));
        assert_eq!(
            cf[5].discounted,
            npv(Money::units(64_000), Money::units(21_500), 15.0, 5)
        );
        assert_eq!(cf[5].discounted.as_f64().round(), 8_071.0);
        // Zero horizon: only the investment; no savings: flat.
        let mut z = inp;
        z.horizon_years = 0;
        assert_eq!(cash_flow(&z).len(), 1);
        z.horizon_years = 3;
        z.savings = Money::ZERO;
        assert!(cash_flow(&z)
            .iter()
            .all(|y| y.discounted == Money::units(-64_000)));
    }
}
