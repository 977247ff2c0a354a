// The presenter's keys: B and Esc alone, never while typing or with a modifier held.
import { describe, expect, it } from 'vitest';
import { presenterKey } from './keys';

const key = (k: string, over: Partial<Parameters<typeof presenterKey>[0]> = {}) =>
  presenterKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, repeat: false, target: null, ...over });

describe('presenterKey', () => {
  it('B (either case) switches the view, Esc goes back', () => {
    expect(key('b')).toBe('toggle-board');
    expect(key('B')).toBe('toggle-board');
    expect(key('Escape')).toBe('back');
    expect(key('a')).toBeNull();
    expect(key('Enter')).toBeNull();
  });

  it('ignores a held-down B and keys with Ctrl, Cmd or Alt', () => {
    expect(key('b', { repeat: true })).toBeNull();
    expect(key('b', { ctrlKey: true })).toBeNull();
    expect(key('b', { metaKey: true })).toBeNull();
    expect(key('Escape', { altKey: true })).toBeNull();
  });

  it('leaves keys alone in a field that takes text', () => {
    expect(key('b', { target: { tagName: 'INPUT' } as unknown as EventTarget })).toBeNull();
    expect(key('b', { target: { tagName: 'textarea' } as unknown as EventTarget })).toBeNull();
    expect(key('b', { target: { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget })).toBeNull();
    expect(key('b', { target: { tagName: 'BUTTON', isContentEditable: false } as unknown as EventTarget })).toBe('toggle-board');
  });
});
