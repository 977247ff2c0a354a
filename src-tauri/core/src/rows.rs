//! The content tables of a workshop, read and written as JSON rows.
//!
//! Every kind of content (notes, stages, personas, votes…) is one table whose rows have an
//! `id` and a `workshop_id`. Reading a row as column → JSON value and putting one back with an
//! upsert is all that undo, redo, duplicating and workshop files need, so they share this one
//! generic row layer instead of knowing each type. A leaf below the store: it works on a
//! plain connection.

use std::collections::HashMap;

use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{params, Connection};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// The tables that hold a workshop's content, each row with an `id` and a `workshop_id`.
/// Listed parents first, so copying them in this order keeps references valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Table {
    JourneySettings,
    Feelings,
    Stages,
    Participants,
    Personas,
    Lanes,
    LaneCells,
    Clusters,
    Notes,
    Emotions,
    Ratings,
    StageFigures,
    Questions,
    Answers,
    VotingRounds,
    Votes,
    RoundDone,
    Room,
}

impl Table {
    pub const ALL: [Table; 18] = [
        Table::JourneySettings,
        Table::Feelings,
        Table::Stages,
        Table::Participants,
        Table::Personas,
        Table::Lanes,
        Table::LaneCells,
        Table::Clusters,
        Table::Notes,
        Table::Emotions,
        Table::Ratings,
        Table::StageFigures,
        Table::Questions,
        Table::Answers,
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
            Table::Feelings => "feelings",
            Table::Lanes => "lanes",
            Table::LaneCells => "lane_cells",
            Table::StageFigures => "stage_figures",
            Table::Questions => "questions",
            Table::Answers => "answers",
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
            Table::Stages | Table::Personas | Table::Lanes => "position, id",
            Table::Emotions | Table::JourneySettings | Table::Room => "id",
            Table::Participants
            | Table::Clusters
            | Table::Notes
            | Table::Ratings
            | Table::VotingRounds
            | Table::Votes
            | Table::RoundDone
            | Table::Feelings
            | Table::LaneCells
            | Table::StageFigures
            | Table::Questions
            | Table::Answers => "created_at, id",
        }
    }

    /// Columns stored as JSON text but shown (and kept in history) as JSON values.
    fn json_columns(self) -> &'static [&'static str] {
        match self {
            Table::Stages => &["channels", "designed_feelings"],
            Table::Personas => &["channels", "sections"],
            Table::Ratings => &["feelings"],
            Table::Questions => &["options"],
            _ => &[],
        }
    }

    /// Columns stored as 0/1 but shown as booleans.
    fn bool_columns(self) -> &'static [&'static str] {
        match self {
            Table::Stages => &["moment_of_truth", "explain_again"],
            Table::Feelings => &["positive"],
            Table::VotingRounds => &["anonymous"],
            Table::Room => &["brainstorm_open", "notes_hidden", "rating_open"],
            Table::Notes => &["hidden"],
            Table::Clusters => &["collapsed"],
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

/// Moves a row into workshop `to`, pointing its references at the rows' new ids where
/// `new_ids` has them: every `…_id` column, and the ids in lists of keys (a stage's designed
/// feelings, a rating's felt ones, which name built-in feelings or the workshop's own rows).
pub(crate) fn remap(row: &mut Row, to: &str, new_ids: &HashMap<String, String>) {
    for (column, value) in row.iter_mut() {
        if column == "workshop_id" {
            *value = Value::from(to);
        } else if column.ends_with("_id") {
            if let Some(copy) = value.as_str().and_then(|id| new_ids.get(id)) {
                *value = Value::from(copy.as_str());
            }
        } else if KEY_LISTS.contains(&column.as_str()) {
            if let Value::Array(keys) = value {
                for key in keys {
                    if let Some(copy) = key.as_str().and_then(|id| new_ids.get(id)) {
                        *key = Value::from(copy.as_str());
                    }
                }
            }
        }
    }
}

/// Hides what a face-down note's row says (its text and photo) and who wrote it (a note written on a phone while
/// notes are hidden, until the facilitator reveals it). Every `Change` and every board read
/// passes a note's row through here, so no window, projector or other laptop shows it early;
/// the history keeps the row whole, so undo and redo lose nothing.
pub(crate) fn face_down(row: &mut Row) {
    if row.get("hidden") == Some(&Value::Bool(true)) {
        row.insert("text".to_owned(), Value::from(""));
        row.insert("author_id".to_owned(), Value::Null);
        row.insert("image_id".to_owned(), Value::Null);
    }
}

/// Columns holding lists of keys that may be row ids (see [`remap`]).
const KEY_LISTS: [&str; 2] = ["designed_feelings", "feelings"];

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

/// Remembers that a workshop's row `local_id` was first made as `origin_id` (in another
/// workshop, or another library), so a later merge recognises it.
pub(crate) fn record_origin(
    conn: &Connection,
    workshop_id: &str,
    local_id: &str,
    origin_id: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO row_origins (workshop_id, local_id, origin_id) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![workshop_id, local_id, origin_id])?;
    Ok(())
}

/// Local id → origin id of the rows of a workshop that came from elsewhere.
pub(crate) fn recorded_origins(
    conn: &Connection,
    workshop_id: &str,
) -> Result<HashMap<String, String>> {
    Ok(conn
        .prepare_cached("SELECT local_id, origin_id FROM row_origins WHERE workshop_id = ?1")?
        .query_map([workshop_id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}
