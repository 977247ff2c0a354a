// Long words broken at syllables on screen. Neither webview has Finnish hyphenation
// dictionaries, so CSS `hyphens: auto` leaves "sisäänkirjautuminen" unbroken or cuts it
// between any two letters. Core puts soft hyphens (U+00AD) where its TeX patterns allow a
// break (the `hyphenate` operation; the PDF uses the same patterns); the browser shows "-"
// there only when the line breaks. Texts are asked for in batches and remembered, and shown
// as they are until the answer comes.
import { SvelteMap } from 'svelte/reactivity';
import { call } from './api';
import type { Language } from './backend/types';

/** Only texts with a word this long can break (core leaves shorter words whole). */
const LONG_WORD = /\p{L}{7,}/u;

const known = new SvelteMap<string, string>();
const waiting = new Map<Language, Set<string>>();
let scheduled = false;

const keyOf = (language: Language, text: string) => `${language}\u0000${text}`;

async function ask(language: Language, texts: string[]) {
  try {
    const answers = await call('hyphenate', { language, texts });
    texts.forEach((text, i) => known.set(keyOf(language, text), answers[i] ?? text));
  } catch {
    // Not reachable (a read-only presenter without the grant, an old backend): plain text.
    for (const text of texts) known.set(keyOf(language, text), text);
  }
}

function flush() {
  scheduled = false;
  for (const [language, texts] of waiting) void ask(language, [...texts]);
  waiting.clear();
}

/** `text` with soft hyphens in its long words, once core has answered; `text` until then. */
export function hyphenated(text: string, language: Language): string {
  if (!LONG_WORD.test(text)) return text;
  const found = known.get(keyOf(language, text));
  if (found !== undefined) return found;
  let texts = waiting.get(language);
  if (!texts) waiting.set(language, (texts = new Set()));
  texts.add(text);
  if (!scheduled) {
    scheduled = true;
    queueMicrotask(flush);
  }
  return text;
}
