import { type ApiRequest, authenticate } from './api-request';
import { isRecord } from './errors';
import { type Format, isoSeconds, sendList } from './format';
import type { FakeMediaServer } from './media-server';
import type { FakeOddConnection, FakeOddDevice } from './types';
import { PMS_VERSION } from './media-routes';
import { accessTokenFor } from './server-spec';

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

/** Always first in the list: a client that forgets to keep only `provides` including "server" picks a phone. */
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

/** The percent-escaped and user-info ones decode to a real local listener, so a client that accepts them is seen probing them first. */
function oddConnection(kind: FakeOddConnection, port: number): Record<string, unknown> {
  const uri = {
    'not-a-url': `plex.local:${port}`,
    'wildcard-host': `https://*.plex.direct:${port}`,
    'percent-host': `http://127%2e0%2e0%2e1:${port}`,
    'user-info': `http://plex:secret@127.0.0.1:${port}`,
    'null-uri': null,
  }[kind];
  return { protocol: 'http', address: '127.0.0.1', port, uri, local: true, relay: false, IPv6: false };
}

function serverDevice(server: FakeMediaServer, now: number, accessToken: string): Record<string, unknown> {
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
    accessToken,
    owned: spec.owned,
    relay: true,
    presence: true,
    ...COMMON,
    home: spec.home,
    httpsRequired: spec.httpsRequired,
    publicAddressMatches: spec.publicAddressMatches,
    // With includeHttps=1 plex.tv lists https plex.direct names for local and remote addresses alike (FakeMediaServer.hash).
    connections: [
      ...spec.oddConnections.map((kind) => oddConnection(kind, server.ports[0] ?? 0)),
      ...spec.connections.map((_, index) => {
        const { protocol, address, port, uri, local, relay } = server.connection(index);
        return { protocol, address, port, uri, local, relay, IPv6: false };
      }),
    ],
  };
}

/** A server that nobody runs: its one address is a port nothing listens on. */
function deadServer(id: string, now: number): Record<string, unknown> {
  return {
    name: 'Old NAS',
    product: 'Plex Media Server',
    productVersion: PMS_VERSION,
    platform: 'Linux',
    platformVersion: '5.10.0',
    device: 'PC',
    clientIdentifier: id,
    createdAt: isoSeconds(PHONE_CREATED_AT),
    lastSeenAt: isoSeconds(now),
    provides: 'server',
    ownerId: null,
    sourceTitle: null,
    accessToken: 'old-nas-token',
    owned: true,
    relay: false,
    presence: false,
    ...COMMON,
    connections: [{ protocol: 'http', address: '127.0.0.1', port: 9, uri: 'http://127.0.0.1:9', local: true, relay: false, IPv6: false }],
  };
}

/** The devices of addDevice(); see FakeOddDevice. */
function oddDevice(kind: FakeOddDevice, now: number): unknown {
  switch (kind) {
    // Kha-kis/arr-dashboard #631: a Roku's `accessToken: null` failed its whole resources parse (the report trimmed connections).
    case 'roku-player':
      return {
        name: 'Living room',
        product: 'Plex for Roku',
        productVersion: '8.3.1',
        platform: 'Roku',
        platformVersion: '12.5.0',
        device: 'Roku Ultra',
        clientIdentifier: 'roku-4c3b2a19d0e8',
        createdAt: isoSeconds(PHONE_CREATED_AT),
        lastSeenAt: isoSeconds(now),
        provides: 'player,pubsub-player',
        ownerId: null,
        sourceTitle: null,
        accessToken: null,
        owned: true,
        relay: false,
        presence: true,
        ...COMMON,
        connections: [
          {
            protocol: 'http',
            address: '192.168.1.40',
            port: 8324,
            uri: 'http://192.168.1.40:8324',
            local: true,
            relay: false,
            IPv6: false,
          },
        ],
      };
    // `provides` values as python-plexapi MyPlexResource's docstring lists them; a browser has no address to list.
    case 'web-client':
      return {
        ...(phone(now) as object),
        name: 'Chrome',
        product: 'Plex Web',
        productVersion: '4.145.1',
        platform: 'Chrome',
        platformVersion: '140.0',
        device: 'Linux',
        clientIdentifier: 'webclient-8f7e6d5c4b3a',
        provides: 'client,player,pubsub-player',
        accessToken: null,
        connections: null,
      };
    // python-plexapi reads a resource's connections with findItems, which tolerates none at all.
    case 'server-without-connections':
      return { ...deadServer('0ddc0ffee0000000000000000000000000000001', now), connections: null };
    case 'server-with-null-name':
      return { ...deadServer('0ddc0ffee0000000000000000000000000000002', now), name: null };
    case 'server-without-id': {
      const { clientIdentifier: _, ...rest } = deadServer('', now);
      return rest;
    }
    case 'null-entry':
      return null;
  }
}

/** `GET /api/v2/resources`: the account's devices. includeHttps/includeRelay/includeIPv6 change nothing here. */
export function resources(api: ApiRequest, format: Format): void {
  const auth = authenticate(api, format);
  if (!auth) return;
  const now = Date.now();
  // Each Home profile sees the servers listed for it, each with a token of its own.
  const servers = api.state.servers.live().flatMap((server) => {
    const token = accessTokenFor(server.spec, auth.account.uuid);
    return token === undefined ? [] : [serverDevice(server, now, token)];
  });
  // Each odd device goes after the servers that existed when it was added.
  const devices: unknown[] = [phone(now)];
  servers.forEach((server, index) => {
    devices.push(...api.state.oddDevices.filter((odd) => odd.after === index).map((odd) => oddDevice(odd.kind, now)), server);
  });
  devices.push(...api.state.oddDevices.filter((odd) => odd.after >= servers.length).map((odd) => oddDevice(odd.kind, now)));
  // XML has no way to write a null entry; JSON keeps it.
  const listed = (format === 'json' ? devices : devices.filter(isRecord)) as Record<string, unknown>[];
  sendList(api.res, format, 200, 'resources', 'resource', listed);
}
