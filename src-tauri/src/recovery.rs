//! The recovery window: what the desktop app opens when the library will not open.
//!
//! A damaged, unreadable or too-new library must not end in a crash on a facilitator's
//! screen minutes before a workshop. Instead the window shows what is wrong and offers the
//! backups beside the library, or a fresh start; either way the old file is only ever moved
//! aside, never deleted, and the app then restarts into the normal window.

use std::path::PathBuf;

use fiilis_core::api::args::NoArgs;
use fiilis_core::error::{ErrorCode, WireError};
use fiilis_core::store::backup;
use serde::Deserialize;
use serde_json::{json, Value};
use tauri::{AppHandle, Manager, Runtime};

use crate::commands::arguments;

/// Why the library did not open, and where it is: managed only in recovery mode.
pub struct Recovery {
    pub library_path: PathBuf,
    pub problem: WireError,
}

/// The problem and the backups to choose from; `null` when the library opened normally.
#[tauri::command]
pub fn recovery_status<R: Runtime>(
    app: AppHandle<R>,
    input: Option<Value>,
) -> Result<Value, WireError> {
    arguments::<NoArgs>("recovery_status", input)?;
    let Some(recovery) = app.try_state::<Recovery>() else {
        return Ok(Value::Null);
    };
    Ok(json!({
        "problem": recovery.problem,
        "library_path": recovery.library_path,
        "backups": backup::backups_of(&recovery.library_path)?,
    }))
}

#[derive(Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
enum Recover {
    Restore { backup: String },
    StartFresh,
}

/// Restores a backup over the broken library, or sets the broken one aside for a new one;
/// then restarts the app.
#[tauri::command]
pub fn recover<R: Runtime>(app: AppHandle<R>, input: Option<Value>) -> Result<Value, WireError> {
    let action: Recover = arguments("recover", input)?;
    let Some(recovery) = app.try_state::<Recovery>() else {
        return Err(WireError::new(
            ErrorCode::InvalidInput,
            "the library opened normally; there is nothing to recover",
        ));
    };
    let library_path = &recovery.library_path;
    match action {
        Recover::Restore { backup: name } => {
            let chosen = backup::backups_of(library_path)?
                .into_iter()
                .find(|backup| backup.name == name)
                .ok_or_else(|| {
                    WireError::new(ErrorCode::NotFound, format!("no backup with id {name}"))
                })?;
            let aside = backup::restore(&chosen.path, library_path)?;
            tracing::warn!(?aside, "library restored from a backup in recovery");
        }
        Recover::StartFresh => {
            let aside = backup::set_aside(library_path, "damaged")?;
            tracing::warn!(?aside, "library set aside in recovery; starting a new one");
        }
    }
    app.restart()
}
