//! Files the facilitator picks: exports through the save dialog, imports through the open
//! dialog or by dropping a file on the window, and opening what was exported.
//!
//! The window never names an arbitrary path. It can import only a file the facilitator chose
//! in a dialog or dropped on it, and open or reveal only a file this run exported, so a
//! window that was somehow made to misbehave could not read or launch anything else.
//!
//! Native dialogs cannot be driven by a test, so two environment variables stand in for the
//! facilitator's choice: [`SAVE_DIALOG_ANSWER`] and [`OPEN_DIALOG_ANSWER`].

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use fiilis_core::error::{ErrorCode, WireError};
use fiilis_core::files::FileFormat;
use fiilis_core::report::PaperSize;
use fiilis_core::Library;
use serde::Deserialize;
use serde_json::{json, Value};
use tauri::{AppHandle, Emitter, Manager, Runtime, State, Webview, WebviewEvent};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::commands::arguments;

/// When set, the save dialog is not shown and answers this path (for tests).
pub const SAVE_DIALOG_ANSWER: &str = "FIILIS_SAVE_DIALOG_PATH";
/// When set, the open dialog is not shown and answers this path (for tests).
pub const OPEN_DIALOG_ANSWER: &str = "FIILIS_OPEN_DIALOG_PATH";

/// The event the main window gets while files are dragged over it and when they are dropped.
pub const FILE_DROP_EVENT: &str = "file-drop";

/// The paths this run may touch on the window's behalf.
#[derive(Default)]
pub struct ChosenFiles {
    dropped: Mutex<HashSet<PathBuf>>,
    exported: Mutex<HashSet<PathBuf>>,
}

fn remember(set: &Mutex<HashSet<PathBuf>>, path: PathBuf) {
    set.lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .insert(path);
}

fn knows(set: &Mutex<HashSet<PathBuf>>, path: &Path) -> bool {
    set.lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .contains(path)
}

/// Runs blocking work (a dialog waits for the facilitator, a PDF takes a while) off the
/// async runtime's threads.
async fn off_the_runtime<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, WireError> + Send + 'static,
) -> Result<T, WireError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|error| {
            WireError::new(
                ErrorCode::Storage,
                format!("the work stopped unexpectedly: {error}"),
            )
        })?
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SaveExport {
    workshop_id: String,
    format: FileFormat,
    #[serde(default)]
    paper: PaperSize,
}

/// Asks where to save the workshop in a format, and writes it there. `null` when the
/// facilitator cancelled.
#[tauri::command]
pub async fn save_export<R: Runtime>(
    app: AppHandle<R>,
    library: State<'_, Arc<Library>>,
    files: State<'_, Arc<ChosenFiles>>,
    input: Option<Value>,
) -> Result<Value, WireError> {
    let SaveExport {
        workshop_id,
        format,
        paper,
    } = arguments("save_export", input)?;
    let library = library.inner().clone();
    let files = files.inner().clone();
    off_the_runtime(move || {
        let name = library.suggested_file_name(&workshop_id, format)?;
        let Some(path) = ask_save_path(&app, &name, format) else {
            return Ok(Value::Null);
        };
        let started = Instant::now();
        let written = library.write_file(&workshop_id, format, paper, &path)?;
        tracing::info!(
            ?format,
            bytes = written.bytes,
            millis = started.elapsed().as_millis() as u64,
            "export written"
        );
        remember(&files.exported, path);
        Ok(json!(written))
    })
    .await
}

fn ask_save_path<R: Runtime>(
    app: &AppHandle<R>,
    name: &str,
    format: FileFormat,
) -> Option<PathBuf> {
    if let Some(answer) = std::env::var_os(SAVE_DIALOG_ANSWER) {
        return Some(answer.into());
    }
    let extension = format.suffix().rsplit('.').next().unwrap_or_default();
    let mut dialog = app
        .dialog()
        .file()
        .set_file_name(name)
        .add_filter(extension.to_uppercase(), &[extension]);
    if let Some(window) = app.get_webview_window(crate::desktop::MAIN_WINDOW) {
        dialog = dialog.set_parent(&window);
    }
    dialog.blocking_save_file()?.into_path().ok()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportArgs {
    #[serde(default)]
    path: Option<PathBuf>,
    #[serde(default)]
    merge_into: Option<String>,
}

/// Imports a workshop file as a new workshop, or merges it into `merge_into`: the file the
/// facilitator dropped (`path`) or, without one, the one they pick in the open dialog.
/// `null` when they cancelled.
#[tauri::command]
pub async fn import_file<R: Runtime>(
    app: AppHandle<R>,
    library: State<'_, Arc<Library>>,
    files: State<'_, Arc<ChosenFiles>>,
    input: Option<Value>,
) -> Result<Value, WireError> {
    let ImportArgs { path, merge_into } = arguments("import_file", input)?;
    if let Some(path) = &path {
        if !knows(&files.dropped, path) {
            return Err(WireError::new(
                ErrorCode::NotChosen,
                format!(
                    "{} was not dropped on the window or picked in a dialog",
                    path.display()
                ),
            ));
        }
    }
    let library = library.inner().clone();
    off_the_runtime(move || {
        let Some(path) = path.or_else(|| ask_open_path(&app)) else {
            return Ok(Value::Null);
        };
        let text = fiilis_core::files::read_workshop_file(&path)?;
        let started = Instant::now();
        let answer = match merge_into {
            Some(workshop_id) => {
                json!({ "path": path, "change": library.merge_workshop(&workshop_id, &text)? })
            }
            None => json!({ "path": path, "workshop": library.import_workshop(&text)? }),
        };
        tracing::info!(
            bytes = text.len(),
            millis = started.elapsed().as_millis() as u64,
            "workshop file read in"
        );
        Ok(answer)
    })
    .await
}

fn ask_open_path<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    if let Some(answer) = std::env::var_os(OPEN_DIALOG_ANSWER) {
        return Some(answer.into());
    }
    let mut dialog = app.dialog().file().add_filter("Fiilis workshop", &["json"]);
    if let Some(window) = app.get_webview_window(crate::desktop::MAIN_WINDOW) {
        dialog = dialog.set_parent(&window);
    }
    dialog.blocking_pick_file()?.into_path().ok()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportedPath {
    path: PathBuf,
}

fn exported_path(
    files: &ChosenFiles,
    command: &str,
    input: Option<Value>,
) -> Result<PathBuf, WireError> {
    let ExportedPath { path } = arguments(command, input)?;
    if knows(&files.exported, &path) {
        Ok(path)
    } else {
        Err(WireError::new(
            ErrorCode::NotExported,
            format!("{} is not a file Fiilis exported", path.display()),
        ))
    }
}

/// Opens a file this run exported with the system's app for it.
#[tauri::command]
pub async fn open_exported<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Arc<ChosenFiles>>,
    input: Option<Value>,
) -> Result<Value, WireError> {
    let path = exported_path(&files, "open_exported", input)?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|error| {
            WireError::new(
                ErrorCode::Storage,
                format!("the file could not be opened: {error}"),
            )
        })?;
    Ok(Value::Null)
}

/// Shows a file this run exported in the system's file manager.
#[tauri::command]
pub async fn show_exported<R: Runtime>(
    app: AppHandle<R>,
    files: State<'_, Arc<ChosenFiles>>,
    input: Option<Value>,
) -> Result<Value, WireError> {
    let path = exported_path(&files, "show_exported", input)?;
    app.opener().reveal_item_in_dir(&path).map_err(|error| {
        WireError::new(
            ErrorCode::Storage,
            format!("the folder could not be shown: {error}"),
        )
    })?;
    Ok(Value::Null)
}

/// Passes files dragged over the main window on to it, and remembers dropped ones as the
/// facilitator's choice (see [`import_file`]).
pub fn on_webview_event<R: Runtime>(webview: &Webview<R>, event: &WebviewEvent) {
    let WebviewEvent::DragDrop(drag) = event else {
        return;
    };
    if webview.label() != crate::desktop::MAIN_WINDOW {
        return;
    }
    let (kind, paths) = match drag {
        tauri::DragDropEvent::Enter { paths, .. } => ("enter", paths.clone()),
        tauri::DragDropEvent::Over { .. } => ("over", Vec::new()),
        tauri::DragDropEvent::Drop { paths, .. } => ("drop", paths.clone()),
        tauri::DragDropEvent::Leave => ("leave", Vec::new()),
        _ => return,
    };
    if kind == "drop" {
        let files = webview.state::<Arc<ChosenFiles>>();
        for path in &paths {
            remember(&files.dropped, path.clone());
        }
    }
    let _ = webview.emit_to(
        crate::desktop::MAIN_WINDOW,
        FILE_DROP_EVENT,
        json!({ "kind": kind, "paths": paths }),
    );
}
