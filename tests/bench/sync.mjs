#!/usr/bin/env node
// Several laptops on one workshop (not a test): `make bench`, or alone
// `FIILIS_BIN=… node tests/bench/sync.mjs`.
//
// Starts three real `fiilis serve` processes on loopback, each on its own temporary library: a
// hub (`--workshop ID --hub`) and two satellites (`--join` the address the hub printed). Then
// SYNC_EDITS (1,000) edits are made through the three laptops' own facilitator APIs at once, a
// third each, as a facilitator would make them one after another: a new note, or a note's text
// rewritten, moved or recoloured (any laptop's notes, so edits of one note meet). Figures:
//
// - edits a second on the three laptops while syncing, beside the same edits on three laptops
//   that do not sync (three `fiilis serve` of their own workshops), in the same run: what
//   recording, pushing, pulling and applying cost;
// - convergence: from the last edit's answer until the three laptops' workshop files are equal
//   (polled every 100 ms), and the same after the hub alone makes one more edit;
// - bytes on the wire per edit: the hub's log as a satellite pulls it (the JSON of
//   `GET /sync/ID/changes`, and the changesets alone), beside the JSON of the facilitator API
//   requests that made the edits.
//
// Writes target/bench/sync.json and the "Several laptops" section of docs/benchmarks.md; exits
// non-zero when the laptops do not converge. SYNC_EDITS and SYNC_SEED override the defaults.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { fiilisBin, tempDataDir } from '../support/fiilis.mjs';
import { recordResults } from './results.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EDITS = Number(process.env.SYNC_EDITS ?? 1000);
const SEED = Number(process.env.SYNC_SEED ?? Math.floor(Math.random() * 2 ** 32));
const CONVERGE_LIMIT_MS = 60_000;

/** A small seeded random source, so a run's choices can be repeated. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Creates a workshop in a fresh library; answers its id. */
function newWorkshop(dir) {
  const made = spawnSync(fiilisBin, ['--data-dir', dir, 'new', 'Breakouts', '--template', 'hotel'], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`fiilis new failed: ${made.stderr}`);
  return made.stdout.trim();
}

/** Runs `fiilis serve` with `args` on `dir` and resolves with its API and printed lines. */
function serve(dir, args) {
  const child = spawn(fiilisBin, ['--data-dir', dir, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LANG: 'C.UTF-8' },
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const lines = [];
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fiilis serve ${args.join(' ')} exited early with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line !== 'Press Ctrl+C to stop.') return;
      const match = lines.join('\n').match(/(http:\/\/127\.0\.0\.1:\d+)\/#token=([0-9a-f]{64})/);
      resolve({
        origin: match[1],
        token: match[2],
        lines,
        pid: child.pid,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

/** The rest of the printed line starting with `prefix`. */
function printed(laptop, prefix) {
  const line = laptop.lines.find((l) => l.startsWith(prefix));
  if (!line) throw new Error(`no line starts with ${prefix}`);
  return line.slice(prefix.length);
}

let requestBytes = 0;

async function call(laptop, operation, input) {
  const body = JSON.stringify(input);
  requestBytes += Buffer.byteLength(body);
  const response = await fetch(`${laptop.origin}/api/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${laptop.token}` },
    body,
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${operation}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** One laptop's share of the edits, one after another as a facilitator makes them. */
async function edit(laptop, workshop, count, next) {
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const board = i % 10 === 0 ? null : await call(laptop, 'get_board', { workshop_id: workshop });
    const notes = board?.notes ?? [];
    const pick = notes.length ? notes[Math.floor(next() * notes.length)] : null;
    const choice = next();
    if (!pick || choice < 0.3) {
      await call(laptop, 'create_notes', { workshop_id: workshop, notes: [{ text: `idea ${i}`, x: Math.floor(next() * 4000), y: Math.floor(next() * 3000) }] });
    } else if (choice < 0.55) {
      await call(laptop, 'update_notes', { workshop_id: workshop, notes: [{ id: pick.id, text: `rewritten ${i}` }] });
    } else if (choice < 0.8) {
      await call(laptop, 'update_notes', { workshop_id: workshop, notes: [{ id: pick.id, x: Math.floor(next() * 4000), y: Math.floor(next() * 3000) }] });
    } else {
      await call(laptop, 'update_notes', { workshop_id: workshop, notes: [{ id: pick.id, colour: ['pink', 'blue', 'green', 'yellow'][Math.floor(next() * 4)] }] });
    }
  }
  return { edits: count, seconds: (performance.now() - started) / 1000 };
}

async function content(laptop, workshop) {
  const file = await call(laptop, 'export_workshop', { workshop_id: workshop });
  delete file.exported_at;
  return JSON.stringify(file);
}

/** Milliseconds until the laptops' workshop files are equal, polled every 100 ms. */
async function converged(laptops, workshop, since) {
  for (;;) {
    const files = await Promise.all(laptops.map((laptop) => content(laptop, workshop)));
    if (files.every((file) => file === files[0])) return { ms: performance.now() - since, notes: JSON.parse(files[0]).notes.length };
    if (performance.now() - since > CONVERGE_LIMIT_MS) throw new Error(`the laptops did not converge within ${CONVERGE_LIMIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The hub's whole log as a satellite pulls it: entries, JSON bytes and changeset bytes. */
async function pulledLog(syncUrl) {
  const [address, secret] = syncUrl.split('#');
  let after = 0;
  const log = { entries: 0, jsonBytes: 0, changesetBytes: 0 };
  for (;;) {
    const response = await fetch(`${address}/changes?after=${after}`, { headers: { authorization: `Bearer ${secret}` } });
    const text = await response.text();
    if (!response.ok) throw new Error(`pull: ${response.status} ${text}`);
    const batch = JSON.parse(text);
    if (batch.entries.length === 0) return log;
    log.entries += batch.entries.length;
    log.jsonBytes += Buffer.byteLength(text);
    log.changesetBytes += batch.entries.reduce((sum, entry) => sum + Buffer.from(entry.changeset, 'base64').length, 0);
    after = batch.last;
  }
}

function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(stat[11]) + Number(stat[12])) / 100;
}

/** The baseline: the same three shares of edits at once on three laptops that do not sync. */
async function lone(next) {
  const dirs = [tempDataDir(), tempDataDir(), tempDataDir()];
  const laptops = [];
  try {
    const workshops = dirs.map((dir) => newWorkshop(dir.dir));
    for (const dir of dirs) laptops.push(await serve(dir.dir, []));
    requestBytes = 0;
    const started = performance.now();
    const results = await Promise.all(laptops.map((laptop, i) => edit(laptop, workshops[i], share(i), next)));
    return { edits: EDITS, seconds: (performance.now() - started) / 1000, perLaptop: results, requestBytes };
  } finally {
    for (const laptop of laptops) await laptop.stop();
    for (const dir of dirs) dir.remove();
  }
}

/** Laptop `i`'s third of the edits. */
const share = (i) => Math.floor(EDITS / 3) + (i < EDITS % 3 ? 1 : 0);

async function synced(next) {
  const dirs = [tempDataDir(), tempDataDir(), tempDataDir()];
  const workshop = newWorkshop(dirs[0].dir);
  const laptops = [];
  try {
    const hub = await serve(dirs[0].dir, ['--workshop', workshop, '--hub', '--lan-port', '0']);
    laptops.push(hub);
    const shown = printed(hub, 'sync: ');
    const port = shown.match(/:(\d+)\/sync\//)[1];
    const url = `http://127.0.0.1:${port}${shown.slice(shown.indexOf('/sync/'))}`;
    for (const dir of dirs.slice(1)) laptops.push(await serve(dir.dir, ['--join', url]));
    const cpuBefore = laptops.map((laptop) => cpuSeconds(laptop.pid));
    requestBytes = 0;
    const started = performance.now();
    const results = await Promise.all(laptops.map((laptop, i) => edit(laptop, workshop, share(i), next)));
    const lastAnswer = performance.now();
    const after = await converged(laptops, workshop, lastAnswer);
    const editing = { edits: EDITS, seconds: (lastAnswer - started) / 1000, perLaptop: results, requestBytes };
    // One more edit on the hub alone: how soon a single change reaches both satellites.
    const one = performance.now();
    await call(hub, 'create_notes', { workshop_id: workshop, notes: [{ text: 'one more', x: 0, y: 0 }] });
    const single = await converged(laptops, workshop, one);
    const log = await pulledLog(url);
    const cpu = laptops.map((laptop, i) => cpuSeconds(laptop.pid) - cpuBefore[i]);
    return { editing, converged: after, single, log, cpu };
  } finally {
    for (const laptop of laptops) await laptop.stop();
    for (const dir of dirs) dir.remove();
  }
}

const ms = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);

function docsSection(result) {
  const { baseline, sync } = result;
  const perEdit = (bytes) => (bytes / sync.log.entries).toFixed(0);
  return [
    `## Several laptops (${EDITS} edits over a hub and two satellites)`,
    '',
    'Three `fiilis serve` processes on loopback, each with its own library: a hub and two satellites joined to it. The edits go through each laptop’s own facilitator API at once, a third each, one after another (a new note, or a note of any laptop rewritten, moved or recoloured).',
    '',
    '| | edits | time | edits/s |',
    '| --- | --- | --- | --- |',
    `| three laptops not syncing (baseline), together | ${baseline.edits} | ${baseline.seconds.toFixed(2)} s | ${(baseline.edits / baseline.seconds).toFixed(0)} |`,
    `| three laptops syncing, together | ${sync.editing.edits} | ${sync.editing.seconds.toFixed(2)} s | ${(sync.editing.edits / sync.editing.seconds).toFixed(0)} |`,
    ...sync.editing.perLaptop.map((share, i) => `| ${i === 0 ? 'the hub' : `satellite ${i}`} | ${share.edits} | ${share.seconds.toFixed(2)} s | ${(share.edits / share.seconds).toFixed(0)} |`),
    '',
    `Converged: ${ms(sync.converged.ms)} after the last edit was answered, the three workshop files equal (${sync.converged.notes} notes). One more edit on the hub reached both satellites (files equal) in ${ms(sync.single.ms)}; the satellites pull every 250 ms.`,
    '',
    `On the wire: the hub’s log holds ${sync.log.entries} changes; a satellite pulling it receives ${perEdit(sync.log.jsonBytes)} bytes of JSON per change (the session changesets alone: ${perEdit(sync.log.changesetBytes)} bytes), beside ${(sync.editing.requestBytes / sync.editing.edits).toFixed(0)} bytes per edit of the facilitator API requests that made them. Server CPU during the run: hub ${sync.cpu[0].toFixed(2)} s, satellites ${sync.cpu[1].toFixed(2)} s and ${sync.cpu[2].toFixed(2)} s.`,
    '',
    `Seed ${result.seed}, ${result.cpus}. Command: \`make bench\`, or alone \`FIILIS_BIN=target/release/fiilis node tests/bench/sync.mjs\`.`,
    '',
  ].join('\n');
}

/** Rewrites the "Several laptops" section of docs/benchmarks.md in place. */
function writeDocs(section) {
  const path = join(ROOT, 'docs', 'benchmarks.md');
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf('## Several laptops');
  let updated;
  if (start >= 0) {
    const rest = text.slice(start + 1);
    const next = rest.search(/^(## |Command: `make bench`)/m);
    updated = text.slice(0, start) + section + '\n' + (next >= 0 ? rest.slice(next) : '');
  } else {
    const startup = text.indexOf('## Startup, memory and size');
    updated = startup >= 0 ? text.slice(0, startup) + section + '\n' + text.slice(startup) : `${text.trimEnd()}\n\n${section}`;
  }
  writeFileSync(path, updated.replace(/\n{3,}/g, '\n\n'));
}

async function main() {
  if (!existsSync(fiilisBin)) throw new Error(`no fiilis binary at ${fiilisBin} (FIILIS_BIN)`);
  const next = random(SEED);
  const baseline = await lone(next);
  const sync = await synced(next);
  const cores = cpus();
  const result = { seed: SEED, edits: EDITS, cpus: `${cores.length} × ${cores[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'CPU'}`, baseline, sync };
  const out = join(ROOT, 'target', 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'sync.json'), `${JSON.stringify(result, null, 2)}\n`);
  recordResults({ sync: result });
  const section = docsSection(result);
  console.log(section);
  if (EDITS === 1000) writeDocs(section);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
