//! A workshop file read in as the CLI and the desktop read one: bytes on disk, through
//! `files::read_workshop_file` (size and UTF-8), then `Library::import_workshop`. The fuzz
//! target includes this file too, so the corpus replayed by `tests/fuzz_corpus.rs` goes
//! through exactly what the fuzzer exercises.

use std::path::Path;

use fiilis_core::{files, Library, Result, Workshop};

/// Writes `bytes` as a file in `dir` and imports it into `library`.
pub fn import_bytes(library: &Library, dir: &Path, bytes: &[u8]) -> Result<Workshop> {
    let path = dir.join("input.fiilis.json");
    std::fs::write(&path, bytes).expect("the temporary folder takes the file");
    let text = files::read_workshop_file(&path)?;
    library.import_workshop(&text)
}
