// A photo taken on a phone lands on the board: headless Chromium as a phone against the real
// `fiilis serve --participants`; the page scales the picture down and sends it once, the
// laptop stores it as a photo note in the board's inbox, and the phone lists it as its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { tempDataDir } from '../support/fiilis.mjs';
import { openPhone, serveRoom } from '../support/room.mjs';
import { launchChromium } from '../support/browser.mjs';

let browser;
let room;
let data;

before(async () => {
  data = tempDataDir();
  room = await serveRoom(data.dir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await room?.stop();
  data?.remove();
});

/** A real PNG of `width` × `height` pixels (a colour gradient), built by hand: no image library needed. */
function png(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, body) => {
    const out = Buffer.alloc(12 + body.length);
    out.writeUInt32BE(body.length, 0);
    out.write(type, 4, 'ascii');
    body.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + body.length)), 8 + body.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([(x * 255) / width, (y * 255) / height, 128], y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

test('a photo taken on a phone becomes a photo note on the board, once', async () => {
  const opened = await room.api('update_room', { brainstorm_open: true });
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  const phone = await openPhone(browser);
  const { page } = phone;
  await page.goto(room.joinUrl);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.fill('[data-testid=join-name]', 'Aino');
  await page.locator('[data-testid=join-submit]').tap();
  await page.locator('[data-testid=notes-view][data-open=true]').waitFor();

  // A camera-sized picture: the page scales it to 1,600 pixels before it travels.
  await page.setInputFiles('[data-testid=photo-input]', { name: 'wall.png', mimeType: 'image/png', buffer: png(2400, 1800) });
  await page.locator('[data-testid=my-note][data-waiting=false]', { hasText: 'Photo' }).waitFor();

  const board = await room.api('get_board', { workshop_id: room.workshopId });
  assert.equal(board.status, 200);
  const photos = board.body.notes.filter((note) => note.image_id);
  assert.equal(photos.length, 1, 'stored once');
  assert.equal(photos[0].text, 'Photo');
  assert.ok(photos[0].x < 0, 'in the inbox, left of the board');
  const image = await room.api('get_image', { workshop_id: room.workshopId, id: photos[0].image_id });
  assert.equal(image.status, 200);
  assert.deepEqual([image.body.width, image.body.height], [512, 384], 'kept at the persona photo size');

  // Something that is not an image is refused on the phone with a readable message.
  await page.setInputFiles('[data-testid=photo-input]', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
  await page.locator('[data-testid=photo-error]').waitFor();
  const after = await room.api('get_board', { workshop_id: room.workshopId });
  assert.equal(after.body.notes.filter((note) => note.image_id).length, 1);
  assert.deepEqual(phone.problems, []);
});
