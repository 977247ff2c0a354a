// Search and filter of the board: which notes match. Pure.
import type { Cluster, Note, NoteColour, Participant } from '../backend/types';

/** '' means "any"; for author, stage and cluster `NONE` means "none" (anonymous, no stage, no cluster). */
export const NONE = '-';

export interface BoardFilter {
  text: string;
  colour: NoteColour | '';
  author: string;
  stage: string;
  cluster: string;
  /** Only notes that got votes in the revealed round shown on the board. */
  voted: boolean;
}

export const EMPTY_FILTER: BoardFilter = { text: '', colour: '', author: '', stage: '', cluster: '', voted: false };

export function isFilterActive(f: BoardFilter): boolean {
  return f.text.trim() !== '' || f.colour !== '' || f.author !== '' || f.stage !== '' || f.cluster !== '' || f.voted;
}

/** Case- and accent-insensitive folding for search ("Aamiainen" finds "aamiaisen", "café" finds "cafe"). */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

export interface FilterContext {
  clusters: ReadonlyMap<string, Cluster>;
  participants: readonly Participant[];
  /** Votes per note id, of the round shown on the board. */
  votes?: ReadonlyMap<string, number>;
}

function field(value: string | null, wanted: string): boolean {
  if (wanted === '') return true;
  if (wanted === NONE) return value === null;
  return value === wanted;
}

/** The folded text of each note (notes are immutable: a changed note is a new object). */
const foldedText = new WeakMap<Note, string>();

function foldedTextOf(note: Note): string {
  let folded = foldedText.get(note);
  if (folded === undefined) {
    folded = fold(note.text);
    foldedText.set(note, folded);
  }
  return folded;
}

/** Builds a predicate; every word of the text must occur in the note's text, its cluster's title or its author's name. */
export function noteMatcher(f: BoardFilter, ctx: FilterContext): (note: Note) => boolean {
  const words = fold(f.text).split(/\s+/).filter(Boolean);
  // Folded once per matcher; a word (no white space) occurs in the three joined by line
  // breaks exactly when it occurs in one of them.
  const names = new Map(ctx.participants.map((p) => [p.id, fold(p.name ?? '')]));
  const titles = new Map<string, string>();
  const titleOf = (id: string) => {
    let title = titles.get(id);
    if (title === undefined) titles.set(id, (title = fold(ctx.clusters.get(id)?.title ?? '')));
    return title;
  };
  return (note) => {
    if (f.colour && note.colour !== f.colour) return false;
    if (!field(note.author_id, f.author)) return false;
    if (!field(note.stage_id, f.stage)) return false;
    if (!field(note.cluster_id, f.cluster)) return false;
    if (f.voted && !ctx.votes?.get(note.id)) return false;
    if (words.length === 0) return true;
    const text = foldedTextOf(note);
    const title = note.cluster_id ? titleOf(note.cluster_id) : '';
    const name = note.author_id ? (names.get(note.author_id) ?? '') : '';
    return words.every((w) => text.includes(w) || title.includes(w) || name.includes(w));
  };
}

/**
 * The ids of the matching notes, in board order; null when no filter is active. With "With
 * votes" on, the most voted come first (ties in board order), so "Next match" walks the board
 * from the room's favourite down.
 */
export function matchingIds(notes: Iterable<Note>, f: BoardFilter, ctx: FilterContext): string[] | null {
  if (!isFilterActive(f)) return null;
  const match = noteMatcher(f, ctx);
  const out: string[] = [];
  for (const n of notes) if (match(n)) out.push(n.id);
  if (f.voted) {
    const votes = (id: string) => ctx.votes?.get(id) ?? 0;
    // Array.prototype.sort is stable: equal counts keep board order.
    out.sort((a, b) => votes(b) - votes(a));
  }
  return out;
}

/** The match after `currentId` (wrapping), or the first one. */
export function nextMatch(matches: readonly string[], currentId: string | null): string | null {
  if (matches.length === 0) return null;
  const i = currentId === null ? -1 : matches.indexOf(currentId);
  return matches[(i + 1) % matches.length];
}
