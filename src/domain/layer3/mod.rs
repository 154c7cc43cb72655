//! Layer 3 screens (docs/METHOD.md §3.3): one view function per tab that gathers, filters, joins
//! and orders what the tab shows, so that `pages/layer3` only renders. The figures themselves
//! (project maps, touch-point counts, programmes) are [`super::accounts`] and
//! [`super::strategy`]; these functions put them in the shape of a screen.

pub mod maps;
pub mod programme;
pub mod touches;

use super::model::{Id, Project};

/// A client's short label on the layer-3 screens: its code, else its name (empty for an unknown
/// id).
pub fn client_code(p: &Project, id: Id) -> String {
    p.client(id)
        .map(|c| crate::domain::layer1::conclusions::client_label(c).to_string())
        .unwrap_or_default()
}

/// A contact's name (empty for an unknown id).
pub fn contact_name(p: &Project, id: Id) -> String {
    p.contacts
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

/// A manager's name (empty for none or an unknown id).
pub fn manager_name(p: &Project, id: Option<Id>) -> String {
    id.and_then(|m| p.manager(m))
        .map(|m| m.name.clone())
        .unwrap_or_default()
}

/// The other contacts of a client (all of them but `except`, the one being edited), as the
/// picker of whom a contact influences lists them: id and name, in the project's order.
pub fn other_contacts(p: &Project, client: Id, except: Option<Id>) -> Vec<(Id, String)> {
    p.contacts
        .iter()
        .filter(|c| c.client_id == client && Some(c.id) != except)
        .map(|c| (c.id, c.name.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;

    #[test]
    fn the_other_contacts_of_a_client_leave_out_the_one_edited_and_other_clients() {
        let p = demo_project();
        let client = p.contacts[0].client_id;
        let of_client: Vec<Id> = p
            .contacts
            .iter()
            .filter(|c| c.client_id == client)
            .map(|c| c.id)
            .collect();
        assert!(
            of_client.len() >= 2,
            "the demo has a client with several contacts"
        );
        let all: Vec<Id> = other_contacts(&p, client, None)
            .iter()
            .map(|c| c.0)
            .collect();
        assert_eq!(all, of_client);
        let others: Vec<Id> = other_contacts(&p, client, Some(of_client[0]))
            .iter()
            .map(|c| c.0)
            .collect();
        assert_eq!(others, of_client[1..].to_vec());
        assert!(other_contacts(&p, crate::domain::new_id(), None).is_empty());
        assert!(other_contacts(
            &crate::domain::tools::new_project(
                "Пусто",
                chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
                crate::i18n::Lang::Ru
            ),
            client,
            None
        )
        .is_empty());
    }
}
