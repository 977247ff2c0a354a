//! A health check of a library file: SQLite's own integrity check, foreign keys, and the
//! rules Fiilis keeps that SQLite cannot see (vote budgets, notes and their clusters in one
//! workshop, one open question and one lane of a kind, feelings that exist, an undo history
//! that reads back). The crash-safety test runs it after every
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
            problems.extend(experience_problems(conn)?);
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

/// The experience model's rules: at most one open question per workshop, a lane of a kind
/// that appears once appearing once, cells only in text and image lanes of the same
/// workshop, answers to questions of the same workshop, and every feeling a stage or rating
/// names built in or the workshop's own.
fn experience_problems(conn: &Connection) -> Result<Vec<String>> {
    let built_in: Vec<String> = crate::feelings::VOCABULARY
        .iter()
        .map(|(key, ..)| format!("'{key}'"))
        .collect();
    let sql = format!(
        "SELECT 'workshop ' || workshop_id || ' has ' || count(*) || ' open questions'
           FROM questions WHERE status = 'open' GROUP BY workshop_id HAVING count(*) > 1
         UNION ALL
         SELECT 'workshop ' || workshop_id || ' has ' || count(*) || ' ' || kind || ' lanes'
           FROM lanes WHERE kind NOT IN ('text', 'images')
           GROUP BY workshop_id, kind HAVING count(*) > 1
         UNION ALL
         SELECT 'lane cell ' || c.id || ' is in a ' || l.kind || ' lane or another workshop'
           FROM lane_cells c JOIN lanes l ON l.id = c.lane_id
           WHERE l.kind NOT IN ('text', 'images') OR l.workshop_id <> c.workshop_id
         UNION ALL
         SELECT 'answer ' || a.id || ' answers a question of another workshop'
           FROM answers a JOIN questions q ON q.id = a.question_id
           WHERE q.workshop_id <> a.workshop_id
         UNION ALL
         SELECT 'stage ' || s.id || ' names the unknown feeling ' || j.value
           FROM stages s, json_each(s.designed_feelings) j
           WHERE j.value NOT IN ({known}) AND NOT EXISTS (
             SELECT 1 FROM feelings f WHERE f.id = j.value AND f.workshop_id = s.workshop_id)
         UNION ALL
         SELECT 'rating ' || r.id || ' names the unknown feeling ' || j.value
           FROM ratings r, json_each(r.feelings) j
           WHERE j.value NOT IN ({known}) AND NOT EXISTS (
             SELECT 1 FROM feelings f WHERE f.id = j.value AND f.workshop_id = r.workshop_id)",
        known = built_in.join(", ")
    );
    Ok(conn
        .prepare(&sql)?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
