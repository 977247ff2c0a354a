//! The idea board: sticky notes and the affinity clusters they are grouped into.
//!
//! Every board operation is one history step (see [`crate::history`]), and edits that touch
//! many notes, like moving a selection, are one call, so one undo puts them all back. The
//! references a note holds (cluster, stage, author) must belong to its own workshop, and a
//! cluster exists only while it holds notes: the step that empties it removes it.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::change::{undo_redo_labels, Change};
use crate::error::{Error, Result};
use crate::history::revision_of;
use crate::history::Recorder;
use crate::ids::{new_id, now};
use crate::palette::NOTE_COLOURS;
use crate::participants::{participants_of, Participant};
use crate::rows::{rows_of, snapshot, typed, Table};
use crate::store::Library;
use crate::validate::{self, belongs_to_workshop, Owned};
use crate::workshops::MAX_TITLE_CHARS;
use ts_rs::TS;

pub const MAX_NOTE_CHARS: usize = 1_000;
/// A note's size in board units; its `x`, `y` is its top-left corner.
pub const NOTE_WIDTH: f64 = 180.0;
pub const NOTE_HEIGHT: f64 = 120.0;
/// How many notes one call may create or change: a whole board's worth of a big workshop.
pub const MAX_NOTES_PER_CALL: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Note {
    pub id: String,
    pub workshop_id: String,
    pub text: String,
    pub colour: String,
    pub x: f64,
    pub y: f64,
    pub cluster_id: Option<String>,
    pub stage_id: Option<String>,
    pub persona_id: Option<String>,
    pub author_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Cluster {
    pub id: String,
    pub workshop_id: String,
    pub title: String,
    pub created_at: String,
    pub updated_at: String,
}

/// Everything the board screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Board {
    pub workshop_id: String,
    pub revision: i64,
    pub notes: Vec<Note>,
    pub clusters: Vec<Cluster>,
    pub participants: Vec<Participant>,
    pub undo: Option<String>,
    pub redo: Option<String>,
}

pub(crate) fn default_colour() -> String {
    NOTE_COLOURS[0].to_owned()
}

/// One note to create.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    pub text: String,
    #[serde(default = "default_colour")]
    #[ts(as = "Option<String>", optional)]
    pub colour: String,
    pub x: f64,
    pub y: f64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub cluster_id: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub stage_id: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub persona_id: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub author_id: Option<String>,
}

/// Changes to one note: absent fields stay, `null` clears a reference.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NoteEdit {
    pub id: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub text: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub colour: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub x: Option<f64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub y: Option<f64>,
    #[serde(default, deserialize_with = "crate::model::present")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub cluster_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::model::present")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub stage_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::model::present")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub persona_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::model::present")]
    #[ts(as = "Option<String>", optional = nullable)]
    pub author_id: Option<Option<String>>,
}

pub(crate) fn checked_colour(field: &str, colour: &str) -> Result<String> {
    if NOTE_COLOURS.contains(&colour) {
        Ok(colour.to_owned())
    } else {
        Err(Error::invalid(format!(
            "{field} must be one of {}, not \u{201c}{colour}\u{201d}",
            NOTE_COLOURS.join(", ")
        )))
    }
}

pub(crate) fn checked_note_text(field: &str, text: &str) -> Result<String> {
    validate::required_text(field, text, MAX_NOTE_CHARS)
}

/// The references of a note, each checked to exist in the note's workshop.
struct References<'a> {
    cluster_id: Option<&'a str>,
    stage_id: Option<&'a str>,
    persona_id: Option<&'a str>,
    author_id: Option<&'a str>,
}

impl References<'_> {
    fn check(&self, conn: &Connection, workshop_id: &str) -> Result<()> {
        let pairs = [
            (Owned::Cluster, self.cluster_id),
            (Owned::Stage, self.stage_id),
            (Owned::Persona, self.persona_id),
            (Owned::Participant, self.author_id),
        ];
        for (kind, id) in pairs {
            if let Some(id) = id {
                belongs_to_workshop(conn, kind, id, workshop_id)?;
            }
        }
        Ok(())
    }
}

fn load_note(conn: &Connection, workshop_id: &str, id: &str) -> Result<Note> {
    belongs_to_workshop(conn, Owned::Note, id, workshop_id)?;
    let row = snapshot(conn, Table::Notes, id)?.expect("the note was just found");
    typed(Table::Notes, row)
}

/// Removes those of `candidates` that no longer hold any note.
fn remove_empty_clusters(
    conn: &Connection,
    recorder: &mut Recorder,
    candidates: &[String],
) -> Result<()> {
    for id in candidates {
        let in_use: Option<i64> = conn
            .prepare_cached("SELECT 1 FROM notes WHERE cluster_id = ?1 LIMIT 1")?
            .query_row([id], |row| row.get(0))
            .optional()?;
        let exists = snapshot(conn, Table::Clusters, id)?.is_some();
        if in_use.is_none() && exists {
            recorder.touch(Table::Clusters, id)?;
            conn.execute("DELETE FROM clusters WHERE id = ?1", [id])?;
        }
    }
    Ok(())
}

fn set_cluster(
    conn: &Connection,
    recorder: &mut Recorder,
    note: &Note,
    cluster_id: Option<&str>,
) -> Result<()> {
    recorder.touch(Table::Notes, &note.id)?;
    conn.execute(
        "UPDATE notes SET cluster_id = ?2, updated_at = ?3 WHERE id = ?1",
        params![note.id, cluster_id, now()],
    )?;
    Ok(())
}

impl Library {
    pub fn get_board(&self, workshop_id: &str) -> Result<Board> {
        self.read(|conn| {
            let revision = revision_of(conn, workshop_id)?;
            let (undo, redo) = undo_redo_labels(conn, workshop_id)?;
            Ok(Board {
                workshop_id: workshop_id.to_owned(),
                revision,
                notes: rows_of(conn, Table::Notes, workshop_id)?,
                clusters: rows_of(conn, Table::Clusters, workshop_id)?,
                participants: participants_of(conn, workshop_id)?,
                undo,
                redo,
            })
        })
    }

    pub fn create_notes(&self, workshop_id: &str, notes: &[NewNote]) -> Result<Change> {
        validate::count("notes", notes.len(), 1, MAX_NOTES_PER_CALL)?;
        let checked = notes
            .iter()
            .enumerate()
            .map(|(index, note)| {
                let field = |name: &str| format!("notes[{index}].{name}");
                Ok((
                    checked_note_text(&field("text"), &note.text)?,
                    checked_colour(&field("colour"), &note.colour)?,
                    validate::coordinate(&field("x"), note.x)?,
                    validate::coordinate(&field("y"), note.y)?,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        self.edit(workshop_id, "create_notes", |conn, recorder| {
            let now = now();
            let mut insert = conn.prepare_cached(
                "INSERT INTO notes (id, workshop_id, text, colour, x, y, cluster_id, stage_id,
                                    persona_id, author_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            )?;
            for (note, (text, colour, x, y)) in notes.iter().zip(checked) {
                References {
                    cluster_id: note.cluster_id.as_deref(),
                    stage_id: note.stage_id.as_deref(),
                    persona_id: note.persona_id.as_deref(),
                    author_id: note.author_id.as_deref(),
                }
                .check(conn, workshop_id)?;
                let id = new_id();
                recorder.touch(Table::Notes, &id)?;
                insert.execute(params![
                    id,
                    workshop_id,
                    text,
                    colour,
                    x,
                    y,
                    note.cluster_id,
                    note.stage_id,
                    note.persona_id,
                    note.author_id,
                    now
                ])?;
            }
            Ok(())
        })
    }

    pub fn update_notes(&self, workshop_id: &str, edits: &[NoteEdit]) -> Result<Change> {
        validate::count("notes", edits.len(), 1, MAX_NOTES_PER_CALL)?;
        for (index, edit) in edits.iter().enumerate() {
            let field = |name: &str| format!("notes[{index}].{name}");
            if let Some(text) = &edit.text {
                checked_note_text(&field("text"), text)?;
            }
            if let Some(colour) = &edit.colour {
                checked_colour(&field("colour"), colour)?;
            }
            if let Some(x) = edit.x {
                validate::coordinate(&field("x"), x)?;
            }
            if let Some(y) = edit.y {
                validate::coordinate(&field("y"), y)?;
            }
        }
        self.edit(workshop_id, "update_notes", |conn, recorder| {
            let mut emptied = Vec::new();
            for edit in edits {
                let current = load_note(conn, workshop_id, &edit.id)?;
                let text = match &edit.text {
                    Some(text) => checked_note_text("text", text)?,
                    None => current.text.clone(),
                };
                let colour = edit
                    .colour
                    .clone()
                    .unwrap_or_else(|| current.colour.clone());
                let x = edit.x.unwrap_or(current.x);
                let y = edit.y.unwrap_or(current.y);
                let cluster_id = edit
                    .cluster_id
                    .clone()
                    .unwrap_or(current.cluster_id.clone());
                let stage_id = edit.stage_id.clone().unwrap_or(current.stage_id.clone());
                let persona_id = edit
                    .persona_id
                    .clone()
                    .unwrap_or(current.persona_id.clone());
                let author_id = edit.author_id.clone().unwrap_or(current.author_id.clone());
                let unchanged = (&text, &colour, x, y)
                    == (&current.text, &current.colour, current.x, current.y)
                    && (&cluster_id, &stage_id, &persona_id, &author_id)
                        == (
                            &current.cluster_id,
                            &current.stage_id,
                            &current.persona_id,
                            &current.author_id,
                        );
                if unchanged {
                    continue;
                }
                References {
                    cluster_id: cluster_id.as_deref(),
                    stage_id: stage_id.as_deref(),
                    persona_id: persona_id.as_deref(),
                    author_id: author_id.as_deref(),
                }
                .check(conn, workshop_id)?;
                if current.cluster_id != cluster_id {
                    emptied.extend(current.cluster_id.clone());
                }
                recorder.touch(Table::Notes, &edit.id)?;
                conn.prepare_cached(
                    "UPDATE notes SET text = ?2, colour = ?3, x = ?4, y = ?5, cluster_id = ?6,
                            stage_id = ?7, author_id = ?8, updated_at = ?9
                     WHERE id = ?1",
                )?
                .execute(params![
                    edit.id,
                    text,
                    colour,
                    x,
                    y,
                    cluster_id,
                    stage_id,
                    author_id,
                    now()
                ])?;
            }
            remove_empty_clusters(conn, recorder, &emptied)
        })
    }

    pub fn delete_notes(&self, workshop_id: &str, ids: &[String]) -> Result<Change> {
        validate::count("ids", ids.len(), 1, MAX_NOTES_PER_CALL)?;
        self.edit(workshop_id, "delete_notes", |conn, recorder| {
            let mut emptied = Vec::new();
            for id in ids {
                let note = load_note(conn, workshop_id, id)?;
                emptied.extend(note.cluster_id);
                // Votes on the note go with it, and come back with it on undo.
                let votes: Vec<String> = conn
                    .prepare_cached("SELECT id FROM votes WHERE note_id = ?1")?
                    .query_map([id], |row| row.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for vote in votes {
                    recorder.touch(Table::Votes, &vote)?;
                    conn.execute("DELETE FROM votes WHERE id = ?1", [vote])?;
                }
                recorder.touch(Table::Notes, id)?;
                conn.execute("DELETE FROM notes WHERE id = ?1", [id])?;
            }
            remove_empty_clusters(conn, recorder, &emptied)
        })
    }

    /// Makes a new cluster of the given notes, taking them out of their old clusters.
    pub fn group_notes(
        &self,
        workshop_id: &str,
        title: &str,
        note_ids: &[String],
    ) -> Result<Change> {
        let title = validate::required_text("title", title, MAX_TITLE_CHARS)?;
        validate::count("note_ids", note_ids.len(), 1, MAX_NOTES_PER_CALL)?;
        self.edit(workshop_id, "group_notes", |conn, recorder| {
            let id = new_id();
            let now = now();
            recorder.touch(Table::Clusters, &id)?;
            conn.execute(
                "INSERT INTO clusters (id, workshop_id, title, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
                params![id, workshop_id, title, now],
            )?;
            let mut emptied = Vec::new();
            for note_id in note_ids {
                let note = load_note(conn, workshop_id, note_id)?;
                emptied.extend(note.cluster_id.clone());
                set_cluster(conn, recorder, &note, Some(&id))?;
            }
            remove_empty_clusters(conn, recorder, &emptied)
        })
    }

    pub fn rename_cluster(&self, workshop_id: &str, id: &str, title: &str) -> Result<Change> {
        let title = validate::required_text("title", title, MAX_TITLE_CHARS)?;
        self.edit(workshop_id, "rename_cluster", |conn, recorder| {
            belongs_to_workshop(conn, Owned::Cluster, id, workshop_id)?;
            recorder.touch(Table::Clusters, id)?;
            conn.execute(
                "UPDATE clusters SET title = ?2, updated_at = ?3 WHERE id = ?1 AND title != ?2",
                params![id, title, now()],
            )?;
            Ok(())
        })
    }

    /// Dissolves a cluster; its notes stay where they are.
    pub fn ungroup(&self, workshop_id: &str, id: &str) -> Result<Change> {
        self.edit(workshop_id, "ungroup", |conn, recorder| {
            belongs_to_workshop(conn, Owned::Cluster, id, workshop_id)?;
            let members: Vec<String> = conn
                .prepare_cached("SELECT id FROM notes WHERE cluster_id = ?1")?
                .query_map([id], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for note_id in members {
                let note = load_note(conn, workshop_id, &note_id)?;
                set_cluster(conn, recorder, &note, None)?;
            }
            recorder.touch(Table::Clusters, id)?;
            conn.execute("DELETE FROM clusters WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}
