// The workshop's emotion scale ("-2..2", "-3..3" or "1..10") as a phone slider uses it.
import type { Scale } from './api';

export interface ScaleRange {
  min: number;
  max: number;
  step: number;
  /** Where the slider starts before the person has rated. */
  neutral: number;
}

/** The range of a scale; anything unknown is the default −2…+2. */
export function scaleRange(scale: Scale | string): ScaleRange {
  const match = /^(-?\d+)\.\.(-?\d+)$/.exec(scale);
  const min = match ? Number(match[1]) : -2;
  const max = match ? Number(match[2]) : 2;
  if (!match || min >= max) return { min: -2, max: 2, step: 1, neutral: 0 };
  const middle = (min + max) / 2;
  return { min, max, step: 1, neutral: min < 0 ? 0 : Math.floor(middle) };
}

/** `value` moved to the scale's nearest allowed step, within its ends. */
export function clampToScale(range: ScaleRange, value: number): number {
  if (!Number.isFinite(value)) return range.neutral;
  const stepped = Math.round((value - range.min) / range.step) * range.step + range.min;
  return Math.min(range.max, Math.max(range.min, stepped));
}

/** One step up (+1) or down (−1), staying on the scale. */
export function stepOnScale(range: ScaleRange, value: number, direction: 1 | -1): number {
  return clampToScale(range, value + direction * range.step);
}

/** A score as shown: signed on scales around zero ("+1", "0", "−2"), plain on 1…10. */
export function formatScore(range: ScaleRange, value: number): string {
  if (range.min >= 0) return String(value);
  if (value > 0) return `+${value}`;
  if (value < 0) return `\u2212${Math.abs(value)}`;
  return '0';
}

/** Where a score lies from the worst (0) to the best (1), for colouring. */
export function position(range: ScaleRange, value: number): number {
  return (clampToScale(range, value) - range.min) / (range.max - range.min);
}
