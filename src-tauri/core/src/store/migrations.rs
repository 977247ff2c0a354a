//! Schema migrations, tracked in SQLite's `user_version`.
//!
//! Each step is plain SQL and is never edited once released: a library created by an older
//! Fiilis must end up with exactly the schema of a fresh one, which the tests check by
//! upgrading old-schema fixtures. All pending steps run in one transaction, so an upgrade
//! interrupted by a crash leaves the old schema intact.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

const STEPS: &[&str] = &[
    // 1: workshops and their journey stages.
    "CREATE TABLE workshops (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        date        TEXT,
        goal        TEXT NOT NULL DEFAULT '',
        facilitator TEXT NOT NULL DEFAULT '',
        language    TEXT NOT NULL CHECK (language IN ('en', 'fi')),
        template    TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        trashed_at  TEXT
    ) STRICT;
    CREATE TABLE stages (
        id          TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        title       TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX stages_by_workshop ON stages(workshop_id, position);",
    // 2: app-wide settings. A library that already holds workshops has had its first
    // start, so it must not be given the sample workshop again.
    "CREATE TABLE app_settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    INSERT INTO app_settings (key, value)
        SELECT 'sample_seeded', '1' WHERE EXISTS (SELECT 1 FROM workshops);
    CREATE INDEX workshops_by_update ON workshops(updated_at);",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = user_version(&tx)?;
    if found > SCHEMA_VERSION {
        // Another process upgraded the file between our read-only check and now.
        return Err(Error::DatabaseTooNew {
            path: path.display().to_string(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for step in &STEPS[found as usize..] {
        tx.execute_batch(step)?;
    }
    if found < SCHEMA_VERSION {
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}
