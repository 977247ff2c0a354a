// Note colours as the API names them, in the board's tints (lib/board/palette.ts: the same
// paper on the phone as on the board); note text is always dark ink on them (WCAG AA), and
// every colour has a name so it is never the only cue.
import { LIMITS, NOTE_COLOURS } from '../lib/backend/generated';
import { PALETTE, swatch } from '../lib/board/palette';
import type { MessageKey } from './i18n.svelte';

export const COLOURS = NOTE_COLOURS;

/** A note's paper, and its edge. */
export const fill = (colour: string) => swatch(colour).fill;
export const edge = (colour: string) => swatch(colour).edge;

export const colourLabel = (colour: string) => `colour_${colour in PALETTE ? colour : 'yellow'}` as MessageKey;

/** The note length limit, counted as the server does (Unicode characters, after trimming). */
export const MAX_NOTE_CHARS = LIMITS.note_text;

export const noteLength = (text: string) => [...text.trim()].length;
