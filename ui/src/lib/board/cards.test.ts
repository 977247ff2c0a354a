// The card layer: what a note looks like as a card, and what the canvas is told to draw.
import { describe, expect, it } from 'vitest';
import { BACK, cardOf, drawCards, type Card, type CardContext, type CardState } from './cards';
import { note } from './fixtures';
import { swatch } from './palette';

const plain = (over: Partial<CardState> = {}): CardState => ({
  at: { x: 10, y: 20 },
  size: { w: 180, h: 120 },
  dim: false,
  hit: false,
  current: false,
  moved: false,
  ...over,
});

/** A 2D context that writes down what it is told. */
function recorder() {
  const calls: string[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    setTransform: (...a: number[]) => calls.push(`transform ${a.join(' ')}`),
    clearRect: (...a: number[]) => calls.push(`clear ${a.join(' ')}`),
    fillRect(...a: number[]) {
      calls.push(`fill ${this.fillStyle} ${this.globalAlpha} ${a.join(' ')}`);
    },
    strokeRect(...a: number[]) {
      calls.push(`stroke ${this.strokeStyle} ${this.lineWidth} ${a.join(' ')}`);
    },
  };
  return { ctx: ctx as unknown as CardContext, calls };
}

const rings = { hit: '#b06f00', current: '#0f6b5c' };
const card = (over: Partial<Card>): Card => ({ x: 0, y: 0, w: 100, h: 50, fill: '#fff', edge: '#000', alpha: 1, ring: null, ...over });

describe('cardOf', () => {
  it('draws a note where and as big as it is drawn, in its colour', () => {
    const c = cardOf(note('a', { colour: 'sky' }), plain({ at: { x: 5, y: 6 }, size: { w: 300, h: 200 } }));
    expect(c).toEqual({ x: 5, y: 6, w: 300, h: 200, ...swatch('sky'), alpha: 1, ring: null });
  });

  it('shows a face-down note as the one back every face-down note has', () => {
    expect(cardOf(note('a', { colour: 'red', hidden: true }), plain())).toMatchObject(BACK);
    expect(cardOf(note('b', { colour: 'sky', hidden: true, image_id: 'img' }), plain())).toMatchObject(BACK);
  });

  it('leaves a photo note to draw itself', () => {
    expect(cardOf(note('a', { image_id: 'img' }), plain())).toBeNull();
  });

  it('fades what a filter leaves out and rings the matches, the current one most', () => {
    expect(cardOf(note('a'), plain({ dim: true }))?.alpha).toBe(0.25);
    expect(cardOf(note('a'), plain({ moved: true }))?.alpha).toBe(0.9);
    expect(cardOf(note('a'), plain({ hit: true }))?.ring).toBe('hit');
    expect(cardOf(note('a'), plain({ hit: true, current: true }))?.ring).toBe('current');
  });
});

describe('drawCards', () => {
  it('maps the view onto the canvas pixels, clearing it first', () => {
    const { ctx, calls } = recorder();
    drawCards(ctx, [], { x: 100, y: 50, w: 1000, h: 500 }, { w: 2000, h: 1000 }, rings);
    expect(calls).toEqual(['transform 1 0 0 1 0 0', 'clear 0 0 2000 1000', 'transform 2 0 0 2 -200 -100']);
  });

  it('draws the cards in view, in board order, and none out of it', () => {
    const { ctx, calls } = recorder();
    const cards = [card({ x: 10, fill: '#a00' }), card({ x: 5000, fill: '#0a0' }), card({ x: 20, fill: '#00a', alpha: 0.25 })];
    drawCards(ctx, cards, { x: 0, y: 0, w: 1000, h: 500 }, { w: 1000, h: 500 }, rings);
    const fills = calls.filter((c) => c.startsWith('fill'));
    expect(fills).toEqual(['fill #a00 1 10 0 100 50', 'fill #00a 0.25 20 0 100 50']);
    expect(ctx.globalAlpha).toBe(1);
  });

  it('keeps borders and rings visible far out: at least a device pixel, and two', () => {
    const { ctx, calls } = recorder();
    // 0.1 device pixels a board unit.
    drawCards(ctx, [card({ ring: 'current' })], { x: 0, y: 0, w: 10000, h: 5000 }, { w: 1000, h: 500 }, rings);
    const strokes = calls.filter((c) => c.startsWith('stroke'));
    expect(strokes[0]).toBe('stroke #000 10 5 5 90 40');
    expect(strokes[1]).toMatch(/^stroke #b06f00 20 /);
    expect(strokes[2]).toMatch(/^stroke #0f6b5c 20 /);
  });
});
