// What the projector's board draws and how large: groups and notes, face-down notes as backs
// with nothing of their text, one group opened up, the fit into the window and when a note's
// text is readable.
import { describe, expect, it } from 'vitest';
import { group, note } from './fixtures';
import { MARGIN, MAX_SCALE, MIN_TEXT_PX, NOTE_H, NOTE_W, TEXT_H, VOTES_H, cardOf, faceDownCount, fitInto, linesAt, noteFont, onScreen, openHeight, sceneOf } from './scene';
import type { Cluster } from '../backend/types';

const groups = (...cs: Cluster[]) => new Map(cs.map((c) => [c.id, c]));

describe('sceneOf', () => {
  it('draws every group with its count and every loose or grouped note, bounding them all', () => {
    const g = group('g', { x: 0, y: 0, width: 420, height: 196, columns: 2 });
    const notes = [note('a', { x: 20, y: 56, cluster_id: 'g' }), note('b', { x: 220, y: 56, cluster_id: 'g' }), note('c', { x: -400, y: 300 })];
    const scene = sceneOf(notes, groups(g), null, null);
    expect(scene.groups).toEqual([{ id: 'g', title: 'group g', rect: { x: 0, y: 0, w: 420, h: 196 }, count: 2, collapsed: false }]);
    expect(scene.notes.map((n) => [n.id, n.text, n.votes])).toEqual([
      ['a', 'note a', 0],
      ['b', 'note b', 0],
      ['c', 'note c', 0],
    ]);
    expect(scene.bounds).toEqual({ x: -400, y: 0, w: 820, h: 420 });
  });

  it('draws a collapsed group as its stack, without the notes lying under it', () => {
    const g = group('g', { x: 0, y: 0, width: 420, height: 196, columns: 2, collapsed: true });
    const notes = [note('a', { x: 20, y: 56, cluster_id: 'g' }), note('b', { x: 220, y: 56, cluster_id: 'g' }), note('c', { x: 20, y: 196, cluster_id: 'g' })];
    const scene = sceneOf(notes, groups(g), null, null);
    expect(scene.groups[0]).toMatchObject({ collapsed: true, count: 3, rect: { h: 196 } });
    expect(scene.notes).toEqual([]);
    expect(scene.bounds).toEqual({ x: 0, y: 0, w: 420, h: 196 });
  });

  it('keeps nothing of a face-down note but its place, whatever the row carries', () => {
    const hidden = note('h', { hidden: true, text: 'Breakfast is awful', author_id: 'p1', image_id: 'img1', x: 5, y: 6, colour: 'red' });
    const scene = sceneOf([hidden], new Map(), { round_id: 'r', title: 'R', counts: [['h', 4]] }, null);
    expect(scene.notes).toEqual([{ id: 'h', x: 5, y: 6, w: NOTE_W, h: NOTE_H, textScale: 1, colour: 'red', text: null, image: null, votes: 0 }]);
    expect(JSON.stringify(scene)).not.toContain('Breakfast');
    expect(JSON.stringify(scene)).not.toContain('p1');
    expect(JSON.stringify(scene)).not.toContain('img1');
  });

  it('puts the revealed round’s votes on their notes', () => {
    const scene = sceneOf([note('a'), note('b')], new Map(), { round_id: 'r', title: 'R', counts: [['b', 3]] }, null);
    expect(scene.notes.map((n) => n.votes)).toEqual([0, 3]);
  });

  it('shows one group alone and opened up when it is the focus', () => {
    const g = group('g', { x: 0, y: 0, width: 220, height: 196, columns: 1, collapsed: true });
    const other = group('o', { x: 1000, y: 0 });
    const notes = [note('a', { x: 20, y: 56, cluster_id: 'g' }), note('b', { x: 20, y: 196, cluster_id: 'g' }), note('c', { x: 1020, y: 56, cluster_id: 'o' }), note('d', { x: -500 })];
    const scene = sceneOf(notes, groups(g, other), null, 'g');
    expect(scene.groups).toEqual([{ id: 'g', title: 'group g', rect: { x: 0, y: 0, w: 220, h: openHeight(2, 1) }, count: 2, collapsed: false }]);
    expect(scene.notes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(scene.bounds).toEqual({ x: 0, y: 0, w: 220, h: 336 });
  });

  it('shows the whole board when the focus names no group (it was removed)', () => {
    const scene = sceneOf([note('a')], groups(group('g')), null, 'gone');
    expect(scene.groups).toHaveLength(1);
    expect(scene.notes).toHaveLength(1);
  });

  it('has no bounds for an empty board', () => {
    expect(sceneOf([], new Map(), null, null).bounds).toBeNull();
  });
});

describe('openHeight', () => {
  it('is core’s frame: the title band, every row of notes with gaps, and the padding', () => {
    expect(openHeight(1, 1)).toBe(196);
    expect(openHeight(0, 3)).toBe(196);
    expect(openHeight(7, 3)).toBe(56 + 3 * 120 + 2 * 20 + 20);
  });
});

describe('faceDownCount', () => {
  it('counts the notes lying face down', () => {
    expect(faceDownCount([note('a'), note('b', { hidden: true }), note('c', { hidden: true })])).toBe(2);
    expect(faceDownCount([])).toBe(0);
  });
});

describe('fitInto', () => {
  it('fits the tighter side and centres the other, inside the margin', () => {
    const bounds = { x: 100, y: 50, w: 1000, h: 200 };
    const fit = fitInto(bounds, 1000 + 2 * MARGIN, 800 + 2 * MARGIN);
    expect(fit.scale).toBe(1);
    expect(onScreen(bounds, fit)).toEqual({ x: MARGIN, y: MARGIN + 300, w: 1000, h: 200 });
  });

  it('shrinks a large board and never blows up a small one past MAX_SCALE', () => {
    expect(fitInto({ x: 0, y: 0, w: 4000, h: 1000 }, 2000 + 2 * MARGIN, 1000).scale).toBe(0.5);
    const one = fitInto({ x: 0, y: 0, w: NOTE_W, h: NOTE_H }, 3000, 2000);
    expect(one.scale).toBe(MAX_SCALE);
    expect(onScreen({ x: 0, y: 0, w: NOTE_W, h: NOTE_H }, one).x).toBe((3000 - NOTE_W * MAX_SCALE) / 2);
  });

  it('stays finite and positive in a window not measured yet', () => {
    const fit = fitInto({ x: 0, y: 0, w: 500, h: 300 }, 0, 0);
    expect(fit.scale).toBeGreaterThan(0);
    expect(Number.isFinite(fit.x) && Number.isFinite(fit.y)).toBe(true);
  });
});

describe('linesAt', () => {
  // At 20 units a line holds floor(152 / 12) = 12 characters.
  it('wraps at spaces, keeps the writer’s line breaks and breaks a long word anywhere', () => {
    expect(linesAt('Queue', 20)).toBe(1);
    expect(linesAt('Breakfast is cold', 20)).toBe(2);
    expect(linesAt('one\ntwo', 20)).toBe(2);
    expect(linesAt('x'.repeat(25), 20)).toBe(3);
    expect(linesAt('ab ' + 'x'.repeat(12), 20)).toBe(2);
  });
});

describe('noteFont', () => {
  it('writes a short note large, a longer one smaller, so that it fits its card', () => {
    expect(noteFont('Queue')).toBe(24);
    const long = 'The sauna was cold on arrival and nobody knew when it would be warm again';
    const font = noteFont(long);
    expect(font).toBeLessThan(24);
    expect(linesAt(long, font) * font * 1.2).toBeLessThanOrEqual(TEXT_H);
  });

  it('fits in less room with smaller type', () => {
    const text = 'Check-in took forty minutes on a busy Friday night';
    expect(noteFont(text, TEXT_H - VOTES_H)).toBeLessThan(noteFont(text));
  });

  it('takes the smallest size when nothing fits', () => {
    expect(noteFont('word '.repeat(200))).toBe(12);
  });
});

describe('cardOf', () => {
  const shown = { id: 'a', x: 0, y: 0, w: NOTE_W, h: NOTE_H, textScale: 1, colour: 'yellow', image: null, votes: 0 };

  it('shows the text at its size while that is at least MIN_TEXT_PX on screen, in whole lines', () => {
    const scale = MIN_TEXT_PX / 24;
    expect(cardOf({ ...shown, text: 'Queue' }, scale)).toEqual({ kind: 'text', text: 'Queue', font: 24, lines: 3, votesHeight: 0, compact: false });
  });

  it('leaves room under a voted note’s text for its votes, readable too', () => {
    expect(cardOf({ ...shown, text: 'Queue', votes: 2 }, 1)).toMatchObject({ font: 24, lines: 2, votesHeight: VOTES_H, compact: false });
    // At 0.625 the count needs 14 / 0.625 × 1.2 = 26.88 units.
    expect(cardOf({ ...shown, text: 'Queue', votes: 2 }, 0.625)).toMatchObject({ font: 24, lines: 2, votesHeight: 27, compact: false });
  });

  it('below that, a compact card with one line at MIN_TEXT_PX on screen', () => {
    const card = cardOf({ ...shown, text: 'Queue' }, 0.25);
    expect(card).toEqual({ kind: 'text', text: 'Queue', font: MIN_TEXT_PX / 0.25, lines: 1, votesHeight: 0, compact: true });
  });

  it('a face-down note is a card back at any scale', () => {
    expect(cardOf({ ...shown, text: null }, 2)).toEqual({ kind: 'back' });
    expect(cardOf({ ...shown, text: null }, 0.1)).toEqual({ kind: 'back' });
  });

  it('a photo note shows its photo, with its caption under it while that is readable', () => {
    const photo = { ...shown, text: 'Flip chart', image: 'img1' };
    expect(cardOf(photo, 1)).toEqual({ kind: 'photo', image: 'img1', text: 'Flip chart', font: MIN_TEXT_PX, votesHeight: 0, caption: true });
    // Far out the caption would fill the card: the photo alone, the caption its alternative text.
    expect(cardOf(photo, 0.25)).toMatchObject({ kind: 'photo', image: 'img1', text: 'Flip chart', caption: false });
    expect(cardOf({ ...photo, votes: 3 }, 1)).toMatchObject({ kind: 'photo', votesHeight: VOTES_H });
  });

  it('keeps a photo note’s image as its own', () => {
    expect(sceneOf([note('p', { image_id: 'img1', text: 'Wall' })], new Map(), null, null).notes[0]).toMatchObject({ text: 'Wall', image: 'img1' });
  });
});

describe('sizes and text sizes', () => {
  it('a loose note is drawn at its own size, one in a group at the standard cell', () => {
    const g = group('g', { x: 0, y: 0, width: 220, height: 196 });
    const scene = sceneOf([note('a', { x: 500, y: 0, width: 400, height: 300, text_size: 'l' }), note('b', { x: 20, y: 56, cluster_id: 'g', width: 400, height: 300 })], groups(g), null, null);
    expect(scene.notes.map(({ id, w, h, textScale }) => ({ id, w, h, textScale }))).toEqual([
      { id: 'a', w: 400, h: 300, textScale: 1.35 },
      { id: 'b', w: NOTE_W, h: NOTE_H, textScale: 1 },
    ]);
    expect(scene.bounds).toEqual({ x: 0, y: 0, w: 900, h: 300 });
  });

  it('a large text size, or a large card, takes a larger type', () => {
    const card = { id: 'a', x: 0, y: 0, w: NOTE_W, h: NOTE_H, textScale: 1, colour: 'yellow', text: 'Queue', image: null, votes: 0 };
    const m = cardOf(card, 1);
    const l = cardOf({ ...card, textScale: 1.35 }, 1);
    const s = cardOf({ ...card, textScale: 0.85 }, 1);
    if (m.kind !== 'text' || l.kind !== 'text' || s.kind !== 'text') throw new Error('a text card');
    expect(l.font).toBeGreaterThan(m.font);
    expect(s.font).toBeLessThan(m.font);
    const long = 'Check-in took forty minutes on a busy Friday night and nobody said sorry';
    const small = cardOf({ ...card, text: long }, 1);
    const big = cardOf({ ...card, text: long, w: 500, h: 400 }, 1);
    if (small.kind !== 'text' || big.kind !== 'text') throw new Error('a text card');
    expect(big.font).toBeGreaterThan(small.font);
  });
});
