//! Shared helpers for the integration tests: documents to start from, and poppler's
//! command-line tools to read rendered PDFs back the way a person's viewer would.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use fiilis_pdf::{render, Block, Document, Paper};

pub fn document(blocks: Vec<Block>) -> Document {
    Document {
        title: "Työpaja ÅÖ".into(),
        author: Some("Fiilis tests".into()),
        language: "fi".into(),
        paper: Paper::A4,
        page_label: "Page".into(),
        accent: None,
        blocks,
    }
}

pub fn rendered(blocks: Vec<Block>) -> Vec<u8> {
    render(&document(blocks)).expect("the document renders")
}

/// A PDF written to a file of its own, removed when dropped.
pub struct PdfFile(pub PathBuf);

impl PdfFile {
    pub fn new(pdf: &[u8]) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "fiilis-pdf-test-{}-{}.pdf",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, pdf).expect("the temporary directory is writable");
        PdfFile(path)
    }
}

impl Drop for PdfFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Runs a poppler tool on the PDF and returns its standard output. A missing tool fails
/// the test: without it nothing about the output would be checked.
pub fn poppler(tool: &str, arguments: &[&str], pdf: &[u8]) -> String {
    let file = PdfFile::new(pdf);
    let mut command = Command::new(tool);
    command.args(arguments).arg(&file.0);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let output = command.output().unwrap_or_else(|error| {
        panic!(
            "cannot run {tool} ({error}); install poppler-utils (apt-get install -y poppler-utils)"
        )
    });
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{tool} failed with {}: {stderr}",
        output.status
    );
    // Poppler before 23.02 takes the `/Suspects false` that tagged PDFs carry (PDF/UA
    // asks for it) for a wrong type; that complaint is about poppler, not the PDF.
    let stderr: String = stderr
        .lines()
        .filter(|line| !line.contains("Suspects object is wrong type (boolean)"))
        .collect();
    assert!(
        !stderr.contains("Error"),
        "{tool} complained about the PDF: {stderr}"
    );
    // Text comes out as UTF-8, but `pdfinfo -struct` prints heading titles in their raw
    // PDF encoding (UTF-16 with a byte order mark).
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn text(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-enc", "UTF-8"], pdf)
}

/// Text in drawing order, line by line as drawn: unlike the default mode, hyphenated
/// words are not joined back together.
pub fn raw_text(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-enc", "UTF-8", "-raw"], pdf)
}

pub fn text_of_page(pdf: &[u8], page: usize) -> String {
    let page = page.to_string();
    poppler(
        "pdftotext",
        &["-enc", "UTF-8", "-f", &page, "-l", &page],
        pdf,
    )
}

/// Text with every run of whitespace made one space, so wrapped lines read as one.
pub fn flat_text(pdf: &[u8]) -> String {
    text(pdf).split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn info(pdf: &[u8]) -> String {
    poppler("pdfinfo", &[], pdf)
}

pub fn info_field(pdf: &[u8], field: &str) -> String {
    let info = info(pdf);
    info.lines()
        .find_map(|line| line.strip_prefix(&format!("{field}:")))
        .unwrap_or_else(|| panic!("pdfinfo shows no {field}: {info}"))
        .trim()
        .to_owned()
}

pub fn pages(pdf: &[u8]) -> usize {
    info_field(pdf, "Pages").parse().expect("a page count")
}
