// The Room area's "Laptops" as pure functions: this laptop's role for a workshop, and a
// conflict's lost and kept columns as short lines of text. Free of Svelte and the backend so
// they are unit-tested directly (laptops.test.ts).
import type { Conflict, Laptops } from '../backend/types';

/** What this laptop is to the workshop: on its own, the hub others follow, or following one. */
export type LaptopRole = 'alone' | 'hub' | 'satellite';

export function roleOf(laptops: Laptops | null): LaptopRole {
  return laptops?.link?.role ?? 'alone';
}

/** The longest value shown in the conflict list: a photo's bytes or a long note stay readable. */
export const VALUE_LENGTH = 140;

/** Columns a person would not recognise, left out of the conflict list's lines. */
const HIDDEN = new Set(['id', 'workshop_id']);

/** One column's value as text: strings as they are, the rest as JSON, cut at VALUE_LENGTH. */
export function valueText(value: unknown): string {
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '–' : JSON.stringify(value);
  const chars = [...text];
  return chars.length > VALUE_LENGTH ? `${chars.slice(0, VALUE_LENGTH - 1).join('')}…` : text;
}

/** The columns of a conflict's side as `[column, value]` pairs, in the order core gave them. */
export function columnLines(columns: Conflict['lost'] | Conflict['kept']): [string, string][] {
  return Object.entries(columns ?? {})
    .filter(([name]) => !HIDDEN.has(name))
    .map(([name, value]) => [name, valueText(value)]);
}

/** Whether a conflict lost a whole row to a delete (core keeps nothing on the other side then). */
export function wasDeleted(conflict: Conflict): boolean {
  return Object.keys(conflict.kept ?? {}).length === 0;
}

/** The tables the list names in words; others show under their stored name. */
export const NAMED_TABLES = ['notes', 'clusters', 'stages', 'personas', 'emotions', 'lanes', 'lane_cells'] as const;
export type NamedTable = (typeof NAMED_TABLES)[number];

export function isNamedTable(table: string): table is NamedTable {
  return (NAMED_TABLES as readonly string[]).includes(table);
}
