//! What happens to the rows that refer to a stage or a persona when it is deleted.
//!
//! A stage or persona owns its emotion points and ratings; notes only refer to it. Both the
//! journey and the personas delete through this one rule, so undo restores the same rows
//! whichever was removed.

use rusqlite::Connection;

use crate::error::Result;
use crate::history::Recorder;
use crate::rows::Table;

/// Unlinks the notes (and a stage's questions) and removes the points, ratings (and a
/// stage's lane cells and figures) that belong to a stage or persona about to be deleted,
/// touching each so undo restores them.
pub(crate) fn release_dependents(
    conn: &Connection,
    recorder: &mut Recorder,
    column: &str,
    id: &str,
) -> Result<()> {
    // What refers to a stage only: its lane cells and survey figures go with it; questions
    // about it stay, about the whole service.
    let stage_only: &[(Table, bool)] = if column == "stage_id" {
        &[
            (Table::LaneCells, false),
            (Table::StageFigures, false),
            (Table::Questions, true),
        ]
    } else {
        &[]
    };
    for &(table, unlink) in [
        (Table::Notes, true),
        (Table::Emotions, false),
        (Table::Ratings, false),
    ]
    .iter()
    .chain(stage_only)
    {
        let sql = format!("SELECT id FROM {} WHERE {column} = ?1", table.name());
        let ids: Vec<String> = conn
            .prepare_cached(&sql)?
            .query_map([id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for dependent in ids {
            recorder.touch(table, &dependent)?;
            let change = if unlink {
                format!("UPDATE {} SET {column} = NULL WHERE id = ?1", table.name())
            } else {
                format!("DELETE FROM {} WHERE id = ?1", table.name())
            };
            conn.execute(&change, [&dependent])?;
        }
    }
    Ok(())
}
