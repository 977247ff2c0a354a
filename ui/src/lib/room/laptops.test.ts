import { describe, expect, it } from 'vitest';
import type { Conflict, Laptops } from '../backend/types';
import { VALUE_LENGTH, columnLines, isNamedTable, roleOf, valueText, wasDeleted } from './laptops';

const conflict = (lost: Record<string, unknown>, kept: Record<string, unknown>): Conflict => ({
  id: 1,
  table: 'notes',
  row_id: 'n1',
  lost,
  kept,
  at: '2026-01-01T10:00:00.000Z',
  restored: false,
});

describe('laptops', () => {
  it('names the role from the link, alone without one', () => {
    const base: Laptops = { site: 's', link: null, peers: [], conflicts: [] };
    expect(roleOf(null)).toBe('alone');
    expect(roleOf(base)).toBe('alone');
    const link = { workshop_id: 'w', hub_url: null, contact_at: null, queued: 0 };
    expect(roleOf({ ...base, link: { ...link, role: 'hub' } })).toBe('hub');
    expect(roleOf({ ...base, link: { ...link, role: 'satellite' } })).toBe('satellite');
  });

  it('shows values as text, cut when long, markup left as it is', () => {
    expect(valueText('<b>hi</b>')).toBe('<b>hi</b>');
    expect(valueText(3)).toBe('3');
    expect(valueText(null)).toBe('–');
    expect(valueText({ a: 1 })).toBe('{"a":1}');
    const long = valueText('x'.repeat(500));
    expect([...long]).toHaveLength(VALUE_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });

  it('lists the columns people know, and tells a delete from an edit', () => {
    const edited = conflict({ id: 'n1', workshop_id: 'w', text: 'mine' }, { text: 'theirs' });
    expect(columnLines(edited.lost)).toEqual([['text', 'mine']]);
    expect(wasDeleted(edited)).toBe(false);
    expect(wasDeleted(conflict({ text: 'gone' }, {}))).toBe(true);
  });

  it('knows which tables it names in words', () => {
    expect(isNamedTable('notes')).toBe(true);
    expect(isNamedTable('sync_log')).toBe(false);
  });
});
