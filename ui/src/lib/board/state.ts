// The board as the UI holds it, and the one way it changes: `applyChange`, used for the
// result of every operation and for every live event alike. Pure and immutable.
import type { Board, Change, Cluster, Note, Participant } from '../backend/types';

export interface BoardState {
  workshopId: string;
  /** The highest revision applied. */
  revision: number;
  /** The revision of the snapshot (`get_board`) this state started from. */
  base: number;
  /** In creation order (Map keeps insertion order). */
  notes: ReadonlyMap<string, Note>;
  clusters: ReadonlyMap<string, Cluster>;
  participants: readonly Participant[];
  undo: string | null;
  redo: string | null;
  /**
   * The revision that last wrote each row (upsert or delete) since the snapshot, so a
   * change that arrives late (an older revision) never overwrites a newer one and a
   * deleted row is not brought back by an older upsert.
   */
  touched: ReadonlyMap<string, number>;
  /** The revisions applied since the snapshot, to notice a missed one (see `hasGap`). */
  seen: ReadonlySet<number>;
}

export function boardState(board: Board): BoardState {
  return {
    workshopId: board.workshop_id,
    revision: board.revision,
    base: board.revision,
    notes: new Map(board.notes.map((n) => [n.id, n])),
    clusters: new Map(board.clusters.map((c) => [c.id, c])),
    participants: board.participants,
    undo: board.undo,
    redo: board.redo,
    touched: new Map(),
    seen: new Set(),
  };
}

export function emptyBoardState(workshopId: string): BoardState {
  return boardState({ workshop_id: workshopId, revision: 0, notes: [], clusters: [], participants: [], undo: null, redo: null });
}

/**
 * Applies one `Change`. Idempotent (applying it twice equals applying it once) and safe in
 * any order: changes for another workshop, or already contained in the snapshot, are
 * ignored; rows are upserted or removed unless a newer revision already wrote them; the
 * undo/redo labels come from the newest change; the revision only grows.
 */
export function applyChange(state: BoardState, change: Change): BoardState {
  if (change.workshop_id !== state.workshopId) return state;
  if (!(change.revision > state.base)) return state;
  const rev = change.revision;
  const touched = new Map(state.touched);
  const newer = (id: string) => (touched.get(id) ?? state.base) > rev;

  let notes: Map<string, Note> | null = null;
  const noteMap = () => (notes ??= new Map(state.notes));
  for (const note of change.upserted?.notes ?? []) {
    if (newer(note.id)) continue;
    noteMap().set(note.id, note);
    touched.set(note.id, rev);
  }
  for (const id of change.deleted?.notes ?? []) {
    if (newer(id)) continue;
    noteMap().delete(id);
    touched.set(id, rev);
  }

  let clusters: Map<string, Cluster> | null = null;
  const clusterMap = () => (clusters ??= new Map(state.clusters));
  for (const cluster of change.upserted?.clusters ?? []) {
    if (newer(cluster.id)) continue;
    clusterMap().set(cluster.id, cluster);
    touched.set(cluster.id, rev);
  }
  for (const id of change.deleted?.clusters ?? []) {
    if (newer(id)) continue;
    clusterMap().delete(id);
    touched.set(id, rev);
  }

  const latest = rev >= state.revision;
  const seen = new Set(state.seen);
  seen.add(rev);
  return {
    ...state,
    revision: Math.max(state.revision, rev),
    notes: notes ?? state.notes,
    clusters: clusters ?? state.clusters,
    undo: latest ? change.undo : state.undo,
    redo: latest ? change.redo : state.redo,
    touched,
    seen,
  };
}

/** True when some revision between the snapshot and the newest applied one never arrived. */
export function hasGap(state: BoardState): boolean {
  for (let r = state.base + 1; r <= state.revision; r++) if (!state.seen.has(r)) return true;
  return false;
}

/** True when `change` skips revisions this state has not seen (a missed live event). */
export function missesRevisions(state: BoardState, change: Change): boolean {
  return change.workshop_id === state.workshopId && change.revision > state.revision + 1;
}

export function notesInCluster(state: BoardState, clusterId: string): Note[] {
  const out: Note[] = [];
  for (const note of state.notes.values()) if (note.cluster_id === clusterId) out.push(note);
  return out;
}
