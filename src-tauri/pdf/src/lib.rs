//! A small paginating PDF typesetter for Fiilis reports: blocks in, PDF bytes out.
//!
//! The caller describes a report as a flat list of [`Block`]s; [`render`] wraps the text,
//! breaks it into pages (A4 or Letter, about 2 cm margins, a "Page n / N" footer) and
//! writes a PDF with embedded, subsetted Noto Sans, so the words can be copied and
//! searched. Charts given as SVG stay vector graphics.
//!
//! The PDF is tagged for assistive technology: headings, paragraphs, lists, tables (with
//! header cells), figures with their alternative text and the contents list are marked
//! as such, in block order, and the document language is set; footers, rules and
//! repeated table headers are artifacts. Headings also become the PDF outline
//! (bookmarks), nested by level.
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
mod structure;
mod text;
mod theme;

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
    /// The accent colour (red, green, blue) of the cover band, level-1 headings, rules
    /// and table headers; `None` means the app's green, #0f6b5c. Text on the band turns
    /// dark, and headings stay dark, when the accent is too light to carry them.
    pub accent: Option<[u8; 3]>,
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
    /// A title page: a band of the accent colour across the top holding the title and
    /// subtitle, the logo (PNG or JPEG, at most 160 × 56 pt, not tagged: it is a mark,
    /// not content) below it, then the fields as "Label: value" lines. Whatever follows
    /// starts on the next page.
    Cover {
        title: String,
        subtitle: Option<String>,
        fields: Vec<(String, String)>,
        logo: Option<Vec<u8>>,
    },
    /// A heading of level 1 to 3 (other levels are clamped). Level 1 starts a new page
    /// unless the page is still empty. A heading is kept on the page of what follows it.
    Heading {
        level: u8,
        text: String,
    },
    /// A contents list on pages of its own: `title` set like a level-1 heading, then the
    /// level-1 and level-2 headings that follow this block, each with the number of the
    /// page it starts on, right-aligned after a dotted leader.
    Contents {
        title: String,
    },
    Paragraph(String),
    /// "Label: value" lines with a bold label; long values wrap.
    Fields(Vec<(String, String)>),
    Bullets(Vec<String>),
    /// A table whose header row repeats on every page it spans. Cells wrap; a row is split
    /// across pages only when it is taller than a page. Cells beyond the columns are
    /// ignored, missing cells are empty, and a table without columns draws nothing.
    /// A table of more than eight columns is set in smaller type.
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
        /// Set the table on landscape pages of its own (for wide tables such as a
        /// journey of many stages); the headings just before it move along, and what
        /// follows continues on portrait pages.
        landscape: bool,
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
        /// Alternative text: what the picture shows, for readers who cannot see it. An
        /// empty text marks the picture as decoration.
        alt: String,
    },
    /// A chart or drawing, kept as vector graphics; sized like [`Block::Image`]. Its text is
    /// set in Noto Sans whatever font it names.
    Svg {
        svg: String,
        width_pt: f32,
        /// Alternative text, as for [`Block::Image`].
        alt: String,
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
    let theme = theme::Theme::new(document.accent);
    let laid = layout::layout(&document.blocks, &fonts, &hyphens, &theme, &page)?;
    draw::draw(document, &fonts, &hyphens, &page, laid)
}
