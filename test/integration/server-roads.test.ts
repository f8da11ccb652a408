import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { findOnServer } from '@/src/plex/titles';
import { createServerService, UNREACHABLE_BACKOFF_MS } from '@/src/servers/service';
import type { ServerEntry } from '@/src/servers/state';
import { serversItem, tokenItem } from '@/src/storage';
import { DEFAULT_CATALOG, type FakeServerInfo } from '../fake-plex/server';
import { fakePlexForFile } from './fake-plex-for-file';
import { plexContext } from './plex-context';
import { plexDirectFetch } from './plex-direct-fetch';

// Which roads to a media server carry its token is read from the fake's log of what reached each listener.
const plex = await fakePlexForFile();

const CLIENT_ID = '0d6f4f8e-2a51-4c8f-9d3e-5b7c1a2e9f40';
const INCEPTION = DEFAULT_CATALOG.find((t) => t.title === 'Inception')!;
const fetchPlexDirect = plexDirectFetch();
const context = () => plexContext({ fetch: fetchPlexDirect, clientIdentifier: CLIENT_ID });

/** Signed in through a PIN the fake approves, as a person would. */
async function signIn(): Promise<void> {
  const response = await fetch(`${plex.url}/api/v2/pins?strong=true`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'X-Plex-Client-Identifier': CLIENT_ID },
  });
  const { token } = await plex.approve({ id: ((await response.json()) as { id: number }).id });
  await tokenItem.setValue(token);
}

/** A fresh server service: what a newly started background has. `clock.now` moves only when a test moves it. */
function background(clock = { now: Date.now() }) {
  return createServerService({
    urls: { tv: plex.url, app: 'https://app.plex.test', metadata: plex.url, discover: plex.url },
    plex: context,
    now: () => clock.now,
    canReach: async () => true,
    onUnauthorized: async () => {},
  });
}
type Background = ReturnType<typeof background>;

async function entry(name: string): Promise<ServerEntry> {
  const found = (await serversItem.getValue())?.servers.find((s) => s.name === name);
  if (!found) throw new Error(`${name} is not listed`);
  return found;
}

/** A lookup of Inception on one server, as the badge makes it. */
async function lookUp(servers: Background, name: string) {
  const ctx = await context();
  return servers.query(await entry(name), (uri, token) =>
    findOnServer(ctx, uri, token, {
      ratingKey: INCEPTION.ratingKey,
      guid: INCEPTION.guid,
      kind: 'movie',
      name: INCEPTION.title,
      ids: INCEPTION.externalIds,
    }),
  );
}

/** What reached one connection of a server: path, and whether the server's token came with it. */
async function reached(server: FakeServerInfo, connection: number) {
  return (await plex.serverRequests())
    .filter((r) => r.server === server.machineIdentifier && r.connection === connection)
    .map((r) => ({
      path: r.path,
      token: r.headers['x-plex-token'] === server.accessToken || r.query['X-Plex-Token'] === server.accessToken,
    }));
}

const library = [{ guid: INCEPTION.guid, title: INCEPTION.title, section: 'Movies' }];

beforeEach(() => fakeBrowser.reset());

describe('plain HTTP to a media server', () => {
  it('sends no token over plain HTTP until the person allows it, and then only after /identity answered', async () => {
    const home = await plex.addServer({ name: 'Home Server', connections: [{ local: true, protocol: 'http' }], library });
    await signIn();
    const servers = background();
    await servers.refresh();
    expect((await entry('Home Server')).status).toBe('unreachable');
    expect(await lookUp(servers, 'Home Server')).toEqual({ kind: 'unreachable' });
    expect(await reached(home, 0)).toEqual([]);

    await servers.setPlainHttp(home.machineIdentifier, true);
    expect(await entry('Home Server')).toMatchObject({ status: 'reachable', connection: { uri: home.connections[0]!.uri } });
    expect(await lookUp(servers, 'Home Server')).toMatchObject({ kind: 'answered', result: { ok: true } });
    expect(await reached(home, 0)).toEqual([
      { path: '/identity', token: false },
      { path: '/library/all', token: true },
    ]);
    // The choice is kept with the list, across a refresh.
    await servers.refresh();
    expect((await serversItem.getValue())?.plainHttp).toEqual([home.machineIdentifier]);
    expect((await entry('Home Server')).status).toBe('reachable');
  });

  it('checks a remembered plain-HTTP address again after a restart: another device there gets no token', async () => {
    const home = await plex.addServer({
      name: 'Home Server',
      connections: [{ local: true, protocol: 'http', behaviour: 'wrong-identity' }, { local: false }],
      library,
    });
    await signIn();
    await background().refresh();
    // As an earlier background left it: the plain-HTTP address allowed and remembered as the winner.
    const list = (await serversItem.getValue())!;
    const remembered = { uri: home.connections[0]!.uri, local: true, relay: false };
    await serversItem.setValue({
      ...list,
      plainHttp: [home.machineIdentifier],
      servers: list.servers.map((s) => ({ ...s, status: 'reachable' as const, connection: remembered })),
    });
    const restarted = background();
    const before = (await plex.serverRequests()).length;
    expect(await lookUp(restarted, 'Home Server')).toMatchObject({ kind: 'answered', result: { ok: true } });
    const after = (await plex.serverRequests()).slice(before);
    expect(after.filter((r) => r.connection === 0).map((r) => [r.path, r.headers['x-plex-token'] ?? null])).toEqual([['/identity', null]]);
    expect((await entry('Home Server')).connection?.uri).toBe(home.connections[1]!.uri);
  });

  it('never uses plain HTTP to a remote address, or to a server that requires HTTPS', async () => {
    const remote = await plex.addServer({ name: 'Remote', connections: [{ local: false, protocol: 'http' }], library });
    const strict = await plex.addServer({ name: 'Strict', httpsRequired: true, connections: [{ local: true, protocol: 'http' }], library });
    await signIn();
    const servers = background();
    await servers.refresh();
    await servers.setPlainHttp(remote.machineIdentifier, true);
    await servers.setPlainHttp(strict.machineIdentifier, true);
    expect(await lookUp(servers, 'Remote')).toEqual({ kind: 'unreachable' });
    expect(await lookUp(servers, 'Strict')).toEqual({ kind: 'unreachable' });
    expect([...(await reached(remote, 0)), ...(await reached(strict, 0))]).toEqual([]);
  });
});

describe('redirects', () => {
  it('gives a redirecting server’s target no token', async () => {
    const home = await plex.addServer({
      name: 'Home Server',
      connections: [{ local: true, behaviour: 'redirect', redirectTo: 1 }, { local: false }],
      library,
    });
    await signIn();
    const servers = background();
    await servers.refresh();
    expect((await entry('Home Server')).connection?.uri).toBe(home.connections[0]!.uri);
    const answer = await lookUp(servers, 'Home Server');
    expect(answer.kind === 'answered' && answer.result.ok).toBe(false);
    expect((await reached(home, 0)).some((r) => r.path === '/library/all' && r.token)).toBe(true);
    expect((await reached(home, 1)).filter((r) => r.token)).toEqual([]);
  });
});

describe('Plex Home', () => {
  it('tries the local connections of a Plex Home server on this network, never those of a friend’s', async () => {
    const home = await plex.addServer({
      name: 'Family',
      owned: false,
      home: true,
      connections: [{ local: true }, { local: false, behaviour: 'refuse' }],
      library,
    });
    const friend = await plex.addServer({
      name: 'Friend',
      owned: false,
      connections: [{ local: true }, { local: false, behaviour: 'refuse' }],
      library,
    });
    await signIn();
    const servers = background();
    await servers.refresh();
    expect(await entry('Family')).toMatchObject({ status: 'reachable', connection: { uri: home.connections[0]!.uri, local: true } });
    expect((await entry('Friend')).status).toBe('unreachable');
    expect(await reached(friend, 0)).toEqual([]);
  });
});

describe('an unreachable server', () => {
  it('is probed again with back-off, not on every lookup', async () => {
    const cabin = await plex.addServer({ name: 'Cabin', connections: [{ local: true, behaviour: 'wrong-identity' }], library });
    await signIn();
    const clock = { now: Date.now() };
    const servers = background(clock);
    await servers.refresh();
    const probes = async () => (await reached(cabin, 0)).length;
    expect(await probes()).toBe(1);

    // A page asking a hundred times, some at once.
    await Promise.all(Array.from({ length: 50 }, () => lookUp(servers, 'Cabin')));
    for (let i = 0; i < 50; i++) expect(await lookUp(servers, 'Cabin')).toEqual({ kind: 'unreachable' });
    expect(await probes()).toBe(1);

    clock.now += UNREACHABLE_BACKOFF_MS;
    await Promise.all(Array.from({ length: 20 }, () => lookUp(servers, 'Cabin')));
    expect(await probes()).toBe(2);
    // The next wait is longer.
    clock.now += UNREACHABLE_BACKOFF_MS;
    await lookUp(servers, 'Cabin');
    expect(await probes()).toBe(2);
    clock.now += UNREACHABLE_BACKOFF_MS;
    await lookUp(servers, 'Cabin');
    expect(await probes()).toBe(3);
    // Refresh (the popup's button) asks at once.
    await servers.refresh();
    expect(await probes()).toBe(4);
  });
});
