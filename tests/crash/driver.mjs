// The crash-safety driver: real `fiilis serve --participants` on one library, facilitator
// edits and phone votes going on, SIGKILL at a random moment, `fiilis check` on what the kill
// left, restart, and a comparison of the library with everything that was acknowledged.
//
// What "acknowledged" means here: a 2xx answer. The driver keeps a model built only from the
// answers it got (each facilitator edit returns the rows it changed), and the undo and redo
// stacks those edits made. At most one facilitator edit and one request per phone are in
// flight when the kill comes; each may or may not have been committed, and the check after the
// restart accepts exactly two outcomes for each: not at all, or all of it.
import { facilitator, createWorkshop, Phone, retryAfterMs, runCheck, seededRandom, sleep, startServer } from '../support/load.mjs';
import { tempDataDir } from '../support/fiilis.mjs';

const PHONES = 4;
const BALLOT_NOTES = 6;
const TRACKED = ['notes', 'clusters', 'stages', 'personas'];
// The server keeps this many undo steps (core's HISTORY_LIMIT); the model drops older ones too.
const HISTORY_LIMIT = 1000;

/** The fields whose survival is checked, per kind of row. */
function view(table, row) {
  switch (table) {
    case 'notes':
      return JSON.stringify([row.text, row.cluster_id ?? null]);
    case 'clusters':
    case 'stages':
      return JSON.stringify([row.title]);
    default:
      return JSON.stringify([row.name]);
  }
}

const keyOf = (table, id) => `${table}:${id}`;
const tableOf = (key) => key.slice(0, key.indexOf(':'));
const idOf = (key) => key.slice(key.indexOf(':') + 1);

/** A stream of random numbers for one purpose in one cycle, so a seed repeats each cycle's choices. */
function streamFor(seed, cycle, purpose) {
  return seededRandom((seed ^ Math.imul(cycle + 1, 0x9e3779b1) ^ Math.imul(purpose + 1, 0x85ebca77)) >>> 0);
}

/** The library as the facilitator API shows it, reduced to the checked fields. */
async function readRows(api) {
  const board = await api.must('get_board');
  const journey = await api.must('get_journey');
  const rows = new Map();
  for (const note of board.notes) rows.set(keyOf('notes', note.id), view('notes', note));
  for (const cluster of board.clusters) rows.set(keyOf('clusters', cluster.id), view('clusters', cluster));
  for (const stage of journey.stages) rows.set(keyOf('stages', stage.id), view('stages', stage));
  for (const persona of journey.personas) rows.set(keyOf('personas', persona.id), view('personas', persona));
  return { rows, undo: board.undo, redo: board.redo };
}

/** Keys whose values differ between two row maps (present in one only, or different). */
function differences(a, b) {
  const keys = [];
  for (const [key, value] of a) if (b.get(key) !== value) keys.push(key);
  for (const key of b.keys()) if (!a.has(key)) keys.push(key);
  return keys;
}

const noteText = (value) => JSON.parse(value)[0];
const noteCluster = (value) => JSON.parse(value)[1];

/**
 * Runs `kills` cycles of activity → SIGKILL → check → restart → compare. Resolves to
 * `{cycles, failures, checkFailures, checkMissing, totals, dataDir}`; it stops at the first
 * cycle with a failure and keeps that library (its path is in `dataDir`) for a look.
 */
export async function runCrashCycles({ kills, seed, log = () => {} }) {
  const data = tempDataDir();
  const workshopId = createWorkshop(data.dir, 'Crash test');
  let server = await startServer({ dataDir: data.dir, workshopId });
  let api = facilitator(server);
  const failures = [];
  const checkFailures = [];
  let checkMissing = false;
  const totals = {
    facilitator_acked: 0,
    votes_acked: 0,
    retracts_acked: 0,
    vote_refusals: 0,
    rate_limited: 0,
    in_flight_at_kill: 0,
    in_flight_committed: 0,
  };

  // ---- the model: rows from acknowledged answers, and the undo/redo stacks they imply ----
  let rows = new Map();
  const undoStack = [];
  const redoStack = [];
  /** Votes by "round participant client_id": {round, participant, note, state}. */
  const votes = new Map();
  const rounds = new Map(); // id → {budget, cap}

  const pushStep = (step) => {
    undoStack.push(step);
    if (undoStack.length > HISTORY_LIMIT) undoStack.shift();
    redoStack.length = 0;
  };

  /** Applies an acknowledged Change to the model; the touched keys with their before and after. */
  const applyChange = (change) => {
    const entries = new Map();
    for (const table of TRACKED) {
      for (const row of change.upserted?.[table] ?? []) {
        const key = keyOf(table, row.id);
        entries.set(key, { before: rows.get(key) ?? null, after: view(table, row) });
      }
      for (const id of change.deleted?.[table] ?? []) {
        const key = keyOf(table, id);
        entries.set(key, { before: rows.get(key) ?? null, after: null });
      }
    }
    for (const [key, { after }] of entries) {
      if (after === null) rows.delete(key);
      else rows.set(key, after);
    }
    return entries;
  };

  /** Restores one side of a step on a copy of the rows. */
  const withSide = (base, step, side) => {
    const next = new Map(base);
    for (const [key, entry] of step.entries) {
      if (entry[side] === null) next.delete(key);
      else next.set(key, entry[side]);
    }
    return next;
  };

  // ---- setup, all acknowledged before the first kill ----
  const ballot = await api.must('create_notes', {
    notes: Array.from({ length: BALLOT_NOTES }, (_, i) => ({ text: `Ballot ${i + 1}`, x: i * 200, y: -400 })),
  });
  // The phones' notes are never edited, and the step that made them is never undone.
  undoStack.push({ op: 'create_notes', protected: true, entries: applyChange(ballot) });
  const ballotIds = ballot.upserted.notes.map((note) => note.id);
  const ballotKeys = new Set(ballotIds.map((id) => keyOf('notes', id)));
  const start = await readRows(api);
  for (const [key, value] of start.rows) rows.set(key, value);
  const phones = Array.from({ length: PHONES }, (_, i) => new Phone(`Phone ${i + 1}`));
  for (const phone of phones) await phone.join(server);

  let openRound = null;
  let counter = 0;
  const fail = (cycle, message) => failures.push(`cycle ${cycle}: ${message}`);

  /** One facilitator edit chosen at random from what the model allows; null when none fits. */
  const chooseEdit = (random, cycle) => {
    const free = [...rows.keys()].filter((key) => tableOf(key) === 'notes' && !ballotKeys.has(key)).map(idOf);
    const clusters = [...rows.keys()].filter((key) => tableOf(key) === 'clusters').map(idOf);
    const stages = [...rows.keys()].filter((key) => tableOf(key) === 'stages').map(idOf);
    const personas = [...rows.keys()].filter((key) => tableOf(key) === 'personas').map(idOf);
    const crowded = free.length > 80;
    const choices = [
      [crowded ? 4 : 20, () => {
        const texts = Array.from({ length: random.between(1, 3) }, () => `Note ${cycle}.${++counter}`);
        return { op: 'create_notes', input: { notes: texts.map((text, i) => ({ text, x: random.int(4000), y: i * 130 })) }, texts };
      }],
      [free.length ? 20 : 0, () => {
        const id = random.pick(free);
        const text = `Edited ${cycle}.${++counter}`;
        return { op: 'update_notes', input: { notes: [{ id, text }] }, id, text };
      }],
      [free.length ? (crowded ? 25 : 8) : 0, () => {
        const ids = [...new Set([random.pick(free), random.pick(free)])];
        return { op: 'delete_notes', input: { ids }, ids };
      }],
      [free.length >= 2 ? 10 : 0, () => {
        const ids = [...new Set([random.pick(free), random.pick(free), random.pick(free)])];
        const title = `Theme ${cycle}.${++counter}`;
        return { op: 'group_notes', input: { title, note_ids: ids }, ids, title };
      }],
      [clusters.length ? 6 : 0, () => {
        const id = random.pick(clusters);
        return { op: 'ungroup', input: { id }, id };
      }],
      [undoStack.length && !undoStack.at(-1).protected ? 12 : 0, () => ({ op: 'undo', input: {} })],
      [redoStack.length ? 8 : 0, () => ({ op: 'redo', input: {} })],
      [stages.length < 20 ? 5 : 0, () => {
        const title = `Stage ${cycle}.${++counter}`;
        return { op: 'create_stage', input: { title }, title };
      }],
      [personas.length < 20 ? 5 : 0, () => {
        const name = `Persona ${cycle}.${++counter}`;
        return { op: 'create_persona', input: { name }, name };
      }],
      [stages.length > 3 ? 3 : 0, () => {
        const id = random.pick(stages);
        return { op: 'delete_stage', input: { id }, id };
      }],
      [personas.length > 1 ? 3 : 0, () => {
        const id = random.pick(personas);
        return { op: 'delete_persona', input: { id }, id };
      }],
    ];
    const total = choices.reduce((sum, [weight]) => sum + weight, 0);
    let draw = random.next() * total;
    for (const [weight, make] of choices) {
      if ((draw -= weight) < 0) return make();
    }
    return null;
  };

  /** The rows an edit would leave if it was committed; null when its outcome cannot be told. */
  const committed = (edit, actual) => {
    const next = new Map(rows);
    const extras = [...actual.keys()].filter((key) => !rows.has(key));
    switch (edit.op) {
      case 'create_notes': {
        const made = extras.filter((key) => tableOf(key) === 'notes');
        for (const key of made) next.set(key, actual.get(key));
        const texts = made.map((key) => noteText(actual.get(key))).sort();
        return JSON.stringify(texts) === JSON.stringify([...edit.texts].sort()) ? next : null;
      }
      case 'update_notes': {
        const key = keyOf('notes', edit.id);
        next.set(key, JSON.stringify([edit.text, noteCluster(rows.get(key))]));
        return next;
      }
      case 'delete_notes': {
        for (const id of edit.ids) next.delete(keyOf('notes', id));
        dropEmptyClusters(next, edit.ids.map((id) => noteCluster(rows.get(keyOf('notes', id)))));
        return next;
      }
      case 'group_notes': {
        const made = extras.filter((key) => tableOf(key) === 'clusters');
        if (made.length !== 1 || actual.get(made[0]) !== JSON.stringify([edit.title])) return null;
        const cluster = idOf(made[0]);
        next.set(made[0], actual.get(made[0]));
        const before = edit.ids.map((id) => noteCluster(rows.get(keyOf('notes', id))));
        for (const id of edit.ids) next.set(keyOf('notes', id), JSON.stringify([noteText(rows.get(keyOf('notes', id))), cluster]));
        dropEmptyClusters(next, before);
        return next;
      }
      case 'ungroup': {
        next.delete(keyOf('clusters', edit.id));
        for (const [key, value] of rows) {
          if (tableOf(key) === 'notes' && noteCluster(value) === edit.id) next.set(key, JSON.stringify([noteText(value), null]));
        }
        return next;
      }
      case 'undo':
        return withSide(rows, undoStack.at(-1), 'before');
      case 'redo':
        return withSide(rows, redoStack.at(-1), 'after');
      case 'create_stage':
      case 'create_persona': {
        const table = edit.op === 'create_stage' ? 'stages' : 'personas';
        const made = extras.filter((key) => tableOf(key) === table);
        if (made.length !== 1 || actual.get(made[0]) !== JSON.stringify([edit.title ?? edit.name])) return null;
        next.set(made[0], actual.get(made[0]));
        return next;
      }
      case 'delete_stage':
        next.delete(keyOf('stages', edit.id));
        return next;
      case 'delete_persona':
        next.delete(keyOf('personas', edit.id));
        return next;
      default:
        return null;
    }
  };

  /** Removes, from `next`, those of `clusterIds` that no note of `next` belongs to any more. */
  function dropEmptyClusters(next, clusterIds) {
    for (const cluster of new Set(clusterIds.filter(Boolean))) {
      const used = [...next].some(([key, value]) => tableOf(key) === 'notes' && noteCluster(value) === cluster);
      if (!used) next.delete(keyOf('clusters', cluster));
    }
  }

  /** Records an acknowledged edit's Change in the model and the stacks, checking undo and redo. */
  const acknowledged = (cycle, edit, change) => {
    totals.facilitator_acked++;
    if (edit.op === 'undo' || edit.op === 'redo') {
      const from = edit.op === 'undo' ? undoStack : redoStack;
      const to = edit.op === 'undo' ? redoStack : undoStack;
      const step = from.pop();
      const side = edit.op === 'undo' ? 'before' : 'after';
      const expected = withSide(rows, step, side);
      applyChange(change);
      const wrong = differences(expected, rows);
      if (wrong.length) fail(cycle, `${edit.op} of ${step.op} did not restore ${wrong.slice(0, 3).join(', ')}`);
      to.push(step);
    } else {
      pushStep({ op: edit.op, entries: applyChange(change) });
    }
  };

  /** The facilitator: one edit at a time until the server goes away. */
  const facilitatorLoop = async (cycle, random, state) => {
    for (;;) {
      const edit = chooseEdit(random, cycle);
      if (!edit) return;
      let answer;
      state.inFlight = edit;
      try {
        answer = await api.call(edit.op, { workshop_id: workshopId, ...edit.input });
      } catch (error) {
        // Killed. A refused connection never reached the server; anything else is judged after the restart.
        if (error.code === 'ECONNREFUSED') state.inFlight = null;
        return;
      }
      state.inFlight = null;
      if (answer.status >= 200 && answer.status < 300) acknowledged(cycle, edit, answer.body);
      else {
        fail(cycle, `${edit.op} ${JSON.stringify(edit.input)} refused: ${answer.status} ${JSON.stringify(answer.body)}`);
        return;
      }
      await sleep(random.int(4));
    }
  };

  /** A phone: votes on ballot notes, and now and then takes one back, until the server goes away. */
  const phoneLoop = async (cycle, phone, index, random, round, state) => {
    for (;;) {
      const mine = [...votes.values()].filter((v) => v.round === round && v.participant === phone.participantId && v.state === 'present');
      const retract = mine.length > 0 && random.chance(0.3) ? random.pick(mine) : null;
      const vote = retract ?? {
        round,
        participant: phone.participantId,
        client: `c${cycle}-p${index}-${++counter}`,
        note: random.pick(ballotIds),
        state: 'absent',
      };
      const key = `${vote.round} ${vote.participant} ${vote.client}`;
      const path = retract ? '/p/votes/retract' : '/p/votes';
      const body = retract ? { round_id: round, client_id: vote.client } : { round_id: round, note_id: vote.note, client_id: vote.client };
      if (!retract) votes.set(key, vote);
      const was = vote.state;
      vote.state = retract ? 'maybe-absent' : 'maybe-present';
      let answer;
      try {
        answer = await phone.call(server.lan, 'POST', path, body);
      } catch (error) {
        // Refused connections never reached the server; anything else may have.
        if (error.code === 'ECONNREFUSED') vote.state = was;
        else state.phonesInFlight++;
        return;
      }
      if (answer.status === 200) {
        vote.state = retract ? 'absent' : 'present';
        if (retract) totals.retracts_acked++;
        else totals.votes_acked++;
        if (!retract && (answer.body.votes_left < 0 || answer.body.on_note > rounds.get(round).cap)) {
          fail(cycle, `vote receipt past the limits: ${JSON.stringify(answer.body)}`);
        }
      } else {
        vote.state = was;
        if (answer.status === 429) {
          totals.rate_limited++;
          await sleep(retryAfterMs(answer.headers) ?? 1000);
        } else if (answer.status === 400 || answer.status === 409) {
          totals.vote_refusals++;
        } else {
          fail(cycle, `${path} answered ${answer.status} ${JSON.stringify(answer.body)}`);
          return;
        }
      }
      await sleep(random.int(15));
    }
  };

  /** Compares the restarted library with the model; resolves the in-flight edit and votes. */
  const verify = async (cycle, inFlight) => {
    const actual = await readRows(api);
    const diff = differences(rows, actual.rows);
    if (diff.length) {
      const candidate = inFlight ? committed(inFlight, actual.rows) : null;
      const wrong = candidate ? differences(candidate, actual.rows) : diff;
      if (wrong.length) {
        const show = wrong
          .slice(0, 4)
          .map((key) => `${key}: expected ${rows.get(key) ?? 'absent'}, found ${actual.rows.get(key) ?? 'absent'}`)
          .join('; ');
        fail(cycle, `after the restart (${inFlight ? `${inFlight.op} was in flight` : 'nothing in flight'}): ${show}`);
        return;
      }
      totals.in_flight_committed++;
      if (inFlight.op === 'undo') redoStack.push(undoStack.pop());
      else if (inFlight.op === 'redo') undoStack.push(redoStack.pop());
      else {
        const entries = new Map(diff.map((key) => [key, { before: rows.get(key) ?? null, after: actual.rows.get(key) ?? null }]));
        pushStep({ op: inFlight.op, entries });
      }
      rows = actual.rows;
    }
    const top = (stack) => stack.at(-1)?.op ?? null;
    if (actual.undo !== top(undoStack) || actual.redo !== top(redoStack)) {
      fail(cycle, `undo history: the server would undo ${actual.undo} and redo ${actual.redo}, the acknowledged edits say ${top(undoStack)} and ${top(redoStack)}`);
    }

    const file = await api.must('export_workshop');
    const stored = new Map();
    for (const vote of file.votes) {
      const key = `${vote.round_id} ${vote.participant_id} ${vote.client_id}`;
      if (stored.has(key)) fail(cycle, `vote ${key} stored twice`);
      stored.set(key, vote);
    }
    for (const [key, vote] of votes) {
      const found = stored.get(key);
      if (vote.state === 'present' && !found) fail(cycle, `acknowledged vote ${key} is gone`);
      if (vote.state === 'present' && found && found.note_id !== vote.note) fail(cycle, `vote ${key} moved to note ${found.note_id}`);
      if (vote.state === 'absent' && found) fail(cycle, `vote ${key} is stored although it was refused or its retraction acknowledged`);
      if (vote.state === 'maybe-present' || vote.state === 'maybe-absent') vote.state = found ? 'present' : 'absent';
    }
    const used = new Map();
    for (const [key, vote] of stored) {
      if (!votes.has(key)) fail(cycle, `vote ${key} is stored but was never sent`);
      const limits = rounds.get(vote.round_id);
      if (!limits) continue;
      for (const [scope, limit] of [[`${vote.round_id} ${vote.participant_id}`, limits.budget], [`${vote.round_id} ${vote.participant_id} ${vote.note_id}`, limits.cap]]) {
        used.set(scope, (used.get(scope) ?? 0) + vote.weight);
        if (used.get(scope) > limit) fail(cycle, `over the limit of ${limit}: ${scope}`);
      }
    }
  };

  let cycle = 0;
  try {
    for (cycle = 1; cycle <= kills && failures.length === 0; cycle++) {
      // A new round each cycle, so the phones have votes to cast.
      if (openRound) await api.must('close_round', { id: openRound });
      const setup = streamFor(seed, cycle, 0);
      const limits = { budget: setup.between(2, 4), cap: setup.between(1, 2) };
      await api.must('create_round', { votes_per_participant: limits.budget, max_per_note: limits.cap });
      openRound = (await api.must('list_rounds')).at(-1).id;
      rounds.set(openRound, limits);

      const state = { inFlight: null, phonesInFlight: 0 };
      const delay = setup.between(20, 400);
      const loops = [
        facilitatorLoop(cycle, streamFor(seed, cycle, 1), state),
        ...phones.map((phone, index) => phoneLoop(cycle, phone, index, streamFor(seed, cycle, 2 + index), openRound, state)),
      ];
      await sleep(delay);
      await server.kill();
      await Promise.all(loops);
      totals.in_flight_at_kill += (state.inFlight ? 1 : 0) + state.phonesInFlight;

      if (!checkMissing) {
        const checked = await runCheck(data.dir);
        if (checked.missing) {
          checkMissing = true;
          log('`fiilis check` is missing: the kills go on without it, and the run fails at the end');
        } else if (checked.status !== 0) {
          checkFailures.push(`cycle ${cycle}: exit ${checked.status}: ${(checked.stdout || checked.stderr).slice(0, 2000)}`);
        }
      }

      server = await startServer({ dataDir: data.dir, workshopId, port: server.port, lanPort: server.lanPort });
      api.close();
      api = facilitator(server);
      await verify(cycle, state.inFlight);
      const secrets = await Promise.all(phones.map((phone) => phone.call(server.lan, 'GET', '/p/state')));
      const lost = secrets.filter((answer) => answer.status === 401).length;
      if (lost) fail(cycle, `${lost} phones were turned away (401) after the restart`);
      if (cycle % 10 === 0) log(`${cycle}/${kills} kills`);
    }
    return { cycles: cycle - 1, failures, checkFailures, checkMissing, totals, dataDir: data.dir };
  } finally {
    api.close();
    for (const phone of phones) phone.close();
    await server.stop();
    if (failures.length === 0 && checkFailures.length === 0) data.remove();
  }
}
