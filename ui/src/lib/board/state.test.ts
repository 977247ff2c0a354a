import { describe, expect, it } from 'vitest';
import { changeOf } from '../backend/fixtures';
import type { Board, Change, Vote, VotingRound } from '../backend/types';
import { change, cluster, note, W } from './fixtures';
import { applyChange, boardState, changedNotes, emptyBoardState, hasGap, missesRevisions, needsReload, notesInCluster } from './state';

const board = (over: Partial<Board> = {}): Board => ({
  workshop_id: W,
  revision: 3,
  notes: [note('a'), note('b', { cluster_id: 'k' })],
  clusters: [cluster('k')],
  participants: [],
  face_down: [],
  votes: null,
  undo: 'create_notes',
  redo: null,
  ...over,
});

const ids = (m: ReadonlyMap<string, unknown>) => [...m.keys()];

describe('boardState', () => {
  it('keeps the notes in creation order, and the labels and revision of the snapshot', () => {
    const s = boardState(board());
    expect(ids(s.notes)).toEqual(['a', 'b']);
    expect(ids(s.clusters)).toEqual(['k']);
    expect(s.revision).toBe(3);
    expect(s.base).toBe(3);
    expect(s.undo).toBe('create_notes');
    expect(hasGap(s)).toBe(false);
  });
});

describe('applyChange', () => {
  it('upserts notes and clusters: new ones are added at the end, existing ones replaced in place', () => {
    const s = applyChange(
      boardState(board()),
      change(4, { notes: [note('c', { text: 'new' }), note('a', { text: 'edited' })], clusters: [cluster('k', 'Renamed')], undo: 'update_notes' }),
    );
    expect(ids(s.notes)).toEqual(['a', 'b', 'c']);
    expect(s.notes.get('a')!.text).toBe('edited');
    expect(s.notes.get('c')!.text).toBe('new');
    expect(s.clusters.get('k')!.title).toBe('Renamed');
    expect(s.revision).toBe(4);
    expect(s.undo).toBe('update_notes');
    expect(s.redo).toBeNull();
  });

  it('removes deleted ids, and ignores ids it does not have', () => {
    const s = applyChange(boardState(board()), change(4, { deletedNotes: ['b', 'zzz'], deletedClusters: ['k'], undo: 'delete_notes' }));
    expect(ids(s.notes)).toEqual(['a']);
    expect(s.clusters.size).toBe(0);
  });

  it('is idempotent: the same change twice (operation result and live event) equals once', () => {
    const c = change(4, { notes: [note('c')], deletedNotes: ['a'], undo: 'create_notes' });
    const once = applyChange(boardState(board()), c);
    const twice = applyChange(once, c);
    expect(twice).toEqual(once);
    expect(ids(twice.notes)).toEqual(['b', 'c']);
  });

  it('does not mutate the state it was given', () => {
    const s = boardState(board());
    const before = structuredClone({ notes: [...s.notes], clusters: [...s.clusters] });
    applyChange(s, change(4, { notes: [note('a', { text: 'x' })], deletedNotes: ['b'], deletedClusters: ['k'] }));
    expect({ notes: [...s.notes], clusters: [...s.clusters] }).toEqual(before);
  });

  it('ignores changes of another workshop', () => {
    const s = boardState(board());
    expect(applyChange(s, change(9, { workshop_id: 'other', notes: [note('x')] }))).toBe(s);
  });

  it('ignores changes already contained in the snapshot', () => {
    const s = boardState(board());
    expect(applyChange(s, change(3, { deletedNotes: ['a'] }))).toBe(s);
    expect(applyChange(s, change(2, { notes: [note('old')] }))).toBe(s);
  });

  it('keeps the highest revision and the newest labels when changes arrive out of order', () => {
    let s = boardState(board());
    s = applyChange(s, change(5, { notes: [note('a', { text: 'five' })], undo: 'update_notes', redo: null }));
    s = applyChange(s, change(4, { notes: [note('a', { text: 'four' }), note('d')], undo: 'create_notes', redo: 'x' }));
    expect(s.revision).toBe(5);
    expect(s.undo).toBe('update_notes');
    expect(s.redo).toBeNull();
    // the older change does not overwrite what the newer one wrote, but adds what it alone has
    expect(s.notes.get('a')!.text).toBe('five');
    expect(s.notes.has('d')).toBe(true);
  });

  it('does not bring back a row that a newer change deleted', () => {
    let s = boardState(board());
    s = applyChange(s, change(5, { deletedNotes: ['a'] }));
    s = applyChange(s, change(4, { notes: [note('a', { text: 'late' })] }));
    expect(s.notes.has('a')).toBe(false);
  });

  it('takes undo/redo labels, including null, from the newest change', () => {
    let s = boardState(board());
    s = applyChange(s, change(4, { undo: null, redo: 'create_notes' }));
    expect(s.undo).toBeNull();
    expect(s.redo).toBe('create_notes');
  });

  it('notices a missed revision', () => {
    const s = boardState(board());
    expect(missesRevisions(s, change(4))).toBe(false);
    expect(missesRevisions(s, change(6))).toBe(true);
    const gap = applyChange(s, change(5));
    expect(hasGap(gap)).toBe(true);
    expect(hasGap(applyChange(gap, change(4)))).toBe(false);
  });

  it('returns the state itself for a change applied before, also after others', () => {
    const c4 = change(4, { notes: [note('a', { text: 'four' })] });
    const s4 = applyChange(boardState(board()), c4);
    expect(applyChange(s4, c4)).toBe(s4);
    const s5 = applyChange(s4, change(5, { notes: [note('a', { text: 'five' })] }));
    expect(applyChange(s5, c4)).toBe(s5);
    expect(s5.notes.get('a')!.text).toBe('five');
  });

  it('keeps out-of-order protection until the missing revisions arrive, then forgets it', () => {
    let s = boardState(board());
    s = applyChange(s, change(6, { deletedNotes: ['a'] }));
    s = applyChange(s, change(5, { notes: [note('a', { text: 'five' })] }));
    expect(s.notes.has('a')).toBe(false);
    expect(hasGap(s)).toBe(true);
    s = applyChange(s, change(4, { notes: [note('b', { text: 'four' })] }));
    expect(hasGap(s)).toBe(false);
    expect(s.touched.size).toBe(0);
    expect(s.seen.size).toBe(0);
    expect(s.notes.get('b')!.text).toBe('four');
    expect(applyChange(s, change(6, { notes: [note('a')] }))).toBe(s);
  });

  it('tells which notes one change touched', () => {
    const s = boardState(board());
    expect(changedNotes(s, s.notes)).toEqual(new Set());
    expect(changedNotes(s, new Map())).toBeNull();
    const t = applyChange(s, change(4, { notes: [note('a', { text: 'x' })], deletedNotes: ['b', 'zzz'] }));
    expect(changedNotes(t, s.notes)).toEqual(new Set(['a', 'b']));
    const u = applyChange(t, change(5, { clusters: [cluster('k', 'Renamed')] }));
    expect(u.notes).toBe(t.notes);
    expect(changedNotes(u, s.notes)).toEqual(new Set(['a', 'b']));
    expect(changedNotes(applyChange(u, change(6, { notes: [note('c')] })), s.notes)).toBeNull();
  });

  it('works from an empty board', () => {
    const s = applyChange(emptyBoardState(W), change(1, { notes: [note('a', { cluster_id: 'k' }), note('b')], clusters: [cluster('k')] }));
    expect(ids(s.notes)).toEqual(['a', 'b']);
    expect(notesInCluster(s, 'k').map((n) => n.id)).toEqual(['a']);
  });
});

describe('needsReload, on the board (face-down notes counted per writer by get_board)', () => {
  const s = boardState(board({ notes: [note('a'), note('down', { hidden: true, text: '' })] }));
  const round = { id: 'r1' } as VotingRound;
  const vote = (round_id: string) => ({ id: 'v', round_id }) as Vote;
  const reloads = (c: Change, shownRound: string | null, countsFaceDown = false) => needsReload(s, c, { shownRound, countsFaceDown });

  it('a round revealed or removed, or a vote of the round shown, changes the votes on the board', () => {
    expect(reloads(changeOf(W, 4, { voting_rounds: [round] }), null)).toBe(true);
    expect(reloads(changeOf(W, 4, {}, { voting_rounds: ['r1'] }), null)).toBe(true);
    expect(reloads(changeOf(W, 4, { votes: [vote('r1')] }), 'r1')).toBe(true);
    expect(reloads(changeOf(W, 4, {}, { votes: ['v'] }), 'r1')).toBe(true);
    // Votes of an open round show nothing until it is revealed.
    expect(reloads(changeOf(W, 4, { votes: [vote('r2')] }), 'r1')).toBe(false);
    expect(reloads(changeOf(W, 4, {}, { votes: ['v'] }), null)).toBe(false);
  });

  it('a note turned over, face down again, or a face-down one arriving or going changes the count', () => {
    expect(reloads(change(4, { notes: [note('down', { text: 'Now seen' })] }), null)).toBe(true);
    expect(reloads(change(4, { notes: [note('a', { hidden: true })] }), null)).toBe(true);
    expect(reloads(change(4, { notes: [note('new', { hidden: true })] }), null)).toBe(true);
    expect(reloads(change(4, { deletedNotes: ['down'] }), null)).toBe(true);
    expect(reloads(change(4, { notes: [note('a', { x: 99 }), note('down', { hidden: true, x: 5 })], deletedNotes: ['b'] }), null)).toBe(false);
    expect(reloads({ ...changeOf('other', 4, { voting_rounds: [round] }) }, null)).toBe(false);
  });

  it('the one difference for a view that counts face-down notes itself: their arriving or going', () => {
    expect(reloads(change(4, { notes: [note('new', { hidden: true })] }), null, true)).toBe(false);
    expect(reloads(change(4, { deletedNotes: ['down'] }), null, true)).toBe(false);
    expect(reloads(change(4, { notes: [note('down', { text: 'Now seen' })] }), null, true)).toBe(true);
    expect(reloads(change(4, { notes: [note('a', { hidden: true })] }), null, true)).toBe(true);
  });

  it('a change from another process', () => {
    expect(reloads(changeOf(W, 4, {}, {}, { reload: true }), null)).toBe(true);
    expect(reloads(changeOf('other', 4, {}, {}, { reload: true }), null)).toBe(false);
  });
});
