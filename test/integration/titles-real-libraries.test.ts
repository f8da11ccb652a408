import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_CATALOG, type FakeServerSpec } from '../fake-plex/server';
import { fakePlexForFile } from './fake-plex-for-file';
import { plexLink, signIn, titleServices } from './title-services';

const plex = await fakePlexForFile();

const INCEPTION = DEFAULT_CATALOG.find((t) => t.title === 'Inception')!;
const BREAKING_BAD = DEFAULT_CATALOG.find((t) => t.title === 'Breaking Bad')!;

type Item = NonNullable<FakeServerSpec['library']>[number];

/** Breaking Bad with the episodes the tests ask for: S1E1 and S2E3 (IMDb tt1232249), no S2E4. */
const breakingBad = (guid: string, ratingKey: string, guids: string[] = []): Item => ({
  guid,
  title: 'Breaking Bad',
  year: 2008,
  section: 'TV Shows',
  ratingKey,
  guids,
  seasons: [
    {
      index: 1,
      ratingKey: `${ratingKey}1`,
      episodes: [{ index: 1, ratingKey: `${ratingKey}11`, guids: guids.length > 0 ? ['imdb://tt0959621'] : [] }],
    },
    {
      index: 2,
      ratingKey: `${ratingKey}2`,
      episodes: [{ index: 3, ratingKey: `${ratingKey}23`, guids: guids.length > 0 ? ['imdb://tt1232249'] : [] }],
    },
  ],
});
const NEW_AGENT_SHOW = breakingBad(BREAKING_BAD.guid, '70', ['imdb://tt0903747', 'tmdb://1396', 'tvdb://81189']);
const LEGACY_SHOW = breakingBad('com.plexapp.agents.thetvdb://81189?lang=en', '80');

beforeEach(() => fakeBrowser.reset());

async function home(library: Item[], name = 'Home Server') {
  return plex.addServer({ name, connections: [{ local: true }], library });
}

describe('libraries matched by the legacy agents', () => {
  it('finds a movie of the IMDb agent, a movie of TheMovieDB agent kept in German, and a show of TheTVDB agent', async () => {
    const server = await home([
      { guid: 'com.plexapp.agents.imdb://tt1375666?lang=en', title: 'Inception', year: 2010, section: 'Movies', ratingKey: '11' },
      // A German library keeps the German title; only the year search finds it.
      { guid: 'com.plexapp.agents.themoviedb://603?lang=de', title: 'Matrix', year: 1999, section: 'Filme', ratingKey: '12' },
      LEGACY_SHOW,
    ]);
    await signIn(plex);
    const { titles } = titleServices(plex);
    expect(await titles.lookup({ source: 'imdb', id: 'tt1375666' })).toMatchObject({
      state: 'found',
      on: [{ server: 'Home Server', library: 'Movies', href: plexLink(server.machineIdentifier, '11') }],
    });
    expect(await titles.lookup({ source: 'tmdb', id: '603', kind: 'movie' })).toMatchObject({
      state: 'found',
      on: [{ library: 'Filme', href: plexLink(server.machineIdentifier, '12') }],
    });
    expect(await titles.lookup({ source: 'imdb', id: 'tt0903747', kind: 'show' })).toMatchObject({
      state: 'found',
      on: [{ library: 'TV Shows', href: plexLink(server.machineIdentifier, '80') }],
    });
  });

  it('does not take a legacy item with the same name but another id', async () => {
    await home([{ guid: 'com.plexapp.agents.imdb://tt9876543?lang=en', title: 'Inception', year: 2010, section: 'Movies' }]);
    await signIn(plex);
    const { titles } = titleServices(plex);
    expect(await titles.lookup({ source: 'imdb', id: 'tt1375666' })).toMatchObject({ state: 'found', on: [], problems: [] });
  });

  it('lists both servers when each has the title, one under the new agent and one under a legacy agent', async () => {
    const first = await home([{ guid: INCEPTION.guid, title: 'Inception', section: 'Movies', ratingKey: '21' }]);
    const second = await home(
      [{ guid: 'com.plexapp.agents.themoviedb://27205?lang=fr', title: 'Inception', year: 2010, section: 'Films', ratingKey: '22' }],
      'Cabin',
    );
    await signIn(plex);
    const { titles } = titleServices(plex);
    const lookup = await titles.lookup({ source: 'tmdb', id: '27205', kind: 'movie' });
    expect(lookup).toMatchObject({ state: 'found', answered: 2, problems: [] });
    expect(lookup.state === 'found' && lookup.on).toEqual(
      expect.arrayContaining([
        { server: 'Home Server', library: 'Movies', href: plexLink(first.machineIdentifier, '21') },
        { server: 'Cabin', library: 'Films', href: plexLink(second.machineIdentifier, '22') },
      ]),
    );
  });
});

describe('checking Plex’s match', () => {
  it('says Plex does not know a title when its match carries another id, never naming the wrong title', async () => {
    await plex.setCatalog([{ ...INCEPTION, alsoMatches: ['imdb://tt0000001'] }]);
    await home([{ guid: INCEPTION.guid, title: 'Inception', section: 'Movies' }]);
    await signIn(plex);
    const { titles } = titleServices(plex);
    expect(await titles.lookup({ source: 'imdb', id: 'tt0000001' })).toEqual({ state: 'unknown' });
    expect(await titles.lookup({ source: 'imdb', id: 'tt1375666' })).toMatchObject({ state: 'found', title: { name: 'Inception' } });
  });

  it('takes the catalogue key from the guid when the match leaves ratingKey out', async () => {
    await plex.setCatalog([{ ...INCEPTION, omitRatingKey: true }]);
    await plex.setWatchlist([INCEPTION.ratingKey]);
    await signIn(plex);
    const { titles } = titleServices(plex);
    expect(await titles.lookup({ source: 'imdb', id: 'tt1375666' })).toMatchObject({
      state: 'found',
      title: { ratingKey: INCEPTION.ratingKey },
      watchlisted: true,
    });
  });

  it('takes no key from a guid of another scheme when ratingKey is left out', async () => {
    await plex.setCatalog([{ ...INCEPTION, guid: 'com.plexapp.agents.imdb://tt1375666', omitRatingKey: true }]);
    await signIn(plex);
    const { titles } = titleServices(plex);
    expect(await titles.lookup({ source: 'imdb', id: 'tt1375666' })).toEqual({ state: 'unknown' });
  });
});

describe('seasons and episodes', () => {
  it('finds an episode from a TMDb episode page and links to the episode', async () => {
    const server = await home([NEW_AGENT_SHOW]);
    await signIn(plex);
    const { titles } = titleServices(plex);
    expect(await titles.lookup({ source: 'tmdb', kind: 'show', id: '1396', season: 2, episode: 3 })).toEqual({
      state: 'found',
      title: { ratingKey: BREAKING_BAD.ratingKey, name: 'Breaking Bad', year: 2008, kind: 'show', tmdbId: '1396' },
      on: [{ server: 'Home Server', library: 'TV Shows', href: plexLink(server.machineIdentifier, '7023') }],
      problems: [],
      answered: 1,
      watchlisted: false,
      part: {
        kind: 'episode',
        season: 2,
        episode: 3,
        showOn: [{ server: 'Home Server', library: 'TV Shows', href: plexLink(server.machineIdentifier, '70') }],
      },
    });
  });

  it('finds an IMDb episode by its own id, and learns its numbers from the server', async () => {
    const server = await home([NEW_AGENT_SHOW]);
    await signIn(plex);
    const { titles } = titleServices(plex);
    expect(await titles.lookup({ source: 'imdb', id: 'tt1232249', kind: 'episode', series: 'tt0903747' })).toMatchObject({
      state: 'found',
      title: { name: 'Breaking Bad' },
      on: [{ href: plexLink(server.machineIdentifier, '7023') }],
      part: { kind: 'episode', season: 2, episode: 3 },
    });
  });

  it('finds an IMDb episode of a legacy TheTVDB show by the numbers the page gave', async () => {
    const server = await home([LEGACY_SHOW]);
    await signIn(plex);
    const { titles } = titleServices(plex);
    expect(
      await titles.lookup({ source: 'imdb', id: 'tt1232249', kind: 'episode', series: 'tt0903747', season: 2, episode: 3 }),
    ).toMatchObject({
      state: 'found',
      on: [{ href: plexLink(server.machineIdentifier, '8023') }],
      part: { kind: 'episode', season: 2, episode: 3, showOn: [{ href: plexLink(server.machineIdentifier, '80') }] },
    });
  });

  it('asks the catalogue for the numbers of an IMDb episode of a legacy show when the page gave none, once for all servers', async () => {
    const first = await home([LEGACY_SHOW]);
    const second = await home([breakingBad('com.plexapp.agents.thetvdb://81189?lang=de', '90')], 'Cabin');
    await signIn(plex);
    const { titles } = titleServices(plex);
    const lookup = await titles.lookup({ source: 'imdb', id: 'tt1232249', kind: 'episode', series: 'tt0903747' });
    expect(lookup).toMatchObject({ state: 'found', part: { kind: 'episode', season: 2, episode: 3 } });
    expect(lookup.state === 'found' && lookup.on.map((p) => p.href).sort()).toEqual(
      [plexLink(first.machineIdentifier, '8023'), plexLink(second.machineIdentifier, '9023')].sort(),
    );
    expect((await plex.requests()).filter((r) => r.path.endsWith('/grandchildren'))).toHaveLength(1);
    // An episode the catalogue does not list is not claimed.
    expect(await titles.lookup({ source: 'imdb', id: 'tt9999998', kind: 'episode', series: 'tt0903747' })).toMatchObject({
      on: [],
      part: { kind: 'episode', showOn: [{ server: 'Cabin' }, { server: 'Home Server' }] },
    });
  });

  it('does not claim an episode is missing when the catalogue cannot give its numbers, nor probe the server again', async () => {
    await home([LEGACY_SHOW]);
    await signIn(plex);
    const { titles, servers } = titleServices(plex);
    await servers.refresh();
    await plex.fault({ path: `/library/metadata/${BREAKING_BAD.ratingKey}/grandchildren`, kind: 'drop' });
    const before = (await plex.serverRequests()).length;
    expect(await titles.lookup({ source: 'imdb', id: 'tt1232249', kind: 'episode', series: 'tt0903747' })).toMatchObject({
      state: 'found',
      on: [],
      problems: [{ server: 'Home Server', problem: 'error' }],
      answered: 0,
    });
    expect((await plex.serverRequests()).slice(before).map((r) => r.path)).not.toContain('/identity');
  });

  it('says the show is there when the episode is not', async () => {
    const server = await home([NEW_AGENT_SHOW]);
    await signIn(plex);
    const { titles } = titleServices(plex);
    const missing = {
      state: 'found',
      on: [],
      problems: [],
      part: { kind: 'episode', showOn: [{ href: plexLink(server.machineIdentifier, '70') }] },
    };
    expect(await titles.lookup({ source: 'tmdb', kind: 'show', id: '1396', season: 2, episode: 4 })).toMatchObject(missing);
    expect(await titles.lookup({ source: 'imdb', id: 'tt9999998', kind: 'episode', series: 'tt0903747' })).toMatchObject(missing);
  });

  it('finds a season from a TMDb season page', async () => {
    const server = await home([LEGACY_SHOW]);
    await signIn(plex);
    const { titles } = titleServices(plex);
    expect(await titles.lookup({ source: 'tmdb', kind: 'show', id: '1396', season: 2 })).toMatchObject({
      state: 'found',
      on: [{ library: 'TV Shows', href: plexLink(server.machineIdentifier, '802') }],
      part: { kind: 'season', season: 2, showOn: [{ href: plexLink(server.machineIdentifier, '80') }] },
    });
    expect(await titles.lookup({ source: 'tmdb', kind: 'show', id: '1396', season: 5 })).toMatchObject({
      on: [],
      part: { kind: 'season', season: 5 },
    });
  });

  it('is not on your servers when the show is on none, and keeps the show’s watchlist state', async () => {
    await home([]);
    await plex.setWatchlist([BREAKING_BAD.ratingKey]);
    await signIn(plex);
    const { titles } = titleServices(plex);
    expect(await titles.lookup({ source: 'imdb', id: 'tt1232249', kind: 'episode', series: 'tt0903747' })).toMatchObject({
      state: 'found',
      on: [],
      watchlisted: true,
      part: { kind: 'episode', showOn: [] },
    });
  });
});

describe('what a lookup costs', () => {
  /** Requests to the metadata provider, and to the servers' libraries (not the shared /identity probes). */
  async function count(run: () => Promise<unknown>): Promise<{ metadata: number; library: number }> {
    const before = [(await plex.requests()).length, (await plex.serverRequests()).length] as const;
    await run();
    const metadata = (await plex.requests()).slice(before[0]).filter((r) => r.path.startsWith('/library/')).length;
    const library = (await plex.serverRequests()).slice(before[1]).filter((r) => r.path !== '/identity').length;
    return { metadata, library };
  }

  it('stays within the stated bound: 2–3 to the catalogue (+1 for an unnumbered IMDb episode), 1–3 per server, +1 per copy of a show for a season or episode', async () => {
    await home([{ guid: INCEPTION.guid, title: 'Inception', section: 'Movies' }, NEW_AGENT_SHOW]);
    await home(
      [{ guid: 'com.plexapp.agents.themoviedb://27205?lang=de', title: 'Inception', year: 2010, section: 'Filme' }, LEGACY_SHOW],
      'Cabin',
    );
    await signIn(plex);
    const { titles, servers } = titleServices(plex);
    await servers.refresh();

    // New agent: one request; legacy: the guid, then the title search finds it.
    expect(await count(() => titles.lookup({ source: 'tmdb', id: '27205', kind: 'movie' }))).toEqual({ metadata: 2, library: 1 + 2 });
    // On neither server: guid, title and year on each; IMDb asks movie, then show.
    expect(await count(() => titles.lookup({ source: 'imdb', id: 'tt0133093' }))).toEqual({ metadata: 2, library: 3 + 3 });
    expect(await count(() => titles.lookup({ source: 'imdb', id: 'tt0903747' }))).toEqual({ metadata: 3, library: 1 + 2 });
    expect(await count(() => titles.lookup({ source: 'tmdb', kind: 'show', id: '1396', season: 2, episode: 3 }))).toEqual({
      metadata: 2,
      library: 2 + 3,
    });
    // An IMDb episode without numbers: the legacy show's episodes carry no ids, so the catalogue is asked once.
    expect(await count(() => titles.lookup({ source: 'imdb', id: 'tt1232249', kind: 'episode', series: 'tt0903747' }))).toEqual({
      metadata: 3,
      library: 2 + 3,
    });
    // A second visit costs nothing.
    expect(await count(() => titles.lookup({ source: 'tmdb', kind: 'show', id: '1396', season: 2, episode: 3 }))).toEqual({
      metadata: 0,
      library: 0,
    });
  });
});
