//! The method map: the article's table (tasks, results, management metrics of each layer) and
//! the implementation gating of docs/METHOD.md §4.1.
//!
//! The Russian wording is the article's («Послойное внедрение системы продаж на В2В-рынках»,
//! 2016), whitespace normalised. An item's status is *computed* from the project data where a
//! check exists ([`gating::computed_status`](super::gating::computed_status)) and ticked by hand
//! otherwise; the gating rule is the same for both.

use super::model::{LayerOverride, Project};
use chrono::NaiveDate;

/// Kind of a method-map item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Task,
    Result,
    Metric,
}

/// One line of the article's table.
#[derive(Clone, Copy, Debug)]
pub struct Item {
    /// Stable id, stored in `MethodState::ticked`.
    pub id: &'static str,
    pub kind: ItemKind,
    /// 0 = bullet, 1 = sub-bullet.
    pub depth: u8,
    pub ru: &'static str,
    pub en: &'static str,
}

/// A layer of the method.
#[derive(Clone, Copy, Debug)]
pub struct Layer {
    pub n: u8,
    pub ru: &'static str,
    pub en: &'static str,
    pub items: &'static [Item],
}

impl Layer {
    /// The layer's items of one kind (tasks, results or metrics), in the article's order.
    pub fn items_of(&self, kind: ItemKind) -> impl Iterator<Item = &'static Item> {
        self.items.iter().filter(move |i| i.kind == kind)
    }
}

/// Layer `n` (1–5) of the article's table; None for any other number.
pub fn layer(n: u8) -> Option<&'static Layer> {
    LAYERS.iter().find(|l| l.n == n)
}

const fn t(id: &'static str, depth: u8, ru: &'static str, en: &'static str) -> Item {
    Item {
        id,
        kind: ItemKind::Task,
        depth,
        ru,
        en,
    }
}
const fn r(id: &'static str, ru: &'static str, en: &'static str) -> Item {
    Item {
        id,
        kind: ItemKind::Result,
        depth: 0,
        ru,
        en,
    }
}
const fn m(id: &'static str, ru: &'static str, en: &'static str) -> Item {
    Item {
        id,
        kind: ItemKind::Metric,
        depth: 0,
        ru,
        en,
    }
}

/// The five layers as the article lists them.
pub const LAYERS: [Layer; 5] = [
    Layer {
        n: 1,
        ru: "Коммерческие цели компании и рассчитанные планы продаж",
        en: "Company commercial goals and calculated sales plans",
        items: &[
            t("l1.segments", 0, "Бизнесы, каналы, география", "Business lines, channels, geography"),
            t("l1.abc", 0, "АВСанализ и выводы по нему:", "ABC analysis and conclusions:"),
            t("l1.abc.deal", 1, "средний вес сделки по категориям", "average deal size per category"),
            t("l1.abc.cycle", 1, "средняя длительность сделки по категориям", "average deal duration per category"),
            t("l1.abc.a", 1, "степень проработки клиентов категории А", "degree of elaboration of A clients"),
            t("l1.hypotheses", 0, "Разработка гипотез целевых рынков", "Target-market hypotheses"),
            t("l1.goals", 0, "Постановка целей:", "Goal setting:"),
            t("l1.goals.plan", 1, "план продаж в деньгах по компании", "company sales plan in money"),
            t("l1.goals.cat", 1, "цели по категориям в %", "goals per category in %"),
            t("l1.goals.projects", 1, "цели по проектам категорий А и В в шт.", "number of A and B projects"),
            t("l1.mplan", 0, "Индивидуальный план по менеджерам:", "Individual plan per manager:"),
            t("l1.mplan.money", 1, "в деньгах", "in money"),
            t("l1.mplan.projects", 1, "в количестве проектов в воронке", "number of projects in the funnel"),
            t("l1.mplan.channels", 1, "в распределении целевых каналов", "split across target channels"),
            t("l1.mplan.cat", 1, "в распределении по категориям", "split across categories"),
            t("l1.share", 0, "Расчетная доля рынка", "Calculated market share"),
            r("l1.r.figures", "Получены ключевые цифры", "Key figures obtained"),
            r("l1.r.plans", "Рассчитаны планы на компанию и на менеджера", "Plans calculated for the company and per manager"),
            r("l1.r.structure", "Определена структура отдела продаж", "Sales department structure defined"),
            m("l1.m.plan", "План продаж", "Sales plan"),
        ],
    },
    Layer {
        n: 2,
        ru: "Воронка продаж, построенная на основе понимания технологии формирования спроса и декомпозиции 2-го этапа ТФС",
        en: "Sales funnel built on the Demand Formation Technology (TFS) and the decomposition of TFS stage 2",
        items: &[
            t("l2.scoreboard", 0, "Разработка табло ведения счета (воронки), с фиксацией всех текущих проектов в воронке по каждому менеджеру", "A funnel scoreboard recording all current projects of every manager"),
            r("l2.r.funnel", "Построена воронка – видно движение клиентов с привязкой к категории и движение денег", "The funnel is built: movement of clients by category and of money is visible"),
            m("l2.m.leads", "Количество лидов на 1 этапе ТФС", "Number of leads at TFS stage 1"),
            m("l2.m.conversion", "Конверсия между этапами", "Conversion between stages"),
        ],
    },
    Layer {
        n: 3,
        ru: "Стратегия работы с клиентами категорий А и В, разработка программы продвижения",
        en: "Strategy for category A and B clients; promotion programme",
        items: &[
            t("l3.maps", 0, "Разработка карт проекта по каналам для клиентов категории А с указанием ЛВР, ЛФР, ЛПР", "Project maps per channel for A clients with LVR, LFR, LPR"),
            t("l3.programme", 0, "Разработка программы продвижения для каждого канала для кат. А. с тщательной проработкой 1 этапа ТФС", "A promotion programme per channel for category A, working out TFS stage 1 carefully"),
            t("l3.pr", 0, "Разработка плана PR мероприятий в рамках программы продвижения", "A PR plan within the promotion programme"),
            r("l3.r.maps", "Разработаны карты типовых клиентов кат. А и В в каждом канале", "Typical-client maps for A and B in each channel"),
            r("l3.r.programme", "Разработана программа продвижения по каналам", "Promotion programme per channel"),
            m("l3.m.touch", "Количество точек контакта для клиентов кат. А и В", "Touch points for A and B clients"),
            m("l3.m.leads", "Количество лидов кат. А и В", "Number of A and B leads"),
        ],
    },
    Layer {
        n: 4,
        ru: "Инструменты работы с клиентом на каждом этапе ТФС",
        en: "Client-work tools for each TFS stage",
        items: &[
            t("l4.matrix", 0, "Понимание гипотез потребностей и преимуществ (уязвимости), разработка матрицы преимуществ по каждому каналу", "Hypotheses of needs and advantages (vulnerabilities); an advantage matrix per channel"),
            t("l4.questions", 0, "Разработка списков вопросов для ЛФР и ЛПР для клиентов кат. А:", "Question lists for the LFR and LPR of A clients:"),
            t("l4.questions.21", 1, "выявление потребностей ЛФР с целью продажи преимуществ", "identify the LFR's needs to sell our advantages"),
            t("l4.questions.22", 1, "выявление и воздействие на критерии принятия решения ЛФР и ЛПР", "identify and influence the decision criteria of the LFR and LPR"),
            t("l4.questions.23", 1, "вопросы для инструктажа ЛФР для подготовки ТЭО для ЛПР", "questions briefing the LFR to prepare the TEO for the LPR"),
            t("l4.templates", 0, "Разработка шаблонов:", "Templates:"),
            t("l4.templates.kp", 1, "коммерческого предложения для ЛФР", "commercial proposal for the LFR"),
            t("l4.templates.teo", 1, "ТЭО для ЛПР", "TEO for the LPR"),
            r("l4.r.matrix", "Построена матрица преимуществ по каналам", "Advantage matrix per channel built"),
            r("l4.r.questions", "Созданы вопросники для 2го этапа ТФС", "Questionnaires for TFS stage 2 created"),
            r("l4.r.briefing", "Разработан шаблон инструктажа ЛФР", "LFR briefing template developed"),
            r("l4.r.templates", "Созданы шаблоны КП и ТЭО", "KP and TEO templates created"),
            m("l4.m.21", "Метрика этапа ТФС 2.1 – 3+", "Stage 2.1 metric: 3+"),
            m("l4.m.22", "Метрика этапа ТФС 2.2. – 3+", "Stage 2.2 metric: 3+"),
            m("l4.m.23", "Метрика этапа ТФС 2.3. – величина экономической эффективности", "Stage 2.3 metric: size of the economic effect"),
        ],
    },
    Layer {
        n: 5,
        ru: "Психология работы с клиентом",
        en: "Psychology of working with the client",
        items: &[
            t("l5.psychology", 0, "Психологические аспекты взаимодействия с клиентом на 14 этапах ТФС", "Psychological aspects of client interaction at the 14 TFS stages"),
            r("l5.r.coaching", "Экспертная «дотяжка»", "Expert «pull-up» coaching"),
        ],
    },
];

/// Whether an item is met, and how that was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemStatus {
    /// Computed from the data: met.
    Met,
    /// Computed from the data: not met.
    Missing,
    /// No computation yet: ticked by hand.
    Ticked,
    /// No computation yet: not ticked.
    Open,
}

impl ItemStatus {
    pub fn is_done(self) -> bool {
        matches!(self, ItemStatus::Met | ItemStatus::Ticked)
    }
    pub fn is_computed(self) -> bool {
        matches!(self, ItemStatus::Met | ItemStatus::Missing)
    }
}

/// The status of one item in a project.
pub fn item_status(p: &Project, item: &Item) -> ItemStatus {
    match super::gating::computed_status(p, item.id) {
        Some(true) => ItemStatus::Met,
        Some(false) => ItemStatus::Missing,
        None if p.method.ticked.iter().any(|t| t == item.id) => ItemStatus::Ticked,
        None => ItemStatus::Open,
    }
}

/// A layer is complete when all its tasks and results are done. Metrics are management
/// figures, not deliverables, and do not gate (layer 5 has none at all).
pub fn layer_complete(p: &Project, n: u8) -> bool {
    LAYERS
        .iter()
        .find(|l| l.n == n)
        .map(|l| {
            l.items
                .iter()
                .filter(|i| i.kind != ItemKind::Metric)
                .all(|i| item_status(p, i).is_done())
        })
        .unwrap_or(false)
}

/// Why a layer is open or locked.
#[derive(Clone, Debug, PartialEq)]
pub enum Access {
    Open,
    /// Opened before its predecessor was complete; the override is shown.
    Overridden(LayerOverride),
    /// Locked until this layer is complete.
    Locked {
        waiting_for: u8,
    },
}

/// docs/METHOD.md §4.1: layer 1 is always open; layer N opens when every layer above it is complete,
/// or by a recorded override.
pub fn layer_access(p: &Project, n: u8) -> Access {
    if n <= 1 {
        return Access::Open;
    }
    let blocker = (1..n).find(|k| !layer_complete(p, *k));
    match blocker {
        None => Access::Open,
        Some(k) => match p.method.overrides.iter().rev().find(|o| o.layer == n) {
            Some(o) => Access::Overridden(o.clone()),
            None => Access::Locked { waiting_for: k },
        },
    }
}

/// Toggles a hand tick. Computed items cannot be ticked; returns false then.
pub fn toggle_tick(p: &mut Project, id: &str) -> bool {
    if super::gating::is_computed_item(id) {
        return false;
    }
    if let Some(pos) = p.method.ticked.iter().position(|t| t == id) {
        p.method.ticked.remove(pos);
    } else {
        p.method.ticked.push(id.to_string());
    }
    true
}

/// Why an early start of a layer was refused (worded by `i18n::edit::override_error_text`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverrideError {
    /// The reason is blank: without one a layer is not opened early.
    NoReason,
    /// Only layers 2–5 can be opened early (layer 1 is never locked).
    NotOverridable,
}

/// Records an override for layer `n`. The reason must not be blank.
pub fn add_override(
    p: &mut Project,
    n: u8,
    reason: &str,
    date: NaiveDate,
) -> Result<(), OverrideError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(OverrideError::NoReason);
    }
    if !(2..=5).contains(&n) {
        return Err(OverrideError::NotOverridable);
    }
    p.method.overrides.push(LayerOverride {
        layer: n,
        reason: reason.to_string(),
        date,
    });
    Ok(())
}

/// Removes the overrides of layer `n`.
pub fn remove_overrides(p: &mut Project, n: u8) {
    p.method.overrides.retain(|o| o.layer != n);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Project;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, 31).unwrap()
    }

    fn tick_all(p: &mut Project, n: u8) {
        for i in LAYERS[(n - 1) as usize].items {
            if item_status(p, i) == ItemStatus::Open {
                toggle_tick(p, i.id);
            }
        }
    }

    #[test]
    fn item_ids_are_unique() {
        let mut ids: Vec<&str> = LAYERS
            .iter()
            .flat_map(|l| l.items.iter().map(|i| i.id))
            .collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }

    #[test]
    fn article_structure() {
        let count = |n: usize, k: ItemKind| LAYERS[n].items.iter().filter(|i| i.kind == k).count();
        assert_eq!(
            (count(0, ItemKind::Result), count(0, ItemKind::Metric)),
            (3, 1)
        );
        assert_eq!(
            (count(1, ItemKind::Result), count(1, ItemKind::Metric)),
            (1, 2)
        );
        assert_eq!(
            (count(2, ItemKind::Result), count(2, ItemKind::Metric)),
            (2, 2)
        );
        assert_eq!(
            (count(3, ItemKind::Result), count(3, ItemKind::Metric)),
            (4, 3)
        );
        assert_eq!(count(4, ItemKind::Metric), 0, "layer 5: «Метрик нет»");
    }

    #[test]
    fn empty_project_opens_only_layer_one() {
        let p = Project::new_empty("x", day());
        assert_eq!(layer_access(&p, 1), Access::Open);
        for n in 2..=5 {
            assert!(
                matches!(layer_access(&p, n), Access::Locked { .. }),
                "layer {n}"
            );
        }
    }

    #[test]
    fn override_needs_a_reason_and_is_kept() {
        let mut p = Project::new_empty("x", day());
        assert!(add_override(&mut p, 3, "   ", day()).is_err());
        add_override(&mut p, 3, "Клиент просит начать с карт", day()).unwrap();
        assert!(
            matches!(layer_access(&p, 3), Access::Overridden(ref o) if o.reason.contains("карт"))
        );
        assert!(matches!(
            layer_access(&p, 2),
            Access::Locked { waiting_for: 1 }
        ));
        remove_overrides(&mut p, 3);
        assert!(matches!(layer_access(&p, 3), Access::Locked { .. }));
    }

    #[test]
    fn ticking_opens_layers_in_order() {
        let mut p = Project::new_empty("x", day());
        tick_all(&mut p, 2);
        assert!(matches!(
            layer_access(&p, 3),
            Access::Locked { waiting_for: 1 }
        ));
        if !layer_complete(&p, 1) {
            tick_all(&mut p, 1);
        }
        // Computed items may still be missing in an empty project; gating then stays locked.
        let l1 = layer_complete(&p, 1);
        assert_eq!(matches!(layer_access(&p, 2), Access::Open), l1);
    }
}
