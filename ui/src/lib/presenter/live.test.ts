// Which live changes make the projector's board load again: a reveal or an undone one, a round
// revealed or removed, votes of the round shown, a change from another process.
import { describe, expect, it } from 'vitest';
import { changeOf } from '../backend/fixtures';
import type { VotingRound } from '../backend/types';
import { boardState } from '../board/state';
import { W, board, group, note, vote } from './fixtures';
import { needsReload } from './live';

const state = boardState(board({ revision: 5, notes: [note('a'), note('h', { hidden: true, text: '' })], clusters: [group('g')] }));
const round = { id: 'r2', workshop_id: W, status: 'revealed' } as VotingRound;

describe('needsReload', () => {
  it('not for notes moved, written or grouped: those apply as they are', () => {
    expect(needsReload(state, 'r1', changeOf(W, 6, { notes: [note('a', { x: 40 }), note('new')], clusters: [group('g', { title: 'New' })] }))).toBe(false);
    expect(needsReload(state, 'r1', changeOf(W, 6, { notes: [note('n', { hidden: true, text: '' })] }))).toBe(false);
    expect(needsReload(state, 'r1', changeOf(W, 6, {}, { notes: ['a'], clusters: ['g'] }))).toBe(false);
  });

  it('when a note is turned over, or turned face down again by an undo', () => {
    expect(needsReload(state, null, changeOf(W, 6, { notes: [note('h', { text: 'Turned over' })] }))).toBe(true);
    expect(needsReload(state, null, changeOf(W, 6, { notes: [note('a', { hidden: true, text: '' })] }))).toBe(true);
  });

  it('when a round changes or goes: the shown votes may be another round’s now', () => {
    expect(needsReload(state, null, changeOf(W, 6, { voting_rounds: [round] }))).toBe(true);
    expect(needsReload(state, 'r1', changeOf(W, 6, {}, { voting_rounds: ['r1'] }))).toBe(true);
  });

  it('for votes of the shown round only; removed votes whenever some are shown', () => {
    expect(needsReload(state, 'r1', changeOf(W, 6, { votes: [vote('v', 'r1', 'a')] }))).toBe(true);
    expect(needsReload(state, 'r1', changeOf(W, 6, { votes: [vote('v', 'r3', 'a')] }))).toBe(false);
    expect(needsReload(state, null, changeOf(W, 6, { votes: [vote('v', 'r3', 'a')] }))).toBe(false);
    expect(needsReload(state, 'r1', changeOf(W, 6, {}, { votes: ['v'] }))).toBe(true);
    expect(needsReload(state, null, changeOf(W, 6, {}, { votes: ['v'] }))).toBe(false);
  });

  it('when another process changed the workshop', () => {
    expect(needsReload(state, null, changeOf(W, 6, {}, {}, { reload: true }))).toBe(true);
  });

  it('never for another workshop', () => {
    expect(needsReload(state, null, changeOf('other', 6, { voting_rounds: [round] }, {}, { reload: true }))).toBe(false);
  });
});
