// Labels of undo/redo steps ("Undo delete stage"): the history is shared with the board.
import { t, type MessageKey } from '../i18n/i18n.svelte';
import { en } from '../i18n/en';

/** The journey map's own steps, named by keys of its block of messages. */
const MAP_STEPS: Record<string, MessageKey> = {
  add_lane: 'lane_step_add',
  rename_lane: 'lane_step_rename',
  move_lane: 'lane_step_move',
  delete_lane: 'lane_step_delete',
  set_lane_text: 'lane_step_text',
  set_lane_image: 'lane_step_image',
  add_feeling: 'feelings_step_add',
  delete_feeling: 'feelings_step_delete',
  set_stage_figure: 'metrics_step_set',
  delete_stage_figure: 'metrics_step_delete',
};

/** `Undo …`/`Redo …` for a step name from `Change.undo`/`redo`, or plain Undo/Redo for an unknown one. */
export function stepLabel(direction: 'undo' | 'redo', step: string | null): string {
  const plain = t(direction === 'undo' ? 'board_undo' : 'board_redo');
  if (!step) return plain;
  const key = MAP_STEPS[step] ?? `step_${step}`;
  if (!(key in en)) return plain;
  return t(direction === 'undo' ? 'undo_step' : 'redo_step', { step: t(key as MessageKey) });
}
