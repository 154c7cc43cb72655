//! Слой 3 → Карты проектов: the A (and B) client lists with their role gaps, and the sheet of
//! one client's map — its contacts grouped by ЛВР/ЛФР/ЛПР, then those without a role.

use super::client_code;
use crate::domain::accounts::{project_map, Categories};
use crate::domain::model::{Category, Id, Project, Role};

/// One client in the list of a category.
#[derive(Clone, Debug, PartialEq)]
pub struct MapListItem {
    pub id: Id,
    pub code: String,
    pub name: String,
    /// Roles nobody is known for, in [`Role::ALL`] order (empty: the map is full).
    pub gaps: Vec<Role>,
}

/// The clients of `category`, in the project's order, with their maps' gaps.
pub fn map_list(p: &Project, categories: &Categories, category: Category) -> Vec<MapListItem> {
    p.clients
        .iter()
        .filter(|cl| categories.get(&cl.id) == Some(&category))
        .map(|cl| MapListItem {
            id: cl.id,
            code: client_code(p, cl.id),
            name: cl.name.clone(),
            gaps: project_map(p, categories, cl.id).gaps(),
        })
        .collect()
}

/// A group of contacts on the map sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleGroup {
    /// The role, None for the contacts without one.
    pub role: Option<Role>,
    pub contacts: Vec<Id>,
}

impl RoleGroup {
    /// A role nobody holds (the group of contacts without a role is never a gap).
    pub fn is_gap(&self) -> bool {
        self.role.is_some() && self.contacts.is_empty()
    }
}

/// The printable map of one client.
#[derive(Clone, Debug, PartialEq)]
pub struct MapSheet {
    pub code: String,
    pub name: String,
    /// The channel's name, empty without one.
    pub channel: String,
    pub category: Option<Category>,
    /// ЛВР, ЛФР, ЛПР (always, empty ones too), then the contacts without a role when any.
    pub groups: Vec<RoleGroup>,
}

/// The map sheet of `client` (None for an unknown client).
pub fn map_sheet(p: &Project, categories: &Categories, client: Id) -> Option<MapSheet> {
    let c = p.client(client)?;
    let map = project_map(p, categories, client);
    let mut groups: Vec<RoleGroup> = Role::ALL
        .into_iter()
        .map(|r| RoleGroup {
            role: Some(r),
            contacts: map.contacts(r).to_vec(),
        })
        .collect();
    if !map.unassigned.is_empty() {
        groups.push(RoleGroup {
            role: None,
            contacts: map.unassigned.clone(),
        });
    }
    Some(MapSheet {
        code: c.code.clone(),
        name: c.name.clone(),
        channel: c
            .channel_id
            .and_then(|ch| p.channels.iter().find(|x| x.id == ch))
            .map(|x| x.name.clone())
            .unwrap_or_default(),
        category: map.category,
        groups,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::layer1::abc::client_categories;
    use chrono::NaiveDate;

    #[test]
    fn an_empty_project_has_no_list_and_no_sheet() {
        let p = Project::new_empty("x", NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert!(map_list(&p, &Categories::new(), Category::A).is_empty());
        assert_eq!(
            map_sheet(&p, &Categories::new(), crate::domain::model::new_id()),
            None
        );
    }

    #[test]
    fn the_lists_hold_the_category_and_its_gaps() {
        let p = demo_project();
        let cats = client_categories(&p);
        for cat in [Category::A, Category::B] {
            let list = map_list(&p, &cats, cat);
            assert_eq!(list.len(), cats.values().filter(|c| **c == cat).count());
            for item in list {
                assert_eq!(item.gaps, project_map(&p, &cats, item.id).gaps());
            }
        }
    }

    #[test]
    fn the_sheet_has_three_roles_and_the_unassigned_only_when_any() {
        let mut p = demo_project();
        let cats = client_categories(&p);
        let id = p.clients[0].id;
        let s = map_sheet(&p, &cats, id).unwrap();
        let roles: Vec<_> = s.groups.iter().map(|g| g.role).collect();
        let map = project_map(&p, &cats, id);
        assert_eq!(
            &roles[..3],
            &[Some(Role::Lvr), Some(Role::Lfr), Some(Role::Lpr)]
        );
        assert_eq!(s.groups.len(), 3 + usize::from(!map.unassigned.is_empty()));
        // A contact with no role adds the fourth group, which is never a gap.
        p.contacts.retain(|c| c.client_id != id);
        p.contacts.push(crate::domain::model::Contact {
            id: crate::domain::model::new_id(),
            client_id: id,
            name: "N".into(),
            position: String::new(),
            roles: vec![],
            attitude: None,
            influence: None,
            access: None,
            notes: String::new(),
            influences: vec![],
        });
        let s = map_sheet(&p, &cats, id).unwrap();
        assert_eq!(s.groups.len(), 4);
        assert!(s.groups[..3].iter().all(RoleGroup::is_gap));
        assert!(!s.groups[3].is_gap());
    }
}
