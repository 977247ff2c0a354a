// Pure i18n helpers (no Svelte state), unit-tested in i18n.test.ts.
import { en, type Dictionary, type MessageKey } from './en';
import { fi } from './fi';
import { ApiError, isKnownErrorCode } from '../backend/types';
import { isolate } from '../text';

export type Locale = 'en' | 'fi';
export const LOCALES: readonly Locale[] = ['en', 'fi'];
export const dictionaries: Record<Locale, Dictionary> = { en, fi };

export type Params = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'fi';
}

/** The stored choice wins; otherwise Finnish for any `fi*` browser language, else English. */
export function detectLocale(stored: string | null | undefined, navigatorLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  const first = navigatorLanguages.find((l) => typeof l === 'string' && l.length > 0);
  return first && first.toLowerCase().startsWith('fi') ? 'fi' : 'en';
}

/**
 * Replace {name} placeholders; unknown placeholders are left as written. A value holding a
 * bidirectional control is isolated (lib/text.ts), so it cannot reorder the rest of the sentence.
 */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? isolate(String(params[name])) : match,
  );
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = dictionaries[locale][key] ?? en[key] ?? key;
  return interpolate(text, params);
}

type PluralBase = {
  [K in MessageKey]: K extends `${infer B}_other` ? B : never;
}[MessageKey];

/** Plural form by Intl.PluralRules: `${base}_one` or `${base}_other`; `{count}` is filled in. */
export function translatePlural(locale: Locale, base: PluralBase, count: number, params?: Params): string {
  const rule = new Intl.PluralRules(locale).select(count);
  const candidate = `${base}_${rule}`;
  const key = (candidate in en ? candidate : `${base}_other`) as MessageKey;
  return translate(locale, key, { count, ...params });
}

/** A readable message for any error: known codes are translated, others fall back to their message. */
export function errorText(locale: Locale, err: unknown): string {
  if (err instanceof ApiError) {
    if (isKnownErrorCode(err.code)) {
      const text = translate(locale, `error_${err.code}` as MessageKey);
      if (err.code === 'invalid_input' && err.message && err.message !== err.code) {
        return translate(locale, 'error_with_detail', { message: text, detail: err.message });
      }
      return text;
    }
    return err.message || translate(locale, 'error_unknown');
  }
  if (err instanceof Error && err.message) return err.message;
  return translate(locale, 'error_unknown');
}
