// A photo taken on a phone lands on the board: headless Chromium as a phone against the real
// `fiilis serve --participants`; the page scales the picture down and sends it once, the
// laptop stores it as a photo note in the board's inbox, and the phone lists it as its own.
// The presenter's board shows the photo, named by its caption.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tempDataDir } from '../support/fiilis.mjs';
import { makePng } from '../support/png.mjs';
import { joinRoom, openPhone, serveRoom } from '../support/room.mjs';
import { launchChromium, watchedPage } from '../support/browser.mjs';

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

test('a photo taken on a phone becomes a photo note on the board, once', async () => {
  const opened = await room.api('update_room', { brainstorm_open: true });
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  const phone = await openPhone(browser);
  const { page } = phone;
  await joinRoom(page, room, 'Aino');
  await page.locator('[data-testid=notes-view][data-open=true]').waitFor();

  // A camera-sized picture: the page scales it to 1,600 pixels before it travels.
  await page.setInputFiles('[data-testid=photo-input]', { name: 'wall.png', mimeType: 'image/png', buffer: makePng(2400, 1800) });
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

  // The projector shows the photo itself, not just its caption.
  const tab = await watchedPage(browser, { viewport: { width: 1600, height: 900 } });
  const presenter = tab.page;
  await presenter.goto(`${room.origin}/#token=${room.token}&presenter=${room.workshopId}`);
  await presenter.locator('[data-testid=presenter][data-loaded="true"]').waitFor();
  await presenter.locator('[data-testid=presenter-view-board]').click();
  const shown = presenter.locator(`[data-testid=presenter-note][data-note-id="${photos[0].id}"] [data-testid=presenter-note-photo][alt="Photo"]`);
  await shown.waitFor();
  await presenter.waitForFunction(() => document.querySelector('[data-testid=presenter-note-photo]')?.naturalWidth === 512);
  assert.deepEqual(tab.problems, []);
  await presenter.close();
});
