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
