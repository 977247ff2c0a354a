// What the board on the projector draws, and how large: the groups' frames and the notes as
// the room may see them (a face-down note keeps nothing but its place and size; a loose note
// its own size, one in a group the standard cell), fitted into the
// window. Pure, so the rules about what is shown and when text is readable are tested alone.
import type { BoardVotes, Cluster, Note } from '../backend/types';
import { NOTE_H, NOTE_W, TEXT_SCALE, noteSize } from '../board/geometry';
import { SECTION_GAP as GAP, SECTION_PAD as PADDING, TITLE_BAND, frameSize } from '../board/sections';

// A note's standard size (a section's cell), a frame's title band and its spacing: core's
// section grid, as the board has it.
export { GAP, NOTE_H, NOTE_W, PADDING, TITLE_BAND };
/** Text smaller than this on screen is not read from the back of a room. */
export const MIN_TEXT_PX = 14;
/** Few notes are not blown up past this: a card fills at most about a third of a wide screen. */
export const MAX_SCALE = 3;
/** Space kept around the board inside the window, in screen pixels. */
export const MARGIN = 24;
/** Where a standard card's text goes, inside its padding and border (BoardView's styles), in board units. */
export const TEXT_W = 152;
export const TEXT_H = 96;
/** A card's padding and border, across and down (BoardView's styles), in board units. */
const INSET_W = NOTE_W - TEXT_W;
const INSET_H = NOTE_H - TEXT_H;
/** The row of vote dots under a voted note's text, at least (its count stays readable). */
export const VOTES_H = 26;
/** The type sizes a note's text of medium text size may take, largest first, in board units. */
const FONTS = [24, 22, 20, 18, 16, 14, 12];
/** A photo note's caption, of medium text size, in board units. */
const PHOTO_CAPTION = 14;
/** Line height, and an average character's width (bold sans), per unit of type size. */
const LINE = 1.2;
const CHAR_W = 0.6;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ShownNote {
  id: string;
  x: number;
  y: number;
  /** Its drawn size: its own while loose, the standard cell in a section. */
  w: number;
  h: number;
  /** Its text size against the standard one (`TEXT_SCALE`). */
  textScale: number;
  colour: string;
  /** Null for a note lying face down: neither its text nor its writer is shown. */
  text: string | null;
  /** A photo note's image (its id), null for any other note and for one lying face down. */
  image: string | null;
  votes: number;
}

export interface ShownGroup {
  id: string;
  title: string;
  /** Its frame; a collapsed group's is one stack high. */
  rect: Rect;
  /** How many notes it holds. */
  count: number;
  /** Drawn as one stack with its count instead of its notes. */
  collapsed: boolean;
}

export interface Scene {
  groups: ShownGroup[];
  notes: ShownNote[];
  /** Everything drawn; null when there is nothing. */
  bounds: Rect | null;
}

/** How the board is placed in the window: screen = board × scale + (x, y). */
export interface Fit {
  scale: number;
  x: number;
  y: number;
}

/** How a note's card is drawn at some scale. */
export type Card =
  | { kind: 'back' }
  /**
   * `font` in board units and at most `lines` lines of it above a row of `votesHeight` units
   * (0 without votes); `compact` cards show one line at the smallest readable size.
   */
  | { kind: 'text'; text: string; font: number; lines: number; votesHeight: number; compact: boolean }
  /**
   * A photo note: its image fills the card above one line of its caption at `font` (board
   * units), and the votes' row; with `caption` false the caption would not be readable in
   * the room left, and is only the photo's alternative text.
   */
  | { kind: 'photo'; image: string; text: string; font: number; votesHeight: number; caption: boolean };

/** The height of a group's frame with every row of its notes showing (sections.rs `Grid::frame`). */
export function openHeight(count: number, columns: number): number {
  return frameSize(columns, count, false).h;
}

function union(a: Rect | null, b: Rect): Rect {
  if (!a) return b;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

function shown(note: Note, votes: ReadonlyMap<string, number>): ShownNote {
  const { w, h } = noteSize(note);
  const base = { id: note.id, x: note.x, y: note.y, w, h, textScale: TEXT_SCALE[note.text_size], colour: note.colour };
  // A face-down note's text and author are empty from core already; nothing of them is
  // copied even so, so no later change here can put them on the projector.
  if (note.hidden) return { ...base, text: null, image: null, votes: 0 };
  return { ...base, text: note.text, image: note.image_id, votes: votes.get(note.id) ?? 0 };
}

/**
 * The whole board (`focus` null), or just one group with all its notes, opened up even when
 * it is collapsed on the board. A `focus` naming no group shows the whole board.
 */
export function sceneOf(notes: Iterable<Note>, clusters: ReadonlyMap<string, Cluster>, votes: BoardVotes | null, focus: string | null): Scene {
  const voteCounts = new Map(votes?.counts ?? []);
  const counts = new Map<string, number>();
  const all = [...notes];
  for (const note of all) if (note.cluster_id) counts.set(note.cluster_id, (counts.get(note.cluster_id) ?? 0) + 1);

  const only = focus !== null ? clusters.get(focus) : undefined;
  const groups: ShownGroup[] = [];
  const out: ShownNote[] = [];
  let bounds: Rect | null = null;

  const addGroup = (c: Cluster, open: boolean) => {
    const count = counts.get(c.id) ?? 0;
    const collapsed = c.collapsed && !open;
    const h = collapsed ? c.height : Math.max(c.height, openHeight(count, c.columns));
    const group = { id: c.id, title: c.title, rect: { x: c.x, y: c.y, w: c.width, h }, count, collapsed };
    groups.push(group);
    bounds = union(bounds, group.rect);
  };
  const addNote = (note: Note) => {
    const card = shown(note, voteCounts);
    out.push(card);
    bounds = union(bounds, { x: card.x, y: card.y, w: card.w, h: card.h });
  };

  if (only) {
    addGroup(only, true);
    for (const note of all) if (note.cluster_id === only.id) addNote(note);
  } else {
    for (const c of clusters.values()) addGroup(c, false);
    for (const note of all) {
      // A collapsed group's notes lie under its stack.
      const home = note.cluster_id ? clusters.get(note.cluster_id) : undefined;
      if (!home?.collapsed) addNote(note);
    }
  }
  return { groups, notes: out, bounds };
}

/** Notes lying face down on the board: the room sees how many, never whose. */
export function faceDownCount(notes: Iterable<Note>): number {
  let n = 0;
  for (const note of notes) if (note.hidden) n++;
  return n;
}

/** Fits `bounds` into a `width` × `height` window, centred, never larger than `MAX_SCALE`. */
export function fitInto(bounds: Rect, width: number, height: number): Fit {
  const w = Math.max(1, width - 2 * MARGIN);
  const h = Math.max(1, height - 2 * MARGIN);
  const scale = Math.min(w / Math.max(1, bounds.w), h / Math.max(1, bounds.h), MAX_SCALE);
  return {
    scale,
    x: MARGIN + (w - bounds.w * scale) / 2 - bounds.x * scale,
    y: MARGIN + (h - bounds.h * scale) / 2 - bounds.y * scale,
  };
}

/** About how many lines `text` takes in a card `width` board units wide at type size `font`, wrapped at spaces. */
export function linesAt(text: string, font: number, width: number = TEXT_W): number {
  const perLine = Math.max(1, Math.floor(width / (font * CHAR_W)));
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const length = Array.from(word).length;
      if (used > 0 && used + 1 + length <= perLine) {
        used += 1 + length;
        continue;
      }
      if (used > 0) lines++;
      // A word longer than a line breaks anywhere (overflow-wrap), filling whole lines.
      lines += Math.floor((length - 1) / perLine);
      used = ((length - 1) % perLine) + 1;
    }
  }
  return lines;
}

/**
 * The largest type size (of FONTS × `textScale`) at which `text` fits in `width` × `height`
 * board units; the smallest if none does.
 */
export function noteFont(text: string, height: number = TEXT_H, width: number = TEXT_W, textScale = 1): number {
  const fonts = FONTS.map((font) => font * textScale);
  return fonts.find((font) => linesAt(text, font, width) * font * LINE <= height) ?? fonts[fonts.length - 1];
}

/**
 * How a note's card is drawn at `scale`: its text at its own size (by its text size, fitted
 * to its card) when that is readable on screen, otherwise a compact card with one line of its
 * text at the smallest readable size (the full text then goes to screen readers as the card's
 * label). A photo note shows its photo, with its caption under it where that is readable.
 */
export function cardOf(note: ShownNote, scale: number): Card {
  if (note.text === null) return { kind: 'back' };
  const readable = MIN_TEXT_PX / scale;
  // The votes' count is written at least as large as is readable, and takes its room.
  const votesHeight = note.votes > 0 ? Math.max(VOTES_H, Math.ceil(readable * LINE)) : 0;
  const height = note.h - INSET_H - votesHeight;
  if (note.image !== null) {
    // The photo is what the room looks at: its caption takes at most a third of the card.
    const font = Math.max(readable, PHOTO_CAPTION * note.textScale);
    return { kind: 'photo', image: note.image, text: note.text, font, votesHeight, caption: font * LINE <= height / 3 };
  }
  const font = noteFont(note.text, height, note.w - INSET_W, note.textScale);
  if (font * scale >= MIN_TEXT_PX && height > 0) {
    const lines = Math.max(1, Math.floor(height / (font * LINE)));
    return { kind: 'text', text: note.text, font, lines, votesHeight, compact: false };
  }
  return { kind: 'text', text: note.text, font: readable, lines: 1, votesHeight, compact: true };
}

/** `rect` in screen pixels under `fit`. */
export function onScreen(rect: Rect, fit: Fit): Rect {
  return { x: rect.x * fit.scale + fit.x, y: rect.y * fit.scale + fit.y, w: rect.w * fit.scale, h: rect.h * fit.scale };
}
