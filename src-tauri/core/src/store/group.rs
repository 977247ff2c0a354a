//! Group commit: many small writes (a room of phones voting at once) share one transaction
//! and so one `fsync`, while each is still all-or-nothing and answered only once it is
//! durable.
//!
//! A caller queues its write and then takes the writing connection. Whoever holds it takes
//! every write queued so far, runs them in one `BEGIN IMMEDIATE` transaction, each inside a
//! savepoint of its own (a write that fails rolls back to its savepoint and leaves the others
//! standing), commits once, and only then answers each caller and announces the changes.
//! Callers whose write was taken by an earlier holder find their answer waiting. No thread is
//! kept for it: while one batch commits, the next one gathers in the queue.
//!
//! Writes queued here must own what they need (`'static`), since another caller's thread may
//! run them.

use std::any::Any;
use std::sync::mpsc;
use std::sync::Mutex;

use rusqlite::{Connection, TransactionBehavior};

use super::{unpoisoned, Library};
use crate::change::Change;
use crate::error::Result;

/// What a write answers once committed, and the change to announce.
type Done = (Box<dyn Any + Send>, Option<Change>);
type Job = Box<dyn FnOnce(&Connection) -> Result<Done> + Send>;

struct Pending {
    job: Job,
    answer: mpsc::Sender<Result<Box<dyn Any + Send>>>,
}

/// The writes waiting for the next commit.
#[derive(Default)]
pub(super) struct Queue(Mutex<Vec<Pending>>);

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
        unpoisoned(&self.queue.0).push(Pending { job, answer });
        {
            let mut conn = self.lock();
            // An earlier holder may have committed this write with its own batch.
            if let Ok(result) = answered.try_recv() {
                return downcast(result);
            }
            let batch = std::mem::take(&mut *unpoisoned(&self.queue.0));
            let changes = commit_batch(&mut conn, batch);
            drop(conn);
            for change in changes.iter().filter(|change| !change.is_empty()) {
                self.notify(change);
            }
        }
        downcast(answered.recv().expect("every queued write is answered"))
    }
}

fn downcast<T: 'static>(result: Result<Box<dyn Any + Send>>) -> Result<T> {
    result.map(|value| *value.downcast::<T>().expect("a write answers its own type"))
}

/// Runs `batch` in one transaction, a savepoint each, commits, then answers every caller.
/// Returns the changes to announce, in order.
fn commit_batch(conn: &mut Connection, batch: Vec<Pending>) -> Vec<Change> {
    let mut outcomes: Vec<(mpsc::Sender<_>, Result<Done>)> = Vec::with_capacity(batch.len());
    let mut batch = batch.into_iter();
    let committed = (|| -> Result<()> {
        let mut tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for pending in batch.by_ref() {
            let savepoint = tx.savepoint()?;
            let outcome = (pending.job)(&savepoint);
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
                let _ = answer.send(outcome.map(|(value, change)| {
                    changes.extend(change);
                    value
                }));
            }
        }
        // Nothing of the batch is stored: every caller hears why.
        Err(error) => {
            for (answer, outcome) in outcomes {
                let _ = answer.send(Err(match outcome {
                    Err(own) => own,
                    Ok(_) => error.duplicate(),
                }));
            }
            for pending in batch {
                let _ = pending.answer.send(Err(error.duplicate()));
            }
        }
    }
    changes
}
