//! Group commit: many small writes (a room of phones voting at once) share one transaction
//! and so one `fsync`, while each is still all-or-nothing and answered only once it is
//! durable.
//!
//! A caller queues its write. If no one is leading, it leads: it takes the writing connection
//! and every write queued so far, runs them in one `BEGIN IMMEDIATE` transaction, each inside
//! a savepoint of its own (a write that fails rolls back to its savepoint and leaves the
//! others standing), commits once, and only then answers each caller and announces the
//! changes. Then it hands the lead to the oldest write that queued meanwhile, if any, and goes
//! back to its own caller: no thread serves the room for ever, and no thread is kept for it.
//!
//! Callers wait on their own answer, never on the connection: a write committed in someone
//! else's batch is answered the moment that batch commits, not after the next batch too.
//!
//! Writes queued here must own what they need (`'static`), since another caller's thread may
//! run them.

use std::any::Any;
use std::sync::mpsc;
use std::sync::Mutex;

use rusqlite::{Connection, TransactionBehavior};

use super::recording::Recording;
use super::{unpoisoned, Library};
use crate::change::Change;
use crate::error::{Error, Result};

/// What a write answers once committed, and the change to announce.
type Done = (Box<dyn Any + Send>, Option<Change>);
type Job = Box<dyn FnOnce(&Connection) -> Result<Done> + Send>;

/// What a waiting caller hears.
enum Word {
    /// Its write's outcome.
    Answer(Result<Box<dyn Any + Send>>),
    /// Its write is the oldest queued and nobody leads: lead the next batch.
    Lead,
}

struct Pending {
    job: Job,
    answer: mpsc::Sender<Word>,
}

/// The writes waiting for the next commit, and whether a caller is leading a batch.
#[derive(Default)]
pub(super) struct Queue(Mutex<Waiting>);

#[derive(Default)]
struct Waiting {
    writes: Vec<Pending>,
    leading: bool,
}

impl Library {
    /// Runs `write` in a transaction shared with the writes queued beside it, inside a
    /// savepoint of its own; answers its value once the transaction is committed and, after
    /// that, announces its change to the watchers (when it changed something).
    pub(crate) fn write_grouped<T: Send + 'static>(
        &self,
        write: impl FnOnce(&Connection) -> Result<(T, Option<Change>)> + Send + 'static,
    ) -> Result<T> {
        let (answer, answered) = mpsc::channel();
        let job: Job = Box::new(move |conn| {
            write(conn).map(|(value, change)| (Box::new(value) as Box<dyn Any + Send>, change))
        });
        let lead = {
            let mut waiting = unpoisoned(&self.queue.0);
            waiting.writes.push(Pending { job, answer });
            !std::mem::replace(&mut waiting.leading, true)
        };
        if lead {
            self.lead();
        }
        loop {
            match answered.recv() {
                Ok(Word::Answer(result)) => return downcast(result),
                Ok(Word::Lead) => self.lead(),
                // Its batch's leader panicked before answering.
                Err(_) => return Err(Error::Io(std::io::Error::other("the write was lost"))),
            }
        }
    }

    /// Commits one batch of what is queued, announces it, then passes the lead on.
    fn lead(&self) {
        let _passing = PassLead(&self.queue);
        let mut conn = self.lock();
        let batch = std::mem::take(&mut unpoisoned(&self.queue.0).writes);
        let changes = commit_batch(&mut conn, &self.sync, batch);
        drop(conn);
        // Announced before the lead passes on, so watchers hear batches in commit order.
        for change in changes.iter().filter(|change| !change.is_empty()) {
            self.notify(change);
        }
    }
}

/// Passes the lead to the oldest queued write when a leader is done (or panicked), or marks
/// that nobody leads.
struct PassLead<'a>(&'a Queue);

impl Drop for PassLead<'_> {
    fn drop(&mut self) {
        let mut waiting = unpoisoned(&self.0 .0);
        // A caller that can no longer hear (gone with a panic) cannot lead: try the next.
        while let Some(oldest) = waiting.writes.first() {
            if oldest.answer.send(Word::Lead).is_ok() {
                return;
            }
            waiting.writes.remove(0);
        }
        waiting.leading = false;
    }
}

fn downcast<T: 'static>(result: Result<Box<dyn Any + Send>>) -> Result<T> {
    result.map(|value| *value.downcast::<T>().expect("a write answers its own type"))
}

/// Runs `batch` in one transaction, a savepoint each, commits, then answers every caller.
/// Returns the changes to announce, in order.
fn commit_batch(conn: &mut Connection, sync: &Recording, batch: Vec<Pending>) -> Vec<Change> {
    let mut outcomes: Vec<(mpsc::Sender<Word>, Result<Done>)> = Vec::with_capacity(batch.len());
    let mut batch = batch.into_iter();
    let committed = (|| -> Result<()> {
        let mut tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for pending in batch.by_ref() {
            let savepoint = tx.savepoint()?;
            let outcome = sync.recorded(&savepoint, || (pending.job)(&savepoint));
            // Dropped without commit, the savepoint rolls back this write alone.
            let released = match outcome {
                Ok(_) => savepoint.commit(),
                Err(_) => Ok(()),
            };
            outcomes.push((pending.answer, outcome));
            released?;
        }
        tx.commit()?;
        Ok(())
    })();
    let mut changes = Vec::new();
    match committed {
        Ok(()) => {
            for (answer, outcome) in outcomes {
                let _ = answer.send(Word::Answer(outcome.map(|(value, change)| {
                    changes.extend(change);
                    value
                })));
            }
        }
        // Nothing of the batch is stored: every caller hears why.
        Err(error) => {
            for (answer, outcome) in outcomes {
                let _ = answer.send(Word::Answer(Err(match outcome {
                    Err(own) => own,
                    Ok(_) => error.duplicate(),
                })));
            }
            for pending in batch {
                let _ = pending.answer.send(Word::Answer(Err(error.duplicate())));
            }
        }
    }
    changes
}
