//! Reusable widgets.

pub mod a11y;
pub mod chart;
pub mod download;
pub mod import;
pub mod layer_status;
pub mod print;
pub mod shell;
pub mod table_import;
pub mod tabs;
