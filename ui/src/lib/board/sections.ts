// Sections on the board: the grid core lays a section's notes out in
// (src-tauri/core/src/sections.rs), mirrored here only to preview a change before core makes
// it (a section dragged, its columns changed by the handle), and the hit-test that says which
// section a dropped note lands in. What is stored is always core's: the frame's x, y, width
// and height come from the cluster row. Also the little counts the board shows on notes. Pure.
import { SECTION_GRID, type Cluster, type Note } from '../backend/types';
import { NOTE_H, NOTE_W, containsPoint, type Point, type Rect, type Size } from './geometry';

/** The band at the top of a section that holds its title; notes never sit in it. */
export const TITLE_BAND = SECTION_GRID.title_height;
/** Between a section's frame and its notes, and between two notes of its grid. */
export const SECTION_PAD = SECTION_GRID.padding;
export const SECTION_GAP = SECTION_GRID.gap;
export const MIN_COLUMNS = 1;
export const MAX_COLUMNS = SECTION_GRID.max_columns;

export const clampColumns = (n: number) => Math.min(MAX_COLUMNS, Math.max(MIN_COLUMNS, Math.round(n)));

/** A section's frame as core keeps it. */
export function sectionRect(c: Pick<Cluster, 'x' | 'y' | 'width' | 'height'>): Rect {
  return { x: c.x, y: c.y, w: c.width, h: c.height };
}

/** The top-left corner of the `index`th cell (reading order) of a section whose frame starts at `at`. */
export function cellOf(at: Point, columns: number, index: number): Point {
  const c = Math.max(1, columns);
  return {
    x: at.x + SECTION_PAD + (index % c) * (NOTE_W + SECTION_GAP),
    y: at.y + TITLE_BAND + Math.floor(index / c) * (NOTE_H + SECTION_GAP),
  };
}

/** The frame's width and height around `count` notes in `columns` (collapsed: one stack). */
export function frameSize(columns: number, count: number, collapsed: boolean): { w: number; h: number } {
  const c = Math.max(1, columns);
  const rows = collapsed ? 1 : Math.max(1, Math.ceil(count / c));
  return {
    w: 2 * SECTION_PAD + c * NOTE_W + (c - 1) * SECTION_GAP,
    h: TITLE_BAND + rows * NOTE_H + (rows - 1) * SECTION_GAP + SECTION_PAD,
  };
}

/** The number of columns whose frame is nearest to `width` board units wide. */
export function columnsForWidth(width: number): number {
  return clampColumns((width - 2 * SECTION_PAD + SECTION_GAP) / (NOTE_W + SECTION_GAP));
}

/** A section's notes in reading order: row by row, left to right (as core reads them). */
export function readingOrder<T extends Pick<Note, 'id' | 'x' | 'y'>>(notes: readonly T[]): T[] {
  return [...notes].sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Where each of a section's notes would be with `columns` columns, keeping their order. */
export function relaidOut(section: Pick<Cluster, 'x' | 'y'>, members: readonly Note[], columns: number): Map<string, Point> {
  const out = new Map<string, Point>();
  readingOrder(members).forEach((n, i) => out.set(n.id, cellOf(section, columns, i)));
  return out;
}

export interface SectionArea {
  id: string;
  rect: Rect;
}

/** The section a point lies in: the smallest frame holding it (one drawn inside another wins), or null. */
export function sectionAt(sections: Iterable<SectionArea>, p: Point): string | null {
  let best: SectionArea | null = null;
  for (const s of sections) {
    if (!containsPoint(s.rect, p)) continue;
    if (!best || s.rect.w * s.rect.h < best.rect.w * best.rect.h) best = s;
  }
  return best?.id ?? null;
}

/** The centre of a note of drawn `size` whose top-left corner is at `p`. */
export const noteCentre = (p: Point, size: Size = { w: NOTE_W, h: NOTE_H }): Point => ({ x: p.x + size.w / 2, y: p.y + size.h / 2 });

/** The dots a note's votes are shown with: one a vote up to five, then five and a plus. */
export function voteDots(votes: number): { dots: number; more: boolean } {
  const n = Math.max(0, Math.floor(votes));
  return { dots: Math.min(n, 5), more: n > 5 };
}
