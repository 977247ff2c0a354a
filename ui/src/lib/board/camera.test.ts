// The camera's notes' look: it follows every zoom at once, except a wheel or pinch zoom's,
// which it follows once the zooming pauses (meanwhile notes whose text it has shrunk too small
// are plain cards); and it is written only when it changes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoardCamera } from './camera.svelte';
import { noteLook } from './geometry';

describe('BoardCamera', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('takes the look of a zoom by the buttons or keys at once', () => {
    const camera = new BoardCamera('w');
    camera.cam = { tx: 0, ty: 0, scale: 1 };
    expect(camera.compact).toBe(false);
    camera.zoomBy(0.2);
    expect(camera.compact).toBe(true);
    const look = noteLook(0.2);
    expect(look.kind === 'compact' && [camera.textSize, camera.lines, camera.padX, camera.padY]).toEqual(
      look.kind === 'compact' && [look.size, look.lines, look.padX, look.padY],
    );
    expect(camera.far).toBe(true);
  });

  it('keeps the look through a wheel zoom and takes the new one when it pauses', () => {
    const camera = new BoardCamera('w');
    camera.cam = { tx: 0, ty: 0, scale: 1 };
    for (let i = 0; i < 10; i++) {
      camera.zoomBy(0.8, { x: 0, y: 0 }, true);
      vi.advanceTimersByTime(20);
    }
    expect(camera.cam.scale).toBeCloseTo(0.8 ** 10);
    expect(camera.compact).toBe(false);
    vi.advanceTimersByTime(200);
    expect(camera.compact).toBe(true);
    expect(camera.lines).toBe((noteLook(0.8 ** 10) as { lines: number }).lines);
  });

  it('takes the look at once when another move follows a wheel zoom', () => {
    const camera = new BoardCamera('w');
    camera.cam = { tx: 0, ty: 0, scale: 1 };
    camera.zoomBy(0.2, { x: 0, y: 0 }, true);
    expect(camera.compact).toBe(false);
    camera.pan(10, 0);
    expect(camera.compact).toBe(true);
  });

  it('draws notes as plain cards while a wheel zoom among compact notes is on its way', () => {
    const camera = new BoardCamera('w');
    camera.cam = { tx: 0, ty: 0, scale: 0.25 };
    expect([camera.compact, camera.cards]).toEqual([true, false]);
    camera.zoomBy(1.1, { x: 0, y: 0 }, true);
    expect(camera.cards).toBe(true);
    camera.zoomBy(0.5, { x: 0, y: 0 }, true);
    expect(camera.cards).toBe(true);
    // The zoom pauses: the look of its scale, with the text.
    vi.advanceTimersByTime(200);
    expect(camera.cards).toBe(false);
    // A zoom by the buttons or keys takes its look at once.
    camera.zoomBy(0.8);
    expect(camera.cards).toBe(false);
    // Among notes in full (few in view), the text stays.
    camera.cam = { tx: 0, ty: 0, scale: 1.5 };
    camera.zoomBy(0.9, { x: 0, y: 0 }, true);
    expect(camera.cards).toBe(false);
  });
});
