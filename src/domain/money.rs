//! Money and percentages.
//!
//! Money is kept as an integer number of hundredths of the project's money unit (for the demo
//! the unit is «тыс. ₽», so `Money(100)` is 1 тыс. ₽). Sums of thousands of deals therefore never
//! drift the way `f64` sums do. In files it is written as a plain decimal number (`58000` or
//! `1234.5`), so a consultant can read an exported project.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// An amount of money in hundredths of the project's unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);

    /// Whole units (e.g. `Money::units(58_000)` is 58 000 тыс. ₽ in the demo).
    pub const fn units(u: i64) -> Money {
        Money(u * 100)
    }

    /// Rounds a decimal amount to hundredths (half away from zero).
    pub fn from_f64(x: f64) -> Money {
        if !x.is_finite() {
            return Money::ZERO;
        }
        Money((x * 100.0).round() as i64)
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `self × pct / 100`, rounded to hundredths.
    pub fn percent(self, pct: f64) -> Money {
        Money::from_f64(self.as_f64() * pct / 100.0)
    }

    /// Splits `self` into parts proportional to `weights`; the parts add up exactly to `self`
    /// (the largest-remainder method hands out the leftover hundredths).
    pub fn split(self, weights: &[f64]) -> Vec<Money> {
        let total: f64 = weights.iter().filter(|w| w.is_finite() && **w > 0.0).sum();
        if weights.is_empty() {
            return vec![];
        }
        if total <= 0.0 {
            let mut v = vec![Money::ZERO; weights.len()];
            v[0] = self;
            return v;
        }
        let raw: Vec<f64> = weights
            .iter()
            .map(|w| {
                if w.is_finite() && *w > 0.0 {
                    self.0 as f64 * w / total
                } else {
                    0.0
                }
            })
            .collect();
        let mut parts: Vec<i64> = raw.iter().map(|r| r.floor() as i64).collect();
        let mut left = self.0 - parts.iter().sum::<i64>();
        let mut order: Vec<usize> = (0..raw.len()).collect();
        order.sort_by(|&a, &b| {
            let fa = raw[a] - raw[a].floor();
            let fb = raw[b] - raw[b].floor();
            fb.partial_cmp(&fa)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.cmp(&b))
        });
        let mut i = 0;
        while left > 0 && !order.is_empty() {
            parts[order[i % order.len()]] += 1;
            left -= 1;
            i += 1;
        }
        while left < 0 && !order.is_empty() {
            parts[order[i % order.len()]] -= 1;
            left += 1;
            i += 1;
        }
        parts.into_iter().map(Money).collect()
    }

    /// The amount in whole roubles, rounded half away from zero: what documents print
    /// (a КП or ТЭО states «9 666 667 ₽», not «9 666,67 тыс. ₽»). Saturates at `i64`.
    pub fn whole_roubles(self, unit: super::MoneyUnit) -> i64 {
        let per_unit: i128 = match unit {
            super::MoneyUnit::Rub => 1,
            super::MoneyUnit::ThousandRub => 1_000,
            super::MoneyUnit::MillionRub => 1_000_000,
        };
        // self.0 is hundredths of a unit: roubles = self.0 × per_unit / 100.
        let num = i128::from(self.0) * per_unit;
        let q = num / 100;
        let r = num % 100;
        let v = if 2 * r.abs() >= 100 {
            q + num.signum()
        } else {
            q
        };
        v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0.saturating_add(o.0))
    }
}
impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0.saturating_sub(o.0))
    }
}
impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}
impl AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        *self = *self + o;
    }
}
impl SubAssign for Money {
    fn sub_assign(&mut self, o: Money) {
        *self = *self - o;
    }
}
impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}
impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

impl fmt::Display for Money {
    /// Plain decimal with a dot, as in files: `1234.5`, `-3`, `0.05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let neg = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let (int, frac) = (abs / 100, abs % 100);
        if neg {
            write!(f, "-")?;
        }
        if frac == 0 {
            write!(f, "{int}")
        } else if frac % 10 == 0 {
            write!(f, "{int}.{}", frac / 10)
        } else {
            write!(f, "{int}.{frac:02}")
        }
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            s.serialize_i64(self.0 / 100)
        } else {
            // The shortest decimal that parses back to the same hundredths.
            s.serialize_f64(self.as_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a money amount (number)")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Money, E> {
                v.checked_mul(100)
                    .map(Money)
                    .ok_or_else(|| E::custom("amount too large"))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Money, E> {
                i64::try_from(v)
                    .ok()
                    .and_then(|v| v.checked_mul(100))
                    .map(Money)
                    .ok_or_else(|| E::custom("amount too large"))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Money, E> {
                if !v.is_finite() || v.abs() > 9.0e13 {
                    return Err(E::custom("amount out of range"));
                }
                Ok(Money::from_f64(v))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "description": "Amount in the project's money unit, at most two decimals"
        })
    }
}

/// `part / whole × 100`, or `None` when the whole is zero (unknown, not 0 %).
pub fn ratio_pct(part: f64, whole: f64) -> Option<f64> {
    if whole == 0.0 || !whole.is_finite() || !part.is_finite() {
        None
    } else {
        Some(part / whole * 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_roubles_of_each_unit_round_half_away_from_zero() {
        use crate::domain::MoneyUnit;
        assert_eq!(
            Money(966_667).whole_roubles(MoneyUnit::ThousandRub),
            9_666_670
        );
        assert_eq!(Money(150).whole_roubles(MoneyUnit::Rub), 2);
        assert_eq!(Money(-150).whole_roubles(MoneyUnit::Rub), -2);
        assert_eq!(Money(149).whole_roubles(MoneyUnit::Rub), 1);
        assert_eq!(Money(1).whole_roubles(MoneyUnit::MillionRub), 10_000);
        assert_eq!(Money::ZERO.whole_roubles(MoneyUnit::ThousandRub), 0);
        assert_eq!(
            Money(i64::MAX).whole_roubles(MoneyUnit::MillionRub),
            i64::MAX
        );
    }

    #[test]
    fn sums_do_not_drift() {
        let total: Money = std::iter::repeat_n(Money::from_f64(0.1), 10_000).sum();
        assert_eq!(total, Money::units(1000));
    }

    #[test]
    fn json_round_trip_keeps_hundredths() {
        for v in [0, 1, 5, 10, 99, 100, 123_456_789, -250, -1] {
            let m = Money(v);
            let s = serde_json::to_string(&m).unwrap();
            let back: Money = serde_json::from_str(&s).unwrap();
            assert_eq!(back, m, "{s}");
        }
        assert_eq!(
            serde_json::to_string(&Money::units(58_000)).unwrap(),
            "58000"
        );
        assert_eq!(
            serde_json::from_str::<Money>("1234.56").unwrap(),
            Money(123_456)
        );
        assert!(serde_json::from_str::<Money>("\"x\"").is_err());
        assert!(serde_json::from_str::<Money>("1e300").is_err());
    }

    #[test]
    fn split_adds_up_exactly() {
        let parts = Money::units(900_000).split(&[78.0, 15.0, 7.0]);
        assert_eq!(
            parts,
            vec![
                Money::units(702_000),
                Money::units(135_000),
                Money::units(63_000)
            ]
        );
        let parts = Money(100).split(&[1.0, 1.0, 1.0]);
        assert_eq!(parts.iter().sum::<Money>(), Money(100));
        assert_eq!(parts, vec![Money(34), Money(33), Money(33)]);
        assert_eq!(Money(7).split(&[0.0, 0.0]), vec![Money(7), Money(0)]);
        assert!(Money(7).split(&[]).is_empty());
    }

    #[test]
    fn ratio_of_zero_is_unknown() {
        assert_eq!(ratio_pct(1.0, 0.0), None);
        assert_eq!(ratio_pct(0.0, 4.0), Some(0.0));
    }

    #[test]
    fn display_is_plain_decimal() {
        assert_eq!(Money(123_450).to_string(), "1234.5");
        assert_eq!(Money(-5).to_string(), "-0.05");
        assert_eq!(Money::units(7).to_string(), "7");
    }
}
