//! A health check of a library file: SQLite's own integrity check, foreign keys, and the
//! rules Fiilis keeps that SQLite cannot see (vote budgets, notes and their clusters in one
//! workshop, an undo history that reads back). The crash-safety test runs it after every
//! kill, and `fiilis check` runs it for anyone worried about a file.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::store::Library;
use ts_rs::TS;

/// What the check found; `ok` only when every list is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Health {
    pub ok: bool,
    /// SQLite's `PRAGMA integrity_check` findings (empty when it says "ok").
    pub integrity: Vec<String>,
    /// Rows that point to rows that do not exist.
    pub foreign_keys: Vec<String>,
    /// Broken rules of Fiilis itself.
    pub problems: Vec<String>,
}

impl Library {
    /// Checks the whole library file; reads only.
    pub fn check(&self) -> Result<Health> {
        self.read(|conn| {
            let integrity: Vec<String> = conn
                .prepare("PRAGMA integrity_check")?
                .query_map([], |row| row.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?
                .into_iter()
                .filter(|line| line != "ok")
                .collect();
            let foreign_keys = conn
                .prepare("PRAGMA foreign_key_check")?
                .query_map([], |row| {
                    Ok(format!(
                        "{} row {} points to a missing {}",
                        row.get::<_, String>(0)?,
                        row.get::<_, i64>(1)?,
                        row.get::<_, String>(2)?
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut problems = vote_problems(conn)?;
            problems.extend(cluster_problems(conn)?);
            problems.extend(crate::history::history_problems(conn)?);
            Ok(Health {
                ok: integrity.is_empty() && foreign_keys.is_empty() && problems.is_empty(),
                integrity,
                foreign_keys,
                problems,
            })
        })
    }
}

/// Nobody over their budget or over the per-note cap, in any round.
fn vote_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut problems: Vec<String> = conn
        .prepare(
            "SELECT v.round_id, v.participant_id, sum(v.weight), r.votes_per_participant
             FROM votes v JOIN voting_rounds r ON r.id = v.round_id
             WHERE v.participant_id IS NOT NULL
             GROUP BY v.round_id, v.participant_id
             HAVING sum(v.weight) > r.votes_per_participant",
        )?
        .query_map([], |row| {
            Ok(format!(
                "participant {} has {} votes in round {}, over the budget of {}",
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, String>(0)?,
                row.get::<_, i64>(3)?
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    problems.extend(
        conn.prepare(
            "SELECT v.round_id, v.participant_id, v.note_id, sum(v.weight), r.max_per_note
             FROM votes v JOIN voting_rounds r ON r.id = v.round_id
             WHERE v.participant_id IS NOT NULL
             GROUP BY v.round_id, v.participant_id, v.note_id
             HAVING sum(v.weight) > r.max_per_note",
        )?
        .query_map([], |row| {
            Ok(format!(
                "participant {} has {} votes on note {} in round {}, over the cap of {}",
                row.get::<_, String>(1)?,
                row.get::<_, i64>(3)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(0)?,
                row.get::<_, i64>(4)?
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    Ok(problems)
}

/// Every note's cluster, stage and author belong to the note's own workshop.
fn cluster_problems(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare(
            "SELECT n.id, 'cluster' FROM notes n JOIN clusters c ON c.id = n.cluster_id
               WHERE c.workshop_id <> n.workshop_id
             UNION ALL
             SELECT n.id, 'stage' FROM notes n JOIN stages s ON s.id = n.stage_id
               WHERE s.workshop_id <> n.workshop_id
             UNION ALL
             SELECT n.id, 'author' FROM notes n JOIN participants p ON p.id = n.author_id
               WHERE p.workshop_id <> n.workshop_id",
        )?
        .query_map([], |row| {
            Ok(format!(
                "note {} has a {} from another workshop",
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?
            ))
        })?
        .collect::<rusqlite::Result<_>>()?)
}
