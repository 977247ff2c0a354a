//! Fiilis core: the workshop model, the SQLite store and every operation the front ends call.
//!
//! This crate knows nothing of Tauri, HTTP or async runtimes on purpose. The desktop shell,
//! the HTTP server and the CLI are thin callers of [`api::call`] or of the typed functions
//! on [`Library`], so every rule (validation, ordering, trash semantics) is written and tested
//! once, here, against a real SQLite file.
//!
//! # Layers inside core
//!
//! Modules are layered: each imports only modules of its own layer or the layers below, and
//! no modules import each other in a circle. The `// N. name` groups of declarations below
//! are the layers; `tests/layers.rs` reads them from this file and keeps the rule:
//!
//! 1. **leaves**: [`error`], [`ids`] (ids and time), [`text`] (cleaned in, isolated out),
//!    [`model`], [`validate`], [`templates`],
//!    [`palette`] (the colours and marks every front end shows), [`metrics`] (NPS, CSAT, CES
//!    and word clouds),
//!    [`rows`] (content rows as JSON: snapshot and restore), [`change`] (the [`Change`] type),
//!    [`encoded`] (JSON made once, sent to many), [`secrets`] (made random, compared in
//!    constant time).
//! 2. **store**: [`store`], the library file (connections, migrations, backups).
//! 3. **history**: [`history`], every content edit as one undoable step.
//! 4. **workshop**: [`workshops`], the library's workshops and their trash.
//! 5. **domain**: [`dependents`], [`ordering`], [`participants`], [`room`], [`voting`],
//!    [`sections`] (the board's frames and their grids), [`board`], [`personas`], [`images`], [`emotions`], [`feelings`], [`lanes`],
//!    [`questions`], [`figures`], [`journey`], [`phones`], [`chart`].
//! 6. **exchange and report**: [`exchange`] (workshop files), [`report`], [`files`],
//!    [`sample`], [`check`] (the health check of a library file), [`sync`] (several laptops
//!    on one workshop).
//! 7. **api**: [`api`], the facilitator operations by name.

// 1. leaves
pub mod change;
pub mod encoded;
pub mod error;
pub mod hyphenation;
pub(crate) mod ids;
pub mod metrics;
pub mod model;
pub mod palette;
pub mod rows;
pub mod secrets;
pub mod templates;
pub mod text;
mod validate;
// 2. store
pub mod store;
// 3. history
pub mod history;
// 4. workshop
pub mod workshops;
// 5. domain
pub mod board;
pub mod branding;
pub mod chart;
pub(crate) mod dependents;
pub mod emotions;
pub mod feelings;
pub mod figures;
pub mod images;
pub mod journey;
pub mod lanes;
pub(crate) mod ordering;
pub mod participants;
pub mod personas;
pub mod phones;
pub mod questions;
pub mod room;
pub mod sections;
pub mod thumbnail;
pub mod voting;
// 6. exchange and report
pub mod check;
pub mod exchange;
pub mod files;
pub mod report;
pub mod sample;
pub mod sync;
// 7. api
pub mod api;

pub use change::Change;
pub use error::{Error, Result};
pub use model::{Language, Stage, TemplateId, Workshop, WorkshopSummary};
pub use rows::Table;
pub use store::Library;
