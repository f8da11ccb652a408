import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_CATALOG, type FakeLibraryItem } from '../fake-plex/server';
import { fakePlexForFile } from './fake-plex-for-file';
import { plexLink, signIn, titleServices } from './title-services';

/** Title lookups answered by the library index: where a title is costs no request to a Plex host. */
const plex = await fakePlexForFile();

beforeEach(() => fakeBrowser.reset());

const INCEPTION = DEFAULT_CATALOG.find((t) => t.title === 'Inception')!;
const MATRIX = DEFAULT_CATALOG.find((t) => t.title === 'The Matrix')!;
const BREAKING_BAD = DEFAULT_CATALOG.find((t) => t.title === 'Breaking Bad')!;

const movie = (title: typeof INCEPTION): FakeLibraryItem => ({
  guid: title.guid,
  title: title.title,
  year: title.year,
  section: 'Movies',
  guids: title.externalIds,
});

/** Requests to any Plex host (plex.tv, the providers, every media server) while `run` runs. */
async function requestsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const [api, servers] = [(await plex.requests()).length, (await plex.serverRequests()).length];
  await run();
  return [...(await plex.requests()).slice(api), ...(await plex.serverRequests()).slice(servers)].map((r) => `${r.method} ${r.path}`);
}

async function indexedServices(
  library: FakeLibraryItem[],
  more: { name: string; library: FakeLibraryItem[]; unreachable?: boolean }[] = [],
) {
  const home = await plex.addServer({ name: 'Home Server', connections: [{ local: false }], library });
  for (const server of more) {
    await plex.addServer({
      name: server.name,
      connections: [{ local: false, behaviour: server.unreachable ? 'refuse' : 'ok' }],
      library: server.library,
    });
  }
  await signIn(plex);
  const services = titleServices(plex, { index: true });
  await services.servers.refresh();
  await services.library.refresh();
  return { home, ...services };
}

describe('lookups from the library index', () => {
  it('says where an indexed title is and whether it is on the watchlist, asking the watchlist once for all pages', async () => {
    const { home, titles } = await indexedServices([movie(INCEPTION), movie(MATRIX)]);
    await plex.setWatchlist([MATRIX.ratingKey]);
    let first: Awaited<ReturnType<typeof titles.lookup>> | undefined;
    const asked = await requestsDuring(async () => (first = await titles.lookup({ source: 'imdb', id: 'tt1375666' })));
    expect(first).toMatchObject({
      state: 'found',
      // The TMDb id a request through Seerr needs, from the index's ids.
      title: { ratingKey: INCEPTION.ratingKey, name: 'Inception', kind: 'movie', tmdbId: '27205' },
      on: [{ server: 'Home Server', library: 'Movies', href: plexLink(home.machineIdentifier, '1001') }],
      problems: [],
      answered: 1,
      watchlisted: false,
    });
    // The one request: the watchlist, read whole.
    expect(asked).toEqual(['GET /library/sections/watchlist/all']);

    let second: Awaited<ReturnType<typeof titles.lookup>> | undefined;
    expect(await requestsDuring(async () => (second = await titles.lookup({ source: 'tmdb', id: '603', kind: 'movie' })))).toEqual([]);
    expect(second).toMatchObject({ state: 'found', watchlisted: true, on: [{ library: 'Movies' }] });

    // A toggle goes to Plex once and is remembered in the list.
    expect(await titles.setWatchlist(INCEPTION.ratingKey, true)).toEqual({ ok: true, watchlisted: true });
    let again: Awaited<ReturnType<typeof titles.lookup>> | undefined;
    expect(await requestsDuring(async () => (again = await titles.lookup({ source: 'tmdb', id: '27205', kind: 'movie' })))).toEqual([]);
    expect(again).toMatchObject({ state: 'found', watchlisted: true });
  });

  it('asks the catalogue only for a title on no server, for its watchlist button', async () => {
    const { titles } = await indexedServices([movie(MATRIX)]);
    let answer: Awaited<ReturnType<typeof titles.lookup>> | undefined;
    const asked = await requestsDuring(async () => (answer = await titles.lookup({ source: 'imdb', id: 'tt1375666' })));
    // The TMDb id, for a request through Seerr, from the catalogue's match.
    expect(answer).toMatchObject({
      state: 'found',
      title: { ratingKey: INCEPTION.ratingKey, tmdbId: '27205' },
      on: [],
      watchlisted: false,
    });
    expect(asked.filter((r) => !r.endsWith('/watchlist/all'))).toEqual(['GET /library/metadata/matches']);
  });

  it('finds an item its server listed without external ids by the catalogue’s guid, asking no server', async () => {
    const { home, titles } = await indexedServices([{ guid: INCEPTION.guid, title: 'Inception', section: 'Movies' }]);
    let answer: Awaited<ReturnType<typeof titles.lookup>> | undefined;
    const asked = await requestsDuring(async () => (answer = await titles.lookup({ source: 'imdb', id: 'tt1375666' })));
    expect(answer).toMatchObject({ state: 'found', on: [{ href: plexLink(home.machineIdentifier, '1001') }] });
    expect(asked.filter((r) => !r.endsWith('/watchlist/all'))).toEqual(['GET /library/metadata/matches']);
  });

  it('finds copies kept under other ids through the catalogue: a TheTVDB-agent copy on a TMDb page', async () => {
    const plain: FakeLibraryItem = { guid: BREAKING_BAD.guid, title: 'Breaking Bad', section: 'TV Shows' };
    const legacy: FakeLibraryItem = { guid: 'com.plexapp.agents.thetvdb://81189?lang=de', title: 'Breaking Bad', section: 'Serien' };
    const { titles } = await indexedServices([plain], [{ name: 'Attic', library: [legacy] }]);
    let answer: Awaited<ReturnType<typeof titles.lookup>> | undefined;
    const asked = await requestsDuring(async () => (answer = await titles.lookup({ source: 'tmdb', id: '1396', kind: 'show' })));
    expect(answer).toMatchObject({
      state: 'found',
      on: [
        { server: 'Attic', library: 'Serien' },
        { server: 'Home Server', library: 'TV Shows' },
      ],
    });
    expect(asked.filter((r) => !r.endsWith('/watchlist/all'))).toEqual(['GET /library/metadata/matches']);
  });

  it('finds a legacy-agent copy by its own id, and the watchlist key in the catalogue', async () => {
    const legacy: FakeLibraryItem = { guid: 'com.plexapp.agents.imdb://tt0133093?lang=en', title: 'Matrix', section: 'Filme' };
    const { titles } = await indexedServices([legacy]);
    let answer: Awaited<ReturnType<typeof titles.lookup>> | undefined;
    const asked = await requestsDuring(async () => (answer = await titles.lookup({ source: 'imdb', id: 'tt0133093' })));
    expect(answer).toMatchObject({ state: 'found', title: { ratingKey: MATRIX.ratingKey }, on: [{ library: 'Filme' }] });
    // No media server is asked where it is.
    expect(asked.filter((r) => !r.endsWith('/watchlist/all'))).toEqual(['GET /library/metadata/matches']);
  });

  it('tells an episode the server has from one it lacks, with the show’s copies, and names servers it cannot index', async () => {
    const show: FakeLibraryItem = {
      guid: BREAKING_BAD.guid,
      title: 'Breaking Bad',
      section: 'TV Shows',
      guids: BREAKING_BAD.externalIds,
      seasons: [{ index: 1, episodes: [{ index: 1 }, { index: 2 }] }],
    };
    const { titles } = await indexedServices([show], [{ name: 'Cabin', library: [show], unreachable: true }]);
    let has: Awaited<ReturnType<typeof titles.lookup>> | undefined;
    let lacks: Awaited<ReturnType<typeof titles.lookup>> | undefined;
    const asked = await requestsDuring(async () => {
      has = await titles.lookup({ source: 'imdb', id: 'tt0959621', kind: 'episode', series: 'tt0903747', season: 1, episode: 1 });
      lacks = await titles.lookup({ source: 'tmdb', id: '1396', kind: 'show', season: 2, episode: 3 });
    });
    expect(has).toMatchObject({
      state: 'found',
      on: [{ server: 'Home Server', library: 'TV Shows' }],
      part: { kind: 'episode', season: 1, episode: 1, showOn: [{ server: 'Home Server' }] },
      problems: [{ server: 'Cabin', problem: 'unreachable' }],
      answered: 1,
    });
    expect(lacks).toMatchObject({
      state: 'found',
      on: [],
      part: { kind: 'episode', season: 2, episode: 3, showOn: [{ server: 'Home Server' }] },
    });
    expect(asked).toEqual(['GET /library/sections/watchlist/all']);
  });
});
