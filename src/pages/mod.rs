//! One file per screen.

pub mod data;
pub mod method;
pub mod projects;
