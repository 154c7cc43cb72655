//! Reusable widgets.

pub mod download;
pub mod import;
pub mod shell;
