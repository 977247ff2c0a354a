// Accessibility checks with axe-core, run inside the page under test: the WCAG 2.1 A and AA
// rules, so a screen that a keyboard or screen reader user cannot use fails the test that
// visits it, naming the rule and the elements.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../ui/package.json', import.meta.url));
// Evaluated through the debugging protocol, which the pages' Content Security Policy (no
// inline scripts) rightly does not let a <script> tag do.
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The WCAG 2.1 AA violations on `page` (or within `selector`), each as one readable line:
 * the rule, its help text and up to three of the elements it found.
 * @returns {Promise<string[]>}
 */
export async function axeViolations(page, selector = null) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(
    async ([tags, within]) => {
      const context = within ? document.querySelector(within) : document;
      const result = await window.axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    },
    [TAGS, selector],
  );
  return violations.map((v) => `${v.id}: ${v.help} (${v.targets.join(', ')})`);
}
