import { describe, expect, it } from 'vitest';
import { DEFAULT_VOTES, MAX_SUGGESTED, suggestVotes } from './suggest';

describe('suggestVotes', () => {
  it('gives about as many votes in the room as there are notes', () => {
    expect(suggestVotes({ notes: 40, participants: 8 })).toBe(5);
    expect(suggestVotes({ notes: 41, participants: 8 })).toBe(6);
    expect(suggestVotes({ notes: 21, participants: 3 })).toBe(7);
  });

  it('keeps at least three votes when many people share few notes', () => {
    expect(suggestVotes({ notes: 12, participants: 6 })).toBe(3);
    expect(suggestVotes({ notes: 30, participants: 40 })).toBe(3);
  });

  it('never gives more than a third of the notes, nor more than ten', () => {
    expect(suggestVotes({ notes: 6, participants: 1 })).toBe(2);
    expect(suggestVotes({ notes: 5, participants: 10 })).toBe(2);
    expect(suggestVotes({ notes: 1, participants: 1 })).toBe(1);
    expect(suggestVotes({ notes: 100, participants: 5 })).toBe(MAX_SUGGESTED);
    expect(suggestVotes({ notes: 1000, participants: 1 })).toBe(MAX_SUGGESTED);
  });

  it('uses a third of the notes when the head count is not known', () => {
    expect(suggestVotes({ notes: 12, participants: 0 })).toBe(4);
    expect(suggestVotes({ notes: 60, participants: 0 })).toBe(MAX_SUGGESTED);
  });

  it('falls back to the default with no notes, and ignores nonsense counts', () => {
    expect(suggestVotes({ notes: 0, participants: 5 })).toBe(DEFAULT_VOTES);
    expect(suggestVotes({ notes: -3, participants: 5 })).toBe(DEFAULT_VOTES);
    expect(suggestVotes({ notes: 12.7, participants: -2 })).toBe(4);
  });

  it('always stays within the limits the backend accepts', () => {
    for (let notes = 0; notes <= 300; notes += 7) {
      for (const participants of [0, 1, 2, 5, 13, 200]) {
        const v = suggestVotes({ notes, participants });
        expect(Number.isInteger(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(1);
        expect(v).toBeLessThanOrEqual(99);
      }
    }
  });
});
