// Starts the real `fiilis` binary with a workshop open to phones, for participant tests.
import { execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { apiResponse, fiilisBin } from './fiilis.mjs';

/**
 * Creates a workshop from `template` in `dataDir` and serves it with the participant listener.
 * Phones must use `lan` (127.0.0.1 and the LAN port): only loopback traffic is allowed here.
 */
export async function serveRoom(dataDir, { title = 'Hotel day', template = 'hotel' } = {}) {
  const env = { ...process.env, LANG: 'C.UTF-8' };
  const workshopId = execFileSync(fiilisBin, ['--data-dir', dataDir, 'new', title, '--template', template], {
    env,
    encoding: 'utf8',
  }).trim();
  const child = spawn(
    fiilisBin,
    ['--data-dir', dataDir, 'serve', '--port', '0', '--workshop', workshopId, '--participants', '--lan-port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'], env },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const found = {};
  await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fiilis serve exited early with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      let match;
      if ((match = line.match(/(http:\/\/127\.0\.0\.1:\d+)\/#token=([0-9a-f]{64})/))) {
        found.origin = match[1];
        found.token = match[2];
      } else if ((match = line.match(/Participants join at: http:\/\/[^/]+:(\d+)\/#room=([0-9a-f]+)/))) {
        found.lanPort ??= Number(match[1]);
        found.room ??= match[2];
      } else if ((match = line.match(/Room code: ([A-Z0-9]{6})/))) {
        found.code = match[1];
      }
      if (found.code) {
        if (found.origin && found.lanPort) resolve();
        else reject(new Error('fiilis serve printed no participant address (no LAN interface?)'));
      }
    });
  });
  const lan = `http://127.0.0.1:${found.lanPort}`;

  /** Calls a facilitator operation on this workshop; resolves to `{status, body}`. */
  const api = (operation, input = {}) => apiResponse(found, operation, { workshop_id: workshopId, ...input });

  return {
    workshopId,
    origin: found.origin,
    token: found.token,
    room: found.room,
    code: found.code,
    lan,
    /** What the QR code holds, on loopback. */
    joinUrl: `${lan}/#room=${found.room}`,
    api,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A phone in `browser`: its own context (storage, network), a mobile viewport and touch, and
 * the list its problems go to (uncaught errors, and errors it logs other than failed requests,
 * which are expected while offline or once the room is closed).
 * @returns {Promise<{context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, problems: string[]}>}
 */
export async function openPhone(browser, locale = 'en-US') {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale,
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED|net::/.test(message.text())) {
      problems.push(message.text());
    }
  });
  return { context, page, problems };
}

/** Joins `room` as `name` on a phone's `page`; resolves once the phone shows the workshop's title. */
export async function joinRoom(page, room, name, title = 'Hotel day') {
  await page.goto(room.joinUrl);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.fill('[data-testid=join-name]', name);
  await page.locator('[data-testid=join-submit]').tap();
  await page.locator('[data-testid=workshop-title]', { hasText: title }).waitFor();
}
