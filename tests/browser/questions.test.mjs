// Questions from the room and felt feelings in headless Chromium against the real `fiilis serve
// --participants`: the facilitator asks from the Room area, three phones answer an NPS question,
// an open question (in Finnish, folded into one word of the presenter's word cloud) and a poll;
// the presenter follows live; "Make notes" puts the answers on the board; phones pick up to two
// feelings with a rating of a stage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiResponse, tempDataDir } from '../support/fiilis.mjs';
import { joinRoom, openPhone, serveRoom } from '../support/room.mjs';
import { launchChromium, watchedPage } from '../support/browser.mjs';

let browser;
let room;
let data;
let facilitator;
let presenter;
const phones = [];

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

const panel = () => facilitator.page.locator('[data-testid=questions-panel]');
const openResult = () => panel().locator('[data-testid=question-result][data-status=open]');
const shown = () => presenter.locator('[data-testid=presenter-question]');

/** Asks from the Room area; resolves to the new question's id once every phone shows it. */
async function ask(kind, { options = [] } = {}) {
  const before = await openResult().getAttribute('data-id').catch(() => null);
  await panel().locator('[data-testid=question-kind]').selectOption(kind);
  for (const [i, option] of options.entries()) {
    if (i >= 2) await panel().locator('[data-testid=question-add-option]').click();
    await panel().locator(`[data-testid=question-option-${i}]`).fill(option);
  }
  await panel().locator('[data-testid=ask-question]').click();
  await facilitator.page.waitForFunction(
    (old) => {
      const el = document.querySelector('[data-testid=questions-panel] [data-testid=question-result][data-status=open]');
      return el && el.getAttribute('data-id') !== old;
    },
    before,
  );
  const id = await openResult().getAttribute('data-id');
  for (const { page } of phones) await page.locator(`[data-testid=phone-question][data-question="${id}"]`).waitFor();
  return id;
}

async function answered(page) {
  await page.locator('[data-testid=answer-state][data-waiting=false]').waitFor();
}

test('setup: a Finnish workshop, the Room area, a presenter tab and three phones', async () => {
  const changed = await apiResponse(room, 'update_workshop', { id: room.workshopId, language: 'fi' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  await ok('update_room', { rating_open: true });
  facilitator = await watchedPage(browser, { viewport: { width: 1280, height: 1000 } });
  const { page } = facilitator;
  await page.goto(`${room.origin}/#token=${room.token}`);
  await page.locator('body[data-ready="true"]').waitFor();
  await page
    .locator('[data-testid=workshop-card]', { has: page.locator('[data-testid=workshop-title]', { hasText: 'Hotel day' }) })
    .locator('[data-testid=open]')
    .click();
  await page.locator('[data-testid=nav-room]').click();
  await panel().locator('[data-testid=ask-question]').waitFor();

  const tab = await watchedPage(browser, { viewport: { width: 1600, height: 900 } });
  presenter = tab.page;
  facilitator.presenterProblems = tab.problems;
  await presenter.goto(`${room.origin}/#token=${room.token}&presenter=${room.workshopId}`);
  await presenter.locator('[data-testid=presenter][data-loaded="true"]').waitFor();
  assert.equal(await shown().count(), 0, 'no question yet');

  for (const [name, locale] of [
    ['Ann', 'en-US'],
    ['Bea', 'fi-FI'],
    ['Cem', 'en-US'],
  ]) {
    const phone = await openPhone(browser, locale);
    await joinRoom(phone.page, room, name);
    phones.push(phone);
  }
  // No question: no question tab.
  assert.equal(await phones[0].page.locator('[data-testid=tab-ask]').count(), 0);
});

test('three phones answer an NPS question; the presenter shows the figure and n', async () => {
  const id = await ask('nps');
  // The question comes forward on the phones, with the scale's ends named.
  for (const { page } of phones) {
    assert.equal(await page.locator('[data-testid=tab-ask]').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('[data-testid^=answer-score-]').count(), 11);
  }
  assert.match(await phones[0].page.locator('[data-testid=phone-question]').innerText(), /Not at all likely[\s\S]*Extremely likely/);
  assert.match(await phones[1].page.locator('[data-testid=phone-question]').innerText(), /Kuinka todennäköisesti suosittelisit/);

  // Bea first says 5, then changes her mind while the question is open.
  await phones[1].page.locator('[data-testid=answer-score-5]').tap();
  await answered(phones[1].page);
  for (const [i, score] of [
    [0, 10],
    [1, 9],
    [2, 3],
  ]) {
    await phones[i].page.locator(`[data-testid=answer-score-${score}]`).tap();
    await answered(phones[i].page);
    await phones[i].page.locator(`[data-testid=answer-score-${score}][aria-pressed=true]`).waitFor();
  }

  // Core's figure: 2 promoters, 0 passives, 1 detractor of 3 → +33.3.
  const [result] = (await ok('list_questions')).filter((r) => r.question.id === id);
  assert.equal(result.n, 3);
  assert.equal(result.figure.kind, 'nps');
  assert.equal(result.figure.value, 33.3);
  assert.equal(result.figure.small_n, true);

  const figure = shown().locator('[data-testid=presenter-figure]');
  await presenter.locator(`[data-testid=presenter-question][data-id="${id}"][data-n="3"]`).waitFor();
  assert.equal(await figure.getAttribute('data-value'), '33.3');
  assert.match(await figure.innerText(), /\+33[.,]3/);
  assert.match(await shown().locator('[data-testid=question-n]').innerText(), /3/);
  await shown().locator('[data-testid=small-n]').waitFor();
  await shown().locator('[data-testid=nps-shares]').waitFor();
  // The Room area shows the same, live.
  await openResult().locator(`[data-testid=question-figure][data-value="33.3"]`).waitFor();

  // A reloaded phone shows its own answer selected (from the laptop).
  await phones[2].page.reload();
  await phones[2].page.locator('[data-testid=answer-score-3][aria-pressed=true]').waitFor();
});

test('phones pick up to two feelings with a rating of a stage', async () => {
  const page = phones[0].page;
  await page.locator('[data-testid=tab-feel]').tap();
  const stage = page.locator('[data-testid=feel-stage]').first();
  const stageId = await stage.getAttribute('data-stage');
  assert.equal(await stage.locator('[data-testid=feeling-chip]').count(), 0, 'no feelings before a rating');
  await stage.locator('[data-testid=feel-plus]').tap();
  const chips = stage.locator('[data-testid=feeling-chip]');
  await chips.first().waitFor();
  const keys = await chips.evaluateAll((els) => els.map((el) => el.getAttribute('data-key')));
  assert.ok(keys.length >= 3, 'a vocabulary to pick from');
  await stage.locator(`[data-testid=feeling-chip][data-key="${keys[0]}"]`).tap();
  await stage.locator(`[data-testid=feeling-chip][data-key="${keys.at(-1)}"]`).tap();
  // A third is not offered while two are picked.
  assert.equal(await stage.locator(`[data-testid=feeling-chip][data-key="${keys[1]}"]`).isDisabled(), true);
  await page.locator('[data-testid=status][data-state=saved]').waitFor();

  const journey = await ok('get_journey');
  const felt = journey.stage_feelings.find((s) => s.stage_id === stageId);
  assert.deepEqual(felt.felt.map((f) => f.key).sort(), [keys[0], keys.at(-1)].sort());

  // Rating the stage again keeps the feelings; reloading shows them picked.
  await stage.locator('[data-testid=feel-plus]').tap();
  await page.locator('[data-testid=status][data-state=saved]').waitFor();
  await page.reload();
  await page.locator('[data-testid=tab-feel]').tap();
  const again = page.locator(`[data-testid=feel-stage][data-stage="${stageId}"]`);
  await again.locator(`[data-testid=feeling-chip][data-key="${keys[0]}"][aria-pressed=true]`).waitFor();
  await again.locator(`[data-testid=feeling-chip][data-key="${keys.at(-1)}"][aria-pressed=true]`).waitFor();
  // Folded until chosen again: only the picked ones show, with a button to change them.
  assert.equal(await again.locator('[data-testid=feeling-chip]').count(), 2);
  await again.locator('[data-testid=feeling-more]').tap();
  assert.equal(await again.locator('[data-testid=feeling-chip]').count(), keys.length);
  // The target ("as it should be") takes no feelings.
  await page.locator('[data-testid=feel-variant-target]').tap();
  assert.equal(await again.locator('[data-testid=feeling-chip]').count(), 0);
});

test('an open question in Finnish folds into one word counted three times', async () => {
  const id = await ask('open');
  const texts = ['Pitkä jono', 'jonossa odottaminen', 'Jonot ja odotus'];
  for (const [i, text] of texts.entries()) {
    const page = phones[i].page;
    assert.equal(await page.locator('[data-testid=tab-ask]').getAttribute('aria-pressed'), 'true');
    await page.fill('[data-testid=answer-text]', text);
    await page.locator('[data-testid=answer-send]').tap();
    await answered(page);
  }
  await presenter.locator(`[data-testid=presenter-question][data-id="${id}"][data-n="3"]`).waitFor();
  const cloud = shown().locator('[data-testid=word-cloud]');
  await cloud.locator('[data-testid=cloud-word][data-count="3"]').waitFor();
  const words = await cloud.locator('[data-testid=cloud-word]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-word'), Number(el.getAttribute('data-count'))]));
  assert.equal(words.filter(([, count]) => count === 3).length, 1, JSON.stringify(words));
  assert.match(words[0][0], /^jono/i, JSON.stringify(words));
  // The word is text, never markup.
  assert.equal(await cloud.locator('b, script, img').count(), 0);
});

test('a poll: the presenter shows the options with their counts', async () => {
  const id = await ask('poll', { options: ['Sauna', 'Pool', 'Gym'] });
  for (const [i, option] of [0, 0, 2].entries()) {
    await phones[i].page.locator(`[data-testid=answer-option-${option}]`).tap();
    await answered(phones[i].page);
  }
  await presenter.locator(`[data-testid=presenter-question][data-id="${id}"][data-n="3"]`).waitFor();
  const poll = shown().locator('[data-testid=poll-results]');
  assert.deepEqual(
    await poll.locator('[data-testid=poll-option]').evaluateAll((els) => els.map((el) => [el.innerText.split('\n')[0].trim(), el.getAttribute('data-count')])),
    [
      ['Sauna', '2'],
      ['Pool', '0'],
      ['Gym', '1'],
    ],
  );

  // Closing takes the question off the phones; the presenter keeps the latest results.
  await openResult().locator('[data-testid=close-question]').click();
  for (const { page } of phones) await page.locator('[data-testid=tab-ask]').waitFor({ state: 'detached' });
  await presenter.locator(`[data-testid=presenter-question][data-id="${id}"][data-status=closed]`).waitFor();
});

test('"Make notes" puts the open answers on the board, grouped; a question can be deleted', async () => {
  const results = await ok('list_questions');
  const open = results.find((r) => r.question.kind === 'open');
  const nps = results.find((r) => r.question.kind === 'nps');
  const card = panel().locator(`[data-testid=question-result][data-id="${open.question.id}"]`);
  await card.locator('[data-testid=answers-to-notes]').click();
  await facilitator.page.locator('[data-testid=undo-answers-to-notes]').waitFor();
  const board = await ok('get_board');
  const notes = board.notes.filter((n) => ['Pitkä jono', 'jonossa odottaminen', 'Jonot ja odotus'].includes(n.text));
  assert.equal(notes.length, 3, JSON.stringify(board.notes.map((n) => n.text)));
  assert.equal(new Set(notes.map((n) => n.cluster_id)).size, 1, 'grouped together');
  assert.ok(notes[0].cluster_id);
  // NPS answers are not notes.
  assert.equal(await panel().locator(`[data-testid=question-result][data-id="${nps.question.id}"] [data-testid=answers-to-notes]`).count(), 0);

  await panel().locator(`[data-testid=question-result][data-id="${nps.question.id}"] [data-testid=delete-question]`).click();
  await facilitator.page.locator('[data-testid=confirm]').click();
  await panel().locator(`[data-testid=question-result][data-id="${nps.question.id}"]`).waitFor({ state: 'detached' });
  assert.equal((await ok('list_questions')).length, 2);
});

test('nothing went wrong on any page', () => {
  assert.deepEqual(facilitator.problems, []);
  assert.deepEqual(facilitator.presenterProblems, []);
  for (const phone of phones) assert.deepEqual(phone.problems, []);
});
