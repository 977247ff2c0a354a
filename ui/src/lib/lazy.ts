// The parts of the UI that the first screen (the library) does not show. They load when first
// wanted, so the window's first frame waits for a third of the code (docs/benchmarks.md,
// startup), and `warmUp` fetches them just after that frame so opening a workshop stays instant.

let shell: Promise<typeof import('./workshop/WorkshopShell.svelte')> | null = null;
let presenter: Promise<typeof import('./presenter/Presenter.svelte')> | null = null;

/** The workshop areas: board, journey, personas, voting, room and exports. */
export function loadWorkshopShell() {
  shell ??= import('./workshop/WorkshopShell.svelte');
  return shell;
}

/** The projector's read-only window. */
export function loadPresenter() {
  presenter ??= import('./presenter/Presenter.svelte');
  return presenter;
}

/** Starts loading the workshop areas in the background, once the first frame is drawn. */
export function warmUp(): void {
  setTimeout(() => {
    loadWorkshopShell().catch(() => {
      // Opening a workshop will try again and show what went wrong.
    });
  }, 0);
}
