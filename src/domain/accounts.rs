//! Layer 3 (docs/METHOD.md §3.3): strategy for category A and B clients and the promotion
//! programme — project maps, typical-client maps, touch points, A/B leads, the programme per
//! channel and the layer's results checks.
//!
//! Client categories come from the ABC analysis of layer 1, which is not this module's
//! business: every function that needs them takes `&HashMap<Id, Category>` (client id →
//! category). A client missing from that map has no category here and is left out of the
//! per-category figures.
//!
//! Periods are inclusive date ranges ([`Period`]). Quarterly targets (touch points) are scaled
//! to the period's length by [`quarters_in`] (4 × [`Period::year_share`]); the A/B leads of the
//! layer are [`super::layer2::leads::leads_report`], the one definition of a lead.

use super::model::{Activity, Category, Deal, DealStatus, Id, Project, Role};
use super::money::{ratio_pct, Money};
use super::period::Period;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Client id → ABC category (from layer 1).
pub type Categories = HashMap<Id, Category>;

/// The categories layer 3 works with.
pub const AB: [Category; 2] = [Category::A, Category::B];

/// \[DEFAULT\] Touch points per A client per quarter, when the project sets none.
pub const DEFAULT_TOUCH_TARGET_A: f64 = 6.0;
/// \[DEFAULT\] Touch points per B client per quarter, when the project sets none.
pub const DEFAULT_TOUCH_TARGET_B: f64 = 3.0;

/// The outcome of a results check: met when nothing is missing.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultCheck<T> {
    pub met: bool,
    /// What is missing, for the "what to do" list.
    pub missing: Vec<T>,
}

impl<T> ResultCheck<T> {
    /// A check that is met exactly when `missing` is empty.
    pub fn from_missing(missing: Vec<T>) -> ResultCheck<T> {
        ResultCheck {
            met: missing.is_empty(),
            missing,
        }
    }
}

fn category_of(categories: &Categories, client_id: Id) -> Option<Category> {
    categories.get(&client_id).copied()
}

/// Clients of a category, in the project's order.
fn clients_in(p: &Project, categories: &Categories, category: Category) -> Vec<Id> {
    p.clients
        .iter()
        .filter(|c| category_of(categories, c.id) == Some(category))
        .map(|c| c.id)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Project maps
// ---------------------------------------------------------------------------------------------

/// Contacts holding one role at a client.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleContacts {
    pub role: Role,
    pub contact_ids: Vec<Id>,
}

/// A client's project map (карта проекта): its contacts grouped by buying-centre role.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectMap {
    pub client_id: Id,
    pub channel_id: Option<Id>,
    pub category: Option<Category>,
    /// One entry per role in [`Role::ALL`] order (ЛВР, ЛФР, ЛПР); a contact with several roles
    /// is listed under each of them.
    pub roles: Vec<RoleContacts>,
    /// Contacts with no role assigned yet.
    pub unassigned: Vec<Id>,
}

impl ProjectMap {
    /// The contacts holding `role`.
    pub fn contacts(&self, role: Role) -> &[Id] {
        self.roles
            .iter()
            .find(|r| r.role == role)
            .map(|r| r.contact_ids.as_slice())
            .unwrap_or(&[])
    }

    /// Roles nobody is known for (no ЛВР / no ЛФР / no ЛПР), in [`Role::ALL`] order.
    pub fn gaps(&self) -> Vec<Role> {
        Role::ALL
            .into_iter()
            .filter(|r| self.contacts(*r).is_empty())
            .collect()
    }

    /// Number of roles with at least one contact (0–3).
    pub fn known_roles(&self) -> usize {
        Role::ALL.len() - self.gaps().len()
    }

    /// All three roles are identified.
    pub fn is_full(&self) -> bool {
        self.gaps().is_empty()
    }
}

/// The map of `client` from its contacts (already the client's own).
fn map_of(
    client_id: Id,
    channel_id: Option<Id>,
    category: Option<Category>,
    contacts: &[&super::model::Contact],
) -> ProjectMap {
    ProjectMap {
        client_id,
        channel_id,
        category,
        roles: Role::ALL
            .into_iter()
            .map(|role| RoleContacts {
                role,
                contact_ids: contacts
                    .iter()
                    .filter(|c| c.roles.contains(&role))
                    .map(|c| c.id)
                    .collect(),
            })
            .collect(),
        unassigned: contacts
            .iter()
            .filter(|c| c.roles.is_empty())
            .map(|c| c.id)
            .collect(),
    }
}

/// The project map of one client (an unknown client id gives an empty map).
pub fn project_map(p: &Project, categories: &Categories, client_id: Id) -> ProjectMap {
    let contacts: Vec<_> = p
        .contacts
        .iter()
        .filter(|c| c.client_id == client_id)
        .collect();
    map_of(
        client_id,
        p.client(client_id).and_then(|c| c.channel_id),
        category_of(categories, client_id),
        &contacts,
    )
}

/// Project maps of all clients of a category, in the project's client order. One pass over
/// the contacts, so 100 000 clients take milliseconds.
pub fn project_maps(p: &Project, categories: &Categories, category: Category) -> Vec<ProjectMap> {
    let mut by_client: HashMap<Id, Vec<&super::model::Contact>> = HashMap::new();
    for c in &p.contacts {
        if category_of(categories, c.client_id) == Some(category) {
            by_client.entry(c.client_id).or_default().push(c);
        }
    }
    p.clients
        .iter()
        .filter(|c| category_of(categories, c.id) == Some(category))
        .map(|c| {
            let contacts = by_client.get(&c.id).map(Vec::as_slice).unwrap_or(&[]);
            map_of(c.id, c.channel_id, Some(category), contacts)
        })
        .collect()
}

/// Clients missing one role.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleGap {
    pub role: Role,
    pub client_ids: Vec<Id>,
}

/// Degree of elaboration of the A clients (docs/METHOD.md §3.1), with the client lists behind
/// each figure.
#[derive(Clone, Debug, PartialEq)]
pub struct AElaboration {
    /// All A clients, in the project's order.
    pub a_clients: Vec<Id>,
    /// A clients with at least one open deal in a funnel stage (*coverage*).
    pub covered: Vec<Id>,
    /// A clients without one.
    pub not_covered: Vec<Id>,
    /// Σ over A clients of the roles with a known contact (numerator of *role coverage*).
    pub roles_known: usize,
    /// A clients with all three roles identified (*full maps*).
    pub full_maps: Vec<Id>,
    /// Per role (ЛВР, ЛФР, ЛПР), the A clients where nobody holds it.
    pub gaps: Vec<RoleGap>,
}

impl AElaboration {
    /// Coverage, % (`None` without A clients).
    pub fn coverage_pct(&self) -> Option<f64> {
        ratio_pct(self.covered.len() as f64, self.a_clients.len() as f64)
    }
    /// Role coverage = roles known / (3 × A clients), %.
    pub fn role_coverage_pct(&self) -> Option<f64> {
        ratio_pct(
            self.roles_known as f64,
            (Role::ALL.len() * self.a_clients.len()) as f64,
        )
    }
    /// Full maps, %.
    pub fn full_maps_pct(&self) -> Option<f64> {
        ratio_pct(self.full_maps.len() as f64, self.a_clients.len() as f64)
    }
    /// The A clients where nobody holds `role`.
    pub fn missing(&self, role: Role) -> &[Id] {
        self.gaps
            .iter()
            .find(|g| g.role == role)
            .map(|g| g.client_ids.as_slice())
            .unwrap_or(&[])
    }
}

/// Whether a deal is open in a funnel stage.
fn open_in_funnel(p: &Project, d: &Deal) -> bool {
    d.status == DealStatus::Open && p.stage(d.stage_id).is_some_and(|s| s.is_funnel)
}

/// Coverage, role coverage and full maps over the A clients (docs/METHOD.md §3.1, §6.3).
pub fn a_elaboration(p: &Project, categories: &Categories) -> AElaboration {
    let maps = project_maps(p, categories, Category::A);
    let a_clients: Vec<Id> = maps.iter().map(|m| m.client_id).collect();
    let open: std::collections::HashSet<Id> = p
        .deals
        .iter()
        .filter(|d| open_in_funnel(p, d))
        .filter_map(|d| d.client_id)
        .collect();
    let (covered, not_covered): (Vec<Id>, Vec<Id>) =
        a_clients.iter().partition(|id| open.contains(*id));
    AElaboration {
        covered,
        not_covered,
        roles_known: maps.iter().map(ProjectMap::known_roles).sum(),
        full_maps: maps
            .iter()
            .filter(|m| m.is_full())
            .map(|m| m.client_id)
            .collect(),
        gaps: Role::ALL
            .into_iter()
            .map(|role| RoleGap {
                role,
                client_ids: maps
                    .iter()
                    .filter(|m| m.contacts(role).is_empty())
                    .map(|m| m.client_id)
                    .collect(),
            })
            .collect(),
        a_clients,
    }
}

/// Completeness of the typical-client map (карта типового клиента) of one channel and
/// category: which roles have typical positions written down.
#[derive(Clone, Debug, PartialEq)]
pub struct TypicalMap {
    pub channel_id: Id,
    pub category: Category,
    /// Roles with at least one non-blank typical position.
    pub filled: Vec<Role>,
    pub missing: Vec<Role>,
}

impl TypicalMap {
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Typical-map completeness for every channel × {A, B}, channels in the project's order.
pub fn typical_maps(p: &Project) -> Vec<TypicalMap> {
    let mut out = vec![];
    for ch in &p.channels {
        for category in AB {
            let has = |role: Role| {
                p.layer3.map_templates.iter().any(|t| {
                    t.channel_id == ch.id
                        && t.category == category
                        && t.role == role
                        && t.positions.iter().any(|s| !s.trim().is_empty())
                })
            };
            let (filled, missing) = Role::ALL.into_iter().partition(|r| has(*r));
            out.push(TypicalMap {
                channel_id: ch.id,
                category,
                filled,
                missing,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Touch points
// ---------------------------------------------------------------------------------------------

/// Length of a period in quarters, for scaling quarterly targets: 4 × the period's share of
/// the year by calendar months ([`Period::year_share`]): Q1 = 1, a year = 4, a month = 1/3.
pub fn quarters_in(period: Period) -> f64 {
    4.0 * period.year_share()
}

/// Touch-point target per client per quarter for a category: the project's setting, else
/// the default (A 6, B 3); C and N have no default.
pub fn touch_target_per_quarter(p: &Project, category: Category) -> Option<f64> {
    let t = &p.layer3.touch_targets;
    match category {
        Category::A => t.a.or(Some(DEFAULT_TOUCH_TARGET_A)),
        Category::B => t.b.or(Some(DEFAULT_TOUCH_TARGET_B)),
        Category::C => t.c,
        Category::N => None,
    }
}

/// Touch points of one client in a period.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientTouches {
    pub client_id: Id,
    pub category: Category,
    pub count: usize,
    /// Touch points with a contact holding each role, in [`Role::ALL`] order (a touch point
    /// with a contact of two roles counts for both; one without a contact for none).
    pub by_role: Vec<(Role, usize)>,
    /// The target scaled to the period.
    pub target: Option<f64>,
    pub below_target: bool,
}

impl ClientTouches {
    /// Touch points with contacts holding `role` (e.g. access to the ЛПР).
    pub fn with_role(&self, role: Role) -> usize {
        self.by_role
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }
}

/// Touch points of one category in a period.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryTouches {
    pub category: Category,
    /// Number of clients of the category (including those without touch points).
    pub clients: usize,
    pub total: usize,
    /// Total per client (`None` without clients).
    pub average: Option<f64>,
    /// Target per client, scaled to the period.
    pub target: Option<f64>,
    /// Clients below the target, in the project's order.
    pub below_target: Vec<Id>,
}

impl CategoryTouches {
    /// Share of the category's clients that meet the target, % (`None` without clients or
    /// target).
    pub fn meeting_pct(&self) -> Option<f64> {
        self.target?;
        ratio_pct(
            (self.clients - self.below_target.len()) as f64,
            self.clients as f64,
        )
    }
}

/// Touch points of A and B clients in a period (metric 1 of layer 3).
#[derive(Clone, Debug, PartialEq)]
pub struct TouchReport {
    pub period: Period,
    /// The period's length in quarters (see [`quarters_in`]).
    pub quarters: f64,
    /// Every A and B client, A first, each in the project's order.
    pub clients: Vec<ClientTouches>,
    /// One entry for A, one for B.
    pub categories: Vec<CategoryTouches>,
}

impl TouchReport {
    pub fn category(&self, category: Category) -> Option<&CategoryTouches> {
        self.categories.iter().find(|c| c.category == category)
    }
}

/// Counts the touch points of every A and B client dated in `period` and compares them with
/// the quarterly target ([`touch_target_per_quarter`]) multiplied by the period's length in
/// quarters ([`quarters_in`]): 6 for an A client in a quarter, 24 in a year, about 2 in a
/// month. A client is below target when its count is smaller than that number.
pub fn touch_points(p: &Project, categories: &Categories, period: Period) -> TouchReport {
    let quarters = quarters_in(period);
    let mut clients = vec![];
    let mut summary = vec![];
    for category in AB {
        let target = touch_target_per_quarter(p, category).map(|t| t * quarters);
        let rows: Vec<ClientTouches> = clients_in(p, categories, category)
            .into_iter()
            .map(|client_id| {
                let touches: Vec<_> = p
                    .layer3
                    .touch_points
                    .iter()
                    .filter(|t| t.client_id == client_id && period.contains(t.date))
                    .collect();
                let by_role = Role::ALL
                    .into_iter()
                    .map(|role| {
                        let n = touches
                            .iter()
                            .filter(|t| {
                                t.contact_id
                                    .and_then(|c| p.contacts.iter().find(|k| k.id == c))
                                    .is_some_and(|k| k.roles.contains(&role))
                            })
                            .count();
                        (role, n)
                    })
                    .collect();
                let count = touches.len();
                ClientTouches {
                    client_id,
                    category,
                    count,
                    by_role,
                    target,
                    below_target: target.is_some_and(|t| (count as f64) < t - 1e-9),
                }
            })
            .collect();
        let total = rows.iter().map(|r| r.count).sum::<usize>();
        summary.push(CategoryTouches {
            category,
            clients: rows.len(),
            total,
            average: (!rows.is_empty()).then(|| total as f64 / rows.len() as f64),
            target,
            below_target: rows
                .iter()
                .filter(|r| r.below_target)
                .map(|r| r.client_id)
                .collect(),
        });
        clients.extend(rows);
    }
    TouchReport {
        period,
        quarters,
        clients,
        categories: summary,
    }
}

// ---------------------------------------------------------------------------------------------
// Promotion programme
// ---------------------------------------------------------------------------------------------

/// The promotion programme of one channel in a period.
///
/// Every activity of the programme works on ТФС stage 1 (attention and leads, docs/METHOD.md §3.3),
/// so the stage-1 focus is measured by its rhythm (quarters without any activity) and its
/// reach (A clients of the channel that no activity targets).
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelProgramme {
    pub channel_id: Id,
    /// Activities planned in the period, by planned date.
    pub activities: Vec<Id>,
    /// The PR subset (план PR-мероприятий).
    pub pr: Vec<Id>,
    pub done: usize,
    /// Activities planned on or before `as_of`.
    pub due: usize,
    /// Due activities not done.
    pub overdue: Vec<Id>,
    /// Σ budget of all activities in the period.
    pub budget: Money,
    /// Σ budget of the done ones.
    pub budget_done: Money,
    /// Σ budget of the PR ones.
    pub budget_pr: Money,
    /// Calendar quarters of the period without any activity of the channel.
    pub quarters_without_activity: Vec<Period>,
    /// A clients of the channel that no activity in the period targets.
    pub a_clients_not_targeted: Vec<Id>,
}

impl ChannelProgramme {
    /// Done vs planned, % (`None` without activities).
    pub fn done_pct(&self) -> Option<f64> {
        ratio_pct(self.done as f64, self.activities.len() as f64)
    }
    /// Done among the due ones, % — the execution figure of the diagnosis (`None` when
    /// nothing is due yet).
    pub fn due_done_pct(&self) -> Option<f64> {
        ratio_pct((self.due - self.overdue.len()) as f64, self.due as f64)
    }
}

/// Calendar quarters that intersect the period.
fn quarters_of(period: Period) -> Vec<Period> {
    let mut out = vec![];
    let mut q = Period::quarter_of(period.from);
    while q.from <= period.to {
        out.push(q);
        match q.to.succ_opt() {
            Some(next) => q = Period::quarter_of(next),
            None => break,
        }
    }
    out
}

/// The promotion programme of every channel (in the project's order) for activities planned
/// in `period`; `as_of` decides which are due.
pub fn promotion_programmes(
    p: &Project,
    categories: &Categories,
    period: Period,
    as_of: NaiveDate,
) -> Vec<ChannelProgramme> {
    p.channels
        .iter()
        .map(|ch| {
            let mut acts: Vec<&Activity> = p
                .layer3
                .activities
                .iter()
                .filter(|a| a.channel_id == ch.id && period.contains(a.planned))
                .collect();
            acts.sort_by_key(|a| a.planned);
            let sum = |f: &dyn Fn(&Activity) -> bool| -> Money {
                acts.iter().filter(|a| f(a)).map(|a| a.budget).sum()
            };
            let due: Vec<&&Activity> = acts.iter().filter(|a| a.planned <= as_of).collect();
            ChannelProgramme {
                channel_id: ch.id,
                activities: acts.iter().map(|a| a.id).collect(),
                pr: acts.iter().filter(|a| a.is_pr).map(|a| a.id).collect(),
                done: acts.iter().filter(|a| a.done).count(),
                due: due.len(),
                overdue: due.iter().filter(|a| !a.done).map(|a| a.id).collect(),
                budget: sum(&|_| true),
                budget_done: sum(&|a| a.done),
                budget_pr: sum(&|a| a.is_pr),
                quarters_without_activity: quarters_of(period)
                    .into_iter()
                    .filter(|q| !acts.iter().any(|a| q.contains(a.planned)))
                    .collect(),
                a_clients_not_targeted: clients_in(p, categories, Category::A)
                    .into_iter()
                    .filter(|c| p.client(*c).and_then(|k| k.channel_id) == Some(ch.id))
                    .filter(|c| !acts.iter().any(|a| a.target_client_ids.contains(c)))
                    .collect(),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Results of layer 3
// ---------------------------------------------------------------------------------------------

/// A typical-map role missing for a channel and category.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateGap {
    pub channel_id: Id,
    pub category: Category,
    pub role: Role,
}

/// An A client whose project map lacks roles.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientGap {
    pub client_id: Id,
    pub missing: Vec<Role>,
}

/// The PR plan check: met when the promotion programme has at least one PR activity.
#[derive(Clone, Debug, PartialEq)]
pub struct PrPlanCheck {
    pub met: bool,
    /// All PR activities of the project.
    pub activities: Vec<Id>,
    /// Channels without a PR activity (advice only: the article asks for one PR plan).
    pub channels_without_pr: Vec<Id>,
}

/// Layer-3 results (docs/METHOD.md §3.3 "completeness checks", §4.1 deliverables of layer 3).
#[derive(Clone, Debug, PartialEq)]
pub struct Layer3Results {
    /// A typical map with all three roles for every channel × {A, B}.
    pub typical_maps: ResultCheck<TemplateGap>,
    /// Every A client has contacts for ЛВР, ЛФР and ЛПР.
    pub a_maps: ResultCheck<ClientGap>,
    /// Every channel has a promotion programme (at least one activity); missing: channel ids.
    pub programmes: ResultCheck<Id>,
    pub pr_plan: PrPlanCheck,
}

impl Layer3Results {
    pub fn all_met(&self) -> bool {
        self.typical_maps.met && self.a_maps.met && self.programmes.met && self.pr_plan.met
    }
}

/// Checks the results of layer 3. Over a project without channels or A clients the
/// per-channel and per-client checks are vacuously met; layer 1's gating requires channels
/// and the ABC analysis first.
pub fn layer3_results(p: &Project, categories: &Categories) -> Layer3Results {
    let template_gaps = typical_maps(p)
        .into_iter()
        .flat_map(|t| {
            t.missing.into_iter().map(move |role| TemplateGap {
                channel_id: t.channel_id,
                category: t.category,
                role,
            })
        })
        .collect();
    let client_gaps = project_maps(p, categories, Category::A)
        .into_iter()
        .filter(|m| !m.is_full())
        .map(|m| ClientGap {
            client_id: m.client_id,
            missing: m.gaps(),
        })
        .collect();
    let acts = &p.layer3.activities;
    let channels_without = |f: &dyn Fn(&Activity) -> bool| -> Vec<Id> {
        p.channels
            .iter()
            .filter(|ch| !acts.iter().any(|a| a.channel_id == ch.id && f(a)))
            .map(|ch| ch.id)
            .collect()
    };
    let pr: Vec<Id> = acts.iter().filter(|a| a.is_pr).map(|a| a.id).collect();
    Layer3Results {
        typical_maps: ResultCheck::from_missing(template_gaps),
        a_maps: ResultCheck::from_missing(client_gaps),
        programmes: ResultCheck::from_missing(channels_without(&|_| true)),
        pr_plan: PrPlanCheck {
            met: !pr.is_empty(),
            activities: pr,
            channels_without_pr: channels_without(&|a| a.is_pr),
        },
    }
}

/// Test support shared with `tools`: the demo's categories by client code.
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// K01–K09 = A, K10–K19 = B, K20–K40 = C (docs/METHOD.md §6.2).
    pub(crate) fn demo_categories(p: &Project) -> Categories {
        p.clients
            .iter()
            .filter_map(|c| {
                let n: u32 = c.code.trim_start_matches('K').parse().ok()?;
                let cat = match n {
                    1..=9 => Category::A,
                    10..=19 => Category::B,
                    _ => Category::C,
                };
                Some((c.id, cat))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::demo_categories;
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::model::{new_id, CategoryValues, Contact};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn codes(p: &Project, ids: &[Id]) -> Vec<String> {
        ids.iter()
            .map(|id| {
                p.client(*id)
                    .map(|c| c.code.clone())
                    .or_else(|| p.deals.iter().find(|x| x.id == *id).map(|x| x.code.clone()))
                    .unwrap_or_default()
            })
            .collect()
    }

    fn client(p: &Project, code: &str) -> Id {
        p.clients.iter().find(|c| c.code == code).unwrap().id
    }

    #[test]
    fn project_maps_group_contacts_by_role() {
        let p = demo_project();
        let cats = demo_categories(&p);
        let k01 = project_map(&p, &cats, client(&p, "K01"));
        assert!(k01.is_full());
        assert_eq!(k01.category, Some(Category::A));
        assert_eq!(k01.roles.len(), 3);
        let lfr = k01.contacts(Role::Lfr);
        assert_eq!(lfr.len(), 1);
        let name = &p.contacts.iter().find(|c| c.id == lfr[0]).unwrap().position;
        assert_eq!(name, "Главный механик");
        let k04 = project_map(&p, &cats, client(&p, "K04"));
        assert_eq!(k04.gaps(), vec![Role::Lvr]);
        let k08 = project_map(&p, &cats, client(&p, "K08"));
        assert_eq!(k08.gaps(), vec![Role::Lfr, Role::Lpr]);
        assert_eq!(k08.known_roles(), 1);
        // A B client with no contacts at all.
        let k10 = project_map(&p, &cats, client(&p, "K10"));
        assert_eq!(k10.gaps().len(), 3);
        assert_eq!(project_maps(&p, &cats, Category::A).len(), 9);
    }

    #[test]
    fn contact_with_two_roles_and_one_without() {
        let mut p = demo_project();
        let cats = demo_categories(&p);
        let k07 = client(&p, "K07");
        let mk = |roles: Vec<Role>| Contact {
            id: new_id(),
            client_id: k07,
            name: "X".into(),
            position: String::new(),
            roles,
            attitude: None,
            influence: None,
            access: None,
            notes: String::new(),
            influences: vec![],
        };
        let both = mk(vec![Role::Lpr, Role::Lvr]);
        let none = mk(vec![]);
        let (both_id, none_id) = (both.id, none.id);
        p.contacts.push(both);
        p.contacts.push(none);
        let m = project_map(&p, &cats, k07);
        assert!(m.is_full());
        assert_eq!(m.contacts(Role::Lpr), &[both_id]);
        assert_eq!(m.contacts(Role::Lvr), &[both_id]);
        assert_eq!(m.unassigned, vec![none_id]);
    }

    #[test]
    fn demo_a_elaboration() {
        let p = demo_project();
        let e = a_elaboration(&p, &demo_categories(&p));
        assert_eq!(e.a_clients.len(), 9);
        assert_eq!(e.covered.len(), 9);
        assert!(e.not_covered.is_empty());
        assert_eq!(e.coverage_pct(), Some(100.0));
        assert_eq!(e.roles_known, 19);
        assert_eq!(e.role_coverage_pct().unwrap().round(), 70.0);
        assert_eq!(codes(&p, &e.full_maps), ["K01", "K02", "K03", "K06"]);
        assert_eq!(e.full_maps_pct().unwrap().round(), 44.0);
        assert_eq!(
            codes(&p, e.missing(Role::Lpr)),
            ["K05", "K07", "K08", "K09"]
        );
        assert_eq!(codes(&p, e.missing(Role::Lfr)), ["K08"]);
        assert_eq!(codes(&p, e.missing(Role::Lvr)), ["K04", "K07", "K09"]);
    }

    #[test]
    fn elaboration_without_a_clients_is_unknown() {
        let p = demo_project();
        let e = a_elaboration(&p, &Categories::new());
        assert!(e.a_clients.is_empty());
        assert_eq!(e.coverage_pct(), None);
        assert_eq!(e.role_coverage_pct(), None);
        assert_eq!(e.full_maps_pct(), None);
    }

    #[test]
    fn coverage_counts_open_funnel_deals_only() {
        let mut p = demo_project();
        let cats = demo_categories(&p);
        let k08 = client(&p, "K08");
        for deal in p.deals.iter_mut().filter(|x| x.client_id == Some(k08)) {
            deal.status = DealStatus::OnHold;
        }
        let e = a_elaboration(&p, &cats);
        assert_eq!(codes(&p, &e.not_covered), ["K08"]);
        assert_eq!(e.covered.len(), 8);
    }

    #[test]
    fn typical_maps_of_the_demo_are_complete() {
        let mut p = demo_project();
        let maps = typical_maps(&p);
        assert_eq!(maps.len(), 6);
        assert!(maps.iter().all(TypicalMap::is_complete));
        // Blank positions do not count; a missing role is named.
        let distributors = p.channels[1].id;
        for t in p.layer3.map_templates.iter_mut() {
            if t.channel_id == distributors && t.category == Category::B && t.role == Role::Lpr {
                t.positions = vec!["  ".into()];
            }
        }
        let gap = typical_maps(&p)
            .into_iter()
            .find(|t| !t.is_complete())
            .unwrap();
        assert_eq!(
            (gap.channel_id, gap.category, gap.missing),
            (distributors, Category::B, vec![Role::Lpr])
        );
    }

    #[test]
    fn quarters_of_periods() {
        assert_eq!(quarters_in(Period::quarter(2025, 1)), 1.0);
        assert_eq!(quarters_in(Period::year(2025)), 4.0);
        assert_eq!(
            quarters_in(Period::new(d(2024, 10, 1), d(2025, 6, 30))),
            3.0
        );
        // A month is a third of a quarter (by calendar months, as the leads' need).
        let month = quarters_in(Period::new(d(2025, 1, 1), d(2025, 1, 31)));
        assert!((month - 1.0 / 3.0).abs() < 1e-12);
        // Quarter to date on 31 March is the whole quarter.
        assert_eq!(quarters_in(Period::quarter_to_date(d(2025, 3, 31))), 1.0);
    }

    #[test]
    fn demo_touch_points_q1_2025() {
        let p = demo_project();
        let cats = demo_categories(&p);
        let r = touch_points(&p, &cats, Period::quarter(2025, 1));
        assert_eq!(r.quarters, 1.0);
        let a = r.category(Category::A).unwrap();
        assert_eq!((a.clients, a.total), (9, 43));
        assert_eq!((a.average.unwrap() * 10.0).round(), 48.0);
        assert_eq!(a.target, Some(6.0));
        assert_eq!(
            codes(&p, &a.below_target),
            ["K05", "K06", "K07", "K08", "K09"]
        );
        assert_eq!(a.meeting_pct().unwrap().round(), 44.0);
        let b = r.category(Category::B).unwrap();
        assert_eq!((b.clients, b.total), (10, 17));
        assert!((b.average.unwrap() - 1.7).abs() < 1e-12);
        assert_eq!(b.target, Some(3.0));
        // K10 and K12 have exactly 3: on target.
        assert_eq!(b.below_target.len(), 8);
        assert_eq!(r.clients.len(), 19);
        let k18 = r
            .clients
            .iter()
            .find(|c| c.client_id == client(&p, "K18"))
            .unwrap();
        assert_eq!(k18.count, 0);
        // K01's 9 touch points rotate over its three contacts: 3 with the ЛПР.
        let k01 = r
            .clients
            .iter()
            .find(|c| c.client_id == client(&p, "K01"))
            .unwrap();
        assert_eq!(k01.with_role(Role::Lpr), 3);
        assert_eq!(k01.with_role(Role::Lvr) + k01.with_role(Role::Lfr), 6);
    }

    #[test]
    fn touch_targets_scale_with_the_period() {
        let mut p = demo_project();
        let cats = demo_categories(&p);
        let year = touch_points(&p, &cats, Period::year(2025));
        assert_eq!(year.category(Category::A).unwrap().target, Some(24.0));
        assert_eq!(year.category(Category::A).unwrap().total, 43);
        // Nothing in Q2.
        let q2 = touch_points(&p, &cats, Period::quarter(2025, 2));
        assert_eq!(q2.category(Category::B).unwrap().total, 0);
        assert_eq!(q2.category(Category::B).unwrap().below_target.len(), 10);
        // Project targets override the defaults; without any, defaults apply.
        p.layer3.touch_targets = CategoryValues::default();
        let r = touch_points(&p, &cats, Period::quarter(2025, 1));
        assert_eq!(r.category(Category::B).unwrap().target, Some(3.0));
        p.layer3.touch_targets.a = Some(2.0);
        let r = touch_points(&p, &cats, Period::quarter(2025, 1));
        assert_eq!(
            codes(&p, &r.category(Category::A).unwrap().below_target),
            ["K08"]
        );
    }

    #[test]
    fn demo_ab_leads_q1_2025() {
        use crate::domain::layer1::ProjectGoal;
        use crate::domain::layer2::leads::leads_report;
        let p = demo_project();
        let cats = demo_categories(&p);
        let deals: Vec<&Deal> = p.deals.iter().collect();
        let goal = |category, leads_per_year| ProjectGoal {
            leads_per_year,
            ..ProjectGoal::empty(category)
        };
        let needed = [goal(Category::A, Some(65)), goal(Category::B, Some(76))];
        let r = leads_report(&p, &deals, &cats, &needed, Period::quarter(2025, 1));
        let a = r.category(Category::A).unwrap();
        assert_eq!(codes(&p, &a.deal_ids), ["D05", "D07", "D08", "D09", "D11"]);
        assert_eq!(a.needed(), Some(16.25));
        assert_eq!(a.share_pct().unwrap().round(), 31.0);
        let b = r.category(Category::B).unwrap();
        assert_eq!(codes(&p, &b.deal_ids), ["D12", "D15", "D16", "D18"]);
        assert_eq!(b.needed(), Some(19.0));
        // Unknown need → no share.
        let r = leads_report(&p, &deals, &cats, &[], Period::quarter(2025, 1));
        assert_eq!(r.category(Category::A).unwrap().share_pct(), None);
    }

    #[test]
    fn demo_promotion_programmes() {
        let p = demo_project();
        let cats = demo_categories(&p);
        let year = Period::year(2025);
        let progs = promotion_programmes(&p, &cats, year, d(2025, 3, 31));
        assert_eq!(progs.len(), 3);
        let direct = &progs[0];
        assert_eq!(direct.activities.len(), 3);
        assert_eq!(direct.pr.len(), 2);
        assert_eq!((direct.done, direct.due), (2, 2));
        assert!(direct.overdue.is_empty());
        assert_eq!(direct.due_done_pct(), Some(100.0));
        assert_eq!(direct.done_pct().unwrap().round(), 67.0);
        assert_eq!(direct.budget, Money::units(1_500));
        assert_eq!(direct.budget_done, Money::units(1_350));
        assert_eq!(direct.budget_pr, Money::units(1_350));
        assert_eq!(
            direct.quarters_without_activity,
            vec![Period::quarter(2025, 3), Period::quarter(2025, 4)]
        );
        assert!(direct.a_clients_not_targeted.is_empty());
        // Q1 only: the distributors' webinar.
        let q1 = promotion_programmes(&p, &cats, Period::quarter(2025, 1), d(2025, 3, 31));
        assert_eq!(q1[1].activities.len(), 1);
        assert!(q1[1].quarters_without_activity.is_empty());
        // Later as_of: the April mailing is overdue.
        let late = promotion_programmes(&p, &cats, year, d(2025, 4, 30));
        assert_eq!(late[1].overdue.len(), 1);
        assert_eq!(late[1].due_done_pct(), Some(50.0));
    }

    #[test]
    fn programme_reach_names_untargeted_a_clients() {
        let mut p = demo_project();
        let cats = demo_categories(&p);
        for a in p.layer3.activities.iter_mut() {
            a.target_client_ids.clear();
        }
        let progs = promotion_programmes(&p, &cats, Period::year(2025), d(2025, 3, 31));
        assert_eq!(
            codes(&p, &progs[0].a_clients_not_targeted),
            ["K01", "K02", "K03", "K05", "K08"]
        );
        // A period without activities: nothing planned, shares unknown.
        let empty = promotion_programmes(&p, &cats, Period::year(2030), d(2030, 1, 1));
        assert!(empty[0].activities.is_empty());
        assert_eq!(empty[0].done_pct(), None);
        assert_eq!(empty[0].due_done_pct(), None);
        assert_eq!(empty[0].quarters_without_activity.len(), 4);
    }

    #[test]
    fn demo_layer3_results() {
        let p = demo_project();
        let cats = demo_categories(&p);
        let r = layer3_results(&p, &cats);
        assert!(r.typical_maps.met);
        assert!(r.programmes.met);
        assert!(r.pr_plan.met);
        assert!(r.pr_plan.channels_without_pr.is_empty());
        assert!(!r.a_maps.met);
        assert!(!r.all_met());
        let gaps: Vec<(String, Vec<Role>)> = r
            .a_maps
            .missing
            .iter()
            .map(|g| (codes(&p, &[g.client_id])[0].clone(), g.missing.clone()))
            .collect();
        assert_eq!(
            gaps,
            vec![
                ("K04".to_string(), vec![Role::Lvr]),
                ("K05".to_string(), vec![Role::Lpr]),
                ("K07".to_string(), vec![Role::Lvr, Role::Lpr]),
                ("K08".to_string(), vec![Role::Lfr, Role::Lpr]),
                ("K09".to_string(), vec![Role::Lvr, Role::Lpr]),
            ]
        );
    }

    #[test]
    fn layer3_results_name_what_is_missing() {
        let mut p = demo_project();
        let cats = demo_categories(&p);
        let institutes = p.channels[2].id;
        p.layer3.activities.retain(|a| a.channel_id != institutes);
        p.layer3
            .map_templates
            .retain(|t| !(t.channel_id == institutes && t.category == Category::A));
        let r = layer3_results(&p, &cats);
        assert_eq!(r.programmes.missing, vec![institutes]);
        assert_eq!(r.pr_plan.channels_without_pr, vec![institutes]);
        assert!(r.pr_plan.met);
        assert_eq!(r.typical_maps.missing.len(), 3);
        assert!(r
            .typical_maps
            .missing
            .iter()
            .all(|g| g.channel_id == institutes && g.category == Category::A));
        // No PR at all.
        for a in p.layer3.activities.iter_mut() {
            a.is_pr = false;
        }
        let r = layer3_results(&p, &cats);
        assert!(!r.pr_plan.met && r.pr_plan.activities.is_empty());
        assert_eq!(r.pr_plan.channels_without_pr.len(), 3);
        // A new empty project: nothing to check per channel, no PR plan.
        let empty = Project::new_empty("x", d(2025, 1, 1));
        let r = layer3_results(&empty, &Categories::new());
        assert!(r.typical_maps.met && r.a_maps.met && r.programmes.met);
        assert!(!r.pr_plan.met);
    }
}
