// The live-data loop every workshop store shares, against a stand-in for the backend: what
// arrives before and during loads is kept, revisions already held are skipped, a reconnect or
// a missed revision loads again, and a change that asks for it reloads at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Change } from '../backend/types';

const backend = vi.hoisted(() => ({
  listener: null as ((change: Change) => void) | null,
  onopen: null as (() => void) | null,
  snapshots: [] as { resolve: (s: Snap) => void }[],
  calls: [] as string[],
}));

interface Snap {
  revision: number;
  items: string[];
}

vi.mock('../api', () => ({
  subscribe: (listener: (change: Change) => void, options?: { onopen?: () => void }) => {
    backend.listener = listener;
    backend.onopen = options?.onopen ?? null;
    return () => (backend.listener = null);
  },
  call: (op: string) => {
    backend.calls.push(op);
    return new Promise((resolve) => backend.snapshots.push({ resolve }));
  },
}));

const { call } = await import('../api');
const { LiveWorkshop } = await import('./live.svelte');

/** A store of item names: each change adds the item named by its undo label. */
class Items extends LiveWorkshop<Snap> {
  /** Every revision up to `base` is held; `seen` those above it. */
  base = 0;
  seen = new Set<number>();
  items: string[] = [];
  loads = 0;
  protected fetch() {
    this.loads++;
    return call('get_board', { workshop_id: this.workshopId }) as unknown as Promise<Snap>;
  }
  protected accept(snap: Snap, changes: readonly Change[]) {
    this.base = snap.revision;
    this.seen = new Set();
    this.items = [...snap.items];
    for (const c of changes) this.#add(c);
  }
  protected absorb(change: Change) {
    this.#add(change);
    return change.reload;
  }
  protected hasGap() {
    const top = Math.max(this.base, ...this.seen);
    for (let r = this.base + 1; r <= top; r++) if (!this.seen.has(r)) return true;
    return false;
  }
  #add(c: Change) {
    if (c.revision <= this.base || this.seen.has(c.revision)) return;
    this.seen.add(c.revision);
    if (c.undo) this.items.push(c.undo);
  }
}

const change = (revision: number, item: string | null, reload = false): Change =>
  ({ workshop_id: 'w', revision, upserted: {}, deleted: {}, undo: item, redo: null, reload }) as Change;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  backend.snapshots = [];
  backend.calls = [];
});
afterEach(() => vi.useRealTimers());

describe('LiveWorkshop', () => {
  it('applies the changes that came before the first snapshot over it, skipping those it holds', async () => {
    const store = new Items('w');
    store.start();
    backend.listener!(change(2, 'in the snapshot'));
    backend.listener!(change(3, 'after it'));
    backend.listener!({ ...change(4, 'another workshop'), workshop_id: 'x' });
    backend.snapshots[0].resolve({ revision: 2, items: ['in the snapshot'] });
    await flush();
    expect(store.loaded).toBe(true);
    expect(store.items).toEqual(['in the snapshot', 'after it']);
  });

  it('keeps a change made while a reload travels', async () => {
    const store = new Items('w');
    store.start();
    backend.snapshots[0].resolve({ revision: 1, items: ['one'] });
    await flush();
    const reload = store.load();
    backend.listener!(change(2, 'two'));
    expect(store.items).toEqual(['one', 'two']);
    backend.snapshots[1].resolve({ revision: 1, items: ['one'] }); // older than the change
    await reload;
    expect(store.items).toEqual(['one', 'two']);
  });

  it('loads again after a reconnect, not on the first connection', async () => {
    const store = new Items('w');
    store.start();
    backend.onopen!();
    backend.snapshots[0].resolve({ revision: 1, items: [] });
    await flush();
    expect(store.loads).toBe(1);
    backend.onopen!();
    expect(store.loads).toBe(2);
  });

  it('reloads at once when a change asks for it, and settle waits for that', async () => {
    vi.useFakeTimers();
    const store = new Items('w');
    store.start();
    backend.snapshots[0].resolve({ revision: 1, items: [] });
    await vi.advanceTimersByTimeAsync(0);
    backend.listener!(change(2, null, true));
    let settled = false;
    void store.settle().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.loads).toBe(2);
    backend.snapshots[1].resolve({ revision: 2, items: ['reloaded'] });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);
    expect(store.items).toEqual(['reloaded']);
  });

  it('checks for a missed revision after a while, loading only if it is still missing', async () => {
    vi.useFakeTimers();
    const store = new Items('w');
    store.start();
    backend.snapshots[0].resolve({ revision: 1, items: [] });
    await vi.advanceTimersByTimeAsync(0);
    backend.listener!(change(3, 'three'));
    await vi.advanceTimersByTimeAsync(500);
    backend.listener!(change(2, 'two')); // the late one arrives
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.loads).toBe(1);
    backend.listener!(change(5, 'five'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.loads).toBe(2);
  });
});
