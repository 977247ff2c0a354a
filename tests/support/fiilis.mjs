// Starts the real `fiilis` binary for end-to-end tests, each on its own temporary library.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The release binary built by `make app`. */
export const fiilisBin = process.env.FIILIS_BIN ?? 'target/release/fiilis';

/** A fresh, empty data folder, removed by the returned cleanup. */
export function tempDataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'fiilis-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs `fiilis --data-dir DIR serve --port 0` and resolves once it prints its URL.
 * @returns {Promise<{url: string, origin: string, token: string, stop: () => Promise<void>}>}
 */
export function serve(dataDir) {
  const child = spawn(fiilisBin, ['--data-dir', dataDir, 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LANG: 'C.UTF-8' },
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fiilis serve exited early with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = line.match(/(http:\/\/127\.0\.0\.1:\d+)\/#token=([0-9a-f]{64})/);
      if (!match) return;
      resolve({
        url: match[0],
        origin: match[1],
        token: match[2],
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

/**
 * Calls the facilitator `operation` of a running server (`{origin, token}`) with `token`, or with
 * no token when it is null; resolves to `{status, body}` whatever the status.
 */
export async function apiResponse(server, operation, input, token = server.token) {
  const response = await fetch(`${server.origin}/api/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: await response.json() };
}

/** Calls the facilitator `operation` with the server's token; resolves to the body, throws unless 2xx. */
export async function apiBody(server, operation, input) {
  const { status, body } = await apiResponse(server, operation, input);
  if (status < 200 || status > 299) throw new Error(`${operation}: ${status} ${JSON.stringify(body)}`);
  return body;
}
