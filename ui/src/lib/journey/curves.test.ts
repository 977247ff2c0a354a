// The emotion chart's data (curves.ts): points and lines per persona, participants' ratings, keys.
import { describe, expect, it } from 'vitest';
import type { RatingSummary } from '../backend/types';
import { LINE_COLOURS, midpoint, scoreToY, stageX, type ChartLayout } from './chart';
import { chartSeries, endWords, lineSegments, pointKeyAction, ratingLines, scoreOf, type CurveOptions } from './curves';
import { journey, persona, point } from './fixtures';
import { emotionKey, journeyState } from './state';

const layout: ChartLayout = { x0: 128, colWidth: 160, top: 26, bottom: 226 };
const colours = LINE_COLOURS.light;
const options = (over: Partial<CurveOptions> = {}): CurveOptions => ({ layout, variants: ['current'], hidden: new Set(), colours, ...over });
const none = new Map<string, number | null>();

const rating = (personaId: string | null, stageId: string, mean: number, over: Partial<RatingSummary> = {}): RatingSummary => ({
  persona_id: personaId,
  stage_id: stageId,
  variant: 'current',
  count: 3,
  mean,
  median: mean,
  min: mean - 1,
  max: mean + 1,
  stddev: 0.5,
  ...over,
});

describe('scoreOf', () => {
  const state = journeyState(journey());

  it('is the journey’s score, or null for a point not set', () => {
    expect(scoreOf(state, none, 'p1', 's1', 'current')).toBe(1);
    expect(scoreOf(state, none, 'p1', 's2', 'current')).toBeNull();
  });

  it('prefers a value being dragged or typed, also a removal', () => {
    expect(scoreOf(state, new Map([[emotionKey('p1', 's1', 'current'), -2]]), 'p1', 's1', 'current')).toBe(-2);
    expect(scoreOf(state, new Map([[emotionKey('p1', 's1', 'current'), null]]), 'p1', 's1', 'current')).toBeNull();
    expect(scoreOf(state, new Map([[emotionKey('p1', 's2', 'current'), 2]]), 'p1', 's2', 'current')).toBe(2);
  });
});

describe('lineSegments', () => {
  const at = (x: number, score: number | null) => ({ x, y: x * 2, score });

  it('joins neighbouring set points and breaks the line at an unset one', () => {
    expect(lineSegments([at(1, 0), at(2, 1), at(3, null), at(4, 2), at(5, 2)])).toEqual([
      [{ x: 1, y: 2 }, { x: 2, y: 4 }],
      [{ x: 4, y: 8 }, { x: 5, y: 10 }],
    ]);
  });

  it('draws no line for a lone point', () => {
    expect(lineSegments([at(1, 0), at(2, null), at(3, 1)])).toEqual([]);
    expect(lineSegments([])).toEqual([]);
  });
});

describe('chartSeries', () => {
  it('gives every visible persona a point per stage, an unset one at the middle of the scale', () => {
    const state = journeyState(journey());
    const [p1, p2] = chartSeries(state, none, options());
    expect(p1.persona.id).toBe('p1');
    expect(p1.lines).toHaveLength(1);
    const points = p1.lines[0].points;
    expect(points.map((p) => [p.stage.id, p.stageIndex, p.score])).toEqual([
      ['s1', 0, 1],
      ['s2', 1, null],
      ['s3', 2, null],
    ]);
    expect(points[0].key).toBe(emotionKey('p1', 's1', 'current'));
    expect(points[0].y).toBe(scoreToY(layout, '-2..2', 1));
    expect(points[1].y).toBe(scoreToY(layout, '-2..2', midpoint('-2..2')));
    expect(p2.lines[0].points[1].score).toBe(-1);
  });

  it('spreads several personas a little apart within a column, one alone sits at its centre', () => {
    const state = journeyState(journey());
    const [p1, p2] = chartSeries(state, none, options());
    expect(p1.lines[0].points[0].x).toBe(stageX(layout, 0) - 7 / 2);
    expect(p2.lines[0].points[0].x).toBe(stageX(layout, 0) + 7 / 2);
    const [alone] = chartSeries(state, none, options({ hidden: new Set(['p1']) }));
    expect(alone.persona.id).toBe('p2');
    expect(alone.lines[0].points[0].x).toBe(stageX(layout, 0));
  });

  it('keeps each persona’s colour and marker when another is hidden', () => {
    const state = journeyState(journey());
    const [p2] = chartSeries(state, none, options({ hidden: new Set(['p1']) }));
    expect(p2.colour).toBe(colours[1]);
    expect(p2.marker).toBe('square');
  });

  it('draws a line per variant shown, with the values being dragged', () => {
    const state = journeyState(
      journey({ emotions: [point('e1', 'p1', 's1', 1), point('e2', 'p1', 's2', 2), point('e3', 'p1', 's1', 2, 'target')] }),
    );
    const overrides = new Map([[emotionKey('p1', 's2', 'target'), 0]]);
    const [p1] = chartSeries(state, overrides, options({ variants: ['current', 'target'] }));
    expect(p1.lines.map((l) => l.variant)).toEqual(['current', 'target']);
    expect(p1.lines[0].segments).toHaveLength(1);
    expect(p1.lines[1].points.map((p) => p.score)).toEqual([2, 0, null]);
    expect(p1.lines[1].segments[0]).toHaveLength(2);
  });

  it('carries each point’s note', () => {
    const state = journeyState(journey({ emotions: [{ ...point('e1', 'p1', 's1', 1), note: 'Long queue' }] }));
    const [p1] = chartSeries(state, none, options());
    expect(p1.lines[0].points.map((p) => p.note)).toEqual(['Long queue', '', '']);
  });
});

describe('ratingLines', () => {
  it('groups by persona and variant, in stage order, mean and band on the scale', () => {
    const state = journeyState(journey({ ratings: [rating('p1', 's3', 0), rating('p1', 's1', 1)] }));
    const [line] = ratingLines(state, options());
    expect(line.key).toBe('p1|current');
    expect(line.colour).toBe(colours[0]);
    expect(line.variant).toBe('current');
    expect(line.mean).toEqual([
      { x: stageX(layout, 0), y: scoreToY(layout, '-2..2', 1) },
      { x: stageX(layout, 2), y: scoreToY(layout, '-2..2', 0) },
    ]);
    expect(line.band[0]).toEqual({ x: stageX(layout, 0), lo: scoreToY(layout, '-2..2', 0), hi: scoreToY(layout, '-2..2', 2) });
  });

  it('draws ratings of no persona muted', () => {
    const state = journeyState(journey({ ratings: [rating(null, 's1', 0)] }));
    expect(ratingLines(state, options()).map((l) => [l.key, l.colour])).toEqual([['|current', 'var(--color-text-muted)']]);
  });

  it('leaves out other variants, hidden or deleted personas and stages no longer there', () => {
    const state = journeyState(
      journey({
        personas: [persona('p1', 0), persona('p2', 1)],
        ratings: [
          rating('p1', 's1', 0, { variant: 'target' }),
          rating('p2', 's1', 0),
          rating('gone', 's1', 0),
          rating(null, 'gone', 0),
          rating(null, 's2', 1),
        ],
      }),
    );
    const lines = ratingLines(state, options({ hidden: new Set(['p2']) }));
    expect(lines.map((l) => l.key)).toEqual(['|current']);
    expect(lines[0].mean).toEqual([{ x: stageX(layout, 1), y: scoreToY(layout, '-2..2', 1) }]);
    expect(ratingLines(state, options({ variants: ['current', 'target'] })).map((l) => l.key)).toEqual(['p1|target', 'p2|current', '|current']);
  });
});

describe('pointKeyAction', () => {
  const key = (k: string, mods: { altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean } = {}) =>
    pointKeyAction({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...mods });

  it('steps with the arrows, Home/End and PageUp/PageDown', () => {
    expect(key('ArrowUp')).toEqual({ kind: 'step', step: 'up' });
    expect(key('ArrowDown')).toEqual({ kind: 'step', step: 'down' });
    expect(key('Home')).toEqual({ kind: 'step', step: 'home' });
    expect(key('End')).toEqual({ kind: 'step', step: 'end' });
    expect(key('PageUp')).toEqual({ kind: 'step', step: 'end' });
    expect(key('PageDown')).toEqual({ kind: 'step', step: 'home' });
  });

  it('removes with Delete or Backspace, moves with ←/→, opens the note with Enter or Space', () => {
    expect(key('Delete')).toEqual({ kind: 'clear' });
    expect(key('Backspace')).toEqual({ kind: 'clear' });
    expect(key('ArrowLeft')).toEqual({ kind: 'move', by: -1 });
    expect(key('ArrowRight')).toEqual({ kind: 'move', by: 1 });
    expect(key('Enter')).toEqual({ kind: 'note' });
    expect(key(' ')).toEqual({ kind: 'note' });
  });

  it('leaves other keys, and any key with Alt, Ctrl or Meta, to the app', () => {
    expect(key('a')).toBeNull();
    expect(key('Tab')).toBeNull();
    expect(key('Escape')).toBeNull();
    expect(key('ArrowUp', { altKey: true })).toBeNull();
    expect(key('Delete', { ctrlKey: true })).toBeNull();
    expect(key('Enter', { metaKey: true })).toBeNull();
  });
});

describe('endWords', () => {
  it('puts the first word on a line of its own', () => {
    expect(endWords('Very positive')).toEqual(['Very', 'positive']);
    expect(endWords('Erittäin hyvä mieli')).toEqual(['Erittäin', 'hyvä mieli']);
    expect(endWords('Positive')).toEqual(['Positive']);
  });
});
