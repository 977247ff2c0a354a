//! Fuzz target: arbitrary bytes as a workshop file, read in as the CLI and the desktop read
//! one (through `tests/support/import_file.rs`, shared with the corpus replay test). Reading
//! must never panic; a refusal must be `invalid_input` and must leave the library as it was.

#![no_main]

use std::sync::OnceLock;

use fiilis_core::workshops::WorkshopQuery;
use fiilis_core::Library;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/import_file.rs"]
mod import_file;

/// One library for the whole run: opening one per input would measure SQLite's setup.
fn library() -> &'static (tempfile::TempDir, Library) {
    static LIBRARY: OnceLock<(tempfile::TempDir, Library)> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let library = Library::open_in_dir(dir.path()).expect("a new library");
        (dir, library)
    })
}

fn workshops(library: &Library) -> usize {
    library
        .list_workshops(&WorkshopQuery::default())
        .expect("the library lists its workshops")
        .len()
}

fuzz_target!(|bytes: &[u8]| {
    let (dir, library) = library();
    let before = workshops(library);
    match import_file::import_bytes(library, dir.path(), bytes) {
        Ok(workshop) => {
            library
                .export_workshop(&workshop.id)
                .expect("an imported workshop exports");
        }
        Err(error) => {
            assert_eq!(error.code(), "invalid_input", "{error}");
            assert_eq!(workshops(library), before, "refused, yet written: {error}");
        }
    }
});
