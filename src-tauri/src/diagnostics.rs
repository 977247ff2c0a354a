//! "Copy diagnostics": a plain-text account of this installation for a bug report.
//!
//! It says what the app, the system and the library are, how healthy the library is and what
//! the log says lately, and nothing that anybody wrote in a workshop: counts, codes, sizes
//! and paths only (the log holds no participant text either).

use std::fmt::Write;
use std::path::Path;
use std::sync::Arc;

use fiilis_core::error::WireError;
use fiilis_core::store::backup;
use fiilis_core::Library;
use serde_json::{json, Value};
use tauri::{AppHandle, Manager, Runtime};

/// How many of the newest log lines go in.
const LOG_LINES: usize = 60;

/// The diagnostics text, in the normal window and in the recovery window alike.
#[tauri::command]
pub fn diagnostics<R: Runtime>(
    app: AppHandle<R>,
    input: Option<Value>,
) -> Result<Value, WireError> {
    crate::commands::arguments::<fiilis_core::api::args::NoArgs>("diagnostics", input)?;
    let mut text = String::new();
    let _ = writeln!(
        text,
        "Fiilis {} ({} {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    if let Some(system) = operating_system() {
        let _ = writeln!(text, "System: {system}");
    }
    let library_path = if let Some(library) = app.try_state::<Arc<Library>>() {
        describe_library(&mut text, &library);
        library.path().to_owned()
    } else if let Some(recovery) = app.try_state::<crate::recovery::Recovery>() {
        let _ = writeln!(
            text,
            "Library: did not open ({}): {}",
            recovery.problem.code,
            recovery.library_path.display()
        );
        recovery.library_path.clone()
    } else {
        return Ok(json!({ "text": text }));
    };
    let backups = backup::backups_of(&library_path).unwrap_or_default();
    let _ = writeln!(
        text,
        "Backups: {}{}",
        backups.len(),
        backups
            .first()
            .map(|newest| format!(", newest {} ({} bytes)", newest.name, newest.bytes))
            .unwrap_or_default()
    );
    if let Some(data_dir) = library_path.parent() {
        append_log(&mut text, data_dir);
    }
    Ok(json!({ "text": text }))
}

fn describe_library(text: &mut String, library: &Library) {
    let bytes = std::fs::metadata(library.path())
        .map(|meta| meta.len())
        .unwrap_or(0);
    let schema = library
        .schema_version()
        .map(|version| version.to_string())
        .unwrap_or_else(|error| format!("unreadable ({})", error.code()));
    let _ = writeln!(
        text,
        "Library: {} ({bytes} bytes, schema {schema})",
        library.path().display()
    );
    match library.check() {
        Ok(health) => {
            let _ = writeln!(
                text,
                "Health: {} ({} integrity findings, {} broken references, {} broken rules)",
                if health.ok { "ok" } else { "PROBLEMS" },
                health.integrity.len(),
                health.foreign_keys.len(),
                health.problems.len()
            );
        }
        Err(error) => {
            let _ = writeln!(text, "Health: the check failed ({})", error.code());
        }
    }
}

fn append_log(text: &mut String, data_dir: &Path) {
    let Some(log) = crate::logs::newest(data_dir) else {
        let _ = writeln!(text, "Log: none yet");
        return;
    };
    let contents = std::fs::read_to_string(&log).unwrap_or_default();
    let lines: Vec<&str> = contents.lines().collect();
    let _ = writeln!(
        text,
        "Log: {} (last {} lines)",
        log.display(),
        LOG_LINES.min(lines.len())
    );
    for line in &lines[lines.len().saturating_sub(LOG_LINES)..] {
        let _ = writeln!(text, "  {line}");
    }
}

/// The distribution's own name for itself, from /etc/os-release.
fn operating_system() -> Option<String> {
    let release = std::fs::read_to_string("/etc/os-release").ok()?;
    release
        .lines()
        .find_map(|line| line.strip_prefix("PRETTY_NAME="))
        .map(|name| name.trim_matches('"').to_owned())
}
