// A restore reloads the whole window; this carries "what was just restored" across that reload
// so the app can say so afterwards and point at the safety backup that undoes it.

const KEY = 'fiilis.restored';

export interface RestoredNote {
  /** When the restored backup was made (RFC 3339). */
  created_at: string;
  safety_backup: string;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function rememberRestore(note: RestoredNote): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(note));
  } catch {
    // Storage refused: the restore still happened, only the message after the reload is lost.
  }
}

/** The note left by a restore before this page loaded, once: reading it removes it. */
export function takeRestoreNote(): RestoredNote | null {
  const store = storage();
  if (!store) return null;
  let raw: string | null;
  try {
    raw = store.getItem(KEY);
    store.removeItem(KEY);
  } catch {
    return null;
  }
  return parseRestoreNote(raw);
}

export function parseRestoreNote(raw: string | null): RestoredNote | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object') {
      const { created_at, safety_backup } = value as Record<string, unknown>;
      if (typeof created_at === 'string' && typeof safety_backup === 'string') return { created_at, safety_backup };
    }
  } catch {
    // not ours, or damaged: ignore it
  }
  return null;
}
