// The phone's own client for the participant API (served by the laptop on the room's LAN).
// It is separate from the facilitator's backend on purpose: a phone can do only this.

// The participant API's types are generated from the Rust types, as the facilitator's are.
import type { ErrorCode, JoinRequest, PhoneState, Role, Room, Welcome } from '../lib/backend/generated';

export type {
  AnswerInput,
  DoneRequest,
  Feeling,
  MyRating,
  NoteResult,
  PhoneNote,
  PhoneNoteView,
  PhonePhoto,
  PhoneQuestion,
  PhoneRound,
  PhoneShared,
  PhoneState,
  QuestionKind,
  RatingInput,
  Receipt,
  RetractRequest,
  Role,
  RoundStatus,
  Scale,
  Timer,
  TimerStatus,
  Variant,
  VoteRequest,
} from '../lib/backend/generated';

/** What a phone learns when it joins: its participant id, and the secret that proves it. */
export type Joined = Welcome;

/** What the facilitator has opened on the phones right now, and the timer. */
export type PhoneRoom = Room;

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

function codeFor(status: number): ErrorCode {
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
  call<Joined>('POST', '/p/join', null, { room, name, role } satisfies JoinRequest);

export const getState = (secret: string) => call<PhoneState>('GET', '/p/state', secret);

/** Leaves the room: the laptop removes this participant; their secret stops working. */
export const leave = (secret: string) => call<unknown>('POST', '/p/leave', secret);
