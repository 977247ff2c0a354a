#!/usr/bin/env node
// Phone voting under load (not a test, but its checks must hold): `make bench`, or alone
// `FIILIS_BIN=… node tests/bench/voting.mjs`.
//
// Starts the real `fiilis serve --participants` on a temporary library with a workshop of 60
// notes and an open round (5 votes each, at most 3 on a note), keeps the facilitator's live
// event stream open, lets N simulated phones join (from one address they meet the rate limit;
// Retry-After is honoured, and join time is reported apart from voting), then has
// every phone try to cast twice its budget on random notes (half of them on its three
// favourites, so that the per-note cap is met as well), one request in flight per phone.
// Runs for 200 and 1,000 phones, all from one address and then each from its own (loopback
// 127.2.x.y, as phones on the room's Wi-Fi), then 200 phones from one address once more with a
// SIGKILL of the server at a random moment of the voting: it is restarted on the same library
// and ports, and every phone resends what was not acknowledged with the same client ids.
//
// Checks, through the facilitator API: every phone used exactly its budget; no phone put more
// than the cap on a note; the votes stored are exactly the acknowledged ones (none lost, none
// counted twice); the revealed totals add up to them. Latency aims are reported, not asserted.
// Writes target/bench/voting.json and the "Voting under load" section of docs/benchmarks.md;
// exits non-zero when a check fails. VOTING_PHONES=200,1000 and VOTING_SEED override defaults.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fiilisBin, tempDataDir } from '../support/fiilis.mjs';
import { recordResults } from './results.mjs';
import {
  Phone,
  createWorkshop,
  facilitator,
  facilitatorEvents,
  retryAfterMs,
  seedFrom,
  seededRandom,
  sleep,
  startServer,
  summary,
} from '../support/load.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NOTES = 60;
const BUDGET = 5;
const CAP = 3;
const ATTEMPTS = 2 * BUDGET;
const SIZES = (process.env.VOTING_PHONES ?? '200,1000').split(',').map(Number);
const KILL_PHONES = SIZES[0];
const AIM_P99_MS = { 200: 50, 1000: 250 };
const SEED = seedFrom('VOTING_SEED');

/** Server CPU seconds so far (user + system), from /proc. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Why the server refused a vote: the budget, the per-note cap, or something unexpected. */
function refusalKind(body) {
  const code = body?.code ?? '';
  const message = body?.message ?? '';
  if (code === 'budget_exhausted' || /used all \d+ of your votes/.test(message)) return 'budget';
  if (code === 'note_cap_reached' || /at most \d+ of your votes/.test(message)) return 'cap';
  return `other: ${code} ${message}`;
}

/**
 * One run: a fresh library, `size` phones, optionally a SIGKILL when the acknowledged votes
 * reach a random share of all there will be. Resolves to the figures and the checks.
 */
async function scenario(size, { kill, seed, ownAddresses }) {
  const random = seededRandom(seed);
  const data = tempDataDir();
  const workshopId = createWorkshop(data.dir, 'Voting bench');
  let server = await startServer({ dataDir: data.dir, workshopId });
  let api = facilitator(server);
  const checks = [];
  const check = (name, ok, detail = '') => checks.push({ name, ok: Boolean(ok), detail });
  const phones = Array.from(
    { length: size },
    (_, i) => new Phone(`Phone ${i + 1}`, ownAddresses ? { localAddress: `127.2.${Math.floor(i / 200)}.${(i % 200) + 1}` } : {}),
  );
  let events = null;
  const eventCounts = { events: 0, resyncs: 0, reconnects: 0 };
  try {
    const created = await api.must('create_notes', {
      notes: Array.from({ length: NOTES }, (_, i) => ({
        text: `Idea ${i + 1}: breakfast ends too early`,
        x: (i % 10) * 200,
        y: Math.floor(i / 10) * 140,
      })),
    });
    const noteIds = created.upserted.notes.map((note) => note.id);
    await api.must('create_round', { votes_per_participant: BUDGET, max_per_note: CAP });
    const round = (await api.must('list_rounds')).at(-1);

    const watch = async () => {
      events = facilitatorEvents(server);
      await events.opened;
    };
    await watch();

    // ---- joining: one loopback address for every phone, so the per-device limit applies ----
    let joinLimited = 0;
    let joinWithoutRetryAfter = 0;
    const joinMs = [];
    const joinStarted = performance.now();
    await Promise.all(
      phones.map(async (phone) => {
        const started = performance.now();
        const { limited, withoutRetryAfter } = await phone.join(server);
        joinMs.push(performance.now() - started);
        joinLimited += limited;
        joinWithoutRetryAfter += withoutRetryAfter;
      }),
    );
    const joinWallMs = performance.now() - joinStarted;

    // ---- voting: every phone tries twice its budget, one request in flight each ----
    const acked = new Map(); // "participant client_id" → note id
    const ackMs = [];
    const ackWithWaitsMs = [];
    const refusals = { budget: 0, cap: 0, other: [] };
    const kills = { planned_at_acks: null, in_flight: 0, at_ms: null, down_ms: null, resent: 0, resent_then_acked: 0 };
    let voteLimited = 0;
    let voteWithoutRetryAfter = 0;
    let networkErrors = 0;
    let unauthorized = 0;
    let inFlight = 0;
    let restarting = null;
    const killAt = kill ? Math.floor(size * BUDGET * (0.1 + 0.8 * random.next())) : Infinity;
    kills.planned_at_acks = kill ? killAt : null;
    const loadBefore = loadavg()[0];
    const votingStarted = performance.now();
    const cpuBefore = { server: cpuSeconds(server.pid), client: process.cpuUsage() };

    const killAndRestart = async () => {
      kills.in_flight = inFlight;
      kills.at_ms = Math.round(performance.now() - votingStarted);
      const downAt = performance.now();
      await server.kill();
      await sleep(random.between(0, 300));
      server = await startServer({ dataDir: data.dir, workshopId, port: server.port, lanPort: server.lanPort });
      api.close();
      api = facilitator(server);
      kills.down_ms = Math.round(performance.now() - downAt);
      eventCounts.events += events.counts.events;
      eventCounts.resyncs += events.counts.resyncs;
      eventCounts.reconnects++;
      await watch();
    };

    await Promise.all(
      phones.map(async (phone, index) => {
        // Half the picks go to the phone's three favourites, so the per-note cap is met too.
        const favourites = [0, 1, 2].map(() => noteIds[random.int(NOTES)]);
        const plan = Array.from({ length: ATTEMPTS }, () => (random.chance(0.5) ? random.pick(favourites) : noteIds[random.int(NOTES)]));
        for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
          const vote = { round_id: round.id, note_id: plan[attempt], client_id: `p${index}-v${attempt}` };
          const firstTry = performance.now();
          let failedBefore = false;
          for (;;) {
            if (restarting) await restarting;
            let answer;
            inFlight++;
            try {
              answer = await phone.call(server.lan, 'POST', '/p/votes', vote);
            } catch {
              // No answer: the server is gone. Send the same vote again once it is back.
              networkErrors++;
              failedBefore = true;
              await sleep(50 + Math.random() * 100);
              continue;
            } finally {
              inFlight--;
            }
            if (failedBefore) kills.resent++;
            if (answer.status === 429) {
              voteLimited++;
              const wait = retryAfterMs(answer.headers);
              if (wait === null) voteWithoutRetryAfter++;
              await sleep((wait ?? 1000) * (1 + Math.random() / 4));
              continue;
            }
            if (answer.status === 200) {
              if (failedBefore) kills.resent_then_acked++;
              const key = `${phone.participantId} ${vote.client_id}`;
              if (acked.has(key)) throw new Error(`vote ${key} acknowledged twice`);
              acked.set(key, vote.note_id);
              ackMs.push(answer.ms);
              ackWithWaitsMs.push(performance.now() - firstTry);
              if (acked.size === killAt && !restarting) {
                restarting = killAndRestart().finally(() => {
                  restarting = null;
                });
              }
            } else if (answer.status === 401) {
              unauthorized++;
            } else {
              const kind = refusalKind(answer.body);
              if (kind === 'budget' || kind === 'cap') refusals[kind]++;
              else refusals.other.push(`${answer.status} ${kind}`);
            }
            break;
          }
        }
      }),
    );
    if (restarting) await restarting;
    const votingMs = performance.now() - votingStarted;
    const clientCpu = process.cpuUsage(cpuBefore.client);
    const serverCpu = kill ? null : cpuSeconds(server.pid) - cpuBefore.server;
    eventCounts.events += events.counts.events;
    eventCounts.resyncs += events.counts.resyncs;

    // ---- checks, through the facilitator API ----
    const streamOpen = await Promise.race([events.closed.then(() => false), sleep(200).then(() => true)]);
    check('the facilitator event stream stayed open', streamOpen);
    check('no phone lost its secret (no 401)', unauthorized === 0, `${unauthorized} votes answered 401`);
    check('no refusal other than budget and cap', refusals.other.length === 0, refusals.other.slice(0, 5).join('; '));

    const progress = await api.must('round_progress', { round_id: round.id });
    const byParticipant = new Map(progress.participants.map((p) => [p.participant_id, p]));
    const ackedBy = new Map();
    for (const key of acked.keys()) {
      const participant = key.split(' ')[0];
      ackedBy.set(participant, (ackedBy.get(participant) ?? 0) + 1);
    }
    const wrongBudget = phones.filter((p) => byParticipant.get(p.participantId)?.votes_used !== BUDGET);
    check(
      `every phone used exactly its budget (votes_used == ${BUDGET})`,
      wrongBudget.length === 0,
      wrongBudget
        .slice(0, 5)
        .map((p) => `${p.name}: ${byParticipant.get(p.participantId)?.votes_used}`)
        .join(', '),
    );
    const ackMismatch = phones.filter((p) => (ackedBy.get(p.participantId) ?? 0) !== byParticipant.get(p.participantId)?.votes_used);
    check('votes_used equals each phone’s acknowledged votes', ackMismatch.length === 0, `${ackMismatch.length} phones differ`);

    const file = await api.must('export_workshop');
    const stored = file.votes.filter((v) => v.round_id === round.id);
    const seen = new Map();
    const perNote = new Map();
    for (const vote of stored) {
      const key = `${vote.participant_id} ${vote.client_id}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      const noteKey = `${vote.participant_id} ${vote.note_id}`;
      perNote.set(noteKey, (perNote.get(noteKey) ?? 0) + vote.weight);
    }
    const lost = [...acked.keys()].filter((key) => !seen.has(key));
    const doubled = [...seen].filter(([, n]) => n > 1).map(([key]) => key);
    const unacked = [...seen.keys()].filter((key) => !acked.has(key));
    const movedNote = stored.filter((v) => acked.has(`${v.participant_id} ${v.client_id}`) && acked.get(`${v.participant_id} ${v.client_id}`) !== v.note_id);
    check('no acknowledged vote lost', lost.length === 0, lost.slice(0, 5).join(', '));
    check('no vote stored twice', doubled.length === 0, doubled.slice(0, 5).join(', '));
    check('no vote stored that was not acknowledged', unacked.length === 0, unacked.slice(0, 5).join(', '));
    check('every stored vote is on the note it was cast for', movedNote.length === 0, `${movedNote.length} differ`);
    const overCap = [...perNote].filter(([, n]) => n > CAP);
    check(`no phone put more than ${CAP} votes on a note`, overCap.length === 0, overCap.slice(0, 5).map(([k, n]) => `${k}: ${n}`).join(', '));

    await api.must('close_round', { id: round.id });
    await api.must('reveal_round', { id: round.id });
    const results = await api.must('round_results', { round_id: round.id });
    const total = results.reduce((sum, r) => sum + r.votes, 0);
    check('revealed total equals the acknowledged votes', total === acked.size, `results ${total}, acknowledged ${acked.size}`);
    const ackedPerNote = new Map();
    for (const note of acked.values()) ackedPerNote.set(note, (ackedPerNote.get(note) ?? 0) + 1);
    const noteDiffers = results.filter((r) => ackedPerNote.get(r.note_id) !== r.votes);
    check('each note’s revealed total equals its acknowledged votes', noteDiffers.length === 0 && results.length === ackedPerNote.size, `${noteDiffers.length} notes differ`);

    const figures = {
      phones: size,
      addresses: ownAddresses ? 'one per phone' : 'one for all',
      notes: NOTES,
      budget: BUDGET,
      cap: CAP,
      attempts_per_phone: ATTEMPTS,
      join: {
        wall_ms: Math.round(joinWallMs),
        per_phone_ms: summary(joinMs),
        rate_limited_429: joinLimited,
        rate_limited_without_retry_after: joinWithoutRetryAfter,
      },
      voting: {
        wall_ms: Math.round(votingMs),
        acknowledged: acked.size,
        refused_budget: refusals.budget,
        refused_cap: refusals.cap,
        refused_other: refusals.other.length,
        votes_per_s: Math.round((acked.size / votingMs) * 1000),
        answers_per_s: Math.round(((acked.size + refusals.budget + refusals.cap) / votingMs) * 1000),
        ack_latency_ms: summary(ackMs),
        ack_latency_with_429_waits_ms: summary(ackWithWaitsMs),
        rate_limited_429: voteLimited,
        rate_limited_without_retry_after: voteWithoutRetryAfter,
        network_errors: networkErrors,
        server_cpu_s: serverCpu === null ? null : Math.round(serverCpu * 100) / 100,
        client_cpu_s: Math.round(((clientCpu.user + clientCpu.system) / 1e6) * 100) / 100,
      },
      facilitator_events: eventCounts,
      // The machine may be shared: its load average (1 min) before and after voting.
      load_average: [Math.round(loadBefore * 100) / 100, Math.round(loadavg()[0] * 100) / 100],
      ...(kill ? { sigkill: kills } : {}),
    };
    return { figures, checks };
  } finally {
    events?.close();
    for (const phone of phones) phone.close();
    api.close();
    await server.stop();
    data.remove();
  }
}

const ms = (value) => (value == null ? 'n/a' : `${value.toFixed(1)} ms`);

/** The "Voting under load" section of docs/benchmarks.md, rewritten in place (report.mjs writes the rest). */
function writeDocs(result) {
  const path = join(ROOT, 'docs', 'benchmarks.md');
  const lines = [
    `## Voting under load (${NOTES} notes, ${BUDGET} votes a phone, at most ${CAP} on a note)`,
    '',
    'Real `fiilis serve --participants` (release build) and simulated phones on the same machine,',
    'the facilitator\u2019s live event stream open throughout. Each phone tries',
    `${ATTEMPTS} votes on random notes (twice its budget), one request in flight per phone; latency is`,
    'from the request\u2019s start to its 2xx answer, for acknowledged votes. Phones come either all',
    'from one loopback address (as behind a NAT: joins and votes meet the per-address rate limits)',
    'or each from its own (as on the room\u2019s Wi-Fi). A 429 is waited out as its Retry-After asks,',
    'or 1 s without one (plus up to a quarter, at random). Joining is timed apart from voting.',
    'Phones do not pause between votes, so the server is saturated and the latency is mostly',
    'queueing: about phones \u00f7 answers per second.',
    '',
    '| phones | addresses | all joined after | 429s at join | votes acknowledged / refused | 429s while voting | votes/s (answers/s) | ack p50 | ack p99 | aim (p99) | load average |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const run of result.runs) {
    const f = run.figures;
    const v = f.voting;
    lines.push(
      `| ${f.phones}${f.sigkill ? ' (SIGKILL)' : ''} | ${f.addresses} | ${(f.join.wall_ms / 1000).toFixed(1)} s | ${f.join.rate_limited_429} | ` +
        `${v.acknowledged} / ${v.refused_budget + v.refused_cap + v.refused_other} | ${v.rate_limited_429} | ${v.votes_per_s} (${v.answers_per_s}) | ` +
        `${ms(v.ack_latency_ms.p50)} | ${ms(v.ack_latency_ms.p99)} | ${f.sigkill ? 'exact counts' : `< ${AIM_P99_MS[f.phones] ?? '?'} ms`} | ` +
        `${f.load_average.join(' → ')} |`,
    );
  }
  const killed = result.runs.find((run) => run.figures.sigkill)?.figures;
  lines.push('');
  if (killed) {
    const k = killed.sigkill;
    lines.push(
      `SIGKILL run: the server was killed after ${k.planned_at_acks} acknowledged votes (${k.at_ms} ms into voting, ` +
        `${k.in_flight} votes in flight), restarted on the same library and ports ${k.down_ms} ms later; ` +
        `${k.resent} votes were resent with their client ids (${k.resent_then_acked} then acknowledged).`,
      '',
    );
  }
  const withoutRetryAfter = result.runs.reduce(
    (sum, run) => sum + run.figures.join.rate_limited_without_retry_after + run.figures.voting.rate_limited_without_retry_after,
    0,
  );
  if (withoutRetryAfter > 0) lines.push(`${withoutRetryAfter} of the 429s came without a Retry-After header.`, '');
  const failed = result.checks.filter((c) => !c.ok);
  lines.push(
    `Checks (each run): budgets exact, caps kept, stored votes = acknowledged votes, revealed totals match: ` +
      `${failed.length === 0 ? 'all passed' : `${failed.length} FAILED`}. Seed ${result.seed}, ${result.cpus}. ` +
      'Command: `make bench`, or alone `FIILIS_BIN=target/release/fiilis node tests/bench/voting.mjs`.',
    '',
  );
  const section = lines.join('\n');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\n';
  const start = text.indexOf('## Voting under load');
  let updated;
  if (start >= 0) {
    const rest = text.slice(start + 1);
    const next = rest.search(/^(## |Command: )/m);
    updated = text.slice(0, start) + section + '\n' + (next >= 0 ? rest.slice(next) : '');
  } else {
    const command = text.search(/^Command: `make bench`/m);
    updated = command >= 0 ? text.slice(0, command) + section + '\n' + text.slice(command) : `${text.trimEnd()}\n\n${section}`;
  }
  writeFileSync(path, updated.replace(/\n{3,}/g, '\n\n'));
}

async function main() {
  const runs = [];
  // Each run draws from its own sequence, so one run's choices do not depend on another's timing.
  const plan = [
    ...SIZES.map((size) => ({ name: `${size} phones, one address`, size, ownAddresses: false })),
    ...SIZES.map((size) => ({ name: `${size} phones, own addresses`, size, ownAddresses: true })),
    { name: `${KILL_PHONES} phones, one address, SIGKILL`, size: KILL_PHONES, ownAddresses: false, kill: true },
  ];
  for (const [index, { name, size, ownAddresses, kill = false }] of plan.entries()) {
    process.stderr.write(`voting: ${name}…\n`);
    runs.push({ name, ...(await scenario(size, { kill, ownAddresses, seed: SEED + index })) });
  }

  const checks = runs.flatMap((run) => run.checks.map((c) => ({ run: run.name, ...c })));
  const result = {
    date: new Date().toISOString(),
    binary: fiilisBin,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
    seed: SEED,
    aims_p99_ms: AIM_P99_MS,
    runs,
    checks,
    passed: checks.every((c) => c.ok),
  };
  const json = JSON.stringify(result, null, 2);
  const out = join(ROOT, 'target', 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'voting.json'), `${json}\n`);
  recordResults({ voting: result });
  // The documented figures are those of the standard sizes only.
  if (process.env.VOTING_PHONES === undefined) writeDocs(result);

  for (const run of runs) {
    const f = run.figures;
    const v = f.voting;
    console.log(
      `${run.name}: joined in ${(f.join.wall_ms / 1000).toFixed(1)} s (${f.join.rate_limited_429} × 429); ` +
        `${v.acknowledged} votes acknowledged, ${v.refused_budget} refused (budget), ${v.refused_cap} (cap) in ${(v.wall_ms / 1000).toFixed(1)} s = ${v.votes_per_s} votes/s; ` +
        `ack p50 ${ms(v.ack_latency_ms.p50)}, p99 ${ms(v.ack_latency_ms.p99)}; 429s while voting ${v.rate_limited_429}` +
        (f.sigkill ? `; killed after ${f.sigkill.planned_at_acks} acks with ${f.sigkill.in_flight} in flight, ${f.sigkill.resent} resent` : ''),
    );
  }
  for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} [${c.run}] ${c.name}${c.ok || !c.detail ? '' : `: ${c.detail}`}`);
  console.log(`wrote target/bench/voting.json (seed ${SEED}: VOTING_SEED=${SEED} repeats the random choices)`);
  if (!result.passed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  console.error(`seed ${SEED} (VOTING_SEED=${SEED} repeats it)`);
  process.exitCode = 1;
});
