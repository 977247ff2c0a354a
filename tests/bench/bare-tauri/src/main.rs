//! A bare Tauri 2 app, the baseline of tests/bench/startup.mjs: one window with a static page
//! whose first frame calls `ready`, which reports the time since start like Fiilis's
//! `app_ready` and exits when FIILIS_EXIT_WHEN_READY is set.

use std::time::Instant;

/// When the process started, for the time-to-ready that `ready` reports.
struct Started(Instant);

#[tauri::command]
fn ready(app: tauri::AppHandle, started: tauri::State<'_, Started>) {
    eprintln!(
        "bare-tauri: ready in {} ms",
        started.0.elapsed().as_millis()
    );
    if std::env::var_os("FIILIS_EXIT_WHEN_READY").is_some() {
        app.exit(0);
    }
}

fn main() {
    let started = Started(Instant::now());
    tauri::Builder::default()
        .manage(started)
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the window could not be opened");
}
