//! The target-market hypotheses' totals and the sales department's structure: the load per
//! manager and its warnings (docs/METHOD.md §3.1).

#![warn(missing_docs)]

use super::*;
use crate::domain::layer1::category_figures::cat_slot;
use crate::domain::layer1::client_years::client_years;
use crate::domain::model::{Category, Id, Project};
use crate::domain::money::Money;
use std::collections::HashMap;
use std::hash::BuildHasher;

// ---------------------------------------------------------------------------------------------
// Target-market hypotheses
// ---------------------------------------------------------------------------------------------

/// Totals of the target-market hypotheses.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HypothesesSummary {
    /// Hypotheses to check, confirmed, rejected.
    pub counts: [usize; 3],
    /// Σ market volume of the confirmed hypotheses (those without a volume add nothing).
    pub confirmed_volume: Money,
    /// Σ market volume × expected share of the confirmed hypotheses that have both.
    pub confirmed_expected_sales: Money,
    /// Σ market volume of the hypotheses still to check.
    pub to_check_volume: Money,
}

/// Counts per status and the market volume of the confirmed hypotheses.
pub fn hypotheses_summary(p: &Project) -> HypothesesSummary {
    use crate::domain::model::HypothesisStatus as S;
    let mut s = HypothesesSummary::default();
    for h in &p.layer1.hypotheses {
        let vol = h.market_volume.unwrap_or_default();
        match h.status {
            S::ToCheck => {
                s.counts[0] += 1;
                s.to_check_volume += vol;
            }
            S::Confirmed => {
                s.counts[1] += 1;
                s.confirmed_volume += vol;
                if let (Some(v), Some(sh)) = (h.market_volume, h.expected_share) {
                    if sh.is_finite() {
                        s.confirmed_expected_sales += v.percent(sh);
                    }
                }
            }
            S::Rejected => s.counts[2] += 1,
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Sales-department structure
// ---------------------------------------------------------------------------------------------

/// A manager's clients by category and base-year revenue.
#[derive(Clone, Debug, PartialEq)]
pub struct ManagerLoad {
    /// The manager.
    pub manager_id: Id,
    /// Clients per category A, B, C, N.
    pub clients: [usize; 4],
    /// Base-year revenue of the manager's clients.
    pub base_revenue: Money,
}

/// A warning about the sales structure.
#[derive(Clone, Debug, PartialEq)]
pub enum StructureWarning {
    /// The manager owns more A clients than the limit.
    TooManyAClients {
        /// The manager.
        manager_id: Id,
        /// A clients the manager owns.
        count: usize,
        /// The limit.
        max: u32,
    },
    /// A clients without a manager (or with an unknown one).
    AClientsWithoutManager {
        /// The clients, in the order of `p.clients`.
        clients: Vec<Id>,
    },
    /// An inactive manager still owns clients.
    InactiveManagerHasClients {
        /// The manager.
        manager_id: Id,
        /// Clients the manager owns.
        clients: usize,
    },
}

/// The sales department's structure: load per manager and the warnings.
#[derive(Clone, Debug, PartialEq)]
pub struct SalesStructure {
    /// In the order of `p.managers`.
    pub managers: Vec<ManagerLoad>,
    /// Clients without a (known) manager per category A, B, C, N.
    pub unassigned: [usize; 4],
    /// The limit used (`max_a_clients_per_manager`, default 5).
    pub max_a_clients: u32,
    /// Warnings, per manager in their order, then the unassigned A clients.
    pub warnings: Vec<StructureWarning>,
}

impl SalesStructure {
    /// `manager` owns more A clients than the limit.
    pub fn too_many_a(&self, manager: Id) -> bool {
        self.warnings.iter().any(|w| {
            matches!(w, StructureWarning::TooManyAClients { manager_id, .. } if *manager_id == manager)
        })
    }
}

/// Load per manager and the structure warnings, given every client's category (see
/// [`crate::domain::layer1::abc::client_categories`]).
pub fn sales_structure<S: BuildHasher>(
    p: &Project,
    categories: &HashMap<Id, Category, S>,
) -> SalesStructure {
    let max = p
        .layer1
        .max_a_clients_per_manager
        .unwrap_or(DEFAULT_MAX_A_CLIENTS);
    let years = client_years(p, p.company.base_year);
    let pos: HashMap<Id, usize> = p
        .managers
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id, i))
        .collect();
    let mut loads: Vec<ManagerLoad> = p
        .managers
        .iter()
        .map(|m| ManagerLoad {
            manager_id: m.id,
            clients: [0; 4],
            base_revenue: Money::ZERO,
        })
        .collect();
    let mut unassigned = [0usize; 4];
    let mut a_without = Vec::new();
    for (c, cy) in p.clients.iter().zip(&years) {
        let k = categories.get(&c.id).copied().unwrap_or(Category::N);
        match c.manager_id.and_then(|m| pos.get(&m)) {
            Some(i) => {
                loads[*i].clients[cat_slot(k)] += 1;
                loads[*i].base_revenue += cy.amount;
            }
            None => {
                unassigned[cat_slot(k)] += 1;
                if k == Category::A {
                    a_without.push(c.id);
                }
            }
        }
    }
    let mut warnings = Vec::new();
    for (m, l) in p.managers.iter().zip(&loads) {
        if l.clients[0] > max as usize {
            warnings.push(StructureWarning::TooManyAClients {
                manager_id: m.id,
                count: l.clients[0],
                max,
            });
        }
        let n: usize = l.clients.iter().sum();
        if !m.active && n > 0 {
            warnings.push(StructureWarning::InactiveManagerHasClients {
                manager_id: m.id,
                clients: n,
            });
        }
    }
    if !a_without.is_empty() {
        warnings.push(StructureWarning::AClientsWithoutManager { clients: a_without });
    }
    SalesStructure {
        managers: loads,
        unassigned,
        max_a_clients: max,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::layer1::abc::client_categories;
    use crate::domain::layer1::test_util::*;
    use crate::domain::new_id;

    #[test]
    fn demo_sales_structure() {
        let mut p = demo_project();
        let cats = client_categories(&p);
        let s = sales_structure(&p, &cats);
        assert_eq!(s.max_a_clients, 5);
        let loads: Vec<[usize; 4]> = s.managers.iter().map(|m| m.clients).collect();
        assert_eq!(
            loads,
            vec![[2, 2, 5, 0], [3, 2, 5, 0], [2, 3, 5, 0], [2, 3, 6, 0]]
        );
        assert_eq!(s.managers[1].base_revenue, Money::units(256_950));
        assert!(s.warnings.is_empty());
        p.layer1.max_a_clients_per_manager = Some(2);
        p.managers[3].active = false;
        let k01 = p.clients[0].id;
        p.clients[0].manager_id = None;
        let s = sales_structure(&p, &cats);
        assert_eq!(s.unassigned, [1, 0, 0, 0]);
        assert_eq!(
            s.warnings,
            vec![
                StructureWarning::InactiveManagerHasClients {
                    manager_id: p.managers[3].id,
                    clients: 11
                },
                StructureWarning::AClientsWithoutManager { clients: vec![k01] },
            ]
        );
        p.clients[0].manager_id = Some(p.managers[1].id);
        let s = sales_structure(&p, &cats);
        assert_eq!(
            s.warnings[0],
            StructureWarning::TooManyAClients {
                manager_id: p.managers[1].id,
                count: 3,
                max: 2
            }
        );
        assert!(s.too_many_a(p.managers[1].id));
        assert!(!s.too_many_a(p.managers[0].id));
        assert_eq!(code_of(&p, k01), "K01");
    }

    #[test]
    fn hypotheses_totals_count_confirmed_only() {
        use crate::domain::model::{Hypothesis, HypothesisStatus};
        let mut p = demo_project();
        let s = hypotheses_summary(&p);
        assert_eq!(s.counts, [1, 1, 0]);
        assert_eq!(s.confirmed_volume, Money::units(900_000));
        assert_eq!(s.confirmed_expected_sales, Money::units(72_000));
        assert_eq!(s.to_check_volume, Money::units(600_000));
        p.layer1.hypotheses.push(Hypothesis {
            id: new_id(),
            segment: "x".into(),
            channel_id: None,
            region_id: None,
            market_volume: None,
            expected_share: Some(10.0),
            rationale: String::new(),
            status: HypothesisStatus::Confirmed,
        });
        let s2 = hypotheses_summary(&p);
        assert_eq!(s2.counts, [1, 2, 0]);
        assert_eq!(
            s2.confirmed_volume, s.confirmed_volume,
            "no volume adds nothing"
        );
        assert_eq!(
            hypotheses_summary(&Project::new_empty("x", d(2025, 1, 1))),
            HypothesesSummary::default()
        );
    }
}
