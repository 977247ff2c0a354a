import { describe, expect, it } from 'vitest';
import { hasBidiControl, isolate } from './text';

describe('isolate', () => {
  it('wraps a text holding a bidirectional control in FSI … PDI, as core does for reports', () => {
    expect(isolate('abc\u202efed')).toBe('\u2068abc\u202efed\u2069');
    for (const c of ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(hasBidiControl(`a${c}b`), c.codePointAt(0)!.toString(16)).toBe(true);
    }
  });

  it('leaves every other text exactly as it is', () => {
    for (const text of ['', 'Maija Virtanen', 'ääkköset', 'שלום', 'مرحبا', '👩🏽‍💻 zero\u200bwidth']) {
      expect(isolate(text)).toBe(text);
    }
  });
});
