// Mid-zoom and far out, where no note shows its text, the notes are drawn as plain cards on
// one canvas (CardLayer.svelte) instead of being painted as a thousand boxes. Chromium paints
// every box under the world's transform again at each step of a pan or a zoom: 10–18 ms a
// frame with 1,000 notes or more in view, while a canvas of rectangles is drawn in about a
// millisecond. The notes' elements stay in the page, painting nothing (NoteView), for the
// keyboard, the pointer and screen readers. Photo notes keep drawing themselves.
import type { Note } from '../backend';
import { intersects, type Point, type Rect, type Size } from './geometry';
import { swatch } from './palette';

/** A face-down note's back (NoteView draws it striped in these two tones). */
export const BACK = { fill: '#5b6b7a', edge: '#4d5c6a' };

/** One card as the canvas draws it, in board units. */
export interface Card {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  edge: string;
  /** 0.25 for a note a filter leaves out (NoteView's `dim`), 0.9 while dragged. */
  alpha: number;
  /** A search match: ringed; the match jumped to, twice. */
  ring: 'hit' | 'current' | null;
}

/** How a note is drawn now: where, how big, and how the search and a drag mark it. */
export interface CardState {
  at: Point;
  size: Size;
  dim: boolean;
  hit: boolean;
  current: boolean;
  moved: boolean;
}

/** The card of `note`, or null for a photo note (it draws itself). */
export function cardOf(note: Note, s: CardState): Card | null {
  if (note.image_id !== null && !note.hidden) return null;
  const sw = note.hidden ? BACK : swatch(note.colour);
  return {
    x: s.at.x,
    y: s.at.y,
    w: s.size.w,
    h: s.size.h,
    fill: sw.fill,
    edge: sw.edge,
    alpha: s.dim ? 0.25 : s.moved ? 0.9 : 1,
    ring: s.current ? 'current' : s.hit ? 'hit' : null,
  };
}

/** The parts of the 2D context the cards are drawn with. */
export type CardContext = Pick<
  CanvasRenderingContext2D,
  'setTransform' | 'clearRect' | 'fillRect' | 'strokeRect' | 'fillStyle' | 'strokeStyle' | 'lineWidth' | 'globalAlpha'
>;

/** The colours of the rings, read from the page's theme. */
export interface RingColours {
  hit: string;
  current: string;
}

/**
 * Draws `cards` (in board order: a later one on top) that meet `view`, onto a canvas whose
 * `pixels` (device pixels across and down) show exactly `view` (board units).
 */
export function drawCards(ctx: CardContext, cards: readonly Card[], view: Rect, pixels: Size, rings: RingColours) {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, pixels.w, pixels.h);
  const k = pixels.w / view.w;
  ctx.setTransform(k, 0, 0, k, -view.x * k, -view.y * k);
  // The border as NoteView's (1 board unit), but never under a device pixel: far out the
  // cards stay told apart.
  const edge = Math.max(1, 1 / k);
  // A ring as NoteView's (4 board units), never under 2 device pixels.
  const ring = Math.max(4, 2 / k);
  const near = { x: view.x - ring * 2, y: view.y - ring * 2, w: view.w + ring * 4, h: view.h + ring * 4 };
  let fill = '';
  let alpha = 1;
  ctx.globalAlpha = 1;
  ctx.lineWidth = edge;
  for (const c of cards) {
    if (!intersects(c, near)) continue;
    if (c.alpha !== alpha) ctx.globalAlpha = alpha = c.alpha;
    if (c.fill !== fill) ctx.fillStyle = fill = c.fill;
    ctx.fillRect(c.x, c.y, c.w, c.h);
    ctx.strokeStyle = c.edge;
    ctx.strokeRect(c.x + edge / 2, c.y + edge / 2, c.w - edge, c.h - edge);
    if (c.ring) {
      ctx.lineWidth = ring;
      ctx.strokeStyle = rings.hit;
      ctx.strokeRect(c.x - ring / 2, c.y - ring / 2, c.w + ring, c.h + ring);
      if (c.ring === 'current') {
        ctx.strokeStyle = rings.current;
        ctx.strokeRect(c.x - ring * 1.5, c.y - ring * 1.5, c.w + ring * 3, c.h + ring * 3);
      }
      ctx.lineWidth = edge;
    }
  }
  ctx.globalAlpha = 1;
}
