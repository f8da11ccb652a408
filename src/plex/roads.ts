/** Which roads to a media server may carry its token. */

/** What the rules need to know of a server, as plex.tv's resources describe it. */
export interface RoadServer {
  owned: boolean;
  /** A server of the person's Plex Home. */
  home?: boolean;
  /** plex.tv saw this browser's requests come from the server's public address: the same network. */
  publicAddressMatches?: boolean;
  /** The server's owner set "Secure connections: Required". */
  httpsRequired?: boolean;
}

export interface RoadConnection {
  uri: string;
  local: boolean;
  relay: boolean;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Loopback, RFC 1918 private, or link-local IPv4; loopback, unique-local or link-local IPv6. Names never count. */
export function isPrivateAddress(hostname: string): boolean {
  const v4 = IPV4.exec(hostname);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (v4.slice(1).some((part) => Number(part) > 255)) return false;
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (!hostname.startsWith('[') || !hostname.endsWith(']')) return false;
  const v6 = hostname.slice(1, -1).toLowerCase();
  return v6 === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(v6) || /^fe[89ab][0-9a-f]?:/.test(v6);
}

function parse(uri: string): URL | null {
  try {
    return new URL(uri);
  } catch {
    return null;
  }
}

export const isPlainHttp = (uri: string): boolean => parse(uri)?.protocol === 'http:';

/** A merely shared server sits in someone else's home; local addresses are tried only for owned ones and Home servers on this network. */
export function mayTryLocal(server: RoadServer): boolean {
  return server.owned || (server.home === true && server.publicAddressMatches === true);
}

/** A candidate only: it is used once the person allowed it and the address answered `/identity` as this server (servers/service.ts). */
export function plainHttpPossible(server: RoadServer, connection: RoadConnection): boolean {
  const url = parse(connection.uri);
  return (
    url?.protocol === 'http:' &&
    connection.local &&
    !connection.relay &&
    server.httpsRequired !== true &&
    mayTryLocal(server) &&
    isPrivateAddress(url.hostname)
  );
}

/** Whether the person should be offered plain HTTP for this server at all. */
export function offersPlainHttp(server: RoadServer & { connections: readonly RoadConnection[] }): boolean {
  return server.connections.some((connection) => plainHttpPossible(server, connection));
}

/** The connections a token may travel on: HTTPS ones, and plain HTTP ones only where allowed. */
export function permittedRoad(server: RoadServer, connection: RoadConnection, plainHttpAllowed: boolean): boolean {
  const url = parse(connection.uri);
  if (!url) return false;
  if (connection.local && !connection.relay && !mayTryLocal(server)) return false;
  if (url.protocol === 'https:') return true;
  return plainHttpAllowed && plainHttpPossible(server, connection);
}
