//! Sections: the titled frames of the board, each arranging its notes in a tidy grid.
//!
//! A section is a `clusters` row with a place (`x`, `y`), a number of columns, and a flag for
//! being collapsed to a stack. Its notes sit in its grid in reading order. Every step that
//! changes who is in a section or where its notes are lays the section out again inside the
//! same transaction, so the frame (`width`, `height`, kept on the row so every front end draws
//! the same one) and its notes never disagree, and one undo puts both back.
//!
//! The order of a section's notes is read from where they are: a note let go on another's
//! cell takes its place (the rest move along), one let go past the end of a row follows it.
//! So a front end only says where a note was dropped and in which section; the grid is core's.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;

use crate::change::Change;
use crate::error::{Error, Result};
use crate::history::Recorder;
use crate::ids::{new_id, now};
use crate::rows::Table;
use crate::store::Library;
use crate::validate::{self, belongs_to_workshop, Owned};
use ts_rs::TS;

/// A note's standard size in board units (its `x`, `y` is its top-left corner): every note's
/// in a section's grid, and a loose note's until it is resized within the limits below.
pub const NOTE_WIDTH: f64 = 180.0;
pub const NOTE_HEIGHT: f64 = 120.0;
pub const NOTE_SIZE_LIMITS: ((f64, f64), (f64, f64)) = ((120.0, 720.0), (80.0, 720.0));
/// The band at the top of a section that holds its title; notes never sit in it.
pub const TITLE_HEIGHT: f64 = 56.0;
/// The space between a section's frame and its notes.
pub const PADDING: f64 = 20.0;
/// The space between two notes of a grid (and between two sections placed side by side).
pub const GAP: f64 = 20.0;
pub const MAX_COLUMNS: i64 = 12;
/// A new section is about square, but not wider than this many notes.
const MAX_AUTO_COLUMNS: i64 = 6;

/// A section's grid: where its first cell is and how many cells a row has.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    pub x: f64,
    pub y: f64,
    pub columns: i64,
}

impl Grid {
    /// The grid of a section whose frame's top-left corner is at `x`, `y`.
    pub fn of_section(x: f64, y: f64, columns: i64) -> Grid {
        Grid {
            x: x + PADDING,
            y: y + TITLE_HEIGHT,
            columns: columns.max(1),
        }
    }

    /// The top-left corner of the `index`th cell, in reading order.
    pub fn cell(&self, index: usize) -> (f64, f64) {
        let columns = self.columns as usize;
        (
            self.x + (index % columns) as f64 * (NOTE_WIDTH + GAP),
            self.y + (index / columns) as f64 * (NOTE_HEIGHT + GAP),
        )
    }

    /// The row and column nearest to a note whose top-left corner is at `x`, `y`. Past the
    /// last column counts as a column of its own, so a note let go there lands after the row.
    pub fn slot_of(&self, x: f64, y: f64) -> (i64, i64) {
        let row = ((y - self.y) / (NOTE_HEIGHT + GAP)).round().max(0.0) as i64;
        let column = ((x - self.x) / (NOTE_WIDTH + GAP))
            .round()
            .clamp(0.0, self.columns as f64) as i64;
        (row, column)
    }

    /// The width and height of the frame around `count` notes: open, every row; collapsed,
    /// one stack under the title.
    pub fn frame(&self, count: usize, collapsed: bool) -> (f64, f64) {
        let columns = self.columns as usize;
        let rows = if collapsed {
            1
        } else {
            count.div_ceil(columns).max(1)
        };
        (
            2.0 * PADDING + columns as f64 * NOTE_WIDTH + (columns - 1) as f64 * GAP,
            TITLE_HEIGHT + rows as f64 * NOTE_HEIGHT + (rows - 1) as f64 * GAP + PADDING,
        )
    }
}

/// How many columns a new section of `count` notes gets: about square.
pub fn auto_columns(count: usize) -> i64 {
    let mut columns = 1;
    while columns * columns < count as i64 && columns < MAX_AUTO_COLUMNS {
        columns += 1;
    }
    columns
}

/// A section as stored, for laying it out.
struct Stored {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
    columns: i64,
    collapsed: bool,
}

fn stored(conn: &Connection, id: &str) -> Result<Option<Stored>> {
    Ok(conn
        .prepare_cached(
            "SELECT x, y, width, height, columns, collapsed FROM clusters WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok(Stored {
                x: row.get(0)?,
                y: row.get(1)?,
                width: row.get(2)?,
                height: row.get(3)?,
                columns: row.get(4)?,
                collapsed: row.get::<_, i64>(5)? != 0,
            })
        })
        .optional()?)
}

/// Lays a section out again: its notes into its grid in the order where they are, its frame
/// around them. `order_columns` is the grid their places were read in, when it is not the
/// section's own (a section given another number of columns keeps its order). A section that
/// no longer exists (its last note left) is skipped.
pub(crate) fn lay_out(
    conn: &Connection,
    recorder: &mut Recorder,
    id: &str,
    order_columns: Option<i64>,
) -> Result<()> {
    let Some(section) = stored(conn, id)? else {
        return Ok(());
    };
    let mut members: Vec<(String, f64, f64, String)> = conn
        .prepare_cached("SELECT id, x, y, updated_at FROM notes WHERE cluster_id = ?1")?
        .query_map([id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let read_in = Grid::of_section(
        section.x,
        section.y,
        order_columns.unwrap_or(section.columns),
    );
    // Where two notes claim one cell, the one moved last goes first: it was let go there.
    members.sort_by(|a, b| {
        read_in
            .slot_of(a.1, a.2)
            .cmp(&read_in.slot_of(b.1, b.2))
            .then_with(|| b.3.cmp(&a.3))
            .then_with(|| a.0.cmp(&b.0))
    });
    let grid = Grid::of_section(section.x, section.y, section.columns);
    for (index, (note_id, x, y, _)) in members.iter().enumerate() {
        let (to_x, to_y) = grid.cell(index);
        if (to_x, to_y) != (*x, *y) {
            recorder.touch(Table::Notes, note_id)?;
            conn.prepare_cached("UPDATE notes SET x = ?2, y = ?3 WHERE id = ?1")?
                .execute(params![note_id, to_x, to_y])?;
        }
    }
    let (width, height) = grid.frame(members.len(), section.collapsed);
    if (width, height) != (section.width, section.height) {
        recorder.touch(Table::Clusters, id)?;
        conn.prepare_cached("UPDATE clusters SET width = ?2, height = ?3 WHERE id = ?1")?
            .execute(params![id, width, height])?;
    }
    Ok(())
}

/// Lays out each of `ids` once (they may repeat).
pub(crate) fn lay_out_all(
    conn: &Connection,
    recorder: &mut Recorder,
    ids: &[String],
) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if seen.insert(id) {
            lay_out(conn, recorder, id, None)?;
        }
    }
    Ok(())
}

/// The frames of a workshop's sections other than `except`.
fn frames(conn: &Connection, workshop_id: &str, except: &str) -> Result<Vec<[f64; 4]>> {
    Ok(conn
        .prepare_cached(
            "SELECT x, y, width, height FROM clusters WHERE workshop_id = ?1 AND id != ?2",
        )?
        .query_map(params![workshop_id, except], |row| {
            Ok([row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?])
        })?
        .collect::<rusqlite::Result<_>>()?)
}

fn overlaps(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3]
}

/// Makes a section titled `title` for `count` notes, its frame's top-left as near `x`, `y`
/// as it can be without covering another section (moved right past those it would cover).
/// The caller puts the notes in it and lays it out.
pub(crate) fn create_section(
    conn: &Connection,
    recorder: &mut Recorder,
    workshop_id: &str,
    title: &str,
    (mut x, y): (f64, f64),
    count: usize,
) -> Result<String> {
    let id = new_id();
    let columns = auto_columns(count);
    let (width, height) = Grid::of_section(x, y, columns).frame(count, false);
    let others = frames(conn, workshop_id, &id)?;
    // Each move passes one frame for good, so this ends within as many rounds as there are.
    for _ in 0..=others.len() {
        let Some(covered) = others.iter().find(|f| overlaps([x, y, width, height], **f)) else {
            break;
        };
        x = covered[0] + covered[2] + 2.0 * GAP;
    }
    let now = now();
    recorder.touch(Table::Clusters, &id)?;
    conn.execute(
        "INSERT INTO clusters (id, workshop_id, title, x, y, width, height, columns, collapsed,
                               created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?9)",
        params![id, workshop_id, title, x, y, width, height, columns, now],
    )?;
    Ok(id)
}

/// Makes a section as [`create_section`] does and answers it with its grid, for a caller that
/// puts new notes straight into its cells (in their order) and then lays it out.
pub(crate) fn create_section_for_new_notes(
    conn: &Connection,
    recorder: &mut Recorder,
    workshop_id: &str,
    title: &str,
    at: (f64, f64),
    count: usize,
) -> Result<(String, Grid)> {
    let id = create_section(conn, recorder, workshop_id, title, at, count)?;
    let section = stored(conn, &id)?.expect("the section was just made");
    Ok((id, Grid::of_section(section.x, section.y, section.columns)))
}

/// The frame of a section around notes placed anywhere (a section from an older file, which
/// had none): its title band above the top-most, as many columns as it has notes, about.
pub(crate) fn frame_around(notes: &[(f64, f64)]) -> (f64, f64, i64) {
    let left = notes.iter().map(|n| n.0).fold(f64::INFINITY, f64::min);
    let top = notes.iter().map(|n| n.1).fold(f64::INFINITY, f64::min);
    if notes.is_empty() {
        return (0.0, 0.0, 1);
    }
    (
        left - PADDING,
        top - TITLE_HEIGHT,
        auto_columns(notes.len()),
    )
}

/// How many notes wide the inbox is where phones' notes land.
const INBOX_COLUMNS: usize = 3;

/// Where the next note from a phone lands: the first free cell of the inbox, a grid left of
/// everything the facilitator has placed (their notes and the sections), filled row by row
/// from the top. Free means covering no note and no section, so a phone's note never lands
/// on a section or on the notes the facilitator has picked up and moved.
pub(crate) fn inbox_cell(conn: &Connection, workshop_id: &str) -> Result<(f64, f64)> {
    let placed: (Option<f64>, Option<f64>) = conn
        .prepare_cached(
            "SELECT min(x), min(y) FROM (
                 SELECT x, y FROM clusters WHERE workshop_id = ?1
                 UNION ALL SELECT x, y FROM notes WHERE workshop_id = ?1 AND author_id IS NULL)",
        )?
        .query_row([workshop_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
    let (left, top) = (placed.0.unwrap_or(0.0), placed.1.unwrap_or(0.0));
    // Only what starts left of the board's edge can reach into the inbox.
    let taken: Vec<[f64; 4]> = conn
        .prepare_cached(
            "SELECT x, y, width, height FROM notes WHERE workshop_id = ?1 AND x < ?2
             UNION ALL SELECT x, y, width, height FROM clusters WHERE workshop_id = ?1 AND x < ?2",
        )?
        .query_map(params![workshop_id, left], |row| {
            Ok([row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?])
        })?
        .collect::<rusqlite::Result<_>>()?;
    let inbox = Grid {
        x: left - 3.0 * GAP - INBOX_COLUMNS as f64 * (NOTE_WIDTH + GAP),
        y: top,
        columns: INBOX_COLUMNS as i64,
    };
    // A rectangle covers at most four cells, so one of these is free.
    (0..=4 * taken.len())
        .map(|index| inbox.cell(index))
        .find(|&(x, y)| {
            !taken
                .iter()
                .any(|t| overlaps([x, y, NOTE_WIDTH, NOTE_HEIGHT], *t))
        })
        .ok_or_else(|| Error::Corrupt("no free cell in the inbox".to_owned()))
}

/// Changes to a section's place or shape: absent fields stay.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SectionEdit {
    pub id: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub x: Option<f64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub y: Option<f64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub columns: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub collapsed: Option<bool>,
}

impl Library {
    /// Moves a section (its notes with it), gives it another number of columns (its notes
    /// keep their order), or collapses it to a stack or opens it: one undo step.
    pub fn update_section(&self, workshop_id: &str, edit: &SectionEdit) -> Result<Change> {
        let x = edit.x.map(|x| validate::coordinate("x", x)).transpose()?;
        let y = edit.y.map(|y| validate::coordinate("y", y)).transpose()?;
        if let Some(columns) = edit.columns {
            if !(1..=MAX_COLUMNS).contains(&columns) {
                return Err(Error::invalid(format!(
                    "columns must be from 1 to {MAX_COLUMNS}, not {columns}"
                )));
            }
        }
        self.edit(workshop_id, "update_section", |conn, recorder| {
            belongs_to_workshop(conn, Owned::Cluster, &edit.id, workshop_id)?;
            let section = stored(conn, &edit.id)?.expect("the section was just found");
            let (to_x, to_y) = (x.unwrap_or(section.x), y.unwrap_or(section.y));
            let columns = edit.columns.unwrap_or(section.columns);
            let collapsed = edit.collapsed.unwrap_or(section.collapsed);
            let (dx, dy) = (to_x - section.x, to_y - section.y);
            if (dx, dy) != (0.0, 0.0) {
                let members: Vec<String> = conn
                    .prepare_cached("SELECT id FROM notes WHERE cluster_id = ?1")?
                    .query_map([&edit.id], |row| row.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for note in members {
                    recorder.touch(Table::Notes, &note)?;
                    conn.prepare_cached("UPDATE notes SET x = x + ?2, y = y + ?3 WHERE id = ?1")?
                        .execute(params![note, dx, dy])?;
                }
            }
            recorder.touch(Table::Clusters, &edit.id)?;
            conn.execute(
                "UPDATE clusters SET x = ?2, y = ?3, columns = ?4, collapsed = ?5, updated_at = ?6
                 WHERE id = ?1 AND (x, y, columns, collapsed) IS NOT (?2, ?3, ?4, ?5)",
                params![edit.id, to_x, to_y, columns, collapsed, now()],
            )?;
            lay_out(conn, recorder, &edit.id, Some(section.columns))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grid_places_notes_in_reading_order_and_reads_them_back() {
        let grid = Grid::of_section(100.0, 50.0, 3);
        assert_eq!(grid.cell(0), (120.0, 106.0));
        assert_eq!(grid.cell(2), (120.0 + 2.0 * 200.0, 106.0));
        assert_eq!(grid.cell(3), (120.0, 106.0 + 140.0));
        for index in 0..7 {
            let (x, y) = grid.cell(index);
            assert_eq!(grid.slot_of(x, y), ((index / 3) as i64, (index % 3) as i64));
        }
        // Let go a little off a cell: the nearest cell; past the row's end: after it.
        assert_eq!(grid.slot_of(120.0 + 230.0, 106.0 + 60.0), (0, 1));
        assert_eq!(grid.slot_of(2000.0, 106.0), (0, 3));
        assert_eq!(grid.slot_of(0.0, -500.0), (0, 0));
    }

    #[test]
    fn a_frame_holds_its_rows_or_one_stack_when_collapsed() {
        let grid = Grid::of_section(0.0, 0.0, 2);
        assert_eq!(grid.frame(0, false), (420.0, 196.0));
        assert_eq!(
            grid.frame(3, false),
            (420.0, 56.0 + 2.0 * 120.0 + 20.0 + 20.0)
        );
        assert_eq!(grid.frame(3, true), (420.0, 196.0));
    }

    #[test]
    fn new_sections_are_about_square() {
        let columns: Vec<i64> = [0, 1, 2, 4, 5, 9, 10, 100]
            .into_iter()
            .map(auto_columns)
            .collect();
        assert_eq!(columns, [1, 1, 2, 2, 3, 3, 4, 6]);
    }

    /// Step 12 frames the clusters a library already has with the numbers of `sections`'
    /// layout, written out in SQL: here the two are held to agree.
    #[test]
    fn step_12_frames_old_clusters_as_sections_lay_them_out() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for step in &crate::store::migrations::STEPS[..11] {
            conn.execute_batch(step).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO workshops (id, title, language, template, created_at, updated_at)
                 VALUES ('w', 'Old', 'en', 'blank', '', '');
             INSERT INTO clusters (id, workshop_id, title, created_at, updated_at)
                 VALUES ('c', 'w', 'Old cluster', '', '');
             INSERT INTO notes (id, workshop_id, text, colour, x, y, cluster_id, created_at, updated_at)
                 VALUES ('n1', 'w', 'one', 'yellow', 500, 90, 'c', '', ''),
                        ('n2', 'w', 'two', 'yellow', 310, 100, 'c', '', ''),
                        ('n3', 'w', 'three', 'yellow', 300, 400, 'c', '', ''),
                        ('n4', 'w', 'loose', 'yellow', -50, -60, NULL, '', '');",
        )
        .unwrap();
        conn.execute_batch(crate::store::migrations::STEPS[11])
            .unwrap();
        let (x, y, width, height, columns): (f64, f64, f64, f64, i64) = conn
            .query_row(
                "SELECT x, y, width, height, columns FROM clusters",
                [],
                |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                },
            )
            .unwrap();
        assert_eq!((x, y, columns), (280.0, 34.0, 2));
        let grid = Grid::of_section(x, y, columns);
        assert_eq!((width, height), grid.frame(3, false));
        let place = |id: &str| -> (f64, f64) {
            conn.query_row("SELECT x, y FROM notes WHERE id = ?1", [id], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .unwrap()
        };
        // Top to bottom, then left to right, as they were.
        assert_eq!(place("n1"), grid.cell(0));
        assert_eq!(place("n2"), grid.cell(1));
        assert_eq!(place("n3"), grid.cell(2));
        assert_eq!(place("n4"), (-50.0, -60.0));
    }
}
