// Voting's own refusals in words for people (docs/api.md error codes); anything else falls
// back to the app's general error messages.
import { ApiError, type ErrorCode } from '../backend';
import type { MessageKey } from '../i18n/en';
import { errorMessage, t } from '../i18n/i18n.svelte';

const VOTING_ERRORS: Record<string, MessageKey> = {
  budget_exhausted: 'voting_error_budget_exhausted',
  note_cap_reached: 'voting_error_note_cap_reached',
  round_closed: 'voting_error_round_closed',
  round_still_open: 'voting_error_round_still_open',
  results_hidden: 'voting_error_results_hidden',
  not_in_round: 'voting_error_not_in_round',
} satisfies Partial<Record<ErrorCode, MessageKey>>;

export function votingErrorText(err: unknown): string {
  if (err instanceof ApiError && err.code in VOTING_ERRORS) return t(VOTING_ERRORS[err.code]);
  return errorMessage(err);
}
