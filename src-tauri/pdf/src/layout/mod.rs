//! Blocks to pages: every block becomes a flow of small units (a line, a table row, a
//! card, a picture), and the paginator stacks the units onto pages.
//!
//! Units are never taller than a page (tall rows and cards are split into page-sized
//! pieces first), so pagination is one linear pass. A unit can ask to stay on the page of
//! the unit after it; headings, a paragraph's first and last two lines, and a table's
//! header use that. Rows remember their table's header, which the paginator repeats at
//! the top of each page the table continues on. A landscape table turns the pages it
//! spans; the headings just before it turn with it.
//!
//! Every drawn item names its node in the document's [`Structure`]. Headings leave an
//! invisible anchor, so that once the pages are known the contents list gets its page
//! numbers and the outline its destinations (see `contents`).

mod contents;
mod cover;
mod table;

use std::rc::Rc;
use std::sync::Arc;

use krilla::image::Image;
use usvg::fontdb;

use crate::fonts::{Fonts, Style};
use crate::hyphenate::Hyphenator;
use crate::structure::{Kind, NodeId, Structure};
use crate::text::{self, Line, Run};
use crate::theme::{Rgb, Theme, CARD_FILL, RULE, TEXT};
use crate::{media, Block, Paper, PdfError};

pub(crate) use contents::OutlineEntry;

const BODY: f32 = 10.5;
const LEADING: f32 = 1.4;
const HEADING_SIZES: [f32; 3] = [20.0, 15.0, 12.5];
const HEADING_LEADING: f32 = 1.25;
const BULLET_INDENT: f32 = 14.0;
const CARD_PAD: f32 = 10.0;
const CARD_TITLE: f32 = 13.0;
const PHOTO_WIDTH: f32 = 90.0;
const PHOTO_MAX_HEIGHT: f32 = 120.0;
const PHOTO_GAP: f32 = 14.0;
const HAIRLINE: f32 = 0.6;
/// The accent bar above a level-1 heading.
const BAR_WIDTH: f32 = 32.0;
const BAR_HEIGHT: f32 = 3.0;
/// Room kept free above pictures and cards so that a heading or two fit with them on a
/// page; otherwise a heading could be left alone above a full-page picture.
const KEEP_RESERVE: f32 = 72.0;
/// Tolerance for sums of floats that should exactly fill a page.
const EPSILON: f32 = 0.01;

/// The paper and its margins, in points.
#[derive(Clone, Copy)]
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

    /// The same paper turned sideways when `landscape`.
    pub fn turned(self, landscape: bool) -> Self {
        if landscape {
            PageGeometry {
                width: self.height,
                height: self.width,
                margin: self.margin,
            }
        } else {
            self
        }
    }

    pub fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    pub fn content_height(&self) -> f32 {
        self.height - 2.0 * self.margin
    }
}

/// Something to draw, in page coordinates (points, y down from the top edge). `node` is
/// the structure node the content belongs to; `None` marks it as an artifact.
#[derive(Clone)]
pub(crate) enum Item {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        line: Line,
        color: Rgb,
        node: Option<NodeId>,
    },
    /// Always decoration: fills, rules, bands, leader dots.
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
        node: Option<NodeId>,
    },
    Svg {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        tree: Rc<usvg::Tree>,
        node: Option<NodeId>,
    },
    /// Where the heading of block `block` starts; draws nothing.
    Anchor { y: f32, block: usize },
    /// The page number of the heading of block `block`, right-aligned at `right` on the
    /// baseline `y`, with a dotted leader from `leader` on. Replaced by text once the
    /// pages are known.
    PageNumber {
        right: f32,
        y: f32,
        leader: f32,
        size: f32,
        block: usize,
        node: NodeId,
    },
}

impl Item {
    fn shift(&mut self, dy: f32) {
        match self {
            Item::Text { y, .. }
            | Item::Rect { y, .. }
            | Item::Image { y, .. }
            | Item::Svg { y, .. }
            | Item::Anchor { y, .. }
            | Item::PageNumber { y, .. } => *y += dy,
        }
    }

    /// The same content as an artifact: a table header repeated on a later page is
    /// already in the structure once.
    fn into_artifact(mut self) -> Self {
        match &mut self {
            Item::Text { node, .. } | Item::Image { node, .. } | Item::Svg { node, .. } => {
                *node = None
            }
            Item::Rect { .. } | Item::Anchor { .. } | Item::PageNumber { .. } => {}
        }
        self
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

impl Unit {
    fn new(height: f32, items: Vec<Item>) -> Self {
        Unit {
            gap: 0.0,
            height,
            items,
            keep_with_next: false,
            header: None,
        }
    }
}

enum Flow {
    Unit(Unit),
    /// Continue on a new page unless the current one is empty.
    Break,
    /// Continue on a new page of this orientation, unless the current one is empty, which
    /// then turns.
    Turn {
        landscape: bool,
    },
}

pub(crate) struct Page {
    pub landscape: bool,
    pub items: Vec<Item>,
}

/// The laid-out document.
pub(crate) struct Laid {
    pub pages: Vec<Page>,
    pub structure: Structure,
    pub outline: Vec<OutlineEntry>,
}

/// Lays out the blocks into pages of items.
pub(crate) fn layout(
    blocks: &[Block],
    fonts: &Fonts,
    hyphens: &Hyphenator,
    theme: &Theme,
    page: &PageGeometry,
) -> Result<Laid, PdfError> {
    let mut builder = Builder {
        fonts,
        hyphens,
        theme,
        page,
        blocks,
        flow: Vec::new(),
        gap: 0.0,
        landscape: false,
        svg_fonts: None,
        structure: Structure::default(),
        headings: Vec::new(),
    };
    for (index, block) in blocks.iter().enumerate() {
        builder.block(index, block)?;
    }
    let mut pages = paginate(builder.flow, page);
    let outline = contents::resolve(&mut pages, &builder.headings, fonts, hyphens);
    Ok(Laid {
        pages,
        structure: builder.structure,
        outline,
    })
}

/// A heading as the contents list and the outline show it.
struct Heading {
    block: usize,
    level: u8,
    text: String,
}

struct Builder<'a> {
    fonts: &'a Fonts,
    hyphens: &'a Hyphenator,
    theme: &'a Theme,
    page: &'a PageGeometry,
    blocks: &'a [Block],
    flow: Vec<Flow>,
    /// Space owed before the next unit; adjoining block spacings collapse to the larger.
    gap: f32,
    /// Whether the flow is on landscape pages now.
    landscape: bool,
    svg_fonts: Option<Arc<fontdb::Database>>,
    structure: Structure,
    headings: Vec<Heading>,
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
                logo,
            } => self.cover(index, title, subtitle.as_deref(), fields, logo.as_deref())?,
            Block::Heading { level, text } => self.heading(index, *level, text),
            Block::Contents { title } => self.contents(index, title),
            Block::Paragraph(paragraph) => {
                let node = self.structure.add(None, Kind::Paragraph);
                let lines = self.lines(Style::Regular, paragraph, BODY, width);
                self.push_lines(lines, left, LEADING, TEXT, false, node, None);
                self.space(8.0);
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    let node = self.structure.add(None, Kind::Paragraph);
                    let runs = self.field_runs(label, value);
                    let lines = self.break_runs(&runs, BODY, width);
                    self.push_lines(lines, left, LEADING, TEXT, false, node, None);
                    self.space(3.0);
                }
                self.space(8.0);
            }
            Block::Bullets(items) => {
                let list = self.structure.add(None, Kind::List);
                let bullet = self.lines(Style::Regular, "•", BODY, width);
                for item in items {
                    let entry = self.structure.add(Some(list), Kind::ListItem);
                    let label = self.structure.add(Some(entry), Kind::Label);
                    let body = self.structure.add(Some(entry), Kind::ListBody);
                    let indent = width - BULLET_INDENT;
                    let lines = self.lines(Style::Regular, item, BODY, indent);
                    let marker = bullet.first().cloned().map(|line| (line, label));
                    let x = left + BULLET_INDENT;
                    self.push_lines(lines, x, LEADING, TEXT, false, body, marker);
                    self.space(3.0);
                }
                self.space(8.0);
            }
            Block::Table {
                columns,
                rows,
                landscape,
            } => self.table(columns, rows, *landscape),
            Block::Card {
                image,
                title,
                fields,
            } => self.card(index, image.as_deref(), title, fields)?,
            Block::Image {
                data,
                width_pt,
                alt,
            } => {
                let (image, pixels_wide, pixels_high) =
                    media::image(data).map_err(|reason| PdfError::Image {
                        block: index,
                        reason,
                    })?;
                let aspect = pixels_high as f32 / pixels_wide as f32;
                let (width, height) = self.fit(*width_pt, aspect);
                let node = self.figure(None, alt);
                self.picture(width, height, |x| Item::Image {
                    x,
                    y: 0.0,
                    width,
                    height,
                    image,
                    block: index,
                    node,
                });
            }
            Block::Svg { svg, width_pt, alt } => {
                let fonts = Arc::clone(self.svg_fonts.get_or_insert_with(Fonts::svg_database));
                let tree = media::svg(svg, fonts).map_err(|reason| PdfError::Svg {
                    block: index,
                    reason,
                })?;
                let size = tree.size();
                let (width, height) = self.fit(*width_pt, size.height() / size.width());
                let node = self.figure(None, alt);
                self.picture(width, height, |x| Item::Svg {
                    x,
                    y: 0.0,
                    width,
                    height,
                    tree: Rc::new(tree),
                    node,
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

    /// A figure node for a picture with alternative text; a picture without any is
    /// treated as decoration, since a figure nobody can describe tells a reader nothing.
    fn figure(&mut self, parent: Option<NodeId>, alt: &str) -> Option<NodeId> {
        let alt = text::clean(alt).replace('\n', " ");
        (!alt.is_empty()).then(|| self.structure.add(parent, Kind::Figure { alt }))
    }

    /// A short bar in the accent colour at the left margin, `gap` above what follows and kept
    /// on its page.
    fn accent_bar(&mut self, gap: f32) {
        let mut bar = Unit::new(
            BAR_HEIGHT + gap,
            vec![Item::Rect {
                x: self.page.margin,
                y: 0.0,
                width: BAR_WIDTH,
                height: BAR_HEIGHT,
                fill: Some(self.theme.accent),
                stroke: None,
            }],
        );
        bar.keep_with_next = true;
        self.push(bar);
    }

    fn heading(&mut self, block: usize, level: u8, text: &str) {
        let level = level.clamp(1, 3);
        let width = self.page.content_width();
        let left = self.page.margin;
        let size = HEADING_SIZES[usize::from(level) - 1];
        let one_line = text::clean(text).replace('\n', " ");
        let node = self.structure.add(
            None,
            Kind::Heading {
                level,
                text: one_line.clone(),
            },
        );
        let mut color = TEXT;
        if level == 1 {
            self.page_break();
            color = self.theme.heading;
            // The accent bar marks where a chapter begins.
            self.accent_bar(8.0);
        }
        self.space(18.0 - 2.0 * f32::from(level));
        self.headings.push(Heading {
            block,
            level,
            text: one_line,
        });
        let lines = self.lines(Style::Bold, text, size, width);
        let before = self.flow.len();
        self.push_lines(lines, left, HEADING_LEADING, color, true, node, None);
        // The anchor goes into the heading's first line (or a unit of its own when the
        // heading has no text), so it lands on the page the heading starts on.
        let anchor = Item::Anchor { y: 0.0, block };
        match self.flow.get_mut(before) {
            Some(Flow::Unit(unit)) => unit.items.push(anchor),
            _ => {
                let mut unit = Unit::new(0.0, vec![anchor]);
                unit.keep_with_next = true;
                self.push(unit);
            }
        }
        self.space(6.0);
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

    /// Continues on pages of the other orientation. Turning to landscape, the headings
    /// just pushed (units kept with what follows) move over with it, so they stay with
    /// their table; they were set for the narrower portrait column, so they fit.
    fn turn(&mut self, landscape: bool) {
        if landscape == self.landscape {
            return;
        }
        self.landscape = landscape;
        let mut kept = Vec::new();
        while let Some(Flow::Unit(unit)) = self.flow.last() {
            if !landscape || !unit.keep_with_next {
                break;
            }
            kept.push(self.flow.pop().expect("the last entry exists"));
        }
        self.flow.push(Flow::Turn { landscape });
        self.flow.extend(kept.into_iter().rev());
    }

    /// One line as a piece of its own height, baseline placed by the shared font metrics.
    fn line_piece(
        &self,
        line: Line,
        x: f32,
        leading: f32,
        color: Rgb,
        node: Option<NodeId>,
    ) -> Piece {
        let height = line.size * leading;
        let y = (height - line.size * self.fonts.extent) / 2.0 + line.size * self.fonts.ascent;
        let items = if line.segments.is_empty() {
            Vec::new()
        } else {
            vec![Item::Text {
                x,
                y,
                line,
                color,
                node,
            }]
        };
        Piece { height, items }
    }

    /// Pushes each line as a unit. Headings (`keep_all`) stay with what follows; other
    /// text keeps at least two lines together at the top and at the bottom of a page.
    /// `marker` (a bullet, with its node) is drawn left of the first line.
    #[allow(clippy::too_many_arguments)]
    fn push_lines(
        &mut self,
        lines: Vec<Line>,
        x: f32,
        leading: f32,
        color: Rgb,
        keep_all: bool,
        node: NodeId,
        marker: Option<(Line, NodeId)>,
    ) {
        let count = lines.len();
        let mut marker = marker;
        for (index, line) in lines.into_iter().enumerate() {
            let mut piece = self.line_piece(line, x, leading, color, Some(node));
            if let Some((marker, label)) = marker.take() {
                let x = x - BULLET_INDENT + 3.0;
                let marker = self.line_piece(marker, x, leading, color, Some(label));
                piece.items.extend(marker.items);
            }
            let keep_with_next = keep_all || (count >= 2 && (index == 0 || index + 2 == count));
            let mut unit = Unit::new(piece.height, piece.items);
            unit.keep_with_next = keep_with_next;
            self.push(unit);
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

    fn card(
        &mut self,
        block: usize,
        image: Option<&[u8]>,
        title: &str,
        fields: &[(String, String)],
    ) -> Result<(), PdfError> {
        let left = self.page.margin;
        let width = self.page.content_width();
        let section = self.structure.add(None, Kind::Section);
        let mut text_x = left + CARD_PAD;
        let mut photo = Vec::new();
        if let Some(data) = image {
            let (image, pixels_wide, pixels_high) =
                media::image(data).map_err(|reason| PdfError::Image { block, reason })?;
            let aspect = pixels_high as f32 / pixels_wide as f32;
            let (photo_width, photo_height) =
                fit(PHOTO_WIDTH, aspect, PHOTO_WIDTH, PHOTO_MAX_HEIGHT);
            // The card's title names the persona the photo shows.
            let node = self.figure(Some(section), title);
            photo.push(Piece {
                height: photo_height,
                items: vec![Item::Image {
                    x: text_x,
                    y: 0.0,
                    width: photo_width,
                    height: photo_height,
                    image,
                    block,
                    node,
                }],
            });
            text_x += PHOTO_WIDTH + PHOTO_GAP;
        }
        let text_width = (left + width - CARD_PAD - text_x).max(1.0);
        let title_node = self.structure.add(Some(section), Kind::Paragraph);
        let mut column: Vec<Piece> = self
            .lines(Style::Bold, title, CARD_TITLE, text_width)
            .into_iter()
            .map(|line| self.line_piece(line, text_x, 1.3, TEXT, Some(title_node)))
            .collect();
        for (label, value) in fields {
            column.push(Piece {
                height: 3.0,
                items: Vec::new(),
            });
            let node = self.structure.add(Some(section), Kind::Paragraph);
            let runs = self.field_runs(label, value);
            for line in self.break_runs(&runs, BODY, text_width) {
                column.push(self.line_piece(line, text_x, LEADING, TEXT, Some(node)));
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
            self.push(Unit::new(height, items));
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
        self.push(Unit::new(height, vec![item]));
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
fn paginate(flow: Vec<Flow>, geometry: &PageGeometry) -> Vec<Page> {
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

    let mut landscape = false;
    let mut room = geometry.content_height();
    let mut pages: Vec<Page> = vec![Page {
        landscape,
        items: Vec::new(),
    }];
    let mut used = 0.0_f32;
    let mut empty = true;
    for (index, entry) in flow.into_iter().enumerate() {
        let unit = match entry {
            Flow::Break | Flow::Turn { .. } => {
                if let Flow::Turn { landscape: turn } = entry {
                    landscape = turn;
                    room = geometry.turned(landscape).content_height();
                }
                if empty {
                    pages.last_mut().expect("there is always a page").landscape = landscape;
                } else {
                    pages.push(Page {
                        landscape,
                        items: Vec::new(),
                    });
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
                pages.push(Page {
                    landscape,
                    items: Vec::new(),
                });
                used = 0.0;
                empty = true;
            }
        }
        let current = &mut pages.last_mut().expect("there is always a page").items;
        if empty {
            if let Some(header) = &unit.header {
                let repeated = header.items.iter().cloned().map(Item::into_artifact);
                place(current, repeated.collect(), geometry.margin);
                used = header.height;
                empty = false;
            }
        }
        let gap = if empty { 0.0 } else { unit.gap };
        place(current, unit.items, geometry.margin + used + gap);
        used += gap + unit.height;
        empty = false;
    }
    if empty && pages.len() > 1 {
        pages.pop();
    }
    pages
}

fn place(page: &mut Vec<Item>, items: Vec<Item>, y: f32) {
    page.extend(items.into_iter().map(|mut item| {
        item.shift(y);
        item
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Column;

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
            .items
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
        let theme = Theme::new(None);
        let page = PageGeometry::new(Paper::A4);
        layout(blocks, &fonts, &hyphens, &theme, &page)
            .unwrap()
            .pages
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
        let pages = lay_out(&[Block::Table {
            columns,
            rows,
            landscape: false,
        }]);
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
        let pages = lay_out(&[Block::Table {
            columns,
            rows,
            landscape: false,
        }]);
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
                    alt: "Kuva".into(),
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
