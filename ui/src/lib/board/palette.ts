// The note palette: light tints with dark text (WCAG AA in both themes, tested), each with a
// name shown as a label or tooltip, so colour is never the only cue.
import type { NoteColour } from '../backend/types';
import type { MessageKey } from '../i18n/en';

export interface Swatch {
  /** The note's background. */
  fill: string;
  /** Its border (and the minimap's stroke). */
  edge: string;
}

/** The same tints in light and dark themes: a note is paper; its text is always #1c1e21. */
export const NOTE_INK = '#1c1e21';

export const PALETTE: Record<NoteColour, Swatch> = {
  yellow: { fill: '#fff2a8', edge: '#c9a800' },
  orange: { fill: '#ffd9b0', edge: '#d27a1c' },
  sky: { fill: '#c9ecfb', edge: '#3a9cc6' },
  green: { fill: '#cdeccd', edge: '#4c9a4c' },
  blue: { fill: '#cfdbff', edge: '#4d6fd1' },
  red: { fill: '#ffc9c4', edge: '#d2473c' },
  pink: { fill: '#f8d0ea', edge: '#c2579f' },
  grey: { fill: '#e3e4e6', edge: '#8a9098' },
};

export const COLOUR_LABEL: Record<NoteColour, MessageKey> = {
  yellow: 'colour_yellow',
  orange: 'colour_orange',
  sky: 'colour_sky',
  green: 'colour_green',
  blue: 'colour_blue',
  red: 'colour_red',
  pink: 'colour_pink',
  grey: 'colour_grey',
};

/** A colour name from the API, or yellow for anything unknown (a newer backend). */
export function swatch(colour: string): Swatch {
  return (PALETTE as Record<string, Swatch>)[colour] ?? PALETTE.yellow;
}

/** The name of a colour from the API, or yellow's for anything unknown (as `swatch`). */
export function colourLabel(colour: string): MessageKey {
  return (COLOUR_LABEL as Record<string, MessageKey>)[colour] ?? COLOUR_LABEL.yellow;
}

/** Characters as the backend counts them (Unicode scalar values, after trimming). */
export function textLength(text: string): number {
  return Array.from(text.trim()).length;
}
