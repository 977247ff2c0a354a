// The board's card layer in headless Debian Chromium against the real `fiilis serve`: while a
// wheel zoom is on its way among compact notes, the notes are drawn as cards on one canvas and
// their own elements paint nothing (but keep their names); notes coming into view are built
// once the zoom rests, when the canvas gives way to the notes again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiBody } from '../support/fiilis.mjs';
import { watchedPage, openWorkshopCard, serveWithChromium } from '../support/browser.mjs';

const app = serveWithChromium();
const api = (operation, input) => apiBody(app.server, operation, input);

const COLOURS = ['yellow', 'sky', 'green', 'pink'];

/**
 * Ctrl+wheel steps over the board's middle, dispatched in the page so that what follows is
 * looked at within the same zoom (it rests after 150 ms). Resolves, a frame after the last
 * step, to what `look` (a function source run in the page) returns.
 */
async function zoomThenLook(page, steps, deltaY, look) {
  // Put in place by the test driver (the page's own policy allows no script from text).
  await page.evaluate(`window.__look = ${look.toString()}`);
  return page.evaluate(
    async ({ steps, deltaY }) => {
      const view = document.querySelector('[data-testid=board] [role=application]');
      const box = view.getBoundingClientRect();
      for (let i = 0; i < steps; i++) {
        view.dispatchEvent(
          new WheelEvent('wheel', { deltaY, ctrlKey: true, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, bubbles: true, cancelable: true }),
        );
      }
      await new Promise((resolve) => requestAnimationFrame(() => resolve()));
      return window.__look();
    },
    { steps, deltaY },
  );
}

/** In the page: each note element's name, colour and box, and the card layer's pixel under its middle. */
function seen() {
  const layer = document.querySelector('[data-testid=card-layer]');
  const ctx = layer?.getContext('2d');
  const lr = layer?.getBoundingClientRect();
  const view = document.querySelector('[data-testid=board] [role=application]').getBoundingClientRect();
  const notes = [...document.querySelectorAll('[data-testid=note]')].map((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    let pixel = null;
    if (ctx && x > view.left && x < view.right && y > view.top && y < view.bottom) {
      const k = layer.width / lr.width;
      pixel = [...ctx.getImageData(Math.floor((x - lr.left) * k), Math.floor((y - lr.top) * k), 1, 1).data];
    }
    const style = getComputedStyle(el);
    return { name: el.getAttribute('aria-label'), colour: el.dataset.colour, background: style.backgroundColor, text: el.querySelector('[data-testid=note-text]') ? getComputedStyle(el.querySelector('[data-testid=note-text]')).visibility : null, pixel };
  });
  return { layer: !!layer, cards: !!document.querySelector('.world.cards'), notes };
}

test('a wheel zoom among compact notes draws them as cards on one canvas; they keep their names, and are built and show their text once it rests', async () => {
  const workshop = await api('create_workshop', { title: 'Card board' });
  const notes = [];
  for (let r = 0; r < 18; r++) for (let c = 0; c < 36; c++) notes.push({ text: `Card ${r}-${c}`, colour: COLOURS[(r + c) % 4], x: c * 200, y: r * 140 });
  await api('create_notes', { workshop_id: workshop.id, notes });
  const { page, problems } = await watchedPage(app.browser, { viewport: { width: 1440, height: 900 } });
  await openWorkshopCard(page, app.server, 'Card board');
  await page.click('[data-testid=nav-board]');
  await page.locator('[data-testid=board][data-board-ready="true"]').waitFor();
  // 100 %, then -: compact notes at rest, the text in view.
  await page.keyboard.press('0');
  for (let i = 0; i < 4; i++) await page.keyboard.press('-');
  await page.waitForTimeout(300);
  const fills = new Map();
  const atRest = await page.evaluate(seen);
  assert.equal(atRest.layer, false, 'no card layer at rest');
  for (const n of atRest.notes) fills.set(n.colour, n.background);
  assert.equal(fills.size, 4, 'every colour is in view');
  const builtAtRest = atRest.notes.length;
  assert.ok(builtAtRest < notes.length, `only the notes near the view are built (${builtAtRest})`);

  // Zooming out: cards on the canvas, in each note's colour, under elements that paint nothing.
  const zooming = await zoomThenLook(page, 12, 40, seen);
  assert.equal(zooming.cards, true, 'cards while the zoom is on its way');
  assert.equal(zooming.layer, true, 'the card layer is there');
  let checked = 0;
  for (const n of zooming.notes) {
    assert.equal(n.background, 'rgba(0, 0, 0, 0)', `${n.name}: its element paints no background`);
    assert.ok(n.name?.startsWith('Card '), 'each note keeps its text as its name');
    if (n.pixel) {
      const [r, g, b, a] = n.pixel;
      assert.equal(`rgb(${r}, ${g}, ${b})`, fills.get(n.colour), `${n.name}: the card under it is ${n.colour}`);
      assert.equal(a, 255);
      checked++;
    }
  }
  assert.ok(checked > 10, `cards checked under ${checked} notes`);
  assert.ok(zooming.notes.length <= builtAtRest, 'no note is built while the zoom is on its way');

  // At rest again: no canvas; every note in view is built, in its own colour, with its text.
  await page.waitForFunction(() => !document.querySelector('[data-testid=card-layer]'));
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=note]').length === n, notes.length);
  const rested = await page.evaluate(seen);
  for (const n of rested.notes) assert.equal(n.background, fills.get(n.colour), `${n.name}: its own colour again`);
  assert.deepEqual(problems, []);
  await page.close();
});
