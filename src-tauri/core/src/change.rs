//! [`Change`]: what one edit did to a workshop, as returned to the caller and broadcast live.
//!
//! The same shape serves the editing window (it applies its own result), every other window
//! and the HTTP event stream (they apply the broadcast), and a reload notice when another
//! process wrote to the library. It also carries the labels of the undo and redo steps now
//! at hand, read here from the history table so that every producer of a `Change` (the
//! history, the store's reload notices, the board and journey reads) fills them the same way.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::Result;
use crate::rows::Table;
use ts_rs::TS;

/// What one step changed in a workshop, as returned to the caller and broadcast to watchers.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Change {
    pub workshop_id: String,
    pub revision: i64,
    /// Each table's rows as they now are (declared per table in the generated TypeScript).
    #[ts(type = "ChangedRows")]
    pub upserted: BTreeMap<&'static str, Vec<Value>>,
    /// Each table's ids of the rows removed.
    #[ts(type = "ChangedIds")]
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

    /// Whether the change lists no row at all (an edit that changed nothing).
    pub fn is_empty(&self) -> bool {
        self.upserted.values().all(Vec::is_empty) && self.deleted.values().all(Vec::is_empty)
    }

    /// Whether every phone would be shown something new: the change touches a table other
    /// than those each phone reads only its own rows of (votes, "done", ratings, answers) or
    /// that phones never see (participants), or it asks for a reload. A vote does not: it
    /// changes what the voter sees, and nobody's view of the others before the reveal.
    pub fn reaches_every_phone(&self) -> bool {
        const OWN_ROWS: [Table; 5] = [
            Table::Votes,
            Table::RoundDone,
            Table::Ratings,
            Table::Answers,
            Table::Participants,
        ];
        self.reload
            || Table::ALL
                .iter()
                .filter(|table| !OWN_ROWS.contains(table))
                .any(|table| {
                    !self.upserted[table.name()].is_empty()
                        || !self.deleted[table.name()].is_empty()
                })
    }

    /// The ids of the rows of `table` this change removed.
    pub fn deleted(&self, table: Table) -> &[String] {
        &self.deleted[table.name()]
    }
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
