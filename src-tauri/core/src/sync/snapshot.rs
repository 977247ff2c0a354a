//! A workshop as a hub hands it to a joining satellite: every row as one changeset of
//! inserts, with the rows' column clocks and the hub's log position it was taken at.
//!
//! The changeset is made by the session extension too: the workshop's rows are copied into
//! an empty in-memory library with a session attached, so the satellite applies the very
//! format it will later receive every change in, with the same ids as the hub.

use rusqlite::session::Session;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::base64_bytes;
use crate::error::{Error, Result};
use crate::ids::now;
use crate::store::migrations::SCHEMA_VERSION;
use crate::store::recording::SYNCED;
use crate::store::Library;

/// See the module documentation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    /// The library schema the changeset's columns follow: both laptops must share it.
    pub schema: i64,
    pub workshop_id: String,
    /// The hub's log position the snapshot includes everything up to.
    pub seq: i64,
    #[serde(with = "base64_bytes")]
    pub changeset: Vec<u8>,
    /// `(table, key, column, stamp)` of every column clock of the workshop.
    pub clocks: Vec<(String, String, i64, String)>,
}

impl Library {
    /// Everything of `workshop_id` a joining satellite needs (see the module documentation).
    pub fn sync_snapshot(&self, workshop_id: &str) -> Result<Snapshot> {
        let mut copy = Connection::open_in_memory()?;
        crate::store::migrations::migrate(&mut copy, std::path::Path::new(":memory:"))?;
        let path = self.path().to_string_lossy().into_owned();
        copy.execute("ATTACH DATABASE ?1 AS library", [path])?;
        let tx = copy.transaction()?;
        let mut session = Session::new(&tx)?;
        session.attach(None::<&str>)?;
        for table in SYNCED {
            let filter = if table == "workshops" {
                "id"
            } else {
                "workshop_id"
            };
            tx.execute(
                &format!(
                    "INSERT INTO main.\"{table}\" SELECT * FROM library.\"{table}\" WHERE {filter} = ?1"
                ),
                [workshop_id],
            )?;
        }
        let mut changeset = Vec::new();
        session.changeset_strm(&mut changeset)?;
        drop(session);
        let seq: i64 = tx.query_row(
            "SELECT coalesce(max(seq), 0) FROM library.sync_log WHERE workshop_id = ?1",
            [workshop_id],
            |row| row.get(0),
        )?;
        let clocks = tx
            .prepare("SELECT tbl, pk, col, hlc FROM library.sync_clocks WHERE workshop_id = ?1")?
            .query_map([workshop_id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        drop(tx);
        if changeset.is_empty() {
            return Err(Error::NotFound {
                kind: "workshop",
                id: workshop_id.to_owned(),
            });
        }
        Ok(Snapshot {
            schema: SCHEMA_VERSION,
            workshop_id: workshop_id.to_owned(),
            seq,
            changeset,
            clocks,
        })
    }

    /// Takes in a hub's workshop as this laptop's copy, which from now on syncs with the hub
    /// at `hub_url` using `secret`.
    pub fn join_sync(&self, snapshot: &Snapshot, hub_url: &str, secret: &str) -> Result<()> {
        if snapshot.schema != SCHEMA_VERSION {
            return Err(Error::InvalidInput(format!(
                "the hub runs another version of Fiilis (library schema {}, this one {}); update both to the same version",
                snapshot.schema, SCHEMA_VERSION
            )));
        }
        let workshop_id = &snapshot.workshop_id;
        self.write_unrecorded(|tx| {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM workshops WHERE id = ?1)",
                [workshop_id],
                |row| row.get(0),
            )?;
            if exists {
                return Err(Error::InvalidInput(
                    "this workshop is already on this laptop".into(),
                ));
            }
            super::apply::apply_all(tx, &snapshot.changeset)?;
            for (table, pk, column, hlc) in &snapshot.clocks {
                self.sync.clock.observe(hlc);
                tx.prepare_cached(
                    "INSERT OR REPLACE INTO sync_clocks (tbl, pk, col, workshop_id, hlc)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![table, pk, column, workshop_id, hlc])?;
            }
            tx.execute(
                "INSERT INTO sync_links (workshop_id, role, secret, hub_url, pulled, contact_at)
                 VALUES (?1, 'satellite', ?2, ?3, ?4, ?5)",
                params![workshop_id, secret, hub_url, snapshot.seq, now()],
            )?;
            Ok(())
        })?;
        self.sync.set_synced(workshop_id, true);
        Ok(())
    }
}
