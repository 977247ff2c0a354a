// Test helpers: a Change lists every table's key, as the backend always sends them.
import { CHANGE_TABLES } from './generated';
import type { Change, ChangedIds, ChangedRows } from './types';

/** Every table of a `Change`, with no rows. */
export function emptyRows(): ChangedRows {
  return Object.fromEntries(CHANGE_TABLES.map((table) => [table, []])) as unknown as ChangedRows;
}

/** Every table of a `Change`, with no ids. */
export function emptyIds(): ChangedIds {
  return Object.fromEntries(CHANGE_TABLES.map((table) => [table, []])) as unknown as ChangedIds;
}

/** A change to `workshop_id` listing the given rows and ids (every other table empty). */
export function changeOf(
  workshop_id: string,
  revision: number,
  upserted: Partial<ChangedRows> = {},
  deleted: Partial<ChangedIds> = {},
  over: Partial<Pick<Change, 'undo' | 'redo' | 'reload'>> = {},
): Change {
  return {
    workshop_id,
    revision,
    upserted: { ...emptyRows(), ...upserted },
    deleted: { ...emptyIds(), ...deleted },
    undo: over.undo ?? null,
    redo: over.redo ?? null,
    reload: over.reload ?? false,
  };
}
