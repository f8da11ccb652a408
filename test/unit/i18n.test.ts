import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatCountdown, formatTime, t, tWith } from '@/src/i18n';
import { LOCALES_DIR, readMessages, useLocale } from '../i18n/fake-i18n';
import { ROOT, sources } from './sources';

const english = readMessages('en');
const locales = readdirSync(LOCALES_DIR).sort();
const translations = locales.filter((locale) => locale !== 'en');

/** $name$ references in a message, lower-cased as the browsers match them. */
const references = (message: string) => [...message.matchAll(/\$([a-z0-9_@]+)\$/gi)].map((m) => m[1]!.toLowerCase()).sort();

/** The extension's code and its manifest's source, as one text. */
async function sourceText(): Promise<string> {
  return [readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8'), ...(await sources()).map((file) => file.text)].join('\n');
}

afterEach(() => useLocale('en', 'en-US'));

describe('the messages', () => {
  it('come in English, German and French', () => {
    expect(locales).toEqual(expect.arrayContaining(['de', 'en', 'fr']));
  });

  it('have names the browsers accept and fit the stores’ limits', () => {
    for (const locale of locales) {
      const messages = readMessages(locale);
      for (const key of Object.keys(messages)) expect(key, `${locale}: ${key}`).toMatch(/^(?!@@)[A-Za-z0-9_@]+$/);
      // Chrome Web Store: name at most 75 characters, description 132; addons.mozilla.org: name 50.
      expect(messages.extName!.message.length, locale).toBeLessThanOrEqual(50);
      expect(messages.extDescription!.message.length, locale).toBeLessThanOrEqual(132);
    }
  });

  it.each(translations)('%s has every English message, translated, with the same placeholders', (locale) => {
    const messages = readMessages(locale);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    // The same in every language: a code, a brand's button, and the Watchlist's "+".
    const alike = new Set(['codeLabel', 'watchlistAdd']);
    for (const [key, entry] of Object.entries(messages)) {
      const source = english[key]!;
      expect(entry.message.trim(), `${locale}: ${key} is empty`).not.toBe('');
      if (!alike.has(key)) expect(entry.message, `${locale}: ${key} is not translated`).not.toBe(source.message);
      expect(references(entry.message), `${locale}: ${key} placeholders`).toEqual(references(source.message));
      expect(entry.placeholders ?? {}, `${locale}: ${key} placeholder contents`).toEqual(source.placeholders ?? {});
    }
  });

  it('define every placeholder they use, and use every one they define', () => {
    for (const locale of locales) {
      for (const [key, entry] of Object.entries(readMessages(locale))) {
        const defined = Object.keys(entry.placeholders ?? {})
          .map((name) => name.toLowerCase())
          .sort();
        expect(references(entry.message), `${locale}: ${key}`).toEqual(defined);
      }
    }
  });

  it('are all used by the extension, and the manifest takes its name and description from them', async () => {
    const text = await sourceText();
    const unused = Object.keys(english).filter((key) => !text.includes(`'${key}'`) && !text.includes(`__MSG_${key}__`));
    expect(unused).toEqual([]);
    expect(text).toContain("name: '__MSG_extName__'");
    expect(text).toContain("description: '__MSG_extDescription__'");
  });

  it('keep the badge’s English status words that checks outside this repository read', () => {
    expect(['badgeOn', 'badgeNotOn', 'badgeSignedOut'].map((key) => english[key]!.message)).toEqual([
      'on Plex',
      'not on your servers',
      'signed out',
    ]);
  });
});

describe('words in the browser’s language', () => {
  it('fills substitutions into the sentence where each language puts them', () => {
    useLocale('de');
    expect(t('announceSignedIn', 'Alex')).toBe('Angemeldet als Alex.');
    const link = { marker: 'plex.tv/link' } as unknown as Node;
    expect(tWith('codeGoTo', link)).toEqual(['Öffne auf einem beliebigen Gerät ', link, ' und gib ein:']);
    useLocale('fr');
    expect(t('problemUnreachable', 'Salon')).toBe('Salon injoignable');
  });

  it('formats times for the locale, with the date when it is not today', () => {
    const at = new Date(2026, 10, 23, 14, 5).getTime();
    useLocale('en', 'en-US');
    expect(formatTime(at, at)).toMatch(/^2:05\sPM$/);
    useLocale('de', 'de');
    expect(formatTime(at, at)).toBe('14:05');
    expect(formatTime(at, at + 86_400_000)).toMatch(/^23\.11\.2026, 14:05$/);
  });

  it('counts down in minutes and seconds, and stops at zero', () => {
    expect(formatCountdown(299_001)).toBe('05:00');
    expect(formatCountdown(59_000)).toBe('00:59');
    expect(formatCountdown(-5_000)).toBe('00:00');
  });
});
