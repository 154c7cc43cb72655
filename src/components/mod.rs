//! Reusable widgets.

pub mod a11y;
pub mod chart;
pub mod download;
pub mod export;
pub mod gate;
pub mod guide;
pub mod import;
pub mod layer_status;
pub mod merge;
pub mod part;
pub mod print;
pub mod shell;
pub mod table_import;
pub mod tabs;
pub mod undo;
