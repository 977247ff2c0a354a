// Issue #7 in the browser: every hostile payload (tests/hostile/payloads.json) put in through the
// facilitator HTTP API and through phones (the participant API), then every area of the browser
// UI and the phone page opened in Chromium against the real `fiilis serve --participants`:
// nothing runs (no dialog, no page error, the `window.__pwned` canary unset), no element comes
// from a payload, and the texts are on screen as typed. Bytes that are not valid JSON or UTF-8
// get a clear refusal and change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiResponse, tempDataDir } from '../support/fiilis.mjs';
import { launchChromium, watchedPage } from '../support/browser.mjs';
import { openPhone, serveRoom } from '../support/room.mjs';
import { fit, inspectSource, jsonStrings, payload, probes, rawBytes, shown, texts, tooLong, trimmed } from '../hostile/payloads.mjs';

let browser;
let room;
let data;
/** Every text the workshop holds, as stored: {area: [text…]}. */
const stored = { notes: [], personas: [], stages: [], clusters: [], participants: [] };

before(async () => {
  data = tempDataDir();
  room = await serveRoom(data.dir, { title: 'Hostile room', template: 'blank' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await room?.stop();
  data?.remove();
});

async function api(operation, input = {}) {
  const { status, body } = await room.api(operation, input);
  assert.equal(status, 200, `${operation}: ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

/** A participant API call from "a phone", waiting out the per-device rate limit. */
async function phoneCall(path, body, secret) {
  for (;;) {
    const response = await fetch(`${room.lan}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
      body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
    });
    if (response.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 1)));
      continue;
    }
    return { status: response.status, text: await response.text() };
  }
}

/** Raw bytes to the facilitator API. */
async function rawApi(operation, bytes) {
  const response = await fetch(`${room.origin}/api/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${room.token}` },
    body: bytes,
  });
  return { status: response.status, text: await response.text() };
}

/** Runs the page inspection; asserts nothing ran or was injected; returns the page's text. */
async function assertClean(page, problems, where) {
  const result = await page.evaluate(`(${inspectSource})(${JSON.stringify(probes)})`);
  assert.equal(result.pwned, null, `${where}: a payload ran (window.__pwned is set)`);
  assert.equal(result.polluted, null, `${where}: Object.prototype was polluted`);
  assert.deepEqual(result.injected, [], `${where}: elements or attributes from payloads`);
  assert.deepEqual(problems, [], `${where}: page errors or dialogs`);
  return shown(result.text);
}

/**
 * Asserts that every element matching `selector` (at least one) is isolated in direction
 * (computed unicode-bidi isolate or plaintext), so an override inside it reorders nothing after it.
 */
async function assertIsolated(page, selector, where) {
  const styles = await page.locator(selector).evaluateAll((els) => els.map((e) => getComputedStyle(e).unicodeBidi));
  assert.ok(styles.length > 0, `${where}: no ${selector} on the page`);
  const loose = styles.filter((value) => value !== 'isolate' && value !== 'plaintext');
  assert.deepEqual(loose, [], `${where}: ${selector} not isolated in direction`);
}

function assertShows(text, expected, where) {
  const missing = expected.filter((t) => !text.includes(shown(t)));
  assert.deepEqual(missing, [], `${where}: not shown as text`);
}

test('every payload goes in through the facilitator API and the phones', async () => {
  assert.ok(texts.length >= 55, `${texts.length} payloads`);
  const updated = await apiResponse(room, 'update_workshop', {
    id: room.workshopId,
    title: fit(payload('img_onerror'), 200),
    goal: payload('md_html_block'),
    facilitator: payload('attribute_double_quote'),
  });
  assert.equal(updated.status, 200, JSON.stringify(updated.body));
  let author;
  for (const [index, { name, text }] of texts.entries()) {
    const added = await api('add_participant', { name: fit(text, 60) });
    stored.participants.push(added.name);
    const join = await phoneCall('/p/join', { room: room.room, name: fit(text, 60) });
    assert.equal(join.status, 200, `${name}: join ${join.text}`);
    const { secret } = JSON.parse(join.text);
    const note = await phoneCall('/p/notes', { client_id: `c${index}`, text }, secret);
    assert.equal(note.status, 200, `${name}: phone note ${note.text}`);
    stored.notes.push(JSON.parse(note.text).text);
    author ??= JSON.parse(join.text).participant_id;

    let change = await api('create_stage', { title: fit(text, 200) });
    const stage = change.upserted.stages[0];
    stored.stages.push(stage.title);
    const long = fit(text, 2000);
    await api('update_stage', {
      id: stage.id, description: long, pain_points: long, opportunities: long, channels: [fit(text, 40)],
    });
    change = await api('create_persona', {
      name: fit(text, 100), age: fit(text, 40), occupation: fit(text, 200), quote: fit(text, 200),
      background: long, goals: long, needs: long, pains: long, expectations: long, channels: [fit(text, 40)],
      sections: [
        { kind: 'text', title: fit(text, 100), text: long },
        { kind: 'tags', title: fit(text, 100), items: [fit(text, 200)] },
      ],
    });
    const persona = change.upserted.personas[0];
    stored.personas.push(persona.name);
    await api('set_emotion', { persona_id: persona.id, stage_id: stage.id, variant: 'current', score: (index % 5) - 2, note: fit(text, 500) });
    change = await api('create_notes', {
      notes: [{ text, x: 200 * (index % 10), y: 140 * Math.floor(index / 10), stage_id: stage.id, persona_id: persona.id, author_id: added.id }],
    });
    const created = change.upserted.notes[0];
    stored.notes.push(created.text);
    if (index % 2 === 0) {
      change = await api('group_notes', { title: fit(text, 200), note_ids: [created.id] });
      stored.clusters.push(change.upserted.clusters[0].title);
    }
  }
  // A named round titled with a payload, three votes, revealed: results everywhere.
  const change = await api('create_round', { title: payload('csv_dde'), anonymous: false, votes_per_participant: 3 });
  const round = change.upserted.voting_rounds[0];
  const board = await api('get_board');
  for (const [index, note] of board.notes.slice(0, 3).entries()) {
    await api('cast_vote', { round_id: round.id, participant_id: author, note_id: note.id, client_id: `v${index}` });
  }
  await api('reveal_round', { id: round.id });
  assert.equal(board.notes.length, texts.length * 2);
  // Stored as typed (cut to each field's limit and trimmed, nothing else).
  for (const { text } of texts) assert.ok(board.notes.some((n) => n.text === trimmed(text)), text);
});

test('bytes that are not JSON, not Unicode or too large are refused clearly and change nothing', async () => {
  const before = (await api('get_board')).notes.length;
  const refused = (result, what) => {
    assert.ok([400, 413, 415, 422].includes(result.status), `${what}: ${result.status} ${result.text.slice(0, 200)}`);
    assert.ok(result.text.length > 0 && result.text.length < 2000, `${what}: a short reason`);
  };
  const join = JSON.parse((await phoneCall('/p/join', { room: room.room, name: 'Bytes' })).text);
  const notesBody = (source) => `{"workshop_id":"${room.workshopId}","notes":[{"text":${source},"x":0,"y":0}]}`;
  for (const { name, json_string } of jsonStrings) {
    refused(await rawApi('create_notes', Buffer.from(notesBody(json_string))), `${name} (API)`);
    refused(await phoneCall('/p/notes', `{"client_id":"s-${name}","text":${json_string}}`, join.secret), `${name} (phone)`);
  }
  for (const { name, bytes } of rawBytes) {
    const [head, tail] = notesBody('"SPLIT"').split('SPLIT');
    const body = Buffer.concat([Buffer.from(head), bytes, Buffer.from(tail)]);
    refused(await rawApi('create_notes', body), `${name} (API)`);
    const phoneBody = Buffer.concat([Buffer.from(`{"client_id":"b-${name}","text":"`), bytes, Buffer.from('"}')]);
    refused(await phoneCall('/p/notes', phoneBody, join.secret), `${name} (phone)`);
    refused(await phoneCall('/p/join', Buffer.concat([Buffer.from(`{"room":"${room.room}","name":"`), bytes, Buffer.from('"}')])), `${name} (join)`);
  }
  for (const { name, text } of tooLong) {
    refused(await rawApi('create_notes', Buffer.from(JSON.stringify({ workshop_id: room.workshopId, notes: [{ text, x: 0, y: 0 }] }))), `${name} (API)`);
    const short = text.slice(0, 4000);
    const tooLongNote = await rawApi('create_notes', Buffer.from(JSON.stringify({ workshop_id: room.workshopId, notes: [{ text: short, x: 0, y: 0 }] })));
    refused(tooLongNote, `${name}, 4000 characters (API)`);
    assert.match(tooLongNote.text, /notes\[0\]\.text/, 'the message names the field');
    refused(await phoneCall('/p/notes', { client_id: `l-${name}`, text }, join.secret), `${name} (phone)`);
    refused(await phoneCall('/p/join', { room: room.room, name: text.slice(0, 1000) }), `${name} (join)`);
  }
  assert.equal((await api('get_board')).notes.length, before, 'no note was added');
});

/** In each area, the elements showing people's text, each to be isolated in direction. */
const ISOLATED = {
  overview: ['[data-testid=workshop-heading]', '[data-testid=overview-title]'],
  journey: ['[data-testid=stage] button[data-testid=stage-title]', '[data-testid=emotion-chart] [data-testid=stage-label] text'],
  personas: ['[data-testid=persona-card-name]'],
  room: ['[data-testid=room-participant-name]'],
};

test('the browser UI shows every payload as text in every area and runs none', async () => {
  const { page, problems } = await watchedPage(browser, { viewport: { width: 1440, height: 900 } });
  await page.goto(`${room.origin}/#token=${room.token}`);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.locator('[data-testid=workshop-card]').first().waitFor();
  assertShows(await assertClean(page, problems, 'library'), [fit(payload('img_onerror'), 200)], 'library');
  await page.locator('[data-testid=workshop-card] [data-testid=open]').first().click();

  await page.click('[data-testid=nav-board]');
  await page.locator('[data-testid=board][data-board-ready="true"]').waitFor();
  // The board draws only the notes in view (and no text when zoomed far out): every note it
  // shows at the first zoom must read exactly as one that was stored.
  // The first view fits every note and is too far out for text: back to 100 %.
  await page.locator('[data-testid=board] .zoom-level').click();
  await page.locator('[data-testid=note-text]').first().waitFor({ state: 'attached' });
  await page.waitForTimeout(500);
  const noteTexts = (await page.locator('[data-testid=note-text]').evaluateAll((els) => els.map((e) => e.textContent))).map(shown);
  assert.ok(noteTexts.length >= 10, `${noteTexts.length} notes in view`);
  const storedNotes = new Set(stored.notes.map(shown));
  assert.deepEqual(noteTexts.filter((t) => !storedNotes.has(t)), [], 'notes shown other than as typed');
  const clusterTitles = (await page.locator('[data-testid=cluster-title]').evaluateAll((els) => els.map((e) => e.textContent))).map(shown);
  const storedClusters = new Set(stored.clusters.map(shown));
  assert.deepEqual(clusterTitles.filter((t) => !storedClusters.has(t)), [], 'cluster titles shown other than as typed');
  await assertClean(page, problems, 'board');
  // A direction override (the rtl_override payload is among the notes) stays inside its note.
  await assertIsolated(page, '[data-testid=note-text]', 'board notes');
  await assertIsolated(page, '[data-testid=cluster-title]', 'board groups');

  for (const [area, ready, expected] of [
    ['overview', '[data-testid=overview-title]', [fit(payload('img_onerror'), 200), payload('md_html_block')]],
    ['journey', '[data-testid=stage]', stored.stages],
    ['personas', '[data-testid=persona-card]', stored.personas],
    ['room', '[data-testid=room-participant]', stored.participants.filter(Boolean).slice(0, 20)],
  ]) {
    await page.click(`[data-testid=nav-${area}]`);
    await page.locator(ready).first().waitFor();
    await page.waitForTimeout(300);
    assertShows(await assertClean(page, problems, area), expected, area);
    for (const selector of ISOLATED[area]) await assertIsolated(page, selector, area);
  }

  // A persona opened in full: every field and section of a payload-filled persona.
  await page.click('[data-testid=nav-personas]');
  await page.locator('[data-testid=persona-card]').nth(texts.findIndex((p) => p.name === 'svg_onload')).click();
  await page.locator('[data-testid=persona-editor]').waitFor();
  assertShows(await assertClean(page, problems, 'persona editor'), [payload('svg_onload')], 'persona editor');
  await page.keyboard.press('Escape');

  await page.click('[data-testid=nav-voting]');
  await page.locator('[data-testid=voting][data-loaded=true]').waitFor();
  const results = page.locator('[data-testid=show-results]');
  if (await results.count()) await results.first().click();
  await page.locator('[data-testid=result-text]').first().waitFor();
  const voted = (await api('get_board')).notes.slice(0, 3).map((n) => n.text);
  assertShows(await assertClean(page, problems, 'voting'), [payload('csv_dde'), ...voted], 'voting results');
  await assertIsolated(page, '[data-testid=result-text]', 'voting results');
  await page.close();
});

test('the phone page shows payload names, notes, stages and results as text and runs none', async () => {
  const { context, page, problems } = await openPhone(browser);
  page.on('dialog', (dialog) => {
    problems.push(`unexpected dialog: ${dialog.message()}`);
    dialog.dismiss();
  });
  await page.goto(room.joinUrl);
  await page.locator('[data-testid=join-form]').waitFor();
  const name = fit(payload('svg_onload'), 60);
  await page.fill('[data-testid=join-name]', name);
  await page.locator('[data-testid=join-submit]').tap();
  await page.locator('[data-testid=workshop-title]').waitFor();
  await page.locator('[data-testid=tab-notes]').tap();
  await page.fill('[data-testid=note-text]', payload('img_onerror'));
  await page.locator('[data-testid=note-add]').tap();
  await page.locator('[data-testid=my-note]').first().waitFor();
  // The rest of the payloads as this phone's notes, sent with its secret.
  const secret = await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) {
      const value = localStorage.getItem(key);
      if (value?.includes('"secret"')) return JSON.parse(value).secret;
    }
    return null;
  });
  assert.ok(secret, 'the phone keeps its secret');
  for (const [index, { text }] of texts.entries()) {
    const sent = await phoneCall('/p/notes', { client_id: `phone-${index}`, text }, secret);
    assert.equal(sent.status, 200, sent.text);
  }
  await page.reload();
  await page.locator('[data-testid=workshop-title]').waitFor();
  await page.locator('[data-testid=tab-notes]').tap();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=my-note]').length === n, texts.length + 1);
  const expected = texts.map((p) => trimmed(p.text));
  assertShows(await assertClean(page, problems, 'phone notes'), [fit(payload('img_onerror'), 200), ...expected], 'phone notes');
  assert.equal(await page.locator('[data-testid=workshop-title]').textContent(), fit(payload('img_onerror'), 200));
  await assertIsolated(page, '[data-testid=my-note] .note-text', 'phone notes');
  await assertIsolated(page, '[data-testid=workshop-title]', 'phone workshop title');

  await page.locator('[data-testid=tab-feel]').tap().catch(() => {});
  await page.waitForTimeout(300);
  assertShows(await assertClean(page, problems, 'phone rating'), [payload('script_tag')], 'phone rating');
  await page.locator('[data-testid=tab-vote]').tap().catch(() => {});
  await page.locator('[data-testid=results]').waitFor();
  assertShows(await assertClean(page, problems, 'phone results'), [], 'phone results');
  await context.close();
});
