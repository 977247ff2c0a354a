// Note colours as the API names them, with the same light tints the board uses; note text is
// always dark ink on them (WCAG AA), and every colour has a name so it is never the only cue.
import { LIMITS, NOTE_COLOURS } from '../lib/backend/generated';
import type { MessageKey } from './i18n.svelte';

export const COLOURS = NOTE_COLOURS;

const FILL: Record<(typeof NOTE_COLOURS)[number], string> = {
  yellow: '#fff2a8',
  orange: '#ffd9b0',
  sky: '#c9ecfb',
  green: '#cdeccd',
  blue: '#cfdbff',
  red: '#ffc9c4',
  pink: '#f8d0ea',
  grey: '#e3e4e6',
};

export const fill = (colour: string) => (FILL as Record<string, string>)[colour] ?? FILL.yellow;

export const colourLabel = (colour: string) => `colour_${colour in FILL ? colour : 'yellow'}` as MessageKey;

/** The note length limit, counted as the server does (Unicode characters, after trimming). */
export const MAX_NOTE_CHARS = LIMITS.note_text;

export const noteLength = (text: string) => [...text.trim()].length;
