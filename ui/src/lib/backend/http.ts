import type { Backend } from './backend';
import { ApiError, type OperationName, type Operations } from './types';

export interface HttpBackendOptions {
  /** Origin (and path prefix) of the server, '' for the page's own origin. */
  baseUrl?: string;
  /** Returns the bearer token, or null when there is none. */
  token: () => string | null;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** `POST /api/<op>` with the input as JSON and `Authorization: Bearer <token>`. */
export class HttpBackend implements Backend {
  readonly transport = 'http' as const;
  readonly #baseUrl: string;
  readonly #token: () => string | null;
  readonly #fetch: typeof fetch;

  constructor(options: HttpBackendOptions) {
    this.#baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
  }

  async call<K extends OperationName>(op: K, input: Operations[K]['input']): Promise<Operations[K]['output']> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'application/json',
    };
    const token = this.#token();
    if (token) headers.Authorization = `Bearer ${token}`;

    let response: Response;
    try {
      response = await this.#fetch(`${this.#baseUrl}/api/${encodeURIComponent(op)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (err) {
      throw new ApiError('network', err instanceof Error ? err.message : String(err));
    }

    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      throw new ApiError('network', err instanceof Error ? err.message : String(err));
    }

    if (!response.ok) throw errorFromResponse(response.status, text);

    if (text.trim() === '') return null as Operations[K]['output'];
    try {
      return JSON.parse(text) as Operations[K]['output'];
    } catch {
      throw new ApiError('bad_response', `The server sent a response that is not JSON (HTTP ${response.status}).`);
    }
  }
}

/** Map an error response to ApiError: the JSON `{code, message}` body when there is one. */
export function errorFromResponse(status: number, body: string): ApiError {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const rec = parsed as Record<string, unknown>;
      if (typeof rec.code === 'string') {
        return new ApiError(rec.code, typeof rec.message === 'string' ? rec.message : rec.code);
      }
    }
  } catch {
    // not JSON: fall through
  }
  if (status === 401) return new ApiError('unauthorized', body.trim() || 'Unauthorized');
  return new ApiError(`http_${status}`, body.trim() || `HTTP ${status}`);
}
