//! Applying changes received from other laptops so that every laptop ends the same.
//!
//! The rule, per column: the write with the later clock stamp wins, wherever and in whatever
//! order it arrives. Per row: a delete beats every edit it did not see, and a later insert of
//! the same row (an undone delete) beats the delete.
//!
//! The session extension applies each changeset. Before it does, each change is weighed
//! against the local column clocks; the conflict handler then only carries out what was
//! decided (replace or keep), and columns of one row that went different ways are set after
//! the apply. A change the session applies without conflict (the local row still held the
//! values it expected) can still be older than a local write of those same values, and is
//! set back the same way. What a laptop had and lost is kept in `sync_conflicts`.
//!
//! A received change can leave a row pointing at one deleted elsewhere (a note moved into a
//! section another laptop deleted). Such a reference is cleared where it is optional (the
//! note stays, loose); a row that cannot be without what it refers to goes.

use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::session::{ConflictAction, ConflictType};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Map;

use super::Entry;
use crate::error::{Error, Result};
use crate::ids::now;
use crate::store::changeset::{items, to_json, Item, Op};
use crate::store::recording::{bury, stamp, tombstone, unbury, CREATION, EXISTENCE, SYNCED};
use crate::store::Library;

/// What was decided for one received row change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Every column it writes wins (or the delete wins): let the session apply it.
    Apply,
    /// Nothing of it wins: keep the local row.
    Keep,
    /// Some columns win: keep the local row, then set those after the apply.
    Mixed,
}

/// One received row change, weighed.
struct Weighed {
    item: Item,
    verdict: Verdict,
    /// The local row before the apply, if there was one.
    local: Option<Vec<Value>>,
    /// Per written column, whether the received value wins.
    wins: Vec<(usize, bool)>,
}

impl Library {
    /// Applies changes another laptop sent for `workshop_id`, skipping those already here;
    /// answers how many were new. All or nothing: a change that cannot be applied leaves
    /// the library as it was.
    pub fn receive_sync_changes(&self, workshop_id: &str, entries: &[Entry]) -> Result<usize> {
        if !self.sync.is_synced(workshop_id) {
            return Err(Error::NotFound {
                kind: "synced workshop",
                id: workshop_id.to_owned(),
            });
        }
        let applied = self.write_unrecorded(|tx| {
            let mut applied = 0;
            // The schema's references, read once for the whole batch.
            let references = references(tx)?;
            for entry in entries {
                if entry.workshop_id != workshop_id {
                    return Err(Error::InvalidInput(format!(
                        "a change for workshop {} came with those for {workshop_id}",
                        entry.workshop_id
                    )));
                }
                let known: bool = tx
                    .prepare_cached(
                        "SELECT EXISTS (SELECT 1 FROM sync_log WHERE origin = ?1 AND origin_seq = ?2)",
                    )?
                    .query_row(params![entry.origin, entry.origin_seq], |row| row.get(0))?;
                if known {
                    continue;
                }
                self.sync.clock.observe(&entry.hlc);
                self.apply_entry(tx, entry, &references)?;
                tx.prepare_cached(
                    "INSERT INTO sync_log (workshop_id, origin, origin_seq, hlc, changeset)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![
                    workshop_id,
                    entry.origin,
                    entry.origin_seq,
                    entry.hlc,
                    entry.changeset
                ])?;
                applied += 1;
            }
            if applied > 0 {
                crate::history::note_received(tx, workshop_id)?;
            }
            tx.execute(
                "UPDATE sync_links SET contact_at = ?2 WHERE workshop_id = ?1",
                params![workshop_id, now()],
            )?;
            Ok(applied)
        })?;
        if applied > 0 {
            self.announce_reload(workshop_id)?;
        }
        Ok(applied)
    }

    fn apply_entry(
        &self,
        conn: &Connection,
        entry: &Entry,
        references: &[Reference],
    ) -> Result<()> {
        let mut weighed = Vec::new();
        for item in items(&entry.changeset)? {
            let owner = self.sync.workshop_of(conn, &item);
            // A row of another workshop (or none here) is never a satellite's to change.
            if matches!(&owner, Ok(owner) if owner != &entry.workshop_id) {
                return Err(Error::InvalidInput(format!(
                    "a change for workshop {} touches another workshop",
                    entry.workshop_id
                )));
            }
            weighed.push(self.weigh(conn, item, &entry.hlc)?);
        }
        let verdicts: Arc<HashMap<(String, String), Verdict>> = Arc::new(
            weighed
                .iter()
                .map(|w| ((w.item.table.clone(), w.item.pk.clone()), w.verdict))
                .collect(),
        );
        let mut input: &[u8] = &entry.changeset;
        conn.apply_strm(
            &mut input,
            Some(|table: &str| SYNCED.contains(&table)),
            move |conflict, item| {
                // Only a data conflict may be replaced; the others (a row missing here, an
                // insert of a row that is here, a dangling reference) are settled below. The
                // item of a foreign key conflict names no change, so it is not read.
                if conflict != ConflictType::SQLITE_CHANGESET_DATA {
                    return ConflictAction::SQLITE_CHANGESET_OMIT;
                }
                let verdict = item.op().ok().and_then(|op| {
                    let pk = item.old_value(0).ok()?.as_str().ok()?.to_owned();
                    verdicts.get(&(op.table_name().to_owned(), pk)).copied()
                });
                if verdict == Some(Verdict::Apply) {
                    ConflictAction::SQLITE_CHANGESET_REPLACE
                } else {
                    ConflictAction::SQLITE_CHANGESET_OMIT
                }
            },
        )?;
        // Settling a row may set a reference to a row deleted here, which is repaired next
        // (`repair_references`): checks wait for the commit, as during the apply (which
        // turns deferring off again when it is done).
        conn.pragma_update(None, "defer_foreign_keys", true)?;
        for w in &weighed {
            self.settle(conn, &entry.workshop_id, w, &entry.hlc)?;
        }
        repair_references(conn, &weighed, references)?;
        // SQLite counts the references left dangling while checks wait, and the commit fails
        // unless the count is zero. The apply zeroed it when it turned deferring off, with
        // the dangling references it let through still there; settling and repairing them
        // above then counted below zero. Nothing dangles now, so the count starts again.
        conn.pragma_update(None, "defer_foreign_keys", false)?;
        Ok(())
    }

    /// Decides, against the local clocks, what of a received row change wins.
    fn weigh(&self, conn: &Connection, item: Item, hlc: &str) -> Result<Weighed> {
        let columns = self.sync.columns(conn, &item.table)?;
        let local = local_row(conn, &item.table, &item.pk, columns.len())?;
        let existence = clock(conn, &item, EXISTENCE)?;
        let mut wins = Vec::new();
        let verdict = match item.op {
            Op::Delete => {
                if existence.as_deref().is_none_or(|at| hlc > at) {
                    Verdict::Apply
                } else {
                    Verdict::Keep
                }
            }
            // A row deleted here after this insert was made stays deleted; what the insert
            // wrote still settles its kept values.
            Op::Insert if existence.as_deref().is_some_and(|at| at > hlc) => {
                wins = weigh_columns(conn, &item, hlc)?;
                Verdict::Keep
            }
            Op::Insert if local.is_none() => Verdict::Apply,
            Op::Insert | Op::Update => {
                wins = weigh_columns(conn, &item, hlc)?;
                if local.is_none() {
                    Verdict::Keep
                } else if wins.iter().all(|(_, win)| *win) {
                    Verdict::Apply
                } else if wins.iter().any(|(_, win)| *win) {
                    Verdict::Mixed
                } else {
                    Verdict::Keep
                }
            }
        };
        Ok(Weighed {
            item,
            verdict,
            local,
            wins,
        })
    }

    /// Makes the row what was decided, stamps the winning columns, and keeps what was lost.
    fn settle(&self, conn: &Connection, workshop_id: &str, w: &Weighed, hlc: &str) -> Result<()> {
        let item = &w.item;
        let columns = self.sync.columns(conn, &item.table)?;
        let mut lost = Map::new();
        let mut kept = Map::new();
        match (item.op, w.verdict) {
            (Op::Delete, Verdict::Apply) => {
                stamp(conn, workshop_id, item, EXISTENCE, hlc)?;
                if let Some(local) = &w.local {
                    bury(conn, workshop_id, item, local)?;
                    // Edited here, deleted there: the edit is what is lost.
                    let edited = local
                        .iter()
                        .zip(&item.old)
                        .enumerate()
                        .any(|(i, (now, was))| {
                            columns[i] != "updated_at" && was.as_ref().is_some_and(|was| was != now)
                        });
                    if edited {
                        for (name, value) in columns.iter().zip(local) {
                            lost.insert(name.clone(), to_json(value));
                        }
                    }
                }
            }
            (Op::Delete, _) => {
                // The row came back here after this delete was made; the session may still
                // have removed it (it held what the delete expected): put it back.
                if let Some(local) = &w.local {
                    if local_row(conn, &item.table, &item.pk, columns.len())?.is_none() {
                        insert_row(conn, &item.table, &columns, local)?;
                    }
                }
            }
            (Op::Insert, Verdict::Apply) if w.local.is_none() => {
                stamp(conn, workshop_id, item, EXISTENCE, hlc)?;
                stamp(conn, workshop_id, item, CREATION, hlc)?;
                // Back after a delete: what was written to it later than this insert stays.
                if let Some(kept) = tombstone(conn, item)? {
                    let mut later = Vec::new();
                    for (column, value) in kept.into_iter().enumerate().skip(1) {
                        let at = clock(conn, item, column as i64)?;
                        if at.as_deref().is_some_and(|at| at > hlc) {
                            later.push((column, value));
                        }
                    }
                    update_columns(conn, &item.table, &columns, &item.pk, &later)?;
                    unbury(conn, item)?;
                }
            }
            (Op::Insert | Op::Update, _) if w.local.is_none() => {
                // Deleted here later than this insert was made: the session inserted it all
                // the same (nothing was in its way), so it goes again.
                if item.op == Op::Insert {
                    conn.prepare_cached(&format!("DELETE FROM \"{}\" WHERE id = ?1", item.table))?
                        .execute([&item.pk])?;
                }
                // Deleted here: the winning columns settle its kept values.
                let mut kept = match tombstone(conn, item)? {
                    Some(kept) => kept,
                    None if item.op == Op::Insert => item
                        .new
                        .iter()
                        .map(|v| v.clone().unwrap_or(Value::Null))
                        .collect(),
                    None => return Ok(()),
                };
                for (column, win) in &w.wins {
                    if *win {
                        stamp(conn, workshop_id, item, *column as i64, hlc)?;
                        kept[*column] = item.new[*column].clone().expect("a written column");
                    }
                }
                bury(conn, workshop_id, item, &kept)?;
            }
            _ => {
                let Some(local) = &w.local else {
                    return Ok(());
                };
                if item.op == Op::Insert {
                    stamp(conn, workshop_id, item, EXISTENCE, hlc)?;
                }
                let mut set = Vec::new();
                for (column, win) in &w.wins {
                    let received = item.new[*column].clone().expect("a written column");
                    let here = local[*column].clone();
                    let name = &columns[*column];
                    if *win {
                        stamp(conn, workshop_id, item, *column as i64, hlc)?;
                        let expected = item.old[*column].as_ref();
                        let concurrent =
                            here != received && expected.is_none_or(|expected| *expected != here);
                        if concurrent && name != "updated_at" {
                            lost.insert(name.clone(), to_json(&here));
                            kept.insert(name.clone(), to_json(&received));
                        }
                        set.push((*column, received));
                    } else {
                        if here != received && name != "updated_at" {
                            lost.insert(name.clone(), to_json(&received));
                            kept.insert(name.clone(), to_json(&here));
                        }
                        set.push((*column, here));
                    }
                }
                // The session leaves a received insert of a row that is here to this.
                if w.verdict != Verdict::Apply || item.op == Op::Insert {
                    update_columns(conn, &item.table, &columns, &item.pk, &set)?;
                }
            }
        }
        if !lost.is_empty() {
            conn.prepare_cached(
                "INSERT INTO sync_conflicts (workshop_id, tbl, row_id, lost, kept, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                workshop_id,
                item.table,
                item.pk,
                serde_json::Value::Object(lost).to_string(),
                serde_json::Value::Object(kept).to_string(),
                now()
            ])?;
        }
        Ok(())
    }
}

/// Which written columns of a received change are later than their last write here: the
/// column's own clock, or the row's creation where that is later.
fn weigh_columns(conn: &Connection, item: &Item, hlc: &str) -> Result<Vec<(usize, bool)>> {
    let created = clock(conn, item, CREATION)?;
    let mut wins = Vec::new();
    for (column, _) in item.written().filter(|(column, _)| *column > 0) {
        let at = clock(conn, item, column as i64)?.max(created.clone());
        wins.push((column, at.as_deref().is_none_or(|at| hlc > at)));
    }
    Ok(wins)
}

/// Applies a changeset that must apply cleanly (a snapshot into a library without the
/// workshop); any conflict aborts it.
pub(super) fn apply_all(conn: &Connection, changeset: &[u8]) -> Result<()> {
    let mut input: &[u8] = changeset;
    conn.apply_strm(
        &mut input,
        Some(|table: &str| SYNCED.contains(&table)),
        |_, _| ConflictAction::SQLITE_CHANGESET_ABORT,
    )
    .map_err(|error| Error::InvalidInput(format!("the workshop could not be taken in: {error}")))
}

fn clock(conn: &Connection, item: &Item, column: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT hlc FROM sync_clocks WHERE tbl = ?1 AND pk = ?2 AND col = ?3")?
        .query_row(params![item.table, item.pk, column], |row| row.get(0))
        .optional()?)
}

fn local_row(conn: &Connection, table: &str, pk: &str, width: usize) -> Result<Option<Vec<Value>>> {
    let sql = format!("SELECT * FROM \"{table}\" WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([pk], |row| {
            (0..width).map(|i| row.get::<_, Value>(i)).collect()
        })
        .optional()?)
}

fn insert_row(conn: &Connection, table: &str, columns: &[String], values: &[Value]) -> Result<()> {
    let marks = vec!["?"; columns.len()].join(", ");
    let sql = format!("INSERT INTO \"{table}\" VALUES ({marks})");
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

fn update_columns(
    conn: &Connection,
    table: &str,
    columns: &[String],
    pk: &str,
    set: &[(usize, Value)],
) -> Result<()> {
    if set.is_empty() {
        return Ok(());
    }
    let assignments: Vec<String> = set
        .iter()
        .enumerate()
        .map(|(i, (column, _))| format!("\"{}\" = ?{}", columns[*column], i + 2))
        .collect();
    let sql = format!(
        "UPDATE \"{table}\" SET {} WHERE id = ?1",
        assignments.join(", ")
    );
    let mut values: Vec<Value> = vec![Value::Text(pk.to_owned())];
    values.extend(set.iter().map(|(_, value)| value.clone()));
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

/// One reference a synced table makes to another row, as `PRAGMA foreign_key_list` has it.
struct Reference {
    /// The referring table and its column.
    table: &'static str,
    column: String,
    /// The table and column referred to.
    parent: String,
    to: String,
    /// Optional (or set to NULL on delete): cleared when it points at nothing, rather than
    /// the row removed.
    clears: bool,
}

/// Every reference the synced tables make.
fn references(conn: &Connection) -> Result<Vec<Reference>> {
    let mut out = Vec::new();
    for table in SYNCED {
        let mut statement = conn.prepare_cached(
            "SELECT f.\"from\", f.\"table\", f.\"to\", f.on_delete, c.\"notnull\"
             FROM pragma_foreign_key_list(?1) f
             JOIN pragma_table_info(?1) c ON c.name = f.\"from\"",
        )?;
        let found = statement.query_map([table], |row| {
            let on_delete: String = row.get(3)?;
            let required: bool = row.get(4)?;
            Ok(Reference {
                table,
                column: row.get(0)?,
                parent: row.get(1)?,
                to: row
                    .get::<_, Option<String>>(2)?
                    .unwrap_or_else(|| "id".to_owned()),
                clears: on_delete == "SET NULL" || !required,
            })
        })?;
        for reference in found {
            out.push(reference?);
        }
    }
    Ok(out)
}

/// Settles the references a received change leaves pointing at nothing: in the rows it wrote
/// (a note moved into a section deleted here) and in the rows that pointed at a row it deleted
/// (a note moved here into a section deleted there). An optional reference is cleared (the
/// note stays, loose), as the app's own operations unlink a removed row's dependants; a row
/// that cannot be without what it refers to goes, and what pointed at it is looked at in turn.
/// Only those rows are looked at, so a long queue of received changes does not check whole
/// tables once per change.
fn repair_references(
    conn: &Connection,
    weighed: &[Weighed],
    references: &[Reference],
) -> Result<()> {
    let mut written: Vec<(&str, String)> = Vec::new();
    let mut gone: Vec<(String, String)> = Vec::new();
    for w in weighed {
        if w.item.op == Op::Delete {
            gone.push((w.item.table.clone(), w.item.pk.clone()));
        } else {
            written.push((w.item.table.as_str(), w.item.pk.clone()));
        }
    }
    for _ in 0..8 {
        let mut dangling: Vec<(&Reference, String)> = Vec::new();
        for (table, pk) in &written {
            for r in references.iter().filter(|r| r.table == *table) {
                let points_at_nothing: bool = conn
                    .prepare_cached(&format!(
                        "SELECT EXISTS (SELECT 1 FROM \"{table}\" c WHERE c.id = ?1
                           AND c.\"{column}\" IS NOT NULL
                           AND NOT EXISTS (SELECT 1 FROM \"{parent}\" p WHERE p.\"{to}\" = c.\"{column}\"))",
                        table = r.table,
                        column = r.column,
                        parent = r.parent,
                        to = r.to,
                    ))?
                    .query_row([pk], |row| row.get(0))?;
                if points_at_nothing {
                    dangling.push((r, pk.clone()));
                }
            }
        }
        for (parent, pk) in &gone {
            for r in references.iter().filter(|r| r.parent == *parent) {
                let mut statement = conn.prepare_cached(&format!(
                    "SELECT id FROM \"{table}\" WHERE \"{column}\" = ?1
                       AND NOT EXISTS (SELECT 1 FROM \"{parent}\" WHERE \"{to}\" = ?1)",
                    table = r.table,
                    column = r.column,
                    parent = r.parent,
                    to = r.to,
                ))?;
                let ids = statement
                    .query_map([pk], |row| row.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                dangling.extend(ids.into_iter().map(|id| (r, id)));
            }
        }
        if dangling.is_empty() {
            return Ok(());
        }
        written.clear();
        gone.clear();
        for (r, id) in dangling {
            let table = r.table;
            if r.clears {
                conn.execute(
                    &format!(
                        "UPDATE \"{table}\" SET \"{}\" = NULL WHERE id = ?1",
                        r.column
                    ),
                    [&id],
                )?;
            } else if conn.execute(&format!("DELETE FROM \"{table}\" WHERE id = ?1"), [&id])? > 0 {
                gone.push((table.to_owned(), id));
            }
        }
    }
    Err(Error::InvalidInput(
        "the received changes leave rows referring to rows that are gone".into(),
    ))
}
