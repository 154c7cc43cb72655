//! Undo/redo of the last edits of the open project: a bounded history of inverse patches.
//!
//! The store clones the project before it applies an edit ([`Store::update`]); [`History::record`]
//! then keeps, of that copy, only the parts of the project the edit changed (clients, deals,
//! layer 3, …), so an entry of a one-cell edit in a 10 000-deal project holds the clients or the
//! deals once, not the whole project. Undoing swaps those parts back in, and the parts swapped out
//! become the redo entry (and the other way round), so no extra copy is taken. Pure: tested
//! natively; the store owns one `History` per open project and clears it on a switch.
//!
//! [`Store::update`]: crate::state::store

use crate::domain::model::*;
use std::collections::VecDeque;

/// Entries kept: older ones are dropped.
pub const DEPTH: usize = 50;

/// Edits of the same parts within this many milliseconds make one entry (typing a number in a
/// cell that saves on every key, a drag of a slider).
pub const MERGE_MS: f64 = 800.0;

macro_rules! parts {
    ($($field:ident: $ty:ty => $area:ident),* $(,)?) => {
        /// One top-level part of a project, with its value.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Debug)]
        enum Part {
            $($field($ty)),*
        }

        impl Part {
            fn area(&self) -> Area {
                match self {
                    $(Part::$field(_) => Area::$area),*
                }
            }

            /// Puts this value into `p`, returning the value it replaced.
            fn swap_into(self, p: &mut Project) -> Part {
                match self {
                    $(Part::$field(v) => Part::$field(std::mem::replace(&mut p.$field, v))),*
                }
            }
        }

        /// The parts of `before` that differ in `after`, moved out of `before`.
        fn diff(before: Project, after: &Project) -> Vec<Part> {
            let mut out = Vec::new();
            $(
                if before.$field != after.$field {
                    out.push(Part::$field(before.$field));
                }
            )*
            out
        }

        /// Does not compile when the project gains a field that is not a part above.
        #[allow(dead_code)]
        fn every_field_is_a_part(p: &Project) {
            let Project { id: _, $($field: _),* } = p;
        }
    };
}

/// What an edit changed, as the undo button names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    /// Name, company settings, import mappings.
    Project,
    Dimensions,
    Managers,
    Clients,
    Stages,
    Deals,
    Contacts,
    Layer1,
    Layer3,
    Layer4,
    Layer5,
    /// Ticks and early openings on the method map.
    Method,
    Diagnosis,
}

parts! {
    name: String => Project,
    company: Company => Project,
    business_lines: Vec<Dimension> => Dimensions,
    channels: Vec<Dimension> => Dimensions,
    regions: Vec<Dimension> => Dimensions,
    managers: Vec<Manager> => Managers,
    clients: Vec<Client> => Clients,
    revenues: Vec<ClientRevenue> => Clients,
    stages: Vec<Stage> => Stages,
    deals: Vec<Deal> => Deals,
    contacts: Vec<Contact> => Contacts,
    layer1: Layer1 => Layer1,
    layer3: Layer3 => Layer3,
    layer4: Layer4 => Layer4,
    layer5: Layer5 => Layer5,
    method: MethodState => Method,
    import_mappings: Vec<ImportMapping> => Project,
    diagnosis: DiagnosisState => Diagnosis,
}

// `id` is not a part: an edit never changes which project is open.

/// One edit, as the values it replaced.
#[derive(Clone, Debug)]
struct Entry {
    parts: Vec<Part>,
    /// When it was recorded (ms), for merging quick edits of the same parts.
    at: f64,
}

impl Entry {
    fn areas(&self) -> Vec<Area> {
        let mut a: Vec<Area> = self.parts.iter().map(Part::area).collect();
        a.sort();
        a.dedup();
        a
    }

    /// Applies the entry to `p`, returning its inverse.
    fn apply(self, p: &mut Project) -> Entry {
        Entry {
            parts: self.parts.into_iter().map(|x| x.swap_into(p)).collect(),
            at: self.at,
        }
    }

    fn fields(&self) -> Vec<std::mem::Discriminant<Part>> {
        self.parts.iter().map(std::mem::discriminant).collect()
    }
}

/// The undo and redo stacks of one open project.
#[derive(Debug, Default)]
pub struct History {
    undo: VecDeque<Entry>,
    redo: Vec<Entry>,
}

impl History {
    /// Records an edit that turned `before` into `after` at time `now_ms`. An edit that changed
    /// nothing is not an entry; any other clears the redo stack. Returns whether it recorded.
    pub fn record(&mut self, before: Project, after: &Project, now_ms: f64) -> bool {
        let parts = diff(before, after);
        if parts.is_empty() {
            return false;
        }
        self.redo.clear();
        let entry = Entry { parts, at: now_ms };
        // A quick follow-up edit of the same parts: the older entry already holds the values
        // from before both, so it stands for the two.
        if let Some(last) = self.undo.back_mut() {
            if now_ms - last.at < MERGE_MS && last.fields() == entry.fields() {
                last.at = now_ms;
                return true;
            }
        }
        self.undo.push_back(entry);
        while self.undo.len() > DEPTH {
            self.undo.pop_front();
        }
        true
    }

    /// Undoes the last edit on `p`; `false` when there is none.
    pub fn undo(&mut self, p: &mut Project) -> bool {
        let Some(e) = self.undo.pop_back() else {
            return false;
        };
        self.redo.push(e.apply(p));
        true
    }

    /// Re-applies the last undone edit on `p`; `false` when there is none.
    pub fn redo(&mut self, p: &mut Project) -> bool {
        let Some(e) = self.redo.pop() else {
            return false;
        };
        // Not merged with what is on the undo stack: it is one step back again.
        let mut e = e.apply(p);
        e.at = f64::NEG_INFINITY;
        self.undo.push_back(e);
        true
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// What the next undo and redo would change (`None`: nothing to undo / redo).
    pub fn info(&self) -> Info {
        Info {
            undo: self.undo.back().map(Entry::areas),
            redo: self.redo.last().map(Entry::areas),
        }
    }
}

/// What the undo and redo buttons show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Info {
    pub undo: Option<Vec<Area>>,
    pub redo: Option<Vec<Area>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;

    /// Applies `f` to `p` the way the store does, recording it at `at`.
    fn edit(h: &mut History, p: &mut Project, at: f64, f: impl FnOnce(&mut Project)) -> bool {
        let before = p.clone();
        f(p);
        h.record(before, p, at)
    }

    #[test]
    fn undo_and_redo_restore_exactly() {
        let mut p = demo_project();
        let original = p.clone();
        let mut h = History::default();
        assert_eq!(h.info(), Info::default());
        assert!(
            !h.undo(&mut p) && !h.redo(&mut p),
            "nothing to undo or redo"
        );

        edit(&mut h, &mut p, 0.0, |p| {
            p.clients[0].name = "Новое имя".into()
        });
        let renamed = p.clone();
        edit(&mut h, &mut p, 5_000.0, |p| p.deals.truncate(3));
        assert_eq!(h.info().undo, Some(vec![Area::Deals]));
        assert_eq!(h.info().redo, None);

        assert!(h.undo(&mut p));
        assert_eq!(p, renamed);
        assert_eq!(h.info().undo, Some(vec![Area::Clients]));
        assert_eq!(h.info().redo, Some(vec![Area::Deals]));
        assert!(h.undo(&mut p));
        assert_eq!(p, original);
        assert!(!h.undo(&mut p));
        assert_eq!(p, original, "a failed undo changes nothing");

        assert!(h.redo(&mut p));
        assert_eq!(p, renamed);
        assert!(h.redo(&mut p));
        assert_eq!(p.deals.len(), 3);
        assert!(!h.redo(&mut p));
        assert!(h.undo(&mut p) && h.undo(&mut p));
        assert_eq!(p, original);
    }

    #[test]
    fn an_edit_that_changes_nothing_is_no_entry() {
        let mut p = demo_project();
        let mut h = History::default();
        assert!(!edit(&mut h, &mut p, 0.0, |_| {}));
        assert!(!edit(&mut h, &mut p, 0.0, |p| p.name = p.name.clone()));
        assert_eq!(h.info(), Info::default());
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut p = demo_project();
        let mut h = History::default();
        edit(&mut h, &mut p, 0.0, |p| p.name = "A".into());
        h.undo(&mut p);
        assert!(h.info().redo.is_some());
        edit(&mut h, &mut p, 5_000.0, |p| p.name = "B".into());
        assert_eq!(h.info().redo, None);
        assert_eq!(h.info().undo, Some(vec![Area::Project]));
    }

    #[test]
    fn quick_edits_of_the_same_part_merge_others_do_not() {
        let mut p = demo_project();
        let original = p.clone();
        let mut h = History::default();
        edit(&mut h, &mut p, 0.0, |p| p.name = "A".into());
        edit(&mut h, &mut p, 300.0, |p| p.name = "AB".into());
        edit(&mut h, &mut p, 600.0, |p| p.name = "ABC".into());
        // One undo goes back to before the typing.
        h.undo(&mut p);
        assert_eq!(p, original);
        assert!(h.info().undo.is_none());
        h.redo(&mut p);
        assert_eq!(p.name, "ABC");

        // Same time, another part: two entries.
        let mut h = History::default();
        let mut p = original.clone();
        edit(&mut h, &mut p, 0.0, |p| p.name = "A".into());
        edit(&mut h, &mut p, 100.0, |p| {
            p.clients.pop();
        });
        h.undo(&mut p);
        assert_eq!(p.name, "A");
        assert_eq!(p.clients.len(), original.clients.len());
        // Same part, long after: two entries.
        let mut h = History::default();
        let mut p = original.clone();
        edit(&mut h, &mut p, 0.0, |p| p.name = "A".into());
        edit(&mut h, &mut p, MERGE_MS + 1.0, |p| p.name = "B".into());
        h.undo(&mut p);
        assert_eq!(p.name, "A");
    }

    #[test]
    fn the_history_is_bounded() {
        let mut p = demo_project();
        let mut h = History::default();
        for i in 0..DEPTH + 10 {
            edit(&mut h, &mut p, i as f64 * 10_000.0, |p| {
                p.name = format!("v{i}")
            });
        }
        let mut n = 0;
        while h.undo(&mut p) {
            n += 1;
        }
        assert_eq!(n, DEPTH);
        // The oldest kept entry goes back to the name before it, not to the original.
        assert_eq!(p.name, "v9");
    }

    #[test]
    fn one_edit_of_several_parts_names_them_all_and_keeps_only_them() {
        let mut p = demo_project();
        let original = p.clone();
        let mut h = History::default();
        edit(&mut h, &mut p, 0.0, |p| {
            p.deals.clear();
            p.layer5.coaching.clear();
            p.business_lines.clear();
            p.channels.clear();
        });
        assert_eq!(
            h.info().undo,
            Some(vec![Area::Dimensions, Area::Deals, Area::Layer5])
        );
        assert_eq!(h.undo.back().map(|e| e.parts.len()), Some(4));
        h.undo(&mut p);
        assert_eq!(p, original);
    }
}
