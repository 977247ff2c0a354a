// Unit tests of the questions' pure logic: formatting figures, bars, word-cloud sizes, checks.
import { describe, expect, it } from 'vitest';
import { changeOf } from '../backend/fixtures';
import type { Answer, Question, QuestionKind, QuestionResult } from '../backend/types';
import { barsOf, canAsk, canMakeNotes, cleanOptions, cloudOf, featured, formatFigure, formatPercent, npsGroup, scoresOf, touchesQuestions } from './questions';

function question(kind: QuestionKind, extra: Partial<Question> = {}): Question {
  return { id: 'q1', workshop_id: 'w1', kind, prompt: 'How likely…', stage_id: null, options: [], status: 'open', created_at: '2026-01-01T10:00:00Z', ...extra };
}

function result(kind: QuestionKind, counts: number[], extra: Partial<Question> = {}): QuestionResult {
  const n = counts.reduce((a, b) => a + b, 0);
  return { question: question(kind, extra), n, figure: null, counts, words: [], texts: [] };
}

describe('formatFigure', () => {
  it('signs an NPS, with a true minus', () => {
    expect(formatFigure({ kind: 'nps', value: 20 }, 'en')).toBe('+20');
    expect(formatFigure({ kind: 'nps', value: 33.3 }, 'en')).toBe('+33.3');
    expect(formatFigure({ kind: 'nps', value: -20 }, 'en')).toBe('\u221220');
    expect(formatFigure({ kind: 'nps', value: 0 }, 'en')).toBe('0');
    expect(formatFigure({ kind: 'nps', value: 33.3 }, 'fi')).toBe('+33,3');
    expect(formatFigure({ kind: 'nps', value: -12.5 }, 'fi')).toBe('\u221212,5');
  });

  it('writes CSAT as a percentage and CES as a mean with one decimal', () => {
    expect(formatFigure({ kind: 'csat', value: 80 }, 'en')).toBe('80%');
    expect(formatFigure({ kind: 'csat', value: 66.7 }, 'fi')).toBe('66,7\u00a0%');
    expect(formatFigure({ kind: 'ces', value: 5 }, 'en')).toBe('5.0');
    expect(formatFigure({ kind: 'ces', value: 4.25 }, 'fi')).toMatch(/^4,[23]$/);
    expect(formatPercent(50, 'en')).toBe('50%');
  });
});

describe('scores and bars', () => {
  it('knows each scored kind’s scale', () => {
    expect(scoresOf('nps')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(scoresOf('csat')).toEqual([1, 2, 3, 4, 5]);
    expect(scoresOf('ces')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(scoresOf('open')).toEqual([]);
    expect(scoresOf('poll')).toEqual([]);
  });

  it('groups NPS scores', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsGroup)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  });

  it('draws a bar per score with its share and width', () => {
    const bars = barsOf(result('csat', [0, 1, 0, 1, 2]));
    expect(bars.map((b) => b.label)).toEqual(['1', '2', '3', '4', '5']);
    expect(bars.map((b) => b.count)).toEqual([0, 1, 0, 1, 2]);
    expect(bars[4].share).toBe(0.5);
    expect(bars[4].width).toBe(1);
    expect(bars[1].width).toBe(0.5);
    expect(bars[0].group).toBeNull();
  });

  it('draws a poll’s options, even with missing counts', () => {
    const bars = barsOf(result('poll', [2], { options: ['Sauna', 'Pool', 'Gym'] }));
    expect(bars.map((b) => [b.label, b.count])).toEqual([
      ['Sauna', 2],
      ['Pool', 0],
      ['Gym', 0],
    ]);
  });

  it('has no bars for open questions, and none fail without answers', () => {
    expect(barsOf(result('open', []))).toEqual([]);
    expect(barsOf(result('nps', [])).every((b) => b.count === 0 && b.width === 0 && b.share === 0)).toBe(true);
  });
});

describe('cloudOf', () => {
  it('sizes words by count, most used first and largest', () => {
    const cloud = cloudOf([
      { word: 'jono', count: 3 },
      { word: 'aamiainen', count: 1 },
      { word: 'odotus', count: 2 },
    ]);
    expect(cloud.map((w) => w.word)).toEqual(['jono', 'odotus', 'aamiainen']);
    expect(cloud[0].size).toBe(3.2);
    expect(cloud[2].size).toBe(1);
    expect(cloud[1].size).toBeGreaterThan(1);
    expect(cloud[1].size).toBeLessThan(3.2);
  });

  it('gives equal words a middle size, and keeps to the limit', () => {
    const words = Array.from({ length: 50 }, (_, i) => ({ word: `w${i}`, count: 1 }));
    const cloud = cloudOf(words, { limit: 10, min: 1, max: 3 });
    expect(cloud).toHaveLength(10);
    expect(new Set(cloud.map((w) => w.size))).toEqual(new Set([Math.round((1 + 2 * Math.sqrt(0.5)) * 100) / 100]));
    expect(cloudOf([])).toEqual([]);
  });
});

describe('featured and live changes', () => {
  it('features the open question, else the most recent one', () => {
    const a = result('nps', [], { id: 'a', status: 'closed' });
    const b = result('open', [], { id: 'b', status: 'open' });
    const c = result('poll', [], { id: 'c', status: 'closed' });
    expect(featured([a, b, c])?.question.id).toBe('b');
    expect(featured([a, c])?.question.id).toBe('c');
    expect(featured([])).toBeNull();
  });

  it('notices changes to questions and answers only', () => {
    const answer = { id: 'x' } as Answer;
    expect(touchesQuestions(changeOf('w1', 1, { answers: [answer] }))).toBe(true);
    expect(touchesQuestions(changeOf('w1', 1, {}, { questions: ['q1'] }))).toBe(true);
    expect(touchesQuestions(changeOf('w1', 1, {}))).toBe(false);
  });
});

describe('asking', () => {
  it('needs 2–8 non-empty options for a poll, nothing else for the rest', () => {
    expect(canAsk('nps', [])).toBe(true);
    expect(canAsk('poll', ['Sauna', '  '])).toBe(false);
    expect(canAsk('poll', ['Sauna', ' Pool '])).toBe(true);
    expect(canAsk('poll', Array.from({ length: 9 }, (_, i) => `o${i}`))).toBe(false);
    expect(cleanOptions([' a ', '', 'b'])).toEqual(['a', 'b']);
  });

  it('makes notes of open answers and polls with answers', () => {
    expect(canMakeNotes(result('open', [1]))).toBe(true);
    expect(canMakeNotes(result('poll', [0]))).toBe(false);
    expect(canMakeNotes(result('nps', [1]))).toBe(false);
  });
});
