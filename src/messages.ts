import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { SignInMode } from './signin/state';

/**
 * Everything the popup may ask of the background. Nothing here returns the token: the popup
 * learns the outcome by watching storage.
 */
export const PopupRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sign-in'), mode: SignInMode }),
  z.object({ type: z.literal('open-approval') }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('sign-out') }),
  z.object({ type: z.literal('check-session') }),
  z.object({ type: z.literal('refresh-servers') }),
  /** The options page saved a Seerr address: sign in to it and keep the outcome for the page. */
  z.object({ type: z.literal('seerr-check') }),
  z.object({ type: z.literal('allow-plain-http'), machineId: z.string().check(z.regex(/^[\w-]{1,128}$/)), allowed: z.boolean() }),
]);
export type PopupRequest = z.infer<typeof PopupRequest>;

const TitleKind = z.enum(['movie', 'show']);
const ImdbId = z.string().check(z.regex(/^tt\d{7,10}$/));
/** Season and episode numbers as pages write them (season 0 holds a show's specials). */
const PartNumber = z.number().check(z.int(), z.gte(0), z.lte(9999));

/**
 * Title ids as the sites write them; anything else is refused before it reaches a URL. An IMDb
 * episode page names its own id and its series' (JSON-LD `partOfSeries`); a TMDb season or
 * episode page names the show and the numbers in its address.
 */
export const TitleRefSchema = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('imdb'),
    id: ImdbId,
    kind: z.optional(z.enum(['movie', 'show', 'episode'])),
    series: z.optional(ImdbId),
    season: z.optional(PartNumber),
    episode: z.optional(PartNumber),
  }),
  z.object({
    source: z.literal('tmdb'),
    id: z.string().check(z.regex(/^\d{1,9}$/)),
    kind: TitleKind,
    season: z.optional(PartNumber),
    episode: z.optional(PartNumber),
  }),
]);

const SeerrTitleRef = { kind: z.enum(['movie', 'tv']), tmdbId: z.number().check(z.int(), z.gte(1), z.lte(999_999_999)) };
/** A title's state in the person's Seerr, and a request there (seasons: a show's, none for all). */
const SeerrPageRequests = [
  z.object({ type: z.literal('seerr-status'), ...SeerrTitleRef }),
  z.object({
    type: z.literal('seerr-request'),
    ...SeerrTitleRef,
    seasons: z.optional(z.array(z.number().check(z.int(), z.gte(1), z.lte(999))).check(z.minLength(1), z.maxLength(200))),
  }),
] as const;

/**
 * Everything a content script may ask of the background: look a title up, change the
 * watchlist, start a sign-in. No operation returns a token or fetches an address it is given.
 */
export const PageRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lookup'), title: TitleRefSchema }),
  z.object({ type: z.literal('watchlist'), ratingKey: z.string().check(z.regex(/^[0-9A-Za-z]{1,64}$/)), on: z.boolean() }),
  z.object({ type: z.literal('open-sign-in') }),
  ...SeerrPageRequests,
]);
export type PageRequest = z.infer<typeof PageRequest>;

export type Reply = { ok: true } | { ok: false; error: string };

/** The popup holds this port open while it is shown, so the background knows someone watches. */
export const WATCH_PORT = 'popup-watch';

export async function send(request: PopupRequest): Promise<Reply> {
  try {
    return (await browser.runtime.sendMessage<PopupRequest, Reply | undefined>(request)) ?? { ok: false, error: 'no answer' };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
