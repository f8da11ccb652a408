import * as z from 'zod/mini';
import type { PageRequest as PageRequestType, PopupRequest as PopupRequestType } from './messages';
import { SignInMode } from './signin/state';
import { MAX_MARKS_PER_MESSAGE } from './titles/marks';

/** Kept apart from src/messages.ts so content scripts do not bundle zod; typed by the protocol, so what passes fits its handler. */

export const PopupRequest: z.ZodMiniType<PopupRequestType> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sign-in'), mode: SignInMode }),
  z.object({ type: z.literal('open-approval') }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('sign-out') }),
  z.object({ type: z.literal('check-session') }),
  z.object({ type: z.literal('refresh-servers') }),
  z.object({ type: z.literal('refresh-index') }),
  z.object({ type: z.literal('allow-plain-http'), machineId: z.string().check(z.regex(/^[\w-]{1,128}$/)), allowed: z.boolean() }),
  // A Plex Home profile by its uuid; a PIN is four digits.
  z.object({
    type: z.literal('switch-profile'),
    uuid: z.string().check(z.regex(/^[\w-]{1,64}$/)),
    pin: z.optional(z.string().check(z.regex(/^\d{4}$/))),
  }),
  z.object({ type: z.literal('seerr-check') }),
]);

const TitleKind = z.enum(['movie', 'show']);
const ImdbId = z.string().check(z.regex(/^tt\d{7,10}$/));
/** Season and episode numbers as pages write them (season 0 holds a show's specials). */
const PartNumber = z.number().check(z.int(), z.gte(0), z.lte(9999));

/** Anything else is refused before it reaches a URL; an IMDb episode page names its series' id too (JSON-LD `partOfSeries`). */
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

/** A title as Seerr knows it: TMDb's kind and id. */
const SeerrTitle = { kind: z.enum(['movie', 'tv']), tmdbId: z.number().check(z.int(), z.gte(1), z.lte(999_999_999)) };

/** No operation a content script may ask for returns a token or fetches an address it is given. */
export const PageRequest: z.ZodMiniType<PageRequestType> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lookup'), title: TitleRefSchema }),
  z.object({ type: z.literal('watchlist'), ratingKey: z.string().check(z.regex(/^[0-9A-Za-z]{1,64}$/)), on: z.boolean() }),
  z.object({ type: z.literal('open-sign-in') }),
  // A list page's titles in view, with the lookup's id rules.
  z.object({ type: z.literal('marks'), titles: z.array(TitleRefSchema).check(z.minLength(1), z.maxLength(MAX_MARKS_PER_MESSAGE)) }),
  z.object({ type: z.literal('seerr-status'), ...SeerrTitle }),
  z.object({
    type: z.literal('seerr-request'),
    ...SeerrTitle,
    seasons: z.optional(z.array(z.number().check(z.int(), z.gte(1), z.lte(999))).check(z.minLength(1), z.maxLength(200))),
  }),
]);
