//! The desktop window: it loads the bundled UI and talks to core over IPC only.
//!
//! The window never loads the HTTP server's pages: those are served to browsers, and a page
//! from a port would be refused by the IPC access control anyway.

use std::sync::Arc;

use fiilis_core::Library;
use tauri::{AppHandle, Emitter, Runtime, WebviewUrl, WebviewWindowBuilder};

/// The label of the facilitator's window; the capability grants commands to it alone.
pub const MAIN_WINDOW: &str = "main";

/// The event every window receives with each committed `Change` (see docs/api.md).
pub const CHANGE_EVENT: &str = "workshop-changed";

/// The app with its state and commands, for any runtime (the real one, or the mock runtime
/// in tests).
pub fn builder<R: Runtime>(builder: tauri::Builder<R>, library: Arc<Library>) -> tauri::Builder<R> {
    builder
        .manage(library)
        .invoke_handler(crate::commands::handler())
}

/// Sends every change committed to `library` to all windows, so two windows on one
/// workshop stay in step.
pub fn forward_changes<R: Runtime>(app: &AppHandle<R>, library: &Library) {
    let app = app.clone();
    library.watch(move |change| {
        // A window closing mid-broadcast is not an error worth reporting.
        let _ = app.emit(CHANGE_EVENT, change);
    });
}

/// The compiled-in configuration, capabilities and UI assets.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Opens the facilitator's window and runs until it is closed.
pub fn run(library: Library) -> Result<(), String> {
    let library = Arc::new(library);
    crate::library::keep_backed_up(&library);
    crate::library::follow_other_processes(&library);
    builder(tauri::Builder::default(), library.clone())
        .setup(move |app| {
            forward_changes(app.handle(), &library);
            WebviewWindowBuilder::new(app, MAIN_WINDOW, WebviewUrl::App("index.html".into()))
                .title("Fiilis")
                .inner_size(1280.0, 820.0)
                .min_inner_size(720.0, 480.0)
                .build()?;
            Ok(())
        })
        .run(context())
        .map_err(|error| format!("the window could not be opened: {error}"))
}
