// A persona's sections while the editor holds them (pure, unit-tested). The editor keeps a
// draft while someone is working in the sections: it may hold what is never saved (an empty
// list item just added, untrimmed text) and sections the backend has not named yet. Each
// section of a draft has a `key` of the editor's own, which outlives the id the backend
// gives a new section, so the fields being typed in are never rebuilt under the cursor.
import type { PersonaSection, PersonaSectionKind } from '../backend/types';

export type DraftSection = PersonaSection & { key?: string };

let made = 0;

/** A section not saved yet: an empty `id` asks the backend for a new one. */
export function newSection(kind: PersonaSectionKind, title: string): DraftSection {
  const id = '';
  const key = `new-${++made}`;
  switch (kind) {
    case 'text':
      return { id, key, kind, title, text: '' };
    case 'slider':
      return { id, key, kind, title, value: 3 };
    default:
      return { id, key, kind, title, items: [] };
  }
}

/** What the editor keys a section's elements by: its own key while it has one, else the id. */
export const sectionKey = (section: DraftSection): string => section.key ?? section.id;

/** The sections as they are saved: titles filled in, items trimmed, empty items left out, no keys. */
export function cleanSections(list: readonly DraftSection[], untitled: string): PersonaSection[] {
  return list.map((section) => {
    const { key: _key, ...s } = section;
    const title = s.title.trim() || untitled;
    if (s.kind === 'list' || s.kind === 'tags') return { ...s, title, items: s.items.map((i) => i.trim()).filter((i) => i !== '') };
    return { ...s, title };
  });
}

/**
 * The draft after a save: the new sections of `sent` (the draft that was saved) take the ids
 * the backend gave them in `saved`, matched by place (a save keeps the sections' order and
 * number), and those of `current` (the draft now, perhaps edited since) get them by key.
 */
export function adoptIds(current: readonly DraftSection[], sent: readonly DraftSection[], saved: readonly PersonaSection[]): DraftSection[] {
  const ids = new Map<string, string>();
  if (sent.length === saved.length) {
    sent.forEach((s, i) => {
      if (s.id === '' && s.key && s.kind === saved[i].kind) ids.set(s.key, saved[i].id);
    });
  }
  return current.map((s) => {
    const id = s.id === '' && s.key ? ids.get(s.key) : undefined;
    return id ? { ...s, id } : s;
  });
}

/**
 * Inserts an empty item into list section `index` of `list` at `at` (the end when omitted),
 * unless the section is full; returns where the item went, or -1.
 */
export function insertItem(list: DraftSection[], index: number, at: number | undefined, max: number): number {
  const s = list[index];
  if (!s || s.kind !== 'list' || s.items.length >= max) return -1;
  const place = Math.min(at ?? s.items.length, s.items.length);
  s.items.splice(place, 0, '');
  return place;
}
