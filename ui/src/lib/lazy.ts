// The parts of the UI that the first screen (the library) does not show. They load when first
// wanted, so the window's first frame waits for a third of the code (docs/benchmarks.md,
// startup), and `warmUp` fetches them just after that frame so opening a workshop stays instant.

/** Loads a module once; a failed load is forgotten, so the next call tries again. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= load().catch((err: unknown) => {
      pending = null;
      throw err;
    }));
}

/** The workshop areas: board, journey, personas, voting, room and exports. */
export const loadWorkshopShell = once(() => import('./workshop/WorkshopShell.svelte'));

/** The projector's read-only window. */
export const loadPresenter = once(() => import('./presenter/Presenter.svelte'));

/** Starts loading the workshop areas in the background, once the first frame is drawn. */
export function warmUp(): void {
  setTimeout(() => {
    loadWorkshopShell().catch(() => {
      // Opening a workshop will try again and show what went wrong.
    });
  }, 0);
}
