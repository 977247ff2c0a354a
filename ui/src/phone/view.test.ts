import { describe, expect, it } from 'vitest';
import type { OutboxItem } from './outbox';
import { room } from './fixtures';
import { DICTIONARIES } from './i18n.svelte';
import { answerShown, bySection, feelingsShown, nextTab, notesShown, openedIn, ratingKey, ratingsShown, ratingTarget, refusal, scaleEnds, tabsFor, toggleFeeling, type Opened } from './view';

const item = (kind: OutboxItem['kind'], id: string, body: Record<string, unknown>): OutboxItem => ({ id, kind, path: `/p/${kind}`, body, at: 0 });


describe('notesShown', () => {
  it('lists the laptop’s notes, then acknowledged ones it has not sent back yet, then waiting ones', () => {
    const shown = notesShown(
      [{ id: 's1', text: 'Breakfast', colour: 'yellow' }],
      [
        { id: 's1', text: 'Breakfast', colour: 'yellow' },
        { id: 's2', text: 'Towels', colour: 'sky' },
      ],
      [
        item('note', 'c3', { client_id: 'c3', text: '  Queue  ', colour: 'pink' }),
        item('vote', 'v1', { note_id: 's1' }),
        item('photo', 'c4', { client_id: 'c4', image_base64: 'data:image/jpeg;base64,AAAA' }),
      ],
    );
    expect(shown).toEqual([
      { id: 's1', text: 'Breakfast', colour: 'yellow', waiting: false },
      { id: 's2', text: 'Towels', colour: 'sky', waiting: false },
      { id: 'c3', text: 'Queue', colour: 'pink', waiting: true, photo: false },
      { id: 'c4', text: '', colour: 'yellow', waiting: true, photo: true },
    ]);
  });

  it('is empty with nothing anywhere', () => {
    expect(notesShown([], [], [])).toEqual([]);
  });
});

describe('bySection', () => {
  it('keeps the order and starts a group where the section changes', () => {
    const note = (id: string, section: string | null) => ({ id, section });
    const groups = bySection([note('a', 'Arrival'), note('b', 'Arrival'), note('c', 'Rooms'), note('d', null)]);
    expect(groups.map((g) => [g.section, g.notes.map((n) => n.id)])).toEqual([
      ['Arrival', ['a', 'b']],
      ['Rooms', ['c']],
      [null, ['d']],
    ]);
    expect(bySection([])).toEqual([]);
  });
});

describe('ratingsShown', () => {
  it('overlays acknowledged and waiting ratings on the laptop’s, per persona, stage and variant', () => {
    const shown = ratingsShown(
      [
        { stage_id: 'a', persona_id: null, variant: 'current', score: 1, feelings: [] },
        { stage_id: 'b', persona_id: 'p', variant: 'current', score: -2, feelings: [] },
        { stage_id: 'a', persona_id: null, variant: 'target', score: 2, feelings: [] },
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
    expect(openedIn({ room: room({ rating_open: true }), round: null })).toEqual({ brainstorm: true, rating: true, round: null, question: null });
    expect(openedIn({ room: room(), round: null, question: { id: 'q1' } as never })).toMatchObject({ question: 'q1' });
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

  it('offers the question tab first while a question is open', () => {
    expect(tabsFor(opened({ question: 'q1' }))).toEqual(['ask', 'notes', 'vote']);
    expect(tabsFor(opened({ question: 'q1', rating: true }))).toEqual(['ask', 'notes', 'vote', 'feel']);
  });

  it('brings a newly asked question forward once, and leaves it when it closes', () => {
    expect(nextTab(null, opened({ question: 'q1' }), 'notes')).toBe('ask');
    expect(nextTab(opened(), opened({ question: 'q1' }), 'feel')).toBe('ask');
    expect(nextTab(opened({ question: 'q1' }), opened({ question: 'q2' }), 'notes')).toBe('ask');
    expect(nextTab(opened({ question: 'q1' }), opened({ question: 'q1' }), 'notes')).toBe('notes');
    expect(nextTab(opened({ question: 'q1' }), opened({ question: null }), 'ask')).toBe('notes');
    // A round opened at the same time wins: it has a clock.
    expect(nextTab(opened(), opened({ question: 'q1', round: 'r:open' }), 'notes')).toBe('vote');
  });
});

describe('feelings with ratings', () => {
  it('overlays acknowledged and waiting feelings on the laptop’s', () => {
    const shown = feelingsShown(
      [
        { stage_id: 'a', persona_id: null, variant: 'current', score: 1, feelings: ['calm'] },
        { stage_id: 'b', persona_id: null, variant: 'current', score: 0, feelings: ['angry'] },
      ],
      { [ratingKey(null, 'b', 'current')]: ['joy'] },
      [item('rating', 'r1', { persona_id: null, stage_id: 'a', variant: 'current', score: 1, feelings: ['calm', 'safe'] })],
    );
    expect(shown).toEqual({ 'me|a|current': ['calm', 'safe'], 'me|b|current': ['joy'] });
  });

  it('toggles a feeling, at most two', () => {
    expect(toggleFeeling([], 'calm')).toEqual(['calm']);
    expect(toggleFeeling(['calm'], 'joy')).toEqual(['calm', 'joy']);
    expect(toggleFeeling(['calm', 'joy'], 'safe')).toEqual(['calm', 'joy']);
    expect(toggleFeeling(['calm', 'joy'], 'calm')).toEqual(['joy']);
  });
});

describe('answerShown', () => {
  const q = { id: 'q1', my_score: null, my_text: null };

  it('is nothing before answering', () => {
    expect(answerShown(null, {}, [])).toBeNull();
    expect(answerShown(q, {}, [])).toBeNull();
  });

  it('prefers a waiting answer, then an acknowledged one, then the laptop’s', () => {
    expect(answerShown({ ...q, my_score: 3 }, {}, [])).toEqual({ score: 3, text: null, waiting: false });
    expect(answerShown({ ...q, my_score: 3 }, { q1: { score: 9, text: null } }, [])).toEqual({ score: 9, text: null, waiting: false });
    const pending = [item('answer', 'a1', { question_id: 'q1', score: 10 }), item('answer', 'a2', { question_id: 'other', score: 1 })];
    expect(answerShown({ ...q, my_score: 3 }, { q1: { score: 9, text: null } }, pending)).toEqual({ score: 10, text: null, waiting: true });
    expect(answerShown(q, {}, [item('answer', 'a3', { question_id: 'q1', text: 'Pitkä jono' })])).toEqual({ score: null, text: 'Pitkä jono', waiting: true });
  });

  it('labels the ends of each scored scale in both languages', () => {
    for (const kind of ['nps', 'csat', 'ces'] as const) {
      const ends = scaleEnds(kind);
      expect(ends).not.toBeNull();
      for (const key of ends ?? []) {
        expect(DICTIONARIES.en[key]).toBeTruthy();
        expect(DICTIONARIES.fi[key]).not.toBe(DICTIONARIES.en[key]);
      }
    }
    expect(scaleEnds('open')).toBeNull();
    expect(scaleEnds('poll')).toBeNull();
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
    expect(refusal('activity_closed', 'answer', null).key).toBe('refused_question_closed');
  });

  it('never passes the server’s English on: unknown codes get a general message', () => {
    expect(refusal('invalid_input', 'note', null).key).toBe('refused_other');
    expect(refusal('something_new', 'vote', round).key).toBe('refused_other');
  });

  it('has every message in both languages, with the same placeholders', () => {
    const codes = ['budget_exhausted', 'note_cap_reached', 'round_closed', 'results_hidden', 'not_in_round', 'activity_closed', 'not_found', 'payload_too_large', 'x'];
    for (const code of codes) {
      for (const kind of ['note', 'vote', 'rating', 'answer'] as const) {
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
