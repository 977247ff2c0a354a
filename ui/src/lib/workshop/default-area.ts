// The workshop's areas by id, and the one a workshop opens on. A module of its own because
// the first screen needs them (the library, the address of a place) and importing areas.ts
// would pull every area's code into its bundle (lib/lazy.ts); areas.ts lists the same ids with
// their components, in this order (areas.test.ts checks).

export const AREA_IDS = ['board', 'overview', 'journey', 'personas', 'room', 'voting'] as const;

export type AreaId = (typeof AREA_IDS)[number];

export function isAreaId(value: string): value is AreaId {
  return (AREA_IDS as readonly string[]).includes(value);
}

export const DEFAULT_AREA: AreaId = 'journey';
