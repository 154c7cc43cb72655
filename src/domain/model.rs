//! The project file's data: one [`Project`] per client company the consultant works with.
//!
//! It holds the data of all five layers from the start (docs/METHOD.md §3), so the file format does
//! not churn when a layer's screens arrive. Every entity has a stable [`Id`] (a UUID); entities
//! refer to each other by id only, and `persist::validate` checks those references on load.
//!
//! Conventions:
//! - money is [`Money`] (integer hundredths of the project's unit), percentages are `f64` in
//!   percent (78.0 means 78 %), dates are calendar dates (`2025-03-31` in files);
//! - an `Option` that is `None` means *unknown*, which is not the same as zero (a missing stage
//!   probability is not 0 %);
//! - collections default to empty, so a file written by an older version with fewer lists loads.

use super::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Stable identifier of any entity.
pub type Id = Uuid;

/// A new random id.
pub fn new_id() -> Id {
    Uuid::new_v4()
}

macro_rules! model {
    ($($item:item)*) => {
        $(
            #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
            #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
            #[serde(deny_unknown_fields)]
            $item
        )*
    };
}

macro_rules! enums {
    ($($item:item)*) => {
        $(
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
            #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
            $item
        )*
    };
}

enums! {
    /// Client category from the ABC analysis. `N` is a prospect without revenue (new).
    pub enum Category { A, B, C, N }

    /// Roles in the client's buying centre (docs/METHOD.md §1.1).
    pub enum Role {
        /// Person who influences the decision (ЛВР).
        #[serde(rename = "LVR")]
        Lvr,
        /// Person who forms the decision (ЛФР); addressee of the КП.
        #[serde(rename = "LFR")]
        Lfr,
        /// Decision maker (ЛПР); addressee of the ТЭО.
        #[serde(rename = "LPR")]
        Lpr,
    }

    /// Deal status. A lost deal keeps the furthest stage it reached.
    #[serde(rename_all = "snake_case")]
    pub enum DealStatus { Open, Won, Lost, OnHold }

    /// The contact's attitude to us.
    #[serde(rename_all = "snake_case")]
    pub enum Attitude { Supporter, Neutral, Opponent }

    /// How well we can reach the contact.
    #[serde(rename_all = "snake_case")]
    pub enum Access { None, Through, Direct }

    /// Kinds of touch points and promotion activities (docs/METHOD.md §6.3).
    #[serde(rename_all = "snake_case")]
    pub enum TouchKind { Exhibition, Seminar, Webinar, ReferenceVisit, Publication, Mailing, Visit, Call, Other }

    /// SPIN-like question types (docs/METHOD.md §3.4).
    #[serde(rename_all = "snake_case")]
    pub enum QuestionKind { Situation, Problem, Implication, NeedPayoff }

    /// Money units a project can count in.
    #[serde(rename_all = "snake_case")]
    pub enum MoneyUnit { Rub, ThousandRub, MillionRub }

    /// Status of a target-market hypothesis.
    #[serde(rename_all = "snake_case")]
    pub enum HypothesisStatus { ToCheck, Confirmed, Rejected }

    /// Which ABC boundary rule is used (docs/METHOD.md §3.1).
    #[serde(rename_all = "snake_case")]
    pub enum AbcRule {
        /// A client that crosses a threshold goes to the higher class (A covers ≥ 80 %).
        CumulativeBefore,
        /// The cumulative share including the client must stay within the threshold.
        CumulativeIncluding,
    }
}

impl Category {
    pub const ABC: [Category; 3] = [Category::A, Category::B, Category::C];

    /// Reads a category the way consultants type it: Latin or Cyrillic А/В/С, any case,
    /// with «кат.» and spaces around.
    pub fn parse(s: &str) -> Option<Category> {
        let t = s
            .trim()
            .trim_start_matches("кат.")
            .trim_start_matches("Кат.")
            .trim();
        match t {
            "A" | "a" | "А" | "а" => Some(Category::A),
            "B" | "b" | "В" | "в" => Some(Category::B),
            "C" | "c" | "С" | "с" => Some(Category::C),
            "N" | "n" => Some(Category::N),
            _ => None,
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            Category::A => "A",
            Category::B => "B",
            Category::C => "C",
            Category::N => "N",
        }
    }
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Lvr, Role::Lfr, Role::Lpr];

    /// The Russian abbreviation used everywhere in the UI.
    pub fn abbr(self) -> &'static str {
        match self {
            Role::Lvr => "ЛВР",
            Role::Lfr => "ЛФР",
            Role::Lpr => "ЛПР",
        }
    }

    /// The abbreviation in `lang`: ЛВР/ЛФР/ЛПР in Russian, LVR/LFR/LPR in English.
    pub fn abbr_in(self, lang: crate::i18n::Lang) -> &'static str {
        match (self, lang) {
            (_, crate::i18n::Lang::Ru) => self.abbr(),
            (Role::Lvr, _) => "LVR",
            (Role::Lfr, _) => "LFR",
            (Role::Lpr, _) => "LPR",
        }
    }
}

impl TouchKind {
    pub const ALL: [TouchKind; 9] = [
        TouchKind::Exhibition,
        TouchKind::Seminar,
        TouchKind::Webinar,
        TouchKind::ReferenceVisit,
        TouchKind::Publication,
        TouchKind::Mailing,
        TouchKind::Visit,
        TouchKind::Call,
        TouchKind::Other,
    ];
}

fn default_true() -> bool {
    true
}

/// Fields equal to their default are left out of files: a 10 000-deal project shrinks by a
/// third and saves faster; loading fills them back in (`#[serde(default)]`).
fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

model! {
    /// One client company's sales system, all five layers.
    pub struct Project {
        pub id: Id,
        pub name: String,
        pub company: Company,
        #[serde(default, skip_serializing_if = "is_default")]
        pub business_lines: Vec<Dimension>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub channels: Vec<Dimension>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub regions: Vec<Dimension>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub managers: Vec<Manager>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub clients: Vec<Client>,
        /// Revenue per client and year (from 1C or Excel), the input of the ABC analysis.
        #[serde(default, skip_serializing_if = "is_default")]
        pub revenues: Vec<ClientRevenue>,
        /// The project's ТФС stage list, in order.
        #[serde(default, skip_serializing_if = "is_default")]
        pub stages: Vec<Stage>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub deals: Vec<Deal>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub contacts: Vec<Contact>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub layer1: Layer1,
        #[serde(default, skip_serializing_if = "is_default")]
        pub layer3: Layer3,
        #[serde(default, skip_serializing_if = "is_default")]
        pub layer4: Layer4,
        #[serde(default, skip_serializing_if = "is_default")]
        pub layer5: Layer5,
        #[serde(default, skip_serializing_if = "is_default")]
        pub method: MethodState,
        /// Column mappings of table imports, remembered per kind of table.
        #[serde(default, skip_serializing_if = "is_default")]
        pub import_mappings: Vec<ImportMapping>,
        /// Diagnosis thresholds and saved diagnoses (docs/METHOD.md §4.2).
        #[serde(default, skip_serializing_if = "is_default")]
        pub diagnosis: DiagnosisState,
        /// Where this version comes from: revisions, states shared with copies, merge history
        /// (docs/ARCHITECTURE.md «Ancestry and merge»). Not a record: the merge keeps it apart.
        /// An [`Ancestry`] kept as JSON (read with `merge::ancestry_of`): only the merge and the
        /// history read it, so its types are not compiled into the start-up module; a damaged
        /// one counts as none (no shared state: a merge then deletes nothing).
        #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
        #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Ancestry"))]
        pub ancestry: serde_json::Value,
    }

    /// The project's ancestry: its revision, the revision it derives from, the states it shares
    /// with copies (exported files, merged files), and the merges it went through.
    #[derive(Default)]
    pub struct Ancestry {
        /// Counts the saves of the project (of any copy it derives from).
        #[serde(default, skip_serializing_if = "is_default")]
        pub revision: u64,
        /// This revision's id (new with every save).
        #[serde(default, skip_serializing_if = "is_default")]
        pub revision_id: Option<Id>,
        /// The revision this one was derived from.
        #[serde(default, skip_serializing_if = "is_default")]
        pub derived_from: Option<Id>,
        /// States shared with copies (an export, a merged file), oldest first, at most
        /// `merge::MAX_BASES`: the base of a later three-way merge.
        #[serde(default, skip_serializing_if = "is_default")]
        pub bases: Vec<SharedState>,
        /// Merges this project went through, oldest first.
        #[serde(default, skip_serializing_if = "is_default")]
        pub merges: Vec<MergeRecord>,
    }

    /// A state of the project shared with a copy: its revision and a stamp per record (not
    /// the records themselves), enough to tell "changed there" from "unchanged here".
    pub struct SharedState {
        pub revision_id: Id,
        pub revision: u64,
        /// When it was shared (ISO, UTC).
        #[serde(default, skip_serializing_if = "is_default")]
        pub at: String,
        /// Per record 8 bytes of key hash and 8 of content hash, base64url (`merge::stamps`).
        pub stamps: String,
    }

    /// A merge kept in the project's history: when, from where, what came from where and how
    /// the conflicts were resolved.
    pub struct MergeRecord {
        pub id: Id,
        /// When it was applied (ISO, UTC).
        pub at: String,
        pub source: MergeSource,
        /// The revision of the other copy that was merged in.
        #[serde(default, skip_serializing_if = "is_default")]
        pub their_revision: Option<Id>,
        /// Records taken from this copy's changes.
        #[serde(default, skip_serializing_if = "is_default")]
        pub from_mine: u32,
        /// Records taken from the other copy's changes.
        #[serde(default, skip_serializing_if = "is_default")]
        pub from_theirs: u32,
        /// Records deleted (by either side, or with a deleted record they referred to).
        #[serde(default, skip_serializing_if = "is_default")]
        pub deleted: u32,
        /// The conflicts and how each was resolved.
        #[serde(default, skip_serializing_if = "is_default")]
        pub conflicts: Vec<ResolvedConflict>,
    }

    /// A conflict of a merge and the side chosen.
    pub struct ResolvedConflict {
        pub kind: RecordKind,
        /// The record's code and name at the merge.
        pub label: String,
        pub chosen: MergeSide,
    }

    /// A remembered column mapping of a table import ("clients", "deals").
    pub struct ImportMapping {
        pub kind: String,
        /// File header → field key (`""` = not imported).
        pub columns: Vec<(String, String)>,
    }

    /// The seller company whose sales system is being built.
    pub struct Company {
        pub name: String,
        pub money_unit: MoneyUnit,
        /// The "as of" date of the data (the demo's is 31.03.2025); `None` means today.
        #[serde(default, skip_serializing_if = "is_default")]
        pub as_of: Option<NaiveDate>,
        /// The year whose revenue the ABC analysis uses.
        pub base_year: i32,
        /// The year being planned.
        pub plan_year: i32,
        #[serde(default, skip_serializing_if = "is_default")]
        pub notes: String,
    }

    /// A business line, channel or region.
    pub struct Dimension {
        pub id: Id,
        pub name: String,
    }

    /// A sales manager (менеджер).
    pub struct Manager {
        pub id: Id,
        /// Short code shown in tables (M1).
        #[serde(default, skip_serializing_if = "is_default")]
        pub code: String,
        pub name: String,
        /// Territory (a region), if assigned.
        #[serde(default, skip_serializing_if = "is_default")]
        pub region_id: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub channel_ids: Vec<Id>,
        /// Category focus (e.g. key-account manager for A).
        #[serde(default, skip_serializing_if = "is_default")]
        pub category_focus: Vec<Category>,
        #[serde(default = "default_true")]
        pub active: bool,
    }

    /// A client of the seller.
    pub struct Client {
        pub id: Id,
        #[serde(default, skip_serializing_if = "is_default")]
        pub code: String,
        pub name: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub industry: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub channel_id: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub region_id: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub business_line_ids: Vec<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub manager_id: Option<Id>,
        /// A category set by hand (e.g. a prospect rated by potential); overrides the ABC result.
        #[serde(default, skip_serializing_if = "is_default")]
        pub category_override: Option<Category>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub notes: String,
    }

    /// A client's revenue in a year, with the won deals behind it when known.
    pub struct ClientRevenue {
        pub client_id: Id,
        pub year: i32,
        pub amount: Money,
        /// Number of won deals in the year.
        #[serde(default, skip_serializing_if = "is_default")]
        pub won_deals: Option<u32>,
        /// Average days from lead to contract over those deals.
        #[serde(default, skip_serializing_if = "is_default")]
        pub avg_cycle_days: Option<f64>,
    }

    /// A ТФС stage (docs/METHOD.md §2.2). Codes are strings ("2.1"), never numbers.
    pub struct Stage {
        pub id: Id,
        pub code: String,
        pub name_ru: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub name_en: String,
        /// Counted in the funnel (default: stages 1…8).
        #[serde(default = "default_true")]
        pub is_funnel: bool,
        /// Reaching this stage means the deal is won (exactly one stage).
        #[serde(default, skip_serializing_if = "is_default")]
        pub is_won: bool,
        #[serde(default, skip_serializing_if = "is_default")]
        pub exit_criteria: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub role_focus: Vec<Role>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub tools: String,
        /// Target conversion from this stage to the next, %.
        #[serde(default, skip_serializing_if = "is_default")]
        pub target_conversion: Option<f64>,
        /// Probability of winning from this stage, % (`None` = unknown, not 0 %).
        #[serde(default, skip_serializing_if = "is_default")]
        pub win_probability: Option<f64>,
        /// Typical days in the stage; a deal longer than twice that is "stuck".
        #[serde(default, skip_serializing_if = "is_default")]
        pub typical_days: Option<u32>,
    }

    /// A project (deal, opportunity) at a client.
    pub struct Deal {
        pub id: Id,
        #[serde(default, skip_serializing_if = "is_default")]
        pub code: String,
        /// `None` for deals imported from a CRM without an account; they are flagged.
        #[serde(default, skip_serializing_if = "is_default")]
        pub client_id: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub manager_id: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub channel_id: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub business_line_id: Option<Id>,
        pub title: String,
        pub amount: Money,
        pub created: NaiveDate,
        /// The current stage (for a lost deal, the furthest it reached).
        pub stage_id: Id,
        pub status: DealStatus,
        #[serde(default, skip_serializing_if = "is_default")]
        pub lost_reason: String,
        /// Date of winning or losing.
        #[serde(default, skip_serializing_if = "is_default")]
        pub closed: Option<NaiveDate>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub next_step: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub next_step_date: Option<NaiveDate>,
        /// Every stage entry with its date, oldest first.
        #[serde(default, skip_serializing_if = "is_default")]
        pub history: Vec<StageEntry>,
        /// Confirmed needs of the ЛФР (stage 2.1).
        #[serde(default, skip_serializing_if = "is_default")]
        pub needs: Vec<DealNeed>,
        /// Decision criteria of the ЛФР/ЛПР (stage 2.2).
        #[serde(default, skip_serializing_if = "is_default")]
        pub criteria: Vec<DealCriterion>,
        /// The economic justification for the ЛПР (stage 2.3).
        #[serde(default, skip_serializing_if = "is_default")]
        pub teo: Option<Teo>,
        /// Extra КП data: specification lines and terms.
        #[serde(default, skip_serializing_if = "is_default")]
        pub proposal: Proposal,
    }

    /// A stage entry of a deal.
    pub struct StageEntry {
        pub stage_id: Id,
        pub entered: NaiveDate,
    }

    /// A confirmed need of the ЛФР in a deal.
    pub struct DealNeed {
        pub id: Id,
        /// The need of the channel's advantage matrix, if linked.
        #[serde(default, skip_serializing_if = "is_default")]
        pub need_id: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub text: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub confirmed_by: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub date: Option<NaiveDate>,
    }

    /// A decision criterion in a deal.
    pub struct DealCriterion {
        pub id: Id,
        pub text: String,
        pub owner: Role,
        #[serde(default, skip_serializing_if = "is_default")]
        pub weight: Option<f64>,
        /// The advantage of ours it matches, if any.
        #[serde(default, skip_serializing_if = "is_default")]
        pub advantage_id: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub influenced: bool,
    }

    /// Inputs of a ТЭО (docs/METHOD.md §5.2); the indicators are computed, never stored.
    pub struct Teo {
        /// One-off costs (CAPEX) by item.
        #[serde(default, skip_serializing_if = "is_default")]
        pub investment: Vec<MoneyLine>,
        /// Annual savings by item.
        #[serde(default, skip_serializing_if = "is_default")]
        pub savings: Vec<MoneyLine>,
        /// Annual operating costs after implementation (for TCO).
        #[serde(default, skip_serializing_if = "is_default")]
        pub opex: Vec<MoneyLine>,
        /// Annual operating costs of the alternative ("do nothing" or competitor), for TCO.
        #[serde(default, skip_serializing_if = "is_default")]
        pub alternative_opex: Vec<MoneyLine>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub salvage: Money,
        pub horizon_years: u32,
        /// Discount rate, %.
        pub discount_rate: f64,
        #[serde(default, skip_serializing_if = "is_default")]
        pub presented_on: Option<NaiveDate>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub notes: String,
    }

    /// A named amount.
    pub struct MoneyLine {
        pub name: String,
        pub amount: Money,
    }

    /// КП extras of a deal.
    #[derive(Default)]
    pub struct Proposal {
        #[serde(default, skip_serializing_if = "is_default")]
        pub lines: Vec<SpecLine>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub vat_pct: Option<f64>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub delivery: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub payment: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub warranty: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub validity_days: Option<u32>,
    }

    /// A specification line of a КП.
    pub struct SpecLine {
        pub name: String,
        pub qty: f64,
        pub unit_price: Money,
    }

    /// A person at a client.
    pub struct Contact {
        pub id: Id,
        pub client_id: Id,
        pub name: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub position: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub roles: Vec<Role>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub attitude: Option<Attitude>,
        /// Influence 0–10.
        #[serde(default, skip_serializing_if = "is_default")]
        pub influence: Option<u8>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub access: Option<Access>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub notes: String,
        /// Informal influence: this contact influences these contacts.
        #[serde(default, skip_serializing_if = "is_default")]
        pub influences: Vec<Id>,
    }

    /// Layer 1: goals and plans.
    #[derive(Default)]
    pub struct Layer1 {
        #[serde(default, skip_serializing_if = "is_default")]
        pub abc: AbcSettings,
        /// Company sales plan for the plan year.
        #[serde(default, skip_serializing_if = "is_default")]
        pub company_plan: Money,
        /// Category goals, % of the plan (A, B, C), must sum to 100.
        #[serde(default, skip_serializing_if = "is_default")]
        pub category_shares: CategoryValues,
        /// Historical share of stage-1 deals that were won, % (A, B, C).
        #[serde(default, skip_serializing_if = "is_default")]
        pub win_rates: CategoryValues,
        /// Hand-set A/B project counts that replace the computed ones.
        #[serde(default, skip_serializing_if = "is_default")]
        pub project_goal_overrides: CategoryCounts,
        /// Share of the annual plan per month, % (12 values); empty = linear.
        #[serde(default, skip_serializing_if = "is_default")]
        pub seasonality: Vec<f64>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub market_volumes: Vec<MarketVolume>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub manager_plans: Vec<ManagerPlan>,
        /// Entered actual sales (shipments invoiced) per period and manager.
        #[serde(default, skip_serializing_if = "is_default")]
        pub actuals: Vec<Actual>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub hypotheses: Vec<Hypothesis>,
        /// Warn when a manager owns more A clients than this.
        #[serde(default, skip_serializing_if = "is_default")]
        pub max_a_clients_per_manager: Option<u32>,
    }

    /// ABC settings.
    pub struct AbcSettings {
        /// Cumulative share of class A, %.
        pub threshold_a: f64,
        /// Share of class B on top of A, %.
        pub threshold_b: f64,
        pub rule: AbcRule,
        /// The revenue year analysed (`None` = the company's base year).
        #[serde(default, skip_serializing_if = "is_default")]
        pub year: Option<i32>,
    }

    /// A value per category A, B, C (`None` = not set).
    #[derive(Default)]
    pub struct CategoryValues {
        #[serde(default, skip_serializing_if = "is_default")]
        pub a: Option<f64>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub b: Option<f64>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub c: Option<f64>,
    }

    /// A count per category A, B (`None` = computed).
    #[derive(Default)]
    pub struct CategoryCounts {
        #[serde(default, skip_serializing_if = "is_default")]
        pub a: Option<u32>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub b: Option<u32>,
    }

    /// Market volume of our product types in a year, in total or for one business line.
    pub struct MarketVolume {
        pub year: i32,
        #[serde(default, skip_serializing_if = "is_default")]
        pub business_line_id: Option<Id>,
        pub amount: Money,
    }

    /// A manager's individual plan.
    pub struct ManagerPlan {
        pub manager_id: Id,
        pub amount: Money,
        /// Split by target channel.
        #[serde(default, skip_serializing_if = "is_default")]
        pub by_channel: Vec<ChannelAmount>,
        /// Split by category A, B, C.
        #[serde(default, skip_serializing_if = "is_default")]
        pub by_category: CategoryMoney,
        /// Hand-set number of projects in the funnel (`None` = computed).
        #[serde(default, skip_serializing_if = "is_default")]
        pub projects: Option<u32>,
    }

    /// An amount for a channel.
    pub struct ChannelAmount {
        pub channel_id: Id,
        pub amount: Money,
    }

    /// Money per category.
    #[derive(Default)]
    pub struct CategoryMoney {
        #[serde(default, skip_serializing_if = "is_default")]
        pub a: Money,
        #[serde(default, skip_serializing_if = "is_default")]
        pub b: Money,
        #[serde(default, skip_serializing_if = "is_default")]
        pub c: Money,
    }

    /// Actual sales for a period (inclusive dates), optionally per manager.
    pub struct Actual {
        pub id: Id,
        pub from: NaiveDate,
        pub to: NaiveDate,
        #[serde(default, skip_serializing_if = "is_default")]
        pub manager_id: Option<Id>,
        pub amount: Money,
        #[serde(default, skip_serializing_if = "is_default")]
        pub note: String,
    }

    /// A target-market hypothesis.
    pub struct Hypothesis {
        pub id: Id,
        pub segment: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub channel_id: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub region_id: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub market_volume: Option<Money>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub expected_share: Option<f64>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub rationale: String,
        pub status: HypothesisStatus,
    }

    /// Layer 3: maps, promotion, touch points.
    #[derive(Default)]
    pub struct Layer3 {
        #[serde(default, skip_serializing_if = "is_default")]
        pub map_templates: Vec<MapTemplate>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub activities: Vec<Activity>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub touch_points: Vec<TouchPoint>,
        /// Touch-point targets per client per quarter (A, B).
        #[serde(default, skip_serializing_if = "is_default")]
        pub touch_targets: CategoryValues,
    }

    /// Typical positions holding a role at clients of a channel and category.
    pub struct MapTemplate {
        pub channel_id: Id,
        pub category: Category,
        pub role: Role,
        #[serde(default, skip_serializing_if = "is_default")]
        pub positions: Vec<String>,
    }

    /// A promotion-programme activity; `is_pr` marks the PR plan.
    pub struct Activity {
        pub id: Id,
        pub channel_id: Id,
        pub kind: TouchKind,
        pub title: String,
        pub planned: NaiveDate,
        #[serde(default, skip_serializing_if = "is_default")]
        pub target_client_ids: Vec<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub manager_id: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub budget: Money,
        #[serde(default, skip_serializing_if = "is_default")]
        pub done: bool,
        #[serde(default, skip_serializing_if = "is_default")]
        pub is_pr: bool,
    }

    /// A logged interaction with a client.
    pub struct TouchPoint {
        pub id: Id,
        pub client_id: Id,
        #[serde(default, skip_serializing_if = "is_default")]
        pub contact_id: Option<Id>,
        pub date: NaiveDate,
        pub kind: TouchKind,
        #[serde(default, skip_serializing_if = "is_default")]
        pub activity_id: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub note: String,
    }

    /// Layer 4: needs, advantages, matrix, questions, templates.
    #[derive(Default)]
    pub struct Layer4 {
        #[serde(default, skip_serializing_if = "is_default")]
        pub needs: Vec<Need>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub advantages: Vec<Advantage>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub matrix: Vec<MatrixCell>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub questions: Vec<Question>,
        /// ЛФР briefing checklist: baseline data to collect for the ТЭО.
        #[serde(default, skip_serializing_if = "is_default")]
        pub briefing: Vec<BriefingItem>,
        /// Editable КП template text (placeholders filled from the data).
        #[serde(default, skip_serializing_if = "is_default")]
        pub kp_template: String,
        /// Editable ТЭО template text.
        #[serde(default, skip_serializing_if = "is_default")]
        pub teo_template: String,
        /// Payback threshold for metric 2.3, years.
        #[serde(default, skip_serializing_if = "is_default")]
        pub payback_threshold_years: Option<f64>,
    }

    /// A client need (hypothesis) in a channel.
    pub struct Need {
        pub id: Id,
        pub channel_id: Id,
        pub text: String,
        /// Order (depth) 1–4.
        pub order: u8,
        pub role: Role,
        #[serde(default, skip_serializing_if = "is_default")]
        pub problem_if_unsolved: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub parent_id: Option<Id>,
    }

    /// An advantage of the seller's solution in a channel.
    pub struct Advantage {
        pub id: Id,
        pub channel_id: Id,
        pub text: String,
        pub order: u8,
        #[serde(default, skip_serializing_if = "is_default")]
        pub proof: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub competitor_vulnerability: String,
    }

    /// How strongly an advantage meets a need, 0–3.
    pub struct MatrixCell {
        pub need_id: Id,
        pub advantage_id: Id,
        pub strength: u8,
    }

    /// A question of a question list.
    pub struct Question {
        pub id: Id,
        /// "2.1", "2.2" or "2.3".
        pub stage_code: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub channel_id: Option<Id>,
        pub role: Role,
        pub kind: QuestionKind,
        pub text: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub need_ids: Vec<Id>,
    }

    /// A line of the ЛФР briefing checklist.
    pub struct BriefingItem {
        pub id: Id,
        #[serde(default, skip_serializing_if = "is_default")]
        pub channel_id: Option<Id>,
        pub text: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub unit: String,
    }

    /// Layer 5: psychology checklists and the coaching log.
    #[derive(Default)]
    pub struct Layer5 {
        #[serde(default, skip_serializing_if = "is_default")]
        pub checklists: Vec<StageChecklist>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub coaching: Vec<CoachingNote>,
    }

    /// Behavioural points for one stage.
    pub struct StageChecklist {
        pub stage_id: Id,
        #[serde(default, skip_serializing_if = "is_default")]
        pub behaviours: Vec<String>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub mistakes: Vec<String>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub say: Vec<String>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub avoid: Vec<String>,
    }

    /// An entry of the expert coaching log («экспертная дотяжка»).
    pub struct CoachingNote {
        pub id: Id,
        pub manager_id: Id,
        #[serde(default, skip_serializing_if = "is_default")]
        pub deal_id: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub stage_id: Option<Id>,
        pub date: NaiveDate,
        #[serde(default, skip_serializing_if = "is_default")]
        pub expert: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub observations: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub agreed_actions: String,
        #[serde(default, skip_serializing_if = "is_default")]
        pub follow_up: Option<NaiveDate>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub result: String,
    }

    /// The method map's state: hand ticks and recorded overrides.
    #[derive(Default)]
    pub struct MethodState {
        /// Items ticked by hand (ids from `domain::method`).
        #[serde(default, skip_serializing_if = "is_default")]
        pub ticked: Vec<String>,
        /// Layers opened before their predecessor was complete, with the reason.
        #[serde(default, skip_serializing_if = "is_default")]
        pub overrides: Vec<LayerOverride>,
    }

    /// A recorded gating override.
    pub struct LayerOverride {
        pub layer: u8,
        pub reason: String,
        pub date: NaiveDate,
    }
}

enums! {
    /// Where a merged copy came from.
    #[serde(rename_all = "snake_case")]
    pub enum MergeSourceKind { File, Tab }

    /// One side of a merge: this copy («мои») or the other («их»).
    #[serde(rename_all = "snake_case")]
    pub enum MergeSide { Mine, Theirs }

    /// The kinds of records a merge compares (one per collection, plus settings).
    #[serde(rename_all = "snake_case")]
    pub enum RecordKind {
        Setting, StageOrder, BusinessLine, Channel, Region, Manager, Client, Revenue, Stage,
        Deal, Contact, MarketVolume, ManagerPlan, Actual, Hypothesis, MapTemplate, Activity,
        TouchPoint, Need, Advantage, MatrixCell, Question, Briefing, Checklist, Coaching,
        Tick, Override, ImportMapping, Diagnosis,
    }
}

model! {
    /// Where a merged copy came from: a file (its name) or another tab.
    pub struct MergeSource {
        pub kind: MergeSourceKind,
        #[serde(default, skip_serializing_if = "is_default")]
        pub file_name: String,
    }
}

enums! {
    /// What a diagnosis looks at: the company, or one manager, channel or category.
    #[serde(rename_all = "snake_case")]
    pub enum SegmentKind { Company, Manager, Channel, Category }

    /// How a diagnosis ended (docs/METHOD.md §4.2).
    #[serde(rename_all = "snake_case")]
    pub enum DiagnosisOutcome {
        /// Plan fulfilment at or above green and no forward risk: no problem.
        OnPlan,
        /// No plan for the period: layer 1 is not done, nothing further can be diagnosed.
        PlanMissing,
        /// The plan is not grounded in the key figures (layer 1).
        PlanNotSane,
        /// The plan is behind but the funnel metrics pass (layer 2: check deal sizes, cycle).
        FunnelUnexplained,
        /// The problem is localised at a layer 3–5 below a funnel issue.
        Localised,
    }
}

model! {
    /// The segment a diagnosis covers; `id` is the manager or channel, `category` the category.
    pub struct Segment {
        pub kind: SegmentKind,
        #[serde(default, skip_serializing_if = "is_default")]
        pub id: Option<Id>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub category: Option<Category>,
    }

    /// The diagnosis screen's thresholds and history.
    #[derive(Default)]
    pub struct DiagnosisState {
        #[serde(default, skip_serializing_if = "is_default")]
        pub thresholds: DiagnosisThresholds,
        /// Saved diagnoses, oldest first.
        #[serde(default, skip_serializing_if = "is_default")]
        pub saved: Vec<SavedDiagnosis>,
    }

    /// The threshold set Θ of the diagnosis (docs/METHOD.md §4.2), in %, except the factors. Touch
    /// targets (layer 3), stage target conversions (layer 2) and the ТЭО payback (layer 4) are
    /// the project's own settings and are not repeated here.
    pub struct DiagnosisThresholds {
        /// Plan fulfilment counted as on plan (green), %.
        pub plan_green: f64,
        /// Amber from here up to green, %.
        pub plan_amber: f64,
        /// The implied market share may be at most this × last year's share.
        pub share_factor: f64,
        /// Won A+B projects needed may be at most this × last year's won (warning only).
        pub projects_factor: f64,
        /// Leads at stage 1 against the leads needed pro rata, %.
        pub leads: f64,
        /// Pipeline coverage of the remaining plan below this is a forward risk, %.
        pub coverage: f64,
        /// A clients with both ЛФР and ЛПР identified, %.
        pub lfr_lpr: f64,
        /// Role coverage of the A clients (roles known / 3 × clients), %.
        pub role_coverage: f64,
        /// A clients with all three roles identified (full maps), %.
        pub full_maps: f64,
        /// Stage-1 activities of the promotion programme done of those due, %.
        pub programme: f64,
        /// Metric 2.1 «3+»: deals past 2.1 with ≥ 3 needs, %.
        pub metric_21: f64,
        /// Metric 2.2 «3+»: deals past 2.2 with ≥ 3 criteria, %.
        pub metric_22: f64,
        /// Metric 2.3: deals past 2.3 with a good ТЭО, %.
        pub metric_23: f64,
    }

    /// A saved diagnosis: the summary, not the project (docs/METHOD.md §4.2 output record).
    pub struct SavedDiagnosis {
        pub id: Id,
        /// The day it was saved.
        pub created: NaiveDate,
        pub period: super::period::Period,
        pub segment: Segment,
        pub outcome: DiagnosisOutcome,
        /// The layer where the problem is localised (`None`: no problem).
        #[serde(default, skip_serializing_if = "is_default")]
        pub layer: Option<u8>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub plan_pct: Option<f64>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub leads: Option<u32>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub leads_needed: Option<f64>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub touch_a: Option<f64>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub role_coverage: Option<f64>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub metric_21: Option<f64>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub metric_22: Option<f64>,
        #[serde(default, skip_serializing_if = "is_default")]
        pub metric_23: Option<f64>,
        /// Codes of the managers the finding names.
        #[serde(default, skip_serializing_if = "is_default")]
        pub managers: Vec<String>,
    }
}

impl Default for DiagnosisThresholds {
    fn default() -> Self {
        DiagnosisThresholds {
            plan_green: 95.0,
            plan_amber: 85.0,
            share_factor: 1.5,
            projects_factor: 1.5,
            leads: 90.0,
            coverage: 100.0,
            lfr_lpr: 100.0,
            role_coverage: 80.0,
            full_maps: 80.0,
            programme: 80.0,
            metric_21: 80.0,
            metric_22: 80.0,
            metric_23: 80.0,
        }
    }
}

impl Segment {
    /// The whole company.
    pub fn company() -> Segment {
        Segment {
            kind: SegmentKind::Company,
            id: None,
            category: None,
        }
    }
}

impl Default for AbcSettings {
    fn default() -> Self {
        AbcSettings {
            threshold_a: 80.0,
            threshold_b: 15.0,
            rule: AbcRule::CumulativeBefore,
            year: None,
        }
    }
}

/// «K05 Химкомбинат «Альфа»»: the code and the name, either alone when the other is empty.
fn code_and_name(code: &str, name: &str) -> String {
    match (code.trim().is_empty(), name.trim().is_empty()) {
        (true, _) => name.to_string(),
        (false, true) => code.to_string(),
        (false, false) => format!("{code} {name}"),
    }
}

impl Client {
    /// A new client with a fresh id, its code and name, and nothing else set yet.
    pub fn new(code: impl Into<String>, name: impl Into<String>) -> Client {
        Client {
            id: new_id(),
            code: code.into(),
            name: name.into(),
            industry: String::new(),
            channel_id: None,
            region_id: None,
            business_line_ids: vec![],
            manager_id: None,
            category_override: None,
            notes: String::new(),
        }
    }

    /// How lists and documents name a client: «K05 Химкомбинат «Альфа»».
    pub fn label(&self) -> String {
        code_and_name(&self.code, &self.name)
    }
}

impl Deal {
    /// How lists, pickers and documents name a deal: «D05 — Насосная станция» (the code or the
    /// title alone when the other is blank).
    pub fn label(&self) -> String {
        match (self.code.trim().is_empty(), self.title.trim().is_empty()) {
            (true, _) => self.title.clone(),
            (false, true) => self.code.clone(),
            (false, false) => format!("{} — {}", self.code, self.title),
        }
    }
    /// How evidence lists name a deal briefly: its code, or its title without one.
    pub fn short_label(&self) -> &str {
        if self.code.trim().is_empty() {
            &self.title
        } else {
            &self.code
        }
    }
}

impl Manager {
    /// A new active manager with a fresh id, its code and name, and nothing else set yet.
    pub fn new(code: impl Into<String>, name: impl Into<String>) -> Manager {
        Manager {
            id: new_id(),
            code: code.into(),
            name: name.into(),
            region_id: None,
            channel_ids: vec![],
            category_focus: vec![],
            active: true,
        }
    }

    /// How lists and documents name a manager: «M2 Петрова Мария».
    pub fn label(&self) -> String {
        code_and_name(&self.code, &self.name)
    }
}

impl Stage {
    /// The stage's name in `lang`: the English name in English when it is not empty, else the
    /// Russian one; in Russian the reverse (a stage created in English may have only `name_en`).
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        let (first, other) = match lang {
            crate::i18n::Lang::En => (&self.name_en, &self.name_ru),
            crate::i18n::Lang::Ru => (&self.name_ru, &self.name_en),
        };
        if first.trim().is_empty() {
            other
        } else {
            first
        }
    }

    /// «2.1 Needs of the LFR»: the code and the name in `lang`.
    pub fn label(&self, lang: crate::i18n::Lang) -> String {
        code_and_name(&self.code, self.name(lang))
    }
}

impl Project {
    /// An empty project with the default ТФС stages, ready to be filled.
    pub fn new_empty(name: &str, today: NaiveDate) -> Project {
        use chrono::Datelike;
        Project {
            id: new_id(),
            name: name.to_string(),
            company: Company {
                name: String::new(),
                money_unit: MoneyUnit::ThousandRub,
                as_of: None,
                base_year: today.year() - 1,
                plan_year: today.year(),
                notes: String::new(),
            },
            business_lines: vec![],
            channels: vec![],
            regions: vec![],
            managers: vec![],
            clients: vec![],
            revenues: vec![],
            stages: super::stages::default_stages(),
            deals: vec![],
            contacts: vec![],
            layer1: Layer1::default(),
            layer3: Layer3::default(),
            layer4: Layer4::default(),
            layer5: Layer5::default(),
            method: MethodState::default(),
            import_mappings: vec![],
            diagnosis: DiagnosisState::default(),
            ancestry: serde_json::Value::Null,
        }
    }

    pub fn stage(&self, id: Id) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }
    pub fn stage_by_code(&self, code: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.code == code)
    }
    /// Position of a stage in the project's order.
    pub fn stage_index(&self, id: Id) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }
    pub fn client(&self, id: Id) -> Option<&Client> {
        self.clients.iter().find(|c| c.id == id)
    }
    pub fn manager(&self, id: Id) -> Option<&Manager> {
        self.managers.iter().find(|m| m.id == id)
    }
    pub fn deal(&self, id: Id) -> Option<&Deal> {
        self.deals.iter().find(|d| d.id == id)
    }
    /// A deal to edit in place (None for an unknown id).
    pub fn deal_mut(&mut self, id: Id) -> Option<&mut Deal> {
        self.deals.iter_mut().find(|d| d.id == id)
    }
    pub fn contact(&self, id: Id) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }
    pub fn channel(&self, id: Id) -> Option<&Dimension> {
        self.channels.iter().find(|c| c.id == id)
    }
    /// The date the data is "as of": the company's setting or `today`.
    pub fn as_of(&self, today: NaiveDate) -> NaiveDate {
        self.company.as_of.unwrap_or(today)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn role_abbreviations_per_language() {
        use crate::i18n::Lang;
        let ru: Vec<_> = super::Role::ALL
            .iter()
            .map(|r| r.abbr_in(Lang::Ru))
            .collect();
        let en: Vec<_> = super::Role::ALL
            .iter()
            .map(|r| r.abbr_in(Lang::En))
            .collect();
        assert_eq!(
            (ru, en),
            (vec!["ЛВР", "ЛФР", "ЛПР"], vec!["LVR", "LFR", "LPR"])
        );
    }

    #[test]
    fn labels_join_code_and_name_and_skip_an_empty_one() {
        let p = crate::domain::demo::demo_project();
        let mut c = p.clients[0].clone();
        assert_eq!(c.label(), format!("{} {}", c.code, c.name));
        c.code.clear();
        assert_eq!(c.label(), c.name);
        let mut m = p.managers[1].clone();
        assert_eq!(m.label(), "M2 Петрова Мария");
        m.name = " ".into();
        assert_eq!(m.label(), "M2");
        let mut d = p.deals[0].clone();
        assert_eq!(d.label(), format!("{} — {}", d.code, d.title));
        assert_eq!(d.short_label(), d.code);
        d.code = " ".into();
        assert_eq!(
            (d.label(), d.short_label()),
            (d.title.clone(), d.title.as_str())
        );
        d.code = "D99".into();
        d.title.clear();
        assert_eq!((d.label(), d.short_label()), ("D99".to_string(), "D99"));
    }
}
