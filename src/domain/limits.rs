//! Limits on what an import takes in, so that a hostile or broken file cannot hang the page or
//! fill the storage. Each limit is far above what a real client base or CRM export holds.

/// Names of clients, managers, deals, reference-list entries (characters).
pub const NAME: usize = 200;
/// Codes of clients, managers and deals (characters).
pub const CODE: usize = 50;
/// Free text: notes, descriptions (characters).
pub const NOTE: usize = 10_000;
/// The largest amount of money accepted, in any unit (a trillion roubles is far beyond any
/// client's revenue; past this, amounts lose their kopecks in `f64`).
pub const MONEY_MAX: f64 = 1e15;
