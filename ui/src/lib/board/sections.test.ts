// The sections' grid as core lays it out, the drop hit-test and the vote dots.
import { describe, expect, it } from 'vitest';
import { note } from './fixtures';
import { cellOf, clampColumns, columnsForWidth, frameSize, noteCentre, readingOrder, relaidOut, sectionAt, sectionRect, voteDots } from './sections';

describe('the section grid', () => {
  it('puts cell i at (x+20 + (i % columns)·200, y+56 + ⌊i / columns⌋·140)', () => {
    const at = { x: 100, y: -40 };
    expect(cellOf(at, 3, 0)).toEqual({ x: 120, y: 16 });
    expect(cellOf(at, 3, 2)).toEqual({ x: 520, y: 16 });
    expect(cellOf(at, 3, 4)).toEqual({ x: 320, y: 156 });
    expect(cellOf(at, 0, 1)).toEqual({ x: 120, y: 156 });
  });

  it('frames its rows (a collapsed one a single row), and finds the columns of a width', () => {
    expect(frameSize(1, 1, false)).toEqual({ w: 220, h: 196 });
    expect(frameSize(2, 5, false)).toEqual({ w: 420, h: 56 + 3 * 120 + 2 * 20 + 20 });
    expect(frameSize(2, 5, true)).toEqual({ w: 420, h: 196 });
    expect(frameSize(3, 0, false).h).toBe(196);
    for (let c = 1; c <= 12; c++) expect(columnsForWidth(frameSize(c, 1, false).w)).toBe(c);
    expect(columnsForWidth(520)).toBe(3); // 2.5 columns rounds up
    expect(columnsForWidth(-500)).toBe(1);
    expect(columnsForWidth(99999)).toBe(12);
    expect(clampColumns(0)).toBe(1);
    expect(clampColumns(7.4)).toBe(7);
  });

  it('reads notes row by row and lays them out again in other columns, keeping the order', () => {
    const section = { x: 0, y: 0 };
    const members = [note('c', { x: 20, y: 196 }), note('b', { x: 220, y: 56 }), note('a', { x: 20, y: 56 })];
    expect(readingOrder(members).map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect([...relaidOut(section, members, 3)]).toEqual([
      ['a', { x: 20, y: 56 }],
      ['b', { x: 220, y: 56 }],
      ['c', { x: 420, y: 56 }],
    ]);
  });
});

describe('sectionAt', () => {
  const sections = [
    { id: 'big', rect: sectionRect({ x: 0, y: 0, width: 820, height: 600 }) },
    { id: 'small', rect: { x: 100, y: 100, w: 220, h: 196 } },
  ];

  it('is the smallest frame holding the point, or null', () => {
    expect(sectionAt(sections, { x: 50, y: 50 })).toBe('big');
    expect(sectionAt(sections, { x: 150, y: 150 })).toBe('small');
    expect(sectionAt(sections, { x: 900, y: 50 })).toBeNull();
    expect(sectionAt([], { x: 0, y: 0 })).toBeNull();
    expect(noteCentre({ x: 10, y: 20 })).toEqual({ x: 100, y: 80 });
  });
});

describe('voteDots', () => {
  it('a dot a vote up to five, then five and a plus', () => {
    expect(voteDots(0)).toEqual({ dots: 0, more: false });
    expect(voteDots(3)).toEqual({ dots: 3, more: false });
    expect(voteDots(5)).toEqual({ dots: 5, more: false });
    expect(voteDots(6)).toEqual({ dots: 5, more: true });
    expect(voteDots(-1)).toEqual({ dots: 0, more: false });
  });
});
