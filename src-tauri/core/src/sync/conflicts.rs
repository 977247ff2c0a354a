//! The conflict list: what a laptop had and lost to a later write from another laptop (or
//! a delete), which the facilitator sees and can bring back.

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::store::changeset::from_json;
use crate::store::Library;

/// One thing a sync overwrote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Conflict {
    pub id: i64,
    pub table: String,
    pub row_id: String,
    /// The columns as they were here and were lost (the whole row when it was deleted).
    #[ts(type = "Record<string, unknown>")]
    pub lost: serde_json::Value,
    /// The same columns as they are kept (empty when the row was deleted).
    #[ts(type = "Record<string, unknown>")]
    pub kept: serde_json::Value,
    pub at: String,
    pub restored: bool,
}

impl Library {
    /// What syncing `workshop_id` overwrote here, newest first.
    pub fn sync_conflicts(&self, workshop_id: &str) -> Result<Vec<Conflict>> {
        self.read(|conn| {
            let mut statement = conn.prepare(
                "SELECT id, tbl, row_id, lost, kept, at, restored FROM sync_conflicts
                 WHERE workshop_id = ?1 ORDER BY id DESC",
            )?;
            let conflicts = statement
                .query_map([workshop_id], |row| {
                    let lost: String = row.get(3)?;
                    let kept: String = row.get(4)?;
                    Ok(Conflict {
                        id: row.get(0)?,
                        table: row.get(1)?,
                        row_id: row.get(2)?,
                        lost: serde_json::from_str(&lost).unwrap_or_default(),
                        kept: serde_json::from_str(&kept).unwrap_or_default(),
                        at: row.get(5)?,
                        restored: row.get(6)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(conflicts)
        })
    }

    /// Brings back what a conflict lost, as a new change of this laptop (so it syncs, and
    /// wins, everywhere): the lost columns, or the deleted row.
    pub fn restore_conflict(&self, workshop_id: &str, id: i64) -> Result<()> {
        let conflict = self
            .sync_conflicts(workshop_id)?
            .into_iter()
            .find(|conflict| conflict.id == id)
            .ok_or_else(|| Error::NotFound {
                kind: "conflict",
                id: id.to_string(),
            })?;
        let lost = conflict.lost.as_object().cloned().unwrap_or_default();
        let deleted = conflict.kept.as_object().is_none_or(|kept| kept.is_empty());
        let table = conflict.table.clone();
        self.sync.columns_known(&table)?;
        self.write(|tx| {
            crate::history::check_editable(tx, workshop_id)?;
            let names: Vec<&String> = lost.keys().collect();
            let values: Vec<rusqlite::types::Value> = lost.values().map(from_json).collect();
            let sql = if deleted {
                let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
                let names: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
                format!(
                    "INSERT INTO \"{table}\" ({}) VALUES ({})",
                    names.join(", "),
                    marks.join(", ")
                )
            } else {
                let sets: Vec<String> = names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| format!("\"{n}\" = ?{}", i + 2))
                    .collect();
                format!("UPDATE \"{table}\" SET {} WHERE id = ?1", sets.join(", "))
            };
            let mut bound = Vec::new();
            if !deleted {
                bound.push(rusqlite::types::Value::Text(conflict.row_id.clone()));
            }
            bound.extend(values);
            tx.execute(&sql, rusqlite::params_from_iter(bound))
                .map_err(|error| {
                    Error::InvalidInput(format!("this cannot be brought back now: {error}"))
                })?;
            tx.execute(
                "UPDATE sync_conflicts SET restored = 1 WHERE id = ?1",
                params![id],
            )?;
            crate::history::note_received(tx, workshop_id)?;
            Ok(())
        })?;
        self.announce_reload(workshop_id)
    }
}
