// The journey as the UI holds it (stages, personas, emotion points, ratings, the scale,
// the map's lanes and cells, feelings, figures, questions, channel switches), and the one
// way it changes: `applyJourneyChange`, used for the result of every
// operation and for every live event alike. Pure and immutable, like the board's.
import type {
  Change,
  ChannelSwitch,
  EmotionPoint,
  EmotionScale,
  EmotionVariant,
  Feeling,
  Journey,
  JourneyStage,
  Lane,
  LaneCell,
  Persona,
  QuestionResult,
  RatingSummary,
  StageFeelings,
  StageFigure,
} from '../backend/types';
import { channelSwitches, disagrees } from './lanes';

export interface JourneyState {
  workshopId: string;
  /** The highest revision applied. */
  revision: number;
  /** The revision of the snapshot (`get_journey`) this state started from. */
  base: number;
  scale: EmotionScale;
  /** By position. */
  stages: readonly JourneyStage[];
  /** By position. */
  personas: readonly Persona[];
  /** Keyed by `emotionKey(persona, stage, variant)`. */
  emotions: ReadonlyMap<string, EmotionPoint>;
  ratings: readonly RatingSummary[];
  /** The map's lanes, by position. */
  lanes: readonly Lane[];
  /** The cells of text and image lanes. */
  cells: readonly LaneCell[];
  /** The feelings vocabulary, in the workshop's language. */
  feelings: readonly Feeling[];
  /** Per stage, designed beside felt (the designed keys follow the stages held here). */
  stageFeelings: readonly StageFeelings[];
  figures: readonly StageFigure[];
  questions: readonly QuestionResult[];
  /** Channel switches between neighbouring stages (recomputed when the stages change). */
  switches: readonly ChannelSwitch[];
  undo: string | null;
  redo: string | null;
  /** The revision that last wrote each row since the snapshot (older changes never win). */
  touched: ReadonlyMap<string, number>;
  /** The revisions applied since the snapshot, to notice a missed one. */
  seen: ReadonlySet<number>;
}

export interface Applied {
  state: JourneyState;
  /** True when the change holds something this state cannot apply by itself: reload `get_journey`. */
  reload: boolean;
}

/** The keys of `Change` the journey applies, and those it may ignore (the board's). */
const APPLIED = new Set(['stages', 'personas', 'emotions', 'journey_settings']);
const IGNORED = new Set(['notes', 'clusters', 'participants']);
/**
 * Tables the journey shows but does not apply row by row: lanes and their cells, the
 * feelings vocabulary, figures, questions and answers, ratings (their summaries, felt
 * feelings and figures are computed by core). Any row of these means reload `get_journey`.
 */
export const RELOAD_TABLES: ReadonlySet<string> = new Set(['lanes', 'lane_cells', 'feelings', 'stage_figures', 'questions', 'answers', 'ratings']);
/** Steps that change something a `Change` does not carry (the workshop's scale). */
const RELOAD_STEPS = new Set(['set_emotion_scale']);

export const emotionKey = (personaId: string, stageId: string, variant: EmotionVariant): string =>
  `${personaId}|${stageId}|${variant}`;

const byPosition = <T extends { position: number; id: string }>(a: T, b: T) =>
  a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function journeyState(journey: Journey): JourneyState {
  return {
    workshopId: journey.workshop_id,
    revision: journey.revision,
    base: journey.revision,
    scale: journey.scale,
    stages: [...journey.stages].sort(byPosition),
    personas: [...journey.personas].sort(byPosition),
    emotions: new Map(journey.emotions.map((e) => [emotionKey(e.persona_id, e.stage_id, e.variant), e])),
    ratings: journey.ratings,
    lanes: [...(journey.lanes ?? [])].sort(byPosition),
    cells: journey.cells ?? [],
    feelings: journey.feelings ?? [],
    stageFeelings: journey.stage_feelings ?? [],
    figures: journey.figures ?? [],
    questions: journey.questions ?? [],
    switches: journey.switches ?? [],
    undo: journey.undo,
    redo: journey.redo,
    touched: new Map(),
    seen: new Set(),
  };
}

export function emptyJourneyState(workshopId: string): JourneyState {
  return journeyState({
    workshop_id: workshopId,
    revision: 0,
    scale: '-2..2',
    stages: [],
    personas: [],
    emotions: [],
    ratings: [],
    lanes: [],
    cells: [],
    feelings: [],
    stage_feelings: [],
    figures: [],
    questions: [],
    switches: [],
    undo: null,
    redo: null,
  });
}

function upsertSorted<T extends { id: string; position: number }>(
  list: readonly T[],
  upserted: readonly T[],
  deleted: readonly string[],
  newer: (id: string) => boolean,
  touch: (id: string) => void,
): readonly T[] {
  if (upserted.length === 0 && deleted.length === 0) return list;
  const map = new Map(list.map((x) => [x.id, x]));
  let changed = false;
  for (const row of upserted) {
    if (newer(row.id)) continue;
    map.set(row.id, row);
    touch(row.id);
    changed = true;
  }
  for (const id of deleted) {
    if (newer(id)) continue;
    changed = map.delete(id) || changed;
    touch(id);
  }
  return changed ? [...map.values()].sort(byPosition) : list;
}

/**
 * Applies one `Change`. Idempotent and safe in any order: changes for another workshop or
 * already in the snapshot are ignored; a row is only written when no newer revision wrote
 * it; emotion points of a removed stage or persona go with it; undo/redo labels come from
 * the newest change. Anything it cannot apply (ratings, the scale, unknown kinds) asks for
 * a reload.
 */
export function applyJourneyChange(state: JourneyState, change: Change): Applied {
  if (change.workshop_id !== state.workshopId) return { state, reload: false };
  if (!(change.revision > state.base)) return { state, reload: false };
  const rev = change.revision;
  const touched = new Map(state.touched);
  const newer = (id: string) => (touched.get(id) ?? state.base) > rev;
  const touch = (id: string) => touched.set(id, rev);
  const up = (change.upserted ?? {}) as Record<string, unknown[] | undefined>;
  const del = (change.deleted ?? {}) as Record<string, string[] | undefined>;

  let reload = change.reload === true;
  for (const key of new Set([...Object.keys(up), ...Object.keys(del)])) {
    if (APPLIED.has(key) || IGNORED.has(key)) continue;
    // RELOAD_TABLES and any table this UI does not know yet.
    if ((up[key]?.length ?? 0) > 0 || (del[key]?.length ?? 0) > 0) reload = true;
  }
  if ((change.undo && RELOAD_STEPS.has(change.undo)) || (change.redo && RELOAD_STEPS.has(change.redo))) {
    // The scale may have changed (a set_emotion_scale, or its undo/redo): the Change does not carry it.
    if (rev >= state.revision) reload = true;
  }

  const stages = upsertSorted(state.stages, (up.stages ?? []) as JourneyStage[], del.stages ?? [], newer, touch);
  const personas = upsertSorted(state.personas, (up.personas ?? []) as Persona[], del.personas ?? [], newer, touch);

  let emotions: Map<string, EmotionPoint> | null = null;
  const emotionMap = () => (emotions ??= new Map(state.emotions));
  const upEmotions = (up.emotions ?? []) as EmotionPoint[];
  const delEmotions = del.emotions ?? [];
  if (delEmotions.length > 0) {
    const gone = new Set(delEmotions.filter((id) => !newer(id)));
    for (const [key, point] of state.emotions) if (gone.has(point.id)) emotionMap().delete(key);
    for (const id of gone) touch(id);
  }
  for (const point of upEmotions) {
    if (newer(point.id)) continue;
    const key = emotionKey(point.persona_id, point.stage_id, point.variant);
    // At most one point per (persona, stage, variant): a new id for the same key replaces the old one.
    emotionMap().set(key, point);
    touch(point.id);
  }
  // Points of stages or personas that are gone go with them.
  if (stages !== state.stages || personas !== state.personas) {
    const stageIds = new Set(stages.map((s) => s.id));
    const personaIds = new Set(personas.map((p) => p.id));
    for (const [key, point] of emotions ?? state.emotions) {
      if (!stageIds.has(point.stage_id) || !personaIds.has(point.persona_id)) emotionMap().delete(key);
    }
  }

  // The workshop's journey settings (its emotion scale): not in docs/api.md yet, but sent.
  let scale = state.scale;
  for (const row of (up.journey_settings ?? []) as { id?: string; emotion_scale?: EmotionScale }[]) {
    const id = row.id ?? 'journey_settings';
    if (newer(id)) continue;
    if (row.emotion_scale === '-2..2' || row.emotion_scale === '-3..3' || row.emotion_scale === '1..10') scale = row.emotion_scale;
    touch(id);
  }

  // What core derives from the stages: the channel switches, and the designed side of the
  // feelings (and so whether felt and designed disagree).
  let switches = state.switches;
  let stageFeelings = state.stageFeelings;
  if (stages !== state.stages) {
    switches = channelSwitches(stages);
    stageFeelings = withDesigned(stageFeelings, stages, state.feelings);
  }

  const latest = rev >= state.revision;
  const seen = new Set(state.seen);
  seen.add(rev);
  const next: JourneyState = {
    ...state,
    scale,
    revision: Math.max(state.revision, rev),
    stages,
    personas,
    emotions: emotions ?? state.emotions,
    switches,
    stageFeelings,
    undo: latest ? change.undo : state.undo,
    redo: latest ? change.redo : state.redo,
    touched,
    seen,
  };
  return { state: next, reload };
}

/** The stages' designed feelings into `list` (stages with neither designed nor felt left out, in stage order). */
function withDesigned(list: readonly StageFeelings[], stages: readonly JourneyStage[], vocabulary: readonly Feeling[]): readonly StageFeelings[] {
  const old = new Map(list.map((f) => [f.stage_id, f]));
  const out: StageFeelings[] = [];
  for (const stage of stages) {
    const was = old.get(stage.id);
    const designed = stage.designed_feelings ?? [];
    const felt = was?.felt ?? [];
    if (designed.length === 0 && felt.length === 0) continue;
    out.push({ stage_id: stage.id, designed: [...designed], felt, raters: was?.raters ?? 0, disagrees: disagrees(designed, felt, vocabulary) });
  }
  return out;
}

/** True when some revision between the snapshot and the newest applied one never arrived. */
export function journeyHasGap(state: JourneyState): boolean {
  for (let r = state.base + 1; r <= state.revision; r++) if (!state.seen.has(r)) return true;
  return false;
}

/** How many emotion points (the rescaled ones) a `Change` holds. */
export function countEmotions(change: Change): number {
  return change.upserted?.emotions?.length ?? 0;
}

export function emotionOf(state: JourneyState, personaId: string, stageId: string, variant: EmotionVariant): EmotionPoint | undefined {
  return state.emotions.get(emotionKey(personaId, stageId, variant));
}

/** Sets one point locally (an optimistic value while the operation is on its way); `null` removes it. */
export function withLocalScore(
  state: JourneyState,
  personaId: string,
  stageId: string,
  variant: EmotionVariant,
  score: number | null,
  note?: string,
): JourneyState {
  const key = emotionKey(personaId, stageId, variant);
  const emotions = new Map(state.emotions);
  const old = emotions.get(key);
  if (score === null) emotions.delete(key);
  else
    emotions.set(key, {
      id: old?.id ?? `local:${key}`,
      workshop_id: state.workshopId,
      persona_id: personaId,
      stage_id: stageId,
      variant,
      score,
      note: note ?? old?.note ?? '',
      updated_at: old?.updated_at ?? new Date(0).toISOString(),
    });
  return { ...state, emotions };
}

/**
 * Whether `copy` (in any order, as the workshop shell keeps it) holds the same stages as
 * `stages` (in order), field for field: the journey hands the shell a fresh copy only when not.
 */
export function sameStages(copy: readonly JourneyStage[], stages: readonly JourneyStage[]): boolean {
  if (copy.length !== stages.length) return false;
  const sorted = [...copy].sort((a, b) => a.position - b.position);
  return stages.every((s, i) => sameStage(sorted[i], s));
}

function sameStage(a: JourneyStage, b: JourneyStage): boolean {
  return (
    a.id === b.id &&
    a.workshop_id === b.workshop_id &&
    a.position === b.position &&
    a.title === b.title &&
    a.description === b.description &&
    a.pain_points === b.pain_points &&
    a.opportunities === b.opportunities &&
    a.moment_of_truth === b.moment_of_truth &&
    a.explain_again === b.explain_again &&
    sameList(a.designed_feelings ?? [], b.designed_feelings ?? []) &&
    sameList(a.channels, b.channels)
  );
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
