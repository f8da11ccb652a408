import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { serversItem, serverTokensItem, tokenItem } from '@/src/storage';
import { DEFAULT_CATALOG, type FakeServerSpec } from '../fake-plex/server';
import { fakePlexForFile } from './fake-plex-for-file';
import { signIn as signInTo, titleServices } from './title-services';

/** The background's servers and title lookups, with real fetch, against the fake Plex and fake media servers. */
const plex = await fakePlexForFile();

const INCEPTION = DEFAULT_CATALOG.find((t) => t.title === 'Inception')!;
const MATRIX = DEFAULT_CATALOG.find((t) => t.title === 'The Matrix')!;

const signIn = () => signInTo(plex);
const services = (options: { blocked?: string[]; timeoutMs?: number } = {}) => titleServices(plex, options);

const inMovies = (title: typeof INCEPTION): FakeServerSpec['library'] => [{ guid: title.guid, title: title.title, section: 'Movies' }];

beforeEach(() => fakeBrowser.reset());

describe('the account’s servers', () => {
  it('lists only servers, each through its best working connection, and keeps their tokens apart', async () => {
    const home = await plex.addServer({ name: 'Home Server', connections: [{ local: true, behaviour: 'refuse' }, { local: false }] });
    const friend = await plex.addServer({
      name: "Friend's Server",
      owned: false,
      sourceTitle: 'sam',
      connections: [{ local: true }, { local: false }],
    });
    await signIn();
    const { servers } = services();
    await servers.refresh();

    const list = await serversItem.getValue();
    expect(list?.servers.map((s) => [s.name, s.status, s.connection?.uri])).toEqual([
      ['Home Server', 'reachable', home.connections[1]!.uri],
      ["Friend's Server", 'reachable', friend.connections[1]!.uri],
    ]);
    // A shared server's local address is the owner's home network: never tried.
    const probed = (await plex.serverRequests()).filter((r) => r.server === friend.machineIdentifier).map((r) => r.connection);
    expect(probed).not.toContain(0);
    expect(await serverTokensItem.getValue()).toEqual({
      [home.machineIdentifier]: home.accessToken,
      [friend.machineIdentifier]: friend.accessToken,
    });
    expect(JSON.stringify(list)).not.toContain(home.accessToken);
  });

  it('says when a server is only reachable through Plex’s relay, or not at all', async () => {
    await plex.addServer({
      name: 'Relay Only',
      connections: [
        { local: true, behaviour: 'hang' },
        { local: false, relay: true },
      ],
    });
    await plex.addServer({ name: 'Impostor', connections: [{ local: true, behaviour: 'wrong-identity' }] });
    await signIn();
    const { servers } = services();
    const started = Date.now();
    await servers.refresh();
    // The hanging local address does not hold the answer up for a whole request timeout.
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await serversItem.getValue())?.servers.map((s) => [s.name, s.status])).toEqual([
      ['Impostor', 'unreachable'],
      ['Relay Only', 'relay'],
    ]);
  });

  it('asks for permission instead of calling an address the extension may not reach', async () => {
    const info = await plex.addServer({ name: 'Custom Address', connections: [{ local: true }] });
    await signIn();
    const { servers } = services({ blocked: ['https://127-0-0-1.'] });
    await servers.refresh();
    const [entry] = (await serversItem.getValue())!.servers;
    expect(entry).toMatchObject({
      status: 'needs-permission',
      missingOrigins: [`https://${new URL(info.connections[0]!.uri).hostname}/*`],
    });
    expect((await plex.serverRequests()).filter((r) => r.server === info.machineIdentifier)).toEqual([]);
  });

  it('keeps the last list when plex.tv fails, and says why', async () => {
    await plex.addServer({ name: 'Home Server', connections: [{ local: true }] });
    await signIn();
    const { servers } = services();
    await servers.refresh();
    await plex.fault({ path: '/api/v2/resources', kind: 'status', status: 503 });
    await servers.refresh();
    const list = await serversItem.getValue();
    expect(list?.problem).toBe('server');
    expect(list?.servers.map((s) => s.name)).toEqual(['Home Server']);
  });

  it('lets the sign-in check the token when plex.tv refuses it', async () => {
    const token = await signIn();
    await plex.revoke(token);
    const { servers, onUnauthorized } = services();
    await servers.refresh();
    expect(onUnauthorized).toHaveBeenCalled();
  });

  it('forgets servers and tokens on sign-out, even if a refresh was still out', async () => {
    await plex.addServer({ name: 'Home Server', connections: [{ local: true }] });
    await signIn();
    const { servers } = services();
    const refreshing = servers.refresh();
    await servers.clear();
    await refreshing;
    expect(await serversItem.getValue()).toBeNull();
    expect(await serverTokensItem.getValue()).toEqual({});
  });
});

describe('looking a title up', () => {
  it('finds where a title is and links to it in Plex Web', async () => {
    const home = await plex.addServer({
      name: 'Home Server',
      connections: [{ local: true }],
      library: [{ ...inMovies(INCEPTION)![0]!, ratingKey: '4242' }],
    });
    const token = await signIn();
    const { titles } = services();
    const lookup = await titles.lookup({ source: 'imdb', id: 'tt1375666' });
    // What a page's badge receives carries no token and no server address.
    for (const secret of [token, home.accessToken, home.connections[0]!.uri]) expect(JSON.stringify(lookup)).not.toContain(secret);
    expect(lookup).toEqual({
      state: 'found',
      title: { ratingKey: INCEPTION.ratingKey, name: 'Inception', year: 2010, kind: 'movie', tmdbId: '27205' },
      on: [
        {
          server: 'Home Server',
          library: 'Movies',
          href: `https://app.plex.test/desktop#!/server/${home.machineIdentifier}/details?key=%2Flibrary%2Fmetadata%2F4242`,
        },
      ],
      problems: [],
      answered: 1,
      watchlisted: false,
    });
  });

  it('answers a second visit from its cache, without a request', async () => {
    await plex.addServer({ name: 'Home Server', connections: [{ local: true }], library: inMovies(INCEPTION) });
    await signIn();
    const { titles } = services();
    const first = await titles.lookup({ source: 'tmdb', id: '27205', kind: 'movie' });
    const before = [(await plex.requests()).length, (await plex.serverRequests()).length];
    expect(await titles.lookup({ source: 'tmdb', id: '27205', kind: 'movie' })).toEqual(first);
    expect([(await plex.requests()).length, (await plex.serverRequests()).length]).toEqual(before);
  });

  it('tells a title that is on no server from one Plex does not know', async () => {
    await plex.addServer({ name: 'Home Server', connections: [{ local: true }], library: inMovies(INCEPTION) });
    await signIn();
    const { titles } = services();
    expect(await titles.lookup({ source: 'imdb', id: 'tt0133093' })).toMatchObject({ state: 'found', on: [], problems: [] });
    expect(await titles.lookup({ source: 'imdb', id: 'tt9999999' })).toEqual({ state: 'unknown' });
  });

  it('finds a show from an IMDb address, which does not say movie or show', async () => {
    const show = DEFAULT_CATALOG.find((t) => t.type === 'show')!;
    await plex.addServer({
      name: 'Home Server',
      connections: [{ local: true }],
      library: [{ guid: show.guid, title: show.title, section: 'TV Shows' }],
    });
    await signIn();
    const { titles } = services();
    expect(await titles.lookup({ source: 'imdb', id: 'tt0903747' })).toMatchObject({ state: 'found', on: [{ library: 'TV Shows' }] });
  });

  it('says what it knows when one server refuses and another is down', async () => {
    await plex.addServer({ name: 'Home Server', connections: [{ local: true }], library: inMovies(INCEPTION) });
    const refusing = await plex.addServer({ name: 'Office', connections: [{ local: true }], library: inMovies(INCEPTION) });
    await plex.addServer({ name: 'Cabin', connections: [{ local: true, behaviour: 'refuse' }] });
    await plex.serverFault({ machineIdentifier: refusing.machineIdentifier, path: '/library', kind: 'status', status: 401, times: 10 });
    await signIn();
    const { titles } = services();
    const lookup = await titles.lookup({ source: 'imdb', id: 'tt1375666' });
    expect(lookup).toMatchObject({
      state: 'found',
      on: [{ server: 'Home Server' }],
      problems: expect.arrayContaining([
        { server: 'Office', problem: 'no-access' },
        { server: 'Cabin', problem: 'unreachable' },
      ]),
    });
  });

  it('probes again when the remembered connection stops answering', async () => {
    const home = await plex.addServer({ name: 'Home Server', connections: [{ local: true }], library: inMovies(INCEPTION) });
    await signIn();
    const { servers, titles } = services();
    await servers.refresh();
    await plex.serverFault({ machineIdentifier: home.machineIdentifier, path: '/library', kind: 'drop' });
    const lookup = await titles.lookup({ source: 'imdb', id: 'tt1375666' });
    expect(lookup).toMatchObject({ state: 'found', on: [{ server: 'Home Server' }], problems: [] });
    const paths = (await plex.serverRequests()).map((r) => r.path);
    expect(paths.slice(-3)).toEqual(['/library/all', '/identity', '/library/all']);
  });

  it('never hangs on a metadata service that does not answer, and asks again next time', async () => {
    await signIn();
    const { titles } = services({ timeoutMs: 500 });
    await plex.fault({ path: '/library/metadata/matches', kind: 'hang' });
    expect(await titles.lookup({ source: 'imdb', id: 'tt1375666' })).toEqual({ state: 'failed', reason: 'timeout' });
    expect(await titles.lookup({ source: 'imdb', id: 'tt1375666' })).toMatchObject({ state: 'found' });
  });

  it('reads a metadata answer with missing fields as an error, not as a title', async () => {
    await signIn();
    const { titles } = services();
    await plex.fault({
      path: '/library/metadata/matches',
      kind: 'body',
      body: JSON.stringify({ MediaContainer: { Metadata: [{ title: 'No key' }] } }),
    });
    expect(await titles.lookup({ source: 'imdb', id: 'tt1375666' })).toEqual({ state: 'failed', reason: 'invalid-response' });
  });

  it('is signed out without a token, and forgets every answer on sign-out', async () => {
    await plex.addServer({ name: 'Home Server', connections: [{ local: true }], library: inMovies(INCEPTION) });
    await signIn();
    const { titles, servers } = services();
    await titles.lookup({ source: 'imdb', id: 'tt1375666' });
    await tokenItem.removeValue();
    await Promise.all([titles.clear(), servers.clear()]);
    expect(await titles.lookup({ source: 'imdb', id: 'tt1375666' })).toEqual({ state: 'signed-out' });
  });
});

describe('the watchlist', () => {
  it('adds and removes a title, and the cached answer follows', async () => {
    await signIn();
    const { titles } = services();
    await titles.lookup({ source: 'imdb', id: 'tt0133093' });
    expect(await titles.setWatchlist(MATRIX.ratingKey, true)).toEqual({ ok: true, watchlisted: true });
    expect(await plex.watchlist()).toEqual([MATRIX.ratingKey]);
    expect(await titles.lookup({ source: 'imdb', id: 'tt0133093' })).toMatchObject({ watchlisted: true });
    expect(await titles.setWatchlist(MATRIX.ratingKey, false)).toEqual({ ok: true, watchlisted: false });
    expect(await plex.watchlist()).toEqual([]);
  });

  it('shows what is already on the watchlist', async () => {
    await plex.setWatchlist([INCEPTION.ratingKey]);
    await signIn();
    const { titles } = services();
    expect(await titles.lookup({ source: 'tmdb', id: '27205', kind: 'movie' })).toMatchObject({ watchlisted: true });
  });

  it('reports a failed change without pretending it worked', async () => {
    await signIn();
    const { titles } = services();
    await plex.fault({ path: '/actions/addToWatchlist', kind: 'status', status: 502 });
    expect(await titles.setWatchlist(MATRIX.ratingKey, true)).toEqual({ ok: false, reason: 'server' });
    expect(await plex.watchlist()).toEqual([]);
  });
});
