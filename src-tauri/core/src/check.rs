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
    /// Checks the whole library file; reads only. On the writing connection: a reading one
    /// may hold the search index's layout from before another connection's last commit
    /// (FTS5 refreshes it for queries, not for its integrity check), and would report the
    /// index as corrupt when it is not.
    pub fn check(&self) -> Result<Health> {
        self.read_on_writer(|conn| {
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

/// Nobody over their budget or over the per-note cap, in any round (the rules import and
/// merge hold files to, see [`crate::voting::rule_breaks`]), and every vote of a weight
/// the operations could have made.
fn vote_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut problems: Vec<String> = crate::voting::rule_breaks(conn, None)?
        .iter()
        .map(|rule| rule.describe(str::to_owned))
        .collect();
    let mut weights = conn.prepare(
        "SELECT id, participant_id, weight FROM votes
         WHERE (participant_id IS NOT NULL AND weight <> 1)
            OR (participant_id IS NULL AND (weight < 1 OR weight > ?1))",
    )?;
    let found = weights.query_map([crate::voting::MAX_PAPER_VOTES], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, Option<String>>(1)?,
            row.get::<_, i64>(2)?,
        ))
    })?;
    for row in found {
        let (id, participant, weight) = row?;
        if let Err(error) = crate::voting::checked_vote_weight(
            &format!("vote {id}"),
            participant.as_deref(),
            weight,
        ) {
            problems.push(error.to_string());
        }
    }
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
