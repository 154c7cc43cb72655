//! Layer-4 documents (docs/METHOD.md §5): the КП for the ЛФР and the ТЭО for the ЛПР are a
//! project template with `{name}` placeholders, filled from a deal.
//!
//! A filled template is never HTML: [`render`] turns it into structured [`Block`]s (title,
//! headings, paragraphs, lists, tables) that the page builds as DOM nodes, so whatever the
//! user typed — in the template or in a deal — always appears as text.

use super::model::{Deal, MoneyLine, MoneyUnit, Project, Proposal, Role};
use super::money::Money;
use super::teo::{self, SensitivityRow, Tco, TeoIndicators, TeoInputs};
use super::tools;
use chrono::NaiveDate;
use std::collections::HashMap;

/// What fills a placeholder. An empty value (blank text, no items, no rows) is left out of
/// the document with the line, and a section left with nothing, around it ([`render`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Inline text.
    Text(String),
    /// A bulleted list (inline: items joined with «; »).
    List(Vec<String>),
    /// A table with a header row (inline: rows joined with «; »); the columns from `num_from`
    /// on hold numbers (right-aligned, never wrapped).
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
        num_from: usize,
    },
}

impl Value {
    fn inline(&self) -> String {
        match self {
            Value::Text(t) => t.trim().to_string(),
            Value::List(items) => items.join("; "),
            Value::Table { rows, .. } => rows
                .iter()
                .map(|r| r.join(" — "))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// Nothing to show: blank text, an empty list or a table without rows.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Text(t) => t.trim().is_empty(),
            Value::List(items) => items.iter().all(|i| i.trim().is_empty()),
            Value::Table { rows, .. } => rows.is_empty(),
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
    /// A table; `foot` are the lines that follow it in its section (its totals), printed on
    /// the same page as its last rows.
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
        num_from: usize,
        foot: Vec<String>,
    },
}

/// Placeholder values by name.
pub type Values = HashMap<String, Value>;

/// Stands for an empty value while a line is filled, then goes with its separator.
const GAP: char = '\u{1}';

/// Replaces the `{name}` placeholders of one line; unknown names stay as they are. Empty values
/// go with the separator next to them («Кому: Петров, , ГОК» → «Кому: Петров, ГОК»).
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
                    Some(v) if v.is_empty() => out.push(GAP),
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
    if !out.contains(GAP) {
        return out;
    }
    tidy(&out)
}

/// Takes the empty values ([`GAP`]) out of a filled line with what only they needed: in a
/// list of «, »-separated parts, a part that ends in an empty value goes, its label too
/// («наш вариант {}»), but a leading «Label: » stays for the next part («Кому: {}, Петров» →
/// «Кому: Петров»); a label left with nothing goes («Итого: 5 ₽, в т.ч. НДС: {}» → «Итого:
/// 5 ₽»). An empty value elsewhere is just left out.
fn tidy(line: &str) -> String {
    let mut kept: Vec<String> = vec![];
    let mut label: Option<&str> = None;
    for part in line.split(", ") {
        let core = part.trim_end_matches(['.', ';', ' ']);
        if let Some(before) = core.strip_suffix(GAP) {
            if let Some(i) = before.rfind(": ").filter(|i| !before[..*i].contains(GAP)) {
                label = Some(&before[..i + 2]);
            }
            continue;
        }
        let part = part.replace(GAP, "");
        if part.trim().is_empty() {
            continue;
        }
        match label.take() {
            Some(l) => kept.push(format!("{l}{part}")),
            None => kept.push(part),
        }
    }
    kept.join(", ").trim().to_string()
}

/// The known placeholders of a line and whether every one of them is empty (a line made only
/// of empty values is left out).
fn all_empty(line: &str, values: &Values) -> bool {
    let known: Vec<&Value> = super::tools::placeholders(line)
        .iter()
        .filter_map(|n| values.get(n))
        .collect();
    !known.is_empty() && known.iter().all(|v| v.is_empty())
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

/// A heading with its leading section number replaced by `n` (`5. Цена` → `4. Цена`,
/// `5.1. …` → `4.1. …`).
fn renumber(heading: &str, n: usize) -> String {
    match heading.find('.') {
        Some(dot) if heading[..dot].chars().all(|c| c.is_ascii_digit()) => {
            format!("{n}{}", &heading[dot..])
        }
        _ => heading.to_string(),
    }
}

/// Whether a heading is a top-level one (`3. …`, not `3.1. …`).
fn is_top_heading(heading: &str) -> bool {
    let digits_end = heading
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(heading.len());
    heading[..digits_end].matches('.').count() == 1
}

/// A section of a rendered template: its heading (with whether the heading states a value
/// itself) and its blocks; the part before the first heading has none.
type Section = (Option<(String, bool)>, Vec<Block>);

/// Renders a template: the first non-empty line is the title, numbered lines are headings, a
/// line that is only a list or table placeholder becomes that list or table, other lines are
/// paragraphs with the placeholders filled in; the lines right after a table, up to the next
/// heading, are its foot (totals).
///
/// Nothing empty is printed: a line whose placeholders are all empty is left out (a table's
/// foot with its table), a heading whose section is left with nothing is left out, and the
/// top-level sections are numbered again in order.
pub fn render(template: &str, values: &Values) -> Vec<Block> {
    let mut title = None;
    // Sections: (heading and whether it states a value itself, blocks).
    let mut sections: Vec<Section> = vec![(None, vec![])];
    // Inside a section whose heading was left out, or after a left-out table (its foot).
    let mut skip_section = false;
    let mut skip_foot = false;
    for raw in template.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if title.is_none() {
            title = Some(fill_line(line, values));
            continue;
        }
        let whole = line
            .strip_prefix('{')
            .and_then(|l| l.strip_suffix('}'))
            .filter(|n| !n.contains(['{', '}']))
            .and_then(|n| values.get(n));
        if whole.is_none() && is_heading(line) {
            skip_section = all_empty(line, values);
            skip_foot = false;
            let states = super::tools::placeholders(line)
                .iter()
                .any(|n| values.contains_key(n));
            if !skip_section {
                sections.push((Some((fill_line(line, values), states)), vec![]));
            }
            continue;
        }
        if skip_section {
            continue;
        }
        let Some((_, blocks)) = sections.last_mut() else {
            continue;
        };
        match whole {
            Some(Value::Table { rows, .. }) if rows.is_empty() => skip_foot = true,
            Some(Value::Table {
                head,
                rows,
                num_from,
            }) => {
                skip_foot = false;
                blocks.push(Block::Table {
                    head: head.clone(),
                    rows: rows.clone(),
                    num_from: *num_from,
                    foot: vec![],
                })
            }
            Some(Value::List(items)) => {
                skip_foot = false;
                let items: Vec<String> = items
                    .iter()
                    .map(|i| i.trim())
                    .filter(|i| !i.is_empty())
                    .map(String::from)
                    .collect();
                if !items.is_empty() {
                    blocks.push(Block::List(items))
                }
            }
            _ if skip_foot || all_empty(line, values) => {}
            _ => {
                let text = fill_line(line, values);
                match blocks.last_mut() {
                    _ if text.is_empty() => {}
                    Some(Block::Table { foot, .. }) => foot.push(text),
                    _ => blocks.push(Block::Paragraph(text)),
                }
            }
        }
    }
    let headings_top: Vec<bool> = sections
        .iter()
        .map(|(h, _)| h.as_ref().is_some_and(|(h, _)| is_top_heading(h)))
        .collect();
    // A section is kept when it has blocks or its heading states a value; a top-level heading
    // also when one of its sub-sections is kept.
    let kept: Vec<bool> = sections
        .iter()
        .map(|(h, blocks)| !blocks.is_empty() || h.as_ref().is_some_and(|(_, states)| *states))
        .collect();
    let mut out: Vec<Block> = title.into_iter().map(Block::Title).collect();
    let mut n = 0;
    for (i, (heading, blocks)) in sections.into_iter().enumerate() {
        let Some((h, _)) = heading else {
            out.extend(blocks);
            continue;
        };
        let top = is_top_heading(&h);
        let keep = kept[i]
            || (top
                && kept[i + 1..]
                    .iter()
                    .zip(&headings_top[i + 1..])
                    .take_while(|(_, t)| !**t)
                    .any(|(k, _)| *k));
        if !keep {
            continue;
        }
        if top {
            n += 1;
        }
        out.push(Block::Heading(if n > 0 { renumber(&h, n) } else { h }));
        out.extend(blocks);
    }
    out
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
    totals_of(gross, pr.vat_pct, 1)
}

/// The totals as a document states them, in whole roubles (as [`Money`] of
/// [`MoneyUnit::Rub`]): the gross converted from the project's unit, the VAT inside it computed
/// on roubles (58 000 тыс. ₽ at 20 % → 9 666 667 ₽, not 9 666,67 тыс. ₽ = 9 666 670 ₽), the
/// net the rest, so that the three add up.
pub fn proposal_totals_rub(pr: &Proposal, unit: MoneyUnit) -> ProposalTotals {
    let t = proposal_totals(pr);
    let gross = Money::units(t.gross.whole_roubles(unit));
    totals_of(gross, pr.vat_pct, 100)
}

/// [`ProposalTotals`] of a gross at a VAT rate, the VAT rounded to `round` hundredths.
fn totals_of(gross: Money, vat_pct: Option<f64>, round: i128) -> ProposalTotals {
    let vat = vat_pct.filter(|v| v.is_finite() && *v > -100.0).map(|v| {
        // The rate in hundredths of a percent: 20 % → 2000, so the VAT is exact integer maths.
        let h = (v * 100.0).round() as i128;
        let exact = div_round(i128::from(gross.0) * h, 10_000 + h);
        Money((div_round(exact, round) * round) as i64)
    });
    ProposalTotals {
        net: Money(gross.0 - vat.map_or(0, |v| v.0)),
        vat,
        gross,
    }
}

/// A person a document names: the name and position as entered for the deal's contact.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Person {
    pub name: String,
    pub position: String,
}

/// What every document of a deal names in its head.
#[derive(Clone, Debug, PartialEq)]
pub struct DocHead {
    /// The client's name (empty when the deal has none).
    pub client: String,
    /// Our company.
    pub supplier: String,
    /// The project's «as of» date.
    pub date: NaiveDate,
    /// The deal's code (the КП number is built from it) and title (subject, solution).
    pub deal_code: String,
    pub subject: String,
    pub lfr: Person,
    pub lpr: Person,
    /// The deal's next step (КП: «Следующий шаг», ТЭО: «График внедрения»).
    pub next_step: String,
    /// The project's money unit; documents print whole roubles ([`Money::whole_roubles`]).
    pub unit: MoneyUnit,
}

/// What an advantage of ours answers in the КП.
#[derive(Clone, Debug, PartialEq)]
pub enum AdvantageFor {
    /// A need of the deal (from the channel's advantage matrix).
    Need(String),
    /// A decision criterion of a role.
    Criterion { owner: Role, text: String },
}

/// One row of the КП's «how the solution answers your needs and criteria».
#[derive(Clone, Debug, PartialEq)]
pub struct AdvantageRow {
    pub target: AdvantageFor,
    pub advantage: String,
    /// The matrix strength (1..=[`tools::MAX_STRENGTH`]) for a need; `None` for a criterion
    /// (matched, no strength).
    pub strength: Option<u8>,
}

/// One specification line with its amount ([`line_amount`]).
#[derive(Clone, Debug, PartialEq)]
pub struct SpecRow {
    pub name: String,
    pub qty: f64,
    pub unit_price: Money,
    pub amount: Money,
}

/// Everything the КП of a deal states (docs/METHOD.md §5.1), as typed values; the wording is
/// `i18n::docs`, the layout the project's template.
#[derive(Clone, Debug, PartialEq)]
pub struct Kp {
    pub head: DocHead,
    /// The deal's needs as text (linked needs take the matrix text when the deal's is empty).
    pub needs: Vec<String>,
    pub advantages: Vec<AdvantageRow>,
    /// Proofs of the advantages used, each once.
    pub proofs: Vec<String>,
    pub tco: Option<Tco>,
    pub spec: Vec<SpecRow>,
    /// In whole roubles ([`proposal_totals_rub`]), as [`Money`] of [`MoneyUnit::Rub`].
    pub totals: ProposalTotals,
    pub vat_pct: Option<f64>,
    pub delivery: String,
    pub payment: String,
    pub warranty: String,
    pub validity_days: Option<u32>,
    /// The deal's manager (empty when none).
    pub manager: String,
}

/// Everything the ТЭО of a deal states (docs/METHOD.md §5.2).
#[derive(Clone, Debug, PartialEq)]
pub struct TeoDoc {
    pub head: DocHead,
    /// Whether the deal has a ТЭО recorded; without one the figures are those of an empty ТЭО
    /// and the document draws no conclusion.
    pub recorded: bool,
    pub indicators: TeoIndicators,
    pub horizon_years: u32,
    pub discount_rate: f64,
    /// The current costs and losses, as entered.
    pub baseline: String,
    pub investment_lines: Vec<MoneyLine>,
    pub salvage: Money,
    pub opex_lines: Vec<MoneyLine>,
    pub savings_lines: Vec<MoneyLine>,
    pub sensitivity: Vec<SensitivityRow>,
    /// [`tools::economically_justified`] of a recorded ТЭО; `None` without one.
    pub justified: Option<bool>,
}

fn person(p: &Project, d: &Deal, role: Role) -> Person {
    d.client_id
        .and_then(|c| {
            p.contacts
                .iter()
                .find(|k| k.client_id == c && k.roles.contains(&role))
        })
        .map(|k| Person {
            name: k.name.trim().to_string(),
            position: k.position.trim().to_string(),
        })
        .unwrap_or_default()
}

/// The head of a document of deal `d` as of `as_of`.
pub fn doc_head(p: &Project, d: &Deal, as_of: NaiveDate) -> DocHead {
    DocHead {
        client: d
            .client_id
            .and_then(|c| p.client(c))
            .map(|c| c.name.trim().to_string())
            .unwrap_or_default(),
        supplier: p.company.name.trim().to_string(),
        date: as_of,
        deal_code: d.code.clone(),
        subject: d.title.trim().to_string(),
        lfr: person(p, d, Role::Lfr),
        lpr: person(p, d, Role::Lpr),
        next_step: d.next_step.trim().to_string(),
        unit: p.company.money_unit,
    }
}

/// The text of a deal's need: its own, else the linked matrix need's.
fn need_text(p: &Project, n: &super::model::DealNeed) -> String {
    if n.text.trim().is_empty() {
        n.need_id
            .and_then(|id| p.layer4.needs.iter().find(|x| x.id == id))
            .map(|x| x.text.trim().to_string())
            .unwrap_or_default()
    } else {
        n.text.trim().to_string()
    }
}

/// The КП of deal `d` as of `as_of`: the one function the Документы tab prints.
pub fn kp(p: &Project, d: &Deal, as_of: NaiveDate) -> Kp {
    let needs: Vec<String> = d
        .needs
        .iter()
        .map(|n| need_text(p, n))
        .filter(|s| !s.is_empty())
        .collect();
    let adv = |id| p.layer4.advantages.iter().find(|a| a.id == id);
    let mut advantages = vec![];
    let mut proofs: Vec<String> = vec![];
    let mut add_proof = |a: &super::model::Advantage| {
        let proof = a.proof.trim();
        if !proof.is_empty() && !proofs.iter().any(|x| x == proof) {
            proofs.push(proof.to_string())
        }
    };
    if let Some(ch) = d.channel_id {
        let m = tools::advantage_matrix(p, ch);
        for n in &d.needs {
            let Some(nid) = n.need_id else { continue };
            for aid in &m.advantages {
                let s = m.strength(nid, *aid);
                if s > 0 {
                    if let Some(a) = adv(*aid) {
                        advantages.push(AdvantageRow {
                            target: AdvantageFor::Need(need_text(p, n)),
                            advantage: a.text.trim().to_string(),
                            strength: Some(s),
                        });
                        add_proof(a);
                    }
                }
            }
        }
    }
    for c in &d.criteria {
        if let Some(a) = c.advantage_id.and_then(adv) {
            advantages.push(AdvantageRow {
                target: AdvantageFor::Criterion {
                    owner: c.owner,
                    text: c.text.trim().to_string(),
                },
                advantage: a.text.trim().to_string(),
                strength: None,
            });
            add_proof(a);
        }
    }
    let pr = &d.proposal;
    Kp {
        head: doc_head(p, d, as_of),
        needs,
        advantages,
        proofs,
        tco: d
            .teo
            .as_ref()
            .and_then(|t| teo::indicators(&TeoInputs::from_teo(t)).tco),
        spec: pr
            .lines
            .iter()
            .map(|l| SpecRow {
                name: l.name.trim().to_string(),
                qty: l.qty,
                unit_price: l.unit_price,
                amount: line_amount(l.qty, l.unit_price),
            })
            .collect(),
        totals: proposal_totals_rub(pr, p.company.money_unit),
        vat_pct: pr.vat_pct.filter(|v| v.is_finite() && *v > -100.0),
        delivery: pr.delivery.trim().to_string(),
        payment: pr.payment.trim().to_string(),
        warranty: pr.warranty.trim().to_string(),
        validity_days: pr.validity_days,
        manager: d
            .manager_id
            .and_then(|m| p.manager(m))
            .map(|m| m.name.trim().to_string())
            .unwrap_or_default(),
    }
}

/// The ТЭО of deal `d` as of `as_of` (an empty ТЭО's figures when the deal has none).
pub fn teo_doc(p: &Project, d: &Deal, as_of: NaiveDate) -> TeoDoc {
    let empty = teo::empty_teo();
    let t = d.teo.as_ref().unwrap_or(&empty);
    let inputs = TeoInputs::from_teo(t);
    let indicators = teo::indicators(&inputs);
    TeoDoc {
        head: doc_head(p, d, as_of),
        recorded: d.teo.is_some(),
        indicators,
        horizon_years: t.horizon_years,
        discount_rate: t.discount_rate,
        baseline: t.notes.trim().to_string(),
        investment_lines: t.investment.clone(),
        salvage: t.salvage,
        opex_lines: t.opex.clone(),
        savings_lines: t.savings.clone(),
        sensitivity: teo::sensitivity(&inputs, teo::SENSITIVITY_PCT),
        justified: d
            .teo
            .is_some()
            .then(|| tools::economically_justified(p, &indicators)),
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
                    num_from: 1,
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
                    rows: vec![vec!["Насос".into()]],
                    num_from: 1,
                    foot: vec!["{unknown} в тексте".into()],
                },
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
        assert_eq!(render("T\n{l}", &empty), vec![Block::Title("T".into())]);
        // "10 000 ₽" is no heading, "2024. Итоги" without a space after the dot neither.
        assert!(is_heading("10. Следующий шаг"));
        assert!(is_heading("3.1. Подраздел"));
        assert!(!is_heading("10 000 ₽"));
        assert!(!is_heading("Итого: 1."));
        assert!(!is_heading("2024.Итоги"));
    }

    #[test]
    fn empty_values_leave_out_their_lines_and_sections() {
        let v = vals(&[
            ("name", Value::Text("Петров".into())),
            ("position", Value::Text("  ".into())),
            ("client", Value::Text("ГОК".into())),
            ("needs", Value::List(vec![" ".into()])),
            ("tco", Value::Text(String::new())),
            ("days", Value::Text("30".into())),
            ("none", Value::Text(String::new())),
            (
                "spec",
                Value::Table {
                    head: vec!["Позиция".into(), "Сумма".into()],
                    rows: vec![],
                    num_from: 1,
                },
            ),
            ("total", Value::Text("0 ₽".into())),
        ]);
        let t = "Т\nКому: {name}, {position}, {client}\nКому: {position}, {name}\n\
                 Итого: {total}, в т.ч. НДС: {none}\nВладение за {days} лет: наш {tco}, их {tco}\n\
                 1. Задачи\n{needs}\n2. Стоимость владения\n{tco}\n3. Цена\n{spec}\nИтого: {total}\n\
                 4. Срок: {days} дней.\n5. Пусто: {none}\nНе печатается\n6. Конец\nТекст";
        assert_eq!(
            render(t, &v),
            vec![
                Block::Title("Т".into()),
                Block::Paragraph("Кому: Петров, ГОК".into()),
                Block::Paragraph("Кому: Петров".into()),
                Block::Paragraph("Итого: 0 ₽".into()),
                Block::Heading("1. Срок: 30 дней.".into()),
                Block::Heading("2. Конец".into()),
                Block::Paragraph("Текст".into()),
            ]
        );
        // Sub-sections follow their section's new number.
        let v = vals(&[("x", Value::Text("икс".into())), ("e", Value::List(vec![]))]);
        assert_eq!(
            render("Т\n1. Пусто\n{e}\n2. Раздел\n2.1. Часть\n{x}", &v),
            vec![
                Block::Title("Т".into()),
                Block::Heading("1. Раздел".into()),
                Block::Heading("1.1. Часть".into()),
                Block::Paragraph("икс".into()),
            ]
        );
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
        // In roubles: 58 000 тыс. ₽ at 20 % → VAT 9 666 667 ₽, net 48 333 333 ₽.
        let pr = Proposal {
            lines: vec![SpecLine {
                name: "Насосная станция".into(),
                qty: 1.0,
                unit_price: Money::units(58_000),
            }],
            vat_pct: Some(20.0),
            ..Proposal::default()
        };
        let t = proposal_totals_rub(&pr, MoneyUnit::ThousandRub);
        assert_eq!(
            (t.gross, t.vat, t.net),
            (
                Money::units(58_000_000),
                Some(Money::units(9_666_667)),
                Money::units(48_333_333)
            )
        );
        let t = proposal_totals_rub(&pr, MoneyUnit::Rub);
        assert_eq!(t.vat, Some(Money::units(9_667)));
        assert_eq!(
            proposal_totals_rub(&Proposal::default(), MoneyUnit::MillionRub).gross,
            Money::ZERO
        );
        // Halves go away from zero, both ways.
        assert_eq!(div_round(5, 2), 3);
        assert_eq!(div_round(-5, 2), -3);
        assert_eq!(div_round(4, 3), 1);
    }
}
