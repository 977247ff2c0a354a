//! Backups of the library: whole, consistent copies made while it is open.
//!
//! `VACUUM INTO` writes a compact snapshot of the database as of one transaction, into a
//! temporary file that is synced and then renamed into place, so a backup on disk is always
//! complete: a crash mid-backup leaves only a `.partial` file, which the next backup replaces.
//! The newest few are kept; names sort by time.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::Library;
use crate::error::{Error, Result};

/// The folder beside the library file that holds its backups.
pub const BACKUP_DIR: &str = "backups";
/// How many backups are kept.
pub const KEEP: usize = 10;

/// A backup on disk.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Backup {
    pub path: PathBuf,
    pub bytes: u64,
}

impl Library {
    fn backup_dir(&self) -> PathBuf {
        self.path()
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join(BACKUP_DIR)
    }

    /// Writes a new backup and removes all but the newest [`KEEP`].
    pub fn backup(&self) -> Result<Backup> {
        let dir = self.backup_dir();
        std::fs::create_dir_all(&dir)?;
        let name = format!("library-{}.db", Utc::now().format("%Y%m%dT%H%M%S%.3fZ"));
        let partial = dir.join(format!("{name}.partial"));
        let _ = std::fs::remove_file(&partial);
        self.read(|conn| {
            conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()])?;
            Ok(())
        })?;
        std::fs::File::open(&partial)?.sync_all()?;
        let path = dir.join(name);
        std::fs::rename(&partial, &path)?;
        // The rename itself must reach the disk, or a power cut could forget it.
        std::fs::File::open(&dir)?.sync_all()?;
        for old in self.backups()?.into_iter().skip(KEEP) {
            std::fs::remove_file(old.path)?;
        }
        let bytes = std::fs::metadata(&path)?.len();
        Ok(Backup { path, bytes })
    }

    /// The backups there are, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        let dir = self.backup_dir();
        if !dir.exists() {
            return Ok(Vec::new());
        }
        let mut found = Vec::new();
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("library-") && name.ends_with(".db") {
                found.push(Backup {
                    path: entry.path(),
                    bytes: entry.metadata()?.len(),
                });
            }
        }
        found.sort_by(|a, b| b.path.cmp(&a.path));
        Ok(found)
    }
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
/// current library is first moved aside (as `library.db.before-restore`), never deleted.
pub fn restore(backup: &Path, library_path: &Path) -> Result<()> {
    check_backup(backup)?;
    if library_path.exists() {
        let aside = library_path.with_extension("db.before-restore");
        std::fs::rename(library_path, aside)?;
    }
    for suffix in ["-wal", "-shm"] {
        let mut side = library_path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    let partial = library_path.with_extension("db.partial");
    std::fs::copy(backup, &partial)?;
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, library_path)?;
    Ok(())
}
