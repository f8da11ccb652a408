import * as z from 'zod/mini';
import { REPORTED_FAILURES, SERVER_FAILURES } from '../failures';
import type { Lookup } from './types';

/** The shapes the background keeps about titles in storage.session (src/storage.ts), checked on every read. */

const Placement = z.object({ server: z.string(), library: z.string(), href: z.string() });

const LookupSchema: z.ZodMiniType<Lookup> = z.discriminatedUnion('state', [
  z.object({ state: z.enum(['signed-out', 'superseded', 'unknown']) }),
  z.object({
    state: z.literal('failed'),
    reason: z.enum(REPORTED_FAILURES),
  }),
  z.object({
    state: z.literal('found'),
    title: z.object({
      ratingKey: z.string(),
      name: z.string(),
      year: z.optional(z.number()),
      kind: z.enum(['movie', 'show']),
      tmdbId: z.optional(z.string()),
    }),
    on: z.array(Placement),
    problems: z.array(z.object({ server: z.string(), problem: z.enum(SERVER_FAILURES) })),
    answered: z.number(),
    watchlisted: z.nullable(z.boolean()),
    part: z.optional(
      z.object({
        kind: z.enum(['season', 'episode']),
        season: z.optional(z.number()),
        episode: z.optional(z.number()),
        showOn: z.array(Placement),
      }),
    ),
  }),
]);

/** Recent lookups by title key, each with when it was made and how long it holds. */
export const CachedLookups = z.record(z.string(), z.object({ at: z.number(), ttlMs: z.number(), lookup: LookupSchema }));
export type CachedLookups = z.infer<typeof CachedLookups>;

export const TabIds = z.array(z.int());

/** The titles each tab's badge was told about, newest last. */
export const ShownTitles = z.array(z.object({ tab: z.int(), ratingKeys: z.array(z.string()) }));
export type ShownTitles = z.infer<typeof ShownTitles>;

/** The account's watchlist as catalogue keys, read as one list, and when it was read. */
export const StoredWatchlist = z.object({ at: z.number(), keys: z.array(z.string()) });
