// The Room area's data as pure functions: applying live changes to the participant list and
// the room, and the small conversions the access panel needs (QR image, presenter address,
// port). Kept free of Svelte and of the backend so they are unit-tested directly.
import type { Change, Participant, ParticipantEntry, Room } from '../backend/types';

/** A participant row as a `Change` carries it (the stored row), perhaps with the list's fields. */
type ChangedParticipant = Omit<Participant, 'removed_at'> & Partial<Pick<ParticipantEntry, 'via_phone' | 'removed' | 'removed_at'>>;

export interface MergedParticipants {
  list: ParticipantEntry[];
  /** The change named someone the list cannot describe fully (how they joined): load it again. */
  reload: boolean;
}

function byJoining(a: ParticipantEntry, b: ParticipantEntry): number {
  return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Applies a change's participants (upserted and deleted) to the list, in joining order. */
export function mergeParticipants(list: readonly ParticipantEntry[], change: Change): MergedParticipants {
  const upserted = (change.upserted.participants ?? []) as ChangedParticipant[];
  const deleted = change.deleted.participants ?? [];
  if (upserted.length === 0 && deleted.length === 0) return { list: [...list], reload: false };
  const byId = new Map(list.map((p) => [p.id, p]));
  let reload = false;
  for (const row of upserted) {
    const known = byId.get(row.id);
    const removed =
      typeof row.removed === 'boolean' ? row.removed : 'removed_at' in row ? row.removed_at != null : (known?.removed ?? false);
    const viaPhone = typeof row.via_phone === 'boolean' ? row.via_phone : known?.via_phone;
    if (viaPhone === undefined) {
      // Someone new: how they joined is only in list_participants, so wait for it rather
      // than show them as added by hand for a moment.
      reload = true;
      continue;
    }
    byId.set(row.id, {
      id: row.id,
      workshop_id: row.workshop_id,
      name: row.name,
      role: row.role,
      created_at: row.created_at,
      removed_at: row.removed_at !== undefined ? row.removed_at : (known?.removed_at ?? null),
      via_phone: viaPhone ?? false,
      removed,
      face_down: known?.face_down ?? 0,
    });
  }
  for (const id of deleted) byId.delete(id);
  return { list: [...byId.values()].sort(byJoining), reload };
}

/** Those still in the room, and those removed (or who left). */
export function splitParticipants(list: readonly ParticipantEntry[]): { present: ParticipantEntry[]; removed: ParticipantEntry[] } {
  return { present: list.filter((p) => !p.removed), removed: list.filter((p) => p.removed) };
}

function isRoom(value: unknown): value is Room {
  const room = value as Room;
  return (
    typeof room === 'object' &&
    room !== null &&
    typeof room.brainstorm_open === 'boolean' &&
    typeof room.timer === 'object' &&
    room.timer !== null &&
    typeof room.timer.remaining_seconds === 'number'
  );
}

/**
 * The room of `workshopId` as a change leaves it: the upserted one, `'reload'` when the change
 * touched the room in a shape this UI does not know, or null when it did not touch it.
 */
export function roomFromChange(change: Change, workshopId: string): Room | 'reload' | null {
  if (change.workshop_id !== workshopId) return null;
  const rows = change.upserted.room ?? [];
  if (rows.length === 0) return null;
  const row = rows.find((r) => (r as Partial<Room>).workshop_id === workshopId) ?? rows[0];
  return isRoom(row) ? { ...row, workshop_id: workshopId } : 'reload';
}

/** The QR code's SVG as an `<img src>`: an image can run no script and reach no page. */
export function qrDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * Where a browser opens the presenter view: this page with `#presenter=<id>`, plus the access
 * token in the fragment (as token.ts reads it), since a new tab does not share this one's.
 */
export function presenterUrl(location: { origin: string; pathname: string; search: string }, token: string | null, workshopId: string): string {
  const params = new URLSearchParams();
  if (token) params.set('token', token);
  params.set('presenter', workshopId);
  return `${location.origin}${location.pathname}${location.search}#${params.toString()}`;
}

/** A typed port: undefined for "let Fiilis choose" (empty), null when it is not a port. */
export function parsePort(text: string): number | undefined | null {
  const value = text.trim();
  if (value === '') return undefined;
  if (!/^\d{1,5}$/.test(value)) return null;
  const port = Number(value);
  return port >= 1 && port <= 65_535 ? port : null;
}

/**
 * The join address as people type it from the projector: the laptop's address and port without
 * the long room token, which the room code stands in for (the phone page asks for it).
 */
export function typedAddress(joinUrl: string): string {
  try {
    const url = new URL(joinUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return joinUrl.split('#')[0].replace(/\/$/, '');
  }
}
