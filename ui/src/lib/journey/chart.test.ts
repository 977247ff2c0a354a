import { describe, expect, it } from 'vitest';
import { EMOTION_SCALES } from '../backend/types';
import {
  LINE_COLOURS,
  MARKERS,
  bandPoints,
  clampScore,
  contrast,
  markerPath,
  midpoint,
  rescale,
  scaleBounds,
  scoreToY,
  seriesStyle,
  stageAt,
  stageLabelLines,
  stageLabelWidth,
  stageX,
  stepScore,
  ticks,
  yToScore,
  type ChartLayout,
} from './chart';

const layout: ChartLayout = { x0: 128, colWidth: 160, top: 34, bottom: 264 };

describe('scales', () => {
  it('has the three scales of the API', () => {
    expect(scaleBounds('-2..2')).toEqual({ min: -2, max: 2 });
    expect(scaleBounds('-3..3')).toEqual({ min: -3, max: 3 });
    expect(scaleBounds('1..10')).toEqual({ min: 1, max: 10 });
    expect(midpoint('1..10')).toBe(5.5);
    expect(ticks('-2..2')).toEqual([2, 1, 0, -1, -2]);
    expect(ticks('1..10')).toHaveLength(10);
  });

  it('keeps a score inside the scale, to one decimal', () => {
    expect(clampScore(2.04, '-2..2')).toBe(2);
    expect(clampScore(-7, '-3..3')).toBe(-3);
    expect(clampScore(0.26, '-2..2')).toBe(0.3);
    expect(clampScore(0, '1..10')).toBe(1);
  });
});

describe('geometry', () => {
  it('puts the maximum at the top and the minimum at the bottom', () => {
    expect(scoreToY(layout, '-2..2', 2)).toBe(34);
    expect(scoreToY(layout, '-2..2', -2)).toBe(264);
    expect(scoreToY(layout, '-2..2', 0)).toBe(149);
    expect(scoreToY(layout, '1..10', 10)).toBe(34);
    expect(scoreToY(layout, '1..10', 1)).toBe(264);
  });

  it('turns y back into the score, snapped and clamped', () => {
    for (const scale of EMOTION_SCALES) {
      for (const v of ticks(scale)) expect(yToScore(layout, scale, scoreToY(layout, scale, v))).toBe(v);
    }
    expect(yToScore(layout, '-2..2', 0)).toBe(2);
    expect(yToScore(layout, '-2..2', 999)).toBe(-2);
    expect(yToScore(layout, '-2..2', scoreToY(layout, '-2..2', 0.4))).toBe(0);
    expect(yToScore(layout, '-2..2', scoreToY(layout, '-2..2', 0.74), 0.5)).toBe(0.5);
  });

  it('centres each stage in its column, like the journey map', () => {
    expect(stageX(layout, 0)).toBe(208);
    expect(stageX(layout, 7)).toBe(128 + 7.5 * 160);
    expect(stageAt(layout, 208, 8)).toBe(0);
    expect(stageAt(layout, 128 + 160 * 3 + 1, 8)).toBe(3);
    expect(stageAt(layout, 100, 8)).toBe(-1);
    expect(stageAt(layout, 128 + 160 * 8, 8)).toBe(-1);
  });

  it('rescales linearly, min to min and max to max, as the backend does', () => {
    expect(rescale(-2, '-2..2', '1..10')).toBe(1);
    expect(rescale(2, '-2..2', '1..10')).toBe(10);
    expect(rescale(0, '-2..2', '1..10')).toBe(5.5);
    expect(rescale(1, '-2..2', '1..10')).toBe(7.8);
    expect(rescale(1, '-2..2', '-3..3')).toBe(1.5);
    // And the chart follows: the same point keeps its height.
    expect(scoreToY(layout, '-3..3', rescale(1, '-2..2', '-3..3'))).toBe(scoreToY(layout, '-2..2', 1));
    // (to one decimal: 7.75 is kept as 7.8, a pixel or so higher)
    expect(Math.abs(scoreToY(layout, '1..10', rescale(1, '-2..2', '1..10')) - scoreToY(layout, '-2..2', 1))).toBeLessThan(2);
  });

  it('draws the spread band as one closed outline', () => {
    expect(bandPoints([{ x: 0, lo: 10, hi: 5 }, { x: 10, lo: 12, hi: 2 }])).toBe('0,5 10,2 10,12 0,10');
  });
});

describe('keyboard steps', () => {
  it('steps by one and stops at the ends', () => {
    expect(stepScore(0, 'up', '-2..2')).toBe(1);
    expect(stepScore(1, 'up', '-2..2')).toBe(2);
    expect(stepScore(2, 'up', '-2..2')).toBe(2);
    expect(stepScore(-2, 'down', '-2..2')).toBe(-2);
    expect(stepScore(3, 'up', '-3..3')).toBe(3);
    expect(stepScore(1, 'down', '1..10')).toBe(1);
    expect(stepScore(10, 'up', '1..10')).toBe(10);
  });

  it('goes to the next whole step from a rescaled value', () => {
    expect(stepScore(7.8, 'up', '1..10')).toBe(8);
    expect(stepScore(7.8, 'down', '1..10')).toBe(7);
    expect(stepScore(-0.5, 'up', '-2..2')).toBe(0);
  });

  it('starts an unset point from the middle, and Home/End jump to the ends', () => {
    expect(stepScore(null, 'up', '-2..2')).toBe(1);
    expect(stepScore(null, 'down', '-2..2')).toBe(-1);
    expect(stepScore(null, 'up', '1..10')).toBe(6);
    expect(stepScore(null, 'down', '1..10')).toBe(5);
    expect(stepScore(0, 'home', '-3..3')).toBe(-3);
    expect(stepScore(null, 'end', '1..10')).toBe(10);
  });
});

describe('persona styles', () => {
  it('are distinct in colour AND marker for up to 8 personas', () => {
    const styles = Array.from({ length: 8 }, (_, i) => seriesStyle(i));
    expect(new Set(styles.map((s) => s.marker)).size).toBe(8);
    for (const theme of ['light', 'dark'] as const) {
      expect(new Set(styles.map((s) => LINE_COLOURS[theme][s.colour])).size).toBe(8);
    }
    expect(MARKERS).toHaveLength(8);
  });

  it('repeat only after 8', () => {
    expect(seriesStyle(8)).toEqual({ ...seriesStyle(0), index: 8 });
  });

  it('have lines with at least 3:1 contrast against the chart in both themes', () => {
    for (const c of LINE_COLOURS.light) expect(contrast(c, '#ffffff'), c).toBeGreaterThanOrEqual(3);
    for (const c of LINE_COLOURS.dark) expect(contrast(c, '#1c1f22'), c).toBeGreaterThanOrEqual(3);
  });

  it('draw every marker as a closed path of numbers only', () => {
    for (const m of MARKERS) expect(markerPath(m, 10, 20, 12)).toMatch(/^M[-0-9. aLZ]+Z$/);
  });
});

describe('stageLabelLines', () => {
  it('wraps a stage title to two lines with an ellipsis, as the report chart does', () => {
    // The cases of core/src/chart.rs (long_stage_titles_wrap_to_two_lines_with_an_ellipsis).
    expect(stageLabelLines('Arrival / check-in', 16)).toEqual(['Arrival /', 'check-in']);
    expect(stageLabelLines('Contact via chat, phone or e-mail and more words', 16)).toEqual(['Contact via', 'chat, phone or…']);
    expect(stageLabelLines('Sisäänkirjautuminen', 16)).toEqual(['Sisäänkirjautumi…']);
    // With soft hyphens (as core's `hyphenate` gives them) a long word breaks at a syllable.
    expect(stageLabelLines('Si\u00adsään\u00adkir\u00adjau\u00adtu\u00admi\u00adnen', 16)).toEqual(['Sisäänkirjautu-', 'minen']);
    expect(stageLabelLines('Saa\u00adpu\u00admi\u00adnen / si\u00adsään\u00adkir\u00adjau\u00adtu\u00admi\u00adnen', 8)).toEqual(['Saapumi-', 'nen /…']);
    expect(stageLabelLines('Lob\u00adby', 16)).toEqual(['Lobby']);
  });

  it('keeps a short title on one line, whitespace folded', () => {
    expect(stageLabelLines('Browsing', 20)).toEqual(['Browsing']);
    expect(stageLabelLines('  The \n stay ', 20)).toEqual(['The stay']);
    expect(stageLabelLines('Vierailun jälkeen', 21)).toEqual(['Vierailun jälkeen']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(stageLabelLines('😀😀😀😀😀😀😀😀😀😀😀', 8)).toEqual(['😀😀😀😀😀😀😀😀…']);
    expect(stageLabelLines('😀😀😀😀😀😀😀😀😀😀', 8)).toEqual(['😀😀😀😀😀😀😀😀😀😀']);
  });

  it('gives an empty title one empty line', () => {
    expect(stageLabelLines('', 16)).toEqual(['']);
  });
});

describe('stageLabelWidth', () => {
  it('fits the narrowest and widest columns of the map', () => {
    expect(stageLabelWidth(150)).toBe(19);
    expect(stageLabelWidth(280)).toBe(38);
    expect(stageLabelWidth(20)).toBe(4);
    expect(stageLabelWidth(53)).toBe(5);
  });
});
