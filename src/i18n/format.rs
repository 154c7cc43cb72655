//! Numbers, money, percentages and dates as Russian (and English) readers expect them:
//! `1 234 567,89 ₽`, `81,8 %`, `31.03.2025`. Parsing accepts what consultants paste from Excel
//! and 1C: spaces or no-break spaces between thousands, a decimal comma, currency signs.

use super::Lang;
use crate::domain::{Money, MoneyUnit, Project};
use chrono::NaiveDate;

/// No-break space between digit groups and before units, so numbers never wrap.
pub const NBSP: char = '\u{a0}';
/// The typographic minus used in Russian texts.
pub const MINUS: char = '\u{2212}';

/// The money unit a project counts in; a new project's (thousands of roubles) without one.
/// The one answer for every screen's «unit» (labels, inputs, documents).
pub fn project_unit(p: Option<&Project>) -> MoneyUnit {
    p.map_or(MoneyUnit::ThousandRub, |p| p.company.money_unit)
}

/// The label of [`project_unit`] («тыс. ₽»).
pub fn project_unit_label(p: Option<&Project>, lang: Lang) -> &'static str {
    unit_label(project_unit(p), lang)
}

/// Plan coverage, % with one decimal («25,3 %»); «—» when unknown. The one formatter of
/// Слой 2 → Метрики and the diagnosis.
pub fn fmt_coverage(pct: Option<f64>, lang: Lang) -> String {
    fmt_pct(pct, 1, lang)
}

/// A needed count (leads needed in a period, …) as a person reads it: rounded to whole, half
/// away from zero («16» for 16,25 and 16,5 → «17»); comparisons use the exact value. The one
/// formatter every screen uses for a need, so that they all show the same text.
pub fn fmt_needed(x: f64, lang: Lang) -> String {
    fmt_num(x.round(), 0, lang)
}

/// Groups digits by three and puts a decimal comma (ru) or point (en).
pub fn fmt_num(x: f64, decimals: usize, lang: Lang) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let (group, point) = match lang {
        Lang::Ru => (NBSP, ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::new();
    let digits: Vec<char> = int.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(*c);
    }
    if let Some(f) = frac {
        out.push(point);
        out.push_str(&f);
    }
    let is_zero = out.chars().all(|c| c == '0' || c == point || c == group);
    if x < 0.0 && !is_zero {
        out.insert(0, if lang == Lang::Ru { MINUS } else { '-' });
    }
    out
}

/// An integer count with grouped digits.
pub fn fmt_int(n: i64, lang: Lang) -> String {
    fmt_num(n as f64, 0, lang)
}

/// The unit label of a project's money.
pub fn unit_label(unit: MoneyUnit, lang: Lang) -> &'static str {
    match (unit, lang) {
        (MoneyUnit::Rub, _) => "₽",
        (MoneyUnit::ThousandRub, Lang::Ru) => "тыс.\u{a0}₽",
        (MoneyUnit::ThousandRub, Lang::En) => "thous.\u{a0}₽",
        (MoneyUnit::MillionRub, Lang::Ru) => "млн\u{a0}₽",
        (MoneyUnit::MillionRub, Lang::En) => "mln\u{a0}₽",
    }
}

/// Money with its unit; kopecks (hundredths) only when there are any.
pub fn fmt_money(m: Money, unit: MoneyUnit, lang: Lang) -> String {
    format!("{}{NBSP}{}", fmt_amount(m, lang), unit_label(unit, lang))
}

/// Money without the unit (for table cells under a unit header).
pub fn fmt_amount(m: Money, lang: Lang) -> String {
    let decimals = if m.0 % 100 == 0 { 0 } else { 2 };
    fmt_num(m.as_f64(), decimals, lang)
}

/// Money in a document: whole roubles with the sign, whatever the project's unit
/// («9 666 667 ₽», not «9 666,67 тыс. ₽»): a КП or ТЭО states what the client pays.
pub fn fmt_doc_money(m: Money, unit: MoneyUnit, lang: Lang) -> String {
    format!("{}{NBSP}₽", fmt_doc_amount(m, unit, lang))
}

/// [`fmt_doc_money`] without the sign, for table cells under a «…, ₽» header.
pub fn fmt_doc_amount(m: Money, unit: MoneyUnit, lang: Lang) -> String {
    fmt_num(m.whole_roubles(unit) as f64, 0, lang)
}

/// A percentage: `81,8 %`; `None` (unknown) as a dash, never as 0 %.
pub fn fmt_pct(x: Option<f64>, decimals: usize, lang: Lang) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{}{NBSP}%", fmt_num(v, decimals, lang)),
        _ => "—".to_string(),
    }
}

/// A text cut to at most `max` characters (plus «…» when cut), for previews: dialogs, table
/// cells, messages and documents never render an unbounded string. Cuts on a character
/// boundary; borrows when the text is short enough.
pub fn shorten(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(s),
        Some((end, _)) => std::borrow::Cow::Owned(format!("{}…", &s[..end])),
    }
}

/// Russian plural form for `n`: (1 клиент, 2 клиента, 5 клиентов).
pub fn ru_plural<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let (m10, m100) = (n % 10, n % 100);
    if m10 == 1 && m100 != 11 {
        one
    } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
        few
    } else {
        many
    }
}

/// The placeholder of a date field: how [`fmt_date`] writes a date, in the words of `lang`.
pub fn date_placeholder(lang: Lang) -> &'static str {
    lang.pick("ДД.ММ.ГГГГ", "DD.MM.YYYY")
}

/// Kilobytes, the unit of stored sizes.
pub fn kb(lang: Lang) -> &'static str {
    lang.pick("КБ", "KB")
}

/// A date as `ДД.ММ.ГГГГ` (ru) or ISO (en is also day-first to avoid US ambiguity).
///
/// Written out by hand rather than through chrono's `format("%d.%m.%Y")`: its format-string
/// machinery would be compiled into every screen that shows a date (≈ 9 KB gzip of wasm).
pub fn fmt_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:02}.{:02}.{:04}", d.day(), d.month(), d.year())
}

/// A day of the year as `ДД.ММ`, for plans laid out on a calendar.
pub fn fmt_day_month(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:02}.{:02}", d.day(), d.month())
}

/// Reads a date typed as `31.03.2025`, `31/03/2025`, `31-03-2025`, `2025-03-31`, `2025.03.31`,
/// `2025/03/31` or `31.03.25` (two-digit years: 00–68 → 20xx, 69–99 → 19xx), with an optional
/// time after it (Excel and 1C often append one). Impossible dates (31.02) are `None`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    // Excel and 1C often append a time.
    let s = s.split([' ', 'T']).next().unwrap_or(s);
    let sep = s.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let parts: Vec<&str> = s.split(sep).collect();
    let [a, b, c] = parts[..] else { return None };
    let number = |p: &str, max_len: usize| -> Option<u32> {
        if p.is_empty() || p.len() > max_len || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    let (year, month, day) = if a.len() == 4 {
        (number(a, 4)?, number(b, 2)?, number(c, 2)?)
    } else if c.len() == 4 {
        (number(c, 4)?, number(b, 2)?, number(a, 2)?)
    } else if c.len() == 2 && sep == '.' {
        let yy = number(c, 2)?;
        (
            if yy <= 68 { 2000 + yy } else { 1900 + yy },
            number(b, 2)?,
            number(a, 2)?,
        )
    } else {
        return None;
    };
    if year < 1000 {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// Reads a number as consultants type or export it: `1 234 567,89`, `1234567.89`,
/// `1 234 567 ₽`, `12,5%`, `−3`, `(1 200)`. Returns `None` for anything else.
pub fn parse_number(s: &str) -> Option<f64> {
    let mut t: String = s
        .trim()
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '%' | '₽' | '$' | '€'
            )
        })
        .collect();
    for suffix in ["руб.", "руб", "р.", "RUB", "rub"] {
        if let Some(x) = t.strip_suffix(suffix) {
            t = x.to_string();
        }
    }
    let mut neg = false;
    if t.starts_with('(') && t.ends_with(')') && t.len() > 2 {
        neg = true;
        t = t[1..t.len() - 1].to_string();
    }
    if let Some(x) = t.strip_prefix(['-', '\u{2212}']) {
        neg = !neg;
        t = x.to_string();
    }
    if t.is_empty() {
        return None;
    }
    let commas = t.matches(',').count();
    let dots = t.matches('.').count();
    let normal = match (commas, dots) {
        (0, 0) | (0, 1) => t,
        (1, 0) => t.replace(',', "."),
        // "1,234,567.89": commas group thousands.
        (_, 1) if t.rfind(',') < t.rfind('.') => t.replace(',', ""),
        // "1.234.567,89": dots group thousands.
        (1, _) if t.rfind('.') < t.rfind(',') => t.replace('.', "").replace(',', "."),
        (c, 0) if c > 1 => t.replace(',', ""),
        (0, d) if d > 1 => t.replace('.', ""),
        _ => return None,
    };
    if !normal
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == 'e' || c == 'E')
    {
        return None;
    }
    let v: f64 = normal.parse().ok()?;
    if !v.is_finite() {
        return None;
    }
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_on_characters_with_an_ellipsis() {
        assert_eq!(shorten("Альфа", 5), "Альфа");
        assert_eq!(shorten("Альфа", 3), "Аль…");
        assert_eq!(shorten("", 0), "");
        assert_eq!(shorten("ab", 0), "…");
        let huge = "ж".repeat(2_000_000);
        assert_eq!(shorten(&huge, 200).chars().count(), 201);
    }

    fn plain(s: &str) -> String {
        s.replace(NBSP, " ").replace(MINUS, "-")
    }

    #[test]
    fn needed_counts_are_whole() {
        assert_eq!(fmt_needed(16.25, Lang::Ru), "16");
        assert_eq!(fmt_needed(18.999, Lang::Ru), "19");
        assert_eq!(fmt_needed(16.5, Lang::Ru), "17");
        assert_eq!(fmt_needed(2.5, Lang::En), "3");
        assert_eq!(fmt_needed(0.0, Lang::Ru), "0");
        assert_eq!(plain(&fmt_needed(1234.4, Lang::Ru)), "1 234");
    }

    #[test]
    fn russian_money() {
        assert_eq!(
            plain(&fmt_money(Money(123_456_789), MoneyUnit::Rub, Lang::Ru)),
            "1 234 567,89 ₽"
        );
        assert_eq!(
            plain(&fmt_money(
                Money::units(58_000),
                MoneyUnit::ThousandRub,
                Lang::Ru
            )),
            "58 000 тыс. ₽"
        );
        assert_eq!(
            plain(&fmt_money(
                Money::units(-2_752),
                MoneyUnit::ThousandRub,
                Lang::Ru
            )),
            "-2 752 тыс. ₽"
        );
        assert_eq!(
            fmt_money(Money::units(1_000), MoneyUnit::Rub, Lang::En),
            "1,000\u{a0}₽"
        );
        assert_eq!(plain(&fmt_amount(Money(0), Lang::Ru)), "0");
        assert_eq!(plain(&fmt_amount(Money::units(100), Lang::Ru)), "100");
    }

    #[test]
    fn numbers_and_percentages() {
        assert_eq!(plain(&fmt_pct(Some(81.8181), 1, Lang::Ru)), "81,8 %");
        assert_eq!(fmt_pct(None, 1, Lang::Ru), "—");
        assert_eq!(plain(&fmt_num(-0.04, 1, Lang::Ru)), "0,0");
        assert_eq!(plain(&fmt_num(1_000_000.0, 0, Lang::Ru)), "1 000 000");
        assert_eq!(fmt_num(f64::NAN, 0, Lang::Ru), "—");
        assert_eq!(fmt_int(999, Lang::Ru), "999");
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
        assert_eq!(fmt_date(d), "31.03.2025");
        for s in [
            "31.03.2025",
            "2025-03-31",
            "31/03/2025",
            "31.03.25",
            "2025-03-31 00:00:00",
            "2025-03-31T10:00",
        ] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        for s in [
            "31-03-2025",
            "2025.03.31",
            "2025/03/31",
            "31.3.2025",
            " 31.03.2025 ",
        ] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        assert_eq!(parse_date("01.01.69"), NaiveDate::from_ymd_opt(1969, 1, 1));
        assert_eq!(parse_date("01.01.68"), NaiveDate::from_ymd_opt(2068, 1, 1));
        assert_eq!(
            fmt_date(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()),
            "05.01.2026"
        );
        assert_eq!(
            fmt_day_month(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()),
            "05.01"
        );
        for bad in [
            "31.02.2025",
            "",
            "31.03",
            "31.03.2025.1",
            "31/03/25",
            "0031.03.2025",
            "31.03.0999",
            "aa.bb.cccc",
            "31.13.2025",
            "+1.03.2025",
            "31.03.20255",
            "1-2-3",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn parses_what_excel_and_1c_export() {
        let cases = [
            ("1 234 567,89", 1_234_567.89),
            ("1\u{a0}234\u{a0}567,89", 1_234_567.89),
            ("1234567.89", 1_234_567.89),
            ("1,234,567.89", 1_234_567.89),
            ("1.234.567,89", 1_234_567.89),
            ("58 000 ₽", 58_000.0),
            ("12,5%", 12.5),
            ("−3", -3.0),
            ("-3,5", -3.5),
            ("(1 200)", -1200.0),
            ("150 руб.", 150.0),
            ("1,5", 1.5),
        ];
        for (s, v) in cases {
            assert_eq!(parse_number(s), Some(v), "{s}");
        }
        for bad in ["", "abc", "1,2,3.4,5", "12a", "—", "1.2.3,4,5"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }
}
