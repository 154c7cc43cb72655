//! Mapping imported table rows onto the project: clients (with a year's revenue), managers
//! (a CRM's sales team) and deals (a CRM export, with stage mapping). Pure.
//!
//! Every import is two steps: `plan_*` reads and checks all rows without touching the project
//! (the preview and the rejected-row report come from it), `apply_*` writes the plan into the
//! project after the user confirmed.

use super::limits;
use super::model::*;
use super::money::Money;
use crate::i18n::format::{parse_date, parse_number};
use crate::persist::table::{Row, Table};
use chrono::NaiveDate;
use std::collections::HashMap;

mod clients;
mod crm;
pub use clients::*;
pub use crm::*;

/// What a table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Clients,
    Managers,
    Deals,
}

/// A field a column can be mapped to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Code,
    Revenue,
    BusinessLine,
    Channel,
    Region,
    Category,
    Manager,
    WonDeals,
    AvgCycle,
    Title,
    Client,
    Stage,
    Amount,
    Created,
    Engaged,
    Closed,
}

impl Field {
    /// The fields of a kind, in the order the mapping dialog lists them.
    pub fn of(kind: Kind) -> &'static [Field] {
        use Field::*;
        match kind {
            Kind::Clients => &[
                Name,
                Code,
                Revenue,
                BusinessLine,
                Channel,
                Region,
                Category,
                Manager,
                WonDeals,
                AvgCycle,
            ],
            Kind::Managers => &[Name, Code, Region],
            Kind::Deals => &[
                Code, Title, Client, Manager, Stage, Amount, Created, Engaged, Closed,
            ],
        }
    }

    /// Stable key (for remembered mappings and test ids).
    pub fn key(self) -> &'static str {
        use Field::*;
        match self {
            Name => "name",
            Code => "code",
            Revenue => "revenue",
            BusinessLine => "business_line",
            Channel => "channel",
            Region => "region",
            Category => "category",
            Manager => "manager",
            WonDeals => "won_deals",
            AvgCycle => "avg_cycle",
            Title => "title",
            Client => "client",
            Stage => "stage",
            Amount => "amount",
            Created => "created",
            Engaged => "engaged",
            Closed => "closed",
        }
    }

    pub fn from_key(k: &str) -> Option<Field> {
        [Kind::Clients, Kind::Managers, Kind::Deals]
            .iter()
            .flat_map(|k| Field::of(*k))
            .copied()
            .find(|f| f.key() == k)
    }

    /// Header synonyms, lower case (Russian and English).
    fn synonyms(self, kind: Kind) -> &'static [&'static str] {
        use Field::*;
        match (self, kind) {
            (Name, Kind::Managers) => &[
                "sales_agent",
                "менеджер",
                "сотрудник",
                "агент",
                "фио",
                "name",
                "agent",
                "имя",
            ],
            (Name, _) => &[
                "клиент",
                "наименование",
                "контрагент",
                "покупатель",
                "компания",
                "организация",
                "account",
                "name",
                "client",
                "customer",
                "company",
            ],
            (Code, Kind::Deals) => &[
                "opportunity_id",
                "номер",
                "код сделки",
                "id",
                "deal_id",
                "код",
                "code",
            ],
            (Code, _) => &["код", "code", "инн", "id"],
            (Revenue, _) => &[
                "выручка",
                "оборот",
                "сумма",
                "продажи",
                "revenue",
                "sales",
                "turnover",
            ],
            (BusinessLine, _) => &[
                "отрасль",
                "направление",
                "бизнес",
                "sector",
                "industry",
                "business",
            ],
            (Channel, _) => &["канал", "channel", "тип клиента"],
            (Region, _) => &[
                "регион",
                "город",
                "территория",
                "офис",
                "office_location",
                "regional_office",
                "region",
                "city",
                "office",
            ],
            (Category, _) => &["категория", "кат.", "category", "abc"],
            (WonDeals, _) => &[
                "кол-во сделок",
                "количество сделок",
                "число сделок",
                "выигранных сделок",
                "won deals",
                "deals won",
            ],
            (AvgCycle, _) => &[
                "длительность",
                "цикл",
                "срок сделки",
                "cycle",
                "duration",
                "days to close",
            ],
            (Manager, _) => &[
                "менеджер",
                "ответственный",
                "sales_agent",
                "manager",
                "owner",
                "agent",
            ],
            (Title, _) => &[
                "сделка",
                "продукт",
                "название",
                "товар",
                "product",
                "title",
                "deal",
                "opportunity",
            ],
            (Client, _) => &[
                "клиент",
                "контрагент",
                "компания",
                "account",
                "client",
                "customer",
                "company",
            ],
            (Stage, _) => &["этап", "стадия", "статус", "deal_stage", "stage", "status"],
            (Amount, _) => &[
                "сумма",
                "бюджет",
                "стоимость",
                "close_value",
                "amount",
                "value",
            ],
            (Created, _) => &["создан", "дата создания", "created", "create_date"],
            (Engaged, _) => &["начало работы", "engage_date", "engaged", "дата начала"],
            (Closed, _) => &["закрыт", "дата закрытия", "close_date", "closed"],
        }
    }
}

/// Column mapping: for each column of the table, the field it fills (or none).
pub type Mapping = Vec<Option<Field>>;

pub(crate) fn norm(s: &str) -> String {
    s.trim().to_lowercase().replace('ё', "е")
}

/// Guesses the mapping from the headers: an exact synonym first, then a header containing a
/// synonym; each field goes to one column at most (the first match).
pub fn guess_mapping(kind: Kind, headers: &[String]) -> Mapping {
    let mut out: Mapping = vec![None; headers.len()];
    let heads: Vec<String> = headers.iter().map(|h| norm(h)).collect();
    for exact in [true, false] {
        for &f in Field::of(kind) {
            if out.contains(&Some(f)) {
                continue;
            }
            let hit = heads.iter().enumerate().find(|(i, h)| {
                out.get(*i).is_some_and(Option::is_none)
                    && !h.is_empty()
                    && f.synonyms(kind).iter().any(|s| {
                        if exact {
                            *h == s
                        } else {
                            s.chars().count() > 2 && h.contains(s)
                        }
                    })
            });
            if let Some((i, _)) = hit {
                if let Some(slot) = out.get_mut(i) {
                    *slot = Some(f);
                }
            }
        }
    }
    out
}

/// A mapping remembered by header names (`header → field key`), applied to a new table's
/// headers; headers not remembered are guessed.
pub fn mapping_from_memory(kind: Kind, headers: &[String], memory: &[(String, String)]) -> Mapping {
    let mut m = guess_mapping(kind, headers);
    for (i, h) in headers.iter().enumerate() {
        if let Some((_, key)) = memory.iter().find(|(mh, _)| norm(mh) == norm(h)) {
            let f = Field::from_key(key).filter(|f| Field::of(kind).contains(f));
            if let Some(f) = f {
                for slot in m.iter_mut() {
                    if *slot == Some(f) {
                        *slot = None;
                    }
                }
            }
            if let Some(slot) = m.get_mut(i) {
                *slot = f;
            }
        }
    }
    m
}

/// A mapping as `header → field key` pairs to remember.
pub fn mapping_to_memory(headers: &[String], mapping: &Mapping) -> Vec<(String, String)> {
    headers
        .iter()
        .zip(mapping)
        .map(|(h, f)| (h.clone(), f.map_or(String::new(), |f| f.key().to_string())))
        .collect()
}

impl Kind {
    /// Stable key of the kind (remembered mappings).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Clients => "clients",
            Kind::Managers => "managers",
            Kind::Deals => "deals",
        }
    }
}

/// The project's remembered mapping of a kind (`header → field key`), empty when none.
pub fn remembered(p: &Project, kind: Kind) -> Vec<(String, String)> {
    p.import_mappings
        .iter()
        .find(|m| m.kind == kind.key())
        .map(|m| m.columns.clone())
        .unwrap_or_default()
}

/// Remembers a mapping in the project: these headers' choices replace the earlier ones, other
/// remembered headers stay.
pub fn remember(p: &mut Project, kind: Kind, headers: &[String], mapping: &Mapping) {
    if is_remembered(p, kind, headers, mapping) {
        return;
    }
    let new = mapping_to_memory(headers, mapping);
    let entry = match p.import_mappings.iter().position(|m| m.kind == kind.key()) {
        Some(i) => i,
        None => {
            p.import_mappings.push(ImportMapping {
                kind: kind.key().to_string(),
                columns: vec![],
            });
            p.import_mappings.len() - 1
        }
    };
    if let Some(m) = p.import_mappings.get_mut(entry) {
        m.columns
            .retain(|(h, _)| !new.iter().any(|(nh, _)| norm(nh) == norm(h)));
        m.columns.extend(new);
    }
}

/// Whether the project already remembers exactly this mapping for these headers (then
/// [`remember`] changes nothing).
pub fn is_remembered(p: &Project, kind: Kind, headers: &[String], mapping: &Mapping) -> bool {
    let mem = remembered(p, kind);
    mapping_to_memory(headers, mapping)
        .iter()
        .all(|n| mem.iter().any(|m| norm(&m.0) == norm(&n.0) && m.1 == n.1))
}

fn col(mapping: &Mapping, f: Field) -> Option<usize> {
    mapping.iter().position(|m| *m == Some(f))
}

/// Why a row was refused (the i18n layer words it).
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A client's or manager's name is empty.
    EmptyName,
    /// A deal's stage is empty.
    EmptyStage,
    /// A deal's stage is not mapped onto the project's stages.
    UnmappedStage(String),
    /// Not a number.
    NotANumber(String),
    /// Not a whole number of things ≥ 0.
    NotACount(String),
    /// A negative amount (money, a count or days).
    Negative(String),
    /// Not a date.
    NotADate(String),
    /// A category other than A, B or C.
    BadCategory(String),
    /// Longer than the limit for the field.
    TooLong { chars: usize, max: usize },
    /// A deal with this code is already in the project or earlier in the file.
    DuplicateDealCode(String),
}

/// A rejected row: its line in the file, the column (its header) and the problem.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub line: usize,
    pub column: String,
    pub problem: Problem,
    /// The row's cells, for the downloadable CSV.
    pub cells: Vec<String>,
}

/// The fields a mapping lacks to be imported (e.g. no name column).
pub fn mapping_problems(kind: Kind, mapping: &Mapping) -> Vec<Field> {
    let need: &[Field] = match kind {
        Kind::Clients | Kind::Managers => &[Field::Name],
        Kind::Deals => &[Field::Stage],
    };
    need.iter()
        .filter(|f| col(mapping, **f).is_none())
        .copied()
        .collect()
}

/// Row `r` of `t` refused at the column mapped to `f` (no column when `f` is not mapped).
fn rejected(t: &Table, m: &Mapping, r: &Row, f: Field, problem: Problem) -> Rejected {
    Rejected {
        line: r.line,
        column: col(m, f).map(|i| header(t, i)).unwrap_or_default(),
        problem,
        cells: r.cells.clone(),
    }
}

fn header(t: &Table, i: usize) -> String {
    t.headers.get(i).cloned().unwrap_or_default()
}

/// An amount ≥ 0 read in `from` and stored in `to`; an empty cell is `None`.
fn parse_money_in(s: &str, from: MoneyUnit, to: MoneyUnit) -> Result<Option<Money>, Problem> {
    if s.is_empty() {
        return Ok(None);
    }
    match parse_number(s) {
        Some(v) if v < 0.0 => Err(Problem::Negative(s.to_string())),
        Some(v) => {
            let x = convert(v, from, to);
            if x.is_finite() && x.abs() < limits::MONEY_MAX {
                Ok(Some(Money::from_f64(x)))
            } else {
                Err(Problem::NotANumber(s.to_string()))
            }
        }
        None => Err(Problem::NotANumber(s.to_string())),
    }
}

/// The first of `fields` whose cell (read by `get`) is longer than its limit, with the problem.
fn first_too_long<'a>(
    fields: &[(Field, usize)],
    get: impl Fn(Field) -> &'a str,
) -> Option<(Field, Problem)> {
    fields.iter().find_map(|&(f, max)| {
        let chars = get(f).chars().count();
        (chars > max).then_some((f, Problem::TooLong { chars, max }))
    })
}

/// A whole number ≥ 0 of things; an empty cell is `None`.
fn parse_count(s: &str) -> Result<Option<u32>, Problem> {
    if s.is_empty() {
        return Ok(None);
    }
    match parse_number(s) {
        Some(v) if v < 0.0 => Err(Problem::Negative(s.to_string())),
        Some(v) if v.fract() == 0.0 && v <= u32::MAX as f64 => Ok(Some(v as u32)),
        _ => Err(Problem::NotACount(s.to_string())),
    }
}

/// A reference list an import can add to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DimKind {
    BusinessLine,
    Channel,
    Region,
}

/// Something an import adds besides clients and deals.
#[derive(Clone, Debug, PartialEq)]
pub enum Added {
    /// An entry of a reference list.
    Dim { kind: DimKind, id: Id, name: String },
    /// A manager named in the file.
    Manager { id: Id, name: String },
    /// Clients added because deals named them.
    ClientsFromDeals(usize),
}

/// What an import did, for the report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub rows_read: usize,
    pub imported: usize,
    pub updated: usize,
    /// Rows that matched a record and changed nothing.
    pub unchanged: usize,
    pub rejected: Vec<Rejected>,
    /// Reference-list entries, managers and clients the import added.
    pub added: Vec<Added>,
}

/// Finds a dimension by name (case-insensitive) or adds it.
fn dim_id(
    list: &mut Vec<Dimension>,
    name: &str,
    kind: DimKind,
    added: &mut Vec<Added>,
) -> Option<Id> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let key = norm(name);
    if let Some(d) = list.iter().find(|d| norm(&d.name) == key) {
        return Some(d.id);
    }
    let id = new_id();
    list.push(Dimension {
        id,
        name: name.to_string(),
    });
    added.push(Added::Dim {
        kind,
        id,
        name: name.to_string(),
    });
    Some(id)
}

// ---------------------------------------------------------------------------------------------
// Managers (a CRM's sales team)
// ---------------------------------------------------------------------------------------------

/// Adds or updates managers from a team table (name required; code and region optional; without
/// a code column the name is the code shown in tables). A team lead column is not kept: the
/// model has no place for it.
pub fn apply_managers(p: &mut Project, t: &Table, m: &Mapping) -> Report {
    let mut rep = Report {
        rows_read: t.rows.len(),
        ..Default::default()
    };
    let mut added = vec![];
    for r in &t.rows {
        let get = |f| col(m, f).map_or("", |i| r.cell(i));
        let name = get(Field::Name);
        if name.is_empty() {
            rep.rejected
                .push(rejected(t, m, r, Field::Name, Problem::EmptyName));
            continue;
        }
        let region = dim_id(
            &mut p.regions,
            get(Field::Region),
            DimKind::Region,
            &mut added,
        );
        let code = if col(m, Field::Code).is_some() {
            get(Field::Code).to_string()
        } else {
            name.to_string()
        };
        let key = norm(name);
        if let Some(x) = p.managers.iter_mut().find(|x| norm(&x.name) == key) {
            x.region_id = region.or(x.region_id);
            if !code.is_empty() {
                x.code = code;
            }
            rep.updated += 1;
        } else {
            p.managers.push(Manager {
                region_id: region,
                ..Manager::new(code, name)
            });
            rep.imported += 1;
        }
    }
    rep.added = added;
    rep
}

// ---------------------------------------------------------------------------------------------
// Deals
// ---------------------------------------------------------------------------------------------

/// Where a CRM stage name goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageTarget {
    /// An open deal at this project stage.
    Stage(Id),
    /// Won: the deal goes to the won stage.
    Won,
    /// Lost: the deal keeps the furthest stage it reached.
    Lost,
}

/// The distinct values of the stage column, in order of first appearance, with row counts.
pub fn stage_names(t: &Table, m: &Mapping) -> Vec<(String, usize)> {
    let Some(i) = col(m, Field::Stage) else {
        return vec![];
    };
    let mut out: Vec<(String, usize)> = vec![];
    for r in &t.rows {
        let s = r.cell(i);
        match out.iter_mut().find(|(n, _)| n == s) {
            Some((_, c)) => *c += 1,
            None => out.push((s.to_string(), 1)),
        }
    }
    out
}

/// Guesses where a CRM stage goes: won/lost words; a project stage by code or name; otherwise
/// the first stage for lead-like names and the second funnel stage for work-like names.
pub fn guess_stage(p: &Project, name: &str) -> Option<StageTarget> {
    let n = norm(name);
    let has = |ws: &[&str]| ws.iter().any(|w| n.contains(w));
    if has(&["won", "выигр", "успеш", "закрыта успешно", "оплач"]) {
        return Some(StageTarget::Won);
    }
    if has(&[
        "lost",
        "проигр",
        "отказ",
        "неуспеш",
        "закрыта неуспешно",
        "отмен",
    ]) {
        return Some(StageTarget::Lost);
    }
    if let Some(s) = p
        .stages
        .iter()
        .find(|s| norm(&s.code) == n || norm(&s.name_ru) == n || norm(&s.name_en) == n)
    {
        return Some(StageTarget::Stage(s.id));
    }
    let funnel: Vec<&Stage> = p.stages.iter().filter(|s| s.is_funnel).collect();
    if has(&["prospect", "lead", "лид", "новая", "new", "первичн"]) {
        return funnel.first().map(|s| StageTarget::Stage(s.id));
    }
    if has(&["engag", "qualif", "работ", "квалиф", "переговор"]) {
        return funnel.get(1).map(|s| StageTarget::Stage(s.id));
    }
    None
}

/// A checked deal row.
#[derive(Clone, Debug, PartialEq)]
pub struct DealRow {
    pub line: usize,
    pub code: String,
    pub title: String,
    pub client: String,
    pub manager: String,
    pub target: StageTarget,
    pub amount: Money,
    pub created: Option<NaiveDate>,
    pub engaged: Option<NaiveDate>,
    pub closed: Option<NaiveDate>,
}

/// The checked deal rows and the rejected ones.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DealPlan {
    pub rows_read: usize,
    pub ok: Vec<DealRow>,
    pub rejected: Vec<Rejected>,
}

impl DealPlan {
    /// Checked deals without a client (kept, flagged).
    pub fn without_client(&self) -> usize {
        self.ok.iter().filter(|d| d.client.is_empty()).count()
    }
}

/// Checks every deal row: the stage must be mapped; the amount (empty = 0) must be a number;
/// dates must be dates; a won or lost deal needs a closing date only if it has any date.
pub fn plan_deals(t: &Table, m: &Mapping, stages: &[(String, Option<StageTarget>)]) -> DealPlan {
    let mut plan = DealPlan {
        rows_read: t.rows.len(),
        ..Default::default()
    };
    let c = |f| col(m, f);
    let targets: HashMap<&str, Option<StageTarget>> =
        stages.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    'rows: for r in &t.rows {
        let get = |f| c(f).map_or("", |i| r.cell(i));
        let reject = |f: Field, problem: Problem| rejected(t, m, r, f, problem);
        let st = get(Field::Stage);
        let Some(target) = targets.get(st).copied().flatten() else {
            let why = if st.is_empty() {
                Problem::EmptyStage
            } else {
                Problem::UnmappedStage(st.to_string())
            };
            plan.rejected.push(reject(Field::Stage, why));
            continue;
        };
        let fields = [
            (Field::Code, limits::CODE),
            (Field::Title, limits::NAME),
            (Field::Client, limits::NAME),
            (Field::Manager, limits::NAME),
        ];
        if let Some((f, p)) = first_too_long(&fields, get) {
            plan.rejected.push(reject(f, p));
            continue;
        }
        let amount = match parse_money_in(get(Field::Amount), MoneyUnit::Rub, MoneyUnit::Rub) {
            Ok(v) => v.unwrap_or_default(),
            Err(p) => {
                plan.rejected.push(reject(Field::Amount, p));
                continue;
            }
        };
        let mut dates = [None; 3];
        for (k, f) in [Field::Created, Field::Engaged, Field::Closed]
            .iter()
            .enumerate()
        {
            let s = get(*f);
            if s.is_empty() {
                continue;
            }
            match parse_date(s) {
                Some(d) => dates[k] = Some(d),
                None => {
                    plan.rejected
                        .push(reject(*f, Problem::NotADate(s.to_string())));
                    continue 'rows;
                }
            }
        }
        plan.ok.push(DealRow {
            line: r.line,
            code: get(Field::Code).to_string(),
            title: get(Field::Title).to_string(),
            client: get(Field::Client).to_string(),
            manager: get(Field::Manager).to_string(),
            target,
            amount,
            created: dates[0],
            engaged: dates[1],
            closed: dates[2],
        });
    }
    plan
}

/// Builds the deal of a checked row: the history starts at the first funnel stage on the
/// creation date (else the start-of-work date, else the closing date, else `today`); a
/// start-of-work date moves it to the second funnel stage; an open deal then moves to its
/// stage; a won deal moves to the won stage on its closing date; a lost deal keeps the
/// furthest stage it reached and is closed.
fn build_deal(
    stages: &[Stage],
    r: &DealRow,
    client_id: Option<Id>,
    manager_id: Option<Id>,
    today: NaiveDate,
) -> Deal {
    let funnel: Vec<Id> = stages
        .iter()
        .filter(|s| s.is_funnel)
        .map(|s| s.id)
        .collect();
    let first = funnel
        .first()
        .or(stages.first().map(|s| &s.id))
        .copied()
        .unwrap_or_default();
    let second = funnel.get(1).copied();
    let start = r.created.or(r.engaged).or(r.closed).unwrap_or(today);
    let mut deal = Deal {
        id: new_id(),
        code: r.code.clone(),
        client_id,
        manager_id,
        channel_id: None,
        business_line_id: None,
        title: if r.title.is_empty() {
            r.code.clone()
        } else {
            r.title.clone()
        },
        amount: r.amount,
        created: start,
        stage_id: first,
        status: DealStatus::Open,
        lost_reason: String::new(),
        closed: None,
        next_step: String::new(),
        next_step_date: None,
        history: vec![StageEntry {
            stage_id: first,
            entered: start,
        }],
        needs: vec![],
        criteria: vec![],
        teo: None,
        proposal: Proposal::default(),
    };
    fn go(deal: &mut Deal, last: &mut NaiveDate, id: Id, date: NaiveDate) {
        if deal.stage_id != id {
            let d = date.max(*last);
            deal.history.push(StageEntry {
                stage_id: id,
                entered: d,
            });
            deal.stage_id = id;
            *last = d;
        }
    }
    let mut last = start;
    if let (Some(e), Some(s2)) = (r.engaged, second) {
        go(&mut deal, &mut last, s2, e);
    }
    match r.target {
        StageTarget::Stage(id) => go(&mut deal, &mut last, id, r.engaged.unwrap_or(start)),
        StageTarget::Won => {
            if let Some(w) = stages.iter().find(|s| s.is_won) {
                let date = r.closed.unwrap_or(last);
                go(&mut deal, &mut last, w.id, date);
            }
            deal.status = DealStatus::Won;
            deal.closed = Some(r.closed.unwrap_or(last).max(last));
        }
        StageTarget::Lost => {
            deal.status = DealStatus::Lost;
            deal.closed = Some(r.closed.unwrap_or(last).max(last));
        }
    }
    deal
}

/// Writes checked deals into the project. Clients are matched by name or code
/// (case-insensitive; unknown names are added as clients); managers by code or name (unknown
/// ones are added); a deal without a client is kept with `client_id: None` (flagged «без
/// клиента»). A deal whose code is already in the project is skipped as a duplicate.
pub fn apply_deals(p: &mut Project, plan: &DealPlan, today: NaiveDate) -> Report {
    let preview = preview_deals(p, plan);
    apply_deal_preview(p, &preview, today)
}

/// The latest date in a deal plan (for the new project's "as of"), if any.
pub fn latest_date(plan: &DealPlan) -> Option<NaiveDate> {
    plan.ok
        .iter()
        .flat_map(|r| [r.created, r.engaged, r.closed])
        .flatten()
        .max()
}

/// A CRM export: the deal table with optional companion tables (sales team, accounts).
pub struct CrmImport<'a> {
    pub deals: &'a Table,
    pub deal_mapping: &'a Mapping,
    pub stage_map: &'a [(String, Option<StageTarget>)],
    pub teams: Option<&'a Table>,
    pub accounts: Option<&'a Table>,
}

/// Imports a CRM export into `p`: accounts → clients (their revenue into `p.company.base_year`),
/// sales team → managers, then the deals. `today` dates deals that carry no date at all.
/// Companion tables use the guessed mapping. Returns one report per table: deals, teams,
/// accounts.
pub fn import_crm(p: &mut Project, crm: &CrmImport, today: NaiveDate) -> [Report; 3] {
    let acc = crm.accounts.map(|t| {
        let m = guess_mapping(Kind::Clients, &t.headers);
        let unit = p.company.money_unit;
        let plan = plan_clients(t, &m, unit, unit);
        let settings = ClientSettings {
            year: p.company.base_year,
            mode: Mode::UpdateExisting,
            file_unit: unit,
            project_unit: unit,
        };
        apply_clients(p, &plan, settings)
    });
    let team = crm.teams.map(|t| {
        let m = guess_mapping(Kind::Managers, &t.headers);
        apply_managers(p, t, &m)
    });
    let plan = plan_deals(crm.deals, crm.deal_mapping, crm.stage_map);
    let deals = apply_deals(p, &plan, today);
    [deals, team.unwrap_or_default(), acc.unwrap_or_default()]
}

/// A new project for a CRM export: default stages, "as of" the latest date in the deals, the
/// base year that date's year.
pub fn new_crm_project(name: &str, deals: &Table, mapping: &Mapping, today: NaiveDate) -> Project {
    use chrono::Datelike;
    let latest = [Field::Created, Field::Engaged, Field::Closed]
        .iter()
        .filter_map(|f| col(mapping, *f))
        .flat_map(|i| deals.rows.iter().filter_map(move |r| parse_date(r.cell(i))))
        .max()
        .unwrap_or(today);
    let mut p = Project::new_empty(name, latest);
    p.company.as_of = Some(latest);
    p.company.base_year = latest.year();
    p.company.plan_year = latest.year() + 1;
    p.company.money_unit = MoneyUnit::Rub;
    p
}

/// Rejected rows as table rows for the downloadable CSV: line, column, reason, then the cells.
pub fn rejected_rows(
    rejected: &[Rejected],
    reason: impl Fn(&Problem) -> String,
) -> Vec<Vec<String>> {
    rejected
        .iter()
        .map(|r| {
            let mut v = vec![r.line.to_string(), r.column.clone(), reason(&r.problem)];
            v.extend(r.cells.iter().cloned());
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persist::table::parse_csv;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn project() -> Project {
        Project::new_empty("Тест", d("2025-03-31"))
    }

    const U: MoneyUnit = MoneyUnit::ThousandRub;

    fn plan(t: &Table) -> ClientPlan {
        plan_clients(t, &guess_mapping(Kind::Clients, &t.headers), U, U)
    }

    fn set(year: i32, mode: Mode) -> ClientSettings {
        ClientSettings {
            year,
            mode,
            file_unit: U,
            project_unit: U,
        }
    }

    #[test]
    fn guesses_russian_and_english_headers() {
        let h: Vec<String> = [
            "Контрагент",
            "Код",
            "Оборот, руб.",
            "Отрасль",
            "Город",
            "Кат.",
        ]
        .map(String::from)
        .to_vec();
        let m = guess_mapping(Kind::Clients, &h);
        assert_eq!(
            m,
            vec![
                Some(Field::Name),
                Some(Field::Code),
                Some(Field::Revenue),
                Some(Field::BusinessLine),
                Some(Field::Region),
                Some(Field::Category)
            ]
        );
        let h: Vec<String> = [
            "account",
            "sector",
            "year_established",
            "revenue",
            "employees",
            "office_location",
            "subsidiary_of",
        ]
        .map(String::from)
        .to_vec();
        let m = guess_mapping(Kind::Clients, &h);
        assert_eq!(m[0], Some(Field::Name));
        assert_eq!(m[1], Some(Field::BusinessLine));
        assert_eq!(m[2], None);
        assert_eq!(m[3], Some(Field::Revenue));
        assert_eq!(m[5], Some(Field::Region));
        assert_eq!(m[6], None);
        assert!(guess_mapping(Kind::Clients, &[]).is_empty());
    }

    #[test]
    fn remembered_mapping_overrides_the_guess() {
        let h: Vec<String> = ["Клиент", "Сумма", "Прочее"].map(String::from).to_vec();
        let mem = vec![
            ("Прочее".to_string(), "revenue".to_string()),
            ("Сумма".to_string(), String::new()),
        ];
        let m = mapping_from_memory(Kind::Clients, &h, &mem);
        assert_eq!(m, vec![Some(Field::Name), None, Some(Field::Revenue)]);
        assert_eq!(mapping_to_memory(&h, &m)[2].1, "revenue");

        // Remembered in the project, per kind; a later import keeps other headers.
        let mut p = project();
        assert!(remembered(&p, Kind::Clients).is_empty());
        remember(&mut p, Kind::Clients, &h, &m);
        assert_eq!(
            mapping_from_memory(Kind::Clients, &h, &remembered(&p, Kind::Clients)),
            m
        );
        let h2: Vec<String> = ["Прочее"].map(String::from).to_vec();
        remember(&mut p, Kind::Clients, &h2, &vec![None]);
        let mem = remembered(&p, Kind::Clients);
        assert_eq!(mem.len(), 3);
        assert!(mem.contains(&("Прочее".to_string(), String::new())));
        assert!(remembered(&p, Kind::Deals).is_empty());
    }

    #[test]
    fn client_rows_are_checked_with_line_column_reason() {
        let t = parse_csv(
            "Клиент;Выручка;Категория\nАльфа;1 234 567,89 ₽;А\n;5;B\nБета;много;C\nГамма;(1\u{a0}000);Х\nДельта;;с\n"
                .as_bytes(),
        )
        .unwrap();
        let plan = plan(&t);
        assert_eq!(plan.rows_read, 5);
        assert_eq!(plan.ok.len(), 2);
        assert_eq!(plan.ok[0].revenue, Some(Money::from_f64(1_234_567.89)));
        assert_eq!(plan.ok[0].category, Some(Category::A));
        assert_eq!(plan.ok[1].category, Some(Category::C));
        assert_eq!(plan.ok[1].revenue, None);
        let r: Vec<(usize, &str)> = plan
            .rejected
            .iter()
            .map(|r| (r.line, r.column.as_str()))
            .collect();
        // «(1 000)» is −1 000 in accounting notation: refused before the bad category.
        assert_eq!(r, vec![(3, "Клиент"), (4, "Выручка"), (5, "Выручка")]);
        assert_eq!(
            plan.rejected[1].problem,
            Problem::NotANumber("много".into())
        );
        assert_eq!(
            plan.rejected[2].problem,
            Problem::Negative("(1\u{a0}000)".into())
        );
    }

    #[test]
    fn applying_clients_adds_dimensions_and_updates_on_second_import() {
        let mut p = project();
        p.regions.push(Dimension {
            id: new_id(),
            name: "Урал".into(),
        });
        let t = parse_csv(
            "Клиент;Регион;Выручка;Менеджер\nАльфа;урал;100;Иванов\nБета;Сибирь;50;\n".as_bytes(),
        )
        .unwrap();
        let plan = plan(&t);
        let rep = apply_clients(&mut p, &plan, set(2024, Mode::UpdateExisting));
        assert_eq!((rep.imported, rep.updated), (2, 0));
        assert_eq!(p.regions.len(), 2, "«урал» matched case-insensitively");
        assert!(rep.added.iter().any(
            |a| matches!(a, Added::Dim { kind: DimKind::Region, name, .. } if name == "Сибирь")
        ));
        assert!(rep
            .added
            .iter()
            .any(|a| matches!(a, Added::Manager { name, .. } if name == "Иванов")));
        assert_eq!(p.revenues.len(), 2);
        let rep = apply_clients(&mut p, &plan, set(2024, Mode::UpdateExisting));
        assert_eq!((rep.imported, rep.updated, rep.unchanged), (0, 0, 2));
        assert_eq!(p.clients.len(), 2);
        assert_eq!(
            p.revenues.len(),
            2,
            "the year's revenue is replaced, not doubled"
        );
        let rep = apply_clients(&mut p, &plan, set(2024, Mode::AddNew));
        assert_eq!(rep.imported, 2);
        assert_eq!(p.clients.len(), 4);
    }

    #[test]
    fn the_preview_names_the_clients_an_import_will_change() {
        let mut p = project();
        let t = parse_csv("Код;Клиент;Выручка\nK1;Альфа;100\nK2;Бета;50\n".as_bytes()).unwrap();
        apply_clients(&mut p, &plan(&t), set(2024, Mode::UpdateExisting));
        let t2 = parse_csv(
            "Код;Клиент;Выручка\nK1;Дубль;777\nK2;Бета;50\nK3;Гамма;5\n;бета;\n".as_bytes(),
        )
        .unwrap();
        let plan = plan(&t2);
        let pv = preview_clients(&p, &plan, set(2024, Mode::UpdateExisting));
        let acts: Vec<&Action> = pv.rows.iter().map(|r| &r.action).collect();
        assert_eq!(
            acts,
            vec![
                &Action::Update(0),
                &Action::Unchanged(1),
                &Action::Add,
                &Action::Unchanged(1)
            ],
            "K1 changes, K2 and «бета» (by name) do not, K3 is new"
        );
        assert_eq!(pv.rows[0].before, "K1 Альфа");
        assert_eq!(
            pv.rows[0].changes,
            vec![
                Change::Name {
                    old: "Альфа".into(),
                    new: "Дубль".into()
                },
                Change::Revenue {
                    old: Some(Money::units(100)),
                    new: Money::units(777)
                }
            ]
        );
        assert_eq!(pv.rows[3].line, 5);
        // Another year: the revenue is new for that year.
        let pv = preview_clients(&p, &plan, set(2023, Mode::UpdateExisting));
        assert_eq!(
            pv.rows[1].changes,
            vec![Change::Revenue {
                old: None,
                new: Money::units(50)
            }]
        );
        // Adding never updates; nothing was written by the preview.
        let pv = preview_clients(&p, &plan, set(2024, Mode::AddNew));
        assert!(pv.rows.iter().all(|r| r.action == Action::Add));
        assert_eq!(p.clients[0].name, "Альфа");
    }

    #[test]
    fn one_cell_can_name_several_business_lines() {
        let mut p = project();
        p.business_lines.push(Dimension {
            id: new_id(),
            name: "Насосы; насосные станции".into(),
        });
        let t = parse_csv(
            "Клиент;Направление;Выручка\nАльфа;\"Насосы; Теплообменники ;насосы\";100\nБета;\"насосы; НАСОСНЫЕ станции\";50\nГамма;;10\n"
                .as_bytes(),
        )
        .unwrap();
        let rep = apply_clients(&mut p, &plan(&t), set(2024, Mode::UpdateExisting));
        assert_eq!(rep.imported, 3);
        fn names(p: &Project, i: usize) -> Vec<String> {
            p.clients[i]
                .business_line_ids
                .iter()
                .map(|id| {
                    p.business_lines
                        .iter()
                        .find(|d| d.id == *id)
                        .unwrap()
                        .name
                        .clone()
                })
                .collect()
        }
        // Split on «;», trimmed, matched case-insensitively, each line once.
        assert_eq!(names(&p, 0), vec!["Насосы", "Теплообменники"]);
        // A name that itself contains «;» is one line.
        assert_eq!(names(&p, 1), vec!["Насосы; насосные станции"]);
        assert!(p.clients[2].business_line_ids.is_empty());
        assert_eq!(p.business_lines.len(), 3);
        // A second import without the column keeps the lines; with it, replaces them.
        let t2 = parse_csv(
            "Клиент;Направление;Выручка\nАльфа;;100\nБета;Теплообменники;50\n".as_bytes(),
        )
        .unwrap();
        apply_clients(&mut p, &plan(&t2), set(2024, Mode::UpdateExisting));
        assert_eq!(names(&p, 0), vec!["Насосы", "Теплообменники"]);
        assert_eq!(names(&p, 1), vec!["Теплообменники"]);
    }

    #[test]
    fn empty_table_imports_nothing() {
        let t = parse_csv(b"name;revenue\n").unwrap();
        let mut p = project();
        let rep = apply_clients(&mut p, &plan(&t), set(2024, Mode::AddNew));
        assert_eq!((rep.rows_read, rep.imported), (0, 0));
        assert_eq!(
            mapping_problems(Kind::Clients, &vec![None, Some(Field::Revenue)]),
            vec![Field::Name]
        );
    }

    #[test]
    fn crm_stages_are_guessed() {
        let p = project();
        let s1 = p.stages[0].id;
        let s21 = p.stages[1].id;
        assert_eq!(guess_stage(&p, "Prospecting"), Some(StageTarget::Stage(s1)));
        assert_eq!(guess_stage(&p, "Engaging"), Some(StageTarget::Stage(s21)));
        assert_eq!(guess_stage(&p, "Won"), Some(StageTarget::Won));
        assert_eq!(guess_stage(&p, "Lost"), Some(StageTarget::Lost));
        assert_eq!(guess_stage(&p, "Проиграна"), Some(StageTarget::Lost));
        assert_eq!(
            guess_stage(&p, "2.2"),
            Some(StageTarget::Stage(p.stages[2].id))
        );
        assert_eq!(guess_stage(&p, "???"), None);
    }

    #[test]
    fn deals_get_history_status_and_flag() {
        let mut p = project();
        let t = parse_csv(
            b"opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n\
              A1,Ann,GTX,Acme,Won,2016-10-20,2017-03-01,1054\n\
              A2,Ann,GTX,Acme,Lost,2016-10-25,2017-01-11,0\n\
              A3,Bob,MG,,Engaging,2017-02-01,,\n\
              A4,Bob,MG,Beta,Prospecting,,,\n\
              A5,Bob,MG,Beta,Unknown,,,\n\
              A6,Bob,MG,Beta,Won,2017-13-01,,\n\
              A1,Bob,MG,Beta,Won,2016-10-20,2017-03-01,5\n",
        )
        .unwrap();
        let m = guess_mapping(Kind::Deals, &t.headers);
        assert_eq!(m[0], Some(Field::Code));
        assert_eq!(m[1], Some(Field::Manager));
        assert_eq!(m[2], Some(Field::Title));
        assert_eq!(m[3], Some(Field::Client));
        assert_eq!(m[4], Some(Field::Stage));
        assert_eq!(m[5], Some(Field::Engaged));
        assert_eq!(m[6], Some(Field::Closed));
        assert_eq!(m[7], Some(Field::Amount));
        let names = stage_names(&t, &m);
        assert_eq!(names[0], ("Won".to_string(), 3));
        let map: Vec<_> = names
            .iter()
            .map(|(n, _)| (n.clone(), guess_stage(&p, n)))
            .collect();
        let plan = plan_deals(&t, &m, &map);
        assert_eq!(plan.rejected.len(), 2);
        assert_eq!(plan.rejected[0].line, 6);
        assert_eq!(plan.rejected[0].column, "deal_stage");
        assert_eq!(plan.rejected[1].column, "engage_date");
        assert_eq!(plan.without_client(), 1);
        let rep = apply_deals(&mut p, &plan, d("2017-06-30"));
        assert_eq!(rep.imported, 4);
        assert_eq!(rep.rejected.len(), 3, "duplicate code A1 is rejected");
        assert_eq!(p.clients.len(), 2);
        assert_eq!(p.managers.len(), 2);
        let won = &p.deals[0];
        assert_eq!(won.status, DealStatus::Won);
        assert_eq!(won.closed, Some(d("2017-03-01")));
        assert_eq!(won.stage_id, p.stages.iter().find(|s| s.is_won).unwrap().id);
        assert_eq!(won.history.len(), 3);
        assert_eq!(won.amount, Money::from_f64(1054.0));
        let lost = &p.deals[1];
        assert_eq!(lost.status, DealStatus::Lost);
        assert_eq!(
            lost.stage_id, p.stages[1].id,
            "lost keeps the furthest stage"
        );
        assert!(p.deals[2].client_id.is_none());
        assert_eq!(p.deals[2].status, DealStatus::Open);
        assert_eq!(p.deals[3].stage_id, p.stages[0].id);
        assert_eq!(p.deals[3].created, d("2017-06-30"));
        assert!(p
            .deals
            .iter()
            .all(|d| super::super::layer2::moves::history_problems(d).is_empty()));
        assert_eq!(latest_date(&plan), Some(d("2017-03-01")));
    }

    #[test]
    fn managers_from_a_team_table() {
        let mut p = project();
        let t = parse_csv(
            b"sales_agent,manager,regional_office\nAnn,Dustin,Central\nBob,Dustin,central\n,x,y\n",
        )
        .unwrap();
        let m = guess_mapping(Kind::Managers, &t.headers);
        assert_eq!(m, vec![Some(Field::Name), None, Some(Field::Region)]);
        let rep = apply_managers(&mut p, &t, &m);
        assert_eq!((rep.imported, rep.rejected.len()), (2, 1));
        assert_eq!(p.regions.len(), 1);
        assert_eq!(p.managers[0].code, "Ann");
        assert_eq!(p.managers[1].region_id, Some(p.regions[0].id));
    }
}
