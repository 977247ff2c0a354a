// The Voting area, pass-the-laptop voting and the presenter view in headless Debian Chromium
// against the real `fiilis serve`: rounds made in the UI, two people voting on one laptop,
// refusals in words, close and reveal, ranked results (names only in named rounds), paper
// votes, and a presenter tab that follows it all live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiBody, apiResponse } from '../support/fiilis.mjs';
import { watchedPage, openWorkshopCard, serveWithChromium } from '../support/browser.mjs';
import { openPhone } from '../support/room.mjs';

const app = serveWithChromium();

const api = (operation, input) => apiBody(app.server, operation, input);

/** Polls `check` (async) until it returns something truthy. */
async function until(check, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

const NOTES = ['Breakfast until noon', 'Faster check-in', 'Quiet rooms', 'Free parking'];

let workshop;
let notes;
let page;
let presenter;
let problems;

async function openVoting() {
  await openWorkshopCard(page, app.server, 'Voting day');
  await page.click('[data-testid=nav-voting]');
  await page.locator('[data-testid=voting][data-loaded="true"]').waitFor();
}

const card = (text) => page.locator('[data-testid=laptop-card]', { hasText: text });
const mine = async (text) => Number(await card(text).getAttribute('data-mine'));
const left = async () => Number(await page.locator('[data-testid=laptop-left]').getAttribute('data-left'));
const waitLeft = (n) => page.locator(`[data-testid=laptop-left][data-left="${n}"]`).waitFor();

/** The ranked results shown in `scope` as [text, rank, votes]. */
async function ranked(scope) {
  return scope.locator('[data-testid=result]').evaluateAll((items) =>
    items.map((li) => [li.querySelector('[data-testid=result-text]').textContent, Number(li.dataset.rank), Number(li.dataset.votes)]),
  );
}

test('setup: a workshop with four notes, the Voting area and a presenter tab', async () => {
  workshop = await api('create_workshop', { title: 'Voting day', template: 'hotel' });
  // One at a time, so that creation order (which breaks ties in results) is the order above.
  notes = {};
  for (const [i, text] of NOTES.entries()) {
    const change = await api('create_notes', { workshop_id: workshop.id, notes: [{ text, x: i * 200, y: 0 }] });
    notes[text] = change.upserted.notes[0];
    await sleep(5);
  }
  ({ page, problems } = await watchedPage(app.browser, { viewport: { width: 1440, height: 900 } }));
  await openVoting();
  assert.equal(await page.locator('[data-testid=nav-voting]').innerText(), 'Voting');
  await page.locator('[data-testid=rounds-empty]').waitFor();

  // The Presenter button opens a new tab on the same origin that finds its token by itself.
  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.click('[data-testid=open-presenter]')]);
  presenter = tab;
  presenter.on('pageerror', (error) => problems.push(`presenter: ${error.message}`));
  await presenter.locator('[data-testid=presenter][data-loaded="true"]').waitFor();
  assert.equal(new URL(presenter.url()).origin, app.server.origin);
  assert.equal(new URL(presenter.url()).hash, `#presenter=${workshop.id}`, 'the token leaves the address bar');
  assert.equal(await presenter.locator('[data-testid=presenter-title]').innerText(), 'Voting day');
  assert.equal(await presenter.locator('[data-testid=presenter-progress]').count(), 0);
});

let named;

test('a named round made in the UI, with a suggested budget explained', async () => {
  await page.click('[data-testid=new-round]');
  const dialog = page.locator('[data-testid=new-round-dialog]');
  await dialog.waitFor();
  await page.fill('[data-testid=round-title]', 'What first?');
  assert.equal(await page.inputValue('[data-testid=round-votes]'), '5');
  assert.equal(await page.inputValue('[data-testid=round-cap]'), '3');
  assert.equal(await page.isChecked('[data-testid=round-anonymous]'), true);
  // Four notes, nobody known yet: a third of the notes, rounded up.
  assert.equal(await page.getAttribute('[data-testid=round-suggestion]', 'data-value'), '2');
  // 40 notes for 8 people would be 5; here 4 notes for 2 people: 2, at most a third of the notes.
  await page.fill('[data-testid=round-people]', '2');
  assert.equal(await page.getAttribute('[data-testid=round-suggestion]', 'data-value'), '2');
  assert.match(await dialog.innerText(), /4 notes and 2 people/);
  await page.click('[data-testid=use-suggestion]');
  assert.equal(await page.inputValue('[data-testid=round-votes]'), '2');
  // Out of range is caught before sending.
  await page.fill('[data-testid=round-votes]', '100');
  await page.click('[data-testid=create-round]');
  await dialog.getByText('Enter a whole number from 1 to 99.').waitFor();
  await page.fill('[data-testid=round-votes]', '3');
  await page.fill('[data-testid=round-cap]', '2');
  await page.uncheck('[data-testid=round-anonymous]');
  await page.click('[data-testid=create-round]');
  await dialog.waitFor({ state: 'detached' });

  const open = page.locator('[data-testid=open-round]');
  await open.waitFor();
  named = (await api('list_rounds', { workshop_id: workshop.id }))[0];
  assert.deepEqual(
    [named.title, named.votes_per_participant, named.max_per_note, named.anonymous, named.scope, named.status],
    ['What first?', 3, 2, false, 'all', 'open'],
  );
  assert.equal(await open.getAttribute('data-round-id'), named.id);
  assert.match(await open.innerText(), /3 votes each · at most 2 per note · named · All notes/);
  await page.locator(`[data-testid=round][data-round-id="${named.id}"][data-status=open]`).waitFor();

  // The presenter shows the round as it opens: nobody done of nobody yet.
  await presenter.locator('[data-testid=presenter-progress][data-done="0"][data-total="0"]').waitFor();
});

test('two people vote by passing the laptop; refusals are told in words; nobody sees the previous choices', async () => {
  await page.click('[data-testid=pass-laptop]');
  const laptop = page.locator('[data-testid=laptop][data-step=identify]');
  await laptop.waitFor();
  assert.deepEqual(await page.locator('[data-testid=laptop-card]').count(), 0);

  // Aino, by mouse.
  await page.fill('[data-testid=laptop-name]', 'Aino');
  await page.selectOption('[data-testid=laptop-role]', 'employee');
  await page.click('[data-testid=laptop-start]');
  await page.locator('[data-testid=laptop][data-step=voting]').waitFor();
  assert.match(await page.locator('[data-testid=laptop-voter]').innerText(), /Aino/);
  assert.equal(await left(), 3);
  assert.equal(await page.locator('[data-testid=laptop-card]').count(), 4);

  await card('Breakfast until noon').click();
  await waitLeft(2);
  await card('Breakfast until noon').click();
  await waitLeft(1);
  assert.equal(await mine('Breakfast until noon'), 2);
  // A third vote on the same note: the cap of two per note.
  await card('Breakfast until noon').click();
  const refusal = page.locator('[data-testid=laptop-refusal]');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-refusal'), 'note_cap_reached');
  assert.equal(await refusal.innerText(), 'A note can get at most 2 of your votes.');
  await card('Faster check-in').click();
  await waitLeft(0);
  await refusal.waitFor({ state: 'detached' });
  // Out of votes: the budget refusal.
  await card('Quiet rooms').click();
  await page.locator('[data-testid=laptop-refusal][data-refusal=budget_exhausted]').waitFor();
  assert.equal(await refusal.innerText(), 'You have used all 3 of your votes. Take one back to move it elsewhere.');
  assert.equal(await mine('Quiet rooms'), 0);
  // A right click takes one back; it can go elsewhere then.
  await card('Faster check-in').click({ button: 'right' });
  await waitLeft(1);
  assert.equal(await mine('Faster check-in'), 0);
  await card('Quiet rooms').click();
  await waitLeft(0);
  // Done by keyboard: Ctrl+Enter with a card focused.
  await card('Quiet rooms').focus();
  await page.keyboard.press('Control+Enter');
  await page.locator('[data-testid=laptop][data-step=identify]').waitFor();
  await page.locator('[data-testid=laptop-thanks]').waitFor();
  assert.equal(await page.inputValue('[data-testid=laptop-name]'), '');
  assert.equal(await page.locator('[data-testid=laptop-card]').count(), 0);
  assert.equal(await page.locator('[data-testid=laptop]').innerText().then((text) => text.includes('Aino')), false);

  // Pekka, by keyboard only.
  await page.locator('[data-testid=laptop-name]').focus();
  await page.keyboard.type('Pekka');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=laptop][data-step=voting]').waitFor();
  assert.match(await page.locator('[data-testid=laptop-voter]').innerText(), /Pekka/);
  // A new person starts clean, whatever the one before did.
  assert.equal(await left(), 3);
  for (const text of NOTES) assert.equal(await mine(text), 0, text);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-note-id')), notes['Breakfast until noon'].id);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await waitLeft(2);
  await page.keyboard.press(' ');
  await waitLeft(1);
  assert.equal(await mine('Faster check-in'), 2);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await waitLeft(0);
  await page.keyboard.press('Backspace');
  await waitLeft(1);
  assert.equal(await mine('Quiet rooms'), 0);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await waitLeft(0);
  assert.equal(await mine('Free parking'), 1);
  // The − button takes back too.
  await card('Free parking').locator('..').locator('[data-testid=laptop-retract]').click();
  await waitLeft(1);
  await card('Free parking').click();
  await waitLeft(0);
  await page.click('[data-testid=laptop-done]');
  await page.locator('[data-testid=laptop][data-step=identify]').waitFor();

  // What the backend holds: exactly what was chosen, nothing double counted.
  const progress = await api('round_progress', { workshop_id: workshop.id, round_id: named.id });
  const byName = Object.fromEntries(progress.participants.map((p) => [p.name, p]));
  assert.deepEqual(Object.keys(byName).sort(), ['Aino', 'Pekka']);
  assert.deepEqual([byName.Aino.votes_used, byName.Aino.done, byName.Pekka.votes_used, byName.Pekka.done], [3, true, 3, true]);

  // Escape between people leaves the mode.
  await page.keyboard.press('Escape');
  await page.locator('[data-testid=laptop]').waitFor({ state: 'detached' });

  // Live progress in the Voting area and on the presenter: who is done, never what they chose.
  await page.locator('[data-testid=round-progress][data-done="2"][data-total="2"]').waitFor();
  assert.equal(await page.locator('[data-testid=progress-row][data-done=true]').count(), 2);
  await presenter.locator('[data-testid=presenter-progress][data-done="2"][data-total="2"]').waitFor();
  const shown = await presenter.locator('[data-testid=presenter]').innerText();
  for (const text of [...NOTES, 'Aino', 'Pekka']) assert.equal(shown.includes(text), false, `the presenter shows ${text} while voting`);
});

test('close (confirmed), then reveal: ranked results with shared ranks and names; paper votes count', async () => {
  await page.click('[data-testid=close-round]');
  await page.click('[data-testid=confirm]');
  const item = page.locator(`[data-testid=round][data-round-id="${named.id}"]`);
  await page.locator(`[data-testid=round][data-round-id="${named.id}"][data-status=closed]`).waitFor();
  assert.equal(await page.locator('[data-testid=open-round]').count(), 0);
  // Closing shows the results to the facilitator only; the presenter waits for the reveal.
  await item.locator('[data-testid=result]').first().waitFor();
  await presenter.locator('[data-testid=presenter-closed]').waitFor();
  assert.equal(await presenter.locator('[data-testid=presenter-results]').count(), 0);

  assert.deepEqual(await ranked(item), [
    ['Breakfast until noon', 1, 2],
    ['Faster check-in', 1, 2],
    ['Quiet rooms', 3, 1],
    ['Free parking', 3, 1],
  ]);
  // A named round names its voters.
  assert.deepEqual(await item.locator('[data-testid=result-voters]').allInnerTexts(), ['Aino', 'Pekka', 'Aino', 'Pekka']);

  await item.locator('[data-testid=reveal-round]').click();
  await page.locator(`[data-testid=round][data-round-id="${named.id}"][data-status=revealed]`).waitFor();
  const results = presenter.locator(`[data-testid=presenter-results][data-round-id="${named.id}"]`);
  await results.waitFor();
  assert.deepEqual(await ranked(results), [
    ['Breakfast until noon', 1, 2],
    ['Faster check-in', 1, 2],
    ['Quiet rooms', 3, 1],
    ['Free parking', 3, 1],
  ]);

  // Three hands raised for parking: it takes the lead, here and on the presenter.
  const paper = item.locator('[data-testid=paper-votes]');
  await paper.locator('summary').click();
  const row = paper.locator(`[data-testid=paper-row][data-note-id="${notes['Free parking'].id}"]`);
  await row.locator('[data-testid=paper-count]').fill('3');
  await row.locator('[data-testid=paper-add]').click();
  await until(async () => (await ranked(item))[0]?.[0] === 'Free parking', 'parking first in the results');
  assert.deepEqual((await ranked(item))[0], ['Free parking', 1, 4]);
  await until(async () => (await ranked(results))[0]?.[0] === 'Free parking', 'parking first on the presenter');
  assert.deepEqual(await ranked(results), [
    ['Free parking', 1, 4],
    ['Breakfast until noon', 2, 2],
    ['Faster check-in', 2, 2],
    ['Quiet rooms', 4, 1],
  ]);
});

test('an anonymous round never shows names; a second open round is refused in words', async () => {
  await page.click('[data-testid=new-round]');
  await page.locator('[data-testid=new-round-dialog]').waitFor();
  // Defaults: five votes, three per note, anonymous.
  await page.click('[data-testid=create-round]');
  await page.locator('[data-testid=new-round-dialog]').waitFor({ state: 'detached' });
  await page.locator('[data-testid=open-round]').waitFor();
  const rounds = await api('list_rounds', { workshop_id: workshop.id });
  const anonymous = rounds.find((r) => r.id !== named.id);
  assert.equal(anonymous.anonymous, true);
  // Newest first, each round kept.
  assert.deepEqual(
    await page.locator('[data-testid=round]').evaluateAll((items) => items.map((li) => li.dataset.roundId)),
    [anonymous.id, named.id],
  );
  assert.deepEqual(await page.locator('[data-testid=round-name]').allInnerTexts(), ['Round 2', 'What first?']);

  // Only one round may be open.
  await page.click('[data-testid=new-round]');
  await page.click('[data-testid=create-round]');
  const error = page.locator('[data-testid=new-round-error]');
  await error.waitFor();
  assert.equal(await error.innerText(), 'Another voting round is still open. Close it first.');
  await page.keyboard.press('Escape');
  await page.locator('[data-testid=new-round-dialog]').waitFor({ state: 'detached' });

  await page.click('[data-testid=pass-laptop]');
  await page.fill('[data-testid=laptop-name]', 'Maija Virtanen');
  await page.click('[data-testid=laptop-start]');
  await card('Quiet rooms').click();
  await waitLeft(4);
  await card('Quiet rooms').click();
  await waitLeft(3);
  await page.click('[data-testid=laptop-done]');
  await page.locator('[data-testid=laptop][data-step=identify]').waitFor();
  // A vote as nobody in particular.
  await page.click('[data-testid=laptop-anonymous]');
  await page.locator('[data-testid=laptop][data-step=voting]').waitFor();
  assert.equal(await page.locator('[data-testid=laptop-voter]').innerText(), 'Choose your favourites');
  await card('Faster check-in').click();
  await waitLeft(4);
  await page.keyboard.press('Control+Enter');
  await page.locator('[data-testid=laptop][data-step=identify]').waitFor();
  await page.click('[data-testid=laptop-exit]');
  await page.locator('[data-testid=laptop]').waitFor({ state: 'detached' });
  await presenter.locator('[data-testid=presenter-progress][data-done="2"][data-total="4"]').waitFor();

  // Revealing an open round asks first (it ends the voting too).
  await page.click('[data-testid=reveal-round]');
  await page.click('[data-testid=confirm]');
  const item = page.locator(`[data-testid=round][data-round-id="${anonymous.id}"][data-status=revealed]`);
  await item.waitFor();
  await item.locator('[data-testid=result]').first().waitFor();
  assert.deepEqual(await ranked(item), [
    ['Quiet rooms', 1, 2],
    ['Faster check-in', 2, 1],
  ]);
  assert.equal(await item.locator('[data-testid=result-voters]').count(), 0);
  assert.equal((await item.innerText()).includes('Maija'), false);

  const results = presenter.locator(`[data-testid=presenter-results][data-round-id="${anonymous.id}"]`);
  await results.waitFor();
  assert.deepEqual(await ranked(results), [
    ['Quiet rooms', 1, 2],
    ['Faster check-in', 2, 1],
  ]);
  assert.equal((await presenter.locator('[data-testid=presenter]').innerText()).includes('Maija'), false);

  // The named round still names its voters when shown again.
  const past = page.locator(`[data-testid=round][data-round-id="${named.id}"]`);
  await past.locator('[data-testid=show-results]').click();
  await past.locator('[data-testid=result-voters]').first().waitFor();
  assert.ok((await past.locator('[data-testid=result-voters]').allInnerTexts()).includes('Aino'));
});

test('the presenter shows the room timer and, while phones may join, the QR and room code', async () => {
  await api('set_timer', { workshop_id: workshop.id, action: 'start', seconds: 120 });
  const timer = presenter.locator('[data-testid=presenter-timer][data-status=running]');
  await timer.waitFor();
  const first = Number(await timer.getAttribute('data-seconds'));
  assert.ok(first <= 120 && first >= 110, `timer at ${first}`);
  await until(async () => Number(await timer.getAttribute('data-seconds')) < first, 'the timer counting down', 5000);
  await api('set_timer', { workshop_id: workshop.id, action: 'pause' });
  await presenter.locator('[data-testid=presenter-timer][data-status=paused]').waitFor();
  // At 0:00 the presenter says the time is up.
  await api('set_timer', { workshop_id: workshop.id, action: 'start', seconds: 2 });
  const ended = presenter.locator('[data-testid=presenter-timer][data-ended=true]');
  await ended.waitFor({ timeout: 10000 });
  assert.equal(await ended.getAttribute('data-seconds'), '0');
  assert.match(await ended.innerText(), /Time’s up\s+0:00/);
  await api('set_timer', { workshop_id: workshop.id, action: 'reset' });
  await presenter.locator('[data-testid=presenter-timer]').waitFor({ state: 'detached' });

  assert.equal(await presenter.locator('[data-testid=presenter-join]').count(), 0);
  const opened = await apiResponse(app.server, 'open_participant_access', { workshop_id: workshop.id, port: 0 });
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  const access = opened.body;
  assert.equal(access.open, true);
  try {
    await presenter.locator('[data-testid=presenter-qr]').waitFor({ timeout: 10000 });
    assert.equal(await presenter.locator('[data-testid=presenter-room-code]').innerText(), access.room_code);
    // The back row types a short address and the code, not the 64-character room token.
    const typed = await presenter.locator('[data-testid=presenter-join-url]').innerText();
    assert.equal(typed, access.join_url.split('#')[0].replace(/\/$/, ''));
    assert.ok(!typed.includes('#') && typed.length <= 40, typed);
    const { context: phoneContext, page: phone } = await openPhone(app.browser);
    try {
      await phone.goto(typed);
      await phone.fill('[data-testid=join-code]', access.room_code);
      await phone.fill('[data-testid=join-name]', 'Back row');
      await phone.locator('[data-testid=join-submit]').click();
      await phone.locator('[data-testid=workshop-title]').waitFor();
    } finally {
      await phoneContext.close();
    }
    const src = await presenter.locator('[data-testid=presenter-qr]').getAttribute('src');
    assert.ok(src.startsWith('data:image/svg+xml;charset=utf-8,'), src.slice(0, 40));
  } finally {
    await api('close_participant_access', {});
  }
  await presenter.locator('[data-testid=presenter-join]').waitFor({ state: 'detached', timeout: 10000 });
  assert.deepEqual(problems, []);
});
