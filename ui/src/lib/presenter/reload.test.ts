// Which live changes make the projector's board load again (board/state.ts's `needsReload`,
// for a view that counts the face-down notes itself): a reveal or an undone one, a round
// revealed or removed, votes of the round shown, a change from another process; not a
// face-down note arriving or going, which it counts from the rows.
import { describe, expect, it } from 'vitest';
import { changeOf } from '../backend/fixtures';
import type { Change, VotingRound } from '../backend/types';
import { boardState, needsReload } from '../board/state';
import { W, board, group, note, vote } from './fixtures';

const state = boardState(board({ revision: 5, notes: [note('a'), note('h', { hidden: true, text: '' })], clusters: [group('g')] }));
const round = { id: 'r2', workshop_id: W, status: 'revealed' } as VotingRound;

/** The projector's question: the shown round, and the face-down notes counted by itself. */
const reloads = (shownRound: string | null, change: Change) => needsReload(state, change, { shownRound, countsFaceDown: true });

describe('needsReload, on the projector', () => {
  it('not for notes moved, written or grouped: those apply as they are', () => {
    expect(reloads('r1', changeOf(W, 6, { notes: [note('a', { x: 40 }), note('new')], clusters: [group('g', { title: 'New' })] }))).toBe(false);
    expect(reloads('r1', changeOf(W, 6, { notes: [note('n', { hidden: true, text: '' })] }))).toBe(false);
    expect(reloads('r1', changeOf(W, 6, {}, { notes: ['a'], clusters: ['g'] }))).toBe(false);
    // A face-down note arriving or going: counted from the rows.
    expect(reloads(null, changeOf(W, 6, {}, { notes: ['h'] }))).toBe(false);
  });

  it('when a note is turned over, or turned face down again by an undo', () => {
    expect(reloads(null, changeOf(W, 6, { notes: [note('h', { text: 'Turned over' })] }))).toBe(true);
    expect(reloads(null, changeOf(W, 6, { notes: [note('a', { hidden: true, text: '' })] }))).toBe(true);
  });

  it('when a round changes or goes: the shown votes may be another round’s now', () => {
    expect(reloads(null, changeOf(W, 6, { voting_rounds: [round] }))).toBe(true);
    expect(reloads('r1', changeOf(W, 6, {}, { voting_rounds: ['r1'] }))).toBe(true);
  });

  it('for votes of the shown round only; removed votes whenever some are shown', () => {
    expect(reloads('r1', changeOf(W, 6, { votes: [vote('v', 'r1', 'a')] }))).toBe(true);
    expect(reloads('r1', changeOf(W, 6, { votes: [vote('v', 'r3', 'a')] }))).toBe(false);
    expect(reloads(null, changeOf(W, 6, { votes: [vote('v', 'r3', 'a')] }))).toBe(false);
    expect(reloads('r1', changeOf(W, 6, {}, { votes: ['v'] }))).toBe(true);
    expect(reloads(null, changeOf(W, 6, {}, { votes: ['v'] }))).toBe(false);
  });

  it('when another process changed the workshop', () => {
    expect(reloads(null, changeOf(W, 6, {}, {}, { reload: true }))).toBe(true);
  });

  it('never for another workshop', () => {
    expect(reloads(null, changeOf('other', 6, { voting_rounds: [round] }, {}, { reload: true }))).toBe(false);
  });
});
