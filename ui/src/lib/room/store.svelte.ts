// The Room area's live state for one workshop: who is in, what the phones show, the timer,
// the personas phones may rate as, the questions asked (QuestionsStore, fed from here), the
// journey's stages they may be about, the host's participant access, and the laptops this
// workshop is kept in step with (LaptopsStore, fed from here). Loads once, then follows live
// changes; the access (not workshop content) is asked for again on focus.
import { call, subscribe } from '../api';
import { ApiError, backend, type Access, type Change, type OpenAccess, type ParticipantEntry, type Room, type TimerAction, type UpdateRoomInput } from '../backend';
import { errorMessage, t } from '../i18n/i18n.svelte';
import { showToast } from '../toasts.svelte';
import { LaptopsStore } from './laptops.svelte';
import { QuestionsStore } from './questions.svelte';
import { mergeParticipants, roomFromChange } from './state';

/** A readable message for the Room area's errors; the host's own codes are translated here. */
export function roomErrorMessage(err: unknown, port?: number | null): string {
  if (err instanceof ApiError && err.code === 'port_in_use') {
    return port ? t('room_error_port_in_use', { port }) : t('room_error_port_in_use_any');
  }
  return errorMessage(err);
}

const JOIN_POLL_MS = 2000;

const touchesNotes = (change: Change) => (change.upserted.notes ?? []).length > 0 || (change.deleted.notes ?? []).length > 0;

export class RoomStore {
  readonly workshopId: string;
  room = $state.raw<Room | null>(null);
  /** performance.now() when `room` arrived: the timer counts down from there. */
  roomAt = $state(0);
  participants = $state.raw<ParticipantEntry[]>([]);
  /** [id, name], in the journey's order. */
  personas = $state.raw<[string, string][]>([]);
  /** [id, title], in the journey's order: what a question may be about. */
  stages = $state.raw<[string, string][]>([]);
  readonly questions: QuestionsStore;
  readonly laptops: LaptopsStore;
  access = $state.raw<Access | null>(null);
  accessError = $state<string | null>(null);
  accessBusy = $state(false);
  loaded = $state(false);
  loadError = $state<unknown>(null);
  #reloadTimer: ReturnType<typeof setTimeout> | undefined;
  #countTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(workshopId: string) {
    this.workshopId = workshopId;
    this.questions = new QuestionsStore(workshopId);
    this.laptops = new LaptopsStore(workshopId);
  }

  /** Loads, and follows live changes; returns the function that stops. */
  start(): () => void {
    let opened = false;
    const stop = subscribe(
      (change) => {
        if (change.workshop_id !== this.workshopId) return;
        this.laptops.onChange(change);
        if (change.reload) return this.#reloadSoon();
        this.questions.onChange(change);
        const room = roomFromChange(change, this.workshopId);
        if (room === 'reload') void this.#reloadRoom();
        else if (room) this.#setRoom(room);
        const merged = mergeParticipants(this.participants, change);
        this.participants = merged.list;
        if (merged.reload) this.#reloadSoon();
        // Whose notes lie face down is counted by core: a note lying face down (written so, or
        // turned back by an undo) asks for the list anew, and while any does, every note
        // change may be its reveal or removal. Notes written in the open change no count.
        else if ((change.upserted.notes ?? []).some((note) => note.hidden) || (this.faceDown > 0 && touchesNotes(change))) {
          this.#countFaceDownSoon();
        }
        const personas = change.upserted.personas ?? [];
        const gone = change.deleted.personas ?? [];
        const stages = (change.upserted.stages ?? []).length + (change.deleted.stages ?? []).length;
        if (personas.length > 0 || gone.length > 0 || stages > 0) this.#reloadSoon();
      },
      {
        onopen: () => {
          // Changes made while the stream was down are not replayed.
          if (opened) void this.load();
          opened = true;
        },
      },
    );
    const onfocus = () => void this.refreshAccess();
    window.addEventListener('focus', onfocus);
    // A phone joining is not a Change (core records it without telling watchers), so while
    // phones can join, the list is asked for again now and then.
    const poll = setInterval(() => {
      if (this.openHere && document.visibilityState === 'visible') void this.#reloadParticipants();
    }, JOIN_POLL_MS);
    void this.load();
    return () => {
      stop();
      window.removeEventListener('focus', onfocus);
      clearInterval(poll);
      clearTimeout(this.#reloadTimer);
      clearTimeout(this.#countTimer);
    };
  }

  async load(): Promise<void> {
    try {
      const [room, participants, journey, access] = await Promise.all([
        call('get_room', { workshop_id: this.workshopId }),
        call('list_participants', { workshop_id: this.workshopId }),
        call('get_journey', { workshop_id: this.workshopId }),
        call('participant_access', {}),
        this.questions.load(),
      ]);
      this.#setRoom(room);
      this.participants = participants;
      this.personas = journey.personas.map((p) => [p.id, p.name]);
      this.stages = journey.stages.map((s) => [s.id, s.title]);
      this.access = access;
      this.loaded = true;
      this.loadError = null;
    } catch (err) {
      if (!this.loaded) this.loadError = err;
      else showToast(errorMessage(err), { kind: 'error' });
    }
  }

  async #reloadParticipants(): Promise<void> {
    try {
      this.participants = await call('list_participants', { workshop_id: this.workshopId });
    } catch {
      // Tried again at the next tick.
    }
  }

  /** The room alone, when a change touched it in the stored shape rather than as a Room. */
  async #reloadRoom(): Promise<void> {
    try {
      this.#setRoom(await call('get_room', { workshop_id: this.workshopId }));
    } catch {
      // The next change or reconnect loads it again.
    }
  }

  #countFaceDownSoon() {
    clearTimeout(this.#countTimer);
    this.#countTimer = setTimeout(() => void this.#reloadParticipants(), 150);
  }

  /** How many notes lie face down, everyone's together. */
  get faceDown(): number {
    return this.participants.reduce((sum, p) => sum + p.face_down, 0);
  }

  /** Turns face-down notes over: one participant's, or everyone's. */
  async reveal(authorId: string | null): Promise<void> {
    try {
      await call('reveal_notes', { workshop_id: this.workshopId, author_id: authorId });
      await this.#reloadParticipants();
    } catch (err) {
      showToast(errorMessage(err), { kind: 'error' });
    }
  }

  #reloadSoon() {
    // A burst of changes (many phones joining) makes one reload.
    clearTimeout(this.#reloadTimer);
    this.#reloadTimer = setTimeout(() => void this.load(), 150);
  }

  #setRoom(room: Room) {
    this.room = room;
    this.roomAt = performance.now();
  }

  /** Whether access is open for this workshop (not for another one). */
  get openHere(): boolean {
    return this.access?.open === true && this.access.workshop_id === this.workshopId;
  }

  async refreshAccess(): Promise<void> {
    try {
      this.access = await call('participant_access', {});
    } catch {
      // Kept as it was; the next action shows any lasting problem.
    }
  }

  async openAccess(port: number | undefined, address: string | undefined): Promise<boolean> {
    const input: OpenAccess = { workshop_id: this.workshopId };
    if (port !== undefined) input.port = port;
    if (address) input.address = address;
    return this.#accessCall(() => call('open_participant_access', input), port);
  }

  async closeAccess(): Promise<boolean> {
    return this.#accessCall(() => call('close_participant_access', {}));
  }

  async #accessCall(run: () => Promise<Access>, port?: number): Promise<boolean> {
    if (this.accessBusy) return false;
    this.accessBusy = true;
    this.accessError = null;
    try {
      this.access = await run();
      return true;
    } catch (err) {
      this.accessError = roomErrorMessage(err, port);
      return false;
    } finally {
      this.accessBusy = false;
    }
  }

  async updateRoom(patch: Omit<UpdateRoomInput, 'workshop_id'>): Promise<void> {
    try {
      this.#setRoom(await call('update_room', { workshop_id: this.workshopId, ...patch }));
    } catch (err) {
      showToast(errorMessage(err), { kind: 'error' });
    }
  }

  async timer(action: TimerAction, seconds?: number): Promise<void> {
    try {
      this.#setRoom(await call('set_timer', { workshop_id: this.workshopId, action, ...(seconds === undefined ? {} : { seconds }) }));
    } catch (err) {
      showToast(errorMessage(err), { kind: 'error' });
    }
  }

  async remove(id: string): Promise<void> {
    try {
      const change = await call('remove_participant', { workshop_id: this.workshopId, id });
      const merged = mergeParticipants(this.participants, change);
      this.participants = merged.list;
      if (merged.reload) this.#reloadSoon();
    } catch (err) {
      showToast(errorMessage(err), { kind: 'error' });
    }
  }

  /** The presenter view: a second window on the desktop, a new tab in a browser. */
  async present(browserUrl: () => string): Promise<void> {
    if (backend.transport === 'ipc') {
      try {
        await call('open_presenter', { workshop_id: this.workshopId });
      } catch (err) {
        showToast(errorMessage(err), { kind: 'error' });
      }
    } else {
      window.open(browserUrl(), '_blank', 'noopener');
    }
  }
}
