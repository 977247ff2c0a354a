// What the board view derives from its notes, kept up to date incrementally: a change to a
// few notes updates the last results for just those notes (see `changedNotes`), and anything
// else goes through all notes again. Pure: each function takes the last result and returns
// the next, which is the last one itself where nothing changed.
import type { Cluster, Note } from '../backend/types';
import { changedNotes, type BoardState } from './state';
import { cull, inArea, intersects, type Rect } from './geometry';
import { frameSize, sectionRect } from './sections';

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
  /** How many notes the section holds. */
  count: number;
  /** Where it is drawn: the stored frame, or its preview while it is dragged or resized. */
  rect: Rect;
  columns: number;
  collapsed: boolean;
}

/** A section shown other than stored: moved by (dx, dy) while dragged, or with other columns while resized. */
export interface SectionPreview {
  id: string;
  dx: number;
  dy: number;
  /** The columns shown while the resize handle is dragged, else null. */
  columns: number | null;
}

/**
 * The section frames in an area, from the frames core keeps on the clusters (never from where
 * the notes are). The frames of the last run are reused when unchanged, so their elements are
 * not updated.
 */
export class Frames {
  #last = new Map<string, Frame>();

  compute(clusters: ReadonlyMap<string, Cluster>, members: ReadonlyMap<string, readonly Note[]>, area: Rect, preview: SectionPreview | null): Frame[] {
    const out: Frame[] = [];
    const next = new Map<string, Frame>();
    for (const [id, cluster] of clusters) {
      const count = members.get(id)?.length ?? 0;
      let rect = sectionRect(cluster);
      let columns = cluster.columns;
      if (preview?.id === id) {
        if (preview.columns !== null) {
          columns = preview.columns;
          const size = frameSize(columns, count, cluster.collapsed);
          rect = { ...rect, w: size.w, h: size.h };
        }
        rect = { ...rect, x: rect.x + preview.dx, y: rect.y + preview.dy };
      }
      if (!intersects(rect, area)) continue;
      const old = this.#last.get(id);
      const frame =
        old &&
        old.title === cluster.title &&
        old.count === count &&
        old.columns === columns &&
        old.collapsed === cluster.collapsed &&
        old.rect.x === rect.x &&
        old.rect.y === rect.y &&
        old.rect.w === rect.w &&
        old.rect.h === rect.h
          ? old
          : { id, title: cluster.title, count, rect, columns, collapsed: cluster.collapsed };
      next.set(id, frame);
      out.push(frame);
    }
    this.#last = next;
    return out;
  }
}
