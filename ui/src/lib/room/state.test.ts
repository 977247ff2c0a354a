import { describe, expect, it } from 'vitest';
import { changeOf } from '../backend/fixtures';
import type { Change, ParticipantEntry, Room } from '../backend/types';
import { mergeParticipants, parsePort, presenterUrl, qrDataUri, roomFromChange, splitParticipants, typedAddress } from './state';

const W = 'w1';

function change(upserted: Partial<Change['upserted']> = {}, deleted: Partial<Change['deleted']> = {}, workshop = W): Change {
  return changeOf(workshop, 1, upserted, deleted);
}

const entry = (id: string, created: string, extra: Partial<ParticipantEntry> = {}): ParticipantEntry => ({
  id,
  workshop_id: W,
  name: id.toUpperCase(),
  role: 'customer',
  created_at: created,
  removed_at: null,
  via_phone: true,
  removed: false,
  face_down: 0,
  ...extra,
});

const room = (extra: Partial<Room> = {}): Room => ({
  workshop_id: W,
  brainstorm_open: true,
  notes_hidden: false,
  rating_open: true,
  rating_persona_id: null,
  timer: { status: 'stopped', duration_seconds: 0, remaining_seconds: 0, ends_at: null },
  ...extra,
});

describe('mergeParticipants', () => {
  const list = [entry('a', '2026-01-01T10:00:00.000Z'), entry('b', '2026-01-01T10:05:00.000Z', { via_phone: false })];

  it('marks a removed participant from the list shape', () => {
    const { list: next, reload } = mergeParticipants(list, change({ participants: [{ ...list[0], removed: true } as ParticipantEntry] }));
    expect(reload).toBe(false);
    expect(next.map((p) => [p.id, p.removed, p.via_phone])).toEqual([
      ['a', true, true],
      ['b', false, false],
    ]);
  });

  it('reads the stored removed_at shape too, keeping how they joined', () => {
    const row = { id: 'b', workshop_id: W, name: 'B', role: 'customer' as const, created_at: list[1].created_at, removed_at: '2026-01-01T11:00:00.000Z' };
    const { list: next, reload } = mergeParticipants(list, change({ participants: [row] }));
    expect(reload).toBe(false);
    expect(next.find((p) => p.id === 'b')).toMatchObject({ removed: true, via_phone: false });
  });

  it('waits for a reload before listing a newcomer whose way of joining it cannot tell', () => {
    const row = { id: 'c', workshop_id: W, name: null, role: 'employee' as const, created_at: '2026-01-01T10:02:00.000Z', removed_at: null };
    const { list: next, reload } = mergeParticipants(list, change({ participants: [row] }));
    expect(next.map((p) => p.id)).toEqual(['a', 'b']);
    expect(reload).toBe(true);
  });

  it('drops deleted ids and ignores a change without participants', () => {
    expect(mergeParticipants(list, change({}, { participants: ['a'] })).list.map((p) => p.id)).toEqual(['b']);
    const same = mergeParticipants(list, change());
    expect(same).toEqual({ list, reload: false });
    expect(same.list).not.toBe(list);
  });

  it('splits present from removed', () => {
    const { present, removed } = splitParticipants([entry('a', '1'), entry('b', '2', { removed: true })]);
    expect(present.map((p) => p.id)).toEqual(['a']);
    expect(removed.map((p) => p.id)).toEqual(['b']);
  });
});

describe('roomFromChange', () => {
  it('takes the upserted room of this workshop', () => {
    const next = room({ brainstorm_open: false });
    expect(roomFromChange(change({ room: [next] }), W)).toEqual(next);
  });

  it('is null for another workshop or a change without a room', () => {
    expect(roomFromChange(change({ room: [room()] }, {}, 'other'), W)).toBeNull();
    expect(roomFromChange(change(), W)).toBeNull();
  });

  it('asks for a reload when the row is not a Room', () => {
    const stored = { id: W, workshop_id: W, timer_status: 'running' } as unknown as Room;
    expect(roomFromChange(change({ room: [stored] }), W)).toBe('reload');
  });
});

describe('access helpers', () => {
  it('makes the QR SVG an image data URI, escaping everything markup could use', () => {
    const uri = qrDataUri('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1"/></svg>');
    expect(uri.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(uri).not.toMatch(/[<>"#]/);
    expect(decodeURIComponent(uri.slice(uri.indexOf(',') + 1))).toContain('<path d="M0 0h1"/>');
  });

  it('builds the presenter address with the token in the fragment', () => {
    const loc = { origin: 'http://127.0.0.1:8080', pathname: '/', search: '' };
    expect(presenterUrl(loc, 'abc123', 'w 1')).toBe('http://127.0.0.1:8080/#token=abc123&presenter=w+1');
    expect(presenterUrl(loc, null, 'w1')).toBe('http://127.0.0.1:8080/#presenter=w1');
    const params = new URLSearchParams(presenterUrl(loc, 't', 'w 1').split('#')[1]);
    expect(params.get('presenter')).toBe('w 1');
  });

  it('reads a port, or nothing for automatic', () => {
    expect(parsePort('')).toBeUndefined();
    expect(parsePort(' 8080 ')).toBe(8080);
    expect(parsePort('65535')).toBe(65_535);
    for (const bad of ['0', '65536', 'abc', '80.5', '-1', '123456']) expect(parsePort(bad), bad).toBeNull();
  });
});

describe('typedAddress', () => {
  it('leaves the room token out: the room code stands in for it', () => {
    expect(typedAddress(`http://192.168.1.23:8080/#room=${'ab'.repeat(32)}`)).toBe('http://192.168.1.23:8080');
    expect(typedAddress('http://[fe80::1]:9000/#room=x')).toBe('http://[fe80::1]:9000');
    expect(typedAddress('not a url#room=x')).toBe('not a url');
  });
});
