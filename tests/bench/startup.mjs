#!/usr/bin/env node
// Startup, memory and binary-size benchmark (not a test): `make bench`, or alone
// `FIILIS_BIN=… node tests/bench/startup.mjs` (it reruns itself under `xvfb-run -a`).
//
// Measures the release Fiilis against a bare Tauri 2 hello-world (tests/bench/bare-tauri,
// built here with cargo into its own target folder), both in the same run, on one Xvfb
// display, as the median of BENCH_RUNS runs (7), each kind of run taking turns with the other:
//   1. startup: wall time from spawn to exit with FIILIS_EXIT_WHEN_READY=1, i.e. exec to the
//      first interactive frame (both UIs call a command on their first requestAnimationFrame,
//      which exits the process); Fiilis on a library holding the sample workshop, and also on
//      a library holding a 5,000-note workshop;
//   2. memory: PSS (/proc/<pid>/smaps_rollup) of the app process and every descendant (the
//      WebKit web and network processes) after 10 s idle: Fiilis with a 5,000-note workshop's
//      board open (driven through tauri-driver, as the bare app is for the comparison, once
//      as it is and once with compositing off like Fiilis), and both apps started directly on
//      their first screen (Fiilis: the library);
//   3. binary: both release binaries, stripped again with `strip` (they are built stripped).
// Writes target/bench/startup.json, merges it into target/bench/results.json as "startup", and
// rewrites the "Startup, memory and size" section of docs/benchmarks.md. MB are 10^6 bytes.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort, openWorkshop } from '../support/desktop.mjs';
import { apiBody, fiilisBin, serve, tempDataDir } from '../support/fiilis.mjs';
import { WebDriver } from '../support/webdriver.mjs';
import { recordResults } from './results.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREEN = '1440x900x24';

// One display for every run: an xvfb-run per run would time Xvfb's own start too.
if (!process.env.FIILIS_BENCH_XVFB) {
  const inner = spawnSync('xvfb-run', ['-a', `--server-args=-screen 0 ${SCREEN}`, process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, FIILIS_BENCH_XVFB: '1' },
  });
  if (inner.error) console.error(`startup bench: xvfb-run failed: ${inner.error.message}`);
  process.exit(inner.status ?? 1);
}

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const NOTES = 5000;
const IDLE_MS = 10_000;
const TIMEOUT_MS = 60_000;
const BARE_DIR = join(ROOT, 'tests', 'bench', 'bare-tauri');
// Never the app's target folder: the lead rebuilds that one at any time.
const BARE_TARGET = process.env.BARE_TARGET_DIR ?? join(homedir(), '.cache', 'fiilis', 'target-bare');
const BARE_BIN = join(BARE_TARGET, 'release', 'bare-tauri');
const FIILIS = resolve(fiilisBin);
const AIMS = { startup_ratio: 1.3, memory_extra_mb: 40, binary_mb: 25 };
const COLOURS = ['yellow', 'orange', 'sky', 'green', 'blue', 'red', 'pink', 'grey'];

// Every process this bench starts carries this variable (WebKit's helpers inherit it), so
// whatever outlives a run can be found and ended, and nothing else is.
const MARKER = `FIILIS_BENCH_STARTUP=${process.pid}-${Date.now()}`;
const [MARKER_NAME, MARKER_VALUE] = MARKER.split('=');
// WebKit keeps its caches and local storage under the XDG folders: one set for this bench
// alone, shared by its runs, keeps the user's own profile out of the figures and untouched.
const xdg = mkdtempSync(join(tmpdir(), 'fiilis-bench-xdg-'));
const ENV = {
  ...process.env,
  LANG: 'C.UTF-8',
  [MARKER_NAME]: MARKER_VALUE,
  XDG_DATA_HOME: join(xdg, 'data'),
  XDG_CACHE_HOME: join(xdg, 'cache'),
  XDG_CONFIG_HOME: join(xdg, 'config'),
};
delete ENV.FIILIS_EXIT_WHEN_READY;
// Each app paints as it does for its users: Fiilis turns WebKit's accelerated compositing off
// itself (desktop::paint_without_compositing), the bare app keeps WebKit's default (on). The
// bare app is also measured with compositing off, so the figures show what that setting does.
const COMPOSITING_OFF = { WEBKIT_DISABLE_COMPOSITING_MODE: '1' };
delete ENV.WEBKIT_DISABLE_COMPOSITING_MODE;

const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const mb = (bytes) => round(bytes / 1e6);

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median: round(median), min: round(sorted[0]), max: round(sorted.at(-1)), n: sorted.length, samples: samples.map((v) => round(v)) };
}

// ---- processes -------------------------------------------------------------------------

const pids = () => readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);

function parentOf(pid) {
  try {
    // The name in parentheses may hold spaces; the fields after it do not.
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
  } catch {
    return null;
  }
}

function commOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

function descendants(root) {
  const children = new Map();
  for (const pid of pids()) {
    const parent = parentOf(pid);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const found = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length) {
    const pid = queue.shift();
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** PSS in bytes of `pid`, or null when it is gone. */
function pss(pid) {
  try {
    const kb = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
    return kb ? Number(kb[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The PSS of `pid` and of every process below it, in total and one by one. */
function treePss(pid) {
  const processes = [pid, ...descendants(pid)]
    .map((p) => ({ pid: p, name: commOf(p), bytes: pss(p) }))
    .filter((p) => p.bytes !== null);
  return { bytes: processes.reduce((sum, p) => sum + p.bytes, 0), processes };
}

function marked() {
  return pids().filter((pid) => {
    if (pid === process.pid) return false;
    try {
      return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(MARKER);
    } catch {
      return false; // gone already, or not ours to read
    }
  });
}

/**
 * Ends every process still carrying this bench's marker once `graceMs` have passed (WebKit's
 * helpers take a moment, up to seconds, to follow their app out); returns what each one was
 * and how long the wait for them to go on their own took.
 */
async function sweep(graceMs = 0) {
  const started = performance.now();
  const deadline = Date.now() + graceMs;
  let left = marked();
  while (left.length && Date.now() < deadline) {
    await sleep(25);
    left = marked();
  }
  const waitedMs = performance.now() - started;
  const names = left.map((pid) => `${commOf(pid)} (${pid})`);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // ended in the meantime
    }
  }
  if (left.length) await sleep(200);
  return { names, waitedMs };
}

const GRACE_MS = 10_000;
const leftovers = [];
/** Waits for this bench's processes to end, ends those that outlive GRACE_MS; the wait in ms. */
async function cleanUp(when) {
  const { names, waitedMs } = await sweep(GRACE_MS);
  if (names.length) leftovers.push({ when, processes: names });
  return waitedMs;
}

function waitForExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return Promise.race([new Promise((done) => child.once('exit', () => done(true))), sleep(ms).then(() => false)]);
}

async function stop(child) {
  child.kill('SIGTERM');
  if (!(await waitForExit(child, 5000))) {
    child.kill('SIGKILL');
    await waitForExit(child, 5000);
  }
}

/** Starts `bin` with `args`; `ready` resolves with the app's own time-to-ready once it says so. */
function launch(bin, args, extraEnv = {}) {
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...ENV, ...extraEnv } });
  let stderr = '';
  const ready = new Promise((done, fail) => {
    child.once('error', fail);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = stderr.match(/ready in (\d+) ms/);
      if (match) done(Number(match[1]));
    });
    // 'close', not 'exit': the last of stderr may come after the exit.
    child.once('close', (code, signal) => fail(new Error(`${bin} exited (${code ?? signal}) before it was ready:\n${stderr}`)));
  });
  ready.catch(() => {});
  return { child, ready, stderr: () => stderr };
}

// ---- 1. startup ---------------------------------------------------------------------------

/** Spawn → exit with FIILIS_EXIT_WHEN_READY=1: the wall time and the app's own figure. */
async function startupRun(bin, args) {
  const started = performance.now();
  const app = launch(bin, args, { FIILIS_EXIT_WHEN_READY: '1' });
  const exited = new Promise((done) => app.child.once('exit', (code, signal) => done({ code, signal, at: performance.now() })));
  const end = await Promise.race([exited, sleep(TIMEOUT_MS).then(() => null)]);
  if (!end) {
    await stop(app.child);
    throw new Error(`${bin} did not exit within ${TIMEOUT_MS} ms of starting:\n${app.stderr()}`);
  }
  const reported = await app.ready.catch(() => null);
  if (end.code !== 0 || reported === null) throw new Error(`${bin} ended with ${end.code ?? end.signal}, ready line ${reported === null ? 'missing' : 'present'}:\n${app.stderr()}`);
  // The next run starts on a quiet machine only: WebKit's helpers outlive the app a little.
  const helpersMs = await cleanUp(`after a startup run of ${basename(bin)}`);
  return { wallMs: end.at - started, reportedMs: reported, helpersMs };
}

// ---- 2. memory ----------------------------------------------------------------------------

/** Started directly, first screen, 10 s idle. */
async function memoryDirect(bin, args) {
  const app = launch(bin, args);
  try {
    await Promise.race([app.ready, sleep(TIMEOUT_MS).then(() => Promise.reject(new Error(`${bin} not ready within ${TIMEOUT_MS} ms`)))]);
    await sleep(IDLE_MS);
    return treePss(app.child.pid);
  } finally {
    await stop(app.child);
    await cleanUp(`after a direct memory run of ${basename(bin)}`);
  }
}

async function answers(port) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`tauri-driver: nothing answered on port ${port}`);
}

/**
 * Started by tauri-driver (WebKitWebDriver), `prepare` drives the window, then 10 s idle. The
 * app is the process WebKitWebDriver started; the drivers themselves are not counted.
 */
async function memoryViaDriver(bin, extraEnv, prepare) {
  const [port, nativePort] = [await freePort(), await freePort()];
  const driverProcess = spawn(
    'tauri-driver',
    ['--port', String(port), '--native-port', String(nativePort), '--native-driver', '/usr/bin/WebKitWebDriver'],
    { stdio: 'ignore', env: { ...ENV, ...extraEnv } },
  );
  const driver = new WebDriver(`http://127.0.0.1:${port}`);
  try {
    // tauri-driver answers before the native driver behind it: wait for both.
    await answers(nativePort);
    await answers(port);
    await driver.start({ 'tauri:options': { application: bin } });
    await prepare(driver);
    await sleep(IDLE_MS);
    const app = descendants(driverProcess.pid).find((pid) => commOf(parentOf(pid)) === 'WebKitWebDriver');
    if (!app) throw new Error(`no process of ${bin} under tauri-driver`);
    return { ...treePss(app), notesRendered: await driver.execute("return document.querySelectorAll('[data-testid=note]').length") };
  } finally {
    await driver.quit().catch(() => {});
    // Ending the drivers while WebKitWebDriver still closes the app would orphan the app.
    const deadline = Date.now() + GRACE_MS;
    while (Date.now() < deadline && descendants(driverProcess.pid).some((pid) => commOf(parentOf(pid)) === 'WebKitWebDriver')) await sleep(50);
    await stop(driverProcess);
    await cleanUp(`after a driven memory run of ${basename(bin)}`);
  }
}

async function openBoard(driver) {
  await driver.find('body[data-ready="true"]', { timeout: 30_000 });
  await openWorkshop(driver, 'Bench board');
  await driver.click(await driver.find('[data-testid=nav-board]'));
  await driver.find('[data-testid=board][data-board-ready="true"]', { timeout: 60_000 });
}

const bareShown = (driver) => driver.find('h1');

// ---- setup --------------------------------------------------------------------------------

function buildBare() {
  process.stderr.write(`startup bench: building the bare Tauri app into ${BARE_TARGET}…\n`);
  const build = spawnSync('cargo', ['build', '--release', '--locked'], {
    cwd: BARE_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CARGO_TARGET_DIR: BARE_TARGET },
  });
  if (build.status !== 0) throw new Error(`cargo build of ${BARE_DIR} failed (${build.status ?? build.error?.message})`);
}

/** A workshop of 5,000 notes, half in clusters of ten, through the facilitator API. */
async function seed(dataDir) {
  const server = await serve(dataDir);
  try {
    const workshop = await apiBody(server, 'create_workshop', { title: 'Bench board', template: 'hotel' });
    const ids = [];
    for (let start = 0; start < NOTES; start += 1000) {
      const notes = Array.from({ length: 1000 }, (_, k) => {
        const i = start + k;
        const block = Math.floor(i / 10);
        return {
          text: `Idea ${i + 1}: breakfast ends too early for families with small children`,
          colour: COLOURS[i % COLOURS.length],
          x: (block % 10) * 1100 + ((i % 10) % 5) * 200,
          y: Math.floor(block / 10) * 380 + Math.floor((i % 10) / 5) * 140,
        };
      });
      const change = await apiBody(server, 'create_notes', { workshop_id: workshop.id, notes });
      ids.push(...change.upserted.notes.map((note) => note.id));
    }
    for (let block = 0; block < NOTES / 10; block += 2) {
      await apiBody(server, 'group_notes', { workshop_id: workshop.id, title: `Theme ${block / 2 + 1}`, note_ids: ids.slice(block * 10, block * 10 + 10) });
    }
    const board = await apiBody(server, 'get_board', { workshop_id: workshop.id });
    if (board.notes.length !== NOTES) throw new Error(`expected ${NOTES} notes, got ${board.notes.length}`);
    return { clusters: board.clusters.length };
  } finally {
    await server.stop();
  }
}

function workshopTitles(dataDir) {
  const list = spawnSync(FIILIS, ['--data-dir', dataDir, 'list', '--json'], { encoding: 'utf8', env: ENV });
  if (list.status !== 0) throw new Error(`fiilis list failed: ${list.stderr}`);
  return JSON.parse(list.stdout).map((w) => w.title);
}

/** Size on disk, and after `strip --strip-all` of a copy. */
function binarySize(bin) {
  const dir = mkdtempSync(join(tmpdir(), 'fiilis-bench-strip-'));
  try {
    const copy = join(dir, 'bin');
    copyFileSync(bin, copy);
    const strip = spawnSync('strip', ['--strip-all', copy], { encoding: 'utf8' });
    if (strip.status !== 0) throw new Error(`strip ${bin}: ${strip.stderr}`);
    return { on_disk_bytes: statSync(bin).size, stripped_bytes: statSync(copy).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- report -------------------------------------------------------------------------------

const memoryFigure = (runs) => ({ ...stats(runs.map((r) => r.bytes / 1e6)), unit: 'MB' });

/** The median run's processes, for the record: which of them holds the memory. */
function medianBreakdown(runs) {
  const sorted = [...runs].sort((a, b) => a.bytes - b.bytes);
  return sorted[Math.floor((sorted.length - 1) / 2)].processes.map((p) => ({ name: p.name, mb: mb(p.bytes) }));
}

/** The "Startup, memory and size" section of docs/benchmarks.md, rewritten in place. */
function writeDocs(result) {
  const path = join(ROOT, 'docs', 'benchmarks.md');
  const f = result.figures;
  const yes = (met) => (met ? 'yes' : '**no**');
  const ms = (figure) => `${Math.round(figure.median)} ms`;
  const mbs = (figure) => `${figure.median.toFixed(1)} MB`;
  const signed = (value) => (value < 0 ? `\u2212${-value}` : `+${value}`);
  const lines = [
    '## Startup, memory and size',
    '',
    `The release Fiilis against a bare Tauri ${result.tauri} hello-world (\`tests/bench/bare-tauri\`: one window, a`,
    'static page, the same release profile), both measured in the same run on one Xvfb display',
    `(${SCREEN}). Figures are medians of ${result.runs} runs, the two apps taking turns; MB are 10^6 bytes.`,
    '',
    '| what | Fiilis | bare Tauri app | aim | met |',
    '| --- | --- | --- | --- | --- |',
    `| startup: spawn → first interactive frame → exit (library with the sample workshop) | ${ms(f.startup_ms.fiilis)} | ${ms(f.startup_ms.bare)} | ≤ ${AIMS.startup_ratio}× the bare app (${f.startup_ms.ratio}×) | ${yes(f.startup_ms.met)} |`,
    `| memory: PSS of the app and its WebKit processes, board of ${NOTES} notes open, 10 s idle | ${mbs(f.memory_board_mb.fiilis)} | ${mbs(f.memory_board_mb.bare)} (its page) | ≤ bare + ${AIMS.memory_extra_mb} MB (${signed(f.memory_board_mb.extra_mb)} MB) | ${yes(f.memory_board_mb.met)} |`,
    `| binary, stripped | ${mb(f.binary_bytes.fiilis.stripped_bytes)} MB | ${mb(f.binary_bytes.bare.stripped_bytes)} MB | < ${AIMS.binary_mb} MB | ${yes(f.binary_bytes.met)} |`,
    `| startup with the ${NOTES}-note workshop in the library | ${ms(f.startup_5000_library_ms.fiilis)} | ${ms(f.startup_ms.bare)} | (${f.startup_5000_library_ms.ratio}×) | |`,
    `| memory, both started directly on their first screen (Fiilis: the library, holding the ${NOTES}-note workshop), 10 s idle | ${mbs(f.memory_first_screen_mb.fiilis)} | ${mbs(f.memory_first_screen_mb.bare)} | (${signed(f.memory_first_screen_mb.extra_mb)} MB) | |`,
    '',
    'Startup is timed from spawn to process exit with `FIILIS_EXIT_WHEN_READY=1`: both pages call a',
    'command on their first `requestAnimationFrame`, which exits the app (the apps\u2019 own figure, from',
    `process start to that call, was ${ms(f.startup_ms.fiilis_reported)} and ${ms(f.startup_ms.bare_reported)}). Each run starts once the last one\u2019s`,
    `WebKit processes have ended: after the app\u2019s exit they took ${ms(f.startup_ms.webkit_helpers_gone_after_exit_ms.fiilis)} (Fiilis) and`,
    `${ms(f.startup_ms.webkit_helpers_gone_after_exit_ms.bare)} (bare) to go. Memory is the sum of PSS`,
    '(`/proc/<pid>/smaps_rollup`) over the app process and all its descendants. For the board row',
    'both apps are started by tauri-driver (WebKitWebDriver), which opens the workshop\u2019s board',
    `(${f.memory_board_mb.notes_rendered} notes rendered, the rest culled); the drivers are not counted. Processes in the`,
    `median board run: ${f.memory_board_mb.fiilis_processes.map((p) => `${p.name} ${p.mb} MB`).join(', ')}; bare:`,
    `${f.memory_board_mb.bare_processes.map((p) => `${p.name} ${p.mb} MB`).join(', ')}.`,
    'Fiilis paints without WebKit\u2019s accelerated compositing (`desktop::paint_without_compositing`); the bare',
    `app keeps WebKit\u2019s default, compositing on. With compositing off too, the bare app measured`,
    `${mbs(f.memory_board_mb.bare_without_compositing)}, so Fiilis with its board open is ${signed(f.memory_board_mb.extra_over_bare_without_compositing_mb)} MB over that.`,
    `Machine: ${result.cpus}, load average ${result.load_average.join(' → ')}.`,
    ...(result.leftover_processes.length
      ? [`Processes still running ${GRACE_MS / 1000} s after their run ended, then killed: ${result.leftover_processes.map((l) => `${l.processes.join(', ')} ${l.when}`).join('; ')}.`]
      : []),
    'Command: `make bench`, or alone `FIILIS_BIN=~/.cache/fiilis/target/release/fiilis node tests/bench/startup.mjs`.',
    '',
  ];
  const section = lines.join('\n');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\n';
  const start = text.indexOf('## Startup, memory and size');
  let updated;
  if (start >= 0) {
    const rest = text.slice(start + 1);
    const next = rest.search(/^(## |Command: `make bench`\.)/m);
    updated = text.slice(0, start) + section + '\n' + (next >= 0 ? rest.slice(next) : '');
  } else {
    const command = text.search(/^Command: `make bench`\./m);
    updated = command >= 0 ? text.slice(0, command) + section + '\n' + text.slice(command) : `${text.trimEnd()}\n\n${section}`;
  }
  writeFileSync(path, updated.replace(/\n{3,}/g, '\n\n'));
}

function tauriVersion() {
  const lock = readFileSync(join(BARE_DIR, 'Cargo.lock'), 'utf8');
  return lock.match(/name = "tauri"\nversion = "([^"]+)"/)?.[1] ?? '2';
}

async function main() {
  if (!existsSync(FIILIS)) throw new Error(`no Fiilis binary at ${FIILIS} (FIILIS_BIN)`);
  buildBare();
  const loadBefore = loadavg()[0];
  const sample = tempDataDir();
  const big = tempDataDir();
  try {
    process.stderr.write(`startup bench: seeding ${NOTES} notes…\n`);
    const seeded = await seed(big.dir);

    // Warm-up, not counted: page cache, WebKit's caches, and Fiilis's first start, which adds
    // the sample workshop to the library.
    await startupRun(FIILIS, ['--data-dir', sample.dir]);
    await startupRun(FIILIS, ['--data-dir', big.dir]);
    await startupRun(BARE_BIN, []);
    const titles = workshopTitles(sample.dir);
    if (titles.length !== 1) throw new Error(`the startup library should hold the sample workshop alone, holds: ${titles.join(', ')}`);

    const startup = { fiilis: [], big: [], bare: [] };
    for (let run = 1; run <= RUNS; run++) {
      startup.fiilis.push(await startupRun(FIILIS, ['--data-dir', sample.dir]));
      startup.bare.push(await startupRun(BARE_BIN, []));
      startup.big.push(await startupRun(FIILIS, ['--data-dir', big.dir]));
      process.stderr.write(
        `startup ${run}/${RUNS}: fiilis ${startup.fiilis.at(-1).wallMs.toFixed(0)} ms, bare ${startup.bare.at(-1).wallMs.toFixed(0)} ms, ` +
          `fiilis (${NOTES} notes) ${startup.big.at(-1).wallMs.toFixed(0)} ms\n`,
      );
    }

    const memory = { board: [], bareDriven: [], bareUncomposited: [], library: [], bareDirect: [] };
    for (let run = 1; run <= RUNS; run++) {
      memory.board.push(await memoryViaDriver(FIILIS, { FIILIS_DATA_DIR: big.dir }, openBoard));
      memory.bareDriven.push(await memoryViaDriver(BARE_BIN, {}, bareShown));
      memory.bareUncomposited.push(await memoryViaDriver(BARE_BIN, COMPOSITING_OFF, bareShown));
      memory.library.push(await memoryDirect(FIILIS, ['--data-dir', big.dir]));
      memory.bareDirect.push(await memoryDirect(BARE_BIN, []));
      process.stderr.write(
        `memory ${run}/${RUNS}: board ${mb(memory.board.at(-1).bytes)} MB vs bare ${mb(memory.bareDriven.at(-1).bytes)} MB ` +
          `(${mb(memory.bareUncomposited.at(-1).bytes)} MB without compositing; driven); ` +
          `library ${mb(memory.library.at(-1).bytes)} MB vs bare ${mb(memory.bareDirect.at(-1).bytes)} MB (direct)\n`,
      );
    }

    const wall = (runs) => stats(runs.map((r) => r.wallMs));
    const reported = (runs) => stats(runs.map((r) => r.reportedMs)).median;
    const startupFig = { fiilis: wall(startup.fiilis), bare: wall(startup.bare) };
    const ratio = round(startupFig.fiilis.median / startupFig.bare.median, 2);
    const bigFig = wall(startup.big);
    const board = memoryFigure(memory.board);
    const bareDriven = memoryFigure(memory.bareDriven);
    const boardExtra = round(board.median - bareDriven.median);
    const bareUncomposited = memoryFigure(memory.bareUncomposited);
    const library = memoryFigure(memory.library);
    const bareDirect = memoryFigure(memory.bareDirect);
    const binaries = { fiilis: binarySize(FIILIS), bare: binarySize(BARE_BIN) };

    const figures = {
      startup_ms: {
        what: 'spawn → first interactive frame → exit, FIILIS_EXIT_WHEN_READY=1; library with the sample workshop',
        fiilis: startupFig.fiilis,
        bare: startupFig.bare,
        fiilis_reported: { median: reported(startup.fiilis) },
        bare_reported: { median: reported(startup.bare) },
        webkit_helpers_gone_after_exit_ms: { fiilis: stats(startup.fiilis.map((r) => r.helpersMs)), bare: stats(startup.bare.map((r) => r.helpersMs)) },
        ratio,
        aim: `at most ${AIMS.startup_ratio}× the bare app`,
        met: ratio <= AIMS.startup_ratio,
      },
      memory_board_mb: {
        what: `PSS of the app and its descendants after 10 s idle, started by tauri-driver; Fiilis with the ${NOTES}-note board open; each app at its own compositing setting (Fiilis off, bare on), and the bare app with it off too`,
        fiilis: board,
        bare: bareDriven,
        extra_mb: boardExtra,
        bare_without_compositing: bareUncomposited,
        extra_over_bare_without_compositing_mb: round(board.median - bareUncomposited.median),
        notes_rendered: stats(memory.board.map((r) => r.notesRendered)).median,
        fiilis_processes: medianBreakdown(memory.board),
        bare_processes: medianBreakdown(memory.bareDriven),
        aim: `at most ${AIMS.memory_extra_mb} MB more than the bare app`,
        met: boardExtra <= AIMS.memory_extra_mb,
      },
      binary_bytes: {
        what: 'release binaries, strip --strip-all',
        fiilis: binaries.fiilis,
        bare: binaries.bare,
        aim: `Fiilis under ${AIMS.binary_mb} MB`,
        met: binaries.fiilis.stripped_bytes < AIMS.binary_mb * 1e6,
      },
      startup_5000_library_ms: {
        what: `as startup_ms, on the library holding the ${NOTES}-note workshop (no aim)`,
        fiilis: bigFig,
        bare: startupFig.bare,
        fiilis_reported: { median: reported(startup.big) },
        ratio: round(bigFig.median / startupFig.bare.median, 2),
      },
      memory_first_screen_mb: {
        what: `as memory_board_mb, both started directly (no driver), on their first screen: Fiilis's library (${NOTES}-note workshop in it); no aim`,
        fiilis: library,
        bare: bareDirect,
        extra_mb: round(library.median - bareDirect.median),
        fiilis_processes: medianBreakdown(memory.library),
        bare_processes: medianBreakdown(memory.bareDirect),
      },
    };
    const result = {
      date: new Date().toISOString(),
      binary: FIILIS,
      bare_binary: BARE_BIN,
      tauri: tauriVersion(),
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
      load_average: [round(loadBefore, 2), round(loadavg()[0], 2)],
      screen: SCREEN,
      runs: RUNS,
      idle_ms: IDLE_MS,
      notes: NOTES,
      clusters: seeded.clusters,
      figures,
      aims_met: figures.startup_ms.met && figures.memory_board_mb.met && figures.binary_bytes.met,
      leftover_processes: leftovers,
    };

    const out = join(ROOT, 'target', 'bench');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'startup.json'), `${JSON.stringify(result, null, 2)}\n`);
    recordResults({ startup: result });
    writeDocs(result);

    const verdict = (met) => (met ? 'met' : 'NOT met');
    console.log(
      [
        `startup: Fiilis ${Math.round(startupFig.fiilis.median)} ms vs bare ${Math.round(startupFig.bare.median)} ms = ${ratio}× (aim ≤ ${AIMS.startup_ratio}×: ${verdict(figures.startup_ms.met)}); ` +
          `with ${NOTES} notes in the library ${Math.round(bigFig.median)} ms`,
        `memory, board of ${NOTES} notes open: Fiilis ${board.median} MB vs bare ${bareDriven.median} MB = +${boardExtra} MB (aim ≤ +${AIMS.memory_extra_mb} MB: ${verdict(figures.memory_board_mb.met)}); ` +
          `first screen, started directly: ${library.median} MB vs ${bareDirect.median} MB`,
        `binary, stripped: Fiilis ${mb(binaries.fiilis.stripped_bytes)} MB, bare ${mb(binaries.bare.stripped_bytes)} MB (aim < ${AIMS.binary_mb} MB: ${verdict(figures.binary_bytes.met)})`,
        leftovers.length ? `processes left behind and ended: ${JSON.stringify(leftovers)}` : 'no process was left behind',
        'wrote target/bench/startup.json, target/bench/results.json ("startup") and docs/benchmarks.md',
      ].join('\n'),
    );
  } finally {
    await cleanUp('at the end');
    sample.remove();
    big.remove();
    rmSync(xdg, { recursive: true, force: true });
  }
}

// Ctrl+C: no app or driver of this bench may outlive it.
process.once('SIGINT', async () => {
  await sweep();
  process.exit(130);
});

main().catch(async (error) => {
  await sweep();
  console.error(error);
  process.exitCode = 1;
});
