// The board's full screen in the real release app's WebKit window under Xvfb, through
// tauri-driver: the button covers the window with the board, Esc brings the workshop back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, openWorkshop, startTauriDriver } from '../support/desktop.mjs';

let session;
let driver;

before(async () => {
  session = await startTauriDriver();
  ({ driver } = session);
});

after(() => session?.stop());

/** What the window shows of the workshop around the board, and where the canvas is. */
function layout() {
  return driver.execute(
    `const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
     const canvas = document.querySelector('[data-testid=board] [role=application]').getBoundingClientRect();
     const button = document.querySelector('[data-testid=board-full-screen]');
     return {
       header: shown(document.querySelector('[data-testid=workshop-header]')),
       tabs: shown(document.querySelector('[data-testid=nav-board]')),
       panel: shown(document.querySelector('[data-testid=board-panel]')),
       pressed: button.getAttribute('aria-pressed'),
       name: button.textContent.trim(),
       canvas: { x: canvas.x, y: canvas.y, width: canvas.width, height: canvas.height },
       window: { width: innerWidth, height: innerHeight },
     };`,
  );
}

test('the board goes full screen with its button and comes back with Esc', async () => {
  await launchApp(driver);
  await openWorkshop(driver, 'Sample: a hotel stay');
  await driver.click(await driver.find('[data-testid=nav-board]'));
  await driver.find('[data-testid=board][data-board-ready="true"]', { timeout: 30000 });

  const normal = await layout();
  assert.equal(normal.header, true);
  assert.equal(normal.tabs, true);
  assert.equal(normal.pressed, 'false');
  assert.equal(normal.name, 'Full screen');
  assert.ok(normal.canvas.width < normal.window.width && normal.canvas.y > 0, JSON.stringify(normal));

  const button = await driver.find('[data-testid=board-full-screen]');
  await driver.click(button);
  const full = await driver.until(async () => {
    const now = await layout();
    return now.pressed === 'true' && now;
  }, 'full screen');
  assert.equal(full.header, false, 'the workshop header is not displayed');
  assert.equal(full.tabs, false, 'the area tabs are not displayed');
  assert.equal(full.panel, false, 'the side panel is not displayed');
  assert.deepEqual(full.canvas, { x: 0, y: 0, width: full.window.width, height: full.window.height }, 'the canvas fills the window');

  // Esc, from the focused button, leaves full screen.
  await driver.type(await driver.find('[data-testid=board-full-screen]'), '\uE00C');
  const back = await driver.until(async () => {
    const now = await layout();
    return now.pressed === 'false' && now;
  }, 'back to the workshop');
  assert.equal(back.header, true);
  assert.equal(back.tabs, true);
  assert.equal(back.panel, true);
  assert.deepEqual(back.canvas, normal.canvas);
});
