// The library cards' pictures: each workshop's thumbnail (an SVG core draws from its notes or
// stages), fetched when its card shows and kept until the workshop changes. Shown as an image
// from a data URL, never inserted as markup.
import { SvelteMap } from 'svelte/reactivity';
import { call } from '../api';
import type { WorkshopSummary } from '../backend/types';

const pictures = new SvelteMap<string, string>();
const asked = new Set<string>();

const keyOf = (workshop: Pick<WorkshopSummary, 'id' | 'updated_at'>) => `${workshop.id}@${workshop.updated_at}`;

/** The thumbnail as a data URL, or null until it has come (or when it could not be made). */
export function thumbnail(workshop: Pick<WorkshopSummary, 'id' | 'updated_at'>): string | null {
  const key = keyOf(workshop);
  const found = pictures.get(key);
  if (found !== undefined) return found;
  if (!asked.has(key)) {
    asked.add(key);
    call('workshop_thumbnail', { workshop_id: workshop.id })
      .then((svg) => pictures.set(key, `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => {
        // No picture is not worth a message: the card shows its words.
      });
  }
  return null;
}
