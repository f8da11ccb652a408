import * as z from 'zod/mini';

/** Counts and times only, never a title, so the popup's status may sit in storage.local; the index itself stays in IndexedDB. */
export const IndexState = z.enum(['building', 'ready', 'failed']);
export type IndexState = z.infer<typeof IndexState>;

export const ServerIndexStatus = z.object({
  state: IndexState,
  /** While building: titles read, of how many. */
  done: z.optional(z.number()),
  total: z.optional(z.number()),
  /** Once built: titles kept and the record's size in bytes (as JSON). */
  titles: z.optional(z.number()),
  bytes: z.optional(z.number()),
  /** Local clock: the last pass that finished. */
  refreshedAt: z.optional(z.number()),
  /** Local clock: the last word from a build under way; a stopped background leaves an old one. */
  at: z.number(),
});
export type ServerIndexStatus = z.infer<typeof ServerIndexStatus>;

export const IndexStatus = z.record(z.string(), ServerIndexStatus);
export type IndexStatus = z.infer<typeof IndexStatus>;

/** A build that has not said anything for this long was cut off (the background stopped). */
export const BUILD_STALE_MS = 60_000;

export function isBuilding(status: ServerIndexStatus | undefined, now: number): boolean {
  return status?.state === 'building' && now - status.at < BUILD_STALE_MS;
}
