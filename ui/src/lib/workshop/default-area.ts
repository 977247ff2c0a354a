// The area a workshop opens on. A module of its own because the library screen needs it, and
// importing areas.ts would pull every area's code into the first screen's bundle (lib/lazy.ts).
import type { AreaId } from './areas';

export const DEFAULT_AREA: AreaId = 'journey';
