import { describe, expect, it } from 'vitest';
import { clampToScale, formatScore, position, scaleRange, stepOnScale } from './scale';
import { secondsLeft } from './countdown';
import { formatSeconds } from '../lib/room/timer';
import { localeFor, translate, DICTIONARIES } from './i18n.svelte';
import { noteLength } from './palette';
import { normaliseCode, roomFromHash } from './session.svelte';

describe('scale helpers', () => {
  it('knows the three workshop scales', () => {
    expect(scaleRange('-2..2')).toEqual({ min: -2, max: 2, step: 1, neutral: 0 });
    expect(scaleRange('-3..3')).toEqual({ min: -3, max: 3, step: 1, neutral: 0 });
    expect(scaleRange('1..10')).toEqual({ min: 1, max: 10, step: 1, neutral: 5 });
    expect(scaleRange('nonsense')).toEqual(scaleRange('-2..2'));
    expect(scaleRange('5..1')).toEqual(scaleRange('-2..2'));
  });

  it('keeps scores on the scale', () => {
    const r = scaleRange('-2..2');
    expect(clampToScale(r, 7)).toBe(2);
    expect(clampToScale(r, -9)).toBe(-2);
    expect(clampToScale(r, 0.6)).toBe(1);
    expect(clampToScale(r, Number.NaN)).toBe(0);
    const ten = scaleRange('1..10');
    expect(clampToScale(ten, 0)).toBe(1);
    expect(stepOnScale(ten, 10, 1)).toBe(10);
    expect(stepOnScale(ten, 1, -1)).toBe(1);
    expect(stepOnScale(ten, 5, 1)).toBe(6);
  });

  it('shows signed scores around zero and plain ones on 1..10', () => {
    const r = scaleRange('-3..3');
    expect(formatScore(r, 2)).toBe('+2');
    expect(formatScore(r, 0)).toBe('0');
    expect(formatScore(r, -3)).toBe('\u22123');
    expect(formatScore(scaleRange('1..10'), 7)).toBe('7');
  });

  it('places scores from worst to best', () => {
    expect(position(scaleRange('-2..2'), -2)).toBe(0);
    expect(position(scaleRange('-2..2'), 0)).toBe(0.5);
    expect(position(scaleRange('1..10'), 10)).toBe(1);
  });
});

describe('countdown', () => {
  it('counts whole seconds down to zero', () => {
    const now = Date.parse('2026-11-23T08:00:00.000Z');
    expect(secondsLeft(null, now)).toBeNull();
    expect(secondsLeft('garbage', now)).toBeNull();
    expect(secondsLeft('2026-11-23T08:01:15.000Z', now)).toBe(75);
    expect(secondsLeft('2026-11-23T08:00:00.400Z', now)).toBe(1);
    expect(secondsLeft('2026-11-23T07:59:00.000Z', now)).toBe(0);
    expect(formatSeconds(75)).toBe('1:15');
    expect(formatSeconds(5)).toBe('0:05');
    expect(formatSeconds(3700)).toBe('1:01:40');
  });
});

describe('phone text', () => {
  it('follows the phone language', () => {
    expect(localeFor(['fi-FI', 'en'])).toBe('fi');
    expect(localeFor(['sv-FI', 'en-GB'])).toBe('en');
    expect(localeFor(['de'])).toBe('en');
  });

  it('has every message in both languages and fills in numbers', () => {
    expect(Object.keys(DICTIONARIES.fi).sort()).toEqual(Object.keys(DICTIONARIES.en).sort());
    expect(translate('fi', 'status_offline', { n: 2 })).toBe('Ei yhteyttä, 2 odottaa');
    expect(translate('en', 'votes_left_of', { total: 2 })).toBe('of 2 votes left');
    expect(translate('en', 'signed_in_as', { name: '\u202eAnn' })).toBe('You are \u2068\u202eAnn\u2069');
    expect(translate('en', 'signed_in_as', { name: 'Ann' })).toBe('You are Ann');
  });

  it('counts note length as the server does', () => {
    expect(noteLength('  abc  ')).toBe(3);
    expect(noteLength('😀é')).toBe(2);
  });

  it('reads the room from the QR fragment and tidies typed codes', () => {
    expect(roomFromHash('#room=abc123')).toBe('abc123');
    expect(roomFromHash('#token=x')).toBeNull();
    expect(roomFromHash('')).toBeNull();
    expect(normaliseCode(' ab c-12 ')).toBe('ABC12');
  });
});
