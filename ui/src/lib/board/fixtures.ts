// Test helpers: notes, clusters and changes with sensible defaults.
import { changeOf } from '../backend/fixtures';
import type { Change, Cluster, Note } from '../backend/types';

export const W = '0193b0c4-0000-7000-8000-00000000000a';

export function note(id: string, over: Partial<Note> = {}): Note {
  return {
    id,
    workshop_id: W,
    text: `note ${id}`,
    colour: 'yellow',
    x: 0,
    y: 0,
    cluster_id: null,
    stage_id: null,
    persona_id: null,
    author_id: null,
    created_at: '2026-11-23T07:00:00.000Z',
    updated_at: '2026-11-23T07:00:00.000Z',
    hidden: false,
    image_id: null,
    width: 180,
    height: 120,
    text_size: 'm',
    ...over,
  };
}

export function cluster(id: string, title = `cluster ${id}`, over: Partial<Cluster> = {}): Cluster {
  return {
    id,
    workshop_id: W,
    title,
    created_at: '2026-11-23T07:00:00.000Z',
    updated_at: '2026-11-23T07:00:00.000Z',
    x: 0,
    y: 0,
    width: 220,
    height: 196,
    columns: 1,
    collapsed: false,
    ...over,
  };
}

export function change(revision: number, over: Partial<Omit<Change, 'upserted' | 'deleted'>> & {
  notes?: Note[];
  clusters?: Cluster[];
  deletedNotes?: string[];
  deletedClusters?: string[];
} = {}): Change {
  return changeOf(
    over.workshop_id ?? W,
    revision,
    { notes: over.notes ?? [], clusters: over.clusters ?? [] },
    { notes: over.deletedNotes ?? [], clusters: over.deletedClusters ?? [] },
    { undo: over.undo ?? null, redo: over.redo ?? null, reload: over.reload ?? false },
  );
}
