//! The people taking part in a workshop: added by the facilitator, or joined from their
//! phones. A participant without a name is anonymous. The facilitator can remove someone
//! (a phone that joined by mistake, someone who left): their phone loses access and their
//! votes in a round still open are withdrawn, but what they wrote stays on the board.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::change::Change;
use crate::error::Result;
use crate::history::check_editable;
use crate::history::Step;
use crate::ids::{new_id, now};
use crate::rows::{rows_of, snapshot, typed, Table};
use crate::store::Library;
use crate::validate::{self, belongs_to_workshop, Owned};
use ts_rs::TS;

pub const MAX_NAME_CHARS: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Customer,
    Employee,
    Stakeholder,
}

impl Role {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Employee => "employee",
            Role::Stakeholder => "stakeholder",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Participant {
    pub id: String,
    pub workshop_id: String,
    pub name: Option<String>,
    pub role: Role,
    pub created_at: String,
    /// When the facilitator removed them (or they left from their phone).
    #[serde(default)]
    pub removed_at: Option<String>,
}

/// A participant as the facilitator's list shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ParticipantEntry {
    #[serde(flatten)]
    pub participant: Participant,
    /// Joined from a phone (rather than added by hand or in pass-the-laptop voting).
    pub via_phone: bool,
    pub removed: bool,
    /// How many of their notes lie face down (written while notes were hidden, not revealed).
    pub face_down: i64,
}

/// How many notes of one writer lie face down (their author is told only to the facilitator's
/// room controls; the board shows the counts without names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FaceDown {
    pub author_id: Option<String>,
    pub count: i64,
}

/// The face-down notes of a workshop per writer, most first.
pub(crate) fn face_down_counts(conn: &Connection, workshop_id: &str) -> Result<Vec<FaceDown>> {
    Ok(conn
        .prepare_cached(
            "SELECT author_id, count(*) AS n FROM notes WHERE workshop_id = ?1 AND hidden = 1
             GROUP BY author_id ORDER BY n DESC, author_id",
        )?
        .query_map([workshop_id], |row| {
            Ok(FaceDown {
                author_id: row.get(0)?,
                count: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The participants of a workshop who have not been removed, in the order they joined.
pub(crate) fn present_participants(
    conn: &Connection,
    workshop_id: &str,
) -> Result<Vec<Participant>> {
    Ok(participants_of(conn, workshop_id)?
        .into_iter()
        .filter(|participant| participant.removed_at.is_none())
        .collect())
}

/// The participants of a workshop, in the order they joined.
pub(crate) fn participants_of(conn: &Connection, workshop_id: &str) -> Result<Vec<Participant>> {
    rows_of(conn, Table::Participants, workshop_id)
}

/// Adds a participant row under a new id.
pub(crate) fn insert_participant(
    conn: &Connection,
    id: &str,
    workshop_id: &str,
    name: Option<&str>,
    role: Role,
) -> Result<()> {
    conn.execute(
        "INSERT INTO participants (id, workshop_id, name, role, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, workshop_id, name, role.as_str(), now()],
    )?;
    Ok(())
}

/// A participant's name as checked: trimmed, at most [`MAX_NAME_CHARS`], blank meaning none.
pub(crate) fn checked_name(name: Option<&str>) -> Result<Option<String>> {
    Ok(name
        .map(|name| validate::text("name", name, MAX_NAME_CHARS))
        .transpose()?
        .filter(|name| !name.is_empty()))
}

impl Library {
    /// Adds a participant by hand; `None` (or a blank name) is an anonymous one.
    pub fn add_participant(
        &self,
        workshop_id: &str,
        name: Option<&str>,
        role: Role,
    ) -> Result<Participant> {
        let name = checked_name(name)?;
        self.write(|tx| {
            check_editable(tx, workshop_id)?;
            let id = new_id();
            insert_participant(tx, &id, workshop_id, name.as_deref(), role)?;
            let row = snapshot(tx, Table::Participants, &id)?.expect("just inserted");
            typed(Table::Participants, row)
        })
    }

    /// Everyone who has taken part, removed ones included, in the order they joined.
    pub fn list_participants(&self, workshop_id: &str) -> Result<Vec<ParticipantEntry>> {
        self.read(|conn| {
            crate::workshops::load_workshop(conn, workshop_id)?;
            let mut with_phone =
                conn.prepare_cached("SELECT 1 FROM participant_secrets WHERE participant_id = ?1")?;
            let face_down: std::collections::HashMap<String, i64> =
                face_down_counts(conn, workshop_id)?
                    .into_iter()
                    .filter_map(|writer| Some((writer.author_id?, writer.count)))
                    .collect();
            let mut entries = Vec::new();
            for participant in participants_of(conn, workshop_id)? {
                entries.push(ParticipantEntry {
                    via_phone: with_phone.exists([&participant.id])?,
                    face_down: face_down.get(&participant.id).copied().unwrap_or(0),
                    removed: participant.removed_at.is_some(),
                    participant,
                });
            }
            Ok(entries)
        })
    }

    /// Removes a participant from the room: their phone's secret stops working and their
    /// votes in rounds still open are withdrawn. Not an undo step: the phone has been told.
    pub fn remove_participant(&self, workshop_id: &str, id: &str) -> Result<Change> {
        self.edit_as(
            workshop_id,
            "remove_participant",
            Step::NotUndoable,
            |conn, recorder| {
                belongs_to_workshop(conn, Owned::Participant, id, workshop_id)?;
                recorder.touch(Table::Participants, id)?;
                conn.execute(
                    "UPDATE participants SET removed_at = coalesce(removed_at, ?2) WHERE id = ?1",
                    params![id, now()],
                )?;
                // Their votes in a round still open, and their answer to a question still open.
                for (table, open) in [
                    (
                        Table::Votes,
                        "SELECT v.id FROM votes v JOIN voting_rounds r ON r.id = v.round_id
                         WHERE v.participant_id = ?1 AND r.status = 'open'",
                    ),
                    (
                        Table::Answers,
                        "SELECT a.id FROM answers a JOIN questions q ON q.id = a.question_id
                         WHERE a.participant_id = ?1 AND q.status = 'open'",
                    ),
                ] {
                    let rows: Vec<String> = conn
                        .prepare_cached(open)?
                        .query_map([id], |row| row.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                    for row in rows {
                        recorder.touch(table, &row)?;
                        conn.execute(
                            &format!("DELETE FROM {} WHERE id = ?1", table.name()),
                            [&row],
                        )?;
                    }
                }
                Ok(())
            },
        )
    }
}
