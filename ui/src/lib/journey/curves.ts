// What the emotion chart draws, as pure functions of the journey (unit-tested apart from the
// component): each visible persona's points and line segments, the participants' mean and
// min–max band, and what a key pressed on a point asks for.
import type { EmotionVariant, JourneyStage, Persona, RatingSummary } from '../backend/types';
import { midpoint, scoreToY, seriesStyle, stageX, type ChartLayout, type Marker, type StepKey } from './chart';
import { emotionKey, emotionOf, type JourneyState } from './state';

/** One point of a persona's line: a slider on the chart, set or not. */
export interface PointView {
  key: string;
  persona: Persona;
  stage: JourneyStage;
  stageIndex: number;
  variant: EmotionVariant;
  score: number | null;
  note: string;
  x: number;
  y: number;
}

/** One persona: its colour and marker, and a line per variant shown. */
export interface Series {
  persona: Persona;
  colour: string;
  marker: Marker;
  lines: { variant: EmotionVariant; segments: { x: number; y: number }[][]; points: PointView[] }[];
}

/** The participants' ratings of one persona (or of none) and variant, stage by stage. */
export interface RatingLine {
  key: string;
  colour: string;
  variant: EmotionVariant;
  mean: { x: number; y: number }[];
  band: { x: number; lo: number; hi: number }[];
}

/** What the chart shows and where: the variants drawn, the hidden personas, the line colours. */
export interface CurveOptions {
  layout: ChartLayout;
  variants: readonly EmotionVariant[];
  hidden: ReadonlySet<string>;
  colours: readonly string[];
}

/** A point's score: a value being dragged or typed (`overrides`, by emotion key) before the journey's own. */
export function scoreOf(
  journey: JourneyState,
  overrides: ReadonlyMap<string, number | null>,
  personaId: string,
  stageId: string,
  variant: EmotionVariant,
): number | null {
  const key = emotionKey(personaId, stageId, variant);
  if (overrides.has(key)) return overrides.get(key) ?? null;
  return emotionOf(journey, personaId, stageId, variant)?.score ?? null;
}

/** The runs of set points, each of two or more: an unset point breaks the line. */
export function lineSegments(points: readonly { x: number; y: number; score: number | null }[]): { x: number; y: number }[][] {
  const segments: { x: number; y: number }[][] = [];
  let current: { x: number; y: number }[] = [];
  for (const p of points) {
    if (p.score === null) {
      if (current.length > 1) segments.push(current);
      current = [];
    } else current.push({ x: p.x, y: p.y });
  }
  if (current.length > 1) segments.push(current);
  return segments;
}

/**
 * The visible personas' lines. Several personas are spread a few pixels apart within a stage
 * column, so equal scores do not hide one another; an unset point sits at the scale's middle.
 */
export function chartSeries(journey: JourneyState, overrides: ReadonlyMap<string, number | null>, options: CurveOptions): Series[] {
  const { layout, variants, hidden, colours } = options;
  const scale = journey.scale;
  const visible = journey.personas.filter((p) => !hidden.has(p.id));
  const n = visible.length;
  const spread = n > 1 ? Math.min(7, (layout.colWidth * 0.5) / n) : 0;
  return visible.map((persona, vi) => {
    const style = seriesStyle(journey.personas.indexOf(persona));
    const dx = (vi - (n - 1) / 2) * spread;
    const lines = variants.map((variant) => {
      const points: PointView[] = journey.stages.map((stage, si) => {
        const score = scoreOf(journey, overrides, persona.id, stage.id, variant);
        const note = emotionOf(journey, persona.id, stage.id, variant)?.note ?? '';
        return {
          key: emotionKey(persona.id, stage.id, variant),
          persona,
          stage,
          stageIndex: si,
          variant,
          score,
          note,
          x: stageX(layout, si) + dx,
          y: scoreToY(layout, scale, score ?? midpoint(scale)),
        };
      });
      return { variant, segments: lineSegments(points), points };
    });
    return { persona, colour: colours[style.colour], marker: style.marker, lines };
  });
}

/**
 * The participants' ratings as lines, one per persona (or none: muted) and variant shown, in
 * stage order. Ratings of a hidden or deleted persona, or of a stage no longer there, are left out.
 */
export function ratingLines(journey: JourneyState, options: CurveOptions): RatingLine[] {
  const { layout, variants, hidden, colours } = options;
  const scale = journey.scale;
  const groups = new Map<string, RatingSummary[]>();
  for (const r of journey.ratings) {
    if (!variants.includes(r.variant)) continue;
    if (r.persona_id !== null && (hidden.has(r.persona_id) || !journey.personas.some((p) => p.id === r.persona_id))) continue;
    const key = `${r.persona_id ?? ''}|${r.variant}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const out: RatingLine[] = [];
  for (const [key, list] of groups) {
    const first = list[0];
    const index = first.persona_id === null ? -1 : journey.personas.findIndex((p) => p.id === first.persona_id);
    const colour = index < 0 ? 'var(--color-text-muted)' : colours[seriesStyle(index).colour];
    const rows = list
      .map((r) => ({ r, si: journey.stages.findIndex((s) => s.id === r.stage_id) }))
      .filter((x) => x.si >= 0)
      .sort((a, b) => a.si - b.si);
    out.push({
      key,
      colour,
      variant: first.variant,
      mean: rows.map(({ r, si }) => ({ x: stageX(layout, si), y: scoreToY(layout, scale, r.mean) })),
      band: rows.map(({ r, si }) => ({ x: stageX(layout, si), lo: scoreToY(layout, scale, r.min), hi: scoreToY(layout, scale, r.max) })),
    });
  }
  return out;
}

/** What a key on a focused point asks for: a new score, removal, the neighbouring stage, or the note. */
export type PointKeyAction = { kind: 'step'; step: StepKey } | { kind: 'clear' } | { kind: 'move'; by: -1 | 1 } | { kind: 'note' };

const STEP_KEYS: Record<string, StepKey> = { ArrowUp: 'up', ArrowDown: 'down', Home: 'home', End: 'end', PageUp: 'end', PageDown: 'home' };

/** The slider keys of a point; null for any other key, and for any key with Alt, Ctrl or Meta (left to the app). */
export function pointKeyAction(event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>): PointKeyAction | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  const step = STEP_KEYS[event.key];
  if (step) return { kind: 'step', step };
  if (event.key === 'Delete' || event.key === 'Backspace') return { kind: 'clear' };
  if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') return { kind: 'move', by: event.key === 'ArrowLeft' ? -1 : 1 };
  if (event.key === 'Enter' || event.key === ' ') return { kind: 'note' };
  return null;
}

/** A scale's end label ("Very positive") on two lines: its first word, then the rest. */
export function endWords(text: string): string[] {
  const i = text.indexOf(' ');
  return i < 0 ? [text] : [text.slice(0, i), text.slice(i + 1)];
}
