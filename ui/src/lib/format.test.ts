import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce, formatDate, formatRelative, isLinuxDesktop, isMacPlatform, parseIsoDate, todayIso } from './format';

describe('dates', () => {
  it('todayIso uses the local calendar date, zero-padded', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(todayIso(new Date(2026, 10, 23, 0, 1))).toBe('2026-11-23');
  });

  it('parseIsoDate reads YYYY-MM-DD as a local date and rejects impossible ones', () => {
    const d = parseIsoDate('2026-11-23');
    expect(d?.getFullYear()).toBe(2026);
    expect(d?.getMonth()).toBe(10);
    expect(d?.getDate()).toBe(23);
    expect(parseIsoDate('2026-02-30')).toBeNull();
    expect(parseIsoDate('23.11.2026')).toBeNull();
    expect(parseIsoDate('')).toBeNull();
  });

  it('formatDate formats per locale and passes unknown input through', () => {
    expect(formatDate('2026-11-23', 'en-GB')).toBe('23 Nov 2026');
    expect(formatDate('2026-11-23', 'fi')).toBe('23.11.2026');
    expect(formatDate('not a date', 'en')).toBe('not a date');
    expect(formatDate(null, 'en')).toBe('');
  });

  it('formatRelative is relative when recent, a date when old', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(formatRelative('2026-11-23T11:59:50Z', 'en', now)).toBe('now');
    expect(formatRelative('2026-11-23T11:55:00Z', 'en', now)).toBe('5 minutes ago');
    expect(formatRelative('2026-11-23T09:00:00Z', 'en', now)).toBe('3 hours ago');
    expect(formatRelative('2026-11-22T12:00:00Z', 'en', now)).toBe('yesterday');
    expect(formatRelative('2026-11-23T11:55:00Z', 'fi', now)).toBe('5 minuuttia sitten');
    expect(formatRelative('2026-10-01T12:00:00Z', 'en-GB', now)).toBe('1 Oct 2026');
    expect(formatRelative('garbage', 'en', now)).toBe('garbage');
  });
});

describe('debounce', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls once, with the last arguments, after the quiet period', () => {
    const calls: string[] = [];
    const fn = debounce((s: string) => calls.push(s), 200);
    fn('h');
    fn('ho');
    vi.advanceTimersByTime(199);
    fn('hot');
    vi.advanceTimersByTime(199);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['hot']);
  });

  it('can be cancelled', () => {
    const calls: number[] = [];
    const fn = debounce(() => calls.push(1), 100);
    fn();
    fn.cancel();
    vi.advanceTimersByTime(500);
    expect(calls).toEqual([]);
  });
});

it('isMacPlatform', () => {
  expect(isMacPlatform('MacIntel')).toBe(true);
  expect(isMacPlatform('Linux x86_64')).toBe(false);
  expect(isMacPlatform('Win32')).toBe(false);
});

it('isLinuxDesktop', () => {
  expect(isLinuxDesktop('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko)')).toBe(true);
  expect(isLinuxDesktop('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36')).toBe(false);
  expect(isLinuxDesktop('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15')).toBe(false);
  expect(isLinuxDesktop('Mozilla/5.0 (Windows NT 10.0; Win64; x64)')).toBe(false);
});
