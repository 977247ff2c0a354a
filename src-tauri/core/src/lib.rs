//! Fiilis core: the workshop model, the SQLite store and every operation the front ends call.
//!
//! This crate knows nothing of Tauri, HTTP or async runtimes on purpose. The desktop shell,
//! the HTTP server and the CLI are thin callers of [`api::call`] or of the typed functions
//! on [`Library`], so every rule (validation, ordering, trash semantics) is written and tested
//! once, here, against a real SQLite file.

pub mod api;
pub mod board;
pub mod chart;
pub mod emotions;
pub mod error;
pub mod exchange;
pub mod files;
pub mod history;
pub mod images;
pub mod journey;
pub mod model;
pub(crate) mod ordering;
pub mod participants;
pub mod personas;
pub mod phones;
pub mod report;
pub mod room;
pub mod sample;
pub mod store;
pub mod templates;
mod validate;
pub mod voting;
pub mod workshops;

pub use error::{Error, Result};
pub use history::{Change, Table};
pub use model::{Language, Stage, TemplateId, Workshop, WorkshopSummary};
pub use store::Library;
