//! Presentation rules: how a figure or a name is shown to a person, in one place, so that every
//! screen (and the documents) follow the same rules.
//!
//! - **Money** is rounded to what the reader needs: on screens, the project's unit with at most
//!   one decimal ([`screen_money`], [`screen_amount`]); in documents handed to a client, whole
//!   roubles ([`document_money`], [`document_amount`]).
//! - **Counts of things** (projects, leads, deals, touch points) are whole numbers. A computed
//!   need that is fractional is shown rounded *up* (52,3 projects needed means 53 to win), with
//!   the exact value for a tooltip ([`needed_count`]).
//! - **Units** go in every axis and numeric table header: «Выручка, тыс. ₽» ([`with_unit`]).
//! - **Numbers are right-aligned**: numeric cells carry the CSS class [`NUM`].
//! - **Names, not codes**: a ТФС stage is its name with the code as a small prefix
//!   ([`stage_title`]); a manager is his name ([`manager_name`]).

use super::format::{fmt_amount, fmt_num, unit_label, NBSP};
use super::Lang;
use crate::domain::{Manager, Money, MoneyUnit, Project, Stage};

/// The CSS class of every numeric cell and input (right-aligned, tabular digits).
pub const NUM: &str = "num";

/// A header or axis label with its unit: «Выручка, тыс. ₽».
pub fn with_unit(label: &str, unit: &str) -> String {
    format!("{label}, {unit}")
}

/// Money on a screen, without the unit (for cells under a header that names it): the project's
/// unit, at most one decimal, the decimal only when there is one («9 666,7», «9 667»).
pub fn screen_amount(m: Money, lang: Lang) -> String {
    let tenths = (m.as_f64() * 10.0).round() / 10.0;
    let decimals = if tenths.fract() == 0.0 { 0 } else { 1 };
    fmt_num(tenths, decimals, lang)
}

/// Money on a screen with its unit: «9 666,7 тыс. ₽»; a project counting in roubles shows whole
/// roubles («1 234 568 ₽»).
pub fn screen_money(m: Money, unit: MoneyUnit, lang: Lang) -> String {
    let amount = if unit == MoneyUnit::Rub {
        fmt_num(m.as_f64().round(), 0, lang)
    } else {
        screen_amount(m, lang)
    };
    format!("{amount}{NBSP}{}", unit_label(unit, lang))
}

/// How many roubles one unit of a project's money is.
pub fn roubles_per_unit(unit: MoneyUnit) -> f64 {
    match unit {
        MoneyUnit::Rub => 1.0,
        MoneyUnit::ThousandRub => 1_000.0,
        MoneyUnit::MillionRub => 1_000_000.0,
    }
}

/// Money in a document, without the sign: whole roubles («9 666 667»), whatever the project's
/// unit; an amount in roubles keeps its kopecks only when the project counts in roubles and
/// the amount has some (a price list copied from 1C).
pub fn document_amount(m: Money, unit: MoneyUnit, lang: Lang) -> String {
    if unit == MoneyUnit::Rub {
        return fmt_amount(m, lang);
    }
    fmt_num((m.as_f64() * roubles_per_unit(unit)).round(), 0, lang)
}

/// Money in a document with the rouble sign: «9 666 667 ₽».
pub fn document_money(m: Money, unit: MoneyUnit, lang: Lang) -> String {
    format!("{}{NBSP}₽", document_amount(m, unit, lang))
}

/// A needed count of things (projects to win, leads, deals) as a person reads it: a whole
/// number, rounded up when the exact need is fractional (you cannot win 52,3 projects; 53 are
/// needed), and the exact value with one decimal to show on hover when it was rounded.
pub fn needed_count(x: f64, lang: Lang) -> (String, Option<String>) {
    if !x.is_finite() {
        return ("—".to_string(), None);
    }
    // Sums of shares carry float noise (52.000000001 is 52): round to hundredths first.
    let exact = (x * 100.0).round() / 100.0;
    let whole = exact.ceil();
    let shown = fmt_num(whole, 0, lang);
    let tip = (whole != exact).then(|| fmt_num(x, 1, lang));
    (shown, tip)
}

/// A count of things, always whole («52»).
pub fn count(n: usize, lang: Lang) -> String {
    fmt_num(n as f64, 0, lang)
}

/// A ТФС stage's name in the UI language (the Russian name when it has no English one).
pub fn stage_name(s: &Stage, lang: Lang) -> &str {
    s.name(lang)
}

/// A ТФС stage as a person reads it: its code as a short prefix, then its name
/// («2.1 Выявление потребностей ЛФР»); the code alone when the stage has no name.
pub fn stage_title(s: &Stage, lang: Lang) -> String {
    let name = stage_name(s, lang).trim();
    match (s.code.trim().is_empty(), name.is_empty()) {
        (_, true) => s.code.clone(),
        (true, false) => name.to_string(),
        (false, false) => format!("{} {name}", s.code),
    }
}

/// A manager as a person reads him: the name («Петрова Мария»), the code only when the name is
/// blank.
pub fn manager_name(m: &Manager) -> &str {
    if m.name.trim().is_empty() {
        &m.code
    } else {
        &m.name
    }
}

/// Managers recorded by their codes (a saved diagnosis) as a person reads them: their current
/// names, joined by commas; a code no manager has any more stays as it is.
pub fn manager_names_by_code(p: &Project, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| {
            p.managers
                .iter()
                .find(|m| m.code == *c)
                .map_or(c.as_str(), manager_name)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nb(s: &str) -> String {
        s.replace(' ', "\u{a0}")
    }

    #[test]
    fn screen_money_has_at_most_one_decimal() {
        let ru = Lang::Ru;
        assert_eq!(screen_amount(Money(966_667), ru), nb("9 666,7"));
        assert_eq!(screen_amount(Money(966_600), ru), nb("9 666"));
        assert_eq!(screen_amount(Money(966_596), ru), nb("9 666"));
        assert_eq!(screen_amount(Money(0), ru), "0");
        assert_eq!(screen_amount(Money(-1_250), ru), "\u{2212}12,5");
        assert_eq!(screen_amount(Money(966_667), Lang::En), "9,666.7");
        assert_eq!(
            screen_money(Money(966_667), MoneyUnit::ThousandRub, ru),
            nb("9 666,7 тыс. ₽")
        );
        assert_eq!(
            screen_money(Money(123_456_789), MoneyUnit::Rub, ru),
            nb("1 234 568 ₽")
        );
    }

    #[test]
    fn documents_show_whole_roubles() {
        let ru = Lang::Ru;
        // The КП's VAT of 9 666,67 тыс. ₽ is 9 666 670 ₽.
        assert_eq!(
            document_money(Money(966_667), MoneyUnit::ThousandRub, ru),
            nb("9 666 670 ₽")
        );
        assert_eq!(
            document_amount(Money(123), MoneyUnit::MillionRub, ru),
            nb("1 230 000")
        );
        // A project in roubles keeps its kopecks when there are some.
        assert_eq!(document_amount(Money(12_345), MoneyUnit::Rub, ru), "123,45");
        assert_eq!(document_amount(Money(12_300), MoneyUnit::Rub, ru), "123");
        assert_eq!(
            document_amount(Money::ZERO, MoneyUnit::ThousandRub, ru),
            "0"
        );
        assert_eq!(
            document_amount(Money(-150), MoneyUnit::ThousandRub, Lang::En),
            "-1,500"
        );
    }

    #[test]
    fn needed_counts_are_whole_rounded_up_with_the_exact_value_aside() {
        let ru = Lang::Ru;
        assert_eq!(needed_count(52.3, ru), ("53".into(), Some("52,3".into())));
        assert_eq!(needed_count(52.0, ru), ("52".into(), None));
        assert_eq!(needed_count(52.000_000_001, ru), ("52".into(), None));
        assert_eq!(needed_count(0.0, ru), ("0".into(), None));
        assert_eq!(needed_count(0.2, ru), ("1".into(), Some("0,2".into())));
        assert_eq!(needed_count(f64::NAN, ru), ("—".into(), None));
        assert_eq!(count(1_250, ru), nb("1 250"));
    }

    #[test]
    fn units_go_with_the_label() {
        assert_eq!(with_unit("Выручка", "тыс.\u{a0}₽"), "Выручка, тыс.\u{a0}₽");
    }

    fn stage(code: &str, ru: &str, en: &str) -> Stage {
        let mut s = crate::domain::demo::demo_project().stages[0].clone();
        s.code = code.into();
        s.name_ru = ru.into();
        s.name_en = en.into();
        s
    }

    #[test]
    fn stages_read_by_name_with_the_code_as_a_prefix() {
        let s = stage("2.1", "Выявление потребностей ЛФР", "Needs of the LFR");
        assert_eq!(stage_title(&s, Lang::Ru), "2.1 Выявление потребностей ЛФР");
        assert_eq!(stage_title(&s, Lang::En), "2.1 Needs of the LFR");
        // No English name: the Russian one; no name: the code; no code: the name.
        assert_eq!(stage_name(&stage("1", "Лид", " "), Lang::En), "Лид");
        assert_eq!(stage_title(&stage("8", "", ""), Lang::Ru), "8");
        assert_eq!(stage_title(&stage("", "Договор", ""), Lang::Ru), "Договор");
    }

    #[test]
    fn managers_read_by_name() {
        let mut m = crate::domain::demo::demo_project().managers[1].clone();
        m.code = "M2".into();
        m.name = "Петрова Мария".into();
        assert_eq!(manager_name(&m), "Петрова Мария");
        m.name = "  ".into();
        assert_eq!(manager_name(&m), "M2");
    }

    #[test]
    fn saved_manager_codes_read_as_names() {
        let p = crate::domain::demo::demo_project();
        let codes: Vec<String> = p.managers.iter().take(2).map(|m| m.code.clone()).collect();
        let names: Vec<&str> = p.managers.iter().take(2).map(|m| m.name.as_str()).collect();
        assert_eq!(manager_names_by_code(&p, &codes), names.join(", "));
        assert_eq!(manager_names_by_code(&p, &["M99".to_string()]), "M99");
        assert_eq!(manager_names_by_code(&p, &[]), "");
    }
}
