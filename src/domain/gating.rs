//! Which method-map items are computed from the project data (DOMAIN.md §4.1).
//!
//! Each layer's issue adds its checks here; an item without a check is ticked by hand on the
//! method map. Keeping every check behind one function means the method map, the gating and
//! (later) the diagnosis all read the same answer.

use super::model::Project;

/// `Some(met)` when the item is computed from the data, `None` when it is ticked by hand.
pub fn computed_status(_p: &Project, _item_id: &str) -> Option<bool> {
    None
}
