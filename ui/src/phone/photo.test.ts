import { describe, expect, it } from 'vitest';
import { MAX_SIDE, scaledSize } from './photo';

describe('scaledSize', () => {
  it('keeps the long side within the limit and the proportions', () => {
    expect(scaledSize(4032, 3024)).toEqual({ width: MAX_SIDE, height: 1200 });
    expect(scaledSize(3024, 4032)).toEqual({ width: 1200, height: MAX_SIDE });
  });

  it('never enlarges, and never gives an empty side', () => {
    expect(scaledSize(640, 480)).toEqual({ width: 640, height: 480 });
    expect(scaledSize(10000, 1)).toEqual({ width: MAX_SIDE, height: 1 });
    expect(scaledSize(0, 0)).toEqual({ width: 1, height: 1 });
  });
});
