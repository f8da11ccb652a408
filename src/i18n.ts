import { browser } from 'wxt/browser';
import type english from '../public/_locales/en/messages.json';

/** English's keys, so a message key that does not exist is a type error; the browser's i18n picks the language. */
export type MessageKey = keyof typeof english;

export function t(key: MessageKey, ...substitutions: string[]): string {
  return browser.i18n.getMessage(key, substitutions);
}

const MARK = '\u0001';

/** The element (a code, a link, a countdown) takes the first substitution's place, wherever each language puts it in the sentence. */
export function tWith(key: MessageKey, node: Node, ...more: string[]): (string | Node)[] {
  const [before = '', after = ''] = t(key, MARK, ...more).split(MARK);
  return [before, node, after];
}

/** The locale the browser shows its own interface in (e.g. "de", "en-US"). */
function uiLocale(): string {
  return browser.i18n.getUILanguage();
}

/** "2:05 PM" in en-US, "14:05" in de; with the date ("Nov 22, 2026, 2:05 PM") unless it is today. */
export function formatTime(at: number, now = Date.now()): string {
  const today = new Date(at).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(uiLocale(), today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** "Nov 23, 2026" in en-US, "23.11.2026" in de. */
export function formatDate(at: number): string {
  return new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium' }).format(at);
}

interface DurationFormatter {
  format(duration: { minutes: number; seconds: number }): string;
}
type DurationFormatConstructor = new (locale: string, options: { style: 'digital'; hoursDisplay: 'auto' }) => DurationFormatter;

/** "04:59", in the locale's digital style where the runtime has Intl.DurationFormat (both supported browsers do), else mm:ss. */
export function formatCountdown(msLeft: number): string {
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const DurationFormat = (Intl as { DurationFormat?: DurationFormatConstructor }).DurationFormat;
  if (DurationFormat) return new DurationFormat(uiLocale(), { style: 'digital', hoursDisplay: 'auto' }).format({ minutes, seconds });
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** "8,000" in en, "8.000" in de, "8 000" in fr. */
export function formatCount(value: number): string {
  return new Intl.NumberFormat(uiLocale()).format(value);
}

/** "1.2 MB", "850 kB", in the locale's digits and unit words. */
export function formatBytes(bytes: number): string {
  const megabytes = bytes >= 1_000_000;
  const value = megabytes ? bytes / 1_000_000 : Math.max(1, Math.round(bytes / 1000));
  const unit = megabytes ? 'megabyte' : 'kilobyte';
  return new Intl.NumberFormat(uiLocale(), { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}
