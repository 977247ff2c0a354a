//! Several laptops on one workshop: a hub (the main room's laptop) and satellites (breakout
//! rooms, a co-facilitator) exchange their changes as SQLite session changesets.
//!
//! Why the session extension: it already captures a transaction's row changes with their
//! before-images in a compact, schema-checked format and applies them with a conflict
//! handler, so nothing here diffs rows by hand. What this module adds is who sends what to
//! whom and how every laptop settles the same conflict the same way:
//!
//! - **Capture** (`store::recording`): each write to a synced workshop is one changeset in
//!   `sync_log`, stamped by the laptop's hybrid logical clock, with the stamp of each column
//!   it wrote in `sync_clocks`.
//! - **Exchange**: a satellite pushes its own log entries to the hub and pulls the hub's log
//!   (its own entries come back and are skipped). An entry is known by its origin laptop and
//!   number there, so one arriving twice (the network, a file carried twice) applies once.
//! - **Convergence** (`apply`): a column takes the value of its latest write by stamp, on
//!   every laptop, whatever order entries arrive in; a delete beats any edit it did not see
//!   (an undo that brings a row back is a later insert and beats the delete). What a laptop
//!   had and lost this way is kept in `sync_conflicts`, restorable.
//! - **Joining**: the hub hands a satellite a snapshot (every row of the workshop as one
//!   changeset of inserts, with the column clocks) and the log position it was taken at.

mod apply;
mod conflicts;
mod snapshot;

use base64::Engine;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::ids::now;
use crate::store::Library;

pub use conflicts::Conflict;
pub use snapshot::Snapshot;

/// How many entries one pull answers at most, and about how many bytes of changesets (photos
/// travel in them): the puller asks again for the rest. An entry larger than that still
/// travels, alone.
pub const PULL_LIMIT: i64 = 500;
pub const PULL_BYTES: usize = 8 * 1024 * 1024;

/// One change to a synced workshop, as it travels between laptops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Its place in the sender's log: what the receiver pulls after next time.
    pub seq: i64,
    pub workshop_id: String,
    /// The laptop that made the change, and its number there.
    pub origin: String,
    pub origin_seq: i64,
    /// The hybrid logical clock stamp of the change.
    pub hlc: String,
    /// The SQLite session changeset, in base64.
    #[serde(with = "base64_bytes")]
    pub changeset: Vec<u8>,
}

/// What a pull answers: entries after the asked position, and the position to ask after
/// next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    pub entries: Vec<Entry>,
    pub last: i64,
}

/// What this laptop is to a synced workshop. Named apart in TypeScript, where a participant's
/// `Role` takes the plain name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "SyncRole")]
pub enum Role {
    Hub,
    Satellite,
}

/// A workshop this laptop syncs, as the Room area lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Link {
    pub workshop_id: String,
    pub role: Role,
    /// The hub's address, on a satellite.
    pub hub_url: Option<String>,
    /// When another laptop was last heard from about this workshop.
    pub contact_at: Option<String>,
    /// This laptop's changes the hub has not yet confirmed (on a satellite).
    pub queued: i64,
}

/// What a hub shows for pairing: the secret (in the QR code's address) and a short code
/// made of its start, for typing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Pairing {
    pub workshop_id: String,
    pub secret: String,
    pub code: String,
}

/// A satellite as its hub knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Peer {
    pub site: String,
    /// When it last pulled or pushed.
    pub contact_at: String,
    /// Changes in the hub's log it has not pulled yet (its own left out).
    pub behind: i64,
}

/// What the Room area's "Laptops" shows of a workshop: this laptop, its link to others (if
/// the workshop is synced), and what syncing overwrote here.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Laptops {
    pub site: String,
    pub link: Option<Link>,
    /// On a hub, the satellites it has heard from, most recent first.
    pub peers: Vec<Peer>,
    pub conflicts: Vec<Conflict>,
}

/// What applying a changes file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportedChanges {
    pub workshop_id: String,
    /// How many of its changes were new here.
    pub applied: usize,
}

/// How stale a satellite's last contact on record may get before a pull that moved nothing
/// writes it again.
const PEER_CONTACT_SECONDS: i64 = 5;

/// How long the typed pairing code is: the secret's first characters.
pub const CODE_LENGTH: usize = 8;

impl Library {
    /// This laptop's site id: how other laptops tell its changes apart.
    pub fn sync_site(&self) -> String {
        self.sync.clock.site()
    }

    /// Makes this laptop the hub of `workshop_id` (or answers its existing pairing).
    pub fn host_sync(&self, workshop_id: &str) -> Result<Pairing> {
        let secret = self.write(|tx| {
            crate::history::check_editable(tx, workshop_id)?;
            let found: Option<(String, String)> = tx
                .query_row(
                    "SELECT role, secret FROM sync_links WHERE workshop_id = ?1",
                    [workshop_id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            match found {
                Some((role, secret)) if role == "hub" => Ok(secret),
                Some(_) => Err(Error::InvalidInput(
                    "this laptop follows another laptop's copy of the workshop; it cannot be its hub"
                        .into(),
                )),
                None => {
                    let secret = crate::secrets::new_secret();
                    tx.execute(
                        "INSERT INTO sync_links (workshop_id, role, secret) VALUES (?1, 'hub', ?2)",
                        params![workshop_id, secret],
                    )?;
                    Ok(secret)
                }
            }
        })?;
        self.sync.set_synced(workshop_id, true);
        Ok(Pairing {
            workshop_id: workshop_id.to_owned(),
            code: secret[..CODE_LENGTH].to_owned(),
            secret,
        })
    }

    /// Whether `secret` (the whole secret, or the typed code) pairs with `workshop_id` on
    /// this hub. Compared in constant time.
    pub fn sync_secret_matches(&self, workshop_id: &str, given: &str) -> Result<bool> {
        let secret: Option<String> = self.read(|conn| {
            Ok(conn
                .query_row(
                    "SELECT secret FROM sync_links WHERE workshop_id = ?1 AND role = 'hub'",
                    [workshop_id],
                    |row| row.get(0),
                )
                .optional()?)
        })?;
        Ok(secret.is_some_and(|secret| {
            let expected = if given.len() == CODE_LENGTH {
                &secret[..CODE_LENGTH]
            } else {
                &secret[..]
            };
            crate::secrets::matches(given, expected)
        }))
    }

    /// The pairing secret a satellite keeps for its hub, to carry on after a restart (never
    /// shown: [`Link`] leaves it out).
    pub fn sync_secret(&self, workshop_id: &str) -> Result<Option<String>> {
        self.read(|conn| {
            Ok(conn
                .query_row(
                    "SELECT secret FROM sync_links WHERE workshop_id = ?1 AND role = 'satellite'",
                    [workshop_id],
                    |row| row.get(0),
                )
                .optional()?)
        })
    }

    /// See [`Laptops`].
    pub fn get_laptops(&self, workshop_id: &str) -> Result<Laptops> {
        self.get_workshop(workshop_id)?;
        Ok(Laptops {
            site: self.sync_site(),
            link: self
                .sync_links()?
                .into_iter()
                .find(|link| link.workshop_id == workshop_id),
            peers: self.sync_peers(workshop_id)?,
            conflicts: self.sync_conflicts(workshop_id)?,
        })
    }

    /// Notes on a hub that the satellite `site` was heard from, and, when it pulled, the log
    /// position it had.
    pub fn sync_peer_seen(&self, workshop_id: &str, site: &str, pulled: Option<i64>) -> Result<()> {
        if site.is_empty() || site.len() > 64 || !site.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(Error::InvalidInput(
                "a laptop's site id is 1–64 letters and digits".into(),
            ));
        }
        // A satellite pulls a few times a second: a pull that moved nothing is written only
        // when the last contact on record is a few seconds old, not at every pull.
        let known: Option<(i64, String)> = self.read(|conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT pulled, contact_at FROM sync_peers WHERE workshop_id = ?1 AND site = ?2",
                )?
                .query_row(params![workshop_id, site], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?)
        })?;
        if let Some((had, contact_at)) = known {
            let recent = chrono::DateTime::parse_from_rfc3339(&contact_at).is_ok_and(|at| {
                chrono::Utc::now().signed_duration_since(at)
                    < chrono::Duration::seconds(PEER_CONTACT_SECONDS)
            });
            if recent && pulled.is_none_or(|pulled| pulled <= had) {
                return Ok(());
            }
        }
        self.write_unrecorded(|tx| {
            tx.prepare_cached(
                "INSERT INTO sync_peers (workshop_id, site, pulled, contact_at)
                 VALUES (?1, ?2, coalesce(?3, 0), ?4)
                 ON CONFLICT (workshop_id, site) DO UPDATE SET
                     pulled = max(pulled, coalesce(?3, pulled)), contact_at = ?4",
            )?
            .execute(params![workshop_id, site, pulled, now()])?;
            Ok(())
        })
    }

    fn sync_peers(&self, workshop_id: &str) -> Result<Vec<Peer>> {
        self.read(|conn| {
            let mut statement = conn.prepare(
                "SELECT p.site, p.contact_at,
                        (SELECT count(*) FROM sync_log g WHERE g.workshop_id = p.workshop_id
                           AND g.seq > p.pulled AND g.origin != p.site)
                 FROM sync_peers p WHERE p.workshop_id = ?1 ORDER BY p.contact_at DESC",
            )?;
            let peers = statement
                .query_map([workshop_id], |row| {
                    Ok(Peer {
                        site: row.get(0)?,
                        contact_at: row.get(1)?,
                        behind: row.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(peers)
        })
    }

    /// The workshops this laptop syncs.
    pub fn sync_links(&self) -> Result<Vec<Link>> {
        self.read(|conn| {
            let site = self.sync_site();
            let mut statement = conn.prepare(
                "SELECT l.workshop_id, l.role, l.hub_url, l.contact_at,
                        CASE l.role WHEN 'satellite' THEN
                          (SELECT count(*) FROM sync_log g
                           WHERE g.workshop_id = l.workshop_id AND g.origin = ?1 AND g.seq > l.pushed)
                        ELSE 0 END
                 FROM sync_links l ORDER BY l.workshop_id",
            )?;
            let links = statement
                .query_map([site], |row| {
                    let role: String = row.get(1)?;
                    Ok(Link {
                        workshop_id: row.get(0)?,
                        role: if role == "hub" {
                            Role::Hub
                        } else {
                            Role::Satellite
                        },
                        hub_url: row.get(2)?,
                        contact_at: row.get(3)?,
                        queued: row.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(links)
        })
    }

    /// The entries of `workshop_id`'s log after position `after`, oldest first: what a peer
    /// pulls.
    pub fn sync_changes_after(&self, workshop_id: &str, after: i64) -> Result<Batch> {
        self.read(|conn| {
            let mut statement = conn.prepare_cached(
                "SELECT seq, workshop_id, origin, origin_seq, hlc, changeset FROM sync_log
                 WHERE workshop_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
            )?;
            let entries = within_budget(
                statement.query_map(params![workshop_id, after, PULL_LIMIT], entry_from_row)?,
            )?;
            let last = entries.last().map_or(after, |entry| entry.seq);
            Ok(Batch { entries, last })
        })
    }

    /// This laptop's own changes to `workshop_id` the hub has not yet confirmed: what a
    /// satellite pushes.
    pub fn sync_outgoing(&self, workshop_id: &str) -> Result<Batch> {
        self.read(|conn| {
            let pushed: i64 = conn.query_row(
                "SELECT pushed FROM sync_links WHERE workshop_id = ?1",
                [workshop_id],
                |row| row.get(0),
            )?;
            let mut statement = conn.prepare_cached(
                "SELECT seq, workshop_id, origin, origin_seq, hlc, changeset FROM sync_log
                 WHERE workshop_id = ?1 AND origin = ?2 AND seq > ?3 ORDER BY seq LIMIT ?4",
            )?;
            let entries = within_budget(statement.query_map(
                params![workshop_id, self.sync_site(), pushed, PULL_LIMIT],
                entry_from_row,
            )?)?;
            let last = entries.last().map_or(pushed, |entry| entry.seq);
            Ok(Batch { entries, last })
        })
    }

    /// Notes how far a satellite got: the hub's log position it pulled up to, and its own
    /// log position the hub confirmed. Both only move forward.
    pub fn sync_progress(
        &self,
        workshop_id: &str,
        pulled: Option<i64>,
        pushed: Option<i64>,
    ) -> Result<()> {
        self.write_unrecorded(|tx| {
            tx.execute(
                "UPDATE sync_links SET pulled = max(pulled, coalesce(?2, pulled)),
                                       pushed = max(pushed, coalesce(?3, pushed)),
                                       contact_at = ?4
                 WHERE workshop_id = ?1",
                params![workshop_id, pulled, pushed, now()],
            )?;
            Ok(())
        })
    }

    /// Where a satellite's pull of `workshop_id` starts: the hub's log position it has.
    pub fn sync_pulled(&self, workshop_id: &str) -> Result<i64> {
        self.read(|conn| {
            conn.query_row(
                "SELECT pulled FROM sync_links WHERE workshop_id = ?1",
                [workshop_id],
                |row| row.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                kind: "synced workshop",
                id: workshop_id.to_owned(),
            })
        })
    }

    /// Every change to `workshop_id` this laptop has, as a file another laptop can apply
    /// (carried on a USB stick when there is no network). Applying it twice changes nothing.
    pub fn export_sync_changes(&self, workshop_id: &str) -> Result<Vec<u8>> {
        self.get_workshop(workshop_id)?;
        let mut entries = Vec::new();
        let mut after = 0;
        loop {
            let batch = self.sync_changes_after(workshop_id, after)?;
            if batch.entries.is_empty() {
                break;
            }
            after = batch.last;
            entries.extend(batch.entries);
        }
        let file = ChangesFile {
            fiilis_changes: 1,
            workshop_id: workshop_id.to_owned(),
            entries,
        };
        Ok(serde_json::to_vec(&file).expect("entries serialise"))
    }

    /// Applies a file made by [`Library::export_sync_changes`] to the same workshop here;
    /// answers how many changes were new.
    pub fn import_sync_changes(&self, bytes: &[u8]) -> Result<ImportedChanges> {
        let file: ChangesFile = serde_json::from_slice(bytes).map_err(|error| {
            Error::InvalidInput(format!("this is not a Fiilis changes file: {error}"))
        })?;
        if file.fiilis_changes != 1 {
            return Err(Error::InvalidInput(format!(
                "this changes file is version {}, which this Fiilis cannot read",
                file.fiilis_changes
            )));
        }
        let applied = self.receive_sync_changes(&file.workshop_id, &file.entries)?;
        Ok(ImportedChanges {
            workshop_id: file.workshop_id,
            applied,
        })
    }
}

/// The file [`Library::export_sync_changes`] writes.
#[derive(Serialize, Deserialize)]
struct ChangesFile {
    fiilis_changes: u32,
    workshop_id: String,
    entries: Vec<Entry>,
}

/// The entries up to [`PULL_BYTES`] of changesets, at least one.
fn within_budget(rows: impl Iterator<Item = rusqlite::Result<Entry>>) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    let mut bytes = 0;
    for entry in rows {
        let entry = entry?;
        bytes += entry.changeset.len();
        if bytes > PULL_BYTES && !entries.is_empty() {
            break;
        }
        entries.push(entry);
    }
    Ok(entries)
}

fn entry_from_row(row: &rusqlite::Row) -> rusqlite::Result<Entry> {
    Ok(Entry {
        seq: row.get(0)?,
        workshop_id: row.get(1)?,
        origin: row.get(2)?,
        origin_seq: row.get(3)?,
        hlc: row.get(4)?,
        changeset: row.get(5)?,
    })
}

mod base64_bytes {
    use super::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: i64, bytes: usize) -> rusqlite::Result<Entry> {
        Ok(Entry {
            seq,
            workshop_id: "w".into(),
            origin: "o".into(),
            origin_seq: seq,
            hlc: String::new(),
            changeset: vec![0; bytes],
        })
    }

    #[test]
    fn a_pull_stops_at_its_byte_budget_but_always_carries_one_entry() {
        let half = PULL_BYTES / 2;
        let taken =
            within_budget([entry(1, half), entry(2, half), entry(3, 1)].into_iter()).unwrap();
        assert_eq!(taken.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2]);
        let huge = within_budget([entry(1, PULL_BYTES * 2), entry(2, 1)].into_iter()).unwrap();
        assert_eq!(huge.len(), 1);
    }
}
