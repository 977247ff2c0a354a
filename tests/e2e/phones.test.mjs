// Participant voting end to end: the real release app in a WebKit window under Xvfb (through
// tauri-driver) opens its room to phones, a phone in headless Chromium joins with the link the
// window shows and votes in a round made in the window, and the window (its Voting area, the
// Room's list of who is in, the presenter window) follows without a reload; closing access
// makes the link stop answering.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { freePort, launchApp, startTauriDriver, switchToWindow, windowHandles } from '../support/desktop.mjs';
import { launchChromium } from '../support/browser.mjs';
import { openPhone } from '../support/room.mjs';

const WORKSHOP = 'Pool area ideas';
const PHONE_NAME = 'Pia on the phone';
const NOTE = 'Towels ran out at the pool';

let session;
let driver;
let chromium;
let phone;
let joinUrl;
let roomCode;

before(async () => {
  [session, chromium] = await Promise.all([startTauriDriver(), launchChromium()]);
  ({ driver } = session);
});

after(async () => {
  await chromium?.close();
  await session?.stop();
});

/** Sets a form field in the window the way typing would, so the UI's bindings see it. */
function setValue(css, value) {
  return driver.execute(
    `const field = document.querySelector(arguments[0]);
     field.value = arguments[1];
     field.dispatchEvent(new Event('input', { bubbles: true }));
     field.dispatchEvent(new Event('change', { bubbles: true }));`,
    [css, value],
  );
}

/** Shows the workshop's `area` (room, voting…) in the window. */
async function showArea(area) {
  // The page's sticky header would hide the tabs, and take the click, were they scrolled under it.
  await driver.execute('window.scrollTo(0, 0);');
  await driver.click(await driver.find(`[data-testid=nav-${area}]`));
}

/** The value of an attribute of the first element matching `css` in the window, or null. */
function attribute(css, name) {
  return driver.execute(`return document.querySelector(arguments[0])?.getAttribute(arguments[1]) ?? null;`, [css, name]);
}

/** Resolves to how a request to `url` ended: its HTTP status, or 'refused' when nothing answers. */
async function answerOf(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await response.body?.cancel();
    return response.status;
  } catch {
    return 'refused';
  }
}

/** Runs `step`; if it fails, keeps a screenshot of the window to look at. */
async function withScreenshot(name, step) {
  try {
    return await step();
  } catch (error) {
    mkdirSync('target', { recursive: true });
    writeFileSync(`target/e2e-phones-${name}.png`, await driver.screenshot().catch(() => Buffer.alloc(0)));
    throw error;
  }
}

/** In the window: a new workshop's Room, access switched on; sets `joinUrl` from the window. */
async function openRoom() {
  await launchApp(driver);
  // A workshop of its own, empty: the sample's participants would count in the Room and in
  // the round's progress, where this test expects the phone alone.
  await driver.click(await driver.find('[data-testid=new-workshop]'));
  await driver.type(await driver.find('[data-testid=create-title]'), WORKSHOP);
  await driver.click(await driver.find('[data-testid=create-submit]'));
  await driver.find('[data-testid=workshop-view]');
  await showArea('room');
  await driver.find('[data-testid=room-area] [data-testid=room-access]');
  assert.equal(await attribute('[data-testid=room-access-switch]', 'aria-checked'), 'false');

  // A port of this test's own: the default one may be held by another run on this machine.
  const port = await freePort();
  await setValue('[data-testid=room-port]', String(port));
  // The network list offers this computer's LAN addresses only (never 127.0.0.1); the link it
  // shows points at this machine, which reaches itself there.
  await driver.click(await driver.find('[data-testid=room-access-switch]'));
  await withScreenshot('open', () => driver.find('[data-testid=room-access-switch][aria-checked=true]'));
  joinUrl = await driver.until(
    () => driver.execute(`return document.querySelector('[data-testid=room-join-url]')?.value || null;`),
    'the join link',
  );
  assert.match(joinUrl, new RegExp(`^http://\\d+\\.\\d+\\.\\d+\\.\\d+:${port}/#room=[0-9a-f]+$`));
  roomCode = await driver.text(await driver.find('[data-testid=room-code]'));
  assert.match(roomCode, /^[A-Z0-9]{6}$/);
  assert.equal(await attribute('img[data-testid=room-qr]', 'src').then((src) => src?.startsWith('data:image/svg+xml')), true);
  assert.equal(await answerOf(joinUrl), 200, 'the link answers from this machine');
}

/** The phone joins with that link and writes a note; the window's Room lists it. */
async function joinAndWriteNote() {
  phone = await openPhone(chromium);
  const { page } = phone;
  await page.goto(joinUrl);
  await page.locator('[data-testid=join-form]').waitFor();
  await page.fill('[data-testid=join-name]', PHONE_NAME);
  await page.locator('[data-testid=join-submit]').tap();
  await page.locator('[data-testid=workshop-title]', { hasText: WORKSHOP }).waitFor();
  await page.locator('[data-testid=tab-notes]').tap();
  await page.fill('[data-testid=note-text]', NOTE);
  await page.locator('[data-testid=note-add]').tap();
  await page.locator('[data-testid=my-note][data-waiting=false]', { hasText: NOTE }).waitFor();

  // The Room's list in the window shows the phone, live.
  const row = await withScreenshot('participant', () =>
    driver.until(
      () =>
        driver.execute(
          `const row = [...document.querySelectorAll('[data-testid=room-participant]')]
             .find((li) => li.textContent.includes(arguments[0]));
           return row ? row.dataset.via : null;`,
          [PHONE_NAME],
        ),
      'the phone in the Room list',
    ),
  );
  assert.equal(row, 'phone');
  assert.equal(await driver.text(await driver.find('[data-testid=room-participant-count]')), '1');
}

/** A round made in the window reaches the phone, which votes; the window follows without a reload. */
async function voteFromPhone() {
  await showArea('voting');
  await driver.find('[data-testid=voting][data-loaded="true"]');
  await driver.click(await driver.find('[data-testid=new-round]'));
  await driver.find('[data-testid=new-round-dialog]');
  await setValue('[data-testid=round-title]', 'Fix first');
  await setValue('[data-testid=round-votes]', '2');
  await setValue('[data-testid=round-cap]', '2');
  // Named, so that the progress may list who is voting.
  if (await driver.execute(`return document.querySelector('[data-testid=round-anonymous]').checked;`)) {
    await driver.click(await driver.find('[data-testid=round-anonymous]'));
  }
  await driver.click(await driver.find('[data-testid=create-round]'));
  const open = await withScreenshot('round', () => driver.find('[data-testid=open-round]'));
  const roundId = await driver.execute(`return document.querySelector('[data-testid=open-round]').dataset.roundId;`);
  assert.match(await driver.text(open), /2 votes each · at most 2 per note · named · All notes/);
  // Nothing happens in the window from here on but what the phone sends: a reload would lose this.
  await driver.execute(`window.__sameDocument = true;`);

  const { page } = phone;
  // The new round brings the phone's vote tab forward by itself.
  await page.locator(`[data-testid=vote-view][data-round="${roundId}"][data-status=open]`).waitFor();
  assert.equal(await page.locator('[data-testid=votes-left]').innerText(), '2');
  await page.locator('[data-testid=vote-note]', { hasText: NOTE }).locator('[data-testid=vote-plus]').tap();
  await page.locator('[data-testid=votes-left]', { hasText: '1' }).waitFor();
  await page.locator('[data-testid=vote-note][data-mine="1"]', { hasText: NOTE }).waitFor();
  await page.locator('[data-testid=status][data-state=saved]').waitFor();

  await withScreenshot('progress', () =>
    driver.until(
      async () => (await attribute('[data-testid=round-progress]', 'data-voted')) === '1',
      'one voter in the window’s progress',
    ),
  );
  assert.equal(await driver.execute('return window.__sameDocument === true;'), true, 'the window was not reloaded');
  const progress = await driver.execute(
    `const p = document.querySelector('[data-testid=round-progress]');
     return { total: p.dataset.total, voted: p.dataset.voted, done: p.dataset.done,
       rows: [...p.querySelectorAll('[data-testid=progress-row]')].map((tr) =>
         [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())) };`,
  );
  assert.deepEqual(progress, { total: '1', voted: '1', done: '0', rows: [[PHONE_NAME, '1', '1', 'Voting']] });
  assert.match(await driver.text(await driver.find('[data-testid=round-progress]')), /Votes cast\s*1/);

  // Done on the phone is seen in the window too.
  await page.locator('[data-testid=vote-done]').tap();
  await page.locator('[data-testid=done-note]').waitFor();
  await driver.until(async () => (await attribute('[data-testid=round-progress]', 'data-done')) === '1', 'the phone done in the window');
  assert.equal(await driver.execute('return window.__sameDocument === true;'), true, 'the window was not reloaded');
}

let voted = false;

test('a phone votes in a round made in the window, and the window follows live', async () => {
  await openRoom();
  await joinAndWriteNote();
  await voteFromPhone();
  voted = true;
});

test('Present in the Room opens a second window with the round’s progress', async (t) => {
  if (!voted) return t.skip('the voting test did not get this far');
  await showArea('room');
  const main = await driver.sessionCommand('GET', '/window');
  assert.deepEqual(await windowHandles(driver), [main]);
  await driver.click(await driver.find('[data-testid=room-present]'));
  const presenter = await driver.until(
    async () => (await windowHandles(driver)).find((handle) => handle !== main),
    'a second window',
    { timeout: 10000 },
  );
  await switchToWindow(driver, presenter);
  try {
    await withScreenshot('presenter', () => driver.find('[data-testid=presenter][data-loaded="true"]', { timeout: 20000 }));
    assert.match(await driver.execute('return location.hash'), /^#presenter=[0-9a-f-]+$/);
    assert.equal(await driver.text(await driver.find('[data-testid=presenter-title]')), WORKSHOP);
    await driver.find('[data-testid=presenter-progress][data-done="1"][data-total="1"]');
    assert.match(await driver.text(await driver.find('[data-testid=presenter-voting]')), /1 vote cast/);
    // While access is open the projector shows how to join: the same room code as the Room.
    assert.equal(await driver.text(await driver.find('[data-testid=presenter-room-code]')), roomCode);
    // Who is done, never what anyone chose nor who they are.
    const shown = await driver.text(await driver.find('[data-testid=presenter]'));
    assert.equal(shown.includes(NOTE), false, 'the presenter shows the note while voting');
    assert.equal(shown.includes(PHONE_NAME), false, 'the presenter names the voter');
  } finally {
    await switchToWindow(driver, main);
  }
});

test('switching access off in the window makes the link stop answering', async (t) => {
  if (!joinUrl) return t.skip('access was never opened');
  await showArea('room');
  await driver.find('[data-testid=room-access-switch][aria-checked=true]');
  assert.equal(await answerOf(joinUrl), 200);
  await driver.click(await driver.find('[data-testid=room-access-switch]'));
  await driver.find('[data-testid=room-access-switch][aria-checked=false]');
  assert.deepEqual(await driver.findAll('[data-testid=room-join-url]'), []);
  assert.equal(await answerOf(joinUrl), 'refused');
  assert.deepEqual(phone?.problems ?? [], []);
});
