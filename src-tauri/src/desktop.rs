//! The desktop window: it loads the bundled UI and talks to core over IPC only.
//!
//! The window never loads the HTTP server's pages: those are served to browsers, and a page
//! from a port would be refused by the IPC access control anyway.

use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use fiilis_core::Library;
use fiilis_server::ParticipantAccess;
use tauri::{AppHandle, Emitter, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

/// The label of the facilitator's window; the capability grants commands to it alone.
pub const MAIN_WINDOW: &str = "main";

/// The label of the projector's window, which may only read (src-tauri/capabilities).
pub const PRESENTER_WINDOW: &str = "presenter";

/// The event every window receives with each committed `Change` (see docs/api.md).
pub const CHANGE_EVENT: &str = "workshop-changed";

/// The app with its state and commands, for any runtime (the real one, or the mock runtime
/// in tests).
pub fn builder<R: Runtime>(builder: tauri::Builder<R>, library: Arc<Library>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(Arc::new(ParticipantAccess::new(library.clone())))
        .manage(Arc::new(crate::files::ChosenFiles::default()))
        .manage(crate::memory::Trimmer::for_app())
        .manage(library)
        .on_webview_event(crate::files::on_webview_event)
        .invoke_handler(crate::commands::handler())
}

/// Sends every change committed to `library` to all windows, so two windows on one
/// workshop stay in step.
pub fn forward_changes<R: Runtime>(app: &AppHandle<R>, library: &Library) {
    let app = app.clone();
    library.watch(move |change| {
        // A window closing mid-broadcast is not an error worth reporting.
        let _ = app.emit(CHANGE_EVENT, change);
        true
    });
}

/// Shows the presenter window on `workshop_id`: a new window, or the open one pointed there.
pub fn open_presenter<R: Runtime>(app: &AppHandle<R>, workshop_id: &str) -> tauri::Result<()> {
    // The id goes into the page's address: only an id-shaped value may, so nothing else can
    // be smuggled into the URL or the script below.
    let id: String = workshop_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if let Some(window) = app.get_webview_window(PRESENTER_WINDOW) {
        window.eval(format!("location.hash = 'presenter={id}'"))?;
        return window.set_focus();
    }
    let route = format!("index.html#presenter={id}");
    WebviewWindowBuilder::new(app, PRESENTER_WINDOW, WebviewUrl::App(route.into()))
        .title("Fiilis – presenter")
        .inner_size(1280.0, 720.0)
        .build()?;
    Ok(())
}

/// WebKitGTK's switch for accelerated compositing: set and not "0", pages are painted on the
/// CPU into one surface instead of as GPU layers composited together.
const COMPOSITING_OFF: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Has WebKitGTK paint the windows without accelerated compositing, unless the user chose
/// otherwise (`WEBKIT_DISABLE_COMPOSITING_MODE=0` brings compositing back).
///
/// Why: with compositing, WebKit keeps a texture for every layer, and the board's pan-and-zoom
/// layer is as large as the board. Measured under Xvfb (software GL; docs/benchmarks.md), the
/// web process held ~170 MB more with the 5,000-note board open, and panning drew half as many
/// frames a second; the board draws only the notes in view, so a repaint stays small. GPU
/// compositing is also WebKitGTK's usual cause of blank windows on some drivers.
///
/// An environment variable, because WebKit's per-view setting comes too late: Tauri loads the
/// page as it creates the view. Call it first thing, before any other thread runs.
pub fn paint_without_compositing() {
    if cfg!(target_os = "linux") && std::env::var_os(COMPOSITING_OFF).is_none() {
        std::env::set_var(COMPOSITING_OFF, "1");
    }
}

/// When the process started, for the time-to-ready that `app_ready` reports.
static STARTED: OnceLock<Instant> = OnceLock::new();

/// With this variable set, the app exits as soon as the UI is ready (for the startup
/// benchmark, which measures exec to first interactive frame).
pub const EXIT_WHEN_READY: &str = "FIILIS_EXIT_WHEN_READY";

/// Notes the moment the process started; the first call wins.
pub fn mark_start() {
    STARTED.get_or_init(Instant::now);
}

/// Tells the backups (`library::keep_backed_up`) that the window is up, the first time only.
struct WindowShown(Mutex<Option<Sender<()>>>);

/// The UI has drawn its first interactive frame: say how long it took, let the first backup
/// start, and exit if asked to.
pub fn ready<R: Runtime>(app: &AppHandle<R>) {
    if let Some(shown) = app.try_state::<WindowShown>() {
        if let Some(sender) = shown.0.lock().ok().and_then(|mut once| once.take()) {
            // The backup thread may have given up waiting already: nothing is lost.
            let _ = sender.send(());
        }
    }
    if let Some(started) = STARTED.get() {
        eprintln!("fiilis: ready in {} ms", started.elapsed().as_millis());
    }
    if std::env::var_os(EXIT_WHEN_READY).is_some() {
        app.exit(0);
    }
}

/// The compiled-in configuration, capabilities and UI assets.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Opens the facilitator's window and runs until it is closed.
pub fn run(library: Library) -> Result<(), String> {
    let library = Arc::new(library);
    let (shown, on_shown) = std::sync::mpsc::channel();
    crate::library::keep_backed_up(&library, Some(on_shown));
    crate::library::follow_other_processes(&library);
    builder(tauri::Builder::default(), library.clone())
        .manage(WindowShown(Mutex::new(Some(shown))))
        .setup(move |app| {
            forward_changes(app.handle(), &library);
            follow_joined_hubs(app.handle());
            main_window(app, "index.html")?;
            Ok(())
        })
        .build(context())
        .map_err(|error| format!("the window could not be opened: {error}"))?
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // Ends each hub's loop between rounds; what it did not send waits on disk.
                let access = app.state::<Arc<ParticipantAccess>>().inner().clone();
                tauri::async_runtime::block_on(async move { access.stop_following().await });
            }
        });
    Ok(())
}

/// Carries on following the hubs this library joined (several laptops), in the background:
/// the window does not wait for it.
fn follow_joined_hubs<R: Runtime>(app: &AppHandle<R>) {
    let access = app.state::<Arc<ParticipantAccess>>().inner().clone();
    tauri::async_runtime::spawn(async move { access.follow_joined_hubs().await });
}

/// Opens the recovery window, for a library that did not open (see `recovery`), and runs
/// until it is closed or the app restarts after a recovery.
pub fn run_recovery(recovery: crate::recovery::Recovery) -> Result<(), String> {
    tauri::Builder::default()
        .manage(recovery)
        .invoke_handler(crate::commands::recovery_handler())
        .setup(|app| {
            main_window(app, "index.html#recovery")?;
            Ok(())
        })
        .run(context())
        .map_err(|error| format!("the window could not be opened: {error}"))
}

fn main_window<R: Runtime>(app: &tauri::App<R>, route: &str) -> tauri::Result<()> {
    WebviewWindowBuilder::new(app, MAIN_WINDOW, WebviewUrl::App(route.into()))
        .title("Fiilis")
        .inner_size(1280.0, 820.0)
        .min_inner_size(720.0, 480.0)
        .build()?;
    Ok(())
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    // One test for both cases: the variable is the process's, and tests run side by side.
    #[test]
    fn compositing_is_off_unless_the_user_turned_it_on() {
        std::env::remove_var(COMPOSITING_OFF);
        paint_without_compositing();
        assert_eq!(std::env::var(COMPOSITING_OFF).as_deref(), Ok("1"));

        std::env::set_var(COMPOSITING_OFF, "0");
        paint_without_compositing();
        assert_eq!(std::env::var(COMPOSITING_OFF).as_deref(), Ok("0"));
        std::env::remove_var(COMPOSITING_OFF);
    }
}
