// The presenter's keys, for a facilitator with a clicker or a keyboard at the projector:
// B switches between the overview and the board, Esc goes from one group back to the board.

export type PresenterKey = 'toggle-board' | 'back';

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'repeat'> & { target: EventTarget | null };

/** Whether `target` takes typed text, where a letter must stay a letter. */
function typing(target: EventTarget | null): boolean {
  const el = target as { tagName?: unknown; isContentEditable?: unknown } | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.isContentEditable === true || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName.toUpperCase());
}

/** What a key pressed in the presenter window asks for, if anything. */
export function presenterKey(event: KeyLike): PresenterKey | null {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return null;
  if (event.key === 'Escape') return 'back';
  if ((event.key === 'b' || event.key === 'B') && !event.repeat) return 'toggle-board';
  return null;
}
