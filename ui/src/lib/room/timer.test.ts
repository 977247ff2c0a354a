import { describe, expect, it } from 'vitest';
import { formatSeconds, isTimeUp, parseDuration, primaryAction, secondsRemaining, timerPhase, timerShortcut, type TimerLike } from './timer';

const running = (remaining: number): TimerLike => ({ status: 'running', duration_seconds: 300, remaining_seconds: remaining });

describe('secondsRemaining', () => {
  it('counts a running timer down from what was received, on the local clock', () => {
    const timer = running(300);
    expect(secondsRemaining(timer, 1000, 1000)).toBe(300);
    expect(secondsRemaining(timer, 1000, 1001)).toBe(300);
    expect(secondsRemaining(timer, 1000, 2000)).toBe(299);
    expect(secondsRemaining(timer, 1000, 61_000)).toBe(240);
  });

  it('never goes below zero', () => {
    expect(secondsRemaining(running(5), 0, 60_000)).toBe(0);
    expect(secondsRemaining(running(-3), 0, 0)).toBe(0);
  });

  it('rounds up fractions, so zero shows only when time is up', () => {
    expect(secondsRemaining(running(2.4), 0, 0)).toBe(3);
    expect(secondsRemaining(running(0.2), 0, 0)).toBe(1);
    expect(secondsRemaining(running(59.0000001), 0, 0)).toBe(59);
  });

  it('holds still when paused or stopped, however late it is read', () => {
    const paused: TimerLike = { status: 'paused', duration_seconds: 300, remaining_seconds: 125 };
    expect(secondsRemaining(paused, 0, 1_000_000)).toBe(125);
    const stopped: TimerLike = { status: 'stopped', duration_seconds: 0, remaining_seconds: 0 };
    expect(secondsRemaining(stopped, 0, 5000)).toBe(0);
  });

  it('ignores a clock that went backwards', () => {
    expect(secondsRemaining(running(30), 5000, 4000)).toBe(30);
  });
});

describe('isTimeUp', () => {
  it('is true only for a running timer at zero', () => {
    expect(isTimeUp(running(0), 0)).toBe(true);
    expect(isTimeUp(running(10), 1)).toBe(false);
    expect(isTimeUp({ status: 'paused', duration_seconds: 60, remaining_seconds: 0 }, 0)).toBe(false);
    expect(isTimeUp({ status: 'stopped', duration_seconds: 0, remaining_seconds: 0 }, 0)).toBe(false);
  });
});

describe('formatSeconds', () => {
  it('shows minutes and seconds, and hours when there are any', () => {
    expect(formatSeconds(0)).toBe('0:00');
    expect(formatSeconds(9)).toBe('0:09');
    expect(formatSeconds(75)).toBe('1:15');
    expect(formatSeconds(600)).toBe('10:00');
    expect(formatSeconds(3599)).toBe('59:59');
    expect(formatSeconds(3700)).toBe('1:01:40');
    expect(formatSeconds(86_400)).toBe('24:00:00');
  });

  it('clamps and rounds odd input', () => {
    expect(formatSeconds(-5)).toBe('0:00');
    expect(formatSeconds(59.2)).toBe('1:00');
  });
});

describe('parseDuration', () => {
  it('reads minutes, with a decimal point or comma', () => {
    expect(parseDuration('5')).toBe(300);
    expect(parseDuration(' 2.5 ')).toBe(150);
    expect(parseDuration('2,5')).toBe(150);
    expect(parseDuration('0,5')).toBe(30);
  });

  it('reads minutes and seconds', () => {
    expect(parseDuration('1:30')).toBe(90);
    expect(parseDuration('0:05')).toBe(5);
  });

  it('refuses what set_timer would refuse, and anything unclear', () => {
    for (const text of ['', '0', '0:00', 'abc', '-1', '1:75', '1:5', '1e3', '1441', '5 min', '2.555']) {
      expect(parseDuration(text), text).toBeNull();
    }
    expect(parseDuration('1440')).toBe(86_400);
  });
});

describe('primaryAction', () => {
  it('starts a stopped timer, pauses a running one and resumes a paused one', () => {
    expect(primaryAction('stopped')).toBe('start');
    expect(primaryAction('running')).toBe('pause');
    expect(primaryAction('paused')).toBe('resume');
    expect(primaryAction('running', 1)).toBe('pause');
  });

  it('offers to start again once the countdown reached 0:00, not to pause it', () => {
    expect(primaryAction('running', 0)).toBe('restart');
    // The backend still says "running" at zero; what is shown decides.
    const timer = running(3);
    expect(primaryAction(timer.status, secondsRemaining(timer, 0, 3000))).toBe('restart');
    expect(primaryAction(timer.status, secondsRemaining(timer, 0, 2000))).toBe('pause');
    expect(primaryAction('paused', 0)).toBe('resume');
  });
});

describe('timerPhase', () => {
  it('says a running timer at zero has ended', () => {
    expect(timerPhase(running(0), 0)).toBe('ended');
    expect(timerPhase(running(10), 10)).toBe('running');
    expect(timerPhase({ status: 'paused', duration_seconds: 60, remaining_seconds: 0 }, 0)).toBe('paused');
    expect(timerPhase({ status: 'stopped', duration_seconds: 0, remaining_seconds: 0 }, 0)).toBe('stopped');
  });
});

describe('timerShortcut', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });

  it('maps T, + and R', () => {
    expect(timerShortcut(key('t'))).toBe('toggle');
    expect(timerShortcut(key('T'))).toBe('toggle');
    expect(timerShortcut(key('+'))).toBe('add_minute');
    expect(timerShortcut(key('r'))).toBe('reset');
  });

  it('leaves keys with modifiers and other keys alone', () => {
    expect(timerShortcut(key('t', { ctrlKey: true }))).toBeNull();
    expect(timerShortcut(key('r', { metaKey: true }))).toBeNull();
    expect(timerShortcut(key('+', { altKey: true }))).toBeNull();
    expect(timerShortcut(key('n'))).toBeNull();
    expect(timerShortcut(key(' '))).toBeNull();
  });
});
