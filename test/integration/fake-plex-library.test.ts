import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG, type FakeServerSpec, fakePlexControl, startFakePlex } from '../fake-plex/server';
import { fakePlexForFile } from './fake-plex-for-file';
import { plexDirectFetch } from './plex-direct-fetch';

// The fake media servers' https connections have plex.direct names: this fetch resolves them to 127.0.0.1.
const fetch = plexDirectFetch();

// Checks servers, resources, the metadata provider and the watchlist against plex-api-spec and python-plexapi myplex.py.

const CLIENT = 'client-under-test';
const JSON_HEADERS = { Accept: 'application/json', 'X-Plex-Client-Identifier': CLIENT };

function catalogTitle(title: string): (typeof DEFAULT_CATALOG)[number] {
  const found = DEFAULT_CATALOG.find((t) => t.title === title);
  if (!found) throw new Error(`${title} is not in DEFAULT_CATALOG`);
  return found;
}

const INCEPTION = catalogTitle('Inception');
const MATRIX = catalogTitle('The Matrix');
const BREAKING_BAD = catalogTitle('Breaking Bad');

const LIBRARY: FakeServerSpec['library'] = [
  { guid: INCEPTION.guid, title: 'Inception', year: 2010, section: 'Movies', ratingKey: '123' },
  { guid: BREAKING_BAD.guid, title: 'Breaking Bad', year: 2008, section: 'TV Shows' },
];

interface Device {
  name: string;
  provides: string;
  clientIdentifier: string;
  accessToken: string;
  owned: boolean;
  sourceTitle: string | null;
  connections: { protocol: string; address: string; port: number; uri: string; local: boolean; relay: boolean; IPv6: boolean }[];
}

interface Container {
  MediaContainer: { size: number; Metadata?: Record<string, unknown>[]; UserState?: Record<string, unknown>[] } & Record<string, unknown>;
}

const fake = await fakePlexForFile();

function plex(path: string, token?: string, init: RequestInit = {}): Promise<Response> {
  const headers = { ...JSON_HEADERS, ...(token !== undefined && { 'X-Plex-Token': token }), ...(init.headers as Record<string, string>) };
  return fetch(`${fake.url}${path}`, { ...init, headers });
}

async function json<T = Container>(response: Response): Promise<T> {
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

async function signedIn(username?: string): Promise<string> {
  const response = await plex('/api/v2/pins?strong=true', undefined, { method: 'POST' });
  const { id } = (await response.json()) as { id: number };
  return (await fake.approve({ id }, username === undefined ? undefined : { username })).token;
}

/** Listening sockets of this process: what a leaked listener would add to. */
function listenerCount(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'TCPServerWrap').length;
}

/** The port is free when close() resolves, but Node lists its handle until the next turn of the loop. */
async function expectListeners(count: number): Promise<void> {
  await expect.poll(listenerCount, { timeout: 2000 }).toBe(count);
}

/** The error code a failed fetch gives as its cause, e.g. ECONNREFUSED. */
async function failure(request: Promise<Response>): Promise<string> {
  const error = await request.then(
    () => undefined,
    (e: unknown) => e as { cause?: { code?: string } },
  );
  if (!error) throw new Error('the request did not fail');
  return error.cause?.code ?? 'unknown';
}

describe('fake Plex: resources', () => {
  it('answers 401 without a valid account token', async () => {
    expect((await plex('/api/v2/resources')).status).toBe(401);
    expect((await plex('/api/v2/resources', 'wrong')).status).toBe(401);
  });

  it('lists servers shaped like plex.tv, and always a device that is not a server', async () => {
    const token = await signedIn();
    const own = await fake.addServer({ name: 'Home', connections: [{ local: true }, { local: false, relay: true }] });
    const shared = await fake.addServer({
      name: 'Friend',
      owned: false,
      sourceTitle: 'Sam',
      accessToken: 'shared-token',
      connections: [{ local: false }],
    });
    const devices = await json<Device[]>(await plex('/api/v2/resources?includeHttps=1&includeRelay=1&includeIPv6=1', token));

    expect(devices.filter((d) => !d.provides.split(',').includes('server'))).toEqual([
      expect.objectContaining({ name: "Alex's iPhone", product: 'Plex for iOS', provides: 'client,player', connections: [] }),
    ]);
    const servers = devices.filter((d) => d.provides === 'server');
    expect(servers.map((d) => d.clientIdentifier)).toEqual([own.machineIdentifier, shared.machineIdentifier]);
    expect(own.machineIdentifier).toMatch(/^[0-9a-f]{40}$/);
    expect(servers[0]).toMatchObject({
      name: 'Home',
      product: 'Plex Media Server',
      platform: 'Linux',
      device: 'PC',
      ownerId: null,
      sourceTitle: null,
      accessToken: own.accessToken,
      owned: true,
      presence: true,
      httpsRequired: false,
      publicAddress: '203.0.113.7',
    });
    const port = Number(new URL(own.connections[0]?.uri ?? '').port);
    const relayPort = Number(new URL(own.connections[1]?.uri ?? '').port);
    const hash = own.connections[0]?.uri.split('.')[1] ?? '';
    // includeHttps=1: https plex.direct names for local and remote connections alike (python-plexapi myplex.py MyPlexResource).
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(servers[0]?.connections).toEqual([
      {
        protocol: 'https',
        address: '127.0.0.1',
        port,
        uri: `https://127-0-0-1.${hash}.plex.direct:${port}`,
        local: true,
        relay: false,
        IPv6: false,
      },
      {
        protocol: 'https',
        address: '198.51.100.24',
        port: relayPort,
        uri: `https://198-51-100-24.${hash}.plex.direct:${relayPort}`,
        local: false,
        relay: true,
        IPv6: false,
      },
    ]);
    expect(servers[1]).toMatchObject({ owned: false, ownerId: 98765, sourceTitle: 'Sam', accessToken: 'shared-token' });
    expect(await fake.servers()).toEqual([own, shared]);
  });

  it('answers XML without Accept: application/json', async () => {
    const token = await signedIn();
    await fake.addServer({ name: 'Home', connections: [{ local: true }] });
    const response = await fetch(`${fake.url}/api/v2/resources?X-Plex-Token=${token}`);
    expect(response.headers.get('content-type')).toContain('application/xml');
    const xml = await response.text();
    expect(xml).toMatch(/<resources size="2"><resource name="Alex&#39;s iPhone"/);
    expect(xml).toMatch(/<resource name="Home" product="Plex Media Server".*<connections><connection protocol="https"/);
  });
});

describe('fake Plex: media servers', () => {
  it('answers /identity without a token, in JSON or XML', async () => {
    const server = await fake.addServer({ name: 'Home', connections: [{ local: true }] });
    const uri = server.connections[0]?.uri;
    expect(await json(await fetch(`${uri}/identity`, { headers: { Accept: 'application/json' } }))).toEqual({
      MediaContainer: { size: 0, claimed: true, machineIdentifier: server.machineIdentifier, version: '1.41.0.0000' },
    });
    const xml = await (await fetch(`${uri}/identity`)).text();
    expect(xml).toContain(`<MediaContainer size="0" claimed="1" machineIdentifier="${server.machineIdentifier}"`);
  });

  it('finds library items by guid and type with the server token only', async () => {
    const accountToken = await signedIn();
    const server = await fake.addServer({ name: 'Home', accessToken: 'server-token', connections: [{ local: true }], library: LIBRARY });
    const all = (query: string, token?: string): Promise<Response> => {
      const headers = { Accept: 'application/json', ...(token && { 'X-Plex-Token': token }) };
      return fetch(`${server.connections[0]?.uri}/library/all?${query}`, { headers });
    };

    expect((await all(`guid=${INCEPTION.guid}`)).status).toBe(401);
    expect((await all(`guid=${INCEPTION.guid}`, accountToken)).status).toBe(401);
    expect(await json(await all(`guid=${encodeURIComponent(INCEPTION.guid)}`, 'server-token'))).toEqual({
      MediaContainer: {
        size: 1,
        Metadata: [
          expect.objectContaining({
            ratingKey: '123',
            key: '/library/metadata/123',
            guid: INCEPTION.guid,
            type: 'movie',
            title: 'Inception',
            year: 2010,
            librarySectionTitle: 'Movies',
            librarySectionID: 1,
          }),
        ],
      },
    });
    const show = await json(await all(`type=2&guid=${BREAKING_BAD.guid}&X-Plex-Token=server-token`));
    expect(show.MediaContainer.Metadata?.[0]).toMatchObject({
      ratingKey: '1001',
      type: 'show',
      librarySectionTitle: 'TV Shows',
      librarySectionID: 2,
    });
    expect(await json(await all(`type=1&guid=${BREAKING_BAD.guid}`, 'server-token'))).toEqual({ MediaContainer: { size: 0 } });
    expect(await json(await all(`guid=${MATRIX.guid}`, 'server-token'))).toEqual({ MediaContainer: { size: 0 } });

    const xml = await (await fetch(`${server.connections[0]?.uri}/library/all?guid=${INCEPTION.guid}&X-Plex-Token=server-token`)).text();
    expect(xml).toMatch(/<MediaContainer size="1"><Video ratingKey="123" key="\/library\/metadata\/123"/);
  });

  it('gives each connection its own listener and behaviour, and logs what reached them', async () => {
    const server = await fake.addServer({
      name: 'Home',
      connections: [
        { local: true, behaviour: 'refuse' },
        { local: true, behaviour: 'hang' },
        { local: false, behaviour: 'wrong-identity' },
        { local: false },
      ],
    });
    const [refuse, hang, impostor, ok] = server.connections.map((c) => c.uri);
    expect(new Set([refuse, hang, impostor, ok]).size).toBe(4);
    expect(server.connections.map((c) => c.behaviour)).toEqual(['refuse', 'hang', 'wrong-identity', 'ok']);

    expect(await failure(fetch(`${refuse}/identity`))).toBe('ECONNREFUSED');
    await expect(fetch(`${hang}/identity`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    const other = await json(await fetch(`${impostor}/identity`, { headers: { Accept: 'application/json' } }));
    expect(other.MediaContainer.machineIdentifier).toMatch(/^[0-9a-f]{40}$/);
    expect(other.MediaContainer.machineIdentifier).not.toBe(server.machineIdentifier);
    expect((await fetch(`${impostor}/library/all?X-Plex-Token=${server.accessToken}`)).status).toBe(401);
    expect((await fetch(`${ok}/identity`)).status).toBe(200);

    await expect.poll(async () => (await fake.serverRequests()).length).toBe(4);
    const log = await fake.serverRequests();
    expect(log.map((r) => `${r.connection} ${r.path}`).sort()).toEqual(['1 /identity', '2 /identity', '2 /library/all', '3 /identity']);
    expect(log.every((r) => r.server === server.machineIdentifier && r.method === 'GET')).toBe(true);
    expect(log.find((r) => r.path === '/library/all')?.query).toEqual({ 'X-Plex-Token': server.accessToken });
    expect(await fake.requests()).toEqual([]);
  });

  it('applies a fault to one server only', async () => {
    const broken = await fake.addServer({ name: 'Broken', connections: [{ local: true }, { local: false }] });
    const fine = await fake.addServer({ name: 'Fine', connections: [{ local: true }] });
    await fake.serverFault({ machineIdentifier: broken.machineIdentifier, kind: 'status', status: 401, path: '/identity', times: 2 });
    expect((await fetch(`${fine.connections[0]?.uri}/identity`)).status).toBe(200);
    expect((await fetch(`${broken.connections[0]?.uri}/identity`)).status).toBe(401);
    expect((await fetch(`${broken.connections[1]?.uri}/identity`)).status).toBe(401);
    expect((await fetch(`${broken.connections[0]?.uri}/identity`)).status).toBe(200);

    await fake.serverFault({ machineIdentifier: broken.machineIdentifier, kind: 'drop' });
    await expect(fetch(`${broken.connections[0]?.uri}/library/all`)).rejects.toThrow();
    await expect(fake.serverFault({ machineIdentifier: 'nope', kind: 'drop' })).rejects.toThrow(/no server/);
  });

  it('rejects a malformed spec the same way in-process and over HTTP', async () => {
    const control = fakePlexControl(fake.url);
    for (const client of [fake, control]) {
      await expect(client.addServer({ name: '', connections: [] })).rejects.toThrow(/name/);
      await expect(client.addServer({ name: 'x', connections: [{ local: 'yes' as unknown as boolean }] })).rejects.toThrow(
        /connections\[0\]\.local/,
      );
      await expect(client.addServer({ name: 'x', connections: [{ local: true, behaviour: 'slow' as 'ok' }] })).rejects.toThrow(/behaviour/);
      const library = [{ guid: 'g', title: 't', section: 'S', ratingKey: 'abc' }];
      await expect(client.addServer({ name: 'x', connections: [], library })).rejects.toThrow(/ratingKey/);
    }
    await fake.addServer({ name: 'x', machineIdentifier: 'same', connections: [] });
    await expect(control.addServer({ name: 'y', machineIdentifier: 'same', connections: [] })).rejects.toThrow(/already runs/);
  });

  it('stops every listener on removeServers() and reset()', async () => {
    const token = await signedIn();
    const listeners = listenerCount();
    const first = await fake.addServer({ name: 'A', connections: [{ local: true }, { local: true, behaviour: 'hang' }] });
    await expectListeners(listeners + 2);
    const hanging = fetch(`${first.connections[1]?.uri}/identity`);
    await expect.poll(async () => (await fake.serverRequests()).length).toBe(1);
    await fake.removeServers();
    await expect(hanging).rejects.toThrow();
    await expect(fetch(`${first.connections[0]?.uri}/identity`)).rejects.toThrow();
    expect(await fake.servers()).toEqual([]);
    await expectListeners(listeners);

    const second = await fake.addServer({ name: 'B', connections: [{ local: true }] });
    await fake.reset();
    await expectListeners(listeners);
    await expect(fetch(`${second.connections[0]?.uri}/identity`)).rejects.toThrow();
    expect(await fake.serverRequests()).toEqual([]);
    const devices = await json<Device[]>(await plex('/api/v2/resources', await signedIn()));
    expect(devices.map((d) => d.provides)).toEqual(['client,player']);
    expect((await plex('/api/v2/resources', token)).status).toBe(401);
  });

  it('frees the fake and its servers on close()', async () => {
    const listeners = listenerCount();
    const other = await startFakePlex();
    const connections = [{ local: true }, { local: true, behaviour: 'refuse' as const }, { local: false, behaviour: 'hang' as const }];
    const server = await other.addServer({ name: 'A', connections });
    await expectListeners(listeners + 3);
    expect((await fetch(`${server.connections[0]?.uri}/identity`)).status).toBe(200);
    await other.close();
    await expectListeners(listeners);
    await expect(fetch(`${server.connections[0]?.uri}/identity`)).rejects.toThrow();
    await expect(fetch(`${other.url}/api/v2/ping`)).rejects.toThrow();
    await expect(other.addServer({ name: 'late', connections: [{ local: true }] })).rejects.toThrow(/closed/);
  });
});

describe('fake Plex: metadata provider', () => {
  it('matches external ids by type', async () => {
    const token = await signedIn();
    const inception = await json(await plex('/library/metadata/matches?type=1&guid=imdb://tt1375666', token));
    expect(inception).toEqual({
      MediaContainer: {
        size: 1,
        identifier: 'tv.plex.provider.metadata',
        Metadata: [
          {
            ratingKey: INCEPTION.ratingKey,
            key: `/library/metadata/${INCEPTION.ratingKey}`,
            guid: `plex://movie/${INCEPTION.ratingKey}`,
            type: 'movie',
            title: 'Inception',
            year: 2010,
            thumb: 'https://example.invalid/t.jpg',
          },
        ],
      },
    });
    expect(INCEPTION.ratingKey).toMatch(/^[0-9a-f]{24}$/);
    const matrix = await json(await plex('/library/metadata/matches?type=1&guid=tmdb://603', token));
    expect(matrix.MediaContainer.Metadata?.[0]?.title).toBe('The Matrix');
    const show = await json(await plex('/library/metadata/matches?type=2&guid=imdb://tt0903747', token));
    expect(show.MediaContainer.Metadata?.[0]).toMatchObject({ guid: BREAKING_BAD.guid, type: 'show' });
    const untyped = await json(await plex('/library/metadata/matches?guid=tvdb://81189', token));
    expect(untyped.MediaContainer.size).toBe(1);

    const none = { MediaContainer: { size: 0, identifier: 'tv.plex.provider.metadata' } };
    expect(await json(await plex('/library/metadata/matches?type=2&guid=imdb://tt1375666', token))).toEqual(none);
    expect(await json(await plex('/library/metadata/matches?type=1&guid=imdb://tt0000001', token))).toEqual(none);
  });

  it('answers 401 without a token, 400 without a guid, and XML when asked', async () => {
    const token = await signedIn();
    expect((await plex('/library/metadata/matches?type=1&guid=imdb://tt1375666')).status).toBe(401);
    expect((await plex('/library/metadata/matches?type=1&guid=imdb://tt1375666', 'wrong')).status).toBe(401);
    const missing = await plex('/library/metadata/matches?type=1', token);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ errors: [expect.objectContaining({ status: 400 })] });

    const xml = await (await fetch(`${fake.url}/library/metadata/matches?type=1&guid=imdb://tt1375666&X-Plex-Token=${token}`)).text();
    expect(xml).toMatch(/<MediaContainer size="1" identifier="tv.plex.provider.metadata"><Video ratingKey="[0-9a-f]{24}"/);
  });

  it('serves a catalog set by a test until reset', async () => {
    const token = await signedIn();
    await fake.setCatalog([{ ratingKey: 'a'.repeat(24), type: 'movie', title: 'Dune', year: 2021, externalIds: ['imdb://tt1160419'] }]);
    expect(await fake.catalog()).toEqual([
      {
        ratingKey: 'a'.repeat(24),
        guid: `plex://movie/${'a'.repeat(24)}`,
        type: 'movie',
        title: 'Dune',
        year: 2021,
        externalIds: ['imdb://tt1160419'],
      },
    ]);
    const dune = await json(await plex('/library/metadata/matches?type=1&guid=imdb://tt1160419', token));
    expect(dune.MediaContainer.Metadata?.[0]?.title).toBe('Dune');
    expect((await json(await plex('/library/metadata/matches?guid=imdb://tt1375666', token))).MediaContainer.size).toBe(0);
    await expect(fake.setCatalog([{ ratingKey: 'short', type: 'movie', title: 'x', year: 1 }])).rejects.toThrow(/ratingKey/);

    await fake.reset();
    expect(await fake.catalog()).toEqual(DEFAULT_CATALOG);
  });

  it('gives userState, with watchlistedAt only for watchlisted titles', async () => {
    const token = await signedIn();
    const state = (key: string): Promise<Response> => plex(`/library/metadata/${key}/userState`, token);
    expect(await json(await state(MATRIX.ratingKey))).toEqual({
      MediaContainer: { size: 1, UserState: [{ ratingKey: MATRIX.ratingKey, type: 'movie', viewCount: 0 }] },
    });
    const before = Math.floor(Date.now() / 1000);
    await fake.setWatchlist([MATRIX.ratingKey]);
    const [listed] = (await json(await state(MATRIX.ratingKey))).MediaContainer.UserState ?? [];
    expect(listed?.watchlistedAt).toBeGreaterThanOrEqual(before);
    expect((await state('f'.repeat(24))).status).toBe(404);
    expect((await plex(`/library/metadata/${MATRIX.ratingKey}/userState`)).status).toBe(401);
  });
});

describe('fake Plex: watchlist', () => {
  const put = (action: string, query: string, token?: string): Promise<Response> =>
    plex(`/actions/${action}${query}`, token, { method: 'PUT' });

  it('adds and removes titles, visible through the control API', async () => {
    const token = await signedIn();
    const added = await put('addToWatchlist', `?ratingKey=${INCEPTION.ratingKey}`, token);
    expect(added.status).toBe(200);
    expect(await added.text()).toBe('');
    await put('addToWatchlist', `?ratingKey=${BREAKING_BAD.ratingKey}`, token);
    expect(await fake.watchlist()).toEqual([INCEPTION.ratingKey, BREAKING_BAD.ratingKey]);

    expect((await put('removeFromWatchlist', `?ratingKey=${INCEPTION.ratingKey}`, token)).status).toBe(200);
    expect((await put('removeFromWatchlist', `?ratingKey=${INCEPTION.ratingKey}`, token)).status).toBe(200);
    expect(await fake.watchlist()).toEqual([BREAKING_BAD.ratingKey]);
    await fake.reset();
    expect(await fake.watchlist()).toEqual([]);
  });

  it('answers 401, 400 and 404 like the other routes', async () => {
    const token = await signedIn();
    expect((await put('addToWatchlist', `?ratingKey=${INCEPTION.ratingKey}`)).status).toBe(401);
    expect((await put('addToWatchlist', `?ratingKey=${INCEPTION.ratingKey}`, 'wrong')).status).toBe(401);
    expect((await put('addToWatchlist', '', token)).status).toBe(400);
    expect((await put('removeFromWatchlist', `?ratingKey=${'0'.repeat(24)}`, token)).status).toBe(404);
    await expect(fake.setWatchlist(['0'.repeat(24)])).rejects.toThrow(/not in the catalog/);
    expect(await fake.watchlist()).toEqual([]);
  });

  it('keeps one watchlist per account', async () => {
    const kim = await signedIn('kim');
    await put('addToWatchlist', `?ratingKey=${MATRIX.ratingKey}`, kim);
    expect(await fake.watchlist()).toEqual([]);
    expect(await fake.watchlist('kim')).toEqual([MATRIX.ratingKey]);
    const state = await json(await plex(`/library/metadata/${MATRIX.ratingKey}/userState`, await signedIn()));
    expect(state.MediaContainer.UserState?.[0]).not.toHaveProperty('watchlistedAt');
  });

  it('goes through the request log and the fault queue', async () => {
    const token = await signedIn();
    await fake.fault({ path: '/library/metadata/matches', kind: 'hang' });
    await expect(plex('/library/metadata/matches?guid=imdb://tt1375666', token, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    await fake.fault({ path: '/actions/', method: 'PUT', kind: 'status', status: 503 });
    expect((await put('addToWatchlist', `?ratingKey=${MATRIX.ratingKey}`, token)).status).toBe(503);
    expect(await fake.watchlist()).toEqual([]);
    const paths = (await fake.requests()).map((r) => `${r.method} ${r.path}`);
    expect(paths.slice(-2)).toEqual(['GET /library/metadata/matches', 'PUT /actions/addToWatchlist']);
  });
});

describe('fake Plex: library control over HTTP', () => {
  it('does what the in-process methods do', async () => {
    const control = fakePlexControl(`${fake.url}/`);
    const server = await control.addServer({ name: 'Remote', connections: [{ local: true }], library: LIBRARY });
    expect(await control.servers()).toEqual([server]);
    expect(await fake.servers()).toEqual([server]);
    const response = await fetch(`${server.connections[0]?.uri}/library/all?guid=${INCEPTION.guid}&X-Plex-Token=${server.accessToken}`, {
      headers: { Accept: 'application/json' },
    });
    expect((await json(response)).MediaContainer.size).toBe(1);
    expect(await control.serverRequests()).toEqual(await fake.serverRequests());

    await control.serverFault({ machineIdentifier: server.machineIdentifier, kind: 'status', status: 500 });
    expect((await fetch(`${server.connections[0]?.uri}/identity`)).status).toBe(500);

    await control.setWatchlist([MATRIX.ratingKey, INCEPTION.ratingKey]);
    expect(await control.watchlist()).toEqual([MATRIX.ratingKey, INCEPTION.ratingKey]);
    expect(await fake.watchlist()).toEqual([MATRIX.ratingKey, INCEPTION.ratingKey]);
    await control.setWatchlist([BREAKING_BAD.ratingKey], 'kim');
    expect(await control.watchlist('kim')).toEqual([BREAKING_BAD.ratingKey]);
    await expect(control.setWatchlist('nope' as unknown as string[])).rejects.toThrow(/ratingKeys/);

    await control.setCatalog([{ ...INCEPTION }]);
    expect(await control.catalog()).toEqual([INCEPTION]);
    expect(await control.watchlist()).toEqual([INCEPTION.ratingKey]);

    await control.removeServers();
    expect(await control.servers()).toEqual([]);
    await expect(fetch(`${server.connections[0]?.uri}/identity`)).rejects.toThrow();
  });
});
