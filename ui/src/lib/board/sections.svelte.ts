// A board's sections as the canvas shows and changes them: the frames drawn (from the frames
// core keeps, moved or resized in preview while the pointer is at it), which notes collapsed
// sections hide, which frames are lit while notes are dragged (where they would land), what a
// press on a section's title takes, and the edits of a section (move, columns, collapse), each
// one update_section that core answers by laying the section out again.
import type { Note } from '../backend';
import { Frames, type Frame, type SectionPreview } from './derive';
import { dropTargets, type PressTarget, type Resize } from './gestures';
import { snap, type Point } from './geometry';
import { clampColumns, columnsForWidth, relaidOut, sectionRect, type SectionArea } from './sections';
import type { BoardStore } from './store.svelte';

const NO_TARGETS: ReadonlySet<string> = new Set();

export class BoardSections {
  /** A section shown with other columns while its resize handle is dragged. */
  resizing = $state.raw<{ id: string; columns: number } | null>(null);
  readonly #store: BoardStore;
  #frames = new Frames();

  /** The sections folded to a stack: their notes are not drawn. */
  readonly collapsed: ReadonlySet<string>;
  /** Every section's stored frame, for hit-testing a drop. */
  readonly areas: SectionArea[];
  /** The section shown moved (dragged by its title bar) or with other columns (resized). */
  readonly preview: SectionPreview | null;
  /** The sections the dragged notes would be in if let go now: their frames are lit. */
  readonly targets: ReadonlySet<string>;
  /** Where the notes of the section being resized are shown. */
  readonly resizeCells: ReadonlyMap<string, Point> | null;
  /** The frames near the view. */
  readonly frames: Frame[];

  constructor(store: BoardStore) {
    this.#store = store;
    this.collapsed = $derived(new Set(store.clusterList.filter((c) => c.collapsed).map((c) => c.id)));
    this.areas = $derived(store.clusterList.map((c) => ({ id: c.id, rect: sectionRect(c) })));
    this.targets = $derived(store.drag ? dropTargets(store.notes, this.areas, store.drag) : NO_TARGETS);
    this.preview = $derived.by(() => {
      const d = store.drag;
      if (d?.section) return { id: d.section, dx: d.dx, dy: d.dy, columns: null };
      const r = this.resizing;
      return r ? { id: r.id, dx: 0, dy: 0, columns: r.columns } : null;
    });
    this.resizeCells = $derived.by(() => {
      const r = this.resizing;
      const c = r ? store.clusters.get(r.id) : undefined;
      return r && c ? relaidOut(c, store.members.get(r.id) ?? [], r.columns) : null;
    });
    this.frames = $derived(this.#frames.compute(store.clusters, store.members, store.camera.area, this.preview));
  }

  /** The note is in a collapsed section (and so not drawn). */
  folded = (n: Note): boolean => n.cluster_id !== null && this.collapsed.has(n.cluster_id);

  /** A press on section `id`'s title: the section, its notes, and whether they are hidden (then none is selected). */
  titlePress(id: string): PressTarget {
    const ids = (this.#store.members.get(id) ?? []).map((n) => n.id);
    return { kind: 'title', clusterId: id, ids, collapsed: this.collapsed.has(id) };
  }

  #update(id: string, edit: { x?: number; y?: number; columns?: number; collapsed?: boolean }) {
    return this.#store.run('update_section', { workshop_id: this.#store.workshopId, id, ...edit });
  }

  /** Moves a section (with its notes) by (dx, dy); null when that moves it nowhere. */
  move(id: string, dx: number, dy: number): Promise<unknown> | null {
    const c = this.#store.clusters.get(id);
    if (!c) return null;
    const x = snap(c.x + dx);
    const y = snap(c.y + dy);
    return x === c.x && y === c.y ? null : this.#update(id, { x, y });
  }

  setColumns(id: string, columns: number) {
    const c = this.#store.clusters.get(id);
    const next = clampColumns(columns);
    if (c && next !== c.columns) void this.#update(id, { columns: next });
  }

  toggleCollapsed(id: string) {
    const c = this.#store.clusters.get(id);
    if (c) void this.#update(id, { collapsed: !c.collapsed });
  }

  /** The resize handle is dragged: the section is shown with the columns nearest that width. */
  previewResize(r: Resize) {
    const columns = columnsForWidth(r.width);
    if (this.resizing?.id !== r.id || this.resizing.columns !== columns) this.resizing = { id: r.id, columns };
  }

  /** The resize handle is let go: one update_section when the columns changed. */
  commitResize(r: Resize) {
    const c = this.#store.clusters.get(r.id);
    const columns = columnsForWidth(r.width);
    if (!c || columns === c.columns) {
      this.resizing = null;
      return;
    }
    const shown = (this.resizing = { id: r.id, columns });
    void this.#update(r.id, { columns }).finally(() => {
      if (this.resizing === shown) this.resizing = null;
    });
  }
}
