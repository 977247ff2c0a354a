import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fi } from './fi';
import { interpolate } from './messages';
import { templateParts } from './parts';

describe('templateParts', () => {
  it('cuts a sentence at its placeholders, marking what fills each', () => {
    expect(templateParts('{persona}, {stage}, {variant}', { persona: 'Maija', stage: 'Booking', variant: 'Current' })).toEqual([
      { text: 'Maija', param: 'persona' },
      { text: ', ', param: null },
      { text: 'Booking', param: 'stage' },
      { text: ', ', param: null },
      { text: 'Current', param: 'variant' },
    ]);
    expect(templateParts('You are {name}', { name: '\u202eAnn' })).toEqual([
      { text: 'You are ', param: null },
      { text: '\u202eAnn', param: 'name' },
    ]);
  });

  it('keeps unknown placeholders as words, as interpolate does', () => {
    expect(templateParts('{a} and {b}', { a: 1 })).toEqual([
      { text: '1', param: 'a' },
      { text: ' and {b}', param: null },
    ]);
    expect(templateParts('no placeholders')).toEqual([{ text: 'no placeholders', param: null }]);
  });

  it('reads as the interpolated sentence, for every message in both languages', () => {
    for (const dict of [en, fi]) {
      for (const template of Object.values(dict)) {
        const params = { name: 'N', title: 'T', round: 'R', count: 2, n: 3, persona: 'P', stage: 'S', variant: 'V' };
        expect(templateParts(template, params).map((p) => p.text).join('')).toBe(interpolate(template, params));
      }
    }
  });
});
