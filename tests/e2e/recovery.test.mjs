// The real desktop app (WebKit under Xvfb, through tauri-driver) on a library that cannot be
// opened: the window shows the recovery screen naming the problem, a backup is restored from
// it, the app restarts itself on the restored library and the damaged file is kept beside it.
// Then the About screen copies diagnostics that name the version.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fiilisBin, tempDataDir } from '../support/fiilis.mjs';
import { startTauriDriver } from '../support/desktop.mjs';

const BACKUP = 'library-20260101T000000.000Z.db';
// Bytes no SQLite would take for a database, of a size a real library could have.
const JUNK = Buffer.from('this is not a Fiilis library\n'.repeat(200));
const SQLITE_MAGIC = 'SQLite format 3\0';

let session;
let driver;
let data;

before(async () => {
  data = tempDataDir();
  session = await startTauriDriver();
  ({ driver } = session);
});

after(async () => {
  await session?.stop();
  endAppsOn(data.dir);
  data?.remove();
});

/**
 * Ends the app processes started on the library in `dir` by their ids: one the app restarted
 * itself is no longer the driver's, and must not outlive the test or share the library.
 */
function endAppsOn(dir) {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (args.includes(dir) && args.some((arg) => arg.endsWith('/fiilis'))) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone already, or not ours to read
    }
  }
}

/** A session of the app on the library in `data.dir` (not the driver's own temporary one). */
function startApp() {
  return driver.start({ 'tauri:options': { application: fiilisBin, args: ['--data-dir', data.dir] } });
}

/** Ends the driver's session, also one whose app is gone (restarted) and cannot say so. */
async function endSession() {
  await driver.quit().catch(() => {
    driver.session = null;
  });
}

/** The data folder's files that hold `bytes` exactly, other than `except`. */
function filesHolding(bytes, except = []) {
  return readdirSync(data.dir).filter((name) => {
    const path = join(data.dir, name);
    if (except.includes(name) || !existsSync(path)) return false;
    try {
      return readFileSync(path).equals(bytes);
    } catch {
      return false; // a folder
    }
  });
}

test('a library that cannot be opened: restore a backup from the recovery screen', async () => {
  // A good library (with the sample workshop), its backup, then the library overwritten with junk.
  execFileSync(fiilisBin, ['--data-dir', data.dir, 'list'], { stdio: 'ignore' });
  const library = join(data.dir, 'library.db');
  for (const side of ['-wal', '-shm']) assert.equal(existsSync(library + side), false, 'the CLI left the library whole');
  mkdirSync(join(data.dir, 'backups'), { recursive: true });
  copyFileSync(library, join(data.dir, 'backups', BACKUP));
  writeFileSync(library, JUNK);

  await startApp();
  await driver.find('[data-testid=recovery][data-state=ready]', { timeout: 30000 });
  assert.equal(await driver.execute('return location.hash'), '#recovery');
  assert.equal(await driver.text(await driver.find('h1')), 'Fiilis could not open your library');
  const problem = await driver.text(await driver.find('[data-testid=recovery-problem]'));
  assert.ok(problem.trim().length > 0, 'the problem is named');
  assert.equal(await driver.text(await driver.find('[data-testid=recovery-path]')), library);
  const listed = await driver.execute(
    `return [...document.querySelectorAll('[data-testid=recovery-backup]')].map((li) => li.dataset.name)`,
  );
  assert.deepEqual(listed, [BACKUP]);
  // Recovery mode may call nothing but recovery_status and recover: no library was loaded.
  assert.equal(await driver.execute('return document.body.dataset.ready ?? null'), null);

  await driver.click(await driver.find('[data-testid=recover-restore]'));
  const confirm = await driver.find('dialog[open] [data-testid=confirm]');
  assert.match(await driver.text(await driver.find('dialog[open]')), /moves the file that could not be opened aside/);
  // The app restarts from inside `recover`, taking with it the window the session drives: the
  // click may get no answer. From here the data folder says what happened.
  await driver.click(confirm).catch(() => {});
  await driver.until(() => readFileSync(library).subarray(0, 16).toString('latin1') === SQLITE_MAGIC, 'the restored library', {
    timeout: 30000,
  });
  assert.ok(existsSync(join(data.dir, 'backups', BACKUP)), 'the backup itself stays');
  const aside = filesHolding(JUNK, ['library.db']);
  assert.equal(aside.length, 1, `the damaged file is kept beside the library: ${readdirSync(data.dir).join(', ')}`);
  assert.match(aside[0], /^library/);

  // The restarted app came back to the normal window (not the recovery screen) by itself.
  await driver.until(
    () => readdirSync('/proc').some((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(data.dir);
      } catch {
        return false;
      }
    }),
    'the restarted app',
    { timeout: 30000 },
  );
  await endSession();
  endAppsOn(data.dir);
  await sleep(500);

  await startApp();
  await driver.find('body[data-ready="true"]', { timeout: 30000 });
  // The library's own address, not the recovery screen's.
  assert.equal(await driver.execute('return location.hash'), '#/');
  const titles = await driver.until(async () => {
    const found = await driver.execute(
      `return [...document.querySelectorAll('[data-testid=workshop-card] [data-testid=workshop-title]')].map((t) => t.textContent.trim())`,
    );
    return found.length > 0 && found;
  }, 'the library after the restore');
  assert.deepEqual(titles, ['Sample: a hotel stay']);
});

test('About: Copy diagnostics gives text that names the version', async () => {
  const version = execFileSync(fiilisBin, ['--version'], { encoding: 'utf8' }).trim().split(/\s+/).pop();
  assert.match(version, /^\d+\.\d+\.\d+/);
  await endSession();
  await startApp();
  await driver.find('body[data-ready="true"]', { timeout: 30000 });

  await driver.click(await driver.find('[data-testid=open-about]'));
  assert.equal(await driver.text(await driver.find('[data-testid=about-version]')), `Version ${version}`);
  await driver.click(await driver.find('[data-testid=copy-diagnostics]'));
  const outcome = await driver.until(
    () =>
      driver.execute(
        `if (document.querySelector('[data-testid=diagnostics-text]')) return 'shown';
         return document.querySelector('[data-testid=copied-status]')?.textContent === 'Copied' ? 'copied' : false;`,
      ),
    'the diagnostics copied or shown',
  );

  let text;
  if (outcome === 'shown') {
    text = await driver.execute(`return document.querySelector('[data-testid=diagnostics-text]').value`);
  } else {
    // Read the system clipboard back the way a person would: paste it into a text field.
    await driver.execute(
      `const field = document.createElement('textarea');
       field.id = 'paste-here';
       document.querySelector('dialog[open]').append(field);`,
    );
    const field = await driver.find('#paste-here');
    await driver.click(field);
    await driver.type(field, '\uE009v\uE009');
    text = await driver.until(() => driver.execute(`return document.querySelector('#paste-here').value`), 'the pasted text');
  }
  assert.ok(text.includes(version), `diagnostics (${outcome}) name the version ${version}:\n${text}`);
  assert.ok(text.includes(data.dir), `diagnostics name the data folder:\n${text}`);
});
