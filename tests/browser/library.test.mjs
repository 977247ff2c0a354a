// The real UI in headless Debian Chromium against the real `fiilis serve`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiResponse } from '../support/fiilis.mjs';
import { loadApp, serveWithChromium, watchedPage } from '../support/browser.mjs';

const app = serveWithChromium();

const api = (operation, input, token = app.server.token) => apiResponse(app.server, operation, input, token);

async function openApp() {
  const { page, problems } = await watchedPage(app.browser);
  await loadApp(page, app.server);
  return { page, problems };
}

const card = (page, title) =>
  page.locator('[data-testid=workshop-card]', {
    has: page.locator('[data-testid=workshop-title]', { hasText: title }),
  });

test('the API answers only with the token', async () => {
  const refused = await api('list_workshops', {}, null);
  assert.equal(refused.status, 401);
  assert.equal(refused.body.code, 'unauthorized');
  const wrong = await api('list_workshops', {}, 'f'.repeat(64));
  assert.equal(wrong.status, 401);
  const allowed = await api('list_workshops', {});
  assert.equal(allowed.status, 200);
  assert.ok(Array.isArray(allowed.body));
});

test('create from the hotel template, see its stages, rename, trash and restore', async () => {
  const { page, problems } = await openApp();
  await card(page, 'Sample: a hotel stay').waitFor();

  await page.click('[data-testid=new-workshop]');
  await page.fill('[data-testid=create-title]', 'Hotel day');
  await page.selectOption('[data-testid=create-template]', 'hotel');
  await page.selectOption('[data-testid=create-language]', 'en');
  await page.click('[data-testid=create-submit]');
  await page.locator('[data-testid=workshop-view]').waitFor();
  await assert.doesNotReject(page.locator('[data-testid=stage]').nth(7).waitFor());
  // As a reader sees them: the soft hyphens the journey adds to long words are invisible.
  const stages = (await page.locator('[data-testid=stage]').allInnerTexts()).map((text) => text.replaceAll('\u00ad', ''));
  assert.equal(stages.length, 8);
  const expected = ['Browsing', 'Booking', 'Before the stay', 'Arrival / check-in', 'The stay',
    'Extra services', 'Check-out', 'After the stay'];
  expected.forEach((title, index) => assert.match(stages[index], new RegExp(title.replace('/', '\\/'))));

  await page.click('[data-testid=nav-library]');
  const hotel = card(page, 'Hotel day');
  await hotel.locator('[data-testid=rename]').click();
  await page.fill('[data-testid=rename-input]', 'Hotel day, renamed');
  await page.keyboard.press('Enter');
  const renamed = card(page, 'Hotel day, renamed');
  await renamed.waitFor();

  await renamed.locator('[data-testid=trash]').click();
  await renamed.waitFor({ state: 'detached' });
  await page.click('[data-testid=show-trash]');
  const trashed = card(page, 'Hotel day, renamed');
  await trashed.locator('[data-testid=restore]').click();
  await trashed.waitFor({ state: 'detached' });
  await page.click('[data-testid=show-library]');
  await card(page, 'Hotel day, renamed').waitFor();

  // The UI really went through the backend: the library file says the same.
  const listed = await api('list_workshops', {});
  const stored = listed.body.find((workshop) => workshop.title === 'Hotel day, renamed');
  assert.ok(stored, JSON.stringify(listed.body));
  assert.equal(stored.trashed_at, null);
  assert.equal(stored.stage_count, 8);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a workshop title that looks like HTML is shown as text and runs nothing', async () => {
  const payload = '<img src=x onerror="window.__pwned=1">';
  await api('create_workshop', { title: payload });
  const { page, problems } = await openApp();
  const shown = card(page, payload);
  await shown.waitFor();
  assert.equal(await shown.locator('[data-testid=workshop-title]').innerText(), payload);
  assert.equal(await page.locator('[data-testid=library] img[src=x]').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the library shows what is inside: a picture, counts, the language, a sort and search inside the workshops', async () => {
  const made = (await api('create_workshop', { title: 'Sisäpiiri', template: 'hotel', language: 'fi' })).body;
  await api('create_notes', {
    workshop_id: made.id,
    notes: [
      { text: 'Aamiaisbuffetin jono on liian pitkä', colour: 'sky', x: 0, y: 0 },
      { text: 'Huoneen avain ei toimi', colour: 'pink', x: 220, y: 0 },
    ],
  });
  await api('create_persona', { workshop_id: made.id, name: 'Maija' });
  const { page, problems } = await openApp();
  const sisa = card(page, 'Sisäpiiri');
  await sisa.waitFor();
  // The board in miniature, drawn by core: an image, never markup.
  const picture = sisa.locator('img[data-testid=workshop-thumbnail]');
  await picture.waitFor();
  assert.match(await picture.getAttribute('src'), /^data:image\/svg\+xml/);
  assert.ok(await picture.evaluate((img) => img.complete && img.naturalWidth > 0), 'the picture loads');
  assert.equal(await sisa.locator('[data-testid=workshop-language]').innerText(), 'FI');
  assert.match(await sisa.locator('[data-testid=workshop-counts]').innerText(), /2 notes · 1 persona/);

  // Search finds a word inside a note by its beginning, and says where it matched.
  await page.fill('[data-testid=search]', 'aamiaisbuff');
  await until(async () => (await page.locator('[data-testid=workshop-card]').count()) === 1, 'one workshop found');
  assert.equal(await sisa.locator('[data-testid=workshop-matched]').innerText(), 'Aamiaisbuffetin jono on liian pitkä');
  await page.fill('[data-testid=search]', '');
  await until(async () => (await page.locator('[data-testid=workshop-card]').count()) > 1, 'all back');

  // By title: core orders (Finnish letters after Z), and the choice is kept.
  await api('create_workshop', { title: 'Äänimaisema' });
  await api('create_workshop', { title: 'Aalto' });
  await page.selectOption('[data-testid=sort]', 'title');
  await until(async () => {
    const titles = await page.locator('[data-testid=workshop-title]').allInnerTexts();
    const at = (title) => titles.indexOf(title);
    return at('Aalto') >= 0 && at('Aalto') < at('Sisäpiiri') && at('Äänimaisema') === titles.length - 1;
  }, 'A first, Ä last');
  await page.reload();
  await page.locator('[data-testid=workshop-card]').first().waitFor();
  assert.equal(await page.inputValue('[data-testid=sort]'), 'title');
  await page.selectOption('[data-testid=sort]', 'recent');
  assert.deepEqual(problems, []);
  await page.close();
});

async function until(check, what, timeout = 10000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('F5 keeps the workshop and its area, and the back button goes where the user was', async () => {
  const { page, problems } = await openApp();
  await page
    .locator('[data-testid=workshop-card]', { has: page.locator('[data-testid=workshop-title]', { hasText: 'Sample: a hotel stay' }) })
    .locator('[data-testid=open]')
    .click();
  const view = page.locator('[data-testid=workshop-view]');
  await view.waitFor();
  const id = await view.getAttribute('data-workshop-id');
  await page.click('[data-testid=nav-personas]');
  await page.click('[data-testid=nav-room]');
  await page.waitForFunction((want) => location.hash === want, `#/w/${id}/room`);

  await page.reload();
  await page.locator(`[data-testid=workshop-view][data-workshop-id="${id}"]`).waitFor();
  assert.equal(await page.locator('[data-testid=nav-room]').getAttribute('aria-current'), 'page');
  await page.locator('[data-testid=room-area]').waitFor();
  assert.equal(await page.locator('body').getAttribute('data-ready'), 'true');

  await page.goBack();
  await page.locator('[data-testid=nav-personas][aria-current=page]').waitFor();
  await page.goBack();
  await page.locator('[data-testid=nav-journey][aria-current=page]').waitFor();
  await page.goBack();
  await page.locator('[data-testid=library]').waitFor();
  // Back in the library, the workshop just left has the focus.
  await page.waitForFunction((want) => document.activeElement?.closest('[data-workshop-id]')?.getAttribute('data-workshop-id') === want, id);
  await page.goForward();
  await page.locator(`[data-testid=workshop-view][data-workshop-id="${id}"]`).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('every script the app loads asks Chromium to compile it whole, ahead of its first use', async () => {
  const { page, problems } = await openApp();
  await card(page, 'Sample: a hotel stay').locator('[data-testid=open]').click();
  await page.locator('[data-testid=workshop-view]').waitFor();
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => new URL(name).pathname.endsWith('.js')),
  );
  // The app's entry, its shared chunk and the lazily loaded workshop areas at least.
  assert.ok(scripts.length >= 3, `scripts loaded: ${scripts.join(', ')}`);
  for (const url of scripts) {
    const text = await (await fetch(url)).text();
    assert.equal(text.split('\n', 1)[0], '//# allFunctionsCalledOnLoad', `${url} opens with the compile hint`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});
