// The Room area's "Laptops" state for one workshop: what this laptop is to it (alone, hub or
// following a hub), the pairing it shows as the hub, joining another laptop's hub, the
// conflict list, and the changes file that carries changes where there is no network.
// LaptopsPanel.svelte and ConflictList.svelte only show it.
//
// Last contact and the queue move without any Change (a satellite's rounds write them
// quietly), so while the panel is shown it asks again every few seconds; a Change of the
// workshop (a sync applied, an edit queued) asks at once.
import { call } from '../api';
import { ApiError, type Change, type Hosting, type Laptops, type Workshop } from '../backend';
import { exportWorkshop } from '../files/actions.svelte';
import { MAX_FILE_BYTES } from '../files/files';
import { errorMessage, t } from '../i18n/i18n.svelte';
import { libraryChanged } from '../library.svelte';
import { roleOf, type LaptopRole } from './laptops';

const REFRESH_MS = 3000;

/** What runs now; one action at a time. */
export type LaptopsAction = 'host' | 'join' | 'restore' | 'import';

/** A readable message for joining's errors: the translated reason, with the hub's own words. */
function joinErrorMessage(err: unknown): string {
  if (err instanceof ApiError && (err.code === 'hub_unreachable' || err.code === 'pairing_refused')) {
    return t('error_with_detail', { message: errorMessage(err), detail: err.message });
  }
  return errorMessage(err);
}

export class LaptopsStore {
  readonly workshopId: string;
  laptops = $state.raw<Laptops | null>(null);
  hosting = $state.raw<Hosting | null>(null);
  /** The workshop a join brought to this laptop, to open from here. */
  joined = $state.raw<Workshop | null>(null);
  /** How many changes the last changes file brought. */
  applied = $state<number | null>(null);
  error = $state<string | null>(null);
  busy = $state<LaptopsAction | null>(null);
  #loadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(workshopId: string) {
    this.workshopId = workshopId;
  }

  get role(): LaptopRole {
    return roleOf(this.laptops);
  }

  /** Loads, and asks again every few seconds while the page is visible; returns the stop. */
  start(): () => void {
    void this.load();
    const poll = setInterval(() => {
      if (document.visibilityState === 'visible') void this.load();
    }, REFRESH_MS);
    return () => {
      clearInterval(poll);
      clearTimeout(this.#loadTimer);
    };
  }

  /** Fed by the RoomStore's subscription with every change. */
  onChange(change: Change): void {
    if (change.workshop_id !== this.workshopId) return;
    // A burst (a sync applying many changes) makes one load.
    clearTimeout(this.#loadTimer);
    this.#loadTimer = setTimeout(() => void this.load(), 200);
  }

  async load(): Promise<void> {
    try {
      this.laptops = await call('get_laptops', { workshop_id: this.workshopId });
    } catch {
      // Kept as it was; the next tick asks again, and an action shows a lasting problem.
    }
  }

  async #run(action: LaptopsAction, work: () => Promise<void>, message = errorMessage): Promise<boolean> {
    if (this.busy) return false;
    this.busy = action;
    this.error = null;
    try {
      await work();
      return true;
    } catch (err) {
      this.error = message(err);
      return false;
    } finally {
      this.busy = null;
    }
  }

  /** Makes this laptop the hub (or shows its pairing again). */
  host(): Promise<boolean> {
    return this.#run('host', async () => {
      this.hosting = await call('host_laptops', { workshop_id: this.workshopId });
      await this.load();
    });
  }

  /** Joins the hub at `url`: its workshop comes to this laptop as one of the library's. */
  join(url: string): Promise<boolean> {
    return this.#run(
      'join',
      async () => {
        this.joined = await call('join_hub', { url: url.trim() });
        libraryChanged();
      },
      joinErrorMessage,
    );
  }

  restore(id: number): Promise<boolean> {
    return this.#run('restore', async () => {
      this.laptops = await call('restore_conflict', { workshop_id: this.workshopId, id });
    });
  }

  /** The desktop asks where to save it; a browser downloads it. */
  saveChanges(workshop: Workshop): Promise<void> {
    return exportWorkshop(workshop, 'changes');
  }

  /** Applies a `.fiilis-changes.json` file chosen in the browser or the window. */
  applyChanges(file: File): Promise<boolean> {
    return this.#run('import', async () => {
      this.applied = null;
      if (file.size > MAX_FILE_BYTES) throw new Error(t('laptops_file_too_large', { name: file.name }));
      let text: string;
      try {
        text = await file.text();
      } catch {
        throw new Error(t('files_error_unreadable'));
      }
      this.applied = (await call('import_changes', { text })).applied;
      await this.load();
    });
  }
}
