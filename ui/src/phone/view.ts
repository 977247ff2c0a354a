// What the phone shows, derived from the state the laptop sent and what still waits in the
// outbox: its own notes, ratings (with the feelings picked) and answer to the open question,
// which tab to bring forward when the facilitator opens something, and how to say a refusal
// in the phone's language. Pure, for unit tests.

import type { ActionKind, OutboxItem } from './outbox';
import type { MessageKey } from './i18n.svelte';
import type { MyRating, PhoneQuestion, PhoneRound, PhoneShared, PhoneState, QuestionKind, Variant } from './api';

/** An event's data: what every phone is shown alike now (an object), or null when the event
 * only asks the phone to fetch its view (a number). */
export function sharedIn(data: string): PhoneShared | null {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null ? (value as PhoneShared) : null;
  } catch {
    return null;
  }
}

/**
 * The phone's view with what every phone is shown alike put in its place, keeping the
 * phone's own votes, notes, ratings and answer; null when the phone must fetch its whole view
 * instead: its round or question is another one now (its own part there is not known here),
 * or its round's budget changed (and so its votes left).
 */
export function withShared(state: PhoneState, shared: PhoneShared): PhoneState | null {
  const { round, question, ...common } = shared;
  if (round && (state.round?.id !== round.id || state.round.votes_per_participant !== round.votes_per_participant)) return null;
  if (question && state.question?.id !== question.id) return null;
  return {
    ...state,
    ...common,
    round: round && state.round ? { ...state.round, ...round } : null,
    question: question && state.question ? { ...state.question, ...question } : null,
  };
}

export interface ShownNote {
  id: string;
  text: string;
  colour: string;
  /** Still in the outbox: not on the board yet. */
  waiting: boolean;
  /** A photo still on its way (its caption may be empty: the laptop then names it). */
  photo?: boolean;
}

/**
 * The phone's notes, oldest first: those the laptop lists, those it acknowledged since that
 * list was fetched, and those still waiting to be sent.
 */
export function notesShown(
  server: readonly { id: string; text: string; colour: string }[],
  acknowledged: readonly { id: string; text: string; colour: string }[],
  pending: readonly OutboxItem[],
): ShownNote[] {
  const shown: ShownNote[] = server.map((note) => ({ ...note, waiting: false }));
  const ids = new Set(shown.map((note) => note.id));
  for (const note of acknowledged) if (!ids.has(note.id)) shown.push({ ...note, waiting: false });
  for (const item of pending) {
    if (item.kind !== 'note' && item.kind !== 'photo') continue;
    shown.push({
      id: item.id,
      text: String(item.body.text ?? '').trim(),
      colour: String(item.body.colour ?? 'yellow'),
      waiting: true,
      photo: item.kind === 'photo',
    });
  }
  return shown;
}

/** A round's notes under the board section each is in, in the order the laptop sent them
 * (section by section, in board order): consecutive notes of one section form one group. */
export function bySection<T extends { section: string | null }>(notes: readonly T[]): { section: string | null; notes: T[] }[] {
  const groups: { section: string | null; notes: T[] }[] = [];
  for (const note of notes) {
    const last = groups.at(-1);
    if (last && last.section === note.section) last.notes.push(note);
    else groups.push({ section: note.section, notes: [note] });
  }
  return groups;
}

export function ratingKey(personaId: string | null, stageId: string, variant: Variant): string {
  return `${personaId ?? 'me'}|${stageId}|${variant}`;
}

/** The phone's own ratings by `ratingKey`: the laptop's, overlaid by newer ones from this phone. */
export function ratingsShown(
  server: readonly MyRating[],
  acknowledged: Readonly<Record<string, number>>,
  pending: readonly OutboxItem[],
): Record<string, number> {
  const shown: Record<string, number> = {};
  for (const rating of server) shown[ratingKey(rating.persona_id, rating.stage_id, rating.variant)] = rating.score;
  Object.assign(shown, acknowledged);
  for (const item of pending) {
    if (item.kind !== 'rating') continue;
    const body = item.body as { persona_id?: string | null; stage_id: string; variant: Variant; score: number };
    shown[ratingKey(body.persona_id ?? null, body.stage_id, body.variant)] = body.score;
  }
  return shown;
}

/** The feelings picked with the phone's own ratings by `ratingKey`, overlaid like `ratingsShown`. */
export function feelingsShown(
  server: readonly MyRating[],
  acknowledged: Readonly<Record<string, readonly string[]>>,
  pending: readonly OutboxItem[],
): Record<string, string[]> {
  const shown: Record<string, string[]> = {};
  for (const rating of server) shown[ratingKey(rating.persona_id, rating.stage_id, rating.variant)] = [...(rating.feelings ?? [])];
  for (const [key, feelings] of Object.entries(acknowledged)) shown[key] = [...feelings];
  for (const item of pending) {
    if (item.kind !== 'rating') continue;
    const body = item.body as { persona_id?: string | null; stage_id: string; variant: Variant; feelings?: string[] };
    shown[ratingKey(body.persona_id ?? null, body.stage_id, body.variant)] = [...(body.feelings ?? [])];
  }
  return shown;
}

/** At most this many feelings go with one rating (LIMITS.felt_feelings in core). */
export const MAX_FELT = 2;

/** The feelings after tapping `key`: picked again takes it off; a third is refused (unchanged). */
export function toggleFeeling(picked: readonly string[], key: string, max = MAX_FELT): string[] {
  if (picked.includes(key)) return picked.filter((k) => k !== key);
  return picked.length >= max ? [...picked] : [...picked, key];
}

/** The phone's answer to the open question: a waiting one, else the last acknowledged, else the laptop's. */
export interface ShownAnswer {
  score: number | null;
  text: string | null;
  waiting: boolean;
}

export function answerShown(
  question: Pick<PhoneQuestion, 'id' | 'my_score' | 'my_text'> | null,
  acknowledged: Readonly<Record<string, { score: number | null; text: string | null }>>,
  pending: readonly OutboxItem[],
): ShownAnswer | null {
  if (!question) return null;
  const waiting = pending.filter((item) => item.kind === 'answer' && item.body.question_id === question.id).at(-1);
  if (waiting) {
    const body = waiting.body as { score?: number | null; text?: string | null };
    return { score: body.score ?? null, text: body.text ?? null, waiting: true };
  }
  const acked = acknowledged[question.id];
  if (acked) return { ...acked, waiting: false };
  if (question.my_score === null && question.my_text === null) return null;
  return { score: question.my_score, text: question.my_text, waiting: false };
}

/** The end labels of a scored question's scale, as the standard wording puts them. */
export function scaleEnds(kind: QuestionKind): [MessageKey, MessageKey] | null {
  switch (kind) {
    case 'nps':
      return ['answer_nps_low', 'answer_nps_high'];
    case 'csat':
      return ['answer_csat_low', 'answer_csat_high'];
    case 'ces':
      return ['answer_ces_low', 'answer_ces_high'];
    default:
      return null;
  }
}

export type Tab = 'ask' | 'notes' | 'vote' | 'feel';

/** What decides which tab comes forward. */
export interface Opened {
  brainstorm: boolean;
  rating: boolean;
  /** `round id:status` of a round open or revealed, else null. */
  round: string | null;
  /** The id of the question open to everyone, else null. */
  question?: string | null;
}

export function openedIn(state: Pick<PhoneState, 'room' | 'round'> & Partial<Pick<PhoneState, 'question'>>): Opened {
  const round = state.round;
  return {
    brainstorm: state.room.brainstorm_open,
    rating: state.room.rating_open,
    round: round && round.status !== 'closed' ? `${round.id}:${round.status}` : null,
    question: state.question?.id ?? null,
  };
}

/** The tabs a phone offers: the question only while one is open, rating only while it is open. */
export function tabsFor(opened: Opened): Tab[] {
  const tabs: Tab[] = opened.rating ? ['notes', 'vote', 'feel'] : ['notes', 'vote'];
  return opened.question ? ['ask', ...tabs] : tabs;
}

/**
 * The tab to show after the state went from `before` (null: the first state) to `after`.
 * What the facilitator has just opened comes forward once; otherwise the person stays where
 * they are, unless that tab went away. A tab the person picked before the first state arrived
 * (the page is slow to load on a busy network) is theirs: the first state does not override it.
 */
export function nextTab(before: Opened | null, after: Opened, current: Tab, picked = false): Tab {
  if (before === null && picked) return tabsFor(after).includes(current) ? current : 'notes';
  if (after.round !== null && after.round !== before?.round) return 'vote';
  if (after.question && after.question !== before?.question) return 'ask';
  if (before === null) return after.brainstorm ? 'notes' : after.rating ? 'feel' : current;
  if (after.rating && !before.rating) return 'feel';
  if (after.brainstorm && !before.brainstorm) return 'notes';
  return tabsFor(after).includes(current) ? current : 'notes';
}

/** Whom the phone rates stages as: the facilitator's persona, or (null) the person themselves. */
export function ratingTarget(state: Pick<PhoneState, 'room' | 'personas'>): { id: string | null; name: string | null } {
  const id = state.room.rating_persona_id;
  if (id === null) return { id: null, name: null };
  return { id, name: state.personas.find(([personaId]) => personaId === id)?.[1] ?? null };
}

export interface Notice {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** A refusal from the laptop in the phone's own words, by its code and what was refused. */
export function refusal(code: string, kind: ActionKind, round: Pick<PhoneRound, 'votes_per_participant' | 'max_per_note'> | null): Notice {
  switch (code) {
    case 'budget_exhausted':
      return round ? { key: 'refused_budget_n', params: { n: round.votes_per_participant } } : { key: 'refused_budget' };
    case 'note_cap_reached':
      return round ? { key: 'refused_note_cap_n', params: { n: round.max_per_note } } : { key: 'refused_note_cap' };
    case 'round_closed':
    case 'round_still_open':
      return { key: 'refused_round_closed' };
    case 'results_hidden':
      return { key: 'refused_results_hidden' };
    case 'not_in_round':
      return { key: 'refused_not_in_round' };
    case 'activity_closed':
      return {
        key:
          kind === 'note' || kind === 'photo'
            ? 'refused_brainstorm_closed'
            : kind === 'rating'
              ? 'refused_rating_closed'
              : kind === 'answer'
                ? 'refused_question_closed'
                : 'refused_round_closed',
      };
    case 'not_found':
      return { key: 'refused_not_found' };
    case 'payload_too_large':
      return { key: kind === 'photo' ? 'refused_photo' : 'refused_too_large' };
    case 'invalid_input':
      return { key: kind === 'photo' ? 'refused_photo' : 'refused_other' };
    default:
      return { key: 'refused_other' };
  }
}

/** Actions whose acknowledgement the page shows by itself: a vote's receipt (and a
 * retraction) says all the phone's view would change, so no fetch follows. */
const PLACED_BY_THE_PAGE = ['/p/votes', '/p/votes/retract'];

/**
 * Whether the phone fetches its view once its outbox is through, after the action sent to
 * `path` was acknowledged (`acked`) or refused: a refusal always (the server knows better),
 * a note, photo, rating, answer or "done" too (the server places them), a vote or retraction
 * not.
 */
export function fetchesAfter(path: string, acked: boolean): boolean {
  return !acked || !PLACED_BY_THE_PAGE.includes(path);
}
