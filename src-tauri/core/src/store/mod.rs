//! The library: one SQLite file holding every workshop on this laptop.
//!
//! Durability comes before speed: WAL with `synchronous=FULL`, foreign keys enforced, and
//! every change in a `BEGIN IMMEDIATE` transaction so a multi-row change is all or nothing
//! and writers never deadlock upgrading a read lock. One connection behind a mutex is
//! enough for a workshop's write rate and keeps the store free of any async runtime.

pub mod backup;
mod external;
mod migrations;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::change::Change;
use crate::error::{Error, Result};

/// Called with every change after it is committed (see [`Library::watch`]); answers whether
/// it wants to hear of more.
type Watcher = Box<dyn Fn(&Change) -> bool + Send + Sync>;

pub use migrations::SCHEMA_VERSION;

/// The file name of the library database inside a data folder.
pub const LIBRARY_FILE: &str = "library.db";

pub struct Library {
    conn: Mutex<Connection>,
    path: PathBuf,
    watchers: Mutex<Vec<Watcher>>,
    seen: Mutex<external::Seen>,
}

impl Library {
    /// Opens (creating if needed) the library in `dir`, the app's data folder.
    pub fn open_in_dir(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)?;
        Self::open(&dir.join(LIBRARY_FILE))
    }

    /// Opens (creating if needed) the library database at `path` and brings its schema up
    /// to date. A database from a newer Fiilis is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Self> {
        refuse_newer_schema(path)?;
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::migrate(&mut conn, path)?;
        Ok(Library {
            conn: Mutex::new(conn),
            path: path.to_owned(),
            watchers: Mutex::new(Vec::new()),
            seen: Mutex::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64> {
        self.read(|conn| Ok(migrations::user_version(conn)?))
    }

    /// Runs `f` on the connection for reading.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.lock())
    }

    /// Runs `f` inside one `BEGIN IMMEDIATE` transaction, committed only if `f` succeeds.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Calls `watcher` with every content change once it is committed, until it answers
    /// `false`. This is how the desktop windows, the HTTP event stream and the phones hear of
    /// changes made anywhere in the app.
    pub fn watch(&self, watcher: impl Fn(&Change) -> bool + Send + Sync + 'static) {
        self.watchers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(Box::new(watcher));
    }

    pub(crate) fn notify(&self, change: &Change) {
        self.saw_revision(&change.workshop_id, change.revision);
        self.watchers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .retain(|watcher| watcher(change));
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written change behind (the
        // transaction rolls back on drop), so the connection stays usable.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Peeks at an existing database read-only, so a newer one is never touched: not even the
/// journal mode, which would rewrite its header.
fn refuse_newer_schema(path: &Path) -> Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let found = migrations::user_version(&conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew {
            path: path.display().to_string(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}
