// Export and import in the real desktop app (WebKit under Xvfb, through tauri-driver). The
// native save and open dialogs answer the paths in FIILIS_SAVE_DIALOG_PATH and
// FIILIS_OPEN_DIALOG_PATH (the shell's test override), which the app inherits from the driver.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fiilisBin } from '../support/fiilis.mjs';
import { launchApp, openWorkshop, startTauriDriver } from '../support/desktop.mjs';

const dir = mkdtempSync(join(tmpdir(), 'fiilis-e2e-files-'));
const savePath = join(dir, 'Client report.pdf');
const openPath = join(dir, 'breakout.fiilis.json');

let session;
let driver;

before(async () => {
  // The workshop file to import, written by the same binary's command line on a library of its own.
  const source = join(dir, 'source');
  const run = (...args) => execFileSync(fiilisBin, ['--data-dir', source, ...args], { encoding: 'utf8' });
  const made = JSON.parse(run('new', 'Breakout laptop', '--template', 'hotel', '--json'));
  run('export', made.id, '--format', 'json', '-o', openPath);

  process.env.FIILIS_SAVE_DIALOG_PATH = savePath;
  process.env.FIILIS_OPEN_DIALOG_PATH = openPath;
  session = await startTauriDriver();
  ({ driver } = session);
  await launchApp(driver);
});

after(async () => {
  await session?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const cardTitles = () =>
  driver.execute(`return [...document.querySelectorAll('[data-testid=workshop-card] [data-testid=workshop-title]')].map((t) => t.textContent.trim());`);

const toastText = () => driver.execute(`return document.querySelector('.toast')?.textContent ?? ''`);

test('a PDF exported through the Export menu is saved where the dialog said, and opens as a PDF', async () => {
  await openWorkshop(driver, 'Sample: a hotel stay');
  await driver.find('[data-testid=workshop-heading]');
  await driver.click(await driver.find('[data-testid=export-menu-button]'));
  await driver.click(await driver.find('[data-testid=export-pdf]'));

  const saved = await driver.find('[data-testid=files-saved]', { timeout: 60000 });
  assert.match(await driver.text(saved), /Saved Client report\.pdf/);
  assert.equal(await driver.execute(`return document.querySelector('[data-testid=files-saved]').dataset.path`), savePath);
  assert.equal(await driver.execute(`return document.querySelector('[data-testid=files-progress]') === null`), true);

  assert.ok(existsSync(savePath));
  assert.equal(readFileSync(savePath).subarray(0, 5).toString('latin1'), '%PDF-');
  const info = execFileSync('pdfinfo', [savePath], { encoding: 'utf8' });
  assert.match(info, /Page size:.*\(A4\)/, 'A4 unless Letter is chosen');
  assert.match(execFileSync('pdftotext', [savePath, '-'], { encoding: 'utf8' }), /Sample: a hotel stay/);
});

test('the import button brings a workshop file in as a new workshop', async () => {
  await driver.click(await driver.find('[data-testid=nav-library]'));
  await driver.until(async () => (await cardTitles()).includes('Sample: a hotel stay'), 'the library');
  await driver.click(await driver.find('[data-testid=import-workshop]'));
  await driver.until(async () => (await cardTitles()).includes('Breakout laptop'), 'the imported workshop in the library');
  await driver.until(async () => (await toastText()).includes('Imported “Breakout laptop”'), 'the import toast');
});

test('merging the file from the Export menu adds its rows once', async () => {
  await openWorkshop(driver, 'Sample: a hotel stay');
  await driver.find('[data-testid=workshop-heading]');
  const merge = async () => {
    await driver.click(await driver.find('[data-testid=export-menu-button]'));
    await driver.click(await driver.find('[data-testid=merge-file]'));
  };
  await merge();
  const first = await driver.until(async () => {
    const text = await toastText();
    return /Merged breakout\.fiilis\.json: \d+ new items? added/.test(text) && text;
  }, 'the first merge toast');
  assert.ok(Number(first.match(/(\d+) new/)[1]) >= 8, first);
  await driver.execute(`document.querySelector('.toast .close')?.click()`);
  await merge();
  await driver.until(async () => (await toastText()).includes('nothing new'), 'the second merge adding nothing');
});
