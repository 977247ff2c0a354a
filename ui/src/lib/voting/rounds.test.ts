import { describe, expect, it } from 'vitest';
import { changeOf } from '../backend/fixtures';
import type { ChangedIds, ChangedRows, RoundProgress, VotingRound } from '../backend/types';
import { changeTouches, formatClock, newestFirst, notesInRound, openRound, progressCounts, roundNumber, secondsLeft } from './rounds';

const round = (id: string, created_at: string, status: VotingRound['status'] = 'closed'): VotingRound => ({
  id,
  workshop_id: 'w',
  title: '',
  votes_per_participant: 5,
  max_per_note: 3,
  anonymous: true,
  scope: 'all',
  scope_id: null,
  status,
  closes_at: null,
  created_at,
  updated_at: created_at,
});

const rounds = [round('a', '2026-11-23T09:00:00.000Z'), round('c', '2026-11-23T11:00:00.000Z', 'open'), round('b', '2026-11-23T10:00:00.000Z', 'revealed')];

describe('rounds', () => {
  it('lists the newest first and numbers them oldest first', () => {
    expect(newestFirst(rounds).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(['a', 'b', 'c'].map((id) => roundNumber(rounds, id))).toEqual([1, 2, 3]);
    expect(roundNumber(rounds, 'missing')).toBe(0);
  });

  it('finds the open round', () => {
    expect(openRound(rounds)?.id).toBe('c');
    expect(openRound(rounds.filter((r) => r.status !== 'open'))).toBeNull();
  });

  it('picks the notes in a round’s scope like the backend', () => {
    const notes = [
      { id: '1', cluster_id: 'k1', stage_id: null },
      { id: '2', cluster_id: null, stage_id: 's1' },
      { id: '3', cluster_id: 'k1', stage_id: 's1' },
    ];
    expect(notesInRound(notes, { scope: 'all', scope_id: null }).map((n) => n.id)).toEqual(['1', '2', '3']);
    expect(notesInRound(notes, { scope: 'cluster', scope_id: 'k1' }).map((n) => n.id)).toEqual(['1', '3']);
    expect(notesInRound(notes, { scope: 'stage', scope_id: 's1' }).map((n) => n.id)).toEqual(['2', '3']);
    expect(notesInRound(notes, { scope: 'stage', scope_id: 'other' })).toEqual([]);
  });
});

describe('countdown', () => {
  const now = Date.parse('2026-11-23T10:00:00.000Z');

  it('counts whole seconds down to zero, and nothing without a timer', () => {
    expect(secondsLeft('2026-11-23T10:01:30.000Z', now)).toBe(90);
    expect(secondsLeft('2026-11-23T10:00:00.400Z', now)).toBe(1);
    expect(secondsLeft('2026-11-23T09:59:00.000Z', now)).toBe(0);
    expect(secondsLeft(null, now)).toBeNull();
    expect(secondsLeft('not a time', now)).toBeNull();
  });

  it('formats minutes and seconds, with hours when needed', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(75)).toBe('1:15');
    expect(formatClock(600)).toBe('10:00');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatClock(-5)).toBe('0:00');
  });
});

describe('progressCounts', () => {
  it('counts who voted and who is done without looking at what they voted for', () => {
    const progress: RoundProgress = {
      round_id: 'r',
      participants: [
        { participant_id: 'p1', name: 'Aino', votes_used: 5, votes_left: 0, done: true },
        { participant_id: 'p2', name: null, votes_used: 2, votes_left: 3, done: false },
        { participant_id: 'p3', name: 'Pekka', votes_used: 0, votes_left: 5, done: false },
      ],
    };
    expect(progressCounts(progress)).toEqual({ total: 3, voted: 2, done: 1, votesUsed: 7 });
    expect(progressCounts(null)).toEqual({ total: 0, voted: 0, done: 0, votesUsed: 0 });
  });
});

describe('changeTouches', () => {
  // Bare rows: only which tables a change touches matters here.
  const change = (upserted: { [K in keyof ChangedRows]?: unknown[] }, deleted: Partial<ChangedIds> = {}, reload = false) =>
    changeOf('w', 1, upserted as Partial<ChangedRows>, deleted, { reload });

  it('sees rows and removals of the kinds asked about', () => {
    expect(changeTouches(change({ votes: [{}] }), ['votes'])).toBe(true);
    expect(changeTouches(change({}, { votes: ['id'] }), ['votes'])).toBe(true);
    expect(changeTouches(change({ notes: [{}] }), ['votes', 'voting_rounds'])).toBe(false);
    expect(changeTouches(change({ votes: [] }), ['votes'])).toBe(false);
  });

  it('treats a reload as touching everything', () => {
    expect(changeTouches(change({}, {}, true), ['votes'])).toBe(true);
  });
});
