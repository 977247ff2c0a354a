//! The undo history of a workshop, and the [`Change`] every content edit produces.
//!
//! Every content edit runs through a [`Recorder`]: before an operation changes a row it
//! "touches" it, which snapshots the row as it was; when the operation is done the recorder
//! snapshots the touched rows as they are. The pairs become one step of the workshop's
//! history, stored in the library so it survives a restart. Undo and redo are then one
//! generic row restore for every kind of content, and the same pairs tell every window
//! exactly which rows changed.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::store::Library;
use crate::workshops::{check_editable, new_id, now};

/// How many steps of history a workshop keeps; older ones are dropped.
pub const HISTORY_LIMIT: i64 = 1_000;

/// The tables that hold a workshop's content, each row with an `id` and a `workshop_id`.
/// Listed parents first, so copying them in this order keeps references valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Table {
    JourneySettings,
    Stages,
    Participants,
    Personas,
    Clusters,
    Notes,
    Emotions,
    Ratings,
    VotingRounds,
    Votes,
    RoundDone,
    Room,
}

impl Table {
    pub const ALL: [Table; 12] = [
        Table::JourneySettings,
        Table::Stages,
        Table::Participants,
        Table::Personas,
        Table::Clusters,
        Table::Notes,
        Table::Emotions,
        Table::Ratings,
        Table::VotingRounds,
        Table::Votes,
        Table::RoundDone,
        Table::Room,
    ];

    /// Whether rows of this table are workshop content, copied with a duplicate and moved
    /// by workshop files. The room is the live state of one running workshop: it is not.
    pub fn is_content(self) -> bool {
        self != Table::Room
    }

    pub fn name(self) -> &'static str {
        match self {
            Table::JourneySettings => "journey_settings",
            Table::Stages => "stages",
            Table::Participants => "participants",
            Table::Personas => "personas",
            Table::Clusters => "clusters",
            Table::Notes => "notes",
            Table::Emotions => "emotions",
            Table::Ratings => "ratings",
            Table::VotingRounds => "voting_rounds",
            Table::Votes => "votes",
            Table::RoundDone => "round_done",
            Table::Room => "room",
        }
    }

    /// The order a workshop's rows are listed in.
    fn order(self) -> &'static str {
        match self {
            Table::Stages | Table::Personas => "position, id",
            Table::Emotions | Table::JourneySettings | Table::Room => "id",
            Table::Participants
            | Table::Clusters
            | Table::Notes
            | Table::Ratings
            | Table::VotingRounds
            | Table::Votes
            | Table::RoundDone => "created_at, id",
        }
    }

    /// Columns stored as JSON text but shown (and kept in history) as JSON values.
    fn json_columns(self) -> &'static [&'static str] {
        match self {
            Table::Stages => &["channels"],
            Table::Personas => &["channels", "sections"],
            _ => &[],
        }
    }

    /// Columns stored as 0/1 but shown as booleans.
    fn bool_columns(self) -> &'static [&'static str] {
        match self {
            Table::Stages => &["moment_of_truth"],
            Table::VotingRounds => &["anonymous"],
            Table::Room => &["brainstorm_open", "notes_hidden", "rating_open"],
            _ => &[],
        }
    }

    /// Turns a row as stored into the row as shown.
    fn decode(self, row: &mut Row) {
        for column in self.json_columns() {
            if let Some(Value::String(text)) = row.get(*column) {
                let parsed = serde_json::from_str(text).unwrap_or(Value::Null);
                row.insert((*column).to_owned(), parsed);
            }
        }
        for column in self.bool_columns() {
            if let Some(flag) = row.get(*column).and_then(Value::as_i64) {
                row.insert((*column).to_owned(), Value::Bool(flag != 0));
            }
        }
    }
}

/// A row as column name → value; the API shape of every content type is its row.
pub(crate) type Row = Map<String, Value>;

/// What one step changed in a workshop, as returned to the caller and broadcast to watchers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub workshop_id: String,
    pub revision: i64,
    pub upserted: BTreeMap<&'static str, Vec<Value>>,
    pub deleted: BTreeMap<&'static str, Vec<String>>,
    pub undo: Option<String>,
    pub redo: Option<String>,
    /// True when the workshop changed in a way this change does not list (another process
    /// wrote to the library): whoever shows it should load it again.
    pub reload: bool,
}

impl Change {
    /// A change to `workshop_id` that lists no rows yet: every table's key, with nothing.
    pub(crate) fn empty(
        workshop_id: &str,
        revision: i64,
        (undo, redo): (Option<String>, Option<String>),
    ) -> Change {
        Change {
            workshop_id: workshop_id.to_owned(),
            revision,
            upserted: Table::ALL.iter().map(|t| (t.name(), Vec::new())).collect(),
            deleted: Table::ALL.iter().map(|t| (t.name(), Vec::new())).collect(),
            undo,
            redo,
            reload: false,
        }
    }

    /// The rows of `table` this change created or updated, as typed values.
    pub fn upserted<T: DeserializeOwned>(&self, table: Table) -> Vec<T> {
        self.upserted[table.name()]
            .iter()
            .map(|row| serde_json::from_value(row.clone()).expect("rows match their types"))
            .collect()
    }

    /// The ids of the rows of `table` this change removed.
    pub fn deleted(&self, table: Table) -> &[String] {
        &self.deleted[table.name()]
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    table: Table,
    id: String,
    before: Option<Row>,
    after: Option<Row>,
}

/// Reads one row of a content table as JSON, or `None` when it does not exist.
pub(crate) fn snapshot(conn: &Connection, table: Table, id: &str) -> Result<Option<Row>> {
    let sql = format!("SELECT * FROM {} WHERE id = ?1", table.name());
    Ok(select_rows(conn, table, &sql, id)?.into_iter().next())
}

/// Every row of a content table that belongs to a workshop, oldest first, typed.
pub(crate) fn rows_of<T: DeserializeOwned>(
    conn: &Connection,
    table: Table,
    workshop_id: &str,
) -> Result<Vec<T>> {
    workshop_rows(conn, table, workshop_id)?
        .into_iter()
        .map(|row| typed(table, row))
        .collect()
}

pub(crate) fn workshop_rows(
    conn: &Connection,
    table: Table,
    workshop_id: &str,
) -> Result<Vec<Row>> {
    let sql = format!(
        "SELECT * FROM {} WHERE workshop_id = ?1 ORDER BY {}",
        table.name(),
        table.order()
    );
    select_rows(conn, table, &sql, workshop_id)
}

/// Moves a row into workshop `to`, pointing its references (every `…_id` column) at the
/// rows' new ids where `new_ids` has them.
pub(crate) fn remap(row: &mut Row, to: &str, new_ids: &HashMap<String, String>) {
    for (column, value) in row.iter_mut() {
        if column == "workshop_id" {
            *value = Value::from(to);
        } else if column.ends_with("_id") {
            if let Some(copy) = value.as_str().and_then(|id| new_ids.get(id)) {
                *value = Value::from(copy.as_str());
            }
        }
    }
}

/// Copies all content of workshop `from` into workshop `to` under new ids. References
/// between copied rows (a note's cluster, stage or author) point to the copies.
pub(crate) fn copy_content(conn: &Connection, from: &str, to: &str) -> Result<()> {
    let mut new_ids: HashMap<String, String> = HashMap::new();
    // Images are binary and outside the history, so they are copied by plain SQL.
    let images: Vec<String> = conn
        .prepare_cached("SELECT id FROM images WHERE workshop_id = ?1")?
        .query_map([from], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for image in images {
        let copy = new_id();
        conn.execute(
            "INSERT INTO images (id, workshop_id, mime, width, height, data, created_at)
             SELECT ?2, ?3, mime, width, height, data, created_at FROM images WHERE id = ?1",
            params![image, copy, to],
        )?;
        new_ids.insert(image, copy);
    }
    for table in Table::ALL.into_iter().filter(|table| table.is_content()) {
        for mut row in workshop_rows(conn, table, from)? {
            remap(&mut row, to, &new_ids);
            let old_id = row["id"].as_str().unwrap_or_default().to_owned();
            let new_id = new_id();
            row.insert("id".to_owned(), Value::from(new_id.as_str()));
            restore(conn, table, &new_id, Some(&row))?;
            new_ids.insert(old_id, new_id);
        }
    }
    Ok(())
}

/// A row as its API type. Rows and types are kept in step by the schema; a mismatch means
/// the file was edited by something other than Fiilis.
pub(crate) fn typed<T: DeserializeOwned>(table: Table, row: Row) -> Result<T> {
    serde_json::from_value(Value::Object(row))
        .map_err(|error| Error::Corrupt(format!("a row of {}: {error}", table.name())))
}

fn select_rows(conn: &Connection, table: Table, sql: &str, key: &str) -> Result<Vec<Row>> {
    let mut statement = conn.prepare_cached(sql)?;
    let names: Vec<String> = statement
        .column_names()
        .into_iter()
        .map(String::from)
        .collect();
    let rows = statement.query_map([key], |row| {
        let mut values = Row::new();
        for (index, name) in names.iter().enumerate() {
            values.insert(name.clone(), json_of(row.get_ref(index)?, index)?);
        }
        table.decode(&mut values);
        Ok(values)
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn json_of(value: ValueRef<'_>, index: usize) -> rusqlite::Result<Value> {
    Ok(match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(number) => Value::from(number),
        ValueRef::Real(number) => Value::from(number),
        ValueRef::Text(text) => Value::from(String::from_utf8_lossy(text).into_owned()),
        // Content tables keep binary data (photos) out of line, so history stays small.
        ValueRef::Blob(_) => {
            return Err(rusqlite::Error::InvalidColumnType(
                index,
                "blob".into(),
                rusqlite::types::Type::Blob,
            ))
        }
    })
}

fn sql_of(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(flag) => SqlValue::Integer(i64::from(*flag)),
        Value::Number(number) => match number.as_i64() {
            Some(integer) => SqlValue::Integer(integer),
            None => SqlValue::Real(number.as_f64().unwrap_or_default()),
        },
        Value::String(text) => SqlValue::Text(text.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

/// Puts a row back as it was: deletes it (`None`), or inserts or updates it in place.
/// Updating in place, rather than deleting and inserting, keeps cascades from firing on rows
/// that refer to it.
pub(crate) fn restore(conn: &Connection, table: Table, id: &str, row: Option<&Row>) -> Result<()> {
    let Some(row) = row else {
        conn.execute(&format!("DELETE FROM {} WHERE id = ?1", table.name()), [id])?;
        return Ok(());
    };
    let columns: Vec<&str> = row.keys().map(String::as_str).collect();
    let placeholders: Vec<String> = (1..=columns.len()).map(|n| format!("?{n}")).collect();
    let updates: Vec<String> = columns
        .iter()
        .map(|column| format!("{column} = excluded.{column}"))
        .collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT(id) DO UPDATE SET {}",
        table.name(),
        columns.join(", "),
        placeholders.join(", "),
        updates.join(", ")
    );
    let values: Vec<SqlValue> = row.values().map(sql_of).collect();
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(())
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
        let revision = bump_revision(self.conn, &self.workshop_id)?;
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
    Ok(conn.query_row(
        "UPDATE workshops SET revision = revision + 1, updated_at = ?2 WHERE id = ?1
         RETURNING revision",
        params![workshop_id, now()],
        |row| row.get(0),
    )?)
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

/// The operations that undo and redo would revert and re-apply next.
pub(crate) fn undo_redo_labels(
    conn: &Connection,
    workshop_id: &str,
) -> Result<(Option<String>, Option<String>)> {
    let label = |sql: &str| -> Result<Option<String>> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row([workshop_id], |row| row.get(0))
            .optional()?)
    };
    Ok((
        label(
            "SELECT operation FROM history WHERE workshop_id = ?1 AND undone = 0
             ORDER BY seq DESC LIMIT 1",
        )?,
        label(
            "SELECT operation FROM history WHERE workshop_id = ?1 AND undone = 1
             ORDER BY seq ASC LIMIT 1",
        )?,
    ))
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
            Some(row) => change
                .upserted
                .entry(table.name())
                .or_default()
                .push(Value::Object(row.clone())),
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
        let change = self.write(|tx| {
            check_editable(tx, workshop_id)?;
            let mut recorder = Recorder::new(tx, workshop_id);
            edit(tx, &mut recorder)?;
            recorder.finish(operation, step)
        })?;
        self.notify(&change);
        Ok(change)
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
