import * as z from 'zod/mini';
import { REPORTED_FAILURES } from '../failures';

export const ServerStatus = z.enum(['checking', 'reachable', 'relay', 'unreachable', 'needs-permission']);
export type ServerStatus = z.infer<typeof ServerStatus>;

const Connection = z.object({ uri: z.string(), local: z.boolean(), relay: z.boolean() });

export const ServerEntry = z.object({
  machineId: z.string(),
  name: z.string(),
  owned: z.boolean(),
  sourceTitle: z.optional(z.string()),
  connections: z.array(Connection),
  status: ServerStatus,
  /** The connection that answered last; requests go there first. */
  connection: z.optional(Connection),
  /** Origin patterns the person could allow for addresses the extension may not reach yet. */
  missingOrigins: z.optional(z.array(z.string())),
  /** From plex.tv's resources: of the person's Plex Home, on this network, HTTPS only (src/plex/roads.ts). */
  home: z.optional(z.boolean()),
  publicAddressMatches: z.optional(z.boolean()),
  httpsRequired: z.optional(z.boolean()),
});
export type ServerEntry = z.infer<typeof ServerEntry>;

const RefreshProblem = z.enum(REPORTED_FAILURES);

/** Read by the popup, so no server tokens here: they live in their own item that only the background reads. */
export const ServerList = z.object({
  /** When plex.tv last listed the servers (local clock); 0 before the first list. */
  fetchedAt: z.number(),
  servers: z.array(ServerEntry),
  /** Set while a refresh runs; a stopped background can leave it behind, so it is a time. */
  refreshingAt: z.optional(z.number()),
  /** Why the last refresh failed; the servers listed before are kept. */
  problem: z.optional(RefreshProblem),
  /** Machine ids of servers the person allowed plain HTTP for, on their own network; kept across refreshes. */
  plainHttp: z.optional(z.array(z.string())),
});
export type ServerList = z.infer<typeof ServerList>;

export const ServerTokens = z.record(z.string(), z.string());

/** A refresh takes seconds; one older than this was cut off (the background stopped) and is over. */
export const REFRESH_STALE_MS = 30_000;

export function isRefreshing(list: ServerList | null, now: number): boolean {
  return list?.refreshingAt !== undefined && now - list.refreshingAt < REFRESH_STALE_MS;
}
