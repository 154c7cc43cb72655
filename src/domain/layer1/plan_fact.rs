//! Plan to date with seasonality, the facts and plan fulfilment — the layer's management metric
//! (docs/METHOD.md §3.1) — and the monthly plan/fact of the chart.

#![warn(missing_docs)]

use super::*;
use crate::domain::model::{Actual, Deal, DealStatus, DiagnosisThresholds, Id, Project};
use crate::domain::money::{ratio_pct, Money};
use crate::domain::period::Period;
use chrono::NaiveDate;

// ---------------------------------------------------------------------------------------------
// Plan to date and fulfilment
// ---------------------------------------------------------------------------------------------

/// Whether the 12 monthly shares can be used.
#[derive(Clone, Debug, PartialEq)]
pub struct SeasonalityCheck {
    /// Anything entered at all (empty = linear by days, which is fine).
    pub entered: bool,
    /// Exactly 12 finite, non-negative values with a positive sum.
    pub usable: bool,
    /// Σ of the entered values, %.
    pub sum: f64,
    /// The sum is 100 (a usable list that does not sum to 100 is scaled to 100 and warned about).
    pub sums_to_100: bool,
}

/// Checks the seasonality list.
pub fn seasonality_check(s: &[f64]) -> SeasonalityCheck {
    let sum: f64 = s.iter().filter(|x| x.is_finite()).sum();
    let usable = s.len() == 12 && s.iter().all(|x| x.is_finite() && *x >= 0.0) && sum > 0.0;
    SeasonalityCheck {
        entered: !s.is_empty(),
        usable,
        sum,
        sums_to_100: usable && (sum - 100.0).abs() <= PCT_EPS,
    }
}

pub(super) fn days_in_month(year: i32, month: u32) -> i64 {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match (first, next) {
        (Some(a), Some(b)) => (b - a).num_days(),
        _ => 30,
    }
}

/// Days of `a` that fall in `b` (both inclusive).
pub(super) fn overlap_days(a: Period, b: Period) -> i64 {
    let from = a.from.max(b.from);
    let to = a.to.min(b.to);
    if from > to {
        0
    } else {
        (to - from).num_days() + 1
    }
}

/// The part of the annual plan of `year` that falls in `period`.
///
/// With usable seasonality (12 monthly %, scaled to 100 if they sum otherwise) each month
/// contributes its share × the fraction of its days inside the period; otherwise the plan is
/// linear by days. Days outside `year` contribute nothing. Rounded to hundredths.
pub fn plan_for_period(annual: Money, year: i32, seasonality: &[f64], period: Period) -> Money {
    let check = seasonality_check(seasonality);
    let whole_year = Period::year(year);
    let fraction = if check.usable {
        (1..=12u32)
            .map(|m| {
                let Some(from) = NaiveDate::from_ymd_opt(year, m, 1) else {
                    return 0.0;
                };
                let dim = days_in_month(year, m);
                let month = Period::new(from, from + chrono::Duration::days(dim - 1));
                seasonality[(m - 1) as usize] / check.sum * overlap_days(month, period) as f64
                    / dim as f64
            })
            .sum::<f64>()
    } else {
        overlap_days(whole_year, period) as f64 / whole_year.days() as f64
    };
    Money((annual.0 as f64 * fraction).round() as i64)
}

/// The annual plan of `year` due from 1 January up to `to` (inclusive).
pub fn plan_to_date(annual: Money, year: i32, seasonality: &[f64], to: NaiveDate) -> Money {
    match NaiveDate::from_ymd_opt(year, 1, 1) {
        Some(from) if from <= to => {
            plan_for_period(annual, year, seasonality, Period::new(from, to))
        }
        _ => Money::ZERO,
    }
}

/// From 1 January of the plan year to the project's "as of" date (or `today`).
pub fn year_to_date(p: &Project, today: NaiveDate) -> Period {
    let to = p.as_of(today);
    let from = NaiveDate::from_ymd_opt(p.company.plan_year, 1, 1).unwrap_or(to);
    Period::new(from, to)
}

/// The part of an actual that falls in `period`, pro rata by days (an actual for a quarter
/// counts 31/90 in January), rounded half up to hundredths.
pub fn actual_in_period(a: &Actual, period: Period) -> Money {
    let span = Period::new(a.from, a.to);
    let days = overlap_days(span, period);
    if days <= 0 {
        return Money::ZERO;
    }
    let total = span.days() as i128;
    let num = a.amount.0 as i128 * days as i128;
    // Half away from zero.
    let q = (num.abs() * 2 + total) / (2 * total);
    Money((if num < 0 { -q } else { q }) as i64)
}

/// Where a fact figure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactSource {
    /// Entered actuals (shipments invoiced) overlapping the period.
    Actuals,
    /// No actual overlaps the period: won deals closed in it.
    WonDeals,
}

/// Fact of a scope (`manager = None`: the company) in `period`.
///
/// Kept simple so nothing is counted twice: when entered actuals of the scope overlap the
/// period, the fact is their sum (pro rata by days, see [`actual_in_period`]); otherwise it is
/// the sum of won deals closed in the period (so a quarter without entered actuals still shows
/// the deals won in it). A manager's scope is the actuals and deals carrying that manager. For
/// the company, an actual without a manager is a company total: when such actuals overlap the
/// period they alone count; otherwise the per-manager actuals are added up; otherwise all won
/// deals of the period.
pub fn fact_in_period(p: &Project, period: Period, manager: Option<Id>) -> (Money, FactSource) {
    let overlapping = |m: Option<Id>| -> Vec<&Actual> {
        p.layer1
            .actuals
            .iter()
            .filter(|a| a.manager_id == m)
            .filter(|a| overlap_days(Period::new(a.from, a.to), period) > 0)
            .collect()
    };
    let mut actuals = overlapping(manager);
    if manager.is_none() && actuals.is_empty() {
        actuals = p
            .layer1
            .actuals
            .iter()
            .filter(|a| a.manager_id.is_some())
            .filter(|a| overlap_days(Period::new(a.from, a.to), period) > 0)
            .collect();
    }
    if !actuals.is_empty() {
        return (
            actuals.iter().map(|a| actual_in_period(a, period)).sum(),
            FactSource::Actuals,
        );
    }
    let in_scope_d = |d: &&Deal| manager.is_none() || d.manager_id == manager;
    let won = p
        .deals
        .iter()
        .filter(in_scope_d)
        .filter(|d| d.status == DealStatus::Won)
        .filter(|d| d.closed.is_some_and(|c| period.contains(c)))
        .map(|d| d.amount)
        .sum();
    (won, FactSource::WonDeals)
}

/// Company-level actuals (without a manager) and per-manager actuals that both overlap
/// `period` and disagree: `(company total, Σ managers)`. The company's fact then comes from the
/// company-level entries alone (see [`fact_in_period`]), which the screen must say, because the
/// manager rows add up to something else.
pub fn company_fact_conflict(p: &Project, period: Period) -> Option<(Money, Money)> {
    let sum = |with_manager: bool| -> Option<Money> {
        let v: Vec<Money> = p
            .layer1
            .actuals
            .iter()
            .filter(|a| a.manager_id.is_some() == with_manager)
            .filter(|a| overlap_days(Period::new(a.from, a.to), period) > 0)
            .map(|a| actual_in_period(a, period))
            .collect();
        (!v.is_empty()).then(|| v.into_iter().sum())
    };
    match (sum(false), sum(true)) {
        (Some(company), Some(managers)) if company != managers => Some((company, managers)),
        _ => None,
    }
}

/// Traffic-light thresholds of plan fulfilment, %.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrafficLight {
    /// Green from this value (default 95).
    pub green_from: f64,
    /// Amber from this value up to green (default 85); below is red.
    pub amber_from: f64,
}

impl Default for TrafficLight {
    fn default() -> Self {
        TrafficLight {
            green_from: 95.0,
            amber_from: 85.0,
        }
    }
}

/// A traffic-light colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Light {
    /// Fulfilment at or above the green threshold.
    Green,
    /// Fulfilment between the amber and green thresholds.
    Amber,
    /// Fulfilment below the amber threshold.
    Red,
}

impl TrafficLight {
    /// The thresholds set on Диагностика → Пороги (`plan_green`, `plan_amber`).
    pub fn from_thresholds(th: &DiagnosisThresholds) -> Self {
        TrafficLight {
            green_from: th.plan_green,
            amber_from: th.plan_amber,
        }
    }
    /// The project's traffic light: one for Слой 1 → План/факт, the dashboard, the diagnosis
    /// and the layer report.
    pub fn of_project(p: &Project) -> Self {
        Self::from_thresholds(&p.diagnosis.thresholds)
    }
    /// The colour of a fulfilment %, `None` when the fulfilment is unknown.
    pub fn light(&self, pct: Option<f64>) -> Option<Light> {
        let x = pct.filter(|x| x.is_finite())?;
        Some(if x >= self.green_from {
            Light::Green
        } else if x >= self.amber_from {
            Light::Amber
        } else {
            Light::Red
        })
    }
}

/// Plan fulfilment of one scope.
#[derive(Clone, Debug, PartialEq)]
pub struct Fulfilment {
    /// `None` for the company.
    pub manager_id: Option<Id>,
    /// The scope's annual plan for the plan year.
    pub annual_plan: Money,
    /// The annual plan's part in the period (seasonality or linear).
    pub plan_to_date: Money,
    /// Fact of the period (see [`fact_in_period`]).
    pub fact: Money,
    /// Where the fact comes from.
    pub source: FactSource,
    /// fact / plan_to_date × 100, `None` when the plan to date is zero.
    pub pct: Option<f64>,
    /// The traffic-light colour (`None` when `pct` is unknown).
    pub light: Option<Light>,
}

/// Fulfilment of the company and of every manager.
#[derive(Clone, Debug, PartialEq)]
pub struct FulfilmentReport {
    /// The period measured.
    pub period: Period,
    /// The company as a whole.
    pub company: Fulfilment,
    /// In the order of `p.managers`; a manager without a plan has a zero plan.
    pub managers: Vec<Fulfilment>,
}

/// The management metric of layer 1: `fulfilment = fact / plan_to_date × 100 %` for `period`
/// (usually [`year_to_date`]), per company and per manager, with the traffic light.
/// The plan is the plan year's; days of the period outside the plan year add no plan.
pub fn fulfilment(p: &Project, period: Period, lights: &TrafficLight) -> FulfilmentReport {
    let year = p.company.plan_year;
    let season = &p.layer1.seasonality;
    let line = |manager: Option<Id>, annual: Money| {
        let plan_to_date = plan_for_period(annual, year, season, period);
        let (fact, source) = fact_in_period(p, period, manager);
        let pct = ratio_pct(fact.0 as f64, plan_to_date.0 as f64);
        Fulfilment {
            manager_id: manager,
            annual_plan: annual,
            plan_to_date,
            fact,
            source,
            pct,
            light: lights.light(pct),
        }
    };
    FulfilmentReport {
        period,
        company: line(None, p.layer1.company_plan),
        managers: p
            .managers
            .iter()
            .map(|m| {
                let annual = p
                    .layer1
                    .manager_plans
                    .iter()
                    .filter(|x| x.manager_id == m.id)
                    .map(|x| x.amount)
                    .sum();
                line(Some(m.id), annual)
            })
            .collect(),
    }
}

/// One month of the plan/fact chart of a scope.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthPlanFact {
    /// 1–12.
    pub month: u32,
    /// The month's part of the annual plan (seasonality or linear).
    pub plan: Money,
    /// Fact of the month up to the "as of" date (see [`fact_in_period`]); `None` for months
    /// that have not started.
    pub fact: Option<Money>,
    /// Σ plan from January to this month.
    pub cum_plan: Money,
    /// Σ fact from January to this month; `None` for months that have not started.
    pub cum_fact: Option<Money>,
}

/// The annual plan of a scope: the company plan (`None`) or the sum of the manager's plans.
pub fn annual_plan(p: &Project, manager: Option<Id>) -> Money {
    match manager {
        None => p.layer1.company_plan,
        Some(m) => p
            .layer1
            .manager_plans
            .iter()
            .filter(|x| x.manager_id == m)
            .map(|x| x.amount)
            .sum(),
    }
}

/// Plan and fact of every month of the plan year for a scope, monthly and cumulative, for the
/// plan/fact chart. The cumulative fact is [`fact_in_period`] from 1 January to the month's end
/// (or `as_of`), so it matches the year-to-date figure; a month's fact is the difference of two
/// cumulative ones (a quarterly actual spreads pro rata by days).
pub fn monthly_plan_fact(p: &Project, manager: Option<Id>, as_of: NaiveDate) -> Vec<MonthPlanFact> {
    let year = p.company.plan_year;
    let annual = annual_plan(p, manager);
    let start = Period::year(year).from;
    let (mut prev_plan, mut prev_fact) = (Money::ZERO, Money::ZERO);
    (1..=12u32)
        .map(|m| {
            let month = Period::month(year, m);
            // Cumulative figures are computed over January..month, so they equal the
            // year-to-date table exactly (no rounding drift from adding monthly parts).
            let cum_plan = plan_for_period(
                annual,
                year,
                &p.layer1.seasonality,
                Period::new(start, month.to),
            );
            let cum_fact = (month.from <= as_of)
                .then(|| fact_in_period(p, Period::new(start, month.to.min(as_of)), manager).0);
            let plan = cum_plan - prev_plan;
            let fact = cum_fact.map(|c| c - prev_fact);
            prev_plan = cum_plan;
            if let Some(c) = cum_fact {
                prev_fact = c;
            }
            MonthPlanFact {
                month: m,
                plan,
                fact,
                cum_plan,
                cum_fact,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::layer1::test_util::*;
    use crate::domain::new_id;

    #[test]
    fn the_project_thresholds_colour_the_fulfilment() {
        let mut p = demo_project();
        assert_eq!(TrafficLight::of_project(&p), TrafficLight::default());
        // 82 % is red by default, amber from 80, green from 82 (the boundary is inclusive).
        let period = Period::quarter(2025, 1);
        let light = |p: &Project| {
            fulfilment(p, period, &TrafficLight::of_project(p))
                .company
                .light
        };
        assert_eq!(light(&p), Some(Light::Red));
        p.diagnosis.thresholds.plan_amber = 80.0;
        assert_eq!(light(&p), Some(Light::Amber));
        let pct = fulfilment(&p, period, &TrafficLight::default())
            .company
            .pct
            .unwrap();
        p.diagnosis.thresholds.plan_green = pct;
        assert_eq!(light(&p), Some(Light::Green));
        // Zero thresholds: any known fulfilment is green, an unknown one has no colour.
        let lz = TrafficLight {
            green_from: 0.0,
            amber_from: 0.0,
        };
        assert_eq!(lz.light(Some(0.0)), Some(Light::Green));
        assert_eq!(lz.light(Some(-5.0)), Some(Light::Red));
        assert_eq!(lz.light(None), None);
    }

    #[test]
    fn demo_q1_fulfilment_is_82_percent_red() {
        let p = demo_project();
        let q1 = Period::quarter(2025, 1);
        assert_eq!(year_to_date(&p, d(2030, 1, 1)), q1);
        assert_eq!(
            plan_to_date(
                Money::units(900_000),
                2025,
                &p.layer1.seasonality,
                d(2025, 3, 31)
            ),
            Money::units(180_000)
        );
        let f = fulfilment(&p, q1, &TrafficLight::default());
        assert_eq!(f.company.plan_to_date, Money::units(180_000));
        assert_eq!(f.company.fact, Money::units(148_000));
        assert_eq!(f.company.source, FactSource::Actuals);
        assert_eq!(f.company.pct.map(|x| x.round()), Some(82.0));
        assert_eq!(f.company.light, Some(Light::Red));
        let per: Vec<(String, Money, Money, Option<Light>)> = f
            .managers
            .iter()
            .map(|m| {
                (
                    mcode(&p, m.manager_id.unwrap()),
                    m.plan_to_date,
                    m.fact,
                    m.light,
                )
            })
            .collect();
        assert_eq!(
            per,
            vec![
                (
                    "M1".into(),
                    Money::units(36_200),
                    Money::units(30_000),
                    Some(Light::Red)
                ),
                (
                    "M2".into(),
                    Money::units(56_800),
                    Money::units(47_000),
                    Some(Light::Red)
                ),
                (
                    "M3".into(),
                    Money::units(49_600),
                    Money::units(41_000),
                    Some(Light::Red)
                ),
                (
                    "M4".into(),
                    Money::units(37_400),
                    Money::units(30_000),
                    Some(Light::Red)
                ),
            ]
        );
        // Thresholds are parameters: at 80/70, 82 % is green.
        let lenient = TrafficLight {
            green_from: 80.0,
            amber_from: 70.0,
        };
        assert_eq!(
            fulfilment(&p, q1, &lenient).company.light,
            Some(Light::Green)
        );
    }

    #[test]
    fn traffic_light_boundaries() {
        let t = TrafficLight::default();
        assert_eq!(t.light(Some(95.0)), Some(Light::Green));
        assert_eq!(t.light(Some(94.99)), Some(Light::Amber));
        assert_eq!(t.light(Some(85.0)), Some(Light::Amber));
        assert_eq!(t.light(Some(84.99)), Some(Light::Red));
        assert_eq!(t.light(Some(150.0)), Some(Light::Green));
        assert_eq!(t.light(None), None);
        assert_eq!(t.light(Some(f64::INFINITY)), None);
    }

    #[test]
    fn plan_to_date_linear_and_seasonal() {
        let annual = Money::units(365_000);
        // Linear by days: 1 000 a day in a 365-day year.
        assert_eq!(
            plan_for_period(annual, 2025, &[], Period::quarter(2025, 1)),
            Money::units(90_000)
        );
        assert_eq!(plan_to_date(annual, 2025, &[], d(2025, 12, 31)), annual);
        assert_eq!(
            plan_to_date(annual, 2025, &[], d(2024, 12, 31)),
            Money::ZERO
        );
        // Days outside the plan year add nothing.
        assert_eq!(
            plan_for_period(
                annual,
                2025,
                &[],
                Period::new(d(2024, 12, 1), d(2025, 1, 10))
            ),
            Money::units(10_000)
        );
        // Seasonal: half of January is half of January's share.
        let s = vec![12.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0];
        assert_eq!(
            plan_for_period(
                Money::units(1_000),
                2025,
                &s,
                Period::new(d(2025, 1, 1), d(2025, 1, 31))
            ),
            Money::units(120)
        );
        assert_eq!(
            plan_to_date(Money::units(3_100), 2025, &s, d(2025, 1, 15)),
            Money::units(180)
        );
        // A list summing to 50 is scaled to 100; a wrong list falls back to linear.
        let half: Vec<f64> = s.iter().map(|x| x / 2.0).collect();
        assert_eq!(
            plan_for_period(Money::units(1_000), 2025, &half, Period::quarter(2025, 1)),
            Money::units(280)
        );
        let c = seasonality_check(&half);
        assert!(c.usable && !c.sums_to_100 && c.entered);
        assert_eq!(c.sum, 50.0);
        let short = vec![50.0, 50.0];
        assert!(!seasonality_check(&short).usable);
        assert_eq!(
            plan_for_period(annual, 2025, &short, Period::quarter(2025, 1)),
            Money::units(90_000)
        );
        assert!(!seasonality_check(&[0.0; 12]).usable);
        let mut neg = s.clone();
        neg[0] = -1.0;
        assert!(!seasonality_check(&neg).usable);
        let empty = seasonality_check(&[]);
        assert!(!empty.entered && !empty.usable);
        // Leap year: 366 days.
        assert_eq!(
            plan_for_period(
                Money::units(366),
                2024,
                &[],
                Period::new(d(2024, 2, 29), d(2024, 2, 29))
            ),
            Money::units(1)
        );
    }

    #[test]
    fn actuals_pro_rata_and_fact_sources() {
        let mut p = demo_project();
        let m1 = p.managers[0].id;
        // Q1 actual of 30 000 for M1: January is 31 of 90 days.
        let jan = Period::new(d(2025, 1, 1), d(2025, 1, 31));
        let a = p.layer1.actuals[0].clone();
        assert_eq!(actual_in_period(&a, jan), Money(1_033_333));
        assert_eq!(actual_in_period(&a, Period::quarter(2025, 2)), Money::ZERO);
        let (f, s) = fact_in_period(&p, jan, Some(m1));
        assert_eq!((f, s), (Money(1_033_333), FactSource::Actuals));
        // Q2 has no actuals: fall back to won deals closed in Q2 (none in the demo).
        let q2 = Period::quarter(2025, 2);
        assert_eq!(
            fact_in_period(&p, q2, None),
            (Money::ZERO, FactSource::WonDeals)
        );
        // A won deal closed in Q2 counts for the company and for its manager only.
        let mut won = p.deals[0].clone();
        won.id = new_id();
        won.status = DealStatus::Won;
        won.closed = Some(d(2025, 5, 5));
        won.manager_id = Some(m1);
        won.amount = Money::units(5_000);
        p.deals.push(won);
        assert_eq!(
            fact_in_period(&p, q2, None),
            (Money::units(5_000), FactSource::WonDeals)
        );
        assert_eq!(fact_in_period(&p, q2, Some(m1)).0, Money::units(5_000));
        assert_eq!(
            fact_in_period(&p, q2, Some(p.managers[1].id)).0,
            Money::ZERO
        );
        // An actual without a manager counts for the company, not for a manager; once a scope
        // has an overlapping actual, its won deals are not added on top.
        p.layer1.actuals.push(Actual {
            id: new_id(),
            from: d(2025, 4, 1),
            to: d(2025, 6, 30),
            manager_id: None,
            amount: Money::units(7_000),
            note: String::new(),
        });
        assert_eq!(
            fact_in_period(&p, q2, None),
            (Money::units(7_000), FactSource::Actuals)
        );
        assert_eq!(
            fact_in_period(&p, q2, Some(m1)),
            (Money::units(5_000), FactSource::WonDeals)
        );
        // A company total for Q1 replaces the per-manager actuals instead of adding to them.
        let q1 = Period::quarter(2025, 1);
        assert_eq!(fact_in_period(&p, q1, None).0, Money::units(148_000));
        p.layer1.actuals.push(Actual {
            id: new_id(),
            from: d(2025, 1, 1),
            to: d(2025, 3, 31),
            manager_id: None,
            amount: Money::units(150_000),
            note: String::new(),
        });
        assert_eq!(fact_in_period(&p, q1, None).0, Money::units(150_000));
        assert_eq!(fact_in_period(&p, q1, Some(m1)).0, Money::units(30_000));
        // …and the screen is told that the two disagree (Q2 has no manager actuals: no conflict).
        assert_eq!(
            company_fact_conflict(&p, q1),
            Some((Money::units(150_000), Money::units(148_000)))
        );
        assert_eq!(company_fact_conflict(&p, q2), None);
        p.layer1.actuals.last_mut().unwrap().amount = Money::units(148_000);
        assert_eq!(company_fact_conflict(&p, q1), None, "they agree");
        // A reversed actual (to before from) is read as the same range.
        let mut rev = a.clone();
        std::mem::swap(&mut rev.from, &mut rev.to);
        assert_eq!(actual_in_period(&rev, jan), Money(1_033_333));
        let mut neg = a;
        neg.amount = Money::units(-30_000);
        assert_eq!(actual_in_period(&neg, jan), Money(-1_033_333));
    }

    #[test]
    fn monthly_plan_fact_of_the_demo_q1() {
        let p = demo_project();
        let rows = monthly_plan_fact(&p, None, d(2025, 3, 31));
        assert_eq!(rows.len(), 12);
        assert_eq!(
            rows[2].cum_plan,
            Money::units(180_000),
            "20 % seasonality to March"
        );
        let q1 = rows[2].cum_fact.expect("Q1 has a fact");
        assert_eq!(q1, Money::units(148_000), "docs/METHOD.md §6.2");
        assert_eq!(rows[3].fact, None, "April has not started");
        assert_eq!(rows[11].cum_plan, Money::units(900_000));
        let m1 = p.managers[0].id;
        let r = monthly_plan_fact(&p, Some(m1), d(2025, 3, 31));
        assert_eq!(r[2].cum_fact, Some(Money::units(30_000)));
        assert_eq!(r[11].cum_plan, annual_plan(&p, Some(m1)));
    }

    #[test]
    fn monthly_plan_fact_without_plan_or_facts() {
        let p = Project::new_empty("x", d(2025, 1, 1));
        let rows = monthly_plan_fact(&p, None, d(2025, 6, 15));
        assert!(rows.iter().all(|r| r.plan.is_zero()));
        assert_eq!(rows[5].cum_fact, Some(Money::ZERO));
        assert_eq!(rows[6].cum_fact, None);
    }
}
