//! The wording of the documents a consultant hands over (КП for the ЛФР, ТЭО for the ЛПР): the
//! typed [`Kp`] and [`TeoDoc`] of `domain::documents` turned into the placeholder values of the
//! project's template, in the document's language. Money is in whole roubles, the unit in the
//! table headers (`i18n::format::fmt_doc_money`).

use super::format::{fmt_date, fmt_doc_amount, fmt_doc_money, fmt_num, fmt_pct, NBSP};
use super::Lang;
use crate::domain::documents::{AdvantageFor, DocHead, Kp, TeoDoc, Value, Values};
use crate::domain::teo::Driver;
use crate::domain::{tools, Money, MoneyLine, MoneyUnit};

/// The words of the documents in one language.
pub struct DocText {
    pub kp_number: &'static str,
    pub offer: &'static str,
    pub adv_head: [&'static str; 3],
    pub criterion: &'static str,
    pub tco: &'static str,
    pub spec_head: [&'static str; 4],
    pub vat: &'static str,
    pub money_head: [&'static str; 2],
    pub decision: &'static str,
    pub alternatives: [&'static str; 3],
    pub sens_head: [&'static str; 5],
    pub drivers: [&'static str; 3],
    pub justified: &'static str,
    pub not_justified: &'static str,
}

pub const DOC_RU: DocText = DocText {
    kp_number: "{}-КП",
    offer: "Решение задачи «{}»: {}",
    adv_head: ["Задача / критерий", "Наше преимущество", "Соответствие"],
    criterion: "Критерий {}: {}",
    tco: "наш вариант {}, альтернатива {}",
    spec_head: ["Позиция", "Кол-во", "Цена, ₽", "Сумма, ₽"],
    vat: "{} ({})",
    money_head: ["Статья", "Сумма, ₽"],
    decision: "утвердить проект «{}»",
    alternatives: [
        "Ничего не делать: текущие затраты и потери сохраняются",
        "Наше решение: {}",
        "Альтернативный поставщик",
    ],
    sens_head: [
        "Фактор",
        "Изменение",
        "Окупаемость, лет",
        "NPV, ₽",
        "ROI, %",
    ],
    drivers: ["Годовая экономия", "Инвестиции", "Ставка дисконтирования"],
    justified: "Проект экономически оправдан, рекомендуем утвердить.",
    not_justified:
        "Проект не окупается в пределах принятого горизонта и порога; нужен пересмотр условий.",
};

pub const DOC_EN: DocText = DocText {
    kp_number: "{}-КП",
    offer: "A solution to «{}»: {}",
    adv_head: ["Need / criterion", "Our advantage", "Match"],
    criterion: "{} criterion: {}",
    tco: "our option {}, the alternative {}",
    spec_head: ["Item", "Qty", "Price, ₽", "Amount, ₽"],
    vat: "{} ({})",
    money_head: ["Item", "Amount, ₽"],
    decision: "approve the project «{}»",
    alternatives: [
        "Do nothing: the current costs and losses remain",
        "Our solution: {}",
        "Another supplier",
    ],
    sens_head: ["Driver", "Change", "Payback, years", "NPV, ₽", "ROI, %"],
    drivers: ["Annual savings", "Investment", "Discount rate"],
    justified: "The project is economically justified; we recommend approving it.",
    not_justified: "The project does not pay back within the accepted horizon and threshold; the terms need revising.",
};

fn words(lang: Lang) -> &'static DocText {
    match lang {
        Lang::Ru => &DOC_RU,
        Lang::En => &DOC_EN,
    }
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn heads(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

fn common(h: &DocHead, v: &mut Values) {
    v.insert("client".into(), text(&h.client));
    v.insert("supplier".into(), text(&h.supplier));
    v.insert("date".into(), text(fmt_date(h.date)));
    v.insert("subject".into(), text(&h.subject));
    v.insert("solution".into(), text(&h.subject));
    v.insert("lfr_name".into(), text(&h.lfr.name));
    v.insert("lfr_position".into(), text(&h.lfr.position));
    v.insert("lpr_name".into(), text(&h.lpr.name));
    v.insert("lpr_position".into(), text(&h.lpr.position));
}

/// Money as a document states it; zero is stated too («0 ₽»).
fn money(m: Money, unit: MoneyUnit, lang: Lang) -> String {
    fmt_doc_money(m, unit, lang)
}

/// Years with two decimals, as the ТЭО calculator shows them («2,98»); «—» when it never pays
/// back.
fn years(y: Option<f64>, lang: Lang) -> String {
    y.map(|y| fmt_num(y, 2, lang)).unwrap_or_else(|| "—".into())
}

/// Whole roubles with an explicit plus for a positive value (NPV: «+8 071 000»).
fn signed(m: Money, unit: MoneyUnit, lang: Lang) -> String {
    let s = fmt_doc_amount(m, unit, lang);
    if m.0 > 0 {
        format!("+{s}")
    } else {
        s
    }
}

fn fill(t: &str, vals: &[&str]) -> String {
    super::fill(t, vals)
}

/// The placeholder values of the КП (`tools::KP_PLACEHOLDERS`).
pub fn kp_values(k: &Kp, lang: Lang) -> Values {
    let w = words(lang);
    let unit = k.head.unit;
    let mut v = Values::new();
    common(&k.head, &mut v);
    v.insert(
        "number".into(),
        text(fill(w.kp_number, &[&k.head.deal_code])),
    );
    v.insert(
        "offer".into(),
        text(
            k.needs
                .first()
                .map(|n| fill(w.offer, &[n, &k.head.subject]))
                .unwrap_or_default(),
        ),
    );
    v.insert("needs".into(), Value::List(k.needs.clone()));
    v.insert(
        "advantages".into(),
        Value::Table {
            head: heads(&w.adv_head),
            rows: k
                .advantages
                .iter()
                .map(|r| {
                    vec![
                        match &r.target {
                            AdvantageFor::Need(n) => n.clone(),
                            AdvantageFor::Criterion { owner, text } => {
                                fill(w.criterion, &[owner.abbr_in(lang), text])
                            }
                        },
                        r.advantage.clone(),
                        match r.strength {
                            Some(s) => format!("{s}{NBSP}/{NBSP}{}", tools::MAX_STRENGTH),
                            None => "✓".into(),
                        },
                    ]
                })
                .collect(),
            num_from: 2,
        },
    );
    v.insert("proof".into(), Value::List(k.proofs.clone()));
    v.insert(
        "tco".into(),
        text(
            k.tco
                .map(|t| {
                    fill(
                        w.tco,
                        &[
                            &money(t.ours, unit, lang),
                            &money(t.alternative, unit, lang),
                        ],
                    )
                })
                .unwrap_or_default(),
        ),
    );
    v.insert(
        "spec".into(),
        Value::Table {
            head: heads(&w.spec_head),
            rows: k
                .spec
                .iter()
                .map(|l| {
                    vec![
                        l.name.clone(),
                        fmt_num(l.qty, if l.qty.fract() == 0.0 { 0 } else { 2 }, lang),
                        fmt_doc_amount(l.unit_price, unit, lang),
                        fmt_doc_amount(l.amount, unit, lang),
                    ]
                })
                .collect(),
            num_from: 1,
        },
    );
    // The totals are in roubles already (`documents::proposal_totals_rub`).
    let rub = MoneyUnit::Rub;
    v.insert("total".into(), text(money(k.totals.gross, rub, lang)));
    v.insert("net".into(), text(money(k.totals.net, rub, lang)));
    v.insert(
        "vat".into(),
        text(
            k.totals
                .vat
                .map(|x| fill(w.vat, &[&money(x, rub, lang), &fmt_pct(k.vat_pct, 0, lang)]))
                .unwrap_or_default(),
        ),
    );
    v.insert("delivery".into(), text(&k.delivery));
    v.insert("payment".into(), text(&k.payment));
    v.insert("warranty".into(), text(&k.warranty));
    v.insert(
        "validity_days".into(),
        text(k.validity_days.map(|x| x.to_string()).unwrap_or_default()),
    );
    v.insert("next_step".into(), text(&k.head.next_step));
    v.insert("manager".into(), text(&k.manager));
    v.insert("manager_contacts".into(), text(&k.head.supplier));
    v
}

fn money_table(lines: &[MoneyLine], unit: MoneyUnit, lang: Lang) -> Value {
    Value::Table {
        head: heads(&words(lang).money_head),
        rows: lines
            .iter()
            .filter(|l| !(l.name.trim().is_empty() && l.amount.is_zero()))
            .map(|l| vec![l.name.clone(), fmt_doc_amount(l.amount, unit, lang)])
            .collect(),
        num_from: 1,
    }
}

/// The placeholder values of the ТЭО (`tools::TEO_PLACEHOLDERS`).
pub fn teo_values(t: &TeoDoc, lang: Lang) -> Values {
    let w = words(lang);
    let unit = t.head.unit;
    let ind = &t.indicators;
    let m = |x: Money| money(x, unit, lang);
    let mut v = Values::new();
    common(&t.head, &mut v);
    v.insert(
        "decision".into(),
        text(fill(w.decision, &[&t.head.subject])),
    );
    v.insert(
        "alternatives".into(),
        Value::List(
            w.alternatives
                .iter()
                .map(|a| fill(a, &[&t.head.subject]))
                .collect(),
        ),
    );
    v.insert("investment".into(), text(m(ind.investment)));
    v.insert("annual_savings".into(), text(m(ind.annual_savings)));
    v.insert("payback".into(), text(years(ind.payback_years, lang)));
    v.insert(
        "discounted_payback".into(),
        text(years(ind.discounted_payback_years, lang)),
    );
    v.insert(
        "npv".into(),
        text(format!("{}{NBSP}₽", signed(ind.npv, unit, lang))),
    );
    v.insert(
        "roi".into(),
        text(
            ind.roi_pct
                .map(|x| fmt_num(x, 0, lang))
                .unwrap_or_else(|| "—".into()),
        ),
    );
    v.insert(
        "irr".into(),
        text(
            ind.irr_pct
                .map(|x| fmt_num(x, 1, lang))
                .unwrap_or_else(|| "—".into()),
        ),
    );
    v.insert("horizon".into(), text(t.horizon_years.to_string()));
    v.insert(
        "discount_rate".into(),
        text(fmt_num(t.discount_rate, 1, lang)),
    );
    v.insert("baseline".into(), text(&t.baseline));
    v.insert(
        "investment_lines".into(),
        money_table(&t.investment_lines, unit, lang),
    );
    v.insert(
        "salvage".into(),
        text(if t.salvage.is_zero() {
            String::new()
        } else {
            m(t.salvage)
        }),
    );
    v.insert("opex_lines".into(), money_table(&t.opex_lines, unit, lang));
    v.insert(
        "savings_lines".into(),
        money_table(&t.savings_lines, unit, lang),
    );
    v.insert(
        "tco_ours".into(),
        text(ind.tco.map(|x| m(x.ours)).unwrap_or_default()),
    );
    v.insert(
        "tco_alternative".into(),
        text(ind.tco.map(|x| m(x.alternative)).unwrap_or_default()),
    );
    let driver = |d: Driver| match d {
        Driver::Savings => w.drivers[0],
        Driver::Investment => w.drivers[1],
        Driver::DiscountRate => w.drivers[2],
    };
    v.insert(
        "sensitivity".into(),
        Value::Table {
            head: heads(&w.sens_head),
            rows: if t.recorded {
                t.sensitivity
                    .iter()
                    .map(|r| {
                        vec![
                            driver(r.driver).to_string(),
                            format!(
                                "{}{}{NBSP}%",
                                if r.change_pct > 0.0 { "+" } else { "" },
                                fmt_num(r.change_pct, 0, lang)
                            ),
                            years(r.payback_years, lang),
                            signed(r.npv, unit, lang),
                            r.roi_pct
                                .map(|x| fmt_num(x, 0, lang))
                                .unwrap_or_else(|| "—".into()),
                        ]
                    })
                    .collect()
            } else {
                vec![]
            },
            num_from: 1,
        },
    );
    v.insert("schedule".into(), text(&t.head.next_step));
    v.insert(
        "conclusion".into(),
        text(match t.justified {
            Some(true) => w.justified,
            Some(false) => w.not_justified,
            None => "",
        }),
    );
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::documents::{kp, render, teo_doc, Block};
    use chrono::NaiveDate;

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, 31).unwrap_or_default()
    }

    fn texts(blocks: &[Block]) -> String {
        blocks
            .iter()
            .map(|b| match b {
                Block::Title(s) | Block::Heading(s) | Block::Paragraph(s) => s.clone(),
                Block::List(items) => items.join("\n"),
                Block::Table {
                    head, rows, foot, ..
                } => {
                    let mut t = head.join(" | ");
                    for r in rows {
                        t.push('\n');
                        t.push_str(&r.join(" | "));
                    }
                    for f in foot {
                        t.push('\n');
                        t.push_str(f);
                    }
                    t
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn demo_kp_states_whole_roubles_and_keeps_totals_with_the_specification() {
        let p = demo_project();
        for d in &p.deals {
            for lang in [Lang::Ru, Lang::En] {
                let k = kp(&p, d, as_of());
                let blocks = render(&p.layer4.kp_template, &kp_values(&k, lang));
                let all = texts(&blocks);
                assert!(!all.contains("тыс."), "{}: {all}", d.code);
                assert!(
                    !blocks.iter().any(|b| *b == Block::Paragraph("—".into())),
                    "{}: no empty section: {all}",
                    d.code
                );
                if !k.spec.is_empty() {
                    let foot = blocks.iter().find_map(|b| match b {
                        Block::Table { head, foot, .. } if head[0] == words(lang).spec_head[0] => {
                            Some(foot.clone())
                        }
                        _ => None,
                    });
                    let foot = foot.unwrap_or_default();
                    assert!(
                        foot.iter().any(|f| f.contains(&money(
                            k.totals.gross,
                            MoneyUnit::Rub,
                            lang
                        ))),
                        "{}: totals follow the specification: {foot:?}",
                        d.code
                    );
                }
            }
        }
        // D01: 58 000 тыс. ₽ with VAT 20 % → 58 000 000 ₽, VAT 9 666 667 ₽ (not 9 666,67 тыс. ₽).
        let d01 = p.deals.iter().find(|d| d.code == "D01");
        let k = d01.map(|d| kp(&p, d, as_of()));
        let v = k
            .as_ref()
            .map(|k| kp_values(k, Lang::Ru))
            .unwrap_or_default();
        assert_eq!(
            v.get("total"),
            Some(&Value::Text(format!("58{NBSP}000{NBSP}000{NBSP}₽")))
        );
        assert_eq!(
            v.get("vat"),
            Some(&Value::Text(format!(
                "9{NBSP}666{NBSP}667{NBSP}₽ (20{NBSP}%)"
            )))
        );
    }

    #[test]
    fn teo_without_a_record_draws_no_conclusion_and_prints_no_empty_table() {
        let p = demo_project();
        for d in &p.deals {
            let t = teo_doc(&p, d, as_of());
            let v = teo_values(&t, Lang::Ru);
            let blocks = render(&p.layer4.teo_template, &v);
            let all = texts(&blocks);
            assert!(!all.contains("тыс."), "{}: {all}", d.code);
            if t.recorded {
                assert!(all.contains(DOC_RU.justified) || all.contains(DOC_RU.not_justified));
            } else {
                assert!(!all.contains(DOC_RU.justified) && !all.contains(DOC_RU.not_justified));
                assert!(!all.contains(DOC_RU.sens_head[0]), "{}: {all}", d.code);
            }
            // English wording has no Russian of the app (user data and terms aside).
            let en = texts(&render(&p.layer4.teo_template, &teo_values(&t, Lang::En)));
            assert!(!en.contains("Ничего не делать"));
        }
    }
}
