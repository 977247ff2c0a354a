// Signals shared by the library views.

/** Bumped whenever workshops change outside the visible list (e.g. an Undo from a toast). */
export const libraryChanges = $state({ version: 0 });

export function libraryChanged(): void {
  libraryChanges.version++;
}

let ready = false;

/** Tests wait for `body[data-ready=true]`: set once the first screen (the library, or a workshop the address names) has loaded. */
export function markReady(): void {
  if (ready) return;
  ready = true;
  document.body.dataset.ready = 'true';
  document.getElementById('app')?.setAttribute('data-ready', 'true');
}

/** Focus an element inside a workshop card, e.g. its open button. */
export function focusInCard(id: string, selector = '[data-testid=open]'): boolean {
  const card = document.querySelector(`[data-workshop-id="${CSS.escape(id)}"]`);
  const target = card?.querySelector<HTMLElement>(selector) ?? card?.querySelector<HTMLElement>('button');
  if (target) {
    target.focus();
    return true;
  }
  return false;
}

export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

export function isModalOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}
