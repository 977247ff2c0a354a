//! Backups of the library: whole, consistent copies made while it is open.
//!
//! `VACUUM INTO`, on a read-only connection of its own, writes a compact snapshot of the
//! database as of one transaction, into a
//! temporary file that is synced and then renamed into place, so a backup on disk is always
//! complete: a crash mid-backup leaves only a `.partial` file, which the next backup replaces.
//! The newest few are kept; names sort by time.
//!
//! A backup can be restored two ways: into the running app ([`Library::restore_backup`],
//! which first backs up the present so the restore can itself be undone), or onto a closed
//! library file ([`restore`], for the recovery screen when the library will not open).

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::Library;
use crate::error::{Error, Result};
use ts_rs::TS;

/// The folder beside the library file that holds its backups.
pub const BACKUP_DIR: &str = "backups";
/// How many backups are kept.
pub const KEEP: usize = 10;

/// A backup on disk.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
pub struct Backup {
    /// The file name, by which the UIs ask for a restore.
    pub name: String,
    /// When it was made (RFC 3339), read from its name.
    pub created_at: String,
    pub bytes: u64,
    #[serde(skip)]
    pub path: PathBuf,
}

impl Backup {
    fn at(path: PathBuf) -> Result<Backup> {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let created_at = name
            .strip_prefix("library-")
            .and_then(|rest| rest.strip_suffix(".db"))
            .and_then(|stamp| {
                chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S%.3fZ").ok()
            })
            .map(|time| {
                time.and_utc()
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
            })
            .unwrap_or_default();
        let bytes = std::fs::metadata(&path)?.len();
        Ok(Backup {
            name,
            created_at,
            bytes,
            path,
        })
    }
}

/// What a restore into the running app did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
pub struct Restored {
    /// The backup whose content is now the library.
    pub restored: String,
    /// The backup of the library as it was just before, to undo the restore with.
    pub safety_backup: String,
}

impl Library {
    /// Writes a new backup and removes all but the newest [`KEEP`].
    pub fn backup(&self) -> Result<Backup> {
        let dir = backup_dir_of(self.path());
        std::fs::create_dir_all(&dir)?;
        let name = format!("library-{}.db", Utc::now().format("%Y%m%dT%H%M%S%.3fZ"));
        let partial = dir.join(format!("{name}.partial"));
        let _ = std::fs::remove_file(&partial);
        // A connection of its own: in WAL mode it reads a consistent snapshot while the app's
        // connection goes on committing, so a backup never holds up the window or the phones.
        let conn = rusqlite::Connection::open_with_flags(
            self.path(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()])?;
        drop(conn);
        std::fs::File::open(&partial)?.sync_all()?;
        let path = dir.join(name);
        std::fs::rename(&partial, &path)?;
        // The rename itself must reach the disk, or a power cut could forget it.
        std::fs::File::open(&dir)?.sync_all()?;
        for old in self.backups()?.into_iter().skip(KEEP) {
            std::fs::remove_file(old.path)?;
        }
        Backup::at(path)
    }

    /// The backups there are, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        backups_of(self.path())
    }

    /// Puts the content of the backup called `name` in place of the library, in the running
    /// app. The present state is backed up first; every workshop is then announced as
    /// changed (`reload`), since any of them may have.
    pub fn restore_backup(&self, name: &str) -> Result<Restored> {
        let backup = self
            .backups()?
            .into_iter()
            .find(|backup| backup.name == name)
            .ok_or_else(|| Error::NotFound {
                kind: "backup",
                id: name.to_owned(),
            })?;
        check_backup(&backup.path)?;
        let safety = self.backup()?;
        let before = self.workshop_ids()?;
        {
            let mut conn = self.lock();
            conn.restore(
                rusqlite::MAIN_DB,
                &backup.path,
                None::<fn(rusqlite::backup::Progress)>,
            )?;
            // An older backup comes back in its own schema.
            super::migrations::migrate(&mut conn, self.path())?;
            self.sync.restart(&conn)?;
        }
        let after = self.workshop_ids()?;
        for workshop_id in before.union(&after) {
            self.announce_reload(workshop_id)?;
        }
        Ok(Restored {
            restored: backup.name,
            safety_backup: safety.name,
        })
    }

    fn workshop_ids(&self) -> Result<std::collections::BTreeSet<String>> {
        self.read(|conn| {
            let mut statement = conn.prepare("SELECT id FROM workshops")?;
            let ids = statement.query_map([], |row| row.get(0))?;
            Ok(ids.collect::<rusqlite::Result<_>>()?)
        })
    }
}

fn backup_dir_of(library_path: &Path) -> PathBuf {
    library_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(BACKUP_DIR)
}

/// The backups of the library file at `library_path`, newest first; it need not open.
pub fn backups_of(library_path: &Path) -> Result<Vec<Backup>> {
    let dir = backup_dir_of(library_path);
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("library-") && name.ends_with(".db") {
            found.push(Backup::at(entry.path())?);
        }
    }
    found.sort_by(|a, b| b.path.cmp(&a.path));
    Ok(found)
}

/// Checks, read-only, that `path` is a whole Fiilis library this version can open.
fn check_backup(path: &Path) -> Result<()> {
    let unusable =
        |why: String| Error::invalid(format!("{} is not a usable backup: {why}", path.display()));
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|error| unusable(error.to_string()))?;
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|error| unusable(error.to_string()))?;
    if integrity != "ok" {
        return Err(unusable(format!("it is damaged ({integrity})")));
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(|error| unusable(error.to_string()))?;
    if !(1..=super::SCHEMA_VERSION).contains(&version) {
        return Err(unusable(format!(
            "it holds no Fiilis library of a version this one reads (found {version})"
        )));
    }
    Ok(())
}

/// Puts a backup in place of the library at `library_path`, which must not be open. The
/// current library (with its journal files) is first set aside, never deleted; the answer
/// is where it went.
pub fn restore(backup: &Path, library_path: &Path) -> Result<Option<PathBuf>> {
    check_backup(backup)?;
    let aside = set_aside(library_path, "before-restore")?;
    let partial = library_path.with_extension("db.partial");
    std::fs::copy(backup, &partial)?;
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, library_path)?;
    Ok(aside)
}

/// Moves the library file at `library_path` and its `-wal`/`-shm` journal files aside, to
/// names ending in `.<why>-<time>`, so a new library can take their place while nothing of
/// the old one is lost: a damaged library's journal may hold its newest changes. The answer
/// is the set-aside library file, if there was one.
pub fn set_aside(library_path: &Path, why: &str) -> Result<Option<PathBuf>> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let mut moved = None;
    for suffix in ["", "-wal", "-shm"] {
        let mut from = library_path.as_os_str().to_owned();
        from.push(suffix);
        let from = PathBuf::from(from);
        if !from.exists() {
            continue;
        }
        let mut to = from.as_os_str().to_owned();
        to.push(format!(".{why}-{stamp}"));
        let to = PathBuf::from(to);
        std::fs::rename(&from, &to)?;
        if suffix.is_empty() {
            moved = Some(to);
        }
    }
    if let Some(dir) = library_path.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(moved)
}
