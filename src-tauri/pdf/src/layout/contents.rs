//! The contents list, and what the finished pages tell about headings: the page numbers
//! of the contents entries and the destinations of the outline.
//!
//! The list is laid out before the pages are known, with room kept for each number; the
//! numbers are filled in once pagination has placed each heading's anchor. The list
//! cannot change length when they are, so one pagination pass is enough.

use std::collections::HashMap;

use super::{Builder, Heading, Item, Page, Unit, HEADING_LEADING, HEADING_SIZES};
use crate::fonts::{Fonts, Style};
use crate::hyphenate::Hyphenator;
use crate::structure::Kind;
use crate::text;
use crate::theme::{MUTED, TEXT};
use crate::Block;

/// Room at the right of each entry for the leader and a page number of four digits.
const NUMBER_ROOM: f32 = 44.0;
const LEVEL_INDENT: f32 = 16.0;
const ENTRY_SIZES: [f32; 2] = [11.0, 10.5];
const ENTRY_LEADING: f32 = 1.45;
const DOT_SIZE: f32 = 0.9;
const DOT_STEP: f32 = 4.0;
/// Space between the leader and the text on either side.
const DOT_GAP: f32 = 5.0;

/// A heading where the pages put it, for the PDF outline.
pub(crate) struct OutlineEntry {
    pub level: u8,
    pub text: String,
    /// Counted from 0.
    pub page: usize,
    pub y: f32,
}

impl Builder<'_> {
    /// The title (set like a level-1 heading) and an entry for each level-1 and level-2
    /// heading after this block, on pages of their own.
    pub(super) fn contents(&mut self, block: usize, title: &str) {
        let width = self.page.content_width();
        let left = self.page.margin;
        self.turn(false);
        self.page_break();
        let title_text = text::clean(title).replace('\n', " ");
        let title_node = self.structure.add(
            None,
            Kind::Heading {
                level: 1,
                text: title_text,
            },
        );
        let lines = self.lines(Style::Bold, title, HEADING_SIZES[0], width);
        let color = self.theme.heading;
        self.push_lines(lines, left, HEADING_LEADING, color, true, title_node, None);
        self.space(14.0);

        let list = self.structure.add(None, Kind::Contents);
        for (target, heading) in self.blocks.iter().enumerate().skip(block + 1) {
            let Block::Heading { level, text } = heading else {
                continue;
            };
            let level = (*level).clamp(1, 3);
            if level > 2 {
                continue;
            }
            let entry = self.structure.add(Some(list), Kind::ContentsEntry);
            let (style, size, indent) = if level == 1 {
                (Style::Bold, ENTRY_SIZES[0], 0.0)
            } else {
                (Style::Regular, ENTRY_SIZES[1], LEVEL_INDENT)
            };
            let x = left + indent;
            let mut lines = self.lines(style, text, size, width - indent - NUMBER_ROOM);
            let last = lines.pop();
            for line in lines {
                let piece = self.line_piece(line, x, ENTRY_LEADING, TEXT, Some(entry));
                let mut unit = Unit::new(piece.height, piece.items);
                unit.keep_with_next = true;
                self.push(unit);
            }
            // The last line carries the leader and the number.
            let (end, mut piece) = match last {
                Some(line) => {
                    let end = x + line.width;
                    (
                        end,
                        self.line_piece(line, x, ENTRY_LEADING, TEXT, Some(entry)),
                    )
                }
                None => {
                    let blank = text::Line {
                        size,
                        width: 0.0,
                        segments: Vec::new(),
                    };
                    (
                        x,
                        self.line_piece(blank, x, ENTRY_LEADING, TEXT, Some(entry)),
                    )
                }
            };
            let baseline =
                (piece.height - size * self.fonts.extent) / 2.0 + size * self.fonts.ascent;
            piece.items.push(Item::PageNumber {
                right: left + width,
                y: baseline,
                leader: end + DOT_GAP,
                size,
                block: target,
                node: entry,
            });
            self.push(Unit::new(piece.height, piece.items));
            self.space(if level == 1 { 6.0 } else { 2.0 });
        }
        self.page_break();
    }
}

/// Fills in the contents' page numbers and removes the anchors; returns the headings
/// with their pages, in document order, for the outline.
pub(super) fn resolve(
    pages: &mut [Page],
    headings: &[Heading],
    fonts: &Fonts,
    hyphens: &Hyphenator,
) -> Vec<OutlineEntry> {
    let mut found: HashMap<usize, (usize, f32)> = HashMap::new();
    for (index, page) in pages.iter_mut().enumerate() {
        page.items.retain(|item| match item {
            Item::Anchor { y, block } => {
                found.entry(*block).or_insert((index, *y));
                false
            }
            _ => true,
        });
    }
    for page in pages.iter_mut() {
        if !page
            .items
            .iter()
            .any(|item| matches!(item, Item::PageNumber { .. }))
        {
            continue;
        }
        for item in std::mem::take(&mut page.items) {
            let Item::PageNumber {
                right,
                y,
                leader,
                size,
                block,
                node,
            } = item
            else {
                page.items.push(item);
                continue;
            };
            let number = found
                .get(&block)
                .map_or(String::new(), |&(page, _)| (page + 1).to_string());
            let line = text::lines(fonts, hyphens, Style::Regular, &number, size, f32::MAX)
                .into_iter()
                .next();
            let start = right - line.as_ref().map_or(0.0, |line| line.width);
            // Dots on a fixed grid line up from one entry to the next.
            let mut x = (leader / DOT_STEP).ceil() * DOT_STEP;
            while x + DOT_SIZE <= start - DOT_GAP {
                page.items.push(Item::Rect {
                    x,
                    y: y - DOT_SIZE,
                    width: DOT_SIZE,
                    height: DOT_SIZE,
                    fill: Some(MUTED),
                    stroke: None,
                });
                x += DOT_STEP;
            }
            if let Some(line) = line {
                page.items.push(Item::Text {
                    x: start,
                    y,
                    line,
                    color: TEXT,
                    node: Some(node),
                });
            }
        }
    }
    headings
        .iter()
        .filter_map(|heading| {
            found.get(&heading.block).map(|&(page, y)| OutlineEntry {
                level: heading.level,
                text: heading.text.clone(),
                page,
                y,
            })
        })
        .collect()
}
