import { describe, expect, it } from 'vitest';
import { hashOf, isRouteHash, placeOf } from './route';
import { DEFAULT_AREA } from './workshop/default-area';

describe('the address of a place', () => {
  it('reads back every place it writes', () => {
    const places = [
      { name: 'library', view: 'library' },
      { name: 'library', view: 'trash' },
      { name: 'workshop', id: '0193b0c4-0000-7000-8000-000000000001', area: 'journey' },
      { name: 'workshop', id: 'odd id/with?signs#', area: 'room' },
    ] as const;
    for (const place of places) expect(placeOf(hashOf(place))).toEqual(place);
  });

  it('takes what is not a route, or an unknown area, as the library or the default area', () => {
    expect(placeOf('')).toEqual({ name: 'library', view: 'library' });
    expect(placeOf('#main')).toEqual({ name: 'library', view: 'library' });
    expect(placeOf('#token=abc')).toEqual({ name: 'library', view: 'library' });
    expect(placeOf('#/w/abc/nowhere')).toEqual({ name: 'workshop', id: 'abc', area: DEFAULT_AREA });
    expect(placeOf('#/w/abc')).toEqual({ name: 'workshop', id: 'abc', area: DEFAULT_AREA });
    expect(placeOf('#/w/%E0%A4%A')).toEqual({ name: 'library', view: 'library' });
    expect(isRouteHash('#main')).toBe(false);
    expect(isRouteHash('#/')).toBe(true);
  });
});
