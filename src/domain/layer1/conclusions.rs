//! The conclusions of the ABC analysis and of the elaboration of the A clients
//! (docs/METHOD.md §3.1), as typed values with their figures; `i18n::abc` words them.
//! The elaboration metric itself is [`crate::domain::accounts::a_elaboration`] (one struct for
//! layer 1's ABC screen, layer 3's maps, the dashboard and the diagnosis).

#![warn(missing_docs)]

use super::abc::AbcResult;
use super::category_figures::CategorySummary;
use super::client_years::IdMap;
use crate::domain::accounts::AElaboration;
use crate::domain::model::{Category, Client, Id, Project, Role};
use crate::domain::money::Money;

/// One conclusion of the ABC analysis, with its figures; `i18n::abc::abc_conclusion_text`
/// words it.
#[derive(Clone, Debug, PartialEq)]
pub enum AbcConclusion {
    /// No client has revenue in the year: there is nothing to rank.
    NoRevenue {
        /// The year analysed.
        year: i32,
    },
    /// One class and its weight.
    Class {
        /// The class.
        category: Category,
        /// Its clients.
        clients: usize,
        /// Their share of the ranked clients, %.
        client_share_pct: Option<f64>,
        /// Their share of the revenue, %.
        revenue_share_pct: Option<f64>,
        /// Their revenue.
        revenue: Money,
    },
    /// The average deal size of each category that has one, rounded to whole units.
    AvgDeal(Vec<(Category, Money)>),
    /// An A client's deal is on average this many times the size of a B client's.
    AOverB {
        /// A's average deal ÷ B's.
        times: f64,
    },
    /// The average deal duration of each category that has one, days.
    AvgCycle(Vec<(Category, f64)>),
    /// The biggest client by revenue.
    Biggest {
        /// How it is named: its code, else its name.
        label: String,
        /// Its name.
        name: String,
        /// Its share of the revenue, %.
        share_pct: f64,
    },
    /// Clients without revenue in the year are not ranked (category N or set by hand).
    Unranked {
        /// How many.
        clients: usize,
        /// The year analysed.
        year: i32,
    },
    /// Clients with a category set by hand instead of the computed one.
    Overridden {
        /// How many.
        clients: usize,
    },
    /// Clients without a number of won deals: the averages leave them out.
    NoWonDeals {
        /// How many.
        clients: usize,
    },
}

/// How a client is named in sentences: its code, else its name.
pub(crate) fn client_label(c: &Client) -> &str {
    if c.code.trim().is_empty() {
        &c.name
    } else {
        &c.code
    }
}

/// The ABC analysis as conclusions: one per class, the average deal size and duration, the
/// biggest client, unranked clients and data gaps.
pub fn abc_conclusions(p: &Project, res: &AbcResult) -> Vec<AbcConclusion> {
    let mut out = Vec::new();
    if res.rows.is_empty() {
        out.push(AbcConclusion::NoRevenue { year: res.year });
    }
    for s in res.summary.iter().filter(|s| s.category != Category::N) {
        if s.clients == 0 {
            continue;
        }
        out.push(AbcConclusion::Class {
            category: s.category,
            clients: s.clients,
            client_share_pct: s.client_share_pct,
            revenue_share_pct: s.revenue_share_pct,
            revenue: s.revenue,
        });
    }
    let abc: Vec<&CategorySummary> = res
        .summary
        .iter()
        .filter(|s| s.category != Category::N && s.clients > 0)
        .collect();
    let deals: Vec<(Category, Money)> = abc
        .iter()
        .filter_map(|s| {
            s.avg_deal
                .map(|d| (s.category, Money::from_f64(d.as_f64().round())))
        })
        .collect();
    if !deals.is_empty() {
        out.push(AbcConclusion::AvgDeal(deals));
    }
    let avg = |k: Category| res.summary_of(k).and_then(|s| s.avg_deal);
    if let (Some(a), Some(b)) = (avg(Category::A), avg(Category::B)) {
        if b > Money::ZERO {
            out.push(AbcConclusion::AOverB {
                times: a.as_f64() / b.as_f64(),
            });
        }
    }
    let cycles: Vec<(Category, f64)> = abc
        .iter()
        .filter_map(|s| s.avg_cycle_days.map(|d| (s.category, d)))
        .collect();
    if !cycles.is_empty() {
        out.push(AbcConclusion::AvgCycle(cycles));
    }
    if let Some(top) = res.rows.first() {
        if let Some(c) = p.clients.get(top.client_index) {
            out.push(AbcConclusion::Biggest {
                label: client_label(c).to_string(),
                name: c.name.clone(),
                share_pct: top.share_pct,
            });
        }
    }
    let unranked = res.unranked.len();
    if unranked > 0 {
        out.push(AbcConclusion::Unranked {
            clients: unranked,
            year: res.year,
        });
    }
    let overridden = res.rows.iter().filter(|r| r.category != r.class).count();
    if overridden > 0 {
        out.push(AbcConclusion::Overridden {
            clients: overridden,
        });
    }
    let gaps: usize = abc.iter().map(|s| s.clients_without_deals).sum();
    if gaps > 0 {
        out.push(AbcConclusion::NoWonDeals { clients: gaps });
    }
    out
}

/// One conclusion about the elaboration of the A clients; `i18n::abc::elaboration_text`
/// words it. Clients are named by their code, else their name.
#[derive(Clone, Debug, PartialEq)]
pub enum ElaborationConclusion {
    /// There are no A clients: elaboration cannot be assessed.
    NoAClients,
    /// The three indicators, each out of the A clients.
    Summary {
        /// Roles identified, % of all roles of all A clients.
        role_coverage_pct: Option<f64>,
        /// Roles identified.
        roles_known: usize,
        /// All roles: three per A client.
        roles_total: usize,
        /// A clients with a full map.
        full_maps: usize,
        /// A clients with an open project.
        covered: usize,
        /// All A clients.
        a_clients: usize,
    },
    /// The A clients without an identified ЛФР.
    NoLfr(Vec<String>),
    /// The A clients without an identified ЛПР.
    NoLpr(Vec<String>),
    /// The A clients without an open project.
    NoOpenProject(Vec<String>),
}

/// The elaboration of A clients as conclusions: the three indicators and the A clients without
/// an ЛФР, without an ЛПР and without an open deal.
pub fn elaboration_conclusions(p: &Project, e: &AElaboration) -> Vec<ElaborationConclusion> {
    if e.a_clients.is_empty() {
        return vec![ElaborationConclusion::NoAClients];
    }
    let idx: IdMap<Id, &Client> = p.clients.iter().map(|c| (c.id, c)).collect();
    let names = |ids: &[Id]| -> Vec<String> {
        ids.iter()
            .filter_map(|id| idx.get(id).map(|c| client_label(c).to_string()))
            .collect()
    };
    let n = e.a_clients.len();
    let mut out = vec![ElaborationConclusion::Summary {
        role_coverage_pct: e.role_coverage_pct(),
        roles_known: e.roles_known,
        roles_total: 3 * n,
        full_maps: e.full_maps.len(),
        covered: e.covered.len(),
        a_clients: n,
    }];
    let lfr = names(e.missing(Role::Lfr));
    if !lfr.is_empty() {
        out.push(ElaborationConclusion::NoLfr(lfr));
    }
    let lpr = names(e.missing(Role::Lpr));
    if !lpr.is_empty() {
        out.push(ElaborationConclusion::NoLpr(lpr));
    }
    let open = names(&e.not_covered);
    if !open.is_empty() {
        out.push(ElaborationConclusion::NoOpenProject(open));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::abc::*;
    use super::*;
    use crate::domain::accounts::a_elaboration;
    use crate::domain::demo::demo_project;
    use crate::domain::layer1::abc::tests::*;
    use crate::domain::model::Contact;
    use crate::i18n::Lang;

    /// The conclusions as the ABC tab shows them.
    fn abc_words(p: &Project, res: &AbcResult, lang: Lang) -> Vec<String> {
        abc_conclusions(p, res)
            .iter()
            .map(|c| crate::i18n::abc::abc_conclusion_text(c, p.company.money_unit, lang))
            .collect()
    }

    fn elaboration_words(p: &Project, e: &AElaboration, lang: Lang) -> Vec<String> {
        elaboration_conclusions(p, e)
            .iter()
            .map(|c| crate::i18n::abc::elaboration_text(c, lang))
            .collect()
    }

    #[test]
    fn demo_a_elaboration() {
        let p = demo_project();
        let e = a_elaboration(&p, &client_categories(&p));
        assert_eq!(e.a_clients.len(), 9);
        assert_eq!((e.covered.len(), e.coverage_pct()), (9, Some(100.0)));
        assert_eq!(e.roles_known, 19);
        assert_eq!(e.role_coverage_pct().map(|x| x.round()), Some(70.0));
        assert_eq!(e.full_maps.len(), 4);
        assert_eq!(e.full_maps_pct().map(|x| x.round()), Some(44.0));
        let list = |ids: &[Id]| ids.iter().map(|i| code_of(&p, *i)).collect::<Vec<_>>();
        assert_eq!(list(e.missing(Role::Lfr)), vec!["K08"]);
        assert_eq!(list(e.missing(Role::Lpr)), vec!["K05", "K07", "K08", "K09"]);
        assert_eq!(list(e.missing(Role::Lvr)), vec!["K04", "K07", "K09"]);
        assert!(e.not_covered.is_empty());
        // K02 (open deals D02 and D11) is covered.
        assert_eq!(list(&e.covered[1..2]), vec!["K02"]);
        let words = elaboration_words(&p, &e, Lang::Ru);
        assert_eq!(
            plain(&words[0]),
            "Проработка клиентов A: роли выявлены на 70 % (19 из 27), полные карты у 4 из 9, открытые проекты у 9 из 9."
        );
        assert_eq!(words[1], "Не выявлен ЛФР: K08.");
        assert_eq!(words[2], "Не выявлен ЛПР: K05, K07, K08, K09.");
        let en = elaboration_words(&p, &e, Lang::En);
        assert!(en[0].starts_with("Elaboration of A clients: roles identified 70"));
    }

    #[test]
    fn elaboration_counts_multi_role_contacts_and_empty_a() {
        let mut p = project(&[("X1", 100)]);
        let cid = p.clients[0].id;
        p.contacts.push(Contact {
            id: crate::domain::new_id(),
            client_id: cid,
            name: "N".into(),
            position: String::new(),
            roles: vec![Role::Lfr, Role::Lpr],
            attitude: None,
            influence: None,
            access: None,
            notes: String::new(),
            influences: vec![],
        });
        let e = a_elaboration(&p, &client_categories(&p));
        assert_eq!(
            (e.a_clients.len(), e.roles_known, e.full_maps.len()),
            (1, 2, 0)
        );
        assert_eq!(e.coverage_pct(), Some(0.0));
        let none = a_elaboration(&p, &std::collections::HashMap::new());
        assert_eq!(none.a_clients.len(), 0);
        assert_eq!(none.role_coverage_pct(), None);
        assert_eq!(none.coverage_pct(), None);
        assert_eq!(
            elaboration_conclusions(&p, &none),
            vec![ElaborationConclusion::NoAClients]
        );
    }

    #[test]
    fn demo_conclusions_in_russian_and_english() {
        let p = demo_project();
        let res = abc_for_project(&p);
        let ru: Vec<String> = abc_words(&p, &res, Lang::Ru)
            .iter()
            .map(|s| plain(s))
            .collect();
        assert_eq!(
            ru[0],
            "Категория A: 9 клиентов (22,5 %) дают 81,8 % выручки (667 000 тыс. ₽)."
        );
        assert!(ru[1].contains("10 клиентов (25,0 %) дают 13,7 % выручки"));
        assert!(ru[2].contains("21 клиент (52,5 %) даёт 4,4 % выручки"));
        assert_eq!(
            ru[3],
            "Средний вес сделки: A — 24 704 тыс. ₽; B — 3 613 тыс. ₽; C — 858 тыс. ₽."
        );
        assert_eq!(
            ru[4],
            "Сделка с клиентом A в среднем в 6,8 раза крупнее, чем с клиентом B."
        );
        assert_eq!(
            ru[5],
            "Средняя длительность сделки, дней: A — 288; B — 160; C — 46."
        );
        assert!(ru[6].starts_with("Крупнейший клиент — K01 (ГОК «Малахит»): 18,4 %"));
        assert_eq!(ru.len(), 7);
        let en: Vec<String> = abc_words(&p, &res, Lang::En);
        assert_eq!(
            plain(&en[0]),
            "Category A: 9 clients (22.5 %) bring 81.8 % of revenue (667,000 thous. ₽)."
        );
    }

    #[test]
    fn conclusions_mention_gaps_prospects_and_overrides() {
        let mut p = project(&[("X1", 100), ("X2", 10), ("X3", 0)]);
        p.revenues[1].won_deals = None;
        p.clients[1].category_override = Some(Category::A);
        let res = abc_for_project(&p);
        let ru = abc_words(&p, &res, Lang::Ru).join("\n");
        assert!(
            ru.contains("1 клиент без выручки за 2024 г. не ранжирован"),
            "{ru}"
        );
        assert!(
            ru.contains("У 1 клиента категория назначена вручную"),
            "{ru}"
        );
        assert!(
            ru.contains("У 1 клиента нет числа выигранных сделок"),
            "{ru}"
        );
        let en = abc_words(&p, &res, Lang::En).join("\n");
        assert!(
            en.contains("1 client without revenue in 2024 is not ranked"),
            "{en}"
        );
        let empty = project(&[]);
        let res = abc_for_project(&empty);
        assert_eq!(
            abc_words(&empty, &res, Lang::Ru),
            vec!["За 2024 г. ни у одного клиента нет выручки: ABC-анализ строить не из чего."]
        );
    }
}
