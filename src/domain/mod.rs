//! The method itself: pure Rust, no browser imports, tested natively.
//!
//! Data flows one way: `persist` loads a [`model::Project`] → the UI state holds it → pages call
//! the functions here → charts draw their results. The UI never computes a metric itself.
//!
//! ## Trace of the article's table
//!
//! | Layer | Article item | Domain function | Screen |
//! |---|---|---|---|
//! | all | tasks, results, metrics of each layer | [`method::LAYERS`], [`method::item_status`] | Карта метода |
//! | all | «не внедрив требования к 1 слою, нельзя переходить ко 2-му» | [`method::layer_access`], [`gating::computed_status`] | Карта метода |
//! | 1 | Бизнесы, каналы, география | [`abc::revenue_breakdown`] | Слой 1 → Ключевые цифры |
//! | 1 | АВСанализ и выводы по нему | [`abc::abc_analysis`], [`abc::client_categories`], [`abc::pareto_chart`], [`abc::abc_conclusions`] | Слой 1 → ABC |
//! | 1 | средний вес / средняя длительность сделки по категориям | [`abc::CategorySummary`] (in [`abc::AbcResult::summary`]) | Слой 1 → ABC |
//! | 1 | степень проработки клиентов категории А | [`abc::a_elaboration`], [`abc::elaboration_conclusions`] | Слой 1 → ABC |
//! | 1 | план продаж в деньгах по компании; цели по категориям в % | [`plan::category_plans`] | Слой 1 → Цели |
//! | 1 | цели по проектам категорий А и В в шт. (+ лиды на 1 этапе) | [`plan::project_goals`], [`plan::won_needed`], [`plan::leads_needed`], [`plan::wip_needed`] | Слой 1 → Цели |
//! | 1 | индивидуальный план по менеджерам: в деньгах, в проектах, по каналам, по категориям | [`plan::manager_plans`], [`plan::propose_manager_plans`], [`plan::propose_channel_split`], [`plan::propose_category_split`] | Слой 1 → Планы менеджеров |
//! | 1 | Расчетная доля рынка | [`plan::market_share`], [`plan::market_volume`] | Слой 1 → Цели |
//! | 1 | Определена структура отдела продаж | [`plan::sales_structure`] | Слой 1 → Структура |
//! | 1 | метрика «План продаж» (выполнение плана) | [`plan::fulfilment`], [`plan::plan_for_period`], [`plan::fact_in_period`], [`plan::TrafficLight`] | Слой 1 → План/факт |
//! | 2 | ТФС stages (14, codes 1, 2.1, 2.2, 2.3) | [`stages::default_stages`], [`stages::stage_list_problems`] | Данные → Этапы |

pub mod abc;
pub mod demo;
pub mod gating;
pub mod method;
pub mod model;
pub mod money;
pub mod period;
pub mod plan;
pub mod stages;

pub use model::*;
pub use money::Money;
pub use period::Period;
