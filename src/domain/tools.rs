//! Layer 4 (docs/METHOD.md §3.4): the client-work tools of ТФС stage 2 — the advantage matrix per
//! channel, the question lists for 2.1/2.2/2.3, the ЛФР briefing, the КП and ТЭО templates —
//! with the layer's metrics (2.1 «3+», 2.2 «3+», 2.3 size of the economic effect), its results
//! checks and the default content a new project starts from.
//!
//! "Moved past stage s" means the deal's furthest stage (over its history and its current
//! stage, by position in the project's stage list) comes after s, whatever the deal's status:
//! a deal lost at the tender still went through 2.1. A metric whose stage code is missing from
//! the stage list is `None`.
//!
//! The metrics take a deal filter (`Fn(&Deal) -> bool`): the article scopes the tools to
//! category A, so a page usually passes [`in_categories`] for A and B; tests pass `|_| true`.

use super::accounts::{Categories, ResultCheck};
use super::defaults_en;
use super::model::{
    new_id, BriefingItem, Category, Deal, DealCriterion, DealStatus, Id, Project, Question,
    QuestionKind, Role,
};
use super::money::{ratio_pct, Money};
use super::teo::{effect_price_ratio, teo_indicators, TeoIndicators};
use crate::i18n::Lang;
use std::collections::HashSet;
use QuestionKind::{Implication, NeedPayoff, Problem, Situation};

/// The stages that have question lists (ТФС stage 2).
pub const QUESTION_STAGES: [&str; 3] = ["2.1", "2.2", "2.3"];
/// The «3+» threshold: confirmed needs (2.1) or decision criteria (2.2) a deal needs.
pub const THREE_PLUS: usize = 3;
/// \[DEFAULT\] Target share of deals meeting «3+» past the stage, %.
pub const DEFAULT_THREE_PLUS_TARGET_PCT: f64 = 80.0;
/// \[DEFAULT\] Payback threshold of metric 2.3, years, when the project sets none.
pub const DEFAULT_PAYBACK_THRESHOLD_YEARS: f64 = 3.0;
/// Needs of this order and deeper must be met by at least one advantage.
pub const DEEP_NEED_ORDER: u8 = 3;
/// Highest strength of a matrix cell; larger stored values count as this.
pub const MAX_STRENGTH: u8 = 3;

// ---------------------------------------------------------------------------------------------
// Advantage matrix
// ---------------------------------------------------------------------------------------------

/// The advantage matrix of one channel (матрица преимуществ): needs (rows) × advantages
/// (columns), both in the project's order.
#[derive(Clone, Debug, PartialEq)]
pub struct AdvantageMatrix {
    pub channel_id: Id,
    pub needs: Vec<Id>,
    pub advantages: Vec<Id>,
    /// `strengths[row][column]`, 0–3; 0 where there is no cell. Duplicate cells count with
    /// their highest strength.
    pub strengths: Vec<Vec<u8>>,
    /// Needs of order ≥ 3 that no advantage meets (strength > 0).
    pub uncovered_needs: Vec<Id>,
    /// Advantages that meet no need — "features nobody needs".
    pub unused_advantages: Vec<Id>,
}

impl AdvantageMatrix {
    /// Strength of a cell, 0 when either id is not in this matrix.
    pub fn strength(&self, need_id: Id, advantage_id: Id) -> u8 {
        let row = self.needs.iter().position(|n| *n == need_id);
        let col = self.advantages.iter().position(|a| *a == advantage_id);
        row.zip(col)
            .and_then(|(r, c)| self.strengths.get(r)?.get(c).copied())
            .unwrap_or(0)
    }

    /// At least one need is met by an advantage: the matrix is built.
    pub fn is_built(&self) -> bool {
        self.strengths.iter().flatten().any(|s| *s > 0)
    }
}

/// The advantage matrix of a channel. Cells that link a need or an advantage of another
/// channel are ignored.
pub fn advantage_matrix(p: &Project, channel_id: Id) -> AdvantageMatrix {
    let l4 = &p.layer4;
    let needs: Vec<Id> = l4
        .needs
        .iter()
        .filter(|n| n.channel_id == channel_id)
        .map(|n| n.id)
        .collect();
    let advantages: Vec<Id> = l4
        .advantages
        .iter()
        .filter(|a| a.channel_id == channel_id)
        .map(|a| a.id)
        .collect();
    let mut strengths = vec![vec![0u8; advantages.len()]; needs.len()];
    for cell in &l4.matrix {
        let row = needs.iter().position(|n| *n == cell.need_id);
        let col = advantages.iter().position(|a| *a == cell.advantage_id);
        if let (Some(r), Some(c)) = (row, col) {
            strengths[r][c] = strengths[r][c].max(cell.strength.min(MAX_STRENGTH));
        }
    }
    let uncovered_needs = l4
        .needs
        .iter()
        .filter(|n| n.channel_id == channel_id && n.order >= DEEP_NEED_ORDER)
        .filter(|n| {
            needs
                .iter()
                .position(|id| *id == n.id)
                .is_some_and(|r| strengths[r].iter().all(|s| *s == 0))
        })
        .map(|n| n.id)
        .collect();
    let unused_advantages = advantages
        .iter()
        .enumerate()
        .filter(|(c, _)| strengths.iter().all(|row| row[*c] == 0))
        .map(|(_, id)| *id)
        .collect();
    AdvantageMatrix {
        channel_id,
        needs,
        advantages,
        strengths,
        uncovered_needs,
        unused_advantages,
    }
}

/// The advantage matrices of all channels, in the project's order.
pub fn advantage_matrices(p: &Project) -> Vec<AdvantageMatrix> {
    p.channels
        .iter()
        .map(|c| advantage_matrix(p, c.id))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Question lists
// ---------------------------------------------------------------------------------------------

/// The roles a stage's questions address (docs/METHOD.md §2.2, §3.4): 2.1 the ЛФР's needs, 2.2 the
/// criteria of the ЛФР and ЛПР, 2.3 the briefing of the ЛФР.
pub fn stage_roles(stage_code: &str) -> &'static [Role] {
    match stage_code {
        "2.1" | "2.3" => &[Role::Lfr],
        "2.2" => &[Role::Lfr, Role::Lpr],
        _ => &[],
    }
}

/// The question list of one stage in one channel.
#[derive(Clone, Debug, PartialEq)]
pub struct StageQuestions {
    pub stage_code: &'static str,
    /// The channel's own questions and the general ones (no channel), in the project's order.
    pub questions: Vec<Id>,
    /// SPIN types not yet used (advice, not a requirement).
    pub missing_kinds: Vec<QuestionKind>,
    /// Roles of [`stage_roles`] no question addresses (advice).
    pub missing_roles: Vec<Role>,
}

/// The question lists of a channel for 2.1, 2.2 and 2.3.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelQuestions {
    pub channel_id: Id,
    /// One entry per stage of [`QUESTION_STAGES`].
    pub stages: Vec<StageQuestions>,
}

impl ChannelQuestions {
    /// Stages without any question.
    pub fn missing_stages(&self) -> Vec<&'static str> {
        self.stages
            .iter()
            .filter(|s| s.questions.is_empty())
            .map(|s| s.stage_code)
            .collect()
    }
    /// Every stage has at least one question.
    pub fn is_complete(&self) -> bool {
        self.missing_stages().is_empty()
    }
}

const KINDS: [QuestionKind; 4] = [
    QuestionKind::Situation,
    QuestionKind::Problem,
    QuestionKind::Implication,
    QuestionKind::NeedPayoff,
];

/// Question lists per channel (in the project's order) and stage. A question without a
/// channel belongs to every channel's list.
pub fn question_lists(p: &Project) -> Vec<ChannelQuestions> {
    lists(p, true)
}

/// Question lists per channel counting only the channel's own questions (for the layer-4
/// result: general questions alone make no channel's list).
pub fn channel_question_lists(p: &Project) -> Vec<ChannelQuestions> {
    lists(p, false)
}

fn lists(p: &Project, with_general: bool) -> Vec<ChannelQuestions> {
    p.channels
        .iter()
        .map(|ch| ChannelQuestions {
            channel_id: ch.id,
            stages: QUESTION_STAGES
                .into_iter()
                .map(|stage_code| {
                    let qs: Vec<&Question> = p
                        .layer4
                        .questions
                        .iter()
                        .filter(|q| q.stage_code.trim() == stage_code)
                        .filter(|q| match q.channel_id {
                            None => with_general,
                            Some(c) => c == ch.id,
                        })
                        .filter(|q| !q.text.trim().is_empty())
                        .collect();
                    StageQuestions {
                        stage_code,
                        questions: qs.iter().map(|q| q.id).collect(),
                        missing_kinds: KINDS
                            .into_iter()
                            .filter(|k| !qs.iter().any(|q| q.kind == *k))
                            .collect(),
                        missing_roles: stage_roles(stage_code)
                            .iter()
                            .copied()
                            .filter(|r| !qs.iter().any(|q| q.role == *r))
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Metrics 2.1 and 2.2 «3+»
// ---------------------------------------------------------------------------------------------

/// A deal filter keeping the deals of clients in `wanted` categories (deals without a client
/// or category are left out).
pub fn in_categories<'a>(
    categories: &'a Categories,
    wanted: &'a [Category],
) -> impl Fn(&Deal) -> bool + 'a {
    move |d| {
        d.client_id
            .and_then(|c| categories.get(&c))
            .is_some_and(|k| wanted.contains(k))
    }
}

/// The position of the furthest stage a deal reached: the maximum over its history entries
/// and its current stage. `None` when none of them is in the stage list.
fn furthest(p: &Project, d: &Deal) -> Option<usize> {
    d.history
        .iter()
        .map(|h| h.stage_id)
        .chain(std::iter::once(d.stage_id))
        .filter_map(|id| p.stage_index(id))
        .max()
}

fn key(text: &str) -> Option<String> {
    let t = text.trim().to_lowercase();
    (!t.is_empty()).then_some(t)
}

/// Distinct confirmed needs of the ЛФР in a deal: by the matrix need when linked, else by the
/// text (case and surrounding spaces ignored); a blank unlinked need does not count.
pub fn need_count(deal: &Deal) -> usize {
    deal.needs
        .iter()
        .filter_map(|n| match n.need_id {
            Some(id) => Some(id.to_string()),
            None => key(&n.text),
        })
        .collect::<HashSet<_>>()
        .len()
}

/// Which decision criteria metric 2.2 counts (docs/METHOD.md §3.4 gives the variant).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CriteriaCounting {
    /// Every identified criterion (the default).
    #[default]
    All,
    /// Only criteria matching one of our advantages.
    MatchingAdvantage,
    /// Only criteria we influenced.
    Influenced,
}

impl CriteriaCounting {
    fn counts(self, c: &DealCriterion) -> bool {
        match self {
            CriteriaCounting::All => true,
            CriteriaCounting::MatchingAdvantage => c.advantage_id.is_some(),
            CriteriaCounting::Influenced => c.influenced,
        }
    }
}

/// Distinct decision criteria of a deal (by text, case and spaces ignored; blank ones not
/// counted) under the chosen counting.
pub fn criteria_count(deal: &Deal, counting: CriteriaCounting) -> usize {
    deal.criteria
        .iter()
        .filter(|c| counting.counts(c))
        .filter_map(|c| key(&c.text))
        .collect::<HashSet<_>>()
        .len()
}

/// A «3+» metric of one stage (2.1: needs, 2.2: criteria).
#[derive(Clone, Debug, PartialEq)]
pub struct ThreePlus {
    pub stage_code: &'static str,
    /// Deals that moved past the stage.
    pub past: Vec<Id>,
    /// Those of them with ≥ 3.
    pub passed: Vec<Id>,
    /// Those that moved on with fewer than 3 (the "optional gate" warning of §3.4).
    pub failed: Vec<Id>,
    /// Open or on-hold deals at the stage now with fewer than 3: the to-do list.
    pub at_stage_short: Vec<Id>,
    /// Lost deals whose furthest stage is this one, with fewer than 3.
    pub lost_at_stage_short: Vec<Id>,
}

impl ThreePlus {
    /// Passed / past, % (`None` when no deal moved past the stage).
    pub fn share_pct(&self) -> Option<f64> {
        ratio_pct(self.passed.len() as f64, self.past.len() as f64)
    }
}

fn three_plus(
    p: &Project,
    stage_code: &'static str,
    include: &dyn Fn(&Deal) -> bool,
    count: &dyn Fn(&Deal) -> usize,
) -> Option<ThreePlus> {
    let stage = p.stage_by_code(stage_code)?;
    let at = p.stage_index(stage.id)?;
    let mut m = ThreePlus {
        stage_code,
        past: vec![],
        passed: vec![],
        failed: vec![],
        at_stage_short: vec![],
        lost_at_stage_short: vec![],
    };
    for d in p.deals.iter().filter(|d| include(d)) {
        let short = count(d) < THREE_PLUS;
        match furthest(p, d) {
            Some(f) if f > at => {
                m.past.push(d.id);
                if short {
                    m.failed.push(d.id)
                } else {
                    m.passed.push(d.id)
                }
            }
            Some(f) if f == at && short => match d.status {
                DealStatus::Open | DealStatus::OnHold => m.at_stage_short.push(d.id),
                DealStatus::Lost => m.lost_at_stage_short.push(d.id),
                DealStatus::Won => {}
            },
            _ => {}
        }
    }
    Some(m)
}

/// Metric 2.1 «3+»: deals that moved past 2.1 with at least 3 confirmed needs of the ЛФР
/// ([`need_count`]), and the deals at 2.1 now with fewer.
pub fn metric_21(p: &Project, include: impl Fn(&Deal) -> bool) -> Option<ThreePlus> {
    three_plus(p, "2.1", &include, &need_count)
}

/// Metric 2.2 «3+»: deals that moved past 2.2 with at least 3 decision criteria
/// ([`criteria_count`] under `counting`), and the deals at 2.2 now with fewer.
pub fn metric_22(
    p: &Project,
    counting: CriteriaCounting,
    include: impl Fn(&Deal) -> bool,
) -> Option<ThreePlus> {
    three_plus(p, "2.2", &include, &|d| criteria_count(d, counting))
}

// ---------------------------------------------------------------------------------------------
// Metric 2.3: size of the economic effect
// ---------------------------------------------------------------------------------------------

/// The ТЭО figures of one deal.
#[derive(Clone, Debug, PartialEq)]
pub struct TeoDeal {
    pub deal_id: Id,
    /// The deal moved past 2.3 (otherwise it is at 2.3 now).
    pub past: bool,
    pub indicators: TeoIndicators,
    /// Annual savings / deal amount.
    pub effect_price: Option<f64>,
    /// Payback ≤ the threshold or NPV > 0.
    pub good: bool,
}

/// Metric 2.3 (docs/METHOD.md §3.4).
#[derive(Clone, Debug, PartialEq)]
pub struct EconomicEffect {
    /// The payback threshold used, years.
    pub threshold_years: f64,
    /// Deals that moved past 2.3.
    pub past: Vec<Id>,
    /// Those of them with a ТЭО.
    pub past_with_teo: Vec<Id>,
    /// Those of them whose ТЭО pays back within the threshold or has NPV > 0.
    pub past_good: Vec<Id>,
    /// Every deal that reached 2.3 (at it now or past it) and has a ТЭО, in the project's
    /// order: the population of the effect figures below.
    pub deals: Vec<TeoDeal>,
}

impl EconomicEffect {
    /// Deals past 2.3 without a ТЭО, in the project's order.
    pub fn past_without_teo(&self) -> Vec<Id> {
        self.past
            .iter()
            .filter(|d| !self.past_with_teo.contains(d))
            .copied()
            .collect()
    }
    /// Deals past 2.3 with a ТЭО, % of the deals past 2.3.
    pub fn teo_share_pct(&self) -> Option<f64> {
        ratio_pct(self.past_with_teo.len() as f64, self.past.len() as f64)
    }
    /// Deals past 2.3 with a good ТЭО, % of the deals past 2.3 — the figure the diagnosis
    /// compares with 80 % (docs/METHOD.md §4.2).
    pub fn good_share_pct(&self) -> Option<f64> {
        ratio_pct(self.past_good.len() as f64, self.past.len() as f64)
    }
    /// Good ТЭО among all listed deals, %.
    pub fn good_among_teo_pct(&self) -> Option<f64> {
        let good = self.deals.iter().filter(|d| d.good).count();
        ratio_pct(good as f64, self.deals.len() as f64)
    }
    fn savings(&self) -> Vec<f64> {
        self.deals
            .iter()
            .map(|d| d.indicators.annual_savings.as_f64())
            .collect()
    }
    /// Mean annual savings of the listed deals.
    pub fn mean_savings(&self) -> Option<Money> {
        let s = self.savings();
        (!s.is_empty()).then(|| Money::from_f64(s.iter().sum::<f64>() / s.len() as f64))
    }
    /// Median annual savings of the listed deals.
    pub fn median_savings(&self) -> Option<Money> {
        let mut s = self.savings();
        if s.is_empty() {
            return None;
        }
        s.sort_by(f64::total_cmp);
        let n = s.len();
        let m = if n % 2 == 1 {
            s[n / 2]
        } else {
            (s[n / 2 - 1] + s[n / 2]) / 2.0
        };
        Some(Money::from_f64(m))
    }
    /// Mean effect/price ratio over the listed deals that have a price.
    pub fn mean_effect_price(&self) -> Option<f64> {
        let r: Vec<f64> = self.deals.iter().filter_map(|d| d.effect_price).collect();
        (!r.is_empty()).then(|| r.iter().sum::<f64>() / r.len() as f64)
    }
}

/// The payback threshold of the project: its setting, else 3 years.
pub fn payback_threshold(p: &Project) -> f64 {
    p.layer4
        .payback_threshold_years
        .filter(|t| t.is_finite() && *t > 0.0)
        .unwrap_or(DEFAULT_PAYBACK_THRESHOLD_YEARS)
}

/// Whether a ТЭО shows the project economically justified: it pays back within the project's
/// threshold ([`payback_threshold`]) or its NPV is positive. The one rule of metric 2.3 and
/// the ТЭО document's conclusion.
pub fn economically_justified(p: &Project, ind: &TeoIndicators) -> bool {
    ind.payback_years.is_some_and(|y| y <= payback_threshold(p)) || ind.npv.0 > 0
}

/// Metric 2.3: the economic effect of the ТЭО of every deal that reached 2.3, each at its own
/// horizon and rate, and the share of deals past 2.3 with a (good) ТЭО. A ТЭО counts as
/// presented when it is recorded on the deal.
pub fn metric_23(p: &Project, include: impl Fn(&Deal) -> bool) -> Option<EconomicEffect> {
    let stage = p.stage_by_code("2.3")?;
    let at = p.stage_index(stage.id)?;
    let threshold = payback_threshold(p);
    let mut m = EconomicEffect {
        threshold_years: threshold,
        past: vec![],
        past_with_teo: vec![],
        past_good: vec![],
        deals: vec![],
    };
    for d in p.deals.iter().filter(|d| include(d)) {
        let Some(f) = furthest(p, d).filter(|f| *f >= at) else {
            continue;
        };
        let past = f > at;
        if past {
            m.past.push(d.id);
        }
        let Some(teo) = &d.teo else { continue };
        let ind = teo_indicators(teo);
        let good = economically_justified(p, &ind);
        if past {
            m.past_with_teo.push(d.id);
            if good {
                m.past_good.push(d.id);
            }
        }
        m.deals.push(TeoDeal {
            deal_id: d.id,
            past,
            effect_price: effect_price_ratio(ind.annual_savings, d.amount),
            indicators: ind,
            good,
        });
    }
    Some(m)
}

// ---------------------------------------------------------------------------------------------
// Results of layer 4
// ---------------------------------------------------------------------------------------------

/// A question list missing for a channel and stage.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionGap {
    pub channel_id: Id,
    pub stage_code: &'static str,
}

/// A layer-4 template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// The ЛФР briefing checklist (шаблон инструктажа ЛФР).
    Briefing,
    /// The КП template for the ЛФР.
    Kp,
    /// The ТЭО template for the ЛПР.
    Teo,
}

/// Layer-4 results (docs/METHOD.md §3.4, §4.1 deliverables of layer 4).
#[derive(Clone, Debug, PartialEq)]
pub struct Layer4Results {
    /// An advantage matrix (≥ 1 need met by an advantage) in every channel; missing: channels.
    pub matrices: ResultCheck<Id>,
    /// Question lists for 2.1, 2.2 and 2.3 in every channel.
    pub questions: ResultCheck<QuestionGap>,
    /// Briefing checklist, КП and ТЭО templates are not empty.
    pub templates: ResultCheck<Template>,
}

impl Layer4Results {
    pub fn all_met(&self) -> bool {
        self.matrices.met && self.questions.met && self.templates.met
    }
}

/// Checks the results of layer 4. The matrix quality flags (uncovered deep needs, unused
/// advantages) are advice on [`AdvantageMatrix`], not part of the result.
pub fn layer4_results(p: &Project) -> Layer4Results {
    let l4 = &p.layer4;
    let mut templates = vec![];
    if !l4.briefing.iter().any(|b| !b.text.trim().is_empty()) {
        templates.push(Template::Briefing);
    }
    if l4.kp_template.trim().is_empty() {
        templates.push(Template::Kp);
    }
    if l4.teo_template.trim().is_empty() {
        templates.push(Template::Teo);
    }
    Layer4Results {
        matrices: ResultCheck::from_missing(
            advantage_matrices(p)
                .into_iter()
                .filter(|m| !m.is_built())
                .map(|m| m.channel_id)
                .collect(),
        ),
        // The result is the channel's own lists: general questions (the defaults of a new
        // project among them) are a base for every channel, not a channel's list.
        questions: ResultCheck::from_missing(
            channel_question_lists(p)
                .into_iter()
                .flat_map(|c| {
                    c.missing_stages()
                        .into_iter()
                        .map(move |stage_code| QuestionGap {
                            channel_id: c.channel_id,
                            stage_code,
                        })
                })
                .collect(),
        ),
        templates: ResultCheck::from_missing(templates),
    }
}

// ---------------------------------------------------------------------------------------------
// Default content of a new project
// ---------------------------------------------------------------------------------------------

/// A new project as the consultant starts it: [`Project::new_empty`] with the channel-independent
/// default content in Russian — the general question lists for 2.1/2.2/2.3, the ЛФР briefing
/// checklist and the КП/ТЭО templates. Needs, advantages and the matrix belong to a channel and
/// are added per channel on their tabs. The defaults tick no layer-4 result by themselves: see
/// [`layer4_results`] (general questions do not complete a channel's list) and
/// `gating::computed_status` (no result without channels).
///
/// In English (`lang`) the same content in English, the stages' exit criteria and tools too (the
/// layer-5 default checklists follow the UI language, see `psychology::checklist_in`).
pub fn new_project(name: &str, today: chrono::NaiveDate, lang: Lang) -> Project {
    let mut p = Project::new_empty(name, today);
    p.layer4.questions = default_questions(None, lang);
    p.layer4.briefing = default_briefing(lang);
    p.layer4.kp_template = default_kp_template(lang);
    p.layer4.teo_template = default_teo_template(lang);
    if lang == Lang::En {
        p.stages = super::stages::default_stages_in(lang);
    }
    p
}

/// (stage, role, SPIN type, text)
const DEFAULT_QUESTIONS: [(&str, Role, QuestionKind, &str); 21] = [
    // 2.1 — needs of the ЛФР.
    ("2.1", Role::Lfr, Situation, "Какое оборудование сейчас работает на участке, сколько ему лет и сколько часов в год оно работает?"),
    ("2.1", Role::Lfr, Situation, "Как организованы обслуживание и ремонт: своими силами, сервисной компанией, по графику или по отказу?"),
    ("2.1", Role::Lfr, Problem, "Сколько отказов оборудования было за последний год и что они стоили заводу?"),
    ("2.1", Role::Lfr, Problem, "Где вы теряете больше всего: электроэнергия, ремонты и ЗИП, простои, брак?"),
    ("2.1", Role::Lfr, Implication, "Что происходит с выпуском продукции, пока агрегат стоит в ремонте? Сколько стоит час простоя?"),
    ("2.1", Role::Lfr, Implication, "Как рост тарифов на электроэнергию скажется на бюджете цеха в следующем году?"),
    ("2.1", Role::Lfr, NeedPayoff, "Если отказов станет вдвое меньше, что это даст вашей службе и вам лично?"),
    ("2.1", Role::Lfr, NeedPayoff, "Насколько важно получать запчасти за 48 часов, а не за 10–12 недель?"),
    // 2.2 — decision criteria of the ЛФР and ЛПР.
    ("2.2", Role::Lfr, Situation, "По каким параметрам вы будете сравнивать поставщиков? Кто ещё участвует в выборе?"),
    ("2.2", Role::Lpr, Situation, "Как у вас принимается решение о закупке такого оборудования и кто его утверждает?"),
    ("2.2", Role::Lfr, Problem, "Что не устроило в прошлых закупках: сроки поставки, надёжность, сервис, документация?"),
    ("2.2", Role::Lpr, Implication, "Во что обходится выбор по минимальной цене, если через год оборудование простаивает?"),
    ("2.2", Role::Lpr, NeedPayoff, "Если сравнивать варианты по стоимости владения за 5 лет, а не только по цене, это поможет обосновать решение?"),
    ("2.2", Role::Lfr, NeedPayoff, "Будет ли полезно записать в требования КПД на рабочей точке и срок поставки ЗИП?"),
    // 2.3 — briefing the ЛФР for the ТЭО to the ЛПР.
    ("2.3", Role::Lfr, Situation, "Какие данные по энергопотреблению оборудования есть за 12 месяцев? Кто у ЛПР готовит расчёт окупаемости?"),
    ("2.3", Role::Lfr, Situation, "Какие затраты на ремонты, ЗИП и обслуживание этого оборудования учтены за прошлый год?"),
    ("2.3", Role::Lfr, Situation, "Какой срок окупаемости и какую ставку дисконтирования ЛПР считает приемлемыми?"),
    ("2.3", Role::Lfr, Problem, "Какие возражения ЛПР обычно выдвигает против таких инвестиций?"),
    ("2.3", Role::Lfr, Implication, "Что будет с бюджетом ремонтов и с выпуском, если ничего не менять ещё три года?"),
    ("2.3", Role::Lfr, NeedPayoff, "Если ТЭО покажет окупаемость меньше трёх лет, поддержит ли ЛПР проект в этом году?"),
    ("2.3", Role::Lpr, NeedPayoff, "Какие цифры в обосновании для вас решающие: срок окупаемости, NPV, снижение рисков простоя?"),
];

/// Default question lists for 2.1, 2.2 and 2.3 about industrial equipment (pumps, heat
/// exchangers and the like), SPIN-typed, with fresh ids, for `channel_id` (`None` makes them
/// general questions, valid for every channel).
pub fn default_questions(channel_id: Option<Id>, lang: Lang) -> Vec<Question> {
    DEFAULT_QUESTIONS
        .iter()
        .zip(defaults_en::QUESTIONS)
        .map(|((stage, role, kind, ru), en)| Question {
            id: new_id(),
            stage_code: stage.to_string(),
            channel_id,
            role: *role,
            kind: *kind,
            text: lang.pick(*ru, en).to_string(),
            need_ids: vec![],
        })
        .collect()
}

/// (text, unit)
const DEFAULT_BRIEFING: [(&str, &str); 14] = [
    (
        "Потребление электроэнергии оборудованием за 12 месяцев",
        "кВт·ч",
    ),
    ("Установленная мощность и режим работы", "кВт; ч/год"),
    ("Тариф на электроэнергию", "₽/кВт·ч"),
    ("Количество отказов за год", "шт./год"),
    ("Средняя длительность простоя при отказе", "ч"),
    ("Стоимость часа простоя (недовыпуск, штрафы)", "₽/ч"),
    ("Бюджет на техническое обслуживание и ремонты", "₽/год"),
    ("Затраты на запчасти (ЗИП)", "₽/год"),
    ("Трудозатраты персонала на обслуживание", "чел.-ч/год"),
    ("Стоимость часа работы персонала", "₽/чел.-ч"),
    ("Брак и потери продукции из-за оборудования", "₽/год"),
    ("Остаточная стоимость старого оборудования", "₽"),
    (
        "Ставка дисконтирования и горизонт расчёта, принятые у клиента",
        "%; лет",
    ),
    (
        "Кто готовит расчёт для ЛПР, в каком формате и к какому сроку",
        "",
    ),
];

/// Default ЛФР briefing checklist: the baseline data to collect for the ТЭО (docs/METHOD.md §3.4),
/// general (no channel), with fresh ids.
pub fn default_briefing(lang: Lang) -> Vec<BriefingItem> {
    let items = match lang {
        Lang::Ru => &DEFAULT_BRIEFING,
        Lang::En => &defaults_en::BRIEFING,
    };
    items
        .iter()
        .map(|(text, unit)| BriefingItem {
            id: new_id(),
            channel_id: None,
            text: text.to_string(),
            unit: unit.to_string(),
        })
        .collect()
}

/// Placeholders of [`default_kp_template`], with what fills them.
pub const KP_PLACEHOLDERS: [(&str, &str); 24] = [
    ("supplier", "Наша компания"),
    ("date", "Дата КП"),
    ("number", "Номер КП"),
    ("client", "Клиент"),
    ("lfr_name", "ФИО ЛФР (адресат)"),
    ("lfr_position", "Должность ЛФР"),
    ("subject", "Предмет (название проекта)"),
    ("offer", "Оффер: ценность для главной потребности"),
    ("needs", "Подтверждённые потребности ЛФР (этап 2.1, 3+)"),
    (
        "solution",
        "Предлагаемое решение: состав, технические данные",
    ),
    (
        "advantages",
        "Преимущества ↔ потребности и критерии (матрица преимуществ, этап 2.2)",
    ),
    ("tco", "Сравнение стоимости владения (из ТЭО, если есть)"),
    ("spec", "Спецификация: позиция, кол-во, цена, сумма"),
    ("total", "Итого с НДС"),
    ("vat", "НДС"),
    ("net", "Итого без НДС"),
    ("delivery", "Срок и базис поставки"),
    ("payment", "Условия оплаты"),
    ("warranty", "Гарантия, монтаж, пусконаладка, сервис"),
    (
        "proof",
        "Подтверждения: референсы, кейсы, сертификаты, испытания",
    ),
    ("validity_days", "Срок действия КП, дней"),
    ("next_step", "Следующий шаг"),
    ("manager", "Менеджер"),
    ("manager_contacts", "Контакты менеджера и инженера"),
];

/// Default КП template for the ЛФР, sections of docs/METHOD.md §5.1; placeholders in braces are
/// listed in [`KP_PLACEHOLDERS`].
pub fn default_kp_template(lang: Lang) -> String {
    if lang == Lang::En {
        return defaults_en::KP_TEMPLATE.to_string();
    }
    "\
КОММЕРЧЕСКОЕ ПРЕДЛОЖЕНИЕ № {number} от {date}

{supplier}
Кому: {lfr_name}, {lfr_position}, {client}
Тема: {subject}

1. Предложение
{offer}

2. Ваша ситуация и задачи
{needs}

3. Предлагаемое решение
{solution}

4. Как решение отвечает вашим задачам и критериям
{advantages}

5. Стоимость владения
{tco}

6. Спецификация и цена
{spec}
Итого: {total}
В т.ч. НДС: {vat}
Итого без НДС: {net}

7. Условия
Поставка: {delivery}
Оплата: {payment}
Гарантия и сервис: {warranty}

8. Подтверждения
{proof}

9. Срок действия предложения: {validity_days} дней.

10. Следующий шаг
{next_step}

Контакты: {manager}, {manager_contacts}
"
    .to_string()
}

/// Placeholders of [`default_teo_template`], with what fills them.
pub const TEO_PLACEHOLDERS: [(&str, &str); 28] = [
    ("client", "Клиент"),
    ("lpr_name", "ФИО ЛПР (адресат)"),
    ("lpr_position", "Должность ЛПР"),
    ("lfr_name", "ФИО ЛФР (подготовил данные)"),
    ("date", "Дата"),
    ("subject", "Предмет (название проекта)"),
    ("decision", "Решение, которое просим принять"),
    (
        "investment",
        "Инвестиции I (за вычетом остаточной стоимости)",
    ),
    ("annual_savings", "Годовой экономический эффект S"),
    ("payback", "Простой срок окупаемости, лет"),
    (
        "discounted_payback",
        "Дисконтированный срок окупаемости, лет",
    ),
    ("npv", "NPV за горизонт"),
    ("roi", "ROI за горизонт, %"),
    ("irr", "IRR, %"),
    ("horizon", "Горизонт расчёта, лет"),
    ("discount_rate", "Ставка дисконтирования, %"),
    (
        "baseline",
        "Текущие затраты и потери по статьям с источниками",
    ),
    (
        "alternatives",
        "Альтернативы: ничего не делать, наше решение, конкурент",
    ),
    ("solution", "Техническое резюме решения (ссылка на КП)"),
    ("investment_lines", "Инвестиции по статьям"),
    ("salvage", "Остаточная стоимость старого оборудования"),
    ("opex_lines", "Эксплуатационные затраты после внедрения"),
    ("savings_lines", "Экономия по статьям в год"),
    ("tco_ours", "Стоимость владения нашего варианта за горизонт"),
    (
        "tco_alternative",
        "Стоимость владения альтернативы за горизонт",
    ),
    ("sensitivity", "Таблица чувствительности ±20 %"),
    ("schedule", "График внедрения"),
    ("conclusion", "Вывод и рекомендация"),
];

/// Default ТЭО template for the ЛПР, sections of docs/METHOD.md §5.2; placeholders in braces are
/// listed in [`TEO_PLACEHOLDERS`].
pub fn default_teo_template(lang: Lang) -> String {
    if lang == Lang::En {
        return defaults_en::TEO_TEMPLATE.to_string();
    }
    "\
ТЕХНИКО-ЭКОНОМИЧЕСКОЕ ОБОСНОВАНИЕ
{subject}
Для: {lpr_name}, {lpr_position}, {client}
Данные подготовил: {lfr_name}. Дата: {date}

1. Резюме
Просим принять решение: {decision}
Инвестиции: {investment}. Годовой эффект: {annual_savings}.
Окупаемость: {payback} лет. NPV за {horizon} лет при ставке {discount_rate} %: {npv}.

2. Текущая ситуация (базовый вариант)
{baseline}

3. Проблемы и альтернативы
{alternatives}

4. Предлагаемое решение
{solution}

5. Инвестиции (CAPEX)
{investment_lines}
За вычетом остаточной стоимости старого оборудования: {salvage}
Итого инвестиции: {investment}

6. Эксплуатационные затраты (OPEX) после внедрения
{opex_lines}

7. Экономический эффект по статьям, в год
{savings_lines}
Итого: {annual_savings}

8. Показатели эффективности
Простой срок окупаемости: {payback} лет
Дисконтированный срок окупаемости: {discounted_payback} лет
NPV: {npv}
ROI за {horizon} лет: {roi} %
IRR: {irr} %
Стоимость владения за {horizon} лет: наш вариант {tco_ours}, альтернатива {tco_alternative}

9. Риски и чувствительность
{sensitivity}

10. График внедрения
{schedule}

11. Вывод
{conclusion}
"
    .to_string()
}

/// The placeholders of the КП (`teo` false) or ТЭО template with what fills them, in `lang`.
pub fn placeholder_help(teo: bool, lang: Lang) -> Vec<(&'static str, &'static str)> {
    let (keys, en): (&[(&'static str, &'static str)], &[&'static str]) = if teo {
        (&TEO_PLACEHOLDERS, &defaults_en::TEO_PLACEHOLDERS)
    } else {
        (&KP_PLACEHOLDERS, &defaults_en::KP_PLACEHOLDERS)
    };
    keys.iter()
        .zip(en)
        .map(|((k, ru), en)| (*k, lang.pick(*ru, *en)))
        .collect()
}

/// The `{name}` placeholders of a template text, in order of first appearance.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !out.iter().any(|n| n == name)
        {
            out.push(name.to_string());
        }
        rest = &after[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::accounts::test_support::demo_categories;
    use crate::domain::demo::demo_project;
    use crate::domain::model::{DealNeed, MatrixCell, Need};

    fn codes(p: &Project, ids: &[Id]) -> Vec<String> {
        ids.iter()
            .filter_map(|id| p.deals.iter().find(|d| d.id == *id))
            .map(|d| d.code.clone())
            .collect()
    }

    fn deal<'a>(p: &'a mut Project, code: &str) -> &'a mut Deal {
        p.deals.iter_mut().find(|d| d.code == code).unwrap()
    }

    #[test]
    fn demo_matrix_of_direct_sales() {
        let p = demo_project();
        let ms = advantage_matrices(&p);
        assert_eq!(ms.len(), 3);
        let m = &ms[0];
        assert_eq!((m.needs.len(), m.advantages.len()), (4, 4));
        assert_eq!(
            m.strengths,
            vec![
                vec![3, 0, 0, 1],
                vec![0, 3, 1, 0],
                vec![0, 2, 3, 0],
                vec![1, 0, 0, 3]
            ]
        );
        assert_eq!(m.strength(m.needs[2], m.advantages[2]), 3);
        assert!(m.is_built());
        assert!(m.uncovered_needs.is_empty() && m.unused_advantages.is_empty());
        assert!(!ms[1].is_built() && !ms[2].is_built());
    }

    #[test]
    fn matrix_flags_deep_needs_and_unused_advantages() {
        let mut p = demo_project();
        let direct = p.channels[0].id;
        let (n2, a4) = (p.layer4.needs[1].id, p.layer4.advantages[3].id);
        // Sealing failures lose their advantages; engineering selection meets nothing.
        p.layer4
            .matrix
            .retain(|c| c.need_id != n2 && c.advantage_id != a4);
        // A shallow need without advantages is not flagged.
        p.layer4.needs.push(Need {
            id: new_id(),
            channel_id: direct,
            text: "Общая надёжность".into(),
            order: 1,
            role: Role::Lfr,
            problem_if_unsolved: String::new(),
            parent_id: None,
        });
        // A cell across channels is ignored, a zero cell means nothing, a strength of 9 is 3.
        let other = p.channels[1].id;
        let foreign = Need {
            id: new_id(),
            channel_id: other,
            text: "x".into(),
            order: 4,
            role: Role::Lfr,
            problem_if_unsolved: String::new(),
            parent_id: None,
        };
        p.layer4.matrix.push(MatrixCell {
            need_id: foreign.id,
            advantage_id: p.layer4.advantages[0].id,
            strength: 3,
        });
        p.layer4.matrix.push(MatrixCell {
            need_id: p.layer4.needs[3].id,
            advantage_id: a4,
            strength: 0,
        });
        p.layer4.matrix.push(MatrixCell {
            need_id: p.layer4.needs[0].id,
            advantage_id: p.layer4.advantages[0].id,
            strength: 9,
        });
        let foreign_id = foreign.id;
        p.layer4.needs.push(foreign);
        let m = advantage_matrix(&p, direct);
        assert_eq!(m.needs.len(), 5);
        assert_eq!(m.uncovered_needs, vec![n2]);
        assert_eq!(m.unused_advantages, vec![a4]);
        assert_eq!(
            m.strength(p.layer4.needs[0].id, p.layer4.advantages[0].id),
            3
        );
        let m_other = advantage_matrix(&p, other);
        assert_eq!(m_other.uncovered_needs, vec![foreign_id]);
        assert!(!m_other.is_built());
    }

    #[test]
    fn a_new_project_has_the_channel_independent_defaults() {
        let d = chrono::NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
        let p = new_project("Новый проект", d, Lang::Ru);
        assert_eq!(p.layer4.questions.len(), DEFAULT_QUESTIONS.len());
        assert!(p.layer4.questions.iter().all(|q| q.channel_id.is_none()));
        assert_eq!(p.layer4.briefing.len(), DEFAULT_BRIEFING.len());
        assert_eq!(p.layer4.kp_template, default_kp_template(Lang::Ru));
        assert_eq!(p.layer4.teo_template, default_teo_template(Lang::Ru));
        // Channel content is not invented.
        assert!(p.layer4.needs.is_empty() && p.layer4.advantages.is_empty());
        assert!(p.layer4.matrix.is_empty() && p.channels.is_empty());
        let r = layer4_results(&p);
        assert!(
            r.questions.met && r.matrices.met,
            "no channel, nothing missing"
        );
        assert!(r.templates.missing.is_empty());
    }

    #[test]
    fn question_lists_per_channel_and_stage() {
        let mut p = demo_project();
        let lists = question_lists(&p);
        assert_eq!(lists.len(), 3);
        assert!(lists[0].is_complete());
        assert_eq!(lists[1].missing_stages(), ["2.1", "2.2", "2.3"]);
        let s22 = &lists[0].stages[1];
        assert_eq!(s22.stage_code, "2.2");
        assert_eq!(s22.missing_roles, vec![Role::Lpr]);
        assert_eq!(s22.missing_kinds.len(), 3);
        // General defaults complete every channel and every SPIN type.
        p.layer4.questions.extend(default_questions(None, Lang::Ru));
        let lists = question_lists(&p);
        assert!(lists.iter().all(ChannelQuestions::is_complete));
        for s in lists.iter().flat_map(|c| &c.stages) {
            assert!(s.missing_kinds.is_empty(), "{}", s.stage_code);
            assert!(s.missing_roles.is_empty(), "{}", s.stage_code);
        }
        // …but not the layer-4 result, which needs the channel's own questions.
        assert!(channel_question_lists(&p)
            .iter()
            .skip(1)
            .all(|c| !c.is_complete()));
        // A blank question does not count.
        let mut p = demo_project();
        p.layer4.questions[0].text = "  ".into();
        assert_eq!(question_lists(&p)[0].missing_stages(), ["2.1"]);
    }

    #[test]
    fn demo_metric_21() {
        let p = demo_project();
        let m = metric_21(&p, |_| true).unwrap();
        assert_eq!((m.passed.len(), m.past.len()), (13, 15));
        assert_eq!(m.share_pct().unwrap().round(), 87.0);
        assert_eq!(codes(&p, &m.failed), ["D20", "D24"]);
        assert_eq!(codes(&p, &m.at_stage_short), ["D07", "D09", "D15", "D22"]);
        assert!(m.lost_at_stage_short.is_empty());
    }

    #[test]
    fn demo_metric_22() {
        let p = demo_project();
        let m = metric_22(&p, CriteriaCounting::All, |_| true).unwrap();
        assert_eq!((m.passed.len(), m.past.len()), (10, 11));
        assert_eq!(m.share_pct().unwrap().round(), 91.0);
        assert_eq!(codes(&p, &m.failed), ["D17"]);
        assert_eq!(codes(&p, &m.at_stage_short), ["D05", "D12", "D24"]);
        assert_eq!(codes(&p, &m.lost_at_stage_short), ["D20"]);
        // Only criteria matching our advantages: the demo links them in direct sales only.
        let m = metric_22(&p, CriteriaCounting::MatchingAdvantage, |_| true).unwrap();
        assert_eq!(
            codes(&p, &m.passed),
            ["D01", "D02", "D03", "D10", "D14", "D19"]
        );
        // Only influenced ones: two per deal in the demo, nobody reaches 3.
        let m = metric_22(&p, CriteriaCounting::Influenced, |_| true).unwrap();
        assert_eq!((m.passed.len(), m.past.len()), (0, 11));
    }

    #[test]
    fn metrics_filter_by_category() {
        let p = demo_project();
        let cats = demo_categories(&p);
        let m = metric_21(&p, in_categories(&cats, &[Category::A])).unwrap();
        // A deals past 2.1: D01–D06, D10.
        assert_eq!((m.passed.len(), m.past.len()), (7, 7));
        assert_eq!(codes(&p, &m.at_stage_short), ["D07", "D09"]);
        let m = metric_22(
            &p,
            CriteriaCounting::All,
            in_categories(&cats, &[Category::A, Category::B]),
        )
        .unwrap();
        assert_eq!((m.passed.len(), m.past.len()), (9, 10));
        let none = metric_21(&p, in_categories(&cats, &[])).unwrap();
        assert_eq!(none.share_pct(), None);
    }

    #[test]
    fn needs_are_counted_distinct() {
        let mut p = demo_project();
        let d07 = deal(&mut p, "D07");
        let dup = |text: &str| DealNeed {
            id: new_id(),
            need_id: None,
            text: text.into(),
            confirmed_by: None,
            date: None,
        };
        d07.needs
            .push(dup(" СНИЗИТЬ затраты на электроэнергию насосных "));
        d07.needs.push(dup(""));
        assert_eq!(need_count(d07), 2);
        d07.needs.push(dup("Новая потребность"));
        assert_eq!(need_count(d07), 3);
        let m = metric_21(&p, |_| true).unwrap();
        assert_eq!(codes(&p, &m.at_stage_short), ["D09", "D15", "D22"]);
        // Criteria too.
        let d05 = deal(&mut p, "D05");
        let c = d05.criteria[0].clone();
        d05.criteria.push(c);
        assert_eq!(criteria_count(d05, CriteriaCounting::All), 1);
    }

    #[test]
    fn furthest_stage_uses_history_and_missing_stages_give_none() {
        let mut p = demo_project();
        // D03 pushed back to 2.1 keeps its history up to stage 3: still past 2.1 and 2.2.
        let s21 = p.stage_by_code("2.1").unwrap().id;
        deal(&mut p, "D03").stage_id = s21;
        let m = metric_21(&p, |_| true).unwrap();
        assert_eq!(m.past.len(), 15);
        assert!(!codes(&p, &m.at_stage_short).contains(&"D03".to_string()));
        // A stage list without 2.2: metric 2.2 does not exist.
        let mut p = demo_project();
        p.stages.retain(|s| s.code != "2.2");
        assert!(metric_22(&p, CriteriaCounting::All, |_| true).is_none());
        p.stages.retain(|s| s.code != "2.3");
        assert!(metric_23(&p, |_| true).is_none());
    }

    #[test]
    fn demo_metric_23() {
        let p = demo_project();
        let m = metric_23(&p, |_| true).unwrap();
        assert_eq!(m.threshold_years, 3.0);
        assert_eq!(
            codes(&p, &m.past),
            ["D01", "D03", "D04", "D06", "D10", "D13", "D17", "D19", "D21"]
        );
        assert_eq!(
            codes(&p, &m.past_with_teo),
            ["D01", "D03", "D06", "D10", "D17", "D19"]
        );
        assert_eq!(m.teo_share_pct().unwrap().round(), 67.0);
        assert_eq!(codes(&p, &m.past_without_teo()), ["D04", "D13", "D21"]);
        assert_eq!(codes(&p, &m.past_good), ["D01", "D03", "D10", "D19"]);
        assert_eq!(m.good_share_pct().unwrap().round(), 44.0);
        let listed: Vec<Id> = m.deals.iter().map(|d| d.deal_id).collect();
        assert_eq!(
            codes(&p, &listed),
            ["D01", "D02", "D03", "D06", "D10", "D14", "D17", "D19"]
        );
        assert!(m.deals.iter().filter(|d| !d.past).count() == 2);
        assert_eq!(m.good_among_teo_pct().unwrap().round(), 63.0); // 5 of 8 (+ D14)
                                                                   // Savings 21 500, 13 200, 15 800, 9 000, 12 000, 1 900, 1 100, 700.
        assert_eq!(m.mean_savings(), Some(Money::units(9_400)));
        assert_eq!(m.median_savings(), Some(Money::units(10_500)));
        let d01 = &m.deals[0];
        assert!((d01.effect_price.unwrap() - 21_500.0 / 58_000.0).abs() < 1e-12);
        let mean = m.mean_effect_price().unwrap();
        assert!((mean - 0.3695).abs() < 0.001, "{mean}");
    }

    #[test]
    fn metric_23_threshold_and_empty() {
        let mut p = demo_project();
        p.layer4.payback_threshold_years = Some(4.0);
        let m = metric_23(&p, |_| true).unwrap();
        // D06 (3.67 y) now counts though its NPV is negative; D17 (5.09 y) still does not.
        assert_eq!(codes(&p, &m.past_good), ["D01", "D03", "D06", "D10", "D19"]);
        p.layer4.payback_threshold_years = Some(f64::NAN);
        assert_eq!(payback_threshold(&p), 3.0);
        for d in p.deals.iter_mut() {
            d.teo = None;
        }
        let m = metric_23(&p, |_| true).unwrap();
        assert_eq!(m.teo_share_pct(), Some(0.0));
        assert!(m.deals.is_empty());
        assert_eq!(m.mean_savings(), None);
        assert_eq!(m.median_savings(), None);
        assert_eq!(m.mean_effect_price(), None);
        assert_eq!(m.good_among_teo_pct(), None);
    }

    #[test]
    fn demo_layer4_results() {
        let p = demo_project();
        let r = layer4_results(&p);
        assert!(!r.all_met());
        assert_eq!(r.matrices.missing, vec![p.channels[1].id, p.channels[2].id]);
        assert_eq!(r.questions.missing.len(), 6);
        assert!(r
            .questions
            .missing
            .iter()
            .all(|g| g.channel_id != p.channels[0].id));
        // The demo has the briefing and both templates (the defaults).
        assert!(r.templates.met);
        let mut empty = p.clone();
        empty.layer4.briefing.clear();
        empty.layer4.kp_template.clear();
        empty.layer4.teo_template = " \n".into();
        assert_eq!(
            layer4_results(&empty).templates.missing,
            vec![Template::Briefing, Template::Kp, Template::Teo]
        );
    }

    #[test]
    fn defaults_complete_layer4_except_the_matrices() {
        let mut p = demo_project();
        // General defaults are no channel's own list…
        p.layer4.questions.extend(default_questions(None, Lang::Ru));
        assert!(!layer4_results(&p).questions.met);
        // …the defaults added to each channel are.
        for ch in p.channels.iter().map(|c| c.id).collect::<Vec<_>>() {
            p.layer4
                .questions
                .extend(default_questions(Some(ch), Lang::Ru));
        }
        p.layer4.briefing = default_briefing(Lang::Ru);
        p.layer4.kp_template = default_kp_template(Lang::Ru);
        p.layer4.teo_template = default_teo_template(Lang::Ru);
        let r = layer4_results(&p);
        assert!(r.questions.met && r.templates.met);
        assert!(!r.matrices.met);
        // Copy the direct-sales matrix to the other channels.
        for ch in 1..3 {
            let channel = p.channels[ch].id;
            let need = Need {
                id: new_id(),
                channel_id: channel,
                text: "n".into(),
                order: 3,
                role: Role::Lfr,
                problem_if_unsolved: String::new(),
                parent_id: None,
            };
            let adv = crate::domain::model::Advantage {
                id: new_id(),
                channel_id: channel,
                text: "a".into(),
                order: 3,
                proof: String::new(),
                competitor_vulnerability: String::new(),
            };
            p.layer4.matrix.push(MatrixCell {
                need_id: need.id,
                advantage_id: adv.id,
                strength: 2,
            });
            p.layer4.needs.push(need);
            p.layer4.advantages.push(adv);
        }
        assert!(layer4_results(&p).all_met());
        // A whitespace-only template is empty.
        p.layer4.kp_template = " \n ".into();
        assert_eq!(layer4_results(&p).templates.missing, vec![Template::Kp]);
    }

    #[test]
    fn a_project_created_in_english_has_english_defaults_with_the_same_placeholders() {
        let cyr = |t: &str| t.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
        let d = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let (ru, en) = (new_project("x", d, Lang::Ru), new_project("x", d, Lang::En));
        assert_eq!(ru.layer4.questions.len(), en.layer4.questions.len());
        for (r, e) in ru.layer4.questions.iter().zip(&en.layer4.questions) {
            assert_eq!(
                (&r.stage_code, r.role, r.kind),
                (&e.stage_code, e.role, e.kind)
            );
            assert!(!cyr(&e.text), "{}", e.text);
        }
        assert_eq!(en.layer4.briefing.len(), ru.layer4.briefing.len());
        assert!(en
            .layer4
            .briefing
            .iter()
            .all(|b| !cyr(&b.text) && !cyr(&b.unit)));
        assert!(!cyr(&en.layer4.kp_template) && !cyr(&en.layer4.teo_template));
        assert_eq!(
            placeholders(&en.layer4.kp_template),
            placeholders(&ru.layer4.kp_template)
        );
        assert_eq!(
            placeholders(&en.layer4.teo_template),
            placeholders(&ru.layer4.teo_template)
        );
        for teo in [false, true] {
            let (r, e) = (
                placeholder_help(teo, Lang::Ru),
                placeholder_help(teo, Lang::En),
            );
            assert_eq!(
                r.iter().map(|x| x.0).collect::<Vec<_>>(),
                e.iter().map(|x| x.0).collect::<Vec<_>>()
            );
            assert!(e.iter().all(|x| !cyr(x.1)));
        }
        assert!(en
            .stages
            .iter()
            .all(|s| !cyr(&s.exit_criteria) && !cyr(s.name(Lang::En))));
        assert!(ru.layer5.checklists.is_empty() && en.layer5.checklists.is_empty());
    }

    #[test]
    fn default_questions_are_spin_typed_per_stage() {
        let ch = new_id();
        let qs = default_questions(Some(ch), Lang::Ru);
        assert!(qs.iter().all(|q| q.channel_id == Some(ch)));
        for stage in QUESTION_STAGES {
            let of_stage: Vec<&Question> = qs.iter().filter(|q| q.stage_code == stage).collect();
            assert!(of_stage.len() >= 5, "{stage}");
            for kind in KINDS {
                assert!(of_stage.iter().any(|q| q.kind == kind), "{stage} {kind:?}");
            }
        }
        let ids: HashSet<Id> = qs.iter().map(|q| q.id).collect();
        assert_eq!(ids.len(), qs.len());
        // The §6.5 samples are among them.
        assert!(qs.iter().any(|q| q.text.starts_with("По каким параметрам")));
    }

    #[test]
    fn default_briefing_covers_the_teo_baseline() {
        let b = default_briefing(Lang::Ru);
        let all: String = b.iter().map(|i| i.text.to_lowercase()).collect();
        for word in [
            "электроэнерг",
            "отказ",
            "простоя",
            "ремонт",
            "трудозатрат",
            "брак",
            "тариф",
        ] {
            assert!(all.contains(word), "{word}");
        }
        assert!(b.iter().all(|i| i.channel_id.is_none()));
    }

    #[test]
    fn template_placeholders_are_documented() {
        for (text, doc) in [
            (default_kp_template(Lang::Ru), KP_PLACEHOLDERS.as_slice()),
            (default_teo_template(Lang::Ru), TEO_PLACEHOLDERS.as_slice()),
        ] {
            let used = placeholders(&text);
            let documented: Vec<&str> = doc.iter().map(|(n, _)| *n).collect();
            for name in &used {
                assert!(documented.contains(&name.as_str()), "{name} undocumented");
            }
            for name in &documented {
                assert!(used.iter().any(|u| u == name), "{name} unused");
            }
        }
        // §5.1 sections and §5.2 sections are there.
        let kp = default_kp_template(Lang::Ru);
        assert!(kp.contains("Спецификация и цена") && kp.contains("Срок действия"));
        let teo = default_teo_template(Lang::Ru);
        for section in ["Резюме", "Инвестиции (CAPEX)", "чувствительность", "Вывод"]
        {
            assert!(teo.contains(section), "{section}");
        }
    }

    #[test]
    fn placeholder_scanner() {
        assert_eq!(placeholders("{a} {b_1} {a} {} {не} {x"), ["a", "b_1"]);
        assert!(placeholders("без полей").is_empty());
    }
}
