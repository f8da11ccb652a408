import type { PlexUrls } from '../config';
import { reportedFailure } from '../failures';
import type { PlexContext, PlexError, Result } from '../plex/http';
import { isPlainHttp } from '../plex/roads';
import { chooseConnection, getServers, probe, rankConnections, type PlexServer } from '../plex/resources';
import { parseServerAddress } from '../plex/address';
import { oneAtATime } from '../one-at-a-time';
import { readPlexToken } from '../home/token';
import { serversItem, serverTokensItem } from '../storage';
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
/** Pages look up as often as they like, so a dead server waits this long for more probes, doubling per failure; a refresh starts over. */
export const UNREACHABLE_BACKOFF_MS = 15_000;
export const UNREACHABLE_BACKOFF_MAX_MS = 10 * 60 * 1000;

export type ServerAnswer<T> = { kind: 'answered'; result: Result<T> } | { kind: 'unreachable' } | { kind: 'needs-permission' };

/** Built only from an address `parseServerAddress` accepts, so no `*` or escape from plex.tv can widen it; patterns carry no port. */
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
    ...(server.home ? { home: true } : {}),
    ...(server.publicAddressMatches ? { publicAddressMatches: true } : {}),
    ...(server.httpsRequired ? { httpsRequired: true } : {}),
  };
}

/** Owned servers first, then by name, so the badge and the popup list them the same way. */
function byOwnerThenName(a: ServerEntry, b: ServerEntry): number {
  return Number(b.owned) - Number(a.owned) || a.name.localeCompare(b.name);
}

/** The chosen connections are kept in storage, so a restarted background does not probe again. */
export function createServerService(deps: ServerDeps) {
  let refreshing: Promise<void> | undefined;
  /** Bumped by clear(), so work that began before a sign-out cannot write its servers back. */
  let generation = 0;
  const inTurn = oneAtATime();

  /** Read-modify-write of the list, one at a time, and only while the same sign-in lasts. */
  function update(since: number, change: (list: ServerList) => ServerList): Promise<void> {
    return inTurn(async () => {
      if (since !== generation) return;
      const list = (await serversItem.getValue()) ?? { fetchedAt: 0, servers: [] };
      await serversItem.setValue(change(list));
    });
  }

  /** `machineId uri` of plain-HTTP addresses that answered `/identity` as their server: no token goes over plain HTTP elsewhere. */
  const verified = new Set<string>();
  /** Servers that answered on no connection: when they may be probed again, and how many checks failed. */
  const backoff = new Map<string, { until: number; failures: number }>();
  /** Checks under way, by server: lookups arriving meanwhile share one round of probes. */
  const checking = new Map<string, Promise<ServerEntry>>();

  const plainHttpAllowed = (list: ServerList | null, machineId: string) => list?.plainHttp?.includes(machineId) === true;

  async function check(ctx: PlexContext, entry: ServerEntry, allowHttp: boolean): Promise<ServerEntry> {
    const { connection: _, missingOrigins: __, ...base } = entry;
    const allowed: ServerEntry['connections'] = [];
    const missing: string[] = [];
    for (const candidate of rankConnections(entry, allowHttp)) {
      // Stored lists from before addresses were checked may hold one that is not an address.
      if (!parseServerAddress(candidate.uri)) continue;
      if (await deps.canReach(candidate.uri)) allowed.push(candidate);
      else missing.push(originPattern(candidate.uri));
    }
    const answers = async (c: ServerEntry['connections'][number]) => {
      const ok = await probe(ctx, c.uri, entry.machineId);
      if (ok && isPlainHttp(c.uri)) verified.add(`${entry.machineId} ${c.uri}`);
      return ok;
    };
    const winner = await chooseConnection(allowed, answers, CONNECTION_GRACE_MS);
    if (winner) {
      backoff.delete(entry.machineId);
      return { ...base, status: winner.relay ? 'relay' : 'reachable', connection: winner };
    }
    if (allowed.length > 0) {
      const failures = (backoff.get(entry.machineId)?.failures ?? 0) + 1;
      const wait = Math.min(UNREACHABLE_BACKOFF_MS * 2 ** (failures - 1), UNREACHABLE_BACKOFF_MAX_MS);
      backoff.set(entry.machineId, { until: deps.now() + wait, failures });
    }
    if (missing.length > 0) return { ...base, status: 'needs-permission', missingOrigins: [...new Set(missing)] };
    return { ...base, status: 'unreachable' };
  }

  /** One check of a server at a time; a second caller gets the first one's answer. */
  function checkOnce(ctx: PlexContext, entry: ServerEntry, allowHttp: boolean): Promise<ServerEntry> {
    const running = checking.get(entry.machineId);
    if (running) return running;
    const started = check(ctx, entry, allowHttp).finally(() => checking.delete(entry.machineId));
    checking.set(entry.machineId, started);
    return started;
  }

  /** Whether the remembered connection may still carry the token: within the rules, and verified if plain HTTP. */
  function usable(entry: ServerEntry, allowHttp: boolean): entry is ServerEntry & { connection: ServerEntry['connection'] & object } {
    const { connection } = entry;
    if (!connection) return false;
    if (!rankConnections(entry, allowHttp).some((c) => c.uri === connection.uri)) return false;
    return !isPlainHttp(connection.uri) || verified.has(`${entry.machineId} ${connection.uri}`);
  }

  async function fetchAndCheck(): Promise<void> {
    const since = generation;
    const token = await readPlexToken();
    if (!token) return;
    const ctx = await deps.plex();
    await update(since, (list) => ({ ...list, refreshingAt: deps.now() }));
    const result = await getServers(ctx, deps.urls.tv, token);
    if (!result.ok) {
      await update(since, ({ refreshingAt: _, ...list }) => ({ ...list, problem: reportedFailure(result.error) }));
      if (result.error.kind === 'unauthorized') await deps.onUnauthorized();
      return;
    }
    const fetchedAt = deps.now();
    const tokens: Record<string, string> = {};
    for (const server of result.value) if (server.accessToken) tokens[server.machineId] = server.accessToken;
    if (since !== generation) return;
    await serverTokensItem.setValue(tokens);
    const entries = result.value.map(toEntry).sort(byOwnerThenName);
    // The person's plain-HTTP choices outlive a new list.
    const choices = ({ plainHttp }: ServerList) => (plainHttp ? { plainHttp } : {});
    await update(since, (list) => ({ fetchedAt, servers: entries, refreshingAt: list.refreshingAt ?? deps.now(), ...choices(list) }));
    backoff.clear();
    const listed = await serversItem.getValue();
    const checked = await Promise.all(entries.map((entry) => checkOnce(ctx, entry, plainHttpAllowed(listed, entry.machineId))));
    await update(since, (list) => ({ fetchedAt, servers: checked, ...choices(list) }));
  }

  /** Lists the servers again and re-probes them; concurrent calls share one run. */
  function refresh(): Promise<void> {
    refreshing ??= fetchAndCheck().finally(() => (refreshing = undefined));
    return refreshing;
  }

  /** The stored list, refreshed first when it is missing or old. */
  async function current(): Promise<ServerEntry[]> {
    if (refreshing) await refreshing;
    const list = await serversItem.getValue();
    if (!list || list.fetchedAt === 0 || deps.now() - list.fetchedAt > SERVERS_MAX_AGE_MS) await refresh();
    return (await serversItem.getValue())?.servers ?? [];
  }

  async function save(since: number, entry: ServerEntry): Promise<void> {
    await update(since, (list) => ({
      ...list,
      servers: list.servers.map((known) => (known.machineId === entry.machineId ? entry : known)),
    }));
  }

  /** A lost connection means probing again and one retry on the new winner; a server that answered nowhere waits out its back-off. */
  async function query<T>(
    entry: ServerEntry,
    task: (uri: string, token: string | undefined) => Promise<Result<T>>,
  ): Promise<ServerAnswer<T>> {
    const since = generation;
    const token = (await serverTokensItem.getValue())[entry.machineId];
    const allowHttp = plainHttpAllowed(await serversItem.getValue(), entry.machineId);
    if (usable(entry, allowHttp)) {
      const result = await task(entry.connection.uri, token);
      if (result.ok || !isConnectionFailure(result.error)) return { kind: 'answered', result };
    } else if ((backoff.get(entry.machineId)?.until ?? 0) > deps.now()) {
      return { kind: entry.status === 'needs-permission' ? 'needs-permission' : 'unreachable' };
    }
    const rechecked = await checkOnce(await deps.plex(), entry, allowHttp);
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

  /** Kept with the list so it outlives refreshes; the server is checked again at once under the new rule. */
  async function setPlainHttp(machineId: string, allowed: boolean): Promise<void> {
    const since = generation;
    await update(since, (list) => {
      const others = (list.plainHttp ?? []).filter((id) => id !== machineId);
      return { ...list, plainHttp: allowed ? [...others, machineId] : others };
    });
    if (!allowed) for (const key of verified) if (key.startsWith(`${machineId} `)) verified.delete(key);
    backoff.delete(machineId);
    const entry = (await serversItem.getValue())?.servers.find((server) => server.machineId === machineId);
    if (!entry) return;
    await save(since, { ...entry, status: 'checking' });
    await save(since, await check(await deps.plex(), entry, allowed));
  }

  /** Forgets every server and token (sign-out). */
  async function clear(): Promise<void> {
    generation += 1;
    verified.clear();
    backoff.clear();
    await Promise.all([serversItem.removeValue(), serverTokensItem.removeValue()]);
  }

  return { refresh, current, query, setPlainHttp, clear };
}

export type ServerService = ReturnType<typeof createServerService>;
