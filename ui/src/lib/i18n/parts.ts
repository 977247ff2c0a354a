// A translated sentence cut at its placeholders (pure, no imports: the phone page uses it too),
// so what fills a placeholder from people's own words can be shown in an element of its own
// (`user-text`, theme.css): a direction override inside a name then cannot reorder the rest of
// the sentence.

export interface Part {
  text: string;
  /** The placeholder this part fills, or null for the sentence's own words. */
  param: string | null;
}

/** `template` as parts: its words, and each `{name}` in `params` filled in; unknown placeholders stay words. */
export function templateParts(template: string, params: Record<string, string | number> = {}): Part[] {
  const parts: Part[] = [];
  let words = '';
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const name = match[1];
    const at = match.index ?? 0;
    words += template.slice(last, at);
    last = at + match[0].length;
    if (!Object.prototype.hasOwnProperty.call(params, name)) {
      words += match[0];
      continue;
    }
    if (words) parts.push({ text: words, param: null });
    words = '';
    parts.push({ text: String(params[name]), param: name });
  }
  words += template.slice(last);
  if (words) parts.push({ text: words, param: null });
  return parts;
}
