import { describe, expect, it } from 'vitest';
import type { Participant } from '../backend/types';
import { cluster, note, W } from './fixtures';
import { EMPTY_FILTER, NONE, fold, isFilterActive, matchingIds, nextMatch } from './filter';

const participants: Participant[] = [
  { id: 'p1', workshop_id: W, name: 'Aino Virtanen', role: 'customer', created_at: '', removed_at: null },
  { id: 'p2', workshop_id: W, name: null, role: 'employee', created_at: '', removed_at: null },
];
const clusters = new Map([['k', cluster('k', 'Breakfast')]]);
const ctx = { clusters, participants };
const notes = [
  note('1', { text: 'Aamiainen loppuu liian aikaisin', colour: 'yellow', author_id: 'p1', stage_id: 's1' }),
  note('2', { text: 'Check-in queue at 15:00', colour: 'sky', cluster_id: 'k' }),
  note('3', { text: 'Café in the lobby', colour: 'sky', author_id: 'p2', stage_id: 's2', cluster_id: 'k' }),
  note('4', { text: 'Parking was\nexpensive', colour: 'red' }),
];
const match = (f: Partial<typeof EMPTY_FILTER>) => matchingIds(notes, { ...EMPTY_FILTER, ...f }, ctx);

describe('board search and filter', () => {
  it('matches nothing special without a filter', () => {
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
    expect(match({})).toBeNull();
    expect(match({ text: '   ' })).toBeNull();
  });

  it('searches text case- and accent-insensitively, every word anywhere', () => {
    expect(match({ text: 'AAMIAINEN' })).toEqual(['1']);
    expect(match({ text: 'cafe' })).toEqual(['3']);
    expect(match({ text: 'parking expensive' })).toEqual(['4']);
    expect(match({ text: 'parking cheap' })).toEqual([]);
    expect(fold('Äiti CAFÉ')).toBe('aiti cafe');
  });

  it('finds notes by their cluster title and author name too', () => {
    expect(match({ text: 'breakfast' })).toEqual(['2', '3']);
    expect(match({ text: 'virtanen' })).toEqual(['1']);
  });

  it('filters by colour, author, stage and cluster, and combines them with the text', () => {
    expect(match({ colour: 'sky' })).toEqual(['2', '3']);
    expect(match({ author: 'p1' })).toEqual(['1']);
    expect(match({ author: NONE })).toEqual(['2', '4']);
    expect(match({ stage: 's2' })).toEqual(['3']);
    expect(match({ stage: NONE })).toEqual(['2', '4']);
    expect(match({ cluster: 'k' })).toEqual(['2', '3']);
    expect(match({ cluster: NONE })).toEqual(['1', '4']);
    expect(match({ colour: 'sky', text: 'queue' })).toEqual(['2']);
    expect(match({ colour: 'red', cluster: 'k' })).toEqual([]);
  });

  it('keeps only the notes with votes in the round shown, the most voted first', () => {
    const votes = new Map([['2', 1], ['4', 3]]);
    expect(matchingIds(notes, { ...EMPTY_FILTER, voted: true }, { ...ctx, votes })).toEqual(['4', '2']);
    const tied = new Map([['1', 2], ['2', 1], ['4', 2]]);
    expect(matchingIds(notes, { ...EMPTY_FILTER, voted: true }, { ...ctx, votes: tied })).toEqual(['1', '4', '2']);
    expect(matchingIds(notes, { ...EMPTY_FILTER, voted: true, colour: 'red' }, { ...ctx, votes })).toEqual(['4']);
    expect(matchingIds(notes, { ...EMPTY_FILTER, voted: true }, ctx)).toEqual([]);
    expect(isFilterActive({ ...EMPTY_FILTER, voted: true })).toBe(true);
  });

  it('treats participant text as text, not as a pattern', () => {
    const tricky = [note('x', { text: 'a.*b (c) [d] $' })];
    expect(matchingIds(tricky, { ...EMPTY_FILTER, text: '.*' }, ctx)).toEqual(['x']);
    expect(matchingIds(tricky, { ...EMPTY_FILTER, text: '(c)' }, ctx)).toEqual(['x']);
    expect(matchingIds(tricky, { ...EMPTY_FILTER, text: 'a b' }, ctx)).toEqual(['x']);
  });

  it('jumps from match to match, wrapping around', () => {
    expect(nextMatch([], null)).toBeNull();
    expect(nextMatch(['a', 'b', 'c'], null)).toBe('a');
    expect(nextMatch(['a', 'b', 'c'], 'a')).toBe('b');
    expect(nextMatch(['a', 'b', 'c'], 'c')).toBe('a');
    expect(nextMatch(['a', 'b'], 'gone')).toBe('a');
  });
});
