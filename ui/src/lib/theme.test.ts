import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACCENT } from './backend/generated';
import { NOTE_INK, PALETTE } from './board/palette';
import { fill as phoneFill } from '../phone/palette';
import { isThemePref, resolveTheme } from './theme';

describe('resolveTheme', () => {
  it('follows the system unless a theme was chosen', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('validates stored values', () => {
    expect(isThemePref('dark')).toBe(true);
    expect(isThemePref('sepia')).toBe(false);
    expect(isThemePref(null)).toBe(false);
  });
});

// ---- WCAG contrast of the colour tokens in theme.css ----------------------------

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const css = read('../theme.css');

function tokens(selector: string): Record<string, string> {
  const start = css.indexOf(selector);
  if (start < 0) throw new Error(`no block ${selector}`);
  const block = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  const out: Record<string, string> = {};
  for (const m of block.matchAll(/--color-([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)) out[m[1]] = m[2];
  return out;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// [foreground, background, minimum ratio]: 4.5 for text, 3 for focus rings and borders of controls.
const PAIRS: [string, string, number][] = [
  ['text', 'bg', 4.5],
  ['text', 'surface', 4.5],
  ['text', 'surface-2', 4.5],
  ['text-muted', 'bg', 4.5],
  ['text-muted', 'surface', 4.5],
  ['text-muted', 'surface-2', 4.5],
  ['on-accent', 'accent', 4.5],
  ['on-accent', 'accent-hover', 4.5],
  ['accent-text', 'surface', 4.5],
  ['accent-text', 'bg', 4.5],
  ['accent-text', 'accent-soft', 4.5],
  ['danger', 'surface', 4.5],
  ['danger', 'bg', 4.5],
  ['danger', 'danger-soft', 4.5],
  ['on-danger', 'danger', 4.5],
  ['on-toast', 'toast', 4.5],
  ['toast-action', 'toast', 4.5],
  ['focus', 'bg', 3],
  ['focus', 'surface', 3],
  ['border-strong', 'surface', 3],
  // The phone's "saving…" dot beside its words.
  ['warning', 'bg', 3],
  ['warning', 'surface', 3],
];

describe.each([
  ['light', ":root[data-theme='light']"],
  ['dark', ":root[data-theme='dark']"],
])('%s theme', (_name, selector) => {
  const t = tokens(selector);

  it('defines every token the other theme defines', () => {
    expect(Object.keys(t).sort()).toEqual(Object.keys(tokens(":root[data-theme='dark']")).sort());
  });

  it.each(PAIRS)('%s on %s meets %d:1', (fg, bg, min) => {
    expect(t[fg], fg).toBeDefined();
    expect(t[bg], bg).toBeDefined();
    expect(contrast(t[fg], t[bg])).toBeGreaterThanOrEqual(min);
  });
});

it('contrast() matches known values', () => {
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
});

// ---- one palette for every page ---------------------------------------------------

describe('the app, the presenter and the phones wear one palette', () => {
  const app = read('../app.css');
  const phone = read('../phone/phone.css');
  const colour = /#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\((?!var\(--hue\))/gi;

  it('app.css and phone.css both start from theme.css', () => {
    expect(app).toMatch(/^(\/\*[\s\S]*?\*\/\s*)?@import '\.\/theme\.css';/);
    expect(phone).toMatch(/^(\/\*[\s\S]*?\*\/\s*)?@import '\.\.\/theme\.css';/);
  });

  it('the phone page says no colour of its own: every one is a token of theme.css', () => {
    expect(phone.match(colour) ?? []).toEqual([]);
    const used = new Set([...phone.matchAll(/var\(--(color-[\w-]+)/g)].map((m) => m[1]));
    const declared = new Set([...css.matchAll(/--(color-[\w-]+):/g)].map((m) => m[1]));
    expect([...used].filter((name) => !declared.has(name))).toEqual([]);
  });

  it('only theme.css declares colour tokens, and says each colour once per theme', () => {
    expect(app).not.toMatch(/--color-[\w-]+\s*:/);
    expect(phone).not.toMatch(/--color-[\w-]+\s*:/);
    expect(app.match(colour) ?? []).toEqual([]);
    for (const selector of [":root[data-theme='light']", ":root[data-theme='dark']"]) {
      const names = Object.keys(tokens(selector));
      expect(new Set(names).size, selector).toBe(names.length);
    }
  });

  it('the phone page follows the phone’s light or dark setting with the app’s themes', () => {
    expect(read('../phone/main.ts')).toMatch(/theme\.apply\(\)/);
  });

  it('notes are the same paper and ink everywhere', () => {
    expect(css).toMatch(new RegExp(`--color-note-ink:\\s*${NOTE_INK};`, 'i'));
    for (const [name, swatch] of Object.entries(PALETTE)) expect(phoneFill(name)).toBe(swatch.fill);
  });

  it('the phone and the presenter show the brand mark as the app does', () => {
    expect(read('../phone/Phone.svelte')).toMatch(/class="brand-mark"/);
    expect(read('./presenter/Presenter.svelte')).toMatch(/class="brand-mark"/);
    expect(read('../App.svelte')).toMatch(/class="brand-mark"/);
  });
});

describe('the accent', () => {
  it('is the one core gives the reports (said once in palette.rs)', () => {
    expect(tokens(':root').accent.toLowerCase()).toBe(ACCENT);
  });
});
