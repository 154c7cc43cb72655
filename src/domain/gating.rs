//! Which method-map items are computed from the project data (docs/METHOD.md §4.1).
//!
//! The results of each layer are evaluated from the project itself; tasks stay ticked by hand
//! on the method map, except layer 3's A project maps, whose task is its data. Keeping every check behind one function means the method map, the gating
//! and the diagnosis all read the same answer.

use super::accounts::layer3_results;
use super::layer1::{manager_plans, sales_structure};
use super::layer2::leads::lead_stage;
use super::method::{self, Access, ItemStatus};
use super::model::{Category, DealStatus, LayerOverride, Project};
use super::route::{L1Tab, L2Tab, L3Tab, L4Tab, L5Tab, Place};
use super::tools::layer4_results;
use crate::domain::layer1::abc::{abc_for_project, client_categories};

/// Tolerance of Σ manager plans against the company plan, % (docs/METHOD.md §4.1: ±1 %).
pub const PLAN_TOLERANCE_PCT: f64 = super::layer1::DEFAULT_TOLERANCE_PCT;

/// Where a computed item is fixed («где исправить»): the tab of its layer's screen.
pub fn fix_at(item_id: &str) -> Option<Place> {
    Some(match item_id {
        "l1.r.figures" => Place::L1(L1Tab::Abc),
        "l1.r.plans" => Place::L1(L1Tab::Plans),
        "l1.r.structure" => Place::L1(L1Tab::Structure),
        "l2.r.funnel" => Place::L2(L2Tab::Board),
        "l3.maps" => Place::L3(L3Tab::Maps),
        "l3.r.maps" => Place::L3(L3Tab::Typical),
        "l3.r.programme" => Place::L3(L3Tab::Programme),
        "l4.r.matrix" => Place::L4(L4Tab::Matrix),
        "l4.r.questions" => Place::L4(L4Tab::Questions),
        "l4.r.briefing" => Place::L4(L4Tab::Briefing),
        "l4.r.templates" => Place::L4(L4Tab::Docs),
        "l5.r.coaching" => Place::L5(L5Tab::Coaching),
        _ => return None,
    })
}

/// L1 «Получены ключевые цифры»: the ABC analysis ranks clients and gives the average deal of
/// category A.
fn key_figures(p: &Project) -> bool {
    let abc = abc_for_project(p);
    !abc.rows.is_empty()
        && abc
            .summary_of(Category::A)
            .and_then(|s| s.avg_deal)
            .is_some_and(|a| a.0 > 0)
}

/// L1 «Рассчитаны планы на компанию и на менеджера»: a company plan, a plan for every active
/// manager, and Σ manager plans = company plan (±1 %).
fn plans(p: &Project) -> bool {
    if p.layer1.company_plan.0 <= 0 {
        return false;
    }
    let mp = manager_plans(p, &abc_for_project(p), PLAN_TOLERANCE_PCT);
    !mp.rows.is_empty() && mp.without_plan.is_empty() && mp.total_ok
}

/// L1 «Определена структура отдела продаж»: active managers exist and every A client has one.
fn structure(p: &Project) -> bool {
    if !p.managers.iter().any(|m| m.active) {
        return false;
    }
    let cats = client_categories(p);
    if !cats.values().any(|c| *c == Category::A) {
        return false;
    }
    sales_structure(p, &cats).unassigned[0] == 0
}

/// L2 «Построена воронка»: the stage list has stage 1, and the scoreboard holds at least one
/// open deal, every open deal with its manager, a ranked client, an amount and a known stage.
fn funnel_built(p: &Project) -> bool {
    if lead_stage(p).is_none() {
        return false;
    }
    let cats = client_categories(p);
    let mut open = p
        .deals
        .iter()
        .filter(|d| d.status == DealStatus::Open)
        .peekable();
    open.peek().is_some()
        && open.all(|d| {
            d.manager_id.is_some()
                && d.client_id
                    .and_then(|c| cats.get(&c))
                    .is_some_and(|c| *c != Category::N)
                && d.amount.0 > 0
                && p.stage(d.stage_id).is_some()
        })
}

/// The state of a layer, the one answer the method map, the layer screens' status panel, the
/// layer report and the dashboard show (docs/METHOD.md, «состояние слоя»).
#[derive(Clone, Debug, PartialEq)]
pub enum LayerState {
    /// Open and every task and result done («Выполнен»).
    Done,
    /// Open: the layers above are done; work is under way.
    Open,
    /// Opened before the layers above are done, with the recorded reason.
    Overridden(LayerOverride),
    /// Closed until layer `waiting_for` is done.
    Locked { waiting_for: u8 },
}

impl LayerState {
    pub fn is_locked(&self) -> bool {
        matches!(self, LayerState::Locked { .. })
    }
}

/// The state of layer `n` (1–5): its access ([`method::layer_access`]) and, when open, whether
/// it is complete ([`method::layer_complete`]).
pub fn layer_state(p: &Project, n: u8) -> LayerState {
    match method::layer_access(p, n) {
        Access::Open if method::layer_complete(p, n) => LayerState::Done,
        Access::Open => LayerState::Open,
        Access::Overridden(o) => LayerState::Overridden(o),
        Access::Locked { waiting_for } => LayerState::Locked { waiting_for },
    }
}

/// Everything the method map shows from a project's data: the state of each layer and the
/// status of each item of the article's tables. One call, so that the map can take it from a
/// part of the app loaded after the map's text has shown.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodMarks {
    /// `layers[n - 1]` is the state of layer `n`.
    pub layers: Vec<LayerState>,
    /// The status of every item of [`method::LAYERS`], by item id.
    pub items: Vec<(&'static str, ItemStatus)>,
}

impl MethodMarks {
    /// The state of layer `n` (1–5).
    pub fn layer(&self, n: u8) -> Option<&LayerState> {
        self.layers.get(usize::from(n).checked_sub(1)?)
    }

    /// The status of the item `id`.
    pub fn item(&self, id: &str) -> Option<ItemStatus> {
        self.items.iter().find(|(i, _)| *i == id).map(|(_, s)| *s)
    }
}

/// The method map's marks of a project: [`layer_state`] of each layer and
/// [`method::item_status`] of each item.
pub fn method_marks(p: &Project) -> MethodMarks {
    MethodMarks {
        layers: method::LAYERS.iter().map(|l| layer_state(p, l.n)).collect(),
        items: method::LAYERS
            .iter()
            .flat_map(|l| l.items.iter())
            .map(|i| (i.id, method::item_status(p, i)))
            .collect(),
    }
}

/// The items whose status [`computed_status`] computes from the data (the others are ticked by
/// hand). Known from the id alone, without evaluating the project.
pub const COMPUTED_ITEMS: [&str; 12] = [
    "l1.r.figures",
    "l1.r.plans",
    "l1.r.structure",
    "l2.r.funnel",
    "l3.maps",
    "l3.r.maps",
    "l3.r.programme",
    "l4.r.matrix",
    "l4.r.questions",
    "l4.r.briefing",
    "l4.r.templates",
    "l5.r.coaching",
];

/// Whether item `id` is computed from the data (see [`COMPUTED_ITEMS`]).
pub fn is_computed_item(id: &str) -> bool {
    COMPUTED_ITEMS.contains(&id)
}

/// `Some(met)` when the item is computed from the data, `None` when it is ticked by hand.
pub fn computed_status(p: &Project, item_id: &str) -> Option<bool> {
    Some(match item_id {
        "l1.r.figures" => key_figures(p),
        "l1.r.plans" => plans(p),
        "l1.r.structure" => structure(p),
        "l2.r.funnel" => funnel_built(p),
        // Per-channel results are not met vacuously: a project without channels has none. The
        // briefing and the КП/ТЭО templates too: a new project has them as defaults
        // (`tools::new_project`) before any work on a channel's offer.
        "l3.maps" | "l3.r.maps" | "l3.r.programme" | "l4.r.matrix" | "l4.r.questions"
        | "l4.r.briefing" | "l4.r.templates"
            if p.channels.is_empty() =>
        {
            false
        }
        // «карты типовых клиентов кат. А и В в каждом канале»: exactly the typical maps, so
        // the result is met when every map on «Типовые карты» is ticked ✓.
        "l3.r.maps" => layer3_results(p, &client_categories(p)).typical_maps.met,
        // The task «карты проекта … для клиентов категории А с указанием ЛВР, ЛФР, ЛПР» is
        // computed from the project maps: every A client's map names all three roles.
        "l3.maps" => {
            let cats = client_categories(p);
            if !cats.values().any(|c| *c == Category::A) {
                return Some(false);
            }
            layer3_results(p, &cats).a_maps.met
        }
        "l3.r.programme" => {
            let r = layer3_results(p, &client_categories(p));
            r.programmes.met && r.pr_plan.met
        }
        "l4.r.matrix" => layer4_results(p).matrices.met,
        "l4.r.questions" => layer4_results(p).questions.met,
        "l4.r.briefing" => !layer4_results(p)
            .templates
            .missing
            .contains(&super::tools::Template::Briefing),
        "l4.r.templates" => {
            let t = layer4_results(p).templates;
            !t.missing.contains(&super::tools::Template::Kp)
                && !t.missing.contains(&super::tools::Template::Teo)
        }
        // «Экспертная дотяжка» is done when the coaching log is used.
        "l5.r.coaching" => !p.layer5.coaching.is_empty(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::method::{layer_access, layer_complete, LAYERS};
    use chrono::NaiveDate;

    #[test]
    fn computed_items_are_exactly_those_computed_status_answers() {
        for p in [
            demo_project(),
            Project::new_empty("", NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
        ] {
            for i in LAYERS.iter().flat_map(|l| l.items.iter()) {
                assert_eq!(
                    is_computed_item(i.id),
                    computed_status(&p, i.id).is_some(),
                    "{}",
                    i.id
                );
            }
        }
        // Every listed id is an item of the article's tables.
        for id in COMPUTED_ITEMS {
            assert!(
                LAYERS
                    .iter()
                    .flat_map(|l| l.items.iter())
                    .any(|i| i.id == id),
                "{id}"
            );
        }
    }

    #[test]
    fn method_marks_are_the_per_layer_and_per_item_answers() {
        for p in [
            demo_project(),
            Project::new_empty("", NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
        ] {
            let marks = method_marks(&p);
            assert_eq!(marks.layers.len(), 5);
            for l in LAYERS.iter() {
                assert_eq!(marks.layer(l.n), Some(&layer_state(&p, l.n)));
                for i in l.items {
                    assert_eq!(
                        marks.item(i.id),
                        Some(method::item_status(&p, i)),
                        "{}",
                        i.id
                    );
                }
            }
            assert_eq!(marks.layer(0), None);
            assert_eq!(marks.layer(6), None);
            assert_eq!(marks.item("no.such.item"), None);
        }
        // The demo's map is not all one answer: some items met, some missing.
        let demo = method_marks(&demo_project());
        assert!(demo.items.iter().any(|(_, s)| *s == ItemStatus::Met));
        assert!(demo.items.iter().any(|(_, s)| *s == ItemStatus::Missing));
    }

    #[test]
    fn layer_state_is_done_open_or_locked() {
        let mut p = demo_project();
        // The demo: layers 1–2 done, 3 open, 4–5 wait for 3.
        let states: Vec<LayerState> = (1..=5).map(|n| layer_state(&p, n)).collect();
        assert_eq!(
            states,
            [
                LayerState::Done,
                LayerState::Done,
                LayerState::Open,
                LayerState::Locked { waiting_for: 3 },
                LayerState::Locked { waiting_for: 3 },
            ]
        );
        // Done is exactly open and complete.
        for n in 1..=5 {
            assert_eq!(
                layer_state(&p, n) == LayerState::Done,
                layer_access(&p, n) == Access::Open && layer_complete(&p, n)
            );
        }
        let as_of = p.company.as_of.unwrap();
        method::add_override(&mut p, 4, "Клиент просит КП сейчас", as_of).unwrap();
        assert!(
            matches!(layer_state(&p, 4), LayerState::Overridden(ref o) if o.reason.contains("КП"))
        );
        let empty =
            crate::domain::Project::new_empty("x", NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        assert_eq!(layer_state(&empty, 1), LayerState::Open);
        assert_eq!(
            layer_state(&empty, 2),
            LayerState::Locked { waiting_for: 1 }
        );
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, 31).unwrap()
    }

    fn computed_ids() -> Vec<&'static str> {
        LAYERS
            .iter()
            .flat_map(|l| l.items.iter().map(|i| i.id))
            .filter(|id| fix_at(id).is_some())
            .collect()
    }

    #[test]
    fn every_result_item_is_computed_and_has_a_fix_link() {
        for l in LAYERS.iter() {
            for i in l.items {
                if i.kind == method::ItemKind::Result {
                    let place = fix_at(i.id);
                    assert!(place.is_some(), "{}", i.id);
                    assert_eq!(place.and_then(|p| p.layer()), Some(l.n), "{}", i.id);
                }
            }
        }
        // The 11 results and the computed task «l3.maps».
        assert_eq!(computed_ids().len(), 12);
    }

    #[test]
    fn empty_project_misses_every_result_and_locks_layers_2_to_5() {
        let p = Project::new_empty("x", day());
        for id in computed_ids() {
            assert_eq!(computed_status(&p, id), Some(false), "{id}");
        }
        assert!(!layer_complete(&p, 1));
        for n in 2..=5 {
            assert_eq!(layer_access(&p, n), Access::Locked { waiting_for: 1 });
        }
    }

    #[test]
    fn a_new_projects_default_content_ticks_no_result() {
        let mut p = crate::domain::tools::new_project("x", day(), crate::i18n::Lang::Ru);
        assert!(!p.layer4.questions.is_empty() && !p.layer4.kp_template.is_empty());
        for id in computed_ids() {
            assert_eq!(computed_status(&p, id), Some(false), "{id}");
        }
        assert!(!layer_complete(&p, 1));
        for n in 2..=5 {
            assert_eq!(layer_access(&p, n), Access::Locked { waiting_for: 1 });
        }
        // With a channel, the general default questions still make no channel's list and no
        // matrix is built; the channel's own questions do.
        let ch = crate::domain::new_id();
        p.channels.push(crate::domain::Dimension {
            id: ch,
            name: "Прямые продажи".into(),
        });
        assert_eq!(computed_status(&p, "l4.r.questions"), Some(false));
        assert_eq!(computed_status(&p, "l4.r.matrix"), Some(false));
        p.layer4
            .questions
            .extend(crate::domain::tools::default_questions(
                Some(ch),
                crate::i18n::Lang::Ru,
            ));
        assert_eq!(computed_status(&p, "l4.r.questions"), Some(true));
    }

    #[test]
    fn ticks_alone_no_longer_complete_layer_1() {
        let mut p = Project::new_empty("x", day());
        for i in LAYERS[0].items {
            method::toggle_tick(&mut p, i.id);
        }
        assert!(!layer_complete(&p, 1));
        assert!(
            !method::toggle_tick(&mut p, "l1.r.plans"),
            "computed items are not ticked"
        );
        assert!(method::toggle_tick(&mut p, "l1.segments"));
    }

    #[test]
    fn demo_project_results() {
        let p = demo_project();
        for id in [
            "l1.r.figures",
            "l1.r.plans",
            "l1.r.structure",
            "l2.r.funnel",
        ] {
            assert_eq!(computed_status(&p, id), Some(true), "{id}");
        }
        // Layer 3 of the demo is incomplete: ЛПР unknown at K05, K07, K08, K09 (the A project
        // maps); its typical maps are all there.
        assert_eq!(computed_status(&p, "l3.maps"), Some(false));
        assert_eq!(computed_status(&p, "l3.r.maps"), Some(true));
        assert_eq!(
            computed_status(&p, "l1.segments"),
            None,
            "tasks are ticked by hand"
        );
    }

    #[test]
    fn plans_need_every_active_manager_and_the_sum() {
        let mut p = demo_project();
        assert_eq!(computed_status(&p, "l1.r.plans"), Some(true));
        p.layer1.company_plan.0 += p.layer1.company_plan.0 / 10;
        assert_eq!(computed_status(&p, "l1.r.plans"), Some(false), "Σ ≠ plan");
        let mut p = demo_project();
        p.layer1.manager_plans.pop();
        assert_eq!(
            computed_status(&p, "l1.r.plans"),
            Some(false),
            "a manager without plan"
        );
    }

    #[test]
    fn funnel_needs_manager_and_amount_on_every_open_deal() {
        let mut p = demo_project();
        let d = p
            .deals
            .iter_mut()
            .find(|d| d.status == DealStatus::Open)
            .unwrap();
        d.manager_id = None;
        assert_eq!(computed_status(&p, "l2.r.funnel"), Some(false));
        let mut p = demo_project();
        let d = p
            .deals
            .iter_mut()
            .find(|d| d.status == DealStatus::Open)
            .unwrap();
        d.amount.0 = 0;
        assert_eq!(computed_status(&p, "l2.r.funnel"), Some(false));
    }

    #[test]
    fn coaching_log_used() {
        let mut p = demo_project();
        p.layer5.coaching.clear();
        assert_eq!(computed_status(&p, "l5.r.coaching"), Some(false));
    }
}
