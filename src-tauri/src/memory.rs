//! Gives the memory that the window's commands freed back to the system once they go quiet.
//!
//! Why: glibc's malloc keeps what a thread frees in that thread's arena for reuse, and never
//! returns most of it. Opening a large board builds its whole reply (5,000 notes as JSON) on
//! a command thread; with the 5,000-note board open the app process then held ~25 MB that
//! nothing used (docs/benchmarks.md). `malloc_trim` hands the free pages back. It walks every
//! arena, so it runs once the commands have stopped for a moment, not after each one.

use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::time::Duration;

/// How long the commands must have been quiet before the free memory is given back.
const QUIET: Duration = Duration::from_secs(2);

/// Runs its action once after each burst of work, when [`QUIET`] (or the given time) has
/// passed without more.
pub struct Trimmer {
    work: Sender<()>,
}

impl Trimmer {
    /// The trimmer of the running app: gives free memory back to the system.
    pub fn for_app() -> Self {
        Self::start(QUIET, give_back_free_memory)
    }

    /// Starts the thread that waits for work to stop and then runs `action`; the thread ends
    /// with the trimmer.
    pub fn start(quiet: Duration, action: impl Fn() + Send + 'static) -> Self {
        let (work, done) = channel::<()>();
        std::thread::spawn(move || {
            while done.recv().is_ok() {
                loop {
                    match done.recv_timeout(quiet) {
                        Ok(()) => continue,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                action();
            }
        });
        Self { work }
    }

    /// Notes that a command has just run.
    pub fn worked(&self) {
        // The thread only ends with the trimmer itself.
        let _ = self.work.send(());
    }
}

/// Returns the free pages of every malloc arena to the system (glibc only; elsewhere the
/// allocator is left to itself).
pub fn give_back_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of the allocator; any thread may call it.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Instant;

    fn wait_for(count: &AtomicUsize, expected: usize) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while count.load(Ordering::SeqCst) < expected && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[test]
    fn a_burst_of_work_is_followed_by_one_action_once_it_is_quiet() {
        let count = Arc::new(AtomicUsize::new(0));
        let counted = count.clone();
        let quiet = Duration::from_millis(300);
        let trimmer = Trimmer::start(quiet, move || {
            counted.fetch_add(1, Ordering::SeqCst);
        });
        std::thread::sleep(quiet * 2);
        assert_eq!(count.load(Ordering::SeqCst), 0, "no work, no action");

        for _ in 0..20 {
            trimmer.worked();
        }
        wait_for(&count, 1);
        std::thread::sleep(quiet * 2);
        assert_eq!(
            count.load(Ordering::SeqCst),
            1,
            "one action for the whole burst"
        );

        trimmer.worked();
        wait_for(&count, 2);
        assert_eq!(
            count.load(Ordering::SeqCst),
            2,
            "the next burst gets its own"
        );
    }

    /// Resident memory of this process in bytes (Linux).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fn resident() -> usize {
        let statm = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm");
        let pages: usize = statm.split(' ').nth(1).unwrap().parse().unwrap();
        pages * 4096
    }

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn freed_memory_that_malloc_keeps_goes_back_to_the_system() {
        const MB: usize = 1024 * 1024;
        // Many small blocks, then one kept after them: freeing the blocks leaves a hole that
        // malloc keeps (it only shrinks from the top on its own), as after a large reply.
        let blocks: Vec<Vec<u8>> = (0..16 * 1024).map(|_| vec![7u8; 4000]).collect();
        let kept = vec![9u8; 100];
        drop(blocks);
        let before = resident();
        give_back_free_memory();
        let after = resident();
        assert_eq!(kept, vec![9u8; 100]);
        assert!(
            before >= after + 32 * MB,
            "expected at least 32 MB back, resident went from {} to {} MB",
            before / MB,
            after / MB
        );
    }
}
