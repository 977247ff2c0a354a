// The current UI language as Svelte state. `t()` reads it, so templates re-render on change.
import type { MessageKey } from './en';
import { templateParts, type Part } from './parts';
import {
  dictionaries,
  detectLocale,
  errorText,
  translate,
  translatePlural,
  type Locale,
  type Params,
} from './messages';

export type { Locale, MessageKey };

const STORAGE_KEY = 'fiilis.language';

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

const state = $state<{ locale: Locale }>({
  locale: detectLocale(readStored(), typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language]),
});

export const i18n = {
  get locale(): Locale {
    return state.locale;
  },
  set locale(value: Locale) {
    state.locale = value;
    try {
      localStorage.setItem(STORAGE_KEY, value);
    } catch {
      // storage disabled: the choice lasts for this session only
    }
    applyLang();
  },
};

export function applyLang(): void {
  document.documentElement.lang = state.locale;
}

export function t(key: MessageKey, params?: Params): string {
  return translate(state.locale, key, params);
}

/** `t` as parts, for a sentence with people's words in it (lib/components/Sentence.svelte). */
export function tParts(key: MessageKey, params: Params): Part[] {
  return templateParts(dictionaries[state.locale][key], params);
}

export function tn(base: Parameters<typeof translatePlural>[1], count: number, params?: Params): string {
  return translatePlural(state.locale, base, count, params);
}

export function errorMessage(err: unknown): string {
  return errorText(state.locale, err);
}
