// Shared by the voting load benchmark (tests/bench/voting.mjs) and the crash test (tests/crash/):
// a `fiilis serve` with participant access that can be SIGKILLed and started again on the same
// library and ports, HTTP the way many phones talk to it (one keep-alive connection per
// device, Retry-After honoured), the facilitator's live event stream, and a seeded random
// source so that a failing run can be repeated.
import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
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
 * ms}` for any answer; rejects when no answer arrived (refused, reset, or killed mid-request).
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
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = text === '' ? null : JSON.parse(text);
          } catch {
            // A plain-text body stays text.
          }
          resolve({ status: res.statusCode, headers: res.headers, body: parsed, ms: performance.now() - started });
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
