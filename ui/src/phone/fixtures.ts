// Test helpers for the phone page: what the laptop sends, with sensible defaults.
import type { PhoneRoom } from './api';

/** The room as the laptop shows it to phones: brainstorming open, timer stopped. */
export const room = (extra: Partial<PhoneRoom> = {}): PhoneRoom => ({
  workshop_id: 'w1',
  brainstorm_open: true,
  notes_hidden: false,
  rating_open: false,
  rating_persona_id: null,
  timer: { status: 'stopped', duration_seconds: 0, remaining_seconds: 0, ends_at: null },
  ...extra,
});
