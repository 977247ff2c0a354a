// Test helpers for the presenter's board: notes, groups, votes and boards with sensible defaults.
import type { Board, Cluster, Vote } from '../backend/types';
import { W, cluster, note } from '../board/fixtures';

export { W, note };

/** A section with the board fixtures' defaults, titled "group <id>". */
export function group(id: string, over: Partial<Cluster> = {}): Cluster {
  return cluster(id, `group ${id}`, over);
}

export function vote(id: string, round_id: string, note_id: string): Vote {
  return { id, workshop_id: W, round_id, participant_id: null, note_id, client_id: id, weight: 1, created_at: '2026-11-23T07:00:00.000Z' };
}

export function board(over: Partial<Board> = {}): Board {
  return { workshop_id: W, revision: 1, notes: [], clusters: [], participants: [], face_down: [], votes: null, undo: null, redo: null, ...over };
}
