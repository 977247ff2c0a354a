// Shared by the voting load benchmark (tests/bench/voting.mjs) and the crash test (tests/crash/):
// a `fiilis serve` with participant access that can be SIGKILLed and started again on the same
// library and ports, HTTP the way many phones talk to it (one keep-alive connection per
// device, Retry-After honoured), the facilitator's live event stream, and a seeded random
// source so that a failing run can be repeated. For the benchmark also: phones that behave like
// the phone page (PagePhone: event stream, coalesced state refetches, an outbox), each from a
// loopback address of its own, and what a server process costs (CPU, peak RSS, open files, from
// /proc) and what the disk's fsync costs.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, fsyncSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fiilisBin } from './fiilis.mjs';

const ENV = { ...process.env, LANG: 'C.UTF-8' };

/**
 * A seeded source of random numbers: a Weyl sequence scrambled by an avalanche step, which is
 * plenty for choosing test actions and cheap enough for millions of draws.
 */
export function seededRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 2 ** 32;
  };
  return {
    next,
    /** An integer in [0, n). */
    int: (n) => Math.floor(next() * n),
    /** An integer in [low, high]. */
    between: (low, high) => low + Math.floor(next() * (high - low + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** A seed from the environment variable `name` (decimal), or a fresh one. */
export function seedFrom(name) {
  const given = process.env[name];
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`${name} must be a non-negative integer, not ${given}`);
    return seed >>> 0;
  }
  return Math.floor(Math.random() * 2 ** 32) >>> 0;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates a workshop with the CLI (the serve command needs one to open to phones); its id. */
export function createWorkshop(dataDir, title, template = 'hotel') {
  return execFileSync(fiilisBin, ['--data-dir', dataDir, 'new', title, '--template', template], {
    env: ENV,
    encoding: 'utf8',
  }).trim();
}

/**
 * Starts `fiilis serve` open to phones for `workshopId`. `port` and `lanPort` 0 pick free ones;
 * passing the ports of an earlier run restarts "the same laptop". The server's stderr is kept
 * (the last lines) for failure reports rather than mixed into the test output.
 */
export async function startServer({ dataDir, workshopId, port = 0, lanPort = 0 }) {
  // A port freed by a killed process can take a moment to be bindable again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce({ dataDir, workshopId, port, lanPort });
    } catch (error) {
      if (attempt >= 30 || (port === 0 && lanPort === 0)) throw error;
      await sleep(100);
    }
  }
}

function startOnce({ dataDir, workshopId, port, lanPort }) {
  const args = ['--data-dir', dataDir, 'serve', '--port', String(port)];
  args.push('--workshop', workshopId, '--participants', '--lan-port', String(lanPort));
  const child = spawn(fiilisBin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: ENV });
  const stderr = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > 50) stderr.shift();
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const found = {};
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    exited.then(({ code, signal }) =>
      reject(new Error(`fiilis serve exited early (${signal ?? code}): ${stderr.slice(-5).join(' | ')}`)),
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      let match;
      if ((match = line.match(/(http:\/\/127\.0\.0\.1:(\d+))\/#token=([0-9a-f]{64})/))) {
        found.origin = match[1];
        found.port = Number(match[2]);
        found.token = match[3];
      } else if ((match = line.match(/Participants join at: http:\/\/[^/]+:(\d+)\/#room=([0-9a-f]+)/))) {
        found.lanPort ??= Number(match[1]);
        found.room ??= match[2];
      } else if ((match = line.match(/Room code: ([A-Z0-9]{6})/))) {
        found.code = match[1];
      }
      if (!found.code) return;
      if (!found.origin || !found.lanPort) {
        child.kill('SIGKILL');
        reject(new Error('fiilis serve printed no participant address (no LAN interface?)'));
        return;
      }
      resolve({
        ...found,
        pid: child.pid,
        workshopId,
        // Phones may only come from loopback here; the participant listener takes them on any address.
        lan: `http://127.0.0.1:${found.lanPort}`,
        exited,
        stderr,
        /** SIGKILL: no shutdown code runs, as when the laptop loses power or the app is killed. */
        kill: async () => {
          child.kill('SIGKILL');
          return exited;
        },
        stop: async () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}

/** Runs `fiilis --data-dir DIR check`; resolves to `{status, report, stdout, stderr, missing}`. */
export function runCheck(dataDir) {
  return new Promise((resolve) => {
    const child = spawn(fiilisBin, ['--data-dir', dataDir, 'check'], { stdio: ['ignore', 'pipe', 'pipe'], env: ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (status) => {
      let report = null;
      try {
        report = JSON.parse(stdout);
      } catch {
        // Not JSON: reported through stdout as it is.
      }
      resolve({ status, report, stdout, stderr, missing: /unrecognized subcommand/.test(stderr) });
    });
  });
}

/**
 * One HTTP request with a JSON body (or none), over `agent`. Resolves to `{status, headers, body,
 * ms, bytes}` (bytes: of the body) for any answer; rejects when no answer arrived (refused, reset,
 * or killed mid-request).
 */
export function request(url, { method = 'GET', headers = {}, body, agent, timeoutMs = 30_000 } = {}) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...headers,
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          let parsed = text;
          try {
            parsed = text === '' ? null : JSON.parse(text);
          } catch {
            // A plain-text body stays text.
          }
          resolve({ status: res.statusCode, headers: res.headers, body: parsed, ms: performance.now() - started, bytes: raw.length });
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * How long a 429 asks to wait, in ms, from its Retry-After header (seconds or an HTTP date);
 * null when the header is missing or unreadable.
 */
export function retryAfterMs(headers) {
  const value = headers['retry-after'];
  if (value === undefined) return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** The facilitator API of a running server, over one keep-alive connection pool. */
export function facilitator(server) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  return {
    /** POST /api/<operation>; `{status, body, ms}`. Rejects only when no answer arrived. */
    call: (operation, input = {}) =>
      request(`${server.origin}/api/${operation}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}` },
        body: input,
        agent,
      }),
    /** The same for this workshop, and throws unless 2xx: for setting up and reading back. */
    async must(operation, input = {}) {
      const answer = await this.call(operation, { workshop_id: server.workshopId, ...input });
      if (answer.status < 200 || answer.status > 299) {
        throw new Error(`${operation}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      return answer.body;
    },
    close: () => agent.destroy(),
  };
}

/**
 * Keeps `GET /api/events` open, as the facilitator's window does, counting the changes it is
 * told about. It ends when the server goes away; `closed` then resolves.
 */
export function facilitatorEvents(server) {
  const counts = { events: 0, resyncs: 0 };
  let req;
  const opened = new Promise((resolve, reject) => {
    req = http.get(
      `${server.origin}/api/events`,
      { headers: { authorization: `Bearer ${server.token}`, accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`GET /api/events: ${res.statusCode}`));
          res.resume();
          return;
        }
        resolve();
        let pending = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          pending += chunk;
          let end;
          while ((end = pending.indexOf('\n\n')) >= 0) {
            const block = pending.slice(0, end);
            pending = pending.slice(end + 2);
            if (/^event: resync$/m.test(block)) counts.resyncs++;
            else if (/^data:/m.test(block)) counts.events++;
          }
        });
        res.on('error', () => {});
      },
    );
    req.on('error', reject);
  });
  const closed = new Promise((resolve) => req.on('close', resolve));
  return { counts, opened, closed, close: () => req.destroy() };
}

/**
 * A simulated phone: its own keep-alive connection (one request at a time, as the phone page
 * sends them), and the secret it got at join. `localAddress` (any of 127.0.0.0/8) makes it
 * come from an address of its own, as phones on the room's Wi-Fi do; without it every phone
 * shares one address, as behind a NAT.
 */
export class Phone {
  constructor(name, { localAddress } = {}) {
    this.name = name;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1, ...(localAddress ? { localAddress } : {}) });
    this.secret = null;
    this.participantId = null;
  }

  /** A call with this phone's secret to the participant server at `lan`. */
  call(lan, method, path, body) {
    return request(`${lan}${path}`, {
      method,
      agent: this.agent,
      headers: this.secret ? { authorization: `Bearer ${this.secret}` } : {},
      body,
    });
  }

  /**
   * Joins with the room token, waiting as long as each 429 asks (plus up to a quarter more, so
   * that a crowd told the same wait does not come back in one burst). Resolves to the number
   * of 429s met and whether any came without Retry-After.
   */
  async join(server, role = 'customer') {
    let limited = 0;
    let withoutRetryAfter = 0;
    for (;;) {
      const answer = await this.call(server.lan, 'POST', '/p/join', { room: server.room, name: this.name, role });
      if (answer.status === 200) {
        this.secret = answer.body.secret;
        this.participantId = answer.body.participant_id;
        return { limited, withoutRetryAfter };
      }
      if (answer.status !== 429) throw new Error(`join ${this.name}: ${answer.status} ${JSON.stringify(answer.body)}`);
      limited++;
      const wait = retryAfterMs(answer.headers);
      if (wait === null) withoutRetryAfter++;
      await sleep((wait ?? 1000) * (1 + Math.random() / 4));
    }
  }

  close() {
    this.agent.destroy();
  }
}

/** Order statistics of `samples` (ms), rounded to 0.01 ms. */
export function summary(samples) {
  if (samples.length === 0) return { n: 0 };
  const sorted = Float64Array.from(samples).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const round = (value) => Math.round(value * 100) / 100;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(mean),
  };
}

// ---- phones that behave like the phone page (ui/src/phone/session.svelte.ts) ----------------

/**
 * The loopback address of simulated phone `index` (0-based): 127.<block>.<hi>.<lo>, 250 phones
 * to each <hi>. Only ever in 127.0.0.0/8, which Linux routes to this machine whatever the
 * address; every phone then comes from an address of its own, as on the room's Wi-Fi.
 */
export function loopbackAddress(index, block = 2) {
  const hi = Math.floor(index / 250);
  if (!Number.isInteger(index) || index < 0 || hi > 255 || block < 1 || block > 254) {
    throw new Error(`no loopback address for phone ${index}`);
  }
  const address = `127.${block}.${hi}.${(index % 250) + 1}`;
  if (!/^127\.\d+\.\d+\.\d+$/.test(address)) throw new Error(`not a loopback address: ${address}`);
  return address;
}

/** The page's pause before retry `attempt` (0-based): 1 s, 2 s, 4 s … at most 15 s, ±20 % (ui/src/phone/sse.ts). */
export function pageBackoff(attempt, random = Math.random) {
  const base = Math.min(15_000, 1000 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** An event's data as the page reads it: what every phone is shown alike (an object), or null
 * for a request to fetch the view (ui/src/phone/view.ts `sharedIn`). */
export function pageSharedIn(data) {
  try {
    const value = JSON.parse(data);
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}

/** The page's view with the shared part put in place, or null when the page fetches its view
 * instead (ui/src/phone/view.ts `withShared`; ui/src/phone/shared.test.ts holds the two alike). */
export function pageWithShared(state, shared) {
  const { round, question, ...common } = shared;
  if (round && (state.round?.id !== round.id || state.round.votes_per_participant !== round.votes_per_participant)) return null;
  if (question && state.question?.id !== question.id) return null;
  return {
    ...state,
    ...common,
    round: round && state.round ? { ...state.round, ...round } : null,
    question: question && state.question ? { ...state.question, ...question } : null,
  };
}

/** Whether the page fetches its view after the action sent to `path` was acknowledged
 * (`acked`) or refused (ui/src/phone/view.ts `fetchesAfter`; shared.test.ts holds the two
 * alike): not after an acknowledged vote or retraction, which the page shows by itself. */
export function pageFetchesAfter(path, acked) {
  return !acked || !['/p/votes', '/p/votes/retract'].includes(path);
}

/** Counters shared by a crowd of PagePhones: what the server sent them and what they sent. */
export function newTally() {
  return {
    // GET /p/events
    streams_opened: 0,
    stream_drops: 0,
    stream_refused: 0,
    sse_events: 0,
    // events carrying the shared view that the phone put in place without a fetch
    views_placed: 0,
    sse_comments: 0,
    sse_bytes: 0,
    // GET /p/state
    state_fetches: 0,
    state_bytes: 0,
    state_refused: 0,
    state_429: 0,
    state_network_errors: 0,
    // POST (the outbox)
    actions_sent: 0,
    actions_acked: 0,
    actions_refused: 0,
    action_429: 0,
    action_5xx: 0,
    action_network_errors: 0,
    action_resends: 0,
    unauthorized: 0,
  };
}

/**
 * A phone that behaves as the phone page does once joined (Session.start in
 * ui/src/phone/session.svelte.ts): it keeps `GET /p/events` open (remade after the page's
 * backoff when it drops), refetches `GET /p/state` when the stream opens and after each event
 * (unless the event carries the view every phone shares and the page can put it in place),
 * with one fetch in flight and every call meanwhile folded into one more fetch; and it sends its
 * actions through an outbox, one at a time and in order, sending an unanswered one again with
 * the same body (so the same client_id) after the page's backoff, dropping a refused one (4xx
 * other than 401/408/429), and refetching its state once the outbox is empty unless all it
 * sent were acknowledged votes or retractions (which the page shows by itself). Its connections
 * come from `localAddress` (up to six, as a browser keeps per host).
 *
 * `tally` gathers counts for a crowd; `onState(state, at)` is called with every state fetched.
 */
export class PagePhone extends Phone {
  constructor(name, { localAddress, tally = newTally(), random = Math.random } = {}) {
    super(name, { localAddress });
    this.agent.destroy();
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 6, ...(localAddress ? { localAddress } : {}) });
    this.localAddress = localAddress;
    this.tally = tally;
    this.random = random;
    this.lan = null;
    this.state = null;
    this.onState = null;
    this.streamOpen = false;
    this.stopped = false;
    this.outbox = [];
    // Whether an action answered since the outbox last emptied asks for a state fetch.
    this.stale = false;
    this.fetching = null;
    this.fetchAgain = false;
    this.flushing = null;
    this.retries = 0;
    this.retryTimer = null;
    this.refreshRetries = 0;
    this.refreshTimer = null;
    this.stream = null;
    this.wakeStream = null;
    this.opened = new Promise((resolve) => (this.markOpened = resolve));
  }

  /** Starts syncing with the participant server at `lan`, as the page does after joining. */
  start(lan) {
    this.lan = lan;
    void this.#live();
    void this.refresh();
    void this.flush();
  }

  async #live() {
    let attempt = 0;
    while (!this.stopped) {
      try {
        await this.#stream(() => {
          attempt = 0;
        });
      } catch {
        // Dropped or refused: try again after a pause.
      }
      this.streamOpen = false;
      if (this.stopped) break;
      this.tally.stream_drops++;
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, pageBackoff(attempt++, this.random));
        this.wakeStream = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeStream = null;
    }
  }

  #stream(onOpen) {
    return new Promise((resolve, reject) => {
      const req = http.get(
        `${this.lan}/p/events`,
        { agent: this.agent, headers: { authorization: `Bearer ${this.secret}`, accept: 'text/event-stream' } },
        (res) => {
          if (res.statusCode === 401) {
            this.tally.unauthorized++;
            this.stop();
            res.resume();
            resolve();
            return;
          }
          if (res.statusCode !== 200) {
            this.tally.stream_refused++;
            res.resume();
            reject(new Error(`events answered ${res.statusCode}`));
            return;
          }
          onOpen();
          this.tally.streams_opened++;
          this.streamOpen = true;
          this.markOpened();
          void this.refresh();
          void this.flush();
          let pending = '';
          res.on('data', (chunk) => {
            this.tally.sse_bytes += chunk.length;
            pending += chunk.toString('utf8').replace(/\r\n?/g, '\n');
            let end;
            while ((end = pending.indexOf('\n\n')) >= 0) {
              const block = pending.slice(0, end);
              pending = pending.slice(end + 2);
              if (/^data:/m.test(block)) {
                this.tally.sse_events++;
                this.#heard(block.match(/^data: ?(.*)$/m)[1]);
              } else if (block.startsWith(':')) {
                this.tally.sse_comments++;
              }
            }
          });
          res.on('error', () => {});
          res.on('close', resolve);
        },
      );
      this.stream = req;
      req.on('error', reject);
    });
  }

  /** An event, as the page takes it: the shared view put in place, else a fetch. */
  #heard(data) {
    const shared = pageSharedIn(data);
    const merged = shared && this.state && !this.fetching ? pageWithShared(this.state, shared) : null;
    if (!merged) {
      void this.refresh();
      return;
    }
    this.tally.views_placed++;
    this.state = merged;
    this.onState?.(merged, performance.now());
  }

  /** Refetches this phone's view; calls made meanwhile are folded into one more fetch. */
  refresh() {
    if (this.fetching) {
      this.fetchAgain = true;
      return this.fetching;
    }
    this.fetching = (async () => {
      do {
        this.fetchAgain = false;
        if (this.stopped) return;
        let answer;
        try {
          answer = await this.call(this.lan, 'GET', '/p/state');
        } catch {
          this.tally.state_network_errors++;
          this.#refreshLater();
          return;
        }
        if (answer.status === 200) {
          this.tally.state_fetches++;
          this.tally.state_bytes += answer.bytes;
          this.state = answer.body;
          this.refreshRetries = 0;
          this.onState?.(answer.body, performance.now());
        } else {
          if (answer.status === 401) {
            this.tally.unauthorized++;
            this.stop();
            return;
          }
          if (answer.status === 429) this.tally.state_429++;
          else this.tally.state_refused++;
          // As the page: busy or failing (408, 429, 5xx) → one more fetch after a backoff;
          // a plain refusal waits for the next event or acknowledgement.
          if (answer.status === 408 || answer.status === 429 || answer.status >= 500) this.#refreshLater();
          return;
        }
      } while (this.fetchAgain);
    })().finally(() => {
      this.fetching = null;
    });
    return this.fetching;
  }

  /**
   * Queues an action (`POST path` with `body`) as a tap on the page does; resolves once it is
   * acknowledged or refused: `{acked, status, body, ms, sends, enqueuedAt, at}` (`ms`: the last
   * send's round trip; `sends`: how often it went out).
   */
  enqueue(path, body) {
    return new Promise((resolve) => {
      this.outbox.push({ path, body, resolve, sends: 0, enqueuedAt: performance.now() });
      void this.flush();
    });
  }

  /** Sends what waits in the outbox, in order; on no answer (or 408/429/5xx) tries again after the page's backoff. */
  flush() {
    if (this.outbox.length === 0 || this.stopped) return Promise.resolve();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.flushing ??= this.#run().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  async #run() {
    while (this.outbox.length > 0 && !this.stopped) {
      const item = this.outbox[0];
      item.sends++;
      this.tally.actions_sent++;
      if (item.sends > 1) this.tally.action_resends++;
      let answer;
      try {
        answer = await this.call(this.lan, 'POST', item.path, item.body);
      } catch {
        this.tally.action_network_errors++;
        return this.#offline();
      }
      if (answer.status === 401) {
        this.tally.unauthorized++;
        this.stop();
        return;
      }
      if (answer.status === 408 || answer.status === 429 || answer.status >= 500) {
        if (answer.status === 429) this.tally.action_429++;
        else this.tally.action_5xx++;
        return this.#offline();
      }
      this.outbox.shift();
      const acked = answer.status >= 200 && answer.status <= 299;
      this.stale ||= pageFetchesAfter(item.path, acked);
      if (acked) this.tally.actions_acked++;
      else this.tally.actions_refused++;
      item.resolve({ acked, status: answer.status, body: answer.body, ms: answer.ms, sends: item.sends, enqueuedAt: item.enqueuedAt, at: performance.now() });
    }
    this.retries = 0;
    if (!this.stopped && this.stale) {
      this.stale = false;
      void this.refresh();
    }
  }

  /** One more state fetch after the page's backoff (not several, however many failures ask). */
  #refreshLater() {
    if (this.refreshTimer || this.stopped) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, pageBackoff(this.refreshRetries++, this.random));
  }

  #offline() {
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, pageBackoff(this.retries++, this.random));
  }

  /** Whether nothing waits to be sent and no fetch is under way. */
  get settled() {
    return this.outbox.length === 0 && this.fetching === null && this.flushing === null;
  }

  stop() {
    this.stopped = true;
    this.streamOpen = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.stream?.destroy();
    this.wakeStream?.();
  }

  close() {
    this.stop();
    super.close();
  }
}

// ---- what a process costs -------------------------------------------------------------------

/** Open files, CPU seconds (user + system), RSS and its peak (VmHWM, MB) of `pid`, from /proc; null once it is gone. */
export function processFigures(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
    return {
      cpu_s: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS,
      rss_mb: kb('VmRSS') / 1024,
      hwm_mb: kb('VmHWM') / 1024,
      threads: Number(status.match(/^Threads:\s+(\d+)/m)?.[1] ?? NaN),
      fds: readdirSync(`/proc/${pid}/fd`).length,
    };
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100;

/**
 * Samples a server process every `everyMs` (and a successor after a restart, `follow(pid)`):
 * CPU seconds over all the pids followed (a killed one counts with its last sample), the peak
 * RSS (VmHWM) and the most open file descriptors seen.
 */
export function watchProcess(pid, everyMs = 250) {
  const lastCpu = new Map();
  let peakHwm = 0;
  let peakFds = 0;
  let current = pid;
  const sample = () => {
    const figures = processFigures(current);
    if (!figures) return null;
    lastCpu.set(current, figures.cpu_s);
    // A killed process not yet reaped has no memory figures left: keep the peak seen.
    if (Number.isFinite(figures.hwm_mb)) peakHwm = Math.max(peakHwm, figures.hwm_mb);
    peakFds = Math.max(peakFds, figures.fds);
    return figures;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    follow(next) {
      sample();
      current = next;
      sample();
    },
    /** CPU seconds of every pid followed so far. */
    cpu() {
      sample();
      return [...lastCpu.values()].reduce((sum, value) => sum + value, 0);
    },
    sample,
    /** Peak RSS (MB) and open files (peak, now), after a last sample. */
    peaks() {
      const now = sample();
      return { peak_rss_mb: Math.round(peakHwm * 10) / 10, fds_peak: peakFds, fds_now: now?.fds ?? null };
    },
    stop: () => clearInterval(timer),
  };
}

/** The limits on open files of this process, `{soft, hard}` (from /proc/self/limits; Infinity when unlimited), or null. */
export function openFileLimit() {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').match(/^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m);
    const value = (text) => (text === 'unlimited' ? Infinity : Number(text));
    return line ? { soft: value(line[1]), hard: value(line[2]) } : null;
  } catch {
    return null;
  }
}

/**
 * The disk's raw fsync rate in `dir`: writes one byte and fsyncs it, again and again, for
 * `seconds`. Every commit of a durable SQLite write waits for at least one such fsync.
 */
export function fsyncRate(dir, seconds = 2) {
  const path = join(dir, `fsync-probe-${process.pid}`);
  const fd = openSync(path, 'w');
  const byte = Buffer.from('x');
  const times = [];
  try {
    const end = performance.now() + seconds * 1000;
    let offset = 0;
    while (performance.now() < end) {
      const started = performance.now();
      writeSync(fd, byte, 0, 1, offset++ % 4096);
      fsyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  const total = times.reduce((sum, value) => sum + value, 0);
  return { fsyncs: times.length, per_s: Math.round((times.length / total) * 1000), latency_ms: summary(times) };
}
