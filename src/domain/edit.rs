//! Reference-safe edits of layer 1 lists: deleting never leaves dangling references.

use super::{Id, Project};

/// Deletes a client with its revenue rows. Refused (with the number of deals and contacts in
/// Russian) while deals or contacts still refer to the client.
pub fn remove_client(p: &mut Project, id: Id) -> Result<(), String> {
    let deals = p.deals.iter().filter(|d| d.client_id == Some(id)).count();
    let contacts = p.contacts.iter().filter(|c| c.client_id == id).count();
    if deals + contacts > 0 {
        return Err(format!(
            "У клиента есть сделки ({deals}) и контакты ({contacts}) — сначала удалите их"
        ));
    }
    p.clients.retain(|c| c.id != id);
    p.revenues.retain(|r| r.client_id != id);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;

    #[test]
    fn client_with_deals_is_refused_and_kept() {
        let mut p = demo_project();
        let id = p.deals.iter().find_map(|d| d.client_id).expect("demo deal");
        let n = p.clients.len();
        assert!(remove_client(&mut p, id).is_err());
        assert_eq!(p.clients.len(), n);
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
}
