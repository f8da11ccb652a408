import { Resources, ServerIdentity, type Device } from './schemas';
import { plexRequest, type PlexContext, type Result } from './http';
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

function toServer(device: Device): PlexServer {
  return {
    machineId: device.clientIdentifier,
    name: device.name,
    owned: device.owned === true,
    ...(device.sourceTitle ? { sourceTitle: device.sourceTitle } : {}),
    ...(device.accessToken ? { accessToken: device.accessToken } : {}),
    connections: (device.connections ?? []).map((c) => ({ uri: c.uri.replace(/\/+$/, ''), local: c.local, relay: c.relay === true })),
    ...(device.home ? { home: true } : {}),
    ...(device.publicAddressMatches ? { publicAddressMatches: true } : {}),
    ...(device.httpsRequired ? { httpsRequired: true } : {}),
  };
}

export async function getServers(ctx: PlexContext, tvUrl: string, token: string): Promise<Result<PlexServer[]>> {
  const result = await plexRequest(ctx, {
    base: tvUrl,
    path: '/api/v2/resources',
    query: { includeHttps: '1', includeRelay: '1', includeIPv6: '1' },
    token,
    schema: Resources,
  });
  if (!result.ok) return result;
  const servers = result.value.filter((device) => device.provides.split(',').includes('server')).map(toServer);
  return { ok: true, value: servers };
}

function rank(connection: ServerConnection): number {
  const place = connection.relay ? 2 : connection.local ? 0 : 1;
  return place * 2 + (connection.uri.startsWith('https:') ? 0 : 1);
}

/**
 * The connections worth trying, best first: local, then remote, then relay (relays are slow and
 * capped); https before http. Only roads a token may travel on are kept (roads.ts): a shared
 * server's local addresses are left out unless it is of the person's Plex Home on this network,
 * and plain HTTP only where the person allowed it for a local, private address.
 */
export function rankConnections(
  server: RoadServer & Pick<PlexServer, 'connections'>,
  plainHttpAllowed = false,
): ServerConnection[] {
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

/**
 * Probes every candidate at once and picks the best-ranked one that answers. Once any candidate
 * has answered, better-ranked ones still out get `graceMs` more, so one dead local address does
 * not hold up a working remote one for a whole timeout.
 */
export function chooseConnection<C>(
  ranked: readonly C[],
  check: (candidate: C) => Promise<boolean>,
  graceMs: number,
): Promise<C | null> {
  if (ranked.length === 0) return Promise.resolve(null);
  return new Promise((resolve) => {
    const outcome: (boolean | undefined)[] = ranked.map(() => undefined);
    let settled = false;
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
    ranked.forEach((candidate, index) => {
      check(candidate)
        .catch(() => false)
        .then((ok) => {
          outcome[index] = ok;
          decide();
        });
    });
  });
}
