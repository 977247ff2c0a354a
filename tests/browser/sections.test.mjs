// Sections, votes, photo notes and face-down notes on the idea board, in headless Chromium
// against the real `fiilis serve`: what core keeps (a section's frame and grid, the votes of the
// revealed round, a photo, a face-down note) is what the board shows, and what is done on the
// board with the mouse and the keyboard is what core then keeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiBody, tempDataDir } from '../support/fiilis.mjs';
import { openWorkshopCard, serveWithChromium, watchedPage } from '../support/browser.mjs';
import { makePng } from '../support/png.mjs';
import { serveRoom } from '../support/room.mjs';

const app = serveWithChromium();

const api = (operation, input) => apiBody(app.server, operation, input);
const newPage = () => watchedPage(app.browser, { viewport: { width: 1440, height: 900 } });

/** Opens the workshop titled `title` from `server`'s library, and its board in full screen. */
async function openBoard(page, title, server = app.server) {
  await openWorkshopCard(page, server, title);
  await page.click('[data-testid=nav-board]');
  await page.locator('[data-testid=board][data-board-ready="true"]').waitFor();
  await page.keyboard.press('f');
  await page.locator('[data-testid=board][data-full-screen=true]').waitFor();
  await page.click('[data-testid=fit-all]');
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const noteByText = (page, text) =>
  page.locator('[data-testid=note]', { has: page.locator('[data-testid=note-text]', { hasText: new RegExp(`^${escape(text)}$`) }) });
const frame = (page) => page.locator('[data-testid=cluster]');

async function centreOf(locator) {
  const box = await locator.boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses the mouse at `from`, moves it to `to` in steps and lets go. */
async function drag(page, from, to, steps = 12) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
  await page.mouse.up();
}

/** Waits until `check(get_board)` holds; resolves to that board. */
async function boardWhere(workshopId, check, what) {
  let board;
  for (let i = 0; i < 100; i++) {
    board = await api('get_board', { workshop_id: workshopId });
    if (check(board)) return board;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`${what}: ${JSON.stringify(board.clusters)} ${JSON.stringify(board.notes.map((n) => [n.text, n.cluster_id, n.x, n.y]))}`);
}

/** What is wrong with section `clusterId` holding `count` notes, each in its grid cell in reading order, and its frame around them; null when nothing. */
function gridProblem(board, clusterId, count) {
  const c = board.clusters.find((k) => k.id === clusterId);
  if (!c) return `no section ${clusterId}`;
  const members = board.notes.filter((n) => n.cluster_id === clusterId).sort((a, b) => a.y - b.y || a.x - b.x);
  const where = `${JSON.stringify(c)}: ${JSON.stringify(members.map((m) => [m.text, m.x, m.y]))}`;
  if (members.length !== count) return `${members.length} notes, not ${count}, in ${where}`;
  const off = members.findIndex((n, i) => n.x !== c.x + 20 + (i % c.columns) * 200 || n.y !== c.y + 56 + Math.floor(i / c.columns) * 140);
  if (off >= 0) return `note ${off} off its cell in ${where}`;
  const rows = c.collapsed ? 1 : Math.max(1, Math.ceil(count / c.columns));
  if (c.width !== 40 + c.columns * 180 + (c.columns - 1) * 20 || c.height !== 56 + rows * 120 + (rows - 1) * 20 + 20) return `frame not around ${where}`;
  return null;
}

/**
 * Waits until get_board shows `when` and section `clusterId` in order with `count` notes;
 * resolves to that board. (A read may land between two rows of one step: it is read again.)
 */
async function gridWhere(workshopId, clusterId, count, when, what) {
  const board = await boardWhere(workshopId, (b) => when(b) && gridProblem(b, clusterId, count) === null, what);
  return { board, section: board.clusters.find((k) => k.id === clusterId) };
}

/** Waits until `check()` holds (what the page sent is seen a moment after the server has it). */
async function until(check, what) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(check(), what);
}

/** Records the bodies of the requests `page` sends to `operation`. */
function requests(page, operation) {
  const sent = [];
  page.on('request', (request) => {
    if (request.url().endsWith(`/api/${operation}`)) sent.push(request.postDataJSON());
  });
  return sent;
}

const inCluster = (page, id, n) =>
  page.waitForFunction(({ id, n }) => document.querySelectorAll(`[data-testid=note][data-cluster-id="${id}"]`).length === n, { id, n });

test('a section: notes dropped in join its grid, one dragged out leaves and the frame shrinks, undo, columns, move, collapse', async () => {
  const workshop = await api('create_workshop', { title: 'Section board' });
  const texts = ['Idea 1', 'Idea 2', 'Idea 3', 'Idea 4'];
  await api('create_notes', {
    workshop_id: workshop.id,
    notes: [...texts.map((text, i) => ({ text, x: i * 200, y: 0 })), { text: 'Loose', x: 0, y: 400 }],
  });
  const { page, problems } = await newPage();
  const noteUpdates = requests(page, 'update_notes');
  const sectionUpdates = requests(page, 'update_section');
  await openBoard(page, 'Section board');

  // Ctrl+G groups the selected notes into a section that lays them out in a grid.
  await noteByText(page, 'Idea 1').click();
  for (const text of texts.slice(1)) await noteByText(page, text).click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+g');
  await page.fill('[data-testid=cluster-title-input]', 'Breakfast');
  await page.keyboard.press('Enter');
  await frame(page).waitFor();
  const id = await frame(page).getAttribute('data-cluster-id');
  let { board, section } = await gridWhere(workshop.id, id, 4, () => true, 'grouped');
  assert.equal(section.columns, 2);
  await page.click('[data-testid=fit-all]');
  const scale = (await noteByText(page, 'Idea 1').boundingBox()).width / 180;

  // The frame is drawn where core keeps it.
  const box = await frame(page).boundingBox();
  assert.ok(Math.abs(box.width - section.width * scale) < 2 && Math.abs(box.height - section.height * scale) < 2, JSON.stringify(box));

  // The loose note dropped in the middle of the frame joins the section, in its grid.
  await drag(page, await centreOf(noteByText(page, 'Loose')), await centreOf(frame(page)));
  await inCluster(page, id, 5);
  await until(() => noteUpdates.length === 1, 'one update_notes for the drop');
  assert.deepEqual(
    noteUpdates[0].notes.map((n) => [n.cluster_id]),
    [[id]],
  );
  ({ section } = await gridWhere(workshop.id, id, 5, () => true, 'joined'));
  assert.equal(section.height, 476, 'three rows');
  const frameBox = await frame(page).boundingBox();

  // One dragged out, right of the frame: it leaves, and the frame shrinks to two rows.
  const from = await centreOf(noteByText(page, 'Idea 2'));
  await drag(page, from, { x: frameBox.x + frameBox.width + 200, y: from.y });
  ({ section } = await gridWhere(workshop.id, id, 4, (b) => b.notes.find((n) => n.text === 'Idea 2').cluster_id === null, 'left'));
  assert.equal(section.height, 336, 'two rows');
  await page.waitForFunction(
    ({ h }) => document.querySelector('[data-testid=cluster]').getBoundingClientRect().height < h - 50,
    { h: frameBox.height },
  );

  // Ctrl+Z puts it back.
  await page.keyboard.press('Control+z');
  await inCluster(page, id, 5);
  ({ section } = await gridWhere(workshop.id, id, 5, () => true, 'undone'));
  assert.equal(section.height, 476);

  // More columns with the section's + button, from the keyboard.
  await page.locator('[data-testid=section-more]').focus();
  await page.keyboard.press('Enter');
  await gridWhere(workshop.id, id, 5, (b) => b.clusters[0].columns === 3, 'three columns');
  assert.equal(await page.getByRole('button', { name: 'More columns: Breakfast' }).count(), 1);

  // The resize handle dragged left: one update_section with the columns that width holds.
  await page.waitForFunction(() => document.querySelector('[data-testid=cluster]').dataset.columns === '3');
  const handle = await centreOf(page.locator('[data-testid=section-resize]'));
  const before = sectionUpdates.length;
  await drag(page, handle, { x: handle.x - 400 * scale, y: handle.y });
  ({ section } = await gridWhere(workshop.id, id, 5, (b) => b.clusters[0].columns === 1, 'one column'));
  await until(() => sectionUpdates.length === before + 1, 'one update_section for the resize');
  assert.deepEqual(sectionUpdates.at(-1), { workshop_id: workshop.id, id, columns: 1 });

  // Dragging the title bar moves the section with its notes: one update_section.
  await page.click('[data-testid=fit-all]');
  const s2 = (await noteByText(page, 'Idea 1').boundingBox()).width / 180;
  const title = await centreOf(page.locator('[data-testid=cluster-title]'));
  await drag(page, title, { x: title.x + 300 * s2, y: title.y + 100 * s2 });
  const { section: moved } = await gridWhere(workshop.id, id, 5, (b) => b.clusters[0].x !== section.x, 'moved');
  assert.ok(Math.abs(moved.x - section.x - 300) <= 2 && Math.abs(moved.y - section.y - 100) <= 2, `${section.x},${section.y} → ${moved.x},${moved.y}`);
  await until(() => sectionUpdates.length === before + 2, 'one update_section for the move');
  assert.deepEqual(Object.keys(sectionUpdates.at(-1)).sort(), ['id', 'workshop_id', 'x', 'y']);

  // Collapsed: a stack with the count instead of the notes; Enter on the button expands it.
  await page.click('[data-testid=section-collapse]');
  await page.locator('[data-testid=section-stack]', { hasText: '5 notes' }).waitFor();
  await inCluster(page, id, 0);
  assert.equal((await api('get_board', { workshop_id: workshop.id })).clusters[0].collapsed, true);
  assert.equal(await page.locator('[data-testid=section-collapse]').getAttribute('aria-expanded'), 'false');
  await page.locator('[data-testid=section-collapse]').focus();
  await page.keyboard.press('Enter');
  await inCluster(page, id, 5);
  await page.locator('[data-testid=section-stack]').waitFor({ state: 'detached' });

  // A loose note lying over the title band never covers the title: what is at the title's centre is the title.
  const c = (await api('get_board', { workshop_id: workshop.id })).clusters[0];
  await api('create_notes', { workshop_id: workshop.id, notes: [{ text: 'Over the title', x: c.x, y: c.y - 30 }] });
  await noteByText(page, 'Over the title').waitFor();
  const hit = await page.locator('[data-testid=cluster-title]').evaluate((el) => {
    const r = el.getBoundingClientRect();
    const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return { title: !!at?.closest('[data-cluster-title-for]'), note: !!at?.closest('[data-testid=note]') };
  });
  assert.deepEqual(hit, { title: true, note: false });
  // …and pressing it drags the section, not the note.
  const noteBefore = (await api('get_board', { workshop_id: workshop.id })).notes.find((n) => n.text === 'Over the title');
  const t2 = await centreOf(page.locator('[data-testid=cluster-title]'));
  await drag(page, t2, { x: t2.x, y: t2.y + 200 * s2 });
  ({ board } = await gridWhere(workshop.id, id, 5, (b) => b.clusters[0].y !== c.y, 'moved by a covered title'));
  assert.deepEqual(
    [board.notes.find((n) => n.text === 'Over the title')].map((n) => [n.x, n.y, n.cluster_id]),
    [[noteBefore.x, noteBefore.y, null]],
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('a frame is lit while notes would land in it; a collapsed section selects none of its hidden notes, so Delete keeps them', async () => {
  const workshop = await api('create_workshop', { title: 'Folded board' });
  const made = await api('create_notes', {
    workshop_id: workshop.id,
    notes: [
      { text: 'Folded 1', x: 0, y: 0 },
      { text: 'Folded 2', x: 200, y: 0 },
      { text: 'Stray', x: 0, y: 500 },
    ],
  });
  const note = Object.fromEntries(made.upserted.notes.map((n) => [n.text, n.id]));
  const grouped = await api('group_notes', { workshop_id: workshop.id, title: 'Folded', note_ids: [note['Folded 1'], note['Folded 2']] });
  const id = grouped.upserted.clusters[0].id;
  const { page, problems } = await newPage();
  const deletes = requests(page, 'delete_notes');
  await openBoard(page, 'Folded board');
  await inCluster(page, id, 2);

  // Dragged over the frame, the stray note lights it; dragged back out, the frame is dark again.
  const lit = page.locator('[data-testid=cluster][data-drop-target=true]');
  const from = await centreOf(noteByText(page, 'Stray'));
  const over = await centreOf(frame(page));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(over.x, over.y, { steps: 8 });
  await lit.waitFor();
  await page.mouse.move(from.x, from.y, { steps: 8 });
  await lit.waitFor({ state: 'detached' });
  await page.mouse.up();

  // Expanded, the title selects the section's notes; collapsed, they leave the selection.
  await page.click('[data-testid=cluster-title]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=note][aria-pressed=true]').length === 2);
  await page.click('[data-testid=section-collapse]');
  await inCluster(page, id, 0);
  await page.locator('[data-testid=cluster-title]').focus();
  await page.keyboard.press('Delete');

  // With another note selected, pressing the collapsed title selects nothing: Delete removes nothing.
  await noteByText(page, 'Stray').click();
  await page.click('[data-testid=cluster-title]');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Backspace');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(deletes, []);
  const board = await api('get_board', { workshop_id: workshop.id });
  assert.deepEqual(board.notes.map((n) => [n.text, n.cluster_id]).sort(), [
    ['Folded 1', id],
    ['Folded 2', id],
    ['Stray', null],
  ]);
  assert.equal(board.clusters[0].collapsed, true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('votes of the revealed round show on the notes, filter them, and make a Top ideas section', async () => {
  const workshop = await api('create_workshop', { title: 'Vote board' });
  const made = await api('create_notes', {
    workshop_id: workshop.id,
    notes: ['Late checkout', 'Quiet rooms', 'Better coffee', 'Free parking'].map((text, i) => ({ text, x: i * 200, y: 0 })),
  });
  const note = Object.fromEntries(made.upserted.notes.map((n) => [n.text, n.id]));
  const ann = await api('add_participant', { workshop_id: workshop.id, name: 'Ann', role: 'customer' });
  const ben = await api('add_participant', { workshop_id: workshop.id, name: 'Ben', role: 'employee' });
  await api('create_round', { workshop_id: workshop.id, title: 'Favourites', votes_per_participant: 5, max_per_note: 3 });
  const [round] = await api('list_rounds', { workshop_id: workshop.id });
  let n = 0;
  const vote = (who, text) => api('cast_vote', { workshop_id: workshop.id, round_id: round.id, participant_id: who.id, note_id: note[text], client_id: `v${n++}` });
  for (let i = 0; i < 3; i++) await vote(ann, 'Late checkout');
  await vote(ann, 'Quiet rooms');
  await vote(ben, 'Late checkout');
  await vote(ben, 'Better coffee');
  await vote(ben, 'Better coffee');

  const { page, problems } = await newPage();
  await openBoard(page, 'Vote board');
  // Before the reveal nothing shows, and no "Top ideas".
  assert.equal(await page.locator('[data-testid=note-votes]').count(), 0);
  assert.equal(await page.locator('[data-testid=top-ideas]').count(), 0);

  // Revealed elsewhere (the Voting area, another window): the board shows the counts live.
  await api('reveal_round', { workshop_id: workshop.id, id: round.id });
  await page.locator(`[data-note-id="${note['Late checkout']}"][data-votes="4"]`).waitFor({ timeout: 10000 });
  const shown = await page.locator('[data-testid=note]').evaluateAll((els) =>
    els.map((el) => {
      const id = el.getAttribute('aria-describedby');
      return [el.getAttribute('aria-label'), el.querySelectorAll('.dot').length, id ? document.getElementById(id).textContent : null];
    }),
  );
  assert.deepEqual(shown.sort(), [
    ['Better coffee', 2, '2 votes'],
    ['Free parking', 0, null],
    ['Late checkout', 4, '4 votes'],
    ['Quiet rooms', 1, '1 vote'],
  ]);

  // "With votes" keeps the three that got any, and "Next match" walks them most voted first.
  await page.check('[data-testid=filter-voted]');
  await page.locator('[data-testid=board-match-count]', { hasText: '3 matches' }).waitFor();
  const walked = [];
  for (let step = 0; step < 3; step++) {
    await page.getByRole('button', { name: 'Next match' }).click();
    walked.push(await page.locator('.note.current').getAttribute('aria-label'));
  }
  assert.deepEqual(walked, ['Late checkout', 'Better coffee', 'Quiet rooms']);
  await page.uncheck('[data-testid=filter-voted]');

  // Top ideas: the two most voted, copied into a new section the view pans to.
  await page.click('[data-testid=top-ideas]');
  await page.fill('[data-testid=top-ideas-count]', '2');
  await page.click('[data-testid=top-ideas-submit]');
  const [top] = (await boardWhere(workshop.id, (b) => b.clusters.length === 1, 'top ideas')).clusters;
  const { board } = await gridWhere(workshop.id, top.id, 2, () => true, 'top ideas in their grid');
  assert.equal(top.title, 'Top ideas');
  assert.deepEqual(
    board.notes.filter((x) => x.cluster_id === top.id).map((x) => x.text).sort(),
    ['Better coffee', 'Late checkout'],
  );
  const title = page.locator(`[data-testid=cluster][data-cluster-id="${top.id}"] [data-testid=cluster-title]`);
  await title.waitFor();
  const seen = await title.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
  });
  assert.ok(seen, 'the view shows the new section');
  assert.match(await page.locator('[data-testid=board-undo]').innerText(), /Undo top ideas/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a photo note shows its photo above its caption; Add photo puts one in the middle of the view', async () => {
  const workshop = await api('create_workshop', { title: 'Photo board' });
  const png = makePng(64, 48);
  await api('add_photo_note', { workshop_id: workshop.id, image_base64: `data:image/png;base64,${png.toString('base64')}`, x: 0, y: 0, text: 'Flip chart' });
  const { page, problems } = await newPage();
  await openBoard(page, 'Photo board');
  const photo = page.locator('[data-testid=note-photo][alt="Flip chart"]');
  await photo.waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=note-photo]')?.naturalWidth > 0);
  const box = await noteByText(page, 'Flip chart').boundingBox();
  const img = await photo.boundingBox();
  assert.ok(Math.abs(box.width / box.height - 1.5) < 0.02, 'sized like every note');
  assert.ok(img.y >= box.y && img.y + img.height <= box.y + box.height && img.width > box.width * 0.9, 'the photo fills the note above its caption');

  // The toolbar's picker: the file goes to add_photo_note, and the note lands mid-view.
  await page.setInputFiles('[data-testid=board-photo-input]', { name: 'wall.png', mimeType: 'image/png', buffer: makePng(40, 40) });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=note-photo]').length === 2);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=note-photo]')].every((el) => el.naturalWidth > 0));
  const board = await api('get_board', { workshop_id: workshop.id });
  const added = board.notes.find((n) => n.text === 'Photo');
  assert.ok(added?.image_id, JSON.stringify(board.notes));
  const view = await centreOf(page.locator('[data-testid=board] [role=application]'));
  const at = await centreOf(noteByText(page, 'Photo'));
  assert.ok(Math.abs(at.x - view.x) < 20 && Math.abs(at.y - view.y) < 20, `${JSON.stringify(at)} near ${JSON.stringify(view)}`);

  // Not an image: refused before sending, as a toast.
  await page.setInputFiles('[data-testid=board-photo-input]', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await page.locator('.toast.error', { hasText: 'not a PNG, JPEG or WebP' }).waitFor();
  assert.equal((await api('get_board', { workshop_id: workshop.id })).notes.length, 2);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a phone note written while notes are hidden lies face down on the board until Reveal all', async () => {
  const data = tempDataDir();
  const room = await serveRoom(data.dir, { title: 'Hidden day', template: 'blank' });
  try {
    const server = { url: `${room.origin}/#token=${room.token}`, origin: room.origin, token: room.token };
    const ok = async (operation, input) => {
      const answer = await room.api(operation, input);
      assert.equal(answer.status, 200, `${operation}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    const phone = async (path, body, secret) => {
      const response = await fetch(`${room.lan}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      assert.ok(response.ok, `${path}: ${response.status} ${text}`);
      return JSON.parse(text);
    };
    await ok('update_room', { brainstorm_open: true, notes_hidden: true });
    const secretText = 'Wobbly breakfast tables by the window';
    const writer = 'Saara';

    const { page, problems } = await newPage();
    await openBoard(page, 'Hidden day', server);
    const { secret } = await phone('/p/join', { room: room.code, name: writer, role: 'customer' });
    await phone('/p/notes', { client_id: 'hidden-1', text: secretText }, secret);

    // The board says how many lie face down, and shows the note as a card back: no text, no writer.
    await page.locator('[data-testid=face-down-count]', { hasText: '1 face down' }).waitFor({ timeout: 10000 });
    await page.click('[data-testid=fit-all]');
    const back = page.locator('[data-testid=note][data-hidden=true]');
    await back.waitFor();
    assert.equal(await back.getAttribute('aria-label'), 'Face-down note');
    assert.equal(await back.locator('[data-testid=note-face-down]').innerText(), 'Face down');
    assert.equal(await back.locator('[data-testid=note-author-name]').count(), 0);
    const html = await page.locator('[data-testid=board]').evaluate((el) => el.outerHTML);
    assert.ok(!html.includes('Wobbly'), 'nothing of the note in the page');

    // It can be selected, not edited: double-click says why instead of opening the editor.
    await back.dblclick();
    await page.locator('.toast', { hasText: 'face down' }).waitFor();
    assert.equal(await page.locator('[data-testid=note-editor]').count(), 0);
    assert.equal(await back.getAttribute('aria-pressed'), 'true');

    // Reveal all: the text shows, the count goes.
    await page.getByRole('button', { name: 'Reveal all: 1 face-down note' }).click();
    await noteByText(page, secretText).waitFor({ timeout: 10000 });
    await page.locator('[data-testid=face-down-bar]').waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-testid=note][data-hidden=true]').count(), 0);
    const board = await ok('get_board', {});
    assert.deepEqual(board.face_down, []);
    assert.equal(board.notes.find((n) => n.text === secretText)?.hidden, false);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await room.stop();
    data.remove();
  }
});
