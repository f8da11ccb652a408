import type { PlexUrls } from '../config';
import { failureKind, type PlexContext, type PlexError, type Result } from '../plex/http';
import { chooseConnection, getServers, probe, rankConnections, type PlexServer } from '../plex/servers';
import { parseServerAddress } from '../plex/address';
import { oneAtATime } from '../one-at-a-time';
import { readServers, readServerTokens, readToken, serversItem, serverTokensItem } from '../storage';
import type { ServerEntry, ServerList } from './state';

export interface ServerDeps {
  urls: PlexUrls;
  plex(): Promise<PlexContext>;
  now(): number;
  /** Whether the extension may call this address (its host permissions cover it). */
  canReach(uri: string): Promise<boolean>;
  /** plex.tv refused the account token: let the sign-in confirm it and end the session. */
  onUnauthorized(): Promise<void>;
}

/** Servers come and go rarely; plex.tv is asked again after this, or when the person refreshes. */
export const SERVERS_MAX_AGE_MS = 6 * 60 * 60 * 1000;
/** How long better-ranked connections may still answer once a worse one has. */
const CONNECTION_GRACE_MS = 300;

export type ServerAnswer<T> = { kind: 'answered'; result: Result<T> } | { kind: 'unreachable' } | { kind: 'needs-permission' };

/**
 * The pattern `permissions.request` takes for an address: scheme and host (patterns carry no
 * port), built only from an address that passes `parseServerAddress`, so no `*` or escape from
 * plex.tv can widen it. Callers skip other addresses first; one that slips through throws.
 */
export function originPattern(uri: string): string {
  const address = parseServerAddress(uri);
  if (!address) throw new Error('not a server address');
  return `${address.protocol}//${address.hostname}/*`;
}

const isConnectionFailure = (error: PlexError) => error.kind === 'network' || error.kind === 'timeout';

function toEntry(server: PlexServer): ServerEntry {
  return {
    machineId: server.machineId,
    name: server.name,
    owned: server.owned,
    ...(server.sourceTitle ? { sourceTitle: server.sourceTitle } : {}),
    connections: server.connections,
    status: 'checking',
  };
}

/** Owned servers first, then by name, so the badge and the popup list them the same way. */
function byOwnerThenName(a: ServerEntry, b: ServerEntry): number {
  return Number(b.owned) - Number(a.owned) || a.name.localeCompare(b.name);
}

/**
 * The account's servers: listed from plex.tv, each reached through the best connection that
 * answers, all kept in storage so a restarted background does not probe again.
 */
export function createServerService(deps: ServerDeps) {
  let refreshing: Promise<void> | undefined;
  /** Bumped by clear(), so work that began before a sign-out cannot write its servers back. */
  let generation = 0;
  const inTurn = oneAtATime();

  /** Read-modify-write of the list, one at a time, and only while the same sign-in lasts. */
  function update(since: number, change: (list: ServerList) => ServerList): Promise<void> {
    return inTurn(async () => {
      if (since !== generation) return;
      const list = (await readServers()) ?? { fetchedAt: 0, servers: [] };
      await serversItem.setValue(change(list));
    });
  }

  async function check(ctx: PlexContext, entry: ServerEntry): Promise<ServerEntry> {
    const { connection: _, missingOrigins: __, ...base } = entry;
    const allowed: ServerEntry['connections'] = [];
    const missing: string[] = [];
    for (const candidate of rankConnections(entry)) {
      // Stored lists from before addresses were checked may hold one that is not an address.
      if (!parseServerAddress(candidate.uri)) continue;
      if (await deps.canReach(candidate.uri)) allowed.push(candidate);
      else missing.push(originPattern(candidate.uri));
    }
    const winner = await chooseConnection(allowed, (c) => probe(ctx, c.uri, entry.machineId), CONNECTION_GRACE_MS);
    if (winner) return { ...base, status: winner.relay ? 'relay' : 'reachable', connection: winner };
    if (missing.length > 0) return { ...base, status: 'needs-permission', missingOrigins: [...new Set(missing)] };
    return { ...base, status: 'unreachable' };
  }

  async function fetchAndCheck(): Promise<void> {
    const since = generation;
    const token = await readToken();
    if (!token) return;
    const ctx = await deps.plex();
    await update(since, (list) => ({ ...list, refreshingAt: deps.now() }));
    const result = await getServers(ctx, deps.urls.tv, token);
    if (!result.ok) {
      await update(since, ({ refreshingAt: _, ...list }) => ({ ...list, problem: failureKind(result.error) }));
      if (result.error.kind === 'unauthorized') await deps.onUnauthorized();
      return;
    }
    const fetchedAt = deps.now();
    const tokens: Record<string, string> = {};
    for (const server of result.value) if (server.accessToken) tokens[server.machineId] = server.accessToken;
    if (since !== generation) return;
    await serverTokensItem.setValue(tokens);
    const entries = result.value.map(toEntry).sort(byOwnerThenName);
    await update(since, (list) => ({ fetchedAt, servers: entries, refreshingAt: list.refreshingAt ?? deps.now() }));
    const checked = await Promise.all(entries.map((entry) => check(ctx, entry)));
    await update(since, () => ({ fetchedAt, servers: checked }));
  }

  /** Lists the servers again and re-probes them; concurrent calls share one run. */
  function refresh(): Promise<void> {
    refreshing ??= fetchAndCheck().finally(() => (refreshing = undefined));
    return refreshing;
  }

  /** The stored list, refreshed first when it is missing or old. */
  async function current(): Promise<ServerEntry[]> {
    if (refreshing) await refreshing;
    const list = await readServers();
    if (!list || list.fetchedAt === 0 || deps.now() - list.fetchedAt > SERVERS_MAX_AGE_MS) await refresh();
    return (await readServers())?.servers ?? [];
  }

  async function save(since: number, entry: ServerEntry): Promise<void> {
    await update(since, (list) => ({
      ...list,
      servers: list.servers.map((known) => (known.machineId === entry.machineId ? entry : known)),
    }));
  }

  /**
   * Runs `task` against the server through its remembered connection; when that no longer
   * answers, probes again and retries once on the new winner.
   */
  async function query<T>(entry: ServerEntry, task: (uri: string, token: string | undefined) => Promise<Result<T>>): Promise<ServerAnswer<T>> {
    const since = generation;
    const token = (await readServerTokens())[entry.machineId];
    if (entry.connection) {
      const result = await task(entry.connection.uri, token);
      if (result.ok || !isConnectionFailure(result.error)) return { kind: 'answered', result };
    }
    const rechecked = await check(await deps.plex(), entry);
    await save(since, rechecked);
    if (!rechecked.connection) return { kind: rechecked.status === 'needs-permission' ? 'needs-permission' : 'unreachable' };
    const result = await task(rechecked.connection.uri, token);
    if (!result.ok && isConnectionFailure(result.error)) {
      const { connection: _, ...lost } = rechecked;
      await save(since, { ...lost, status: 'unreachable' });
      return { kind: 'unreachable' };
    }
    return { kind: 'answered', result };
  }

  /** Forgets every server and token (sign-out). */
  async function clear(): Promise<void> {
    generation += 1;
    await Promise.all([serversItem.removeValue(), serverTokensItem.removeValue()]);
  }

  return { refresh, current, query, clear };
}

export type ServerService = ReturnType<typeof createServerService>;
