// The pointer state machine and the drop rule, without a page.
import { describe, expect, it } from 'vitest';
import { note } from './fixtures';
import { DRAG_THRESHOLD, Pointer, dropPatches, dropTargets, landing, sizedBy, type Drag, type Move, type Press, type PressTarget } from './gestures';
import { NOTE_MAX, NOTE_MIN_H, NOTE_MIN_W } from './geometry';

const cam = { tx: 0, ty: 0, scale: 1 };
const press = (target: PressTarget, over: Partial<Press> = {}): Press => ({
  pointerId: 1,
  point: { x: 10, y: 10 },
  button: 0,
  additive: false,
  spaceHeld: false,
  target,
  ...over,
});
const set = (...ids: string[]) => new Set(ids);
const ids = (s: ReadonlySet<string> | undefined) => (s ? [...s].sort() : s);
const noteAt = (id: string) => ({ kind: 'note', id }) as const;

describe('pressing', () => {
  it('on a note selects just it, focuses it and starts a drag', () => {
    const p = new Pointer();
    const effect = p.down(press(noteAt('a')), set('b'), cam);
    expect(ids(effect.selected)).toEqual(['a']);
    expect(effect).toMatchObject({ focus: 'target', capture: true });
    expect(p.gesture).toMatchObject({ kind: 'drag', cluster: null, clickId: null });
  });

  it('with Shift adds a note to the selection, or takes a selected one out without dragging', () => {
    const p = new Pointer();
    expect(ids(p.down(press(noteAt('a'), { additive: true }), set('b'), cam).selected)).toEqual(['a', 'b']);
    const p2 = new Pointer();
    const effect = p2.down(press(noteAt('b'), { additive: true }), set('a', 'b'), cam);
    expect(ids(effect.selected)).toEqual(['a']);
    expect(effect.capture).toBeUndefined();
    expect(p2.active).toBe(false);
  });

  it('inside a selection keeps it for a drag, and selects just the note on a click', () => {
    const p = new Pointer();
    const down = p.down(press(noteAt('a')), set('a', 'b'), cam);
    expect(down.selected).toBeUndefined();
    const up = p.up(1, { x: 11, y: 10 }, cam, null);
    expect(ids(up.selected)).toEqual(['a']);
    expect(up).toMatchObject({ drag: null, release: true });
  });

  it('on a cluster title selects its notes and drags the cluster', () => {
    const p = new Pointer();
    const effect = p.down(press({ kind: 'title', clusterId: 'k', ids: ['a', 'b'], collapsed: false }), set(), cam);
    expect(ids(effect.selected)).toEqual(['a', 'b']);
    expect(p.gesture).toMatchObject({ kind: 'drag', cluster: 'k' });
    expect(p.move(1, { x: 30, y: 10 }, cam, () => []).drag).toMatchObject({ dx: 20, dy: 0, section: 'k' });
  });

  it('on a collapsed cluster’s title selects none of its hidden notes (so Delete has none), and still drags the cluster', () => {
    const p = new Pointer();
    const effect = p.down(press({ kind: 'title', clusterId: 'k', ids: ['a', 'b'], collapsed: true }), set('c'), cam);
    expect(ids(effect.selected)).toEqual([]);
    expect(effect).toMatchObject({ focus: 'target', capture: true });
    const drag = p.move(1, { x: 30, y: 10 }, cam, () => []).drag!;
    expect(drag).toMatchObject({ dx: 20, dy: 0, section: 'k' });
    expect(ids(drag.ids)).toEqual([]);
    expect(p.up(1, { x: 30, y: 10 }, cam, drag).move).toEqual({ ids: set(), cluster: 'k', drag });
  });

  it('on a resize handle previews the width, commits it on release, and a cancel forgets it', () => {
    const p = new Pointer();
    expect(p.down(press({ kind: 'resize', clusterId: 'k', width: 420 }), set('a'), cam)).toEqual({ capture: true });
    expect(p.move(1, { x: 110, y: 40 }, { tx: 0, ty: 0, scale: 0.5 }, () => [])).toEqual({ resize: { id: 'k', width: 620 } });
    expect(p.up(1, { x: 60, y: 0 }, cam, null)).toEqual({ panning: false, release: true, resized: { id: 'k', width: 470 } });
    const q = new Pointer();
    q.down(press({ kind: 'resize', clusterId: 'k', width: 420 }), set(), cam);
    expect(q.cancel(1)).toMatchObject({ resize: null });
  });

  it('on the canvas clears the selection (not with Shift) and starts a marquee', () => {
    const p = new Pointer();
    const effect = p.down(press({ kind: 'canvas' }), set('a'), cam);
    expect(ids(effect.selected)).toEqual([]);
    expect(effect.focus).toBe('canvas');
    expect(new Pointer().down(press({ kind: 'canvas' }, { additive: true }), set('a'), cam).selected).toBeUndefined();
  });

  it('with the middle button, or Space held, pans; other buttons do nothing', () => {
    const p = new Pointer();
    expect(p.down(press(noteAt('a'), { button: 1 }), set(), cam)).toMatchObject({ panning: true, capture: true });
    expect(p.gesture?.kind).toBe('pan');
    expect(new Pointer().down(press({ kind: 'canvas' }, { spaceHeld: true }), set(), cam).panning).toBe(true);
    const right = new Pointer();
    expect(right.down(press(noteAt('a'), { button: 2 }), set(), cam)).toEqual({});
    expect(right.active).toBe(false);
  });
});

describe('moving and releasing', () => {
  it('pans the camera by what the pointer moved', () => {
    const p = new Pointer();
    p.down(press({ kind: 'canvas' }, { button: 1 }), set(), { tx: 5, ty: 5, scale: 2 });
    expect(p.move(1, { x: 40, y: 0 }, cam, () => [])).toEqual({ cam: { tx: 35, ty: -5, scale: 2 } });
  });

  it('drags only past the threshold, in board units at the camera’s scale', () => {
    const p = new Pointer();
    p.down(press(noteAt('a')), set(), cam);
    expect(p.move(1, { x: 10 + DRAG_THRESHOLD - 1, y: 10 }, cam, () => [])).toEqual({});
    const half = { tx: 0, ty: 0, scale: 0.5 };
    const effect = p.move(1, { x: 30, y: 20 }, half, () => []);
    expect(effect.drag).toMatchObject({ dx: 40, dy: 20 });
    expect(ids(effect.drag?.ids)).toEqual(['a']);
    const up = p.up(1, { x: 30, y: 20 }, half, effect.drag!);
    expect(up.move).toEqual({ ids: set('a'), cluster: null, drag: effect.drag });
    expect(up.drag).toBeUndefined(); // kept shown until the change arrives
  });

  it('selects what the marquee touches, added to what was selected with Shift', () => {
    const notes = [note('a', { x: 0, y: 0 }), note('b', { x: 400, y: 0 })];
    const p = new Pointer();
    p.down(press({ kind: 'canvas' }, { point: { x: -10, y: -10 }, additive: true }), set('c'), cam);
    const effect = p.move(1, { x: 50, y: 50 }, cam, () => notes);
    expect(effect.marquee).toEqual({ x: -10, y: -10, w: 60, h: 60 });
    expect(ids(effect.selected)).toEqual(['a', 'c']);
    expect(p.up(1, { x: 50, y: 50 }, cam, null)).toMatchObject({ marquee: null, release: true });
  });

  it('ignores other pointers, and a cancel ends the gesture with nothing committed', () => {
    const p = new Pointer();
    p.down(press(noteAt('a')), set(), cam);
    expect(p.move(2, { x: 90, y: 90 }, cam, () => [])).toEqual({});
    expect(p.up(2, { x: 90, y: 90 }, cam, null)).toEqual({});
    expect(p.cancel(1)).toEqual({ panning: false, drag: null, marquee: null, resize: null, sizing: null });
    expect(p.active).toBe(false);
  });
});

describe('dropPatches', () => {
  const a = note('a', { x: 0, y: 0 });
  const m1 = note('m1', { x: 520, y: 56, cluster_id: 'k' });
  const m2 = note('m2', { x: 720, y: 56, cluster_id: 'k' });
  const notes = new Map([a, m1, m2].map((n) => [n.id, n]));
  // Section k's frame as core keeps it; j a small one drawn inside it.
  const sections = [
    { id: 'k', rect: { x: 500, y: 0, w: 420, h: 196 } },
    { id: 'j', rect: { x: 880, y: 150, w: 220, h: 196 } },
  ];
  const move = (ids: string[], dx: number, dy: number): Move => ({ ids: set(...ids), cluster: null, drag: { ids: set(...ids), dx, dy } });

  it('moves the notes by whole units', () => {
    expect(dropPatches(notes, sections, move(['a'], 10.4, -5.6))).toEqual([{ id: 'a', x: 10, y: -6 }]);
  });

  it('a note whose centre lands in a frame joins that section, where it was let go', () => {
    expect(dropPatches(notes, sections, move(['a'], 600, 60))).toEqual([{ id: 'a', x: 600, y: 60, cluster_id: 'k' }]);
    // Its centre, not the pointer or its corner, decides: (530 + 90, -130 + 60) is above the frame.
    expect(dropPatches(notes, sections, move(['a'], 530, -130))).toEqual([{ id: 'a', x: 530, y: -130 }]);
  });

  it('the smallest frame holding the centre wins', () => {
    expect(dropPatches(notes, sections, move(['a'], 850, 150))).toEqual([{ id: 'a', x: 850, y: 150, cluster_id: 'j' }]);
  });

  it('a note let go outside every frame leaves its section; one moved inside its own stays', () => {
    expect(dropPatches(notes, sections, move(['m1'], 0, 600))).toEqual([{ id: 'm1', x: 520, y: 656, cluster_id: null }]);
    expect(dropPatches(notes, sections, move(['m2'], -200, 0))).toEqual([{ id: 'm2', x: 520, y: 56 }]);
    // Each note by its own centre: one of two dragged together leaves, the other stays.
    expect(dropPatches(notes, sections, move(['m1', 'm2'], 200, 50))).toEqual([
      { id: 'm1', x: 720, y: 106 },
      { id: 'm2', x: 920, y: 106, cluster_id: 'j' },
    ]);
  });

  it('is null when nothing changes', () => {
    expect(dropPatches(notes, sections, move(['a'], 0.3, -0.2))).toBeNull();
    expect(dropPatches(notes, sections, move(['gone'], 50, 50))).toBeNull();
    expect(dropPatches(notes, sections, move(['m1'], 0.4, 0))).toBeNull();
  });
});

describe('the drop rule while dragging', () => {
  const a = note('a', { x: 0, y: 0 });
  const b = note('b', { x: 0, y: 200 });
  const m = note('m', { x: 520, y: 56, cluster_id: 'k' });
  const notes = new Map([a, b, m].map((n) => [n.id, n]));
  const sections = [
    { id: 'k', rect: { x: 500, y: 0, w: 420, h: 196 } },
    { id: 'j', rect: { x: 880, y: 150, w: 220, h: 196 } },
  ];
  const drag = (ids: string[], dx: number, dy: number, section?: string): Drag => ({ ids: set(...ids), dx, dy, ...(section ? { section } : {}) });

  it('lands a note where the drop puts it: snapped whole units, in the section its centre is in', () => {
    expect(landing(a, sections, { dx: 600.4, dy: 59.6 })).toEqual({ at: { x: 600, y: 60 }, section: 'k' });
    expect(landing(a, sections, { dx: 850, dy: 150 })).toEqual({ at: { x: 850, y: 150 }, section: 'j' });
    expect(landing(m, sections, { dx: 0, dy: 600 })).toEqual({ at: { x: 520, y: 656 }, section: null });
  });

  it('lights the frames the dragged notes would be in if dropped now, each note by its own centre', () => {
    expect([...dropTargets(notes, sections, drag(['a'], 600, 60))]).toEqual(['k']);
    expect([...dropTargets(notes, sections, drag(['a'], 530, -130))]).toEqual([]);
    expect([...dropTargets(notes, sections, drag(['a', 'b'], 800, 0))].sort()).toEqual(['j', 'k']);
    // A note moved inside its own section stays in it: its frame is lit too.
    expect([...dropTargets(notes, sections, drag(['m'], 10, 0))]).toEqual(['k']);
    expect([...dropTargets(notes, sections, drag(['gone'], 600, 60))]).toEqual([]);
  });

  it('agrees with the drop: every lit frame is a section some dropped note ends up in', () => {
    for (const [dx, dy] of [[600, 60], [850, 150], [800, 0], [-400, 0], [380, 140.6]]) {
      const ids = ['a', 'b', 'm'];
      const patches = dropPatches(notes, sections, { ids: set(...ids), cluster: null, drag: drag(ids, dx, dy) }) ?? [];
      const joined = new Set(patches.map((p) => (p.cluster_id !== undefined ? p.cluster_id : notes.get(p.id)!.cluster_id)).filter((c) => c !== null));
      expect([...dropTargets(notes, sections, drag(ids, dx, dy))].sort()).toEqual([...joined].sort());
    }
  });

  it('lights nothing while a section is dragged by its title', () => {
    expect(dropTargets(notes, sections, drag(['m'], 600, 60, 'k')).size).toBe(0);
  });
});

describe('a loose note’s corner handle', () => {
  it('previews the size while dragged and commits it on release, within the limits', () => {
    const p = new Pointer();
    const down = p.down(press({ kind: 'size', id: 'a', size: { w: 180, h: 120 } }), set(), cam);
    expect(ids(down.selected)).toEqual(['a']);
    expect(p.move(1, { x: 110, y: 60 }, { ...cam, scale: 2 }, () => [])).toEqual({ sizing: { id: 'a', w: 230, h: 145 } });
    expect(p.up(1, { x: 110, y: 60 }, { ...cam, scale: 2 }, null)).toMatchObject({ sized: { id: 'a', w: 230, h: 145 }, release: true });
  });

  it('clamps to what core allows', () => {
    expect(sizedBy('a', { w: 180, h: 120 }, -500, -500, cam)).toEqual({ id: 'a', w: NOTE_MIN_W, h: NOTE_MIN_H });
    expect(sizedBy('a', { w: 180, h: 120 }, 5000, 5000, cam)).toEqual({ id: 'a', w: NOTE_MAX, h: NOTE_MAX });
  });

  it('a cancel drops the preview', () => {
    const p = new Pointer();
    p.down(press({ kind: 'size', id: 'a', size: { w: 180, h: 120 } }), set('a'), cam);
    expect(p.cancel(1)).toMatchObject({ sizing: null });
  });
});

describe('dropping a resized note', () => {
  it('takes its section by the centre of its drawn size', () => {
    const big = note('a', { x: 0, y: 0, width: 600, height: 400 });
    const sections = [{ id: 's', rect: { x: 250, y: 150, w: 200, h: 200 } }];
    const move: Move = { ids: set('a'), cluster: null, drag: { ids: set('a'), dx: 10, dy: 0 } };
    expect(dropPatches(new Map([['a', big]]), sections, move)).toEqual([{ id: 'a', x: 10, y: 0, cluster_id: 's' }]);
  });
});
