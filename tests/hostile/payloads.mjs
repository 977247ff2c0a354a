// The hostile payloads of tests/hostile/payloads.json for the Node suites, and what the pages
// showing them are checked for: nothing from a payload ran or became an element.
import { readFileSync } from 'node:fs';

const file = JSON.parse(readFileSync(new URL('./payloads.json', import.meta.url), 'utf8'));

/** Every entry, with `text` filled in for the repeated ones. */
export const payloads = file.payloads.map((p) =>
  p.repeat ? { ...p, text: p.repeat.prefix + p.repeat.unit.repeat(p.repeat.times) } : p,
);

/** Text payloads that fit a note (1,000 characters): they go everywhere text goes. */
export const texts = payloads.filter((p) => typeof p.text === 'string' && [...p.text].length <= 1000);

/** The payloads too long for any field. */
export const tooLong = payloads.filter((p) => typeof p.text === 'string' && [...p.text].length > 1000);

/** Payloads as JSON source that is not valid Unicode (lone surrogates). */
export const jsonStrings = payloads.filter((p) => p.json_string);

/** Payloads as raw bytes (invalid UTF-8, a raw NUL). */
export const rawBytes = payloads.filter((p) => p.base64).map((p) => ({ ...p, bytes: Buffer.from(p.base64, 'base64') }));

/** The payload named `name`. */
export const payload = (name) => payloads.find((p) => p.name === name).text;

// Unicode White_Space, which core trims; JavaScript's trim() also takes U+FEFF and keeps U+0085.
const space = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const edges = new RegExp(`^${space}+|${space}+$`, 'g');

/** `text` as core cleans it on the way in: control characters (Unicode Cc) other than tab and
 * newline dropped, a carriage return (alone or before a newline) read as a newline. */
export const cleaned = (text) =>
  text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');

/** `text` as core stores it: cleaned, then trimmed of Unicode white space at both ends. */
export const trimmed = (text) => cleaned(text).replace(edges, '');

/** `text` cut to `max` characters (code points, as core counts them); null when only spaces are left. */
export function fit(text, max) {
  const cut = [...text].slice(0, max).join('');
  return trimmed(cut) === '' ? null : cut;
}

/**
 * What a reader sees of a text: control characters left out, runs of spaces and line breaks as
 * one, and no soft hyphens (the screens add them to long words; they show only at a line break).
 */
export function shown(text) {
  return text
    .replace(/\u00ad/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A browser-side function (for `page.evaluate` or WebDriver's execute) returning what went wrong
 * on the page: the canary the payloads set, a polluted prototype, and every element or attribute
 * a payload would have created had it been parsed as markup. Its argument is the list of probes.
 */
export const inspectSource = `(probes) => {
  const marker = /__pwned|evil\\.example|pwnlink|pwnbutton|javascript:/i;
  const injected = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) injected.push(el.tagName + ' ' + name + '=' + attr.value);
      else if (/^(href|src|srcdoc|action|formaction|xlink:href|data|style|http-equiv|content|id)$/.test(name) && marker.test(attr.value))
        injected.push(el.tagName + ' ' + name + '=' + attr.value);
    }
    if ((el.tagName === 'SCRIPT' || el.tagName === 'STYLE') && marker.test(el.textContent)) injected.push(el.tagName + ' ' + el.textContent.slice(0, 80));
    if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') injected.push('img src=x');
    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE'].includes(el.tagName)) injected.push(el.tagName);
    if (el.tagName === 'META' && el.hasAttribute('http-equiv')) injected.push('meta http-equiv');
  }
  for (const probe of probes) {
    for (const el of document.querySelectorAll(probe)) {
      if (marker.test(el.outerHTML) || el.getAttribute('src') === 'x') injected.push(probe + ': ' + el.outerHTML.slice(0, 80));
    }
  }
  const text = [document.title, document.body.textContent, ...[...document.querySelectorAll('input, textarea')].map((e) => e.value)].join(' ');
  return { pwned: window.__pwned ?? null, polluted: ({}).polluted ?? null, injected, text };
}`;

/** The CSS probes of the payloads. */
export const probes = payloads.filter((p) => p.probe).map((p) => p.probe);
