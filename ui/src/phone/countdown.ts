// A voting round's own deadline (closes_at) on the phone.

/** Seconds left until `closesAt` (RFC 3339) at `now` (ms), never below zero; null without a timer. */
export function secondsLeft(closesAt: string | null, now: number): number | null {
  if (!closesAt) return null;
  const end = Date.parse(closesAt);
  if (Number.isNaN(end)) return null;
  return Math.max(0, Math.ceil((end - now) / 1000));
}

