// Which key does what on the board, by where the focus is.
import { describe, expect, it } from 'vitest';
import { NUDGE, NUDGE_FAR, boardKey, type KeyPress } from './keys';

const key = (k: string, over: Partial<KeyPress> = {}): KeyPress => ({
  key: k,
  ctrl: false,
  alt: false,
  shift: false,
  editable: false,
  inCanvas: true,
  onBody: false,
  noteId: null,
  clusterTitleId: null,
  onButton: false,
  hasSelection: false,
  oneSelected: false,
  ...over,
});

describe('boardKey', () => {
  it('Ctrl+F searches even from a field; other keys are not the board’s while typing', () => {
    expect(boardKey(key('f', { ctrl: true, editable: true }))).toEqual({ kind: 'search' });
    for (const k of ['n', 'f', 'Escape', 'ArrowLeft', 'Delete']) expect(boardKey(key(k, { editable: true })), k).toBeNull();
  });

  it('undo, redo, group; select all only on the canvas', () => {
    expect(boardKey(key('z', { ctrl: true }))).toEqual({ kind: 'undo' });
    expect(boardKey(key('Z', { ctrl: true, shift: true }))).toEqual({ kind: 'redo' });
    expect(boardKey(key('y', { ctrl: true }))).toEqual({ kind: 'redo' });
    expect(boardKey(key('g', { ctrl: true, inCanvas: false }))).toEqual({ kind: 'group' });
    expect(boardKey(key('a', { ctrl: true }))).toEqual({ kind: 'select-all' });
    expect(boardKey(key('a', { ctrl: true, inCanvas: false }))).toBeNull();
    expect(boardKey(key('n', { alt: true }))).toBeNull();
  });

  it('F toggles full screen and Esc leaves it, wherever the focus is but in a field', () => {
    expect(boardKey(key('f', { inCanvas: false, onButton: true }))).toEqual({ kind: 'full-screen' });
    expect(boardKey(key('F', { inCanvas: false }))).toEqual({ kind: 'full-screen' });
    expect(boardKey(key('Escape', { inCanvas: false }))).toEqual({ kind: 'escape' });
  });

  it('Delete and Enter act on the canvas (or with nothing focused), not from a toolbar button', () => {
    expect(boardKey(key('Delete', { hasSelection: true }))).toEqual({ kind: 'delete' });
    expect(boardKey(key('Backspace', { hasSelection: true, inCanvas: false, onBody: true }))).toEqual({ kind: 'delete' });
    expect(boardKey(key('Delete', { hasSelection: true, inCanvas: false, onButton: true }))).toBeNull();
    expect(boardKey(key('Delete'))).toBeNull();
    expect(boardKey(key('Enter', { noteId: 'a' }))).toEqual({ kind: 'edit' });
    expect(boardKey(key('F2', { hasSelection: true, oneSelected: true }))).toEqual({ kind: 'edit' });
    expect(boardKey(key('Enter', { hasSelection: true }))).toBeNull();
    expect(boardKey(key('F2', { clusterTitleId: 'k', hasSelection: true }))).toEqual({ kind: 'rename', clusterId: 'k' });
    expect(boardKey(key('Enter', { noteId: 'a', inCanvas: false, onButton: true }))).toBeNull();
    // A section's buttons in the canvas take their own Enter; F2 on its title renames it.
    expect(boardKey(key('Enter', { onButton: true, hasSelection: true, oneSelected: true }))).toBeNull();
    expect(boardKey(key('F2', { onButton: true, clusterTitleId: 'k', oneSelected: true }))).toEqual({ kind: 'rename', clusterId: 'k' });
  });

  it('zooms with + and −, back to 100 % with 0', () => {
    expect(boardKey(key('+'))).toEqual({ kind: 'zoom', factor: 1.25 });
    expect(boardKey(key('-'))).toEqual({ kind: 'zoom', factor: 0.8 });
    expect(boardKey(key('0'))).toEqual({ kind: 'zoom-reset' });
  });

  it('Space pans, unless it presses a button other than a note', () => {
    expect(boardKey(key(' '))).toEqual({ kind: 'space' });
    expect(boardKey(key(' ', { noteId: 'a', onButton: false }))).toEqual({ kind: 'space' });
    expect(boardKey(key(' ', { onButton: true }))).toBeNull();
  });

  it('arrows move by 10 units (50 with Shift): a focused note, a selection, or the view', () => {
    expect(boardKey(key('ArrowRight', { noteId: 'a' }))).toEqual({ kind: 'arrow', dx: NUDGE, dy: 0 });
    expect(boardKey(key('ArrowUp', { hasSelection: true, shift: true }))).toEqual({ kind: 'arrow', dx: 0, dy: -NUDGE_FAR });
    expect(boardKey(key('ArrowLeft', { hasSelection: true, inCanvas: false, onBody: true }))).toEqual({ kind: 'arrow', dx: -NUDGE, dy: 0 });
    // Nothing to move: on the canvas they pan, elsewhere they are not the board's.
    expect(boardKey(key('ArrowDown'))).toEqual({ kind: 'arrow', dx: 0, dy: NUDGE });
    expect(boardKey(key('ArrowDown', { inCanvas: false, onButton: true }))).toBeNull();
    expect(boardKey(key('ArrowDown', { inCanvas: false, onButton: true, hasSelection: true }))).toBeNull();
    expect(NUDGE).toBe(10);
    expect(NUDGE_FAR).toBe(50);
  });
});
