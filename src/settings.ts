import * as z from 'zod/mini';
import { SITES_OFF_KEY } from './page-badge/sites';
import type { SeerrConnection } from './seerr/types';
import { parseSeerrUrl } from './seerr/url';
import { parseStored } from './storage';
import { defineItem } from './stored-item';

/**
 * The options page's choices, apart from src/storage.ts so the popup does not carry them. The
 * Seerr address and API key are secrets: the background sends the Plex token to that address, so
 * no content script may read or change it.
 */
export const seerrUrlItem = defineItem<string>('secret:seerrUrl');
export const seerrApiKeyItem = defineItem<string>('secret:seerrApiKey');
/** How the last sign-in to Seerr went, for the options page. */
export const seerrConnectionItem = defineItem<SeerrConnection>('local:seerrConnection');
/** Machine ids, the preferred server first; servers not in it follow in the usual order. */
export const serverOrderItem = defineItem<string[]>('local:serverOrder');
/** Sites (imdb, tmdb, letterboxd, trakt) where the badge is off; content scripts read it with no library. */
export const sitesOffItem = defineItem<string[]>(`local:${SITES_OFF_KEY}`);

const Strings = z.array(z.string());

export async function readSeerrSettings(): Promise<{ url: string; apiKey?: string } | null> {
  const [url, apiKey] = await Promise.all([seerrUrlItem.getValue(), seerrApiKeyItem.getValue()]);
  const address = typeof url === 'string' ? parseSeerrUrl(url) : null;
  if (!address) return null;
  return typeof apiKey === 'string' && apiKey ? { url: address, apiKey } : { url: address };
}

export async function readServerOrder(): Promise<string[]> {
  return parseStored(Strings, await serverOrderItem.getValue()) ?? [];
}
