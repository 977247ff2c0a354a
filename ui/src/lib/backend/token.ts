// The HTTP transport's bearer token. `fiilis serve` prints a URL with `#token=…`; the
// fragment never reaches the server logs. We move it into sessionStorage and out of the URL.

export const TOKEN_STORAGE_KEY = 'fiilis.token';

export interface ParsedHash {
  token: string | null;
  /** The fragment without the token ('' or '#…'). */
  rest: string;
}

/** Split a location hash (`#token=abc&x=1`) into the token and what remains. */
export function parseTokenHash(hash: string): ParsedHash {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return { token: null, rest: '' };
  const params = new URLSearchParams(raw);
  const token = params.get('token');
  if (token === null) return { token: null, rest: hash.startsWith('#') ? hash : `#${hash}` };
  params.delete('token');
  const remaining = params.toString();
  return { token: token.trim() || null, rest: remaining ? `#${remaining}` : '' };
}

interface LocationLike {
  hash: string;
  pathname: string;
  search: string;
}
interface HistoryLike {
  readonly state: unknown;
  replaceState(data: unknown, unused: string, url?: string | URL | null): void;
}
interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * On start: take `#token=` from the URL (storing it and removing it from the address bar
 * with history.replaceState), else fall back to the token stored by an earlier load.
 */
export function takeToken(location: LocationLike, history: HistoryLike, storage: StorageLike | null): string | null {
  const { token, rest } = parseTokenHash(location.hash);
  if (token !== null) {
    try {
      storage?.setItem(TOKEN_STORAGE_KEY, token);
    } catch {
      // Storage can be disabled; the token still works for this page's lifetime.
    }
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest}`);
    return token;
  }
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
