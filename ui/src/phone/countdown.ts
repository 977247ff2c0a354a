/** Seconds left until `closesAt` (RFC 3339) at `now` (ms), never below zero; null without a timer. */
export function secondsLeft(closesAt: string | null, now: number): number | null {
  if (!closesAt) return null;
  const end = Date.parse(closesAt);
  if (Number.isNaN(end)) return null;
  return Math.max(0, Math.ceil((end - now) / 1000));
}

/** 75 → "1:15"; 3700 → "1:01:40". */
export function formatSeconds(total: number): string {
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}
