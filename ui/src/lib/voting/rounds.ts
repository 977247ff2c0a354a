// Pure helpers about voting rounds shared by the Voting area and the presenter view:
// ordering, labels, the notes a round is about, its countdown and its progress in numbers.
import type { Change, ChangedRows, Note, RoundProgress, VotingRound } from '../backend/types';

/** Newest first: the list in the Voting area keeps every round, latest on top. */
export function newestFirst(rounds: readonly VotingRound[]): VotingRound[] {
  return [...rounds].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
}

/** The one round open for voting, if any (list_rounds already reports ran-out timers as closed). */
export function openRound(rounds: readonly VotingRound[]): VotingRound | null {
  return rounds.find((r) => r.status === 'open') ?? null;
}

/** 1 for the workshop's first round, 2 for the second…: the label of an untitled round. */
export function roundNumber(rounds: readonly VotingRound[], id: string): number {
  const oldestFirst = [...rounds].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  return oldestFirst.findIndex((r) => r.id === id) + 1;
}

/** The notes a round is about, in the order given (the board's: oldest first), as the backend picks them. */
export function notesInRound<N extends Pick<Note, 'cluster_id' | 'stage_id'>>(notes: readonly N[], round: Pick<VotingRound, 'scope' | 'scope_id'>): N[] {
  switch (round.scope) {
    case 'all':
      return [...notes];
    case 'cluster':
      return notes.filter((n) => n.cluster_id === round.scope_id);
    case 'stage':
      return notes.filter((n) => n.stage_id === round.scope_id);
  }
}

/** Whole seconds until `closesAt` (RFC 3339), never negative; null for a round without a timer. */
export function secondsLeft(closesAt: string | null, nowMs: number): number | null {
  if (!closesAt) return null;
  const end = Date.parse(closesAt);
  if (Number.isNaN(end)) return null;
  return Math.max(0, Math.ceil((end - nowMs) / 1000));
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export interface ProgressCounts {
  /** Everyone who could vote. */
  total: number;
  /** Those who have cast at least one vote. */
  voted: number;
  /** Those who said they are done. */
  done: number;
  /** Votes cast so far (not where). */
  votesUsed: number;
}

export function progressCounts(progress: RoundProgress | null): ProgressCounts {
  const people = progress?.participants ?? [];
  return {
    total: people.length,
    voted: people.filter((p) => p.votes_used > 0).length,
    done: people.filter((p) => p.done).length,
    votesUsed: people.reduce((sum, p) => sum + p.votes_used, 0),
  };
}

/** Whether a Change holds rows (or removals) of any of these kinds, or asks for a reload. */
export function changeTouches(change: Change, kinds: readonly (keyof ChangedRows)[]): boolean {
  if (change.reload) return true;
  return kinds.some((kind) => (change.upserted[kind]?.length ?? 0) > 0 || (change.deleted[kind]?.length ?? 0) > 0);
}

/** The kinds of rows voting shows: rounds, votes, who is done, and the people voting. */
export const VOTING_KINDS = ['voting_rounds', 'votes', 'round_done', 'participants'] as const satisfies readonly (keyof ChangedRows)[];
