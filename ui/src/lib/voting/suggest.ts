// The suggested number of votes per participant for a new round, shown (with its reason)
// in the "New round" dialog. The facilitator may always choose otherwise.

/** What the suggestion is built from. */
export interface SuggestionInput {
  /** Notes in the round's scope. */
  notes: number;
  /** People expected to vote; 0 when not known yet (pass-the-laptop adds them as they vote). */
  participants: number;
}

/** The backend's default budget, used when there is nothing to vote on yet. */
export const DEFAULT_VOTES = 5;
/** More dots than this make voting slow and the choice less sharp. */
export const MAX_SUGGESTED = 10;
/** Fewer than this gives too little room to express a preference. */
export const MIN_SUGGESTED = 3;

/**
 * About as many votes in the whole room as there are notes (ceil(notes ÷ participants) each,
 * so an average note could get one), but never more than a third of the notes per person
 * (else everyone can vote for nearly everything and nothing stands out), and within
 * MIN_SUGGESTED…MAX_SUGGESTED. Without a known head count, a third of the notes.
 */
export function suggestVotes({ notes, participants }: SuggestionInput): number {
  const n = Math.max(0, Math.floor(notes));
  if (n === 0) return DEFAULT_VOTES;
  const upper = Math.min(MAX_SUGGESTED, Math.ceil(n / 3));
  const lower = Math.min(MIN_SUGGESTED, upper);
  const people = Math.max(0, Math.floor(participants));
  if (people === 0) return upper;
  return Math.min(upper, Math.max(lower, Math.ceil(n / people)));
}
