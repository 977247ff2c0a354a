// The board view's incremental derivations give what a full pass would, reusing what they can.
import { describe, expect, it } from 'vitest';
import { Frames, clusterMembers, visibleNotes } from './derive';
import { change, cluster, note, W } from './fixtures';
import { applyChange, boardState } from './state';

const start = () =>
  boardState({
    workshop_id: W,
    revision: 1,
    notes: [note('a', { x: 0, y: 0, cluster_id: 'k' }), note('b', { x: 300, y: 0, cluster_id: 'k' }), note('far', { x: 9000, y: 9000 })],
    clusters: [cluster('k')],
    participants: [],
    face_down: [],
    votes: null,
    undo: null,
    redo: null,
  });
const area = { x: -100, y: -100, w: 1000, h: 600 };
const ids = (list: { id: string }[]) => list.map((n) => n.id);

describe('visibleNotes', () => {
  it('culls, then updates a moved note in place without culling again', () => {
    const s0 = start();
    const v0 = visibleNotes(s0, area, null);
    expect(ids(v0.list)).toEqual(['a', 'b']);
    const s1 = applyChange(s0, change(2, { notes: [note('b', { x: 320, y: 10, cluster_id: 'k' })] }));
    const v1 = visibleNotes(s1, area, v0);
    expect(v1.list).not.toBe(v0.list);
    expect(v1.list[1]).toBe(s1.notes.get('b'));
    expect(v1.list[0]).toBe(v0.list[0]);
  });

  it('keeps the list when only notes out of view changed, and culls again when one enters', () => {
    const s0 = start();
    const v0 = visibleNotes(s0, area, null);
    const s1 = applyChange(s0, change(2, { notes: [note('far', { x: 9100, y: 9000 })] }));
    expect(visibleNotes(s1, area, v0).list).toBe(v0.list);
    const s2 = applyChange(s1, change(3, { notes: [note('far', { x: 100, y: 100 })] }));
    expect(ids(visibleNotes(s2, area, v0).list)).toEqual(['a', 'b', 'far']);
  });
});

describe('clusterMembers', () => {
  it('groups notes by cluster and keeps an untouched cluster’s array', () => {
    const s0 = start();
    const m0 = clusterMembers(s0, null);
    expect(ids(m0.members.get('k')!)).toEqual(['a', 'b']);
    const s1 = applyChange(s0, change(2, { notes: [note('far', { x: 1, y: 1 })] }));
    expect(clusterMembers(s1, m0).members.get('k')).toBe(m0.members.get('k'));
    const s2 = applyChange(s1, change(3, { notes: [note('far', { x: 1, y: 1, cluster_id: 'k' })] }));
    expect(ids(clusterMembers(s2, m0).members.get('k')!)).toEqual(['a', 'b', 'far']);
  });
});

describe('Frames', () => {
  const k = cluster('k', 'Breakfast', { x: -20, y: -56, width: 620, height: 196, columns: 3 });
  const clusters = new Map([['k', k]]);

  it('draws the frame core keeps, not one around the notes, and reuses it while unchanged', () => {
    const { members } = clusterMembers(start(), null);
    const frames = new Frames();
    const [f0] = frames.compute(clusters, members, area, null);
    expect(f0).toEqual({ id: 'k', title: 'Breakfast', count: 2, rect: { x: -20, y: -56, w: 620, h: 196 }, columns: 3, collapsed: false });
    expect(frames.compute(clusters, members, area, null)[0]).toBe(f0);
    expect(frames.compute(clusters, members, { x: 5000, y: 5000, w: 10, h: 10 }, null)).toEqual([]);
  });

  it('previews a section moved, or with other columns', () => {
    const { members } = clusterMembers(start(), null);
    const frames = new Frames();
    const [moved] = frames.compute(clusters, members, area, { id: 'k', dx: 50, dy: -10, columns: null });
    expect(moved.rect).toEqual({ x: 30, y: -66, w: 620, h: 196 });
    const [narrow] = frames.compute(clusters, members, area, { id: 'k', dx: 0, dy: 0, columns: 1 });
    expect(narrow).toMatchObject({ columns: 1, rect: { x: -20, y: -56, w: 220, h: 56 + 120 + 20 + 120 + 20 } });
  });

  it('a collapsed section keeps one row', () => {
    const { members } = clusterMembers(start(), null);
    const folded = new Map([['k', { ...k, collapsed: true }]]);
    const [f] = new Frames().compute(folded, members, area, { id: 'k', dx: 0, dy: 0, columns: 1 });
    expect(f).toMatchObject({ collapsed: true, rect: { h: 196 } });
  });
});
