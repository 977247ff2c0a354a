// Crash safety: `fiilis serve` is SIGKILLed again and again while the facilitator edits and
// phones vote; after each kill `fiilis check` must find the library sound, and after each
// restart everything acknowledged must still be there (see driver.mjs). CRASH_KILLS sets the
// number of kills (50; `make soak` runs 1,000), CRASH_SEED repeats a run's random choices.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { seedFrom } from '../support/load.mjs';
import { runCrashCycles } from './driver.mjs';

const KILLS = Number(process.env.CRASH_KILLS ?? 50);
const SEED = seedFrom('CRASH_SEED');
const again = `(CRASH_SEED=${SEED} CRASH_KILLS=${KILLS} repeats the choices)`;

let run;

before(async () => {
  run = await runCrashCycles({ kills: KILLS, seed: SEED, log: (line) => console.log(line) });
  const t = run.totals;
  console.log(
    `seed ${SEED}: ${run.cycles} kills; ${t.facilitator_acked} facilitator edits, ${t.votes_acked} votes and ` +
      `${t.retracts_acked} retractions acknowledged; ${t.in_flight_at_kill} requests in flight at the kills, ` +
      `${t.in_flight_committed} edits in flight found committed; ${t.vote_refusals} votes refused, ${t.rate_limited} rate-limited`,
  );
});

test(`every acknowledged change survives ${KILLS} SIGKILLs`, () => {
  const where = run.failures.length ? ` The library is kept at ${run.dataDir}.` : '';
  assert.deepEqual(run.failures, [], `seed ${SEED} ${again}.${where}`);
  assert.equal(run.cycles, KILLS);
});

test('`fiilis check` finds the library sound after every kill', () => {
  assert.ok(!run.checkMissing, '`fiilis --data-dir DIR check` does not exist in this binary yet (see /tmp/fiilis-ready/backend)');
  assert.deepEqual(run.checkFailures, [], `seed ${SEED} ${again}. The library is kept at ${run.dataDir}.`);
});
