// Headless Debian Chromium for the browser tests: one launch configuration, and pages that
// record what goes wrong on them (uncaught errors, unexpected dialogs) for the tests to assert on.
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import { serve, tempDataDir } from './fiilis.mjs';

// The UI's package.json holds every JS dependency of the project, these tests' included.
const require = createRequire(new URL('../../ui/package.json', import.meta.url));
const { chromium } = require('playwright-core');

/** Launches headless Chromium (`$CHROMIUM`, else Debian's /usr/bin/chromium), quiet and offline-friendly. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * For a test file: before its tests, `fiilis serve` on a fresh, empty library and Chromium to look
 * at it; after them, both stopped and the library removed. Call at the top level of the file; the
 * returned object holds `server` (see `serve`) and `browser` once the tests run.
 * @returns {{server: Awaited<ReturnType<typeof serve>>, browser: import('playwright-core').Browser}}
 */
export function serveWithChromium() {
  const app = {};
  let data;
  before(async () => {
    data = tempDataDir();
    app.dataDir = data.dir;
    app.server = await serve(data.dir);
    app.browser = await launchChromium();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.stop();
    data?.remove();
  });
  return app;
}

/**
 * A new page in `browser` (English, plus any `options` for `browser.newPage`) and the list its
 * problems go to: every uncaught page error, and every dialog (dismissed), which the UI never opens.
 * @returns {Promise<{page: import('playwright-core').Page, problems: string[]}>}
 */
export async function watchedPage(browser, options = {}) {
  const page = await browser.newPage({ locale: 'en-US', ...options });
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('dialog', (dialog) => {
    problems.push(`unexpected dialog: ${dialog.message()}`);
    dialog.dismiss();
  });
  return { page, problems };
}

/** Loads the app from `server` (URL with its token) in `page` unless already there; waits until the UI is ready. */
export async function loadApp(page, server) {
  if (!page.url().startsWith(server.origin)) await page.goto(server.url);
  await page.locator('body[data-ready="true"]').waitFor();
}

/** Opens the workshop titled `title` from the library (loading the app first if needed). */
export async function openWorkshopCard(page, server, title) {
  await loadApp(page, server);
  await page
    .locator('[data-testid=workshop-card]', { has: page.locator('[data-testid=workshop-title]', { hasText: title }) })
    .locator('[data-testid=open]')
    .click();
}
