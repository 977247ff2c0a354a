// The desktop app and `fiilis serve` are separate processes on one library: a board open in
// one must show what the other writes, without a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWorkshopCard, serveWithChromium, watchedPage } from '../support/browser.mjs';
import { apiBody, serve } from '../support/fiilis.mjs';

const app = serveWithChromium();

test('a note written through another process appears on the open board', async () => {
  const workshop = await apiBody(app.server, 'create_workshop', { title: 'Two processes', template: 'hotel' });
  const { page, problems } = await watchedPage(app.browser);
  await openWorkshopCard(page, app.server, 'Two processes');
  await page.click('[data-testid=nav-board]');
  await page.locator('[data-testid=board][data-board-ready="true"]').waitFor();

  const other = await serve(app.dataDir);
  try {
    await apiBody(other, 'create_notes', {
      workshop_id: workshop.id,
      notes: [{ text: 'Written by the other process', x: 40, y: 40 }],
    });
    // Each process polls the library twice a second; allow a few polls under load.
    await page.locator('[data-testid=note-text]', { hasText: 'Written by the other process' }).waitFor({ timeout: 5000 });
  } finally {
    await other.stop();
  }
  assert.deepEqual(problems, []);
});
