//! Exports as files on disk: each format rendered to bytes, named, and written whole.
//!
//! The CLI's `export` and the desktop's save dialog both end here, so a file written from
//! either is the same file. Writing goes through a synced temporary file and a rename: a
//! full disk or a crash mid-write leaves the earlier file (or none), never half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::exchange::MAX_FILE_BYTES;
use crate::report::{PaperSize, ReportFormat};
use crate::store::Library;
use ts_rs::TS;

/// What a workshop can be exported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    /// The report as one self-contained web page.
    Html,
    /// The report as a PDF.
    Pdf,
    /// The report as Markdown, zipped with the files it links (the emotion chart, photos).
    Md,
    /// Every note as a spreadsheet.
    Csv,
    /// The complete workshop file (`.fiilis.json`).
    Json,
    /// The emotion chart of every persona, alone.
    Svg,
    /// The changes of a workshop synced between laptops, to carry where there is no network
    /// (`.fiilis-changes.json`; see `sync`).
    Changes,
}

impl FileFormat {
    pub const ALL: [FileFormat; 7] = [
        FileFormat::Html,
        FileFormat::Pdf,
        FileFormat::Md,
        FileFormat::Csv,
        FileFormat::Json,
        FileFormat::Svg,
        FileFormat::Changes,
    ];

    /// The end of a file name in this format, after the workshop's title.
    pub fn suffix(self) -> &'static str {
        match self {
            FileFormat::Html => ".html",
            FileFormat::Pdf => ".pdf",
            FileFormat::Md => "-markdown.zip",
            FileFormat::Csv => ".csv",
            FileFormat::Json => ".fiilis.json",
            FileFormat::Svg => "-emotions.svg",
            FileFormat::Changes => ".fiilis-changes.json",
        }
    }
}

/// A file an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: u64,
}

impl Library {
    /// The workshop in `format`, as the bytes of the file.
    pub fn render_file(
        &self,
        workshop_id: &str,
        format: FileFormat,
        paper: PaperSize,
    ) -> Result<Vec<u8>> {
        let report = |format| {
            self.export_report(workshop_id, format)
                .map(String::into_bytes)
        };
        match format {
            FileFormat::Html => report(ReportFormat::Html),
            FileFormat::Md => {
                let report = self.report(workshop_id)?;
                report.markdown_zip(&file_stem(&report.workshop.title))
            }
            FileFormat::Csv => report(ReportFormat::Csv),
            FileFormat::Pdf => self.export_pdf(workshop_id, paper),
            FileFormat::Json => self.export_workshop(workshop_id).map(|file| {
                serde_json::to_vec_pretty(&file).expect("a workshop file always serialises")
            }),
            FileFormat::Svg => self
                .emotion_chart_svg(workshop_id, &[])
                .map(String::into_bytes),
            FileFormat::Changes => self.export_sync_changes(workshop_id),
        }
    }

    /// Writes the workshop in `format` to `path`.
    pub fn write_file(
        &self,
        workshop_id: &str,
        format: FileFormat,
        paper: PaperSize,
        path: &Path,
    ) -> Result<Written> {
        let contents = self.render_file(workshop_id, format, paper)?;
        write_atomically(path, &contents)?;
        Ok(Written {
            path: path.to_owned(),
            bytes: contents.len() as u64,
        })
    }

    /// A file name for the workshop in `format`: its title, made safe for any file system.
    pub fn suggested_file_name(&self, workshop_id: &str, format: FileFormat) -> Result<String> {
        let title = self.get_workshop(workshop_id)?.title;
        Ok(format!("{}{}", file_stem(&title), format.suffix()))
    }
}

/// The longest stem a suggested name gets, in characters; file systems allow 255 bytes.
const MAX_STEM: usize = 80;

/// `title` without the characters some file system or shell would take as more than a name.
fn file_stem(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .take(MAX_STEM)
        .collect();
    let stem = cleaned.trim().trim_matches('.').trim();
    if stem.is_empty() {
        "workshop".to_owned()
    } else {
        stem.to_owned()
    }
}

/// The text of the workshop file at `path`, refused when it is larger than any workshop file
/// can be, and refused with the place when it is not UTF-8 text. The size is counted while
/// reading, never taken from the file system: a device or a pipe reports none, and a file may
/// grow while it is read.
pub fn read_workshop_file(path: &Path) -> Result<String> {
    use std::io::Read;
    let unreadable = |error: std::io::Error| {
        Error::Io(std::io::Error::new(
            error.kind(),
            format!("cannot read {}: {error}", path.display()),
        ))
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut raw = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut raw)
        .map_err(unreadable)?;
    if raw.len() > MAX_FILE_BYTES {
        return Err(Error::invalid(format!(
            "{} is larger than {} MB, the most a workshop file may be",
            path.display(),
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    String::from_utf8(raw).map_err(|error| {
        Error::invalid(format!(
            "{} is not a workshop file: it is not UTF-8 text (byte {})",
            path.display(),
            error.utf8_error().valid_up_to()
        ))
    })
}

/// Writes `path` whole or not at all: a temporary file beside it, synced, then renamed.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid(format!("{} is not a file name", path.display())))?;
    let temporary = directory.join(format!(".{}.partial", name.to_string_lossy()));
    let written = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written.map_err(|error| {
        // The kind stays, so a full disk is still told apart from other failures.
        Error::Io(std::io::Error::new(
            error.kind(),
            format!("cannot write {}: {error}", path.display()),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_keep_the_title_but_not_path_characters() {
        assert_eq!(file_stem("Hotel: check-in / out"), "Hotel- check-in - out");
        assert_eq!(file_stem("Työpaja 3.12."), "Työpaja 3.12");
        assert_eq!(file_stem("../.."), "-");
        assert_eq!(file_stem("  ..  "), "workshop");
        assert_eq!(file_stem("a\u{0}b\nc"), "a b c");
        assert_eq!(file_stem(&"x".repeat(300)).chars().count(), MAX_STEM);
    }

    #[test]
    fn a_failed_write_leaves_the_earlier_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        write_atomically(&path, b"first").unwrap();
        let missing = dir.path().join("no-such-folder").join("report.html");
        let error = write_atomically(&missing, b"second").unwrap_err();
        assert!(error.to_string().contains("no-such-folder"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
