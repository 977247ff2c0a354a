// The phone's own client for the participant API (served by the laptop on the room's LAN).
// It is separate from the facilitator's backend on purpose: a phone can do only this.

export type Role = 'customer' | 'employee' | 'stakeholder';
export type Scale = '-2..2' | '-3..3' | '1..10';
export type Variant = 'current' | 'target';
export type RoundStatus = 'open' | 'closed' | 'revealed';
export type NoteColour = 'yellow' | 'orange' | 'sky' | 'green' | 'blue' | 'red' | 'pink' | 'grey';

export interface Joined {
  participant_id: string;
  name: string | null;
  secret: string;
}

export interface PhoneNoteView {
  id: string;
  text: string;
  colour: string;
}

export interface NoteResult {
  note_id: string;
  text: string;
  votes: number;
  voters: string[];
}

export interface PhoneRound {
  id: string;
  title: string;
  status: RoundStatus;
  closes_at: string | null;
  votes_per_participant: number;
  max_per_note: number;
  votes_left: number;
  done: boolean;
  notes: PhoneNoteView[];
  /** This participant's votes as [note id, client id], oldest first. */
  my_votes: [string, string][];
  results: NoteResult[] | null;
}

export type TimerStatus = 'stopped' | 'running' | 'paused';

export interface Timer {
  status: TimerStatus;
  duration_seconds: number;
  /** Whole seconds left when the state was read: the phone counts down from here. */
  remaining_seconds: number;
  ends_at: string | null;
}

/** What the facilitator has opened on the phones right now. */
export interface PhoneRoom {
  brainstorm_open: boolean;
  notes_hidden: boolean;
  rating_open: boolean;
  /** Rate as this persona; null: as yourself, as a customer. */
  rating_persona_id: string | null;
  timer: Timer;
}

export interface MyRating {
  stage_id: string;
  persona_id: string | null;
  variant: Variant;
  score: number;
}

export interface PhoneState {
  workshop_title: string;
  language: 'en' | 'fi';
  participant_id: string;
  name: string | null;
  round: PhoneRound | null;
  /** [id, title] in journey order. */
  stages: [string, string][];
  /** [id, name]. */
  personas: [string, string][];
  scale: Scale;
  room: PhoneRoom;
  /** The notes this participant wrote, oldest first. */
  my_notes: PhoneNoteView[];
  my_ratings: MyRating[];
}

export interface Receipt {
  round_id: string;
  note_id: string;
  on_note: number;
  votes_left: number;
}

/** The server answered with a refusal (`{code, message}`, or a plain-text body). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Worth sending again later: the server is busy or broken, not saying no. */
  get retryable(): boolean {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** The request never got an answer (offline, Wi-Fi dropped, laptop asleep). */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

function codeFor(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'storage';
  return 'invalid_input';
}

/** Turns a failed response into an ApiError, whatever shape its body has. */
export async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'string' && typeof body.message === 'string') {
      return new ApiError(response.status, body.code, body.message);
    }
  } catch {
    // Not JSON: fall through to the plain text.
  }
  return new ApiError(response.status, codeFor(response.status), text.trim() || response.statusText);
}

/** One participant API call. `secret` goes in the Authorization header. */
export async function call<T>(method: 'GET' | 'POST', path: string, secret: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (secret) headers.authorization = `Bearer ${secret}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await errorOf(response);
  try {
    // Some answers (leaving) have no body.
    const text = await response.text();
    return (text.trim() === '' ? null : JSON.parse(text)) as T;
  } catch (error) {
    // The answer was cut off: we cannot know whether it was done; treat as not answered.
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
}

export const join = (room: string, name: string | null, role: Role) =>
  call<Joined>('POST', '/p/join', null, { room, name, role });

export const getState = (secret: string) => call<PhoneState>('GET', '/p/state', secret);

/** Leaves the room: the laptop removes this participant; their secret stops working. */
export const leave = (secret: string) => call<unknown>('POST', '/p/leave', secret);
