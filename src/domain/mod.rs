//! The method itself: pure Rust, no browser imports, tested natively.
//!
//! Data flows one way: `persist` loads a [`model::Project`] → the UI state holds it → pages call
//! the functions here → charts draw their results. The UI never computes a metric itself.
//!
//! The method these functions implement is written in `docs/METHOD.md`: its terms, the one
//! definition of each (docs/METHOD.md §1.3), the formulas, the gating and diagnosis rules. The
//! layers of the code and where a change goes are in `docs/ARCHITECTURE.md`.
//!
//! ## Trace of the article's table
//!
//! | Layer | Article item | Domain function | Screen |
//! |---|---|---|---|
//! | all | tasks, results, metrics of each layer | [`method::LAYERS`], [`method::item_status`] | Карта метода |
//! | all | «не внедрив требования к 1 слою, нельзя переходить ко 2-му» | [`method::layer_access`], [`gating::computed_status`] | Карта метода |
//! | 1 | Бизнесы, каналы, география | [`layer1::breakdown::revenue_breakdown`]; editing without dangling references: [`edit::dimension_usage`], [`edit::remove_dimension`] | Слой 1 → Справочники, Клиенты |
//! | 1 | Разработка гипотез целевых рынков | [`layer1::hypotheses_summary`] | Слой 1 → Гипотезы рынков |
//! | 1 | АВСанализ и выводы по нему | [`layer1::abc::abc_analysis`], [`layer1::abc::client_categories`], [`layer1::pareto::pareto_chart`], [`layer1::conclusions::abc_conclusions`] | Слой 1 → ABC-анализ |
//! | 1 | средний вес / средняя длительность сделки по категориям | [`layer1::category_figures::CategorySummary`] (in [`layer1::abc::AbcResult::summary`]) | Слой 1 → ABC-анализ |
//! | 1 | степень проработки клиентов категории А | [`accounts::a_elaboration`] (one struct, also on Слой 3, the dashboard and the diagnosis), [`layer1::conclusions::elaboration_conclusions`] | Слой 1 → ABC-анализ |
//! | 1 | план продаж в деньгах по компании; цели по категориям в % | [`layer1::category_plans`] (the tab: [`layer1::views::goals_view`]) | Слой 1 → Цели |
//! | 1 | цели по проектам категорий А и В в шт. (+ лиды на 1 этапе) | [`layer1::project_goals`], [`layer1::won_needed`], [`layer1::leads_needed`], [`layer1::wip_needed`] | Слой 1 → Цели |
//! | 1 | индивидуальный план по менеджерам: в деньгах, в проектах, по каналам, по категориям | [`layer1::manager_plans`], [`layer1::propose_manager_plans`], [`layer1::propose_channel_split`], [`layer1::propose_category_split`] | Слой 1 → Планы менеджеров (`#/l1/plans`) |
//! | 1 | Расчетная доля рынка | [`layer1::market_share`], [`layer1::market_volume`] | Слой 1 → Цели |
//! | 1 | Определена структура отдела продаж | [`layer1::sales_structure`], [`edit::manager_usage`], [`edit::remove_manager`] | Слой 1 → Структура |
//! | 1 | метрика «План продаж» (выполнение плана) | [`layer1::fulfilment`], [`layer1::plan_for_period`], [`layer1::fact_in_period`], [`layer1::monthly_plan_fact`], [`layer1::TrafficLight`]; rows [`layer1::views::plan_fact_rows`] | Слой 1 → План/факт |
//! | 2 | ТФС stages (14, codes 1, 2.1, 2.2, 2.3) | [`stages::default_stages`], [`stages::stage_list_problems`] | Слой 2 → Этапы |
//! | 2 | editing the stage list (rename, insert, delete, reorder; exactly one won stage) | [`layer2::stage_list::insert_stage`], [`layer2::stage_list::rename_stage`], [`layer2::stage_list::move_stage`], [`layer2::stage_list::delete_stage`], [`layer2::stage_list::set_won_stage`] | Слой 2 → Этапы |
//! | 2 | «табло ведения счета (воронки), с фиксацией всех текущих проектов в воронке по каждому менеджеру» | [`layer2::scoreboard::scoreboard`], [`layer2::filter::filter_deals`], [`layer2::scoreboard::stuck_deals`] | Слой 2 → Табло |
//! | 2 | stage history of every deal (moves, status, dates) | [`layer2::moves::move_deal`], [`layer2::moves::move_deal_in`], [`layer2::moves::set_status`], [`layer2::moves::mark_won`], [`layer2::moves::set_history_date`], [`layer2::moves::history_problems`] | Слой 2 → Сделки |
//! | 2 | «Построена воронка – видно движение клиентов с привязкой к категории и движение денег» | [`layer2::conversion::funnel_snapshot`], [`layer2::pipeline::money_movement`], [`layer2::pipeline::weighted_pipeline`], [`layer2::pipeline::plan_coverage`] | Слой 2 → Воронка, Метрики; Диагностика |
//! | 2 | metric «Количество лидов на 1 этапе ТФС» | [`layer2::leads::leads`], [`layer2::leads::leads_report`], [`layer2::leads::leads_vs_needed`], [`period::Period::year_share`] | Слой 2 → Метрики, Панель, Диагностика, Отчёт по слоям |
//! | 2 | metric «Конверсия между этапами» | [`layer2::conversion::reached_counts`], [`layer2::conversion::step_conversions`], [`layer2::conversion::cohort_conversions`] | Слой 2 → Воронка, Метрики |
//! | 3 | metric «Количество лидов кат. А и В» | [`layer2::leads::leads`] (`by_category`) | Слой 2 → Метрики |
//! | 1 | «степень проработки клиентов категории А» (coverage, role coverage, full maps) | [`accounts::a_elaboration`] | Слой 3 → Карты проекта |
//! | 3 | «карты проекта по каналам для клиентов категории А с указанием ЛВР, ЛФР, ЛПР» | [`accounts::project_map`], [`accounts::project_maps`], [`accounts::ProjectMap::gaps`] | Слой 3 → Карты проекта |
//! | 3 | «программа продвижения для каждого канала … 1 этапа ТФС», «план PR мероприятий» | [`accounts::promotion_programmes`] | Слой 3 → Программа продвижения |
//! | 3 | result «карты типовых клиентов кат. А и В в каждом канале» | [`accounts::typical_maps`], [`accounts::layer3_results`] (`typical_maps`), [`gating::computed_status`] (`l3.r.maps`) | Слой 3 → Типовые карты, Метрики; Карта метода |
//! | 3 | result «программа продвижения по каналам» | [`accounts::layer3_results`] | Слой 3 → Программа продвижения, Метрики |
//! | 3 | metric «количество точек контакта для клиентов кат. А и В» | [`accounts::touch_points`], [`accounts::touch_target_per_quarter`] | Слой 3 → Точки контакта, Метрики |
//! | 3 | metric «количество лидов кат. А и В» (against the leads needed of layer 1) | [`layer2::leads::leads_report`], [`layer1::project_goals`] | Слой 3 → Метрики |
//! | 3 | typical-client maps: defaults per channel (docs/METHOD.md §3.3), editing | [`strategy::default_positions`], [`strategy::fill_default_template`], [`strategy::add_position`], [`strategy::set_position`] | Слой 3 → Типовые карты |
//! | 3 | project-map contacts: role suggested by the typical map, influence links, delete | [`strategy::suggest_roles`], [`strategy::set_influences`], [`strategy::delete_contact`] | Слой 3 → Карты проекта |
//! | 3 | programme budget per channel and status, activities per month | [`strategy::channel_totals`], [`strategy::programme_totals`], [`strategy::activities_by_month`], [`strategy::delete_activity`] | Слой 3 → Программа продвижения |
//! | 3 | «план PR мероприятий» | [`strategy::pr_calendar`], [`strategy::pr_totals`] | Слой 3 → План PR |
//! | 4 | «матрица преимуществ по каждому каналу» (task and result) | [`tools::advantage_matrix`], [`tools::advantage_matrices`]; the tab's view [`layer4::matrix_view`], [`layer4::channel_needs`], [`layer4::channel_advantages`] | Слой 4 → Матрица преимуществ |
//! | 4 | «списки вопросов для ЛФР и ЛПР» 2.1 / 2.2 / 2.3, result «вопросники для 2го этапа ТФС» | [`tools::question_lists`], [`tools::channel_question_lists`] (the result), [`tools::default_questions`]; the tab's view [`layer4::channel_questions`], [`layer4::question_needs`] | Слой 4 → Вопросники |
//! | 4 | result «шаблон инструктажа ЛФР» | [`tools::default_briefing`] | Слой 4 → Инструктаж ЛФР |
//! | 4 | «шаблоны КП для ЛФР и ТЭО для ЛПР», result «шаблоны КП и ТЭО» | [`tools::default_kp_template`], [`tools::default_teo_template`], [`tools::new_project`] (a new project starts with them), [`tools::layer4_results`] | Слой 4 → Документы |
//! | 4 | metric «этап 2.1 – 3+» | [`tools::metric_21`]; one deal's count [`tools::need_count`] ([`layer4::deal_view`]) | Слой 4 → Метрики, Сделка |
//! | 4 | metric «этап 2.2 – 3+» | [`tools::metric_22`]; one deal's count [`tools::criteria_count`] ([`layer4::deal_view`]) | Слой 4 → Метрики, Сделка |
//! | 4 | metric «этап 2.3 – величина экономической эффективности» | [`tools::metric_23`], [`teo::indicators`] | Слой 4 → Метрики |
//! | 4 | ТЭО for the ЛПР: payback, NPV, ROI, IRR, TCO, sensitivity (docs/METHOD.md §5.2) | [`teo::indicators`], [`teo::sensitivity`], [`teo::cash_flow`] | Слой 4 → ТЭО-калькулятор |
//! | 5 | «Психологические аспекты взаимодействия с клиентом на 14 этапах ТФС» | [`psychology::default_checklist`], [`psychology::checklist_for`], [`psychology::add_point`], [`psychology::reset_to_default`] | Слой 5 → Чек-листы этапов |
//! | 5 | result «Экспертная «дотяжка»» (no metrics) | [`psychology::filter_notes`], [`psychology::follow_up_state`], [`psychology::notes_per_manager`], [`psychology::notes_per_stage`], [`psychology::save_note`] | Слой 5 → Экспертная дотяжка |
//! | all | «Отчёт о состоянии слоёв»: tasks, results, metric values, state of each layer | [`report::layer_summaries`], [`report::LayerSummary::results_done`], [`report::layer_metrics`], [`gating::layer_state`] | Карта метода → Отчёт по слоям; LayerStatus on the layer screens |
//! | 4 | КП for the ЛФР and ТЭО for the ЛПР filled from a deal (docs/METHOD.md §5.1, §5.2) | [`documents::render`], [`documents::proposal_totals`] | Слой 4 → Документы |
//! | all | «диагностировав проблему на 2-ом слое (конверсия), переходим сначала к слою 3, затем … к слою 4 и только в самом конце — к слою 5» (docs/METHOD.md §4.2) | [`diagnostics::diagnose`], [`diagnostics::plan_sanity`], [`diagnostics::segment_project`] | Диагностика → Результат, Отчёт |
//! | all | thresholds Θ and saved diagnoses compared over time | [`model::DiagnosisThresholds`], [`diagnostics::to_saved`], [`diagnostics::change`], [`diagnostics::latest`] | Диагностика → Пороги, История |
//! | all | «где исправить»: the tab where a missing result or a diagnosed problem is fixed | [`route::Place`], [`gating::fix_at`], [`diagnostics::Action::place`] | Карта метода, LayerStatus, Диагностика → Результат |
//! | all | every layer's management metric at a glance | [`dashboard::dashboard`], [`dashboard::Dashboard::targeted_conversions`], [`dashboard::meets`] | Панель |

pub mod accounts;
pub mod clients;
pub mod dashboard;
pub mod data;
pub mod defaults_en;
pub mod demo;
pub mod demo_en;
pub mod diagnostics;
pub mod documents;
pub mod edit;
pub mod gating;
pub mod guide;
pub mod import;
pub mod layer1;
pub mod layer2;
pub mod layer3;
pub mod layer4;
pub mod limits;
pub mod merge;
pub mod method;
pub mod model;
pub mod money;
pub mod period;
pub mod psychology;
pub mod report;
pub mod route;
pub mod stages;
pub mod strategy;
pub mod synth;
pub mod teo;
pub mod tools;

pub use model::*;
pub use money::Money;
pub use period::Period;
