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
    let cli = cli::Cli::parse();
    match cli::execute(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("fiilis: {error}");
            ExitCode::FAILURE
        }
    }
}
