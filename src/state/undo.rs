//! Undo/redo of the last edits of the open project: a bounded history of inverse patches.
//!
//! Before the store applies an edit it takes a [`Before`] of the project ([`Store::update`]);
//! [`History::record`] then keeps only the parts of the project the edit changed (clients,
//! deals, layer 3, …), so an entry of a one-cell edit in a 10 000-deal project holds one part,
//! not the whole project. Undoing swaps those parts back in, and the parts swapped out become
//! the redo entry (and the other way round). Pure: tested natively; the store owns one
//! `History` per open project and clears it on a switch.
//!
//! The clients and the deals are kept as values (the save already compares and copies their
//! chunks); every other part as its JSON text, compared and restored through the same
//! serializer the save uses. Comparing and copying the whole model by value would add its
//! `PartialEq` and `Clone` code to the start-up module, where the store lives.
//!
//! [`Store::update`]: crate::state::store

use crate::domain::model::{Client, Deal, Project};
use std::collections::VecDeque;

/// Entries kept: older ones are dropped.
pub const DEPTH: usize = 50;

/// Edits of the same parts within this many milliseconds make one entry (typing a number in a
/// cell that saves on every key, a drag of a slider).
pub const MERGE_MS: f64 = 800.0;

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

macro_rules! json_parts {
    ($($i:literal $field:ident => $area:ident),* $(,)?) => {
        /// Parts kept as JSON text.
        const JSON_PARTS: usize = [$($i),*].len();

        fn json_of(p: &Project, i: usize) -> String {
            match i {
                $($i => serde_json::to_string(&p.$field).unwrap_or_default(),)*
                _ => String::new(),
            }
        }

        /// Puts the part `i` read from `json` into `p`; `false` (and `p` unchanged) when the
        /// text does not read.
        fn set_json(p: &mut Project, i: usize, json: &str) -> bool {
            match i {
                $($i => match serde_json::from_str(json) {
                    Ok(v) => {
                        p.$field = v;
                        true
                    }
                    Err(_) => false,
                },)*
                _ => false,
            }
        }

        fn json_area(i: usize) -> Area {
            match i {
                $($i => Area::$area,)*
                _ => Area::Project,
            }
        }

        /// Does not compile when the project gains a field that is not a part.
        #[allow(dead_code)]
        fn every_field_is_a_part(p: &Project) {
            let Project { id: _, ancestry: _, clients: _, deals: _, $($field: _),* } = p;
        }
    };
}

json_parts! {
    0 name => Project,
    1 company => Project,
    2 business_lines => Dimensions,
    3 channels => Dimensions,
    4 regions => Dimensions,
    5 managers => Managers,
    6 revenues => Clients,
    7 stages => Stages,
    8 contacts => Contacts,
    9 layer1 => Layer1,
    10 layer3 => Layer3,
    11 layer4 => Layer4,
    12 layer5 => Layer5,
    13 method => Method,
    14 import_mappings => Project,
    15 diagnosis => Diagnosis,
}

// `id` is not a part: an edit never changes which project is open. Nor is `ancestry`: the
// revisions and shared states of a project are the record of its saves, which undo does not
// rewind.

/// The project before an edit, as the history compares and keeps it.
pub struct Before {
    clients: Vec<Client>,
    deals: Vec<Deal>,
    json: Vec<String>,
}

impl Before {
    pub fn of(p: &Project) -> Before {
        Before {
            clients: p.clients.clone(),
            deals: p.deals.clone(),
            json: (0..JSON_PARTS).map(|i| json_of(p, i)).collect(),
        }
    }
}

/// One part of a project with its value.
#[derive(Clone, Debug)]
enum Part {
    Clients(Vec<Client>),
    Deals(Vec<Deal>),
    Json(usize, String),
}

impl Part {
    fn area(&self) -> Area {
        match self {
            Part::Clients(_) => Area::Clients,
            Part::Deals(_) => Area::Deals,
            Part::Json(i, _) => json_area(*i),
        }
    }

    /// Which part it is, for merging quick edits.
    fn key(&self) -> usize {
        match self {
            Part::Clients(_) => JSON_PARTS,
            Part::Deals(_) => JSON_PARTS + 1,
            Part::Json(i, _) => *i,
        }
    }

    /// Puts this value into `p`, returning the value it replaced (`None`: it did not read, and
    /// `p` keeps its value).
    fn swap_into(self, p: &mut Project) -> Option<Part> {
        Some(match self {
            Part::Clients(v) => Part::Clients(std::mem::replace(&mut p.clients, v)),
            Part::Deals(v) => Part::Deals(std::mem::replace(&mut p.deals, v)),
            Part::Json(i, json) => {
                let now = json_of(p, i);
                if !set_json(p, i, &json) {
                    return None;
                }
                Part::Json(i, now)
            }
        })
    }
}

/// The parts of `before` that differ in `after`, moved out of `before`.
fn diff(before: Before, after: &Project) -> Vec<Part> {
    let mut out = Vec::new();
    if before.clients != after.clients {
        out.push(Part::Clients(before.clients));
    }
    if before.deals != after.deals {
        out.push(Part::Deals(before.deals));
    }
    for (i, json) in before.json.into_iter().enumerate() {
        if json_of(after, i) != json {
            out.push(Part::Json(i, json));
        }
    }
    out
}

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
            parts: self
                .parts
                .into_iter()
                .filter_map(|x| x.swap_into(p))
                .collect(),
            at: self.at,
        }
    }

    fn keys(&self) -> Vec<usize> {
        self.parts.iter().map(Part::key).collect()
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
    pub fn record(&mut self, before: Before, after: &Project, now_ms: f64) -> bool {
        let parts = diff(before, after);
        if parts.is_empty() {
            return false;
        }
        self.redo.clear();
        let entry = Entry { parts, at: now_ms };
        // A quick follow-up edit of the same parts: the older entry already holds the values
        // from before both, so it stands for the two.
        if let Some(last) = self.undo.back_mut() {
            if now_ms - last.at < MERGE_MS && last.keys() == entry.keys() {
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
        let before = Before::of(p);
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

    #[test]
    fn every_part_round_trips_through_undo() {
        // Each part changed alone is undone exactly and named by its area.
        let original = demo_project();
        type Edit = (Area, fn(&mut Project));
        let edits: Vec<Edit> = vec![
            (Area::Project, |p| p.company.notes.push('x')),
            (Area::Managers, |p| p.managers[0].name.push('x')),
            (Area::Clients, |p| p.revenues[0].amount.0 += 1),
            (Area::Stages, |p| p.stages[0].name_ru.push('x')),
            (Area::Contacts, |p| {
                p.contacts.pop();
            }),
            (Area::Layer1, |p| p.layer1.company_plan.0 += 1),
            (Area::Layer3, |p| p.layer3 = Default::default()),
            (Area::Layer4, |p| p.layer4 = Default::default()),
            (Area::Method, |p| p.method.ticked.push("l1.segments".into())),
            (Area::Diagnosis, |p| {
                p.diagnosis.thresholds.role_coverage += 1.0
            }),
        ];
        for (area, f) in edits {
            let mut p = original.clone();
            let mut h = History::default();
            assert!(edit(&mut h, &mut p, 0.0, f), "{area:?}");
            assert_ne!(p, original, "{area:?}");
            assert_eq!(h.info().undo, Some(vec![area]));
            h.undo(&mut p);
            assert_eq!(p, original, "{area:?}");
            h.redo(&mut p);
            assert_ne!(p, original, "{area:?}");
        }
    }

    #[test]
    fn a_part_that_does_not_read_back_is_left_alone() {
        let mut p = demo_project();
        let mut h = History::default();
        edit(&mut h, &mut p, 0.0, |p| p.name = "A".into());
        // Spoil the kept text: undoing must not lose the current name.
        if let Some(Part::Json(_, json)) = h.undo.back_mut().and_then(|e| e.parts.first_mut()) {
            *json = "{not json".into();
        }
        assert!(h.undo(&mut p));
        assert_eq!(p.name, "A");
    }
}
