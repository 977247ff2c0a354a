import { describe, expect, it } from 'vitest';
import { placeBeside, type Box, type Size } from './placement';

const viewport: Size = { width: 1440, height: 900 };
const popover: Size = { width: 270, height: 200 };
const at = (x: number, y: number, r = 11): Box => ({ left: x - r, top: y - r, right: x + r, bottom: y + r });
const inside = (p: { left: number; top: number }, size: Size, view: Size, margin = 8) =>
  p.left >= margin && p.top >= margin && p.left + size.width <= view.width - margin && p.top + size.height <= view.height - margin;

describe('placeBeside', () => {
  it('goes right of the anchor and hangs down from just above it when there is room', () => {
    const p = placeBeside(at(400, 300), popover, viewport);
    expect(p).toEqual({ left: 419, top: 277, side: 'right', hang: 'down' });
  });

  it('flips above when the anchor is near the bottom of the window', () => {
    const p = placeBeside(at(400, 850), popover, viewport);
    expect(p.hang).toBe('up');
    expect(p.top + popover.height).toBe(850 + 11 + 12);
    expect(inside(p, popover, viewport)).toBe(true);
  });

  it('flips to the left when the anchor is near the right edge', () => {
    const p = placeBeside(at(1400, 300), popover, viewport);
    expect(p.side).toBe('left');
    expect(p.left + popover.width).toBe(1400 - 11 - 8);
    expect(inside(p, popover, viewport)).toBe(true);
  });

  it('flips both ways in the bottom-right corner', () => {
    const p = placeBeside(at(1420, 890), popover, viewport);
    expect([p.side, p.hang]).toEqual(['left', 'up']);
    expect(inside(p, popover, viewport)).toBe(true);
  });

  it('is pushed inside when neither side has room (a narrow or short window, an anchor off screen)', () => {
    const small: Size = { width: 300, height: 220 };
    for (const anchor of [at(150, 110), at(-50, 500), at(400, -40), at(150, 215)]) {
      const p = placeBeside(anchor, popover, small);
      expect(inside(p, popover, small), JSON.stringify(anchor)).toBe(true);
    }
  });

  it('keeps the top-left corner inside when the popover is larger than the window', () => {
    const p = placeBeside(at(100, 100), { width: 500, height: 500 }, { width: 320, height: 240 });
    expect([p.left, p.top]).toEqual([8, 8]);
  });

  it('stays inside the window for anchors anywhere in it', () => {
    for (let x = 0; x <= viewport.width; x += 60) {
      for (let y = 0; y <= viewport.height; y += 45) {
        const p = placeBeside(at(x, y), popover, viewport);
        expect(inside(p, popover, viewport), `${x},${y}`).toBe(true);
      }
    }
  });
});
