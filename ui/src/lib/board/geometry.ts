// Board geometry: the camera (world ↔ screen), culling, hit-testing and placement. Pure.
import { NOTE_SIZE, type Note, type TextSize } from '../backend/types';

export const NOTE_W = NOTE_SIZE.width;
export const NOTE_H = NOTE_SIZE.height;
/** The sizes core lets a loose note take (update_notes refuses others); one maximum for both sides. */
export const NOTE_MIN_W = NOTE_SIZE.min_width;
export const NOTE_MIN_H = NOTE_SIZE.min_height;
export const NOTE_MAX = NOTE_SIZE.max_width;
/** How much one step of the side panel's Size buttons grows or shrinks a note. */
export const SIZE_STEP = 1.2;
/** A note's text size against the standard one, by its `text_size`. */
export const TEXT_SCALE: Record<TextSize, number> = { s: 0.85, m: 1, l: 1.35 };
export const MIN_SCALE = 0.05;
export const MAX_SCALE = 3;
/** Space between notes placed one after another, and notes per row before wrapping. */
export const GAP = 20;
export const ROW_LENGTH = 5;

export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned rectangle in board units. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** screen = world × scale + (tx, ty); the board's one CSS transform. */
export interface Camera {
  tx: number;
  ty: number;
  scale: number;
}

export const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

export function screenToWorld(cam: Camera, p: Point): Point {
  return { x: (p.x - cam.tx) / cam.scale, y: (p.y - cam.ty) / cam.scale };
}

export function worldToScreen(cam: Camera, p: Point): Point {
  return { x: p.x * cam.scale + cam.tx, y: p.y * cam.scale + cam.ty };
}

/** The world rectangle a viewport of `width` × `height` pixels shows. */
export function viewRect(cam: Camera, width: number, height: number): Rect {
  return { x: -cam.tx / cam.scale, y: -cam.ty / cam.scale, w: width / cam.scale, h: height / cam.scale };
}

/** Zoom to `scale` keeping the world point under the screen point `at` in place. */
export function zoomAt(cam: Camera, scale: number, at: Point): Camera {
  const s = clampScale(scale);
  const k = s / cam.scale;
  return { scale: s, tx: at.x - (at.x - cam.tx) * k, ty: at.y - (at.y - cam.ty) * k };
}

/** The camera that shows the world point `p` in the middle of the viewport. */
export function centerOn(cam: Camera, p: Point, width: number, height: number): Camera {
  return { scale: cam.scale, tx: width / 2 - p.x * cam.scale, ty: height / 2 - p.y * cam.scale };
}

/** The camera that shows all of `bounds` with a margin, at a scale within [minScale, maxScale]. */
export function fitCamera(bounds: Rect | null, width: number, height: number, maxScale = 1, minScale = MIN_SCALE, margin = 40): Camera {
  return fitInto(bounds, { x: 0, y: 0, w: width, h: height }, maxScale, minScale, margin);
}

/** The scale at which `bounds` fills `into` (screen pixels) less a margin, within [minScale, maxScale]. */
function fitScale(bounds: Rect, into: Rect, maxScale: number, minScale: number, margin: number): number {
  const sx = (into.w - 2 * margin) / Math.max(bounds.w, 1);
  const sy = (into.h - 2 * margin) / Math.max(bounds.h, 1);
  return clampScale(Math.max(minScale, Math.min(maxScale, sx, sy)));
}

/** `fitCamera` into the part `into` of the viewport (screen pixels) rather than all of it. */
export function fitInto(bounds: Rect | null, into: Rect, maxScale = 1, minScale = MIN_SCALE, margin = 40): Camera {
  if (!bounds || into.w <= 0 || into.h <= 0) return { tx: into.x + into.w / 2, ty: into.y + into.h / 2, scale: 1 };
  const scale = fitScale(bounds, into, maxScale, minScale, margin);
  const fitsX = bounds.w * scale <= into.w - 2 * margin;
  const fitsY = bounds.h * scale <= into.h - 2 * margin;
  // Centre what fits; otherwise start at the top-left corner of the content.
  const tx = fitsX ? into.x + into.w / 2 - (bounds.x + bounds.w / 2) * scale : into.x + margin - bounds.x * scale;
  const ty = fitsY ? into.y + into.h / 2 - (bounds.y + bounds.h / 2) * scale : into.y + margin - bounds.y * scale;
  return { tx, ty, scale };
}

/**
 * The parts of a `width` × `height` viewport that none of `covers` (what floats over the
 * canvas: toolbars, the minimap, the zoom buttons; screen pixels) overlaps: every rectangle
 * whose edges are the viewport's or the covers' own and that no cover touches.
 */
export function uncovered(width: number, height: number, covers: readonly Rect[]): Rect[] {
  const inside = covers.filter((c) => c.w > 0 && c.h > 0 && intersects(c, { x: 0, y: 0, w: width, h: height }));
  const xs0 = [0, ...inside.map((c) => c.x + c.w)].filter((x) => x >= 0 && x < width);
  const xs1 = [width, ...inside.map((c) => c.x)].filter((x) => x > 0 && x <= width);
  const ys0 = [0, ...inside.map((c) => c.y + c.h)].filter((y) => y >= 0 && y < height);
  const ys1 = [height, ...inside.map((c) => c.y)].filter((y) => y > 0 && y <= height);
  const out: Rect[] = [];
  for (const x0 of xs0)
    for (const x1 of xs1)
      for (const y0 of ys0)
        for (const y1 of ys1) {
          if (x1 <= x0 || y1 <= y0) continue;
          const r = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
          if (!inside.some((c) => intersects(c, r))) out.push(r);
        }
  return out;
}

/**
 * `fitCamera` that keeps `bounds` off the `covers`: it fits them into whichever uncovered part
 * of the viewport shows them largest (the larger part when two show them alike), or into the
 * whole viewport when the covers leave no room.
 */
export function fitUncovered(
  bounds: Rect | null,
  width: number,
  height: number,
  covers: readonly Rect[],
  maxScale = 1,
  minScale = MIN_SCALE,
  margin = 40,
): Camera {
  let best: Rect = { x: 0, y: 0, w: width, h: height };
  let bestScale = -1;
  for (const r of uncovered(width, height, covers)) {
    if (r.w <= 2 * margin || r.h <= 2 * margin) continue;
    const s = bounds ? fitScale(bounds, r, maxScale, minScale, margin) : 1;
    if (s > bestScale || (s === bestScale && r.w * r.h > best.w * best.h)) {
      best = r;
      bestScale = s;
    }
  }
  return fitInto(bounds, best, maxScale, minScale, margin);
}

/** How a note's text is drawn at a zoom: in full, or compact (see `noteLook`). */
export type NoteLook =
  | { kind: 'full' }
  | {
      kind: 'compact';
      /** The text's size, in board units: at least MIN_TEXT_PX on screen. */
      size: number;
      /** How many lines of it are shown; none when 0. */
      lines: number;
      /** The note's padding across and down, in board units. */
      padX: number;
      padY: number;
    };

/** A note's text size, in board units, and the smallest text size shown on screen. */
export const NOTE_TEXT = 14;
export const MIN_TEXT_PX = 11;
/** A compact note's line height (× its text size) and padding (screen pixels at MIN_TEXT_PX). */
export const COMPACT_LINE = 1.2;
const COMPACT_PAD = 3;

/**
 * How notes are drawn at `scale`: in full while their text is at least MIN_TEXT_PX on screen;
 * below that compact, the text counter-scaled to stay at least that size. Its size goes up in
 * steps of a quarter octave (so zooming lays the text out again only now and then), and as
 * many lines as fit the note are shown: one, with less padding, while a line's text fits at
 * all; none below that.
 */
export function noteLook(scale: number): NoteLook {
  if (NOTE_TEXT * scale >= MIN_TEXT_PX) return { kind: 'full' };
  const step = Math.ceil(4 * Math.log2(1 / scale)) / 4;
  const size = MIN_TEXT_PX * 2 ** step;
  // In board units the rest depends on the step alone, not on the scale within it: the look
  // stays the very same while zooming within a step, so nothing is styled or laid out again.
  const line = size * COMPACT_LINE;
  const pad = (COMPACT_PAD * size) / MIN_TEXT_PX;
  const lines = Math.floor((NOTE_H - 2 * pad) / line);
  if (lines >= 1) return { kind: 'compact', size, lines, padX: pad, padY: pad };
  if (NOTE_H < size) return { kind: 'compact', size, lines: 0, padX: pad, padY: 0 };
  return { kind: 'compact', size, lines: 1, padX: pad, padY: Math.max(0, (NOTE_H - line) / 2) };
}

/**
 * Whether notes drawn with `look` show their text at `scale`, or are plain coloured cards (the
 * card layer, cards.ts). A zoom keeps the notes' look until it pauses (BoardCamera): meanwhile
 * (`zooming`) the notes are cards wherever either look is compact, for a compact note's text
 * grows or shrinks with the board and painting it for the hundreds of notes in view is most of
 * what such a frame costs; the text shows again once the look is fitted. Without a zoom on its
 * way, compact text shrunk under MIN_TEXT_PX on screen is hidden all the same; a look fitted to
 * the scale always shows its text, and text in full keeps its size (`minTextSize`).
 */
export function textShown(look: NoteLook, scale: number, zooming = false): boolean {
  if (zooming && (look.kind === 'compact' || noteLook(scale).kind === 'compact')) return false;
  return look.kind === 'full' || look.size * scale >= MIN_TEXT_PX - 1e-9;
}

/**
 * The smallest size, in board units, a note's text in full may have at `scale` so that it is
 * at least MIN_TEXT_PX on screen; 0 when the smallest text size (`TEXT_SCALE`'s) already is.
 * Zooming changes it only where it matters, so that the notes' style is not computed again
 * on every step of a zoom.
 */
export function minTextSize(scale: number): number {
  const size = MIN_TEXT_PX / scale;
  return size > NOTE_TEXT * Math.min(...Object.values(TEXT_SCALE)) ? size : 0;
}

/** What the drawn size of a note depends on; a bare point is drawn at the standard size. */
export type Placed = Pick<Note, 'x' | 'y'> & Partial<Pick<Note, 'width' | 'height' | 'cluster_id'>>;

export interface Size {
  w: number;
  h: number;
}

/** The size a note is drawn at: its own while loose, the standard cell in a section. */
export function noteSize(note: Partial<Pick<Note, 'width' | 'height' | 'cluster_id'>>): Size {
  if (note.cluster_id || note.width === undefined || note.height === undefined) return { w: NOTE_W, h: NOTE_H };
  return { w: note.width, h: note.height };
}

/** A size kept within what core allows, in whole board units. */
export function clampSize(size: Size): Size {
  const w = Math.round(Math.min(NOTE_MAX, Math.max(NOTE_MIN_W, size.w)));
  const h = Math.round(Math.min(NOTE_MAX, Math.max(NOTE_MIN_H, size.h)));
  return { w, h };
}

/** `size` grown (`steps` > 0) or shrunk by SIZE_STEP per step, within the limits. */
export function steppedSize(size: Size, steps: number): Size {
  const k = SIZE_STEP ** steps;
  return clampSize({ w: size.w * k, h: size.h * k });
}

/** The note's rectangle where it is drawn (`at`, while dragged or nudged; else its place). */
export function noteRect(note: Placed, at: Point = note): Rect {
  const { w, h } = noteSize(note);
  return { x: at.x, y: at.y, w, h };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

export function containsPoint(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

export function expand(r: Rect, dx: number, dy = dx): Rect {
  return { x: r.x - dx, y: r.y - dy, w: r.w + 2 * dx, h: r.h + 2 * dy };
}

/** The smallest rectangle holding every note, or null for none. */
export function boundsOf(notes: Iterable<Placed>): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of notes) {
    const { w, h } = noteSize(n);
    if (n.x < x0) x0 = n.x;
    if (n.y < y0) y0 = n.y;
    if (n.x + w > x1) x1 = n.x + w;
    if (n.y + h > y1) y1 = n.y + h;
  }
  return x0 === Infinity ? null : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

export function union(a: Rect | null, b: Rect | null): Rect | null {
  if (!a) return b;
  if (!b) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

/**
 * The area whose notes are rendered: the view plus a margin of half a view on every side.
 * It is kept while the view stays inside it (so panning a little re-renders nothing) and
 * recomputed when the view leaves it or has zoomed in so far that it renders far too much.
 */
export function renderArea(current: Rect | null, view: Rect, margin = 0.5): Rect {
  if (current && contains(current, view) && current.w * current.h <= view.w * view.h * (1 + 2 * margin) ** 2 * 2.5) {
    return current;
  }
  return expand(view, view.w * margin, view.h * margin);
}

/** The notes to render: those intersecting `area`, in their order. */
export function cull<T extends Placed>(notes: Iterable<T>, area: Rect): T[] {
  const out: T[] = [];
  for (const n of notes) if (inArea(n, area)) out.push(n);
  return out;
}

/** Whether `cull` keeps the note `n` for `area`: some of it, at its drawn size, is in it. */
export function inArea(n: Placed, area: Rect): boolean {
  const { w, h } = noteSize(n);
  return n.x > area.x - w && n.x < area.x + area.w && n.y > area.y - h && n.y < area.y + area.h;
}

/** A rectangle from two corners in any order. */
export function rectFromPoints(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}

/** Marquee selection: the ids of the notes the box touches. */
export function notesInBox(notes: Iterable<Placed & Pick<Note, 'id'>>, box: Rect): string[] {
  const out: string[] = [];
  for (const n of notes) if (intersects(box, noteRect(n))) out.push(n.id);
  return out;
}

/** The topmost (last drawn) note under a world point, or null. */
export function noteAt<T extends Placed>(notes: readonly T[], p: Point): T | null {
  for (let i = notes.length - 1; i >= 0; i--) if (containsPoint(noteRect(notes[i]), p)) return notes[i];
  return null;
}

/** The position of slot `index` of a run of drafts started at `origin`: left to right, wrapping rows. */
export function slotPosition(origin: Point, index: number, rowLength = ROW_LENGTH): Point {
  return {
    x: origin.x + (index % rowLength) * (NOTE_W + GAP),
    y: origin.y + Math.floor(index / rowLength) * (NOTE_H + GAP),
  };
}

/**
 * Where the next draft of a run goes: the first slot from `index` on that no note
 * (nor pending draft) covers. Returns the slot's index and position.
 */
export function nextFreeSlot(
  origin: Point,
  index: number,
  occupied: Iterable<Placed>,
  rowLength = ROW_LENGTH,
  maxTries = 500,
): { index: number; position: Point } {
  const taken = [...occupied];
  for (let i = index; i < index + maxTries; i++) {
    const p = slotPosition(origin, i, rowLength);
    const r = expand(noteRect(p), -GAP / 4);
    if (!taken.some((n) => intersects(r, noteRect(n)))) return { index: i, position: p };
  }
  return { index, position: slotPosition(origin, index, rowLength) };
}

/** Rounds a world coordinate for storage (whole board units) and keeps it in the API's range. */
export function snap(v: number): number {
  return Math.max(-1_000_000, Math.min(1_000_000, Math.round(v)));
}

/** The smallest pan that brings the world rectangle `r` into the view, `margin` pixels from its edges. */
export function panIntoView(cam: Camera, r: Rect, width: number, height: number, margin = 24): Camera {
  const left = r.x * cam.scale + cam.tx;
  const top = r.y * cam.scale + cam.ty;
  const right = left + r.w * cam.scale;
  const bottom = top + r.h * cam.scale;
  let dx = 0;
  let dy = 0;
  if (right > width - margin) dx = width - margin - right;
  if (left + dx < margin) dx = margin - left;
  if (bottom > height - margin) dy = height - margin - bottom;
  if (top + dy < margin) dy = margin - top;
  return dx === 0 && dy === 0 ? cam : { ...cam, tx: cam.tx + dx, ty: cam.ty + dy };
}
