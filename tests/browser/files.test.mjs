// Export and import in the browser UI (the same Svelte UI `fiilis serve` sends), in headless
// Chromium against the real server: every export format downloaded and read back, a workshop
// file imported through the file picker and by dropping it, a broken file refused with the place
// named, and merging the same file twice adding nothing the second time.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiBody } from '../support/fiilis.mjs';
import { loadApp, openWorkshopCard, serveWithChromium, watchedPage } from '../support/browser.mjs';

const app = serveWithChromium();
const api = (operation, input) => apiBody(app.server, operation, input);

// A title with characters file systems refuse: the downloads must still get a usable name.
const TITLE = 'Spa day: Q3/Q4';
const SAFE = 'Spa day- Q3-Q4';
const NOTES = ['Sauna opens too late', 'Towels at the pool', 'Kids’ corner by the café'];

const dir = mkdtempSync(join(tmpdir(), 'fiilis-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// Made by the first test that needs it: the server only runs once the tests do.
let made;
function notesWorkshop() {
  made ??= (async () => {
    const workshop = await api('create_workshop', { title: TITLE, template: 'hotel', language: 'en' });
    await api('create_notes', { workshop_id: workshop.id, notes: NOTES.map((text, i) => ({ text, x: i * 200, y: 0 })) });
    return workshop;
  })();
  return made;
}

const card = (page, title) =>
  page.locator('[data-testid=workshop-card]', { has: page.locator('[data-testid=workshop-title]', { hasText: title }) });

/** Chooses `format` in the Export menu and resolves to the download's file name and path. */
async function exportFrom(page, format) {
  await page.click('[data-testid=export-menu-button]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=export-${format}]`)]);
  return saved(download);
}

async function saved(download) {
  const path = join(dir, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path };
}

/** A workshop file of the notes workshop, retitled, written into the test's folder. */
async function workshopFile(name, title, edit = () => {}) {
  const file = await api('export_workshop', { workshop_id: (await notesWorkshop()).id });
  file.workshop.title = title;
  edit(file);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(file));
  return path;
}

async function openNotesWorkshop() {
  await notesWorkshop();
  const { page, problems } = await watchedPage(app.browser);
  await openWorkshopCard(page, app.server, TITLE);
  await page.locator('[data-testid=workshop-heading]', { hasText: TITLE }).waitFor();
  return { page, problems };
}

test('every format downloads from the Export menu with a safe name and the right content', async () => {
  const { page, problems } = await openNotesWorkshop();

  const pdf = await exportFrom(page, 'pdf');
  assert.equal(pdf.name, `${SAFE}.pdf`);
  assert.equal(readFileSync(pdf.path).subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(execFileSync('pdfinfo', [pdf.path], { encoding: 'utf8' }), /Page size:.*\(A4\)/);
  assert.match(execFileSync('pdftotext', [pdf.path, '-'], { encoding: 'utf8' }), /Spa day: Q3\/Q4/);

  // Letter only when chosen, and then it stays chosen.
  await page.click('[data-testid=export-menu-button]');
  assert.equal(await page.getAttribute('[data-testid=paper-a4]', 'aria-checked'), 'true');
  await page.click('[data-testid=paper-letter]');
  assert.equal(await page.getAttribute('[data-testid=paper-letter]', 'aria-checked'), 'true');
  const [letterDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-pdf]')]);
  const letter = await saved(letterDownload);
  assert.match(execFileSync('pdfinfo', [letter.path], { encoding: 'utf8' }), /Page size:.*\(letter\)/);

  const html = await exportFrom(page, 'html');
  assert.equal(html.name, `${SAFE}.html`);
  const htmlText = readFileSync(html.path, 'utf8');
  assert.match(htmlText, /^<!DOCTYPE html>/i);
  assert.ok(htmlText.includes('Spa day: Q3/Q4'), 'the report names the workshop');
  assert.ok(htmlText.includes('Sauna opens too late'));

  // The Markdown comes zipped with what it links, under one folder.
  const md = await exportFrom(page, 'md');
  assert.equal(md.name, `${SAFE}-markdown.zip`);
  const listed = execFileSync('unzip', ['-Z1', md.path], { encoding: 'utf8' }).trim().split('\n');
  const report = listed.find((name) => name.endsWith('.md'));
  assert.ok(report && listed.every((name) => name.startsWith(report.split('/')[0] + '/')), listed.join(', '));
  assert.match(execFileSync('unzip', ['-p', md.path, report], { encoding: 'utf8' }), /^# .*Spa day: Q3\/Q4/m);

  const csv = await exportFrom(page, 'csv');
  assert.equal(csv.name, `${SAFE}.csv`);
  const csvBytes = readFileSync(csv.path);
  assert.deepEqual([...csvBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark for Excel');
  for (const note of NOTES) assert.ok(csvBytes.toString('utf8').includes(note), note);

  const svg = await exportFrom(page, 'svg');
  assert.equal(svg.name, `${SAFE}-emotions.svg`);
  assert.match(readFileSync(svg.path, 'utf8'), /<svg[\s>]/);

  const json = await exportFrom(page, 'json');
  assert.equal(json.name, `${SAFE}.fiilis.json`);
  const file = JSON.parse(readFileSync(json.path, 'utf8'));
  assert.equal(file.format, 'fiilis-workshop');
  assert.equal(file.workshop.title, TITLE);
  assert.deepEqual(file.notes.map((n) => n.text).sort(), [...NOTES].sort());

  // Ctrl+Shift+E makes the PDF at once, in the paper chosen last.
  const [quick] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+Shift+E')]);
  assert.equal(quick.suggestedFilename(), `${SAFE}.pdf`);
  assert.match(execFileSync('pdfinfo', [(await saved(quick)).path], { encoding: 'utf8' }), /\(letter\)/);
  await page.click('[data-testid=export-menu-button]');
  await page.click('[data-testid=paper-a4]');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-testid=export-menu]').count(), 0);

  assert.deepEqual(problems, []);
  await page.close();
});

test('the Export menu works from the keyboard', async () => {
  const { page, problems } = await openNotesWorkshop();
  await page.keyboard.press('Control+e');
  await page.locator('[data-testid=export-menu]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'export-pdf');
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'report-style-open');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'export-pdf');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'export-json');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(download.suggestedFilename(), `${SAFE}.fiilis.json`);
  assert.equal(await page.locator('[data-testid=export-menu]').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'export-menu-button');
  assert.deepEqual(problems, []);
  await page.close();
});

// A 1×1 PNG, as a logo file.
const LOGO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test('the report style (accent colour and logo) is set once and every report wears it', async () => {
  const { page, problems } = await openNotesWorkshop();
  await page.click('[data-testid=export-menu-button]');
  await page.click('[data-testid=report-style-open]');
  const dialog = page.locator('[data-testid=report-style][aria-busy=false]');
  await dialog.waitFor();
  assert.equal(await page.inputValue('[data-testid=report-style-accent]'), '#0f6b5c', 'Fiilis green until changed');
  // Something that is no image is refused in words, and nothing is shown as the logo.
  await page.setInputFiles('[data-testid=report-style-logo-input]', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await page.locator('[data-testid=report-style-problem]').waitFor();
  assert.equal(await page.locator('[data-testid=report-style-logo-preview]').count(), 0);
  await page.setInputFiles('[data-testid=report-style-logo-input]', { name: 'logo.png', mimeType: 'image/png', buffer: LOGO });
  await page.locator('[data-testid=report-style-logo-preview]').waitFor();
  await page.fill('[data-testid=report-style-accent]', '#aa3311');
  await page.click('[data-testid=report-style-save]');
  await page.locator('[data-testid=report-style]').waitFor({ state: 'detached' });

  const html = readFileSync((await exportFrom(page, 'html')).path, 'utf8');
  assert.ok(html.includes('--accent: #aa3311'), 'the HTML report in the chosen colour');
  assert.match(html, /<img class="logo" src="data:image\/png;base64,/);
  const pdf = (await exportFrom(page, 'pdf')).path;
  const images = execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', pdf], { encoding: 'utf8' }).trim().split('\n');
  // Two header lines, then the logo (and its transparency mask): the default cover has none.
  assert.ok(images.length > 2, `the logo on the PDF's cover:\n${images.join('\n')}`);

  // Back to no logo and the app's green: the dialog shows what is stored.
  await page.click('[data-testid=export-menu-button]');
  await page.click('[data-testid=report-style-open]');
  await dialog.waitFor();
  assert.equal(await page.inputValue('[data-testid=report-style-accent]'), '#aa3311');
  await page.click('[data-testid=report-style-logo-remove]');
  await page.getByRole('button', { name: 'Use Fiilis green' }).click();
  await page.click('[data-testid=report-style-save]');
  await page.locator('[data-testid=report-style]').waitFor({ state: 'detached' });
  assert.deepEqual(await api('get_report_style', {}), { accent: null, logo: null });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a workshop file imported through the picker becomes a new workshop with its notes', async () => {
  const path = await workshopFile('picked.fiilis.json', 'Imported spa day');
  const { page, problems } = await watchedPage(app.browser);
  await loadApp(page, app.server);
  const before = (await api('list_workshops', {})).length;

  await page.setInputFiles('[data-testid=import-file-input]', path);
  const imported = card(page, 'Imported spa day');
  await imported.waitFor();
  await page.locator('.toast', { hasText: 'Imported “Imported spa day”' }).waitFor();
  assert.equal((await api('list_workshops', {})).length, before + 1);

  await page.click('[data-testid=open-imported]');
  await page.locator('[data-testid=workshop-heading]', { hasText: 'Imported spa day' }).waitFor();
  await page.click('[data-testid=nav-board]');
  await page.locator('[data-testid=board][data-board-ready="true"]').waitFor();
  const texts = await page.locator('[data-testid=note] [data-testid=note-text]').allTextContents();
  assert.deepEqual(texts.sort(), [...NOTES].sort());
  assert.deepEqual(problems, []);
  await page.close();
});

test('a broken file is refused with the place named, and nothing is imported', async () => {
  const path = await workshopFile('broken.fiilis.json', 'Never imported', (file) => {
    file.notes[1].text = 'x'.repeat(1001);
  });
  const { page, problems } = await watchedPage(app.browser);
  await loadApp(page, app.server);
  const before = await api('list_workshops', {});
  const cardsBefore = await page.locator('[data-testid=workshop-card]').count();

  await page.setInputFiles('[data-testid=import-file-input]', path);
  const problem = page.locator('[data-testid=files-problem]');
  await problem.waitFor();
  assert.match(await problem.locator('h2').innerText(), /Cannot import broken\.fiilis\.json/);
  assert.match(await page.locator('[data-testid=files-problem-detail]').innerText(), /notes\[1\]\.text/);
  await page.click('[data-testid=files-problem-close]');
  await problem.waitFor({ state: 'detached' });

  assert.deepEqual(await api('list_workshops', {}), before);
  assert.equal(await page.locator('[data-testid=workshop-card]').count(), cardsBefore);
  assert.equal(await card(page, 'Never imported').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('merging the same file twice adds its rows once', async () => {
  const target = await api('create_workshop', { title: 'Merge target', template: 'blank', language: 'en' });
  const path = await workshopFile('breakout.fiilis.json', 'Breakout group');
  const { page, problems } = await watchedPage(app.browser);
  await openWorkshopCard(page, app.server, 'Merge target');
  await page.locator('[data-testid=workshop-heading]', { hasText: 'Merge target' }).waitFor();

  await page.setInputFiles('[data-testid=merge-file-input]', path);
  const first = page.locator('.toast', { hasText: 'Merged breakout.fiilis.json' });
  await first.waitFor();
  const added = Number((await first.innerText()).match(/(\d+) new items? added/)?.[1]);
  // Three notes and the hotel template's eight stages, at least.
  assert.ok(added >= NOTES.length + 8, await first.innerText());
  const board = await api('get_board', { workshop_id: target.id });
  assert.deepEqual(board.notes.map((n) => n.text).sort(), [...NOTES].sort());

  await page.setInputFiles('[data-testid=merge-file-input]', path);
  await page.locator('.toast', { hasText: 'nothing new' }).waitFor();
  assert.equal((await api('get_board', { workshop_id: target.id })).notes.length, NOTES.length);
  assert.deepEqual(problems, []);
  await page.close();
});

/** Drops `files` ({name, text}) on the page as the browser would, after dragging them in. */
function dropFiles(page, files) {
  return page.evaluate(async (list) => {
    const transfer = new DataTransfer();
    for (const { name, text } of list) transfer.items.add(new File([text], name, { type: 'application/json' }));
    document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const shown = document.querySelector('[data-testid=drop-overlay]') !== null;
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    return shown;
  }, files);
}

test('a workshop file dropped on the library is imported; anything else is explained', async () => {
  const text = readFileSync(await workshopFile('dropped.fiilis.json', 'Dropped spa day'), 'utf8');
  const { page, problems } = await watchedPage(app.browser);
  await loadApp(page, app.server);
  // Let the drop layer's listeners attach before dragging anything in.
  await page.locator('[data-testid=workshop-card]').first().waitFor();

  assert.equal(await dropFiles(page, [{ name: 'dropped.fiilis.json', text }]), true, 'the drop overlay shows while dragging');
  await card(page, 'Dropped spa day').waitFor();
  assert.equal(await page.locator('[data-testid=drop-overlay]').count(), 0);

  const before = (await api('list_workshops', {})).length;
  await dropFiles(page, [{ name: 'photo.png', text: 'not a workshop' }]);
  const problem = page.locator('[data-testid=files-problem]');
  await problem.waitFor();
  assert.match(await page.locator('[data-testid=files-problem-message]').innerText(), /“photo\.png” is not a workshop file/);
  await page.keyboard.press('Escape');
  await problem.waitFor({ state: 'detached' });
  assert.equal((await api('list_workshops', {})).length, before);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a file dropped inside a workshop asks whether to import it or merge it', async () => {
  const text = readFileSync(await workshopFile('asked.fiilis.json', 'Asked spa day'), 'utf8');
  const target = await api('create_workshop', { title: 'Drop target', template: 'blank', language: 'en' });
  const { page, problems } = await watchedPage(app.browser);
  await openWorkshopCard(page, app.server, 'Drop target');
  await page.locator('[data-testid=workshop-heading]', { hasText: 'Drop target' }).waitFor();

  await dropFiles(page, [{ name: 'asked.fiilis.json', text }]);
  const choice = page.locator('[data-testid=drop-choice]');
  await choice.waitFor();
  assert.match(await page.locator('[data-testid=drop-merge]').innerText(), /Merge into “Drop target”/);
  await page.click('[data-testid=drop-merge]');
  await page.locator('.toast', { hasText: 'Merged asked.fiilis.json' }).waitFor();
  assert.equal((await api('get_board', { workshop_id: target.id })).notes.length, NOTES.length);

  await dropFiles(page, [{ name: 'asked.fiilis.json', text }]);
  await choice.waitFor();
  await page.click('[data-testid=drop-import-new]');
  await page.locator('.toast', { hasText: '“Asked spa day” was imported into the library' }).waitFor();
  assert.ok((await api('list_workshops', {})).some((w) => w.title === 'Asked spa day'));
  assert.deepEqual(problems, []);
  await page.close();
});
