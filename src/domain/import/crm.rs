//! The CRM (deal) import's wizard steps, pure: the stage mapping the wizard shows, the preview
//! of what the deal rows will do to a project, writing exactly that preview, and the import as
//! a new project.
//!
//! Like the client import ([`super::preview_clients`] → [`super::apply_preview`]): the preview
//! is computed against the project the deals go into (borrowed, never cloned), and
//! [`apply_deal_preview`] writes exactly its deals, clients and managers. A deal whose code is
//! already in the project is refused, so importing the same export again writes nothing.

use super::{
    build_deal, guess_stage, import_crm, norm, remember, stage_names, Added, CrmImport, DealPlan,
    DealRow, Kind, Mapping, Problem, Rejected, Report, StageTarget,
};
use crate::domain::model::{Client, Id, Manager, Project};
use crate::persist::table::Table;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// A stage mapping: each CRM stage name and where it goes (None: not mapped).
pub type StageMap = Vec<(String, Option<StageTarget>)>;

/// One CRM stage in the wizard's stage-mapping table.
#[derive(Clone, Debug, PartialEq)]
pub struct StageMapRow {
    pub name: String,
    /// Rows of the file with this stage.
    pub rows: usize,
    pub target: Option<StageTarget>,
}

/// The guessed mapping of every CRM stage of the file ([`stage_names`], [`guess_stage`]) onto
/// `p`'s stages. Without a project (the import makes a new one) the guess is made on the default
/// stages and re-targeted by position when the new project is made ([`retarget_stage_map`]).
pub fn guess_stage_map(p: Option<&Project>, t: &Table, m: &Mapping) -> StageMap {
    let fallback;
    let base = match p {
        Some(p) => p,
        None => {
            fallback = Project::new_empty("", NaiveDate::default());
            &fallback
        }
    };
    stage_names(t, m)
        .into_iter()
        .map(|(n, _)| {
            let g = guess_stage(base, &n);
            (n, g)
        })
        .collect()
}

/// The wizard's stage-mapping table: the mapping with the number of rows of each stage.
pub fn stage_map_rows(
    t: &Table,
    m: &Mapping,
    map: &[(String, Option<StageTarget>)],
) -> Vec<StageMapRow> {
    let counts: HashMap<String, usize> = stage_names(t, m).into_iter().collect();
    map.iter()
        .map(|(n, target)| StageMapRow {
            name: n.clone(),
            rows: counts.get(n).copied().unwrap_or(0),
            target: *target,
        })
        .collect()
}

/// Moves a stage mapping made on the stages `from` onto `to`'s stages by position (the n-th
/// stage of one is the n-th of the other); a target that is not one of `from` is guessed anew on
/// `to`. Won and lost stay.
pub fn retarget_stage_map(
    from: &[Id],
    to: &Project,
    map: &[(String, Option<StageTarget>)],
) -> StageMap {
    map.iter()
        .map(|(n, tg)| {
            let tg = match tg {
                Some(StageTarget::Stage(id)) => from
                    .iter()
                    .position(|x| x == id)
                    .and_then(|i| to.stages.get(i))
                    .map(|s| StageTarget::Stage(s.id))
                    .or_else(|| guess_stage(to, n)),
                other => *other,
            };
            (n.clone(), tg)
        })
        .collect()
}

/// Who a deal row names: a client or manager already in the project, or the n-th new one of the
/// preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    Existing(Id),
    New(usize),
}

/// A deal row the import will add.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedDeal {
    pub row: DealRow,
    pub client: Option<Party>,
    pub manager: Option<Party>,
}

/// What the deal rows of a file will do to a project.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DealPreview {
    pub rows_read: usize,
    /// The plan's rejected rows, then the rows whose code the project (or an earlier row) has.
    pub rejected: Vec<Rejected>,
    /// The deals to add, in the file's order.
    pub deals: Vec<PlannedDeal>,
    /// Clients to add (names, as first written), named by deals and unknown to the project.
    pub new_clients: Vec<String>,
    /// Managers to add (names, as first written).
    pub new_managers: Vec<String>,
}

impl DealPreview {
    /// The import adds anything at all.
    pub fn changes_anything(&self) -> bool {
        !self.deals.is_empty()
    }
    /// Deals to add without a client (kept, flagged «без клиента»).
    pub fn without_client(&self) -> usize {
        self.deals.iter().filter(|d| d.client.is_none()).count()
    }
}

/// Resolves names to ids (case-insensitive), collecting the unknown ones as new.
struct Names {
    known: HashMap<String, Id>,
    new: HashMap<String, usize>,
    list: Vec<String>,
}

impl Names {
    fn party(&mut self, name: &str) -> Option<Party> {
        if name.trim().is_empty() {
            return None;
        }
        let key = norm(name);
        if let Some(id) = self.known.get(&key) {
            return Some(Party::Existing(*id));
        }
        let n = self.list.len();
        let i = *self.new.entry(key).or_insert(n);
        if i == n {
            self.list.push(name.trim().to_string());
        }
        Some(Party::New(i))
    }
}

/// Previews the deal rows of `plan` against `p`: clients are matched by name or code, managers
/// by name or code (case-insensitive; unknown ones become new ones); a row whose code is already
/// in the project, or on an earlier row, is refused.
pub fn preview_deals(p: &Project, plan: &DealPlan) -> DealPreview {
    let mut clients = HashMap::new();
    for c in &p.clients {
        clients.entry(norm(&c.name)).or_insert(c.id);
        if !c.code.is_empty() {
            clients.entry(norm(&c.code)).or_insert(c.id);
        }
    }
    let mut managers = HashMap::new();
    for m in &p.managers {
        managers.entry(norm(&m.name)).or_insert(m.id);
    }
    for m in &p.managers {
        if !m.code.is_empty() {
            managers.entry(norm(&m.code)).or_insert(m.id);
        }
    }
    let (mut clients, mut managers) = (
        Names {
            known: clients,
            new: HashMap::new(),
            list: vec![],
        },
        Names {
            known: managers,
            new: HashMap::new(),
            list: vec![],
        },
    );
    let mut codes: HashSet<&str> = p
        .deals
        .iter()
        .filter(|d| !d.code.is_empty())
        .map(|d| d.code.as_str())
        .collect();
    let mut pv = DealPreview {
        rows_read: plan.rows_read,
        rejected: plan.rejected.clone(),
        ..DealPreview::default()
    };
    for r in &plan.ok {
        if !r.code.is_empty() && !codes.insert(&r.code) {
            pv.rejected.push(Rejected {
                line: r.line,
                column: String::new(),
                problem: Problem::DuplicateDealCode(r.code.clone()),
                cells: vec![],
            });
            continue;
        }
        pv.deals.push(PlannedDeal {
            row: r.clone(),
            client: clients.party(&r.client),
            manager: managers.party(&r.manager),
        });
    }
    pv.new_clients = clients.list;
    pv.new_managers = managers.list;
    pv
}

/// Writes exactly `preview` into `p`: its new clients and managers, then its deals (history,
/// status and dates from [`build_deal`]; `today` dates a deal that carries no date at all).
pub fn apply_deal_preview(p: &mut Project, preview: &DealPreview, today: NaiveDate) -> Report {
    let client_ids: Vec<Id> = preview
        .new_clients
        .iter()
        .map(|name| {
            let c = Client::new("", name.as_str());
            let id = c.id;
            p.clients.push(c);
            id
        })
        .collect();
    let mut added = vec![];
    let manager_ids: Vec<Id> = preview
        .new_managers
        .iter()
        .map(|name| {
            let m = Manager::new("", name.as_str());
            let id = m.id;
            p.managers.push(m);
            added.push(Added::Manager {
                id,
                name: name.clone(),
            });
            id
        })
        .collect();
    let resolve = |party: Option<Party>, new: &[Id]| match party? {
        Party::Existing(id) => Some(id),
        Party::New(i) => new.get(i).copied(),
    };
    let stages = p.stages.clone();
    p.deals.reserve(preview.deals.len());
    for d in &preview.deals {
        let deal = build_deal(
            &stages,
            &d.row,
            resolve(d.client, &client_ids),
            resolve(d.manager, &manager_ids),
            today,
        );
        p.deals.push(deal);
    }
    if !client_ids.is_empty() {
        added.push(Added::ClientsFromDeals(client_ids.len()));
    }
    Report {
        rows_read: preview.rows_read,
        imported: preview.deals.len(),
        rejected: preview.rejected.clone(),
        added,
        ..Report::default()
    }
}

/// Imports a CRM export as a new project named `name` ([`super::new_crm_project`]): the stage
/// mapping, made on the stages `from` (the current project's, or none), is moved onto the new
/// project's stages ([`retarget_stage_map`]), the deal mapping is remembered, and the export is
/// imported ([`import_crm`]). Returns the project and the reports of deals, team, accounts.
pub fn import_crm_as_new(
    name: &str,
    from: &[Id],
    crm: &CrmImport,
    today: NaiveDate,
) -> (Project, [Report; 3]) {
    let mut p = super::new_crm_project(name, crm.deals, crm.deal_mapping, today);
    let map = retarget_stage_map(from, &p, crm.stage_map);
    remember(&mut p, Kind::Deals, &crm.deals.headers, crm.deal_mapping);
    let crm = CrmImport {
        deals: crm.deals,
        deal_mapping: crm.deal_mapping,
        stage_map: &map,
        teams: crm.teams,
        accounts: crm.accounts,
    };
    let reps = import_crm(&mut p, &crm, today);
    (p, reps)
}

#[cfg(test)]
mod tests {
    use super::super::{apply_deals, guess_mapping, plan_deals, Field};
    use super::*;
    use crate::domain::model::DealStatus;
    use crate::persist::table::parse_csv;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const CSV: &[u8] = b"opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n\
        A1,Ann,GTX,Acme,Won,2016-10-20,2017-03-01,1054\n\
        A2,ann,GTX,ACME,Lost,2016-10-25,2017-01-11,0\n\
        A3,Bob,MG,,Engaging,2017-02-01,,\n\
        A4,Bob,MG,Beta,Prospecting,,,\n\
        A5,Bob,MG,Beta,Unknown,,,\n\
        A1,Bob,MG,Beta,Won,2016-10-20,2017-03-01,5\n\
        ,Cy,MG,K01,Prospecting,,,0\n";

    fn setup(p: Option<&Project>) -> (Table, Mapping, StageMap) {
        let t = parse_csv(CSV).unwrap();
        let m = guess_mapping(Kind::Deals, &t.headers);
        let map = guess_stage_map(p, &t, &m);
        (t, m, map)
    }

    fn project() -> Project {
        let mut p = Project::new_empty("t", d("2017-06-30"));
        let c = Client::new("K01", "Known");
        p.clients.push(c);
        p
    }

    #[test]
    fn the_stage_table_counts_rows_and_keeps_the_mapping() {
        let p = project();
        let (t, m, map) = setup(Some(&p));
        let rows = stage_map_rows(&t, &m, &map);
        let names: Vec<_> = rows.iter().map(|r| (r.name.as_str(), r.rows)).collect();
        assert_eq!(
            names,
            [
                ("Won", 2),
                ("Lost", 1),
                ("Engaging", 1),
                ("Prospecting", 2),
                ("Unknown", 1)
            ]
        );
        assert_eq!(rows[0].target, Some(StageTarget::Won));
        assert_eq!(rows[3].target, Some(StageTarget::Stage(p.stages[0].id)));
        assert_eq!(rows[4].target, None);
        // No stage column: no rows.
        assert!(stage_map_rows(&t, &vec![None; t.headers.len()], &[]).is_empty());
    }

    #[test]
    fn a_mapping_moves_to_another_projects_stages_by_position() {
        let a = project();
        let b = Project::new_empty("b", d("2017-06-30"));
        let (_, _, map) = setup(Some(&a));
        let from: Vec<Id> = a.stages.iter().map(|s| s.id).collect();
        let moved = retarget_stage_map(&from, &b, &map);
        assert_eq!(moved[0].1, Some(StageTarget::Won));
        assert_eq!(moved[3].1, Some(StageTarget::Stage(b.stages[0].id)));
        assert_eq!(moved[2].1, Some(StageTarget::Stage(b.stages[1].id)));
        assert_eq!(moved[4].1, None);
        // Made without a project: guessed anew on the target's stages.
        let (_, _, guessed) = setup(None);
        assert_eq!(retarget_stage_map(&[], &b, &guessed), moved);
    }

    #[test]
    fn the_preview_resolves_names_and_refuses_known_codes() {
        let p = project();
        let (t, m, map) = setup(Some(&p));
        let plan = plan_deals(&t, &m, &map);
        let pv = preview_deals(&p, &plan);
        assert_eq!(pv.rows_read, 7);
        // Unknown stage, then the second A1.
        assert_eq!(pv.rejected.len(), 2);
        assert_eq!(
            pv.rejected[1].problem,
            Problem::DuplicateDealCode("A1".into())
        );
        assert_eq!(pv.deals.len(), 5);
        // «Acme» and «ACME» are one new client; «K01» is the known client's code.
        assert_eq!(pv.new_clients, ["Acme", "Beta"]);
        assert_eq!(pv.deals[0].client, Some(Party::New(0)));
        assert_eq!(pv.deals[1].client, Some(Party::New(0)));
        assert_eq!(pv.deals[4].client, Some(Party::Existing(p.clients[0].id)));
        assert_eq!(pv.new_managers, ["Ann", "Bob", "Cy"]);
        assert_eq!(pv.without_client(), 1);
        assert!(pv.changes_anything());
    }

    #[test]
    fn apply_writes_exactly_the_preview_and_a_second_import_writes_nothing() {
        let mut p = project();
        let (t, m, map) = setup(Some(&p));
        let plan = plan_deals(&t, &m, &map);
        let pv = preview_deals(&p, &plan);
        let before = (p.clients.len(), p.managers.len());
        let rep = apply_deal_preview(&mut p, &pv, d("2017-06-30"));
        assert_eq!(rep.imported, pv.deals.len());
        assert_eq!(rep.rejected, pv.rejected);
        assert_eq!(p.deals.len(), pv.deals.len());
        assert_eq!(p.clients.len(), before.0 + pv.new_clients.len());
        assert_eq!(p.managers.len(), before.1 + pv.new_managers.len());
        assert_eq!(p.deals[0].status, DealStatus::Won);
        assert_eq!(p.deals[0].client_id, p.deals[1].client_id);
        assert_eq!(p.deals[4].client_id, Some(p.clients[0].id));
        assert!(rep.added.contains(&Added::ClientsFromDeals(2)));
        // The same file again: the coded deals are known, the one without a code is new.
        let again = preview_deals(&p, &plan);
        assert_eq!(again.deals.len(), 1);
        assert!(again.new_clients.is_empty() && again.new_managers.is_empty());
        // Without the code-less row nothing changes at all.
        let mut coded = plan.clone();
        coded.ok.retain(|r| !r.code.is_empty());
        assert!(!preview_deals(&p, &coded).changes_anything());
    }

    #[test]
    fn apply_deals_is_preview_then_apply() {
        let (mut a, mut b) = (project(), project());
        b.stages = a.stages.clone();
        b.clients = a.clients.clone();
        let (t, m, map) = setup(Some(&a));
        let plan = plan_deals(&t, &m, &map);
        let ra = apply_deals(&mut a, &plan, d("2017-06-30"));
        let pv = preview_deals(&b, &plan);
        let rb = apply_deal_preview(&mut b, &pv, d("2017-06-30"));
        assert_eq!(
            (ra.imported, ra.rejected.len()),
            (rb.imported, rb.rejected.len())
        );
        let strip = |p: &Project| {
            p.deals
                .iter()
                .map(|x| {
                    (
                        x.code.clone(),
                        x.status,
                        x.amount,
                        x.history.len(),
                        x.client_id.is_some(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(&a), strip(&b));
    }

    #[test]
    fn an_empty_file_previews_nothing() {
        let p = project();
        let t = parse_csv(b"opportunity_id,deal_stage\n").unwrap();
        let m = guess_mapping(Kind::Deals, &t.headers);
        assert_eq!(m[1], Some(Field::Stage));
        let map = guess_stage_map(Some(&p), &t, &m);
        assert!(map.is_empty());
        let pv = preview_deals(&p, &plan_deals(&t, &m, &map));
        assert_eq!(pv, DealPreview::default());
        assert!(!pv.changes_anything());
    }

    #[test]
    fn as_a_new_project_the_stages_are_the_new_projects() {
        let cur = project();
        let (t, m, map) = setup(Some(&cur));
        let from: Vec<Id> = cur.stages.iter().map(|s| s.id).collect();
        let crm = CrmImport {
            deals: &t,
            deal_mapping: &m,
            stage_map: &map,
            teams: None,
            accounts: None,
        };
        let (p, [deals, team, acc]) = import_crm_as_new("Новый", &from, &crm, d("2020-01-01"));
        assert_eq!(p.name, "Новый");
        assert_eq!(deals.imported, 5);
        assert_eq!((team, acc), (Report::default(), Report::default()));
        assert!(p.deals.iter().all(|x| p.stage(x.stage_id).is_some()));
        assert_eq!(p.company.as_of, Some(d("2017-03-01")));
        assert!(super::super::is_remembered(&p, Kind::Deals, &t.headers, &m));
    }
}
