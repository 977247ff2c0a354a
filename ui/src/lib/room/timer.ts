// The room's timer as the facilitator and the phones show it. Both count down locally from
// the `remaining_seconds` they last received, measured on their own monotonic clock, because
// neither a phone's wall clock nor a browser's is guaranteed to agree with the laptop's.
// Pure: no imports, so the phone page can use it without pulling in the facilitator's code.

export type TimerStatus = 'stopped' | 'running' | 'paused';

export interface TimerLike {
  status: TimerStatus;
  duration_seconds: number;
  remaining_seconds: number;
}

/** The longest timer `set_timer` accepts (a day), in seconds. */
export const MAX_TIMER_SECONDS = 86_400;

/** Minutes offered as one-click starts. */
export const TIMER_PRESETS = [1, 3, 5, 10] as const;

/**
 * Whole seconds left at `now`, for a timer received at `receivedAt` (both in ms on the same
 * monotonic clock, e.g. performance.now()). Only a running timer moves; never below zero.
 */
export function secondsRemaining(timer: TimerLike, receivedAt: number, now: number): number {
  const left = timer.status === 'running' ? timer.remaining_seconds - Math.max(0, now - receivedAt) / 1000 : timer.remaining_seconds;
  // Rounded up, so "0:00" appears only when the time really is up. The small tolerance
  // keeps float noise (59.0000001) from showing an extra second.
  return Math.max(0, Math.ceil(left - 1e-6));
}

/** A running timer that has reached zero. */
export function isTimeUp(timer: TimerLike, remaining: number): boolean {
  return timer.status === 'running' && remaining <= 0;
}

/** 75 → "1:15"; 3700 → "1:01:40"; negative or fractional input is clamped and rounded up. */
export function formatSeconds(total: number): string {
  const whole = Math.max(0, Math.ceil(total));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const ss = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/**
 * A typed duration in seconds, or null when it is not one `set_timer` accepts. Takes minutes
 * ("5", "2.5", Finnish "2,5") or minutes and seconds ("1:30").
 */
export function parseDuration(text: string): number | null {
  const value = text.trim();
  let seconds: number;
  const clock = /^(\d{1,4}):([0-5]\d)$/.exec(value);
  if (clock) {
    seconds = Number(clock[1]) * 60 + Number(clock[2]);
  } else if (/^\d{1,4}([.,]\d{1,2})?$/.test(value)) {
    seconds = Math.round(Number(value.replace(',', '.')) * 60);
  } else {
    return null;
  }
  return seconds >= 1 && seconds <= MAX_TIMER_SECONDS ? seconds : null;
}

/** A timer as people see it: a running one that reached zero has ended (the backend keeps it running at 0). */
export type TimerPhase = TimerStatus | 'ended';

export function timerPhase(timer: TimerLike, remaining: number): TimerPhase {
  return isTimeUp(timer, remaining) ? 'ended' : timer.status;
}

/**
 * What the main timer button (and the T key) does: start a stopped timer, pause a running
 * one, resume a paused one, and start an ended one again (`remaining` is what is shown).
 */
export function primaryAction(status: TimerStatus, remaining = Infinity): 'start' | 'pause' | 'resume' | 'restart' {
  if (status === 'running') return remaining <= 0 ? 'restart' : 'pause';
  return status === 'paused' ? 'resume' : 'start';
}

export type TimerShortcut = 'toggle' | 'add_minute' | 'reset';

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * The timer's keys in the Room area: T starts, pauses or resumes; + adds a minute; R resets.
 * None of them uses a modifier, so Ctrl+T, Ctrl+R and the app's Ctrl+N stay the browser's and
 * the app's own.
 */
export function timerShortcut(event: KeyLike): TimerShortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 't':
    case 'T':
      return 'toggle';
    case '+':
      return 'add_minute';
    case 'r':
    case 'R':
      return 'reset';
    default:
      return null;
  }
}
