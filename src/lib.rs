//! Sloy («Слой»): a client-only WebAssembly app with which a B2B sales consultant implements and
//! manages a company's sales system layer by layer (Kozhemyako, 2016).
//!
//! `domain`, `persist` and `i18n` are pure Rust and compile natively, so their tests run in
//! seconds; everything that touches the browser is compiled for `wasm32` only.

pub mod charts;
pub mod domain;
pub mod i18n;
pub mod persist;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;
pub mod state;
