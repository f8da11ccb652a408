import { clipName, Connection, Device, Provides, Resources, ServerIdentity } from './schemas';
import { parseServerAddress } from './address';
import { describeIssues, plexRequest, type PlexContext, type Result } from './http';
import { permittedRoad, type RoadServer } from './roads';

export interface ServerConnection {
  uri: string;
  local: boolean;
  relay: boolean;
}

/** A Plex Media Server the account can use, with the token that server accepts. */
export interface PlexServer {
  machineId: string;
  name: string;
  owned: boolean;
  /** The owner's name, for a server shared with this account. */
  sourceTitle?: string;
  /** Each server has its own token; for a shared server it differs from the account token. */
  accessToken?: string;
  connections: ServerConnection[];
  /** Of the person's Plex Home (resources' `home`). */
  home?: boolean;
  /** plex.tv saw this browser on the server's network (resources' `publicAddressMatches`). */
  publicAddressMatches?: boolean;
  /** The server accepts only HTTPS (resources' `httpsRequired`). */
  httpsRequired?: boolean;
}

/** The most servers kept from plex.tv's list, owned ones first; the popup and every lookup go through them all. */
export const MAX_SERVERS = 50;
/** The most connections kept per server, in plex.tv's order; real servers list a handful. */
export const MAX_CONNECTIONS = 20;

/** The connection as the extension will use it, or null when any part of it is not what Plex sends. */
function toConnection(input: unknown): ServerConnection | null {
  const parsed = Connection.safeParse(input);
  const address = parsed.success ? parseServerAddress(parsed.data.uri) : null;
  if (!parsed.success || !address) return null;
  return { uri: address.uri, local: parsed.data.local, relay: parsed.data.relay === true };
}

function toServer(device: Device): PlexServer {
  const connections: ServerConnection[] = [];
  for (const input of device.connections ?? []) {
    if (connections.length === MAX_CONNECTIONS) break;
    const connection = toConnection(input);
    if (connection) connections.push(connection);
  }
  return {
    machineId: device.clientIdentifier,
    name: clipName(device.name),
    owned: device.owned === true,
    ...(device.sourceTitle ? { sourceTitle: clipName(device.sourceTitle) } : {}),
    ...(device.accessToken ? { accessToken: device.accessToken } : {}),
    connections,
    ...(device.home ? { home: true } : {}),
    ...(device.publicAddressMatches ? { publicAddressMatches: true } : {}),
    ...(device.httpsRequired ? { httpsRequired: true } : {}),
  };
}

/** Entries parsed one by one so an odd one drops only itself; all server entries unreadable is invalid, not "no servers". */
export function serversFromResources(devices: readonly unknown[]): Result<PlexServer[]> {
  const servers: PlexServer[] = [];
  const seen = new Set<string>();
  let unreadable: string | undefined;
  for (const entry of devices) {
    const provides = Provides.safeParse(entry);
    if (!provides.success || !provides.data.provides.split(',').includes('server')) continue;
    const device = Device.safeParse(entry);
    if (!device.success) {
      unreadable ??= describeIssues(device.error.issues);
      continue;
    }
    // A server entry with `connections: null` names nowhere to reach it: an odd entry, skipped.
    if (!Array.isArray(device.data.connections)) continue;
    if (seen.has(device.data.clientIdentifier)) continue;
    seen.add(device.data.clientIdentifier);
    servers.push(toServer(device.data));
  }
  if (servers.length === 0 && unreadable !== undefined) return { ok: false, error: { kind: 'invalid-response', detail: unreadable } };
  const kept = [...servers.filter((s) => s.owned), ...servers.filter((s) => !s.owned)].slice(0, MAX_SERVERS);
  return { ok: true, value: kept };
}

export async function getServers(ctx: PlexContext, tvUrl: string, token: string): Promise<Result<PlexServer[]>> {
  const result = await plexRequest(ctx, {
    base: tvUrl,
    path: '/api/v2/resources',
    query: { includeHttps: '1', includeRelay: '1', includeIPv6: '1' },
    token,
    schema: Resources,
  });
  return result.ok ? serversFromResources(result.value) : result;
}

function rank(connection: ServerConnection): number {
  const place = connection.relay ? 2 : connection.local ? 0 : 1;
  return place * 2 + (connection.uri.startsWith('https:') ? 0 : 1);
}

/** Best first: local, remote, then relay (slow and capped), https before http; only roads a token may travel on (roads.ts). */
export function rankConnections(server: RoadServer & Pick<PlexServer, 'connections'>, plainHttpAllowed = false): ServerConnection[] {
  const seen = new Set<string>();
  return server.connections
    .filter((c) => permittedRoad(server, c, plainHttpAllowed))
    .filter((c) => !seen.has(c.uri) && Boolean(seen.add(c.uri)))
    .sort((a, b) => rank(a) - rank(b));
}

/** A dead address should cost little: a server that answers at all answers `/identity` at once. */
export const PROBE_TIMEOUT_MS = 3_000;

/** True when `uri` answers `/identity` as the server we mean (an address may now be someone else's). */
export async function probe(ctx: PlexContext, uri: string, machineId: string): Promise<boolean> {
  const result = await plexRequest(ctx, { base: uri, path: '/identity', schema: ServerIdentity, timeoutMs: PROBE_TIMEOUT_MS });
  return result.ok && result.value.MediaContainer.machineIdentifier === machineId;
}

/** The most probes of one server in flight at once; the rest wait for a slot, best-ranked first. */
export const MAX_PROBES_AT_ONCE = 6;

/** Once one candidate answers, better-ranked ones still out get `graceMs` more, so a dead local address cannot hold up a remote one. */
export function chooseConnection<C>(
  ranked: readonly C[],
  check: (candidate: C) => Promise<boolean>,
  graceMs: number,
  atOnce = MAX_PROBES_AT_ONCE,
): Promise<C | null> {
  if (ranked.length === 0) return Promise.resolve(null);
  return new Promise((resolve) => {
    const outcome: (boolean | undefined)[] = ranked.map(() => undefined);
    let settled = false;
    let started = 0;
    let grace: ReturnType<typeof setTimeout> | undefined;
    const finish = (value: C | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(grace);
      resolve(value);
    };
    const bestAnswered = () => {
      const index = outcome.indexOf(true);
      return index === -1 ? null : ranked[index]!;
    };
    const decide = () => {
      for (const [index, ok] of outcome.entries()) {
        if (ok === undefined) break;
        if (ok) return finish(ranked[index]!);
      }
      if (outcome.every((ok) => ok === false)) return finish(null);
      if (outcome.includes(true) && grace === undefined) grace = setTimeout(() => finish(bestAnswered()), graceMs);
    };
    // Candidates not yet started rank below every one that answered, so none is started once one has.
    const startNext = () => {
      if (settled || started === ranked.length || outcome.includes(true)) return;
      const index = started++;
      void check(ranked[index]!)
        .catch(() => false)
        .then((ok) => {
          outcome[index] = ok;
          decide();
          startNext();
        });
    };
    for (let slot = 0; slot < Math.max(1, atOnce); slot++) startNext();
  });
}
