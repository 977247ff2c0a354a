import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, parseTokenHash, takeToken } from './token';

class MemoryStorage {
  map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

function fakeHistory() {
  const calls: { state: unknown; url: string | URL | null | undefined }[] = [];
  return {
    state: { keep: true } as unknown,
    calls,
    replaceState(state: unknown, _unused: string, url?: string | URL | null) {
      calls.push({ state, url });
    },
  };
}

describe('parseTokenHash', () => {
  it('extracts the token and leaves nothing behind', () => {
    expect(parseTokenHash('#token=abc123')).toEqual({ token: 'abc123', rest: '' });
  });

  it('keeps other fragment parameters', () => {
    expect(parseTokenHash('#token=abc&view=trash')).toEqual({ token: 'abc', rest: '#view=trash' });
    expect(parseTokenHash('#view=trash&token=abc')).toEqual({ token: 'abc', rest: '#view=trash' });
  });

  it('decodes percent-encoded tokens', () => {
    expect(parseTokenHash('#token=a%2Bb%3D').token).toBe('a+b=');
  });

  it('returns null without a token', () => {
    expect(parseTokenHash('')).toEqual({ token: null, rest: '' });
    expect(parseTokenHash('#')).toEqual({ token: null, rest: '' });
    expect(parseTokenHash('#view=trash')).toEqual({ token: null, rest: '#view=trash' });
    expect(parseTokenHash('#token=').token).toBeNull();
  });
});

describe('takeToken', () => {
  it('stores the token from the hash and removes it from the URL', () => {
    const storage = new MemoryStorage();
    const history = fakeHistory();
    const token = takeToken({ hash: '#token=s3cret', pathname: '/', search: '?x=1' }, history, storage);
    expect(token).toBe('s3cret');
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('s3cret');
    expect(history.calls).toHaveLength(1);
    expect(history.calls[0].url).toBe('/?x=1');
    expect(String(history.calls[0].url)).not.toContain('s3cret');
    expect(history.calls[0].state).toEqual({ keep: true });
  });

  it('reads the stored token on a later load without touching the URL', () => {
    const storage = new MemoryStorage();
    storage.setItem(TOKEN_STORAGE_KEY, 'from-before');
    const history = fakeHistory();
    expect(takeToken({ hash: '', pathname: '/', search: '' }, history, storage)).toBe('from-before');
    expect(history.calls).toHaveLength(0);
  });

  it('prefers a new token in the hash over the stored one', () => {
    const storage = new MemoryStorage();
    storage.setItem(TOKEN_STORAGE_KEY, 'old');
    expect(takeToken({ hash: '#token=new', pathname: '/app/', search: '' }, fakeHistory(), storage)).toBe('new');
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('still works when storage throws or is missing', () => {
    const throwing = {
      getItem(): string | null {
        throw new Error('denied');
      },
      setItem(): void {
        throw new Error('denied');
      },
    };
    expect(takeToken({ hash: '#token=t', pathname: '/', search: '' }, fakeHistory(), throwing)).toBe('t');
    expect(takeToken({ hash: '', pathname: '/', search: '' }, fakeHistory(), throwing)).toBeNull();
    expect(takeToken({ hash: '', pathname: '/', search: '' }, fakeHistory(), null)).toBeNull();
  });
});
