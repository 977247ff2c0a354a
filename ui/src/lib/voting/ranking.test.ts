import { describe, expect, it } from 'vitest';
import type { NoteResult } from '../backend/types';
import { rankLabel, rankResults, totalVotes } from './ranking';

const r = (note_id: string, votes: number, rank = 1, tied = false, voters: string[] = []): NoteResult => ({ note_id, text: `Note ${note_id}`, votes, rank, tied, voters });

describe('rankResults', () => {
  it('keeps the backend’s order and shared ranks', () => {
    const ranked = rankResults([r('b', 9, 1), r('c', 5, 2, true), r('a', 5, 2, true), r('d', 1, 4)]);
    expect(ranked.map((x) => [x.note_id, rankLabel(x)])).toEqual([
      ['b', '1'],
      ['c', '=2'],
      ['a', '=2'],
      ['d', '4'],
    ]);
  });

  it('sizes bars relative to the winner', () => {
    const ranked = rankResults([r('a', 8, 1), r('b', 2, 2), r('c', 0, 3)]);
    expect(ranked.map((x) => x.share)).toEqual([1, 0.25, 0]);
  });

  it('keeps voters and text as they are, and handles no results', () => {
    const [first] = rankResults([r('a', 2, 1, false, ['Aino', 'Pekka'])]);
    expect(first).toMatchObject({ note_id: 'a', text: 'Note a', voters: ['Aino', 'Pekka'], rank: 1, share: 1 });
    expect(rankResults([])).toEqual([]);
  });
});

describe('totalVotes', () => {
  it('adds every note’s votes', () => {
    expect(totalVotes([r('a', 3), r('b', 12)])).toBe(15);
    expect(totalVotes([])).toBe(0);
  });
});
