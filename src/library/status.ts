import * as z from 'zod/mini';
import { defineItem } from '../stored-item';

/**
 * How far each server's index is, for the popup: counts and times only, never a title, so it may
 * sit in storage.local beside the server list. The index itself stays in the background's IndexedDB.
 */
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

export const indexStatusItem = defineItem('local:libraryIndex', IndexStatus, { fallback: {} });

export async function readIndexStatus(): Promise<IndexStatus> {
  const parsed = IndexStatus.safeParse(await indexStatusItem.getValue());
  return parsed.success ? parsed.data : {};
}

/** A build that has not said anything for this long was cut off (the background stopped). */
export const BUILD_STALE_MS = 60_000;

export function isBuilding(status: ServerIndexStatus | undefined, now: number): boolean {
  return status?.state === 'building' && now - status.at < BUILD_STALE_MS;
}
