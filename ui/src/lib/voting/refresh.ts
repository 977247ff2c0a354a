// Coalesced reloading: live changes can arrive many times a second while a room votes, but a
// view only needs one load running and, if more changes came in meanwhile, one more after it.

/**
 * Wraps `task` so that calls while it runs do not start it again but make it run once more
 * when the current run ends. The returned promise settles when a run that started after
 * the call has finished. Errors go to `onerror`; they never reject the caller.
 */
export function coalesce(task: () => Promise<void>, onerror: (err: unknown) => void = () => {}): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;

  const start = (): Promise<void> => {
    running = task()
      .catch(onerror)
      .finally(() => {
        running = null;
      });
    return running;
  };

  return () => {
    if (!running) return start();
    // The running load may have read the state before this call's change: run once more.
    again ??= running.then(() => {
      again = null;
      return start();
    });
    return again;
  };
}
