// Journey templates from `list_templates`, cached per language.
import { call } from './api';
import type { Language, TemplateInfo } from './backend';
import { translate } from './i18n/messages';
import type { MessageKey } from './i18n/en';

const cache = $state<Partial<Record<Language, TemplateInfo[]>>>({});
const pending = new Map<Language, Promise<TemplateInfo[]>>();

export function loadTemplates(language: Language): Promise<TemplateInfo[]> {
  const cached = cache[language];
  if (cached) return Promise.resolve(cached);
  let promise = pending.get(language);
  if (!promise) {
    promise = call('list_templates', { language })
      .then((list) => {
        cache[language] = list;
        return list;
      })
      .finally(() => pending.delete(language));
    pending.set(language, promise);
  }
  return promise;
}

export function templatesFor(language: Language): TemplateInfo[] | undefined {
  return cache[language];
}

/** The template's name in `language`, from the backend when loaded, else the UI's own words. */
export function templateName(id: string, language: Language): string {
  const found = cache[language]?.find((tpl) => tpl.id === id);
  if (found) return found.name;
  const key = `template_${id}`;
  return key === 'template_blank' || key === 'template_hotel' || key === 'template_digital'
    ? translate(language, key as MessageKey)
    : id;
}
