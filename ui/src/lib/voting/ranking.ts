// A round's results for the results list, the bars and the presenter view. The ranks (shared
// on a tie) come from the backend, the one place that ranks.
import type { NoteResult } from '../backend/types';

export interface RankedResult extends NoteResult {
  /** Votes as a share of the most any note got (0…1), for the length of its bar. */
  share: number;
}

/** The results in the backend's order (most votes first) with the length of each bar. */
export function rankResults(results: readonly NoteResult[]): RankedResult[] {
  const max = Math.max(0, ...results.map((result) => result.votes));
  return results.map((result) => ({ ...result, share: max > 0 ? Math.max(0, result.votes) / max : 0 }));
}

/** The rank as shown: "=2" when another note shares it. */
export function rankLabel(result: Pick<NoteResult, 'rank' | 'tied'>): string {
  return `${result.tied ? '=' : ''}${result.rank}`;
}

/** All votes cast in a round (paper votes included). */
export function totalVotes(results: readonly NoteResult[]): number {
  return results.reduce((sum, r) => sum + r.votes, 0);
}
