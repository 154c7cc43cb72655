//! Top-down diagnosis (docs/METHOD.md §4.2): «диагностика ведется на верхних слоях… Чем глубже
//! слой, тем сложнее диагностировать ошибку».
//!
//! [`diagnose`] composes the metrics the layers already compute — plan fulfilment
//! ([`layer1::fulfilment`]), leads and conversions ([`layer2::leads::leads_report`],
//! [`layer2::conversion::step_conversions`]), touch points, A/B leads and project maps
//! ([`accounts::touch_points`], [`accounts::a_elaboration`]), and the
//! layer-4 metrics ([`tools::metric_21`], [`tools::metric_22`], [`tools::metric_23`]) — and walks
//! them from the top:
//!
//! 1. **Layer 1.** No plan for the period → the plan is missing (localised at L1, nothing
//!    further). Fulfilment ≥ green and no forward risk (plan coverage, [`layer2::pipeline::plan_coverage`],
//!    below Θ.coverage with configured stage probabilities; with probabilities estimated from
//!    history a shortfall is only a warning) → on plan, no problem. Otherwise
//!    the plan must be *sane* (see [`plan_sanity`]), else L1.
//! 2. **Layer 2.** Issues: inflow (A or B leads at stage 1 below Θ.leads % of the need pro rata)
//!    and every funnel step whose snapshot conversion is below the stage's target. None → the
//!    plan gap is not explained by the funnel (L2, check deal sizes and cycle).
//! 3. **Layers 3 → 4 → 5 per issue** (table «What is checked per issue»): the first layer whose
//!    checks fail takes the issue; when L3 and L4 pass, the issue is at L5 (by exclusion). The
//!    diagnosis is localised at the shallowest layer of its issues.
//!
//! Segments (manager, channel, category) are diagnosed on a copy of the project reduced to the
//! segment ([`segment_project`]); categories always come from the whole project's ABC analysis.
//!
//! \[INTERPRETATION\] *Managers involved* in a layer-3 finding: the managers whose own A/B clients
//! fail the most of the layer-3 checks that fail for the segment (touch points A and B, ЛФР+ЛПР
//! known, role coverage, full maps). On the demo that is M2 and M4 (docs/METHOD.md §4.2 worked
//! example). For layer-4 and layer-5 findings: the managers of the deals that fail.

use super::accounts::{self, a_elaboration, touch_points, AElaboration, Categories};
use super::layer1::{self, TrafficLight};
use super::layer2::{
    self,
    conversion::{Conversion, TargetFlag},
    filter::deal_manager,
};
use super::model::{
    Category, CategoryValues, Deal, DiagnosisOutcome, DiagnosisThresholds, Id, Project, Role,
    SavedDiagnosis, Segment, SegmentKind,
};
use super::money::{ratio_pct, Money};
use super::period::Period;
use super::route::{L1Tab, L3Tab, L4Tab, L5Tab, Place};
use super::tools::{self, CriteriaCounting};
use crate::domain::layer1::abc::{abc_for_project, client_categories, AbcResult};
use chrono::NaiveDate;

/// The verdict of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Pass,
    Fail,
    /// A warning that does not stop the walk (e.g. an ambitious project count).
    Warn,
    /// Not enough data to judge.
    NoData,
}

/// What a check measures; the screen names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// L1: fact / plan to date, %.
    PlanFulfilment,
    /// L1: weighted pipeline / remaining plan, %.
    Coverage,
    /// L1 sanity: the plan for the period is entered.
    PlanEntered,
    /// L1 sanity: category shares sum to 100 %.
    CategoryShares,
    /// L1 sanity: Σ manager plans = the plan (±1 %).
    ManagerPlans,
    /// L1 sanity: implied market share / last year's share (value: implied %, threshold: max %).
    MarketShare,
    /// L1 sanity: won A+B projects needed vs won last year (warning only).
    ProjectsNeeded,
    /// L2/L3: leads of a category at stage 1 vs needed (value: actual, threshold: needed).
    Leads(Category),
    /// L2: conversion between two funnel stages (indices in `p.stages`).
    Conversion { from: usize, to: usize },
    /// L3: average touch points per client of a category vs the target.
    Touches(Category),
    /// L3: A clients where all these roles are identified, %.
    RolesKnown(&'static [Role]),
    /// L3: role coverage of the A clients, %.
    RoleCoverage,
    /// L3: A clients with a touch point with the ЛПР in the period, %.
    LprAccess,
    /// L3: stage-1 activities done of those due, %.
    Programme,
    /// L4: an advantage matrix in every channel of the segment.
    Matrix,
    /// L4: question lists of a stage in every channel.
    Questions(&'static str),
    /// L4: a template is filled in.
    Template(tools::Template),
    /// L4: metric 2.1 «3+», %.
    Metric21,
    /// L4: metric 2.2 «3+», %.
    Metric22,
    /// L4: metric 2.3, deals past 2.3 with a good ТЭО, %.
    Metric23,
}

/// One check with its evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub layer: u8,
    pub metric: Metric,
    /// The measured value (% or count, see [`Metric`]).
    pub value: Option<f64>,
    /// The threshold it is compared with.
    pub threshold: Option<f64>,
    /// The full need behind a threshold that is a share of it (leads: the threshold is
    /// Θ.leads % of this need).
    pub need: Option<f64>,
    pub status: Status,
    /// Clients, deals and managers behind a failure, in the project's order.
    pub clients: Vec<Id>,
    pub deals: Vec<Id>,
    pub managers: Vec<Id>,
}

impl Check {
    fn new(layer: u8, metric: Metric, value: Option<f64>, threshold: Option<f64>) -> Check {
        Check {
            layer,
            metric,
            value,
            threshold,
            need: None,
            status: Status::NoData,
            clients: vec![],
            deals: vec![],
            managers: vec![],
        }
    }
    /// Pass when `value ≥ threshold` (both known), fail when below, no data otherwise.
    fn at_least(layer: u8, metric: Metric, value: Option<f64>, threshold: f64) -> Check {
        let mut c = Check::new(layer, metric, value, Some(threshold));
        c.status = match value {
            Some(v) if v.is_finite() => {
                if v + 1e-9 >= threshold {
                    Status::Pass
                } else {
                    Status::Fail
                }
            }
            _ => Status::NoData,
        };
        c
    }
    fn with(mut self, status: Status) -> Check {
        self.status = status;
        self
    }
    pub fn failed(&self) -> bool {
        self.status == Status::Fail
    }
}

/// A layer-2 issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueKind {
    /// Too few leads at stage 1.
    Inflow,
    /// A conversion below target between funnel stages `from` → `to` (indices in `p.stages`).
    Conversion { from: usize, to: usize },
}

/// A layer-2 issue drilled down through layers 3, 4, 5.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    pub kind: IssueKind,
    /// The layer-2 checks that raised it.
    pub evidence: Vec<Check>,
    /// Estimated money the issue costs (missing leads or conversions × average deal).
    pub impact: Money,
    pub l3: Vec<Check>,
    pub l4: Vec<Check>,
    /// 3, 4 or 5.
    pub layer: u8,
    /// Managers the finding names.
    pub managers: Vec<Id>,
}

/// A recommended action (docs/METHOD.md §4.2 action catalogue) with the screen where it is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// A1: enter the company plan and category goals.
    EnterPlan,
    /// A1: recompute key figures (ABC, average deal, cycle).
    KeyFigures,
    /// A1: re-split the plan across managers.
    SplitPlan,
    /// A1: revisit market hypotheses and the market share.
    Hypotheses,
    /// A1b: check deal sizes and cycle against the funnel.
    DealSizes,
    /// A3: complete the project maps (missing ЛФР/ЛПР).
    CompleteMaps,
    /// A3: more touch points for the listed clients.
    MoreTouches,
    /// A3: run the stage-1 activities of the programme, add PR.
    RunProgramme,
    /// A4: extend the advantage matrix.
    ExtendMatrix,
    /// A4: train and use the question lists.
    UseQuestions,
    /// A4: the ЛФР briefing before the ТЭО.
    Briefing,
    /// A4: recheck ТЭО inputs and effect.
    RecheckTeo,
    /// A4: КП/ТЭО templates.
    Templates,
    /// A5: expert «дотяжка» for the listed managers.
    Coaching,
}

impl Action {
    /// Every action of the catalogue.
    pub const ALL: [Action; 14] = [
        Action::EnterPlan,
        Action::KeyFigures,
        Action::SplitPlan,
        Action::Hypotheses,
        Action::DealSizes,
        Action::CompleteMaps,
        Action::MoreTouches,
        Action::RunProgramme,
        Action::ExtendMatrix,
        Action::UseQuestions,
        Action::Briefing,
        Action::RecheckTeo,
        Action::Templates,
        Action::Coaching,
    ];

    /// Catalogue code (A1, A1b, A3, A4, A5).
    pub fn code(self) -> &'static str {
        match self {
            Action::EnterPlan | Action::KeyFigures | Action::SplitPlan | Action::Hypotheses => "A1",
            Action::DealSizes => "A1b",
            Action::CompleteMaps | Action::MoreTouches | Action::RunProgramme => "A3",
            Action::ExtendMatrix
            | Action::UseQuestions
            | Action::Briefing
            | Action::RecheckTeo
            | Action::Templates => "A4",
            Action::Coaching => "A5",
        }
    }
    /// The tab where it is done («где исправить»).
    pub fn place(self) -> Place {
        match self {
            Action::EnterPlan => Place::L1(L1Tab::Goals),
            Action::KeyFigures | Action::DealSizes => Place::L1(L1Tab::Abc),
            Action::SplitPlan => Place::L1(L1Tab::Plans),
            Action::Hypotheses => Place::L1(L1Tab::Hypotheses),
            Action::CompleteMaps => Place::L3(L3Tab::Maps),
            Action::MoreTouches => Place::L3(L3Tab::Touches),
            Action::RunProgramme => Place::L3(L3Tab::Programme),
            Action::ExtendMatrix => Place::L4(L4Tab::Matrix),
            Action::UseQuestions => Place::L4(L4Tab::Questions),
            Action::Briefing => Place::L4(L4Tab::Briefing),
            Action::RecheckTeo => Place::L4(L4Tab::Teo),
            Action::Templates => Place::L4(L4Tab::Docs),
            Action::Coaching => Place::L5(L5Tab::Coaching),
        }
    }
}

/// The result of [`diagnose`].
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnosis {
    pub period: Period,
    pub segment: Segment,
    pub as_of: NaiveDate,
    pub outcome: DiagnosisOutcome,
    /// The layer where the problem is localised; `None` when none was found.
    pub layer: Option<u8>,
    /// Layer-1 checks: fulfilment, coverage, sanity.
    pub l1: Vec<Check>,
    /// Layer-2 checks (empty when the walk stopped at layer 1).
    pub l2: Vec<Check>,
    /// Layer-2 issues drilled down, by money impact.
    pub issues: Vec<Issue>,
    /// Managers named by the findings at the localised layer.
    pub managers: Vec<Id>,
    /// Recommended actions, without repeats.
    pub actions: Vec<Action>,
    /// Key figures for the history (computed whatever the path).
    pub summary: Summary,
}

/// Key figures of a diagnosis, kept when it is saved.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub plan_pct: Option<f64>,
    pub leads: Option<u32>,
    pub leads_needed: Option<f64>,
    pub touch_a: Option<f64>,
    pub touch_a_target: Option<f64>,
    pub role_coverage: Option<f64>,
    pub metric_21: Option<f64>,
    pub metric_22: Option<f64>,
    pub metric_23: Option<f64>,
}

// ---------------------------------------------------------------------------------------------
// Segments
// ---------------------------------------------------------------------------------------------

/// The deal's channel: its own, or else its client's.
fn deal_channel(p: &Project, d: &Deal) -> Option<Id> {
    d.channel_id.or_else(|| {
        d.client_id
            .and_then(|c| p.client(c))
            .and_then(|c| c.channel_id)
    })
}

/// A copy of `p` reduced to `seg`: its clients, deals, contacts, touch points and activities,
/// with the segment's plan as the company plan (a manager's plan; Σ of the managers' channel
/// splits; the category's share of the plan) and its managers' plans cut the same way.
/// Entered actuals are kept only for a manager (they are not split by channel or category), so
/// other segments measure the fact by won deals ([`layer1::fact_in_period`]). Market volumes are
/// kept for the company only.
pub fn segment_project(p: &Project, seg: &Segment, cats: &Categories) -> Project {
    let mut q = p.clone();
    let keep_client: Box<dyn Fn(&super::model::Client) -> bool> = match seg.kind {
        SegmentKind::Company => return q,
        SegmentKind::Manager => Box::new(|c| c.manager_id.is_some() && c.manager_id == seg.id),
        SegmentKind::Channel => Box::new(|c| c.channel_id.is_some() && c.channel_id == seg.id),
        SegmentKind::Category => {
            Box::new(|c| seg.category.is_some() && cats.get(&c.id).copied() == seg.category)
        }
    };
    let clients: std::collections::HashSet<Id> = p
        .clients
        .iter()
        .filter(|c| keep_client(c))
        .map(|c| c.id)
        .collect();
    let keep_deal = |d: &Deal| match seg.kind {
        SegmentKind::Manager => seg.id.is_some() && deal_manager(p, d) == seg.id,
        SegmentKind::Channel => seg.id.is_some() && deal_channel(p, d) == seg.id,
        _ => d.client_id.is_some_and(|c| clients.contains(&c)),
    };
    q.deals.retain(|d| keep_deal(d));
    q.clients.retain(|c| clients.contains(&c.id));
    q.revenues.retain(|r| clients.contains(&r.client_id));
    q.contacts.retain(|c| clients.contains(&c.client_id));
    q.layer3
        .touch_points
        .retain(|t| clients.contains(&t.client_id));
    q.layer1.market_volumes.clear();
    q.layer1.project_goal_overrides = Default::default();
    match seg.kind {
        SegmentKind::Manager => {
            q.managers.retain(|m| Some(m.id) == seg.id);
            q.layer1
                .manager_plans
                .retain(|m| Some(m.manager_id) == seg.id);
            q.layer1
                .actuals
                .retain(|a| a.manager_id.is_some() && a.manager_id == seg.id);
            let plan: Money = q.layer1.manager_plans.iter().map(|m| m.amount).sum();
            q.layer1.company_plan = plan;
            if let Some(mp) = q.layer1.manager_plans.first() {
                let c = &mp.by_category;
                let sum = (c.a + c.b + c.c).as_f64();
                if sum > 0.0 {
                    q.layer1.category_shares = CategoryValues {
                        a: Some(c.a.as_f64() / sum * 100.0),
                        b: Some(c.b.as_f64() / sum * 100.0),
                        c: Some(c.c.as_f64() / sum * 100.0),
                    };
                }
            }
            q.layer3.activities.retain(|a| {
                a.manager_id == seg.id || a.target_client_ids.iter().any(|c| clients.contains(c))
            });
        }
        SegmentKind::Channel => {
            q.layer1.actuals.clear();
            for mp in q.layer1.manager_plans.iter_mut() {
                mp.amount = mp
                    .by_channel
                    .iter()
                    .filter(|c| Some(c.channel_id) == seg.id)
                    .map(|c| c.amount)
                    .sum();
                mp.by_channel.retain(|c| Some(c.channel_id) == seg.id);
                mp.by_category = Default::default();
            }
            q.layer1.company_plan = q.layer1.manager_plans.iter().map(|m| m.amount).sum();
            q.channels.retain(|c| Some(c.id) == seg.id);
            q.layer3.activities.retain(|a| Some(a.channel_id) == seg.id);
        }
        SegmentKind::Category => {
            let k = seg.category.unwrap_or(Category::N);
            q.layer1.actuals.clear();
            let share = layer1::category_value(&p.layer1.category_shares, k).unwrap_or(0.0);
            q.layer1.company_plan = p.layer1.company_plan.percent(share);
            q.layer1.category_shares = CategoryValues {
                a: Some(if k == Category::A { 100.0 } else { 0.0 }),
                b: Some(if k == Category::B { 100.0 } else { 0.0 }),
                c: Some(if k == Category::C { 100.0 } else { 0.0 }),
            };
            for mp in q.layer1.manager_plans.iter_mut() {
                mp.amount = layer1::category_money(&mp.by_category, k);
                mp.by_channel.clear();
            }
        }
        SegmentKind::Company => {}
    }
    q
}

// ---------------------------------------------------------------------------------------------
// Layer 1
// ---------------------------------------------------------------------------------------------

/// Plan sanity (\[INTERPRETATION\] of docs/METHOD.md §4.2 «plan is sane»): the plan is entered; the
/// category shares sum to 100 %; the managers' plans add up to the plan (±1 %); for the company,
/// the implied market share is at most Θ.share_factor × last year's actual share (when the
/// market volumes are entered); and the won A+B projects the plan needs are at most
/// Θ.projects_factor × those won last year (a warning only: the funnel may grow).
pub fn plan_sanity(p: &Project, abc: &AbcResult, th: &DiagnosisThresholds) -> Vec<Check> {
    let mut out = vec![];
    let entered = p.layer1.company_plan > Money::ZERO;
    out.push(
        Check::new(1, Metric::PlanEntered, None, None).with(if entered {
            Status::Pass
        } else {
            Status::Fail
        }),
    );
    let cp = layer1::category_plans(p);
    out.push(
        Check::new(1, Metric::CategoryShares, Some(cp.shares_sum), Some(100.0)).with(
            if cp.shares_ok {
                Status::Pass
            } else {
                Status::Fail
            },
        ),
    );
    let mp = layer1::manager_plans(p, abc, layer1::DEFAULT_TOLERANCE_PCT);
    let mut c = Check::new(
        1,
        Metric::ManagerPlans,
        Some(mp.total.as_f64()),
        Some(mp.company_plan.as_f64()),
    );
    c.status = if p.layer1.manager_plans.is_empty() {
        Status::NoData
    } else if mp.total_ok {
        Status::Pass
    } else {
        Status::Fail
    };
    c.managers = mp.without_plan.clone();
    out.push(c);
    let ms = layer1::market_share(p);
    let implied = ms.total.plan_share_pct;
    let base = ms.total.base_share_pct;
    let max = base.map(|b| b * th.share_factor);
    let mut c = Check::new(1, Metric::MarketShare, implied, max);
    c.status = match (implied, max) {
        (Some(v), Some(m)) if v > m + 1e-9 => Status::Fail,
        (Some(_), Some(_)) => Status::Pass,
        _ => Status::NoData,
    };
    out.push(c);
    let goals = layer1::project_goals(p, abc);
    let needed: Option<u32> = goals.iter().map(|g| g.won_needed).sum::<Option<u32>>();
    let last: u32 = [Category::A, Category::B]
        .iter()
        .filter_map(|k| abc.summary_of(*k))
        .filter_map(|s| s.won_deals)
        .sum();
    let max = (last > 0).then_some(last as f64 * th.projects_factor);
    let mut c = Check::new(1, Metric::ProjectsNeeded, needed.map(f64::from), max);
    c.status = match (needed, max) {
        (Some(n), Some(m)) if f64::from(n) > m + 1e-9 => Status::Warn,
        (Some(_), Some(_)) => Status::Pass,
        _ => Status::NoData,
    };
    out.push(c);
    out
}

// ---------------------------------------------------------------------------------------------
// Layer 3 helpers
// ---------------------------------------------------------------------------------------------

fn pct_with_roles(e: &AElaboration, roles: &[Role]) -> (Option<f64>, Vec<Id>) {
    let missing: Vec<Id> = e
        .a_clients
        .iter()
        .filter(|c| roles.iter().any(|r| e.missing(*r).contains(c)))
        .copied()
        .collect();
    let pct = ratio_pct(
        (e.a_clients.len() - missing.len()) as f64,
        e.a_clients.len() as f64,
    );
    (pct, missing)
}

const LFR_LPR: &[Role] = &[Role::Lfr, Role::Lpr];
const LFR: &[Role] = &[Role::Lfr];
const LPR: &[Role] = &[Role::Lpr];
const LVR: &[Role] = &[Role::Lvr];

/// Every layer-3 figure of a (segment) project, computed once.
struct L3 {
    touches: accounts::TouchReport,
    elab: AElaboration,
    programme_due: usize,
    programme_done: usize,
}

impl L3 {
    fn touches(&self, k: Category) -> Check {
        let t = self.touches.category(k);
        let avg = t.and_then(|t| t.average);
        let target = t.and_then(|t| t.target);
        let mut c = match target {
            Some(target) => Check::at_least(3, Metric::Touches(k), avg, target),
            None => Check::new(3, Metric::Touches(k), avg, None),
        };
        if c.failed() {
            c.clients = t.map(|t| t.below_target.clone()).unwrap_or_default();
        }
        c
    }
    fn roles(&self, roles: &'static [Role], threshold: f64) -> Check {
        let (pct, missing) = pct_with_roles(&self.elab, roles);
        let mut c = Check::at_least(3, Metric::RolesKnown(roles), pct, threshold);
        if c.failed() {
            c.clients = missing;
        }
        c
    }
    /// A clients whose map lacks one of ЛВР, ЛФР, ЛПР.
    fn a_clients_without_full_map(&self) -> Vec<Id> {
        self.elab
            .a_clients
            .iter()
            .filter(|id| !self.elab.full_maps.contains(id))
            .copied()
            .collect()
    }
    fn role_coverage(&self, th: &DiagnosisThresholds) -> Check {
        let mut c = Check::at_least(
            3,
            Metric::RoleCoverage,
            self.elab.role_coverage_pct(),
            th.role_coverage,
        );
        if c.failed() {
            c.clients = self.a_clients_without_full_map();
        }
        c
    }
    fn full_maps(&self, th: &DiagnosisThresholds) -> Check {
        let mut c = Check::at_least(
            3,
            Metric::RolesKnown(&[Role::Lvr, Role::Lfr, Role::Lpr]),
            self.elab.full_maps_pct(),
            th.full_maps,
        );
        if c.failed() {
            c.clients = self.a_clients_without_full_map();
        }
        c
    }
    fn programme(&self, th: &DiagnosisThresholds) -> Check {
        let pct = ratio_pct(self.programme_done as f64, self.programme_due as f64);
        Check::at_least(3, Metric::Programme, pct, th.programme)
    }
    fn lpr_access(&self, th: &DiagnosisThresholds) -> Check {
        let a: Vec<&accounts::ClientTouches> = self
            .touches
            .clients
            .iter()
            .filter(|c| c.category == Category::A)
            .collect();
        let without: Vec<Id> = a
            .iter()
            .filter(|c| c.with_role(Role::Lpr) == 0)
            .map(|c| c.client_id)
            .collect();
        let pct = ratio_pct((a.len() - without.len()) as f64, a.len() as f64);
        let mut c = Check::at_least(3, Metric::LprAccess, pct, th.full_maps);
        if c.failed() {
            c.clients = without;
        }
        c
    }
}

fn layer3(p: &Project, cats: &Categories, period: Period, as_of: NaiveDate) -> L3 {
    let progs = accounts::promotion_programmes(p, cats, period, as_of);
    L3 {
        touches: touch_points(p, cats, period),
        elab: a_elaboration(p, cats),
        programme_due: progs.iter().map(|c| c.due).sum(),
        programme_done: progs.iter().map(|c| c.due - c.overdue.len()).sum(),
    }
}

// ---------------------------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------------------------

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// Managers of the given clients' and deals', in the project's manager order.
fn managers_of(p: &Project, clients: &[Id], deals: &[Id]) -> Vec<Id> {
    let mut set = vec![];
    for c in clients {
        if let Some(m) = p.client(*c).and_then(|c| c.manager_id) {
            push_unique(&mut set, m);
        }
    }
    for d in deals {
        if let Some(m) = p
            .deals
            .iter()
            .find(|x| x.id == *d)
            .and_then(|d| deal_manager(p, d))
        {
            push_unique(&mut set, m);
        }
    }
    p.managers
        .iter()
        .map(|m| m.id)
        .filter(|m| set.contains(m))
        .collect()
}

/// The managers whose own clients fail the most of the failed layer-3 checks (see the module
/// docs).
fn l3_managers(
    p: &Project,
    cats: &Categories,
    period: Period,
    as_of: NaiveDate,
    th: &DiagnosisThresholds,
    failed: &[Check],
) -> Vec<Id> {
    let mut best = 0usize;
    let mut out = vec![];
    for m in &p.managers {
        let seg = Segment {
            kind: SegmentKind::Manager,
            id: Some(m.id),
            category: None,
        };
        let q = segment_project(p, &seg, cats);
        if q.clients.is_empty() {
            continue;
        }
        let l3 = layer3(&q, cats, period, as_of);
        let score = failed
            .iter()
            .filter(|c| {
                let mine = match c.metric {
                    Metric::Touches(k) => l3.touches(k),
                    Metric::RolesKnown(r) if r.len() == 3 => l3.full_maps(th),
                    Metric::RolesKnown(r) => l3.roles(r, c.threshold.unwrap_or(100.0)),
                    Metric::RoleCoverage => l3.role_coverage(th),
                    Metric::LprAccess => l3.lpr_access(th),
                    _ => return false,
                };
                mine.failed()
            })
            .count();
        if score > best {
            best = score;
            out = vec![m.id];
        } else if score == best && score > 0 {
            out.push(m.id);
        }
    }
    out
}

fn conv_check(c: &Conversion) -> Check {
    let metric = Metric::Conversion {
        from: c.from,
        to: c.to,
    };
    let mut k = Check::new(2, metric, c.pct, c.target);
    k.status = match c.flag {
        TargetFlag::Below => Status::Fail,
        TargetFlag::Met => Status::Pass,
        TargetFlag::NoData | TargetFlag::NoTarget => Status::NoData,
    };
    k
}

/// Runs the top-down diagnosis of `seg` over `period` as of `as_of` with thresholds `th`.
pub fn diagnose(
    p: &Project,
    period: Period,
    seg: &Segment,
    as_of: NaiveDate,
    th: &DiagnosisThresholds,
) -> Diagnosis {
    let cats = client_categories(p);
    let abc = abc_for_project(p);
    let q = segment_project(p, seg, &cats);
    let lights = TrafficLight::from_thresholds(th);
    let deals: Vec<&Deal> = q.deals.iter().collect();
    let l3 = layer3(&q, &cats, period, as_of);
    let in_seg = |d: &Deal| q.deals.iter().any(|x| x.id == d.id);
    let m21 = tools::metric_21(&q, in_seg);
    let m22 = tools::metric_22(&q, CriteriaCounting::All, in_seg);
    let m23 = tools::metric_23(&q, in_seg);
    let f = layer1::fulfilment(&q, period, &lights);
    let goals = layer1::project_goals(&q, &abc);
    let lead_report = layer2::leads::leads_report(&q, &deals, &cats, &goals, period);
    let ab_leads: Vec<&layer2::leads::CategoryLeads> = [Category::A, Category::B]
        .iter()
        .filter_map(|k| lead_report.category(*k))
        .collect();
    let summary = Summary {
        plan_pct: f.company.pct,
        leads: Some(ab_leads.iter().map(|c| c.actual as u32).sum()),
        leads_needed: ab_leads
            .iter()
            .filter_map(|c| c.needed())
            .fold(None, |acc, n| Some(acc.unwrap_or(0.0) + n)),
        touch_a: l3.touches.category(Category::A).and_then(|t| t.average),
        touch_a_target: l3.touches.category(Category::A).and_then(|t| t.target),
        role_coverage: l3.elab.role_coverage_pct(),
        metric_21: m21.as_ref().and_then(|m| m.share_pct()),
        metric_22: m22.as_ref().and_then(|m| m.share_pct()),
        metric_23: m23.as_ref().and_then(|m| m.good_share_pct()),
    };
    let mut d = Diagnosis {
        period,
        segment: seg.clone(),
        as_of,
        outcome: DiagnosisOutcome::OnPlan,
        layer: None,
        l1: vec![],
        l2: vec![],
        issues: vec![],
        managers: vec![],
        actions: vec![],
        summary,
    };

    // ---- Layer 1 ----
    let mut fc = Check::at_least(1, Metric::PlanFulfilment, f.company.pct, th.plan_green);
    if fc.failed() {
        fc.managers = f
            .managers
            .iter()
            .filter(|m| m.pct.is_some_and(|x| x + 1e-9 < th.plan_green))
            .filter_map(|m| m.manager_id)
            .collect();
    }
    // Plan coverage as Слой 2 → Метрики shows it; a shortfall is a forward risk when the stage
    // probabilities are configured, only a warning when they are estimated from history.
    let pc = layer2::pipeline::plan_coverage(&q, &deals, as_of);
    let mut cc = Check::at_least(1, Metric::Coverage, pc.coverage.pct, th.coverage);
    if pc.source == layer2::pipeline::ProbabilitySource::Historical && cc.failed() {
        cc.status = Status::Warn;
    }
    let sanity = plan_sanity(&q, &abc, th);
    let plan_missing = f.company.plan_to_date <= Money::ZERO;
    let on_plan = fc.status == Status::Pass && cc.status != Status::Fail;
    d.l1.push(fc);
    d.l1.push(cc);
    d.l1.extend(sanity);
    if plan_missing {
        d.outcome = DiagnosisOutcome::PlanMissing;
        d.layer = Some(1);
        d.actions = vec![Action::EnterPlan, Action::KeyFigures, Action::SplitPlan];
        return d;
    }
    if on_plan {
        return d;
    }
    if d.l1
        .iter()
        .any(|c| c.failed() && c.metric != Metric::PlanFulfilment && c.metric != Metric::Coverage)
    {
        d.outcome = DiagnosisOutcome::PlanNotSane;
        d.layer = Some(1);
        d.actions = vec![Action::KeyFigures, Action::SplitPlan, Action::Hypotheses];
        d.managers =
            d.l1.iter()
                .filter(|c| c.failed())
                .flat_map(|c| c.managers.clone())
                .fold(vec![], |mut v, m| {
                    push_unique(&mut v, m);
                    v
                });
        return d;
    }

    // ---- Layer 2 ----
    let avg_amount = if deals.is_empty() {
        Money::ZERO
    } else {
        Money::from_f64(deals.iter().map(|d| d.amount.as_f64()).sum::<f64>() / deals.len() as f64)
    };
    let mut issues: Vec<Issue> = vec![];
    let mut inflow = vec![];
    let mut missing_leads = 0.0;
    for cl in &ab_leads {
        let Some(lv) = cl.vs else { continue };
        // The check holds the leads to Θ.leads % of the need, and shows that count as its
        // threshold, with the need beside it.
        let mut c = Check::new(
            2,
            Metric::Leads(cl.category),
            Some(cl.actual as f64),
            Some(lv.threshold(th.leads)),
        );
        c.need = Some(lv.needed);
        c.status = match lv.meets(th.leads) {
            Some(true) => Status::Pass,
            Some(false) => Status::Fail,
            None => Status::NoData,
        };
        if c.failed() {
            missing_leads += lv.threshold(th.leads) - cl.actual as f64;
            c.deals = cl.deal_ids.clone();
        }
        inflow.push(c);
    }
    d.l2.extend(inflow.iter().cloned());
    if inflow.iter().any(Check::failed) {
        issues.push(Issue {
            kind: IssueKind::Inflow,
            evidence: inflow.into_iter().filter(Check::failed).collect(),
            impact: Money::from_f64(missing_leads.max(0.0) * avg_amount.as_f64()),
            l3: vec![],
            l4: vec![],
            layer: 0,
            managers: vec![],
        });
    }
    let reached = layer2::conversion::reached_counts(&q, &deals);
    for c in layer2::conversion::step_conversions(&q, &reached) {
        let mut k = conv_check(&c);
        if k.failed() {
            // The deals that reached `from` but not `to`.
            k.deals = deals
                .iter()
                .filter(|x| {
                    layer2::stage_index::max_stage_reached(&q, x)
                        .is_some_and(|m| m >= c.from && m < c.to)
                })
                .map(|x| x.id)
                .collect();
            let missing = c.target.unwrap_or(0.0) / 100.0 * c.base as f64 - c.converted as f64;
            issues.push(Issue {
                kind: IssueKind::Conversion {
                    from: c.from,
                    to: c.to,
                },
                evidence: vec![k.clone()],
                impact: Money::from_f64(missing.max(0.0) * avg_amount.as_f64()),
                l3: vec![],
                l4: vec![],
                layer: 0,
                managers: vec![],
            });
        }
        d.l2.push(k);
    }
    if issues.is_empty() {
        d.outcome = DiagnosisOutcome::FunnelUnexplained;
        d.layer = Some(2);
        d.actions = vec![Action::DealSizes, Action::KeyFigures];
        return d;
    }
    issues.sort_by_key(|i| std::cmp::Reverse(i.impact));

    // ---- Layers 3 → 4 → 5 per issue ----
    let l4r = tools::layer4_results(&q);
    let code = |i: usize| q.stages.get(i).map(|s| s.code.as_str()).unwrap_or("");
    let matrix = || {
        let mut c = Check::new(4, Metric::Matrix, None, None).with(if l4r.matrices.met {
            Status::Pass
        } else {
            Status::Fail
        });
        c.value = Some((q.channels.len() - l4r.matrices.missing.len()) as f64);
        c.threshold = Some(q.channels.len() as f64);
        c
    };
    let questions = |stage: &'static str| {
        let missing = l4r
            .questions
            .missing
            .iter()
            .filter(|g| g.stage_code == stage)
            .count();
        Check::new(4, Metric::Questions(stage), None, None).with(if missing == 0 {
            Status::Pass
        } else {
            Status::Fail
        })
    };
    let template = |t: tools::Template| {
        Check::new(4, Metric::Template(t), None, None).with(if l4r.templates.missing.contains(&t) {
            Status::Fail
        } else {
            Status::Pass
        })
    };
    let three = |m: &Option<tools::ThreePlus>, metric: Metric, th: f64| {
        let mut c = Check::at_least(4, metric, m.as_ref().and_then(|m| m.share_pct()), th);
        if let Some(m) = m {
            c.deals = m
                .failed
                .iter()
                .chain(&m.at_stage_short)
                .chain(&m.lost_at_stage_short)
                .copied()
                .collect();
        }
        c
    };
    let effect = || {
        let mut c = Check::at_least(
            4,
            Metric::Metric23,
            m23.as_ref().and_then(|m| m.good_share_pct()),
            th.metric_23,
        );
        if let Some(m) = &m23 {
            c.deals = m
                .past
                .iter()
                .filter(|x| !m.past_good.contains(x))
                .copied()
                .collect();
        }
        c
    };
    for issue in issues.iter_mut() {
        let (l3c, l4c): (Vec<Check>, Vec<Check>) = match issue.kind {
            IssueKind::Inflow => (
                // The A/B leads of layer 3 are the inflow evidence itself (leads by
                // category), so they are shown with the issue and not checked again.
                vec![
                    l3.touches(Category::A),
                    l3.touches(Category::B),
                    l3.roles(LFR_LPR, th.lfr_lpr),
                    l3.role_coverage(th),
                    l3.full_maps(th),
                    l3.programme(th),
                ],
                vec![matrix()],
            ),
            IssueKind::Conversion { from, .. } => match code(from) {
                "1" => (vec![l3.roles(LFR, th.lfr_lpr)], vec![questions("2.1")]),
                "2.1" => (
                    vec![l3.roles(LFR_LPR, th.lfr_lpr)],
                    vec![three(&m21, Metric::Metric21, th.metric_21), matrix()],
                ),
                "2.2" => (
                    vec![l3.roles(LPR, th.lfr_lpr)],
                    vec![
                        three(&m22, Metric::Metric22, th.metric_22),
                        template(tools::Template::Kp),
                    ],
                ),
                "2.3" => (
                    vec![l3.lpr_access(th)],
                    vec![
                        effect(),
                        template(tools::Template::Teo),
                        template(tools::Template::Briefing),
                    ],
                ),
                _ => (
                    vec![l3.roles(LVR, th.full_maps)],
                    vec![template(tools::Template::Kp), effect()],
                ),
            },
        };
        let l3_failed: Vec<Check> = l3c.iter().filter(|c| c.failed()).cloned().collect();
        let l4_failed: Vec<Check> = l4c.iter().filter(|c| c.failed()).cloned().collect();
        issue.l3 = l3c;
        issue.layer = if !l3_failed.is_empty() {
            issue.managers = l3_managers(p, &cats, period, as_of, th, &l3_failed);
            issue.l4 = vec![];
            3
        } else {
            issue.l4 = l4c;
            if !l4_failed.is_empty() {
                let deals: Vec<Id> = l4_failed.iter().flat_map(|c| c.deals.clone()).collect();
                issue.managers = managers_of(&q, &[], &deals);
                4
            } else {
                let deals: Vec<Id> = issue
                    .evidence
                    .iter()
                    .flat_map(|c| c.deals.clone())
                    .collect();
                issue.managers = managers_of(&q, &[], &deals);
                5
            }
        };
    }
    let layer = issues.iter().map(|i| i.layer).min().unwrap_or(5);
    d.layer = Some(layer);
    d.outcome = DiagnosisOutcome::Localised;
    // The managers of the costliest issue at that layer (issues are sorted by impact).
    if let Some(first) = issues.iter().find(|i| i.layer == layer) {
        d.managers = first.managers.clone();
    }
    for issue in issues.iter().filter(|i| i.layer == layer) {
        let failed: Vec<&Check> = issue
            .l3
            .iter()
            .chain(&issue.l4)
            .filter(|c| c.failed())
            .collect();
        for c in failed {
            let action = match c.metric {
                Metric::RolesKnown(_) | Metric::RoleCoverage => Action::CompleteMaps,
                Metric::Touches(_) | Metric::LprAccess | Metric::Leads(_) => Action::MoreTouches,
                Metric::Programme => Action::RunProgramme,
                Metric::Matrix => Action::ExtendMatrix,
                Metric::Questions(_) | Metric::Metric21 | Metric::Metric22 => Action::UseQuestions,
                Metric::Metric23 => Action::RecheckTeo,
                Metric::Template(tools::Template::Briefing) => Action::Briefing,
                Metric::Template(_) => Action::Templates,
                _ => continue,
            };
            push_unique(&mut d.actions, action);
        }
        if layer == 5 {
            push_unique(&mut d.actions, Action::Coaching);
        }
    }
    d.issues = issues;
    d
}

/// The summary kept in the history when the diagnosis is saved on `created`.
pub fn to_saved(p: &Project, d: &Diagnosis, created: NaiveDate) -> SavedDiagnosis {
    SavedDiagnosis {
        id: super::model::new_id(),
        created,
        period: d.period,
        segment: d.segment.clone(),
        outcome: d.outcome,
        layer: d.layer,
        plan_pct: d.summary.plan_pct,
        leads: d.summary.leads,
        leads_needed: d.summary.leads_needed,
        touch_a: d.summary.touch_a,
        role_coverage: d.summary.role_coverage,
        metric_21: d.summary.metric_21,
        metric_22: d.summary.metric_22,
        metric_23: d.summary.metric_23,
        managers: d
            .managers
            .iter()
            .filter_map(|m| p.manager(*m))
            .map(|m| {
                if m.code.is_empty() {
                    m.name.clone()
                } else {
                    m.code.clone()
                }
            })
            .collect(),
    }
}

/// The change of a figure from the previous saved diagnosis (`None` when either is unknown).
pub fn change(prev: Option<f64>, now: Option<f64>) -> Option<f64> {
    Some(now? - prev?)
}

/// The latest saved diagnosis (by date, then by the order saved).
pub fn latest(p: &Project) -> Option<&SavedDiagnosis> {
    p.diagnosis
        .saved
        .iter()
        .enumerate()
        .max_by_key(|(i, s)| (s.created, *i))
        .map(|(_, s)| s)
}

/// The default period: the quarter to date of `as_of`.
pub fn default_period(as_of: NaiveDate) -> Period {
    Period::reporting_quarter(as_of)
}

/// The clients and deals an action of the diagnosis names (docs/METHOD.md §4.2): those behind
/// the failed layer-3/4 checks, of the issues at the localised layer, that the action answers.
/// Each once, in the order the checks name them; empty for actions that name no one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subjects {
    pub clients: Vec<Id>,
    pub deals: Vec<Id>,
}

pub fn action_subjects(d: &Diagnosis, a: Action) -> Subjects {
    let failed = |pred: &dyn Fn(&Metric) -> bool| {
        let mut out = Subjects::default();
        let checks = d
            .issues
            .iter()
            .filter(|i| Some(i.layer) == d.layer)
            .flat_map(|i| i.l3.iter().chain(&i.l4))
            .filter(|c| c.failed() && pred(&c.metric));
        for c in checks {
            for x in &c.clients {
                if !out.clients.contains(x) {
                    out.clients.push(*x);
                }
            }
            for x in &c.deals {
                if !out.deals.contains(x) {
                    out.deals.push(*x);
                }
            }
        }
        out
    };
    match a {
        // The A clients without a full map first; failing that, those with unknown roles.
        Action::CompleteMaps => {
            let partial = failed(&|m| matches!(m, Metric::RolesKnown(r) if r.len() < 3));
            if partial.clients.is_empty() {
                failed(&|m| matches!(m, Metric::RolesKnown(_) | Metric::RoleCoverage))
            } else {
                partial
            }
        }
        Action::MoreTouches => failed(&|m| matches!(m, Metric::Touches(_) | Metric::LprAccess)),
        Action::UseQuestions => failed(&|m| {
            matches!(
                m,
                Metric::Metric21 | Metric::Metric22 | Metric::Questions(_)
            )
        }),
        Action::RecheckTeo => failed(&|m| matches!(m, Metric::Metric23)),
        Action::EnterPlan
        | Action::KeyFigures
        | Action::SplitPlan
        | Action::Hypotheses
        | Action::DealSizes
        | Action::RunProgramme
        | Action::ExtendMatrix
        | Action::Briefing
        | Action::Templates
        | Action::Coaching => Subjects::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A failed check naming `clients` and `deals`.
    fn failing(layer: u8, metric: Metric, clients: &[Id], deals: &[Id]) -> Check {
        let mut c = Check::new(layer, metric, Some(1.0), Some(2.0)).with(Status::Fail);
        c.clients = clients.to_vec();
        c.deals = deals.to_vec();
        c
    }

    #[test]
    fn an_action_names_the_clients_and_deals_of_its_failed_checks_at_the_localised_layer() {
        let p = demo_project();
        let mut diag = run(&p, &Segment::company());
        let [a, b, c] = [p.clients[0].id, p.clients[1].id, p.clients[2].id];
        let [d1, d2] = [p.deals[0].id, p.deals[1].id];
        let issue = |layer: u8, l3: Vec<Check>, l4: Vec<Check>| Issue {
            kind: IssueKind::Inflow,
            evidence: vec![],
            impact: Money::ZERO,
            l3,
            l4,
            layer,
            managers: vec![],
        };
        let mut passed = failing(3, Metric::Touches(Category::A), &[c], &[]);
        passed.status = Status::Pass;
        diag.layer = Some(3);
        diag.issues = vec![
            issue(
                3,
                vec![
                    failing(3, Metric::Touches(Category::A), &[a, b], &[]),
                    failing(3, Metric::LprAccess, &[b, a], &[]),
                    passed,
                    failing(3, Metric::RoleCoverage, &[c], &[]),
                ],
                vec![failing(4, Metric::Metric21, &[], &[d1, d2, d1])],
            ),
            // An issue localised elsewhere names no one here.
            issue(4, vec![failing(3, Metric::LprAccess, &[c], &[])], vec![]),
        ];
        // Each client once, in the order named; a passed check and another layer's issue
        // add no one.
        assert_eq!(
            action_subjects(&diag, Action::MoreTouches).clients,
            vec![a, b]
        );
        assert_eq!(
            action_subjects(&diag, Action::UseQuestions).deals,
            vec![d1, d2]
        );
        // No full-map check failed: the role coverage's clients instead.
        assert_eq!(
            action_subjects(&diag, Action::CompleteMaps).clients,
            vec![c]
        );
        diag.issues[0]
            .l3
            .push(failing(3, Metric::RolesKnown(&[Role::Lpr]), &[b], &[]));
        assert_eq!(
            action_subjects(&diag, Action::CompleteMaps).clients,
            vec![b]
        );
        assert_eq!(
            action_subjects(&diag, Action::RecheckTeo),
            Subjects::default()
        );
        assert_eq!(
            action_subjects(&diag, Action::Coaching),
            Subjects::default()
        );
        // Nothing localised: nothing named.
        diag.layer = None;
        assert_eq!(
            action_subjects(&diag, Action::MoreTouches),
            Subjects::default()
        );
    }

    #[test]
    fn an_empty_project_names_no_one() {
        let p = crate::domain::tools::new_project(
            "Пусто",
            chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
            crate::i18n::Lang::Ru,
        );
        let diag = run(&p, &Segment::company());
        for a in [
            Action::CompleteMaps,
            Action::MoreTouches,
            Action::UseQuestions,
            Action::RecheckTeo,
        ] {
            assert_eq!(action_subjects(&diag, a), Subjects::default());
        }
    }
    use crate::domain::demo::demo_project;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn run(p: &Project, seg: &Segment) -> Diagnosis {
        let as_of = d(2025, 3, 31);
        diagnose(
            p,
            default_period(as_of),
            seg,
            as_of,
            &p.diagnosis.thresholds,
        )
    }

    fn codes(p: &Project, ids: &[Id]) -> Vec<String> {
        ids.iter()
            .map(|id| {
                p.client(*id)
                    .map(|c| c.code.clone())
                    .or_else(|| p.manager(*id).map(|m| m.code.clone()))
                    .or_else(|| p.deals.iter().find(|x| x.id == *id).map(|x| x.code.clone()))
                    .unwrap_or_default()
            })
            .collect()
    }

    fn failed(checks: &[Check], metric: Metric) -> Option<&Check> {
        checks.iter().find(|c| c.metric == metric && c.failed())
    }

    /// Fills every missing role of the A clients, so that layer 3's map checks pass.
    fn complete_maps(p: &mut Project) {
        let cats = client_categories(p);
        let e = a_elaboration(p, &cats);
        for role in Role::ALL {
            for c in e.missing(role).to_vec() {
                p.contacts.push(crate::domain::model::Contact {
                    id: crate::domain::model::new_id(),
                    client_id: c,
                    name: format!("{} (тест)", role.abbr()),
                    position: String::new(),
                    roles: vec![role],
                    attitude: None,
                    influence: None,
                    access: None,
                    notes: String::new(),
                    influences: vec![],
                });
            }
        }
    }

    fn set_target(p: &mut Project, code: &str, target: Option<f64>) {
        if let Some(s) = p.stages.iter_mut().find(|s| s.code == code) {
            s.target_conversion = target;
        }
    }

    /// A demo without the inflow issue and the late-stage conversion issues.
    fn demo_without_inflow() -> Project {
        let mut p = demo_project();
        p.diagnosis.thresholds.leads = 20.0;
        for code in ["6", "7"] {
            set_target(&mut p, code, Some(50.0));
        }
        p
    }

    #[test]
    fn demo_localises_at_layer_3_with_the_worked_example() {
        let p = demo_project();
        let r = run(&p, &Segment::company());
        assert_eq!(r.outcome, DiagnosisOutcome::Localised);
        assert_eq!(r.layer, Some(3));
        // L1: 148 000 of 180 000 = 82 %, red.
        let f = failed(&r.l1, Metric::PlanFulfilment).expect("plan fails");
        assert_eq!(f.value.map(f64::round), Some(82.0));
        assert!(r
            .l1
            .iter()
            .filter(|c| c.metric != Metric::PlanFulfilment)
            .all(|c| !c.failed()));
        // L2: inflow, 5 A leads against ≈ 16 needed.
        let inflow = r
            .issues
            .iter()
            .find(|i| i.kind == IssueKind::Inflow)
            .expect("inflow");
        assert_eq!(
            r.issues[0].kind,
            IssueKind::Inflow,
            "the costliest issue first"
        );
        let a = failed(&inflow.evidence, Metric::Leads(Category::A)).expect("A leads");
        assert_eq!(a.value, Some(5.0));
        // The need is 65 × 1/4 = 16,25; the check holds the leads to Θ.leads = 90 % of it and
        // shows that count as its threshold.
        assert_eq!(a.need, Some(16.25));
        assert_eq!(a.need.map(f64::round), Some(16.0));
        assert!((a.threshold.unwrap() - 16.25 * 0.9).abs() < 1e-9);
        assert_eq!(inflow.layer, 3);
        // L3: A touch points 4.8 against 6; ЛПР unknown at K05, K07, K08, K09.
        let t = failed(&inflow.l3, Metric::Touches(Category::A)).expect("touches");
        assert_eq!(t.value.map(|v| (v * 10.0).round() / 10.0), Some(4.8));
        assert_eq!(t.threshold, Some(6.0));
        let roles = failed(&inflow.l3, Metric::RolesKnown(LFR_LPR)).expect("maps");
        assert_eq!(codes(&p, &roles.clients), ["K05", "K07", "K08", "K09"]);
        assert!(inflow.l4.is_empty(), "layer 4 is not reached");
        // Managers M2 and M4; actions A3.
        assert_eq!(codes(&p, &r.managers), ["M2", "M4"]);
        assert!(r.actions.contains(&Action::CompleteMaps));
        assert!(r.actions.contains(&Action::MoreTouches));
        assert!(r.actions.iter().all(|a| a.code() == "A3"));
        // The summary for the history.
        assert_eq!(r.summary.plan_pct.map(f64::round), Some(82.0));
        assert_eq!(r.summary.leads, Some(9));
        assert_eq!(r.summary.metric_21.map(f64::round), Some(87.0));
    }

    #[test]
    fn a_project_without_data_stops_at_layer_1_plan_missing() {
        let p = Project::new_empty("Пусто", d(2025, 3, 31));
        let r = run(&p, &Segment::company());
        assert_eq!(r.outcome, DiagnosisOutcome::PlanMissing);
        assert_eq!(r.layer, Some(1));
        assert!(r.l2.is_empty() && r.issues.is_empty());
        assert_eq!(r.actions[0], Action::EnterPlan);
        assert!(failed(&r.l1, Metric::PlanEntered).is_some());
        assert_eq!(r.summary.plan_pct, None);
    }

    #[test]
    fn a_healthy_project_has_no_problem() {
        let mut p = demo_project();
        for a in p.layer1.actuals.iter_mut() {
            a.amount = Money::from_f64(a.amount.as_f64() * 1.25);
        }
        let r = run(&p, &Segment::company());
        assert_eq!(r.outcome, DiagnosisOutcome::OnPlan);
        assert_eq!(r.layer, None);
        assert!(r.issues.is_empty() && r.actions.is_empty());
        assert!(r.summary.plan_pct.unwrap() >= 95.0);
    }

    #[test]
    fn green_plan_with_a_thin_pipeline_is_still_diagnosed() {
        let mut p = demo_project();
        for a in p.layer1.actuals.iter_mut() {
            a.amount = Money::from_f64(a.amount.as_f64() * 1.25);
        }
        for s in p.stages.iter_mut() {
            s.win_probability = Some(10.0);
        }
        let r = run(&p, &Segment::company());
        assert!(failed(&r.l1, Metric::Coverage).is_some());
        assert_eq!(r.layer, Some(3));
    }

    #[test]
    fn an_unsane_plan_is_localised_at_layer_1() {
        let mut p = demo_project();
        p.layer1.category_shares.c = Some(17.0);
        let r = run(&p, &Segment::company());
        assert_eq!(r.outcome, DiagnosisOutcome::PlanNotSane);
        assert_eq!(r.layer, Some(1));
        assert!(failed(&r.l1, Metric::CategoryShares).is_some());
        let mut p = demo_project();
        p.layer1.company_plan = Money::units(2_000_000);
        let r = run(&p, &Segment::company());
        // 2 000 000 / 9 000 000 = 22 % > 1.5 × 9.5 %; the manager plans no longer add up.
        assert!(failed(&r.l1, Metric::MarketShare).is_some());
        assert!(failed(&r.l1, Metric::ManagerPlans).is_some());
        assert_eq!(r.layer, Some(1));
    }

    #[test]
    fn passing_layers_3_and_4_localises_at_layer_5() {
        let mut p = demo_without_inflow();
        complete_maps(&mut p);
        set_target(&mut p, "2.1", Some(95.0));
        // An advantage matrix in every channel.
        for ch in p.channels.clone() {
            let need = crate::domain::model::new_id();
            let adv = crate::domain::model::new_id();
            p.layer4.needs.push(crate::domain::model::Need {
                id: need,
                channel_id: ch.id,
                text: "Потребность".into(),
                order: 3,
                role: Role::Lfr,
                problem_if_unsolved: String::new(),
                parent_id: None,
            });
            p.layer4.advantages.push(crate::domain::model::Advantage {
                id: adv,
                channel_id: ch.id,
                text: "Преимущество".into(),
                order: 3,
                proof: String::new(),
                competitor_vulnerability: String::new(),
            });
            p.layer4.matrix.push(crate::domain::model::MatrixCell {
                need_id: need,
                advantage_id: adv,
                strength: 3,
            });
        }
        let r = run(&p, &Segment::company());
        assert_eq!(r.layer, Some(5), "{:?}", r.issues);
        let issue = &r.issues[0];
        assert_eq!(issue.kind, IssueKind::Conversion { from: 1, to: 2 });
        assert!(issue.l3.iter().all(|c| c.status == Status::Pass));
        assert!(issue.l4.iter().all(|c| c.status == Status::Pass));
        assert!(!issue.l4.is_empty());
        assert_eq!(r.actions, vec![Action::Coaching]);
        // The managers of the deals that stopped at 2.1: D07 (M2), D09 (M4), D15, D22 (M1).
        assert_eq!(codes(&p, &r.managers), ["M1", "M2", "M4"]);
    }

    #[test]
    fn a_conversion_problem_at_2_2_with_metric_2_2_failing_is_at_layer_4() {
        let mut p = demo_without_inflow();
        complete_maps(&mut p);
        set_target(&mut p, "2.2", Some(80.0));
        for code in ["D01", "D02", "D03"] {
            if let Some(deal) = p.deals.iter_mut().find(|x| x.code == code) {
                deal.criteria.truncate(1);
            }
        }
        let r = run(&p, &Segment::company());
        assert_eq!(r.layer, Some(4), "{:?}", r.issues);
        let issue = r
            .issues
            .iter()
            .find(|i| i.kind == IssueKind::Conversion { from: 2, to: 3 })
            .expect("2.2 → 2.3");
        assert_eq!(issue.layer, 4);
        assert!(issue.l3.iter().all(|c| !c.failed()));
        let m = failed(&issue.l4, Metric::Metric22).expect("metric 2.2 fails");
        assert!(m.value.unwrap() < 80.0);
        let dc = codes(&p, &m.deals);
        for code in ["D01", "D02", "D03", "D05"] {
            assert!(dc.contains(&code.to_string()), "{dc:?}");
        }
        assert!(r.actions.contains(&Action::UseQuestions));
    }

    #[test]
    fn segments_reduce_the_project() {
        let p = demo_project();
        let cats = client_categories(&p);
        let m2 = p.managers.iter().find(|m| m.code == "M2").unwrap().id;
        let seg = Segment {
            kind: SegmentKind::Manager,
            id: Some(m2),
            category: None,
        };
        let q = segment_project(&p, &seg, &cats);
        assert_eq!(q.clients.len(), 10);
        let deals: Vec<&str> = q.deals.iter().map(|x| x.code.as_str()).collect();
        assert_eq!(deals, ["D01", "D07", "D08", "D10", "D17", "D25"]);
        assert_eq!(q.layer1.company_plan, Money::units(284_000));
        let r = run(&p, &seg);
        // 47 000 of 56 800 (20 % of 284 000).
        assert_eq!(
            r.summary.plan_pct.map(|x| (x * 10.0).round() / 10.0),
            Some(82.7)
        );
        // K01 9, K07 2, K08 1 touch points.
        assert_eq!(r.summary.touch_a, Some(4.0));
        assert_eq!(r.segment, seg);

        let dist = p
            .channels
            .iter()
            .find(|c| c.name == "Дистрибьюторы")
            .unwrap()
            .id;
        let seg = Segment {
            kind: SegmentKind::Channel,
            id: Some(dist),
            category: None,
        };
        let q = segment_project(&p, &seg, &cats);
        assert_eq!(q.clients.len(), 8);
        let deals: Vec<&str> = q.deals.iter().map(|x| x.code.as_str()).collect();
        assert_eq!(deals, ["D04", "D07", "D13", "D18", "D21"]);
        assert!(q.layer1.actuals.is_empty());
        let plan: Money = p
            .layer1
            .manager_plans
            .iter()
            .flat_map(|m| &m.by_channel)
            .filter(|c| c.channel_id == dist)
            .map(|c| c.amount)
            .sum();
        assert_eq!(q.layer1.company_plan, plan);

        let seg = Segment {
            kind: SegmentKind::Category,
            id: None,
            category: Some(Category::A),
        };
        let q = segment_project(&p, &seg, &cats);
        assert_eq!(q.clients.len(), 9);
        assert_eq!(q.deals.len(), 11);
        assert_eq!(q.layer1.company_plan, Money::units(702_000));
        let r = run(&p, &seg);
        assert_eq!(
            r.summary.touch_a.map(|v| (v * 10.0).round() / 10.0),
            Some(4.8)
        );
        // Missing segment ids give an empty segment, not the company.
        let seg = Segment {
            kind: SegmentKind::Manager,
            id: None,
            category: None,
        };
        assert!(segment_project(&p, &seg, &cats).deals.is_empty());
        assert_eq!(run(&p, &seg).outcome, DiagnosisOutcome::PlanMissing);
    }

    #[test]
    fn saved_summaries_and_changes() {
        let mut p = demo_project();
        let r = run(&p, &Segment::company());
        let s = to_saved(&p, &r, d(2025, 3, 31));
        assert_eq!(s.layer, Some(3));
        assert_eq!(s.managers, ["M2", "M4"]);
        p.diagnosis.saved.push(s.clone());
        let mut later = s.clone();
        later.created = d(2025, 4, 30);
        later.plan_pct = Some(90.0);
        p.diagnosis.saved.insert(0, later);
        assert_eq!(latest(&p).map(|x| x.created), Some(d(2025, 4, 30)));
        assert_eq!(change(s.plan_pct.map(f64::round), Some(90.0)), Some(8.0));
        assert_eq!(change(None, Some(1.0)), None);
        assert!(latest(&Project::new_empty("x", d(2025, 1, 1))).is_none());
    }

    #[test]
    fn actions_point_at_existing_tabs() {
        for a in Action::ALL {
            let place = a.place();
            assert_eq!(
                crate::domain::route::Place::parse(&place.to_hash()),
                Some(place),
                "{a:?}"
            );
            // An action of the catalogue A1/A3/A4/A5 is done on the screen of its layer.
            let layer = match a.code() {
                "A1" | "A1b" => 1,
                c => c[1..].parse::<u8>().unwrap_or(0),
            };
            assert_eq!(place.layer(), Some(layer), "{a:?}");
        }
        assert_eq!(Action::DealSizes.code(), "A1b");
    }
}
