// Personas, the journey map and the emotion curves in headless Debian Chromium against the
// real `fiilis serve`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiBody, tempDataDir } from '../support/fiilis.mjs';
import { watchedPage, loadApp, openWorkshopCard, serveWithChromium } from '../support/browser.mjs';
import { makePng } from '../support/png.mjs';
import { serveRoom } from '../support/room.mjs';

const app = serveWithChromium();

const api = (operation, input) => apiBody(app.server, operation, input);
const newPage = () => watchedPage(app.browser, { viewport: { width: 1440, height: 900 }, colorScheme: 'light' });

/** Polls `check` (async) until it returns something truthy. */
async function until(check, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** An element's text as a reader sees it: the soft hyphens the journey adds to long words are invisible. */
const seen = async (locator) => (await locator.innerText()).replaceAll('\u00ad', '');

/** Waits until one of the elements `selector` finds reads `text` (as a reader sees it). */
async function shownIn(page, selector, text) {
  await until(async () => {
    for (const element of await page.locator(selector).all()) if ((await seen(element)).includes(text)) return true;
    return false;
  }, `${selector} showing ${text}`);
}

async function openWorkshop(page, title, area) {
  await openWorkshopCard(page, app.server, title);
  await page.click(`[data-testid=nav-${area}]`);
  await page.locator(`[data-testid=${area}][data-loaded="true"]`).waitFor();
}

const point = (page, personaId, stageId, variant = 'current') =>
  page.locator(
    `[data-testid=emotion-point][data-persona-id="${personaId}"][data-stage-id="${stageId}"][data-variant="${variant}"]`,
  );

// Two personas' current feelings across the eight hotel stages, on the default −2…2 scale.
const SCORES = {
  maija: [1, 0, -1, -2, 1, 2, -1, 1],
  jukka: [-1, 1, 0, 2, -2, -1, 1, 2],
};

async function createPersona(page, fields) {
  const before = await page.locator('[data-testid=persona-card]').count();
  await page.click('[data-testid=new-persona]');
  await until(async () => (await page.locator('[data-testid=persona-card]').count()) === before + 1, 'the new persona card');
  for (const [field, value] of Object.entries(fields)) {
    await page.fill(`[data-testid=persona-${field}]`, value);
    await page.press(`[data-testid=persona-${field}]`, 'Tab');
  }
  await page.locator('[data-testid=persona-card-name]', { hasText: fields.name }).waitFor();
}

test('personas, then current emotions for every stage by keyboard and one by mouse; all kept after a reload', async () => {
  const { page, problems } = await newPage();
  await loadApp(page, app.server);
  await page.click('[data-testid=new-workshop]');
  await page.fill('[data-testid=create-title]', 'Hotel Aurora: guest journey');
  await page.selectOption('[data-testid=create-template]', 'hotel');
  await page.selectOption('[data-testid=create-language]', 'en');
  await page.click('[data-testid=create-submit]');
  await page.locator('[data-testid=workshop-view]').waitFor();
  const workshopId = await page.locator('[data-testid=workshop-view]').getAttribute('data-workshop-id');

  // Two personas, every field typed into the editor.
  await page.click('[data-testid=nav-personas]');
  await page.locator('[data-testid=personas][data-loaded="true"]').waitFor();
  await createPersona(page, {
    name: 'Maija Virtanen',
    age: '38',
    occupation: 'Project manager, travels for work',
    quote: 'I just want my room to be ready when I arrive.',
    goals: 'Rest well between long work days.',
  });
  await createPersona(page, {
    name: 'Jukka Korhonen',
    age: '67',
    occupation: 'Retired teacher',
    quote: 'A friendly face at the desk matters more than an app.',
    pains: 'Small print, self-service kiosks.',
  });
  const cards = page.locator('[data-testid=persona-gallery] [data-testid=persona-card]');
  assert.equal(await cards.count(), 2);

  let journey = await until(async () => {
    const j = await api('get_journey', { workshop_id: workshopId });
    return j.personas.length === 2 && j.personas[1].pains === 'Small print, self-service kiosks.' && j;
  }, 'both personas saved');
  assert.deepEqual(journey.personas.map((p) => p.name), ['Maija Virtanen', 'Jukka Korhonen']);
  assert.equal(journey.personas[0].goals, 'Rest well between long work days.');
  const [maija, jukka] = journey.personas;
  const stageIds = journey.stages.map((s) => s.id);
  assert.equal(stageIds.length, 8);

  // The journey map: eight stages; fill a few pains and opportunities, mark a moment of truth.
  await page.click('[data-testid=nav-journey]');
  await page.locator('[data-testid=journey][data-loaded="true"]').waitFor();
  const stages = page.locator('[data-testid=stage]');
  assert.equal(await stages.count(), 8);
  const lanes = [
    [1, 'pain_points', 'Total price shown only at the last step'],
    [1, 'opportunities', 'Show the full price up front'],
    [3, 'pain_points', 'Queue at the desk after a long trip'],
    [3, 'opportunities', 'Mobile check-in and a digital key'],
    [4, 'pain_points', 'Noisy air conditioning'],
    [6, 'pain_points', 'Unclear minibar charges'],
    [6, 'opportunities', 'Itemised bill by e-mail'],
  ];
  for (const [index, lane, text] of lanes) {
    const stage = stages.nth(index);
    await stage.locator(`[data-testid=stage-${lane}]`).click();
    await stage.locator(`textarea[data-testid=stage-${lane}]`).fill(text);
    await stage.locator(`textarea[data-testid=stage-${lane}]`).press('Tab');
    await until(async () => (await seen(stage.locator(`button[data-testid=stage-${lane}]`))) === text, `${lane} of stage ${index + 1} shown`);
  }
  await stages.nth(3).locator('[data-testid=stage-mot]').click();
  await stages.nth(3).locator('[data-testid=moment-of-truth-badge]').waitFor();

  // Current emotions by keyboard: focus the first point, arrows set it, → goes to the next stage.
  for (const [persona, scores] of [[maija, SCORES.maija], [jukka, SCORES.jukka]]) {
    await point(page, persona.id, stageIds[0]).focus();
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i];
      if (s === 0) {
        await page.keyboard.press('ArrowUp');
        await page.keyboard.press('ArrowDown');
      }
      for (let k = 0; k < Math.abs(s); k++) await page.keyboard.press(s > 0 ? 'ArrowUp' : 'ArrowDown');
      const focused = await page.evaluate(() => ({
        stage: document.activeElement?.getAttribute('data-stage-id'),
        score: document.activeElement?.getAttribute('data-score'),
        now: document.activeElement?.getAttribute('aria-valuenow'),
      }));
      assert.deepEqual(focused, { stage: stageIds[i], score: String(s), now: String(s) });
      if (i < scores.length - 1) await page.keyboard.press('ArrowRight');
    }
  }
  // Bounds hold: pressing further than the end keeps the maximum.
  await point(page, maija.id, stageIds[5]).focus();
  await page.keyboard.press('ArrowUp');
  assert.equal(await point(page, maija.id, stageIds[5]).getAttribute('data-score'), '2');

  const expected = (j) =>
    Object.fromEntries(
      j.emotions.filter((e) => e.variant === 'current').map((e) => [`${e.persona_id}|${e.stage_id}`, e.score]),
    );
  const want = {};
  stageIds.forEach((id, i) => {
    want[`${maija.id}|${id}`] = SCORES.maija[i];
    want[`${jukka.id}|${id}`] = SCORES.jukka[i];
  });
  journey = await until(async () => {
    const j = await api('get_journey', { workshop_id: workshopId });
    return JSON.stringify(expected(j)) === JSON.stringify(want) ? j : null;
  }, 'all sixteen scores saved').catch(async (error) => {
    const j = await api('get_journey', { workshop_id: workshopId });
    assert.deepEqual(expected(j), want, error.message);
    return j;
  });

  // The mouse: drag Jukka at "The stay" (−2) up two steps, to 0: one set_emotion on release.
  const target = point(page, jukka.id, stageIds[4]);
  const box = await target.boundingBox();
  const [top, bottom] = await page.evaluate(() => {
    const svg = document.querySelector('[data-testid=emotion-chart]');
    const grid = [...svg.querySelectorAll('line.grid')].map((l) => l.getBoundingClientRect().top);
    return [Math.min(...grid), Math.max(...grid)];
  });
  const step = (bottom - top) / 4;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) await page.mouse.move(x, y - (2 * step * k) / 10);
  await page.mouse.up();
  await until(async () => (await target.getAttribute('data-score')) === '0', 'the dragged point at 0');
  want[`${jukka.id}|${stageIds[4]}`] = 0;
  await until(async () => {
    const j = await api('get_journey', { workshop_id: workshopId });
    return JSON.stringify(expected(j)) === JSON.stringify(want);
  }, 'the dragged score saved').catch(async (error) => {
    const j = await api('get_journey', { workshop_id: workshopId });
    const toast = await page.locator('.toast').allInnerTexts();
    assert.deepEqual(expected(j), want, `${error.message}; toast: ${toast.join(' | ')}`);
  });

  // After a reload, the chart shows the stored scores.
  // The address holds the workshop and its area: the reload comes back to this journey.
  await page.reload();
  await page.locator('[data-testid=journey][data-loaded="true"]').waitFor();
  for (const [persona, key] of [[maija, 'maija'], [jukka, 'jukka']]) {
    for (let i = 0; i < 8; i++) {
      const shown = await point(page, persona.id, stageIds[i]).getAttribute('data-score');
      assert.equal(Number(shown), want[`${persona.id}|${stageIds[i]}`], `${key} at stage ${i + 1}`);
    }
  }
  const slider = point(page, maija.id, stageIds[0]);
  assert.equal(await slider.getAttribute('role'), 'slider');
  assert.equal(await slider.getAttribute('tabindex'), '0');
  assert.equal(await slider.getAttribute('aria-valuemin'), '-2');
  assert.equal(await slider.getAttribute('aria-valuemax'), '2');
  assert.match(await slider.getAttribute('aria-label'), /Maija Virtanen.*Browsing.*Current/);
  const stored = await api('get_journey', { workshop_id: workshopId });
  assert.deepEqual(expected(stored), want);
  assert.equal(stored.stages[3].moment_of_truth, true);
  assert.equal(stored.stages[1].opportunities, 'Show the full price up front');

  // Realistic extras for the screenshot: targets, a note on a point, board notes linked to stages.
  const targets = { maija: [2, 1, 1, 1, 2, 2, 1, 2], jukka: [1, 1, 1, 2, 1, 1, 1, 2] };
  for (const [persona, key] of [[maija, 'maija'], [jukka, 'jukka']]) {
    for (let i = 0; i < 8; i++) {
      await api('set_emotion', { workshop_id: workshopId, persona_id: persona.id, stage_id: stageIds[i], variant: 'target', score: targets[key][i] });
    }
  }
  await api('set_emotion', {
    workshop_id: workshopId, persona_id: maija.id, stage_id: stageIds[3], variant: 'current', score: -2,
    note: 'Waited 25 minutes at the desk after a late flight.',
  });
  await api('create_notes', {
    workshop_id: workshopId,
    notes: [
      { text: 'Send the door code by text message', x: 0, y: 0, colour: 'green', stage_id: stageIds[3] },
      { text: 'Breakfast ends too early on Sundays', x: 200, y: 0, colour: 'yellow', stage_id: stageIds[4] },
      { text: 'Could not find parking info', x: 400, y: 0, colour: 'orange', stage_id: stageIds[2] },
    ],
  });
  await shownIn(page, '[data-testid=stage-note]', 'Could not find parking info');
  await page.locator('[data-testid=variant-switch] input[value=both]').check();
  await until(async () => (await point(page, jukka.id, stageIds[0], 'target').getAttribute('data-score')) === '1', 'target points live');
  // The map's stage headers and the whole chart in one 1440×900 view.
  await page.evaluate(() => document.querySelector('[data-testid=emotion-chart]').scrollIntoView({ block: 'end' }));
  await page.evaluate(() => document.activeElement?.blur());
  await sleep(300);
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/journey.png' });
  assert.deepEqual(problems, []);
  await page.close();
});

test('stages: add and rename inline, move with Alt+Arrow, delete and undo from the toast, Ctrl+Z', async () => {
  const workshop = await api('create_workshop', { title: 'Stage editing', template: 'hotel' });
  const { page, problems } = await newPage();
  await openWorkshop(page, 'Stage editing', 'journey');
  const stages = page.locator('[data-testid=stage]');
  await page.click('[data-testid=add-stage]');
  await until(async () => (await stages.count()) === 9, 'nine stages');
  // The new stage's title opens for editing at once.
  const title = stages.nth(8).locator('input[data-testid=stage-title]');
  await title.waitFor();
  await title.fill('Loyalty programme');
  await title.press('Enter');
  await until(async () => (await seen(stages.nth(8).locator('button[data-testid=stage-title]'))) === 'Loyalty programme', 'the new title shown');

  // Alt+Left on the focused stage moves it one place earlier.
  await stages.nth(8).locator('[data-testid=stage-handle]').focus();
  await page.keyboard.press('Alt+ArrowLeft');
  await until(async () => (await seen(stages.nth(7))).includes('Loyalty programme'), 'moved to place 8');
  let journey = await api('get_journey', { workshop_id: workshop.id });
  assert.equal(journey.stages[7].title, 'Loyalty programme');

  // Delete, then Undo in the toast.
  await stages.nth(7).locator('[data-testid=stage-delete]').click();
  await until(async () => (await stages.count()) === 8, 'the stage deleted');
  await page.click('[data-testid=toast-undo]');
  await until(async () => (await stages.count()) === 9, 'the stage back');
  journey = await api('get_journey', { workshop_id: workshop.id });
  assert.equal(journey.stages[7].title, 'Loyalty programme');

  // Ctrl+Z undoes the undone delete's predecessor: the move; Ctrl+Shift+Z redoes it.
  await page.locator('[data-testid=journey] h2').click();
  await page.keyboard.press('Control+z');
  await until(async () => (await seen(stages.nth(8))).includes('Loyalty programme'), 'the move undone');
  await page.keyboard.press('Control+Shift+z');
  await until(async () => (await seen(stages.nth(7))).includes('Loyalty programme'), 'the move redone');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a persona photo: a PNG is shown from get_image, a text file is refused with a clear message', async () => {
  const workshop = await api('create_workshop', { title: 'Photo check' });
  const { page, problems } = await newPage();
  await openWorkshop(page, 'Photo check', 'personas');
  await page.click('[data-testid=new-persona]');
  await page.locator('[data-testid=persona-card]').waitFor();
  const png = makePng(48, 48);
  await page.setInputFiles('[data-testid=persona-photo-input]', { name: 'face.png', mimeType: 'image/png', buffer: png });
  const img = page.locator('[data-testid=persona-card] img[data-testid=persona-photo]');
  await img.waitFor();
  assert.match(await img.getAttribute('src'), /^data:image\//);
  const journey = await api('get_journey', { workshop_id: workshop.id });
  assert.ok(journey.personas[0].photo_id);

  // Not an image: the browser check says so (nothing is sent)…
  await page.setInputFiles('[data-testid=persona-photo-input]', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  assert.match(await page.locator('[data-testid=persona-photo-error]').innerText(), /not a PNG, JPEG or WebP/);
  // …and bytes that only claim to be a PNG are refused by the backend, whose message is shown.
  await page.setInputFiles('[data-testid=persona-photo-input]', { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not really a png') });
  await until(async () => {
    const text = await page.locator('[data-testid=persona-photo-error]').innerText().catch(() => '');
    return text && !/not a PNG, JPEG or WebP/.test(text) && text;
  }, 'the backend’s refusal');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a new scale rescales every score and says how many; persona text that looks like HTML stays text', async () => {
  const workshop = await api('create_workshop', { title: 'Scale check', template: 'hotel' });
  const payload = '<img src=x onerror="window.__pwned=1">';
  await api('create_persona', { workshop_id: workshop.id, name: payload, quote: '<b>bold?</b>' });
  let journey = await api('get_journey', { workshop_id: workshop.id });
  const [persona] = journey.personas;
  const [s1, s2] = journey.stages;
  await api('set_emotion', { workshop_id: workshop.id, persona_id: persona.id, stage_id: s1.id, variant: 'current', score: 2 });
  await api('set_emotion', { workshop_id: workshop.id, persona_id: persona.id, stage_id: s2.id, variant: 'current', score: -1 });

  const { page, problems } = await newPage();
  await openWorkshop(page, 'Scale check', 'journey');
  assert.equal(await point(page, persona.id, s1.id).getAttribute('data-score'), '2');
  await page.selectOption('[data-testid=scale-select]', '1..10');
  await page.locator('.toast', { hasText: '2 scores were rescaled' }).waitFor();
  await until(async () => (await point(page, persona.id, s1.id).getAttribute('data-score')) === '10', 'the rescaled point');
  assert.equal(await point(page, persona.id, s2.id).getAttribute('data-score'), '3.3');
  assert.equal(await point(page, persona.id, s1.id).getAttribute('aria-valuemax'), '10');
  journey = await api('get_journey', { workshop_id: workshop.id });
  assert.equal(journey.scale, '1..10');

  // The name is text everywhere: legend, point labels, gallery, editor.
  const legend = page.locator('[data-testid=legend-persona]');
  assert.equal((await legend.innerText()).trim(), payload);
  await page.click('[data-testid=nav-personas]');
  await page.locator('[data-testid=personas][data-loaded="true"]').waitFor();
  assert.equal(await page.locator('[data-testid=persona-card-name]').innerText(), payload);
  assert.equal(await page.locator('[data-testid=persona-name]').inputValue(), payload);
  assert.equal(await page.locator('img[src=x]').count(), 0);
  assert.equal(await page.locator('b', { hasText: 'bold?' }).count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a persona list: + Add item, type, Enter, type on: the focus stays in the list and every item is kept', async () => {
  const workshop = await api('create_workshop', { title: 'Persona lists' });
  const { page, problems } = await newPage();
  await openWorkshop(page, 'Persona lists', 'personas');
  await page.click('[data-testid=new-persona]');
  const editor = page.locator('[data-testid=persona-editor]');
  await editor.waitFor();
  const focused = () =>
    page.evaluate(() => ({
      tag: document.activeElement?.tagName,
      className: document.activeElement?.className ?? '',
      value: document.activeElement?.value ?? null,
    }));

  // A new list section: its title has the focus, and keeps it once the section is saved.
  await page.selectOption('[data-testid=section-kind]', 'list');
  await page.click('[data-testid=add-section]');
  await editor.locator('[data-testid=persona-section][data-kind=list]').waitFor();
  await until(async () => (await api('get_journey', { workshop_id: workshop.id })).personas[0].sections.length === 1, 'the section saved');
  await sleep(300);
  assert.match((await focused()).className, /section-title/, 'the new section’s title keeps the focus');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Habits');

  // + Add item, then type, Enter, type, Enter, type: with time for each save to come back.
  await editor.locator('[data-testid=section-item-add]').click();
  const words = ['Early check-in', 'Quiet room', 'Late checkout'];
  for (const [index, word] of words.entries()) {
    const now = await focused();
    assert.equal(now.tag, 'INPUT', `before “${word}”: the focus is in an input, not on ${now.tag}`);
    assert.match(now.className, /\bitem\b/);
    assert.equal(now.value, '');
    await page.keyboard.type(word);
    if (index < words.length - 1) {
      await page.keyboard.press('Enter');
      await sleep(400);
    }
  }
  assert.deepEqual(await editor.locator('[data-testid=section-item]').evaluateAll((els) => els.map((e) => e.value)), words);

  // Leaving the sections saves them; the stored list has every item, and only those.
  await page.locator('[data-testid=personas] h2').click();
  await until(async () => {
    const [persona] = (await api('get_journey', { workshop_id: workshop.id })).personas;
    const [section] = persona.sections;
    return section?.title === 'Habits' && JSON.stringify(section.items) === JSON.stringify(words);
  }, 'the title and all three items saved');
  assert.equal((await api('get_journey', { workshop_id: workshop.id })).personas[0].sections.length, 1, 'no second copy of the section');
  assert.deepEqual(await editor.locator('[data-testid=section-item]').evaluateAll((els) => els.map((e) => e.value)), words);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the note popover of a point low at the right edge of the window stays wholly in view', async () => {
  const workshop = await api('create_workshop', { title: 'Popover edges', template: 'hotel' });
  await api('create_persona', { workshop_id: workshop.id, name: 'Maija Virtanen' });
  const journey = await api('get_journey', { workshop_id: workshop.id });
  const [persona] = journey.personas;
  const last = journey.stages.at(-1);
  await api('set_emotion', { workshop_id: workshop.id, persona_id: persona.id, stage_id: last.id, variant: 'current', score: -2 });

  const viewport = { width: 1100, height: 700 };
  const { page, problems } = await watchedPage(app.browser, { viewport, colorScheme: 'light' });
  await openWorkshop(page, 'Popover edges', 'journey');
  const target = point(page, persona.id, last.id);
  await target.focus();
  // The chart's bottom at the window's bottom, the last stage at its right edge.
  await page.evaluate(() => {
    const chart = document.querySelector('[data-testid=emotion-chart]');
    chart.closest('.scroller').scrollLeft = 1e6;
    chart.scrollIntoView({ block: 'end' });
  });
  const anchor = await target.boundingBox();
  assert.ok(anchor.y + anchor.height > viewport.height - 120, `the point is near the bottom (${anchor.y})`);
  assert.ok(anchor.x + anchor.width > viewport.width - 300, `the point is near the right edge (${anchor.x})`);
  await page.keyboard.press('Enter');

  const popover = page.locator('[data-testid=emotion-note]');
  await popover.waitFor();
  await page.locator('[data-testid=emotion-note-input]:focus').waitFor();
  const box = await popover.boundingBox();
  assert.ok(box.x >= 0 && box.y >= 0, `top-left in view: ${JSON.stringify(box)}`);
  assert.ok(box.x + box.width <= viewport.width && box.y + box.height <= viewport.height, `bottom-right in view: ${JSON.stringify(box)}`);
  // Nothing clips or covers it: its corners and its Save button are what the window shows there.
  const visible = await popover.evaluate((form) => {
    const r = form.getBoundingClientRect();
    const save = form.querySelector('[data-testid=emotion-note-save]').getBoundingClientRect();
    return [
      [r.left + 4, r.top + 4],
      [r.right - 4, r.bottom - 4],
      [save.left + save.width / 2, save.top + save.height / 2],
    ].every(([x, y]) => form.contains(document.elementFromPoint(x, y)));
  });
  assert.ok(visible, 'the whole popover is on top and unclipped');
  // Beside the point, not over it.
  assert.ok(box.x + box.width <= anchor.x || box.x >= anchor.x + anchor.width, 'the point stays visible');

  await page.fill('[data-testid=emotion-note-input]', 'Checkout queue on a Monday morning');
  await page.click('[data-testid=emotion-note-save]');
  await popover.waitFor({ state: 'detached' });
  await until(async () => {
    const j = await api('get_journey', { workshop_id: workshop.id });
    return j.emotions.some((e) => e.stage_id === last.id && e.note === 'Checkout queue on a Monday morning');
  }, 'the note saved');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the emotion chart names its stages: titles on the axis, long ones wrapped, the whole title as a tooltip', async () => {
  const workshop = await api('create_workshop', { title: 'Axis labels', template: 'hotel' });
  let journey = await api('get_journey', { workshop_id: workshop.id });
  const long = 'Contact via chat, phone or e-mail and in person at the front desk';
  await api('update_stage', { workshop_id: workshop.id, id: journey.stages[1].id, title: long });
  await api('create_persona', { workshop_id: workshop.id, name: 'Maija Virtanen' });
  journey = await api('get_journey', { workshop_id: workshop.id });

  const { page, problems } = await newPage();
  await openWorkshop(page, 'Axis labels', 'journey');
  const labels = page.locator('[data-testid=emotion-chart] [data-testid=stage-label]');
  await labels.first().waitFor();
  const shown = await labels.evaluateAll((els) =>
    els.map((g) => ({
      id: g.getAttribute('data-stage-id'),
      lines: [...g.querySelectorAll('tspan')].map((t) => t.textContent),
      title: g.querySelector('title')?.textContent,
    })),
  );
  assert.deepEqual(shown.map((l) => l.id), journey.stages.map((s) => s.id));
  assert.deepEqual(shown.map((l) => l.title), journey.stages.map((s) => s.title));
  assert.deepEqual(shown[0].lines, ['Browsing']);
  assert.deepEqual(shown[3].lines, ['Arrival / check-in']);
  // The long one: two lines, the second ending in an ellipsis, nothing but the title's words.
  assert.equal(shown[1].lines.length, 2);
  assert.match(shown[1].lines[1], /…$/);
  assert.ok(long.startsWith(shown[1].lines.join(' ').replace(/…$/, '')), shown[1].lines.join(' | '));
  // No stage numbers on the axis any more, and the labels sit under their columns without overlapping.
  const boxes = await labels.evaluateAll((els) => els.map((g) => g.getBoundingClientRect().toJSON()));
  for (let i = 1; i < boxes.length; i++) assert.ok(boxes[i].left >= boxes[i - 1].right - 1, `labels ${i} and ${i + 1} overlap`);
  const chart = await page.locator('[data-testid=emotion-chart]').boundingBox();
  for (const box of boxes) assert.ok(box.bottom <= chart.y + chart.height + 1, 'a label below the chart');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a long Finnish stage title breaks at a syllable, with a hyphen, not between any two letters', async () => {
  await api('create_workshop', { title: 'Tavut', template: 'hotel', language: 'fi' });
  const { page, problems } = await newPage();
  await openWorkshop(page, 'Tavut', 'journey');
  // The hotel's fourth stage: "Saapuminen / sisäänkirjautuminen", wider than its column.
  const title = page.locator('[data-testid=stage]').nth(3).locator('button[data-testid=stage-title]');
  await until(async () => (await title.textContent()).includes('\u00ad'), 'soft hyphens from core');
  const lines = await title.evaluate((button) => {
    const text = button.firstChild?.nodeType === Node.TEXT_NODE ? button.firstChild : [...button.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
    const range = document.createRange();
    const out = [];
    let top = null;
    for (let i = 0; i < text.data.length; i++) {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      // A range that ends at a line break also covers the hyphen drawn there: its last box is
      // where the character itself is.
      const rect = [...range.getClientRects()].at(-1);
      if (!rect) continue;
      if (top !== null && rect.top > top + 2) out.push(i);
      top = rect.top;
    }
    return { data: text.data, breaks: out };
  });
  assert.ok(lines.breaks.length > 0, 'the title takes more than one line');
  for (const at of lines.breaks) {
    const before = lines.data.slice(0, at).replace(/\s+$/, '');
    const last = before.at(-1);
    // A line ends at a space, a slash or a soft hyphen (shown as "-"), never inside a syllable.
    assert.ok([' ', '/', '\u00ad'].includes(lines.data[at - 1]) || last === '/', `a break after ${JSON.stringify(lines.data.slice(Math.max(0, at - 8), at))}`);
  }
  assert.ok(lines.breaks.some((at) => lines.data[at - 1] === '\u00ad'), 'the long word broke at a syllable');
  assert.equal(await seen(title), 'Saapuminen / sisäänkirjautuminen');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a direction override in a persona’s name reorders nothing after it', async () => {
  const RLO = '\u202e';
  const workshop = await api('create_workshop', { title: 'Override names', template: 'hotel' });
  await api('create_persona', { workshop_id: workshop.id, name: `${RLO}ajiaM`, occupation: `${RLO}reganam tcejorP`, age: '38' });
  const journey = await api('get_journey', { workshop_id: workshop.id });
  const [persona] = journey.personas;
  const [first] = journey.stages;
  await api('set_emotion', { workshop_id: workshop.id, persona_id: persona.id, stage_id: first.id, variant: 'current', score: 1 });

  /**
   * Where each of `words` is drawn inside `selector`: the left edges of its first and last letters.
   * An override leaking out of a name would turn the rest of the line around: later words to
   * the left of earlier ones, each read right to left.
   */
  const drawn = (selector, words) =>
    page.locator(selector).evaluate((root, words) => {
      const out = {};
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of words) {
          const at = node.textContent.indexOf(word);
          if (at < 0) continue;
          const left = (index) => {
            const range = document.createRange();
            range.setStart(node, index);
            range.setEnd(node, index + 1);
            return range.getBoundingClientRect().left;
          };
          out[word] = { first: left(at), last: left(at + word.length - 1) };
        }
      }
      return out;
    }, words);

  const { page, problems } = await newPage();
  await openWorkshop(page, 'Override names', 'journey');
  // The note popover's title: "{persona}, {stage}, {variant}".
  await point(page, persona.id, first.id).focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=emotion-note]').waitFor();
  const words = await drawn('[data-testid=emotion-note] .pop-title', ['Browsing', 'Current']);
  assert.ok(words.Browsing && words.Current, JSON.stringify(words));
  for (const [word, at] of Object.entries(words)) assert.ok(at.first < at.last, `“${word}” reads left to right`);
  assert.ok(words.Browsing.last < words.Current.first, 'the stage before the variant, as written');
  await page.keyboard.press('Escape');

  // The persona card: "{occupation} · {age}" and the name above it.
  await page.click('[data-testid=nav-personas]');
  await page.locator('[data-testid=persona-card-name]').waitFor();
  const card = await page.locator('[data-testid=persona-card]').evaluate((el) => {
    const occupation = el.querySelector('.occupation');
    const parts = [...occupation.querySelectorAll('.user-text')].map((e) => e.getBoundingClientRect().left);
    return { parts, bidi: getComputedStyle(el.querySelector('[data-testid=persona-card-name]')).unicodeBidi };
  });
  assert.ok(['isolate', 'plaintext'].includes(card.bidi), card.bidi);
  assert.equal(card.parts.length, 2);
  assert.ok(card.parts[0] < card.parts[1], 'the age stays after the occupation');
  assert.deepEqual(problems, []);
  await page.close();
});

// ---- the experience model: lanes, feelings, metrics, channel switches -------------------

const laneLabels = (page) => page.locator('[data-testid=lane-label]');
// textContent: the labels are shown in capitals, but hold what was typed.
const laneTitles = (page) => page.locator('[data-testid=lane-label] [data-testid=lane-title]').allTextContents();
const laneMenu = (page, title) =>
  page.locator('[data-testid=lane-label]', { has: page.locator('[data-testid=lane-title]', { hasText: title }) }).locator('[data-testid=lane-menu]');
const cellsOf = (page, kind) => page.locator(`[data-testid=lane-cell][data-kind=${kind}]`);

test('lanes: add, rename, move and remove from the label’s menu, each undoable; text and picture cells', async () => {
  const workshop = await api('create_workshop', { title: 'Lane editing', template: 'hotel', language: 'en' });
  const { page, problems } = await newPage();
  await openWorkshop(page, 'Lane editing', 'journey');
  let journey = await api('get_journey', { workshop_id: workshop.id });
  const titles = journey.lanes.map((l) => l.title);
  assert.deepEqual(await laneTitles(page), titles);
  assert.ok(titles.length >= 7, titles.join(', '));
  // Every lane is a row of cells: one per stage.
  assert.equal(await page.locator('[data-testid=lane-cell]').count(), titles.length * journey.stages.length);

  // Add: the hotel has every one-per-journey kind, so only text and images are offered.
  await page.click('[data-testid=add-lane]');
  assert.deepEqual(await page.locator('[data-testid=add-lane-kind]').evaluateAll((els) => els.map((e) => e.dataset.kind)), ['text', 'images']);
  await page.click('[data-testid=add-lane-kind][data-kind=images]');
  await until(async () => (await laneLabels(page).count()) === titles.length + 1, 'the new lane');
  assert.equal(await laneLabels(page).last().getAttribute('data-kind'), 'images');
  assert.equal(await laneLabels(page).last().locator('[data-testid=lane-title]').textContent(), 'Images');
  // Its menu button has the focus: rename by keyboard (Enter opens, the first item is Rename).
  await page.locator('[data-testid=lane-label]:last-child [data-testid=lane-menu]:focus').waitFor();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=lane-rename]:focus').waitFor();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=lane-title-input]').fill('Moodboard');
  await page.keyboard.press('Enter');
  await until(async () => (await laneTitles(page)).at(-1) === 'Moodboard', 'the renamed lane');
  journey = await api('get_journey', { workshop_id: workshop.id });
  assert.equal(journey.lanes.at(-1).title, 'Moodboard');

  // Move up by keyboard: the menu, ↓ to "Move up", Enter; the focus stays on the lane's menu button.
  await laneMenu(page, 'Moodboard').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.locator('[data-testid=lane-move-up]:focus').waitFor();
  await page.keyboard.press('Enter');
  await until(async () => (await laneTitles(page)).at(-2) === 'Moodboard', 'moved up one place');
  await until(async () => page.evaluate(() => document.activeElement?.closest('[data-testid=lane-label]')?.textContent.includes('Moodboard')), 'the focus kept');
  journey = await api('get_journey', { workshop_id: workshop.id });
  assert.equal(journey.lanes.at(-2).title, 'Moodboard');
  // Undo puts it back last.
  await page.click('[data-testid=journey-undo]');
  await until(async () => (await laneTitles(page)).at(-1) === 'Moodboard', 'the move undone');

  // A picture in the new lane at the first stage: shown from get_image, then removed.
  const pictureCell = page.locator('[data-testid=stage]').first().locator('[data-testid=lane-cell][data-kind=images]');
  await pictureCell.locator('[data-testid=lane-image-input]').setInputFiles({ name: 'desk.png', mimeType: 'image/png', buffer: makePng(64, 40) });
  const img = pictureCell.locator('img[data-testid=lane-image]');
  await img.waitFor();
  assert.match(await img.getAttribute('src'), /^data:image\//);
  journey = await api('get_journey', { workshop_id: workshop.id });
  const lane = journey.lanes.at(-1);
  assert.ok(journey.cells.some((c) => c.lane_id === lane.id && c.stage_id === journey.stages[0].id && c.image_id));
  await pictureCell.locator('[data-testid=lane-image-input]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  assert.match(await pictureCell.locator('[data-testid=lane-image-error]').innerText(), /not a PNG, JPEG or WebP/);
  await pictureCell.locator('[data-testid=lane-image-remove]').click();
  await img.waitFor({ state: 'detached' });

  // A text lane's cell: typed like a pain point, saved with set_lane_text.
  const textCell = page.locator('[data-testid=stage]').nth(1).locator('[data-testid=lane-cell][data-kind=text]').first();
  await textCell.locator('[data-testid=lane-text]').click();
  await textCell.locator('textarea[data-testid=lane-text]').fill('Rates match the website');
  await textCell.locator('textarea[data-testid=lane-text]').press('Tab');
  await until(async () => (await seen(textCell.locator('button[data-testid=lane-text]'))) === 'Rates match the website', 'the text cell shown');
  journey = await api('get_journey', { workshop_id: workshop.id });
  assert.ok(journey.cells.some((c) => c.stage_id === journey.stages[1].id && c.text === 'Rates match the website'));

  // Remove the metrics lane: it leaves, the toast undoes it, and while gone "Add lane" offers it.
  const metricsTitle = journey.lanes.find((l) => l.kind === 'metrics').title;
  await laneMenu(page, metricsTitle).click();
  await page.click('[data-testid=lane-remove]');
  await until(async () => !(await laneTitles(page)).includes(metricsTitle), 'the metrics lane removed');
  assert.equal(await cellsOf(page, 'metrics').count(), 0);
  await page.click('[data-testid=add-lane]');
  assert.deepEqual(await page.locator('[data-testid=add-lane-kind]').evaluateAll((els) => els.map((e) => e.dataset.kind)), ['text', 'images', 'metrics']);
  await page.keyboard.press('Escape');
  await page.click('[data-testid=toast-undo]');
  await until(async () => (await laneTitles(page)).includes(metricsTitle), 'the metrics lane back');
  assert.equal(await cellsOf(page, 'metrics').count(), journey.stages.length);
  assert.deepEqual(problems, []);
  await page.close();
});

test('feelings: designed ones chosen for a stage beside those felt on phones, with a mark where they disagree; a room NPS', async () => {
  const data = tempDataDir();
  const room = await serveRoom(data.dir, { title: 'Feelings day', template: 'hotel' });
  try {
    const server = { url: `${room.origin}/#token=${room.token}`, origin: room.origin, token: room.token };
    const journey = (await room.api('get_journey')).body;
    const arrival = journey.stages[3];
    // Three phones join and rate the arrival: frustrated, twice with "ignored" too.
    const post = async (path, body, secret) => {
      await sleep(80);
      const response = await fetch(`${room.lan}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      assert.ok(response.ok, `${path}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    const secrets = [];
    for (const name of ['Ann', 'Ben', 'Cai']) secrets.push((await post('/p/join', { room: room.code, name, role: 'customer' })).secret);

    const { page, problems } = await newPage();
    await openWorkshopCard(page, server, 'Feelings day');
    await page.click('[data-testid=nav-journey]');
    await page.locator('[data-testid=journey][data-loaded="true"]').waitFor();
    const stage = page.locator(`[data-testid=stage][data-stage-id="${arrival.id}"]`);
    const cell = stage.locator('[data-testid=lane-cell][data-kind=feelings]');

    // Designed: "welcomed" from the picker (positive and negative grouped).
    await cell.locator('[data-testid=feelings-choose]').click();
    const picker = cell.locator('[data-testid=feelings-picker]');
    await picker.waitFor();
    assert.deepEqual(await picker.locator('legend').allInnerTexts(), ['Positive', 'Negative']);
    await picker.locator('[data-testid=feeling-option][data-key=welcomed]').check();
    await cell.locator('[data-testid=designed-feelings] [data-key=welcomed]').waitFor();
    // A word of the workshop's own, negative: added to the vocabulary and chosen for the stage.
    await picker.locator('[data-testid=feeling-new-word]').fill('kept waiting');
    await picker.locator('[data-testid=feeling-new-tone]').selectOption({ label: 'Negative' });
    await picker.locator('[data-testid=feeling-add]').click();
    await shownIn(page, `[data-testid=stage][data-stage-id="${arrival.id}"] [data-testid=designed-feelings]`, 'kept waiting');
    let stored = (await room.api('get_journey')).body;
    const own = stored.feelings.find((f) => f.word === 'kept waiting');
    assert.ok(own && own.own && !own.positive, JSON.stringify(own));
    assert.deepEqual(stored.stages[3].designed_feelings, ['welcomed', own.key]);
    // Unchoose the own word again: the designed feelings are what the stage says.
    await picker.locator(`[data-testid=feeling-option][data-key="${own.key}"]`).uncheck();
    await until(async () => (await cell.locator('[data-testid=designed-feelings] li').count()) === 1, 'one designed feeling');
    await picker.getByRole('button', { name: 'Done' }).click();
    assert.equal(await cell.locator('[data-testid=feelings-disagree]').count(), 0);

    // The phones' ratings arrive live: felt, most chosen first, and the disagreement marked.
    for (const [i, secret] of secrets.entries()) {
      const feelings = i < 2 ? ['frustrated', 'ignored'] : ['frustrated'];
      await post('/p/ratings', { stage_id: arrival.id, variant: 'current', score: -1, feelings }, secret);
    }
    // Each rating arrives on its own: wait for all three (the second alone also shows two words).
    const felt = async () =>
      (await cell.locator('[data-testid=felt-feelings] li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    await until(async () => (await felt()).join('|') === 'frustrated ×3|ignored ×2', 'the three phones\u2019 feelings', 15000);
    const mark = cell.locator('[data-testid=feelings-disagree]');
    await mark.waitFor();
    assert.equal((await mark.innerText()).trim(), 'Felt differs from designed');
    assert.ok(await mark.locator('svg').count(), 'an icon beside the words');
    // Designing what was felt makes the mark go.
    await cell.locator('[data-testid=feelings-choose]').click();
    await cell.locator('[data-testid=feeling-option][data-key=frustrated]').check();
    await mark.waitFor({ state: 'detached' });

    // A room question about the stage, answered on the phones: its figure, with a small n.
    const asked = (await room.api('ask_question', { kind: 'nps', stage_id: arrival.id })).body;
    const question = asked.upserted.questions[0];
    for (const [i, secret] of secrets.entries()) await post('/p/answers', { question_id: question.id, score: [10, 9, 2][i] }, secret);
    const figure = stage.locator('[data-testid=room-figure]');
    await until(async () => /NPS \+33\.3/.test(await figure.innerText().catch(() => '')), 'the room’s NPS', 15000);
    assert.match(await figure.innerText(), /n = 3/);
    assert.match(await figure.innerText(), /Small n/);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await room.stop();
    data.remove();
  }
});

test('metrics: a survey figure typed in, checked against its scale, shown with n, source and a small-n flag', async () => {
  const workshop = await api('create_workshop', { title: 'Survey figures', template: 'blank', language: 'en' });
  await api('create_stage', { workshop_id: workshop.id, title: 'Booking' });
  const { page, problems } = await newPage();
  await openWorkshop(page, 'Survey figures', 'journey');
  const metrics = page.locator('[data-testid=stage-metrics]').first();
  await metrics.locator('[data-testid=add-figure]').click();
  const form = metrics.locator('[data-testid=figure-form]');
  await form.waitFor();
  // Out of the NPS range: said at once, nothing sent.
  await form.locator('[data-testid=figure-value]').fill('150');
  await form.locator('[data-testid=figure-n]').fill('12');
  await form.locator('[data-testid=figure-save]').click();
  assert.match(await form.locator('[data-testid=figure-error]').innerText(), /from -100 to 100/);
  assert.equal((await api('get_journey', { workshop_id: workshop.id })).figures.length, 0);
  await form.locator('[data-testid=figure-value]').fill('20');
  await form.locator('[data-testid=figure-source]').fill('Web survey, spring 2026');
  await form.locator('[data-testid=figure-save]').click();
  const figure = metrics.locator('[data-testid=survey-figure]');
  await figure.waitFor();
  const text = await figure.innerText();
  assert.match(text, /NPS \+20/);
  assert.match(text, /n = 12/);
  assert.match(text, /Small n/);
  assert.match(text, /Web survey, spring 2026/);
  let journey = await api('get_journey', { workshop_id: workshop.id });
  assert.deepEqual(journey.figures.map((f) => [f.kind, f.value, f.n, f.source]), [['nps', 20, 12, 'Web survey, spring 2026']]);

  // Edit: a CSAT of 62,5 % from 45 answers (a decimal comma is fine): no small-n flag.
  await figure.locator('[data-testid=figure-edit]').click();
  await form.locator('[data-testid=figure-kind]').selectOption('csat');
  await form.locator('[data-testid=figure-value]').fill('62,5');
  await form.locator('[data-testid=figure-n]').fill('45');
  await form.locator('[data-testid=figure-save]').click();
  await until(async () => /CSAT 62\.5 %/.test(await figure.innerText()), 'the edited figure');
  assert.doesNotMatch(await figure.innerText(), /Small n/);
  journey = await api('get_journey', { workshop_id: workshop.id });
  assert.equal(journey.figures.length, 1);

  // Delete, then undo from the toast.
  await figure.locator('[data-testid=figure-delete]').click();
  await figure.waitFor({ state: 'detached' });
  await page.click('[data-testid=toast-undo]');
  await figure.waitFor();
  assert.match(await figure.innerText(), /CSAT 62\.5 %/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the digital journey shows its channel switches, and “Had to explain again” marks the stage', async () => {
  const workshop = await api('create_workshop', { title: 'Channel switches', template: 'digital', language: 'en' });
  const journey = await api('get_journey', { workshop_id: workshop.id });
  assert.ok(journey.switches.length > 0);
  const { page, problems } = await newPage();
  await openWorkshop(page, 'Channel switches', 'journey');
  const markers = page.locator('[data-testid=channel-switch]');
  assert.equal(await markers.count(), journey.switches.length);
  const first = journey.switches[0];
  const target = page.locator(`[data-testid=stage][data-stage-id="${first.to_stage_id}"]`);
  const marker = target.locator('[data-testid=channel-switch]');
  assert.equal(await marker.getAttribute('aria-label'), `Channel switch from ${first.from.join(', ')} to ${first.to.join(', ')}`);
  assert.match(await marker.innerText(), new RegExp(`⇄ ${first.from[0]} → ${first.to[0]}`));

  // The toggle on the stage the customer switched to.
  const toggle = target.locator('[data-testid=explain-again]');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  await until(async () => (await toggle.getAttribute('aria-pressed')) === 'true', 'explain again on');
  await until(async () => (await api('get_journey', { workshop_id: workshop.id })).stages.find((s) => s.id === first.to_stage_id).explain_again, 'saved');
  // Ctrl+Z takes it back.
  await page.locator('[data-testid=journey] h2').click();
  await page.keyboard.press('Control+z');
  await until(async () => (await toggle.getAttribute('aria-pressed')) === 'false', 'explain again undone');

  // Without a switch the toggle is not offered, but a stage marked anyway shows the pain.
  const calm = journey.stages.find((s) => !journey.switches.some((w) => w.to_stage_id === s.id));
  const calmStage = page.locator(`[data-testid=stage][data-stage-id="${calm.id}"]`);
  assert.equal(await calmStage.locator('[data-testid=explain-again]').count(), 0);
  await api('update_stage', { workshop_id: workshop.id, id: calm.id, explain_again: true });
  await until(async () => (await calmStage.locator('[data-testid=explain-again]').getAttribute('aria-pressed').catch(() => null)) === 'true', 'the live mark');
  assert.deepEqual(problems, []);
  await page.close();
});
