//! Where the library lives and how every front end opens it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use std::time::Duration;

use fiilis_core::{Language, Library};

/// The folder name under the platform data folder; the same as Tauri's app data folder,
/// so the desktop app and the CLI find the same library.
const APP_FOLDER: &str = "fi.fiilis.workshops";

/// The library folder: `--data-dir` / `FIILIS_DATA_DIR` when given, else the platform's
/// data folder (`~/.local/share/fi.fiilis.workshops` on Linux).
pub fn data_dir(explicit: Option<PathBuf>) -> Result<PathBuf, String> {
    match explicit {
        Some(dir) => Ok(dir),
        None => dirs::data_dir()
            .map(|base| base.join(APP_FOLDER))
            .ok_or_else(|| {
                "cannot tell where this system keeps application data; pass --data-dir".to_owned()
            }),
    }
}

/// The language of the operating system's locale, as far as Fiilis speaks it.
pub fn system_language() -> Language {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .unwrap_or_default();
    if locale.starts_with("fi") {
        Language::Fi
    } else {
        Language::En
    }
}

/// How often a running app backs the library up while it is being changed.
const BACKUP_EVERY: Duration = Duration::from_secs(10 * 60);

/// How long the first backup waits for the window to be shown before it runs anyway.
const FIRST_BACKUP_LATEST: Duration = Duration::from_secs(30);

/// Backs the library up at start, and then every [`BACKUP_EVERY`] in which something changed,
/// for as long as the app runs. Given `window_shown`, the first backup waits for it (at most
/// [`FIRST_BACKUP_LATEST`]): on a two-core laptop a copy of the whole library beside WebKit's
/// start slows the window down. `fiilis serve` has no window and passes `None`. A failed
/// backup is logged, never fatal: the library itself is unharmed.
pub fn keep_backed_up(library: &Arc<Library>, window_shown: Option<Receiver<()>>) {
    let changed = Arc::new(AtomicBool::new(true));
    let flag = changed.clone();
    library.watch(move |_| {
        flag.store(true, Ordering::Relaxed);
        true
    });
    let library = Arc::downgrade(library);
    std::thread::spawn(move || {
        if let Some(shown) = window_shown {
            // Both the signal and a closed channel (the app is closing) end the wait.
            let _ = shown.recv_timeout(FIRST_BACKUP_LATEST);
        }
        loop {
            let Some(strong) = library.upgrade() else {
                return;
            };
            if changed.swap(false, Ordering::Relaxed) {
                match strong.backup() {
                    Ok(backup) => tracing::info!(bytes = backup.bytes, "backed up the library"),
                    Err(error) => {
                        tracing::warn!(
                            code = error.code().as_str(),
                            "backing up the library failed"
                        )
                    }
                }
            }
            drop(strong);
            std::thread::sleep(BACKUP_EVERY);
        }
    });
}

/// How often a running app looks for changes another process made to the library.
const POLL_EVERY: Duration = Duration::from_millis(500);

/// Passes on, for as long as the app runs, changes that another process (the desktop app
/// beside `fiilis serve`) commits to the same library, so every window stays live.
pub fn follow_other_processes(library: &Arc<Library>) {
    let library = Arc::downgrade(library);
    std::thread::spawn(move || loop {
        std::thread::sleep(POLL_EVERY);
        let Some(library) = library.upgrade() else {
            return;
        };
        if let Err(error) = library.poll_external_changes() {
            eprintln!("fiilis: looking for changes from other windows failed: {error}");
        }
    });
}

/// Opens the library in `dir`, giving it the sample workshop on its very first start.
pub fn open(dir: &std::path::Path) -> fiilis_core::Result<Library> {
    let library = Library::open_in_dir(dir)?;
    library.seed_sample_on_first_start(system_language())?;
    Ok(library)
}
