//! Blocks to pages: every block becomes a flow of small units (a line, a table row, a
//! card, a picture), and the paginator stacks the units onto pages.
//!
//! Units are never taller than a page (tall rows and cards are split into page-sized
//! pieces first), so pagination is one linear pass. A unit can ask to stay on the page of
//! the unit after it; headings, a paragraph's first and last two lines, and a table's
//! header use that. Rows remember their table's header, which the paginator repeats at
//! the top of each page the table continues on.

use std::rc::Rc;
use std::sync::Arc;

use krilla::image::Image;
use usvg::fontdb;

use crate::fonts::{Fonts, Style};
use crate::hyphenate::Hyphenator;
use crate::text::{self, Line, Run};
use crate::{media, Block, Column, Paper, PdfError};

pub(crate) type Rgb = (u8, u8, u8);

const TEXT: Rgb = (33, 37, 41);
pub(crate) const MUTED: Rgb = (92, 99, 110);
const RULE: Rgb = (206, 211, 218);
const HEADER_FILL: Rgb = (236, 239, 243);
const CARD_FILL: Rgb = (247, 248, 250);

const BODY: f32 = 10.5;
const LEADING: f32 = 1.4;
const HEADING_SIZES: [f32; 3] = [20.0, 15.0, 12.5];
const HEADING_LEADING: f32 = 1.25;
const COVER_TITLE: f32 = 30.0;
const COVER_SUBTITLE: f32 = 15.0;
const COVER_FIELDS: f32 = 11.0;
const TABLE_TEXT: f32 = 9.5;
const TABLE_LEADING: f32 = 1.3;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.5;
const BULLET_INDENT: f32 = 14.0;
const CARD_PAD: f32 = 10.0;
const CARD_TITLE: f32 = 13.0;
const PHOTO_WIDTH: f32 = 90.0;
const PHOTO_MAX_HEIGHT: f32 = 120.0;
const PHOTO_GAP: f32 = 14.0;
const HAIRLINE: f32 = 0.6;
/// Room kept free above pictures and cards so that a heading or two fit with them on a
/// page; otherwise a heading could be left alone above a full-page picture.
const KEEP_RESERVE: f32 = 72.0;
/// Tolerance for sums of floats that should exactly fill a page.
const EPSILON: f32 = 0.01;

/// The paper and its margins, in points.
pub(crate) struct PageGeometry {
    pub width: f32,
    pub height: f32,
    pub margin: f32,
}

impl PageGeometry {
    pub fn new(paper: Paper) -> Self {
        let (width, height) = match paper {
            Paper::A4 => (595.2756, 841.8898),
            Paper::Letter => (612.0, 792.0),
        };
        PageGeometry {
            width,
            height,
            margin: 56.69, // 2 cm
        }
    }

    pub fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    pub fn content_height(&self) -> f32 {
        self.height - 2.0 * self.margin
    }
}

/// Something to draw, in page coordinates (points, y down from the top edge).
#[derive(Clone)]
pub(crate) enum Item {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        line: Line,
        color: Rgb,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
    Image {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        image: Image,
        /// Named in the error should the picture fail to decode while writing.
        block: usize,
    },
    Svg {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        tree: Rc<usvg::Tree>,
    },
}

impl Item {
    fn shift(&mut self, dy: f32) {
        match self {
            Item::Text { y, .. }
            | Item::Rect { y, .. }
            | Item::Image { y, .. }
            | Item::Svg { y, .. } => *y += dy,
        }
    }
}

/// Items stacked from y = 0: a line of text, a cell's lines, a piece of a row.
#[derive(Default)]
struct Piece {
    height: f32,
    items: Vec<Item>,
}

#[derive(Clone)]
struct Unit {
    /// Space above the unit unless it starts a page.
    gap: f32,
    height: f32,
    items: Vec<Item>,
    keep_with_next: bool,
    /// For a table row: the header to repeat when the row starts a page.
    header: Option<Rc<Unit>>,
}

enum Flow {
    Unit(Unit),
    /// Continue on a new page unless the current one is empty.
    Break,
}

pub(crate) type Page = Vec<Item>;

/// Lays out the blocks into pages of items.
pub(crate) fn layout(
    blocks: &[Block],
    fonts: &Fonts,
    hyphens: &Hyphenator,
    page: &PageGeometry,
) -> Result<Vec<Page>, PdfError> {
    let mut builder = Builder {
        fonts,
        hyphens,
        page,
        flow: Vec::new(),
        gap: 0.0,
        svg_fonts: None,
    };
    for (index, block) in blocks.iter().enumerate() {
        builder.block(index, block)?;
    }
    Ok(paginate(builder.flow, page))
}

struct Builder<'a> {
    fonts: &'a Fonts,
    hyphens: &'a Hyphenator,
    page: &'a PageGeometry,
    flow: Vec<Flow>,
    /// Space owed before the next unit; adjoining block spacings collapse to the larger.
    gap: f32,
    svg_fonts: Option<Arc<fontdb::Database>>,
}

impl Builder<'_> {
    fn block(&mut self, index: usize, block: &Block) -> Result<(), PdfError> {
        let width = self.page.content_width();
        let left = self.page.margin;
        match block {
            Block::Cover {
                title,
                subtitle,
                fields,
            } => self.cover(title, subtitle.as_deref(), fields),
            Block::Heading { level, text } => {
                let level = usize::from((*level).clamp(1, 3));
                if level == 1 {
                    self.page_break();
                }
                self.space(18.0 - 2.0 * level as f32);
                let size = HEADING_SIZES[level - 1];
                let lines = self.lines(Style::Bold, text, size, width);
                self.push_lines(lines, left, HEADING_LEADING, TEXT, true, None);
                self.space(6.0);
            }
            Block::Paragraph(paragraph) => {
                let lines = self.lines(Style::Regular, paragraph, BODY, width);
                self.push_lines(lines, left, LEADING, TEXT, false, None);
                self.space(8.0);
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    let runs = self.field_runs(label, value);
                    let lines = self.break_runs(&runs, BODY, width);
                    self.push_lines(lines, left, LEADING, TEXT, false, None);
                    self.space(3.0);
                }
                self.space(8.0);
            }
            Block::Bullets(items) => {
                let bullet = self.lines(Style::Regular, "•", BODY, width);
                for item in items {
                    let lines = self.lines(Style::Regular, item, BODY, width - BULLET_INDENT);
                    let marker = bullet.first().cloned();
                    self.push_lines(lines, left + BULLET_INDENT, LEADING, TEXT, false, marker);
                    self.space(3.0);
                }
                self.space(8.0);
            }
            Block::Table { columns, rows } => self.table(columns, rows),
            Block::Card {
                image,
                title,
                fields,
            } => self.card(index, image.as_deref(), title, fields)?,
            Block::Image { data, width_pt } => {
                let (image, pixels_wide, pixels_high) =
                    media::image(data).map_err(|reason| PdfError::Image {
                        block: index,
                        reason,
                    })?;
                let aspect = pixels_high as f32 / pixels_wide as f32;
                let (width, height) = self.fit(*width_pt, aspect);
                self.picture(width, height, |x| Item::Image {
                    x,
                    y: 0.0,
                    width,
                    height,
                    image,
                    block: index,
                });
            }
            Block::Svg { svg, width_pt } => {
                let fonts = Arc::clone(self.svg_fonts.get_or_insert_with(Fonts::svg_database));
                let tree = media::svg(svg, fonts).map_err(|reason| PdfError::Svg {
                    block: index,
                    reason,
                })?;
                let size = tree.size();
                let (width, height) = self.fit(*width_pt, size.height() / size.width());
                self.picture(width, height, |x| Item::Svg {
                    x,
                    y: 0.0,
                    width,
                    height,
                    tree: Rc::new(tree),
                });
            }
            Block::PageBreak => self.page_break(),
        }
        Ok(())
    }

    /// Shapes and breaks plain text in one style.
    fn lines(&self, style: Style, text: &str, size: f32, width: f32) -> Vec<Line> {
        text::lines(self.fonts, self.hyphens, style, text, size, width)
    }

    fn break_runs(&self, runs: &[Rc<Run>], size: f32, width: f32) -> Vec<Line> {
        text::break_lines(runs, size, width, self.hyphens)
    }

    fn space(&mut self, gap: f32) {
        self.gap = self.gap.max(gap);
    }

    fn push(&mut self, mut unit: Unit) {
        unit.gap = self.gap;
        self.gap = 0.0;
        self.flow.push(Flow::Unit(unit));
    }

    fn page_break(&mut self) {
        self.flow.push(Flow::Break);
        self.gap = 0.0;
    }

    /// One line as a piece of its own height, baseline placed by the shared font metrics.
    fn line_piece(&self, line: Line, x: f32, leading: f32, color: Rgb) -> Piece {
        let height = line.size * leading;
        let y = (height - line.size * self.fonts.extent) / 2.0 + line.size * self.fonts.ascent;
        let items = if line.segments.is_empty() {
            Vec::new()
        } else {
            vec![Item::Text { x, y, line, color }]
        };
        Piece { height, items }
    }

    /// Pushes each line as a unit. Headings (`keep_all`) stay with what follows; other
    /// text keeps at least two lines together at the top and at the bottom of a page.
    /// `marker` (a bullet) is drawn left of the first line.
    fn push_lines(
        &mut self,
        lines: Vec<Line>,
        x: f32,
        leading: f32,
        color: Rgb,
        keep_all: bool,
        marker: Option<Line>,
    ) {
        let count = lines.len();
        let mut marker = marker;
        for (index, line) in lines.into_iter().enumerate() {
            let mut piece = self.line_piece(line, x, leading, color);
            if let Some(marker) = marker.take() {
                let marker = self.line_piece(marker, x - BULLET_INDENT + 3.0, leading, color);
                piece.items.extend(marker.items);
            }
            let keep_with_next = keep_all || (count >= 2 && (index == 0 || index + 2 == count));
            self.push(Unit {
                gap: 0.0,
                height: piece.height,
                items: piece.items,
                keep_with_next,
                header: None,
            });
        }
    }

    /// "Label:" in bold followed by the value, as runs that wrap together.
    fn field_runs(&self, label: &str, value: &str) -> Vec<Rc<Run>> {
        let mut label = text::clean(label);
        let value = text::clean(value);
        let mut runs = Vec::new();
        if !label.is_empty() {
            if !label.ends_with(':') {
                label.push(':');
            }
            runs.push(text::shape(self.fonts, Style::Bold, label));
        }
        if !value.is_empty() {
            let value = if runs.is_empty() {
                value
            } else {
                format!(" {value}")
            };
            runs.push(text::shape(self.fonts, Style::Regular, value));
        }
        runs
    }

    fn cover(&mut self, title: &str, subtitle: Option<&str>, fields: &[(String, String)]) {
        let width = self.page.content_width();
        let left = self.page.margin;
        self.page_break();
        self.push(Unit {
            gap: 0.0,
            height: self.page.content_height() * 0.28,
            items: Vec::new(),
            keep_with_next: false,
            header: None,
        });
        let lines = self.lines(Style::Bold, title, COVER_TITLE, width);
        self.push_lines(lines, left, 1.2, TEXT, false, None);
        if let Some(subtitle) = subtitle {
            self.space(10.0);
            let lines = self.lines(Style::Italic, subtitle, COVER_SUBTITLE, width);
            self.push_lines(lines, left, 1.3, MUTED, false, None);
        }
        self.space(28.0);
        for (label, value) in fields {
            let runs = self.field_runs(label, value);
            let lines = self.break_runs(&runs, COVER_FIELDS, width);
            self.push_lines(lines, left, LEADING, TEXT, false, None);
            self.space(2.0);
        }
        self.page_break();
    }

    /// The lines of one table cell, aligned within its column.
    fn cell(&self, text: &str, style: Style, x: f32, width: f32, align_right: bool) -> Vec<Piece> {
        let inner = (width - 2.0 * CELL_PAD_X).max(1.0);
        let lines = self.lines(style, text, TABLE_TEXT, inner);
        if lines.is_empty() {
            return vec![Piece {
                height: TABLE_TEXT * TABLE_LEADING,
                items: Vec::new(),
            }];
        }
        lines
            .into_iter()
            .map(|line| {
                let line_x = if align_right {
                    x + width - CELL_PAD_X - line.width
                } else {
                    x + CELL_PAD_X
                };
                self.line_piece(line, line_x, TABLE_LEADING, TEXT)
            })
            .collect()
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        if columns.is_empty() {
            return;
        }
        let left = self.page.margin;
        let width = self.page.content_width();
        let weights: Vec<f32> = columns
            .iter()
            .map(|column| {
                if column.weight.is_finite() && column.weight > 0.0 {
                    // Bounded so the sum stays finite and no column vanishes entirely.
                    column.weight.clamp(1e-3, 1e3)
                } else {
                    1.0
                }
            })
            .collect();
        let total: f32 = weights.iter().sum();
        let mut geometry = Vec::with_capacity(columns.len());
        let mut x = left;
        for (column, weight) in columns.iter().zip(&weights) {
            let column_width = width * weight / total;
            geometry.push((x, column_width, column.align_right));
            x += column_width;
        }

        self.space(8.0);
        let header_cells: Vec<Vec<Piece>> = columns
            .iter()
            .zip(&geometry)
            .map(|(column, &(x, w, right))| self.cell(&column.header, Style::Bold, x, w, right))
            .collect();
        let header_height = header_cells
            .iter()
            .map(|cell| cell.iter().map(|piece| piece.height).sum::<f32>())
            .fold(0.0, f32::max)
            + 2.0 * CELL_PAD_Y;
        // A header taller than a third of a page is not worth repeating; it is then laid
        // out like any row, split if it has to be.
        let repeat = header_height <= self.page.content_height() / 3.0;
        let row_room = self.page.content_height() - 2.0 * CELL_PAD_Y;
        let header_room = if repeat { f32::INFINITY } else { row_room };
        let mut header = None;
        for piece in split_columns(header_cells, header_room) {
            let unit = row_unit(piece, left, width, Some(HEADER_FILL), MUTED, true);
            if repeat {
                header = Some(Rc::new(unit.clone()));
            }
            self.push(unit);
        }

        let row_room = if repeat {
            row_room - header_height
        } else {
            row_room
        };
        for row in rows {
            let cells: Vec<Vec<Piece>> = geometry
                .iter()
                .enumerate()
                .map(|(index, &(x, w, right))| {
                    let text = row.get(index).map_or("", String::as_str);
                    self.cell(text, Style::Regular, x, w, right)
                })
                .collect();
            for piece in split_columns(cells, row_room) {
                let mut unit = row_unit(piece, left, width, None, RULE, false);
                unit.header = header.clone();
                self.push(unit);
            }
        }
        self.space(10.0);
    }

    fn card(
        &mut self,
        block: usize,
        image: Option<&[u8]>,
        title: &str,
        fields: &[(String, String)],
    ) -> Result<(), PdfError> {
        let left = self.page.margin;
        let width = self.page.content_width();
        let mut text_x = left + CARD_PAD;
        let mut photo = Vec::new();
        if let Some(data) = image {
            let (image, pixels_wide, pixels_high) =
                media::image(data).map_err(|reason| PdfError::Image { block, reason })?;
            let aspect = pixels_high as f32 / pixels_wide as f32;
            let (photo_width, photo_height) =
                fit(PHOTO_WIDTH, aspect, PHOTO_WIDTH, PHOTO_MAX_HEIGHT);
            photo.push(Piece {
                height: photo_height,
                items: vec![Item::Image {
                    x: text_x,
                    y: 0.0,
                    width: photo_width,
                    height: photo_height,
                    image,
                    block,
                }],
            });
            text_x += PHOTO_WIDTH + PHOTO_GAP;
        }
        let text_width = (left + width - CARD_PAD - text_x).max(1.0);
        let mut column: Vec<Piece> = self
            .lines(Style::Bold, title, CARD_TITLE, text_width)
            .into_iter()
            .map(|line| self.line_piece(line, text_x, 1.3, TEXT))
            .collect();
        for (label, value) in fields {
            column.push(Piece {
                height: 3.0,
                items: Vec::new(),
            });
            let runs = self.field_runs(label, value);
            for line in self.break_runs(&runs, BODY, text_width) {
                column.push(self.line_piece(line, text_x, LEADING, TEXT));
            }
        }

        self.space(8.0);
        let room = self.page.content_height() - KEEP_RESERVE - 2.0 * CARD_PAD;
        for piece in split_columns(vec![photo, column], room) {
            let height = piece.height + 2.0 * CARD_PAD;
            let mut items = vec![Item::Rect {
                x: left,
                y: 0.0,
                width,
                height,
                fill: Some(CARD_FILL),
                stroke: Some(RULE),
            }];
            items.extend(piece.items.into_iter().map(|mut item| {
                item.shift(CARD_PAD);
                item
            }));
            self.push(Unit {
                gap: 0.0,
                height,
                items,
                keep_with_next: false,
                header: None,
            });
        }
        self.space(10.0);
        Ok(())
    }

    /// Size of a picture `width_pt` wide (the text column when that is not a sensible
    /// number) with the given height-to-width ratio, shrunk to fit a page.
    fn fit(&self, width_pt: f32, aspect: f32) -> (f32, f32) {
        let max_width = self.page.content_width();
        let requested = if width_pt.is_finite() && width_pt > 0.0 {
            width_pt
        } else {
            max_width
        };
        fit(
            requested,
            aspect,
            max_width,
            self.page.content_height() - KEEP_RESERVE,
        )
    }

    /// A centred picture as a unit of its own; `item` makes it at the given left edge.
    fn picture(&mut self, width: f32, height: f32, item: impl FnOnce(f32) -> Item) {
        let item = item(self.page.margin + (self.page.content_width() - width) / 2.0);
        self.space(10.0);
        self.push(Unit {
            gap: 0.0,
            height,
            items: vec![item],
            keep_with_next: false,
            header: None,
        });
        self.space(10.0);
    }
}

fn fit(width: f32, aspect: f32, max_width: f32, max_height: f32) -> (f32, f32) {
    let width = width.min(max_width);
    let height = width * aspect;
    if height > max_height {
        (width * max_height / height, max_height)
    } else {
        (width, height)
    }
}

/// A table row (or a piece of one) with padding, an optional background and a rule below.
fn row_unit(
    piece: Piece,
    left: f32,
    width: f32,
    fill: Option<Rgb>,
    rule: Rgb,
    keep_with_next: bool,
) -> Unit {
    let height = piece.height + 2.0 * CELL_PAD_Y;
    let mut items = Vec::with_capacity(piece.items.len() + 2);
    if fill.is_some() {
        items.push(Item::Rect {
            x: left,
            y: 0.0,
            width,
            height,
            fill,
            stroke: None,
        });
    }
    items.extend(piece.items.into_iter().map(|mut item| {
        item.shift(CELL_PAD_Y);
        item
    }));
    items.push(Item::Rect {
        x: left,
        y: height - HAIRLINE,
        width,
        height: HAIRLINE,
        fill: Some(rule),
        stroke: None,
    });
    Unit {
        gap: 0.0,
        height,
        items,
        keep_with_next,
        header: None,
    }
}

/// Lays columns of pieces side by side, starting a new output piece in a column whenever
/// the next piece would pass `room`. Columns break independently, so a tall cell or card
/// text splits while short neighbours stay in the first piece.
fn split_columns(columns: Vec<Vec<Piece>>, room: f32) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = vec![Piece::default()];
    for column in columns {
        let mut index = 0;
        let mut y = 0.0;
        for piece in column {
            if y > 0.0 && y + piece.height > room + EPSILON {
                index += 1;
                y = 0.0;
            }
            if pieces.len() <= index {
                pieces.push(Piece::default());
            }
            let target = &mut pieces[index];
            target.items.extend(piece.items.into_iter().map(|mut item| {
                item.shift(y);
                item
            }));
            y += piece.height;
            target.height = target.height.max(y);
        }
    }
    pieces
}

/// Stacks the units onto pages.
fn paginate(flow: Vec<Flow>, page: &PageGeometry) -> Vec<Page> {
    let room = page.content_height();
    // chain[i]: height of unit i plus every unit it is kept with, gaps included; computed
    // backwards so long chains (a huge heading) stay linear.
    let mut chain = vec![0.0_f32; flow.len()];
    for index in (0..flow.len()).rev() {
        if let Flow::Unit(unit) = &flow[index] {
            chain[index] = unit.height;
            if unit.keep_with_next {
                if let Some(Flow::Unit(next)) = flow.get(index + 1) {
                    chain[index] += next.gap + chain[index + 1];
                }
            }
        }
    }

    let mut pages: Vec<Page> = vec![Vec::new()];
    let mut used = 0.0_f32;
    let mut empty = true;
    for (index, entry) in flow.into_iter().enumerate() {
        let unit = match entry {
            Flow::Break => {
                if !empty {
                    pages.push(Vec::new());
                    used = 0.0;
                    empty = true;
                }
                continue;
            }
            Flow::Unit(unit) => unit,
        };
        if !empty {
            // When the chain cannot fit even on an empty page, only the unit itself must.
            let needed = if chain[index] <= room + EPSILON {
                chain[index]
            } else {
                unit.height
            };
            if used + unit.gap + needed > room + EPSILON {
                pages.push(Vec::new());
                used = 0.0;
                empty = true;
            }
        }
        let current = pages.last_mut().expect("there is always a page");
        if empty {
            if let Some(header) = &unit.header {
                place(current, header.items.clone(), page.margin);
                used = header.height;
                empty = false;
            }
        }
        let gap = if empty { 0.0 } else { unit.gap };
        place(current, unit.items, page.margin + used + gap);
        used += gap + unit.height;
        empty = false;
    }
    if empty && pages.len() > 1 {
        pages.pop();
    }
    pages
}

fn place(page: &mut Page, items: Vec<Item>, y: f32) {
    page.extend(items.into_iter().map(|mut item| {
        item.shift(y);
        item
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_text(line: &Line) -> String {
        line.segments
            .iter()
            .map(|segment| segment.text().0)
            .collect()
    }

    /// The text lines (and drawings, as "<svg>") of a page from top to bottom, with their
    /// font size.
    fn texts(page: &Page) -> Vec<(f32, f32, String)> {
        let mut texts: Vec<(f32, f32, String)> = page
            .iter()
            .filter_map(|item| match item {
                Item::Text { y, line, .. } => Some((*y, line.size, line_text(line))),
                Item::Svg { y, .. } => Some((*y, 0.0, "<svg>".to_owned())),
                _ => None,
            })
            .collect();
        texts.sort_by(|a, b| a.0.total_cmp(&b.0));
        texts
    }

    fn lay_out(blocks: &[Block]) -> Vec<Page> {
        let fonts = Fonts::new();
        let hyphens = Hyphenator::new(&fonts, "fi");
        layout(blocks, &fonts, &hyphens, &PageGeometry::new(Paper::A4)).unwrap()
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page() {
        let columns = vec![
            Column {
                header: "Idea".into(),
                weight: 3.0,
                align_right: false,
            },
            Column {
                header: "Votes".into(),
                weight: 1.0,
                align_right: true,
            },
        ];
        let rows: Vec<Vec<String>> = (0..300)
            .map(|n| vec![format!("Idea number {n}"), n.to_string()])
            .collect();
        let pages = lay_out(&[Block::Table { columns, rows }]);
        assert!(pages.len() >= 4, "{} pages", pages.len());
        let mut seen = Vec::new();
        for page in &pages {
            let texts = texts(page);
            let first_two: Vec<&str> = texts[..2].iter().map(|t| t.2.as_str()).collect();
            assert!(
                first_two.contains(&"Idea") && first_two.contains(&"Votes"),
                "{first_two:?}"
            );
            seen.extend(
                texts
                    .iter()
                    .filter(|t| t.2.starts_with("Idea number"))
                    .map(|t| t.2.clone()),
            );
            let bottom = texts.iter().map(|t| t.0).fold(0.0, f32::max);
            assert!(bottom < 841.9 - 56.69, "text below the margin at {bottom}");
        }
        let expected: Vec<String> = (0..300).map(|n| format!("Idea number {n}")).collect();
        assert_eq!(seen, expected, "every row once, in order");
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_and_its_text_kept() {
        let columns = vec![Column {
            header: "Note".into(),
            weight: 1.0,
            align_right: false,
        }];
        let words: Vec<String> = (0..3000).map(|n| format!("w{n}")).collect();
        let rows = vec![vec![words.join(" ")]];
        let pages = lay_out(&[Block::Table { columns, rows }]);
        assert!(pages.len() >= 2);
        let all: Vec<String> = pages.iter().flat_map(texts).map(|t| t.2).collect();
        let body: Vec<&str> = all
            .iter()
            .filter(|text| text.as_str() != "Note")
            .map(String::as_str)
            .collect();
        assert_eq!(body.join(" "), words.join(" "));
    }

    #[test]
    fn a_heading_is_never_the_last_line_on_a_page() {
        let mut blocks = Vec::new();
        for n in 0..60 {
            blocks.push(Block::Heading {
                level: 2 + (n % 2) as u8,
                text: format!("Heading {n}"),
            });
            let words = "sana ".repeat(20 + (n * 37) % 150);
            blocks.push(Block::Paragraph(words));
            if n % 5 == 0 {
                blocks.push(Block::Heading {
                    level: 3,
                    text: "Kuva".into(),
                });
                blocks.push(Block::Svg {
                    svg: r#"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="600"/>"#
                        .into(),
                    width_pt: 400.0,
                });
            }
        }
        let pages = lay_out(&blocks);
        assert!(pages.len() > 5);
        let heading_sizes = [HEADING_SIZES[1], HEADING_SIZES[2]];
        for (number, page) in pages.iter().enumerate() {
            let texts = texts(page);
            let last = texts.last().expect("no page is empty");
            assert!(
                !heading_sizes.contains(&last.1),
                "page {number} ends with heading {:?}",
                last.2
            );
        }
    }

    #[test]
    fn level_one_headings_and_page_breaks_start_pages_but_never_empty_ones() {
        let pages = lay_out(&[
            Block::Heading {
                level: 1,
                text: "Eka".into(),
            },
            Block::Paragraph("teksti".into()),
            Block::PageBreak,
            Block::PageBreak,
            Block::Heading {
                level: 1,
                text: "Toka".into(),
            },
            Block::Paragraph("teksti".into()),
            Block::PageBreak,
        ]);
        let firsts: Vec<String> = pages.iter().map(|page| texts(page)[0].2.clone()).collect();
        assert_eq!(firsts, ["Eka", "Toka"]);
    }

    #[test]
    fn a_paragraph_never_leaves_a_single_line_at_a_page_bottom() {
        let mut blocks = vec![Block::Paragraph("x ".repeat(40)); 1];
        for n in 0..40 {
            blocks.push(Block::Paragraph("sana ".repeat(30 + n * 7)));
        }
        let pages = lay_out(&blocks);
        assert!(pages.len() > 3);
        // Lines of one paragraph are exactly a body line apart; paragraphs are further.
        let same_paragraph = |a: &(f32, f32, String), b: &(f32, f32, String)| {
            (b.0 - a.0 - BODY * LEADING).abs() < 0.1
        };
        for page in &pages[..pages.len() - 1] {
            let texts = texts(page);
            let n = texts.len();
            assert!(same_paragraph(&texts[n - 2], &texts[n - 1]), "orphan");
        }
        for page in &pages[1..] {
            let texts = texts(page);
            assert!(same_paragraph(&texts[0], &texts[1]), "widow");
        }
    }
}
