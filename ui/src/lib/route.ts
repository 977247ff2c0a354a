// Where the app is, in the address: `#/` the library, `#/trash` the trash, `#/w/<id>/<area>`
// a workshop's area. F5 reloads to the same place, and the back button goes where the user
// was. Other fragments (`#token=…`, `#presenter=…`, `#main` of the skip link) are not routes.
import { DEFAULT_AREA, isAreaId, type AreaId } from './workshop/default-area';

export type Place = { name: 'library'; view: 'library' | 'trash' } | { name: 'workshop'; id: string; area: AreaId };

/** Whether `hash` names a place of the app (and so is the app's to follow). */
export function isRouteHash(hash: string): boolean {
  return hash.startsWith('#/');
}

/** The place a fragment names; the library for anything that is not a route. */
export function placeOf(hash: string): Place {
  if (!isRouteHash(hash)) return { name: 'library', view: 'library' };
  const parts = hash
    .slice(2)
    .split('/')
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return '';
      }
    });
  if (parts[0] === 'trash') return { name: 'library', view: 'trash' };
  if (parts[0] === 'w' && parts[1]) {
    const area = parts[2] ?? '';
    return { name: 'workshop', id: parts[1], area: isAreaId(area) ? area : DEFAULT_AREA };
  }
  return { name: 'library', view: 'library' };
}

/** The fragment of a place. */
export function hashOf(place: Place): string {
  if (place.name === 'workshop') return `#/w/${encodeURIComponent(place.id)}/${place.area}`;
  return place.view === 'trash' ? '#/trash' : '#/';
}
