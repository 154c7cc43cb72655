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
//! | 2 | ТФС stages (14, codes 1, 2.1, 2.2, 2.3) | [`stages::default_stages`], [`stages::stage_list_problems`] | Данные → Этапы |
//! | 2 | editing the stage list (rename, insert, delete, reorder; exactly one won stage) | [`funnel::insert_stage`], [`funnel::rename_stage`], [`funnel::move_stage`], [`funnel::delete_stage`], [`funnel::set_won_stage`] | Данные → Этапы |
//! | 2 | «табло ведения счета (воронки), с фиксацией всех текущих проектов в воронке по каждому менеджеру» | [`funnel::scoreboard`], [`funnel::filter_deals`], [`funnel::stuck_deals`] | Воронка → Табло |
//! | 2 | stage history of every deal (moves, status, dates) | [`funnel::move_deal`], [`funnel::move_deal_in`], [`funnel::set_status`], [`funnel::mark_won`], [`funnel::set_history_date`], [`funnel::history_problems`] | Воронка → Сделка |
//! | 2 | «Построена воронка – видно движение клиентов с привязкой к категории и движение денег» | [`funnel::funnel_snapshot`], [`funnel::money_movement`], [`funnel::weighted_pipeline`], [`funnel::coverage`] | Воронка |
//! | 2 | metric «Количество лидов на 1 этапе ТФС» | [`funnel::leads`], [`funnel::leads_vs_needed`] | Воронка |
//! | 2 | metric «Конверсия между этапами» | [`funnel::reached_counts`], [`funnel::step_conversions`], [`funnel::cohort_conversions`] | Воронка |
//! | 3 | metric «Количество лидов кат. А и В» | [`funnel::leads`] (`by_category`) | Воронка |

pub mod demo;
pub mod funnel;
pub mod gating;
pub mod method;
pub mod model;
pub mod money;
pub mod period;
pub mod stages;
pub mod synth;

pub use model::*;
pub use money::Money;
pub use period::Period;
