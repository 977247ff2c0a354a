//! The Fiilis desktop shell: the binary `fiilis`.
//!
//! Deliberately thin. It parses the command line, finds the library, and then either opens
//! the desktop window (IPC commands that forward to core) or runs a headless subcommand.
//! Rules live in `fiilis_core`; HTTP lives in `fiilis_server`.

pub mod cli;
pub mod commands;
pub mod desktop;
pub mod diagnostics;
pub mod files;
pub mod library;
pub mod logs;
pub mod memory;
pub mod recovery;

use std::process::ExitCode;

use clap::Parser;

/// Runs the command line given to the process.
pub fn run() -> ExitCode {
    desktop::mark_start();
    desktop::paint_without_compositing();
    raise_open_file_limit();
    let cli = cli::Cli::parse();
    match cli::execute(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("fiilis: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Lets the process keep as many files open as the system allows it: every phone in a hall
/// holds a connection or two, and the usual soft limit (1,024) is reached at a few hundred
/// phones. The listeners cap their connections below it (see `fiilis_server`).
fn raise_open_file_limit() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: reads and sets this process's own limit; both calls only touch `limit`.
    unsafe {
        let mut limit = std::mem::zeroed::<libc::rlimit>();
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max
        {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}
