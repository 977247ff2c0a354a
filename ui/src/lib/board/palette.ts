// The note palette: light tints with dark text (WCAG AA in both themes, tested), each with a
// name shown as a label or tooltip, so colour is never the only cue.
import { NOTE_SWATCHES } from '../backend/generated';
import type { NoteColour } from '../backend/types';
import type { MessageKey } from '../i18n/en';

export interface Swatch {
  /** The note's background. */
  fill: string;
  /** Its border (and the minimap's stroke). */
  edge: string;
}

/** The same tints in light and dark themes: a note is paper; its text is always this ink. */
export { NOTE_INK } from '../backend/generated';

/** The tints, said once in core's palette (the reports draw notes in the same ones). */
export const PALETTE: Record<NoteColour, Swatch> = Object.fromEntries(
  Object.entries(NOTE_SWATCHES).map(([colour, { fill, edge }]) => [colour, { fill, edge }]),
) as Record<NoteColour, Swatch>;

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
