//! A small paginating PDF typesetter for Fiilis reports: blocks in, PDF bytes out.
//!
//! The caller describes a report as a flat list of [`Block`]s; [`render`] wraps the text,
//! breaks it into pages (A4 or Letter, about 2 cm margins, a "Page n / N" footer) and
//! writes a PDF with embedded, subsetted Noto Sans, so the words can be copied and
//! searched. Charts given as SVG stay vector graphics.
//!
//! Lines break greedily at spaces. A word too wide for its line (a Finnish compound in a
//! narrow table column) breaks at a hyphenation point with a hyphen added, by the
//! patterns of [`Document::language`] (English or Finnish; other languages get no
//! patterns), and between characters only where no point fits.
//!
//! All text is plain text written by people: it is never interpreted as markup. Control
//! characters are dropped, tabs become spaces, and characters the font lacks show as the
//! font's missing-glyph box. There is no bidirectional reordering: right-to-left text comes
//! out in the order it was typed.
//!
//! A photo or SVG that cannot be read makes [`render`] fail with an error naming the
//! block, rather than silently leaving a gap in the report.

mod draw;
mod fonts;
mod hyphenate;
mod layout;
mod media;
mod text;

/// A document to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Goes into the PDF metadata.
    pub title: String,
    /// Goes into the PDF metadata when present.
    pub author: Option<String>,
    /// A language tag such as "en" or "fi", recorded as the document's language. Its
    /// primary subtag also picks the hyphenation patterns: "en" and "fi" have them, and
    /// text in any other language is not hyphenated.
    pub language: String,
    pub paper: Paper,
    /// The word before the page numbers in the footer, e.g. "Page" or "Sivu".
    pub page_label: String,
    pub blocks: Vec<Block>,
}

/// The page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 210 × 297 mm (595 × 842 pt).
    A4,
    /// 8.5 × 11 in (612 × 792 pt).
    Letter,
}

/// One piece of content. Blocks follow each other down the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A title page; whatever follows starts on the next page.
    Cover {
        title: String,
        subtitle: Option<String>,
        fields: Vec<(String, String)>,
    },
    /// A heading of level 1 to 3 (other levels are clamped). Level 1 starts a new page
    /// unless the page is still empty. A heading is kept on the page of what follows it.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    /// "Label: value" lines with a bold label; long values wrap.
    Fields(Vec<(String, String)>),
    Bullets(Vec<String>),
    /// A table whose header row repeats on every page it spans. Cells wrap; a row is split
    /// across pages only when it is taller than a page. Cells beyond the columns are
    /// ignored, missing cells are empty, and a table without columns draws nothing.
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    /// A persona card: the photo (PNG or JPEG) on the left, the title and fields on the
    /// right, kept on one page unless it is taller than a page.
    Card {
        image: Option<Vec<u8>>,
        title: String,
        fields: Vec<(String, String)>,
    },
    /// A PNG or JPEG photo, centred. A width that is not a positive number, or is wider
    /// than the text column, means the full text column; images too tall for a page shrink.
    Image {
        data: Vec<u8>,
        width_pt: f32,
    },
    /// A chart or drawing, kept as vector graphics; sized like [`Block::Image`]. Its text is
    /// set in Noto Sans whatever font it names.
    Svg {
        svg: String,
        width_pt: f32,
    },
    /// Continue on a new page, unless the current page is still empty.
    PageBreak,
}

/// A table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    /// The column's share of the table width, relative to the other columns. A weight
    /// that is not a positive number counts as 1.
    pub weight: f32,
    pub align_right: bool,
}

/// Why a document could not be rendered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PdfError {
    /// The image of block `block` (counted from 0 in [`Document::blocks`]) is not a
    /// readable PNG or JPEG, or is unreasonably large.
    #[error("block {block}: the image cannot be used: {reason}")]
    Image { block: usize, reason: String },
    /// The SVG of block `block` could not be parsed.
    #[error("block {block}: the SVG cannot be used: {reason}")]
    Svg { block: usize, reason: String },
    /// The PDF library refused to write the document.
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// Lays out `document` and returns the bytes of the PDF.
pub fn render(document: &Document) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts::Fonts::new();
    let page = layout::PageGeometry::new(document.paper);
    let hyphens = hyphenate::Hyphenator::new(&fonts, &document.language);
    let pages = layout::layout(&document.blocks, &fonts, &hyphens, &page)?;
    draw::draw(document, &fonts, &hyphens, &page, pages)
}
