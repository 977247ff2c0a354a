// The facilitator's Room area in headless Chromium against the real `fiilis serve`, with a
// phone (its own mobile context) joining through the address the area shows: opening and
// closing participant access, who is in, what the phones may do, the timer on both sides,
// removing someone and leaving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { apiBody } from '../support/fiilis.mjs';
import { openWorkshopCard, serveWithChromium, watchedPage } from '../support/browser.mjs';
import { openPhone } from '../support/room.mjs';

const app = serveWithChromium();

let facilitator;
let workshop;
let joinUrl;
let ann;

const room = () => facilitator.page.locator('[data-testid=room-area]');
const accessSwitch = () => facilitator.page.locator('[data-testid=room-access-switch]');
const participant = (name) => facilitator.page.locator('[data-testid=room-participant]', { hasText: name });

async function joinFromPhone(phone, name) {
  await phone.page.goto(joinUrl);
  await phone.page.locator('[data-testid=join-form]').waitFor();
  // From the link (as from the QR code) the room is known: no code to type.
  assert.equal(await phone.page.locator('[data-testid=join-code]').count(), 0);
  await phone.page.fill('[data-testid=join-name]', name);
  await phone.page.locator('[data-testid=join-submit]').tap();
  await phone.page.locator('[data-testid=workshop-title]', { hasText: 'Room day' }).waitFor();
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

test('the facilitator opens participant access from the Room area', async () => {
  workshop = await apiBody(app.server, 'create_workshop', { title: 'Room day', template: 'hotel' });
  facilitator = await watchedPage(app.browser, { viewport: { width: 1280, height: 900 } });
  const { page } = facilitator;
  await openWorkshopCard(page, app.server, 'Room day');
  await page.locator('[data-testid=nav-room]').click();
  await room().locator('[data-testid=room-access]').waitFor();
  assert.equal(await accessSwitch().getAttribute('aria-checked'), 'false');
  assert.equal(await page.locator('[data-testid=room-qr]').count(), 0);
  assert.equal(await page.locator('[data-testid=room-participant-count]').innerText(), '0');

  // A port something else holds is refused, and said so in the UI's words.
  const blocker = createServer();
  await new Promise((resolve) => blocker.listen(0, '0.0.0.0', resolve));
  const busyPort = blocker.address().port;
  try {
    await page.fill('[data-testid=room-port]', String(busyPort));
    await accessSwitch().click();
    await page.locator('[data-testid=room-access-error]', { hasText: `Port ${busyPort} is already in use` }).waitFor();
    assert.equal(await accessSwitch().getAttribute('aria-checked'), 'false');
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }

  // Empty: Fiilis picks the port.
  await page.fill('[data-testid=room-port]', '');
  await accessSwitch().click();
  await page.locator('[data-testid=room-access-switch][aria-checked=true]').waitFor();
  assert.equal(await page.locator('[data-testid=room-access-error]').count(), 0);
  joinUrl = await page.locator('[data-testid=room-join-url]').inputValue();
  assert.match(joinUrl, /^http:\/\/\d+\.\d+\.\d+\.\d+:\d+\/#room=[0-9a-f]+$/);
  assert.match(await page.locator('[data-testid=room-code]').innerText(), /^[A-Z0-9]{6}$/);
  // The port field now shows the port chosen, and cannot be changed while open.
  assert.equal(await page.locator('[data-testid=room-port]').inputValue(), new URL(joinUrl).port);
  assert.equal(await page.locator('[data-testid=room-port]').isDisabled(), true);

  // The QR code is an image of the address, never markup in the page.
  const qr = page.locator('img[data-testid=room-qr]');
  await qr.waitFor();
  const src = await qr.getAttribute('src');
  assert.ok(src.startsWith('data:image/svg+xml;charset=utf-8,'), src.slice(0, 60));
  assert.match(decodeURIComponent(src.slice(src.indexOf(',') + 1)), /<svg[\s>]/);
  assert.equal(await page.locator('[data-testid=room-access] svg').count(), 0);
  assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR image renders');

  // The backend agrees.
  const access = await apiBody(app.server, 'participant_access', {});
  assert.equal(access.open, true);
  assert.equal(access.workshop_id, workshop.id);
  assert.equal(access.join_url, joinUrl);
});

test('a phone joins with the shown link and the facilitator sees them come in', async () => {
  ann = await openPhone(app.browser);
  await joinFromPhone(ann, 'Ann');
  const row = participant('Ann');
  await row.waitFor();
  assert.equal(await row.getAttribute('data-via'), 'phone');
  assert.match(await row.innerText(), /Customer · joined by phone/);
  assert.equal(await facilitator.page.locator('[data-testid=room-participant-count]').innerText(), '1');
});

test('brainstorming: closed on the phone until the facilitator opens it; the note reaches the board', async () => {
  const { page } = facilitator;
  const brainstorm = page.locator('[data-testid=room-brainstorm]');
  // Phones may write from the start; the facilitator closes it first.
  if ((await brainstorm.getAttribute('aria-checked')) === 'true') {
    await brainstorm.click();
    await page.locator('[data-testid=room-brainstorm][aria-checked=false]').waitFor();
  }
  await ann.page.locator('[data-testid=notes-closed]').waitFor();
  assert.equal(await ann.page.locator('[data-testid=note-form]').count(), 0);
  assert.equal((await apiBody(app.server, 'get_room', { workshop_id: workshop.id })).brainstorm_open, false);

  await brainstorm.click();
  await page.locator('[data-testid=room-brainstorm][aria-checked=true]').waitFor();
  await ann.page.locator('[data-testid=note-form]').waitFor();
  await ann.page.fill('[data-testid=note-text]', 'Breakfast <i>ends</i> too early');
  await ann.page.locator('[data-testid=note-add]').tap();
  await ann.page.locator('[data-testid=my-note][data-waiting=false]', { hasText: 'Breakfast <i>ends</i> too early' }).waitFor();

  // The facilitator's board shows it, live, as text.
  await page.locator('[data-testid=nav-board]').click();
  await page.locator('[data-testid=note-text]', { hasText: 'Breakfast <i>ends</i> too early' }).waitFor();
  assert.equal(await page.locator('[data-testid=note-text] i').count(), 0);
  await page.locator('[data-testid=nav-room]').click();
  await room().locator('[data-testid=room-access]').waitFor();

  // After a reload the phone lists its note from the laptop's record.
  await ann.page.reload();
  await ann.page.locator('[data-testid=my-note]', { hasText: 'Breakfast' }).waitFor();
  assert.equal(await ann.page.locator('[data-testid=my-note]').count(), 1);
});

test('the timer started by the facilitator runs on the phone, and pauses and resumes with T', async () => {
  const { page } = facilitator;
  await page.locator('[data-testid=room-timer-preset-3]').click();
  await page.locator('[data-testid=room-timer][data-status=running]').waitFor();
  const phoneTimer = ann.page.locator('[data-testid=phone-timer][data-status=running]');
  await phoneTimer.waitFor();
  const first = Number(await phoneTimer.getAttribute('data-remaining'));
  assert.ok(first > 170 && first <= 180, `the phone shows ${first} s left`);
  assert.match(await phoneTimer.innerText(), /^(2:5\d|3:00) left$/);
  // It counts down on the phone by itself.
  await ann.page.waitForFunction(
    (start) => Number(document.querySelector('[data-testid=phone-timer]')?.dataset.remaining) < start,
    first,
    { timeout: 5000 },
  );

  // T pauses (the Room area has focus, not a text field).
  await page.locator('#main').focus();
  await page.keyboard.press('t');
  await page.locator('[data-testid=room-timer][data-status=paused]').waitFor();
  const paused = ann.page.locator('[data-testid=phone-timer][data-status=paused]');
  await paused.waitFor();
  const held = await paused.getAttribute('data-remaining');
  await ann.page.waitForTimeout(1500);
  assert.equal(await paused.getAttribute('data-remaining'), held);
  assert.match(await paused.innerText(), /^Paused at \d:\d\d$/);

  // T again resumes; + adds a minute; typing in a field is not a shortcut.
  await page.keyboard.press('t');
  await page.locator('[data-testid=room-timer][data-status=running]').waitFor();
  const before = Number(await page.locator('[data-testid=room-timer]').getAttribute('data-remaining'));
  await page.keyboard.press('+');
  await page.waitForFunction(
    (start) => Number(document.querySelector('[data-testid=room-timer]')?.dataset.remaining) > start + 50,
    before,
  );
  await ann.page.waitForFunction(() => Number(document.querySelector('[data-testid=phone-timer]')?.dataset.remaining) > 200);

  await page.locator('[data-testid=room-timer-reset]').click();
  await page.locator('[data-testid=room-timer][data-status=stopped]').waitFor();
  await ann.page.locator('[data-testid=phone-timer]').waitFor({ state: 'detached' });
  await page.locator('[data-testid=room-timer-minutes]').focus();
  await page.keyboard.press('t');
  assert.equal(await page.locator('[data-testid=room-timer-minutes]').inputValue(), 't');
  assert.equal(await page.locator('[data-testid=room-timer][data-status=stopped]').count(), 1, 'T in a text field types');
  await page.fill('[data-testid=room-timer-minutes]', '0,5');
  await page.locator('[data-testid=room-timer-start]').click();
  await page.locator('[data-testid=room-timer][data-status=running]').waitFor();
  const room30 = await apiBody(app.server, 'get_room', { workshop_id: workshop.id });
  assert.equal(room30.timer.duration_seconds, 30);
  await page.locator('[data-testid=room-timer-reset]').click();
  await page.locator('[data-testid=room-timer][data-status=stopped]').waitFor();
});

test('at 0:00 the timer has ended: it says so, offers to start again instead of Pause, and T starts it again', async () => {
  const { page } = facilitator;
  const clock = page.locator('[data-testid=room-timer]');
  await page.fill('[data-testid=room-timer-minutes]', '0:03');
  await page.locator('[data-testid=room-timer-start]').click();
  await page.locator('[data-testid=room-timer][data-phase=running]').waitFor();
  await page.locator('[data-testid=room-timer-pause]').waitFor();

  await page.locator('[data-testid=room-timer][data-phase=ended]').waitFor({ timeout: 10000 });
  assert.equal(await clock.getAttribute('data-remaining'), '0');
  assert.match(await clock.innerText(), /0:00\s+time’s up/);
  assert.equal(await page.locator('[data-testid=room-timer-pause]').count(), 0, 'no Pause once the time is up');
  const restart = page.locator('[data-testid=room-timer-restart]');
  assert.equal((await restart.innerText()).trim(), 'Start again (0:03)');
  assert.ok(await restart.evaluate((button) => button.classList.contains('btn-primary')), 'starting again is the main button');
  await page.locator('[data-testid=room-timer-reset]').waitFor();
  // The phone says the same.
  await ann.page.locator('[data-testid=phone-timer]', { hasText: /Time.s up/ }).waitFor();

  // The button starts the same length again…
  await restart.click();
  await page.locator('[data-testid=room-timer][data-phase=running]').waitFor();
  assert.ok(Number(await clock.getAttribute('data-remaining')) > 0);
  assert.equal((await apiBody(app.server, 'get_room', { workshop_id: workshop.id })).timer.duration_seconds, 3);
  // …and so does T once it has ended again.
  await page.locator('[data-testid=room-timer][data-phase=ended]').waitFor({ timeout: 10000 });
  await page.locator('#main').focus();
  await page.keyboard.press('t');
  await page.locator('[data-testid=room-timer][data-phase=running]').waitFor();
  await page.locator('[data-testid=room-timer-reset]').click();
  await page.locator('[data-testid=room-timer][data-phase=stopped]').waitFor();
});

test('rating: the phone rates as the persona the facilitator chose', async () => {
  const { page } = facilitator;
  await apiBody(app.server, 'create_persona', { workshop_id: workshop.id, name: 'Maija, 38' });
  const select = page.locator('[data-testid=room-rating-persona]');
  await select.locator('option', { hasText: 'Maija, 38' }).waitFor({ state: 'attached' });
  const rating = page.locator('[data-testid=room-rating]');
  if ((await rating.getAttribute('aria-checked')) === 'true') {
    await rating.click();
    await page.locator('[data-testid=room-rating][aria-checked=false]').waitFor();
  }
  await ann.page.locator('[data-testid=tab-feel]').waitFor({ state: 'detached' });

  const personaId = await select.locator('option', { hasText: 'Maija, 38' }).getAttribute('value');
  await select.selectOption(personaId);
  await rating.click();
  // Opening rating brings its tab forward on the phone.
  await ann.page.locator('[data-testid=feel-view]').waitFor();
  await ann.page.locator(`[data-testid=feel-persona][data-persona="${personaId}"]`, { hasText: 'Maija, 38' }).waitFor();
  const stage = ann.page.locator('[data-testid=feel-stage]').nth(2);
  await stage.locator('[data-testid=feel-plus]').tap();
  await ann.page.locator('[data-testid=feel-stage][data-score="1"]').waitFor();
  await ann.page.locator('[data-testid=status][data-state=saved]').waitFor();
  const journey = await apiBody(app.server, 'get_journey', { workshop_id: workshop.id });
  const stageId = journey.stages[2].id;
  assert.equal(journey.ratings.find((r) => r.persona_id === personaId && r.stage_id === stageId)?.mean, 1, JSON.stringify(journey.ratings));
  // The phone shows its own rating after a reload, from the laptop's record.
  await ann.page.reload();
  await ann.page.locator('[data-testid=tab-feel]').tap();
  await ann.page.locator('[data-testid=feel-stage][data-score="1"]').waitFor();
});

test('the facilitator removes the phone, which says so and may join again', async () => {
  const { page } = facilitator;
  await participant('Ann').locator('[data-testid=room-remove]').click();
  await page.locator('dialog[open]', { hasText: 'Remove Ann from the room?' }).waitFor();
  await page.locator('dialog[open] [data-testid=confirm]').click();
  await page.locator('[data-testid=room-participant]').first().waitFor({ state: 'detached' });
  assert.equal(await page.locator('[data-testid=room-participant-count]').innerText(), '0');
  await page.locator('[data-testid=room-removed] summary', { hasText: 'Removed or left: 1' }).waitFor();

  await ann.page.locator('[data-testid=removed]', { hasText: 'You were removed from the room' }).waitFor();
  const removed = (await apiBody(app.server, 'list_participants', { workshop_id: workshop.id })).find((p) => p.name === 'Ann');
  assert.equal(removed.removed, true);

  await ann.page.locator('[data-testid=rejoin]').tap();
  await ann.page.locator('[data-testid=join-form]').waitFor();
  await ann.page.fill('[data-testid=join-name]', 'Ann again');
  await ann.page.locator('[data-testid=join-submit]').tap();
  await participant('Ann again').waitFor();
});

test('a phone leaves by itself and goes back to the join screen', async () => {
  const bob = await openPhone(app.browser, 'fi-FI');
  await joinFromPhone(bob, 'Bob');
  await participant('Bob').waitFor();
  await bob.page.locator('[data-testid=leave]').tap();
  await bob.page.locator('[data-testid=leave-cancel]').tap();
  await bob.page.locator('[data-testid=leave]').tap();
  await bob.page.locator('[data-testid=leave-confirm]', { hasText: 'Poistu' }).tap();
  await bob.page.locator('[data-testid=join-form]').waitFor();
  assert.equal(await bob.page.locator('[data-testid=removed]').count(), 0);
  await participant('Bob').waitFor({ state: 'detached' });
  await facilitator.page.locator('[data-testid=room-removed] summary', { hasText: 'Removed or left: 2' }).waitFor();
  const stored = await bob.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('fiilis.phone.session.')));
  assert.deepEqual(stored, []);
  assert.deepEqual(bob.problems, []);
  await bob.context.close();
});

test('closing access stops the join address from answering', async () => {
  const { page } = facilitator;
  assert.equal(await answerOf(joinUrl), 200);
  await accessSwitch().click();
  await page.locator('[data-testid=room-access-switch][aria-checked=false]').waitFor();
  assert.equal(await page.locator('[data-testid=room-qr]').count(), 0);
  assert.equal(await page.locator('[data-testid=room-join-url]').count(), 0);
  assert.equal(await answerOf(joinUrl), 'refused');
  assert.equal((await apiBody(app.server, 'participant_access', {})).open, false);
});

test('no page errors', async () => {
  assert.deepEqual(facilitator.problems, []);
  assert.deepEqual(ann.problems, []);
  await ann.context.close();
  await facilitator.page.close();
});
