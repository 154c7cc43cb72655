//! Saving and loading: the file envelope, schema versions and migrations, validation, table files
//! (CSV and .xlsx) for the import, the
//! storage library and its compression. All pure; the browser's localStorage is plugged in by
//! `state::storage` through the [`library::KeyValue`] trait.

pub mod codec;
pub mod error;
pub mod export;
pub mod file;
pub mod jsonpath;
pub mod library;
pub mod limits;
pub mod migrate;
pub mod place;
pub mod table;
pub mod validate;
pub mod xlsx;

pub use error::{Damage, LoadError, MigrationProblem, StoreError, Unavailable};
