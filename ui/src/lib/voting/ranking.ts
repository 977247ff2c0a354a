// Ranking of a round's results for the results list, the bars and the presenter view.
import type { NoteResult } from '../backend/types';

export interface RankedResult extends NoteResult {
  /** 1 for the most votes; notes with equal votes share a rank ("1, 2, 2, 4"). */
  rank: number;
  /** True when another note has the same number of votes. */
  tied: boolean;
  /** Votes as a share of the most any note got (0…1), for the length of its bar. */
  share: number;
}

/**
 * Most votes first; equal votes keep the order they came in (the backend's: older notes
 * first) and share the rank of the first of them, so the next rank skips accordingly.
 */
export function rankResults(results: readonly NoteResult[]): RankedResult[] {
  const sorted = results
    .map((result, index) => ({ result, index }))
    .sort((a, b) => b.result.votes - a.result.votes || a.index - b.index)
    .map(({ result }) => result);
  const max = sorted.length > 0 ? Math.max(0, sorted[0].votes) : 0;
  const counts = new Map<number, number>();
  for (const r of sorted) counts.set(r.votes, (counts.get(r.votes) ?? 0) + 1);
  let rank = 0;
  return sorted.map((result, i) => {
    if (i === 0 || result.votes !== sorted[i - 1].votes) rank = i + 1;
    return {
      ...result,
      rank,
      tied: (counts.get(result.votes) ?? 0) > 1,
      share: max > 0 ? Math.max(0, result.votes) / max : 0,
    };
  });
}

/** All votes cast in a round (paper votes included). */
export function totalVotes(results: readonly NoteResult[]): number {
  return results.reduce((sum, r) => sum + r.votes, 0);
}
