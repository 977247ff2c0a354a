//! Recording this laptop's changes to synced workshops, as SQLite session changesets.
//!
//! While a workshop is synced with other laptops (see `sync`), every write to its rows is
//! captured by a session attached for that one write, and the changeset is kept in
//! `sync_log`, in the same transaction as the write itself: a change is never committed
//! without being queued for the other laptops, nor queued without being committed. Each
//! column it wrote gets the write's clock stamp in `sync_clocks`, so that every laptop later
//! settles a concurrent write to the same column the same way (the later stamp wins).
//!
//! Nothing is attached while no workshop is synced, so a laptop working alone pays nothing.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex};

use rusqlite::session::Session;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};

use super::changeset::{from_json, items, to_json, Item, Op};
use super::clock::Clock;
use super::unpoisoned;
use crate::error::{Error, Result};

/// The tables whose rows travel between laptops: a workshop's content. Every one has a text
/// key `id` as its first column and a `workshop_id` (the `workshops` row is its own).
pub(crate) const SYNCED: [&str; 20] = [
    "workshops",
    "stages",
    "participants",
    "clusters",
    "images",
    "notes",
    "journey_settings",
    "personas",
    "emotions",
    "ratings",
    "voting_rounds",
    "round_owners",
    "votes",
    "round_done",
    "feelings",
    "lanes",
    "lane_cells",
    "questions",
    "answers",
    "stage_figures",
];

/// Column numbers of a row's clocks that are not its columns': when it was last created or
/// deleted (whichever came last), and when it was created (the clock of every column not
/// written since).
pub(crate) const EXISTENCE: i64 = -1;
pub(crate) const CREATION: i64 = -2;

/// What a library knows about syncing: its clock, and which workshops it syncs.
pub(crate) struct Recording {
    pub clock: Clock,
    synced: Mutex<HashSet<String>>,
    columns: Mutex<HashMap<String, Arc<Vec<String>>>>,
}

impl Recording {
    /// Reads this laptop's site id (made on first open), its synced workshops, and the latest
    /// stamp it has logged, so its clock carries on after a restart.
    pub fn load(conn: &Connection) -> Result<Recording> {
        conn.execute(
            "INSERT OR IGNORE INTO app_settings (key, value) VALUES ('sync_site', ?1)",
            [uuid::Uuid::new_v4().simple().to_string()],
        )?;
        let site: String = conn.query_row(
            "SELECT value FROM app_settings WHERE key = 'sync_site'",
            [],
            |row| row.get(0),
        )?;
        let recording = Recording {
            clock: Clock::new(site),
            synced: Mutex::default(),
            columns: Mutex::default(),
        };
        recording.read_state(conn)?;
        Ok(recording)
    }

    /// After a backup was restored in place: the library is a new laptop to the others (its
    /// log may lack changes they have from its old self, whose numbers it must not use
    /// again), and its synced workshops are the backup's.
    pub fn restart(&self, conn: &Connection) -> Result<()> {
        let site = uuid::Uuid::new_v4().simple().to_string();
        conn.execute(
            "INSERT OR REPLACE INTO app_settings (key, value) VALUES ('sync_site', ?1)",
            [&site],
        )?;
        self.clock.set_site(site);
        self.read_state(conn)
    }

    fn read_state(&self, conn: &Connection) -> Result<()> {
        let latest: Option<String> =
            conn.query_row("SELECT max(hlc) FROM sync_log", [], |row| row.get(0))?;
        if let Some(latest) = latest {
            self.clock.observe(&latest);
        }
        *unpoisoned(&self.synced) = conn
            .prepare("SELECT workshop_id FROM sync_links")?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }

    pub fn is_synced(&self, workshop_id: &str) -> bool {
        unpoisoned(&self.synced).contains(workshop_id)
    }

    pub fn set_synced(&self, workshop_id: &str, synced: bool) {
        let mut set = unpoisoned(&self.synced);
        if synced {
            set.insert(workshop_id.to_owned());
        } else {
            set.remove(workshop_id);
        }
    }

    /// Runs `write` on `conn`; when a synced workshop is about, records what it changed.
    pub fn recorded<T>(&self, conn: &Connection, write: impl FnOnce() -> Result<T>) -> Result<T> {
        if unpoisoned(&self.synced).is_empty() {
            return write();
        }
        let mut session = Session::new(conn)?;
        session.table_filter(Some(|table: &str| SYNCED.contains(&table)));
        session.attach(None::<&str>)?;
        let value = write()?;
        let mut changeset = Vec::new();
        session.changeset_strm(&mut changeset)?;
        drop(session);
        if !changeset.is_empty() {
            self.log_own(conn, changeset)?;
        }
        Ok(value)
    }

    /// Queues a change made here, if it is to a synced workshop.
    fn log_own(&self, conn: &Connection, changeset: Vec<u8>) -> Result<()> {
        let items = items(&changeset)?;
        let mut workshops = BTreeSet::new();
        for item in &items {
            workshops.insert(self.workshop_of(conn, item)?);
        }
        let mut synced = workshops.iter().filter(|id| self.is_synced(id));
        let Some(workshop_id) = synced.next() else {
            return Ok(());
        };
        if workshops.len() > 1 {
            return Err(Error::InvalidInput(
                "one change cannot touch a workshop synced with other laptops and another".into(),
            ));
        }
        let hlc = self.clock.tick();
        let site = self.clock.site();
        conn.prepare_cached(
            "INSERT INTO sync_log (workshop_id, origin, origin_seq, hlc, changeset)
             VALUES (?1, ?2, coalesce((SELECT max(origin_seq) FROM sync_log WHERE origin = ?2), 0) + 1,
                     ?3, ?4)",
        )?
        .execute(params![workshop_id, site, hlc, changeset])?;
        for item in &items {
            let stamped: Vec<i64> = match item.op {
                Op::Insert => vec![EXISTENCE, CREATION],
                Op::Delete => vec![EXISTENCE],
                Op::Update => item
                    .written()
                    .map(|(column, _)| column as i64)
                    .filter(|column| *column > 0)
                    .collect(),
            };
            for column in stamped {
                stamp(conn, workshop_id, item, column, &hlc)?;
            }
            match item.op {
                Op::Delete => {
                    let row: Vec<Value> = item.old.iter().flatten().cloned().collect();
                    bury(conn, workshop_id, item, &row)?;
                }
                Op::Insert => unbury(conn, item)?,
                Op::Update => {}
            }
        }
        Ok(())
    }

    /// The workshop a changed row belongs to.
    pub fn workshop_of(&self, conn: &Connection, item: &Item) -> Result<String> {
        if item.table == "workshops" {
            return Ok(item.pk.clone());
        }
        let columns = self.columns(conn, &item.table)?;
        let column = columns
            .iter()
            .position(|name| name == "workshop_id")
            .ok_or_else(|| Error::InvalidInput(format!("{} has no workshop", item.table)))?;
        let carried = match item.op {
            Op::Insert => item.new[column].clone(),
            _ => item.old[column].clone(),
        };
        if let Some(Value::Text(id)) = carried {
            return Ok(id);
        }
        let sql = format!("SELECT workshop_id FROM \"{}\" WHERE id = ?1", item.table);
        conn.prepare_cached(&sql)?
            .query_row([&item.pk], |row| row.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound {
                kind: "row",
                id: item.pk.clone(),
            })
    }

    /// Refuses a table that is not synced, by name: names from elsewhere go into SQL.
    pub fn columns_known(&self, table: &str) -> Result<()> {
        if SYNCED.contains(&table) {
            Ok(())
        } else {
            Err(Error::InvalidInput(format!(
                "the changes touch \u{201c}{table}\u{201d}, which is not synced"
            )))
        }
    }

    /// The column names of a synced table, in order.
    pub fn columns(&self, conn: &Connection, table: &str) -> Result<Arc<Vec<String>>> {
        self.columns_known(table)?;
        if let Some(found) = unpoisoned(&self.columns).get(table) {
            return Ok(found.clone());
        }
        let names: Vec<String> = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
            ))?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let names = Arc::new(names);
        unpoisoned(&self.columns).insert(table.to_owned(), names.clone());
        Ok(names)
    }
}

/// Sets the clock of one column (or of the row's existence or creation) of a changed row.
pub(crate) fn stamp(
    conn: &Connection,
    workshop_id: &str,
    item: &Item,
    column: i64,
    hlc: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_clocks (tbl, pk, col, workshop_id, hlc) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (tbl, pk, col) DO UPDATE SET hlc = max(hlc, excluded.hlc)",
    )?
    .execute(params![item.table, item.pk, column, workshop_id, hlc])?;
    Ok(())
}

/// Keeps a deleted row's values: writes made before anyone saw the delete still settle
/// them, and an undo that brings the row back takes those that are later than itself.
pub(crate) fn bury(conn: &Connection, workshop_id: &str, item: &Item, row: &[Value]) -> Result<()> {
    let row = serde_json::Value::Array(row.iter().map(to_json).collect()).to_string();
    conn.prepare_cached(
        "INSERT OR REPLACE INTO sync_tombstones (tbl, pk, workshop_id, row) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![item.table, item.pk, workshop_id, row])?;
    Ok(())
}

/// A deleted row's kept values (see [`bury`]).
pub(crate) fn tombstone(conn: &Connection, item: &Item) -> Result<Option<Vec<Value>>> {
    let row: Option<String> = conn
        .prepare_cached("SELECT row FROM sync_tombstones WHERE tbl = ?1 AND pk = ?2")?
        .query_row(params![item.table, item.pk], |row| row.get(0))
        .optional()?;
    Ok(row.map(|row| {
        serde_json::from_str::<Vec<serde_json::Value>>(&row)
            .unwrap_or_default()
            .iter()
            .map(from_json)
            .collect()
    }))
}

/// Forgets a deleted row's values once it is back.
pub(crate) fn unbury(conn: &Connection, item: &Item) -> Result<()> {
    conn.prepare_cached("DELETE FROM sync_tombstones WHERE tbl = ?1 AND pk = ?2")?
        .execute(params![item.table, item.pk])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables that stay on their laptop: settings, undo history, the phones' secrets and
    /// resend keys, the room's state, revisions, the search index (with its FTS tables) and sync's own.
    const LOCAL: [&str; 15] = [
        "app_settings",
        "history",
        "row_origins",
        "participant_secrets",
        "note_client_ids",
        "room",
        "revisions",
        "search_text",
        "search_keys",
        "sync_links",
        "sync_peers",
        "sync_log",
        "sync_clocks",
        "sync_tombstones",
        "sync_conflicts",
    ];

    #[test]
    fn every_table_is_synced_or_kept_local_and_synced_ones_are_keyed_by_id() {
        let dir = tempfile::tempdir().unwrap();
        let library = crate::store::Library::open_in_dir(dir.path()).unwrap();
        let conn = Connection::open(library.path()).unwrap();
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for table in &tables {
            let local = LOCAL.iter().any(|local| table.starts_with(local));
            assert!(
                SYNCED.contains(&table.as_str()) != local,
                "{table} must be either synced or local"
            );
        }
        for table in SYNCED {
            let columns = library.sync.columns(&conn, table).unwrap();
            assert_eq!(columns[0], "id", "{table}");
            let pk: Vec<String> = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{table}') WHERE pk > 0"
                ))
                .unwrap()
                .query_map([], |row| row.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert_eq!(pk, ["id"], "{table}");
            assert!(
                table == "workshops" || columns.contains(&"workshop_id".to_string()),
                "{table}"
            );
        }
    }
}
