import { describe, expect, it } from 'vitest';
import type { PersonaSection } from '../backend/types';
import { adoptIds, cleanSections, insertItem, newSection, sectionKey, type DraftSection } from './sections';

const list = (items: string[], id = 's1'): DraftSection => ({ id, kind: 'list', title: 'Habits', items });

describe('cleanSections', () => {
  it('saves trimmed items without the empty ones, a title for every section and no editor keys', () => {
    const draft: DraftSection[] = [list([' Early check-in ', '', 'Quiet room', '  ']), { id: '', key: 'k', kind: 'text', title: '  ', text: 'x' }];
    const clean = cleanSections(draft, 'Untitled');
    expect(clean).toEqual([
      { id: 's1', kind: 'list', title: 'Habits', items: ['Early check-in', 'Quiet room'] },
      { id: '', kind: 'text', title: 'Untitled', text: 'x' },
    ]);
    expect(clean.every((s) => !('key' in s))).toBe(true);
  });

  it('leaves the draft itself alone: the empty item being typed in stays in it', () => {
    const draft = [list(['Early check-in', ''])];
    cleanSections(draft, 'Untitled');
    expect(draft[0]).toEqual(list(['Early check-in', '']));
  });
});

describe('the draft kept through a save (Enter in a list item, then typing on)', () => {
  it('Enter adds an empty item after the one typed in, and it survives the save of the others', () => {
    const draft = [list(['Early check-in'])];
    expect(insertItem(draft, 0, 1, 20)).toBe(1);
    expect(draft[0]).toMatchObject({ items: ['Early check-in', ''] });
    const saved: PersonaSection[] = cleanSections(draft, 'Untitled');
    expect(saved[0]).toMatchObject({ items: ['Early check-in'] });
    // What the editor shows after the save: still the empty item, ready for the next words.
    expect(adoptIds(draft, draft, saved)[0]).toMatchObject({ items: ['Early check-in', ''] });
  });

  it('inserts in the middle, at the end without a place, and not past the limit', () => {
    const draft = [list(['a', 'b'])];
    expect(insertItem(draft, 0, 1, 20)).toBe(1);
    expect(insertItem(draft, 0, undefined, 20)).toBe(3);
    expect(draft[0]).toMatchObject({ items: ['a', '', 'b', ''] });
    expect(insertItem(draft, 0, undefined, 4)).toBe(-1);
    expect(insertItem([{ id: 't', kind: 'text', title: 'T', text: '' }], 0, undefined, 20)).toBe(-1);
  });

  it('a new section takes the id the backend gave it and keeps its key, so its fields are not rebuilt', () => {
    const fresh = newSection('list', 'Habits');
    const draft: DraftSection[] = [list(['a']), fresh];
    const key = sectionKey(fresh);
    const saved: PersonaSection[] = [list(['a']), { id: 'new-id', kind: 'list', title: 'Habits', items: [] }];
    const kept = adoptIds(draft, draft, saved);
    expect(kept[1].id).toBe('new-id');
    expect(sectionKey(kept[1])).toBe(key);
    expect(sectionKey(kept[0])).toBe('s1');
    // A second save of the kept draft names the section: no second copy is made.
    expect(cleanSections(kept, 'Untitled')[1].id).toBe('new-id');
  });

  it('every new section has a key of its own', () => {
    expect(sectionKey(newSection('text', 'a'))).not.toBe(sectionKey(newSection('text', 'a')));
  });

  it('names the new section in a draft edited while the save was on its way', () => {
    const fresh = newSection('list', 'List');
    const sent: DraftSection[] = [fresh];
    const saved: PersonaSection[] = [{ id: 'new-id', kind: 'list', title: 'List', items: [] }];
    // Meanwhile: the title typed over, and another new section added in front.
    const other = newSection('text', 'Notes');
    const current: DraftSection[] = [other, { ...fresh, title: 'Habits' }];
    const kept = adoptIds(current, sent, saved);
    expect(kept.map((s) => s.id)).toEqual(['', 'new-id']);
    expect(kept[1].title).toBe('Habits');
  });

  it('pairs nothing when what was saved does not match what was sent', () => {
    const fresh = newSection('text', 'a');
    expect(adoptIds([fresh], [fresh], [{ id: 'x', kind: 'list', title: 'a', items: [] }])[0].id).toBe('');
    expect(adoptIds([fresh], [fresh], [])[0].id).toBe('');
  });
});
