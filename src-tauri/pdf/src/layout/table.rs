//! Tables: weighted columns, a header row repeated on every page the table spans, rows
//! split only when taller than a page, and landscape pages for wide tables.

use std::rc::Rc;

use super::{split_columns, Builder, Item, Piece, Unit, HAIRLINE};
use crate::fonts::Style;
use crate::structure::{Kind, NodeId};
use crate::theme::{Rgb, RULE, TEXT};
use crate::Column;

const TABLE_TEXT: f32 = 9.5;
/// Tables with more columns than this are set smaller, so that their narrow columns hold
/// whole short words (a 16-stage journey on a landscape page).
const MANY_COLUMNS: usize = 8;
const SMALL_TABLE_TEXT: f32 = 8.0;
const TABLE_LEADING: f32 = 1.3;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.5;

impl Builder<'_> {
    /// The lines of one table cell, aligned within its column.
    #[allow(clippy::too_many_arguments)]
    fn cell(
        &self,
        text: &str,
        style: Style,
        size: f32,
        x: f32,
        width: f32,
        align_right: bool,
        node: NodeId,
    ) -> Vec<Piece> {
        let inner = (width - 2.0 * CELL_PAD_X).max(1.0);
        let lines = self.lines(style, text, size, inner);
        if lines.is_empty() {
            return vec![Piece {
                height: size * TABLE_LEADING,
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
                self.line_piece(line, line_x, TABLE_LEADING, TEXT, Some(node))
            })
            .collect()
    }

    pub(super) fn table(&mut self, columns: &[Column], rows: &[Vec<String>], landscape: bool) {
        if columns.is_empty() {
            return;
        }
        self.turn(landscape);
        let page = self.page.turned(landscape);
        let left = page.margin;
        let width = page.content_width();
        let size = if columns.len() > MANY_COLUMNS {
            SMALL_TABLE_TEXT
        } else {
            TABLE_TEXT
        };
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

        let table = self.structure.add(None, Kind::Table);
        self.space(8.0);
        let header_row = self.structure.add(Some(table), Kind::Row);
        let header_cells: Vec<Vec<Piece>> = columns
            .iter()
            .zip(&geometry)
            .map(|(column, &(x, w, right))| {
                let node = self.structure.add(Some(header_row), Kind::HeaderCell);
                self.cell(&column.header, Style::Bold, size, x, w, right, node)
            })
            .collect();
        let header_height = header_cells
            .iter()
            .map(|cell| cell.iter().map(|piece| piece.height).sum::<f32>())
            .fold(0.0, f32::max)
            + 2.0 * CELL_PAD_Y;
        // A header taller than a third of a page is not worth repeating; it is then laid
        // out like any row, split if it has to be.
        let repeat = header_height <= page.content_height() / 3.0;
        let row_room = page.content_height() - 2.0 * CELL_PAD_Y;
        let header_room = if repeat { f32::INFINITY } else { row_room };
        let mut header = None;
        let fill = Some(self.theme.header_fill);
        for piece in split_columns(header_cells, header_room) {
            let unit = row_unit(piece, left, width, fill, self.theme.accent, true);
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
            let row_node = self.structure.add(Some(table), Kind::Row);
            let cells: Vec<Vec<Piece>> = geometry
                .iter()
                .enumerate()
                .map(|(index, &(x, w, right))| {
                    let node = self.structure.add(Some(row_node), Kind::Cell);
                    let text = row.get(index).map_or("", String::as_str);
                    self.cell(text, Style::Regular, size, x, w, right, node)
                })
                .collect();
            for piece in split_columns(cells, row_room) {
                let mut unit = row_unit(piece, left, width, None, RULE, false);
                unit.header = header.clone();
                self.push(unit);
            }
        }
        self.space(10.0);
        self.turn(false);
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
    let mut unit = Unit::new(height, items);
    unit.keep_with_next = keep_with_next;
    unit
}
