//! Layer-4 documents (docs/METHOD.md §5): the КП for the ЛФР and the ТЭО for the ЛПР are a
//! project template with `{name}` placeholders, filled from a deal.
//!
//! A filled template is never HTML: [`render`] turns it into structured [`Block`]s (title,
//! headings, paragraphs, lists, tables) that the page builds as DOM nodes, so whatever the
//! user typed — in the template or in a deal — always appears as text.

use super::model::Proposal;
use super::money::Money;
use std::collections::HashMap;

/// What fills a placeholder.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Inline text.
    Text(String),
    /// A bulleted list (inline: items joined with «; »).
    List(Vec<String>),
    /// A table with a header row (inline: rows joined with «; »).
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

impl Value {
    fn inline(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::List(items) => items.join("; "),
            Value::Table { rows, .. } => rows
                .iter()
                .map(|r| r.join(" — "))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

/// One block of a rendered document.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Title(String),
    Heading(String),
    Paragraph(String),
    List(Vec<String>),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// Placeholder values by name.
pub type Values = HashMap<String, Value>;

/// Shown where a list or table placeholder has nothing to list.
pub const EMPTY: &str = "—";

/// Replaces the `{name}` placeholders of one line; unknown names stay as they are.
fn fill_line(line: &str, values: &Values) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.get(name) {
                    Some(v) => out.push_str(&v.inline()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A numbered section heading: `3. …` or `3.1. …`.
fn is_heading(line: &str) -> bool {
    let digits_end = line
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(line.len());
    let head = &line[..digits_end];
    !head.is_empty()
        && head.starts_with(|c: char| c.is_ascii_digit())
        && head.ends_with('.')
        && line[digits_end..].starts_with(' ')
}

/// Renders a template: the first non-empty line is the title, numbered lines are headings, a
/// line that is only a list or table placeholder becomes that list or table, other lines are
/// paragraphs with the placeholders filled in.
pub fn render(template: &str, values: &Values) -> Vec<Block> {
    let mut blocks = vec![];
    for raw in template.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if blocks.is_empty() {
            blocks.push(Block::Title(fill_line(line, values)));
            continue;
        }
        let whole = line
            .strip_prefix('{')
            .and_then(|l| l.strip_suffix('}'))
            .filter(|n| !n.contains(['{', '}']))
            .and_then(|n| values.get(n));
        match whole {
            Some(Value::List(items)) if items.is_empty() => {
                blocks.push(Block::Paragraph(EMPTY.to_string()))
            }
            Some(Value::List(items)) => blocks.push(Block::List(items.clone())),
            Some(Value::Table { rows, .. }) if rows.is_empty() => {
                blocks.push(Block::Paragraph(EMPTY.to_string()))
            }
            Some(Value::Table { head, rows }) => blocks.push(Block::Table {
                head: head.clone(),
                rows: rows.clone(),
            }),
            _ if is_heading(line) => blocks.push(Block::Heading(fill_line(line, values))),
            _ => blocks.push(Block::Paragraph(fill_line(line, values))),
        }
    }
    blocks
}

/// Placeholders of `template` that `values` does not fill, in order of first appearance.
pub fn unfilled(template: &str, values: &Values) -> Vec<String> {
    super::tools::placeholders(template)
        .into_iter()
        .filter(|n| !values.contains_key(n))
        .collect()
}

/// Sums of a КП's specification. Prices include VAT, as Russian КП usually state them
/// («в т.ч. НДС»): the gross is the sum of the lines, the VAT is the part of it at the rate,
/// the net the rest. All in kopecks, rounded half away from zero.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProposalTotals {
    /// Without VAT: gross − VAT.
    pub net: Money,
    /// VAT included in the gross; `None` when no rate is set.
    pub vat: Option<Money>,
    /// Σ qty × unit price (with VAT).
    pub gross: Money,
}

/// `num / den` rounded half away from zero (`den > 0`).
fn div_round(num: i128, den: i128) -> i128 {
    let q = num / den;
    let r = num % den;
    if 2 * r.abs() >= den {
        q + num.signum()
    } else {
        q
    }
}

/// Quantities are exact to this many decimals (qty × 10⁶ is an integer).
const QTY_SCALE: i128 = 1_000_000;

/// Amount of one specification line: qty × unit price, rounded half away from zero to the
/// kopeck (a non-finite qty counts as 0; qty is taken to 6 decimals, so 0,1 × 0,25 ₽ is
/// exactly 0,025 ₽ → 0,03 ₽, with no binary-float drift).
pub fn line_amount(qty: f64, unit_price: Money) -> Money {
    if !qty.is_finite() {
        return Money::ZERO;
    }
    let q = (qty * QTY_SCALE as f64).round() as i128;
    let v = div_round(q * i128::from(unit_price.0), QTY_SCALE);
    Money(v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
}

/// Totals of a proposal's specification (see [`ProposalTotals`]). A rate of −100 % or below,
/// or a non-finite one, counts as no rate.
pub fn proposal_totals(pr: &Proposal) -> ProposalTotals {
    let gross: Money = pr
        .lines
        .iter()
        .map(|l| line_amount(l.qty, l.unit_price))
        .sum();
    let vat = pr
        .vat_pct
        .filter(|v| v.is_finite() && *v > -100.0)
        .map(|v| {
            // The rate in hundredths of a percent: 20 % → 2000, so the VAT is exact integer maths.
            let h = (v * 100.0).round() as i128;
            Money(div_round(i128::from(gross.0) * h, 10_000 + h) as i64)
        });
    ProposalTotals {
        net: Money(gross.0 - vat.map_or(0, |v| v.0)),
        vat,
        gross,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::SpecLine;

    fn vals(pairs: &[(&str, Value)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn renders_title_headings_paragraphs_lists_and_tables() {
        let v = vals(&[
            ("client", Value::Text("ГОК «Малахит»".into())),
            ("needs", Value::List(vec!["A".into(), "B".into()])),
            (
                "spec",
                Value::Table {
                    head: vec!["Позиция".into()],
                    rows: vec![vec!["Насос".into()]],
                },
            ),
        ]);
        let t = "КП для {client}\n\n1. Задачи\n{needs}\nКратко: {needs}\n2. Цена\n{spec}\n{unknown} в тексте\n";
        let b = render(t, &v);
        assert_eq!(
            b,
            vec![
                Block::Title("КП для ГОК «Малахит»".into()),
                Block::Heading("1. Задачи".into()),
                Block::List(vec!["A".into(), "B".into()]),
                Block::Paragraph("Кратко: A; B".into()),
                Block::Heading("2. Цена".into()),
                Block::Table {
                    head: vec!["Позиция".into()],
                    rows: vec![vec!["Насос".into()]]
                },
                Block::Paragraph("{unknown} в тексте".into()),
            ]
        );
        assert_eq!(unfilled(t, &v), vec!["unknown".to_string()]);
    }

    #[test]
    fn user_text_stays_text_and_edge_cases_do_not_panic() {
        let v = vals(&[("x", Value::Text("<script>alert(1)</script>".into()))]);
        let b = render("Title\n{x}\n{ broken\n}{\n", &v);
        assert_eq!(b[1], Block::Paragraph("<script>alert(1)</script>".into()));
        assert_eq!(b[2], Block::Paragraph("{ broken".into()));
        assert!(render("", &v).is_empty());
        assert!(render("\n  \n", &v).is_empty());
        let empty = vals(&[("l", Value::List(vec![]))]);
        assert_eq!(render("T\n{l}", &empty)[1], Block::Paragraph(EMPTY.into()));
        // "10 000 ₽" is no heading, "2024. Итоги" without a space after the dot neither.
        assert!(is_heading("10. Следующий шаг"));
        assert!(is_heading("3.1. Подраздел"));
        assert!(!is_heading("10 000 ₽"));
        assert!(!is_heading("Итого: 1."));
        assert!(!is_heading("2024.Итоги"));
    }

    #[test]
    fn proposal_totals_include_vat() {
        let mut pr = Proposal::default();
        assert_eq!(proposal_totals(&pr).gross, Money::ZERO);
        assert_eq!(proposal_totals(&pr).vat, None);
        pr.lines = vec![
            SpecLine {
                name: "Насос".into(),
                qty: 2.0,
                unit_price: Money::units(600),
            },
            SpecLine {
                name: "Монтаж".into(),
                qty: f64::NAN,
                unit_price: Money::units(100),
            },
        ];
        pr.vat_pct = Some(20.0);
        let t = proposal_totals(&pr);
        assert_eq!(t.gross, Money::units(1_200));
        assert_eq!(t.vat, Some(Money::units(200)));
        assert_eq!(t.net, Money::units(1_000));
        pr.vat_pct = Some(0.0);
        assert_eq!(proposal_totals(&pr).vat, Some(Money::ZERO));
        assert_eq!(proposal_totals(&pr).net, Money::units(1_200));
        pr.vat_pct = None;
        assert_eq!(proposal_totals(&pr).net, Money::units(1_200));
        pr.vat_pct = Some(-100.0);
        assert_eq!(proposal_totals(&pr).vat, None);
        pr.vat_pct = Some(f64::INFINITY);
        assert_eq!(proposal_totals(&pr).vat, None);
    }

    #[test]
    fn fractional_quantities_round_half_away_from_zero_to_kopecks() {
        // 0,5 × 0,05 ₽ = 0,025 ₽ → 0,03 ₽; 0,1 × 0,25 ₽ likewise (0,1 is no exact binary float).
        assert_eq!(line_amount(0.5, Money(5)), Money(3));
        assert_eq!(line_amount(0.1, Money(25)), Money(3));
        assert_eq!(line_amount(0.3, Money(5)), Money(2));
        assert_eq!(line_amount(-0.5, Money(5)), Money(-3));
        assert_eq!(line_amount(2.5, Money(1)), Money(3));
        assert_eq!(line_amount(1.333, Money::units(300)), Money(39_990));
        assert_eq!(line_amount(0.0, Money::units(7)), Money::ZERO);
        assert_eq!(line_amount(f64::NAN, Money::units(7)), Money::ZERO);
        assert_eq!(line_amount(f64::INFINITY, Money::units(7)), Money::ZERO);
        // VAT 20 % inside 100,01 ₽ is 16,668… ₽ → 16,67 ₽; net 83,34 ₽.
        let pr = Proposal {
            lines: vec![SpecLine {
                name: "Уплотнение".into(),
                qty: 1.0,
                unit_price: Money(10_001),
            }],
            vat_pct: Some(20.0),
            ..Proposal::default()
        };
        let t = proposal_totals(&pr);
        assert_eq!(
            (t.gross, t.vat, t.net),
            (Money(10_001), Some(Money(1_667)), Money(8_334))
        );
        // Halves go away from zero, both ways.
        assert_eq!(div_round(5, 2), 3);
        assert_eq!(div_round(-5, 2), -3);
        assert_eq!(div_round(4, 3), 1);
    }
}
