// Geometry of the emotion chart (pure, unit-tested): scores ↔ y, stages ↔ x, keyboard
// steps, and the colour + marker of each persona's line.
import { SERIES_COLOURS, SERIES_MARKERS, type EmotionScale } from '../backend/types';
import { SOFT_HYPHEN } from '../text';

export interface ScaleBounds {
  min: number;
  max: number;
}

export function scaleBounds(scale: EmotionScale): ScaleBounds {
  switch (scale) {
    case '-3..3':
      return { min: -3, max: 3 };
    case '1..10':
      return { min: 1, max: 10 };
    default:
      return { min: -2, max: 2 };
  }
}

/** The neutral middle of a scale (0, or 5.5 on 1…10). */
export const midpoint = (scale: EmotionScale): number => {
  const { min, max } = scaleBounds(scale);
  return (min + max) / 2;
};

/** The whole steps of a scale, from max down to min (the grid lines). */
export function ticks(scale: EmotionScale): number[] {
  const { min, max } = scaleBounds(scale);
  const out: number[] = [];
  for (let v = max; v >= min; v--) out.push(v);
  return out;
}

/** A score kept to one decimal, inside the scale, as the backend keeps it. */
export function clampScore(score: number, scale: EmotionScale): number {
  const { min, max } = scaleBounds(scale);
  return Math.round(Math.min(max, Math.max(min, score)) * 10) / 10;
}

export interface ChartLayout {
  /** Left of the first stage column (the y axis lives left of it). */
  x0: number;
  /** Width of one stage column. */
  colWidth: number;
  /** Top and bottom of the plotting area. */
  top: number;
  bottom: number;
}

/** The centre of stage column `index`: the chart lines up with the journey map's columns. */
export const stageX = (layout: ChartLayout, index: number): number => layout.x0 + (index + 0.5) * layout.colWidth;

/** The stage column under `x`, or -1 outside them. */
export function stageAt(layout: ChartLayout, x: number, count: number): number {
  const i = Math.floor((x - layout.x0) / layout.colWidth);
  return i >= 0 && i < count ? i : -1;
}

// ---- the stage axis ------------------------------------------------------------

/**
 * A stage title as the x-axis shows it: at most two lines of about `width` characters, with
 * an ellipsis when it does not fit (the full title is the label's tooltip). A word longer than
 * a line breaks at one of its soft hyphens (from `hyphenated`) with a "-". The same rule as the
 * report's chart (`label_lines` in core/src/chart.rs); characters are counted as Rust counts
 * them, by code point.
 */
export function stageLabelLines(title: string, width: number): string[] {
  const length = (text: string) => [...text].length;
  const lines: string[] = [''];
  for (const word of title.split(/\s+/u).filter((w) => w !== '')) {
    wordPieces(word, width).forEach((piece, index) => {
      const line = lines[lines.length - 1];
      if (index > 0 || (line !== '' && length(line) + 1 + length(piece) > width)) lines.push('');
      lines[lines.length - 1] += (lines[lines.length - 1] === '' ? '' : ' ') + piece;
    });
  }
  if (lines.length > 2) {
    lines.length = 2;
    lines[1] += '…';
  }
  return lines.map((line) => (length(line) > width + 2 ? [...line].slice(0, width).join('') + '…' : line));
}

/** A word on lines `width` characters wide: whole when it fits, else cut at its soft hyphens. */
function wordPieces(word: string, width: number): string[] {
  const length = (text: string) => [...text].length;
  const plain = word.replaceAll(SOFT_HYPHEN, '');
  if (length(plain) <= width || !word.includes(SOFT_HYPHEN)) return [plain];
  const pieces: string[] = [];
  let current = '';
  for (const syllable of word.split(SOFT_HYPHEN)) {
    if (current !== '' && length(current) + length(syllable) + 1 > width) {
      pieces.push(`${current}-`);
      current = '';
    }
    current += syllable;
  }
  pieces.push(current);
  return pieces;
}

/** About how many characters of a 12 px label fit a stage column `colWidth` wide. */
export const stageLabelWidth = (colWidth: number): number => Math.max(4, Math.floor((colWidth - 12) / 7));

/** Maximum at the top, minimum at the bottom. */
export function scoreToY(layout: ChartLayout, scale: EmotionScale, score: number): number {
  const { min, max } = scaleBounds(scale);
  return layout.top + ((max - score) / (max - min)) * (layout.bottom - layout.top);
}

/** The score at `y`, clamped to the scale and snapped to `snapTo` (whole steps by default). */
export function yToScore(layout: ChartLayout, scale: EmotionScale, y: number, snapTo = 1): number {
  const { min, max } = scaleBounds(scale);
  const raw = max - ((y - layout.top) / (layout.bottom - layout.top)) * (max - min);
  const snapped = Math.round(raw / snapTo) * snapTo;
  return clampScore(snapped, scale);
}

export type StepKey = 'up' | 'down' | 'home' | 'end';

/**
 * The score after a key: Up/Down go to the next whole step strictly above/below (so a
 * rescaled 7.8 goes to 8 or 7), never past the ends; Home/End jump to min/max. A point
 * not set yet starts from the middle of the scale.
 */
export function stepScore(score: number | null, key: StepKey, scale: EmotionScale): number {
  const { min, max } = scaleBounds(scale);
  const from = score ?? midpoint(scale);
  const eps = 1e-9;
  let next: number;
  switch (key) {
    case 'home':
      next = min;
      break;
    case 'end':
      next = max;
      break;
    case 'up':
      next = Math.floor(from + eps) + 1;
      break;
    case 'down':
      next = Math.ceil(from - eps) - 1;
      break;
  }
  return clampScore(next, scale);
}

/** Linear rescale from one scale to another (min to min, max to max), as the backend does. */
export function rescale(score: number, from: EmotionScale, to: EmotionScale): number {
  const a = scaleBounds(from);
  const b = scaleBounds(to);
  return clampScore(b.min + ((score - a.min) / (a.max - a.min)) * (b.max - b.min), to);
}

// ---- persona styles -------------------------------------------------------------

/** Marker shapes, in persona order: the Rust reports draw the same. */
export const MARKERS = SERIES_MARKERS;
export type Marker = (typeof MARKERS)[number];

/**
 * Line colours, distinguishable with the common colour-vision deficiencies (after
 * Okabe & Ito), each at least 3:1 against the chart background of its theme. Colour is
 * never the only cue: every persona also has its own marker shape. The Rust reports use
 * the same palette.
 */
export const LINE_COLOURS = SERIES_COLOURS;

export interface SeriesStyle {
  index: number;
  marker: Marker;
  /** Index into LINE_COLOURS[theme]; CSS picks the theme's value via `--series-<n>`. */
  colour: number;
}

/** The style of the persona at `index` (in persona order): distinct for up to 8 personas. */
export function seriesStyle(index: number): SeriesStyle {
  const i = ((index % MARKERS.length) + MARKERS.length) % MARKERS.length;
  return { index, marker: MARKERS[i], colour: i };
}

/** The dash pattern of a variant: current is solid, target dashed. */
export const variantDash = (variant: 'current' | 'target'): string | undefined => (variant === 'target' ? '7 5' : undefined);

/** An SVG path `d` for a marker of `size` centred on (x, y). Numbers only: no user text. */
export function markerPath(marker: Marker, x: number, y: number, size: number): string {
  const r = size / 2;
  const f = (n: number) => Math.round(n * 100) / 100;
  const poly = (pts: [number, number][]) => `M${pts.map(([px, py]) => `${f(x + px)} ${f(y + py)}`).join('L')}Z`;
  switch (marker) {
    case 'circle':
      return `M${f(x - r)} ${f(y)}a${f(r)} ${f(r)} 0 1 0 ${f(2 * r)} 0a${f(r)} ${f(r)} 0 1 0 ${f(-2 * r)} 0Z`;
    case 'square':
      return poly([[-r * 0.85, -r * 0.85], [r * 0.85, -r * 0.85], [r * 0.85, r * 0.85], [-r * 0.85, r * 0.85]]);
    case 'triangle':
      return poly([[0, -r], [r, r * 0.8], [-r, r * 0.8]]);
    case 'triangle-down':
      return poly([[0, r], [r, -r * 0.8], [-r, -r * 0.8]]);
    case 'diamond':
      return poly([[0, -r * 1.1], [r * 1.1, 0], [0, r * 1.1], [-r * 1.1, 0]]);
    case 'plus': {
      const w = r * 0.38;
      return poly([[-w, -r], [w, -r], [w, -w], [r, -w], [r, w], [w, w], [w, r], [-w, r], [-w, w], [-r, w], [-r, -w], [-w, -w]]);
    }
    case 'star': {
      const pts: [number, number][] = [];
      for (let k = 0; k < 10; k++) {
        const rad = k % 2 === 0 ? r * 1.15 : r * 0.5;
        const a = -Math.PI / 2 + (k * Math.PI) / 5;
        pts.push([rad * Math.cos(a), rad * Math.sin(a)]);
      }
      return poly(pts);
    }
    case 'hexagon': {
      const pts: [number, number][] = [];
      for (let k = 0; k < 6; k++) {
        const a = (k * Math.PI) / 3;
        pts.push([r * Math.cos(a), r * Math.sin(a)]);
      }
      return poly(pts);
    }
  }
}

/** An SVG polyline `points` attribute (numbers only). */
export const polylinePoints = (pts: readonly { x: number; y: number }[]): string =>
  pts.map((p) => `${Math.round(p.x * 10) / 10},${Math.round(p.y * 10) / 10}`).join(' ');

/** The spread band of participants' ratings as a closed polygon: upper edge left→right, lower right→left. */
export function bandPoints(pts: readonly { x: number; lo: number; hi: number }[]): string {
  const upper = pts.map((p) => ({ x: p.x, y: p.hi }));
  const lower = [...pts].reverse().map((p) => ({ x: p.x, y: p.lo }));
  return polylinePoints([...upper, ...lower]);
}

/** WCAG relative luminance contrast of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
