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
}
