import { describe, expect, it } from 'vitest';
import { parseTokenHash } from '../backend/token';
import { presenterIdFromHash, presenterUrl } from './route';

const WORKSHOP = '0193b0c4-7d1e-7000-8000-000000000001';

describe('presenter route', () => {
  it('reads the workshop id from the fragment', () => {
    expect(presenterIdFromHash(`#presenter=${WORKSHOP}`)).toBe(WORKSHOP);
    expect(presenterIdFromHash(`presenter=${WORKSHOP}`)).toBe(WORKSHOP);
    expect(presenterIdFromHash(`#token=abc&presenter=${WORKSHOP}`)).toBe(WORKSHOP);
  });

  it('is not the presenter route without an id', () => {
    expect(presenterIdFromHash('')).toBeNull();
    expect(presenterIdFromHash('#')).toBeNull();
    expect(presenterIdFromHash('#presenter=')).toBeNull();
    expect(presenterIdFromHash('#presenter=%20')).toBeNull();
    expect(presenterIdFromHash('#token=abc')).toBeNull();
  });

  it('builds a same-origin URL whose token the new tab takes and whose route stays', () => {
    const url = presenterUrl({ origin: 'http://127.0.0.1:8080', pathname: '/', search: '' }, 'f'.repeat(64), WORKSHOP);
    expect(url.startsWith('http://127.0.0.1:8080/#')).toBe(true);
    const hash = new URL(url).hash;
    const { token, rest } = parseTokenHash(hash);
    expect(token).toBe('f'.repeat(64));
    expect(presenterIdFromHash(rest)).toBe(WORKSHOP);
  });

  it('works without a token (the desktop window needs none)', () => {
    const url = presenterUrl({ origin: 'tauri://localhost', pathname: '/index.html', search: '' }, null, WORKSHOP);
    expect(url).toBe(`tauri://localhost/index.html#presenter=${WORKSHOP}`);
  });
});
