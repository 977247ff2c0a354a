// A parser for `text/event-stream` bodies (the HTML "server-sent events" format), fed chunk
// by chunk as they arrive from a fetch() body reader. EventSource cannot send an
// Authorization header, so the HTTP backend reads the stream itself.

export interface SseEvent {
  /** The `event:` field, 'message' when absent. */
  type: string;
  /** The `data:` lines joined with '\n'. */
  data: string;
  /** The last `id:` seen (it carries over to later events, as in EventSource). */
  lastEventId: string;
}

/** Text in, complete events out. Lines may end in \n, \r\n or \r, and split anywhere. */
export class SseParser {
  #buffer = '';
  #pendingCR = false;
  #data: string[] = [];
  #type = '';
  #lastEventId = '';
  #hasData = false;

  /** Feeds decoded text; returns the events completed by it (possibly none). */
  push(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    let chunk = text;
    // A '\r' ending the previous chunk may be the first half of '\r\n'.
    if (this.#pendingCR) {
      this.#pendingCR = false;
      if (chunk.startsWith('\n')) chunk = chunk.slice(1);
    }
    this.#buffer += chunk;
    let start = 0;
    for (let i = 0; i < this.#buffer.length; i++) {
      const c = this.#buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      const line = this.#buffer.slice(start, i);
      if (c === 13) {
        if (i + 1 < this.#buffer.length) {
          if (this.#buffer.charCodeAt(i + 1) === 10) i++;
        } else {
          this.#pendingCR = true;
        }
      }
      start = i + 1;
      const event = this.#line(line);
      if (event) events.push(event);
    }
    this.#buffer = this.#buffer.slice(start);
    return events;
  }

  #line(line: string): SseEvent | null {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return null; // a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.#data.push(value);
        this.#hasData = true;
        break;
      case 'event':
        this.#type = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.#lastEventId = value;
        break;
      default:
        // `retry` and unknown fields: ignored (the caller has its own backoff)
        break;
    }
    return null;
  }

  #dispatch(): SseEvent | null {
    const event = this.#hasData ? { type: this.#type || 'message', data: this.#data.join('\n'), lastEventId: this.#lastEventId } : null;
    this.#data = [];
    this.#type = '';
    this.#hasData = false;
    return event;
  }
}

/** Bytes in (UTF-8, split anywhere, even inside a character), events out. */
export class SseDecoder {
  readonly #decoder = new TextDecoder('utf-8');
  readonly #parser = new SseParser();

  push(bytes: Uint8Array): SseEvent[] {
    return this.#parser.push(this.#decoder.decode(bytes, { stream: true }));
  }

  end(): SseEvent[] {
    // An event without its closing blank line is incomplete and dropped, as EventSource does.
    return this.#parser.push(this.#decoder.decode());
  }
}

/** Reconnect delay after `attempt` consecutive failures: 250 ms doubling up to 10 s, with jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 250 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.75 + 0.5 * random()));
}
