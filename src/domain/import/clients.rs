//! Importing a client base (layer 1): rows of a table → checked rows → the exact list of what
//! confirming would change → the change written. Pure.
//!
//! The preview and the import are one computation: [`preview_clients`] decides, row by row,
//! whether a client is added, changed (and which fields, from what to what) or left as it is,
//! and which reference-list entries and managers are added; [`apply_preview`] writes exactly that
//! and nothing else. So what the dialog shows is what happens, and importing the same file twice
//! changes nothing the second time (the project stays byte-identical).
//!
//! An update changes only mapped columns whose value differs; an empty cell leaves the field as
//! it is. A year's revenue is changed in place, so the won deals and the cycle recorded with it
//! stay (they are changed only by their own columns).

use super::{
    col, first_too_long, header, norm, parse_count, parse_money_in, Added, DimKind, Field, Mapping,
    Problem, Rejected, Report,
};
use crate::domain::limits;
use crate::domain::model::*;
use crate::domain::money::Money;
use crate::i18n::format::parse_number;
use crate::persist::table::Table;
use std::collections::HashMap;

/// A checked client row. Amounts are already converted into the project's money unit.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientRow {
    pub line: usize,
    pub name: String,
    pub code: String,
    pub revenue: Option<Money>,
    /// The revenue as the file gives it, in the file's unit (for the conversion shown).
    pub revenue_read: Option<f64>,
    /// Won deals of the year (column «кол-во сделок»).
    pub won_deals: Option<u32>,
    /// Average deal duration of the year, days (column «ср. длительность сделки»).
    pub avg_cycle_days: Option<f64>,
    pub business_line: String,
    pub channel: String,
    pub region: String,
    pub category: Option<Category>,
    pub manager: String,
}

/// The checked client rows and the rejected ones.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientPlan {
    pub rows_read: usize,
    pub ok: Vec<ClientRow>,
    pub rejected: Vec<Rejected>,
}

/// How a client already in the project is treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Every row becomes a new client.
    AddNew,
    /// A row whose code (or, without a code, name) matches a client updates it.
    UpdateExisting,
}

/// Why the unit of the file's amounts is what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitSource {
    /// The revenue column's header names it («Выручка, руб.»).
    Header,
    /// The header is silent and the amounts are too large for the project's unit (read as
    /// тыс. ₽, the median client would buy for over a billion roubles a year).
    Magnitude,
    /// Nothing says otherwise: the project's own unit.
    Project,
}

/// What the revenue column's header and values say about the year and the unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RevenueHints {
    /// The year named in the header («Выручка 2024»), if any.
    pub year: Option<i32>,
    /// The unit the amounts are in.
    pub unit: MoneyUnit,
    pub unit_source: UnitSource,
}

/// The settings of a client import the user confirms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientSettings {
    /// The year the revenue, won deals and cycle belong to.
    pub year: i32,
    pub mode: Mode,
    /// The unit of the file's amounts (converted into the project's unit).
    pub file_unit: MoneyUnit,
    /// The project's unit.
    pub project_unit: MoneyUnit,
}

/// Roubles in one unit.
fn roubles(u: MoneyUnit) -> f64 {
    match u {
        MoneyUnit::Rub => 1.0,
        MoneyUnit::ThousandRub => 1_000.0,
        MoneyUnit::MillionRub => 1_000_000.0,
    }
}

/// The year named in a header: a four-digit 1990…2099 standing alone («Выручка 2024, руб.»).
pub fn year_in_header(h: &str) -> Option<i32> {
    let chars: Vec<char> = h.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                let y: String = chars[start..i].iter().collect();
                if let Ok(y) = y.parse::<i32>() {
                    if (1990..=2099).contains(&y) {
                        return Some(y);
                    }
                }
            }
        } else {
            i += 1;
        }
    }
    None
}

/// The money unit named in a header: «млн» / «mln» / «million» → millions, «тыс» / «thousand» /
/// «'000» / «k₽» → thousands, «руб» / «₽» / «rub» alone → roubles.
pub fn unit_in_header(h: &str) -> Option<MoneyUnit> {
    let s = norm(h);
    let has = |xs: &[&str]| xs.iter().any(|x| s.contains(x));
    if has(&["млн", "mln", "million", "mio", "mn rub", "m rub"]) {
        Some(MoneyUnit::MillionRub)
    } else if has(&[
        "тыс", "thousand", "'000", "000s", "k rub", "k₽", "krub", "тр.",
    ]) {
        Some(MoneyUnit::ThousandRub)
    } else if has(&["руб", "₽", "rub", "р."]) {
        Some(MoneyUnit::Rub)
    } else {
        None
    }
}

/// The year and unit of the revenue column: from its header when it names them, else the unit
/// from the magnitudes (see [`UnitSource::Magnitude`]), else the project's unit.
pub fn revenue_hints(t: &Table, m: &Mapping, project_unit: MoneyUnit) -> RevenueHints {
    let Some(i) = col(m, Field::Revenue) else {
        return RevenueHints {
            year: None,
            unit: project_unit,
            unit_source: UnitSource::Project,
        };
    };
    let h = header(t, i);
    let year = year_in_header(&h);
    if let Some(unit) = unit_in_header(&h) {
        return RevenueHints {
            year,
            unit,
            unit_source: UnitSource::Header,
        };
    }
    let mut vals: Vec<f64> = t
        .rows
        .iter()
        .filter_map(|r| parse_number(r.cell(i)))
        .filter(|x| *x > 0.0)
        .collect();
    let (unit, unit_source) = if vals.is_empty() {
        (project_unit, UnitSource::Project)
    } else {
        vals.sort_by(f64::total_cmp);
        let median = vals[vals.len() / 2];
        // A median client buying for more than a billion roubles a year is not a real base:
        // the amounts are in roubles.
        if project_unit != MoneyUnit::Rub && median * roubles(project_unit) >= 1e9 {
            (MoneyUnit::Rub, UnitSource::Magnitude)
        } else {
            (project_unit, UnitSource::Project)
        }
    };
    RevenueHints {
        year,
        unit,
        unit_source,
    }
}

/// Converts an amount read in `from` into `to`.
pub fn convert(x: f64, from: MoneyUnit, to: MoneyUnit) -> f64 {
    x * roubles(from) / roubles(to)
}

/// Checks every row of a client table: a name is required and not longer than
/// [`limits::NAME`]; revenue must be a number ≥ 0 (converted from `file_unit` into
/// `project_unit`); won deals a whole number ≥ 0; the cycle a number of days ≥ 0; a category
/// A/B/C (Latin or Cyrillic) or empty. A bad cell refuses the whole row, naming the column.
pub fn plan_clients(
    t: &Table,
    m: &Mapping,
    file_unit: MoneyUnit,
    project_unit: MoneyUnit,
) -> ClientPlan {
    let mut plan = ClientPlan {
        rows_read: t.rows.len(),
        ..Default::default()
    };
    let c = |f| col(m, f);
    for r in &t.rows {
        let get = |f| c(f).map_or("", |i| r.cell(i));
        let reject = |f: Field, problem: Problem| super::rejected(t, m, r, f, problem);
        let name = get(Field::Name);
        if name.is_empty() {
            plan.rejected.push(reject(Field::Name, Problem::EmptyName));
            continue;
        }
        let fields = [
            (Field::Name, limits::NAME),
            (Field::Code, limits::CODE),
            (Field::BusinessLine, limits::NAME),
            (Field::Channel, limits::NAME),
            (Field::Region, limits::NAME),
            (Field::Manager, limits::NAME),
        ];
        if let Some((f, p)) = first_too_long(&fields, get) {
            plan.rejected.push(reject(f, p));
            continue;
        }
        let revenue_read = parse_number(get(Field::Revenue));
        let revenue = match parse_money_in(get(Field::Revenue), file_unit, project_unit) {
            Ok(v) => v,
            Err(p) => {
                plan.rejected.push(reject(Field::Revenue, p));
                continue;
            }
        };
        let won_deals = match parse_count(get(Field::WonDeals)) {
            Ok(v) => v,
            Err(p) => {
                plan.rejected.push(reject(Field::WonDeals, p));
                continue;
            }
        };
        let cyc = get(Field::AvgCycle);
        let avg_cycle_days = if cyc.is_empty() {
            None
        } else {
            match parse_number(cyc) {
                Some(v) if v < 0.0 => {
                    plan.rejected
                        .push(reject(Field::AvgCycle, Problem::Negative(cyc.to_string())));
                    continue;
                }
                Some(v) if v.is_finite() && v <= 36_500.0 => Some(v),
                _ => {
                    plan.rejected.push(reject(
                        Field::AvgCycle,
                        Problem::NotANumber(cyc.to_string()),
                    ));
                    continue;
                }
            }
        };
        let cat_s = get(Field::Category);
        let category = if cat_s.is_empty() {
            None
        } else {
            match Category::parse(cat_s) {
                Some(c) => Some(c),
                None => {
                    plan.rejected.push(reject(
                        Field::Category,
                        Problem::BadCategory(cat_s.to_string()),
                    ));
                    continue;
                }
            }
        };
        plan.ok.push(ClientRow {
            line: r.line,
            name: name.to_string(),
            code: get(Field::Code).to_string(),
            revenue,
            revenue_read,
            won_deals,
            avg_cycle_days,
            business_line: get(Field::BusinessLine).to_string(),
            channel: get(Field::Channel).to_string(),
            region: get(Field::Region).to_string(),
            category,
            manager: get(Field::Manager).to_string(),
        });
    }
    plan
}

/// One field a row changes, with the value now and the value after (names, not ids, where a
/// person reads them; the ids to write are in [`RowChange::client`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Name {
        old: String,
        new: String,
    },
    Code {
        old: String,
        new: String,
    },
    Revenue {
        old: Option<Money>,
        new: Money,
    },
    WonDeals {
        old: Option<u32>,
        new: u32,
    },
    AvgCycle {
        old: Option<f64>,
        new: f64,
    },
    BusinessLines {
        old: Vec<String>,
        new: Vec<String>,
    },
    Channel {
        old: Option<String>,
        new: String,
    },
    Region {
        old: Option<String>,
        new: String,
    },
    Manager {
        old: Option<String>,
        new: String,
    },
    Category {
        old: Option<Category>,
        new: Category,
    },
}

/// What a row does.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Adds a new client.
    Add,
    /// Changes the client at this position of `p.clients`.
    Update(usize),
    /// Matches the client at this position and changes nothing.
    Unchanged(usize),
    /// Changes a client an earlier row of the same file adds.
    UpdateNew,
}

/// One row's outcome: what it does, the changed fields (empty for `Unchanged`; every filled
/// field for `Add`), and the client as it will be.
#[derive(Clone, Debug, PartialEq)]
pub struct RowChange {
    pub line: usize,
    pub action: Action,
    pub changes: Vec<Change>,
    /// The client after the row (for `Add`, the new client).
    pub client: Client,
    /// The label of the client before the row («K01 ГОК «Малахит»»); empty for `Add`.
    pub before: String,
}

/// Revenue data of the import year of one client, after the import.
#[derive(Clone, Debug, PartialEq)]
struct YearData {
    amount: Option<Money>,
    won_deals: Option<u32>,
    avg_cycle_days: Option<f64>,
}

/// Everything confirming a client import would do. [`apply_preview`] writes exactly this.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientPreview {
    pub settings: ClientSettings,
    pub rows_read: usize,
    pub rejected: Vec<Rejected>,
    pub rows: Vec<RowChange>,
    /// Reference-list entries and managers that will be added, in order.
    pub added: Vec<Added>,
    /// The import year's data per touched client (by client id), as it will be.
    years: Vec<(Id, YearData)>,
}

impl ClientPreview {
    /// Rows that add a client.
    pub fn added_clients(&self) -> usize {
        self.rows.iter().filter(|r| r.action == Action::Add).count()
    }
    /// Rows that change a client (including a client added by an earlier row).
    pub fn updated_clients(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r.action, Action::Update(_) | Action::UpdateNew))
            .count()
    }
    /// Rows that match a client and change nothing.
    pub fn unchanged_clients(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r.action, Action::Unchanged(_)))
            .count()
    }
    /// The report of the import, given what [`apply_preview`] returned (`(0, 0)` when nothing
    /// was written).
    pub fn report(&self, (imported, updated): (usize, usize)) -> Report {
        Report {
            rows_read: self.rows_read,
            imported,
            updated,
            unchanged: self.unchanged_clients(),
            rejected: self.rejected.clone(),
            added: self.added.clone(),
        }
    }

    /// Whether confirming would change the project at all.
    pub fn changes_anything(&self) -> bool {
        !self.added.is_empty()
            || self
                .rows
                .iter()
                .any(|r| !matches!(r.action, Action::Unchanged(_)))
    }
}

/// The year data of one client now (several rows of one year are added up).
fn year_data(p: &Project, id: Id, year: i32) -> YearData {
    let mut y = YearData {
        amount: None,
        won_deals: None,
        avg_cycle_days: None,
    };
    for r in p
        .revenues
        .iter()
        .filter(|r| r.client_id == id && r.year == year)
    {
        y.amount = Some(y.amount.unwrap_or_default() + r.amount);
        if r.won_deals.is_some() {
            y.won_deals = r.won_deals;
        }
        if r.avg_cycle_days.is_some() {
            y.avg_cycle_days = r.avg_cycle_days;
        }
    }
    y
}

/// Reference lists as they will be: the project's, plus what earlier rows add.
struct Dims<'a> {
    p: &'a Project,
    added: Vec<Added>,
}

impl Dims<'_> {
    fn list(&self, kind: DimKind) -> &[Dimension] {
        match kind {
            DimKind::BusinessLine => &self.p.business_lines,
            DimKind::Channel => &self.p.channels,
            DimKind::Region => &self.p.regions,
        }
    }

    /// The id of the entry named `name` (case-insensitive), added when new.
    fn id(&mut self, kind: DimKind, name: &str) -> Option<Id> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let key = norm(name);
        if let Some(d) = self.list(kind).iter().find(|d| norm(&d.name) == key) {
            return Some(d.id);
        }
        let found = self.added.iter().find_map(|a| match a {
            Added::Dim { kind: k, id, name } if *k == kind && norm(name) == key => Some(*id),
            _ => None,
        });
        found.or_else(|| {
            let id = new_id();
            self.added.push(Added::Dim {
                kind,
                id,
                name: name.to_string(),
            });
            Some(id)
        })
    }

    /// The business lines of one cell: one existing line (its name may contain `;`), or several
    /// separated by `;`.
    fn lines(&mut self, cell: &str) -> Vec<Id> {
        let key = norm(cell);
        if let Some(d) = self
            .list(DimKind::BusinessLine)
            .iter()
            .find(|d| norm(&d.name) == key)
        {
            return vec![d.id];
        }
        let mut ids: Vec<Id> = Vec::new();
        for part in cell.split(';') {
            if let Some(id) = self.id(DimKind::BusinessLine, part) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids
    }

    /// A manager by code or name (case-insensitive), added when new.
    fn manager(&mut self, s: &str) -> Option<Id> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        let key = norm(s);
        if let Some(m) = self
            .p
            .managers
            .iter()
            .find(|m| (!m.code.is_empty() && norm(&m.code) == key) || norm(&m.name) == key)
        {
            return Some(m.id);
        }
        let found = self.added.iter().find_map(|a| match a {
            Added::Manager { id, name } if norm(name) == key => Some(*id),
            _ => None,
        });
        found.or_else(|| {
            let id = new_id();
            self.added.push(Added::Manager {
                id,
                name: s.to_string(),
            });
            Some(id)
        })
    }

    fn dim_name(&self, kind: DimKind, id: Id) -> String {
        self.list(kind)
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.name.clone())
            .or_else(|| {
                self.added.iter().find_map(|a| match a {
                    Added::Dim {
                        kind: k,
                        id: x,
                        name,
                    } if *k == kind && *x == id => Some(name.clone()),
                    _ => None,
                })
            })
            .unwrap_or_default()
    }

    fn manager_name(&self, id: Id) -> String {
        self.p
            .managers
            .iter()
            .find(|m| m.id == id)
            .map(Manager::label)
            .or_else(|| {
                self.added.iter().find_map(|a| match a {
                    Added::Manager { id: x, name } if *x == id => Some(name.clone()),
                    _ => None,
                })
            })
            .unwrap_or_default()
    }
}

/// What confirming the import would do, row by row (see the module docs). Nothing is written.
pub fn preview_clients(p: &Project, plan: &ClientPlan, s: ClientSettings) -> ClientPreview {
    let mut by_code: HashMap<String, usize> = HashMap::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, c) in p.clients.iter().enumerate() {
        if !c.code.is_empty() {
            by_code.entry(norm(&c.code)).or_insert(i);
        }
        by_name.entry(norm(&c.name)).or_insert(i);
    }
    // Clients added by this file: matched by later rows too (keys map to `usize::MAX - k`).
    let mut dims = Dims {
        p,
        added: Vec::new(),
    };
    let mut rows: Vec<RowChange> = Vec::with_capacity(plan.ok.len());
    // The current state of every client a row touched: index in `rows` of its latest row.
    let mut latest: HashMap<Id, usize> = HashMap::new();
    let mut years: Vec<(Id, YearData)> = Vec::new();
    const NEW: usize = usize::MAX / 2;
    for r in &plan.ok {
        let bl = (!r.business_line.is_empty()).then(|| dims.lines(&r.business_line));
        let ch = dims.id(DimKind::Channel, &r.channel);
        let rg = dims.id(DimKind::Region, &r.region);
        let mg = dims.manager(&r.manager);
        let found = match s.mode {
            Mode::AddNew => None,
            Mode::UpdateExisting if !r.code.is_empty() => by_code.get(&norm(&r.code)).copied(),
            Mode::UpdateExisting => by_name.get(&norm(&r.name)).copied(),
        };
        // The client as it is before this row: from an earlier row of the file, else the
        // project; `None` adds a client.
        let (before, at, is_new) = match found {
            Some(k) if k >= NEW => {
                let c = rows[k - NEW].client.clone();
                (Some(c), None, true)
            }
            Some(i) => match p.clients.get(i) {
                Some(c) => {
                    let c = latest
                        .get(&c.id)
                        .map(|&j| rows[j].client.clone())
                        .unwrap_or_else(|| c.clone());
                    (Some(c), Some(i), false)
                }
                None => (None, None, false),
            },
            None => (None, None, false),
        };
        let adding = before.is_none();
        let mut c = before
            .clone()
            .unwrap_or_else(|| Client::new(r.code.clone(), r.name.clone()));
        let mut changes = Vec::new();
        // A row matched by its name changes the name only past case and «ё»; a row matched by
        // its code may also fix the case.
        let renamed =
            norm(&r.name) != norm(&c.name) || (!r.code.is_empty() && r.name != c.name.trim());
        if !adding && renamed {
            changes.push(Change::Name {
                old: c.name.clone(),
                new: r.name.clone(),
            });
            c.name = r.name.clone();
        }
        if !adding && !r.code.is_empty() && norm(&r.code) != norm(&c.code) {
            changes.push(Change::Code {
                old: c.code.clone(),
                new: r.code.clone(),
            });
            c.code = r.code.clone();
        }
        if let Some(bl) = bl.filter(|ids| !ids.is_empty()) {
            let mut a = c.business_line_ids.clone();
            let mut b = bl.clone();
            a.sort();
            b.sort();
            if a != b {
                let names = |ids: &[Id]| -> Vec<String> {
                    ids.iter()
                        .map(|id| dims.dim_name(DimKind::BusinessLine, *id))
                        .collect()
                };
                changes.push(Change::BusinessLines {
                    old: names(&c.business_line_ids),
                    new: names(&bl),
                });
                c.business_line_ids = bl;
                c.industry = r.business_line.clone();
            }
        }
        let mut dim_change = |kind: DimKind, slot: &mut Option<Id>, new: Option<Id>| {
            let Some(new) = new.filter(|n| Some(*n) != *slot) else {
                return;
            };
            let old = slot.map(|o| dims.dim_name(kind, o));
            let new_name = dims.dim_name(kind, new);
            changes.push(match kind {
                DimKind::Channel => Change::Channel { old, new: new_name },
                _ => Change::Region { old, new: new_name },
            });
            *slot = Some(new);
        };
        dim_change(DimKind::Channel, &mut c.channel_id, ch);
        dim_change(DimKind::Region, &mut c.region_id, rg);
        if let Some(m) = mg.filter(|m| Some(*m) != c.manager_id) {
            changes.push(Change::Manager {
                old: c.manager_id.map(|o| dims.manager_name(o)),
                new: dims.manager_name(m),
            });
            c.manager_id = Some(m);
        }
        if let Some(k) = r.category.filter(|k| Some(*k) != c.category_override) {
            changes.push(Change::Category {
                old: c.category_override,
                new: k,
            });
            c.category_override = Some(k);
        }
        // The import year's data.
        let ypos = years.iter().position(|(id, _)| *id == c.id);
        let mut y = match ypos {
            Some(k) => years[k].1.clone(),
            None if adding => YearData {
                amount: None,
                won_deals: None,
                avg_cycle_days: None,
            },
            None => year_data(p, c.id, s.year),
        };
        let y0 = y.clone();
        if let Some(v) = r.revenue.filter(|v| Some(*v) != y.amount) {
            changes.push(Change::Revenue {
                old: y.amount,
                new: v,
            });
            y.amount = Some(v);
        }
        if let Some(v) = r.won_deals.filter(|v| Some(*v) != y.won_deals) {
            changes.push(Change::WonDeals {
                old: y.won_deals,
                new: v,
            });
            y.won_deals = Some(v);
        }
        if let Some(v) = r.avg_cycle_days.filter(|v| Some(*v) != y.avg_cycle_days) {
            changes.push(Change::AvgCycle {
                old: y.avg_cycle_days,
                new: v,
            });
            y.avg_cycle_days = Some(v);
        }
        if y != y0 {
            match ypos {
                Some(k) => years[k].1 = y,
                None => years.push((c.id, y)),
            }
        }
        if adding && !changes.iter().any(|x| matches!(x, Change::Name { .. })) {
            // For a new client every filled field is listed; the name first.
            changes.insert(
                0,
                Change::Name {
                    old: String::new(),
                    new: c.name.clone(),
                },
            );
        }
        let label_before = before.as_ref().map(Client::label).unwrap_or_default();
        let action = match (adding, is_new, at) {
            (true, _, _) => Action::Add,
            (false, true, _) => Action::UpdateNew,
            (false, false, Some(i)) if changes.is_empty() => Action::Unchanged(i),
            (false, false, Some(i)) => Action::Update(i),
            (false, false, None) => Action::Add,
        };
        let idx = rows.len();
        if adding {
            if !r.code.is_empty() {
                by_code.insert(norm(&r.code), NEW + idx);
            }
            by_name.insert(norm(&r.name), NEW + idx);
        } else if is_new {
            // Later rows keep finding the added client through its first row.
            if let Some(k) = found {
                rows[k - NEW].client = c.clone();
            }
        }
        latest.insert(c.id, idx);
        rows.push(RowChange {
            line: r.line,
            action,
            changes,
            client: c,
            before: label_before,
        });
    }
    ClientPreview {
        settings: s,
        rows_read: plan.rows_read,
        rejected: plan.rejected.clone(),
        rows,
        added: dims.added,
        years,
    }
}

/// Writes a preview into the project: exactly the additions and changes it lists. Returns the
/// numbers of clients added and changed.
pub fn apply_preview(p: &mut Project, pv: &ClientPreview) -> (usize, usize) {
    for a in &pv.added {
        match a {
            Added::Dim { kind, id, name } => {
                let list = match kind {
                    DimKind::BusinessLine => &mut p.business_lines,
                    DimKind::Channel => &mut p.channels,
                    DimKind::Region => &mut p.regions,
                };
                list.push(Dimension {
                    id: *id,
                    name: name.clone(),
                });
            }
            Added::Manager { id, name } => p.managers.push(Manager {
                id: *id,
                ..Manager::new("", name.as_str())
            }),
            Added::ClientsFromDeals(_) => {}
        }
    }
    // The final state of each client is its latest row's.
    let mut last: HashMap<Id, &RowChange> = HashMap::new();
    for r in &pv.rows {
        last.insert(r.client.id, r);
    }
    let (mut added, mut updated) = (0, 0);
    for r in &pv.rows {
        match r.action {
            Action::Add => {
                added += 1;
                let c = last.get(&r.client.id).map_or(&r.client, |x| &x.client);
                p.clients.push(c.clone());
            }
            Action::UpdateNew => updated += 1,
            Action::Update(i) => {
                updated += 1;
                let c = last.get(&r.client.id).map_or(&r.client, |x| &x.client);
                if let Some(slot) = p.clients.get_mut(i) {
                    *slot = c.clone();
                }
            }
            Action::Unchanged(_) => {}
        }
    }
    for (id, y) in &pv.years {
        write_year(p, *id, pv.settings.year, y);
    }
    (added, updated)
}

/// Sets a client's data of a year in place: the first revenue row of that year keeps its place
/// and gets the values; further rows of the same year are folded into it (their sum is what the
/// year's data was); without a row, one is added.
fn write_year(p: &mut Project, id: Id, year: i32, y: &YearData) {
    let mut first: Option<usize> = None;
    let mut i = 0;
    while i < p.revenues.len() {
        let r = &p.revenues[i];
        if r.client_id == id && r.year == year {
            if first.is_none() {
                first = Some(i);
            } else {
                p.revenues.remove(i);
                continue;
            }
        }
        i += 1;
    }
    match first {
        Some(k) => {
            let r = &mut p.revenues[k];
            if let Some(a) = y.amount {
                r.amount = a;
            }
            r.won_deals = y.won_deals;
            r.avg_cycle_days = y.avg_cycle_days;
        }
        None => p.revenues.push(ClientRevenue {
            client_id: id,
            year,
            amount: y.amount.unwrap_or_default(),
            won_deals: y.won_deals,
            avg_cycle_days: y.avg_cycle_days,
        }),
    }
}

/// Previews and applies in one step (for tests, benchmarks and callers without a dialog).
pub fn apply_clients(p: &mut Project, plan: &ClientPlan, s: ClientSettings) -> Report {
    let pv = preview_clients(p, plan, s);
    let counts = apply_preview(p, &pv);
    pv.report(counts)
}

#[cfg(test)]
mod tests {
    use super::super::guess_mapping;
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::import::Kind;
    use crate::domain::layer1::abc::abc_for_project;
    use crate::i18n::format::fmt_amount;
    use crate::i18n::Lang;
    use crate::persist::table::parse_csv;

    const U: MoneyUnit = MoneyUnit::ThousandRub;

    fn set(year: i32, mode: Mode) -> ClientSettings {
        ClientSettings {
            year,
            mode,
            file_unit: U,
            project_unit: U,
        }
    }

    fn table(s: &str) -> Table {
        parse_csv(s.as_bytes()).unwrap()
    }

    fn plan(t: &Table) -> ClientPlan {
        plan_clients(t, &guess_mapping(Kind::Clients, &t.headers), U, U)
    }

    /// The demo's clients as a 1C-style file: code, name, revenue of the base year.
    fn demo_file(p: &Project) -> String {
        let mut s = String::from("Код;Наименование;Выручка\n");
        for c in &p.clients {
            let rev = p
                .revenues
                .iter()
                .find(|r| r.client_id == c.id && r.year == p.company.base_year)
                .map(|r| fmt_amount(r.amount, Lang::Ru))
                .unwrap_or_default();
            s.push_str(&format!(
                "{};{};{}\n",
                c.code,
                c.name.replace(';', ","),
                rev
            ));
        }
        s
    }

    #[test]
    fn reimporting_the_same_clients_changes_nothing_at_all() {
        let mut p = demo_project();
        let before = serde_json::to_string(&p).unwrap();
        let abc_before = abc_for_project(&p);
        let t = table(&demo_file(&p));
        let pl = plan(&t);
        assert!(pl.rejected.is_empty(), "{:?}", pl.rejected);
        let s = set(p.company.base_year, Mode::UpdateExisting);
        let pv = preview_clients(&p, &pl, s);
        assert!(
            !pv.changes_anything(),
            "{:?}",
            pv.rows.iter().find(|r| !r.changes.is_empty())
        );
        assert_eq!(pv.unchanged_clients(), p.clients.len());
        apply_preview(&mut p, &pv);
        assert_eq!(serde_json::to_string(&p).unwrap(), before, "byte-identical");
        assert_eq!(abc_for_project(&p), abc_before);
    }

    #[test]
    fn an_update_keeps_won_deals_and_cycle_and_changes_only_what_differs() {
        let mut p = demo_project();
        let year = p.company.base_year;
        let k01 = p.clients.iter().position(|c| c.code == "K01").unwrap();
        let id = p.clients[k01].id;
        let rev = |p: &Project| {
            p.revenues
                .iter()
                .find(|r| r.client_id == id && r.year == year)
                .cloned()
                .unwrap()
        };
        let r0 = rev(&p);
        assert!(r0.won_deals.is_some() && r0.avg_cycle_days.is_some());
        let pos0 = p
            .revenues
            .iter()
            .position(|r| r.client_id == id && r.year == year);
        let name = p.clients[k01].name.clone();
        // Same revenue: nothing changes (the reported data-loss case).
        let same = format!(
            "Код;Наименование;Выручка\nK01;{name};{}\n",
            fmt_amount(r0.amount, Lang::Ru)
        );
        let rep = apply_clients(
            &mut p,
            &plan(&table(&same)),
            set(year, Mode::UpdateExisting),
        );
        assert_eq!((rep.updated, rep.unchanged), (0, 1));
        assert_eq!(rev(&p), r0);
        // A new revenue: only the amount changes, in place.
        let new = format!("Код;Наименование;Выручка\nK01;{name};1 000\n");
        let pv = preview_clients(&p, &plan(&table(&new)), set(year, Mode::UpdateExisting));
        assert_eq!(
            pv.rows[0].changes,
            vec![Change::Revenue {
                old: Some(r0.amount),
                new: Money::units(1_000)
            }]
        );
        apply_preview(&mut p, &pv);
        let r1 = rev(&p);
        assert_eq!(r1.amount, Money::units(1_000));
        assert_eq!(
            (r1.won_deals, r1.avg_cycle_days),
            (r0.won_deals, r0.avg_cycle_days)
        );
        assert_eq!(
            p.revenues
                .iter()
                .position(|r| r.client_id == id && r.year == year),
            pos0,
            "the row keeps its place"
        );
    }

    #[test]
    fn won_deals_and_cycle_columns_are_imported() {
        let mut p = Project::new_empty("Т", chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap());
        let t = table(
            "Клиент;Выручка;Кол-во сделок;Ср. длительность сделки, дн.\nАльфа;100;4;120\nБета;50;;\nГамма;10;2,5;\nДельта;10;-1;\nЭпсилон;10;1;-3\n",
        );
        let m = guess_mapping(Kind::Clients, &t.headers);
        assert_eq!(
            m,
            vec![
                Some(Field::Name),
                Some(Field::Revenue),
                Some(Field::WonDeals),
                Some(Field::AvgCycle)
            ]
        );
        let pl = plan_clients(&t, &m, U, U);
        let probs: Vec<(usize, &Problem)> =
            pl.rejected.iter().map(|r| (r.line, &r.problem)).collect();
        assert_eq!(
            probs,
            vec![
                (4, &Problem::NotACount("2,5".into())),
                (5, &Problem::Negative("-1".into())),
                (6, &Problem::Negative("-3".into()))
            ]
        );
        apply_clients(&mut p, &pl, set(2024, Mode::UpdateExisting));
        let a = &p.revenues[0];
        assert_eq!((a.won_deals, a.avg_cycle_days), (Some(4), Some(120.0)));
        assert_eq!(
            (p.revenues[1].won_deals, p.revenues[1].avg_cycle_days),
            (None, None)
        );
    }

    #[test]
    fn negative_and_huge_amounts_and_long_names_are_refused_with_their_column() {
        let long = "Я".repeat(limits::NAME + 1);
        let t = table(&format!(
            "Клиент;Выручка\nАО «Минус»;-5 000,00\nБольшой;1e300\n{long};5\nОк;0\n"
        ));
        let pl = plan(&t);
        let got: Vec<(usize, &str, &Problem)> = pl
            .rejected
            .iter()
            .map(|r| (r.line, r.column.as_str(), &r.problem))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "Выручка", &Problem::Negative("-5 000,00".into())),
                (3, "Выручка", &Problem::NotANumber("1e300".into())),
                (
                    4,
                    "Клиент",
                    &Problem::TooLong {
                        chars: limits::NAME + 1,
                        max: limits::NAME
                    }
                )
            ]
        );
        assert_eq!(pl.ok.len(), 1);
        assert_eq!(
            pl.rejected.len() + pl.ok.len(),
            pl.rows_read,
            "each bad row once"
        );
    }

    #[test]
    fn year_and_unit_come_from_the_header_or_the_magnitudes() {
        let t = table("Клиент;Выручка 2024, руб.\nА;247 707 886,01\n");
        let m = guess_mapping(Kind::Clients, &t.headers);
        let h = revenue_hints(&t, &m, U);
        assert_eq!(
            h,
            RevenueHints {
                year: Some(2024),
                unit: MoneyUnit::Rub,
                unit_source: UnitSource::Header
            }
        );
        // Read in roubles, stored in тыс. ₽.
        let pl = plan_clients(&t, &m, h.unit, U);
        assert_eq!(pl.ok[0].revenue, Some(Money::from_f64(247_707.89)));
        assert_eq!(pl.ok[0].revenue_read, Some(247_707_886.01));
        for (head, unit) in [
            ("Оборот, тыс. руб.", MoneyUnit::ThousandRub),
            ("Revenue, RUB mln", MoneyUnit::MillionRub),
            ("Выручка (₽)", MoneyUnit::Rub),
        ] {
            assert_eq!(unit_in_header(head), Some(unit), "{head}");
        }
        assert_eq!(unit_in_header("Выручка"), None);
        assert_eq!(year_in_header("Выручка 12024"), None);
        assert_eq!(year_in_header("FY2023 revenue"), Some(2023));
        // Silent header, amounts of hundreds of millions: roubles.
        let t = table("Клиент;Выручка\nА;247 707 886,01\nБ;5 000 000\nВ;1 200 000 000\n");
        let m = guess_mapping(Kind::Clients, &t.headers);
        let h = revenue_hints(&t, &m, U);
        assert_eq!(
            (h.year, h.unit, h.unit_source),
            (None, MoneyUnit::Rub, UnitSource::Magnitude)
        );
        // Silent header, plausible amounts: the project's unit.
        let t = table("Клиент;Выручка\nА;58 000\nБ;120\n");
        let m = guess_mapping(Kind::Clients, &t.headers);
        assert_eq!(revenue_hints(&t, &m, U).unit_source, UnitSource::Project);
    }

    #[test]
    fn rows_of_one_file_build_on_each_other() {
        let mut p = Project::new_empty("Т", chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap());
        let t = table(
            "Код;Клиент;Выручка;Регион\nK1;Альфа;100;Урал\nK1;Альфа-2;;урал\nK2;Бета;5;Сибирь\n",
        );
        let pv = preview_clients(&p, &plan(&t), set(2024, Mode::UpdateExisting));
        assert_eq!(pv.rows[1].action, Action::UpdateNew);
        assert_eq!(
            pv.added
                .iter()
                .filter(|a| matches!(a, Added::Dim { .. }))
                .count(),
            2,
            "«Урал» once"
        );
        let (added, updated) = apply_preview(&mut p, &pv);
        assert_eq!((added, updated), (2, 1));
        assert_eq!(p.clients[0].name, "Альфа-2");
        assert_eq!(p.revenues.len(), 2);
        assert_eq!(p.revenues[0].amount, Money::units(100));
    }
}
