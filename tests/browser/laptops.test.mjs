// Several laptops through the Room area's "Laptops" panel, end to end: two real `fiilis serve`
// processes, each on its own library, stand for the main room's laptop and a breakout room's.
// The hub is made the hub in its UI, the satellite joins in its own UI with the address the hub
// shows, a note written on the satellite reaches the hub's open board, and an edit the hub
// overwrote shows in the satellite's conflict list and comes back with Restore, everywhere.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations } from '../support/axe.mjs';
import { launchChromium, openWorkshopCard, watchedPage } from '../support/browser.mjs';
import { apiBody, serve, tempDataDir } from '../support/fiilis.mjs';

const laptops = {};

before(async () => {
  laptops.hubData = tempDataDir();
  laptops.satelliteData = tempDataDir();
  laptops.hub = await serve(laptops.hubData.dir);
  laptops.satellite = await serve(laptops.satelliteData.dir);
  laptops.browser = await launchChromium();
});

after(async () => {
  await laptops.browser?.close();
  await laptops.satellite?.stop();
  await laptops.hub?.stop();
  laptops.satelliteData?.remove();
  laptops.hubData?.remove();
});

/** Resolves once `check` (polled) returns something truthy; fails after `ms`. */
async function eventually(check, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function openRoom(page) {
  await page.click('[data-testid=nav-room]');
  await page.locator('[data-testid=room-area][data-loaded="true"]').waitFor();
  await page.locator('[data-testid=room-laptops]').waitFor();
}

const note = (page, text) => page.locator('[data-testid=note-text]', { hasText: text });

test('a satellite joins in its UI, its note reaches the hub, and a lost edit is restored', async () => {
  const { hub, satellite, browser } = laptops;
  const workshop = await apiBody(hub, 'create_workshop', { title: 'Main room day' });

  // The hub: its Room area makes it the hub and shows the pairing address, code and QR code.
  const h = await watchedPage(browser);
  await openWorkshopCard(h.page, hub, 'Main room day');
  await openRoom(h.page);
  const hubPanel = h.page.locator('[data-testid=room-laptops]');
  assert.equal(await hubPanel.getAttribute('data-role'), 'alone');
  await h.page.click('[data-testid=laptops-host]');
  await h.page.locator('[data-testid=laptops-pairing]').waitFor();
  const url = await h.page.locator('[data-testid=laptops-url]').inputValue();
  assert.match(url, new RegExp(`^http://[0-9.]+:\\d+/sync/${workshop.id}#[0-9a-f]{64}$`));
  const code = await h.page.locator('[data-testid=laptops-code]').innerText();
  assert.equal(code, url.split('#')[1].slice(0, 8));
  assert.ok(await h.page.locator('[data-testid=laptops-pairing] img').getAttribute('alt'));
  await h.page.locator('[data-testid=room-laptops][data-role="hub"]').waitFor();
  assert.deepEqual(await axeViolations(h.page, '[data-testid=room-laptops]'), []);

  // The satellite: from any workshop's Room area it joins with the address the hub shows.
  const s = await watchedPage(browser);
  const sample = (await apiBody(satellite, 'list_workshops', {}))[0];
  await openWorkshopCard(s.page, satellite, sample.title);
  await openRoom(s.page);
  await s.page.fill('[data-testid=laptops-join-url]', url);
  await s.page.click('[data-testid=laptops-join]');
  await s.page.locator('[data-testid=laptops-joined]', { hasText: 'Main room day' }).waitFor({ timeout: 30000 });
  await s.page.click('[data-testid=laptops-open-joined]');
  await s.page.locator('[data-testid=board][data-board-ready="true"]').waitFor();
  await openRoom(s.page);
  await s.page.locator('[data-testid=room-laptops][data-role="satellite"]').waitFor();
  assert.equal(await s.page.locator('[data-testid=laptops-queued]').innerText(), '0');

  // The hub lists the laptop that follows it, up to date.
  await h.page.locator('[data-testid=laptops-peers] li', { hasText: /Laptop [0-9a-f]{6}/ }).waitFor({ timeout: 10000 });
  assert.equal(await h.page.locator('[data-testid=laptops-peers] li').count(), 1);

  // A note written on the satellite shows on the hub's open board.
  await h.page.click('[data-testid=nav-board]');
  await h.page.locator('[data-testid=board][data-board-ready="true"]').waitFor();
  const created = await apiBody(satellite, 'create_notes', {
    workshop_id: workshop.id,
    notes: [{ text: 'From the breakout room', x: 40, y: 40 }],
  });
  const noteId = created.upserted.notes[0].id;
  await note(h.page, 'From the breakout room').waitFor({ timeout: 10000 });

  // Both laptops edit the note while they cannot reach each other (the hub's listener closed);
  // the hub's later edit wins, and the satellite keeps what it lost in its conflict list.
  const { port } = await apiBody(hub, 'participant_access', {});
  await apiBody(hub, 'close_participant_access', {});
  await apiBody(satellite, 'update_notes', { workshop_id: workshop.id, notes: [{ id: noteId, text: 'Written in the breakout' }] });
  await apiBody(hub, 'update_notes', { workshop_id: workshop.id, notes: [{ id: noteId, text: 'Written in the main room' }] });
  await apiBody(hub, 'open_participant_access', { workshop_id: workshop.id, port });
  const conflict = s.page.locator('[data-testid=laptops-conflict]');
  await conflict.waitFor({ timeout: 15000 });
  assert.match(await conflict.innerText(), /Written in the breakout[\s\S]*Written in the main room/);
  await eventually(async () => (await apiBody(satellite, 'get_board', { workshop_id: workshop.id })).notes.some((n) => n.text === 'Written in the main room'));
  assert.deepEqual(await axeViolations(s.page, '[data-testid=room-laptops]'), []);

  // Restore brings the lost text back as a new change, which the hub takes too.
  await conflict.locator('[data-testid=laptops-restore]').click();
  await s.page.locator('[data-testid=laptops-conflict][data-restored="true"]').waitFor();
  await note(h.page, 'Written in the breakout').waitFor({ timeout: 10000 });
  const board = await apiBody(hub, 'get_board', { workshop_id: workshop.id });
  assert.equal(board.notes.find((n) => n.id === noteId).text, 'Written in the breakout');

  assert.deepEqual(h.problems, []);
  assert.deepEqual(s.problems, []);
  await h.page.close();
  await s.page.close();
});

test('joining a hub that does not answer says so, in words', async () => {
  const { satellite, browser } = laptops;
  const { page, problems } = await watchedPage(browser);
  const sample = (await apiBody(satellite, 'list_workshops', {})).find((w) => w.title !== 'Main room day');
  await openWorkshopCard(page, satellite, sample.title);
  await openRoom(page);
  // Port 9 (discard) on loopback: nothing listens there.
  await page.fill('[data-testid=laptops-join-url]', 'http://127.0.0.1:9/sync/nothing#abcdefgh');
  await page.click('[data-testid=laptops-join]');
  const error = page.locator('[data-testid=laptops-error]');
  await error.waitFor({ timeout: 15000 });
  assert.match(await error.innerText(), /does not answer/);
  assert.deepEqual(problems, []);
  await page.close();
});
