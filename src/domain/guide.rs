//! What to do next: the first-use path of a project whose layer 1 is not done yet, and what a
//! locked layer waits for (docs/METHOD.md §4.1: a layer is implemented only after the one above
//! it; an early start needs a recorded reason).
//!
//! Both answers are computed from the project data with the same checks the method map and the
//! gating use ([`gating::computed_status`], [`method::item_status`]), so the checklist, the
//! lock banner of a layer screen and the method map never disagree.

use super::gating::{self, fix_at, LayerState};
use super::method::{self, ItemKind, ItemStatus};
use super::model::{Deal, DealStatus, Id, Project};
use super::report::ItemState;
use super::route::{L1Tab, MethodTab, Place};
use crate::domain::layer1::abc::abc_year;

/// One step of layer 1, in the order a consultant does them (docs/METHOD.md §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstStep {
    /// The client base with revenues (the input of everything else).
    Clients,
    /// Business lines, channels, geography (task «Бизнесы, каналы, география»).
    Segments,
    /// The ABC analysis gives the key figures (result «Получены ключевые цифры»).
    Abc,
    /// Target-market hypotheses (task «Разработка гипотез целевых рынков»).
    Hypotheses,
    /// The company sales plan in money (task «Постановка целей»).
    Goals,
    /// The managers and the structure of the department (result «Определена структура»).
    Structure,
    /// Individual plans that add up to the company plan (result «Рассчитаны планы»).
    Plans,
}

/// A step with whether the data shows it done and the tab where it is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepState {
    pub step: FirstStep,
    pub done: bool,
    pub place: Place,
}

/// The first-use path: the layer-1 steps ticked from the data.
#[derive(Clone, Debug, PartialEq)]
pub struct FirstUse {
    pub steps: Vec<StepState>,
    /// The project has no clients yet (a new project): the path is the way in.
    pub is_new: bool,
}

impl FirstUse {
    /// The first step not done: the next action.
    pub fn next(&self) -> Option<&StepState> {
        self.steps.iter().find(|s| !s.done)
    }
    pub fn done_count(&self) -> usize {
        self.steps.iter().filter(|s| s.done).count()
    }
}

/// The first-use path while layer 1 is not complete; `None` once it is (the method map then
/// guides by itself).
pub fn first_use(p: &Project) -> Option<FirstUse> {
    if method::layer_complete(p, 1) {
        return None;
    }
    let computed = |id| gating::computed_status(p, id) == Some(true);
    let step = |step, done, tab| StepState {
        step,
        done,
        place: Place::L1(tab),
    };
    let steps = vec![
        step(
            FirstStep::Clients,
            !p.clients.is_empty() && !p.revenues.is_empty(),
            L1Tab::Clients,
        ),
        step(FirstStep::Segments, !p.channels.is_empty(), L1Tab::Dims),
        step(FirstStep::Abc, computed("l1.r.figures"), L1Tab::Abc),
        step(
            FirstStep::Hypotheses,
            !p.layer1.hypotheses.is_empty(),
            L1Tab::Hypotheses,
        ),
        step(FirstStep::Goals, p.layer1.company_plan.0 > 0, L1Tab::Goals),
        step(
            FirstStep::Structure,
            computed("l1.r.structure"),
            L1Tab::Structure,
        ),
        step(FirstStep::Plans, computed("l1.r.plans"), L1Tab::Plans),
    ];
    Some(FirstUse {
        steps,
        is_new: p.clients.is_empty(),
    })
}

/// What a locked layer waits for: the layer to finish first and its items not done yet, each
/// with where it is done (its tab, or the method map for an item ticked by hand).
#[derive(Clone, Debug, PartialEq)]
pub struct Unlock {
    pub waiting_for: u8,
    pub todo: Vec<ItemState>,
}

/// `Some` when layer `n` is locked ([`LayerState::Locked`]).
pub fn unlock(p: &Project, n: u8) -> Option<Unlock> {
    let LayerState::Locked { waiting_for } = gating::layer_state(p, n) else {
        return None;
    };
    let layer = method::layer(waiting_for)?;
    let todo = layer
        .items
        .iter()
        .filter(|i| i.kind != ItemKind::Metric)
        .filter_map(|i| {
            let status = method::item_status(p, i);
            (!status.is_done()).then(|| ItemState {
                item: i,
                status,
                fix_at: match status {
                    ItemStatus::Missing => fix_at(i.id),
                    _ => Some(Place::Method(MethodTab::Map)),
                },
            })
        })
        .collect();
    Some(Unlock { waiting_for, todo })
}

/// The state of every layer, 1–5, for the navigation: [`gating::layer_state`] of each, with
/// each layer's completeness computed once instead of once per layer below it.
pub fn layer_states(p: &Project) -> [LayerState; 5] {
    let complete = [1, 2, 3, 4, 5].map(|n| method::layer_complete(p, n));
    std::array::from_fn(|i| {
        let n = i as u8 + 1;
        match (1..n).find(|k| !complete[*k as usize - 1]) {
            None if complete[i] => LayerState::Done,
            None => LayerState::Open,
            Some(k) => match p.method.overrides.iter().rev().find(|o| o.layer == n) {
                Some(o) => LayerState::Overridden(o.clone()),
                None => LayerState::Locked { waiting_for: k },
            },
        }
    })
}

/// A chart of the app, for [`chart_gap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// «Слой 1 → ABC»: the Pareto curve of the client revenues.
    Pareto,
    /// «Слой 1 → План/факт» and the dashboard's plan line.
    PlanFact,
    /// «Слой 2 → Воронка» and the dashboard's small funnel.
    Funnel,
}

/// What gives an empty chart its data: the next action its empty state names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextAction {
    AddClients,
    AddRevenues,
    AddDeals,
    SetPlan,
}

impl NextAction {
    /// The tab where the action is done.
    pub fn place(self) -> Place {
        match self {
            NextAction::AddClients | NextAction::AddRevenues => Place::L1(L1Tab::Clients),
            // The CRM import is on «Данные проекта»; layer 2 may still be locked.
            NextAction::AddDeals => Place::Data,
            NextAction::SetPlan => Place::L1(L1Tab::Goals),
        }
    }
}

/// `Some(action)` when `chart` has nothing to draw in this project (instead of zero bars or a
/// flat line), with the action that gives it data.
pub fn chart_gap(p: &Project, chart: Chart) -> Option<NextAction> {
    match chart {
        Chart::Pareto if p.clients.is_empty() => Some(NextAction::AddClients),
        // What the ABC analysis ranks: revenue in its year (cheaper than running it).
        Chart::Pareto
            if !p
                .revenues
                .iter()
                .any(|r| r.year == abc_year(p) && r.amount.0 > 0) =>
        {
            Some(NextAction::AddRevenues)
        }
        Chart::PlanFact if p.layer1.company_plan.0 <= 0 && p.layer1.actuals.is_empty() => {
            Some(NextAction::SetPlan)
        }
        Chart::Funnel if p.deals.is_empty() => Some(NextAction::AddDeals),
        _ => None,
    }
}

/// The deals of one manager in the deal picker.
#[derive(Clone, Debug, PartialEq)]
pub struct DealGroup {
    /// `None`: deals without a manager (last).
    pub manager: Option<Id>,
    /// Deal ids, open deals first, then by label.
    pub deals: Vec<Id>,
}

/// The deals matching `query` (in the code, title or client, any case; blank = all), grouped by
/// manager in the order of the managers list, and how many matched.
pub fn deal_groups(p: &Project, query: &str) -> (Vec<DealGroup>, usize) {
    let q = query.trim().to_lowercase();
    let matches = |d: &Deal| {
        q.is_empty()
            || d.label().to_lowercase().contains(&q)
            || d.client_id
                .and_then(|c| p.client(c))
                .is_some_and(|c| c.label().to_lowercase().contains(&q))
    };
    let mut found: Vec<&Deal> = p.deals.iter().filter(|d| matches(d)).collect();
    found.sort_by_cached_key(|d| (d.status != DealStatus::Open, d.label().to_lowercase()));
    let order = |m: Option<Id>| {
        m.and_then(|m| p.managers.iter().position(|x| x.id == m))
            .unwrap_or(usize::MAX)
    };
    let mut groups: Vec<DealGroup> = Vec::new();
    for d in &found {
        // A manager id that is not in the list counts as no manager.
        let m = d
            .manager_id
            .filter(|m| p.managers.iter().any(|x| x.id == *m));
        match groups.iter_mut().find(|g| g.manager == m) {
            Some(g) => g.deals.push(d.id),
            None => groups.push(DealGroup {
                manager: m,
                deals: vec![d.id],
            }),
        }
    }
    groups.sort_by_key(|g| order(g.manager));
    (groups, found.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::method::LAYERS;
    use crate::domain::model::{Dimension, Hypothesis};
    use crate::domain::route::{L3Tab, MethodTab};
    use crate::domain::tools::new_project;
    use chrono::NaiveDate;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, 31).unwrap()
    }

    #[test]
    fn a_new_project_has_every_step_open_and_starts_with_the_clients() {
        let p = new_project("x", day(), crate::i18n::Lang::Ru);
        let f = first_use(&p).expect("layer 1 is not done");
        assert!(f.is_new);
        assert_eq!(f.steps.len(), 7);
        assert_eq!(f.done_count(), 0);
        let next = f.next().unwrap();
        assert_eq!(next.step, FirstStep::Clients);
        assert_eq!(next.place, Place::L1(L1Tab::Clients));
        // Every step links to a distinct layer-1 tab.
        let mut places: Vec<_> = f.steps.iter().map(|s| s.place.to_hash()).collect();
        places.dedup();
        assert_eq!(places.len(), 7);
        assert!(f.steps.iter().all(|s| s.place.layer() == Some(1)));
    }

    #[test]
    fn steps_are_ticked_from_the_data() {
        let demo = demo_project();
        // The demo has layer 1 done: no first-use path.
        assert_eq!(first_use(&demo), None);

        // Take layer 1's plans away: the path is back with every other step done.
        let mut p = demo.clone();
        p.layer1.manager_plans.clear();
        let f = first_use(&p).unwrap();
        assert!(!f.is_new);
        let open: Vec<FirstStep> = f.steps.iter().filter(|s| !s.done).map(|s| s.step).collect();
        assert_eq!(open, [FirstStep::Plans]);
        assert_eq!(f.next().unwrap().place, Place::L1(L1Tab::Plans));

        // A new project with a channel, a hypothesis and a plan: those three are done, the
        // data-bound ones (clients, ABC, structure, plans) not.
        let mut p = new_project("x", day(), crate::i18n::Lang::Ru);
        p.channels.push(Dimension {
            id: crate::domain::new_id(),
            name: "Дилеры".into(),
        });
        p.layer1.hypotheses.push(Hypothesis {
            id: crate::domain::new_id(),
            segment: "Водоканалы".into(),
            channel_id: None,
            region_id: None,
            market_volume: None,
            expected_share: None,
            rationale: String::new(),
            status: crate::domain::model::HypothesisStatus::ToCheck,
        });
        p.layer1.company_plan.0 = 1;
        let f = first_use(&p).unwrap();
        let done: Vec<FirstStep> = f.steps.iter().filter(|s| s.done).map(|s| s.step).collect();
        assert_eq!(
            done,
            [FirstStep::Segments, FirstStep::Hypotheses, FirstStep::Goals]
        );
        assert_eq!(f.next().unwrap().step, FirstStep::Clients);
        // Zero or a negative plan is no plan.
        p.layer1.company_plan.0 = -5;
        assert!(!first_use(&p).unwrap().steps[4].done);
    }

    #[test]
    fn clients_without_revenue_are_not_the_clients_step() {
        let mut p = demo_project();
        p.revenues.clear();
        let f = first_use(&p).unwrap();
        assert!(!f.is_new);
        assert_eq!(f.next().unwrap().step, FirstStep::Clients);
    }

    #[test]
    fn a_locked_layer_names_what_to_finish_with_links() {
        let p = demo_project();
        // Demo: layers 1–2 done, 3 open, 4–5 wait for layer 3.
        assert_eq!(unlock(&p, 3), None, "layer 3 is open");
        assert_eq!(unlock(&p, 1), None);
        let u = unlock(&p, 4).unwrap();
        assert_eq!(u.waiting_for, 3);
        assert_eq!(unlock(&p, 5).unwrap(), u, "5 waits for the same layer");
        // The missing A project maps link to their tab; nothing done is listed.
        let maps = u.todo.iter().find(|s| s.item.id == "l3.maps").unwrap();
        assert_eq!(maps.status, ItemStatus::Missing);
        assert_eq!(maps.fix_at, Some(Place::L3(L3Tab::Maps)));
        assert!(u.todo.iter().all(|s| !s.status.is_done()));
        assert!(!u.todo.iter().any(|s| s.item.id == "l3.r.maps"));
        // Items ticked by hand are ticked on the method map.
        for s in u.todo.iter().filter(|s| s.status == ItemStatus::Open) {
            assert_eq!(
                s.fix_at,
                Some(Place::Method(MethodTab::Map)),
                "{}",
                s.item.id
            );
        }
        // A recorded override opens the layer: nothing to wait for.
        let mut q = p.clone();
        method::add_override(&mut q, 4, "Клиент просит КП", day()).unwrap();
        assert_eq!(unlock(&q, 4), None);
        assert!(unlock(&q, 5).is_some(), "the override is per layer");
    }

    #[test]
    fn an_empty_project_waits_for_layer_1_everywhere() {
        let p = Project::new_empty("x", day());
        for n in 2..=5 {
            let u = unlock(&p, n).unwrap();
            assert_eq!(u.waiting_for, 1);
            let n_items = LAYERS[0]
                .items
                .iter()
                .filter(|i| i.kind != ItemKind::Metric)
                .count();
            assert_eq!(u.todo.len(), n_items, "nothing of layer 1 is done");
        }
    }

    #[test]
    fn layer_states_match_layer_state() {
        let mut early = demo_project();
        method::add_override(&mut early, 5, "Срочно", day()).unwrap();
        // Every hand task ticked: the ticks change which layers are done.
        let mut ticked = demo_project();
        for l in LAYERS.iter() {
            for i in l.items {
                if method::item_status(&ticked, i) == ItemStatus::Open {
                    method::toggle_tick(&mut ticked, i.id);
                }
            }
        }
        for p in [
            demo_project(),
            Project::new_empty("x", day()),
            early,
            ticked,
        ] {
            let all = layer_states(&p);
            for n in 1..=5u8 {
                assert_eq!(all[n as usize - 1], gating::layer_state(&p, n));
            }
        }
    }
    #[test]
    fn empty_charts_name_the_action_that_fills_them() {
        let demo = demo_project();
        for c in [Chart::Pareto, Chart::PlanFact, Chart::Funnel] {
            assert_eq!(chart_gap(&demo, c), None, "{c:?} has data in the demo");
        }
        let p = new_project("x", day(), crate::i18n::Lang::Ru);
        assert_eq!(chart_gap(&p, Chart::Pareto), Some(NextAction::AddClients));
        assert_eq!(chart_gap(&p, Chart::PlanFact), Some(NextAction::SetPlan));
        assert_eq!(chart_gap(&p, Chart::Funnel), Some(NextAction::AddDeals));
        assert_eq!(NextAction::AddDeals.place(), Place::Data);
        // Clients without revenue: the Pareto curve needs the revenues.
        let mut q = demo.clone();
        q.revenues.clear();
        assert_eq!(chart_gap(&q, Chart::Pareto), Some(NextAction::AddRevenues));
        // A plan alone, or actuals alone, draw a line.
        let mut q = new_project("x", day(), crate::i18n::Lang::Ru);
        q.layer1.company_plan.0 = 100;
        assert_eq!(chart_gap(&q, Chart::PlanFact), None);
        q.layer1.company_plan.0 = 0;
        q.layer1.actuals = demo.layer1.actuals.clone();
        assert!(!q.layer1.actuals.is_empty());
        assert_eq!(chart_gap(&q, Chart::PlanFact), None);
    }

    #[test]
    fn deals_are_grouped_by_manager_and_searched() {
        let p = demo_project();
        let (all, n) = deal_groups(&p, "");
        assert_eq!(n, p.deals.len());
        assert_eq!(all.iter().map(|g| g.deals.len()).sum::<usize>(), n);
        // Groups follow the managers list; every deal sits under its own manager.
        let pos = |m: Option<Id>| m.and_then(|m| p.managers.iter().position(|x| x.id == m));
        assert!(all
            .windows(2)
            .all(|w| pos(w[0].manager) < pos(w[1].manager) || pos(w[1].manager).is_none()));
        for g in &all {
            for id in &g.deals {
                assert_eq!(
                    p.deals.iter().find(|d| d.id == *id).unwrap().manager_id,
                    g.manager
                );
            }
            // Open deals first.
            let open: Vec<bool> = g
                .deals
                .iter()
                .map(|id| p.deals.iter().find(|d| d.id == *id).unwrap().status == DealStatus::Open)
                .collect();
            assert!(open.windows(2).all(|w| w[0] >= w[1]), "{open:?}");
        }
        // Search by client name, any case; by deal code; nothing found.
        let d = &p.deals[0];
        let client = p.client(d.client_id.unwrap()).unwrap();
        let (g, n) = deal_groups(&p, &client.name.to_uppercase());
        assert!(n >= 1 && g.iter().any(|g| g.deals.contains(&d.id)));
        assert!(n < p.deals.len());
        let (_, n) = deal_groups(&p, &format!("  {}  ", d.code));
        assert!(n >= 1);
        assert_eq!(deal_groups(&p, "нет такой сделки"), (vec![], 0));
        // A deal without a manager lands in the last group.
        let mut q = p.clone();
        q.deals[0].manager_id = None;
        let (g, _) = deal_groups(&q, "");
        assert_eq!(g.last().unwrap().manager, None);
        assert!(g.last().unwrap().deals.contains(&q.deals[0].id));
        assert_eq!(
            deal_groups(&new_project("x", day(), crate::i18n::Lang::Ru), ""),
            (vec![], 0)
        );
    }
}
