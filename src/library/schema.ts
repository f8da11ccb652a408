import * as z from 'zod/mini';
import type { ServerIndex } from './records';

const Season = z.object({ key: z.optional(z.string()), episodes: z.record(z.string(), z.string()) });

const Title = z.object({
  ratingKey: z.string(),
  section: z.string(),
  kind: z.enum(['movie', 'show']),
  title: z.string(),
  year: z.optional(z.number()),
  ids: z.array(z.string()),
  seasons: z.optional(z.record(z.string(), Season)),
});

const Section = z.object({
  key: z.string(),
  title: z.string(),
  kind: z.enum(['movie', 'show']),
  uuid: z.optional(z.string()),
  updatedAt: z.optional(z.number()),
  contentChangedAt: z.optional(z.number()),
  titlesSeen: z.number(),
  episodesSeen: z.number(),
  titleTotal: z.number(),
  episodeTotal: z.number(),
});

/** A stored record is read through this: one that does not fit (an older shape, damage) is dropped and built again. */
export const StoredServerIndex: z.ZodMiniType<ServerIndex> = z.object({
  serverId: z.string(),
  server: z.string(),
  builtAt: z.number(),
  refreshedAt: z.number(),
  sections: z.array(Section),
  titles: z.array(Title),
});
