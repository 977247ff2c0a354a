import { describe, expect, it } from 'vitest';
import { addChannel, moveItem, suggestedChannels, toggleChannel } from './limits';

describe('channels', () => {
  it('are suggested in the UI language', () => {
    expect(suggestedChannels('en')).toContain('mobile app');
    expect(suggestedChannels('fi')).toContain('sähköposti');
  });

  it('take free entries once, trimmed, 1–40 characters, at most 12', () => {
    expect(addChannel(['web'], '  kiosk  ')).toEqual(['web', 'kiosk']);
    expect(addChannel(['web'], 'WEB')).toBeNull();
    expect(addChannel([], '   ')).toBeNull();
    expect(addChannel([], 'x'.repeat(41))).toBeNull();
    expect(addChannel(Array.from({ length: 12 }, (_, i) => `c${i}`), 'more')).toBeNull();
    expect(toggleChannel(['web', 'phone'], 'web')).toEqual(['phone']);
    expect(toggleChannel(['phone'], 'web')).toEqual(['phone', 'web']);
  });
});

describe('moveItem', () => {
  it('moves within bounds and leaves the input alone', () => {
    const list = ['a', 'b', 'c'];
    expect(moveItem(list, 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(list, 2, -5)).toEqual(['c', 'a', 'b']);
    expect(moveItem(list, 1, 1)).toEqual(['a', 'b', 'c']);
    expect(list).toEqual(['a', 'b', 'c']);
  });
});
