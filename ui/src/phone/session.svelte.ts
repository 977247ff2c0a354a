// One phone's session in the room: who it is (the secret from joining, kept per room in
// localStorage), what the workshop shows it (PhoneState: what every phone is shown alike
// arrives on the live events, the phone's own part is refetched when it may have changed), and
// its outbox of actions waiting for the laptop's acknowledgement. The laptop is the record of
// the phone's own notes, ratings (with feelings) and answers; the phone only adds what it has
// not fetched back yet.

import {
  ApiError,
  call,
  getState,
  join,
  leave,
  NetworkError,
  type AnswerInput,
  type DoneRequest,
  type PhoneNote,
  type PhoneNoteView,
  type PhonePhoto,
  type PhoneState,
  type RatingInput,
  type Receipt,
  type RetractRequest,
  type Role,
  type Variant,
  type VoteRequest,
} from './api';
import { Outbox, type OutboxItem } from './outbox';
import { backoff, live } from './sse';
import {
  answerShown,
  feelingsShown,
  fetchesAfter,
  notesShown,
  ratingKey,
  ratingsShown,
  refusal,
  sharedIn,
  withShared,
  type Notice,
  type ShownAnswer,
  type ShownNote,
} from './view';

const PREFIX = 'fiilis.phone.';

export interface Saved {
  secret: string;
  participant_id: string;
  name: string | null;
}

function read<T>(key: string, fallback: T): T {
  try {
    const text = localStorage.getItem(PREFIX + key);
    return text === null ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown) {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Full or forbidden: it stays in memory for this visit.
  }
}

/** The room token from `#room=…`, if the page was opened from the QR code. */
export function roomFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const room = params.get('room')?.trim();
  return room ? room : null;
}

/** A typed room code as the server compares it. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Older Safari on plain http: crypto.randomUUID needs a secure context there.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type Connection = 'live' | 'connecting' | 'offline';

export class Session {
  room: string | null = $state(null);
  saved: Saved | null = $state(null);
  state: PhoneState | null = $state(null);
  pending: OutboxItem[] = $state([]);
  flushing = $state(false);
  connection: Connection = $state('connecting');
  /** performance.now() when `state` arrived: the timer counts down from there. */
  stateAt = $state(0);
  /** The latest refusal or problem, shown until dismissed. */
  message: Notice | null = $state(null);
  /** The facilitator removed this phone's participant while it was in the room. */
  removed = $state(false);
  /** Acknowledged since the last state was fetched, with the acknowledgement's sequence number. */
  ackedNotes: { note: PhoneNoteView; seq: number }[] = $state([]);
  ackedRatings: Record<string, { score: number; feelings: string[]; seq: number }> = $state({});
  /** Answers acknowledged since the last state, by question id. */
  ackedAnswers: Record<string, { score: number | null; text: string | null; seq: number }> = $state({});
  /** Votes acknowledged but not yet in a refetched state: client id → [round id, note id]. */
  ackedVotes: Record<string, [string, string]> = $state({});
  ackedRetracts: string[] = $state([]);

  #outbox: Outbox | null = null;
  #live: { stop: () => void; restart: () => void } | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Whether an acknowledged or refused action asks for the view to be fetched once the
   * outbox is through (see `fetchesAfter`). */
  #stale = false;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;
  #refreshRetries = 0;
  #retries = 0;
  #fetching: Promise<void> | null = null;
  #fetchAgain = false;
  #listening = false;
  #ackSeq = 0;
  /** The secret worked in this page's life: a later refusal of it means removal. */
  #confirmed = false;
  #leaving = false;

  constructor(hash: string) {
    this.room = roomFromHash(hash);
    const last = read<string | null>('last', null);
    const key = this.room ?? last;
    this.saved = key ? read<Saved | null>(`session.${key}`, null) : null;
    // Opened from a new QR code (the app restarted) on a phone that already joined: the
    // secret still holds, so try the last one before asking to join again.
    if (!this.saved && last) this.saved = read<Saved | null>(`session.${last}`, null);
  }

  get joined(): boolean {
    return this.saved !== null;
  }

  /** Joins with the room token (from the QR code) or a typed code. */
  async join(room: string, name: string, role: Role): Promise<void> {
    const key = this.room ?? normaliseCode(room);
    const joined = await join(this.room ?? normaliseCode(room), name.trim() || null, role);
    const saved: Saved = { secret: joined.secret, participant_id: joined.participant_id, name: joined.name };
    write(`session.${key}`, saved);
    write('last', key);
    this.saved = saved;
    this.removed = false;
    this.#confirmed = true;
    this.start();
  }

  /**
   * Leaves the room: sends what waits, tells the laptop, then forgets the secret. Resolves
   * false when the laptop could not be reached (the phone then stays in).
   */
  async leave(): Promise<boolean> {
    const saved = this.saved;
    if (!saved || this.#leaving) return false;
    this.#leaving = true;
    try {
      await this.flush();
      this.#live?.stop();
      this.#live = null;
      try {
        await leave(saved.secret);
      } catch (error) {
        // Refused as unknown: already out of the room, which is what leaving wants.
        if (!(error instanceof ApiError && error.status === 401)) {
          this.message = { key: error instanceof NetworkError ? 'network_error' : 'leave_failed' };
          this.start();
          return false;
        }
      }
      this.forget();
      return true;
    } finally {
      this.#leaving = false;
    }
  }

  /** Forgets this phone's membership (the server keeps what it did). */
  forget() {
    this.stop();
    try {
      for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX + 'session.')) localStorage.removeItem(key);
      localStorage.removeItem(PREFIX + 'last');
    } catch {
      // Nothing to forget.
    }
    this.saved = null;
    this.state = null;
    this.message = null;
    this.ackedNotes = [];
    this.ackedRatings = {};
    this.ackedAnswers = {};
  }

  /** Back to the join screen after the removed screen. */
  rejoin() {
    this.removed = false;
  }

  /** Starts syncing: outbox, live events and the page lifecycle listeners. */
  start() {
    const saved = this.saved;
    if (!saved) return;
    const me = saved.participant_id;
    this.#outbox = new Outbox({
      storage: localStorage,
      storageKey: `${PREFIX}outbox.${me}`,
      send: (item) => call('POST', item.path, saved.secret, item.body),
      onAck: (item, answer) => {
        this.#acknowledged(item, answer);
        this.#stale ||= fetchesAfter(item.path, true);
      },
      onRefused: (item, error) => {
        this.message = refusal(error.code, item.kind, this.state?.round ?? null);
        this.#stale ||= fetchesAfter(item.path, false);
      },
      onChange: (items) => {
        this.pending = [...items];
      },
    });
    this.pending = [...this.#outbox.items];
    this.#live?.stop();
    this.#live = live({
      url: '/p/events',
      secret: saved.secret,
      onOpen: () => {
        this.connection = 'live';
        void this.refresh();
        void this.flush();
      },
      onEvent: (data) => this.#heard(data),
      onDown: () => {
        this.connection = navigator.onLine === false ? 'offline' : 'connecting';
      },
      onUnauthorized: () => this.#unauthorized(),
    });
    if (!this.#listening) {
      this.#listening = true;
      const wake = () => this.wake();
      window.addEventListener('online', wake);
      window.addEventListener('pageshow', wake);
      window.addEventListener('focus', wake);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') this.wake();
      });
      window.addEventListener('offline', () => {
        this.connection = 'offline';
      });
    }
    void this.refresh();
    void this.flush();
  }

  stop() {
    this.#live?.stop();
    this.#live = null;
    if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = null;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  /** Back from sleep, the background or a dead network: reconnect and resend now. */
  wake() {
    if (!this.saved) return;
    this.#retries = 0;
    this.#live?.restart();
    void this.refresh();
    void this.flush();
  }

  /** A live event: what every phone is shown alike now is put in place; anything else (or
   * a change the phone cannot place) fetches the phone's view. */
  #heard(data: string) {
    const shared = sharedIn(data);
    // A fetch under way may answer with a view older than this event: fetch once more instead.
    const merged = shared && this.state && !this.#fetching ? withShared(this.state, shared) : null;
    if (!merged) {
      void this.refresh();
      return;
    }
    this.state = merged;
    this.stateAt = performance.now();
  }

  /** Refetches the phone's view; calls made meanwhile are folded into one more fetch. */
  refresh(): Promise<void> {
    if (this.#fetching) {
      this.#fetchAgain = true;
      return this.#fetching;
    }
    this.#fetching = (async () => {
      do {
        this.#fetchAgain = false;
        const saved = this.saved;
        if (!saved) return;
        // Acknowledgements up to here are in the state about to be fetched.
        const acked = this.#ackSeq;
        try {
          const state = await getState(saved.secret);
          if (this.saved !== saved) return;
          this.#settle(state, acked);
          this.state = state;
          this.stateAt = performance.now();
          this.#confirmed = true;
          this.#refreshRetries = 0;
          this.connection = 'live';
        } catch (error) {
          if (error instanceof ApiError && error.status === 401) return this.#unauthorized();
          if (error instanceof NetworkError) this.connection = 'offline';
          // Busy (rate limited), failing for a moment or not reached: look again soon, or the
          // phone would show an old view until something else changes.
          if ((error instanceof ApiError && error.retryable) || error instanceof NetworkError) {
            this.#refreshLater();
          }
          return;
        }
      } while (this.#fetchAgain);
    })().finally(() => {
      this.#fetching = null;
    });
    return this.#fetching;
  }

  /** One more refresh after a backoff (not several, however many failures ask for it). */
  #refreshLater() {
    if (this.#refreshTimer) return;
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      void this.refresh();
    }, backoff(this.#refreshRetries++));
  }

  /** Sends what waits in the outbox; if the laptop cannot be reached, tries again later. */
  async flush(): Promise<void> {
    const outbox = this.#outbox;
    if (!outbox || outbox.size === 0) return;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.flushing = true;
    const result = await outbox.flush();
    this.flushing = false;
    if (result === 'unauthorized') return this.#unauthorized();
    if (result === 'offline') {
      this.connection = 'offline';
      this.#retryTimer = setTimeout(() => void this.flush(), backoff(this.#retries++));
    } else {
      this.#retries = 0;
      this.connection = 'live';
      if (this.#stale) {
        this.#stale = false;
        void this.refresh();
      }
    }
  }

  #enqueue(item: Omit<OutboxItem, 'at'>) {
    this.message = null;
    this.#outbox?.add(item);
    void this.flush();
  }

  addNote(text: string, colour: string) {
    const id = newId();
    this.#enqueue({ id, kind: 'note', path: '/p/notes', body: { client_id: id, text, colour } satisfies PhoneNote });
  }

  /** Sends a photo (a data URL the page has scaled down already) to the board's inbox. */
  addPhoto(dataUrl: string) {
    const id = newId();
    this.#enqueue({ id, kind: 'photo', path: '/p/photos', body: { client_id: id, image_base64: dataUrl } satisfies PhonePhoto });
  }

  vote(noteId: string) {
    const round = this.state?.round;
    if (!round) return;
    const id = newId();
    this.#enqueue({ id, kind: 'vote', path: '/p/votes', body: { round_id: round.id, note_id: noteId, client_id: id } satisfies VoteRequest });
  }

  /** Takes back the latest of this phone's votes on a note. */
  unvote(noteId: string) {
    const round = this.state?.round;
    if (!round) return;
    const mine = this.myVotes.filter(([note]) => note === noteId);
    const last = mine.at(-1);
    if (!last) return;
    const clientId = last[1];
    // Still waiting to go out: simply do not send it.
    if (this.#outbox?.remove(clientId)) return;
    this.#enqueue({
      id: newId(),
      kind: 'retract',
      path: '/p/votes/retract',
      body: { round_id: round.id, client_id: clientId } satisfies RetractRequest,
    });
  }

  done() {
    const round = this.state?.round;
    if (!round) return;
    this.#enqueue({ id: newId(), kind: 'done', path: '/p/done', body: { round_id: round.id } satisfies DoneRequest, key: `done:${round.id}` });
  }

  /**
   * Rates a stage. The feelings go with a rating of the current experience only; left out,
   * those picked before are kept (the laptop replaces them with every rating).
   */
  rate(personaId: string | null, stageId: string, variant: Variant, score: number, feelings?: string[]) {
    const key = ratingKey(personaId, stageId, variant);
    const felt = variant === 'current' ? (feelings ?? this.feelings[key] ?? []) : [];
    this.#enqueue({
      id: newId(),
      kind: 'rating',
      path: '/p/ratings',
      body: { persona_id: personaId, stage_id: stageId, variant, score, feelings: felt } satisfies RatingInput,
      key: `rating:${key}`,
    });
  }

  /** Answers the open question with a score (or poll option index) or a few words. */
  answer(questionId: string, answer: { score: number } | { text: string }) {
    this.#enqueue({
      id: newId(),
      kind: 'answer',
      path: '/p/answers',
      body: { question_id: questionId, ...answer } satisfies AnswerInput,
      key: `answer:${questionId}`,
    });
  }

  /** The feelings picked with the phone's own ratings, by `ratingKey`. */
  get feelings(): Record<string, string[]> {
    return feelingsShown(
      this.state?.my_ratings ?? [],
      Object.fromEntries(Object.entries(this.ackedRatings).map(([key, entry]) => [key, entry.feelings])),
      this.pending,
    );
  }

  /** The phone's answer to the open question, if it gave one. */
  get answerGiven(): ShownAnswer | null {
    return answerShown(
      this.state?.question ?? null,
      Object.fromEntries(Object.entries(this.ackedAnswers).map(([id, entry]) => [id, { score: entry.score, text: entry.text }])),
      this.pending,
    );
  }

  /**
   * This phone's votes in the current round as it will be once the outbox is through:
   * the server's, plus those acknowledged or waiting, minus retractions.
   */
  get myVotes(): [string, string][] {
    const round = this.state?.round;
    if (!round) return [];
    const votes = new Map<string, string>();
    for (const [note, client] of round.my_votes) votes.set(client, note);
    for (const [client, [roundId, note]] of Object.entries(this.ackedVotes)) if (roundId === round.id) votes.set(client, note);
    for (const client of this.ackedRetracts) votes.delete(client);
    for (const item of this.pending) {
      if (item.body.round_id !== round.id) continue;
      if (item.kind === 'vote') votes.set(item.id, String(item.body.note_id));
      if (item.kind === 'retract') votes.delete(String(item.body.client_id));
    }
    return [...votes].map(([client, note]) => [note, client]);
  }

  /** The phone's own notes, oldest first, with those still waiting to be sent. */
  get myNotes(): ShownNote[] {
    return notesShown(
      this.state?.my_notes ?? [],
      this.ackedNotes.map((entry) => entry.note),
      this.pending,
    );
  }

  /** The phone's own ratings by `ratingKey`. */
  get ratings(): Record<string, number> {
    return ratingsShown(
      this.state?.my_ratings ?? [],
      Object.fromEntries(Object.entries(this.ackedRatings).map(([key, entry]) => [key, entry.score])),
      this.pending,
    );
  }

  get votesLeft(): number {
    const round = this.state?.round;
    return round ? round.votes_per_participant - this.myVotes.length : 0;
  }

  get doneWaiting(): boolean {
    const round = this.state?.round;
    return round ? this.pending.some((item) => item.kind === 'done' && item.body.round_id === round.id) : false;
  }

  #acknowledged(item: OutboxItem, answer: unknown) {
    const seq = ++this.#ackSeq;
    if (item.kind === 'note' || item.kind === 'photo') {
      this.ackedNotes = [...this.ackedNotes, { note: answer as PhoneNoteView, seq }];
    } else if (item.kind === 'rating') {
      const body = item.body as RatingInput;
      const key = ratingKey(body.persona_id ?? null, body.stage_id, body.variant);
      this.ackedRatings = { ...this.ackedRatings, [key]: { score: body.score, feelings: body.feelings ?? [], seq } };
    } else if (item.kind === 'answer') {
      const body = item.body as AnswerInput;
      this.ackedAnswers = { ...this.ackedAnswers, [body.question_id]: { score: body.score ?? null, text: body.text ?? null, seq } };
    } else if (item.kind === 'vote') {
      const receipt = answer as Receipt;
      this.ackedVotes = { ...this.ackedVotes, [item.id]: [receipt.round_id, receipt.note_id] };
    } else if (item.kind === 'retract') {
      this.ackedRetracts = [...this.ackedRetracts, String(item.body.client_id)];
    }
  }

  /** Drops acknowledgements the fetched state already reflects (those up to `acked`). */
  #settle(state: PhoneState, acked: number) {
    this.ackedNotes = this.ackedNotes.filter((entry) => entry.seq > acked);
    this.ackedRatings = Object.fromEntries(Object.entries(this.ackedRatings).filter(([, entry]) => entry.seq > acked));
    this.ackedAnswers = Object.fromEntries(Object.entries(this.ackedAnswers).filter(([, entry]) => entry.seq > acked));
    const round = state.round;
    const recorded = new Set(round?.my_votes.map(([, client]) => client) ?? []);
    const retracted = new Set(this.ackedRetracts);
    this.ackedVotes = Object.fromEntries(
      Object.entries(this.ackedVotes).filter(
        ([client, [roundId]]) => roundId === round?.id && !recorded.has(client) && !retracted.has(client),
      ),
    );
    this.ackedRetracts = this.ackedRetracts.filter((client) => recorded.has(client));
  }

  #unauthorized() {
    // The secret is not known (another workshop, or it was removed): join again. What waited
    // in the outbox stays saved under the old membership. A secret that worked earlier in
    // this page's life was taken back by the facilitator: say so.
    if (this.#leaving) return;
    this.removed = this.#confirmed;
    this.#confirmed = false;
    this.stop();
    try {
      const key = this.room ?? read<string | null>('last', null);
      if (key) localStorage.removeItem(`${PREFIX}session.${key}`);
    } catch {
      // Nothing to remove.
    }
    this.saved = null;
    this.state = null;
    this.message = null;
  }
}
