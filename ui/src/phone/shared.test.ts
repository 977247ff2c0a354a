import { describe, expect, it } from 'vitest';
import type { PhoneShared, PhoneState } from './api';
import { room } from './fixtures';
import { fetchesAfter, sharedIn, withShared } from './view';

const shared = (extra: Partial<PhoneShared> = {}): PhoneShared => ({
  workshop_title: 'Hotel',
  language: 'en',
  stages: [['s1', 'Arrival']],
  personas: [],
  scale: '-3..3',
  room: room(),
  feelings: [],
  round: {
    id: 'r1',
    title: 'Round 1',
    status: 'open',
    closes_at: null,
    votes_per_participant: 5,
    max_per_note: 3,
    notes: [{ id: 'n1', text: 'Idea', colour: 'yellow', section: null }],
    results: null,
  },
  question: { id: 'q1', kind: 'open', prompt: 'What?', options: [] },
  ...extra,
});

const fetched = (): PhoneState => {
  const { round, question, ...common } = shared();
  return {
    ...common,
    participant_id: 'p1',
    name: 'Aino',
    round: { ...round!, votes_left: 3, done: false, my_votes: [['n1', 'v1'], ['n1', 'v2']] },
    my_notes: [{ id: 'n1', text: 'Idea', colour: 'yellow', section: null }],
    my_ratings: [],
    question: { ...question!, my_score: null, my_text: 'Queue' },
  };
};

describe('what every phone is shown alike, from the event stream', () => {
  it('tells a shared view from a request to fetch', () => {
    expect(sharedIn('17')).toBeNull();
    expect(sharedIn('not json')).toBeNull();
    expect(sharedIn(JSON.stringify(shared()))?.workshop_title).toBe('Hotel');
  });

  it('puts it in place and keeps the phone’s own votes, notes and answer', () => {
    const state = fetched();
    const closed = shared({ room: room({ brainstorm_open: false }) });
    const revealed = { ...closed, round: { ...closed.round!, status: 'revealed' as const, results: [] } };
    const merged = withShared(state, revealed)!;
    expect(merged.room.brainstorm_open).toBe(false);
    expect(merged.round?.status).toBe('revealed');
    expect(merged.round?.results).toEqual([]);
    expect(merged.round?.my_votes).toEqual(state.round?.my_votes);
    expect(merged.round?.votes_left).toBe(3);
    expect(merged.my_notes).toBe(state.my_notes);
    expect(merged.question?.my_text).toBe('Queue');
    expect(merged.participant_id).toBe('p1');
  });

  it('asks for the whole view when the round or question is another one, or the budget changed', () => {
    const state = fetched();
    expect(withShared(state, shared({ round: { ...shared().round!, id: 'r2' } }))).toBeNull();
    expect(withShared(state, shared({ round: { ...shared().round!, votes_per_participant: 6 } }))).toBeNull();
    expect(withShared(state, shared({ question: { id: 'q2', kind: 'nps', prompt: 'How likely?', options: [] } }))).toBeNull();
  });

  it('lets a round or question go without asking', () => {
    const merged = withShared(fetched(), shared({ round: null, question: null }))!;
    expect(merged.round).toBeNull();
    expect(merged.question).toBeNull();
  });
});

describe('the load client behaves like the page', () => {
  it('reads events and places shared views as the page does', async () => {
    // The benchmark's simulated phones (tests/support/load.mjs) copy these two rules. A
    // path in a variable: the type checker is not to follow it into the plain-JS load client.
    const client = '../../../tests/support/load.mjs';
    const load = await import(/* @vite-ignore */ client);
    for (const data of ['17', 'not json', JSON.stringify(shared())]) expect(load.pageSharedIn(data)).toEqual(sharedIn(data));
    const cases: PhoneShared[] = [
      shared({ room: room({ brainstorm_open: false }) }),
      shared({ round: { ...shared().round!, id: 'r2' } }),
      shared({ round: { ...shared().round!, votes_per_participant: 6 } }),
      shared({ question: { id: 'q2', kind: 'nps', prompt: 'How likely?', options: [] } }),
      shared({ round: null, question: null }),
    ];
    for (const next of cases) expect(load.pageWithShared(fetched(), next)).toEqual(withShared(fetched(), next));
  });

  it('fetches its view after the same actions as the page', async () => {
    const client = '../../../tests/support/load.mjs';
    const load = await import(/* @vite-ignore */ client);
    const paths = ['/p/votes', '/p/votes/retract', '/p/done', '/p/notes', '/p/photos', '/p/ratings', '/p/answers'];
    for (const path of paths) {
      for (const acked of [true, false]) expect(load.pageFetchesAfter(path, acked)).toBe(fetchesAfter(path, acked));
    }
    expect(fetchesAfter('/p/votes', true)).toBe(false);
    expect(fetchesAfter('/p/votes', false)).toBe(true);
    expect(fetchesAfter('/p/notes', true)).toBe(true);
  });
});
