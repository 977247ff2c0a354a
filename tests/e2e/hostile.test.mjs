// Issue #7 in the real desktop app (WebKit under Xvfb, through tauri-driver): a workshop file full
// of hostile payloads (tests/hostile/payloads.json) is imported with the CLI into the app's
// library, then its board, journey and personas are opened in the window: nothing from a payload
// runs (the `window.__pwned` canary stays unset; an alert would fail every later WebDriver
// command) or becomes an element, and the texts are shown as typed. Files that are not valid
// UTF-8 or JSON are refused by `fiilis import` with a clear message and leave the library as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiBody, fiilisBin, serve, tempDataDir } from '../support/fiilis.mjs';
import { launchApp, openWorkshop, startTauriDriver } from '../support/desktop.mjs';
import { fit, inspectSource, jsonStrings, payload, probes, rawBytes, shown, texts } from '../hostile/payloads.mjs';

let session;
let driver;
let scratch;
let appData;
let file;
const title = fit(payload('img_onerror'), 200);
const stored = { notes: [], stages: [], personas: [] };

/**
 * The app's data folder: the FIILIS_DATA_DIR that startTauriDriver gave the tauri-driver it
 * started, a child of this process (the app inherits it from there).
 */
function driverDataDir() {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid || !readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('tauri-driver')) continue;
      const entry = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').find((e) => e.startsWith('FIILIS_DATA_DIR='));
      if (entry) return entry.slice('FIILIS_DATA_DIR='.length);
    } catch {
      // gone already, or not ours to read
    }
  }
  throw new Error('no tauri-driver started by this test');
}

const cli = (...args) => spawnSync(fiilisBin, ['--data-dir', appData, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' } });
const workshopCount = () => JSON.parse(cli('list', '--json').stdout).length;

before(async () => {
  // The workshop file: filled through `fiilis serve` on a scratch library, then exported.
  scratch = tempDataDir();
  const server = await serve(scratch.dir);
  const api = (operation, input) => apiBody(server, operation, input);
  try {
    const workshop = await api('create_workshop', { title, goal: payload('md_html_block'), facilitator: payload('csv_dde') });
    const at = { workshop_id: workshop.id };
    for (const [index, { text }] of texts.entries()) {
      const person = await api('add_participant', { ...at, name: fit(text, 60) });
      let change = await api('create_stage', { ...at, title: fit(text, 200) });
      const stage = change.upserted.stages[0];
      stored.stages.push(stage.title);
      await api('update_stage', { ...at, id: stage.id, pain_points: fit(text, 2000), channels: [fit(text, 40)] });
      change = await api('create_persona', {
        ...at, name: fit(text, 100), quote: fit(text, 200), goals: fit(text, 2000), channels: [fit(text, 40)],
        sections: [{ kind: 'list', title: fit(text, 100), items: [fit(text, 200)] }],
      });
      const persona = change.upserted.personas[0];
      stored.personas.push(persona.name);
      await api('set_emotion', { ...at, persona_id: persona.id, stage_id: stage.id, variant: 'current', score: (index % 5) - 2 });
      change = await api('create_notes', {
        ...at,
        notes: [{ text, x: 200 * (index % 8), y: 140 * Math.floor(index / 8), stage_id: stage.id, persona_id: persona.id, author_id: person.id }],
      });
      const note = change.upserted.notes[0];
      stored.notes.push(note.text);
      if (index % 2 === 0) await api('group_notes', { ...at, title: fit(text, 200), note_ids: [note.id] });
    }
    file = join(scratch.dir, 'hostile.fiilis.json');
    writeFileSync(file, JSON.stringify(await api('export_workshop', at)));
  } finally {
    await server.stop();
  }
  session = await startTauriDriver();
  ({ driver } = session);
});

after(async () => {
  await session?.stop();
  scratch?.remove();
});

async function assertClean(where) {
  const result = await driver.execute(`return (${inspectSource})(arguments[0]);`, [probes]);
  assert.equal(result.pwned, null, `${where}: a payload ran (window.__pwned is set)`);
  assert.equal(result.polluted, null, `${where}: Object.prototype was polluted`);
  assert.deepEqual(result.injected, [], `${where}: elements or attributes from payloads`);
  return shown(result.text);
}

function assertShows(text, expected, where) {
  assert.deepEqual(expected.filter((t) => !text.includes(shown(t))), [], `${where}: not shown as text`);
}

test('bad files are refused by fiilis import with a clear message; the hostile one imports', async () => {
  appData = driverDataDir();
  assert.ok(appData.startsWith(join(tmpdir(), 'fiilis-test-')), appData);
  // The app makes its library on the first start.
  await launchApp(driver);
  await driver.quit();
  const count = workshopCount();

  const good = readFileSync(file, 'utf8');
  const marker = JSON.stringify(stored.notes[0]);
  assert.ok(good.includes(marker));
  const bad = [
    ...jsonStrings.map(({ name, json_string }) => [name, Buffer.from(good.replace(marker, json_string))]),
    ...rawBytes.map(({ name, bytes }) => {
      const [head, tail] = good.split(marker);
      return [name, Buffer.concat([Buffer.from(head + '"'), bytes, Buffer.from('"' + tail)])];
    }),
    ['megabyte_note', Buffer.from(good.replace(marker, JSON.stringify('A'.repeat(1 << 20))))],
  ];
  for (const [name, bytes] of bad) {
    const path = join(scratch.dir, `${name}.fiilis.json`);
    writeFileSync(path, bytes);
    const run = cli('import', path);
    assert.notEqual(run.status, 0, `${name}: refused`);
    assert.equal(run.signal, null, `${name}: no crash`);
    assert.ok(run.stderr.trim().length > 0 && run.stderr.length < 2000, `${name}: a short reason: ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /panick|RUST_BACKTRACE/, `${name}: no panic`);
  }
  assert.equal(workshopCount(), count, 'nothing was imported');
  const imported = cli('import', file);
  assert.equal(imported.status, 0, imported.stderr);
  assert.equal(workshopCount(), count + 1);
});

test('the window shows the hostile workshop as text on the board, journey and personas', async () => {
  await launchApp(driver);
  assertShows(await assertClean('library'), [title], 'library');
  await openWorkshop(driver, title.trim());
  await driver.click(await driver.find('[data-testid=nav-board]'));
  await driver.find('[data-testid=board][data-board-ready="true"]', { timeout: 30000 });
  // The first view fits every note and is too far out for text: back to 100 %.
  await driver.click(await driver.find('[data-testid=board] .zoom-level'));
  const noteTexts = await driver.until(async () => {
    const found = await driver.execute(`return [...document.querySelectorAll('[data-testid=note-text]')].map((e) => e.textContent);`);
    return found.length >= 10 && found;
  }, 'notes with their text in view');
  const storedNotes = new Set(stored.notes.map(shown));
  assert.deepEqual(noteTexts.map(shown).filter((t) => !storedNotes.has(t)), [], 'notes shown other than as typed');
  await assertClean('board');

  for (const [area, ready, expected] of [
    ['journey', '[data-testid=stage]', stored.stages],
    ['personas', '[data-testid=persona-card]', stored.personas],
  ]) {
    await driver.click(await driver.find(`[data-testid=nav-${area}]`));
    await driver.find(ready, { timeout: 30000 });
    const text = await driver.until(async () => {
      const seen = await assertClean(area);
      return expected.every((t) => seen.includes(shown(t))) && seen;
    }, `${area} showing every payload`).catch(async () => assertClean(area));
    assertShows(text, expected, area);
  }
  assert.equal(await driver.execute('return location.protocol'), 'tauri:');
});
