// Every screen against WCAG 2.1 AA with axe-core, in headless Chromium against the real
// `fiilis serve --participants`: the library, each area of a workshop (board, journey,
// personas, room), the presenter, and the phone's join, notes, vote and feel screens. A
// violation fails with the rule and the elements it found.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tempDataDir } from '../support/fiilis.mjs';
import { openPhone, serveRoom } from '../support/room.mjs';
import { launchChromium, watchedPage } from '../support/browser.mjs';
import { axeViolations } from '../support/axe.mjs';

let browser;
let room;
let data;
let facilitator;

before(async () => {
  data = tempDataDir();
  room = await serveRoom(data.dir);
  browser = await launchChromium();
  facilitator = await watchedPage(browser, { viewport: { width: 1440, height: 900 } });
});

after(async () => {
  await browser?.close();
  await room?.stop();
  data?.remove();
});

async function ok(operation, input = {}) {
  const answer = await room.api(operation, input);
  assert.equal(answer.status, 200, `${operation}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Checks a screen; every screen of a test is checked before it fails, so one run names them all. */
async function clean(page, where, found) {
  for (const violation of await axeViolations(page)) found.push(`${where}: ${violation}`);
}

test('setup: a workshop with notes in a section, a persona, a revealed round and an open room', async () => {
  const change = await ok('create_notes', {
    notes: [
      { text: 'Faster check-in', x: 0, y: 0 },
      { text: 'Quiet rooms', x: 200, y: 0, colour: 'sky' },
      { text: 'Late breakfast', x: 400, y: 0, colour: 'pink' },
    ],
  });
  const ids = change.upserted.notes.map((note) => note.id);
  await ok('group_notes', { title: 'Arrival', note_ids: ids.slice(0, 2) });
  await ok('create_persona', { name: 'Maija' });
  await ok('update_room', { brainstorm_open: true, rating_open: true });
  const round = await ok('create_round', { title: 'Best ideas' });
  const voter = await ok('add_participant', { name: 'Ben' });
  const roundId = round.upserted.voting_rounds[0].id;
  await ok('cast_vote', { round_id: roundId, participant_id: voter.id, note_id: ids[0], client_id: 'v1' });
  await ok('reveal_round', { id: roundId });
});

test('the library and every area of a workshop', async () => {
  const { page } = facilitator;
  const found = [];
  await page.goto(`${room.origin}/#token=${room.token}`);
  await page.locator('body[data-ready="true"]').waitFor();
  await clean(page, 'the library', found);
  await page
    .locator('[data-testid=workshop-card]', { has: page.locator('[data-testid=workshop-title]', { hasText: 'Hotel day' }) })
    .locator('[data-testid=open]')
    .click();
  for (const area of ['board', 'overview', 'journey', 'personas', 'room', 'voting']) {
    await page.locator(`[data-testid=nav-${area}]`).click();
    await page.waitForFunction((name) => location.hash.endsWith(`/${name}`), area);
    await page.waitForTimeout(300);
    await clean(page, `the ${area} area`, found);
  }
  assert.deepEqual(found, [], 'WCAG 2.1 AA');
  assert.deepEqual(facilitator.problems, []);
});

test('the presenter', async () => {
  const tab = await watchedPage(browser, { viewport: { width: 1600, height: 900 } });
  await tab.page.goto(`${room.origin}/#token=${room.token}&presenter=${room.workshopId}`);
  await tab.page.locator('[data-testid=presenter][data-loaded="true"]').waitFor();
  const found = [];
  await clean(tab.page, 'the presenter', found);
  for (const key of ['b']) {
    await tab.page.keyboard.press(key.toUpperCase());
    await tab.page.waitForTimeout(300);
    await clean(tab.page, 'the presenter board', found);
  }
  assert.deepEqual(found, [], 'WCAG 2.1 AA');
  await tab.page.close();
});

test('the phone: joining, notes, voting and feelings', async () => {
  const phone = await openPhone(browser);
  const { page } = phone;
  const found = [];
  await page.goto(room.joinUrl);
  await page.locator('body[data-ready="true"]').waitFor();
  await clean(page, 'the phone join screen', found);
  await page.fill('[data-testid=join-name]', 'Aino');
  await page.locator('[data-testid=join-submit]').tap();
  // The revealed round's results may come forward first: the notes tab is asked for.
  await page.locator('[data-testid=tab-notes]').tap();
  await page.locator('[data-testid=notes-view]').waitFor();
  await clean(page, 'the phone notes screen', found);
  for (const tab of ['vote', 'feel']) {
    await page.locator(`[data-testid=tab-${tab}]`).tap();
    await page.waitForTimeout(200);
    await clean(page, `the phone ${tab} screen`, found);
  }
  assert.deepEqual(found, [], 'WCAG 2.1 AA');
  assert.deepEqual(phone.problems, []);
});

test('opening a workshop puts the focus on its heading, not on the page body', async () => {
  const { page } = facilitator;
  await page.locator('[data-testid=nav-library]').click();
  await page
    .locator('[data-testid=workshop-card]', { has: page.locator('[data-testid=workshop-title]', { hasText: 'Hotel day' }) })
    .locator('[data-testid=open]')
    .click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'workshop-heading');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Hotel day');
});
