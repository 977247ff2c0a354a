//! The Markdown report as one zip: the `.md` and every file it links (the emotion chart, the
//! photos of personas and of photo notes), so it arrives whole wherever it goes — a browser download, an e-mail, a
//! USB stick — and opens in any Markdown viewer once unpacked.

use std::io::Write;

use zip::write::SimpleFileOptions;

use super::{markdown, Report};
use crate::error::{Error, Result};

impl Report {
    /// The zip of the Markdown report: `<stem>.md`, the chart and the photos, under one folder
    /// named `stem` so unpacking it leaves nothing loose.
    pub fn markdown_zip(&self, stem: &str) -> Result<Vec<u8>> {
        let mut files: Vec<(String, Vec<u8>)> = vec![(
            format!("{stem}.md"),
            markdown::render(self, markdown::CHART_FILE).into_bytes(),
        )];
        if self.has_emotions {
            files.push((
                markdown::CHART_FILE.to_owned(),
                self.chart_svg.clone().into_bytes(),
            ));
        }
        files.extend(self.personas.iter().filter_map(|p| self.photo_file(p)));
        files.extend(self.notes.iter().filter_map(|n| self.note_photo_file(n)));

        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let failed = |error: &dyn std::fmt::Display| Error::Report(format!("zip: {error}"));
        for (name, bytes) in files {
            // Photos are compressed already; deflating them again only costs time.
            let method = if name.starts_with("photos/") {
                zip::CompressionMethod::Stored
            } else {
                zip::CompressionMethod::Deflated
            };
            zip.start_file(
                format!("{stem}/{name}"),
                SimpleFileOptions::default().compression_method(method),
            )
            .map_err(|e| failed(&e))?;
            zip.write_all(&bytes).map_err(|e| failed(&e))?;
        }
        Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
    }
}
