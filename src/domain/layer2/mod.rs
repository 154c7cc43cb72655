//! Layer 2: the funnel on the ТФС stages (docs/METHOD.md §3.2).
//!
//! The article's task is «табло ведения счета (воронки), с фиксацией всех текущих проектов в
//! воронке по каждому менеджеру», its result «видно движение клиентов с привязкой к категории и
//! движение денег», and its metrics are the number of leads at ТФС stage 1 and the conversion
//! between stages. This module computes all of them from [`Project::deals`](crate::domain::model::Project::deals) and their stage
//! history; it never touches the browser.
//!
//! ## Semantics (shown to consultants as tooltips)
//!
//! - **Stage order.** Stages are compared by their position in [`Project::stages`](crate::domain::model::Project::stages) (an index into
//!   that list), never by their codes.
//! - **Reached ≥ s.** A deal has *reached* stage `s` when the furthest stage it was ever at
//!   (history and current stage, [`max_stage_reached`](stage_index::max_stage_reached)) is at or
//!   after `s` in the stage order. Therefore:
//!   - a **lost** deal keeps the furthest stage it reached (docs/METHOD.md §2.2);
//!   - a deal **moved backwards** still counts as having reached its furthest stage;
//!   - a deal that **skipped** a stage (1 → 2.2) counts as having reached the skipped ones (2.1),
//!     on the date it reached the later stage;
//!   - a deal past the funnel (won, now at stage 10) counts at every funnel stage.
//! - **Snapshot conversion** s → s' (consecutive funnel stages) = reached(s') / reached(s); it is
//!   `None` (unknown, not 0 %) when nobody reached s.
//! - **Cohort conversion** for a period ([`cohort_conversions`](conversion::cohort_conversions)):
//!   the deals that reached s in the period and are *decided*: they moved on to s', were lost
//!   before s', or have sat longer than the stage's `typical_days` without moving on (as of a
//!   date). Young open deals are *pending*
//!   and left out, so open deals do not drag the ratio down.
//! - **Lead** ([`leads`](leads::leads)): a deal whose first (earliest) stage-history record is at
//!   the lead stage (ТФС code `1`), counted once, in the period that contains that record's date; a deal
//!   that enters the funnel past stage 1 is not a lead. Leads of category k are the leads at
//!   clients of category k. The need of a period is the yearly need × the period's share of the
//!   year by calendar months ([`prorate`](leads::prorate), [`Period::year_share`](crate::domain::period::Period::year_share)).
//! - **Pipeline**: deals with status `Open`. On-hold deals are reported apart and are neither in
//!   the pipeline nor on the scoreboard.
//! - **Weighted pipeline** = Σ amount × p(current stage). A stage without a probability is
//!   *unknown*, not 0 %: such deals are summed apart and the weighted figure is marked partial.
//!
//! ## Deal attributes
//!
//! A deal's manager and channel are its own, or else its client's. Its business line is its
//! own, or else its client's when the client has exactly one. Its category comes from the map
//! the caller passes (the ABC result with overrides, keyed by client id); a deal without a
//! client, or whose client is not in the map, is counted as
//! [`Category::N`](crate::domain::model::Category::N).
//!
//! ## Performance
//!
//! Every report works in one pass over the deals with a precomputed stage-position map
//! ([`StageIndex`](stage_index::StageIndex)) and a client map, so a filter change on 10 000
//! deals recomputes the funnel and the scoreboard in a few milliseconds.

//!
//! ## Where things are
//!
//! | Module | What it holds |
//! |---|---|
//! | [`stage_index`] | stage positions, the furthest stage a deal reached |
//! | [`filter`] | a deal's attributes, the deal filter, per-category value types |
//! | [`conversion`] | reached counts, snapshot and cohort conversion, the funnel chart's bars |
//! | [`leads`] | leads per period and category against the need |
//! | [`scoreboard`] | the scoreboard and stuck deals |
//! | [`pipeline`] | money movement, probabilities, the weighted pipeline, plan coverage |
//! | [`moves`] | moving a deal, its status and stage history ([`moves::MoveError`]) |
//! | [`stage_list`] | editing the stage list ([`stage_list::StageError`]) |
//! | [`deal_list`] | the deals list, new deals |

pub mod conversion;
pub mod deal_list;
pub mod filter;
pub mod leads;
pub mod moves;
pub mod pipeline;
pub mod scoreboard;
pub mod stage_index;
pub mod stage_list;
#[cfg(test)]
mod testkit;
