// The board as the projector holds it while it shows it: a `get_board` snapshot that follows
// the live changes the presenter window receives. Read-only: it never calls an operation
// that changes anything.
import { call } from '../api';
import type { BoardVotes, Change } from '../backend/types';
import { ImageCache } from '../board/images.svelte';
import { applyChange, boardState, emptyBoardState, hasGap, needsReload, type BoardState } from '../board/state';
import { coalesce } from '../voting/refresh';

/** How long a missed revision may take to arrive (out of order) before the board loads again. */
const GAP_DELAY_MS = 800;

export class ProjectedBoard {
  readonly workshopId: string;
  board: BoardState;
  votes = $state.raw<BoardVotes | null>(null);
  loaded = $state(false);
  loadError = $state<unknown>(null);
  /** The photos of photo notes, fetched as their notes are shown. */
  readonly images: ImageCache;
  /**
   * The changes received while a load travels, applied over its snapshot when it lands (those
   * already in it are skipped by revision), so none made meanwhile is lost; null between loads.
   */
  #pending: Change[] | null = null;
  #gapTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  /** Loads the board; calls while a load runs make it run once more afterwards. */
  readonly reload = coalesce(
    () => this.#load(),
    (err) => {
      if (!this.loaded) this.loadError = err;
    },
  );

  constructor(workshopId: string) {
    this.workshopId = workshopId;
    this.board = $state.raw(emptyBoardState(workshopId));
    this.images = new ImageCache(workshopId);
  }

  async #load(): Promise<void> {
    const pending: Change[] = [];
    this.#pending = pending;
    try {
      const snapshot = await call('get_board', { workshop_id: this.workshopId });
      if (this.#stopped) return;
      let next = boardState(snapshot);
      for (const change of pending) next = applyChange(next, change);
      this.board = next;
      this.votes = snapshot.votes;
      this.loaded = true;
      this.loadError = null;
    } finally {
      this.#pending = null;
    }
  }

  /** One live change, of any workshop. */
  receive(change: Change): void {
    if (this.#stopped || change.workshop_id !== this.workshopId) return;
    this.#pending?.push(change);
    // Before the first snapshot there is nothing to apply to: the load takes the change.
    if (!this.loaded) return;
    // The projector counts the face-down notes itself (scene.ts's `faceDownCount`).
    const reload = needsReload(this.board, change, { shownRound: this.votes?.round_id ?? null, countsFaceDown: true });
    this.board = applyChange(this.board, change);
    if (reload) void this.reload();
    else if (hasGap(this.board)) this.#checkGap();
  }

  #checkGap() {
    if (this.#gapTimer !== undefined) return;
    this.#gapTimer = setTimeout(() => {
      this.#gapTimer = undefined;
      if (!this.#stopped && hasGap(this.board)) void this.reload();
    }, GAP_DELAY_MS);
  }

  /** Stops following: a load still on its way is dropped. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#gapTimer);
  }
}
