// The board's pointer gestures as a plain state machine: a press on a note selects and may
// drag it, a press on a cluster's title drags the cluster, a press on the canvas draws a
// marquee, the middle button (or Space held) pans. It knows no DOM: the canvas tells it what
// was pressed and does what it answers. Also the one place a drop becomes note patches.
import type { Note, NotePatch } from '../backend/types';
import { containsPoint, frameRect, notesInBox, rectFromPoints, screenToWorld, snap, type Camera, type Point, type Rect } from './geometry';

/** What a press landed on. */
export type PressTarget =
  | { kind: 'note'; id: string }
  /** A cluster's title, with the ids of the cluster's notes. */
  | { kind: 'title'; clusterId: string; ids: readonly string[] }
  | { kind: 'canvas' };

export interface Press {
  pointerId: number;
  /** In viewport pixels. */
  point: Point;
  button: number;
  /** Shift, Ctrl or Cmd: add to (or take from) the selection. */
  additive: boolean;
  spaceHeld: boolean;
  target: PressTarget;
}

/** Notes shown moved by (dx, dy) board units while they are dragged. */
export interface Drag {
  ids: ReadonlySet<string>;
  dx: number;
  dy: number;
}

export type Gesture =
  | { kind: 'pan'; pointerId: number; start: Point; cam0: Camera }
  | {
      kind: 'drag';
      pointerId: number;
      start: Point;
      ids: ReadonlySet<string>;
      moved: boolean;
      /** The cluster dragged by its title, or null for notes. */
      cluster: string | null;
      /** A plain press inside a selection: selects just this note on release unless it drags. */
      clickId: string | null;
    }
  | { kind: 'marquee'; pointerId: number; start: Point; base: ReadonlySet<string> };

/** A finished drag: which notes moved, how far, and where they were dropped (board units). */
export interface Move {
  ids: ReadonlySet<string>;
  cluster: string | null;
  drag: Drag;
  drop: Point;
}

/** What the board does for a pointer event; absent fields leave things as they are. */
export interface Effect {
  selected?: ReadonlySet<string>;
  cam?: Camera;
  /** The camera moved with the pointer (the board marks itself as moving). */
  panned?: boolean;
  drag?: Drag | null;
  marquee?: Rect | null;
  panning?: boolean;
  /** Capture the pointer on the canvas (and keep the browser's default from happening). */
  capture?: boolean;
  /** Give the focus to what was pressed, or to the canvas. */
  focus?: 'target' | 'canvas';
  /** Commit this move. */
  move?: Move;
  /** Release the pointer capture. */
  release?: boolean;
}

/** A drag starts once the pointer has moved this far (screen pixels). */
export const DRAG_THRESHOLD = 4;

export class Pointer {
  gesture: Gesture | null = null;

  get active(): boolean {
    return this.gesture !== null;
  }

  /** A press; `selected` is the selection at that moment. */
  down(press: Press, selected: ReadonlySet<string>, cam: Camera): Effect {
    const { pointerId, point: start, button, target } = press;
    if (button === 1 || (button === 0 && press.spaceHeld)) {
      this.gesture = { kind: 'pan', pointerId, start, cam0: cam };
      return { panning: true, capture: true };
    }
    if (button !== 0) return {};
    if (target.kind === 'note') {
      const id = target.id;
      let next = selected;
      let clickId: string | null = null;
      if (press.additive) {
        const toggled = new Set(selected);
        if (toggled.has(id)) {
          toggled.delete(id);
          return { selected: toggled };
        }
        next = toggled.add(id);
      } else if (!selected.has(id)) {
        next = new Set([id]);
      } else {
        clickId = id;
      }
      this.gesture = { kind: 'drag', pointerId, start, ids: new Set(next), moved: false, cluster: null, clickId };
      return { selected: next === selected ? undefined : next, focus: 'target', capture: true };
    }
    if (target.kind === 'title') {
      const ids = new Set(target.ids);
      this.gesture = { kind: 'drag', pointerId, start, ids, moved: false, cluster: target.clusterId, clickId: null };
      return { selected: ids, focus: 'target', capture: true };
    }
    const base = press.additive ? selected : new Set<string>();
    this.gesture = { kind: 'marquee', pointerId, start, base: new Set(base) };
    return { selected: base === selected ? undefined : base, focus: 'canvas', capture: true };
  }

  /** The pointer moved to `p`; `notes` are hit by a marquee. */
  move(pointerId: number, p: Point, cam: Camera, notes: () => Iterable<Note>): Effect {
    const g = this.gesture;
    if (!g || g.pointerId !== pointerId) return {};
    if (g.kind === 'pan') {
      return { cam: { ...g.cam0, tx: g.cam0.tx + p.x - g.start.x, ty: g.cam0.ty + p.y - g.start.y }, panned: true };
    }
    if (g.kind === 'drag') {
      if (!g.moved && Math.hypot(p.x - g.start.x, p.y - g.start.y) < DRAG_THRESHOLD) return {};
      g.moved = true;
      return { drag: { ids: g.ids, dx: (p.x - g.start.x) / cam.scale, dy: (p.y - g.start.y) / cam.scale } };
    }
    const box = rectFromPoints(screenToWorld(cam, g.start), screenToWorld(cam, p));
    return { marquee: rectFromPoints(g.start, p), selected: new Set([...g.base, ...notesInBox(notes(), box)]) };
  }

  /** The pointer was released at `p`; `drag` is what the board shows dragged. */
  up(pointerId: number, p: Point, cam: Camera, drag: Drag | null): Effect {
    const g = this.gesture;
    if (!g || g.pointerId !== pointerId) return {};
    this.gesture = null;
    const effect: Effect = { panning: false, release: true };
    if (g.kind === 'drag') {
      if (g.moved && drag) effect.move = { ids: g.ids, cluster: g.cluster, drag, drop: screenToWorld(cam, p) };
      else if (g.clickId) effect.selected = new Set([g.clickId]);
      if (!g.moved) effect.drag = null;
    } else if (g.kind === 'marquee') {
      effect.marquee = null;
    }
    return effect;
  }

  /** The browser took the pointer away: the gesture ends with nothing committed. */
  cancel(pointerId: number): Effect {
    if (this.gesture?.pointerId !== pointerId) return {};
    this.gesture = null;
    return { panning: false, drag: null, marquee: null };
  }
}

/**
 * The patches of one drop, for one update_notes: new positions and, for notes (not a cluster
 * dragged by its title), membership. Clusters moved whole keep their notes; otherwise the
 * smallest frame under the drop point takes the notes, and no frame takes them out of theirs.
 * Null when the drop changes nothing.
 */
export function dropPatches(notes: ReadonlyMap<string, Note>, members: ReadonlyMap<string, readonly Note[]>, move: Move): NotePatch[] | null {
  const { ids, cluster, drop } = move;
  const dx = Math.round(move.drag.dx);
  const dy = Math.round(move.drag.dy);
  const whole = new Set<string>();
  for (const [cid, list] of members) if (list.every((n) => ids.has(n.id))) whole.add(cid);
  let target: string | null = null;
  if (cluster === null) {
    let best = Infinity;
    for (const [cid, list] of members) {
      if (whole.has(cid)) continue;
      const r = frameRect(list);
      if (r && containsPoint(r, drop) && r.w * r.h < best) {
        best = r.w * r.h;
        target = cid;
      }
    }
  }
  const patches: NotePatch[] = [];
  for (const id of ids) {
    const n = notes.get(id);
    if (!n) continue;
    const patch: NotePatch = { id, x: snap(n.x + dx), y: snap(n.y + dy) };
    if (cluster === null) {
      if (target) {
        if (n.cluster_id !== target) patch.cluster_id = target;
      } else if (n.cluster_id && !whole.has(n.cluster_id)) {
        patch.cluster_id = null;
      }
    }
    patches.push(patch);
  }
  if (patches.length === 0 || (dx === 0 && dy === 0 && patches.every((p) => p.cluster_id === undefined))) return null;
  return patches;
}
