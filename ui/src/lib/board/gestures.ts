// The board's pointer gestures as a plain state machine: a press on a note selects and may
// drag it, one on a loose note's corner handle resizes it, a press on a section's title bar
// drags the section, one on its resize handle changes its width, a press on the canvas draws a marquee, the middle button (or Space held)
// pans. It knows no DOM: the canvas tells it what was pressed and does what it answers. Also
// the one drop rule (`landing`): where dropped notes go, and so which frames light up while
// they are dragged.
import type { Note, NotePatch } from '../backend/types';
import { clampSize, noteSize, notesInBox, rectFromPoints, screenToWorld, snap, type Camera, type Point, type Rect, type Size } from './geometry';
import { noteCentre, sectionAt, type SectionArea } from './sections';

/** What a press landed on. */
export type PressTarget =
  | { kind: 'note'; id: string }
  /**
   * A cluster's title, with the ids of the cluster's notes; `collapsed`: they are not drawn,
   * so the press selects none of them (Delete must never remove notes nobody can see).
   */
  | { kind: 'title'; clusterId: string; ids: readonly string[]; collapsed: boolean }
  /** A section's resize handle, with the frame's width now (board units). */
  | { kind: 'resize'; clusterId: string; width: number }
  /** A loose note's corner handle, with the note's size now (board units). */
  | { kind: 'size'; id: string; size: Size }
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
  /** The section dragged by its title bar (its frame moves too), if that is what moves. */
  section?: string;
}

/** A section's frame being made `width` board units wide by its handle. */
export interface Resize {
  id: string;
  width: number;
}

/** A loose note shown at, or given, this size by its corner handle. */
export interface Sizing extends Size {
  id: string;
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
  | { kind: 'marquee'; pointerId: number; start: Point; base: ReadonlySet<string> }
  | { kind: 'resize'; pointerId: number; start: Point; clusterId: string; width0: number }
  | { kind: 'size'; pointerId: number; start: Point; id: string; size0: Size };

/** A finished drag: which notes moved and how far; `cluster` is the section dragged by its title bar, if it was. */
export interface Move {
  ids: ReadonlySet<string>;
  cluster: string | null;
  drag: Drag;
}

/** What the board does for a pointer event; absent fields leave things as they are. */
export interface Effect {
  selected?: ReadonlySet<string>;
  cam?: Camera;
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
  /** The width a section is shown at while its handle is dragged; null: as stored. */
  resize?: Resize | null;
  /** Commit this width of a section (its columns follow from it). */
  resized?: Resize;
  /** The size a note is shown at while its corner handle is dragged; null: as stored. */
  sizing?: Sizing | null;
  /** Commit this size of a note. */
  sized?: Sizing;
}

/** The size a note's corner handle gives it when dragged by (dx, dy) screen pixels, within the limits. */
export function sizedBy(id: string, size0: Size, dx: number, dy: number, cam: Camera): Sizing {
  return { id, ...clampSize({ w: size0.w + dx / cam.scale, h: size0.h + dy / cam.scale }) };
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
    if (target.kind === 'resize') {
      this.gesture = { kind: 'resize', pointerId, start, clusterId: target.clusterId, width0: target.width };
      return { capture: true };
    }
    if (target.kind === 'size') {
      this.gesture = { kind: 'size', pointerId, start, id: target.id, size0: target.size };
      return { selected: selected.has(target.id) ? undefined : new Set([target.id]), capture: true };
    }
    if (target.kind === 'title') {
      // A collapsed section moves as its frame alone: its notes follow in core's layout.
      const ids = new Set(target.collapsed ? [] : target.ids);
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
      return { cam: { ...g.cam0, tx: g.cam0.tx + p.x - g.start.x, ty: g.cam0.ty + p.y - g.start.y } };
    }
    if (g.kind === 'drag') {
      if (!g.moved && Math.hypot(p.x - g.start.x, p.y - g.start.y) < DRAG_THRESHOLD) return {};
      g.moved = true;
      const drag: Drag = { ids: g.ids, dx: (p.x - g.start.x) / cam.scale, dy: (p.y - g.start.y) / cam.scale };
      if (g.cluster !== null) drag.section = g.cluster;
      return { drag };
    }
    if (g.kind === 'resize') return { resize: { id: g.clusterId, width: g.width0 + (p.x - g.start.x) / cam.scale } };
    if (g.kind === 'size') return { sizing: sizedBy(g.id, g.size0, p.x - g.start.x, p.y - g.start.y, cam) };
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
      if (g.moved && drag) effect.move = { ids: g.ids, cluster: g.cluster, drag };
      else if (g.clickId) effect.selected = new Set([g.clickId]);
      if (!g.moved) effect.drag = null;
    } else if (g.kind === 'marquee') {
      effect.marquee = null;
    } else if (g.kind === 'resize') {
      effect.resized = { id: g.clusterId, width: g.width0 + (p.x - g.start.x) / cam.scale };
    } else if (g.kind === 'size') {
      effect.sized = sizedBy(g.id, g.size0, p.x - g.start.x, p.y - g.start.y, cam);
    }
    return effect;
  }

  /** The browser took the pointer away: the gesture ends with nothing committed. */
  cancel(pointerId: number): Effect {
    if (this.gesture?.pointerId !== pointerId) return {};
    this.gesture = null;
    return { panning: false, drag: null, marquee: null, resize: null, sizing: null };
  }
}

/** Where a dropped note goes: its place on the board, and the section it is then in (null: none). */
export interface Landing {
  at: Point;
  section: string | null;
}

/**
 * The drop rule: where note `n` lands if the drag is let go now. Its place is the dragged one,
 * snapped; its section is the one its centre lies in (the smallest frame holding it), or none
 * when its centre is outside every frame. The drop itself (`dropPatches`) and the frames lit
 * while notes are dragged (`dropTargets`) both ask it, so what is lit is where notes go.
 */
export function landing(n: Note, sections: readonly SectionArea[], drag: Pick<Drag, 'dx' | 'dy'>): Landing {
  const at = { x: snap(n.x + Math.round(drag.dx)), y: snap(n.y + Math.round(drag.dy)) };
  return { at, section: sectionAt(sections, noteCentre(at, noteSize(n))) };
}

/** The sections the dragged notes would be in if dropped now; none while a section is dragged by its title. */
export function dropTargets(notes: ReadonlyMap<string, Note>, sections: readonly SectionArea[], drag: Drag): Set<string> {
  const out = new Set<string>();
  if (drag.section !== undefined) return out;
  for (const id of drag.ids) {
    const n = notes.get(id);
    const section = n ? landing(n, sections, drag).section : null;
    if (section !== null) out.add(section);
  }
  return out;
}

/**
 * The patches of one drop of notes, for one update_notes: each note where `landing` puts it
 * and, when that changes, its section. Core lays the sections out again, so the place only
 * says where in a section's order the note goes. Null when the drop changes nothing.
 */
export function dropPatches(notes: ReadonlyMap<string, Note>, sections: readonly SectionArea[], move: Move): NotePatch[] | null {
  const patches: NotePatch[] = [];
  let changed = Math.round(move.drag.dx) !== 0 || Math.round(move.drag.dy) !== 0;
  for (const id of move.ids) {
    const n = notes.get(id);
    if (!n) continue;
    const { at, section } = landing(n, sections, move.drag);
    const patch: NotePatch = { id, ...at };
    if (section !== n.cluster_id) {
      patch.cluster_id = section;
      changed = true;
    }
    patches.push(patch);
  }
  return patches.length > 0 && changed ? patches : null;
}
