//! Three-way merge of two copies of a project: this copy («мои») and another one («их»: a
//! colleague's file, or another tab's save), against the last state both passed through (the
//! base). See docs/ARCHITECTURE.md «Ancestry and merge».
//!
//! The merge works on records with stable keys across everything a project holds: every list
//! of the model is a collection of records keyed by id (clients, deals with their stage
//! history, contacts, activities, …) or by their natural key (a revenue by client and year, a
//! matrix cell by need and advantage, a plan by manager); every other field (project name,
//! company, plans, thresholds, templates) is a setting record of its own; the order of the
//! stage list is one more record. The base is not a copy of the records but a stamp per record
//! (a hash of its key and content, [`stamps`]), which is all the rules need:
//!
//! - added on either side → kept; changed on one side → that change;
//! - deleted on one side and unchanged on the other → deleted;
//! - changed on both sides (differently) → a conflict, shown field by field;
//! - changed on one side and deleted on the other → a conflict;
//! - deleted on one side while the other keeps a record that refers to it → a conflict
//!   ([`ConflictKind::Used`]), never a dangling id.
//!
//! Without a common base (a file that was never shared with this copy) nothing is taken for
//! deleted: records of either side are kept and every difference is a conflict.
//!
//! It works over the JSON form of the model (through text, the same (de)serializers as saving),
//! so a field added to the model is merged without touching this module. [`Merge::apply`]
//! builds the result with the user's choices; when a chosen deletion leaves other records
//! referring to what was deleted, those references go too (an id in a list is dropped, a record
//! that needs it is deleted with it, and the report lists it): the result always validates.

pub mod stamps;

use super::model::{
    Ancestry, Id, MergeRecord, MergeSide, MergeSource, Project, RecordKind, ResolvedConflict,
};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// Shared states a project keeps (the newest ones).
pub const MAX_BASES: usize = 3;
/// Merge reports a project keeps in its history (the newest ones).
pub const MAX_MERGES: usize = 50;

enum Key {
    Id,
    Fields(&'static [&'static str]),
    Itself,
}

struct Coll {
    path: &'static [&'static str],
    kind: RecordKind,
    key: Key,
}

const fn coll(path: &'static [&'static str], kind: RecordKind, key: Key) -> Coll {
    Coll { path, kind, key }
}

use RecordKind as K;

/// Every list of the model and how its records are keyed.
const COLLS: &[Coll] = &[
    coll(&["business_lines"], K::BusinessLine, Key::Id),
    coll(&["channels"], K::Channel, Key::Id),
    coll(&["regions"], K::Region, Key::Id),
    coll(&["managers"], K::Manager, Key::Id),
    coll(&["clients"], K::Client, Key::Id),
    coll(
        &["revenues"],
        K::Revenue,
        Key::Fields(&["client_id", "year"]),
    ),
    coll(&["stages"], K::Stage, Key::Id),
    coll(&["deals"], K::Deal, Key::Id),
    coll(&["contacts"], K::Contact, Key::Id),
    coll(
        &["layer1", "market_volumes"],
        K::MarketVolume,
        Key::Fields(&["year", "business_line_id"]),
    ),
    coll(
        &["layer1", "manager_plans"],
        K::ManagerPlan,
        Key::Fields(&["manager_id"]),
    ),
    coll(&["layer1", "actuals"], K::Actual, Key::Id),
    coll(&["layer1", "hypotheses"], K::Hypothesis, Key::Id),
    coll(
        &["layer3", "map_templates"],
        K::MapTemplate,
        Key::Fields(&["channel_id", "category", "role"]),
    ),
    coll(&["layer3", "activities"], K::Activity, Key::Id),
    coll(&["layer3", "touch_points"], K::TouchPoint, Key::Id),
    coll(&["layer4", "needs"], K::Need, Key::Id),
    coll(&["layer4", "advantages"], K::Advantage, Key::Id),
    coll(
        &["layer4", "matrix"],
        K::MatrixCell,
        Key::Fields(&["need_id", "advantage_id"]),
    ),
    coll(&["layer4", "questions"], K::Question, Key::Id),
    coll(&["layer4", "briefing"], K::Briefing, Key::Id),
    coll(
        &["layer5", "checklists"],
        K::Checklist,
        Key::Fields(&["stage_id"]),
    ),
    coll(&["layer5", "coaching"], K::Coaching, Key::Id),
    coll(&["method", "ticked"], K::Tick, Key::Itself),
    coll(
        &["method", "overrides"],
        K::Override,
        Key::Fields(&["layer"]),
    ),
    coll(
        &["import_mappings"],
        K::ImportMapping,
        Key::Fields(&["kind"]),
    ),
    coll(&["diagnosis", "saved"], K::Diagnosis, Key::Id),
];

/// Objects whose other fields are settings, each field a record of its own.
const SETTING_OBJECTS: &[&[&str]] = &[
    &[],
    &["company"],
    &["layer1"],
    &["layer3"],
    &["layer4"],
    &["layer5"],
    &["method"],
    &["diagnosis"],
];
/// Top-level fields that are not records: the project's id and its ancestry.
const NOT_RECORDS: &[&str] = &["id", "ancestry"];
const ORDER_KEY: &str = "order#stages";
/// The stamp of a setting left at its default (absent from the file).
const ABSENT: u64 = 0;

/// Where a record lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Coll(usize),
    Setting,
    Order,
}

#[derive(Clone, Debug)]
struct Rec {
    slot: Slot,
    key: String,
    value: Value,
}

/// A project taken apart into records.
#[derive(Clone, Debug, Default)]
struct Snapshot {
    value: Value,
    recs: Vec<Rec>,
    index: HashMap<String, usize>,
}

fn at_path<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| v.get(*k))
}

fn coll_name(c: &Coll) -> String {
    c.path.join(".")
}

fn record_key(c: &Coll, v: &Value) -> String {
    let key = match c.key {
        Key::Id => v
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        Key::Fields(fields) => fields
            .iter()
            .map(|f| v.get(*f).map(Value::to_string).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("|"),
        Key::Itself => v.to_string(),
    };
    format!("{}#{key}", coll_name(c))
}

/// The project as JSON, through text (the serializer saving already uses).
fn to_value(p: &Project) -> Value {
    serde_json::to_string(p)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null)
}

impl Snapshot {
    fn of(p: &Project) -> Snapshot {
        let value = to_value(p);
        let mut recs = Vec::new();
        for obj_path in SETTING_OBJECTS {
            let Some(Value::Object(o)) = at_path(&value, obj_path) else {
                continue;
            };
            for (k, v) in o {
                let mut path: Vec<&str> = obj_path.to_vec();
                path.push(k);
                let is_record = obj_path.is_empty() && NOT_RECORDS.contains(&k.as_str());
                let is_coll = COLLS.iter().any(|c| c.path == path.as_slice());
                let is_obj = SETTING_OBJECTS.contains(&path.as_slice());
                if !is_record && !is_coll && !is_obj {
                    recs.push(Rec {
                        slot: Slot::Setting,
                        key: format!("set#{}", path.join(".")),
                        value: v.clone(),
                    });
                }
            }
        }
        for (ci, c) in COLLS.iter().enumerate() {
            if let Some(Value::Array(items)) = at_path(&value, c.path) {
                for v in items {
                    recs.push(Rec {
                        slot: Slot::Coll(ci),
                        key: record_key(c, v),
                        value: v.clone(),
                    });
                }
            }
        }
        let order: Vec<Value> = p
            .stages
            .iter()
            .map(|s| Value::String(s.id.to_string()))
            .collect();
        recs.push(Rec {
            slot: Slot::Order,
            key: ORDER_KEY.into(),
            value: Value::Array(order),
        });
        let index = recs
            .iter()
            .enumerate()
            .map(|(i, r)| (r.key.clone(), i))
            .collect();
        Snapshot { value, recs, index }
    }

    fn get(&self, key: &str) -> Option<&Rec> {
        self.index.get(key).and_then(|i| self.recs.get(*i))
    }
}

/// The stamps of a project's records, packed (what a [`SharedState`] carries).
pub fn stamps(p: &Project) -> String {
    let snap = Snapshot::of(p);
    let pairs: Vec<(u64, u64)> = snap
        .recs
        .iter()
        .map(|r| (stamps::key_hash(&r.key), stamps::value_hash(&r.value)))
        .collect();
    stamps::encode(&pairs)
}

/// The keys of a project's records (`clients#<id>`, `set#company.name`, …), in the order of
/// its lists: what the merge compares.
pub fn record_keys(p: &Project) -> Vec<String> {
    Snapshot::of(p).recs.into_iter().map(|r| r.key).collect()
}

/// The base of a merge: the stamps of the last state both copies passed through.
#[derive(Clone, Debug, Default)]
pub struct Base {
    stamps: HashMap<u64, u64>,
    known: bool,
}

impl Base {
    /// No common state known: nothing is taken for deleted, every difference is a conflict.
    pub fn none() -> Base {
        Base::default()
    }
    /// The state of a project (the two-tab merge: what this tab last loaded or saved).
    pub fn of(p: &Project) -> Base {
        Base::from_stamps(&stamps(p)).unwrap_or_default()
    }
    /// A shared state's stamps; `None` when they are damaged.
    pub fn from_stamps(text: &str) -> Option<Base> {
        Some(Base {
            stamps: stamps::decode(text)?,
            known: true,
        })
    }
    /// Whether a common state is known.
    pub fn known(&self) -> bool {
        self.known
    }
    fn get(&self, key: &str, slot: Slot) -> Option<u64> {
        let found = self.stamps.get(&stamps::key_hash(key)).copied();
        match slot {
            Slot::Setting => Some(found.unwrap_or(ABSENT)),
            _ => found,
        }
    }
}

/// The newest state both ancestries list as shared (by revision id): the base of a merge of
/// a file. `None` when they share none.
pub fn common_base(mine: &Ancestry, theirs: &Ancestry) -> Option<Base> {
    mine.bases
        .iter()
        .rev()
        .filter(|b| theirs.bases.iter().any(|t| t.revision_id == b.revision_id))
        .find_map(|b| Base::from_stamps(&b.stamps))
}

/// A project's ancestry (default when it has none or it does not read).
pub fn ancestry_of(p: &Project) -> Ancestry {
    if p.ancestry.is_null() {
        return Ancestry::default();
    }
    serde_json::from_value(p.ancestry.clone()).unwrap_or_default()
}

/// Sets a project's ancestry.
pub fn set_ancestry(p: &mut Project, a: &Ancestry) {
    p.ancestry = serde_json::to_value(a).unwrap_or(Value::Null);
}

/// The ancestry as a JSON object to edit in place (made one when it is not).
fn ancestry_obj(p: &mut Project) -> &mut Map<String, Value> {
    if !p.ancestry.is_object() {
        p.ancestry = Value::Object(Map::new());
    }
    match &mut p.ancestry {
        Value::Object(o) => o,
        // Just made an object.
        _ => unreachable!(),
    }
}

/// Records the project's current state as shared (an export): the file carries it, and a
/// later merge with that file, or a copy derived from it, takes it as the base. Edits the
/// ancestry's JSON in place, so that exporting needs none of its types.
pub fn share(p: &mut Project, at: &str) {
    let stamps = stamps(p);
    let a = ancestry_obj(p);
    let id = match a.get("revision_id").and_then(Value::as_str) {
        Some(id) => id.to_string(),
        None => {
            let id = super::model::new_id().to_string();
            a.insert("revision_id".into(), Value::String(id.clone()));
            id
        }
    };
    let revision = a.get("revision").cloned().unwrap_or(Value::from(0u64));
    let bases = a.entry("bases").or_insert_with(|| Value::Array(vec![]));
    if !bases.is_array() {
        *bases = Value::Array(vec![]);
    }
    let Value::Array(list) = bases else { return };
    if list
        .last()
        .and_then(|b| b.get("revision_id"))
        .and_then(Value::as_str)
        == Some(id.as_str())
    {
        return;
    }
    let mut base = Map::new();
    base.insert("revision_id".into(), Value::String(id));
    base.insert("revision".into(), revision);
    base.insert("at".into(), Value::String(at.to_string()));
    base.insert("stamps".into(), Value::String(stamps));
    list.push(Value::Object(base));
    let extra = list.len().saturating_sub(MAX_BASES);
    list.drain(..extra);
}

/// A new revision of the project (a save): counter up, a new id derived from the previous.
pub fn next_revision(p: &mut Project) {
    let a = ancestry_obj(p);
    let revision = a.get("revision").and_then(Value::as_u64).unwrap_or(0) + 1;
    a.insert("revision".into(), Value::from(revision));
    match a.remove("revision_id") {
        Some(prev) => a.insert("derived_from".into(), prev),
        None => a.remove("derived_from"),
    };
    a.insert(
        "revision_id".into(),
        Value::String(super::model::new_id().to_string()),
    );
}

/// What a change did to a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Added,
    Changed,
    Deleted,
}

/// Why a record is a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictKind {
    /// Changed (or added) on both sides, differently.
    BothChanged,
    /// Changed here, deleted there.
    DeletedByThem,
    /// Deleted here, changed there.
    DeletedByMe,
    /// Deleted by one side, while records kept in the result refer to it.
    Used { deleted_by: MergeSide },
}

/// What the merge does with a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// One side's change is taken.
    Taken(MergeSide, Change),
    /// The user chooses.
    Conflict(ConflictKind),
}

/// A record the merge changes or asks about.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub kind: RecordKind,
    /// The record's key (`clients#<id>`, `set#company.name`, …).
    pub key: String,
    /// The record's code and name (from the side that has it).
    pub label: String,
    pub outcome: Outcome,
    /// This copy's record (`None`: absent here; for a setting: left at its default).
    pub mine: Option<Value>,
    /// The other copy's record.
    pub theirs: Option<Value>,
}

/// A field where the two sides of a conflict differ.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDiff {
    /// The field's name in the model (`""` for a record that is one value: a setting, a tick).
    pub field: String,
    pub mine: Option<Value>,
    pub theirs: Option<Value>,
}

impl Item {
    /// Whether the user must choose.
    pub fn is_conflict(&self) -> bool {
        matches!(self.outcome, Outcome::Conflict(_))
    }

    /// The setting's path (`company.name`), for a setting record.
    pub fn setting_path(&self) -> Option<&str> {
        self.key.strip_prefix("set#")
    }

    /// The fields where the two sides differ: plain values first, then lists and nested
    /// records (a deal's stage before its stage history).
    pub fn fields(&self) -> Vec<FieldDiff> {
        match (&self.mine, &self.theirs) {
            (Some(Value::Object(m)), Some(Value::Object(t))) => {
                let mut names: Vec<&String> = m.keys().collect();
                names.extend(t.keys().filter(|k| !m.contains_key(*k)));
                let compound = |k: &String| {
                    matches!(
                        m.get(k).or_else(|| t.get(k)),
                        Some(Value::Array(_) | Value::Object(_))
                    )
                };
                names.sort_by_key(|k| compound(k));
                names
                    .into_iter()
                    .filter(|k| m.get(*k) != t.get(*k))
                    .map(|k| FieldDiff {
                        field: k.clone(),
                        mine: m.get(k).cloned(),
                        theirs: t.get(k).cloned(),
                    })
                    .collect()
            }
            (m, t) => vec![FieldDiff {
                field: String::new(),
                mine: m.clone(),
                theirs: t.clone(),
            }],
        }
    }
}

/// A merge ready to be previewed and applied.
#[derive(Clone, Debug)]
pub struct Merge {
    /// Every record the merge changes or asks about, conflicts among them (unchanged records
    /// are not listed), in the order of the project's lists.
    pub items: Vec<Item>,
    /// Whether a common base was known.
    pub based: bool,
    mine: Snapshot,
    theirs: Snapshot,
    mine_ancestry: Ancestry,
    theirs_ancestry: Ancestry,
}

fn kind_of(slot: Slot) -> RecordKind {
    match slot {
        Slot::Coll(i) => COLLS.get(i).map_or(K::Setting, |c| c.kind),
        Slot::Setting => K::Setting,
        Slot::Order => K::StageOrder,
    }
}

fn text_of<'a>(v: &'a Value, field: &str) -> Option<&'a str> {
    v.get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// A record's code and name, as lists show it; the key when it has neither.
fn label(r: &Rec) -> String {
    if let Some(path) = r.key.strip_prefix("set#") {
        return path.to_string();
    }
    if let Value::String(s) = &r.value {
        return s.clone();
    }
    let name = [
        "name", "title", "segment", "text", "name_ru", "kind", "expert",
    ]
    .iter()
    .find_map(|f| text_of(&r.value, f));
    match (text_of(&r.value, "code"), name) {
        (Some(c), Some(n)) => format!("{c} {n}"),
        (Some(c), None) => c.to_string(),
        (None, Some(n)) => n.to_string(),
        (None, None) => r
            .key
            .split_once('#')
            .map_or(r.key.clone(), |(_, k)| k.to_string()),
    }
}

/// The relative order of the ids both lists hold.
fn common_order(a: &Value, b: &Value) -> Vec<String> {
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let other: HashSet<String> = ids(b).into_iter().collect();
    ids(a).into_iter().filter(|x| other.contains(x)).collect()
}

/// Collects every string of a value (ids it refers to, among other text).
fn strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

fn own_id(r: &Rec) -> Option<&str> {
    match r.slot {
        Slot::Coll(i) if matches!(COLLS.get(i).map(|c| &c.key), Some(Key::Id)) => {
            r.value.get("id").and_then(Value::as_str)
        }
        _ => None,
    }
}

/// Three-way merge of `mine` and `theirs` against `base` (see the module docs). Nothing is
/// applied: [`Merge::apply`] builds the result with the user's choices.
pub fn merge(mine: &Project, theirs: &Project, base: &Base) -> Merge {
    let m = Snapshot::of(mine);
    let t = Snapshot::of(theirs);
    let mut keys: Vec<(&str, Slot)> = m.recs.iter().map(|r| (r.key.as_str(), r.slot)).collect();
    keys.extend(
        t.recs
            .iter()
            .filter(|r| !m.index.contains_key(&r.key))
            .map(|r| (r.key.as_str(), r.slot)),
    );
    let state = |s: &Snapshot, key: &str, slot: Slot| -> Option<u64> {
        match s.get(key) {
            Some(r) => Some(stamps::value_hash(&r.value)),
            None if slot == Slot::Setting => Some(ABSENT),
            None => None,
        }
    };
    let mut items = Vec::new();
    for (key, slot) in keys {
        let ms = state(&m, key, slot);
        let ts = state(&t, key, slot);
        if ms == ts {
            continue;
        }
        let change = |s: Option<u64>, b: Option<u64>| match (s, b) {
            (None, _) => Change::Deleted,
            (Some(_), None) => Change::Added,
            _ => Change::Changed,
        };
        let outcome = if !base.known {
            match (ms, ts) {
                (None, _) => Outcome::Taken(MergeSide::Theirs, Change::Added),
                (_, None) => Outcome::Taken(MergeSide::Mine, Change::Added),
                _ => Outcome::Conflict(ConflictKind::BothChanged),
            }
        } else {
            let b = base.get(key, slot);
            let (mc, tc) = (ms != b, ts != b);
            if !mc {
                Outcome::Taken(MergeSide::Theirs, change(ts, b))
            } else if !tc {
                Outcome::Taken(MergeSide::Mine, change(ms, b))
            } else if ms.is_none() || (slot == Slot::Setting && ms == Some(ABSENT)) {
                Outcome::Conflict(ConflictKind::DeletedByMe)
            } else if ts.is_none() || (slot == Slot::Setting && ts == Some(ABSENT)) {
                Outcome::Conflict(ConflictKind::DeletedByThem)
            } else {
                Outcome::Conflict(ConflictKind::BothChanged)
            }
        };
        let outcome = match (slot, outcome) {
            // The stage list reordered on both sides the same way (a stage added here or
            // there changes the list too): no conflict, theirs' additions are put in place.
            (Slot::Order, Outcome::Conflict(_)) => {
                let (mv, tv) = (m.get(key).map(|r| &r.value), t.get(key).map(|r| &r.value));
                match (mv, tv) {
                    (Some(a), Some(b)) if common_order(a, b) == common_order(b, a) => {
                        Outcome::Taken(MergeSide::Mine, Change::Changed)
                    }
                    _ => outcome,
                }
            }
            _ => outcome,
        };
        // Named as the side whose version is taken shows it (a rename there by its new name).
        let rec = match outcome {
            Outcome::Taken(MergeSide::Theirs, _) => t.get(key).or_else(|| m.get(key)),
            _ => m.get(key).or_else(|| t.get(key)),
        };
        items.push(Item {
            kind: kind_of(slot),
            key: key.to_string(),
            label: rec.map(label).unwrap_or_default(),
            outcome,
            mine: m.get(key).map(|r| r.value.clone()),
            theirs: t.get(key).map(|r| r.value.clone()),
        });
    }
    mark_used(&mut items, &m, &t);
    Merge {
        items,
        based: base.known,
        mine: m,
        theirs: t,
        mine_ancestry: ancestry_of(mine),
        theirs_ancestry: ancestry_of(theirs),
    }
}

/// A deletion taken from one side becomes a conflict while a record that may stay in the
/// result refers to the deleted record (repeated: a record kept that way may refer to another).
fn mark_used(items: &mut [Item], m: &Snapshot, t: &Snapshot) {
    loop {
        let outcome_of: HashMap<&str, Outcome> =
            items.iter().map(|i| (i.key.as_str(), i.outcome)).collect();
        // Ids deleted by a side's change, and the item that deletes each.
        let deleted: HashMap<String, usize> = items
            .iter()
            .enumerate()
            .filter(|(_, i)| matches!(i.outcome, Outcome::Taken(_, Change::Deleted)))
            .filter_map(|(n, i)| {
                let rec = m.get(&i.key).or_else(|| t.get(&i.key))?;
                own_id(rec).map(|id| (id.to_string(), n))
            })
            .collect();
        if deleted.is_empty() {
            return;
        }
        let may_stay = |side: MergeSide, r: &Rec| match outcome_of.get(r.key.as_str()) {
            None => side == MergeSide::Mine,
            Some(Outcome::Conflict(_)) => true,
            Some(Outcome::Taken(s, c)) => *s == side && *c != Change::Deleted,
        };
        let mut used = HashSet::new();
        for (side, snap) in [(MergeSide::Mine, m), (MergeSide::Theirs, t)] {
            // The stage order lists every stage but needs none: it is not a reference.
            let refs = snap.recs.iter().filter(|r| r.slot != Slot::Order);
            for r in refs.filter(|r| may_stay(side, r)) {
                let mut found = Vec::new();
                strings(&r.value, &mut found);
                for s in found {
                    if let Some(n) = deleted.get(s) {
                        if own_id(r) != Some(s) {
                            used.insert(*n);
                        }
                    }
                }
            }
        }
        if used.is_empty() {
            return;
        }
        for n in used {
            if let Some(item) = items.get_mut(n) {
                let deleted_by = match item.outcome {
                    Outcome::Taken(side, _) => side,
                    Outcome::Conflict(_) => continue,
                };
                item.outcome = Outcome::Conflict(ConflictKind::Used { deleted_by });
            }
        }
    }
}

/// A record deleted by the merge because it needed a deleted record.
#[derive(Clone, Debug, PartialEq)]
pub struct Cascaded {
    pub kind: RecordKind,
    pub key: String,
    pub label: String,
}

/// The merged project and its report.
#[derive(Clone, Debug)]
pub struct Applied {
    pub project: Project,
    /// The report, also added to the project's history.
    pub report: MergeRecord,
    /// Records deleted with a deleted record they needed.
    pub cascaded: Vec<Cascaded>,
}

/// Why a merge could not be applied.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeError {
    /// A choice is missing for some conflict.
    Unresolved { conflicts: usize, choices: usize },
    /// The merged data did not read back as a project (a bug; nothing is written).
    Invalid(String),
}

fn obj_at<'a>(root: &'a mut Value, path: &[&str]) -> Option<&'a mut Map<String, Value>> {
    let mut v = root;
    for k in path {
        let o = v.as_object_mut()?;
        v = o
            .entry(k.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    v.as_object_mut()
}

/// Removes from a record the references to `removed` ids: an id in a list, or a list entry
/// that needs one, is dropped; `true` when the record itself needs one (and must go).
fn strip(v: &mut Value, removed: &HashSet<String>) -> bool {
    match v {
        Value::String(s) => removed.contains(s.as_str()),
        Value::Array(a) => {
            a.retain_mut(|x| !strip(x, removed));
            false
        }
        Value::Object(o) => {
            let mut needs = false;
            for x in o.values_mut() {
                needs |= strip(x, removed);
            }
            needs
        }
        _ => false,
    }
}

impl Merge {
    /// The conflicts, in order: [`Merge::apply`] takes one choice per conflict.
    pub fn conflicts(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.is_conflict())
    }

    /// The changes taken without asking.
    pub fn changes(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| !i.is_conflict())
    }

    /// The label of the record with `id` (on either side), to show a reference by name.
    pub fn label_of(&self, id: &str) -> Option<String> {
        COLLS.iter().find_map(|c| {
            let key = format!("{}#{id}", coll_name(c));
            matches!(c.key, Key::Id)
                .then(|| self.mine.get(&key).or_else(|| self.theirs.get(&key)))
                .flatten()
                .map(label)
        })
    }

    /// Builds the merged project: each conflict resolved by `choices` (one per conflict, in
    /// the order of [`Merge::conflicts`]), references to deleted records removed (records that
    /// need one deleted too, listed in [`Applied::cascaded`]), the ancestries joined and the
    /// report added to the history.
    pub fn apply(
        &self,
        choices: &[MergeSide],
        source: MergeSource,
        at: &str,
        report_id: Id,
    ) -> Result<Applied, MergeError> {
        let conflicts = self.conflicts().count();
        if choices.len() != conflicts {
            return Err(MergeError::Unresolved {
                conflicts,
                choices: choices.len(),
            });
        }
        let mut report = MergeRecord {
            id: report_id,
            at: at.to_string(),
            source,
            their_revision: self.theirs_ancestry.revision_id,
            from_mine: 0,
            from_theirs: 0,
            deleted: 0,
            conflicts: vec![],
        };
        // The final value of every record the merge touches (`None`: not in the result).
        let mut fin: HashMap<&str, Option<&Value>> = HashMap::new();
        let mut choice = choices.iter();
        for item in &self.items {
            let side = match item.outcome {
                Outcome::Taken(side, change) => {
                    match (side, change) {
                        (_, Change::Deleted) => report.deleted += 1,
                        (MergeSide::Mine, _) => report.from_mine += 1,
                        (MergeSide::Theirs, _) => report.from_theirs += 1,
                    }
                    side
                }
                Outcome::Conflict(_) => {
                    let side = choice.next().copied().unwrap_or(MergeSide::Mine);
                    report.conflicts.push(ResolvedConflict {
                        kind: item.kind,
                        label: item.label.clone(),
                        chosen: side,
                    });
                    side
                }
            };
            let value = match side {
                MergeSide::Mine => item.mine.as_ref(),
                MergeSide::Theirs => item.theirs.as_ref(),
            };
            if value.is_none() && item.is_conflict() {
                report.deleted += 1;
            }
            fin.insert(item.key.as_str(), value);
        }
        let value_of = |r: &'_ Rec| -> Option<Value> {
            match fin.get(r.key.as_str()) {
                Some(v) => v.cloned(),
                None => Some(r.value.clone()),
            }
        };

        let mut out = self.mine.value.clone();
        // Settings.
        for r in self.mine.recs.iter().chain(self.theirs.recs.iter()) {
            if r.slot != Slot::Setting {
                continue;
            }
            let path: Vec<&str> = r.key["set#".len()..].split('.').collect();
            let Some((last, parent)) = path.split_last() else {
                continue;
            };
            let Some(obj) = obj_at(&mut out, parent) else {
                continue;
            };
            match value_of(r) {
                Some(v) => {
                    obj.insert(last.to_string(), v);
                }
                None => {
                    obj.remove(*last);
                }
            }
        }
        // Collections: this copy's order, then the records only the other copy has.
        let mut lists: Vec<Vec<(String, Value)>> = vec![Vec::new(); COLLS.len()];
        let theirs_only = self
            .theirs
            .recs
            .iter()
            .filter(|r| !self.mine.index.contains_key(&r.key));
        for r in self.mine.recs.iter().chain(theirs_only) {
            let Slot::Coll(ci) = r.slot else { continue };
            if let (Some(v), Some(list)) = (value_of(r), lists.get_mut(ci)) {
                list.push((r.key.clone(), v));
            }
        }
        // References to deleted records: a record deleted by the merge takes with it what
        // needs it (repeated, as that may be needed in turn).
        let present: HashSet<String> = lists
            .iter()
            .flatten()
            .filter_map(|(_, v)| v.get("id").and_then(Value::as_str).map(str::to_string))
            .collect();
        let mut removed: HashSet<String> = self
            .mine
            .recs
            .iter()
            .chain(self.theirs.recs.iter())
            .filter_map(own_id)
            .filter(|id| !present.contains(*id))
            .map(str::to_string)
            .collect();
        let mut cascaded = Vec::new();
        loop {
            let mut more = HashSet::new();
            for (ci, list) in lists.iter_mut().enumerate() {
                let id_keyed = matches!(COLLS.get(ci).map(|c| &c.key), Some(Key::Id));
                list.retain_mut(|(key, v)| {
                    if !strip(v, &removed) {
                        return true;
                    }
                    if id_keyed {
                        if let Some(id) = v.get("id").and_then(Value::as_str) {
                            more.insert(id.to_string());
                        }
                    }
                    let rec = Rec {
                        slot: Slot::Coll(ci),
                        key: key.clone(),
                        value: v.clone(),
                    };
                    cascaded.push(Cascaded {
                        kind: kind_of(rec.slot),
                        key: key.clone(),
                        label: label(&rec),
                    });
                    false
                });
            }
            if more.is_empty() {
                break;
            }
            removed.extend(more);
        }
        report.deleted += cascaded.len() as u32;
        // The stage order: the order taken, with stages it lacks put after their predecessor
        // in the list of the side that has them.
        let order_side = match fin.get(ORDER_KEY) {
            Some(Some(v)) => Some(*v),
            _ => None,
        }
        .or_else(|| self.mine.get(ORDER_KEY).map(|r| &r.value));
        let stage_ci = COLLS.iter().position(|c| c.path == ["stages"]);
        if let (Some(order), Some(ci)) = (order_side, stage_ci) {
            if let Some(list) = lists.get_mut(ci) {
                let ids = |v: Option<&Rec>| -> Vec<String> {
                    v.and_then(|r| r.value.as_array())
                        .map(|a| {
                            a.iter()
                                .filter_map(|x| x.as_str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default()
                };
                let mut placed: Vec<String> = order
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| x.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                for side in [
                    ids(self.mine.get(ORDER_KEY)),
                    ids(self.theirs.get(ORDER_KEY)),
                ] {
                    for (n, id) in side.iter().enumerate() {
                        if placed.contains(id) {
                            continue;
                        }
                        let after = side[..n]
                            .iter()
                            .rev()
                            .find_map(|p| placed.iter().position(|x| x == p));
                        placed.insert(after.map_or(0, |a| a + 1), id.clone());
                    }
                }
                let pos = |v: &Value| {
                    v.get("id")
                        .and_then(Value::as_str)
                        .and_then(|id| placed.iter().position(|x| x == id))
                        .unwrap_or(usize::MAX)
                };
                list.sort_by_key(|(_, v)| pos(v));
            }
        }
        for (c, list) in COLLS.iter().zip(lists) {
            let Some((last, parent)) = c.path.split_last() else {
                continue;
            };
            if let Some(obj) = obj_at(&mut out, parent) {
                obj.insert(
                    last.to_string(),
                    Value::Array(list.into_iter().map(|(_, v)| v).collect()),
                );
            }
        }
        let text = serde_json::to_string(&out).map_err(|e| MergeError::Invalid(e.to_string()))?;
        let mut project: Project =
            serde_json::from_str(&text).map_err(|e| MergeError::Invalid(e.to_string()))?;
        set_ancestry(&mut project, &self.joined_ancestry(&report));
        Ok(Applied {
            project,
            report,
            cascaded,
        })
    }

    /// This copy's ancestry with the other's shared states and merge history added, and the
    /// new report.
    fn joined_ancestry(&self, report: &MergeRecord) -> Ancestry {
        let (m, t) = (&self.mine_ancestry, &self.theirs_ancestry);
        let mut a = m.clone();
        a.revision = m.revision.max(t.revision);
        for b in &t.bases {
            if !a.bases.iter().any(|x| x.revision_id == b.revision_id) {
                a.bases.push(b.clone());
            }
        }
        a.bases
            .sort_by(|x, y| (x.revision, &x.at).cmp(&(y.revision, &y.at)));
        let extra = a.bases.len().saturating_sub(MAX_BASES);
        a.bases.drain(..extra);
        for r in &t.merges {
            if !a.merges.iter().any(|x| x.id == r.id) {
                a.merges.push(r.clone());
            }
        }
        a.merges.push(report.clone());
        a.merges.sort_by(|x, y| x.at.cmp(&y.at));
        let extra = a.merges.len().saturating_sub(MAX_MERGES);
        a.merges.drain(..extra);
        a
    }
}

#[cfg(test)]
mod tests;
