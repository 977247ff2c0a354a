// The phone page in headless Chromium (as two phones) against the real `fiilis serve
// --participants`: join from the QR address, write notes, dot-vote within the budget, see the
// revealed results, and vote offline through the outbox without double counting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tempDataDir } from '../support/fiilis.mjs';
import { openPhone, serveRoom } from '../support/room.mjs';
import { launchChromium } from '../support/browser.mjs';

let browser;
let room;
let data;

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

/** A phone: its own browser context (storage, network), mobile viewport, touch. */
const phone = (locale = 'en-US') => openPhone(browser, locale);

async function join(page, name, role = 'customer') {
  await page.goto(room.joinUrl);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.locator('[data-testid=join-form]').waitFor();
  // Opened from the QR code: the room is known, no code to type.
  assert.equal(await page.locator('[data-testid=join-code]').count(), 0);
  await page.fill('[data-testid=join-name]', name);
  await page.locator(`[data-testid=join-role-${role}]`).tap();
  await page.locator('[data-testid=join-submit]').tap();
  await page.locator('[data-testid=workshop-title]', { hasText: 'Hotel day' }).waitFor();
}

async function addNote(page, text) {
  await page.locator('[data-testid=tab-notes]').tap();
  await page.fill('[data-testid=note-text]', text);
  await page.locator('[data-testid=note-add]').tap();
  await page.locator('[data-testid=my-note]', { hasText: text }).waitFor();
}

const noteCard = (page, text) => page.locator('[data-testid=vote-note]', { hasText: text });

async function waitSaved(page) {
  await page.locator('[data-testid=status][data-state=saved]').waitFor();
}

async function openRound(input) {
  const created = await room.api('create_round', input);
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const rounds = await room.api('list_rounds');
  return rounds.body.at(-1);
}

let ann;
let bob;

test('two phones join from the QR address and write notes', async () => {
  ann = await phone('en-US');
  bob = await phone('en-US');
  await join(ann.page, 'Ann', 'customer');
  await join(bob.page, 'Bob', 'employee');
  await addNote(ann.page, 'Breakfast ends too early');
  await addNote(ann.page, 'Check-in queue <b>is</b> long');
  await addNote(bob.page, 'No towels at the pool');
  await waitSaved(ann.page);
  await waitSaved(bob.page);

  const board = await room.api('get_board');
  assert.equal(board.status, 200, JSON.stringify(board.body));
  const texts = board.body.notes.map((note) => note.text).sort();
  assert.deepEqual(texts, ['Breakfast ends too early', 'Check-in queue <b>is</b> long', 'No towels at the pool']);
  assert.deepEqual(board.body.participants.map((p) => [p.name, p.role]).sort(), [['Ann', 'customer'], ['Bob', 'employee']]);
  // Phone notes carry their author (the facilitator sees who wrote what; other phones do not).
  const anns = board.body.participants.find((p) => p.name === 'Ann').id;
  assert.equal(board.body.notes.filter((note) => note.author_id === anns).length, 2);

  // A reload keeps the phone joined (the secret is in localStorage): no join screen.
  await ann.page.reload();
  await ann.page.locator('[data-testid=workshop-title]').waitFor();
  assert.equal(await ann.page.locator('[data-testid=join-form]').count(), 0);
  // Text from people is text: the note with markup shows its tags, and creates no element.
  await ann.page.locator('[data-testid=my-note]', { hasText: 'Check-in queue <b>is</b> long' }).waitFor();
  assert.equal(await ann.page.locator('[data-testid=my-note] b').count(), 0);
});

let round;

test('both vote within a budget of two; past it the server says no', async () => {
  round = await openRound({ votes_per_participant: 2, max_per_note: 2, duration_seconds: 600 });
  for (const { page } of [ann, bob]) {
    // The new round brings the vote tab to the front by itself (live events).
    await page.locator(`[data-testid=vote-view][data-round="${round.id}"][data-status=open]`).waitFor();
    await page.locator('[data-testid=countdown]').waitFor();
    assert.equal(await page.locator('[data-testid=votes-left]').innerText(), '2');
  }

  await noteCard(ann.page, 'No towels').locator('[data-testid=vote-plus]').tap();
  await noteCard(ann.page, 'Breakfast').locator('[data-testid=vote-plus]').tap();
  await ann.page.locator('[data-testid=votes-left]', { hasText: '0' }).waitFor();
  await waitSaved(ann.page);
  // A third vote goes to the laptop, which refuses it; the phone gives the reason in its own words.
  await noteCard(ann.page, 'Check-in').locator('[data-testid=vote-plus]').tap();
  await ann.page.locator('[data-testid=message]', { hasText: 'You have used all 2 of your votes.' }).waitFor();
  await waitSaved(ann.page);
  assert.equal(await noteCard(ann.page, 'Check-in').getAttribute('data-mine'), '0');
  assert.equal(await ann.page.locator('[data-testid=votes-left]').innerText(), '0');

  // Bob votes twice for one note, takes one back, and puts it elsewhere.
  const towels = noteCard(bob.page, 'No towels');
  await towels.locator('[data-testid=vote-plus]').tap();
  await towels.locator('[data-testid=vote-plus]').tap();
  await bob.page.locator('[data-testid=vote-note][data-mine="2"]').waitFor();
  await waitSaved(bob.page);
  await towels.locator('[data-testid=vote-minus]').tap();
  await bob.page.locator('[data-testid=votes-left]', { hasText: '1' }).waitFor();
  await noteCard(bob.page, 'Breakfast').locator('[data-testid=vote-plus]').tap();
  await waitSaved(bob.page);
  await bob.page.locator('[data-testid=vote-done]').tap();
  await bob.page.locator('[data-testid=done-note]').waitFor();
  await waitSaved(bob.page);

  const progress = await room.api('round_progress', { round_id: round.id });
  const byName = Object.fromEntries(progress.body.participants.map((p) => [p.name, p]));
  assert.equal(byName.Ann.votes_used, 2);
  assert.equal(byName.Bob.votes_used, 2);
  assert.equal(byName.Bob.done, true);
  assert.equal(byName.Ann.done, false);
});

test('the facilitator reveals; both phones show the ranked results', async () => {
  const revealed = await room.api('reveal_round', { id: round.id });
  assert.equal(revealed.status, 200, JSON.stringify(revealed.body));
  const results = (await room.api('round_results', { round_id: round.id })).body;
  assert.deepEqual(
    results.map((r) => [r.text, r.votes]),
    [
      ['Breakfast ends too early', 2],
      ['No towels at the pool', 2],
    ],
  );
  for (const { page } of [ann, bob]) {
    await page.locator('[data-testid=results]').waitFor();
    const shown = await page
      .locator('[data-testid=result]')
      .evaluateAll((rows) => rows.map((row) => [row.dataset.note, Number(row.dataset.votes), row.querySelector('.note-text').textContent]));
    assert.deepEqual(
      shown,
      results.map((r) => [r.note_id, r.votes, r.text]),
    );
    assert.match(await page.locator('[data-testid=result]').first().innerText(), /2 votes/);
    // A tie shares its rank, as on the presenter and in the reports: "=1, =1", not "1, 2".
    assert.deepEqual(await page.locator('[data-testid=result] .rank').allTextContents(), ['=1', '=1']);
    assert.deepEqual(
      results.map((r) => [r.rank, r.tied]),
      [
        [1, true],
        [1, true],
      ],
    );
  }
});

test('a vote made offline waits in the outbox and counts exactly once when back', async () => {
  round = await openRound({ votes_per_participant: 3, max_per_note: 3 });
  const { page, context } = ann;
  await page.locator(`[data-testid=vote-view][data-round="${round.id}"][data-status=open]`).waitFor();

  await context.setOffline(true);
  await noteCard(page, 'Check-in').locator('[data-testid=vote-plus]').tap();
  // Counted on the phone at once, waiting to be sent.
  await page.locator('[data-testid=votes-left]', { hasText: '2' }).waitFor();
  assert.equal(await noteCard(page, 'Check-in').getAttribute('data-mine'), '1');
  await page.locator('[data-testid=status][data-state=offline][data-waiting="1"]').waitFor();
  assert.match(await page.locator('[data-testid=status-text]').innerText(), /Offline, 1 waiting/);
  const stored = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('fiilis.phone.outbox.'))
      .map((key) => JSON.parse(localStorage.getItem(key))),
  );
  assert.equal(stored.flat().length, 1);
  assert.equal(stored.flat()[0].kind, 'vote');
  // Nothing reached the laptop.
  let progress = await room.api('round_progress', { round_id: round.id });
  assert.equal(progress.body.participants.find((p) => p.name === 'Ann').votes_used, 0);

  // The same phone after a reload while still offline: the vote is still waiting.
  await page.reload().catch(() => {});
  await context.setOffline(false);
  await page.locator('body[data-ready="true"]').waitFor();
  await waitSaved(page);
  // And once more for good measure: showing the page again resends nothing new.
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await waitSaved(page);

  progress = await room.api('round_progress', { round_id: round.id });
  assert.equal(progress.body.participants.find((p) => p.name === 'Ann').votes_used, 1);
  await room.api('reveal_round', { id: round.id });
  const results = (await room.api('round_results', { round_id: round.id })).body;
  assert.deepEqual(results.map((r) => [r.text, r.votes]), [['Check-in queue <b>is</b> long', 1]]);
  await page.locator('[data-testid=result]').first().waitFor();
  assert.equal(await page.locator('[data-testid=result]').count(), 1);
});

test('the outbox resends a vote whose answer was lost, and it still counts once', async () => {
  round = await openRound({ votes_per_participant: 2, max_per_note: 2 });
  const { page } = bob;
  await page.locator(`[data-testid=vote-view][data-round="${round.id}"][data-status=open]`).waitFor();
  // The laptop records the vote but the answer never arrives (Wi-Fi dropped on the way back).
  let dropped = 0;
  await page.route('**/p/votes', async (route) => {
    if (dropped++ === 0) {
      await route.fetch();
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await noteCard(page, 'Breakfast').locator('[data-testid=vote-plus]').tap();
  await page.locator('[data-testid=status][data-waiting="1"]').waitFor();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await waitSaved(page);
  assert.ok(dropped >= 2, `the vote was sent ${dropped} times`);
  const progress = await room.api('round_progress', { round_id: round.id });
  assert.equal(progress.body.participants.find((p) => p.name === 'Bob').votes_used, 1);
  await page.locator('[data-testid=votes-left]', { hasText: '1' }).waitFor();
  await page.unroute('**/p/votes');
  await room.api('close_round', { id: round.id });
  await page.locator('[data-testid=round-closed]').waitFor();
});

test('feelings: rate stages on the workshop scale, as myself and as a persona', async () => {
  const { page } = bob;
  await page.locator('[data-testid=tab-feel]').tap();
  const stages = page.locator('[data-testid=feel-stage]');
  await stages.nth(7).waitFor();
  assert.equal(await stages.count(), 8);
  await stages.nth(3).locator('[data-testid=feel-plus]').tap();
  await stages.nth(3).locator('[data-testid=feel-plus]').tap();
  await stages.nth(0).locator('[data-testid=feel-minus]').tap();
  await page.locator('[data-testid=feel-stage][data-score="2"]').waitFor();
  await waitSaved(page);
  const journey = await room.api('get_journey');
  const ratings = journey.body.ratings ?? [];
  const stageIds = journey.body.stages.map((s) => s.id);
  const mine = ratings.filter((r) => r.persona_id === null && r.variant === 'current');
  const at = (index) => mine.find((r) => r.stage_id === stageIds[index]);
  assert.equal(at(3)?.mean, 2, JSON.stringify(ratings));
  assert.equal(at(0)?.mean, -1, JSON.stringify(ratings));

  // The facilitator has everyone rate as a persona; rating as her is kept apart.
  const persona = await room.api('create_persona', { name: 'Maija, 38' });
  assert.equal(persona.status, 200, JSON.stringify(persona.body));
  const personaId = (await room.api('get_journey')).body.personas[0].id;
  const chosen = await room.api('update_room', { rating_persona_id: personaId });
  assert.equal(chosen.status, 200, JSON.stringify(chosen.body));
  await page.locator(`[data-testid=feel-persona][data-persona="${personaId}"]`, { hasText: 'Maija, 38' }).waitFor();
  // Her ratings start empty, though mine are set.
  assert.equal(await stages.nth(3).getAttribute('data-score'), '');
  await stages.nth(5).locator('[data-testid=feel-slider]').fill('-2');
  await page.locator('[data-testid=feel-stage][data-score="-2"]').waitFor();
  await waitSaved(page);
  const after = (await room.api('get_journey')).body.ratings;
  const hers = after.find((r) => r.persona_id === personaId && r.stage_id === stageIds[5]);
  assert.equal(hers?.mean, -2, JSON.stringify(after));
  assert.equal(hers?.variant, 'current');
});

test('a phone without the QR code joins with the typed room code, in Finnish', async () => {
  const eeva = await phone('fi-FI');
  await eeva.page.goto(`${room.lan}/`);
  await eeva.page.locator('[data-testid=join-form]').waitFor();
  assert.match(await eeva.page.locator('h1').innerText(), /Liity työpajaan/);
  await eeva.page.fill('[data-testid=join-code]', 'WRONG1');
  await eeva.page.locator('[data-testid=join-submit]').tap();
  await eeva.page.locator('[data-testid=join-error]', { hasText: 'Liittymiskoodi ei ole oikein' }).waitFor();
  await eeva.page.fill('[data-testid=join-code]', room.code.toLowerCase());
  await eeva.page.locator('[data-testid=join-submit]').tap();
  await eeva.page.locator('[data-testid=workshop-title]').waitFor();
  assert.match(await eeva.page.locator('[data-testid=tab-notes]').innerText(), /Ideat/);
  await eeva.page.locator('[data-testid=language]').tap();
  assert.match(await eeva.page.locator('[data-testid=tab-notes]').innerText(), /Ideas/);
  // Fits a 360 px wide phone without sideways scrolling.
  await eeva.page.setViewportSize({ width: 360, height: 740 });
  const overflow = await eeva.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px`);
  assert.deepEqual(eeva.problems, []);
  await eeva.context.close();
});

test('the phone wears the app’s palette, type and brand mark, in light and in dark', async () => {
  /** What a page looks like: its theme, page colours, font, brand mark, and what `--color-accent` paints. */
  const look = (page) =>
    page.evaluate(() => {
      const html = getComputedStyle(document.documentElement);
      const mark = document.querySelector('.brand-mark');
      const probe = document.createElement('div');
      probe.style.background = 'var(--color-accent)';
      document.body.append(probe);
      const accent = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return {
        theme: document.documentElement.dataset.theme,
        background: html.backgroundColor,
        text: html.color,
        font: html.fontFamily,
        accent,
        mark: mark && { background: getComputedStyle(mark).backgroundColor, radius: getComputedStyle(mark).borderRadius },
      };
    });
  for (const colorScheme of ['light', 'dark']) {
    const desk = await browser.newPage({ colorScheme, viewport: { width: 1280, height: 800 } });
    await desk.goto(`${room.origin}/#token=${room.token}`);
    await desk.locator('body[data-ready="true"]').waitFor();
    const app = await look(desk);
    await desk.close();

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme });
    const page = await context.newPage();
    await page.goto(room.joinUrl);
    await page.locator('[data-testid=join-form]').waitFor();
    const phone = await look(page);
    assert.equal(app.theme, colorScheme);
    assert.deepEqual(phone, app, `${colorScheme}: the phone looks like the app`);
    assert.ok(phone.mark, 'the brand mark is beside the name');
    // The main button is the app's accent (no longer the phone's own blue).
    const primary = await page.locator('[data-testid=join-submit]').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(primary, app.accent);
    assert.notEqual(primary, 'rgb(31, 95, 191)');
    await context.close();
  }
});

test('no page errors on the phones', async () => {
  assert.deepEqual(ann.problems, []);
  assert.deepEqual(bob.problems, []);
  await ann.context.close();
  await bob.context.close();
});
