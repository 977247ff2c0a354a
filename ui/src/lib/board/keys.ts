// The board's keyboard shortcuts: which key does what, as a pure function of the key and of
// where the focus is, so the rules can be tested without a page. The board does the action.

/** A key press, and what the board knows about the focus at that moment. */
export interface KeyPress {
  key: string;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  /** The focus is in a text field, select or editor: only Ctrl+F is the board's then. */
  editable: boolean;
  /** The focus is on the canvas or inside it. */
  inCanvas: boolean;
  /** Nothing has the focus (the page itself). */
  onBody: boolean;
  /** The focused note, if the focus is on one. */
  noteId: string | null;
  /** The cluster whose title has the focus. */
  clusterTitleId: string | null;
  /** The focus is on a button other than a note. */
  onButton: boolean;
  hasSelection: boolean;
  /** Exactly one note is selected. */
  oneSelected: boolean;
}

export type KeyAction =
  | { kind: 'search' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'group' }
  | { kind: 'select-all' }
  | { kind: 'new-note' }
  | { kind: 'delete' }
  /** Edit the focused note, or the one selected note. */
  | { kind: 'edit' }
  | { kind: 'rename'; clusterId: string }
  | { kind: 'full-screen' }
  /** Esc: leave full screen, or clear the selection. */
  | { kind: 'escape' }
  | { kind: 'zoom'; factor: number }
  | { kind: 'zoom-reset' }
  /** Space held: the pointer pans. */
  | { kind: 'space' }
  /** Move the selection (or the focused note) by (dx, dy) board units, or pan the view when there is none. */
  | { kind: 'arrow'; dx: number; dy: number };

/** Board units an arrow key moves notes by; with Shift. */
export const NUDGE = 10;
export const NUDGE_FAR = 50;

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** What `press` does on the board, or null when it is not the board's. */
export function boardKey(press: KeyPress): KeyAction | null {
  const { key, ctrl, alt } = press;
  if (ctrl && !alt && key.toLowerCase() === 'f') return { kind: 'search' };
  if (press.editable) return null;
  if (ctrl && !alt) {
    const k = key.toLowerCase();
    if (k === 'z' && !press.shift) return { kind: 'undo' };
    if ((k === 'z' && press.shift) || k === 'y') return { kind: 'redo' };
    if (k === 'g') return { kind: 'group' };
    if (k === 'a' && press.inCanvas) return { kind: 'select-all' };
    return null;
  }
  if (alt || ctrl) return null;
  const here = press.inCanvas || press.onBody;
  switch (key) {
    case 'n':
    case 'N':
      return { kind: 'new-note' };
    case 'f':
    case 'F':
      return { kind: 'full-screen' };
    case 'Delete':
    case 'Backspace':
      return press.hasSelection && here ? { kind: 'delete' } : null;
    case 'Enter':
    case 'F2':
      if (!here) return null;
      if (key === 'F2' && press.clusterTitleId) return { kind: 'rename', clusterId: press.clusterTitleId };
      // Enter on a button in the canvas (a section's controls) presses the button.
      if (press.onButton && !press.noteId) return null;
      if (press.noteId || press.oneSelected) return { kind: 'edit' };
      return null;
    case 'Escape':
      return { kind: 'escape' };
    case '+':
    case '=':
      return { kind: 'zoom', factor: 1.25 };
    case '-':
    case '_':
      return { kind: 'zoom', factor: 0.8 };
    case '0':
      return { kind: 'zoom-reset' };
    case ' ':
      return press.onButton && !press.noteId ? null : { kind: 'space' };
  }
  const arrow = ARROWS[key];
  if (!arrow) return null;
  const moving = press.noteId !== null || (press.hasSelection && here);
  if (!moving && !press.inCanvas) return null;
  const step = press.shift ? NUDGE_FAR : NUDGE;
  return { kind: 'arrow', dx: arrow[0] * step, dy: arrow[1] * step };
}
