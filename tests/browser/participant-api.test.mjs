// Keeps docs/participant-api.yaml true: calls every path and method it lists on the real
// `fiilis serve --participants`, checks each status is documented and each body matches the
// documented schema, checks our requests against the documented request schemas (valid ones
// pass, the ones the spec rules out fail and are refused), and probes for routes the spec lacks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tempDataDir } from '../support/fiilis.mjs';
import { serveRoom } from '../support/room.mjs';

const require = createRequire(new URL('../../ui/package.json', import.meta.url));
const YAML = require('yaml');
const Ajv2020 = require('ajv/dist/2020').default;

const spec = YAML.parse(readFileSync(new URL('../../docs/participant-api.yaml', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(spec, 'spec.json');

/** `#/a/b` in the spec, followed through any `$ref`. */
function resolve(node) {
  while (node && node.$ref) {
    node = node.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((at, key) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  }
  return node;
}

/** A validator for a schema inside the spec, with its `#/…` references pointing into it. */
const validators = new Map();
function validator(schema) {
  const key = JSON.stringify(schema);
  if (!validators.has(key)) {
    const rewrite = (node) =>
      Array.isArray(node)
        ? node.map(rewrite)
        : node && typeof node === 'object'
          ? Object.fromEntries(
              Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `spec.json${v}` : rewrite(v)]),
            )
          : node;
    validators.set(key, ajv.compile(rewrite(schema)));
  }
  return validators.get(key);
}

let data;
let room;
const checked = new Map(); // "METHOD path" -> Set of statuses seen

before(async () => {
  data = tempDataDir();
  room = await serveRoom(data.dir);
});

after(async () => {
  await room?.stop();
  data?.remove();
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One raw HTTP request to the participant server (node:http, so Host and Origin are ours to
 * set). Paced under the per-device rate limit, and retried once if it still hits it.
 */
async function raw(method, path, { body, secret, headers = {}, pace = true } = {}) {
  if (pace) await sleep(60);
  const url = new URL(room.lan);
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const all = {
    ...(payload !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
    ...(secret ? { authorization: `Bearer ${secret}` } : {}),
    ...headers,
  };
  const answer = await new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, method, path, headers: all },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode, type: (response.headers['content-type'] ?? '').split(';')[0].trim(), text, retryAfter: response.headers['retry-after'] }),
        );
      },
    );
    request.on('error', reject);
    if (payload !== undefined) request.write(payload);
    request.end();
  });
  if (answer.status === 429 && pace) {
    await sleep(3000);
    return raw(method, path, { body, secret, headers, pace });
  }
  return answer;
}

/** The spec's operation for a path and method. */
function operation(method, path) {
  const op = spec.paths[path]?.[method.toLowerCase()];
  assert.ok(op, `${method} ${path} is not in the spec`);
  return op;
}

/** Checks a response against the spec and returns its parsed JSON (or text). */
function conforms(method, path, answer, expected) {
  const where = `${method} ${path} → ${answer.status} ${answer.text.slice(0, 200)}`;
  // A path with parameters is checked against its template (`/sync/{workshop}/…`).
  path = template(path);
  assert.equal(answer.status, expected, where);
  const op = operation(method, path);
  const documented = resolve(op.responses[String(answer.status)]);
  assert.ok(documented, `${where}: status ${answer.status} is not documented`);
  const content = documented.content ?? {};
  assert.ok(content[answer.type], `${where}: content type ${answer.type} is not documented (${Object.keys(content)})`);
  const key = `${method} ${path}`;
  if (!checked.has(key)) checked.set(key, new Set());
  checked.get(key).add(answer.status);
  if (answer.type === 'text/event-stream') return answer.text;
  const value = answer.type === 'application/json' ? JSON.parse(answer.text) : answer.text;
  const validate = validator(content[answer.type].schema ?? {});
  assert.ok(validate(value), `${where}: ${ajv.errorsText(validate.errors)}`);
  return value;
}

/** The spec's path a concrete path is an instance of: itself, or a template it fills. */
function template(path) {
  const bare = path.split('?')[0];
  if (spec.paths[bare]) return bare;
  const found = Object.keys(spec.paths).find((candidate) =>
    new RegExp(`^${candidate.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare),
  );
  return found ?? bare;
}

/** Whether a request body matches the spec's request schema for the operation. */
function requestConforms(method, path, body) {
  path = template(path);
  const schema = resolve(operation(method, path).requestBody)?.content?.['application/json']?.schema;
  assert.ok(schema, `${method} ${path} documents no JSON request body`);
  return validator(schema)(body);
}

/** A call whose request must conform to the spec; its answer must be `status` and conform. */
async function call(method, path, { body, secret, status }) {
  if (body !== undefined && typeof body !== 'string') {
    assert.ok(requestConforms(method, path, body), `${method} ${path}: our request ${JSON.stringify(body)} breaks the spec`);
  }
  return conforms(method, path, await raw(method, path, { body, secret }), status);
}

/** A request the spec does not allow (wrong shape or out of range); the server must refuse it with `status`. */
async function refused(method, path, { body, secret, status, headers }) {
  if (body !== undefined && typeof body !== 'string') {
    assert.ok(!requestConforms(method, path, body), `${method} ${path}: ${JSON.stringify(body)} should break the spec`);
  }
  return conforms(method, path, await raw(method, path, { body, secret, headers }), status);
}

const errorCode = (value) => value.code;

let secret;
let other;
let round;
let noteId;
let stageId;

test('join: with the token, with the code, and every refusal', async () => {
  const joined = await call('POST', '/p/join', { body: { room: room.room, name: 'Ann', role: 'customer' }, status: 200 });
  secret = joined.secret;
  assert.equal(joined.name, 'Ann');
  const anonymous = await call('POST', '/p/join', { body: { room: room.code.toLowerCase() }, status: 200 });
  assert.equal(anonymous.name, null);
  other = anonymous.secret;
  const blank = await call('POST', '/p/join', { body: { room: room.code, name: '   ', role: 'stakeholder' }, status: 200 });
  assert.equal(blank.name, null);

  assert.equal(errorCode(await call('POST', '/p/join', { body: { room: 'NOPE00' }, status: 401 })), 'unauthorized');
  assert.equal(errorCode(await refused('POST', '/p/join', { body: { room: room.code, name: 'x'.repeat(61) }, status: 400 })), 'invalid_input');
  await refused('POST', '/p/join', { body: { room: room.code, role: 'alien' }, status: 422 });
  await refused('POST', '/p/join', { body: { room: room.code, extra: 1 }, status: 422 });
  await refused('POST', '/p/join', { body: {}, status: 422 });
  await refused('POST', '/p/join', { body: '{"room":', headers: { 'content-type': 'application/json' }, status: 400 });
  await refused('POST', '/p/join', { body: JSON.stringify({ room: room.code }), status: 415 });
  await refused('POST', '/p/join', {
    body: JSON.stringify({ room: room.code, name: 'x'.repeat(20_000) }),
    headers: { 'content-type': 'application/json' },
    status: 413,
  });
  // Only the server's own address, from its own pages.
  const foreign = await raw('POST', '/p/join', { body: { room: room.code }, headers: { origin: 'http://evil.example' } });
  assert.equal(errorCode(conforms('POST', '/p/join', foreign, 403)), 'forbidden');
  const rebinding = await raw('POST', '/p/join', { body: { room: room.code }, headers: { host: `fiilis.example:${new URL(room.lan).port}` } });
  assert.equal(errorCode(conforms('POST', '/p/join', rebinding, 403)), 'forbidden');
  const same = await raw('POST', '/p/join', { body: { room: room.code }, headers: { origin: room.lan } });
  conforms('POST', '/p/join', same, 200);
});

test('state: what a phone sees, and only with a secret', async () => {
  const state = await call('GET', '/p/state', { secret, status: 200 });
  assert.equal(state.workshop_title, 'Hotel day');
  assert.equal(state.round, null);
  assert.equal(state.stages.length, 8);
  stageId = state.stages[0][0];
  assert.equal(errorCode(await call('GET', '/p/state', { status: 401 })), 'unauthorized');
  assert.equal(errorCode(await call('GET', '/p/state', { secret: 'f'.repeat(64), status: 401 })), 'unauthorized');
});

test('notes: added once per client id, validated', async () => {
  const body = { client_id: 'note-1', text: 'Breakfast ends too early', colour: 'sky' };
  const note = await call('POST', '/p/notes', { body, secret, status: 200 });
  assert.deepEqual([note.text, note.colour], ['Breakfast ends too early', 'sky']);
  const again = await call('POST', '/p/notes', { body, secret, status: 200 });
  assert.equal(again.id, note.id);
  noteId = note.id;
  const plain = await call('POST', '/p/notes', { body: { client_id: 'note-2', text: 'Towels', colour: null }, secret, status: 200 });
  assert.equal(plain.colour, 'yellow');
  await call('POST', '/p/notes', { body: { client_id: 'note-3', text: 'Queue' }, secret: other, status: 200 });

  assert.equal(errorCode(await call('POST', '/p/notes', { body: { client_id: 'n4', text: '   ' }, secret, status: 400 })), 'invalid_input');
  await refused('POST', '/p/notes', { body: { client_id: 'n5', text: 'x'.repeat(1001) }, secret, status: 400 });
  await refused('POST', '/p/notes', { body: { client_id: '', text: 'x' }, secret, status: 400 });
  await refused('POST', '/p/notes', { body: { client_id: 'c'.repeat(65), text: 'x' }, secret, status: 400 });
  await refused('POST', '/p/notes', { body: { client_id: 'n6', text: 'x', colour: 'mauve' }, secret, status: 400 });
  await refused('POST', '/p/notes', { body: { text: 'no id' }, secret, status: 422 });
  await refused('POST', '/p/notes', { body: { client_id: 'n7', text: 'x', author_id: 'me' }, secret, status: 422 });
  assert.equal(errorCode(await call('POST', '/p/notes', { body: { client_id: 'n8', text: 'x' }, status: 401 })), 'unauthorized');
});

test('votes, retractions and done within a round', async () => {
  const created = await room.api('create_round', { votes_per_participant: 1, max_per_note: 1, duration_seconds: 600 });
  assert.equal(created.status, 200);
  round = (await room.api('list_rounds')).body.at(-1);
  const state = await call('GET', '/p/state', { secret, status: 200 });
  assert.equal(state.round.id, round.id);
  assert.equal(state.round.status, 'open');
  assert.ok(state.round.closes_at);
  assert.equal(state.round.notes.length, 3);

  const vote = { round_id: round.id, note_id: noteId, client_id: 'vote-1' };
  const receipt = await call('POST', '/p/votes', { body: vote, secret, status: 200 });
  assert.deepEqual([receipt.on_note, receipt.votes_left], [1, 0]);
  assert.deepEqual(await call('POST', '/p/votes', { body: vote, secret, status: 200 }), receipt);
  const refusal = await call('POST', '/p/votes', { body: { ...vote, client_id: 'vote-2' }, secret, status: 409 });
  assert.deepEqual(refusal, { code: 'budget_exhausted', message: 'you have used all 1 of your votes' });
  assert.equal(errorCode(await call('POST', '/p/votes', { body: { ...vote, round_id: 'nope', client_id: 'v3' }, secret, status: 404 })), 'not_found');
  await call('POST', '/p/votes', { body: { ...vote, note_id: 'nope', client_id: 'v4' }, secret: other, status: 404 });
  await refused('POST', '/p/votes', { body: { round_id: round.id, note_id: noteId }, secret, status: 422 });
  await call('POST', '/p/votes', { body: vote, status: 401 });

  const mine = (await call('GET', '/p/state', { secret, status: 200 })).round.my_votes;
  assert.deepEqual(mine, [[noteId, 'vote-1']]);

  assert.equal(await call('POST', '/p/votes/retract', { body: { round_id: round.id, client_id: 'vote-1' }, secret, status: 200 }), null);
  assert.equal(await call('POST', '/p/votes/retract', { body: { round_id: round.id, client_id: 'never-cast' }, secret, status: 200 }), null);
  await call('POST', '/p/votes/retract', { body: { round_id: 'nope', client_id: 'x' }, secret, status: 404 });
  await refused('POST', '/p/votes/retract', { body: { round_id: round.id }, secret, status: 422 });
  await call('POST', '/p/votes/retract', { body: { round_id: round.id, client_id: 'x' }, status: 401 });
  await call('POST', '/p/votes', { body: { ...vote, client_id: 'vote-5' }, secret, status: 200 });

  assert.equal(await call('POST', '/p/done', { body: { round_id: round.id }, secret, status: 200 }), null);
  assert.equal(await call('POST', '/p/done', { body: { round_id: round.id }, secret, status: 200 }), null);
  assert.equal((await call('GET', '/p/state', { secret, status: 200 })).round.done, true);
  await call('POST', '/p/done', { body: { round_id: 'nope' }, secret, status: 404 });
  await refused('POST', '/p/done', { body: { round: round.id }, secret, status: 422 });
  await call('POST', '/p/done', { body: { round_id: round.id }, status: 401 });
});

test('after the reveal: results in the state, and no more voting', async () => {
  assert.equal((await room.api('reveal_round', { id: round.id })).status, 200);
  const state = await call('GET', '/p/state', { secret: other, status: 200 });
  assert.equal(state.round.status, 'revealed');
  const facilitator = (await room.api('round_results', { round_id: round.id })).body;
  assert.deepEqual(state.round.results, facilitator);
  const closed = await call('POST', '/p/votes', { body: { round_id: round.id, note_id: noteId, client_id: 'late' }, secret: other, status: 409 });
  assert.deepEqual(closed, { code: 'round_closed', message: 'this voting round is closed' });
  await call('POST', '/p/votes/retract', { body: { round_id: round.id, client_id: 'vote-5' }, secret, status: 409 });
});

test('ratings: on the workshop scale, for a stage and optionally a persona', async () => {
  assert.equal(await call('POST', '/p/ratings', { body: { stage_id: stageId, variant: 'current', score: 1.5 }, secret, status: 200 }), null);
  await call('POST', '/p/ratings', { body: { persona_id: null, stage_id: stageId, variant: 'target', score: 2 }, secret, status: 200 });
  assert.equal((await room.api('create_persona', { name: 'Maija' })).status, 200);
  const personaId = (await call('GET', '/p/state', { secret, status: 200 })).personas[0][0];
  await call('POST', '/p/ratings', { body: { persona_id: personaId, stage_id: stageId, variant: 'current', score: -2 }, secret, status: 200 });
  const bad = await call('POST', '/p/ratings', { body: { stage_id: stageId, variant: 'current', score: 7 }, secret, status: 400 });
  assert.match(bad.message, /scale/);
  await call('POST', '/p/ratings', { body: { stage_id: 'nope', variant: 'current', score: 0 }, secret, status: 404 });
  await call('POST', '/p/ratings', { body: { persona_id: 'nope', stage_id: stageId, variant: 'current', score: 0 }, secret, status: 404 });
  await refused('POST', '/p/ratings', { body: { stage_id: stageId, variant: 'later', score: 0 }, secret, status: 422 });
  await refused('POST', '/p/ratings', { body: { stage_id: stageId, variant: 'current', score: 'good' }, secret, status: 422 });
  await call('POST', '/p/ratings', { body: { stage_id: stageId, variant: 'current', score: 0 }, status: 401 });
  const ratings = (await room.api('get_journey')).body.ratings;
  const mine = ratings.find((r) => r.persona_id === null && r.stage_id === stageId && r.variant === 'current');
  assert.equal(mine.mean, 1.5);
});

test('ratings carry up to two feelings of the vocabulary, with the current experience only', async () => {
  const state = await call('GET', '/p/state', { secret, status: 200 });
  assert.ok(state.feelings.some((f) => f.key === 'relieved' && f.positive));
  const feelings = ['relieved', 'confused'];
  await call('POST', '/p/ratings', { body: { stage_id: stageId, variant: 'current', score: 1, feelings }, secret, status: 200 });
  const mine = (await call('GET', '/p/state', { secret, status: 200 })).my_ratings.find((r) => r.persona_id === null && r.variant === 'current');
  assert.deepEqual(mine.feelings, feelings);
  await call('POST', '/p/ratings', { body: { stage_id: stageId, variant: 'target', score: 1, feelings: ['relieved'] }, secret, status: 400 });
  await call('POST', '/p/ratings', { body: { stage_id: stageId, variant: 'current', score: 1, feelings: ['hangry'] }, secret, status: 400 });
  await refused('POST', '/p/ratings', { body: { stage_id: stageId, variant: 'current', score: 1, feelings: ['relieved', 'confused', 'lost'] }, secret, status: 400 });
});

test('answers: to the open question, replaced until it closes', async () => {
  assert.equal((await call('GET', '/p/state', { secret, status: 200 })).question, null);
  assert.equal((await room.api('ask_question', { kind: 'nps' })).status, 200);
  const question = (await call('GET', '/p/state', { secret, status: 200 })).question;
  assert.equal(question.kind, 'nps');
  assert.equal(await call('POST', '/p/answers', { body: { question_id: question.id, score: 9 }, secret, status: 200 }), null);
  await call('POST', '/p/answers', { body: { question_id: question.id, score: 10 }, secret, status: 200 });
  assert.equal((await call('GET', '/p/state', { secret, status: 200 })).question.my_score, 10);
  await refused('POST', '/p/answers', { body: { question_id: question.id, score: 11 }, secret, status: 400 });
  await refused('POST', '/p/answers', { body: { question_id: question.id, text: '' }, secret, status: 400 });
  await call('POST', '/p/answers', { body: { question_id: question.id, text: 'lovely' }, secret, status: 400 });
  await call('POST', '/p/answers', { body: { question_id: 'nope', score: 1 }, secret, status: 404 });
  await call('POST', '/p/answers', { body: { question_id: question.id, score: 1 }, status: 401 });
  assert.equal((await room.api('close_question', { id: question.id })).status, 200);
  assert.equal(errorCode(await call('POST', '/p/answers', { body: { question_id: question.id, score: 5 }, secret, status: 409 })), 'activity_closed');
  const [result] = (await room.api('list_questions')).body;
  assert.deepEqual([result.n, result.figure.value], [1, 100]);
});

test('leave: the phone is out of the room, and brainstorming can be closed', async () => {
  const joined = await call('POST', '/p/join', { body: { room: room.code, name: 'Leaving' }, status: 200 });
  assert.equal(await call('POST', '/p/leave', { secret: joined.secret, status: 200 }), null);
  assert.equal(errorCode(await call('GET', '/p/state', { secret: joined.secret, status: 401 })), 'unauthorized');
  await call('POST', '/p/leave', { secret: joined.secret, status: 401 });
  await call('POST', '/p/leave', { status: 401 });

  assert.equal((await room.api('update_room', { brainstorm_open: false })).status, 200);
  assert.equal((await call('GET', '/p/state', { secret, status: 200 })).room.brainstorm_open, false);
  const closed = await call('POST', '/p/notes', { body: { client_id: 'while-closed', text: 'late idea' }, secret, status: 409 });
  assert.equal(errorCode(closed), 'activity_closed');
  assert.equal((await room.api('update_room', { brainstorm_open: true })).status, 200);
  const mine = (await call('GET', '/p/state', { secret, status: 200 })).my_notes;
  assert.ok(mine.length > 0 && mine.every((note) => note.text !== 'late idea'));
});

test('photos: a photo note once per client id, checked, with its own size limit', async () => {
  // A 1 × 1 PNG: any real image will do, the laptop scales it anyway.
  const image = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const body = { client_id: 'photo-1', image_base64: image, text: 'Flip chart' };
  const photo = await call('POST', '/p/photos', { body, secret, status: 200 });
  assert.deepEqual([photo.text, photo.section], ['Flip chart', null]);
  assert.equal((await call('POST', '/p/photos', { body, secret, status: 200 })).id, photo.id);
  const unnamed = await call('POST', '/p/photos', { body: { client_id: 'photo-2', image_base64: image, text: null }, secret, status: 200 });
  assert.equal(unnamed.text, 'Photo');
  const stored = (await room.api('get_board')).body.notes.filter((note) => note.image_id);
  assert.equal(stored.length, 2);

  assert.equal(errorCode(await call('POST', '/p/photos', { body: { client_id: 'photo-3', image_base64: 'bm90IGFuIGltYWdl' }, secret, status: 400 })), 'invalid_input');
  await refused('POST', '/p/photos', { body: { client_id: 'photo-4', image_base64: '' }, secret, status: 400 });
  await refused('POST', '/p/photos', { body: { client_id: 'photo-5' }, secret, status: 422 });
  const json = { 'content-type': 'application/json' };
  const huge = { client_id: 'photo-6', image_base64: 'A'.repeat(2_200_000) };
  assert.equal(errorCode(await refused('POST', '/p/photos', { body: JSON.stringify(huge), headers: json, secret, status: 413 })), 'payload_too_large');
  // Every other request keeps its small limit.
  const long = { client_id: 'n9', text: 'x'.repeat(20_000) };
  assert.equal(errorCode(await refused('POST', '/p/notes', { body: JSON.stringify(long), headers: json, secret, status: 413 })), 'payload_too_large');
  assert.equal(errorCode(await call('POST', '/p/photos', { body, status: 401 })), 'unauthorized');
});

test('events: what every phone is shown alike when it changes (or a number: fetch your view)', async () => {
  conforms('GET', '/p/events', await raw('GET', '/p/events'), 401);
  const url = new URL(room.lan);
  const { status, type, first } = await new Promise((resolve, reject) => {
    const request = http.get(
      { host: url.hostname, port: url.port, path: '/p/events', headers: { authorization: `Bearer ${secret}` } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
          const match = text.match(/^data: ?(.*)$/m);
          if (match && /\n\n/.test(text)) {
            request.destroy();
            resolve({ status: response.statusCode, type: response.headers['content-type'], first: match[1] });
          }
        });
        // Once the stream is open, a change every phone shows: a stage is renamed.
        void room.api('get_journey').then(({ body }) => {
          const [stage] = body.stages;
          return room.api('update_stage', { id: stage.id, title: `${stage.title} (live)` });
        });
      },
    );
    request.on('error', reject);
    setTimeout(() => reject(new Error('no event within 10 s')), 10_000).unref();
  });
  const answer = { status, type: type.split(';')[0], text: '' };
  conforms('GET', '/p/events', answer, 200);
  const eventSchema = operation('GET', '/p/events').responses['200'].content['text/event-stream']['x-event-data'];
  const validate = validator(eventSchema);
  // A renamed stage is seen alike by every phone: the event carries what phones share.
  const data = /^[0-9]+$/.test(first) ? first : JSON.parse(first);
  assert.ok(validate(data), `event data ${first}: ${ajv.errorsText(validate.errors)}`);
  assert.ok(
    data.stages?.some(([, title]) => title.endsWith('(live)')),
    `the event carries the renamed stage: ${first.slice(0, 200)}`,
  );
});

test('sync: a paired laptop fetches the workshop, pulls and pushes changes, and only with the secret', async () => {
  const hosting = await room.api('host_laptops');
  assert.equal(hosting.status, 200, JSON.stringify(hosting.body));
  const pairing = hosting.body.url.split('#')[1];
  const base = `/sync/${room.workshopId}`;
  const snapshot = await call('GET', `${base}/snapshot`, { secret: pairing, status: 200 });
  assert.equal(snapshot.workshop_id, room.workshopId);
  await call('GET', `${base}/snapshot`, { status: 401 });
  await call('GET', `${base}/snapshot`, { secret: 'not-the-secret', status: 401 });
  const batch = await call('GET', `${base}/changes?after=0&site=benchlaptop1`, { secret: pairing, status: 200 });
  assert.ok(Array.isArray(batch.entries));
  await call('GET', `${base}/changes?after=0`, { status: 401 });
  const pushed = await call('POST', `${base}/changes`, { body: { entries: [] }, secret: pairing, status: 200 });
  assert.equal(pushed.applied, 0);
  await call('POST', `${base}/changes`, { body: { entries: [] }, status: 401 });
  // Only the workshop this laptop is the hub of answers.
  await call('GET', '/sync/no-such-workshop/snapshot', { secret: pairing, status: 404 });
});

test('every path and method of the spec was called and answered as documented', () => {
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const method of Object.keys(methods)) {
      const seen = checked.get(`${method.toUpperCase()} ${path}`);
      assert.ok(seen?.has(200), `${method.toUpperCase()} ${path} was never answered 200 (${[...(seen ?? [])]})`);
      assert.ok(seen.has(401) || path === '/p/join', `${method.toUpperCase()} ${path} was never refused without a secret`);
    }
  }
});

test('the server has no participant route the spec lacks', async () => {
  const names = [
    'join', 'leave', 'state', 'me', 'profile', 'notes', 'note', 'votes', 'vote', 'votes/retract', 'retract', 'unvote',
    'done', 'ratings', 'rating', 'rate', 'answers', 'answer', 'questions', 'events', 'stream', 'ws', 'socket', 'rounds', 'round', 'results', 'progress',
    'board', 'clusters', 'personas', 'persona', 'stages', 'journey', 'emotions', 'participants', 'participant',
    'undo', 'redo', 'export', 'import', 'images', 'image', 'photo', 'admin', 'health', 'ping', 'version', 'config',
    'notes/delete', 'notes/update', 'votes/paper', 'rounds/open', 'rounds/reveal', 'state/full',
  ];
  const paths = new Set(Object.keys(spec.paths));
  const candidates = [
    ...names.map((name) => `/p/${name}`),
    ...['list_workshops', 'get_board', 'create_round', 'reveal_round', 'cast_vote', 'export_workshop'].map((op) => `/api/${op}`),
    '/events', '/ws', '/api', '/p',
  ];
  // The static-file fallback: a 404 whose body is {code: not_found, message: "not found"}.
  const fallback = (answer) => {
    if (answer.status !== 404) return false;
    try {
      const body = JSON.parse(answer.text);
      return body.code === 'not_found' && body.message === 'not found';
    } catch {
      return false;
    }
  };
  for (const path of candidates) {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      if (path === '/p/events' && method === 'GET') continue; // a stream that never ends; checked above
      if (path === '/p/leave' && method === 'POST') continue; // would take our phone out of the room; checked above
      const answer = await raw(method, path, { body: method === 'GET' ? undefined : {}, secret });
      if (fallback(answer)) continue;
      const where = `${method} ${path} answered ${answer.status} ${answer.text.slice(0, 80)}`;
      if (answer.status === 405) {
        assert.ok(paths.has(path), `${where}: the path exists but is not in the spec`);
        assert.ok(!spec.paths[path][method.toLowerCase()], `${where}: the spec says it is allowed`);
        continue;
      }
      assert.ok(spec.paths[path]?.[method.toLowerCase()], `${where}: not in the spec`);
    }
  }
  // The facilitator API is never reachable from the LAN listener.
  const facilitator = await raw('POST', '/api/list_workshops', { body: {}, headers: { authorization: `Bearer ${room.token}` } });
  assert.ok(fallback(facilitator), `the LAN port answered /api: ${facilitator.status}`);
});

test('a device that floods is slowed down with 429, as documented', async () => {
  let answer;
  for (let i = 0; i < 200; i++) {
    answer = await raw('GET', '/p/state', { secret, pace: false });
    if (answer.status === 429) break;
  }
  assert.equal(errorCode(conforms('GET', '/p/state', answer, 429)), 'rate_limited');
  assert.equal(answer.retryAfter, '1', 'a limited phone is told when to try again');
  await sleep(3500);
  conforms('GET', '/p/state', await raw('GET', '/p/state', { secret }), 200);
});
