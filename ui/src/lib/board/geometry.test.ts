import { describe, expect, it } from 'vitest';
import { note } from './fixtures';
import {
  GAP,
  NOTE_H,
  NOTE_W,
  ROW_LENGTH,
  boundsOf,
  centerOn,
  MIN_TEXT_PX,
  NOTE_TEXT,
  cull,
  fitCamera,
  fitInto,
  fitUncovered,
  intersects,
  noteLook,
  minTextSize,
  textShown,
  uncovered,
  nextFreeSlot,
  noteAt,
  notesInBox,
  panIntoView,
  rectFromPoints,
  renderArea,
  screenToWorld,
  slotPosition,
  snap,
  viewRect,
  worldToScreen,
  zoomAt,
  clampSize,
  noteRect,
  noteSize,
  steppedSize,
  NOTE_MAX,
  NOTE_MIN_H,
  NOTE_MIN_W,
  TEXT_SCALE,
} from './geometry';

describe('camera', () => {
  it('maps world to screen and back', () => {
    const cam = { tx: 100, ty: -50, scale: 2 };
    expect(worldToScreen(cam, { x: 10, y: 20 })).toEqual({ x: 120, y: -10 });
    expect(screenToWorld(cam, { x: 120, y: -10 })).toEqual({ x: 10, y: 20 });
    expect(viewRect(cam, 800, 600)).toEqual({ x: -50, y: 25, w: 400, h: 300 });
  });

  it('zooms about a point, which stays put, within the scale limits', () => {
    const cam = { tx: 30, ty: 40, scale: 1 };
    const at = { x: 300, y: 200 };
    const before = screenToWorld(cam, at);
    const zoomed = zoomAt(cam, 2, at);
    expect(zoomed.scale).toBe(2);
    const after = screenToWorld(zoomed, at);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    expect(zoomAt(cam, 1000, at).scale).toBe(3);
    expect(zoomAt(cam, 0, at).scale).toBe(0.05);
  });

  it('centres on a point', () => {
    const cam = centerOn({ tx: 0, ty: 0, scale: 0.5 }, { x: 1000, y: 1000 }, 800, 600);
    expect(worldToScreen(cam, { x: 1000, y: 1000 })).toEqual({ x: 400, y: 300 });
  });

  it('fits everything, never beyond the maximum scale', () => {
    const bounds = { x: 0, y: 0, w: 4000, h: 1000 };
    const cam = fitCamera(bounds, 1000, 600, 1);
    const view = viewRect(cam, 1000, 600);
    expect(view.x).toBeLessThanOrEqual(0);
    expect(view.x + view.w).toBeGreaterThanOrEqual(4000);
    expect(view.y).toBeLessThanOrEqual(0);
    expect(view.y + view.h).toBeGreaterThanOrEqual(1000);
    expect(fitCamera({ x: 0, y: 0, w: 10, h: 10 }, 1000, 600, 1).scale).toBe(1);
    // with a minimum scale, what does not fit starts at its top-left corner
    const min = fitCamera(bounds, 1000, 600, 1, 0.5);
    expect(min.scale).toBe(0.5);
    expect(screenToWorld(min, { x: 40, y: 40 }).x).toBe(0); // too wide: starts at the left
    expect(screenToWorld(min, { x: 500, y: 300 }).y).toBe(500); // fits in height: centred
    expect(fitCamera(null, 1000, 600).scale).toBe(1);
  });

  it('pans the least needed to show a rectangle', () => {
    const cam = { tx: 0, ty: 0, scale: 1 };
    expect(panIntoView(cam, { x: 100, y: 100, w: 180, h: 120 }, 800, 600)).toBe(cam);
    const right = panIntoView(cam, { x: 700, y: 100, w: 180, h: 120 }, 800, 600, 20);
    expect(right.tx).toBe(-100);
    expect(right.ty).toBe(0);
    const up = panIntoView(cam, { x: 100, y: -300, w: 180, h: 120 }, 800, 600, 20);
    expect(up.ty).toBe(320);
  });
});

describe('culling', () => {
  const grid = Array.from({ length: 100 * 50 }, (_, i) => note(`n${i}`, { x: (i % 100) * 200, y: Math.floor(i / 100) * 140 }));

  it('keeps only the notes that intersect the area, in order', () => {
    const area = { x: 0, y: 0, w: 1000, h: 500 };
    const shown = cull(grid, area);
    // columns 0–4 (x 0..800 start inside; 1000 starts at the edge, excluded), rows 0–3 (y 0..420)
    expect(shown.length).toBe(5 * 4);
    expect(shown[0].id).toBe('n0');
    for (const n of shown) {
      expect(n.x + NOTE_W).toBeGreaterThan(area.x);
      expect(n.x).toBeLessThan(area.x + area.w);
      expect(n.y).toBeLessThan(area.y + area.h);
    }
  });

  it('includes notes that only partly overlap the area', () => {
    const shown = cull([note('edge', { x: -150, y: -100 }), note('out', { x: -181, y: 0 })], { x: 0, y: 0, w: 100, h: 100 });
    expect(shown.map((n) => n.id)).toEqual(['edge']);
  });

  it('renders far fewer than 5,000 notes for a normal view, all of them when zoomed out', () => {
    const view = viewRect({ tx: -3000, ty: -2000, scale: 1 }, 1440, 900);
    const area = renderArea(null, view);
    const shown = cull(grid, area);
    expect(shown.length).toBeGreaterThan(20);
    expect(shown.length).toBeLessThan(400);
    const all = viewRect(fitCamera(boundsOf(grid), 1440, 900, 1), 1440, 900);
    expect(cull(grid, renderArea(null, all)).length).toBe(5000);
  });

  it('keeps the render area while the view stays inside it, renews it otherwise', () => {
    const view = { x: 0, y: 0, w: 1000, h: 600 };
    const area = renderArea(null, view);
    expect(area).toEqual({ x: -500, y: -300, w: 2000, h: 1200 });
    expect(renderArea(area, { ...view, x: 300, y: 200 })).toBe(area);
    const moved = renderArea(area, { ...view, x: 600 });
    expect(moved).not.toBe(area);
    expect(moved.x).toBe(100);
    // zoomed far in: the old area would render far too much
    expect(renderArea(area, { x: 0, y: 0, w: 100, h: 60 })).toEqual({ x: -50, y: -30, w: 200, h: 120 });
  });
});

describe('hit-testing', () => {
  const notes = [note('a', { x: 0, y: 0 }), note('b', { x: 300, y: 0 }), note('c', { x: 0, y: 300 }), note('d', { x: 100, y: 50 })];

  it('selects the notes a marquee touches, dragged in any direction', () => {
    expect(notesInBox(notes, rectFromPoints({ x: -10, y: -10 }, { x: 20, y: 20 }))).toEqual(['a']);
    expect(notesInBox(notes, rectFromPoints({ x: 350, y: 100 }, { x: 10, y: 10 })).sort()).toEqual(['a', 'b', 'd']);
    expect(notesInBox(notes, rectFromPoints({ x: 200, y: 200 }, { x: 290, y: 290 }))).toEqual([]);
  });

  it('a box that only touches an edge does not select', () => {
    expect(notesInBox(notes, { x: NOTE_W, y: 200, w: 50, h: 50 })).toEqual([]);
  });

  it('finds the topmost note under a point', () => {
    expect(noteAt(notes, { x: 150, y: 60 })?.id).toBe('d');
    expect(noteAt(notes, { x: 10, y: 10 })?.id).toBe('a');
    expect(noteAt(notes, { x: 250, y: 250 })).toBeNull();
  });
});

describe('placing the next note', () => {
  const origin = { x: 100, y: 40 };

  it('goes right, then wraps to a new row', () => {
    expect(slotPosition(origin, 0)).toEqual(origin);
    expect(slotPosition(origin, 1)).toEqual({ x: 100 + NOTE_W + GAP, y: 40 });
    expect(slotPosition(origin, ROW_LENGTH)).toEqual({ x: 100, y: 40 + NOTE_H + GAP });
    expect(slotPosition(origin, ROW_LENGTH + 2)).toEqual({ x: 100 + 2 * (NOTE_W + GAP), y: 40 + NOTE_H + GAP });
  });

  it('skips slots that notes already cover', () => {
    const taken = [note('a', { ...slotPosition(origin, 0) }), note('b', { ...slotPosition(origin, 1) }), note('c', { x: 520, y: 60 })];
    expect(nextFreeSlot(origin, 0, taken)).toEqual({ index: 3, position: slotPosition(origin, 3) });
    expect(nextFreeSlot(origin, 4, taken).index).toBe(4);
    expect(nextFreeSlot(origin, 0, []).index).toBe(0);
  });

  it('ten notes typed in a row make two rows of five', () => {
    const placed: { x: number; y: number }[] = [];
    let index = -1;
    for (let i = 0; i < 10; i++) {
      const slot = nextFreeSlot(origin, index + 1, placed);
      placed.push(slot.position);
      index = slot.index;
    }
    expect(new Set(placed.map((p) => p.y)).size).toBe(2);
    expect(placed.filter((p) => p.y === 40)).toHaveLength(5);
  });

  it('snaps coordinates to whole units within the API range', () => {
    expect(snap(12.6)).toBe(13);
    expect(snap(-2e9)).toBe(-1_000_000);
  });
});

describe('fitting around what floats over the canvas', () => {
  const screenRect = (cam: { tx: number; ty: number; scale: number }, r: { x: number; y: number; w: number; h: number }) => ({
    x: r.x * cam.scale + cam.tx,
    y: r.y * cam.scale + cam.ty,
    w: r.w * cam.scale,
    h: r.h * cam.scale,
  });

  it('fits into a part of the viewport', () => {
    const cam = fitInto({ x: 0, y: 0, w: 100, h: 100 }, { x: 200, y: 100, w: 300, h: 300 }, 1, 0.05, 0);
    expect(screenRect(cam, { x: 0, y: 0, w: 100, h: 100 })).toEqual({ x: 300, y: 200, w: 100, h: 100 });
  });

  it('finds the parts no cover overlaps', () => {
    const map = { x: 780, y: 450, w: 200, h: 130 };
    const parts = uncovered(1000, 600, [map]);
    expect(parts).toContainEqual({ x: 0, y: 0, w: 1000, h: 450 });
    expect(parts).toContainEqual({ x: 0, y: 0, w: 780, h: 600 });
    for (const r of parts) expect(intersects(r, map)).toBe(false);
    expect(uncovered(1000, 600, [])).toEqual([{ x: 0, y: 0, w: 1000, h: 600 }]);
    // Covers outside the viewport change nothing.
    expect(uncovered(1000, 600, [{ x: 0, y: -80, w: 1000, h: 60 }])).toEqual([{ x: 0, y: 0, w: 1000, h: 600 }]);
  });

  it('keeps every note off the minimap, the zoom buttons and a toolbar', () => {
    const covers = [
      { x: 0, y: 0, w: 1440, h: 56 }, // a floating toolbar
      { x: 12, y: 850, w: 260, h: 38 }, // zoom buttons
      { x: 1228, y: 758, w: 200, h: 130 }, // minimap
    ];
    for (const bounds of [
      { x: 0, y: 0, w: 4000, h: 3000 },
      { x: -500, y: 0, w: 6000, h: 400 },
      { x: 0, y: 0, w: 300, h: 5000 },
      { x: 100, y: 100, w: 180, h: 120 },
    ]) {
      const cam = fitUncovered(bounds, 1440, 900, covers);
      const shown = screenRect(cam, bounds);
      for (const c of covers) expect(intersects(shown, c), JSON.stringify({ bounds, c })).toBe(false);
      expect(shown.x).toBeGreaterThanOrEqual(0);
      expect(shown.x + shown.w).toBeLessThanOrEqual(1440);
    }
  });

  it('without covers is fitCamera', () => {
    const bounds = { x: 10, y: 20, w: 3000, h: 1000 };
    expect(fitUncovered(bounds, 1000, 600, [])).toEqual(fitCamera(bounds, 1000, 600));
    expect(fitUncovered(null, 1000, 600, [{ x: 0, y: 0, w: 1000, h: 100 }]).scale).toBe(1);
  });
});

describe('noteLook', () => {
  it('draws notes in full while their text is at least 11 px on screen', () => {
    expect(noteLook(1)).toEqual({ kind: 'full' });
    expect(noteLook(MIN_TEXT_PX / NOTE_TEXT)).toEqual({ kind: 'full' });
    expect(noteLook(0.78).kind).toBe('compact');
  });

  it('keeps compact text at 11 px or more on screen, in few steps, with the lines that fit', () => {
    const sizes = new Set<number>();
    for (let scale = 0.05; scale < 0.78; scale *= 1.01) {
      const look = noteLook(scale);
      if (look.kind !== 'compact') throw new Error('compact');
      const screen = look.size * scale;
      expect(screen).toBeGreaterThanOrEqual(MIN_TEXT_PX - 1e-9);
      expect(screen).toBeLessThan(MIN_TEXT_PX * 1.2);
      // The lines shown fit the note; a single line needs only its text's height to.
      if (look.lines > 1) expect(look.lines * screen * 1.2).toBeLessThanOrEqual(NOTE_H * scale);
      if (look.lines === 1) expect(screen).toBeLessThanOrEqual(NOTE_H * scale);
      sizes.add(look.size);
    }
    expect(sizes.size).toBeLessThan(20);
    expect(noteLook(0.5)).toMatchObject({ size: 22, lines: 4, padX: 6, padY: 6 });
    // One line while its text fits the note, with the padding down what is left; then none.
    const single = noteLook(0.11);
    expect(single).toMatchObject({ lines: 1 });
    if (single.kind === 'compact') expect(single.padY).toBeLessThan(single.padX);
    expect(noteLook(0.05)).toMatchObject({ lines: 0 });
  });

  it('is exactly the same throughout a step, so zooming within one restyles nothing', () => {
    for (let scale = 0.05; scale < 0.78; scale *= 1.01) {
      const look = noteLook(scale);
      const next = noteLook(scale * 1.003);
      if (look.kind === 'compact' && next.kind === 'compact' && next.size === look.size) expect(next).toEqual(look);
    }
  });
});

describe('textShown', () => {
  it('shows the text of a look fitted to its scale, at every zoom', () => {
    for (let scale = 0.02; scale < 3; scale *= 1.01) expect(textShown(noteLook(scale), scale)).toBe(true);
  });

  it('hides compact text a zoom out has shrunk under 11 px on screen, until the look is fitted again', () => {
    const look = noteLook(0.25);
    expect(textShown(look, 0.25 * 1.5)).toBe(true);
    expect(textShown(look, 0.25 * 0.95)).toBe(false);
    expect(textShown(look, 0.05)).toBe(false);
    // Text in full keeps at least 11 px on screen by its own minimum size, whatever the zoom.
    expect(textShown(noteLook(1), 0.1)).toBe(true);
  });

  it('draws cards while a zoom that shows or leaves compact notes is on its way', () => {
    const compact = noteLook(0.25);
    expect(textShown(compact, 0.25 * 1.5, true)).toBe(false);
    expect(textShown(compact, 0.25, true)).toBe(false);
    expect(textShown(noteLook(1), 0.2, true)).toBe(false);
    // In full on both sides, the few notes in view keep their text.
    expect(textShown(noteLook(1), 0.9, true)).toBe(true);
  });
});

describe('minTextSize', () => {
  it('keeps every text size of a note in full at 11 px or more on screen, and is 0 where none needs it', () => {
    for (let scale = MIN_TEXT_PX / NOTE_TEXT; scale < 2; scale *= 1.01) {
      const min = minTextSize(scale);
      for (const k of Object.values(TEXT_SCALE)) expect(Math.max(NOTE_TEXT * k, min) * scale).toBeGreaterThanOrEqual(MIN_TEXT_PX - 1e-9);
    }
    // The smallest text size is 11.9 board units: from a scale of 11 / 11.9 on, nothing needs it.
    expect(minTextSize(0.8)).toBeCloseTo(MIN_TEXT_PX / 0.8);
    expect(minTextSize(0.93)).toBe(0);
    expect(minTextSize(1)).toBe(0);
    expect(minTextSize(2)).toBe(0);
  });
});

describe('note sizes', () => {
  it('a loose note is drawn at its own size, one in a section at the standard cell', () => {
    expect(noteSize(note('a', { width: 300, height: 200 }))).toEqual({ w: 300, h: 200 });
    expect(noteSize(note('a', { width: 300, height: 200, cluster_id: 'g' }))).toEqual({ w: NOTE_W, h: NOTE_H });
    expect(noteSize({})).toEqual({ w: NOTE_W, h: NOTE_H });
  });

  it('sizes are kept within core’s limits, in whole units', () => {
    expect(clampSize({ w: 10, h: 10 })).toEqual({ w: NOTE_MIN_W, h: NOTE_MIN_H });
    expect(clampSize({ w: 9000, h: 800.4 })).toEqual({ w: NOTE_MAX, h: NOTE_MAX });
    expect(clampSize({ w: 200.6, h: 99.4 })).toEqual({ w: 201, h: 99 });
  });

  it('a step grows or shrinks by a fifth, within the limits', () => {
    expect(steppedSize({ w: 180, h: 120 }, 1)).toEqual({ w: 216, h: 144 });
    expect(steppedSize({ w: 180, h: 120 }, -1)).toEqual({ w: 150, h: 100 });
    expect(steppedSize({ w: 700, h: 90 }, 1)).toEqual({ w: NOTE_MAX, h: 108 });
    expect(steppedSize({ w: 130, h: 85 }, -1)).toEqual({ w: NOTE_MIN_W, h: NOTE_MIN_H });
  });

  it('hit-testing, the marquee, bounds and culling use the drawn size', () => {
    const big = note('big', { x: 0, y: 0, width: 400, height: 300 });
    const grouped = note('g', { x: 0, y: 0, width: 400, height: 300, cluster_id: 'c' });
    expect(noteAt([big], { x: 390, y: 290 })?.id).toBe('big');
    expect(noteAt([grouped], { x: 390, y: 290 })).toBeNull();
    expect(notesInBox([big, grouped], { x: 300, y: 250, w: 10, h: 10 })).toEqual(['big']);
    expect(boundsOf([big])).toEqual({ x: 0, y: 0, w: 400, h: 300 });
    expect(cull([big, grouped], { x: 250, y: 200, w: 100, h: 50 }).map((n) => n.id)).toEqual(['big']);
    expect(noteRect(big, { x: 10, y: 20 })).toEqual({ x: 10, y: 20, w: 400, h: 300 });
  });

  it('text sizes scale the standard text', () => {
    expect(TEXT_SCALE).toEqual({ s: 0.85, m: 1, l: 1.35 });
  });
});
