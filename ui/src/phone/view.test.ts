import { describe, expect, it } from 'vitest';
import type { OutboxItem } from './outbox';
import type { PhoneRoom } from './api';
import { DICTIONARIES } from './i18n.svelte';
import { nextTab, notesShown, openedIn, ratingKey, ratingsShown, ratingTarget, refusal, tabsFor, type Opened } from './view';

const item = (kind: OutboxItem['kind'], id: string, body: Record<string, unknown>): OutboxItem => ({ id, kind, path: `/p/${kind}`, body, at: 0 });

const room = (extra: Partial<PhoneRoom> = {}): PhoneRoom => ({
  workshop_id: 'w1',
  brainstorm_open: true,
  notes_hidden: false,
  rating_open: false,
  rating_persona_id: null,
  timer: { status: 'stopped', duration_seconds: 0, remaining_seconds: 0, ends_at: null },
  ...extra,
});

describe('notesShown', () => {
  it('lists the laptop’s notes, then acknowledged ones it has not sent back yet, then waiting ones', () => {
    const shown = notesShown(
      [{ id: 's1', text: 'Breakfast', colour: 'yellow' }],
      [
        { id: 's1', text: 'Breakfast', colour: 'yellow' },
        { id: 's2', text: 'Towels', colour: 'sky' },
      ],
      [item('note', 'c3', { client_id: 'c3', text: '  Queue  ', colour: 'pink' }), item('vote', 'v1', { note_id: 's1' })],
    );
    expect(shown).toEqual([
      { id: 's1', text: 'Breakfast', colour: 'yellow', waiting: false },
      { id: 's2', text: 'Towels', colour: 'sky', waiting: false },
      { id: 'c3', text: 'Queue', colour: 'pink', waiting: true },
    ]);
  });

  it('is empty with nothing anywhere', () => {
    expect(notesShown([], [], [])).toEqual([]);
  });
});

describe('ratingsShown', () => {
  it('overlays acknowledged and waiting ratings on the laptop’s, per persona, stage and variant', () => {
    const shown = ratingsShown(
      [
        { stage_id: 'a', persona_id: null, variant: 'current', score: 1 },
        { stage_id: 'b', persona_id: 'p', variant: 'current', score: -2 },
        { stage_id: 'a', persona_id: null, variant: 'target', score: 2 },
      ],
      { [ratingKey(null, 'a', 'current')]: 0 },
      [item('rating', 'r1', { persona_id: 'p', stage_id: 'b', variant: 'current', score: 1 })],
    );
    expect(shown).toEqual({ 'me|a|current': 0, 'p|b|current': 1, 'me|a|target': 2 });
  });
});

describe('tabs', () => {
  const opened = (extra: Partial<Opened> = {}): Opened => ({ brainstorm: true, rating: false, round: null, ...extra });

  it('offers rating only while it is open', () => {
    expect(tabsFor(opened())).toEqual(['notes', 'vote']);
    expect(tabsFor(opened({ rating: true }))).toEqual(['notes', 'vote', 'feel']);
  });

  it('reads what is open from the state; a closed round does not count', () => {
    const round = { id: 'r', status: 'open' } as const;
    expect(openedIn({ room: room({ rating_open: true }), round: null })).toEqual({ brainstorm: true, rating: true, round: null });
    expect(openedIn({ room: room(), round: { ...round } as never })).toMatchObject({ round: 'r:open' });
    expect(openedIn({ room: room(), round: { ...round, status: 'closed' } as never })).toMatchObject({ round: null });
  });

  it('starts where there is something to do', () => {
    expect(nextTab(null, opened({ round: 'r:open' }), 'notes')).toBe('vote');
    expect(nextTab(null, opened(), 'vote')).toBe('notes');
    expect(nextTab(null, opened({ brainstorm: false, rating: true }), 'notes')).toBe('feel');
    expect(nextTab(null, opened({ brainstorm: false }), 'notes')).toBe('notes');
  });

  it('keeps a tab the person picked before the first state arrived', () => {
    expect(nextTab(null, opened({ round: 'r:open' }), 'notes', true)).toBe('notes');
    expect(nextTab(null, opened({ rating: true }), 'vote', true)).toBe('vote');
    expect(nextTab(null, opened({ rating: false }), 'feel', true)).toBe('notes');
  });

  it('brings forward what the facilitator has just opened, once', () => {
    const before = opened({ brainstorm: false });
    expect(nextTab(before, opened({ brainstorm: true }), 'vote')).toBe('notes');
    expect(nextTab(opened(), opened({ rating: true }), 'notes')).toBe('feel');
    expect(nextTab(opened(), opened({ round: 'r:open' }), 'notes')).toBe('vote');
    expect(nextTab(opened({ round: 'r:open' }), opened({ round: 'r:revealed' }), 'notes')).toBe('vote');
    // Nothing new: the person stays where they went.
    expect(nextTab(opened({ round: 'r:open' }), opened({ round: 'r:open' }), 'notes')).toBe('notes');
    expect(nextTab(opened({ rating: true }), opened({ rating: true }), 'vote')).toBe('vote');
  });

  it('leaves the rating tab when rating closes', () => {
    expect(nextTab(opened({ rating: true }), opened({ rating: false }), 'feel')).toBe('notes');
  });
});

describe('ratingTarget', () => {
  const personas: [string, string][] = [['p1', 'Maija, 38']];

  it('is the person themselves, or the facilitator’s persona by name', () => {
    expect(ratingTarget({ room: room(), personas })).toEqual({ id: null, name: null });
    expect(ratingTarget({ room: room({ rating_persona_id: 'p1' }), personas })).toEqual({ id: 'p1', name: 'Maija, 38' });
    expect(ratingTarget({ room: room({ rating_persona_id: 'gone' }), personas })).toEqual({ id: 'gone', name: null });
  });
});

describe('refusal', () => {
  const round = { votes_per_participant: 5, max_per_note: 3 };

  it('says each refusal code in the phone’s words, with the round’s numbers', () => {
    expect(refusal('budget_exhausted', 'vote', round)).toEqual({ key: 'refused_budget_n', params: { n: 5 } });
    expect(refusal('budget_exhausted', 'vote', null)).toEqual({ key: 'refused_budget' });
    expect(refusal('note_cap_reached', 'vote', round)).toEqual({ key: 'refused_note_cap_n', params: { n: 3 } });
    expect(refusal('round_closed', 'retract', round).key).toBe('refused_round_closed');
    expect(refusal('results_hidden', 'vote', round).key).toBe('refused_results_hidden');
    expect(refusal('not_in_round', 'vote', round).key).toBe('refused_not_in_round');
    expect(refusal('not_found', 'vote', round).key).toBe('refused_not_found');
    expect(refusal('payload_too_large', 'note', null).key).toBe('refused_too_large');
  });

  it('names what was closed', () => {
    expect(refusal('activity_closed', 'note', null).key).toBe('refused_brainstorm_closed');
    expect(refusal('activity_closed', 'rating', null).key).toBe('refused_rating_closed');
  });

  it('never passes the server’s English on: unknown codes get a general message', () => {
    expect(refusal('invalid_input', 'note', null).key).toBe('refused_other');
    expect(refusal('something_new', 'vote', round).key).toBe('refused_other');
  });

  it('has every message in both languages, with the same placeholders', () => {
    const codes = ['budget_exhausted', 'note_cap_reached', 'round_closed', 'results_hidden', 'not_in_round', 'activity_closed', 'not_found', 'payload_too_large', 'x'];
    for (const code of codes) {
      for (const kind of ['note', 'vote', 'rating'] as const) {
        for (const r of [round, null]) {
          const { key, params } = refusal(code, kind, r);
          const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
          expect(DICTIONARIES.en[key], key).toBeTruthy();
          expect(placeholders(DICTIONARIES.fi[key]), key).toEqual(placeholders(DICTIONARIES.en[key]));
          expect(placeholders(DICTIONARIES.en[key]), key).toEqual(Object.keys(params ?? {}).sort());
        }
      }
    }
  });
});
