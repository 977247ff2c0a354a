// The trust screens' refusals in words for people: a backup that is gone or damaged means
// something else here than a missing workshop. Anything else uses the app's general messages.
import { ApiError, type ErrorCode } from '../backend';
import type { MessageKey } from '../i18n/en';
import { errorMessage, t } from '../i18n/i18n.svelte';

export function backupErrorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'not_found') return t('backups_error_not_found');
    // The backend says why a backup cannot be used; its words are shown as text.
    if (err.code === 'invalid_input') return t('backups_error_damaged', { detail: err.message });
  }
  return errorMessage(err);
}

/** What the recovery screen says first about each kind of problem it knows. */
const PROBLEMS: Record<string, MessageKey> = {
  database_too_new: 'recovery_problem_too_new',
  library_damaged: 'recovery_problem_unreadable',
  read_only: 'recovery_problem_read_only',
  disk_full: 'recovery_problem_disk_full',
} satisfies Partial<Record<ErrorCode, MessageKey>>;

/** A known problem in the UI's language, or null: then only the backend's own message is shown. */
export function problemText(code: string): string | null {
  return Object.prototype.hasOwnProperty.call(PROBLEMS, code) ? t(PROBLEMS[code]) : null;
}
