//! Reporting periods: an inclusive range of dates (a quarter, a year, a custom range).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// An inclusive date range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Period {
        if from <= to {
            Period { from, to }
        } else {
            Period { from: to, to: from }
        }
    }
    pub fn year(y: i32) -> Period {
        Period {
            from: ymd(y, 1, 1),
            to: ymd(y, 12, 31),
        }
    }
    /// Month `m` (1–12) of year `y`.
    pub fn month(y: i32, m: u32) -> Period {
        let m = m.clamp(1, 12);
        let from = ymd(y, m, 1);
        let to = if m == 12 {
            ymd(y, 12, 31)
        } else {
            ymd(y, m + 1, 1).pred_opt().unwrap_or(from)
        };
        Period { from, to }
    }
    /// Quarter `q` (1–4) of year `y`.
    pub fn quarter(y: i32, q: u32) -> Period {
        let q = q.clamp(1, 4);
        let from = ymd(y, 3 * (q - 1) + 1, 1);
        let to = if q == 4 {
            ymd(y, 12, 31)
        } else {
            ymd(y, 3 * q + 1, 1).pred_opt().unwrap_or(from)
        };
        Period { from, to }
    }
    /// The quarter that contains `d`.
    pub fn quarter_of(d: NaiveDate) -> Period {
        Period::quarter(d.year(), (d.month() - 1) / 3 + 1)
    }
    /// From the start of the quarter of `d` to `d`.
    pub fn quarter_to_date(d: NaiveDate) -> Period {
        Period {
            from: Period::quarter_of(d).from,
            to: d,
        }
    }
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }
    /// Days in the period, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The period's share of a year, by calendar months (docs/METHOD.md, «доля периода»): a
    /// whole month is 1/12, a whole quarter 1/4, a whole year 1; a month covered in part counts
    /// the fraction of its days covered. A period over several years adds up (two years = 2).
    /// This is the one rule that turns a yearly need (leads, touch points) into a period's need.
    pub fn year_share(&self) -> f64 {
        // Whole months are counted apart, so that a quarter is exactly 3/12.
        let mut whole = 0u32;
        let mut part = 0.0;
        let mut m = Period::month(self.from.year(), self.from.month());
        loop {
            let from = m.from.max(self.from);
            let to = m.to.min(self.to);
            if from == m.from && to == m.to {
                whole += 1;
            } else if from <= to {
                part += ((to - from).num_days() + 1) as f64 / m.days() as f64;
            }
            let Some(next) = m.to.succ_opt() else { break };
            if m.to >= self.to {
                break;
            }
            m = Period::month(next.year(), next.month());
        }
        (f64::from(whole) + part) / 12.0
    }

    /// The quarter the screens report leads and touch points for: the quarter of `as_of` up to
    /// `as_of` (the whole quarter on its last day). The one period of the dashboard, the layer-2
    /// and layer-3 metrics (by default), the layer report and the diagnosis (by default), so
    /// that they show the same figures; its needs and targets are the yearly ones × its share of
    /// the year ([`Period::year_share`]).
    pub fn reporting_quarter(as_of: NaiveDate) -> Period {
        Period::quarter_to_date(as_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters() {
        let q1 = Period::quarter(2025, 1);
        assert_eq!((q1.from, q1.to), (ymd(2025, 1, 1), ymd(2025, 3, 31)));
        assert_eq!(q1.days(), 90);
        assert_eq!(Period::quarter(2025, 4).to, ymd(2025, 12, 31));
        assert_eq!(Period::month(2024, 2).days(), 29);
        assert_eq!(Period::month(2025, 12).to, ymd(2025, 12, 31));
        assert_eq!(Period::month(2025, 13), Period::month(2025, 12));
        assert_eq!(
            Period::quarter_of(ymd(2025, 5, 7)),
            Period::quarter(2025, 2)
        );
        assert!(q1.contains(ymd(2025, 3, 31)) && !q1.contains(ymd(2025, 4, 1)));
        assert_eq!(
            Period::new(ymd(2025, 2, 1), ymd(2025, 1, 1)).from,
            ymd(2025, 1, 1)
        );
    }

    #[test]
    fn year_share_is_by_calendar_months() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert!(close(Period::quarter(2025, 1).year_share(), 0.25));
        assert!(close(Period::quarter(2024, 1).year_share(), 0.25)); // leap year too
        assert!(close(Period::quarter(2025, 4).year_share(), 0.25));
        assert!(close(Period::month(2025, 2).year_share(), 1.0 / 12.0));
        assert!(close(Period::year(2025).year_share(), 1.0));
        // Half of April (15 of 30 days) = 1/24.
        let half = Period::new(ymd(2025, 4, 1), ymd(2025, 4, 15));
        assert!(close(half.year_share(), 1.0 / 24.0));
        // 16.01–15.02.2025: 16/31 of January + 15/28 of February.
        let across = Period::new(ymd(2025, 1, 16), ymd(2025, 2, 15));
        assert!(close(
            across.year_share(),
            (16.0 / 31.0 + 15.0 / 28.0) / 12.0
        ));
        // One day; two years; 31 December.
        assert!(close(
            Period::new(ymd(2025, 3, 5), ymd(2025, 3, 5)).year_share(),
            1.0 / 31.0 / 12.0
        ));
        assert!(close(
            Period::new(ymd(2024, 1, 1), ymd(2025, 12, 31)).year_share(),
            2.0
        ));
        assert!(close(Period::month(2025, 12).year_share(), 1.0 / 12.0));
        // 65 leads a year → 16.25 in Q1, whatever the quarter's days.
        assert!(close(65.0 * Period::quarter(2025, 1).year_share(), 16.25));
        assert_eq!(
            Period::reporting_quarter(ymd(2025, 3, 31)),
            Period::quarter(2025, 1)
        );
        assert_eq!(
            Period::reporting_quarter(ymd(2025, 5, 10)),
            Period::new(ymd(2025, 4, 1), ymd(2025, 5, 10))
        );
    }
}
