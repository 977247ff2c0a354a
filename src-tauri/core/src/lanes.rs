//! The journey map's lanes: the rows under the stages, chosen by the facilitator.
//!
//! Every workshop starts with its template's lanes (see [`crate::templates::lanes`]); the
//! facilitator adds, renames, reorders and removes them. A lane of a stage field (touchpoint,
//! channels, pains, opportunities) or of what was measured (notes, metrics, feelings) shows
//! that per stage and appears at most once; removing it hides it and loses nothing. Text and
//! image lanes may repeat and hold a cell of their own per stage, removed with the lane in
//! the same undoable step.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change::Change;
use crate::error::{Error, Result};
use crate::ids::{new_id, now};
use crate::images::{decode_base64, prepare, store_image};
use crate::model::{LaneKind, Language};
use crate::ordering;
use crate::rows::{rows_of, snapshot, typed, Table};
use crate::store::Library;
use crate::validate::{self, belongs_to_workshop, Owned};
use crate::workshops::{language_of, MAX_TITLE_CHARS};

/// The longest text of a cell of a text lane.
pub const MAX_CELL_CHARS: usize = 2_000;
/// How many lanes a journey may have.
pub const MAX_LANES: i64 = 24;

/// One lane of the journey map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Lane {
    pub id: String,
    pub workshop_id: String,
    pub position: i64,
    pub kind: LaneKind,
    pub title: String,
}

/// What a text or image lane holds at one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LaneCell {
    pub id: String,
    pub workshop_id: String,
    pub lane_id: String,
    pub stage_id: String,
    pub text: String,
    pub image_id: Option<String>,
    pub created_at: String,
}

/// The arguments of `add_lane`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewLane {
    pub kind: LaneKind,
    /// The kind's name in the workshop's language when absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub title: Option<String>,
    /// Where it goes (default: last).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub position: Option<i64>,
}

/// The lane `id` of the workshop, or not found.
fn lane_in(conn: &rusqlite::Connection, workshop_id: &str, id: &str) -> Result<Lane> {
    belongs_to_workshop(conn, Owned::Lane, id, workshop_id)?;
    let row = snapshot(conn, Table::Lanes, id)?.expect("the lane was just found");
    typed(Table::Lanes, row)
}

/// The id of the cell (found, or new) of lane `lane_id` at `stage_id`, checking that the lane
/// is of `kind` (`what` names it in the refusal) and the stage is the workshop's.
fn cell_of(
    conn: &rusqlite::Connection,
    workshop_id: &str,
    lane_id: &str,
    stage_id: &str,
    (kind, what): (LaneKind, &str),
) -> Result<String> {
    let lane = lane_in(conn, workshop_id, lane_id)?;
    if lane.kind != kind {
        return Err(Error::invalid(format!(
            "\u{201c}{}\u{201d} is not {what}",
            lane.title
        )));
    }
    belongs_to_workshop(conn, Owned::Stage, stage_id, workshop_id)?;
    let found: Option<String> = conn
        .prepare_cached("SELECT id FROM lane_cells WHERE lane_id = ?1 AND stage_id = ?2")?
        .query_row(params![lane_id, stage_id], |row| row.get(0))
        .optional()?;
    Ok(found.unwrap_or_else(new_id))
}

impl Library {
    pub fn add_lane(&self, workshop_id: &str, new: &NewLane) -> Result<Change> {
        let title = new
            .title
            .as_deref()
            .map(|title| validate::required_text("title", title, MAX_TITLE_CHARS))
            .transpose()?;
        self.edit(workshop_id, "add_lane", |conn, recorder| {
            let lanes: Vec<Lane> = rows_of(conn, Table::Lanes, workshop_id)?;
            if lanes.len() as i64 >= MAX_LANES {
                return Err(Error::invalid(format!(
                    "a journey may have at most {MAX_LANES} lanes"
                )));
            }
            if !new.kind.repeats() && lanes.iter().any(|lane| lane.kind == new.kind) {
                return Err(Error::invalid(format!(
                    "the journey already has a {} lane",
                    new.kind.default_title(Language::En).to_lowercase()
                )));
            }
            let title = match title {
                Some(title) => title,
                None => new.kind.default_title(language_of(conn, workshop_id)?).to_owned(),
            };
            let id = new_id();
            recorder.touch(Table::Lanes, &id)?;
            conn.execute(
                "INSERT INTO lanes (id, workshop_id, position, kind, title) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, workshop_id, lanes.len() as i64, new.kind.as_str(), title],
            )?;
            if let Some(position) = new.position {
                ordering::move_to(conn, recorder, Table::Lanes, workshop_id, &id, position)?;
            }
            Ok(())
        })
    }

    pub fn rename_lane(&self, workshop_id: &str, id: &str, title: &str) -> Result<Change> {
        let title = validate::required_text("title", title, MAX_TITLE_CHARS)?;
        self.edit(workshop_id, "rename_lane", |conn, recorder| {
            lane_in(conn, workshop_id, id)?;
            recorder.touch(Table::Lanes, id)?;
            conn.execute(
                "UPDATE lanes SET title = ?2 WHERE id = ?1",
                params![id, title],
            )?;
            Ok(())
        })
    }

    pub fn move_lane(&self, workshop_id: &str, id: &str, position: i64) -> Result<Change> {
        self.edit(workshop_id, "move_lane", |conn, recorder| {
            lane_in(conn, workshop_id, id)?;
            ordering::move_to(conn, recorder, Table::Lanes, workshop_id, id, position)
        })
    }

    /// Removes a lane with its cells; the stages' own fields stay.
    pub fn delete_lane(&self, workshop_id: &str, id: &str) -> Result<Change> {
        self.edit(workshop_id, "delete_lane", |conn, recorder| {
            lane_in(conn, workshop_id, id)?;
            let cells: Vec<String> = conn
                .prepare_cached("SELECT id FROM lane_cells WHERE lane_id = ?1")?
                .query_map([id], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for cell in cells {
                recorder.touch(Table::LaneCells, &cell)?;
                conn.execute("DELETE FROM lane_cells WHERE id = ?1", [&cell])?;
            }
            recorder.touch(Table::Lanes, id)?;
            conn.execute("DELETE FROM lanes WHERE id = ?1", [id])?;
            ordering::renumber(conn, recorder, Table::Lanes, workshop_id)
        })
    }

    /// Sets the text of a text lane at a stage.
    pub fn set_lane_text(
        &self,
        workshop_id: &str,
        lane_id: &str,
        stage_id: &str,
        text: &str,
    ) -> Result<Change> {
        let text = validate::text("text", text, MAX_CELL_CHARS)?;
        self.edit(workshop_id, "set_lane_text", |conn, recorder| {
            let id = cell_of(
                conn,
                workshop_id,
                lane_id,
                stage_id,
                (LaneKind::Text, "a text lane"),
            )?;
            recorder.touch(Table::LaneCells, &id)?;
            conn.execute(
                "INSERT INTO lane_cells (id, workshop_id, lane_id, stage_id, text, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(id) DO UPDATE SET text = excluded.text",
                params![id, workshop_id, lane_id, stage_id, text, now()],
            )?;
            Ok(())
        })
    }

    /// Sets (or with `None` removes) the picture of an image lane at a stage, from a
    /// base64-encoded file checked and scaled like a persona's photo.
    pub fn set_lane_image(
        &self,
        workshop_id: &str,
        lane_id: &str,
        stage_id: &str,
        image_base64: Option<&str>,
    ) -> Result<Change> {
        let prepared = image_base64
            .map(|text| decode_base64(text).and_then(|bytes| prepare(&bytes)))
            .transpose()?;
        self.edit(workshop_id, "set_lane_image", |conn, recorder| {
            let id = cell_of(
                conn,
                workshop_id,
                lane_id,
                stage_id,
                (LaneKind::Images, "an image lane"),
            )?;
            let image_id = match prepared {
                None => None,
                Some(image) => {
                    let id = new_id();
                    store_image(conn, workshop_id, &id, &image)?;
                    Some(id)
                }
            };
            recorder.touch(Table::LaneCells, &id)?;
            conn.execute(
                "INSERT INTO lane_cells (id, workshop_id, lane_id, stage_id, image_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(id) DO UPDATE SET image_id = excluded.image_id",
                params![id, workshop_id, lane_id, stage_id, image_id, now()],
            )?;
            Ok(())
        })
    }
}
