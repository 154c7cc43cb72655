//! Synthetic projects for round-trip tests and benchmarks: random sizes, awkward text (Cyrillic,
//! quotes, HTML, emoji), money with kopecks, optional fields both set and unset, and references
//! that are always valid. Deterministic for a seed, so a failing case can be replayed.

use super::model::*;
use super::money::Money;
use super::stages::default_stages;
use chrono::{Duration, NaiveDate};
use uuid::Uuid;

/// A small deterministic generator (xorshift64*), enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// In `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
    pub fn chance(&mut self, pct: u64) -> bool {
        self.next_u64() % 100 < pct
    }
    pub fn id(&mut self) -> Id {
        Uuid::from_u64_pair(self.next_u64(), self.next_u64())
    }
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> Option<&'a T> {
        if v.is_empty() {
            None
        } else {
            v.get(self.below(v.len()))
        }
    }
}

const WORDS: [&str; 16] = [
    "Насос",
    "теплообменник",
    "«Альфа»",
    "ООО \"Бета\"",
    "<script>alert(1)</script>",
    "<b>жирный</b>",
    "завод №5",
    "Ёжик",
    "pump",
    "100%",
    "a & b",
    "😀",
    "\\путь\\",
    "табуляция\tвнутри",
    "строка\nперенос",
    "",
];

fn text(r: &mut Rng, words: usize) -> String {
    (0..words)
        .map(|_| WORDS[r.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

fn money(r: &mut Rng, max_units: u64) -> Money {
    let units = (r.next_u64() % max_units.max(1)) as i64;
    let cents = if r.chance(30) {
        (r.next_u64() % 100) as i64
    } else {
        0
    };
    Money(units * 100 + cents)
}

fn date(r: &mut Rng) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default() + Duration::days(r.below(900) as i64)
}

fn opt<T>(r: &mut Rng, f: impl FnOnce(&mut Rng) -> T) -> Option<T> {
    if r.chance(60) {
        Some(f(r))
    } else {
        None
    }
}

fn dims(r: &mut Rng, n: usize, prefix: &str) -> Vec<Dimension> {
    (0..n)
        .map(|i| Dimension {
            id: r.id(),
            name: format!("{prefix} {i} {}", text(r, 1)),
        })
        .collect()
}

/// A random valid project with about `clients` clients and `deals` deals.
pub fn random_project(seed: u64, clients: usize, deals: usize) -> Project {
    let mut r = Rng::new(seed);
    let r = &mut r;
    let mut p = Project::new_empty(
        &format!("Проект {seed} {}", text(r, 2)),
        NaiveDate::from_ymd_opt(2025, 3, 31).unwrap_or_default(),
    );
    p.id = r.id();
    p.company.name = text(r, 3);
    p.company.as_of = opt(r, date);
    p.company.money_unit = [
        MoneyUnit::Rub,
        MoneyUnit::ThousandRub,
        MoneyUnit::MillionRub,
    ][r.below(3)];
    p.stages = default_stages();
    for s in &mut p.stages {
        s.id = r.id();
        s.win_probability = opt(r, |r| r.below(101) as f64);
    }
    p.business_lines = {
        let n = 1 + r.below(3);
        dims(r, n, "Направление")
    };
    p.channels = {
        let n = 1 + r.below(4);
        dims(r, n, "Канал")
    };
    p.regions = {
        let n = 1 + r.below(6);
        dims(r, n, "Регион")
    };
    let n_managers = 1 + r.below(8);
    let channel_ids: Vec<Id> = p.channels.iter().map(|c| c.id).collect();
    let region_ids: Vec<Id> = p.regions.iter().map(|c| c.id).collect();
    let line_ids: Vec<Id> = p.business_lines.iter().map(|c| c.id).collect();
    let stage_ids: Vec<Id> = p.stages.iter().map(|s| s.id).collect();
    for i in 0..n_managers {
        p.managers.push(Manager {
            id: r.id(),
            code: format!("M{}", i + 1),
            name: text(r, 2),
            region_id: r.pick(&region_ids).copied(),
            channel_ids: channel_ids
                .iter()
                .copied()
                .filter(|_| r.chance(50))
                .collect(),
            category_focus: if r.chance(30) {
                vec![Category::A]
            } else {
                vec![]
            },
            active: r.chance(90),
        });
    }
    let manager_ids: Vec<Id> = p.managers.iter().map(|m| m.id).collect();
    for i in 0..clients {
        let id = r.id();
        p.clients.push(Client {
            id,
            code: format!("K{:05}", i + 1),
            name: format!("{} {}", text(r, 2), i),
            industry: text(r, 1),
            channel_id: r.pick(&channel_ids).copied(),
            region_id: r.pick(&region_ids).copied(),
            business_line_ids: line_ids.iter().copied().filter(|_| r.chance(50)).collect(),
            manager_id: r.pick(&manager_ids).copied(),
            category_override: if r.chance(5) { Some(Category::N) } else { None },
            notes: if r.chance(10) {
                text(r, 5)
            } else {
                String::new()
            },
        });
        if r.chance(85) {
            p.revenues.push(ClientRevenue {
                client_id: id,
                year: 2024,
                amount: money(r, 200_000),
                won_deals: opt(r, |r| r.below(10) as u32),
                avg_cycle_days: opt(r, |r| r.below(400) as f64 + 0.5),
            });
        }
    }
    let client_ids: Vec<Id> = p.clients.iter().map(|c| c.id).collect();
    for i in 0..deals {
        let created = date(r);
        let cur = r.below(stage_ids.len());
        let history = (0..=cur)
            .filter(|_| r.chance(90))
            .map(|s| StageEntry {
                stage_id: stage_ids[s],
                entered: created + Duration::days(s as i64 * 7),
            })
            .collect();
        let status = [
            DealStatus::Open,
            DealStatus::Won,
            DealStatus::Lost,
            DealStatus::OnHold,
        ][r.below(4)];
        p.deals.push(Deal {
            id: r.id(),
            code: format!("D{:05}", i + 1),
            client_id: if r.chance(95) {
                r.pick(&client_ids).copied()
            } else {
                None
            },
            manager_id: r.pick(&manager_ids).copied(),
            channel_id: r.pick(&channel_ids).copied(),
            business_line_id: r.pick(&line_ids).copied(),
            title: text(r, 2),
            amount: money(r, 60_000),
            created,
            stage_id: stage_ids[cur],
            status,
            lost_reason: if status == DealStatus::Lost {
                text(r, 2)
            } else {
                String::new()
            },
            closed: if status == DealStatus::Open {
                None
            } else {
                Some(created + Duration::days(100))
            },
            next_step: if r.chance(30) {
                text(r, 2)
            } else {
                String::new()
            },
            next_step_date: opt(r, date),
            history,
            needs: (0..if cur >= 1 && r.chance(30) {
                r.below(5)
            } else {
                0
            })
                .map(|_| DealNeed {
                    id: r.id(),
                    need_id: None,
                    text: text(r, 3),
                    confirmed_by: None,
                    date: opt(r, date),
                })
                .collect(),
            criteria: (0..if cur >= 2 && r.chance(30) {
                r.below(4)
            } else {
                0
            })
                .map(|_| DealCriterion {
                    id: r.id(),
                    text: text(r, 2),
                    owner: Role::ALL[r.below(3)],
                    weight: opt(r, |r| r.below(10) as f64 / 2.0),
                    advantage_id: None,
                    influenced: r.chance(50),
                })
                .collect(),
            teo: if cur >= 3 && r.chance(20) {
                Some(Teo {
                    investment: vec![MoneyLine {
                        name: text(r, 1),
                        amount: money(r, 50_000),
                    }],
                    savings: vec![MoneyLine {
                        name: text(r, 1),
                        amount: money(r, 20_000),
                    }],
                    opex: vec![],
                    alternative_opex: vec![],
                    salvage: Money::ZERO,
                    horizon_years: 1 + r.below(10) as u32,
                    discount_rate: r.below(30) as f64,
                    presented_on: opt(r, date),
                    notes: String::new(),
                })
            } else {
                None
            },
            proposal: Proposal::default(),
        });
    }
    for c in client_ids.iter().take(clients / 4 + 1) {
        if clients == 0 {
            break;
        }
        for _ in 0..r.below(4) {
            p.contacts.push(Contact {
                id: r.id(),
                client_id: *c,
                name: text(r, 2),
                position: text(r, 1),
                roles: Role::ALL.iter().copied().filter(|_| r.chance(40)).collect(),
                attitude: opt(r, |r| {
                    [Attitude::Supporter, Attitude::Neutral, Attitude::Opponent][r.below(3)]
                }),
                influence: opt(r, |r| r.below(11) as u8),
                access: None,
                notes: String::new(),
                influences: vec![],
            });
        }
    }
    let contact_ids: Vec<(Id, Id)> = p.contacts.iter().map(|c| (c.id, c.client_id)).collect();
    for _ in 0..(clients / 2) {
        if let Some((contact, client)) = r.pick(&contact_ids).copied() {
            p.layer3.touch_points.push(TouchPoint {
                id: r.id(),
                client_id: client,
                contact_id: if r.chance(50) { Some(contact) } else { None },
                date: date(r),
                kind: TouchKind::ALL[r.below(TouchKind::ALL.len())],
                activity_id: None,
                note: String::new(),
            });
        }
    }
    p.layer1.company_plan = money(r, 2_000_000);
    p.layer1.category_shares = CategoryValues {
        a: Some(78.0),
        b: Some(15.0),
        c: Some(7.0),
    };
    for m in &manager_ids {
        if r.chance(70) {
            p.layer1.manager_plans.push(ManagerPlan {
                manager_id: *m,
                amount: money(r, 300_000),
                by_channel: vec![],
                by_category: CategoryMoney::default(),
                projects: opt(r, |r| r.below(50) as u32),
            });
        }
    }
    if r.chance(50) {
        p.method.ticked.push("l1.segments".into());
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_valid() {
        let a = random_project(7, 30, 40);
        let b = random_project(7, 30, 40);
        assert_eq!(a, b);
        assert_eq!(a.clients.len(), 30);
        assert_eq!(a.deals.len(), 40);
        crate::persist::validate::validate(&a).unwrap();
        let empty = random_project(1, 0, 0);
        crate::persist::validate::validate(&empty).unwrap();
    }
}
