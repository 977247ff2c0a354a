// The library screen's state and actions: the listed workshops (searched, sorted, library or
// trash), renaming, trashing, restoring, duplicating and deleting. Library.svelte is a view
// over it that adds what only a view can do (focus, keys, dialogs).
import { call } from '../api';
import type { WorkshopSort, WorkshopSummary } from '../backend';
import { errorMessage, t } from '../i18n/i18n.svelte';
import { libraryChanged } from '../library.svelte';
import { showToast } from '../toasts.svelte';
import { keepSort, storedSort } from './librarySort';

export type RenameOutcome = 'done' | 'kept' | 'invalid' | 'failed';

export class LibraryStore {
  readonly trashed: boolean;
  search = $state('');
  sort = $state<WorkshopSort>(storedSort());
  items = $state<WorkshopSummary[]>([]);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  loadError = $state<unknown>(null);
  /** The search the shown list answers ('' for none). */
  lastQuery = $state('');
  renamingId = $state<string | null>(null);
  renameError = $state<unknown>(null);
  pendingDelete = $state<WorkshopSummary | null>(null);
  /** "Edited 5 minutes ago" is counted from this; refreshed with each load and twice a minute. */
  now = $state(new Date());
  #renameBusy = false;
  #seq = 0;

  constructor(trashed: boolean) {
    this.trashed = trashed;
  }

  /** Loads the list for the current search and sort; an older load's answer is ignored. */
  async load(): Promise<void> {
    const mySeq = ++this.#seq;
    const query = this.search.trim();
    const { trashed, sort } = this;
    try {
      const list = await call('list_workshops', query ? { trashed, sort, search: query } : { trashed, sort });
      if (mySeq !== this.#seq) return;
      this.items = list;
      this.lastQuery = query;
      this.status = 'ready';
      this.loadError = null;
      this.now = new Date();
    } catch (err) {
      if (mySeq !== this.#seq) return;
      this.loadError = err;
      this.status = 'error';
    }
  }

  setSort(sort: WorkshopSort): void {
    this.sort = sort;
    keepSort(sort);
    void this.load();
  }

  clearSearch(): void {
    this.search = '';
    void this.load();
  }

  /** The workshop focus moves to when `id` leaves the list: the next, else the one before. */
  neighbourOf(id: string): string | null {
    const index = this.items.findIndex((w) => w.id === id);
    if (index < 0) return null;
    return this.items[index + 1]?.id ?? this.items[index - 1]?.id ?? null;
  }

  find(id: string): WorkshopSummary | null {
    return this.items.find((w) => w.id === id) ?? null;
  }

  startRename(w: WorkshopSummary): void {
    this.renameError = null;
    this.renamingId = w.id;
  }

  endRename(): void {
    this.renamingId = null;
    this.renameError = null;
  }

  /**
   * Renames `w` to `value`: 'done' (renamed), 'kept' (nothing to do: the same or, on blur, an
   * empty title), 'invalid' (an empty title on Enter: the error shows), 'failed' (refused:
   * on Enter the error shows in the field, on blur as a toast).
   */
  async commitRename(w: WorkshopSummary, value: string, reason: 'enter' | 'blur'): Promise<RenameOutcome | null> {
    if (this.renamingId !== w.id || this.#renameBusy) return null;
    const title = value.trim();
    if (title === w.title || (!title && reason === 'blur')) {
      this.endRename();
      return 'kept';
    }
    if (!title) {
      this.renameError = new Error(t('title_required'));
      return 'invalid';
    }
    this.#renameBusy = true;
    try {
      const updated = await call('update_workshop', { id: w.id, title });
      this.items = this.items.map((item) =>
        item.id === w.id ? { ...item, title: updated.title, updated_at: updated.updated_at } : item,
      );
      this.endRename();
      // The renamed workshop may belong elsewhere in the order: core orders the list.
      void this.load();
      return 'done';
    } catch (err) {
      this.renameError = err;
      if (reason === 'blur') {
        this.renamingId = null;
        fail(err);
      }
      return 'failed';
    } finally {
      this.#renameBusy = false;
    }
  }

  /** Copies `w`; returns the copy's id. */
  async duplicate(w: WorkshopSummary): Promise<string | null> {
    try {
      const copy = await call('duplicate_workshop', { id: w.id });
      await this.load();
      showToast(t('toast_duplicated', { title: copy.title }));
      return copy.id;
    } catch (err) {
      fail(err);
      return null;
    }
  }

  /** Moves `w` to the trash with an Undo in the toast; true when it went. */
  async trash(w: WorkshopSummary): Promise<boolean> {
    try {
      await call('trash_workshop', { id: w.id });
    } catch (err) {
      fail(err);
      return false;
    }
    this.#drop(w.id);
    showToast(t('toast_trashed'), {
      action: {
        label: t('undo'),
        testid: 'undo',
        run: async () => {
          try {
            await call('restore_workshop', { id: w.id });
            libraryChanged();
          } catch (err) {
            fail(err);
          }
        },
      },
    });
    return true;
  }

  async restore(w: WorkshopSummary): Promise<boolean> {
    try {
      const restored = await call('restore_workshop', { id: w.id });
      this.#drop(w.id);
      showToast(t('toast_restored', { title: restored.title }));
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  }

  async deleteForever(w: WorkshopSummary): Promise<boolean> {
    this.pendingDelete = null;
    try {
      await call('delete_workshop', { id: w.id });
      this.#drop(w.id);
      showToast(t('toast_deleted', { title: w.title }));
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  }

  /** Takes a workshop off the list at once, and reloads it behind. */
  #drop(id: string): void {
    this.items = this.items.filter((item) => item.id !== id);
    void this.load();
  }
}

function fail(err: unknown): void {
  showToast(errorMessage(err), { kind: 'error' });
}
