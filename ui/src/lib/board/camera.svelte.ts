// The board's camera: where the view looks and how far it is zoomed, the viewport's size,
// and the moves on it (zoom, pan, fit, reveal). The view is remembered per workshop; a
// resize (full screen, the panel folding away) keeps the same point in the middle; fitting
// keeps the notes off what floats over the canvas (the minimap, the zoom buttons, toolbars).
import {
  centerOn,
  fitUncovered,
  minTextSize,
  noteLook,
  textShown,
  noteRect,
  panIntoView,
  renderArea,
  viewRect,
  zoomAt,
  type Camera,
  type NoteLook,
  type Placed,
  type Point,
  type Rect,
} from './geometry';

/** How long a wheel zoom rests before the notes take the look of its scale. */
const LOOK_SETTLE_MS = 150;

/** A stored view: the camera and the size of the viewport it was taken in. */
interface StoredView extends Camera {
  w?: number;
  h?: number;
}

export class BoardCamera {
  #cam = $state.raw<Camera>({ tx: 0, ty: 0, scale: 1 });
  width = $state(800);
  height = $state(500);
  /** The first view is in place and painted. */
  ready = $state(false);
  /** What floats over the canvas, in viewport pixels (measured by the view). */
  covers: () => Rect[] = () => [];
  readonly #key: string;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #lookTimer: ReturnType<typeof setTimeout> | undefined;
  #lastArea: Rect | null = null;

  // How notes are drawn at this zoom (see `noteLook`). Plain state, written only when a value
  // changes: every note drawn reads some of it, and a signal derived from the camera would
  // have each of them looked at again on every move of the camera, a pan as much as a zoom.
  /** Notes are drawn compact: their text counter-scaled (see `noteLook`). */
  compact = $state(false);
  /** A compact note's text size (board units) and how many lines of it are shown. */
  textSize = $state(0);
  lines = $state(0);
  /** A compact note's padding, in board units. */
  padX = $state(0);
  padY = $state(0);
  /** Far out: notes drop their shadows, section frames their dashes. */
  far = $state(false);
  /** Notes are plain cards on the card layer, their text hidden (see `textShown`). */
  cards = $state(false);
  #look: NoteLook = { kind: 'full' };

  constructor(workshopId: string) {
    this.#key = `fiilis.board.view.${workshopId}`;
  }

  get cam(): Camera {
    return this.#cam;
  }

  set cam(next: Camera) {
    this.#put(next, false);
  }

  /**
   * Moves the camera. While `zooming` (the wheel, a pinch) the notes keep their look until the
   * zoom pauses: a new look lays out the text of every note drawn, which mid-gesture would
   * cost a frame at each step (meanwhile the text scales with the board, as in a picture).
   */
  #put(next: Camera, zooming: boolean) {
    this.#cam = next;
    if (this.ready) this.#save();
    clearTimeout(this.#lookTimer);
    if (zooming) this.#lookTimer = setTimeout(() => this.#setLook(this.#cam.scale), LOOK_SETTLE_MS);
    else this.#setLook(next.scale);
    this.cards = !textShown(this.#look, next.scale, zooming);
  }

  #setLook(scale: number) {
    const look = (this.#look = noteLook(scale));
    const compact = look.kind === 'compact';
    this.compact = compact;
    this.textSize = compact ? look.size : 0;
    this.lines = compact ? look.lines : 0;
    this.padX = compact ? look.padX : 0;
    this.padY = compact ? look.padY : 0;
    this.far = scale < 0.3;
    this.cards = !textShown(look, scale);
  }

  /** The world area whose notes are rendered (see `renderArea`). */
  readonly area = $derived.by(() => {
    this.#lastArea = renderArea(this.#lastArea, viewRect(this.#cam, Math.max(this.width, 1), Math.max(this.height, 1)));
    return this.#lastArea;
  });
  /** The smallest text size of a note drawn in full (see `minTextSize`); unused when compact. */
  readonly minText = $derived(this.compact ? 0 : minTextSize(this.#cam.scale));

  /** The viewport is now `width` × `height`: the point in its middle stays there. */
  resize(width: number, height: number) {
    if (width === this.width && height === this.height) return;
    const c = this.#cam;
    if (this.ready) this.cam = { ...c, tx: c.tx + (width - this.width) / 2, ty: c.ty + (height - this.height) / 2 };
    this.width = width;
    this.height = height;
  }

  /** The first view: the one remembered for this workshop, or all of `bounds` (not too small to read). */
  begin(bounds: Rect | null) {
    this.#put(this.#stored() ?? this.#fit(bounds, 0.25), false);
    requestAnimationFrame(() => requestAnimationFrame(() => (this.ready = true)));
  }

  /** Shows all of `bounds` where nothing covers it. */
  fitAll(bounds: Rect | null) {
    this.cam = this.#fit(bounds);
  }

  /** Zooms by `factor` about `at`; `gesture`: one step of many (the wheel, a pinch; see `#put`). */
  zoomBy(factor: number, at: Point = { x: this.width / 2, y: this.height / 2 }, gesture = false) {
    this.#put(zoomAt(this.#cam, this.#cam.scale * factor, at), gesture);
  }

  /** Back to 100 %, about the middle. */
  zoomReset() {
    this.cam = zoomAt(this.#cam, 1, { x: this.width / 2, y: this.height / 2 });
  }

  /** Moves the view by (dx, dy) screen pixels (the board moves the other way). */
  pan(dx: number, dy: number) {
    this.cam = { ...this.#cam, tx: this.#cam.tx - dx, ty: this.#cam.ty - dy };
  }

  /** Centres the view on the world point `p`. */
  centerOn(p: Point) {
    this.cam = centerOn(this.#cam, p, this.width, this.height);
  }

  /** Centres the view on a note. */
  centerOnNote(n: Placed) {
    const r = noteRect(n);
    this.centerOn({ x: r.x + r.w / 2, y: r.y + r.h / 2 });
  }

  /** The smallest pan that brings the world rectangle `r` into view. */
  reveal(r: Rect, margin = 32) {
    const next = panIntoView(this.#cam, r, this.width, this.height, margin);
    if (next !== this.#cam) this.cam = next;
  }

  stop() {
    clearTimeout(this.#saveTimer);
    clearTimeout(this.#lookTimer);
  }

  #fit(bounds: Rect | null, minScale?: number): Camera {
    return fitUncovered(bounds, this.width, this.height, this.covers(), 1, minScale);
  }

  #stored(): Camera | null {
    try {
      const v = JSON.parse(localStorage.getItem(this.#key) ?? 'null') as StoredView | null;
      if (!v || ![v.tx, v.ty, v.scale].every((n) => Number.isFinite(n)) || !(v.scale > 0)) return null;
      // Taken in a viewport of another size: the same point in the middle.
      const dx = Number.isFinite(v.w) ? (this.width - v.w!) / 2 : 0;
      const dy = Number.isFinite(v.h) ? (this.height - v.h!) / 2 : 0;
      return { tx: v.tx + dx, ty: v.ty + dy, scale: v.scale };
    } catch {
      return null; // nothing stored, or storage disabled
    }
  }

  #save() {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      const view: StoredView = { ...this.#cam, w: this.width, h: this.height };
      try {
        localStorage.setItem(this.#key, JSON.stringify(view));
      } catch {
        // storage disabled
      }
    }, 400);
  }
}
