// What the board view derives from its notes, kept up to date incrementally: a change to a
// few notes updates the last results for just those notes (see `changedNotes`), and anything
// else goes through all notes again. Pure: each function takes the last result and returns
// the next, which is the last one itself where nothing changed.
import type { Cluster, Note } from '../backend/types';
import { changedNotes, type BoardState } from './state';
import { cull, frameRect, inArea, intersects, type Point, type Rect } from './geometry';

/** The ids of the notes that differ from `before` when `state`'s last change made its notes from it. */
const changedSince = (state: Pick<BoardState, 'notes' | 'notesDelta'>, before: ReadonlyMap<string, Note>) => changedNotes(state, before);

export interface Visible {
  notes: ReadonlyMap<string, Note>;
  area: Rect;
  /** The notes to render, in board order. */
  list: Note[];
}

/** The notes in `area` (see `cull`). */
export function visibleNotes(state: Pick<BoardState, 'notes' | 'notesDelta'>, area: Rect, last: Visible | null): Visible {
  const all = state.notes;
  let list: Note[] | null = null;
  const ids = last && last.area === area ? changedSince(state, last.notes) : null;
  if (last && ids) {
    list = last.list;
    for (const id of ids) {
      const old = last.notes.get(id);
      const now = all.get(id);
      const was = !!old && inArea(old, area);
      const is = !!now && inArea(now, area);
      if (was !== is) {
        list = null; // one comes into view or leaves it: cull again
        break;
      }
      if (!is) continue;
      const i = list.indexOf(old!);
      if (i < 0) {
        list = null;
        break;
      }
      if (list === last.list) list = [...list];
      list[i] = now!;
    }
  }
  if (last && list === last.list && last.notes === all) return last;
  return { notes: all, area, list: list ?? cull(all.values(), area) };
}

export interface Members {
  notes: ReadonlyMap<string, Note>;
  /** Each cluster's notes, in board order; a cluster's array is kept while its notes are. */
  members: Map<string, Note[]>;
}

export function clusterMembers(state: Pick<BoardState, 'notes' | 'notesDelta'>, last: Members | null): Members {
  const all = state.notes;
  if (last && last.notes === all) return last;
  const ids = last ? changedSince(state, last.notes) : null;
  let m = last && ids ? updateMembers(last.notes, last.members, all, ids) : null;
  if (!m) {
    m = new Map<string, Note[]>();
    for (const n of all.values()) {
      if (!n.cluster_id) continue;
      const list = m.get(n.cluster_id);
      if (list) list.push(n);
      else m.set(n.cluster_id, [n]);
    }
  }
  return { notes: all, members: m };
}

/** `members` after the notes `ids` changed in place; null when some were added, removed or regrouped. */
function updateMembers(before: ReadonlyMap<string, Note>, m: Map<string, Note[]>, all: ReadonlyMap<string, Note>, ids: ReadonlySet<string>) {
  let next: Map<string, Note[]> | null = null;
  const copied = new Set<string>();
  for (const id of ids) {
    const old = before.get(id);
    const now = all.get(id);
    if (!old || !now || old.cluster_id !== now.cluster_id) return null;
    const cid = now.cluster_id;
    if (!cid) continue;
    next ??= new Map(m);
    let list = next.get(cid);
    const i = list ? list.indexOf(old) : -1;
    if (!list || i < 0) return null;
    if (!copied.has(cid)) {
      list = [...list];
      next.set(cid, list);
      copied.add(cid);
    }
    list[i] = now;
  }
  return next ?? m;
}

export interface Frame {
  id: string;
  title: string;
  count: number;
  rect: Rect;
}

/**
 * The cluster frames in an area. The frames of the last run are reused when unchanged (so
 * their elements are not updated), and each cluster's rectangle is computed again only when
 * its notes change (or while some of them are shown moved).
 */
export class Frames {
  #last = new Map<string, Frame>();
  #rects = new WeakMap<readonly Note[], Rect | null>();

  #rectOf(list: readonly Note[]) {
    let rect = this.#rects.get(list);
    if (rect === undefined) this.#rects.set(list, (rect = frameRect(list)));
    return rect;
  }

  /** `shown` gives where a note is drawn, when some are shown moved (dragged or nudged). */
  compute(members: ReadonlyMap<string, readonly Note[]>, clusters: ReadonlyMap<string, Cluster>, area: Rect, shown: ((n: Note) => Point) | null): Frame[] {
    const out: Frame[] = [];
    const next = new Map<string, Frame>();
    for (const [id, list] of members) {
      const cluster = clusters.get(id);
      if (!cluster) continue;
      const rect = shown ? frameRect(list.map(shown)) : this.#rectOf(list);
      if (!rect || !intersects(rect, area)) continue;
      const old = this.#last.get(id);
      const frame =
        old &&
        old.title === cluster.title &&
        old.count === list.length &&
        old.rect.x === rect.x &&
        old.rect.y === rect.y &&
        old.rect.w === rect.w &&
        old.rect.h === rect.h
          ? old
          : { id, title: cluster.title, count: list.length, rect };
      next.set(id, frame);
      out.push(frame);
    }
    this.#last = next;
    return out;
  }
}
