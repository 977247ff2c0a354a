// Which of the notes near the view are built into the page now. A zoom out can bring 500 to
// 1,000 notes into the rendered area at once, and building them all in one frame stalls it
// for a tenth of a second or more; so at most a budget of new notes is built per frame,
// those nearest the middle of the view first, and the rest on the frames that follow. Notes
// the user acts on (selected, edited, dragged, the search's current match) are built at
// once. Pure apart from the set of built notes it keeps between calls.
import { noteSize, type Placed, type Point } from './geometry';

/** New notes built per frame: with ~0.2–0.5 ms each (Chromium, software painting), a few ms of a 16.7 ms frame. */
export const MOUNT_BUDGET = 24;

export interface MountStep<T> {
  /** The notes to render now, in the order given (board order: what is drawn later lies on top). */
  list: T[];
  /** Notes near the view not built yet: another frame is wanted. */
  waiting: number;
  /** Some of this frame's budget went: it comes back at the next frame (`frame`). */
  spent: boolean;
}

type Mountable = Placed & { readonly id: string };

export class Mounter {
  readonly budget: number;
  /** The notes built, of those rendered at the last step. */
  #built = new Set<string>();
  /** What this frame may still build. */
  #left: number;

  constructor(budget = MOUNT_BUDGET) {
    this.budget = budget;
    this.#left = budget;
  }

  /**
   * The notes of `rendered` to build now: those built already, those `pinned`, and of the
   * others as many as the frame's budget leaves, nearest to `centre` first. `all` (the first
   * view of a board, which is measured until every note in it is painted) builds every one.
   * A note that left `rendered` counts as new when it comes back. `hold` builds none but the
   * pinned: the card layer draws the notes meanwhile (a zoom on its way), and those waiting
   * are built once it is done.
   */
  step<T extends Mountable>(
    rendered: readonly T[],
    centre: Point,
    pinned: (id: string) => boolean,
    all = false,
    hold = false,
  ): MountStep<T> {
    const built = new Set<string>();
    const waiting: T[] = [];
    for (const n of rendered) {
      if (all || this.#built.has(n.id) || pinned(n.id)) built.add(n.id);
      else waiting.push(n);
    }
    const left = hold ? 0 : this.#left;
    let fresh = waiting.length;
    if (fresh > left) {
      const distance = (n: T) => {
        const { w, h } = noteSize(n);
        return (n.x + w / 2 - centre.x) ** 2 + (n.y + h / 2 - centre.y) ** 2;
      };
      const nearest = waiting.map((n) => ({ id: n.id, d: distance(n) })).sort((a, b) => a.d - b.d);
      fresh = left;
      for (let i = 0; i < fresh; i++) built.add(nearest[i].id);
    } else {
      for (const n of waiting) built.add(n.id);
    }
    this.#left -= fresh;
    this.#built = built;
    const unbuilt = waiting.length - fresh;
    // Everything built: the list itself, so a view over it sees nothing changed.
    const list = unbuilt === 0 ? (rendered as T[]) : rendered.filter((n) => built.has(n.id));
    return { list, waiting: unbuilt, spent: fresh > 0 };
  }

  /** A new frame: its budget again. */
  frame() {
    this.#left = this.budget;
  }
}
