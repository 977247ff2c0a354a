// Test helpers: stages, personas, emotion points, journeys and changes with sensible defaults.
import { changeOf } from '../backend/fixtures';
import type { Change, ChangedIds, ChangedRows, EmotionPoint, EmotionVariant, Journey, JourneyStage, Persona } from '../backend/types';

export const W = '0193b0c4-0000-7000-8000-00000000000b';
const TS = '2026-11-23T07:00:00.000Z';

export function stage(id: string, position: number, over: Partial<JourneyStage> = {}): JourneyStage {
  return {
    id,
    workshop_id: W,
    position,
    title: `Stage ${id}`,
    description: '',
    pain_points: '',
    opportunities: '',
    channels: [],
    moment_of_truth: false,
    designed_feelings: [],
    explain_again: false,
    ...over,
  };
}

export function persona(id: string, position: number, over: Partial<Persona> = {}): Persona {
  return {
    id,
    workshop_id: W,
    position,
    name: `Persona ${id}`,
    photo_id: null,
    avatar_colour: 'teal',
    age: '',
    occupation: '',
    quote: '',
    background: '',
    goals: '',
    needs: '',
    pains: '',
    expectations: '',
    channels: [],
    sections: [],
    created_at: TS,
    updated_at: TS,
    ...over,
  };
}

export function point(id: string, personaId: string, stageId: string, score: number, variant: EmotionVariant = 'current'): EmotionPoint {
  return { id, workshop_id: W, persona_id: personaId, stage_id: stageId, variant, score, note: '', updated_at: TS };
}

export function journey(over: Partial<Journey> = {}): Journey {
  return {
    workshop_id: W,
    revision: 10,
    scale: '-2..2',
    stages: [stage('s1', 0), stage('s2', 1), stage('s3', 2)],
    personas: [persona('p1', 0), persona('p2', 1)],
    emotions: [point('e1', 'p1', 's1', 1), point('e2', 'p2', 's2', -1)],
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
    ...over,
  };
}

/** Any table's rows: tests of what a change touches may list bare rows. */
type Rows = { [K in keyof ChangedRows]?: unknown[] };

export function change(
  revision: number,
  upserted: Rows = {},
  deleted: Partial<ChangedIds> = {},
  over: Partial<Pick<Change, 'undo' | 'redo' | 'workshop_id' | 'reload'>> = {},
): Change {
  return { ...changeOf(W, revision, upserted as Partial<ChangedRows>, deleted, { undo: 'update_stage' }), ...over };
}
