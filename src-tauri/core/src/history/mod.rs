//! The undo history of a workshop, and the [`Change`] every content edit produces.
//!
//! Every content edit runs through a [`Recorder`]: before an operation changes a row it
//! "touches" it, which snapshots the row as it was; when the operation is done the recorder
//! snapshots the touched rows as they are. The pairs become one step of the workshop's
//! history, stored in the library so it survives a restart. Undo and redo are then one
//! generic row restore for every kind of content, and the same pairs tell every window
//! exactly which rows changed.

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::change::{undo_redo_labels, Change};
use crate::error::{Error, Result};
use crate::ids::now;
use crate::rows::{face_down, restore, snapshot, Row, Table};
use crate::store::Library;

/// How many steps of history a workshop keeps; older ones are dropped.
pub const HISTORY_LIMIT: i64 = 1_000;

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    table: Table,
    id: String,
    before: Option<Row>,
    after: Option<Row>,
}

/// Collects the rows an operation changes; see the module documentation.
pub(crate) struct Recorder<'c> {
    conn: &'c Connection,
    workshop_id: String,
    entries: Vec<Entry>,
    touched: HashSet<(Table, String)>,
}

impl<'c> Recorder<'c> {
    fn new(conn: &'c Connection, workshop_id: &str) -> Self {
        Recorder {
            conn,
            workshop_id: workshop_id.to_owned(),
            entries: Vec::new(),
            touched: HashSet::new(),
        }
    }

    /// Remembers the row as it is now; call before changing, creating or deleting it.
    pub(crate) fn touch(&mut self, table: Table, id: &str) -> Result<()> {
        if self.touched.insert((table, id.to_owned())) {
            let before = snapshot(self.conn, table, id)?;
            self.entries.push(Entry {
                table,
                id: id.to_owned(),
                before,
                after: None,
            });
        }
        Ok(())
    }

    fn finish(mut self, operation: &str, step: Step) -> Result<Change> {
        for entry in &mut self.entries {
            entry.after = snapshot(self.conn, entry.table, &entry.id)?;
        }
        self.entries.retain(|entry| entry.before != entry.after);
        // An edit that changed nothing is not a change: no new revision, no undo step.
        let revision = if self.entries.is_empty() {
            revision_of(self.conn, &self.workshop_id)?
        } else {
            bump_revision(self.conn, &self.workshop_id)?
        };
        if step == Step::Undoable && !self.entries.is_empty() {
            push_step(self.conn, &self.workshop_id, operation, &self.entries)?;
        }
        let now = self
            .entries
            .iter()
            .map(|entry| (entry.table, entry.id.as_str(), entry.after.as_ref()));
        build_change(self.conn, &self.workshop_id, revision, now)
    }
}

fn bump_revision(conn: &Connection, workshop_id: &str) -> Result<i64> {
    let revision = note_received(conn, workshop_id)?;
    conn.prepare_cached("UPDATE workshops SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![workshop_id, now()])?;
    Ok(revision)
}

/// Counts changes received from another laptop as a new revision of the workshop here, so
/// its windows load it again. The workshop's time of editing came with the changes.
pub(crate) fn note_received(conn: &Connection, workshop_id: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO revisions (workshop_id, revision) VALUES (?1, 1)
             ON CONFLICT (workshop_id) DO UPDATE SET revision = revision + 1
             RETURNING revision",
        )?
        .query_row([workshop_id], |row| row.get(0))?)
}

fn push_step(
    conn: &Connection,
    workshop_id: &str,
    operation: &str,
    entries: &[Entry],
) -> Result<()> {
    let changes = serde_json::to_string(entries).expect("rows serialise to JSON");
    // A new step makes the undone ones unreachable: drop them, as every editor does.
    conn.execute(
        "DELETE FROM history WHERE workshop_id = ?1 AND undone = 1",
        [workshop_id],
    )?;
    conn.execute(
        "INSERT INTO history (workshop_id, seq, operation, changes, undone, created_at)
         VALUES (?1, coalesce((SELECT max(seq) FROM history WHERE workshop_id = ?1), 0) + 1,
                 ?2, ?3, 0, ?4)",
        params![workshop_id, operation, changes, now()],
    )?;
    conn.execute(
        "DELETE FROM history WHERE workshop_id = ?1
           AND seq <= (SELECT max(seq) FROM history WHERE workshop_id = ?1) - ?2",
        params![workshop_id, HISTORY_LIMIT],
    )?;
    Ok(())
}

fn build_change<'e>(
    conn: &Connection,
    workshop_id: &str,
    revision: i64,
    rows: impl Iterator<Item = (Table, &'e str, Option<&'e Row>)>,
) -> Result<Change> {
    let mut change = Change::empty(workshop_id, revision, undo_redo_labels(conn, workshop_id)?);
    for (table, id, row) in rows {
        match row {
            Some(row) => {
                let mut shown = row.clone();
                if table == Table::Notes {
                    face_down(&mut shown);
                }
                change
                    .upserted
                    .entry(table.name())
                    .or_default()
                    .push(Value::Object(shown))
            }
            None => change
                .deleted
                .entry(table.name())
                .or_default()
                .push(id.to_owned()),
        }
    }
    Ok(change)
}

/// Whether an edit becomes a step of the facilitator's undo history. Participants' own
/// actions from their phones (ratings, votes) are not the facilitator's to undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Undoable,
    NotUndoable,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Back,
    Forward,
}

impl Library {
    /// Runs one content edit of a workshop as one transaction and one history step, then
    /// tells the watchers what changed. `edit` gets the connection and the recorder, and
    /// must touch every row before it changes it.
    pub(crate) fn edit(
        &self,
        workshop_id: &str,
        operation: &str,
        edit: impl FnOnce(&Connection, &mut Recorder) -> Result<()>,
    ) -> Result<Change> {
        self.edit_as(workshop_id, operation, Step::Undoable, edit)
    }

    /// Like [`Library::edit`], choosing whether the edit becomes an undo step.
    pub(crate) fn edit_as(
        &self,
        workshop_id: &str,
        operation: &str,
        step: Step,
        edit: impl FnOnce(&Connection, &mut Recorder) -> Result<()>,
    ) -> Result<Change> {
        let change = self.write(|tx| edit_in(tx, workshop_id, operation, step, edit))?;
        if !change.is_empty() {
            self.notify(&change);
        }
        Ok(change)
    }

    /// Like [`Library::edit_as`], committed together with the writes queued beside it (see
    /// `store::group`): for the small, frequent writes of phones. `edit` answers a value of
    /// its own beside the change.
    pub(crate) fn edit_grouped<T: Send + 'static>(
        &self,
        workshop_id: &str,
        operation: &'static str,
        step: Step,
        edit: impl FnOnce(&Connection, &mut Recorder) -> Result<T> + Send + 'static,
    ) -> Result<(T, Change)> {
        let workshop_id = workshop_id.to_owned();
        self.write_grouped(move |conn| {
            let mut value = None;
            let change = edit_in(conn, &workshop_id, operation, step, |conn, recorder| {
                value = Some(edit(conn, recorder)?);
                Ok(())
            })?;
            let value = value.expect("set when the edit succeeded");
            Ok(((value, change.clone()), Some(change)))
        })
    }

    /// Reverts the latest step of the workshop's history.
    pub fn undo(&self, workshop_id: &str) -> Result<Change> {
        self.travel(workshop_id, Direction::Back)
    }

    /// Re-applies the step undone last.
    pub fn redo(&self, workshop_id: &str) -> Result<Change> {
        self.travel(workshop_id, Direction::Forward)
    }

    fn travel(&self, workshop_id: &str, direction: Direction) -> Result<Change> {
        let change = self.write(|tx| {
            check_editable(tx, workshop_id)?;
            // Rows of one step may refer to each other in any order.
            tx.pragma_update(None, "defer_foreign_keys", true)?;
            let sql = match direction {
                Direction::Back => {
                    "SELECT seq, changes FROM history WHERE workshop_id = ?1 AND undone = 0
                     ORDER BY seq DESC LIMIT 1"
                }
                Direction::Forward => {
                    "SELECT seq, changes FROM history WHERE workshop_id = ?1 AND undone = 1
                     ORDER BY seq ASC LIMIT 1"
                }
            };
            let step: Option<(i64, String)> = tx
                .query_row(sql, [workshop_id], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?;
            let (seq, changes) = step.ok_or(match direction {
                Direction::Back => Error::NothingToUndo("undo"),
                Direction::Forward => Error::NothingToUndo("redo"),
            })?;
            let entries: Vec<Entry> = serde_json::from_str(&changes).map_err(|error| {
                Error::Corrupt(format!("history step {seq} of {workshop_id}: {error}"))
            })?;
            let now_of = |entry: &Entry| match direction {
                Direction::Back => entry.before.clone(),
                Direction::Forward => entry.after.clone(),
            };
            let ordered: Box<dyn Iterator<Item = &Entry>> = match direction {
                Direction::Back => Box::new(entries.iter().rev()),
                Direction::Forward => Box::new(entries.iter()),
            };
            for entry in ordered {
                restore(tx, entry.table, &entry.id, now_of(entry).as_ref())?;
            }
            tx.execute(
                "UPDATE history SET undone = ?3 WHERE workshop_id = ?1 AND seq = ?2",
                params![workshop_id, seq, direction == Direction::Back],
            )?;
            let revision = bump_revision(tx, workshop_id)?;
            let now: Vec<_> = entries.iter().map(|entry| (entry, now_of(entry))).collect();
            build_change(
                tx,
                workshop_id,
                revision,
                now.iter()
                    .map(|(entry, row)| (entry.table, entry.id.as_str(), row.as_ref())),
            )
        })?;
        self.notify(&change);
        Ok(change)
    }
}

/// One content edit on the caller's transaction: the workshop must be editable, `edit` must
/// touch every row before it changes it, and the touched rows become the step and the change.
fn edit_in(
    conn: &Connection,
    workshop_id: &str,
    operation: &str,
    step: Step,
    edit: impl FnOnce(&Connection, &mut Recorder) -> Result<()>,
) -> Result<Change> {
    check_editable(conn, workshop_id)?;
    let mut recorder = Recorder::new(conn, workshop_id);
    edit(conn, &mut recorder)?;
    recorder.finish(operation, step)
}

/// What is wrong with the stored undo history, if anything: every step must read back, and
/// the undone steps must be the newest ones (redo walks forward from the last done step).
pub(crate) fn history_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut steps = conn.prepare(
        "SELECT workshop_id, seq, undone, changes FROM history ORDER BY workshop_id, seq",
    )?;
    let mut rows = steps.query([])?;
    let mut last: Option<(String, bool)> = None;
    while let Some(row) = rows.next()? {
        let (workshop, seq, undone): (String, i64, bool) = (row.get(0)?, row.get(1)?, row.get(2)?);
        let changes: String = row.get(3)?;
        if serde_json::from_str::<Vec<Entry>>(&changes).is_err() {
            problems.push(format!(
                "undo step {seq} of workshop {workshop} does not read back"
            ));
        }
        if let Some((previous, previous_undone)) = &last {
            if *previous == workshop && *previous_undone && !undone {
                problems.push(format!(
                    "undo step {seq} of workshop {workshop} is done after an undone one"
                ));
            }
        }
        last = Some((workshop, undone));
    }
    Ok(problems)
}

/// How many content changes a workshop has had; watchers use it to order what they hear.
pub(crate) fn revision_of(conn: &Connection, id: &str) -> Result<i64> {
    conn.prepare_cached(
        "SELECT coalesce(r.revision, 0) FROM workshops w
         LEFT JOIN revisions r ON r.workshop_id = w.id WHERE w.id = ?1",
    )?
    .query_row([id], |row| row.get(0))
    .optional()?
    .ok_or_else(|| Error::NotFound {
        kind: "workshop",
        id: id.to_owned(),
    })
}

/// Checks that a workshop exists and is out of the trash, so its content may change.
pub(crate) fn check_editable(conn: &Connection, id: &str) -> Result<()> {
    let found: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT title, trashed_at FROM workshops WHERE id = ?1")?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    match found {
        None => Err(Error::NotFound {
            kind: "workshop",
            id: id.to_owned(),
        }),
        Some((title, Some(_))) => Err(Error::InTrash(title)),
        Some(_) => Ok(()),
    }
}
