//! Words for the ABC analysis' conclusions ([`AbcConclusion`]) and the elaboration of the A
//! clients ([`ElaborationConclusion`]) on Слой 1 → ABC-анализ, in Russian and English.

use super::format::{fmt_money, fmt_num, fmt_pct, ru_plural};
use super::Lang;
use crate::domain::layer1::conclusions::{AbcConclusion, ElaborationConclusion};
use crate::domain::MoneyUnit;

fn clients_word(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!(
            "{n} {}",
            ru_plural(n as u64, "клиент", "клиента", "клиентов")
        ),
        Lang::En => format!("{n} {}", if n == 1 { "client" } else { "clients" }),
    }
}

/// «у 1 клиента», «у 5 клиентов» (genitive after «у»).
fn ru_genitive_clients(n: usize) -> String {
    format!(
        "{n} {}",
        ru_plural(n as u64, "клиента", "клиентов", "клиентов")
    )
}

/// One conclusion of the ABC analysis as a sentence; money in the project's `unit`.
pub fn abc_conclusion_text(c: &AbcConclusion, unit: MoneyUnit, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    match c {
        AbcConclusion::NoRevenue { year } if ru => {
            format!("За {year} г. ни у одного клиента нет выручки: ABC-анализ строить не из чего.")
        }
        AbcConclusion::NoRevenue { year } => {
            format!("No client has revenue in {year}: there is nothing to rank.")
        }
        AbcConclusion::Class {
            category,
            clients,
            client_share_pct,
            revenue_share_pct,
            revenue,
        } => {
            let n = *clients;
            let cs = fmt_pct(*client_share_pct, 1, lang);
            let rs = fmt_pct(*revenue_share_pct, 1, lang);
            let money = fmt_money(*revenue, unit, lang);
            if ru {
                let verb = ru_plural(n as u64, "даёт", "дают", "дают");
                format!(
                    "Категория {}: {} ({cs}) {verb} {rs} выручки ({money}).",
                    category.letter(),
                    clients_word(n, lang)
                )
            } else {
                format!(
                    "Category {}: {} ({cs}) bring {rs} of revenue ({money}).",
                    category.letter(),
                    clients_word(n, lang)
                )
            }
        }
        AbcConclusion::AvgDeal(v) => {
            let list = v
                .iter()
                .map(|(k, m)| format!("{} — {}", k.letter(), fmt_money(*m, unit, lang)))
                .collect::<Vec<_>>()
                .join("; ");
            if ru {
                format!("Средний вес сделки: {list}.")
            } else {
                format!("Average deal size: {list}.")
            }
        }
        AbcConclusion::AOverB { times } => {
            let x = fmt_num(*times, 1, lang);
            if ru {
                format!("Сделка с клиентом A в среднем в {x} раза крупнее, чем с клиентом B.")
            } else {
                format!("An A client's deal is on average {x} times the size of a B client's.")
            }
        }
        AbcConclusion::AvgCycle(v) => {
            let list = v
                .iter()
                .map(|(k, d)| format!("{} — {}", k.letter(), fmt_num(*d, 0, lang)))
                .collect::<Vec<_>>()
                .join("; ");
            if ru {
                format!("Средняя длительность сделки, дней: {list}.")
            } else {
                format!("Average deal duration, days: {list}.")
            }
        }
        AbcConclusion::Biggest {
            label,
            name,
            share_pct,
        } => {
            let share = fmt_pct(Some(*share_pct), 1, lang);
            if ru {
                format!("Крупнейший клиент — {label} ({name}): {share} выручки.")
            } else {
                format!("The biggest client is {label} ({name}): {share} of revenue.")
            }
        }
        AbcConclusion::Unranked { clients, year } if ru => format!(
            "{} без выручки за {year} г. не {} (категория N или назначенная вручную).",
            clients_word(*clients, lang),
            ru_plural(*clients as u64, "ранжирован", "ранжированы", "ранжированы")
        ),
        AbcConclusion::Unranked { clients, year } => format!(
            "{} without revenue in {year} {} not ranked (category N or set by hand).",
            clients_word(*clients, lang),
            if *clients == 1 { "is" } else { "are" }
        ),
        AbcConclusion::Overridden { clients } if ru => format!(
            "У {} категория назначена вручную вместо расчётной.",
            ru_genitive_clients(*clients)
        ),
        AbcConclusion::Overridden { clients } => format!(
            "{} {} a category set by hand instead of the computed one.",
            clients_word(*clients, lang),
            if *clients == 1 { "has" } else { "have" }
        ),
        AbcConclusion::NoWonDeals { clients } if ru => format!(
            "У {} нет числа выигранных сделок: средний вес и длительность сделки посчитаны без них.",
            ru_genitive_clients(*clients)
        ),
        AbcConclusion::NoWonDeals { clients } => format!(
            "{} {} no number of won deals: the average deal size and duration leave {} out.",
            clients_word(*clients, lang),
            if *clients == 1 { "has" } else { "have" },
            if *clients == 1 { "it" } else { "them" }
        ),
    }
}

/// One conclusion about the elaboration of the A clients as a sentence.
pub fn elaboration_text(c: &ElaborationConclusion, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    match c {
        ElaborationConclusion::NoAClients if ru => {
            "Клиентов категории A нет: проработку оценить нельзя.".to_string()
        }
        ElaborationConclusion::NoAClients => {
            "There are no A clients: elaboration cannot be assessed.".to_string()
        }
        ElaborationConclusion::Summary {
            role_coverage_pct,
            roles_known,
            roles_total,
            full_maps,
            covered,
            a_clients: n,
        } => {
            let pct = fmt_pct(*role_coverage_pct, 0, lang);
            if ru {
                format!(
                    "Проработка клиентов A: роли выявлены на {pct} ({roles_known} из {roles_total}), полные карты у {full_maps} из {n}, открытые проекты у {covered} из {n}."
                )
            } else {
                format!(
                    "Elaboration of A clients: roles identified {pct} ({roles_known} of {roles_total}), full maps {full_maps} of {n}, open projects {covered} of {n}."
                )
            }
        }
        ElaborationConclusion::NoLfr(names) => format!(
            "{}: {}.",
            lang.pick("Не выявлен ЛФР", "No LFR identified"),
            names.join(", ")
        ),
        ElaborationConclusion::NoLpr(names) => format!(
            "{}: {}.",
            lang.pick("Не выявлен ЛПР", "No LPR identified"),
            names.join(", ")
        ),
        ElaborationConclusion::NoOpenProject(names) => format!(
            "{}: {}.",
            lang.pick("Нет открытого проекта", "No open project"),
            names.join(", ")
        ),
    }
}

/// Every variant once, with Latin client names, for the language tests.
#[cfg(test)]
fn samples() -> (Vec<AbcConclusion>, Vec<ElaborationConclusion>) {
    use crate::domain::{Category, Money};
    let abc = vec![
        AbcConclusion::NoRevenue { year: 2024 },
        AbcConclusion::Class {
            category: Category::A,
            clients: 9,
            client_share_pct: Some(22.5),
            revenue_share_pct: Some(81.8),
            revenue: Money::units(667_000),
        },
        AbcConclusion::AvgDeal(vec![(Category::A, Money::units(24_704))]),
        AbcConclusion::AOverB { times: 6.8 },
        AbcConclusion::AvgCycle(vec![(Category::B, 160.0)]),
        AbcConclusion::Biggest {
            label: "K01".into(),
            name: "Malachite".into(),
            share_pct: 18.4,
        },
        AbcConclusion::Unranked {
            clients: 2,
            year: 2024,
        },
        AbcConclusion::Overridden { clients: 1 },
        AbcConclusion::NoWonDeals { clients: 3 },
    ];
    for c in &abc {
        match c {
            AbcConclusion::NoRevenue { .. }
            | AbcConclusion::Class { .. }
            | AbcConclusion::AvgDeal(_)
            | AbcConclusion::AOverB { .. }
            | AbcConclusion::AvgCycle(_)
            | AbcConclusion::Biggest { .. }
            | AbcConclusion::Unranked { .. }
            | AbcConclusion::Overridden { .. }
            | AbcConclusion::NoWonDeals { .. } => {}
        }
    }
    let el = vec![
        ElaborationConclusion::NoAClients,
        ElaborationConclusion::Summary {
            role_coverage_pct: Some(70.4),
            roles_known: 19,
            roles_total: 27,
            full_maps: 4,
            covered: 9,
            a_clients: 9,
        },
        ElaborationConclusion::NoLfr(vec!["K08".into()]),
        ElaborationConclusion::NoLpr(vec!["K05".into(), "K07".into()]),
        ElaborationConclusion::NoOpenProject(vec!["K09".into()]),
    ];
    for c in &el {
        match c {
            ElaborationConclusion::NoAClients
            | ElaborationConclusion::Summary { .. }
            | ElaborationConclusion::NoLfr(_)
            | ElaborationConclusion::NoLpr(_)
            | ElaborationConclusion::NoOpenProject(_) => {}
        }
    }
    (abc, el)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::app_russian;

    #[test]
    fn every_conclusion_is_worded_in_both_languages() {
        let (abc, el) = samples();
        for c in &abc {
            let ru = abc_conclusion_text(c, MoneyUnit::ThousandRub, Lang::Ru);
            assert!(app_russian(&ru), "{ru}");
            let en = abc_conclusion_text(c, MoneyUnit::ThousandRub, Lang::En);
            assert!(!app_russian(&en), "{en}");
        }
        for c in &el {
            let ru = elaboration_text(c, Lang::Ru);
            assert!(app_russian(&ru), "{ru}");
            let en = elaboration_text(c, Lang::En);
            assert!(!app_russian(&en), "{en}");
        }
    }

    #[test]
    fn russian_plural_forms() {
        let f = |n| super::super::format::ru_plural(n, "клиент", "клиента", "клиентов");
        let got: Vec<&str> = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111]
            .iter()
            .map(|n| f(*n))
            .collect();
        assert_eq!(
            got,
            [
                "клиентов",
                "клиент",
                "клиента",
                "клиента",
                "клиентов",
                "клиентов",
                "клиентов",
                "клиентов",
                "клиент",
                "клиента",
                "клиентов",
                "клиент",
                "клиентов"
            ]
        );
    }
}
