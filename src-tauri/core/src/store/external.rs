//! Changes made by another process on the same library (the desktop app and `fiilis serve`
//! side by side). SQLite's `data_version` tells a connection when someone else committed;
//! then every workshop whose revision moved is announced to the watchers as a `Change` that
//! carries only the new revision and `reload: true`, and whoever shows it loads it again.

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use super::{unpoisoned, Library};
use crate::change::{undo_redo_labels, Change};
use crate::error::Result;

/// What this process last knew of the library, to tell others' commits from its own.
#[derive(Default)]
pub(crate) struct Seen {
    data_version: Option<i64>,
    revisions: HashMap<String, i64>,
}

impl Library {
    /// Announces workshops changed by other processes since the last call. Cheap when
    /// nothing changed: one pragma read.
    pub fn poll_external_changes(&self) -> Result<usize> {
        // `data_version` moves when another connection commits: asked on the writer, our own
        // readers do not count and only other processes do.
        let changed = self.read_on_writer(|conn| {
            let data_version: i64 = conn.query_row("PRAGMA data_version", [], |row| row.get(0))?;
            let mut seen = unpoisoned(&self.seen);
            if seen.data_version == Some(data_version) {
                return Ok(Vec::new());
            }
            let first = seen.data_version.is_none();
            seen.data_version = Some(data_version);
            let mut statement = conn.prepare_cached(
                "SELECT w.id, coalesce(r.revision, 0) FROM workshops w
                 LEFT JOIN revisions r ON r.workshop_id = w.id",
            )?;
            let rows = statement.query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })?;
            let mut changed = Vec::new();
            for row in rows {
                let (id, revision) = row?;
                let known = seen.revisions.insert(id.clone(), revision);
                if !first && known.is_none_or(|known| known < revision) {
                    changed.push((id, revision));
                }
            }
            Ok(changed)
        })?;
        for (workshop_id, revision) in &changed {
            self.notify_reload(workshop_id, *revision)?;
        }
        Ok(changed.len())
    }

    /// Tells the watchers that `workshop_id` changed in ways no `Change` lists (a backup was
    /// restored): whoever shows it loads it again. A workshop that no longer exists is
    /// announced at revision 0, and loading it then says it is gone.
    pub(crate) fn announce_reload(&self, workshop_id: &str) -> Result<()> {
        let revision = self.read(|conn| {
            Ok(conn
                .query_row(
                    "SELECT revision FROM revisions WHERE workshop_id = ?1",
                    [workshop_id],
                    |row| row.get(0),
                )
                .optional()?
                .unwrap_or(0))
        })?;
        self.notify_reload(workshop_id, revision)
    }

    fn notify_reload(&self, workshop_id: &str, revision: i64) -> Result<()> {
        let labels = self.read(|conn| undo_redo_labels(conn, workshop_id))?;
        self.notify(&Change {
            reload: true,
            ..Change::empty(workshop_id, revision, labels)
        });
        Ok(())
    }

    /// Remembers a revision this process made itself, so polling does not announce it again.
    pub(crate) fn saw_revision(&self, workshop_id: &str, revision: i64) {
        unpoisoned(&self.seen)
            .revisions
            .insert(workshop_id.to_owned(), revision);
    }
}
