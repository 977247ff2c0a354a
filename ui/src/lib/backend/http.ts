import type { Backend, SubscribeOptions } from './backend';
import { SseDecoder, backoffDelay, type SseEvent } from './sse';
import { ApiError, wireErrorCode, type Change, type OperationName, type Operations } from './types';

export interface HttpBackendOptions {
  /** Origin (and path prefix) of the server, '' for the page's own origin. */
  baseUrl?: string;
  /** Returns the bearer token, or null when there is none. */
  token: () => string | null;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Reconnect delay after `attempt` failures in a row; injected for tests. */
  backoff?: (attempt: number) => number;
}

/** `POST /api/<op>` with the input as JSON and `Authorization: Bearer <token>`. */
export class HttpBackend implements Backend {
  readonly transport = 'http' as const;
  readonly #baseUrl: string;
  readonly #token: () => string | null;
  readonly #fetch: typeof fetch;
  readonly #backoff: (attempt: number) => number;

  constructor(options: HttpBackendOptions) {
    this.#baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.#backoff = options.backoff ?? ((attempt) => backoffDelay(attempt));
  }

  /**
   * `GET /api/events` with the bearer token, read as a stream (EventSource cannot send
   * headers). Reconnects with backoff whenever the stream fails or ends, until stopped.
   */
  subscribe(listener: (change: Change) => void, options: SubscribeOptions = {}): () => void {
    let stopped = false;
    let controller: AbortController | null = null;
    let wake: (() => void) | null = null;

    const deliver = (event: SseEvent) => {
      if (event.type !== 'message') return;
      let change: unknown;
      try {
        change = JSON.parse(event.data);
      } catch {
        return; // not a Change: ignore
      }
      if (change && typeof change === 'object' && typeof (change as Change).workshop_id === 'string') {
        try {
          listener(change as Change);
        } catch (err) {
          console.error(err);
        }
      }
    };

    const connectOnce = async (): Promise<boolean> => {
      controller = new AbortController();
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      const token = this.#token();
      if (token) headers.Authorization = `Bearer ${token}`;
      let opened = false;
      try {
        const response = await this.#fetch(`${this.#baseUrl}/api/events`, {
          method: 'GET',
          headers,
          credentials: 'omit',
          cache: 'no-store',
          signal: controller.signal,
        });
        if (!response.ok || !response.body) {
          await response.body?.cancel().catch(() => {});
          return false;
        }
        opened = true;
        options.onopen?.();
        const reader = response.body.getReader();
        const decoder = new SseDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          for (const event of decoder.push(value)) deliver(event);
          if (stopped) break;
        }
        if (stopped) await reader.cancel().catch(() => {});
      } catch {
        // network failure or aborted: reconnect below unless stopped
      }
      return opened;
    };

    const run = async () => {
      let attempt = 0;
      while (!stopped) {
        const opened = await connectOnce();
        if (stopped) return;
        attempt = opened ? 0 : attempt + 1;
        const delay = this.#backoff(attempt);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    };
    void run();

    return () => {
      stopped = true;
      controller?.abort();
      wake?.();
    };
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
        return new ApiError(wireErrorCode(rec.code), typeof rec.message === 'string' ? rec.message : rec.code);
      }
    }
  } catch {
    // not JSON: fall through
  }
  if (status === 401) return new ApiError('unauthorized', body.trim() || 'Unauthorized');
  return new ApiError(`http_${status}`, body.trim() || `HTTP ${status}`);
}
