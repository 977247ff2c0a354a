// A persona photo imported in the real desktop app (release build, WebKit under Xvfb, driven
// through tauri-driver): the file path goes to the <input type=file> with WebDriver's
// "Element Send Keys", which stands in for the native file dialog.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchApp, openWorkshop, startTauriDriver } from '../support/desktop.mjs';
import { makePng } from '../support/png.mjs';

let session;
let driver;
let photoDir;

before(async () => {
  photoDir = mkdtempSync(join(tmpdir(), 'fiilis-photo-'));
  session = await startTauriDriver();
  ({ driver } = session);
});

after(async () => {
  await session?.stop();
  if (photoDir) rmSync(photoDir, { recursive: true, force: true });
});

test('a photo chosen for a new persona is shown in the gallery, and after a restart', async () => {
  const photo = join(photoDir, 'maija.png');
  writeFileSync(photo, makePng(64, 64));

  await launchApp(driver);
  await openWorkshop(driver, 'Sample: a hotel stay', 'the sample workshop');
  await driver.click(await driver.find('[data-testid=nav-personas]'));
  await driver.find('[data-testid=personas][data-loaded="true"]');
  const before = (await driver.findAll('[data-testid=persona-card]')).length;

  await driver.click(await driver.find('[data-testid=new-persona]'));
  await driver.until(async () => (await driver.findAll('[data-testid=persona-card]')).length === before + 1, 'the new card');
  const name = await driver.find('[data-testid=persona-name]');
  await driver.clear(name);
  await driver.type(name, 'Maija Virtanen\uE007');
  await driver.until(
    async () => (await driver.execute(`return [...document.querySelectorAll('[data-testid=persona-card-name]')].map((n) => n.textContent)`)).includes('Maija Virtanen'),
    'the name in the gallery',
  );

  // The file dialog's test override: send the file's path to the <input type=file>.
  await driver.type(await driver.find('[data-testid=persona-photo-input]'), photo);

  const src = await driver.until(
    () =>
      driver.execute(
        `const card = [...document.querySelectorAll('[data-testid=persona-card]')]
           .find((c) => c.querySelector('[data-testid=persona-card-name]')?.textContent === 'Maija Virtanen');
         const err = document.querySelector('[data-testid=persona-photo-error]');
         if (err) return 'error: ' + err.textContent;
         return card?.querySelector('img[data-testid=persona-photo]')?.getAttribute('src') ?? false;`,
      ),
    'the photo in the gallery',
  );
  assert.match(src, /^data:image\/(png|jpeg|webp);base64,/);

  // Still there after a restart: it was stored in the library, not only shown.
  await driver.quit();
  await launchApp(driver);
  await openWorkshop(driver, 'Sample: a hotel stay', 'the sample workshop after a restart');
  await driver.click(await driver.find('[data-testid=nav-personas]'));
  const again = await driver.until(
    () =>
      driver.execute(
        `const card = [...document.querySelectorAll('[data-testid=persona-card]')]
           .find((c) => c.querySelector('[data-testid=persona-card-name]')?.textContent === 'Maija Virtanen');
         return card?.querySelector('img[data-testid=persona-photo]')?.getAttribute('src') ?? false;`,
      ),
    'the photo after a restart',
  );
  assert.match(again, /^data:image\//);
});
