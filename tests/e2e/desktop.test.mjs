// The real release app in a real WebKit window under Xvfb, driven through tauri-driver.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchApp, openWorkshop, startTauriDriver } from '../support/desktop.mjs';

let session;
let driver;

before(async () => {
  session = await startTauriDriver();
  ({ driver } = session);
});

after(() => session?.stop());

async function cardTitles() {
  const titles = [];
  for (const element of await driver.findAll('[data-testid=workshop-card] [data-testid=workshop-title]')) {
    titles.push(await driver.text(element));
  }
  return titles;
}

test('a workshop created in the window is still there after a restart', async () => {
  await launchApp(driver);
  // The window runs the bundled UI, never a page from the HTTP server.
  assert.equal(await driver.execute('return location.protocol'), 'tauri:');
  assert.deepEqual(await cardTitles(), ['Sample: a hotel stay'], 'the first start seeds the sample');

  await driver.click(await driver.find('[data-testid=new-workshop]'));
  await driver.type(await driver.find('[data-testid=create-title]'), 'Spa morning co-design');
  await driver.execute(
    `const select = document.querySelector('[data-testid=create-template]');
     select.value = 'hotel';
     select.dispatchEvent(new Event('change', { bubbles: true }));`,
  );
  await driver.click(await driver.find('[data-testid=create-submit]'));
  await driver.find('[data-testid=workshop-view]');
  const stages = await driver.until(async () => {
    const found = await driver.findAll('[data-testid=stage]');
    return found.length === 8 && found;
  }, 'the eight hotel stages');
  // As a reader sees them: the soft hyphens the journey adds to long words are invisible.
  const seen = async (element) => (await driver.text(element)).replaceAll('\u00ad', '');
  assert.match(await seen(stages[0]), /Browsing/);
  assert.match(await seen(stages[7]), /After the stay/);

  await driver.click(await driver.find('[data-testid=nav-library]'));
  await driver.until(async () => (await cardTitles()).length === 2, 'two workshops in the library');
  // WebKit under Xvfb paints late: without a pause the capture shows an earlier frame.
  await sleep(1500);
  mkdirSync('docs/screenshots', { recursive: true });
  writeFileSync('docs/screenshots/library.png', await driver.screenshot());

  await driver.quit();
  await launchApp(driver);
  const titles = await driver.until(async () => {
    const found = await cardTitles();
    return found.length === 2 && found;
  }, 'the library after a restart');
  assert.deepEqual(titles, ['Spa morning co-design', 'Sample: a hotel stay']);
});

/** Opens the workshop titled `title` from the library, then its board. */
async function openBoard(title) {
  await openWorkshop(driver, title);
  await driver.click(await driver.find('[data-testid=nav-board]'));
  await driver.find('[data-testid=board][data-board-ready="true"]', { timeout: 30000 });
}

async function noteTexts() {
  // textContent: WebKit's element text breaks the lines where the note wraps them.
  return driver.execute(
    `return [...document.querySelectorAll('[data-testid=note] [data-testid=note-text]')].map((el) => el.textContent);`,
  );
}

test('a note written on the board is still there after a restart', async () => {
  await driver.quit().catch(() => {});
  await launchApp(driver);
  await openBoard('Sample: a hotel stay');
  const before = await noteTexts();

  // N on the board opens a draft; Enter saves it (and opens the next one); Esc closes that.
  await driver.type(await driver.find('[data-testid=board] [role=application]'), 'n');
  const editor = await driver.find('[data-testid=note-editor]');
  await driver.type(editor, 'Late check-out for families\uE007');
  await driver.type(await driver.find('[data-testid=note-editor]'), '\uE00C');
  await driver
    .until(async () => (await noteTexts()).includes('Late check-out for families'), 'the new note')
    .catch(async (error) => {
      mkdirSync('target', { recursive: true });
      writeFileSync('target/e2e-board-failure.png', await driver.screenshot());
      const state = await driver.execute(
        `return JSON.stringify({ toast: document.querySelector('.toast')?.textContent ?? null,
           editor: document.querySelector('[data-testid=note-editor]')?.value ?? null,
           notes: document.querySelectorAll('[data-testid=note]').length })`,
      );
      throw new Error(`${error.message}; page: ${state}`);
    });
  assert.match(await driver.text(await driver.find('[data-testid=board-undo]')), /Undo add notes/);

  await driver.quit();
  await launchApp(driver);
  await openBoard('Sample: a hotel stay');
  const after = await driver.until(async () => {
    const texts = await noteTexts();
    return texts.includes('Late check-out for families') && texts;
  }, 'the note after a restart');
  assert.equal(after.length, before.length + 1);
});
