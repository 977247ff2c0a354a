// Unit tests of the journey map's lane and experience-model logic (lanes.ts).
import { describe, expect, it } from 'vitest';
import { LIMITS, type Feeling, type Lane, type LaneKind, type QuestionResult, type StageFigure } from '../backend/types';
import {
  addableKinds,
  byTone,
  cellOf,
  channelSwitches,
  disagrees,
  feelingWord,
  figureProblem,
  figuresOfStage,
  formatFigure,
  hasWord,
  isSmallN,
  parseNumber,
  questionsOfStage,
  switchInto,
  toggleDesigned,
} from './lanes';
import { W } from './fixtures';

const lane = (kind: LaneKind, i = 0): Lane => ({ id: `l${i}`, workshop_id: W, position: i, kind, title: kind });
const word = (key: string, positive: boolean, own = false): Feeling => ({ key, word: key, positive, own });
const VOCAB = [word('welcomed', true), word('relieved', true), word('frustrated', false), word('ignored', false), word('rushed', false)];

describe('addableKinds', () => {
  it('offers text and images always, the other kinds only while absent', () => {
    const builtIn = (['touchpoint', 'channels', 'pain_points', 'opportunities', 'notes'] as const).map(lane);
    expect(addableKinds(builtIn)).toEqual(['text', 'images', 'feelings', 'metrics']);
    expect(addableKinds([...builtIn, lane('feelings'), lane('text'), lane('text')])).toEqual(['text', 'images', 'metrics']);
    expect(addableKinds([])).toEqual(['text', 'images', 'feelings', 'metrics', 'touchpoint', 'channels', 'pain_points', 'opportunities', 'notes']);
  });

  it('offers nothing once the map is full', () => {
    expect(addableKinds(Array.from({ length: LIMITS.lanes }, (_, i) => lane('text', i)))).toEqual([]);
  });
});

describe('cells and switches', () => {
  it('finds a lane’s cell at a stage', () => {
    const cells = [{ id: 'c1', workshop_id: W, lane_id: 'l1', stage_id: 's1', text: 'hi', image_id: null, created_at: '' }];
    expect(cellOf(cells, 'l1', 's1')?.text).toBe('hi');
    expect(cellOf(cells, 'l1', 's2')).toBeUndefined();
  });

  it('finds channel switches as core does: the next stage uses none of the channels before it', () => {
    const stages = [
      { id: 'a', channels: ['Web'] },
      { id: 'b', channels: ['web', 'Chat'] }, // shares "web" (case-insensitive): no switch
      { id: 'c', channels: ['Phone'] }, // switch b → c
      { id: 'd', channels: [] }, // nothing to switch to
      { id: 'e', channels: ['Desk'] }, // nothing before: no switch
    ];
    const switches = channelSwitches(stages);
    expect(switches).toEqual([{ from_stage_id: 'b', to_stage_id: 'c', from: ['web', 'Chat'], to: ['Phone'] }]);
    expect(switchInto(switches, 'c')?.from_stage_id).toBe('b');
    expect(switchInto(switches, 'b')).toBeUndefined();
  });
});

describe('feelings', () => {
  const felt = (...pairs: [string, number][]) => pairs.map(([key, count]) => ({ key, count }));

  it('disagree when most of what was felt has the other tone, as core decides', () => {
    expect(disagrees(['welcomed'], felt(['relieved', 2], ['rushed', 1]), VOCAB)).toBe(false);
    expect(disagrees(['welcomed'], felt(['ignored', 2], ['welcomed', 1]), VOCAB)).toBe(true);
    expect(disagrees(['welcomed'], felt(['ignored', 1], ['welcomed', 1]), VOCAB)).toBe(false);
    expect(disagrees([], felt(['ignored', 3]), VOCAB)).toBe(false);
    expect(disagrees(['welcomed'], [], VOCAB)).toBe(false);
  });

  it('choose up to three designed feelings, and unchoose any', () => {
    expect(toggleDesigned([], 'welcomed')).toEqual(['welcomed']);
    expect(toggleDesigned(['a', 'b', 'c'], 'd')).toBeNull();
    expect(toggleDesigned(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
  });

  it('group by tone, name keys and notice a word already there', () => {
    const { positive, negative } = byTone(VOCAB);
    expect(positive.map((f) => f.key)).toEqual(['welcomed', 'relieved']);
    expect(negative.map((f) => f.key)).toEqual(['frustrated', 'ignored', 'rushed']);
    expect(feelingWord([{ key: 'x1', word: 'Kiireinen', positive: false, own: true }], 'x1')).toBe('Kiireinen');
    expect(feelingWord(VOCAB, 'gone')).toBe('gone');
    expect(hasWord(VOCAB, '  Frustrated ')).toBe(true);
    expect(hasWord(VOCAB, 'calm')).toBe(false);
  });
});

describe('figures', () => {
  it('are written as facilitators write them, in both languages', () => {
    expect(formatFigure('nps', 20, 'en')).toBe('NPS +20');
    expect(formatFigure('nps', -12.5, 'en')).toBe('NPS -12.5');
    expect(formatFigure('nps', 0, 'en')).toBe('NPS 0');
    expect(formatFigure('csat', 62.5, 'en')).toBe('CSAT 62.5 %');
    expect(formatFigure('csat', 62.5, 'fi')).toBe('CSAT 62,5 %');
    expect(formatFigure('ces', 5, 'en')).toBe('CES 5.0');
    expect(formatFigure('ces', 4.25, 'fi')).toMatch(/^CES 4,[23]$/);
  });

  it('are checked against the scales before they are sent', () => {
    expect(figureProblem('nps', 20, 12)).toBeNull();
    expect(figureProblem('nps', -101, 12)).toBe('value');
    expect(figureProblem('csat', 100.5, 12)).toBe('value');
    expect(figureProblem('ces', 0.5, 12)).toBe('value');
    expect(figureProblem('ces', 7, 12)).toBeNull();
    expect(figureProblem('ces', NaN, 12)).toBe('value');
    expect(figureProblem('nps', 10, 0)).toBe('n');
    expect(figureProblem('nps', 10, 2.5)).toBe('n');
    expect(figureProblem('nps', 10, 5, 'x'.repeat(LIMITS.figure_source + 1))).toBe('source');
  });

  it('flag a small n below SMALL_N answers', () => {
    expect(isSmallN(12)).toBe(true);
    expect(isSmallN(29)).toBe(true);
    expect(isSmallN(30)).toBe(false);
  });

  it('read numbers typed either way', () => {
    expect(parseNumber('62,5')).toBe(62.5);
    expect(parseNumber(' -20 ')).toBe(-20);
    expect(parseNumber('\u221220')).toBe(-20);
    expect(parseNumber('+7')).toBe(7);
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('12a')).toBeNaN();
  });

  it('pick a stage’s scored questions and survey figures', () => {
    const q = (id: string, kind: QuestionResult['question']['kind'], stage_id: string | null): QuestionResult => ({
      question: { id, workshop_id: W, kind, prompt: id, stage_id, options: [], status: 'open', created_at: '' },
      n: 0,
      figure: null,
      counts: [],
      words: [],
      texts: [],
    });
    const questions = [q('a', 'nps', 's1'), q('b', 'open', 's1'), q('c', 'ces', 's2'), q('d', 'csat', null), q('e', 'csat', 's1')];
    expect(questionsOfStage(questions, 's1').map((x) => x.question.id)).toEqual(['a', 'e']);
    const f = (id: string, kind: StageFigure['kind'], created_at: string, stage_id = 's1'): StageFigure => ({ id, workshop_id: W, stage_id, kind, value: 1, n: 1, source: '', created_at });
    const figures = [f('x', 'ces', '1'), f('y', 'nps', '2'), f('z', 'nps', '1'), f('w', 'csat', '1', 's2')];
    expect(figuresOfStage(figures, 's1').map((x) => x.id)).toEqual(['z', 'y', 'x']);
  });
});
