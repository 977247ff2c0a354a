// Questions from the room (NPS, CSAT, CES, open questions and polls) as pure functions: which
// question to feature, the figure as people read it ("+33.3", "80%"), the answer bars, the
// word cloud's sizes, and the checks before asking. Shared by the Room area and the presenter.
import { QUESTION_SCALES, LIMITS, type Change, type ChangedRows, type CloudWord, type Figure, type QuestionKind, type QuestionResult } from '../backend/types';

export const QUESTION_KINDS: readonly QuestionKind[] = ['nps', 'csat', 'ces', 'open', 'poll'];

/** The rows that change a question's results. */
export const QUESTION_TABLES = ['questions', 'answers'] as const satisfies readonly (keyof ChangedRows)[];

export type ScoredKind = keyof typeof QUESTION_SCALES;

export function isScored(kind: QuestionKind): kind is ScoredKind {
  return kind in QUESTION_SCALES;
}

/** The scores a scored kind is answered with, lowest first (none for open questions and polls). */
export function scoresOf(kind: QuestionKind): number[] {
  if (!isScored(kind)) return [];
  const [low, high] = QUESTION_SCALES[kind].scores;
  return Array.from({ length: high - low + 1 }, (_, i) => low + i);
}

/** Whether a live change touched questions or answers. */
export function touchesQuestions(change: Change): boolean {
  if (change.reload) return true;
  return QUESTION_TABLES.some((kind) => (change.upserted[kind]?.length ?? 0) > 0 || (change.deleted[kind]?.length ?? 0) > 0);
}

/** The question to show: the open one, else the most recent (results come oldest first). */
export function featured(results: readonly QuestionResult[]): QuestionResult | null {
  return results.find((r) => r.question.status === 'open') ?? results.at(-1) ?? null;
}

/** Typographic minus, as on a projected slide ("−20", not "-20"). */
const minus = (text: string) => text.replace(/-/g, '\u2212');

/** The figure as read aloud and projected: NPS signed ("+33.3"), CSAT a percentage, CES a mean. */
export function formatFigure(figure: Pick<Figure, 'kind' | 'value'>, locale: string): string {
  switch (figure.kind) {
    case 'nps':
      return minus(new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(figure.value));
    case 'csat':
      return formatPercent(figure.value, locale);
    default:
      return minus(new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(figure.value));
  }
}

/** A share in % (0–100) as the locale writes it: "80%" in English, "80 %" in Finnish. */
export function formatPercent(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

export type NpsGroup = 'detractor' | 'passive' | 'promoter';

export function npsGroup(score: number): NpsGroup {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

export interface Bar {
  /** A score, or a poll option (people's words: show as text). */
  label: string;
  count: number;
  /** Of all answers, 0–1. */
  share: number;
  /** Of the longest bar, 0–1: how wide to draw it. */
  width: number;
  group: NpsGroup | null;
}

/** The answers per score (lowest first) or per poll option; none for open questions. */
export function barsOf(result: Pick<QuestionResult, 'question' | 'counts' | 'n'>): Bar[] {
  const { kind, options } = result.question;
  const labels = kind === 'poll' ? options : scoresOf(kind).map(String);
  const counts = labels.map((_, i) => result.counts[i] ?? 0);
  const total = result.n > 0 ? result.n : counts.reduce((a, b) => a + b, 0);
  const most = Math.max(0, ...counts);
  return labels.map((label, i) => ({
    label,
    count: counts[i],
    share: total > 0 ? counts[i] / total : 0,
    width: most > 0 ? counts[i] / most : 0,
    group: kind === 'nps' ? npsGroup(Number(label)) : null,
  }));
}

export interface SizedWord extends CloudWord {
  /** Font size in em. */
  size: number;
}

/**
 * The word cloud: at most `limit` words, most used first, sized between `min` and `max` em by
 * the square root of their count (so one loud word does not drown the rest).
 */
export function cloudOf(words: readonly CloudWord[], { limit = 40, min = 1, max = 3.2 } = {}): SizedWord[] {
  const shown = [...words].sort((a, b) => b.count - a.count).slice(0, limit);
  if (shown.length === 0) return [];
  const high = shown[0].count;
  const low = shown[shown.length - 1].count;
  return shown.map((word) => {
    const t = high === low ? 0.5 : (word.count - low) / (high - low);
    return { ...word, size: Math.round((min + (max - min) * Math.sqrt(t)) * 100) / 100 };
  });
}

/** A poll's options as asked: trimmed, empty ones left out. */
export function cleanOptions(options: readonly string[]): string[] {
  return options.map((o) => o.trim()).filter((o) => o !== '');
}

export const MIN_POLL_OPTIONS = 2;
export const MAX_POLL_OPTIONS = LIMITS.poll_options;

/** Whether a question of `kind` with these options can be asked. */
export function canAsk(kind: QuestionKind, options: readonly string[]): boolean {
  if (kind !== 'poll') return true;
  const clean = cleanOptions(options);
  return clean.length >= MIN_POLL_OPTIONS && clean.length <= MAX_POLL_OPTIONS && clean.every((o) => o.length <= LIMITS.poll_option);
}

/** Whether "Make notes" has anything to put on the board. */
export function canMakeNotes(result: Pick<QuestionResult, 'question' | 'n'>): boolean {
  return (result.question.kind === 'open' || result.question.kind === 'poll') && result.n > 0;
}
