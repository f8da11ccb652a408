import { type ApiRequest, authenticate } from './api-request';
import { type Format, isoSeconds, sendList } from './format';
import type { FakeMediaServer } from './media-server';
import { PMS_VERSION } from './media-routes';

// A documentation address (RFC 5737): clients must use connections[], never this.
export const PUBLIC_ADDRESS = '203.0.113.7';
// plex.tv gives a shared server's owner as an account id; the fake's friends all share this one.
const FRIEND_ACCOUNT_ID = 98765;
// Fixed in the past, so createdAt never looks newer than lastSeenAt.
const PHONE_CREATED_AT = Date.UTC(2023, 4, 2, 9, 30);

const COMMON = {
  home: false,
  synced: false,
  publicAddress: PUBLIC_ADDRESS,
  httpsRequired: false,
  publicAddressMatches: true,
  dnsRebindingProtection: false,
  natLoopbackSupported: false,
};

/**
 * Always in the list, first: a client that forgets to keep only `provides` including "server"
 * picks a phone.
 */
function phone(now: number): Record<string, unknown> {
  return {
    name: "Alex's iPhone",
    product: 'Plex for iOS',
    productVersion: '8.30',
    platform: 'iOS',
    platformVersion: '17.5',
    device: 'iPhone',
    clientIdentifier: 'A1B2C3D4-0000-4000-8000-FA4E1F0E0001',
    createdAt: isoSeconds(PHONE_CREATED_AT),
    lastSeenAt: isoSeconds(now),
    provides: 'client,player',
    ownerId: null,
    sourceTitle: null,
    accessToken: 'phone-token-not-for-servers',
    owned: true,
    relay: false,
    presence: false,
    ...COMMON,
    connections: [],
  };
}

function serverDevice(server: FakeMediaServer, now: number): Record<string, unknown> {
  const { spec } = server;
  return {
    name: spec.name,
    product: 'Plex Media Server',
    productVersion: PMS_VERSION,
    platform: 'Linux',
    platformVersion: '6.5.0',
    device: 'PC',
    clientIdentifier: spec.machineIdentifier,
    createdAt: isoSeconds(server.createdAt),
    lastSeenAt: isoSeconds(now),
    provides: 'server',
    ownerId: spec.owned ? null : FRIEND_ACCOUNT_ID,
    sourceTitle: spec.sourceTitle,
    accessToken: spec.accessToken,
    owned: spec.owned,
    relay: true,
    presence: true,
    ...COMMON,
    home: spec.home,
    httpsRequired: spec.httpsRequired,
    publicAddressMatches: spec.publicAddressMatches,
    // With includeHttps=1 plex.tv lists https plex.direct names for local and remote addresses alike
    // (see FakeMediaServer.hash); a test marks the connections that are plain http.
    connections: spec.connections.map((_, index) => {
      const { protocol, address, port, uri, local, relay } = server.connection(index);
      return { protocol, address, port, uri, local, relay, IPv6: false };
    }),
  };
}

/** `GET /api/v2/resources`: the account's devices. includeHttps/includeRelay/includeIPv6 change nothing here. */
export function resources(api: ApiRequest, format: Format): void {
  if (!authenticate(api, format)) return;
  const now = Date.now();
  const devices = [phone(now), ...api.state.servers.live().map((server) => serverDevice(server, now))];
  sendList(api.res, format, 200, 'resources', 'resource', devices);
}
