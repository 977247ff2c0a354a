// "Pass the laptop": people without phones vote one after another on the facilitator's
// screen. This is the pure state machine behind LaptopVoting.svelte: who is voting, which of
// their votes (by client id) are on which note, and the last refusal. Nothing of one person
// survives into the next person's turn.

import type { ErrorCode } from '../backend/types';

/** Refusals a voter is told about in words of their own (docs/api.md error codes). */
export const REFUSALS = ['budget_exhausted', 'note_cap_reached', 'round_closed', 'not_in_round'] as const satisfies readonly ErrorCode[];
export type Refusal = (typeof REFUSALS)[number];

export function refusalOf(code: string): Refusal | null {
  return (REFUSALS as readonly string[]).includes(code) ? (code as Refusal) : null;
}

export interface Voter {
  id: string;
  name: string | null;
}

export type LaptopState =
  | {
      step: 'identify';
      /** The previous person just finished: thank them and ask for the next one. */
      handedOver: boolean;
    }
  | {
      step: 'voting';
      voter: Voter;
      /** Per note, the client ids of this voter's votes on it, oldest first. */
      votes: Readonly<Record<string, readonly string[]>>;
      votesLeft: number;
      budget: number;
      cap: number;
      refusal: Refusal | null;
    };

export type LaptopEvent =
  | { type: 'joined'; voter: Voter; budget: number; cap: number }
  | { type: 'voted'; noteId: string; clientId: string; votesLeft: number }
  | { type: 'refused'; refusal: Refusal }
  | { type: 'retracted'; noteId: string; clientId: string }
  | { type: 'done' };

export const INITIAL_LAPTOP: LaptopState = { step: 'identify', handedOver: false };

export function laptopReducer(state: LaptopState, event: LaptopEvent): LaptopState {
  if (event.type === 'joined') {
    if (state.step !== 'identify') return state;
    return { step: 'voting', voter: event.voter, votes: {}, votesLeft: event.budget, budget: event.budget, cap: event.cap, refusal: null };
  }
  if (state.step !== 'voting') return state;
  switch (event.type) {
    case 'voted': {
      const on = state.votes[event.noteId] ?? [];
      // A resent vote answers again with the same client id: it is the same vote.
      if (on.includes(event.clientId)) return { ...state, votesLeft: event.votesLeft, refusal: null };
      return {
        ...state,
        votes: { ...state.votes, [event.noteId]: [...on, event.clientId] },
        votesLeft: event.votesLeft,
        refusal: null,
      };
    }
    case 'refused':
      return { ...state, refusal: event.refusal, votesLeft: event.refusal === 'budget_exhausted' ? 0 : state.votesLeft };
    case 'retracted': {
      const on = state.votes[event.noteId] ?? [];
      if (!on.includes(event.clientId)) return state;
      const rest = on.filter((id) => id !== event.clientId);
      const votes = { ...state.votes };
      if (rest.length > 0) votes[event.noteId] = rest;
      else delete votes[event.noteId];
      return { ...state, votes, votesLeft: Math.min(state.budget, state.votesLeft + 1), refusal: null };
    }
    case 'done':
      return { step: 'identify', handedOver: true };
  }
}

/** How many of the current voter's votes are on a note. */
export function votesOn(state: LaptopState, noteId: string): number {
  return state.step === 'voting' ? (state.votes[noteId]?.length ?? 0) : 0;
}

/** The vote to take back from a note (the newest), or null when the voter has none there. */
export function retractTarget(state: LaptopState, noteId: string): string | null {
  const on = state.step === 'voting' ? state.votes[noteId] : undefined;
  return on && on.length > 0 ? on[on.length - 1] : null;
}

/**
 * Keyboard movement in a grid of `count` cards laid out `columns` to a row: arrows move by
 * one card or one row and stop at the edges; Home and End jump to the first and last.
 */
export function moveFocus(index: number, key: string, count: number, columns: number): number {
  if (count <= 0) return 0;
  const cols = Math.max(1, Math.floor(columns));
  const i = Math.min(Math.max(0, index), count - 1);
  switch (key) {
    case 'ArrowRight':
      return Math.min(count - 1, i + 1);
    case 'ArrowLeft':
      return Math.max(0, i - 1);
    case 'ArrowDown':
      return i + cols < count ? i + cols : i;
    case 'ArrowUp':
      return i - cols >= 0 ? i - cols : i;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return i;
  }
}

/**
 * What a key press on a focused card means beyond voting (Enter and Space vote through the
 * card button's own activation): Backspace or Delete takes a vote back, Ctrl+Enter finishes.
 */
export function cardKeyAction(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): 'retract' | 'done' | null {
  if (event.altKey) return null;
  const mod = event.ctrlKey || event.metaKey;
  if (mod) return event.key === 'Enter' ? 'done' : null;
  if (event.key === 'Backspace' || event.key === 'Delete') return 'retract';
  return null;
}
