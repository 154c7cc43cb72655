//! Money movement (won, lost, in the pipeline, by category), stage probabilities, the weighted
//! pipeline and its coverage of the plan left for the year.

use super::filter::{deal_category, Categories, CountMoney, PerCategory};
use super::stage_index::StageIndex;
use crate::domain::model::{Deal, DealStatus, Id, Project};
use crate::domain::money::{ratio_pct, Money};
use crate::domain::period::Period;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The date a won deal was won: `closed`, or else the date it reached the won stage.
pub fn won_date(p: &Project, deal: &Deal) -> Option<NaiveDate> {
    won_date_with(&StageIndex::new(&p.stages), deal)
}

/// [`won_date`] with the stage index built once by the caller (for loops over many deals).
pub fn won_date_with(idx: &StageIndex, deal: &Deal) -> Option<NaiveDate> {
    deal.closed.or_else(|| {
        let w = idx.won()?;
        deal.history
            .iter()
            .filter(|h| idx.pos(h.stage_id).is_some_and(|i| i >= w))
            .map(|h| h.entered)
            .min()
    })
}

/// The date a lost deal was lost: `closed`, or else its latest history date.
fn lost_date(deal: &Deal) -> Option<NaiveDate> {
    deal.closed
        .or_else(|| deal.history.iter().map(|h| h.entered).max())
}

/// Lost deals of one reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostReason {
    /// The reason as entered (trimmed); empty = not given.
    pub reason: String,
    /// Lost deals with this reason.
    pub count: usize,
    /// Sum of their amounts.
    pub money: Money,
    /// The deals, in input order.
    pub deal_ids: Vec<Id>,
}

/// Movement of money in a period, plus the open pipeline now.
#[derive(Clone, Debug, PartialEq)]
pub struct MoneyMovement {
    /// Won in the period (by [`won_date`]).
    pub won: CountMoney,
    /// The won deals, in input order.
    pub won_deals: Vec<Id>,
    /// Lost in the period (by `closed`, else the latest history date).
    pub lost: CountMoney,
    /// The lost deals, in input order.
    pub lost_deals: Vec<Id>,
    /// Lost deals grouped by reason, most money first.
    pub lost_reasons: Vec<LostReason>,
    /// Open deals by client category (the current snapshot, not limited to the period).
    pub pipeline: PerCategory<CountMoney>,
    /// All open deals.
    pub pipeline_total: CountMoney,
    /// Deals on hold (not in the pipeline).
    pub on_hold: CountMoney,
}

/// Won and lost deals of `period` (count, money, reasons) and the open pipeline by category.
pub fn money_movement(
    p: &Project,
    deals: &[&Deal],
    cats: &Categories,
    period: Period,
) -> MoneyMovement {
    let idx = StageIndex::new(&p.stages);
    let mut m = MoneyMovement {
        won: CountMoney::default(),
        won_deals: vec![],
        lost: CountMoney::default(),
        lost_deals: vec![],
        lost_reasons: vec![],
        pipeline: PerCategory::default(),
        pipeline_total: CountMoney::default(),
        on_hold: CountMoney::default(),
    };
    let mut reason_at: HashMap<&str, usize> = HashMap::new();
    for d in deals {
        match d.status {
            DealStatus::Open => {
                m.pipeline.get_mut(deal_category(d, cats)).add(d.amount);
                m.pipeline_total.add(d.amount);
            }
            DealStatus::OnHold => m.on_hold.add(d.amount),
            DealStatus::Won => {
                if won_date_with(&idx, d).is_some_and(|w| period.contains(w)) {
                    m.won.add(d.amount);
                    m.won_deals.push(d.id);
                }
            }
            DealStatus::Lost => {
                if lost_date(d).is_some_and(|l| period.contains(l)) {
                    m.lost.add(d.amount);
                    m.lost_deals.push(d.id);
                    let reason = d.lost_reason.trim();
                    let i = *reason_at.entry(reason).or_insert_with(|| {
                        m.lost_reasons.push(LostReason {
                            reason: reason.to_string(),
                            count: 0,
                            money: Money::ZERO,
                            deal_ids: vec![],
                        });
                        m.lost_reasons.len() - 1
                    });
                    if let Some(r) = m.lost_reasons.get_mut(i) {
                        r.count += 1;
                        r.money += d.amount;
                        r.deal_ids.push(d.id);
                    }
                }
            }
        }
    }
    m.lost_reasons
        .sort_by(|a, b| b.money.cmp(&a.money).then(a.reason.cmp(&b.reason)));
    m
}

/// The configured win probability of each stage, % (`None` = unknown, not 0 %).
pub fn configured_probabilities(p: &Project) -> Vec<Option<f64>> {
    p.stages.iter().map(|s| s.win_probability).collect()
}

/// Historical odds of winning from a stage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StageOdds {
    /// Closed (won or lost) deals that reached the stage.
    pub closed: usize,
    /// Of them, won.
    pub won: usize,
    /// `won / closed × 100`; `None` when no closed deal reached the stage.
    pub pct: Option<f64>,
}

/// Historical win probability per stage index: among the closed deals (won or lost) that
/// reached the stage, the share that was won. Small samples give rough figures; `closed` says
/// how many deals stand behind each.
pub fn historical_probabilities(p: &Project, deals: &[&Deal]) -> Vec<StageOdds> {
    let idx = StageIndex::new(&p.stages);
    let mut won = vec![0usize; idx.len()];
    let mut lost = vec![0usize; idx.len()];
    for d in deals {
        let bucket = match d.status {
            DealStatus::Won => &mut won,
            DealStatus::Lost => &mut lost,
            _ => continue,
        };
        if let Some(c) = idx.max_reached(d).and_then(|m| bucket.get_mut(m)) {
            *c += 1;
        }
    }
    // Suffix sums turn "furthest stage = s" into "reached ≥ s".
    let mut out = vec![];
    let (mut w, mut l) = (0, 0);
    for s in (0..idx.len()).rev() {
        w += won.get(s).copied().unwrap_or(0);
        l += lost.get(s).copied().unwrap_or(0);
        out.push(StageOdds {
            closed: w + l,
            won: w,
            pct: ratio_pct(w as f64, (w + l) as f64),
        });
    }
    out.reverse();
    out
}

/// The `pct` of each [`StageOdds`], ready for [`weighted_pipeline`].
pub fn odds_as_probabilities(odds: &[StageOdds]) -> Vec<Option<f64>> {
    odds.iter().map(|o| o.pct).collect()
}

/// Σ amount × p(stage) over the open deals.
#[derive(Clone, Debug, PartialEq)]
pub struct WeightedPipeline {
    /// All open deals.
    pub open: CountMoney,
    /// Σ amount × p over the deals whose stage probability is known.
    pub weighted: Money,
    /// Open deals with a known probability (0 % included).
    pub known: CountMoney,
    /// Open deals whose stage has no probability (or whose stage is not in the list).
    pub unknown: CountMoney,
    /// The deals of `unknown`, in input order.
    pub unknown_deals: Vec<Id>,
    /// True when some amount has an unknown probability: `weighted` then covers only `known`.
    pub partial: bool,
}

/// Weighted pipeline of the open deals among `deals`: amount × p(current stage), with `probs`
/// indexed like `p.stages` ([`configured_probabilities`] or [`historical_probabilities`]).
/// A missing probability is not 0 %: those amounts are reported in `unknown` and the result is
/// `partial`. Probabilities are clamped to 0–100 %; a non-finite one counts as unknown.
pub fn weighted_pipeline(p: &Project, deals: &[&Deal], probs: &[Option<f64>]) -> WeightedPipeline {
    let idx = StageIndex::new(&p.stages);
    let mut w = WeightedPipeline {
        open: CountMoney::default(),
        weighted: Money::ZERO,
        known: CountMoney::default(),
        unknown: CountMoney::default(),
        unknown_deals: vec![],
        partial: false,
    };
    for d in deals.iter().filter(|d| d.status == DealStatus::Open) {
        w.open.add(d.amount);
        let prob = idx
            .current(d)
            .and_then(|s| probs.get(s).copied().flatten())
            .filter(|x| x.is_finite());
        match prob {
            Some(pct) => {
                w.known.add(d.amount);
                w.weighted += d.amount.percent(pct.clamp(0.0, 100.0));
            }
            None => {
                w.unknown.add(d.amount);
                w.unknown_deals.push(d.id);
            }
        }
    }
    w.partial = w.unknown.count > 0;
    w
}

/// Pipeline coverage of the remaining plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Coverage {
    /// `weighted / remaining plan × 100`; `None` when the remaining plan is zero or negative
    /// (the plan is met).
    pub pct: Option<f64>,
    /// The weighted figure leaves out amounts of unknown probability.
    pub partial: bool,
    /// The remaining plan the coverage was computed against.
    pub remaining_plan: Money,
}

/// Coverage = weighted pipeline / remaining plan (the plan minus the fact so far, a parameter).
pub fn coverage(w: &WeightedPipeline, remaining_plan: Money) -> Coverage {
    Coverage {
        pct: if remaining_plan > Money::ZERO {
            ratio_pct(w.weighted.as_f64(), remaining_plan.as_f64())
        } else {
            None
        },
        partial: w.partial,
        remaining_plan,
    }
}

/// Where the stage probabilities of a [`PlanCoverage`] come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbabilitySource {
    /// The stage list's own probabilities (at least one stage has one).
    Configured,
    /// No stage has a probability: each stage's historical win odds
    /// ([`historical_probabilities`]) stand in, as an estimate.
    Historical,
}

/// Plan coverage: the weighted pipeline of open deals against the remaining plan. The one
/// definition behind «Покрытие остатка плана» on Слой 2 → Метрики and the diagnosis.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanCoverage {
    pub source: ProbabilitySource,
    pub weighted: WeightedPipeline,
    /// `pct` is `None` when the remaining plan is zero or less, or when no open deal has a
    /// known probability (nothing to weigh).
    pub coverage: Coverage,
}

/// Plan coverage of `deals` as of `as_of`: weighted pipeline ([`weighted_pipeline`]) with the
/// configured stage probabilities, or the historical odds when none is configured, divided by
/// the remaining plan ([`remaining_plan`]).
pub fn plan_coverage(p: &Project, deals: &[&Deal], as_of: NaiveDate) -> PlanCoverage {
    let configured = configured_probabilities(p);
    let (source, probs) = if configured.iter().all(Option::is_none) {
        (
            ProbabilitySource::Historical,
            odds_as_probabilities(&historical_probabilities(p, deals)),
        )
    } else {
        (ProbabilitySource::Configured, configured)
    };
    let weighted = weighted_pipeline(p, deals, &probs);
    let mut coverage = coverage(&weighted, remaining_plan(p, as_of));
    if weighted.known.count == 0 {
        coverage.pct = None;
    }
    PlanCoverage {
        source,
        weighted,
        coverage,
    }
}

/// The plan left for the plan year as of `as_of`: the company plan minus the fact from the
/// year's start to `as_of` ([`crate::domain::layer1::fact_in_period`]); never below zero. The base of
/// [`coverage`].
pub fn remaining_plan(p: &Project, as_of: NaiveDate) -> Money {
    let year = Period::year(p.company.plan_year);
    if as_of < year.from {
        return p.layer1.company_plan.max(Money::ZERO);
    }
    let to_date = Period::new(year.from, as_of.min(year.to));
    let (fact, _) = crate::domain::layer1::fact_in_period(p, to_date, None);
    (p.layer1.company_plan - fact).max(Money::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::layer2::testkit::*;

    #[test]
    fn remaining_plan_of_the_demo_is_plan_minus_q1_fact() {
        let mut p = demo_project();
        assert_eq!(remaining_plan(&p, d(2025, 3, 31)), Money::units(752_000));
        // Before the plan year nothing is done yet; the fact never makes it negative.
        assert_eq!(remaining_plan(&p, d(2024, 12, 31)), Money::units(900_000));
        p.layer1.company_plan = Money::units(100);
        assert_eq!(remaining_plan(&p, d(2025, 3, 31)), Money::ZERO);
    }

    #[test]
    fn demo_open_pipeline_by_category() {
        let p = demo_project();
        let cats = demo_cats(&p);
        let m = money_movement(&p, &all(&p), &cats, Period::quarter(2025, 1));
        let cm = |count, units| CountMoney {
            count,
            money: Money::units(units),
        };
        assert_eq!(m.pipeline.a, cm(10, 273_000));
        assert_eq!(m.pipeline.b, cm(6, 20_300));
        assert_eq!(m.pipeline.c, cm(5, 4_250));
        assert_eq!(m.pipeline.n, CountMoney::default());
        assert_eq!(m.pipeline_total, cm(21, 297_550));
        assert_eq!(m.pipeline.total(), m.pipeline_total);
        assert_eq!(m.on_hold, CountMoney::default());
        // Q1 2025 in the generated demo history: D13 won (18.03), D20 lost (04.02, no budget).
        assert_eq!(codes(&p, &m.won_deals), ["D13"]);
        assert_eq!(m.won, cm(1, 4_800));
        assert_eq!(codes(&p, &m.lost_deals), ["D20"]);
        assert_eq!(m.lost, cm(1, 2_300));
        assert_eq!(m.lost_reasons.len(), 1);
        assert_eq!(m.lost_reasons[0].reason, "Нет бюджета");
        // 2024: D10 won, D17 lost in a tender.
        let y = money_movement(&p, &all(&p), &cats, Period::year(2024));
        assert_eq!(codes(&p, &y.won_deals), ["D10"]);
        assert_eq!(codes(&p, &y.lost_deals), ["D17"]);
        assert_eq!(y.lost_reasons[0].reason, "Тендер, цена");
        assert_eq!(y.lost_reasons[0].money, Money::units(5_200));
    }

    #[test]
    fn zero_percent_is_not_unknown() {
        let mut p = demo_project();
        for s in p.stages.iter_mut() {
            s.win_probability = None;
        }
        let i1 = spos(&p, "1");
        p.stages[i1].win_probability = Some(0.0);
        let w = weighted_pipeline(&p, &all(&p), &configured_probabilities(&p));
        assert_eq!(w.weighted, Money::ZERO);
        // The six stage-1 deals are known at 0 %; the other 15 are unknown.
        assert_eq!(w.known.count, 6);
        assert_eq!(w.known.money, Money::units(42_800));
        assert_eq!(w.unknown.count, 15);
        assert_eq!(w.unknown.money, Money::units(297_550 - 42_800));
        assert_eq!(w.unknown_deals.len(), 15);
        assert!(w.partial);
        assert_eq!(w.open.count, 21);
        let c = coverage(&w, Money::units(752_000));
        assert_eq!(c.pct, Some(0.0));
        assert!(c.partial);
        // Nothing known: still partial, and 0, not a made-up figure.
        let none = weighted_pipeline(&p, &all(&p), &vec![None; p.stages.len()]);
        assert_eq!((none.known.count, none.unknown.count), (0, 21));
        assert!(none.partial);
    }

    #[test]
    fn weighted_pipeline_and_coverage_on_the_demo() {
        let mut p = demo_project();
        for (code, pct) in [
            ("1", 5.0),
            ("2.1", 10.0),
            ("2.2", 20.0),
            ("2.3", 30.0),
            ("3", 40.0),
            ("4", 50.0),
            ("5", 60.0),
            ("6", 70.0),
            ("7", 85.0),
        ] {
            let i = spos(&p, code);
            p.stages[i].win_probability = Some(pct);
        }
        let w = weighted_pipeline(&p, &all(&p), &configured_probabilities(&p));
        assert!(!w.partial);
        assert_eq!(w.known.money, Money::units(297_550));
        // 2 140 + 3 180 + 5 070 + 13 770 + 14 760 + 900 + 34 800 + 21 000 + 21 250.
        assert_eq!(w.weighted, Money::units(116_870));
        // Remaining plan: 900 000 − 148 000 (Q1 fact) = 752 000.
        let c = coverage(&w, Money::units(752_000));
        assert_eq!(c.pct.map(|x| (x * 10.0).round() / 10.0), Some(15.5));
        assert!(!c.partial);
        assert_eq!(coverage(&w, Money::ZERO).pct, None);
        assert_eq!(coverage(&w, Money::units(-5)).pct, None);
        // Out-of-range probabilities are clamped, non-finite ones are unknown.
        let mut probs = configured_probabilities(&p);
        probs[spos(&p, "5")] = Some(150.0);
        probs[spos(&p, "7")] = Some(f64::NAN);
        let w2 = weighted_pipeline(&p, &all(&p), &probs);
        assert_eq!(
            w2.weighted,
            Money::units(116_870 - 34_800 + 58_000 - 21_250)
        );
        assert_eq!(w2.unknown.money, Money::units(25_000));
        assert!(w2.partial);
    }

    #[test]
    fn historical_probabilities_from_closed_deals() {
        let p = demo_project();
        let odds = historical_probabilities(&p, &all(&p));
        let at = |code: &str| odds[spos(&p, code)];
        // Closed: D10 won (10), D13 won (8), D17 lost (6), D20 lost (2.2).
        assert_eq!(
            (at("1").closed, at("1").won, at("1").pct),
            (4, 2, Some(50.0))
        );
        assert_eq!((at("2.3").closed, at("2.3").won), (3, 2));
        assert_eq!((at("7").closed, at("7").pct), (2, Some(100.0)));
        assert_eq!((at("10").closed, at("10").pct), (1, Some(100.0)));
        assert_eq!((at("11").closed, at("11").pct), (0, None));
        let probs = odds_as_probabilities(&odds);
        let w = weighted_pipeline(&p, &all(&p), &probs);
        // Every open deal sits at a stage some closed deal reached.
        assert!(!w.partial);
        assert!(w.weighted > Money::ZERO && w.weighted <= w.open.money);
    }
}
