import type { Messages } from '../app/module';
import th from './th.json';
import en from './en.json';

export const LANGUAGES = ['th', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The shared strings (default namespace) and each module's own, under its id. */
export function resourcesOf(
  modules: readonly { id: string; messages: { th: Messages; en: Messages } }[],
): Record<Language, Record<string, Messages>> {
  const of = (lang: Language, shared: Messages) => ({
    translation: shared,
    ...Object.fromEntries(modules.map((m) => [m.id, m.messages[lang]])),
  });
  return { th: of('th', th), en: of('en', en) };
}
