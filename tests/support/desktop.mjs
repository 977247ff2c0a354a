// Runs the real desktop app for the e2e tests: tauri-driver (in front of WebKitWebDriver) on free
// ports with its own temporary library, and the few steps every desktop test takes in the window.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fiilisBin, tempDataDir } from './fiilis.mjs';
import { WebDriver } from './webdriver.mjs';

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

// Tests that open a room choose its port too: the default one may be held by another test run.
export { freePort };

async function waitForStatus(port) {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`nothing answered on port ${port}`);
}

/**
 * Ends every process still running on the library in `dataDir` (each test has its own): an
 * app whose driver went away first would otherwise outlive the test run.
 */
function killAppsOf(dataDir) {
  const marker = `FIILIS_DATA_DIR=${dataDir}\0`;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone already, or not ours to read
    }
  }
}

/**
 * Starts tauri-driver with the app's library in a fresh temporary folder and waits until it and
 * the native driver behind it answer. `stop()` ends any session, the driver and the library.
 * @returns {Promise<{driver: WebDriver, stop: () => Promise<void>}>}
 */
export async function startTauriDriver() {
  const data = tempDataDir();
  // The driver, and the app it starts, write to a file rather than to this process's pipes:
  // a process holding the test runner's stdout open would keep the runner from ever ending.
  const logPath = join(data.dir, 'driver.log');
  const log = openSync(logPath, 'a');
  let driverProcess;
  let driver;
  const stop = async () => {
    await driver?.quit().catch(() => {});
    driverProcess?.kill();
    killAppsOf(data.dir);
    closeSync(log);
    data.remove();
  };
  try {
    const [port, nativePort] = [await freePort(), await freePort()];
    driverProcess = spawn(
      'tauri-driver',
      ['--port', String(port), '--native-port', String(nativePort), '--native-driver', '/usr/bin/WebKitWebDriver'],
      { stdio: ['ignore', log, log], env: { ...process.env, FIILIS_DATA_DIR: data.dir, LANG: 'C.UTF-8' } },
    );
    // tauri-driver answers before the native driver behind it is ready: wait for both.
    await waitForStatus(nativePort);
    await waitForStatus(port);
    driver = new WebDriver(`http://127.0.0.1:${port}`);
  } catch (error) {
    const output = readFileSync(logPath, 'utf8');
    await stop();
    throw new Error(`${error.message}\ntauri-driver said:\n${output}`);
  }
  return { driver, stop };
}

/** Starts the app (`FIILIS_BIN`) in a new session of `driver` and waits until its UI is ready. */
export async function launchApp(driver) {
  await driver.start({ 'tauri:options': { application: fiilisBin } });
  await driver.find('body[data-ready="true"]', { timeout: 30000 });
}

/** Opens the workshop titled `title` from the library, once its card is shown; `what` names the wait. */
export async function openWorkshop(driver, title, what = `the card of ${title}`) {
  await driver.until(
    () =>
      driver.execute(
        `const card = [...document.querySelectorAll('[data-testid=workshop-card]')]
           .find((c) => c.querySelector('[data-testid=workshop-title]')?.textContent.trim() === arguments[0]);
         if (!card) return false;
         card.querySelector('[data-testid=open]').click();
         return true;`,
        [title],
      ),
    what,
  );
}

/** The handles of the app's windows that `driver` can see (W3C "Get Window Handles"). */
export function windowHandles(driver) {
  return driver.sessionCommand('GET', '/window/handles');
}

/** Makes the window with `handle` the one `driver`'s next commands go to. */
export function switchToWindow(driver, handle) {
  return driver.sessionCommand('POST', '/window', { handle });
}
