// The idea board in headless Debian Chromium against the real `fiilis serve`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiBody } from '../support/fiilis.mjs';
import { watchedPage, openWorkshopCard, serveWithChromium } from '../support/browser.mjs';

const app = serveWithChromium();

const api = (operation, input) => apiBody(app.server, operation, input);
const newPage = () => watchedPage(app.browser, { viewport: { width: 1440, height: 900 } });

/** Opens the app, the workshop titled `title`, and its board; waits for the first paint. */
async function openBoard(page, title) {
  await openWorkshopCard(page, app.server, title);
  await page.click('[data-testid=nav-board]');
  await page.locator('[data-testid=board][data-board-ready="true"]').waitFor();
}

const notes = (page) => page.locator('[data-testid=note]');
const noteByText = (page, text) =>
  page.locator('[data-testid=note]', {
    has: page.locator('[data-testid=note-text]', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
  });
const noteTexts = async (page) => (await page.locator('[data-testid=note-text]').allInnerTexts()).sort(byNumber);
const byNumber = (a, b) => a.localeCompare(b, 'en', { numeric: true });

async function waitForCount(locator, n) {
  await locator.page().waitForFunction(
    ({ selector, n }) => document.querySelectorAll(selector).length === n,
    { selector: '[data-testid=note]', n },
  );
  assert.equal(await locator.count(), n);
}

test('the board is the first area of a workshop', async () => {
  const { page, problems } = await newPage();
  await api('create_workshop', { title: 'Nav check' });
  await openWorkshopCard(page, app.server, 'Nav check');
  const first = page.locator('nav [data-testid^=nav-]').first();
  assert.equal(await first.getAttribute('data-testid'), 'nav-board');
  assert.deepEqual(problems, []);
  await page.close();
});

test('ten notes by keyboard, a cluster, undo twice, redo once: all of it survives a reload', async () => {
  const workshop = await api('create_workshop', { title: 'Keyboard board', template: 'hotel' });
  const { page, problems } = await newPage();
  await openBoard(page, 'Keyboard board');

  // N, type, Enter, type, Enter…: each Enter saves and opens the next draft beside it.
  await page.keyboard.press('n');
  for (let i = 1; i <= 10; i++) {
    await page.keyboard.type(`Idea ${i}`);
    await page.keyboard.press('Enter');
  }
  // The eleventh draft is empty: Esc closes it, nothing is sent.
  await page.locator('[data-testid=note-editor]').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('[data-testid=note-editor]').waitFor({ state: 'detached' });
  await waitForCount(notes(page), 10);
  assert.deepEqual(await noteTexts(page), Array.from({ length: 10 }, (_, i) => `Idea ${i + 1}`));

  // Placed left to right, wrapping into a second row.
  let board = await api('get_board', { workshop_id: workshop.id });
  assert.equal(board.notes.length, 10);
  const rows = new Set(board.notes.map((n) => n.y));
  assert.equal(rows.size, 2, JSON.stringify(board.notes.map((n) => [n.x, n.y])));
  assert.equal(board.undo, 'create_notes');

  // Select five (click, shift-click) and group them: Ctrl+G, a title, Enter.
  await noteByText(page, 'Idea 1').click();
  for (const i of [2, 3, 4, 5]) await noteByText(page, `Idea ${i}`).click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+g');
  await page.fill('[data-testid=cluster-title-input]', 'Breakfast');
  await page.keyboard.press('Enter');
  const frame = page.locator('[data-testid=cluster]');
  await frame.waitFor();
  assert.equal(await frame.locator('[data-testid=cluster-title]').innerText(), 'Breakfast');
  const clusterId = await frame.getAttribute('data-cluster-id');
  await page.waitForFunction(
    (id) => document.querySelectorAll(`[data-testid=note][data-cluster-id="${id}"]`).length === 5,
    clusterId,
  );
  assert.match(await page.locator('[data-testid=board-undo]').innerText(), /Undo group notes/);

  // Undo twice: the group goes, then the last note.
  await page.click('[data-testid=board-undo]');
  await frame.waitFor({ state: 'detached' });
  assert.match(await page.locator('[data-testid=board-undo]').innerText(), /Undo add notes/);
  await page.click('[data-testid=board-undo]');
  await waitForCount(notes(page), 9);
  assert.equal(await noteByText(page, 'Idea 10').count(), 0);
  // Redo once: the note is back (the group stays undone).
  assert.match(await page.locator('[data-testid=board-redo]').innerText(), /Redo add notes/);
  await page.keyboard.press('Control+Shift+z');
  await waitForCount(notes(page), 10);
  assert.match(await page.locator('[data-testid=board-redo]').innerText(), /Redo group notes/);

  // The address holds the workshop and its area: the reload comes back to this board.
  await page.reload();
  await page.locator('[data-testid=board][data-board-ready="true"]').waitFor();
  await waitForCount(notes(page), 10);
  assert.deepEqual(await noteTexts(page), Array.from({ length: 10 }, (_, i) => `Idea ${i + 1}`));
  assert.equal(await page.locator('[data-testid=cluster]').count(), 0);
  for (const el of await notes(page).all()) assert.equal(await el.getAttribute('data-cluster-id'), '');
  assert.match(await page.locator('[data-testid=board-undo]').innerText(), /Undo add notes/);
  assert.match(await page.locator('[data-testid=board-redo]').innerText(), /Redo group notes/);

  board = await api('get_board', { workshop_id: workshop.id });
  assert.deepEqual(board.notes.map((n) => n.text).sort(byNumber), Array.from({ length: 10 }, (_, i) => `Idea ${i + 1}`));
  assert.equal(board.clusters.length, 0);
  assert.ok(board.notes.every((n) => n.cluster_id === null));
  assert.equal(board.undo, 'create_notes');
  assert.equal(board.redo, 'group_notes');
  // The DOM shows exactly the stored notes.
  const domIds = await notes(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-note-id')).sort());
  assert.deepEqual(domIds, board.notes.map((n) => n.id).sort());
  assert.deepEqual(problems, []);
  await page.close();
});

test('a note that looks like HTML is shown as text and runs nothing', async () => {
  await api('create_workshop', { title: 'Injection board' });
  const { page, problems } = await newPage();
  await openBoard(page, 'Injection board');
  const payload = '<img src=x onerror=alert(1)>';
  await page.keyboard.press('n');
  await page.keyboard.type(payload);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  const shown = noteByText(page, payload);
  await shown.waitFor();
  assert.equal(await shown.locator('[data-testid=note-text]').innerText(), payload);
  assert.equal(await page.locator('[data-testid=board] img').count(), 0);
  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
  await page.close();
});

test('two pages on the same board see each other’s changes live', async () => {
  const workshop = await api('create_workshop', { title: 'Live board' });
  const a = await newPage();
  const b = await newPage();
  await openBoard(a.page, 'Live board');
  await openBoard(b.page, 'Live board');

  await a.page.keyboard.press('n');
  await a.page.keyboard.type('Seen from afar');
  await a.page.keyboard.press('Enter');
  await a.page.keyboard.press('Escape');
  await noteByText(b.page, 'Seen from afar').waitFor({ timeout: 10000 });
  assert.match(await b.page.locator('[data-testid=board-undo]').innerText(), /Undo add notes/);

  // …and back: an edit in B (double-click, retype, Enter) shows up in A.
  await noteByText(b.page, 'Seen from afar').dblclick();
  await b.page.fill('[data-testid=note-editor]', 'Edited in B');
  await b.page.keyboard.press('Enter');
  await noteByText(a.page, 'Edited in B').waitFor({ timeout: 10000 });
  // an edit in place, not a new note
  await noteByText(a.page, 'Seen from afar').waitFor({ state: 'detached' });
  assert.equal(await notes(a.page).count(), 1);
  assert.equal(await notes(b.page).count(), 1);
  assert.match(await a.page.locator('[data-testid=board-undo]').innerText(), /Undo edit notes/);

  // A change made through the API (another window) reaches both.
  await api('create_notes', { workshop_id: workshop.id, notes: [{ text: 'From the API', x: 600, y: 0 }] });
  await noteByText(a.page, 'From the API').waitFor({ timeout: 10000 });
  await noteByText(b.page, 'From the API').waitFor({ timeout: 10000 });
  assert.deepEqual([...a.problems, ...b.problems], []);
  await a.page.close();
  await b.page.close();
});

test('dragging notes is one update_notes on drop; a note whose centre lands in a frame joins that section', async () => {
  const workshop = await api('create_workshop', { title: 'Drag board' });
  const created = await api('create_notes', {
    workshop_id: workshop.id,
    notes: [
      { text: 'Mover', x: 0, y: 0 },
      { text: 'Member A', x: 500, y: 0 },
      { text: 'Member B', x: 700, y: 0 },
    ],
  });
  const byText = Object.fromEntries(created.upserted.notes.map((n) => [n.text, n]));
  const grouped = await api('group_notes', { workshop_id: workshop.id, title: 'Target', note_ids: [byText['Member A'].id, byText['Member B'].id] });
  const clusterId = grouped.upserted.clusters[0].id;

  const { page, problems } = await newPage();
  const updates = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/update_notes')) updates.push(request.postDataJSON());
  });
  await openBoard(page, 'Drag board');
  await page.click('[data-testid=fit-all]');
  await page.keyboard.press('0');

  const mover = noteByText(page, 'Mover');
  const from = await mover.boundingBox();
  const target = await page.locator('[data-testid=cluster]').boundingBox();
  await page.mouse.move(from.x + 40, from.y + 40);
  await page.mouse.down();
  const steps = 12;
  // The note's centre lands in the middle of the frame: that is what decides where it goes.
  const to = { x: target.x + target.width / 2 - 50, y: target.y + target.height / 2 - 20 };
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + 40 + ((to.x - from.x - 40) * i) / steps, from.y + 40 + ((to.y - from.y - 40) * i) / steps);
  }
  await page.mouse.up();
  await page.waitForFunction((id) => document.querySelectorAll(`[data-testid=note][data-cluster-id="${id}"]`).length === 3, clusterId);
  assert.equal(updates.length, 1, 'one call for the whole drag');
  assert.equal(updates[0].notes.length, 1);
  assert.equal(updates[0].notes[0].cluster_id, clusterId);
  const board = await api('get_board', { workshop_id: workshop.id });
  const moved = board.notes.find((n) => n.text === 'Mover');
  assert.equal(moved.cluster_id, clusterId);
  assert.ok(moved.x > 300, `moved to x=${moved.x}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('too long a note is refused in the editor and never sent', async () => {
  const workshop = await api('create_workshop', { title: 'Long board' });
  const { page, problems } = await newPage();
  const creates = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/create_notes')) creates.push(request);
  });
  await openBoard(page, 'Long board');
  await page.keyboard.press('n');
  await page.fill('[data-testid=note-editor]', 'x'.repeat(950));
  assert.match(await page.locator('[data-testid=note-counter]').innerText(), /950 \/ 1000/);
  await page.fill('[data-testid=note-editor]', 'x'.repeat(1001));
  await page.keyboard.press('Enter');
  assert.match(await page.locator('[data-testid=note-too-long]').innerText(), /1 over the limit of 1000/);
  // Seen, not only in the page: what is at the warning's middle is the warning.
  const seen = await page.locator('[data-testid=note-too-long]').evaluate((el) => {
    const box = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2));
  });
  assert.ok(seen, 'the warning under the draft note is visible, not clipped by it');
  assert.equal(await page.locator('[data-testid=note-editor]').count(), 1, 'the draft stays open');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(200);
  assert.equal(creates.length, 0);
  assert.equal((await api('get_board', { workshop_id: workshop.id })).notes.length, 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('double-click edits a note in place and renames a cluster', async () => {
  const workshop = await api('create_workshop', { title: 'Edit board' });
  const created = await api('create_notes', { workshop_id: workshop.id, notes: [{ text: 'Before', x: 0, y: 0 }, { text: 'Other', x: 200, y: 0 }] });
  await api('group_notes', { workshop_id: workshop.id, title: 'Old title', note_ids: created.upserted.notes.map((n) => n.id) });
  const { page, problems } = await newPage();
  await openBoard(page, 'Edit board');
  await noteByText(page, 'Before').dblclick();
  await page.fill('[data-testid=note-editor]', 'After');
  await page.keyboard.press('Enter');
  await noteByText(page, 'After').waitFor();
  assert.equal(await notes(page).count(), 2);
  await page.locator('[data-testid=cluster-title]').dblclick();
  await page.fill('[data-testid=cluster-rename-input]', 'New title');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=cluster-title]', { hasText: 'New title' }).waitFor();
  const board = await api('get_board', { workshop_id: workshop.id });
  assert.deepEqual(board.notes.map((n) => n.text).sort(), ['After', 'Other']);
  assert.equal(board.clusters[0].title, 'New title');
  assert.equal(board.undo, 'rename_cluster');
  assert.deepEqual(problems, []);
  await page.close();
});

/** The centre of `locator`'s box on screen. */
async function centreOf(locator) {
  const box = await locator.boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

const canvas = (page) => page.locator('[data-testid=board] [role=application]');

/** A grid of `cols` × `rows` notes, `dx` × `dy` apart, in `workshop`; resolves to their texts. */
async function grid(workshop, cols, rows, dx = 200, dy = 140) {
  const notes = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) notes.push({ text: `Cell ${r}-${c}`, x: c * dx, y: r * dy });
  await api('create_notes', { workshop_id: workshop.id, notes });
  return notes.map((n) => n.text);
}

test('an edit stays in its editor until it is saved: a save that fails keeps the text to try again; a click away keeps its focus', async () => {
  const workshop = await api('create_workshop', { title: 'Saving board' });
  await api('create_notes', { workshop_id: workshop.id, notes: [{ text: 'First', x: 0, y: 0 }, { text: 'Second', x: 200, y: 0 }] });
  const { page, problems } = await newPage();
  await openBoard(page, 'Saving board');
  // The first save does not reach the server (the connection fails).
  await page.route('**/api/update_notes', (route) => route.abort('connectionfailed'), { times: 1 });
  await noteByText(page, 'First').dblclick();
  await page.fill('[data-testid=note-editor]', 'Kept text');
  await page.keyboard.press('Enter');
  await page.locator('.toast').first().waitFor();
  assert.equal(await page.inputValue('[data-testid=note-editor]'), 'Kept text', 'the text is still in the editor');
  assert.equal((await api('get_board', { workshop_id: workshop.id })).notes.find((n) => n.x === 0).text, 'First');
  // Editable again, and saved with Enter: the note shows it and has the focus back.
  await page.locator('[data-testid=note-editor]').press('End');
  await page.keyboard.type('!');
  await page.keyboard.press('Enter');
  await noteByText(page, 'Kept text!').waitFor();
  await page.locator('[data-testid=note-editor]').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.closest('[data-testid=note]')?.textContent.includes('Kept text!'));
  // Saved by clicking away: the focus stays where the click put it.
  await noteByText(page, 'Second').dblclick();
  await page.fill('[data-testid=note-editor]', 'Second, edited');
  const box = await canvas(page).boundingBox();
  await page.mouse.click(box.x + box.width - 120, box.y + box.height / 2);
  await noteByText(page, 'Second, edited').waitFor();
  await page.locator('[data-testid=note-editor]').waitFor({ state: 'detached' });
  await page.waitForTimeout(50);
  assert.equal(await page.evaluate(() => document.activeElement?.closest('[data-testid=note]') ?? null), null, 'no note took the focus back');
  const saved = (await api('get_board', { workshop_id: workshop.id })).notes.map((n) => n.text).sort();
  assert.deepEqual(saved, ['Kept text!', 'Second, edited']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('full screen: the button and F cover the window, Esc returns, the view keeps its centre', async () => {
  const workshop = await api('create_workshop', { title: 'Full board' });
  await grid(workshop, 3, 2);
  const { page, problems } = await newPage();
  await openBoard(page, 'Full board');
  const button = page.locator('[data-testid=board-full-screen]');
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  assert.equal(await page.getByRole('button', { name: 'Full screen' }).count(), 1, 'the button has an accessible name');
  assert.ok(await page.locator('[data-testid=workshop-header]').isVisible());

  const offset = async () => {
    const note = await centreOf(noteByText(page, 'Cell 0-0'));
    const view = await centreOf(canvas(page));
    return { x: Math.round(note.x - view.x), y: Math.round(note.y - view.y) };
  };
  const before = await offset();

  await button.click();
  await page.locator('[data-testid=board][data-full-screen=true]').waitFor();
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('[data-testid=workshop-header]').isVisible(), false, 'the header and tabs are hidden');
  assert.equal(await page.locator('[data-testid=nav-board]').isVisible(), false);
  assert.equal(await page.locator('[data-testid=board-panel]').count(), 0, 'the side panel is hidden');
  assert.deepEqual(await canvas(page).boundingBox(), { x: 0, y: 0, width: 1440, height: 900 });
  // The toolbar floats over the top edge of the canvas.
  const bar = await page.locator('[data-testid=board] [role=toolbar]').boundingBox();
  assert.ok(bar.y >= 0 && bar.y < 20, JSON.stringify(bar));
  const near = (a, b) => Math.abs(a.x - b.x) <= 1 && Math.abs(a.y - b.y) <= 1;
  const after = await offset();
  assert.ok(near(after, before), `${JSON.stringify(before)} → ${JSON.stringify(after)}`);

  // Esc while writing a note cancels the note first; the next Esc leaves full screen.
  await canvas(page).click({ position: { x: 700, y: 700 } });
  await page.keyboard.press('n');
  await page.locator('[data-testid=note-editor]').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('[data-testid=note-editor]').waitFor({ state: 'detached' });
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('Escape');
  await page.locator('[data-testid=board][data-full-screen=false]').waitFor();
  assert.ok(await page.locator('[data-testid=workshop-header]').isVisible());
  const back = await offset();
  assert.ok(near(back, before), `${JSON.stringify(before)} → ${JSON.stringify(back)}`);

  // F toggles it from the keyboard, not while typing in a field.
  await page.keyboard.press('f');
  await page.locator('[data-testid=board][data-full-screen=true]').waitFor();
  await page.keyboard.press('f');
  await page.locator('[data-testid=board][data-full-screen=false]').waitFor();
  await page.locator('[data-testid=board-search]').focus();
  await page.keyboard.press('f');
  assert.equal(await page.locator('[data-testid=board-search]').inputValue(), 'f');
  assert.equal(await page.locator('[data-testid=board]').getAttribute('data-full-screen'), 'false');
  await page.locator('[data-testid=board-search]').fill('');

  // The side panel folds away, and stays folded for the session.
  await page.click('[data-testid=board-panel-toggle]');
  await page.locator('[data-testid=board-panel]').waitFor({ state: 'detached' });
  assert.equal(await page.locator('[data-testid=board-panel-toggle]').getAttribute('aria-expanded'), 'false');
  await page.reload();
  await page.locator('[data-testid=board][data-board-ready="true"]').waitFor();
  assert.equal(await page.locator('[data-testid=board-panel]').count(), 0);
  await page.click('[data-testid=board-panel-toggle]');
  await page.locator('[data-testid=board-panel]').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

/** The texts of the notes whose centre shows something other than the note itself. */
function coveredNotes(page) {
  return page.locator('[data-testid=note]').evaluateAll((els) =>
    els
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return !el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
      })
      .map((el) => el.getAttribute('aria-label')),
  );
}

test('Fit all keeps every note clear of the minimap, the zoom buttons and floating toolbars', async () => {
  const workshop = await api('create_workshop', { title: 'Fit board' });
  const texts = await grid(workshop, 10, 6);
  const { page, problems } = await newPage();
  await openBoard(page, 'Fit board');
  await waitForCount(notes(page), texts.length);
  assert.deepEqual(await coveredNotes(page), [], 'the first view');

  await page.keyboard.press('0');
  await page.click('[data-testid=fit-all]');
  assert.deepEqual(await coveredNotes(page), [], 'after Fit all');

  await page.click('[data-testid=board-full-screen]');
  await page.click('[data-testid=fit-all]');
  assert.deepEqual(await coveredNotes(page), [], 'after Fit all in full screen');

  // The minimap folds down to a button, and back.
  await page.click('[data-testid=minimap-toggle]');
  await page.locator('[data-testid=minimap]').waitFor({ state: 'detached' });
  assert.equal(await page.locator('[data-testid=minimap-toggle]').getAttribute('aria-expanded'), 'false');
  await page.click('[data-testid=fit-all]');
  assert.deepEqual(await coveredNotes(page), [], 'after Fit all with the map folded');
  await page.click('[data-testid=minimap-toggle]');
  await page.locator('[data-testid=minimap]').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('arrow keys move the selected notes (Shift: further) and keep the focused one in view; with none they pan', async () => {
  const workshop = await api('create_workshop', { title: 'Arrow board' });
  const created = await api('create_notes', { workshop_id: workshop.id, notes: [{ text: 'Mover', x: 0, y: 0 }, { text: 'Stayer', x: 400, y: 0 }] });
  const moverId = created.upserted.notes.find((n) => n.text === 'Mover').id;
  const { page, problems } = await newPage();
  const updates = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/update_notes')) updates.push(request.postDataJSON());
  });
  await openBoard(page, 'Arrow board');
  await page.keyboard.press('0');
  const mover = async () => (await api('get_board', { workshop_id: workshop.id })).notes.find((n) => n.id === moverId);
  const until = async (check, what) => {
    for (let i = 0; i < 100; i++) {
      if (check(await mover())) return;
      await page.waitForTimeout(50);
    }
    assert.fail(`${what}: ${JSON.stringify(await mover())}`);
  };

  await noteByText(page, 'Mover').click();
  await page.keyboard.press('ArrowRight');
  await until((n) => n.x === 10 && n.y === 0, 'ten to the right');
  await page.keyboard.press('Shift+ArrowDown');
  await until((n) => n.x === 10 && n.y === 50, 'fifty down');
  assert.ok(updates.every((u) => u.notes.length === 1 && u.notes[0].id === moverId), 'only the selected note moves');
  assert.match(await page.locator('[data-testid=board-undo]').innerText(), /Undo edit notes/);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Mover', 'the note keeps the focus');

  // Far to the right: the view follows the focused note.
  for (let i = 0; i < 40; i++) await page.keyboard.press('Shift+ArrowRight');
  await until((n) => n.x === 2010, 'forty times fifty to the right');
  const view = await canvas(page).boundingBox();
  const box = await noteByText(page, 'Mover').boundingBox();
  assert.ok(box.x >= view.x && box.x + box.width <= view.x + view.width, `${JSON.stringify(box)} in ${JSON.stringify(view)}`);

  // Nothing selected: the arrows pan the view and move no note.
  await page.keyboard.press('Escape');
  await page.locator('[data-testid=note][aria-pressed=true]').waitFor({ state: 'detached' });
  await canvas(page).focus();
  const sent = updates.length;
  const stayer = await noteByText(page, 'Mover').boundingBox();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(
    ({ x }) => Math.abs(document.querySelector('[aria-label=Mover]').getBoundingClientRect().x - x - 60) < 1,
    { x: stayer.x },
  );
  await page.waitForTimeout(200);
  assert.equal(updates.length, sent);
  assert.deepEqual(problems, []);
  await page.close();
});

test('zoomed out, note text stays at least 11 px on screen and every note keeps its text as its name', async () => {
  const workshop = await api('create_workshop', { title: 'Far board' });
  const long = 'A long idea about breakfast that goes on and on, far longer than one line of a small note can hold';
  await api('create_notes', {
    workshop_id: workshop.id,
    notes: [{ text: long, x: 0, y: 0 }, ...Array.from({ length: 11 }, (_, i) => ({ text: `Idea ${i + 1}`, x: ((i + 1) % 4) * 200, y: Math.floor((i + 1) / 4) * 140 }))],
  });
  const texts = [long, ...Array.from({ length: 11 }, (_, i) => `Idea ${i + 1}`)];
  const { page, problems } = await newPage();
  await openBoard(page, 'Far board');
  await page.keyboard.press('0');

  const zoom = async () => Number((await page.locator('[data-testid=board] .zoom-level').innerText()).replace(/\D/g, ''));
  const measure = () =>
    page.locator('[data-testid=note-text]').evaluateAll((els) =>
      els.map((el) => {
        const note = el.closest('[data-testid=note]').getBoundingClientRect();
        const box = el.getBoundingClientRect();
        return {
          text: el.textContent,
          // On screen: its size times how much it is scaled (the board's zoom, and a compact
          // note's own scale), from its laid-out width (exact, where offsetWidth is rounded).
          px: parseFloat(getComputedStyle(el).fontSize) * (box.width / parseFloat(getComputedStyle(el).width)),
          inside: box.bottom <= note.bottom + 0.5 && box.right <= note.right + 0.5,
          clipped: el.scrollHeight > el.clientHeight + 1,
        };
      }),
    );

  let sawCompact = false;
  let sawNoText = false;
  for (let step = 0; step <= 14; step++) {
    if (step > 0) await page.keyboard.press('-');
    await page.waitForTimeout(50);
    const percent = await zoom();
    const shown = await measure();
    for (const m of shown) {
      assert.ok(m.px >= 10.99, `${percent} %: "${m.text.slice(0, 20)}" at ${m.px.toFixed(2)} px`);
      assert.ok(m.inside, `${percent} %: "${m.text.slice(0, 20)}" stays inside its note`);
    }
    if (percent < 78 && shown.length > 0) {
      sawCompact = true;
      const first = shown.find((m) => m.text === long);
      assert.ok(first.clipped, `${percent} %: the long note is cut short`);
    }
    if (shown.length === 0) sawNoText = true;
    for (const text of texts) {
      assert.equal(await page.getByRole('button', { name: text, exact: true }).count(), 1, `${percent} %: the note “${text.slice(0, 20)}” by name`);
    }
  }
  assert.ok(sawCompact && sawNoText, 'compact text, then none, as the board zooms out');
  assert.equal(await zoom(), 5);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a loose note resized by its corner handle (Ctrl+Z restores), text size L from the panel; a note in a section keeps the standard size', async () => {
  const workshop = await api('create_workshop', { title: 'Size board' });
  const created = await api('create_notes', {
    workshop_id: workshop.id,
    notes: [
      { text: 'Big idea', x: 0, y: 0 },
      { text: 'Member', x: 600, y: 0 },
    ],
  });
  const [big, member] = created.upserted.notes;
  const grouped = await api('group_notes', { workshop_id: workshop.id, title: 'Target', note_ids: [member.id] });
  const clusterId = grouped.upserted.clusters[0].id;
  const { page, problems } = await newPage();
  await openBoard(page, 'Size board');
  await page.click('[data-testid=fit-all]');
  await page.keyboard.press('0');
  const noteOf = (id) => page.locator(`[data-testid=note][data-note-id="${id}"]`);
  const stored = async (id) => (await api('get_board', { workshop_id: workshop.id })).notes.find((n) => n.id === id);
  /** The note as core has it once `ok` holds of it (or as it is after two seconds). */
  const storedOnce = async (id, ok) => {
    let n = await stored(id);
    for (let i = 0; i < 40 && !ok(n); i++) {
      await page.waitForTimeout(50);
      n = await stored(id);
    }
    return n;
  };

  // Selected, the loose note shows its handle; dragging it resizes the note, sent once on release.
  await noteOf(big.id).click();
  const handle = noteOf(big.id).locator('[data-testid=note-resize]');
  const h = await handle.boundingBox();
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) await page.mouse.move(h.x + h.width / 2 + 24 * i, h.y + h.height / 2 + 16 * i);
  await page.mouse.up();
  await page.waitForFunction((id) => Math.abs(document.querySelector(`[data-note-id="${id}"]`).getBoundingClientRect().width - 300) < 2, big.id);
  let note = await storedOnce(big.id, (n) => n.width !== 180);
  assert.equal(note.width, 300);
  assert.equal(note.height, 200);
  const box = await noteOf(big.id).boundingBox();
  assert.ok(Math.abs(box.width - 300) < 2 && Math.abs(box.height - 200) < 2, JSON.stringify(box));

  // Ctrl+Z: one step back to the standard size.
  await page.keyboard.press('Control+z');
  await page.waitForFunction((id) => Math.abs(document.querySelector(`[data-note-id="${id}"]`).getBoundingClientRect().width - 180) < 2, big.id);
  note = await storedOnce(big.id, (n) => n.width === 180);
  assert.deepEqual([note.width, note.height], [180, 120]);

  // Text size L from the side panel: stored, and the text is drawn larger.
  await noteOf(big.id).click();
  const fontSize = () => noteOf(big.id).locator('[data-testid=note-text]').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const before = await fontSize();
  await page.locator('[data-testid=text-size-l] input').check();
  await page.waitForFunction(([id, px]) => parseFloat(getComputedStyle(document.querySelector(`[data-note-id="${id}"] [data-testid=note-text]`)).fontSize) > px, [big.id, before]);
  assert.equal((await storedOnce(big.id, (n) => n.text_size === 'l')).text_size, 'l');
  assert.ok((await fontSize()) > before * 1.3);

  // Size + from the panel grows it a fifth, in one update_notes.
  await page.click('[data-testid=note-size-larger]');
  await page.waitForFunction((id) => Math.abs(document.querySelector(`[data-note-id="${id}"]`).getBoundingClientRect().width - 216) < 2, big.id);
  note = await storedOnce(big.id, (n) => n.width === 216);
  assert.deepEqual([note.width, note.height], [216, 144]);

  // Dropped into the section, it is drawn at the standard 180 × 120 cell (at 100 %).
  const target = await page.locator(`[data-testid=cluster][data-cluster-id="${clusterId}"]`).boundingBox();
  const from = await noteOf(big.id).boundingBox();
  await page.mouse.move(from.x + 40, from.y + 40);
  await page.mouse.down();
  const to = { x: target.x + target.width / 2 - 68, y: target.y + target.height / 2 - 32 };
  for (let i = 1; i <= 12; i++) await page.mouse.move(from.x + 40 + ((to.x - from.x) * i) / 12, from.y + 40 + ((to.y - from.y) * i) / 12);
  await page.mouse.up();
  await page.waitForFunction(([id, c]) => document.querySelector(`[data-note-id="${id}"]`)?.dataset.clusterId === c, [big.id, clusterId]);
  assert.equal((await storedOnce(big.id, (n) => n.cluster_id === clusterId)).cluster_id, clusterId);
  await page.waitForFunction((id) => {
    const r = document.querySelector(`[data-note-id="${id}"]`).getBoundingClientRect();
    return Math.abs(r.width - 180) < 2 && Math.abs(r.height - 120) < 2;
  }, big.id);
  assert.equal(await noteOf(big.id).locator('[data-testid=note-resize]').count(), 0, 'no handle in a section');
  assert.deepEqual(problems, []);
  await page.close();
});
