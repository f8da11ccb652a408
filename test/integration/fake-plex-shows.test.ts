import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG, type FakeServerSpec, fakePlexControl } from '../fake-plex/server';
import { fakePlexForFile } from './fake-plex-for-file';
import { plexDirectFetch } from './plex-direct-fetch';

/** The media server answers at its plex.direct name, as a real one with includeHttps=1. */
const serverFetch = plexDirectFetch();

// Checks legacy-agent items, Guid children, seasons, episodes and search against python-plexapi and plex-api.rs recordings.

const fake = await fakePlexForFile();
const HEADERS = { Accept: 'application/json', 'X-Plex-Client-Identifier': 'client-under-test' };
const BREAKING_BAD = DEFAULT_CATALOG.find((t) => t.title === 'Breaking Bad')!;

interface Container {
  MediaContainer: { size: number; totalSize?: number; offset?: number; Metadata?: Record<string, unknown>[] } & Record<string, unknown>;
}

async function json(response: Response): Promise<Container> {
  expect(response.status).toBe(200);
  return (await response.json()) as Container;
}

async function signedIn(): Promise<string> {
  const response = await fetch(`${fake.url}/api/v2/pins?strong=true`, { method: 'POST', headers: HEADERS });
  const { id } = (await response.json()) as { id: number };
  return (await fake.approve({ id })).token;
}

const SHOW: NonNullable<FakeServerSpec['library']>[number] = {
  guid: BREAKING_BAD.guid,
  title: 'Breaking Bad',
  year: 2008,
  section: 'TV Shows',
  ratingKey: '50',
  guids: ['imdb://tt0903747', 'tmdb://1396', 'tvdb://81189'],
  seasons: [
    { index: 1, ratingKey: '51', episodes: [{ index: 1, ratingKey: '52', title: 'Pilot', guids: ['imdb://tt0959621'] }] },
    { index: 2, ratingKey: '53', episodes: [{ index: 3, ratingKey: '54', guids: ['imdb://tt1232249'] }, { index: 4 }] },
  ],
};

const LEGACY: FakeServerSpec['library'] = [
  { guid: 'com.plexapp.agents.imdb://tt1375666?lang=en', title: 'Inception', year: 2010, section: 'Filme' },
  {
    guid: 'com.plexapp.agents.thetvdb://81189?lang=de',
    title: 'Breaking Bad',
    section: 'Serien',
    seasons: [{ index: 2, episodes: [{ index: 3 }] }],
  },
];

async function server(library: FakeServerSpec['library']) {
  const info = await fake.addServer({ name: 'Home', connections: [{ local: true }], library });
  return (path: string, headers: Record<string, string> = {}) =>
    serverFetch(`${info.connections[0]!.uri}${path}`, { headers: { ...HEADERS, 'X-Plex-Token': info.accessToken, ...headers } });
}

describe('fake Plex: the metadata provider’s ids', () => {
  it('lists a match’s external ids only with includeGuids=1', async () => {
    const token = await signedIn();
    const ask = (query: string) =>
      fetch(`${fake.url}/library/metadata/matches?${query}`, { headers: { ...HEADERS, 'X-Plex-Token': token } });
    const plain = await json(await ask('type=2&guid=tvdb://81189'));
    expect(plain.MediaContainer.Metadata?.[0]).not.toHaveProperty('Guid');
    const withIds = await json(await ask('type=2&guid=tvdb://81189&includeGuids=1'));
    expect(withIds.MediaContainer.Metadata?.[0]).toMatchObject({
      guid: BREAKING_BAD.guid,
      Guid: [{ id: 'imdb://tt0903747' }, { id: 'tmdb://1396' }, { id: 'tvdb://81189' }],
    });
  });

  it('can answer a near title that lacks the asked id, and leave ratingKey out', async () => {
    const token = await signedIn();
    await fake.setCatalog([
      {
        ratingKey: 'b'.repeat(24),
        type: 'movie',
        title: 'Near',
        year: 2001,
        externalIds: ['imdb://tt0000002'],
        alsoMatches: ['imdb://tt0000001'],
        omitRatingKey: true,
      },
    ]);
    const answer = await json(
      await fetch(`${fake.url}/library/metadata/matches?type=1&guid=imdb://tt0000001&includeGuids=1`, {
        headers: { ...HEADERS, 'X-Plex-Token': token },
      }),
    );
    const [item] = answer.MediaContainer.Metadata ?? [];
    expect(item).toMatchObject({ guid: `plex://movie/${'b'.repeat(24)}`, title: 'Near', Guid: [{ id: 'imdb://tt0000002' }] });
    expect(item).not.toHaveProperty('ratingKey');
    expect(await fakePlexControl(fake.url).catalog()).toEqual([
      expect.objectContaining({ alsoMatches: ['imdb://tt0000001'], omitRatingKey: true }),
    ]);
  });
});

describe('fake Plex: the metadata provider’s episodes', () => {
  it('lists a show’s episodes with their numbers, ids on request, a page at a time', async () => {
    const token = await signedIn();
    const ask = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${fake.url}/library/metadata/${BREAKING_BAD.ratingKey}/grandchildren?${query}`, {
        headers: { ...HEADERS, 'X-Plex-Token': token, ...headers },
      });
    const all = await json(await ask('includeGuids=1'));
    expect(all.MediaContainer).toMatchObject({ offset: 0, size: 2, totalSize: 2 });
    expect(all.MediaContainer.Metadata?.[1]).toMatchObject({
      type: 'episode',
      parentIndex: 2,
      index: 3,
      guid: expect.stringMatching(/^plex:\/\/episode\/[0-9a-f]{24}$/),
      Guid: [{ id: 'imdb://tt1232249' }, { id: 'tvdb://438913' }],
    });
    const second = await json(await ask('', { 'X-Plex-Container-Start': '1', 'X-Plex-Container-Size': '1' }));
    expect(second.MediaContainer).toMatchObject({ offset: 1, size: 1, totalSize: 2 });
    expect(second.MediaContainer.Metadata?.[0]).not.toHaveProperty('Guid');
    expect((await ask('')).status).toBe(200);
    const movie = DEFAULT_CATALOG.find((t) => t.type === 'movie')!;
    expect(
      (await fetch(`${fake.url}/library/metadata/${movie.ratingKey}/grandchildren`, { headers: { ...HEADERS, 'X-Plex-Token': token } }))
        .status,
    ).toBe(404);
  });
});

describe('fake Plex: shows, seasons and episodes on a media server', () => {
  it('lists a show’s seasons, a season’s episodes and a show’s leaves, with Guid children on request', async () => {
    const get = await server([SHOW]);
    const show = await json(await get('/library/all?guid=' + encodeURIComponent(BREAKING_BAD.guid)));
    expect(show.MediaContainer.Metadata?.[0]).toMatchObject({
      ratingKey: '50',
      type: 'show',
      key: '/library/metadata/50/children',
      leafCount: 3,
      childCount: 2,
    });
    expect(show.MediaContainer.Metadata?.[0]).not.toHaveProperty('Guid');

    const seasons = await json(await get('/library/metadata/50/children'));
    expect(seasons.MediaContainer).toMatchObject({ librarySectionTitle: 'TV Shows', size: 2 });
    expect(seasons.MediaContainer.Metadata).toEqual([
      expect.objectContaining({
        ratingKey: '51',
        type: 'season',
        index: 1,
        parentRatingKey: '50',
        parentGuid: BREAKING_BAD.guid,
        title: 'Season 1',
      }),
      expect.objectContaining({
        ratingKey: '53',
        type: 'season',
        index: 2,
        leafCount: 2,
        guid: expect.stringMatching(/^plex:\/\/season\/[0-9a-f]{24}$/),
      }),
    ]);
    // Like a real server, the library's name is on the container, not on each child.
    expect(seasons.MediaContainer.Metadata?.[0]).not.toHaveProperty('librarySectionTitle');

    const episodes = await json(await get('/library/metadata/53/children?includeGuids=1'));
    expect(episodes.MediaContainer.Metadata).toEqual([
      expect.objectContaining({
        ratingKey: '54',
        type: 'episode',
        index: 3,
        parentIndex: 2,
        grandparentRatingKey: '50',
        grandparentGuid: BREAKING_BAD.guid,
        Guid: [{ id: 'imdb://tt1232249' }],
      }),
      expect.objectContaining({ type: 'episode', index: 4, title: 'Episode 4' }),
    ]);
    const leaves = await json(await get('/library/metadata/50/allLeaves?includeGuids=1'));
    expect(leaves.MediaContainer.Metadata?.map((e) => [e.parentIndex, e.index, e.title])).toEqual([
      [1, 1, 'Pilot'],
      [2, 3, 'Episode 3'],
      [2, 4, 'Episode 4'],
    ]);
    const xml = await (await get('/library/metadata/53/children?includeGuids=1', { Accept: 'application/xml' })).text();
    expect(xml).toContain('<Video ratingKey="54" key="/library/metadata/54" guid="');
    expect(xml).toContain('<Guid id="imdb://tt1232249"/></Video>');
    const episodeTypes = await json(await get('/library/all?type=4&includeGuids=1'));
    expect(episodeTypes.MediaContainer.size).toBe(3);
    expect((await get('/library/metadata/999/children')).status).toBe(404);
  });

  it('keeps legacy-agent guids and numbers seasons and episodes in them', async () => {
    const get = await server(LEGACY);
    const [movie, show] = (await json(await get('/library/all?includeGuids=1'))).MediaContainer.Metadata ?? [];
    expect(movie).toMatchObject({ guid: 'com.plexapp.agents.imdb://tt1375666?lang=en', type: 'movie', librarySectionTitle: 'Filme' });
    expect(movie).not.toHaveProperty('Guid');
    expect(show).toMatchObject({ type: 'show', guid: 'com.plexapp.agents.thetvdb://81189?lang=de' });
    const leaves = await json(await get(`/library/metadata/${String(show?.ratingKey)}/allLeaves`));
    expect(leaves.MediaContainer.Metadata?.[0]).toMatchObject({
      guid: 'com.plexapp.agents.thetvdb://81189/2/3?lang=de',
      parentGuid: 'com.plexapp.agents.thetvdb://81189/2?lang=de',
      grandparentGuid: 'com.plexapp.agents.thetvdb://81189?lang=de',
    });
  });

  it('searches by title (contains, any case), type and year, and pages on request', async () => {
    const get = await server([...LEGACY, SHOW]);
    const titles = async (query: string) =>
      (await json(await get(`/library/all?${query}`))).MediaContainer.Metadata?.map((m) => m.title) ?? [];
    expect(await titles('title=breaking&type=2')).toEqual(['Breaking Bad', 'Breaking Bad']);
    expect(await titles('title=breaking&type=1')).toEqual([]);
    expect(await titles('title=incep&year=2010')).toEqual(['Inception']);
    expect(await titles('title=incep&year=2011')).toEqual([]);
    const paged = await json(await get('/library/all?type=2', { 'X-Plex-Container-Start': '1', 'X-Plex-Container-Size': '5' }));
    expect(paged.MediaContainer).toMatchObject({ size: 1, totalSize: 2, offset: 1 });
  });

  it('refuses seasons on a movie and a repeated ratingKey', async () => {
    await expect(
      fake.addServer({
        name: 'x',
        connections: [],
        library: [{ guid: 'plex://movie/1', title: 'm', section: 'M', type: 'movie', seasons: [{ index: 1 }] }],
      }),
    ).rejects.toThrow(/only a show/);
    await expect(
      fake.addServer({ name: 'y', connections: [], library: [{ ...SHOW, seasons: [{ index: 1, ratingKey: '50' }] }] }),
    ).rejects.toThrow(/appears twice/);
  });
});
