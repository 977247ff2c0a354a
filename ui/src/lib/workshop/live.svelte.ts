// The live-data loop every area store of a workshop shares: load a snapshot, apply each live
// change (the result of this window's operations and the broadcast of every other's alike),
// buffer the changes that arrive while a load travels, and load again after a reconnect or
// when a change was missed. Each store (board, journey) says what it loads and how a change
// applies to what it holds; the loop itself is written once, here.
import { call, subscribe } from '../api';
import { ApiError, type Change, type OperationName, type Operations } from '../backend/types';
import { errorMessage, t } from '../i18n/i18n.svelte';
import { showToast } from '../toasts.svelte';

/** The operations whose result is a `Change`: those `run` applies. */
export type ChangeOps = {
  [K in OperationName]: Operations[K]['output'] extends Change ? K : never;
}[OperationName];

/** How long a check for a missed change waits: a late change often arrives meanwhile. */
const GAP_DELAY = 800;

export abstract class LiveWorkshop<Snapshot> {
  readonly workshopId: string;
  loaded = $state(false);
  loadError = $state<unknown>(null);
  /**
   * How long a reload that a change asked for waits: changes that come together then share
   * one reload.
   */
  protected reloadDelay = 0;
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

  constructor(workshopId: string) {
    this.workshopId = workshopId;
  }

  /** Fetches the snapshot. */
  protected abstract fetch(): Promise<Snapshot>;
  /** Takes a fresh snapshot, with the changes that arrived meanwhile applied over it. */
  protected abstract accept(snapshot: Snapshot, changes: readonly Change[]): void;
  /**
   * Applies one change to what the store holds; returns true when the change carries
   * something only a reload brings.
   */
  protected abstract absorb(change: Change): boolean;
  /** True when some revision between the snapshot and the newest applied one never arrived. */
  protected abstract hasGap(): boolean;
  /** Called after every load that succeeded; `first` for the one that made the store loaded. */
  protected loadedHook(_first: boolean): void {}
  /** Called after each applied change. */
  protected changedHook(_change: Change): void {}

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
          // After a reconnect, what happened meanwhile is not replayed: load again.
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
      const snapshot = await this.fetch();
      this.accept(snapshot, this.#buffer);
      if (this.#loads === 1) this.#buffer = [];
      const first = !this.loaded;
      this.loaded = true;
      this.loadError = null;
      this.loadedHook(first);
    } catch (err) {
      if (!this.loaded) this.loadError = err;
      else showToast(errorMessage(err), { kind: 'error' });
    } finally {
      this.#loads--;
    }
  }

  apply(change: Change): void {
    if (this.#loads > 0) this.#buffer.push(change);
    if (this.absorb(change)) this.#scheduleReload(true);
    else if (this.hasGap()) this.#scheduleReload(false);
    this.changedHook(change);
  }

  #scheduleReload(force: boolean) {
    // A reload on its way already covers a later check for a missed change.
    if (!force && this.#reloading) return;
    clearTimeout(this.#reloadTimer);
    if (force && !this.#reloading) this.#reloading = new Promise((resolve) => (this.#reloaded = resolve));
    this.#reloadTimer = setTimeout(
      () => {
        const done = this.#reloaded;
        this.#reloading = null;
        this.#reloaded = null;
        const loading = force || this.hasGap() ? this.load() : Promise.resolve();
        void loading.then(() => done?.());
      },
      force ? this.reloadDelay : GAP_DELAY,
    );
  }

  /** Resolves once a reload the last change asked for has happened. */
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
