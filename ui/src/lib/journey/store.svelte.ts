// Loads a workshop's journey (and, for the map, its board notes), keeps it current with
// live changes, and runs the operations that return a `Change`. Shared by the Journey and
// Personas areas; each area makes its own instance for the workshop it shows.
import { call, subscribe } from '../api';
import { ApiError, type Change, type OperationName, type Operations } from '../backend';
import { applyChange, boardState, emptyBoardState, type BoardState } from '../board/state';
import { errorMessage, t } from '../i18n/i18n.svelte';
import { showToast } from '../toasts.svelte';
import { applyJourneyChange, emptyJourneyState, journeyHasGap, journeyState, type JourneyState } from './state';

type ChangeOps = {
  [K in OperationName]: Operations[K]['output'] extends Change ? K : never;
}[OperationName];

export class JourneyStore {
  readonly workshopId: string;
  readonly withNotes: boolean;
  journey = $state.raw<JourneyState>(emptyJourneyState(''));
  notes = $state.raw<BoardState>(emptyBoardState(''));
  loaded = $state(false);
  loadError = $state<unknown>(null);
  /**
   * Changes that arrived before the first load, or while a load is on its way: each load
   * applies them to its snapshot (those already in it are skipped by revision), so a change
   * made while a reload travels is not lost when the older snapshot lands.
   */
  #buffer: Change[] = [];
  #loads = 0;
  #reloadTimer: ReturnType<typeof setTimeout> | undefined;
  #reloading: Promise<void> | null = null;
  #reloaded: (() => void) | null = null;
  #onchange: ((change: Change) => void) | undefined;

  constructor(workshopId: string, options: { withNotes?: boolean; onchange?: (change: Change) => void } = {}) {
    this.workshopId = workshopId;
    this.withNotes = options.withNotes ?? false;
    this.#onchange = options.onchange;
    this.journey = emptyJourneyState(workshopId);
    this.notes = emptyBoardState(workshopId);
  }

  /** Loads, and listens for live changes; returns the function that stops listening. */
  start(): () => void {
    let opened = false;
    const stop = subscribe(
      (change) => {
        if (change.workshop_id !== this.workshopId) return;
        if (this.loaded) this.apply(change);
        else this.#buffer.push(change);
      },
      {
        onopen: () => {
          if (opened && this.loaded) void this.load();
          opened = true;
        },
      },
    );
    void this.load();
    return () => {
      stop();
      clearTimeout(this.#reloadTimer);
    };
  }

  async load(): Promise<void> {
    this.#loads++;
    try {
      const [journey, board] = await Promise.all([
        call('get_journey', { workshop_id: this.workshopId }),
        this.withNotes ? call('get_board', { workshop_id: this.workshopId }) : Promise.resolve(null),
      ]);
      let next = journeyState(journey);
      let notes = board ? boardState(board) : this.notes;
      for (const change of this.#buffer) {
        next = applyJourneyChange(next, change).state;
        if (board) notes = applyChange(notes, change);
      }
      if (this.#loads === 1) this.#buffer = [];
      this.journey = next;
      this.notes = notes;
      this.loaded = true;
      this.loadError = null;
    } catch (err) {
      if (!this.loaded) this.loadError = err;
      else showToast(errorMessage(err), { kind: 'error' });
    } finally {
      this.#loads--;
    }
  }

  apply(change: Change): void {
    if (this.#loads > 0) this.#buffer.push(change);
    const { state, reload } = applyJourneyChange(this.journey, change);
    this.journey = state;
    if (this.withNotes) this.notes = applyChange(this.notes, change);
    if (reload) this.#scheduleReload(0);
    else if (journeyHasGap(state)) this.#scheduleReload(800);
    this.#onchange?.(change);
  }

  #scheduleReload(delay: number) {
    // A reload on its way already covers a later check for a missed change.
    if (delay > 0 && this.#reloading) return;
    clearTimeout(this.#reloadTimer);
    if (delay === 0 && !this.#reloading) this.#reloading = new Promise((resolve) => (this.#reloaded = resolve));
    this.#reloadTimer = setTimeout(() => {
      const done = this.#reloaded;
      this.#reloading = null;
      this.#reloaded = null;
      const loading = delay === 0 || journeyHasGap(this.journey) ? this.load() : Promise.resolve();
      void loading.then(() => done?.());
    }, delay);
  }

  /** Resolves once a reload the last change asked for (lanes, feelings, figures…) has happened. */
  settle(): Promise<void> {
    return this.#reloading ?? Promise.resolve();
  }

  /** Runs an operation that returns a `Change` and applies it; errors become a toast. */
  async run<K extends ChangeOps>(op: K, input: Operations[K]['input']): Promise<Change | null> {
    try {
      const change = (await call(op, input)) as Change;
      this.apply(change);
      return change;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'nothing_to_undo') {
        showToast(t(op === 'redo' ? 'board_nothing_to_redo' : 'board_nothing_to_undo'));
      } else {
        showToast(errorMessage(err), { kind: 'error' });
      }
      if (err instanceof ApiError && (err.code === 'not_found' || err.code === 'nothing_to_undo')) void this.load();
      return null;
    }
  }

  undo = () => this.run('undo', { workshop_id: this.workshopId });
  redo = () => this.run('redo', { workshop_id: this.workshopId });
}

/** Ctrl+Z undo, Ctrl+Shift+Z and Ctrl+Y redo (not while typing in a field or with a dialog open). */
export function undoShortcut(event: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return null;
}
