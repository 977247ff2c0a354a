// The idea board's state for one workshop: the notes, sections and participants kept live
// (LiveWorkshop's loop) with the face-down counts and the revealed votes, the selection, the
// note being written or edited, the filter, the settings new notes get, the photos of photo
// notes, and every operation the board runs. Every change goes through an operation whose
// `Change` is applied with `applyChange`, exactly like the live changes other windows make.
// The components of the board are views over it; its camera is `camera` (camera.svelte.ts).
import { untrack } from 'svelte';
import { call } from '../api';
import { LIMITS, type Board, type BoardVotes, type Change, type FaceDown, type Note, type NoteColour, type NotePatch, type ParticipantRole, type TextSize } from '../backend';
import { errorMessage, t } from '../i18n/i18n.svelte';
import { showToast } from '../toasts.svelte';
import { LiveWorkshop } from '../workshop/live.svelte';
import { Mounter } from './mount';
import { BoardCamera } from './camera.svelte';
import { clusterMembers, visibleNotes, type Members, type Visible } from './derive';
import { EMPTY_FILTER, NONE, isFilterActive, matchingIds, nextMatch, type BoardFilter } from './filter';
import { dropPatches, type Drag, type Move, type Sizing } from './gestures';
import { NOTE_H, NOTE_W, boundsOf, nextFreeSlot, noteRect, noteSize, snap, steppedSize, union, viewRect, type Point, type Rect, type Size } from './geometry';
import { textLength } from './palette';
import { photoRefusal } from '../personas/photo';
import { readDataUrl } from './photo';
import { ImageCache } from './images.svelte';
import { TITLE_BAND } from './sections';
import { BoardSections } from './sections.svelte';
import { applyChange, boardState, emptyBoardState, hasGap, needsReload, type BoardState } from './state';

export const MAX_TEXT = LIMITS.note_text;

/** A note being written: where, and the run of drafts it belongs to (see `nextFreeSlot`). */
export interface Draft {
  x: number;
  y: number;
  text: string;
  origin: Point;
  index: number;
}

/** A note sent but not yet created: shown faded where it will be. */
export interface PendingNote {
  key: number;
  x: number;
  y: number;
  text: string;
  colour: NoteColour;
}

export interface Editing {
  id: string;
  text: string;
  /** Saving was refused (empty or too long): the editor says why. */
  error: boolean;
  /**
   * The text on its way to be saved: the editor shows it, read-only, until a change brings it
   * to the board; then the focus goes back to the note when `refocus` (saved with Enter).
   */
  saving?: { text: string; refocus: boolean };
}

/** What new notes get. */
export interface Defaults {
  colour: NoteColour;
  author_id: string | null;
  stage_id: string | null;
}

export class BoardStore extends LiveWorkshop<Board> {
  board = $state.raw<BoardState>(emptyBoardState(''));
  readonly camera: BoardCamera;
  selected = $state.raw<ReadonlySet<string>>(new Set());
  draft = $state<Draft | null>(null);
  pending = $state.raw<PendingNote[]>([]);
  editing = $state<Editing | null>(null);
  /** Notes shown moved while the pointer drags them. */
  drag = $state.raw<Drag | null>(null);
  /** Where notes moved by the arrow keys are shown until the board has them there. */
  nudged = $state.raw<ReadonlyMap<string, Point> | null>(null);
  /** A loose note shown at another size while its corner handle is dragged (or the size is saved). */
  sizing = $state.raw<Sizing | null>(null);
  /** Face-down notes per writer, and the votes shown on the notes: get_board's, loaded again when a change may alter them. */
  faceDown = $state.raw<FaceDown[]>([]);
  votes = $state.raw<BoardVotes | null>(null);
  /** The dialog asking how many top ideas to copy is open. */
  choosingTop = $state(false);
  readonly sections: BoardSections = new BoardSections(this);
  readonly images: ImageCache;
  filter = $state<BoardFilter>({ ...EMPTY_FILTER });
  currentMatch = $state<string | null>(null);
  grouping = $state(false);
  renaming = $state<{ id: string; title: string } | null>(null);
  defaults = $state<Defaults>({ colour: 'yellow', author_id: null, stage_id: null });
  /** The board point under the pointer, while it is over the canvas: N writes a note there. */
  pointerWorld: Point | null = null;
  /** How the view moves the focus (set by the canvas once it is there). */
  focus = { note: (_id: string) => {}, canvas: () => {} };
  #pendingSeq = 0;
  #nudges = new Map<string, Point>();
  #nudging = false;

  constructor(workshopId: string) {
    super(workshopId);
    // Many phones may write at once: one reload serves the changes of the next moment.
    this.reloadDelay = 800;
    this.board = emptyBoardState(workshopId);
    this.camera = new BoardCamera(workshopId);
    this.images = new ImageCache(workshopId);
  }

  // ---- derived: each part of the board its own signal, so that what reads only one of them
  // is not run again by changes to the others (a note edit leaves clusters as they were).

  readonly notes = $derived(this.board.notes);
  readonly clusters = $derived(this.board.clusters);
  readonly participants = $derived(this.board.participants);
  readonly clusterList = $derived([...this.clusters.values()]);
  readonly participantsById = $derived(new Map(this.participants.map((p) => [p.id, p])));

  /** The notes with how they came about, when that was the board's last change (else all anew). */
  #delta() {
    const all = this.notes;
    const b = untrack(() => this.board);
    return { notes: all, notesDelta: b.notes === all ? b.notesDelta : null };
  }

  #visible: Visible | null = null;
  /** The notes to render: those near the view. */
  readonly visible = $derived.by(() => {
    const area = this.camera.area;
    this.#visible = visibleNotes(this.#delta(), area, this.#visible);
    return this.#visible.list;
  });

  #members: Members | null = null;
  /** Each cluster's notes, in board order. */
  readonly members = $derived.by(() => {
    this.#members = clusterMembers(this.#delta(), this.#members);
    return this.#members.members;
  });

  /** The notes drawn: those near the view, less those in collapsed sections. */
  readonly rendered = $derived(this.sections.collapsed.size === 0 ? this.visible : this.visible.filter((n) => !this.sections.folded(n)));

  readonly #mounter = new Mounter();
  /** Counts the frames that build notes left waiting by the one before. */
  #mountFrame = $state(0);
  #mountWaiting = 0;
  #mountRequested = false;
  /**
   * The notes built into the page: of those rendered, a budget of new ones per frame, nearest
   * the middle of the view first, and at once those the user acts on (see `Mounter`). The
   * first view is built whole: opening the board is measured until it is all painted.
   */
  readonly built = $derived.by(() => {
    void this.#mountFrame;
    const rendered = this.rendered;
    const { selected, currentMatch, drag, sizing, nudged } = this;
    // The edited note is read untracked: opening or closing the editor changes no note built
    // (the note is in view when it opens; the editor is drawn over it, not instead of it).
    const editing = untrack(() => this.editing?.id);
    const pinned = (id: string) =>
      selected.has(id) || editing === id || currentMatch === id || !!drag?.ids.has(id) || sizing?.id === id || !!nudged?.has(id);
    const centre = untrack(() => {
      const v = viewRect(this.camera.cam, Math.max(this.camera.width, 1), Math.max(this.camera.height, 1));
      return { x: v.x + v.w / 2, y: v.y + v.h / 2 };
    });
    const step = this.#mounter.step(rendered, centre, pinned, !this.camera.ready, this.camera.cards);
    // Held while the card layer draws the notes: building them then is work for nothing.
    this.#mountWaiting = this.camera.cards ? 0 : step.waiting;
    if ((this.#mountWaiting > 0 || step.spent) && !this.#mountRequested) {
      this.#mountRequested = true;
      requestAnimationFrame(() => {
        this.#mountRequested = false;
        this.#mounter.frame();
        if (this.#mountWaiting > 0) this.#mountFrame++;
      });
    }
    return step.list;
  });

  readonly voteCounts: ReadonlyMap<string, number> = $derived(new Map(this.votes?.counts ?? []));
  /** How many notes lie face down. */
  readonly faceDownCount = $derived.by(() => {
    let n = 0;
    for (const note of this.notes.values()) if (note.hidden) n++;
    return n;
  });

  readonly matches = $derived(
    matchingIds(this.notes.values(), this.filter, { clusters: this.clusters, participants: this.participants, votes: this.voteCounts }),
  );
  readonly matchSet = $derived(this.matches ? new Set(this.matches) : null);
  /** How the search marks a note: a match, one it leaves out (dimmed), or none while no search is on. */
  matchOf = (id: string): 'hit' | 'dim' | null => (this.matchSet === null ? null : this.matchSet.has(id) ? 'hit' : 'dim');
  readonly filtering = $derived(isFilterActive(this.filter));

  readonly selectedNotes = $derived([...this.selected].map((id) => this.notes.get(id)).filter((n): n is Note => !!n));
  /** The selected notes' `key` when they all share it, else undefined. */
  common<K extends keyof Note>(key: K): Note[K] | undefined {
    const first = this.selectedNotes[0];
    if (!first) return undefined;
    return this.selectedNotes.every((n) => n[key] === first[key]) ? first[key] : undefined;
  }
  /** The selected notes in no section: what Tidy arranges. */
  readonly looseSelected = $derived(this.selectedNotes.filter((n) => n.cluster_id === null));
  readonly colourNow = $derived(this.selectedNotes.length > 0 ? this.common('colour') : this.defaults.colour);
  /** The cluster every selected note is in, if they share one. */
  readonly selectedCluster = $derived.by(() => {
    const c = this.common('cluster_id');
    return typeof c === 'string' ? c : null;
  });

  /** Where a note is drawn: moved while dragged or nudged. */
  shown = (n: Note): Point => {
    const d = this.drag;
    if (d && d.ids.has(n.id)) return { x: n.x + d.dx, y: n.y + d.dy };
    return this.sections.resizeCells?.get(n.id) ?? this.nudged?.get(n.id) ?? n;
  };

  /** The size a note is drawn at: as its corner handle drags it, else `noteSize`. */
  sizeOf = (n: Note): Size => {
    const s = this.sizing;
    return s && s.id === n.id ? { w: s.w, h: s.h } : noteSize(n);
  };

  participantName = (id: string | null): string => {
    if (id === null) return t('author_anonymous');
    const p = this.participantsById.get(id);
    return p ? (p.name ?? t('author_anonymous')) : t('author_unknown');
  };

  // ---- the live loop --------------------------------------------------------------

  protected fetch(): Promise<Board> {
    return call('get_board', { workshop_id: this.workshopId });
  }

  protected accept(snapshot: Board, changes: readonly Change[]): void {
    let next = boardState(snapshot);
    for (const change of changes) next = applyChange(next, change);
    this.board = next;
    this.faceDown = snapshot.face_down;
    this.votes = snapshot.votes;
    this.#prune();
  }

  protected absorb(change: Change): boolean {
    const before = this.board;
    const reload = needsReload(before, change, { shownRound: this.votes?.round_id ?? null, countsFaceDown: false });
    this.board = applyChange(before, change);
    if (this.board === before) return false;
    this.#prune();
    // Besides what `needsReload` says, a note that names an author this board does not know
    // yet: load it again.
    const known = new Set(this.board.participants.map((p) => p.id));
    return reload || (change.upserted?.notes ?? []).some((n) => n.author_id !== null && !known.has(n.author_id));
  }

  protected hasGap(): boolean {
    return hasGap(this.board);
  }

  protected override changedHook(): void {
    this.#closeSaved();
  }

  protected override loadedHook(first: boolean): void {
    if (first) this.camera.begin(this.contentBounds());
    this.#closeSaved();
  }

  /** The text being saved is on the board: the editor gives way to the note. */
  #closeSaved() {
    const e = this.editing;
    if (e?.saving && this.board.notes.get(e.id)?.text === e.saving.text) this.#closeEdit(e.id, e.saving.refocus);
  }

  /**
   * Forgets the selected notes that are gone or folded into a collapsed section (what nobody
   * sees must not be deleted or changed by a key), and the edited note that is gone; an edit
   * stops when its note is turned face down.
   */
  #prune() {
    const notes = this.board.notes;
    const kept = (id: string) => {
      const n = notes.get(id);
      return n !== undefined && !this.sections.folded(n);
    };
    if (![...this.selected].every(kept)) this.selected = new Set([...this.selected].filter(kept));
    if (this.editing && (notes.get(this.editing.id)?.hidden ?? true)) this.editing = null;
  }

  /** What the board holds: the notes drawn and every section's frame. */
  contentBounds(): Rect | null {
    const notes = [...this.board.notes.values()].filter((n) => !this.sections.folded(n));
    return this.sections.areas.reduce<Rect | null>((b, s) => union(b, s.rect), boundsOf(notes));
  }

  /** The notes a marquee or Ctrl+A can select: those drawn (not in a collapsed section). */
  *selectable(): Iterable<Note> {
    for (const n of this.notes.values()) if (!this.sections.folded(n)) yield n;
  }

  // ---- selection ----------------------------------------------------------------

  selectAll() {
    this.selected = new Set([...this.selectable()].map((n) => n.id));
  }

  clearSelection() {
    if (this.selected.size > 0) this.selected = new Set();
  }

  toggleSelected(id: string) {
    const next = new Set(this.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.selected = next;
  }

  // ---- note settings and participants ---------------------------------------------------

  updateSelected(patch: Omit<NotePatch, 'id'>) {
    const ids = [...this.selected];
    if (ids.length === 0) return;
    void this.run('update_notes', { workshop_id: this.workshopId, notes: ids.map((id) => ({ id, ...patch })) });
  }

  deleteSelected() {
    const ids = [...this.selected];
    if (ids.length === 0) return;
    this.selected = new Set();
    void this.run('delete_notes', { workshop_id: this.workshopId, ids });
    this.focus.canvas();
  }

  setColour(colour: NoteColour) {
    if (this.selected.size > 0) this.updateSelected({ colour });
    else this.defaults.colour = colour;
  }

  /** The selected notes' text size (one update_notes for them all). */
  setTextSize(text_size: TextSize) {
    this.updateSelected({ text_size });
  }

  /** Grows (`steps` > 0) or shrinks the selected loose notes, each from its own size, in one update_notes. */
  stepSize(steps: number) {
    const notes = this.looseSelected.flatMap((n) => {
      const { w, h } = steppedSize(noteSize(n), steps);
      return w === n.width && h === n.height ? [] : [{ id: n.id, width: w, height: h }];
    });
    if (notes.length > 0) void this.run('update_notes', { workshop_id: this.workshopId, notes });
  }

  /** A note's corner handle is let go: one update_notes when its size changed; shown so until it is saved. */
  commitSize(s: Sizing) {
    const n = this.board.notes.get(s.id);
    if (!n || (n.width === s.w && n.height === s.h)) {
      this.sizing = null;
      return;
    }
    this.sizing = s;
    void this.run('update_notes', { workshop_id: this.workshopId, notes: [{ id: s.id, width: s.w, height: s.h }] }).finally(() => {
      if (this.sizing === s) this.sizing = null;
    });
  }

  /** `value` is a participant's id or NONE. */
  setAuthor(value: string) {
    const author_id = value === NONE ? null : value;
    if (this.selected.size > 0) this.updateSelected({ author_id });
    else this.defaults.author_id = author_id;
  }

  /** `value` is a stage's id or NONE. */
  setStage(value: string) {
    const stage_id = value === NONE ? null : value;
    if (this.selected.size > 0) this.updateSelected({ stage_id });
    else this.defaults.stage_id = stage_id;
  }

  /** Adds a participant and makes them the author; false when that failed (a toast says why). */
  async addParticipant(name: string, role: ParticipantRole): Promise<boolean> {
    try {
      const participant = await call('add_participant', { workshop_id: this.workshopId, name, role });
      this.board = { ...this.board, participants: [...this.board.participants, participant] };
      showToast(t('participant_added', { name: participant.name ?? t('author_anonymous') }));
      this.setAuthor(participant.id);
      return true;
    } catch (err) {
      showToast(errorMessage(err), { kind: 'error' });
      return false;
    }
  }

  // ---- clusters -------------------------------------------------------------------

  openGroup() {
    if (this.selected.size > 0 && !this.grouping) this.grouping = true;
  }

  group(title: string) {
    this.grouping = false;
    const note_ids = [...this.selected];
    if (note_ids.length === 0) return;
    void this.run('group_notes', { workshop_id: this.workshopId, title, note_ids });
  }

  ungroup(id: string | null) {
    if (!id) return;
    void this.run('ungroup', { workshop_id: this.workshopId, id });
  }

  startRename(id: string) {
    const c = this.board.clusters.get(id);
    if (c) this.renaming = { id, title: c.title };
  }

  commitRename() {
    const r = this.renaming;
    if (!r) return;
    this.renaming = null;
    const title = r.title.trim();
    const current = this.board.clusters.get(r.id);
    if (!title || !current || title === current.title) return;
    void this.run('rename_cluster', { workshop_id: this.workshopId, id: r.id, title });
  }

  // ---- sections, face down, votes and photos -----------------------------------------------

  /** Arranges the selected loose notes in a grid. */
  tidySelected() {
    const note_ids = this.looseSelected.map((n) => n.id);
    if (note_ids.length > 1) void this.run('tidy_notes', { workshop_id: this.workshopId, note_ids });
  }

  /** Copies the `top` most voted notes of the round shown into a new section, and shows it. */
  async topIdeas(top: number) {
    this.choosingTop = false;
    const round = this.votes;
    if (!round) return;
    const known = new Set(this.board.clusters.keys());
    const change = await this.run('ranking_to_section', { workshop_id: this.workshopId, round_id: round.round_id, top });
    const made = change?.upserted.clusters.find((c) => !known.has(c.id));
    if (!made) return;
    this.camera.centerOn({ x: made.x + made.width / 2, y: made.y + made.height / 2 });
    // A section larger than the view: its title first.
    this.camera.reveal({ x: made.x, y: made.y, w: Math.min(made.width, NOTE_W * 2), h: TITLE_BAND + NOTE_H });
  }

  revealAll() {
    void this.run('reveal_notes', { workshop_id: this.workshopId });
  }

  /** Puts a photo (PNG, JPEG or WebP) on the board as a note, in the middle of the view. */
  async addPhoto(file: File) {
    const refusal = photoRefusal(file);
    if (refusal) {
      showToast(refusal, { kind: 'error' });
      return;
    }
    const { cam, width, height } = this.camera;
    const view = viewRect(cam, width, height);
    const x = snap(view.x + view.w / 2 - NOTE_W / 2);
    const y = snap(view.y + view.h / 2 - NOTE_H / 2);
    let image_base64: string;
    try {
      image_base64 = await readDataUrl(file);
    } catch (err) {
      showToast(errorMessage(err), { kind: 'error' });
      return;
    }
    const change = await this.run('add_photo_note', { workshop_id: this.workshopId, image_base64, x, y });
    const made = change?.upserted.notes.find((n) => n.image_id !== null);
    if (made) this.selected = new Set([made.id]);
  }

  // ---- drafts and editing -------------------------------------------------------------

  #occupied(): Point[] {
    return [...this.board.notes.values(), ...this.pending];
  }

  /** Opens a draft: at `origin` exactly (double-click), or in the first free slot from it (N). */
  startDraft(origin: Point, exact: boolean) {
    if (this.draft) this.commitDraft(false);
    if (this.editing) this.commitEdit(false);
    const slot = exact ? { index: 0, position: origin } : nextFreeSlot(origin, 0, this.#occupied());
    this.draft = { x: slot.position.x, y: slot.position.y, text: '', origin, index: slot.index };
    this.camera.reveal({ ...noteRect(this.draft), h: NOTE_H + 48 }); // and the counter below it
  }

  /** A draft under the pointer, or near the top-left corner of the view. */
  newNoteHere() {
    const pointer = this.pointerWorld;
    const { cam, width, height } = this.camera;
    const view = viewRect(cam, width, height);
    const origin = pointer
      ? { x: snap(pointer.x - NOTE_W / 2), y: snap(pointer.y - NOTE_H / 2) }
      : { x: snap(view.x + 48 / cam.scale), y: snap(view.y + 48 / cam.scale) };
    this.startDraft(origin, false);
  }

  /** Saves the draft (never when empty or too long); with `next`, opens the next one beside it. */
  commitDraft(next: boolean) {
    const d = this.draft;
    if (!d) return;
    const len = textLength(d.text);
    if (len === 0) {
      this.draft = null;
      return;
    }
    if (len > MAX_TEXT) return; // the editor shows why; nothing is sent, nothing is cut
    const text = d.text.trim();
    const key = ++this.#pendingSeq;
    const { colour, author_id, stage_id } = this.defaults;
    this.pending = [...this.pending, { key, x: d.x, y: d.y, text, colour }];
    if (next) {
      const slot = nextFreeSlot(d.origin, d.index + 1, this.#occupied());
      this.draft = { x: slot.position.x, y: slot.position.y, text: '', origin: d.origin, index: slot.index };
      this.camera.reveal({ ...noteRect(this.draft), h: NOTE_H + 48 }); // and the counter below it
    } else {
      this.draft = null;
    }
    const input = { workshop_id: this.workshopId, notes: [{ text, colour, x: d.x, y: d.y, author_id, stage_id }] };
    call('create_notes', input).then(
      (change) => {
        this.pending = this.pending.filter((p) => p.key !== key);
        this.apply(change);
      },
      (err: unknown) => {
        this.pending = this.pending.filter((p) => p.key !== key);
        showToast(errorMessage(err), { kind: 'error' });
        // Give the text back rather than losing it.
        if (!this.draft) this.draft = { x: d.x, y: d.y, text: d.text, origin: { x: d.x, y: d.y }, index: 0 };
      },
    );
  }

  cancelDraft() {
    this.draft = null;
    this.focus.canvas();
  }

  startEdit(note: Note) {
    if (note.hidden) {
      showToast(t('board_face_down_no_edit'));
      return;
    }
    if (this.draft) this.commitDraft(false);
    this.selected = new Set([note.id]);
    this.editing = { id: note.id, text: note.text, error: false };
  }

  /**
   * Saves the note being edited. The editor stays, showing the text, until the change that
   * saved it is applied (whether its answer or the live broadcast comes first; see
   * `changedHook`): a save that fails leaves the text there to try again, and the note is
   * drawn once, with the new text, rather than with the old one in between. `refocus` puts
   * the focus back on the note (Enter); a blur leaves it where the user put it.
   */
  commitEdit(refocus = true) {
    const e = this.editing;
    if (!e || e.saving) return;
    const note = this.board.notes.get(e.id);
    const len = textLength(e.text);
    if (len === 0 || len > MAX_TEXT) {
      e.error = true;
      return;
    }
    const text = e.text.trim();
    if (!note || text === note.text) return this.#closeEdit(e.id, refocus);
    e.saving = { text, refocus };
    void this.run('update_notes', { workshop_id: this.workshopId, notes: [{ id: e.id, text }] }).then((change) => {
      if (!change && this.editing === e) e.saving = undefined;
    });
  }

  #closeEdit(id: string, refocus: boolean) {
    this.editing = null;
    if (refocus) this.focus.note(id);
  }

  cancelEdit() {
    const e = this.editing;
    this.editing = null;
    if (e) this.focus.note(e.id);
  }

  // ---- moving notes -----------------------------------------------------------------

  /**
   * Commits a drag: a section dragged by its title bar is one update_section; dropped notes
   * are one update_notes for the whole drop (see `dropPatches`).
   */
  commitMove(move: Move) {
    const d = move.drag;
    let sent: Promise<unknown> | null = null;
    if (move.cluster) {
      sent = this.sections.move(move.cluster, d.dx, d.dy);
    } else {
      const patches = dropPatches(this.board.notes, this.sections.areas, move);
      if (patches) sent = this.run('update_notes', { workshop_id: this.workshopId, notes: patches });
    }
    if (!sent) {
      this.drag = null;
      return;
    }
    // Keep showing them where they were dropped until the change arrives.
    void sent.finally(() => {
      if (this.drag === d) this.drag = null;
    });
  }

  /**
   * Moves the selection by (dx, dy) board units (the arrow keys); a focused note outside the
   * selection becomes the selection. The focused note (else the first moved) is kept in view.
   * The notes are shown moved at once; the moves are sent one update_notes at a time, those
   * made while one travels together in the next. False when there was nothing to move.
   */
  nudge(dx: number, dy: number, focusedId: string | null): boolean {
    let ids = this.selected;
    if (focusedId && !ids.has(focusedId) && this.board.notes.has(focusedId)) {
      ids = new Set([focusedId]);
      this.selected = ids;
    }
    const shown = new Map(this.nudged ?? []);
    let lead: Point | null = null;
    for (const id of ids) {
      const n = this.board.notes.get(id);
      if (!n) continue;
      const from = shown.get(id) ?? n;
      const to = { x: snap(from.x + dx), y: snap(from.y + dy) };
      shown.set(id, to);
      this.#nudges.set(id, to);
      if (!lead || id === focusedId) lead = to;
    }
    if (!lead) return false;
    this.nudged = shown;
    this.camera.reveal(noteRect(lead));
    if (!this.#nudging) void this.#sendNudges();
    return true;
  }

  async #sendNudges() {
    this.#nudging = true;
    try {
      while (this.#nudges.size > 0) {
        const notes = [...this.#nudges].map(([id, p]) => ({ id, x: p.x, y: p.y }));
        this.#nudges.clear();
        if (!(await this.run('update_notes', { workshop_id: this.workshopId, notes }))) this.#nudges.clear();
      }
    } finally {
      this.#nudging = false;
      this.nudged = null;
    }
  }

  // ---- search --------------------------------------------------------------------

  jumpToNextMatch() {
    if (!this.matches) return;
    const id = nextMatch(this.matches, this.currentMatch);
    this.currentMatch = id;
    const n = id ? this.board.notes.get(id) : undefined;
    if (n) this.camera.centerOnNote(n);
  }

  clearFilters() {
    this.filter = { ...EMPTY_FILTER };
    this.currentMatch = null;
  }

  /** Shows every note and section where nothing covers it. */
  fitAll() {
    this.camera.fitAll(this.contentBounds());
  }
}
