// Notes coming into view are built a budget per frame, nearest the view's middle first.
import { describe, expect, it } from 'vitest';
import { note } from './fixtures';
import { Mounter } from './mount';

/** A row of notes 200 units apart, n0 at x = 0. */
const row = (n: number) => Array.from({ length: n }, (_, i) => note(`n${i}`, { x: i * 200, y: 0 }));
const ids = (list: { id: string }[]) => list.map((n) => n.id);
const none = () => false;
/** Where n`i`'s middle is. */
const at = (i: number) => ({ x: i * 200 + 90, y: 60 });

describe('Mounter', () => {
  it('builds a first view whole', () => {
    const m = new Mounter(3);
    const notes = row(10);
    const step = m.step(notes, at(0), none, true);
    expect(step.list).toBe(notes);
    expect(step.waiting).toBe(0);
  });

  it('builds at most its budget of new notes a frame, nearest the middle first, in board order', () => {
    const m = new Mounter(3);
    const notes = row(10);
    const first = m.step(notes, at(6), none);
    expect(ids(first.list)).toEqual(['n5', 'n6', 'n7']);
    expect(first.waiting).toBe(7);
    // More steps in the same frame build nothing more.
    expect(ids(m.step(notes, at(6), none).list)).toEqual(['n5', 'n6', 'n7']);
    m.frame();
    const second = m.step(notes, at(6), none);
    // n3 and n9 lie as far from the middle: the one first on the board wins.
    expect(ids(second.list)).toEqual(['n3', 'n4', 'n5', 'n6', 'n7', 'n8']);
    expect(second.waiting).toBe(4);
    m.frame();
    m.step(notes, at(6), none);
    m.frame();
    const last = m.step(notes, at(6), none);
    expect(last.list).toBe(notes);
    expect(last.waiting).toBe(0);
  });

  it('builds a few new notes at once while the budget allows', () => {
    const m = new Mounter(3);
    const notes = row(4);
    m.step(notes.slice(0, 2), at(0), none, true);
    const step = m.step(notes, at(0), none);
    expect(step.list).toBe(notes);
    expect(step.spent).toBe(true);
    // The budget spent this frame holds later notes back until the next.
    const more = [...notes, ...row(8).slice(4)];
    expect(ids(m.step(more, at(0), none).list)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    m.frame();
    expect(m.step(more, at(0), none).list).toBe(more);
  });

  it('builds the notes the user acts on at once, beyond the budget', () => {
    const m = new Mounter(1);
    const notes = row(6);
    const step = m.step(notes, at(0), (id) => id === 'n5' || id === 'n4');
    expect(ids(step.list)).toEqual(['n0', 'n4', 'n5']);
    expect(step.waiting).toBe(3);
  });

  it('forgets the notes that left the view: they are new when they come back', () => {
    const m = new Mounter(2);
    const notes = row(4);
    m.step(notes, at(0), none, true);
    m.frame();
    expect(m.step(notes.slice(0, 1), at(0), none).list).toEqual(notes.slice(0, 1));
    const back = m.step(notes, at(3), none);
    expect(ids(back.list)).toEqual(['n0', 'n2', 'n3']);
    expect(back.waiting).toBe(1);
  });

  it('keeps a moved note built', () => {
    const m = new Mounter(1);
    const notes = row(3);
    m.step(notes, at(0), none, true);
    const moved = [notes[0], note('n1', { x: 5000, y: 0 }), notes[2]];
    expect(m.step(moved, at(0), none).list).toBe(moved);
  });

  it('holds: builds only the pinned notes while the card layer draws them, the rest after', () => {
    const m = new Mounter(3);
    const notes = row(4);
    m.step(notes.slice(0, 1), at(0), none, true);
    m.frame();
    const held = m.step(notes, at(0), (id) => id === 'n3', false, true);
    expect(ids(held.list)).toEqual(['n0', 'n3']);
    expect(held.waiting).toBe(2);
    expect(held.spent).toBe(false);
    const after = m.step(notes, at(0), none);
    expect(after.list).toBe(notes);
  });
});
