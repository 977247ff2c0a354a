// The journey map's lanes and experience model, as pure functions: which lane kinds can be
// added, the cell of a lane at a stage, channel switches and felt-versus-designed
// disagreement (the same rules as core), and how NPS/CSAT/CES figures are written and checked.
import {
  LIMITS,
  QUESTION_SCALES,
  SMALL_N,
  type ChannelSwitch,
  type Feeling,
  type FeltCount,
  type JourneyStage,
  type Lane,
  type LaneCell,
  type LaneKind,
  type QuestionKind,
  type QuestionResult,
  type StageFigure,
} from '../backend/types';
import type { Locale } from '../i18n/messages';

/** Every kind, in the order the "Add lane" menu lists them. */
export const LANE_KINDS = ['text', 'images', 'feelings', 'metrics', 'touchpoint', 'channels', 'pain_points', 'opportunities', 'notes'] as const satisfies readonly LaneKind[];
/** Kinds a journey may hold more than once (each lane has cells of its own). */
export const REPEATABLE_KINDS: ReadonlySet<LaneKind> = new Set(['text', 'images']);

/** The figures a stage can have: the scored question kinds. */
export type FigureKind = keyof typeof QUESTION_SCALES;
export const FIGURE_KINDS = ['nps', 'csat', 'ces'] as const satisfies readonly FigureKind[];

export const isFigureKind = (kind: QuestionKind): kind is FigureKind => kind in QUESTION_SCALES;

/** The kinds "Add lane" offers: text and images always, the others while the journey has none (nothing once full). */
export function addableKinds(lanes: readonly Pick<Lane, 'kind'>[]): LaneKind[] {
  if (lanes.length >= LIMITS.lanes) return [];
  const present = new Set(lanes.map((l) => l.kind));
  return LANE_KINDS.filter((k) => REPEATABLE_KINDS.has(k) || !present.has(k));
}

/** The message key naming a kind (the built-in ones share the old fixed lanes' names). */
export function kindLabelKey(kind: LaneKind) {
  return `lane_${kind}` as const;
}

/** The cell a text or image lane holds at a stage, if any. */
export function cellOf(cells: readonly LaneCell[], laneId: string, stageId: string): LaneCell | undefined {
  return cells.find((c) => c.lane_id === laneId && c.stage_id === stageId);
}

/**
 * The channel switches along `stages` (in journey order), as core computes them: the next
 * stage has channels, none of which the one before used (case-insensitive).
 */
export function channelSwitches(stages: readonly Pick<JourneyStage, 'id' | 'channels'>[]): ChannelSwitch[] {
  const out: ChannelSwitch[] = [];
  for (let i = 1; i < stages.length; i++) {
    const before = stages[i - 1].channels.map((c) => c.toLowerCase());
    const next = stages[i].channels;
    if (before.length === 0 || next.length === 0) continue;
    if (next.some((c) => before.includes(c.toLowerCase()))) continue;
    out.push({ from_stage_id: stages[i - 1].id, to_stage_id: stages[i].id, from: [...stages[i - 1].channels], to: [...next] });
  }
  return out;
}

/** The switch arriving at a stage (from the one before it), if any. */
export function switchInto(switches: readonly ChannelSwitch[], stageId: string): ChannelSwitch | undefined {
  return switches.find((s) => s.to_stage_id === stageId);
}

/**
 * Whether what was felt disagrees with what was designed, as core decides: fewer than half
 * of the felt picks are a designed feeling or share a designed feeling's tone. No designed
 * feelings, or nothing felt, never disagrees.
 */
export function disagrees(designed: readonly string[], felt: readonly FeltCount[], vocabulary: readonly Feeling[]): boolean {
  const tone = (key: string) => vocabulary.find((f) => f.key === key)?.positive;
  const tones = designed.map(tone).filter((t): t is boolean => t !== undefined);
  const picks = felt.reduce((sum, f) => sum + f.count, 0);
  if (designed.length === 0 || picks === 0) return false;
  const agreeing = felt
    .filter((f) => {
      if (designed.includes(f.key)) return true;
      const t = tone(f.key);
      return t !== undefined && tones.includes(t);
    })
    .reduce((sum, f) => sum + f.count, 0);
  return agreeing * 2 < picks;
}

/** Adds or removes a designed feeling; null when adding would pass the limit (three). */
export function toggleDesigned(designed: readonly string[], key: string): string[] | null {
  if (designed.includes(key)) return designed.filter((k) => k !== key);
  if (designed.length >= LIMITS.designed_feelings) return null;
  return [...designed, key];
}

/** The vocabulary split by tone, each in vocabulary order. */
export function byTone(vocabulary: readonly Feeling[]): { positive: Feeling[]; negative: Feeling[] } {
  return { positive: vocabulary.filter((f) => f.positive), negative: vocabulary.filter((f) => !f.positive) };
}

/** A feeling key's word (a key no longer in the vocabulary shows as itself). */
export function feelingWord(vocabulary: readonly Feeling[], key: string): string {
  return vocabulary.find((f) => f.key === key)?.word ?? key;
}

/** Whether a word is already in the vocabulary (case-insensitive, spaces folded). */
export function hasWord(vocabulary: readonly Feeling[], word: string): boolean {
  const w = word.trim().replace(/\s+/g, ' ').toLowerCase();
  return vocabulary.some((f) => f.word.toLowerCase() === w);
}

const FIGURE_NAMES: Record<FigureKind, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

/** A figure as facilitators write it: "NPS +20", "CSAT 62.5 %", "CES 5.0" (Finnish: "CSAT 62,5 %"). */
export function formatFigure(kind: FigureKind, value: number, locale: Locale): string {
  const tag = locale === 'fi' ? 'fi-FI' : 'en-GB';
  const name = FIGURE_NAMES[kind];
  if (kind === 'nps') {
    const n = new Intl.NumberFormat(tag, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value);
    return `${name} ${n}`;
  }
  if (kind === 'csat') return `${name} ${new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(value)} %`;
  return `${name} ${new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)}`;
}

/** Fewer answers than a figure can rest on. */
export const isSmallN = (n: number): boolean => n < SMALL_N;

export type FigureProblem = 'value' | 'n' | 'source';

/** What is wrong with a figure before it is sent (core checks again): the value's range, n ≥ 1, the source's length. */
export function figureProblem(kind: FigureKind, value: number, n: number, source = ''): FigureProblem | null {
  const [lo, hi] = QUESTION_SCALES[kind].figure;
  if (!Number.isFinite(value) || value < lo || value > hi) return 'value';
  if (!Number.isInteger(n) || n < 1) return 'n';
  if ([...source].length > LIMITS.figure_source) return 'source';
  return null;
}

/** Reads a number typed in either language ("62,5" or "62.5", a Unicode minus too); NaN when it is not one. */
export function parseNumber(text: string): number {
  const s = text.trim().replace(/\s/g, '').replace(/\u2212/g, '-').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return NaN;
  return Number(s);
}

/** The room's scored questions about a stage, with their figures (questions without answers have none). */
export function questionsOfStage(questions: readonly QuestionResult[], stageId: string): QuestionResult[] {
  return questions.filter((q) => q.question.stage_id === stageId && isFigureKind(q.question.kind));
}

/** The survey figures typed in for a stage, in NPS, CSAT, CES order, oldest first within a kind. */
export function figuresOfStage(figures: readonly StageFigure[], stageId: string): StageFigure[] {
  const order = (k: QuestionKind) => (FIGURE_KINDS as readonly string[]).indexOf(k);
  return figures
    .filter((f) => f.stage_id === stageId)
    .sort((a, b) => order(a.kind) - order(b.kind) || (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
}
