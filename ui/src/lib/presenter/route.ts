// The presenter view's address: `#presenter=<workshop id>`, opened in the desktop app's
// second window or, from `fiilis serve`, in a new browser tab that carries the access token.

const PARAM = 'presenter';

/** The workshop id of a `#presenter=…` fragment (other parameters, like a token, may sit beside it). */
export function presenterIdFromHash(hash: string): string | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const id = new URLSearchParams(raw).get(PARAM)?.trim();
  return id ? id : null;
}

/**
 * The same page, opened on the presenter route. The token goes into the fragment like the
 * URL `fiilis serve` prints, so the new tab finds it where it looks first and the server
 * never sees it; the tab then removes it from its address bar.
 */
export function presenterUrl(location: { origin: string; pathname: string; search: string }, token: string | null, workshopId: string): string {
  const params = new URLSearchParams();
  if (token) params.set('token', token);
  params.set(PARAM, workshopId);
  return `${location.origin}${location.pathname}${location.search}#${params.toString()}`;
}
