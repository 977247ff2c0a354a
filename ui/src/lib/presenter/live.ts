// Which live changes the board on the projector cannot simply apply. Notes and groups come
// through `applyChange`; the votes shown on the notes and the count of face-down notes come
// with `get_board`, so a change that may alter them loads the board again. (A missed change
// is found from the revisions, by the store: see board.svelte.ts.)
import type { Change } from '../backend/types';
import type { BoardState } from '../board/state';

/**
 * True when `change` needs a fresh `get_board` rather than (or besides) `applyChange` on
 * `state`, whose shown votes are those of round `shownRound` (null: none).
 */
export function needsReload(state: BoardState, shownRound: string | null, change: Change): boolean {
  if (change.workshop_id !== state.workshopId) return false;
  if (change.reload) return true;
  const up = change.upserted;
  const gone = change.deleted;
  // A round revealed, reopened or removed changes whose votes the board shows.
  if ((up?.voting_rounds?.length ?? 0) > 0 || (gone?.voting_rounds?.length ?? 0) > 0) return true;
  // Votes of another round than the shown one show nothing until that round is revealed,
  // which is a change of its round; a removed vote names no round, so it may be a shown one.
  if ((up?.votes ?? []).some((v) => v.round_id === shownRound)) return true;
  if (shownRound !== null && (gone?.votes?.length ?? 0) > 0) return true;
  // A note turned over (or face down again, by an undo).
  return (up?.notes ?? []).some((n) => {
    const before = state.notes.get(n.id);
    return before !== undefined && before.hidden !== n.hidden;
  });
}
