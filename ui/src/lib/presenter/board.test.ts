// The projector's board store against a stand-in for the backend: it loads, applies notes and
// groups as they change, keeps what arrives while a load travels, loads again for a reveal or
// a missed revision, and calls nothing but get_board.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeOf } from '../backend/fixtures';
import type { Board } from '../backend/types';
import { W, board, note, vote } from './fixtures';

const backend = vi.hoisted(() => ({
  calls: [] as string[],
  loads: [] as { resolve: (b: Board) => void; reject: (e: unknown) => void }[],
}));

vi.mock('../api', () => ({
  call: (op: string) => {
    backend.calls.push(op);
    return new Promise((resolve, reject) => backend.loads.push({ resolve, reject }));
  },
}));

const { ProjectedBoard } = await import('./board.svelte');
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Answers the oldest load waiting with `snapshot`. */
async function answer(snapshot: Board) {
  backend.loads.shift()!.resolve(snapshot);
  await flush();
}

beforeEach(() => {
  backend.calls = [];
  backend.loads = [];
});
afterEach(() => vi.useRealTimers());

describe('ProjectedBoard', () => {
  it('loads the board and its votes, then applies notes as they change', async () => {
    const store = new ProjectedBoard(W);
    void store.reload();
    await answer(board({ revision: 3, notes: [note('a')], votes: { round_id: 'r1', title: 'R', counts: [['a', 2]] } }));
    expect(store.loaded).toBe(true);
    expect(store.votes?.counts).toEqual([['a', 2]]);
    store.receive(changeOf(W, 4, { notes: [note('b', { hidden: true, text: '' })] }));
    expect([...store.board.notes.keys()]).toEqual(['a', 'b']);
    expect(backend.calls).toEqual(['get_board']);
  });

  it('keeps the changes that arrive while a load travels', async () => {
    const store = new ProjectedBoard(W);
    void store.reload();
    store.receive(changeOf(W, 3, { notes: [note('old')] }));
    store.receive(changeOf(W, 4, { notes: [note('new')] }));
    // The snapshot holds revision 3 already; 4 came after it was read.
    await answer(board({ revision: 3, notes: [note('old')] }));
    expect([...store.board.notes.keys()]).toEqual(['old', 'new']);
    expect(store.board.revision).toBe(4);
  });

  it('loads again when a note is turned over, and takes the fresh board', async () => {
    const store = new ProjectedBoard(W);
    void store.reload();
    await answer(board({ revision: 1, notes: [note('h', { hidden: true, text: '' })] }));
    store.receive(changeOf(W, 2, { notes: [note('h', { text: 'Turned over' })] }));
    expect(store.board.notes.get('h')?.text).toBe('Turned over');
    expect(backend.calls).toHaveLength(2);
    await answer(board({ revision: 2, notes: [note('h', { text: 'Turned over' })] }));
    expect(store.board.notes.get('h')?.hidden).toBe(false);
  });

  it('loads again for a vote of the shown round, not for another round’s', async () => {
    const store = new ProjectedBoard(W);
    void store.reload();
    await answer(board({ revision: 1, notes: [note('a')], votes: { round_id: 'r1', title: 'R', counts: [] } }));
    store.receive(changeOf(W, 2, { votes: [vote('v1', 'r2', 'a')] }));
    expect(backend.calls).toHaveLength(1);
    store.receive(changeOf(W, 3, { votes: [vote('v2', 'r1', 'a')] }));
    expect(backend.calls).toHaveLength(2);
  });

  it('loads again when a missed revision does not turn up', async () => {
    vi.useFakeTimers();
    const store = new ProjectedBoard(W);
    void store.reload();
    backend.loads.shift()!.resolve(board({ revision: 1 }));
    await vi.advanceTimersByTimeAsync(0);
    store.receive(changeOf(W, 3, { notes: [note('c')] }));
    await vi.advanceTimersByTimeAsync(500);
    expect(backend.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(backend.calls).toHaveLength(2);
  });

  it('waits out a revision that arrives late', async () => {
    vi.useFakeTimers();
    const store = new ProjectedBoard(W);
    void store.reload();
    backend.loads.shift()!.resolve(board({ revision: 1 }));
    await vi.advanceTimersByTimeAsync(0);
    store.receive(changeOf(W, 3, { notes: [note('c')] }));
    store.receive(changeOf(W, 2, { notes: [note('b')] }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(backend.calls).toHaveLength(1);
    expect([...store.board.notes.keys()].sort()).toEqual(['b', 'c']);
  });

  it('ignores other workshops, and everything once stopped', async () => {
    const store = new ProjectedBoard(W);
    void store.reload();
    await answer(board({ revision: 1 }));
    store.receive(changeOf('other', 2, { notes: [note('x', { workshop_id: 'other' })] }));
    expect(store.board.notes.size).toBe(0);
    store.stop();
    store.receive(changeOf(W, 2, { notes: [note('y')] }));
    expect(store.board.notes.size).toBe(0);
  });

  it('shows a failed first load as its error', async () => {
    const store = new ProjectedBoard(W);
    const done = store.reload();
    backend.loads.shift()!.reject(new Error('offline'));
    await done;
    expect(store.loaded).toBe(false);
    expect(store.loadError).toBeInstanceOf(Error);
  });
});
