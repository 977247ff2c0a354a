//! The library: one SQLite file holding every workshop on this laptop.
//!
//! Durability comes before speed: WAL with `synchronous=FULL`, foreign keys enforced, and
//! every change in a `BEGIN IMMEDIATE` transaction so a multi-row change is all or nothing
//! and writers never deadlock upgrading a read lock. One writing connection behind a mutex
//! takes every change, in order; a room full of phones voting at once shares its commits
//! (see [`group`]). Reads go to a small pool of read-only connections of their own, which
//! WAL lets read the last commit while the writer writes, so phones' views, the
//! facilitator's screens and exports never wait behind a write or each other. No async
//! runtime is involved.

pub mod backup;
pub(crate) mod changeset;
mod clock;
mod external;
mod group;
pub(crate) mod migrations;
pub(crate) mod recording;

use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::change::Change;
use crate::error::{Error, Result};

/// Called with every change after it is committed (see [`Library::watch`]); answers whether
/// it wants to hear of more.
type Watcher = Box<dyn Fn(&Change) -> bool + Send + Sync>;

pub use migrations::SCHEMA_VERSION;

/// The file name of the library database inside a data folder.
pub const LIBRARY_FILE: &str = "library.db";

/// A view kept for a revision, of any type (see [`Library::cached`]).
type View = Arc<dyn Any + Send + Sync>;

/// Prepared statements each connection keeps: more than one operation uses, so a room voting
/// flat out (a dozen statements a vote) never prepares one twice. SQLite's parser would
/// otherwise cost a vote more than its writes do.
const STATEMENTS: usize = 256;

/// How many read-only connections read beside the writer: enough for the cores of a laptop.
/// Callers that read in crowds (a hall of phones) run no more reads at once than this.
pub const READERS: usize = 4;

pub struct Library {
    // The readers are declared (and so dropped) before the writer: the last connection to close
    // folds the WAL back into the file and removes it, which only a writing one may do.
    readers: Vec<Mutex<Connection>>,
    conn: Mutex<Connection>,
    queue: group::Queue,
    /// Views many callers ask for at one revision, computed once (see [`Library::cached`]).
    views: Mutex<HashMap<String, (i64, View)>>,
    /// Per workshop, the revision of its last change every phone would see (see
    /// [`Library::phone_revision`]).
    phone_revisions: Mutex<HashMap<String, i64>>,
    path: PathBuf,
    watchers: Mutex<Vec<Watcher>>,
    seen: Mutex<external::Seen>,
    /// This laptop's clock and synced workshops; every write records through it.
    pub(crate) sync: recording::Recording,
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
        conn.set_prepared_statement_cache_capacity(STATEMENTS);
        migrations::migrate(&mut conn, path)?;
        let sync = recording::Recording::load(&conn)?;
        let readers = (0..READERS)
            .map(|_| open_reader(path).map(Mutex::new))
            .collect::<Result<_>>()?;
        Ok(Library {
            readers,
            conn: Mutex::new(conn),
            queue: group::Queue::default(),
            views: Mutex::default(),
            phone_revisions: Mutex::default(),
            path: path.to_owned(),
            watchers: Mutex::new(Vec::new()),
            seen: Mutex::default(),
            sync,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64> {
        self.read(|conn| Ok(migrations::user_version(conn)?))
    }

    /// Runs `f` on a read-only connection: it sees the last commit, whatever the writer is
    /// doing meanwhile.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let free = self
            .readers
            .iter()
            .find_map(|reader| reader.try_lock().ok());
        let reader = match free {
            Some(reader) => reader,
            // All busy: queue on one, spread by thread so waits are shared out.
            None => {
                let index = thread_slot() % self.readers.len();
                unpoisoned(&self.readers[index])
            }
        };
        // One read transaction: every statement of `f` sees the same commit, so a read never
        // lands between the rows of one write (a section moved, its notes not yet). Dropping
        // it ends the read; nothing was written to keep.
        let snapshot = reader.unchecked_transaction()?;
        f(&snapshot)
    }

    /// The view of type `T` of `workshop_id` at `revision`: computed by `compute` the first
    /// time it is asked for at that revision, then shared. One view per type and workshop is
    /// kept, the newest asked for.
    pub(crate) fn cached<T: Any + Send + Sync>(
        &self,
        workshop_id: &str,
        revision: i64,
        compute: impl FnOnce() -> Result<T>,
    ) -> Result<Arc<T>> {
        let key = format!("{}/{workshop_id}", std::any::type_name::<T>());
        let found = unpoisoned(&self.views)
            .get(&key)
            .filter(|(at, _)| *at == revision)
            .and_then(|(_, view)| view.clone().downcast::<T>().ok());
        if let Some(view) = found {
            return Ok(view);
        }
        let view = Arc::new(compute()?);
        let mut views = unpoisoned(&self.views);
        let newer = views.get(&key).is_some_and(|(at, _)| *at > revision);
        if !newer {
            views.insert(key, (revision, view.clone()));
        }
        Ok(view)
    }

    /// The revision of the last change to `workshop_id` that every phone would see: the key
    /// of what phones are shown alike, so a room's votes (which change only the voter's own
    /// view) do not make every phone's shared view be computed again. Before the first such
    /// change this process hears of, the workshop's revision as `stored` reads it.
    pub(crate) fn phone_revision(
        &self,
        workshop_id: &str,
        stored: impl FnOnce() -> Result<i64>,
    ) -> Result<i64> {
        if let Some(revision) = unpoisoned(&self.phone_revisions).get(workshop_id) {
            return Ok(*revision);
        }
        let stored = stored()?;
        Ok(*unpoisoned(&self.phone_revisions)
            .entry(workshop_id.to_owned())
            .or_insert(stored))
    }

    /// Runs `f` on the writing connection, outside any transaction: for what must see this
    /// connection's own view (whether others committed, see `external`).
    pub(crate) fn read_on_writer<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.lock())
    }

    /// Runs `f` inside one `BEGIN IMMEDIATE` transaction, committed only if `f` succeeds.
    /// What it changes in a synced workshop is queued for the other laptops.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.write_unrecorded(|tx| self.sync.recorded(tx, || f(tx)))
    }

    /// [`Library::write`] without recording: for changes received from other laptops, which
    /// are queued as they came.
    pub(crate) fn write_unrecorded<T>(
        &self,
        f: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
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
        if change.reaches_every_phone() {
            unpoisoned(&self.phone_revisions).insert(change.workshop_id.clone(), change.revision);
        }
        self.watchers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .retain(|watcher| watcher(change));
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written change behind (the
        // transaction rolls back on drop), so the connection stays usable.
        unpoisoned(&self.conn)
    }
}

/// Locks `mutex` even after a panic elsewhere while it was held: what the store guards by a
/// mutex (a connection whose transaction rolled back on the panic, queues, caches) is still
/// whole.
pub(super) fn unpoisoned<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A read-only connection to the library for the reading pool.
fn open_reader(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.set_prepared_statement_cache_capacity(STATEMENTS);
    Ok(conn)
}

/// A small number that differs between threads, to spread waits over the readers.
fn thread_slot() -> usize {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::thread::current().id().hash(&mut hasher);
    hasher.finish() as usize
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
