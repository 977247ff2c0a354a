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
   * Every revision in (base, applied] has been applied: a change at or below it is a
   * duplicate (or in the snapshot) and changes nothing.
   */
  applied: number;
  /** The revisions above `applied` applied out of order, to notice a missed one (see `hasGap`). */
  seen: ReadonlySet<number>;
  /**
   * The revision that last wrote each row (upsert or delete), for rows written by a revision
   * above `applied`, so a change that arrives late (an older revision) never overwrites a
   * newer one and a deleted row is not brought back by an older upsert. Entries at or below
   * `applied` are dropped: every change still to come is newer than them.
   */
  touched: ReadonlyMap<string, number>;
  /**
   * What the last `applyChange` did to `notes`: the map before it and the ids it upserted or
   * removed; null for a snapshot. Lets views that kept what they derived from `before`
   * update just those notes instead of going through all of them again.
   */
  notesDelta: NotesDelta | null;
}

export interface NotesDelta {
  before: ReadonlyMap<string, Note>;
  ids: ReadonlySet<string>;
}

/**
 * The ids of the notes that differ between `before` and `state.notes`, when `state` was made
 * from `before` by one `applyChange`; null when that is not known (look at all notes then).
 */
export function changedNotes(state: Pick<BoardState, 'notes' | 'notesDelta'>, before: ReadonlyMap<string, Note> | null): ReadonlySet<string> | null {
  if (before === state.notes) return new Set();
  return state.notesDelta && state.notesDelta.before === before ? state.notesDelta.ids : null;
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
    applied: board.revision,
    seen: new Set(),
    touched: new Map(),
    notesDelta: null,
  };
}

export function emptyBoardState(workshopId: string): BoardState {
  return boardState({ workshop_id: workshopId, revision: 0, notes: [], clusters: [], participants: [], face_down: [], votes: null, undo: null, redo: null });
}

/**
 * Applies one `Change`. Idempotent (applying it twice equals applying it once: the second
 * time returns the state itself) and safe in any order: changes for another workshop, or
 * already contained in the snapshot or applied, are ignored; rows are upserted or removed
 * unless a newer revision already wrote them; the undo/redo labels come from the newest
 * change; the revision only grows. Copies only what the change touches (the maps it writes,
 * and the bookkeeping of out-of-order revisions, which stays small).
 */
export function applyChange(state: BoardState, change: Change): BoardState {
  if (change.workshop_id !== state.workshopId) return state;
  const rev = change.revision;
  // Revisions are unique per workshop: one already applied (or in the snapshot) changes nothing.
  if (!(rev > state.applied) || state.seen.has(rev)) return state;

  let touched: Map<string, number> | null = null;
  const touch = (id: string) => (touched ??= new Map(state.touched)).set(id, rev);
  const newer = (id: string) => (state.touched.get(id) ?? 0) > rev;

  let notes: Map<string, Note> | null = null;
  const noteIds = new Set<string>();
  const noteMap = () => (notes ??= new Map(state.notes));
  for (const note of change.upserted?.notes ?? []) {
    if (newer(note.id)) continue;
    noteMap().set(note.id, note);
    noteIds.add(note.id);
    touch(note.id);
  }
  for (const id of change.deleted?.notes ?? []) {
    if (newer(id)) continue;
    if (state.notes.has(id)) {
      noteMap().delete(id);
      noteIds.add(id);
    }
    touch(id);
  }

  let clusters: Map<string, Cluster> | null = null;
  const clusterMap = () => (clusters ??= new Map(state.clusters));
  for (const cluster of change.upserted?.clusters ?? []) {
    if (newer(cluster.id)) continue;
    clusterMap().set(cluster.id, cluster);
    touch(cluster.id);
  }
  for (const id of change.deleted?.clusters ?? []) {
    if (newer(id)) continue;
    if (state.clusters.has(id)) clusterMap().delete(id);
    touch(id);
  }

  // Advance the contiguous mark past this revision and any applied before it out of order.
  let applied = state.applied;
  let seen = state.seen;
  if (rev === applied + 1) {
    applied = rev;
    if (seen.size > 0) {
      const rest = new Set(seen);
      while (rest.delete(applied + 1)) applied++;
      seen = rest;
    }
  } else {
    seen = new Set(seen).add(rev);
  }
  let written: ReadonlyMap<string, number> = touched ?? state.touched;
  if (written.size > 0 && applied > state.applied) {
    const kept = new Map<string, number>();
    for (const [id, r] of written) if (r > applied) kept.set(id, r);
    written = kept;
  }

  const latest = rev >= state.revision;
  return {
    ...state,
    revision: Math.max(state.revision, rev),
    notes: notes ?? state.notes,
    notesDelta: notes ? { before: state.notes, ids: noteIds } : state.notesDelta,
    clusters: clusters ?? state.clusters,
    undo: latest ? change.undo : state.undo,
    redo: latest ? change.redo : state.redo,
    applied,
    seen,
    touched: written,
  };
}

/** True when some revision between the snapshot and the newest applied one never arrived. */
export function hasGap(state: BoardState): boolean {
  return state.applied < state.revision;
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

/** How a view of the board keeps what `get_board` tells beside the rows (see `needsReload`). */
export interface Tallies {
  /** The round whose votes the view shows on the notes; null: none. */
  shownRound: string | null;
  /**
   * The view counts the face-down notes itself, from the rows it holds (the projector), rather
   * than per writer from `get_board` (the board): a face-down note arriving or going then needs
   * no reload.
   */
  countsFaceDown: boolean;
}

/**
 * True when `change` needs a fresh `get_board` rather than (or besides) `applyChange` on
 * `state`, the board before it: another process changed the workshop (the change lists no
 * rows), or it may alter the votes shown on the notes or the notes lying face down. That is:
 * a round revealed, reopened or removed; a vote of the shown round given or taken back (a
 * removed vote names no round, so it may be one); a note turned over or face down again (an
 * undo); and, unless the view counts them itself, a face-down note arriving or going.
 */
export function needsReload(state: BoardState, change: Change, tallies: Tallies): boolean {
  if (change.workshop_id !== state.workshopId) return false;
  if (change.reload) return true;
  const up = change.upserted;
  const gone = change.deleted;
  if ((up?.voting_rounds?.length ?? 0) > 0 || (gone?.voting_rounds?.length ?? 0) > 0) return true;
  const round = tallies.shownRound;
  if (round !== null && ((up?.votes ?? []).some((v) => v.round_id === round) || (gone?.votes?.length ?? 0) > 0)) return true;
  const turned = (up?.notes ?? []).some((n) => {
    const before = state.notes.get(n.id);
    return before ? before.hidden !== n.hidden : n.hidden && !tallies.countsFaceDown;
  });
  if (turned) return true;
  return !tallies.countsFaceDown && (gone?.notes ?? []).some((id) => state.notes.get(id)?.hidden === true);
}
