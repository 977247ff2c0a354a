import { describe, expect, it } from 'vitest';
import type { NoteResult } from '../backend/types';
import { rankResults, totalVotes } from './ranking';

const r = (note_id: string, votes: number, voters: string[] = []): NoteResult => ({ note_id, text: `Note ${note_id}`, votes, voters });

describe('rankResults', () => {
  it('ranks by votes, most first', () => {
    const ranked = rankResults([r('a', 2), r('b', 9), r('c', 5)]);
    expect(ranked.map((x) => [x.note_id, x.rank])).toEqual([
      ['b', 1],
      ['c', 2],
      ['a', 3],
    ]);
    expect(ranked.every((x) => !x.tied)).toBe(true);
  });

  it('gives ties the same rank and skips the ranks they take up', () => {
    const ranked = rankResults([r('a', 7), r('b', 4), r('c', 4), r('d', 2), r('e', 2), r('f', 2), r('g', 1)]);
    expect(ranked.map((x) => x.rank)).toEqual([1, 2, 2, 4, 4, 4, 7]);
    expect(ranked.map((x) => x.tied)).toEqual([false, true, true, true, true, true, false]);
  });

  it('keeps the incoming order among ties, even when the input is not sorted', () => {
    const ranked = rankResults([r('x', 3), r('y', 5), r('z', 3), r('w', 5)]);
    expect(ranked.map((x) => x.note_id)).toEqual(['y', 'w', 'x', 'z']);
    expect(ranked.map((x) => x.rank)).toEqual([1, 1, 3, 3]);
  });

  it('shares the first rank when everything is tied', () => {
    expect(rankResults([r('a', 1), r('b', 1), r('c', 1)]).map((x) => x.rank)).toEqual([1, 1, 1]);
  });

  it('sizes bars relative to the winner', () => {
    const ranked = rankResults([r('a', 8), r('b', 2), r('c', 0)]);
    expect(ranked.map((x) => x.share)).toEqual([1, 0.25, 0]);
  });

  it('keeps voters and text as they are, and handles no results', () => {
    const [first] = rankResults([r('a', 2, ['Aino', 'Pekka'])]);
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
