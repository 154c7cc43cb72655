//! Reference-safe edits of layer 1 lists: deleting never leaves dangling references.

use super::{ChannelAmount, Client, Id, Project};

/// Why a deletion of a layer 1 record was refused; `i18n::edit::edit_error_text` words it.
#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    /// The client still has deals and contacts (their numbers): delete those first.
    ClientInUse { deals: usize, contacts: usize },
    /// The dimension is in use and no other one was chosen to take its references.
    DimensionInUse(DimUsage),
    /// The dimension chosen to take the references is not in the list.
    MoveTargetMissing,
    /// The manager owns records and nobody was chosen to take them.
    ManagerInUse(ManagerUsage),
}

/// Deletes a client with its revenue rows. Refused ([`EditError::ClientInUse`]) while deals or
/// contacts still refer to the client.
pub fn remove_client(p: &mut Project, id: Id) -> Result<(), EditError> {
    if let Some(why) = client_removal_blocker(p, id) {
        return Err(why);
    }
    p.clients.retain(|c| c.id != id);
    p.revenues.retain(|r| r.client_id != id);
    Ok(())
}

/// Why a client cannot be deleted yet (it has deals or contacts), or `None`: asked before the
/// confirmation, so the user is not asked to confirm what is then refused.
pub fn client_removal_blocker(p: &Project, id: Id) -> Option<EditError> {
    let deals = p.deals.iter().filter(|d| d.client_id == Some(id)).count();
    let contacts = p.contacts.iter().filter(|c| c.client_id == id).count();
    (deals + contacts > 0).then_some(EditError::ClientInUse { deals, contacts })
}

/// The client other than `except` that already has `code` (compared trimmed, ignoring case;
/// an empty code is never taken): codes identify clients in imports and reports.
pub fn client_with_code<'a>(p: &'a Project, code: &str, except: Option<Id>) -> Option<&'a Client> {
    let code = code.trim().to_lowercase();
    if code.is_empty() {
        return None;
    }
    p.clients
        .iter()
        .find(|c| Some(c.id) != except && c.code.trim().to_lowercase() == code)
}

/// Whether `name` is already in `list` under another entry than `except` (compared trimmed,
/// ignoring case in any alphabet: «урал» is «Урал»). Imports match names the same way, so two
/// such entries could not be told apart.
pub fn dimension_name_taken(list: &[super::Dimension], name: &str, except: Option<Id>) -> bool {
    let key = name.trim().to_lowercase();
    list.iter()
        .any(|d| Some(d.id) != except && d.name.trim().to_lowercase() == key)
}

/// Which list of «Бизнесы, каналы, география» a dimension belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DimKind {
    /// A business line (бизнес).
    BusinessLine,
    /// A sales channel (канал).
    Channel,
    /// A region (география).
    Region,
}

impl DimKind {
    /// The project's list of this kind.
    pub fn list(self, p: &Project) -> &Vec<super::Dimension> {
        match self {
            DimKind::BusinessLine => &p.business_lines,
            DimKind::Channel => &p.channels,
            DimKind::Region => &p.regions,
        }
    }
    /// The project's list of this kind, to edit.
    pub fn list_mut(self, p: &mut Project) -> &mut Vec<super::Dimension> {
        match self {
            DimKind::BusinessLine => &mut p.business_lines,
            DimKind::Channel => &mut p.channels,
            DimKind::Region => &mut p.regions,
        }
    }
}

/// How many records refer to a dimension, by kind of record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DimUsage {
    /// Clients tagged with it.
    pub clients: usize,
    /// Deals tagged with it.
    pub deals: usize,
    /// Managers whose territory or channels include it.
    pub managers: usize,
    /// Manager plans splitting money over it, market volumes of it, target-market hypotheses.
    pub plans: usize,
    /// Promotion activities, map templates, needs, advantages, questions, briefing items.
    pub activities: usize,
}

impl DimUsage {
    /// All references together.
    pub fn total(&self) -> usize {
        self.clients + self.deals + self.managers + self.plans + self.activities
    }
}

/// Counts every reference to dimension `id` of `kind` (the check before deleting it).
pub fn dimension_usage(p: &Project, kind: DimKind, id: Id) -> DimUsage {
    let is = |x: &Option<Id>| *x == Some(id);
    let l1 = &p.layer1;
    match kind {
        DimKind::BusinessLine => DimUsage {
            clients: p
                .clients
                .iter()
                .filter(|c| c.business_line_ids.contains(&id))
                .count(),
            deals: p.deals.iter().filter(|d| is(&d.business_line_id)).count(),
            managers: 0,
            plans: l1
                .market_volumes
                .iter()
                .filter(|v| is(&v.business_line_id))
                .count(),
            activities: 0,
        },
        DimKind::Channel => DimUsage {
            clients: p.clients.iter().filter(|c| is(&c.channel_id)).count(),
            deals: p.deals.iter().filter(|d| is(&d.channel_id)).count(),
            managers: p
                .managers
                .iter()
                .filter(|m| m.channel_ids.contains(&id))
                .count(),
            plans: l1
                .manager_plans
                .iter()
                .filter(|m| m.by_channel.iter().any(|c| c.channel_id == id))
                .count()
                + l1.hypotheses.iter().filter(|h| is(&h.channel_id)).count(),
            activities: p
                .layer3
                .activities
                .iter()
                .filter(|a| a.channel_id == id)
                .count()
                + p.layer3
                    .map_templates
                    .iter()
                    .filter(|t| t.channel_id == id)
                    .count()
                + p.layer4.needs.iter().filter(|n| n.channel_id == id).count()
                + p.layer4
                    .advantages
                    .iter()
                    .filter(|a| a.channel_id == id)
                    .count()
                + p.layer4
                    .questions
                    .iter()
                    .filter(|q| is(&q.channel_id))
                    .count()
                + p.layer4
                    .briefing
                    .iter()
                    .filter(|b| is(&b.channel_id))
                    .count(),
        },
        DimKind::Region => DimUsage {
            clients: p.clients.iter().filter(|c| is(&c.region_id)).count(),
            deals: 0,
            managers: p.managers.iter().filter(|m| is(&m.region_id)).count(),
            plans: l1.hypotheses.iter().filter(|h| is(&h.region_id)).count(),
            activities: 0,
        },
    }
}

/// Deletes dimension `id` of `kind`.
///
/// While anything refers to it, the deletion is refused ([`EditError::DimensionInUse`], with how
/// many records use it) — unless `move_to` names another dimension of the same kind: then every
/// reference is moved there first (lists are deduplicated, a manager's channel amounts are
/// added up), so nothing is left dangling.
pub fn remove_dimension(
    p: &mut Project,
    kind: DimKind,
    id: Id,
    move_to: Option<Id>,
) -> Result<(), EditError> {
    if !kind.list(p).iter().any(|d| d.id == id) {
        return Ok(());
    }
    let usage = dimension_usage(p, kind, id);
    if usage.total() > 0 {
        let Some(to) = move_to.filter(|t| *t != id) else {
            return Err(EditError::DimensionInUse(usage));
        };
        if !kind.list(p).iter().any(|d| d.id == to) {
            return Err(EditError::MoveTargetMissing);
        }
        move_references(p, kind, id, to);
    }
    kind.list_mut(p).retain(|d| d.id != id);
    Ok(())
}

fn swap(x: &mut Option<Id>, from: Id, to: Id) {
    if *x == Some(from) {
        *x = Some(to);
    }
}

fn swap_in(v: &mut Vec<Id>, from: Id, to: Id) {
    if v.contains(&from) {
        v.retain(|x| *x != from);
        if !v.contains(&to) {
            v.push(to);
        }
    }
}

fn move_references(p: &mut Project, kind: DimKind, from: Id, to: Id) {
    match kind {
        DimKind::BusinessLine => {
            for c in &mut p.clients {
                swap_in(&mut c.business_line_ids, from, to);
            }
            for d in &mut p.deals {
                swap(&mut d.business_line_id, from, to);
            }
            for v in &mut p.layer1.market_volumes {
                swap(&mut v.business_line_id, from, to);
            }
        }
        DimKind::Channel => {
            for c in &mut p.clients {
                swap(&mut c.channel_id, from, to);
            }
            for d in &mut p.deals {
                swap(&mut d.channel_id, from, to);
            }
            for m in &mut p.managers {
                swap_in(&mut m.channel_ids, from, to);
            }
            for mp in &mut p.layer1.manager_plans {
                let moved: super::Money = mp
                    .by_channel
                    .iter()
                    .filter(|c| c.channel_id == from)
                    .map(|c| c.amount)
                    .sum();
                if mp.by_channel.iter().any(|c| c.channel_id == from) {
                    mp.by_channel.retain(|c| c.channel_id != from);
                    match mp.by_channel.iter_mut().find(|c| c.channel_id == to) {
                        Some(c) => c.amount += moved,
                        None => mp.by_channel.push(ChannelAmount {
                            channel_id: to,
                            amount: moved,
                        }),
                    }
                }
            }
            for h in &mut p.layer1.hypotheses {
                swap(&mut h.channel_id, from, to);
            }
            let fix = |x: &mut Id| {
                if *x == from {
                    *x = to
                }
            };
            p.layer3
                .activities
                .iter_mut()
                .for_each(|a| fix(&mut a.channel_id));
            p.layer3
                .map_templates
                .iter_mut()
                .for_each(|t| fix(&mut t.channel_id));
            p.layer4
                .needs
                .iter_mut()
                .for_each(|n| fix(&mut n.channel_id));
            p.layer4
                .advantages
                .iter_mut()
                .for_each(|a| fix(&mut a.channel_id));
            for q in &mut p.layer4.questions {
                swap(&mut q.channel_id, from, to);
            }
            for b in &mut p.layer4.briefing {
                swap(&mut b.channel_id, from, to);
            }
        }
        DimKind::Region => {
            for c in &mut p.clients {
                swap(&mut c.region_id, from, to);
            }
            for m in &mut p.managers {
                swap(&mut m.region_id, from, to);
            }
            for h in &mut p.layer1.hypotheses {
                swap(&mut h.region_id, from, to);
            }
        }
    }
}

/// What a manager owns: the records that must move to another manager before the manager goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ManagerUsage {
    /// Clients the manager is responsible for.
    pub clients: usize,
    /// Deals of the manager.
    pub deals: usize,
    /// Entered actuals of the manager (without a manager they would count as company totals).
    pub actuals: usize,
    /// Coaching notes about the manager.
    pub coaching: usize,
}

impl ManagerUsage {
    /// All owned records together.
    pub fn total(&self) -> usize {
        self.clients + self.deals + self.actuals + self.coaching
    }
}

/// Counts what manager `id` owns.
pub fn manager_usage(p: &Project, id: Id) -> ManagerUsage {
    ManagerUsage {
        clients: p
            .clients
            .iter()
            .filter(|c| c.manager_id == Some(id))
            .count(),
        deals: p.deals.iter().filter(|d| d.manager_id == Some(id)).count(),
        actuals: p
            .layer1
            .actuals
            .iter()
            .filter(|a| a.manager_id == Some(id))
            .count(),
        coaching: p
            .layer5
            .coaching
            .iter()
            .filter(|c| c.manager_id == id)
            .count(),
    }
}

/// Deletes manager `id`. A manager who owns clients, deals, actuals or coaching notes is only
/// deleted with `move_to` (another manager), who then receives all of them and the deleted
/// manager's plan (added to his own); otherwise [`EditError::ManagerInUse`] says what he owns.
/// The manager's promotion activities lose their owner.
pub fn remove_manager(p: &mut Project, id: Id, move_to: Option<Id>) -> Result<(), EditError> {
    if p.manager(id).is_none() {
        return Ok(());
    }
    let u = manager_usage(p, id);
    let to = move_to.filter(|t| *t != id && p.manager(*t).is_some());
    if u.total() > 0 && to.is_none() {
        return Err(EditError::ManagerInUse(u));
    }
    if let Some(to) = to {
        for c in &mut p.clients {
            swap(&mut c.manager_id, id, to);
        }
        for d in &mut p.deals {
            swap(&mut d.manager_id, id, to);
        }
        for a in &mut p.layer1.actuals {
            swap(&mut a.manager_id, id, to);
        }
        for c in &mut p.layer5.coaching {
            if c.manager_id == id {
                c.manager_id = to;
            }
        }
        if let Some(i) = p
            .layer1
            .manager_plans
            .iter()
            .position(|m| m.manager_id == id)
        {
            let old = p.layer1.manager_plans.remove(i);
            match p
                .layer1
                .manager_plans
                .iter_mut()
                .find(|m| m.manager_id == to)
            {
                Some(m) => {
                    m.amount += old.amount;
                    m.by_category.a += old.by_category.a;
                    m.by_category.b += old.by_category.b;
                    m.by_category.c += old.by_category.c;
                    for ch in old.by_channel {
                        match m
                            .by_channel
                            .iter_mut()
                            .find(|c| c.channel_id == ch.channel_id)
                        {
                            Some(c) => c.amount += ch.amount,
                            None => m.by_channel.push(ch),
                        }
                    }
                    m.projects = match (m.projects, old.projects) {
                        (Some(a), Some(b)) => Some(a + b),
                        _ => None,
                    };
                }
                None => p.layer1.manager_plans.push(super::ManagerPlan {
                    manager_id: to,
                    ..old
                }),
            }
        }
    }
    p.layer1.manager_plans.retain(|m| m.manager_id != id);
    for a in &mut p.layer3.activities {
        if a.manager_id == Some(id) {
            a.manager_id = None;
        }
    }
    p.managers.retain(|m| m.id != id);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::new_id;

    #[test]
    fn client_with_deals_is_refused_and_kept() {
        let mut p = demo_project();
        let id = p.deals.iter().find_map(|d| d.client_id).expect("demo deal");
        let n = p.clients.len();
        assert!(remove_client(&mut p, id).is_err());
        assert_eq!(p.clients.len(), n);
        assert!(matches!(
            client_removal_blocker(&p, id),
            Some(EditError::ClientInUse { deals, .. }) if deals > 0
        ));
    }

    #[test]
    fn dimension_names_are_unique_in_any_case() {
        let p = demo_project();
        let ural = p.regions.iter().find(|d| d.name == "Урал").unwrap();
        assert!(dimension_name_taken(&p.regions, " урал ", None));
        assert!(
            !dimension_name_taken(&p.regions, "УРАЛ", Some(ural.id)),
            "its own name"
        );
        assert!(dimension_name_taken(
            &p.regions,
            "москва и мо",
            Some(ural.id)
        ));
        assert!(!dimension_name_taken(&p.regions, "Камчатка", None));
    }

    #[test]
    fn client_codes_are_unique_ignoring_case_and_spaces() {
        let p = demo_project();
        let k01 = p.clients.iter().find(|c| c.code == "K01").unwrap();
        assert_eq!(
            client_with_code(&p, " k01 ", None).map(|c| c.id),
            Some(k01.id)
        );
        assert_eq!(
            client_with_code(&p, "K01", Some(k01.id)),
            None,
            "its own code"
        );
        assert_eq!(client_with_code(&p, "K99", None), None);
        assert_eq!(
            client_with_code(&p, "  ", None),
            None,
            "no code is never taken"
        );
    }

    #[test]
    fn client_without_deals_goes_with_its_revenue() {
        let mut p = demo_project();
        let id = p
            .clients
            .iter()
            .map(|c| c.id)
            .find(|id| {
                !p.deals.iter().any(|d| d.client_id == Some(*id))
                    && !p.contacts.iter().any(|c| c.client_id == *id)
            })
            .expect("a client without deals");
        assert_eq!(client_removal_blocker(&p, id), None);
        remove_client(&mut p, id).unwrap();
        assert!(!p.clients.iter().any(|c| c.id == id));
        assert!(!p.revenues.iter().any(|r| r.client_id == id));
    }

    #[test]
    fn unknown_id_is_a_no_op() {
        let mut p = demo_project();
        let n = p.clients.len();
        remove_client(&mut p, crate::domain::new_id()).unwrap();
        assert_eq!(p.clients.len(), n);
    }

    fn channel_named(p: &Project, name: &str) -> Id {
        p.channels.iter().find(|c| c.name == name).expect(name).id
    }

    #[test]
    fn used_channel_is_refused_with_counts_and_kept() {
        let mut p = demo_project();
        let id = channel_named(&p, "Дистрибьюторы");
        let u = dimension_usage(&p, DimKind::Channel, id);
        assert_eq!(u.clients, 8, "docs/METHOD.md §6.2: 8 distributor clients");
        let err = remove_dimension(&mut p, DimKind::Channel, id, None).unwrap_err();
        assert!(
            matches!(err, EditError::DimensionInUse(DimUsage { clients: 8, .. })),
            "{err:?}"
        );
        assert!(p.channels.iter().any(|c| c.id == id));
    }

    #[test]
    fn used_channel_moves_every_reference() {
        let mut p = demo_project();
        let from = channel_named(&p, "Дистрибьюторы");
        let to = channel_named(&p, "Прямые продажи");
        let direct_before = dimension_usage(&p, DimKind::Channel, to).clients;
        let plan_sums: Vec<crate::domain::Money> = p
            .layer1
            .manager_plans
            .iter()
            .map(|m| m.by_channel.iter().map(|c| c.amount).sum())
            .collect();
        remove_dimension(&mut p, DimKind::Channel, from, Some(to)).unwrap();
        assert!(!p.channels.iter().any(|c| c.id == from));
        assert_eq!(
            dimension_usage(&p, DimKind::Channel, from),
            DimUsage::default()
        );
        assert_eq!(
            dimension_usage(&p, DimKind::Channel, to).clients,
            direct_before + 8
        );
        let after: Vec<crate::domain::Money> = p
            .layer1
            .manager_plans
            .iter()
            .map(|m| m.by_channel.iter().map(|c| c.amount).sum())
            .collect();
        assert_eq!(plan_sums, after, "channel splits keep their sums");
        for m in &p.layer1.manager_plans {
            let mut ids: Vec<Id> = m.by_channel.iter().map(|c| c.channel_id).collect();
            ids.dedup();
            assert_eq!(ids.len(), m.by_channel.len());
        }
    }

    #[test]
    fn unused_dimension_goes_and_moving_to_itself_is_refused() {
        let mut p = demo_project();
        let id = new_id();
        p.regions.push(crate::domain::Dimension {
            id,
            name: "Дальний Восток".into(),
        });
        assert_eq!(dimension_usage(&p, DimKind::Region, id).total(), 0);
        remove_dimension(&mut p, DimKind::Region, id, None).unwrap();
        assert!(!p.regions.iter().any(|r| r.id == id));
        let ural = p.regions[1].id;
        assert!(matches!(
            remove_dimension(&mut p, DimKind::Region, ural, Some(ural)),
            Err(EditError::DimensionInUse(_))
        ));
        assert_eq!(
            remove_dimension(&mut p, DimKind::Region, ural, Some(new_id())),
            Err(EditError::MoveTargetMissing)
        );
        assert!(p.regions.iter().any(|r| r.id == ural));
    }

    #[test]
    fn business_line_move_deduplicates_client_lines() {
        let mut p = demo_project();
        let (a, b) = (p.business_lines[0].id, p.business_lines[1].id);
        p.clients[0].business_line_ids = vec![a, b];
        remove_dimension(&mut p, DimKind::BusinessLine, b, Some(a)).unwrap();
        assert_eq!(p.clients[0].business_line_ids, vec![a]);
        assert!(p
            .layer1
            .market_volumes
            .iter()
            .all(|v| v.business_line_id != Some(b)));
    }

    #[test]
    fn empty_project_has_no_usage() {
        let p = Project::new_empty("x", chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        assert_eq!(
            dimension_usage(&p, DimKind::Channel, new_id()),
            DimUsage::default()
        );
        assert_eq!(manager_usage(&p, new_id()).total(), 0);
    }

    #[test]
    fn manager_with_clients_needs_a_successor() {
        let mut p = demo_project();
        let (m1, m2) = (p.managers[0].id, p.managers[1].id);
        let u = manager_usage(&p, m1);
        assert_eq!(u.clients, 9, "docs/METHOD.md §6.1: M1 has 9 clients");
        let err = remove_manager(&mut p, m1, None).unwrap_err();
        assert!(
            matches!(
                err,
                EditError::ManagerInUse(ManagerUsage { clients: 9, .. })
            ),
            "{err:?}"
        );
        assert_eq!(p.managers.len(), 4);
        let total_plan: crate::domain::Money =
            p.layer1.manager_plans.iter().map(|m| m.amount).sum();
        let m2_clients = manager_usage(&p, m2).clients;
        remove_manager(&mut p, m1, Some(m2)).unwrap();
        assert_eq!(p.managers.len(), 3);
        assert_eq!(manager_usage(&p, m1).total(), 0);
        assert_eq!(manager_usage(&p, m2).clients, m2_clients + 9);
        let after: crate::domain::Money = p.layer1.manager_plans.iter().map(|m| m.amount).sum();
        assert_eq!(total_plan, after, "the plan moves with the clients");
        assert!(p.layer1.manager_plans.iter().all(|m| m.manager_id != m1));
    }

    #[test]
    fn manager_without_anything_goes_alone() {
        let mut p = demo_project();
        let id = new_id();
        p.managers.push(crate::domain::Manager {
            id,
            code: "M5".into(),
            name: "Новый".into(),
            region_id: None,
            channel_ids: vec![],
            category_focus: vec![],
            active: true,
        });
        remove_manager(&mut p, id, None).unwrap();
        assert_eq!(p.managers.len(), 4);
    }
}
