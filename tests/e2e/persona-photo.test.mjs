// A persona photo imported in the real desktop app (release build, WebKit under Xvfb, driven
// through tauri-driver): the file path goes to the <input type=file> with WebDriver's
// "Element Send Keys", which stands in for the native file dialog.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { deflateSync } from 'node:zlib';
import { fiilisBin, tempDataDir } from '../support/fiilis.mjs';
import { WebDriver } from '../support/webdriver.mjs';

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

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

/** A real RGB PNG of `width` × `height` (a soft gradient), written with node's zlib. */
function makePng(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 255] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, body) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(typed));
    return Buffer.concat([len, typed, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([40 + x * 3, 120 + y * 2, 160], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let driverProcess;
let driver;
let data;
let photoDir;

before(async () => {
  data = tempDataDir();
  photoDir = mkdtempSync(join(tmpdir(), 'fiilis-photo-'));
  const [port, nativePort] = [await freePort(), await freePort()];
  driverProcess = spawn(
    'tauri-driver',
    ['--port', String(port), '--native-port', String(nativePort), '--native-driver', '/usr/bin/WebKitWebDriver'],
    { stdio: 'inherit', env: { ...process.env, FIILIS_DATA_DIR: data.dir, LANG: 'C.UTF-8' } },
  );
  // tauri-driver answers before the native driver behind it is ready: wait for both.
  await waitForStatus(nativePort);
  await waitForStatus(port);
  driver = new WebDriver(`http://127.0.0.1:${port}`);
});

after(async () => {
  await driver?.quit().catch(() => {});
  driverProcess?.kill();
  data?.remove();
  if (photoDir) rmSync(photoDir, { recursive: true, force: true });
});

test('a photo chosen for a new persona is shown in the gallery, and after a restart', async () => {
  const photo = join(photoDir, 'maija.png');
  writeFileSync(photo, makePng(64, 64));

  await driver.start({ 'tauri:options': { application: fiilisBin } });
  await driver.find('body[data-ready="true"]', { timeout: 30000 });
  await driver.until(
    () =>
      driver.execute(
        `const card = [...document.querySelectorAll('[data-testid=workshop-card]')]
           .find((c) => c.querySelector('[data-testid=workshop-title]')?.textContent.trim() === 'Sample: a hotel stay');
         if (!card) return false;
         card.querySelector('[data-testid=open]').click();
         return true;`,
      ),
    'the sample workshop',
  );
  await driver.click(await driver.find('[data-testid=nav-personas]'));
  await driver.find('[data-testid=personas][data-loaded="true"]');
  const before = (await driver.findAll('[data-testid=persona-card]')).length;

  await driver.click(await driver.find('[data-testid=new-persona]'));
  await driver.until(async () => (await driver.findAll('[data-testid=persona-card]')).length === before + 1, 'the new card');
  const name = await driver.find('[data-testid=persona-name]');
  await driver.clear(name);
  await driver.type(name, 'Maija Virtanen\uE007');
  await driver.until(
    async () => (await driver.execute(`return [...document.querySelectorAll('[data-testid=persona-card-name]')].map((n) => n.textContent)`)).includes('Maija Virtanen'),
    'the name in the gallery',
  );

  // The file dialog's test override: send the file's path to the <input type=file>.
  await driver.type(await driver.find('[data-testid=persona-photo-input]'), photo);

  const src = await driver.until(
    () =>
      driver.execute(
        `const card = [...document.querySelectorAll('[data-testid=persona-card]')]
           .find((c) => c.querySelector('[data-testid=persona-card-name]')?.textContent === 'Maija Virtanen');
         const err = document.querySelector('[data-testid=persona-photo-error]');
         if (err) return 'error: ' + err.textContent;
         return card?.querySelector('img[data-testid=persona-photo]')?.getAttribute('src') ?? false;`,
      ),
    'the photo in the gallery',
  );
  assert.match(src, /^data:image\/(png|jpeg|webp);base64,/);

  // Still there after a restart: it was stored in the library, not only shown.
  await driver.quit();
  await driver.start({ 'tauri:options': { application: fiilisBin } });
  await driver.find('body[data-ready="true"]', { timeout: 30000 });
  await driver.until(
    () =>
      driver.execute(
        `const card = [...document.querySelectorAll('[data-testid=workshop-card]')]
           .find((c) => c.querySelector('[data-testid=workshop-title]')?.textContent.trim() === 'Sample: a hotel stay');
         if (!card) return false;
         card.querySelector('[data-testid=open]').click();
         return true;`,
      ),
    'the sample workshop after a restart',
  );
  await driver.click(await driver.find('[data-testid=nav-personas]'));
  const again = await driver.until(
    () =>
      driver.execute(
        `const card = [...document.querySelectorAll('[data-testid=persona-card]')]
           .find((c) => c.querySelector('[data-testid=persona-card-name]')?.textContent === 'Maija Virtanen');
         return card?.querySelector('img[data-testid=persona-photo]')?.getAttribute('src') ?? false;`,
      ),
    'the photo after a restart',
  );
  assert.match(again, /^data:image\//);
});
