// Labels of undo/redo steps ("Undo delete stage"): the history is shared with the board.
import { t, type MessageKey } from '../i18n/i18n.svelte';
import { en } from '../i18n/en';

/** `Undo …`/`Redo …` for a step name from `Change.undo`/`redo`, or plain Undo/Redo for an unknown one. */
export function stepLabel(direction: 'undo' | 'redo', step: string | null): string {
  const plain = t(direction === 'undo' ? 'board_undo' : 'board_redo');
  if (!step) return plain;
  const key = `step_${step}`;
  if (!(key in en)) return plain;
  return t(direction === 'undo' ? 'undo_step' : 'redo_step', { step: t(key as MessageKey) });
}
