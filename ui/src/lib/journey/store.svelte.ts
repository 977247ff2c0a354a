// Loads a workshop's journey (and, for the map, its board notes), keeps it current with
// live changes, and runs the operations that return a `Change`. Shared by the Journey and
// Personas areas; each area makes its own instance for the workshop it shows. The loading
// and live-change loop is LiveWorkshop's; this store says what a change does to a journey.
import { call } from '../api';
import type { Board, Change, Journey } from '../backend';
import { applyChange, boardState, emptyBoardState, type BoardState } from '../board/state';
import { LiveWorkshop } from '../workshop/live.svelte';
import { applyJourneyChange, emptyJourneyState, journeyHasGap, journeyState, type JourneyState } from './state';

export class JourneyStore extends LiveWorkshop<[Journey, Board | null]> {
  readonly withNotes: boolean;
  journey = $state.raw<JourneyState>(emptyJourneyState(''));
  notes = $state.raw<BoardState>(emptyBoardState(''));
  #onchange: ((change: Change) => void) | undefined;

  constructor(workshopId: string, options: { withNotes?: boolean; onchange?: (change: Change) => void } = {}) {
    super(workshopId);
    this.withNotes = options.withNotes ?? false;
    this.#onchange = options.onchange;
    this.journey = emptyJourneyState(workshopId);
    this.notes = emptyBoardState(workshopId);
  }

  protected fetch(): Promise<[Journey, Board | null]> {
    return Promise.all([
      call('get_journey', { workshop_id: this.workshopId }),
      this.withNotes ? call('get_board', { workshop_id: this.workshopId }) : Promise.resolve(null),
    ]);
  }

  protected accept([journey, board]: [Journey, Board | null], changes: readonly Change[]): void {
    let next = journeyState(journey);
    let notes = board ? boardState(board) : this.notes;
    for (const change of changes) {
      next = applyJourneyChange(next, change).state;
      if (board) notes = applyChange(notes, change);
    }
    this.journey = next;
    this.notes = notes;
  }

  protected absorb(change: Change): boolean {
    const { state, reload } = applyJourneyChange(this.journey, change);
    this.journey = state;
    if (this.withNotes) this.notes = applyChange(this.notes, change);
    return reload;
  }

  protected hasGap(): boolean {
    return journeyHasGap(this.journey);
  }

  protected override changedHook(change: Change): void {
    this.#onchange?.(change);
  }
}

/** Ctrl+Z undo, Ctrl+Shift+Z and Ctrl+Y redo (not while typing in a field or with a dialog open). */
export function undoShortcut(event: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return null;
}
