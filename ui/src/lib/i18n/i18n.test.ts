import { describe, expect, it } from 'vitest';
import { ApiError, KNOWN_ERROR_CODES, toApiError } from '../backend/types';
import { en } from './en';
import { fi } from './fi';
import { DICTIONARIES } from '../../phone/i18n.svelte';
import { detectLocale, dictionaries, errorText, interpolate, translate, translatePlural } from './messages';

const phoneFi = DICTIONARIES.fi;

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('en and fi have exactly the same keys', () => {
    expect(Object.keys(fi).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty strings', () => {
    for (const [locale, dict] of Object.entries(dictionaries)) {
      for (const [key, value] of Object.entries(dict)) {
        expect(typeof value, `${locale}.${key}`).toBe('string');
        expect(value.trim(), `${locale}.${key}`).not.toBe('');
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(fi[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('have a message for every known error code', () => {
    for (const code of KNOWN_ERROR_CODES) {
      expect(Object.keys(en), code).toContain(`error_${code}`);
    }
  });

  it('are actually translated (Finnish differs from English for most keys)', () => {
    const keys = Object.keys(en) as (keyof typeof en)[];
    const same = keys.filter((k) => en[k] === fi[k]);
    // Brand names, language names and pure formats may coincide; the rest must not.
    expect(same.sort()).toEqual(['app_name', 'error_with_detail', 'lang_en', 'lang_fi', 'workshop_meta'].sort());
  });

  it('use the agreed Finnish vocabulary', () => {
    expect(fi.new_workshop).toBe('Uusi työpaja');
    expect(fi.card_delete_forever).toBe('Poista pysyvästi');
    expect(fi.card_restore).toBe('Palauta');
    expect(fi.toast_trashed).toBe('Siirretty roskakoriin');
    expect(fi.undo).toBe('Kumoa');
    expect(fi.nav_journey).toBe('Asiakaspolku');
  });

  it('speak as Finnish service designers do', () => {
    // The area where a facilitator lets people in is named for them, not for a "room".
    expect(fi.nav_room).toBe('Osallistujat');
    expect(fi.room_code_label).toBe('Liittymiskoodi');
    expect(fi.presenter_room_code).toBe('Liittymiskoodi');
    expect(phoneFi.room_code).toBe('Liittymiskoodi');
    expect(fi.lane_touchpoint).toBe('Kosketuspiste');
    expect(fi.nav_personas).toBe('Persoonat');
    expect(fi.emotion_heading).toBe('Tunnekäyrä');
    expect(fi.voting_nav).toBe('Äänestys');
    expect(fi.new_workshop).toBe('Uusi työpaja');
    expect(fi.moment_of_truth).toBe('Totuuden hetki');
    // Template names as the backend gives them (list_templates), for when it has not answered yet.
    expect(fi.template_hotel).toBe('Hotellivierailu');
    expect(fi.template_digital).toBe('Digipalvelu monessa kanavassa');
  });

  it('use one word for one thing in Finnish, on the laptop and on the phones', () => {
    const texts = [...Object.entries(fi), ...Object.entries(phoneFi)].map(([key, text]) => [key, text.replace(/\{\w+\}/g, '')]);
    const offending = (pattern: RegExp) => texts.filter(([, text]) => pattern.test(text)).map(([key]) => key);
    // "persoona", not the English "persona"; no literal "room" (huone) for the workshop.
    expect(offending(/\bpersona/i)).toEqual([]);
    expect(offending(/huone/i)).toEqual([]);
    // Anonymous is "nimetön"; a vote is taken back ("ota takaisin"), as the buttons say.
    expect(offending(/anonyym/i)).toEqual([]);
    expect(offending(/peru (jokin )?ääni/i)).toEqual([]);
    // Things are hidden until revealed, not turned inside out; revealed, not "published".
    expect(offending(/nurinpäin|julkist/i)).toEqual([]);
  });
});

describe('detectLocale', () => {
  it('follows the browser language: fi* is Finnish, anything else English', () => {
    expect(detectLocale(null, ['fi-FI'])).toBe('fi');
    expect(detectLocale(null, ['fi'])).toBe('fi');
    expect(detectLocale(null, ['FI-fi'])).toBe('fi');
    expect(detectLocale(null, ['sv-FI', 'fi'])).toBe('en');
    expect(detectLocale(null, ['en-GB'])).toBe('en');
    expect(detectLocale(null, [])).toBe('en');
    expect(detectLocale(null, ['', 'fi'])).toBe('fi');
  });

  it('lets a stored choice win, ignoring junk', () => {
    expect(detectLocale('en', ['fi-FI'])).toBe('en');
    expect(detectLocale('fi', ['en-US'])).toBe('fi');
    expect(detectLocale('de', ['fi-FI'])).toBe('fi');
  });
});

describe('translate', () => {
  it('interpolates placeholders and leaves unknown ones alone', () => {
    expect(interpolate('Hello {name}, {missing}', { name: 'Aino' })).toBe('Hello Aino, {missing}');
    expect(interpolate('{a}{a}', { a: 1 })).toBe('11');
    expect(translate('fi', 'empty_search', { query: 'hotelli' })).toBe('Haulla ”hotelli” ei löytynyt työpajoja.');
  });

  it('does not treat user text as a template', () => {
    expect(translate('en', 'toast_restored', { title: '{title} <b>x</b>' })).toBe('“{title} <b>x</b>” was restored');
  });

  it('isolates a value holding a direction override, so the rest of the sentence keeps its order', () => {
    expect(translate('en', 'toast_restored', { title: '\u202eevil' })).toBe('“\u2068\u202eevil\u2069” was restored');
    expect(translate('fi', 'room_remove_title', { name: 'Ann\u202e' })).toBe('Poistetaanko \u2068Ann\u202e\u2069 työpajasta?');
    expect(interpolate('{n} notes', { n: 3 })).toBe('3 notes');
  });

  it('picks plural forms', () => {
    expect(translatePlural('en', 'stage_count', 1)).toBe('1 stage');
    expect(translatePlural('en', 'stage_count', 8)).toBe('8 stages');
    expect(translatePlural('en', 'stage_count', 0)).toBe('0 stages');
    expect(translatePlural('fi', 'stage_count', 1)).toBe('1 vaihe');
    expect(translatePlural('fi', 'stage_count', 8)).toBe('8 vaihetta');
  });
});

describe('errorText', () => {
  it('translates known codes', () => {
    expect(errorText('en', new ApiError('not_found', 'no workshop 42'))).toBe(en.error_not_found);
    expect(errorText('fi', new ApiError('in_trash', 'x'))).toBe(fi.error_in_trash);
    expect(errorText('fi', new ApiError('network', 'fetch failed'))).toBe(fi.error_network);
    expect(errorText('en', new ApiError('unauthorized', 'bad token'))).toBe(en.error_unauthorized);
    expect(errorText('en', new ApiError('not_in_trash', ''))).toBe(en.error_not_in_trash);
  });

  it('adds the backend’s detail to invalid_input', () => {
    expect(errorText('en', new ApiError('invalid_input', 'title: at most 200 characters'))).toBe(
      'Some of the input is not valid: title: at most 200 characters',
    );
  });

  it('falls back to the message for unknown codes, then to a generic text', () => {
    expect(errorText('en', new ApiError('http_502', 'Bad gateway'))).toBe('Bad gateway');
    expect(errorText('fi', toApiError({ code: 'weird', message: '' }))).toBe(fi.error_unknown);
    expect(errorText('en', new Error('plain'))).toBe('plain');
    expect(errorText('fi', 42)).toBe(fi.error_unknown);
  });
});
