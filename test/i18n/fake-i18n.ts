import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** One messages.json entry, as the browsers read it. */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Messages = Record<string, MessageEntry>;

export const LOCALES_DIR = resolve(import.meta.dirname, '../../public/_locales');

export function readMessages(locale: string): Messages {
  return JSON.parse(readFileSync(resolve(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Messages;
}

/** As Chrome and Firefox fill it: $name$ case-insensitive, then $1…$9 and $$ (developer.chrome.com/docs/extensions/mv3/i18n-messages). */
export function formatMessage(entry: MessageEntry, substitutions: readonly string[]): string {
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  return entry.message
    .replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => placeholders[name.toLowerCase()] ?? whole)
    .replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (substitutions[Number(which) - 1] ?? '')));
}

/** The fake browser has no i18n; English fills what `locale` lacks, as the browsers fall back to default_locale. */
export function useLocale(locale: string, uiLanguage = locale): void {
  const wanted = readMessages(locale);
  const english = readMessages('en');
  fakeBrowser.i18n.getMessage = (name: string, substitutions?: string | string[]) => {
    const entry = wanted[name] ?? english[name];
    if (!entry) return '';
    return formatMessage(entry, typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []));
  };
  fakeBrowser.i18n.getUILanguage = () => uiLanguage;
}
