// Live updates: `GET /p/events` read with fetch streaming (EventSource cannot send the
// Authorization header). Each event's data is either what every phone is shown alike now
// (JSON, see the session) or a number that asks the phone to fetch its own view. The
// connection is remade with growing pauses when it drops.

/** Splits a text/event-stream into the data of its events, chunk by chunk. */
export class SseParser {
  #buffer = '';
  #data: string[] = [];

  /** Feeds more text; returns the data of every event completed by it. */
  feed(chunk: string): string[] {
    this.#buffer += chunk;
    const events: string[] = [];
    let end: number;
    while ((end = this.#buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.#buffer.slice(0, end);
      const newline = this.#buffer.startsWith('\r\n', end) ? 2 : 1;
      // A lone \r at the very end may be the first half of \r\n: wait for more.
      if (newline === 1 && this.#buffer[end] === '\r' && end === this.#buffer.length - 1) break;
      this.#buffer = this.#buffer.slice(end + newline);
      if (line === '') {
        if (this.#data.length > 0) events.push(this.#data.join('\n'));
        this.#data = [];
      } else if (line.startsWith('data:')) {
        this.#data.push(line.slice(5).replace(/^ /, ''));
      }
      // Comments (":keep-alive") and other fields (event:, id:, retry:) are ignored.
    }
    return events;
  }
}

/** The pause before reconnect attempt `attempt` (0-based): 1 s, 2 s, 4 s … at most 15 s. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 1000 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface LiveOptions {
  url: string;
  secret: string;
  /** Called with each event's data. */
  onEvent: (data: string) => void;
  /** Called each time the stream is (re)connected: a good moment to refetch and resend. */
  onOpen?: () => void;
  /** Called when the server refuses the secret; the stream then stops for good. */
  onUnauthorized?: () => void;
  onDown?: () => void;
}

/** Keeps an event stream open until stopped. `restart()` drops the connection and reconnects now. */
export function live(options: LiveOptions): { stop: () => void; restart: () => void } {
  let stopped = false;
  let controller: AbortController | null = null;
  let wake: (() => void) | null = null;
  let attempt = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  async function once() {
    controller = new AbortController();
    const response = await fetch(options.url, {
      headers: { authorization: `Bearer ${options.secret}`, accept: 'text/event-stream' },
      cache: 'no-store',
      signal: controller.signal,
    });
    if (response.status === 401) {
      stopped = true;
      options.onUnauthorized?.();
      return;
    }
    if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);
    attempt = 0;
    options.onOpen?.();
    const parser = new SseParser();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const data of parser.feed(value)) options.onEvent(data);
    }
  }

  void (async () => {
    while (!stopped) {
      try {
        await once();
      } catch {
        // Dropped or refused: try again after a pause.
      }
      if (stopped) break;
      options.onDown?.();
      await sleep(backoff(attempt++));
    }
  })();

  return {
    stop() {
      stopped = true;
      controller?.abort();
      wake?.();
    },
    restart() {
      attempt = 0;
      controller?.abort();
      wake?.();
    },
  };
}
