//! The app's log: one file a day in the data folder's `logs/`, the last week kept.
//!
//! What goes in is for finding out what went wrong on a facilitator's laptop afterwards:
//! starts, backups, failed operations by name and code, slow operations, exports. Never
//! what people wrote: core logs operation names and error codes, not inputs or messages.
//! Each line is written straight to the file, so a crash loses none of it.

use std::path::{Path, PathBuf};

use tracing_appender::rolling::{RollingFileAppender, Rotation};

/// The log folder inside the data folder.
pub const LOG_DIR: &str = "logs";
/// How many daily files are kept.
const KEEP_DAYS: usize = 7;

/// Starts logging into `data_dir`'s log folder. A log that cannot be written is reported
/// and otherwise ignored: the app works without it.
pub fn start(data_dir: &Path) {
    // The appender looks into the folder for old files to prune before it would create it.
    let _ = std::fs::create_dir_all(data_dir.join(LOG_DIR));
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("fiilis")
        .filename_suffix("log")
        .max_log_files(KEEP_DAYS)
        .build(data_dir.join(LOG_DIR));
    let appender = match appender {
        Ok(appender) => appender,
        Err(error) => {
            eprintln!(
                "fiilis: cannot write a log in {}: {error}",
                data_dir.display()
            );
            return;
        }
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(appender)
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .try_init();
}

/// The newest log file of `data_dir`, if there is one.
pub fn newest(data_dir: &Path) -> Option<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir.join(LOG_DIR))
        .ok()?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "log"))
        .collect();
    files.sort();
    files.pop()
}
