// Backups and the About screen in headless Chromium against the real `fiilis serve`: back up
// from the UI, change the library, restore the backup from the UI and see the later change gone
// after the window reloads, with the state it replaced kept as a safety backup; a backup that
// vanished is refused in words; About shows the version and copies diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { apiBody } from '../support/fiilis.mjs';
import { loadApp, serveWithChromium, watchedPage } from '../support/browser.mjs';

const app = serveWithChromium();

const card = (page, title) =>
  page.locator('[data-testid=workshop-card]', {
    has: page.locator('[data-testid=workshop-title]', { hasText: title }),
  });

async function openBackups(page) {
  await page.click('[data-testid=open-backups]');
  await page.locator('[data-testid=backups][data-state=ready]').waitFor();
}

const rowNames = (page) =>
  page.locator('[data-testid=backup-row]').evaluateAll((rows) => rows.map((row) => row.dataset.name));

test('restore a backup from the UI: later changes are gone, the replaced state is a safety backup', async () => {
  await apiBody(app.server, 'create_workshop', { title: 'Kept: made before the backup' });
  const { page, problems } = await watchedPage(app.browser);
  await loadApp(page, app.server);
  await card(page, 'Kept: made before the backup').waitFor();

  await openBackups(page);
  const before = await rowNames(page);
  await page.click('[data-testid=backup-now]');
  await page.locator('[data-testid=backup-made]', { hasText: 'Backed up' }).waitFor();
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid=backup-row]').length > count, before.length);
  const ours = (await rowNames(page)).filter((name) => !before.includes(name));
  assert.equal(ours.length, 1, 'Back up now adds exactly one backup');
  const [backup] = ours;
  assert.match(backup, /^library-\d{8}T\d{6}\.\d{3}Z\.db$/);
  assert.equal((await rowNames(page))[0], backup, 'newest first');
  // Time and size are shown for people, not as the file name.
  const row = page.locator(`[data-testid=backup-row][data-name="${backup}"]`);
  assert.match(await row.innerText(), /\d{4}.*\d+:\d{2}:\d{2}[\s\S]*\d+(\.\d)? (kB|MB)/);
  await page.keyboard.press('Escape');
  await page.locator('[data-testid=backups]').waitFor({ state: 'detached' });

  await apiBody(app.server, 'create_workshop', { title: 'Gone: made after the backup' });
  await page.reload();
  await loadApp(page, app.server);
  await card(page, 'Gone: made after the backup').waitFor();

  await openBackups(page);
  await page.locator(`[data-testid=backup-row][data-name="${backup}"] [data-testid=restore-backup]`).click();
  const confirm = page.locator('dialog[open]', { has: page.locator('[data-testid=confirm]') });
  assert.match(await confirm.innerText(), /saves the library as it is now as a new backup/);
  const reloaded = page.waitForEvent('load');
  await confirm.locator('[data-testid=confirm]').click();
  await reloaded;
  await page.locator('body[data-ready="true"]').waitFor();

  await card(page, 'Kept: made before the backup').waitFor();
  assert.equal(await card(page, 'Gone: made after the backup').count(), 0);
  await page.locator('.toast', { hasText: 'was restored' }).waitFor();
  const titles = (await apiBody(app.server, 'list_workshops', {})).map((w) => w.title).sort();
  assert.deepEqual(titles, ['Kept: made before the backup', 'Sample: a hotel stay']);

  // The state the restore replaced is listed, marked, and holds the later workshop.
  await openBackups(page);
  const safety = page.locator('[data-testid=backup-row]', { has: page.locator('[data-testid=safety-tag]') });
  assert.equal(await safety.count(), 1);
  const safetyName = await safety.getAttribute('data-name');
  assert.notEqual(safetyName, backup);
  assert.ok((await rowNames(page)).includes(backup), 'the restored backup is still there');
  assert.deepEqual(problems, []);
  await page.close();

  // Restoring the safety backup undoes the restore.
  await apiBody(app.server, 'restore_backup', { name: safetyName });
  const undone = (await apiBody(app.server, 'list_workshops', {})).map((w) => w.title);
  assert.ok(undone.includes('Gone: made after the backup'), JSON.stringify(undone));
});

test('a backup that vanished is refused in words, and nothing changes', async () => {
  const { page, problems } = await watchedPage(app.browser);
  await loadApp(page, app.server);
  const made = await apiBody(app.server, 'backup_now', {});
  await openBackups(page);
  rmSync(join(app.dataDir, 'backups', made.name));
  await page.locator(`[data-testid=backup-row][data-name="${made.name}"] [data-testid=restore-backup]`).click();
  await page.click('[data-testid=confirm]');
  const error = page.locator('[data-testid=backups-error]');
  await error.waitFor();
  assert.equal(await error.innerText(), 'That backup no longer exists. Choose another one from the list.');
  await page.locator(`[data-testid=backup-row][data-name="${made.name}"]`).waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await page.close();
});

test('About: the version, the data folder, and diagnostics on the clipboard, by keyboard', async () => {
  const info = await apiBody(app.server, 'app_info', {});
  const context = await app.browser.newContext({ locale: 'en-US' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.origin });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await loadApp(page, app.server);

  await page.focus('[data-testid=open-about]');
  await page.keyboard.press('Enter');
  const about = page.locator('[data-testid=about]');
  await about.waitFor();
  await page.locator('[data-testid=about-version]', { hasText: `Version ${info.version}` }).waitFor();
  assert.equal(await page.locator('[data-testid=about-data-folder]').innerText(), app.dataDir);
  assert.equal(await about.locator('a[href]').count(), 0, 'nothing links online');

  await page.focus('[data-testid=copy-diagnostics]');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=copied-status]', { hasText: 'Copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, new RegExp(`^Fiilis ${info.version.replace(/\./g, '\\.')} `));
  assert.ok(copied.includes(`Library: ${info.database_path}`), copied);
  assert.equal(await page.locator('[data-testid=diagnostics-text]').count(), 0);

  await page.keyboard.press('Escape');
  await about.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'open-about');
  assert.deepEqual(problems, []);
  await context.close();
});

test('About: where the clipboard is refused, the diagnostics are shown selected instead', async () => {
  const info = await apiBody(app.server, 'app_info', {});
  const { page, problems } = await watchedPage(app.browser);
  // A browser without the clipboard API (as an insecure page would be).
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await loadApp(page, app.server);
  await page.click('[data-testid=open-about]');
  await page.click('[data-testid=copy-diagnostics]');
  const field = page.locator('[data-testid=diagnostics-text]');
  await field.waitFor();
  const text = await field.inputValue();
  assert.ok(text.startsWith(`Fiilis ${info.version} `), text);
  assert.equal(await field.getAttribute('readonly'), '');
  const selected = await page.evaluate(() => {
    const el = document.activeElement;
    return el instanceof HTMLTextAreaElement ? el.value.slice(el.selectionStart, el.selectionEnd) : null;
  });
  assert.equal(selected, text, 'the whole text is selected, ready for Ctrl+C');
  assert.equal(await page.locator('[data-testid=copied-status]').innerText(), '');
  assert.deepEqual(problems, []);
  await page.close();
});
