//! Rows kept in a user-chosen order (journey stages, personas): positions 0, 1, 2… with no
//! gaps, rewritten through the recorder so that a reorder is one undoable step.

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::history::Recorder;
use crate::rows::Table;

fn ids_in_order(conn: &Connection, table: Table, workshop_id: &str) -> Result<Vec<String>> {
    let sql = format!(
        "SELECT id FROM {} WHERE workshop_id = ?1 ORDER BY position, id",
        table.name()
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_map([workshop_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn write_positions(
    conn: &Connection,
    recorder: &mut Recorder,
    table: Table,
    order: &[String],
) -> Result<()> {
    let sql = format!(
        "UPDATE {} SET position = ?2 WHERE id = ?1 AND position != ?2",
        table.name()
    );
    for (position, id) in order.iter().enumerate() {
        recorder.touch(table, id)?;
        conn.prepare_cached(&sql)?
            .execute(params![id, position as i64])?;
    }
    Ok(())
}

/// The number of ordered rows a workshop has, which is the position a new last one takes.
pub(crate) fn count(conn: &Connection, table: Table, workshop_id: &str) -> Result<i64> {
    Ok(ids_in_order(conn, table, workshop_id)?.len() as i64)
}

/// Moves row `id` to `position` (clamped to the rows there are), shifting the others.
pub(crate) fn move_to(
    conn: &Connection,
    recorder: &mut Recorder,
    table: Table,
    workshop_id: &str,
    id: &str,
    position: i64,
) -> Result<()> {
    let mut order = ids_in_order(conn, table, workshop_id)?;
    order.retain(|other| other != id);
    let index = position.clamp(0, order.len() as i64) as usize;
    order.insert(index, id.to_owned());
    write_positions(conn, recorder, table, &order)
}

/// Closes the gap a deleted row left.
pub(crate) fn renumber(
    conn: &Connection,
    recorder: &mut Recorder,
    table: Table,
    workshop_id: &str,
) -> Result<()> {
    let order = ids_in_order(conn, table, workshop_id)?;
    write_positions(conn, recorder, table, &order)
}
