import { describe, expect, it } from 'vitest';
import { NOTE_SWATCHES } from '../backend/generated';
import { NOTE_COLOURS } from '../backend/types';
import { en } from '../i18n/en';
import { fi } from '../i18n/fi';
import { DICTIONARIES as PHONE } from '../../phone/i18n.svelte';
import { COLOUR_LABEL, NOTE_INK, PALETTE, swatch, textLength } from './palette';

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('note palette', () => {
  it('has every colour of the API, each with a name in both languages', () => {
    expect(Object.keys(PALETTE).sort()).toEqual([...NOTE_COLOURS].sort());
    for (const c of NOTE_COLOURS) {
      expect(en[COLOUR_LABEL[c]]).toBeTruthy();
      expect(fi[COLOUR_LABEL[c]]).toBeTruthy();
    }
  });

  it('names each colour as the reports do (core’s palette), in both languages', () => {
    for (const c of NOTE_COLOURS) {
      expect(en[COLOUR_LABEL[c]]).toBe(NOTE_SWATCHES[c].en);
      expect(fi[COLOUR_LABEL[c]]).toBe(NOTE_SWATCHES[c].fi);
      const phoneKey = COLOUR_LABEL[c] as keyof typeof PHONE.en;
      expect(PHONE.en[phoneKey]).toBe(NOTE_SWATCHES[c].en);
      expect(PHONE.fi[phoneKey]).toBe(NOTE_SWATCHES[c].fi);
    }
  });

  it.each(NOTE_COLOURS)('%s: note text and meta text meet WCAG AA', (c) => {
    expect(contrast(NOTE_INK, PALETTE[c].fill)).toBeGreaterThanOrEqual(7);
    expect(contrast('#3f444b', PALETTE[c].fill)).toBeGreaterThanOrEqual(4.5);
  });

  it('tints are distinct', () => {
    expect(new Set(Object.values(PALETTE).map((s) => s.fill)).size).toBe(NOTE_COLOURS.length);
  });

  it('falls back to yellow for an unknown colour', () => {
    expect(swatch('ultraviolet')).toBe(PALETTE.yellow);
  });

  it('counts characters as the backend does: code points, after trimming', () => {
    expect(textLength('  abc \n')).toBe(3);
    expect(textLength('😀😀')).toBe(2);
    expect(textLength('ä')).toBe(1);
    expect(textLength('   ')).toBe(0);
  });
});
