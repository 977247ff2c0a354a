// Write, then reveal, in headless Chromium against the real `fiilis serve --participants`: the
// facilitator opens brainstorming with notes hidden from the Room area, three phones write,
// and the presenter's board shows three card backs while neither it, the facilitator's Board
// area nor get_board holds a word of the notes (nor the presenter a writer's name); revealing
// one person turns over that person's note only, "Reveal all" the rest. Then the presenter's
// board shows one group large and goes back, and B switches between its views.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tempDataDir } from '../support/fiilis.mjs';
import { joinRoom, openPhone, serveRoom } from '../support/room.mjs';
import { launchChromium, watchedPage } from '../support/browser.mjs';

let browser;
let room;
let data;
let facilitator;
let presenter;
const phones = [];

const WRITERS = [
  { name: 'Aino Zebrafish', text: 'Saunatonttu forgot the towels' },
  { name: 'Ben Quokka', text: 'Lobby piano plays too loud' },
  { name: 'Cai Narwhal', text: 'Minibar prices feel sneaky' },
];
const TEXTS = WRITERS.map((w) => w.text);
const NAMES = WRITERS.map((w) => w.name);

before(async () => {
  data = tempDataDir();
  room = await serveRoom(data.dir);
  browser = await launchChromium();
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

/** Sets a Room area switch to `on`, clicking it only when it is not already. */
async function setSwitch(testid, on) {
  const page = facilitator.page;
  const toggle = page.locator(`[data-testid=${testid}]`);
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
  await page.locator(`[data-testid=${testid}][aria-checked=${on}]`).waitFor();
}

async function openArea(area) {
  await facilitator.page.locator(`[data-testid=nav-${area}]`).click();
}

/** The facilitator's Board area, loaded and showing `count` notes; resolves to its markup. */
async function boardArea(count) {
  const page = facilitator.page;
  await openArea('board');
  await page.locator('[data-testid=board][data-board-ready=true]').waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=board] [data-testid=note]').length === n, count);
  return page.locator('[data-testid=board]').evaluate((el) => el.outerHTML);
}

const presenterBoard = () => presenter.locator('[data-testid=presenter-board][data-loaded=true]');
const presenterNote = (text) => presenter.locator('[data-testid=presenter-note]', { hasText: text });

test('setup: the Room area with brainstorming and hidden notes on, a presenter on its board', async () => {
  facilitator = await watchedPage(browser, { viewport: { width: 1280, height: 1000 } });
  const { page } = facilitator;
  await page.goto(`${room.origin}/#token=${room.token}`);
  await page.locator('body[data-ready="true"]').waitFor();
  await page
    .locator('[data-testid=workshop-card]', { has: page.locator('[data-testid=workshop-title]', { hasText: 'Hotel day' }) })
    .locator('[data-testid=open]')
    .click();
  await openArea('room');
  await setSwitch('room-brainstorm', true);
  await setSwitch('room-notes-hidden', true);
  const state = await ok('get_room');
  assert.equal(state.brainstorm_open, true);
  assert.equal(state.notes_hidden, true);

  const tab = await watchedPage(browser, { viewport: { width: 1600, height: 900 } });
  presenter = tab.page;
  facilitator.presenterProblems = tab.problems;
  await presenter.goto(`${room.origin}/#token=${room.token}&presenter=${room.workshopId}`);
  await presenter.locator('[data-testid=presenter][data-loaded="true"]').waitFor();
  await presenter.locator('[data-testid=presenter-view-board]').click();
  await presenterBoard().waitFor();
  assert.equal(await presenter.locator('[data-testid=presenter-view-board]').getAttribute('aria-pressed'), 'true');
  assert.equal(await presenter.locator('[data-testid=presenter-view-overview]').getAttribute('aria-pressed'), 'false');
  assert.equal(await presenter.locator('[data-testid=presenter-face-down]').count(), 0);
});

test('three phones write; everyone but the writers sees card backs and not a word', async () => {
  for (const { name, text } of WRITERS) {
    const phone = await openPhone(browser);
    await joinRoom(phone.page, room, name);
    await phone.page.locator('[data-testid=tab-notes]').tap();
    await phone.page.locator('[data-testid=notes-hidden-hint]').waitFor();
    await phone.page.fill('[data-testid=note-text]', text);
    await phone.page.locator('[data-testid=note-add]').tap();
    // The writer sees their own note.
    await phone.page.locator('[data-testid=my-note][data-waiting=false]', { hasText: text }).waitFor();
    phones.push(phone);
  }

  await presenter.waitForFunction(() => document.querySelectorAll('[data-testid=presenter-face-down]').length === 3);
  assert.equal(await presenter.locator('[data-testid=presenter-face-down-count]').getAttribute('data-count'), '3');
  assert.match(await presenter.locator('[data-testid=presenter-face-down-count]').innerText(), /^3 notes face down$/);
  const shown = await presenter.content();
  for (const secret of [...TEXTS, ...NAMES]) assert.ok(!shown.includes(secret), `the presenter shows "${secret}"`);

  const board = await ok('get_board');
  const json = JSON.stringify(board);
  for (const text of TEXTS) assert.ok(!json.includes(text), `get_board carries "${text}"`);
  assert.equal(board.notes.length, 3);
  assert.ok(board.notes.every((n) => n.hidden && n.text === '' && n.author_id === null));
  assert.deepEqual(board.face_down.map((f) => f.count), [1, 1, 1]);

  const area = await boardArea(3);
  for (const text of TEXTS) assert.ok(!area.includes(text), `the Board area shows "${text}"`);
});

test('revealing one person turns over that note only', async () => {
  const { page } = facilitator;
  await openArea('room');
  const ben = page.locator('[data-testid=room-participant]', { has: page.locator('[data-testid=room-participant-name]', { hasText: 'Ben Quokka' }) });
  await ben.locator('[data-testid=room-reveal-one]').click();

  await presenterNote(TEXTS[1]).waitFor();
  await presenter.locator('[data-testid=presenter-face-down-count][data-count="2"]').waitFor();
  assert.equal(await presenter.locator('[data-testid=presenter-face-down]').count(), 2);
  const shown = await presenter.content();
  for (const text of [TEXTS[0], TEXTS[2], ...NAMES]) assert.ok(!shown.includes(text), `the presenter shows "${text}"`);

  const board = await ok('get_board');
  assert.deepEqual(board.notes.filter((n) => !n.hidden).map((n) => n.text), [TEXTS[1]]);
  const json = JSON.stringify(board);
  assert.ok(!json.includes(TEXTS[0]) && !json.includes(TEXTS[2]));
});

test('"Reveal all" turns over the rest, on the presenter and on the board', async () => {
  const { page } = facilitator;
  await page.locator('[data-testid=room-reveal-all]').click();
  for (const text of TEXTS) await presenterNote(text).waitFor();
  await presenter.locator('[data-testid=presenter-face-down-count]').waitFor({ state: 'detached' });
  assert.equal(await presenter.locator('[data-testid=presenter-face-down]').count(), 0);
  // Revealed notes are shown as text, still without their writers' names.
  const shown = await presenter.content();
  for (const name of NAMES) assert.ok(!shown.includes(name), `the presenter shows "${name}"`);

  const area = await boardArea(3);
  for (const text of TEXTS) assert.ok(area.includes(text), `the Board area lacks "${text}"`);
  const board = await ok('get_board');
  assert.deepEqual(board.notes.map((n) => n.text).sort(), [...TEXTS].sort());
  assert.deepEqual(board.face_down, []);
});

test('the presenter shows one group large, and goes back with Esc or "Whole board"; B switches views', async () => {
  const board = await ok('get_board');
  const grouped = board.notes.filter((n) => n.text !== TEXTS[2]).map((n) => n.id);
  await ok('group_notes', { title: 'Arrival <b>woes</b>', note_ids: grouped });

  const title = presenter.locator('[data-testid=presenter-group-title]', { hasText: 'Arrival <b>woes</b>' });
  await title.waitFor();
  assert.equal(await presenter.locator('[data-testid=presenter-group-title] b').count(), 0);
  // The title is on top: what is at its middle is the title itself.
  assert.equal(await title.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
  }), true);

  await title.click();
  await presenter.locator('[data-testid=presenter-board][data-focus]:not([data-focus=""])').waitFor();
  await presenterNote(TEXTS[0]).waitFor();
  assert.equal(await presenterNote(TEXTS[2]).count(), 0, 'only the group is shown');
  const large = await presenter.locator('[data-testid=presenter-note]').first().evaluate((el) => parseFloat(getComputedStyle(el.querySelector('.text')).fontSize) * el.getBoundingClientRect().width / el.offsetWidth);
  assert.ok(large >= 14, `text ${large}px on screen`);
  await presenter.keyboard.press('Escape');
  await presenter.locator('[data-testid=presenter-board][data-focus=""]').waitFor();
  await presenterNote(TEXTS[2]).waitFor();

  await title.focus();
  await presenter.keyboard.press('Enter');
  await presenter.locator('[data-testid=presenter-whole-board]').click();
  await presenter.locator('[data-testid=presenter-board][data-focus=""]').waitFor();

  await presenter.keyboard.press('b');
  await presenter.locator('[data-testid=presenter][data-view=overview]').waitFor();
  assert.equal(await presenter.locator('[data-testid=presenter-board]').count(), 0);
  await presenter.keyboard.press('B');
  await presenterBoard().waitFor();
});

test('nothing went wrong on any page', () => {
  assert.deepEqual(facilitator.problems, []);
  assert.deepEqual(facilitator.presenterProblems, []);
  for (const phone of phones) assert.deepEqual(phone.problems, []);
});
