//! The idea board: sticky notes and the affinity clusters they are grouped into.
//!
//! Every board operation is one history step (see [`crate::history`]), and edits that touch
//! many notes, like moving a selection, are one call, so one undo puts them all back. The
//! references a note holds (cluster, stage, author) must belong to its own workshop, and a
//! cluster exists only while it holds notes: the step that empties it removes it.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::change::{undo_redo_labels, Change};
use crate::error::{Error, ErrorCode, Result};
use crate::history::revision_of;
use crate::history::Recorder;
use crate::ids::{new_id, now};
use crate::palette::NOTE_COLOURS;
use crate::participants::{face_down_counts, participants_of, FaceDown, Participant};
use crate::rows::{face_down, rows_of, snapshot, typed, workshop_rows, Table};
use crate::sections::{self, lay_out_all, NOTE_HEIGHT, NOTE_SIZE_LIMITS, NOTE_WIDTH};
use crate::store::Library;
use crate::validate::{self, belongs_to_workshop, Owned};
use crate::workshops::MAX_TITLE_CHARS;
use ts_rs::TS;

pub const MAX_NOTE_CHARS: usize = 1_000;
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
    /// Face down: written on a phone while notes were hidden and not revealed yet. Its text
    /// and author are shown to nobody but its writer until then (see [`crate::rows::face_down`]).
    #[serde(default)]
    pub hidden: bool,
    /// A photo on the note (a paper sticky or a flip chart photographed, say): an image of
    /// the workshop, fetched with `get_image`. The text is then its caption.
    #[serde(default)]
    pub image_id: Option<String>,
    /// The note's own size while loose (in a section it takes the section's standard cell).
    #[serde(default = "standard_width")]
    pub width: f64,
    #[serde(default = "standard_height")]
    pub height: f64,
    #[serde(default)]
    pub text_size: TextSize,
}

/// How large a note's text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TextSize {
    S,
    #[default]
    M,
    L,
}

impl TextSize {
    fn as_str(self) -> &'static str {
        match self {
            TextSize::S => "s",
            TextSize::M => "m",
            TextSize::L => "l",
        }
    }
}

fn standard_width() -> f64 {
    NOTE_WIDTH
}

fn standard_height() -> f64 {
    NOTE_HEIGHT
}

/// Checks a note's size against [`NOTE_SIZE_LIMITS`].
pub(crate) fn checked_size(field: &str, (width, height): (f64, f64)) -> Result<()> {
    let ((min_w, max_w), (min_h, max_h)) = NOTE_SIZE_LIMITS;
    if !(min_w..=max_w).contains(&width) || !(min_h..=max_h).contains(&height) {
        return Err(Error::invalid(format!(
            "{field}: a note is {min_w}–{max_w} wide and {min_h}–{max_h} high, not {width} × {height}"
        )));
    }
    Ok(())
}

/// A section of the board: a titled frame whose notes core keeps in a tidy grid (see
/// [`crate::sections`]). `width` and `height` are the frame's, kept in step by core.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Cluster {
    pub id: String,
    pub workshop_id: String,
    pub title: String,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default)]
    pub x: f64,
    #[serde(default)]
    pub y: f64,
    #[serde(default)]
    pub width: f64,
    #[serde(default)]
    pub height: f64,
    #[serde(default = "one_column")]
    pub columns: i64,
    #[serde(default)]
    pub collapsed: bool,
}

fn one_column() -> i64 {
    1
}

/// Everything the board screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Board {
    pub workshop_id: String,
    pub revision: i64,
    pub notes: Vec<Note>,
    pub clusters: Vec<Cluster>,
    pub participants: Vec<Participant>,
    /// The face-down notes per writer, most first.
    pub face_down: Vec<FaceDown>,
    /// The votes shown on the notes: the latest revealed round's.
    pub votes: Option<BoardVotes>,
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

/// A photo to put on the board as a note.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewPhotoNote {
    /// A PNG, JPEG or WebP file as base64 or a data URL.
    pub image_base64: String,
    pub x: f64,
    pub y: f64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub text: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub cluster_id: Option<String>,
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
    #[serde(default)]
    #[ts(optional = nullable)]
    pub width: Option<f64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub height: Option<f64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub text_size: Option<TextSize>,
}

/// The caption of a photo note given none.
pub(crate) fn photo_caption(language: crate::model::Language) -> &'static str {
    match language {
        crate::model::Language::En => "Photo",
        crate::model::Language::Fi => "Valokuva",
    }
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

/// The votes the board shows on its notes once a round is revealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BoardVotes {
    pub round_id: String,
    pub title: String,
    /// (note id, votes) of the notes that got any.
    pub counts: Vec<(String, i64)>,
}

/// The latest revealed round's votes per note; before any reveal, none (the board is on
/// the projector, and nobody sees others' votes before the reveal).
fn board_votes(conn: &Connection, workshop_id: &str) -> Result<Option<BoardVotes>> {
    let round: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT id, title FROM voting_rounds WHERE workshop_id = ?1 AND status = 'revealed'
             ORDER BY created_at DESC, id DESC LIMIT 1",
        )?
        .query_row([workshop_id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let Some((round_id, title)) = round else {
        return Ok(None);
    };
    let counts = conn
        .prepare_cached(
            "SELECT v.note_id, sum(v.weight) FROM votes v JOIN notes n ON n.id = v.note_id
             WHERE v.round_id = ?1 AND n.hidden = 0 GROUP BY v.note_id ORDER BY v.note_id",
        )?
        .query_map([&round_id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(BoardVotes {
        round_id,
        title,
        counts,
    }))
}

impl Library {
    /// Turns face-down notes over: every one, or one writer's (`author_id`). One undo step,
    /// so a reveal made too early can be taken back before anyone reads much.
    pub fn reveal_notes(&self, workshop_id: &str, author_id: Option<&str>) -> Result<Change> {
        self.edit(workshop_id, "reveal_notes", |conn, recorder| {
            if let Some(author) = author_id {
                belongs_to_workshop(conn, Owned::Participant, author, workshop_id)?;
            }
            let ids: Vec<String> = conn
                .prepare_cached(
                    "SELECT id FROM notes WHERE workshop_id = ?1 AND hidden = 1
                       AND (?2 IS NULL OR author_id = ?2)",
                )?
                .query_map(params![workshop_id, author_id], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                recorder.touch(Table::Notes, &id)?;
                conn.prepare_cached("UPDATE notes SET hidden = 0 WHERE id = ?1")?
                    .execute([id])?;
            }
            Ok(())
        })
    }

    pub fn get_board(&self, workshop_id: &str) -> Result<Board> {
        self.read(|conn| {
            let revision = revision_of(conn, workshop_id)?;
            let (undo, redo) = undo_redo_labels(conn, workshop_id)?;
            Ok(Board {
                workshop_id: workshop_id.to_owned(),
                revision,
                notes: workshop_rows(conn, Table::Notes, workshop_id)?
                    .into_iter()
                    .map(|mut row| {
                        face_down(&mut row);
                        typed(Table::Notes, row)
                    })
                    .collect::<Result<_>>()?,
                clusters: rows_of(conn, Table::Clusters, workshop_id)?,
                participants: participants_of(conn, workshop_id)?,
                face_down: face_down_counts(conn, workshop_id)?,
                votes: board_votes(conn, workshop_id)?,
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
            let sections: Vec<String> = notes.iter().filter_map(|n| n.cluster_id.clone()).collect();
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
            lay_out_all(conn, recorder, &sections)
        })
    }

    /// Puts a photo on the board as a note at `x`, `y` (a photo of paper stickies or a flip
    /// chart, imported on the laptop), checked and scaled as persona photos are; its text is
    /// the caption, "Photo" when none is given. One undo step (the image itself stays stored,
    /// as persona photos do, so redo finds it).
    pub fn add_photo_note(&self, workshop_id: &str, photo: &NewPhotoNote) -> Result<Change> {
        let caption = match photo.text.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(checked_note_text("text", text)?),
        };
        let x = validate::coordinate("x", photo.x)?;
        let y = validate::coordinate("y", photo.y)?;
        let image = crate::images::prepare_base64(&photo.image_base64)?;
        self.edit(workshop_id, "add_photo_note", |conn, recorder| {
            if let Some(section) = &photo.cluster_id {
                belongs_to_workshop(conn, Owned::Cluster, section, workshop_id)?;
            }
            let image_id = new_id();
            crate::images::store_image(conn, workshop_id, &image_id, &image)?;
            let text = match caption {
                Some(text) => text,
                None => photo_caption(crate::workshops::language_of(conn, workshop_id)?).to_owned(),
            };
            let id = new_id();
            recorder.touch(Table::Notes, &id)?;
            conn.execute(
                "INSERT INTO notes (id, workshop_id, text, colour, x, y, cluster_id, image_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![id, workshop_id, text, default_colour(), x, y, photo.cluster_id, image_id, now()],
            )?;
            lay_out_all(conn, recorder, photo.cluster_id.as_slice())
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
            if edit.width.is_some() || edit.height.is_some() {
                let size = (
                    edit.width.unwrap_or(NOTE_WIDTH),
                    edit.height.unwrap_or(NOTE_HEIGHT),
                );
                checked_size(&field("size"), size)?;
            }
        }
        self.edit(workshop_id, "update_notes", |conn, recorder| {
            let mut emptied = Vec::new();
            let mut sections = Vec::new();
            for edit in edits {
                let current = load_note(conn, workshop_id, &edit.id)?;
                let text = match &edit.text {
                    Some(_) if current.hidden => {
                        return Err(Error::refused(
                            ErrorCode::NoteFaceDown,
                            "this note is face down: reveal it before changing its text",
                        ))
                    }
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
                let size = (
                    edit.width.unwrap_or(current.width),
                    edit.height.unwrap_or(current.height),
                );
                checked_size("size", size)?;
                let text_size = edit.text_size.unwrap_or(current.text_size);
                let unchanged = (&text, &colour, x, y, size, text_size)
                    == (
                        &current.text,
                        &current.colour,
                        current.x,
                        current.y,
                        (current.width, current.height),
                        current.text_size,
                    )
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
                if current.cluster_id != cluster_id || (x, y) != (current.x, current.y) {
                    sections.extend(current.cluster_id.clone());
                    sections.extend(cluster_id.clone());
                }
                recorder.touch(Table::Notes, &edit.id)?;
                conn.prepare_cached(
                    "UPDATE notes SET text = ?2, colour = ?3, x = ?4, y = ?5, cluster_id = ?6,
                            stage_id = ?7, author_id = ?8, updated_at = ?9, width = ?10,
                            height = ?11, text_size = ?12
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
                    now(),
                    size.0,
                    size.1,
                    text_size.as_str()
                ])?;
            }
            remove_empty_clusters(conn, recorder, &emptied)?;
            lay_out_all(conn, recorder, &sections)
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
            remove_empty_clusters(conn, recorder, &emptied)?;
            lay_out_all(conn, recorder, &emptied)
        })
    }

    /// Makes a new section of the given notes, taking them out of their old sections: its
    /// frame where the notes are (beside any section it would cover), its notes in a grid in
    /// the order they were read, row by row.
    pub fn group_notes(
        &self,
        workshop_id: &str,
        title: &str,
        note_ids: &[String],
    ) -> Result<Change> {
        let title = validate::required_text("title", title, MAX_TITLE_CHARS)?;
        validate::count("note_ids", note_ids.len(), 1, MAX_NOTES_PER_CALL)?;
        self.edit(workshop_id, "group_notes", |conn, recorder| {
            let notes = note_ids
                .iter()
                .map(|id| load_note(conn, workshop_id, id))
                .collect::<Result<Vec<_>>>()?;
            let emptied: Vec<String> = notes.iter().filter_map(|n| n.cluster_id.clone()).collect();
            let (x, y, _) =
                sections::frame_around(&notes.iter().map(|n| (n.x, n.y)).collect::<Vec<_>>());
            // The sections these notes leave are gone or smaller before the new one is placed.
            for note in &notes {
                set_cluster(conn, recorder, note, None)?;
            }
            remove_empty_clusters(conn, recorder, &emptied)?;
            lay_out_all(conn, recorder, &emptied)?;
            let id =
                sections::create_section(conn, recorder, workshop_id, &title, (x, y), notes.len())?;
            for note in &notes {
                set_cluster(conn, recorder, note, Some(&id))?;
            }
            sections::lay_out(conn, recorder, &id, None)
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

    /// Puts loose notes in a tidy grid where the top-left one is, in the order they are read
    /// (row by row): one undo step. Notes in a section are the section's to arrange.
    pub fn tidy_notes(&self, workshop_id: &str, note_ids: &[String]) -> Result<Change> {
        validate::count("note_ids", note_ids.len(), 1, MAX_NOTES_PER_CALL)?;
        self.edit(workshop_id, "tidy_notes", |conn, recorder| {
            let mut notes = Vec::with_capacity(note_ids.len());
            for id in note_ids {
                belongs_to_workshop(conn, Owned::Note, id, workshop_id)?;
                let (x, y, section): (f64, f64, Option<String>) = conn
                    .prepare_cached("SELECT x, y, cluster_id FROM notes WHERE id = ?1")?
                    .query_row([id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
                if section.is_none() {
                    notes.push((id.as_str(), x, y));
                }
            }
            let (left, top, columns) =
                sections::frame_around(&notes.iter().map(|n| (n.1, n.2)).collect::<Vec<_>>());
            let grid = sections::Grid::of_section(left, top, columns);
            notes.sort_by(|a, b| {
                grid.slot_of(a.1, a.2)
                    .cmp(&grid.slot_of(b.1, b.2))
                    .then_with(|| a.0.cmp(b.0))
            });
            for (index, (id, x, y)) in notes.iter().enumerate() {
                let (to_x, to_y) = grid.cell(index);
                if (to_x, to_y) != (*x, *y) {
                    recorder.touch(Table::Notes, id)?;
                    conn.prepare_cached(
                        "UPDATE notes SET x = ?2, y = ?3, updated_at = ?4 WHERE id = ?1",
                    )?
                    .execute(params![id, to_x, to_y, now()])?;
                }
            }
            Ok(())
        })
    }
}
