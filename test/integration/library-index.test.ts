import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { libraryIndexItem } from '@/src/storage';

const readIndexStatus = () => libraryIndexItem.getValue();
import type { FakeLibraryItem } from '../fake-plex/server';
import { fakePlexForFile } from './fake-plex-for-file';
import { signIn, titleServices } from './title-services';

/** The library index against the fake's media servers: built, paged through, refreshed, dropped. */
const plex = await fakePlexForFile();

beforeEach(() => fakeBrowser.reset());

const MATRIX: FakeLibraryItem = {
  guid: 'plex://movie/5d7768ad594b2b001e6e1a41',
  title: 'The Matrix',
  year: 1999,
  section: 'Movies',
  guids: ['imdb://tt0133093', 'tmdb://603'],
};
const ALIEN: FakeLibraryItem = { guid: 'com.plexapp.agents.imdb://tt0078748?lang=en', title: 'Alien', year: 1979, section: 'Movies' };
const BREAKING_BAD: FakeLibraryItem = {
  guid: 'com.plexapp.agents.thetvdb://81189?lang=en',
  title: 'Breaking Bad',
  section: 'TV Shows',
  seasons: [
    { index: 1, episodes: [{ index: 1 }, { index: 2 }] },
    { index: 2, episodes: [{ index: 3 }] },
  ],
};

const listings = async (machineIdentifier: string) =>
  (await plex.serverRequests()).filter((r) => r.server === machineIdentifier && r.path.startsWith('/library/sections'));

async function indexed(library: FakeLibraryItem[] | undefined, generated?: { movies: number; shows: number }) {
  const server = await plex.addServer({
    name: 'Home Server',
    connections: [{ local: false }],
    ...(generated ? { generated } : { library }),
  });
  await signIn(plex);
  const services = titleServices(plex);
  await services.servers.refresh();
  await services.library.refresh();
  return { server, ...services };
}

describe('the library index', () => {
  it('builds anew for the account signed in while the last one’s pass was still out', async () => {
    const server = await plex.addServer({ name: 'Home Server', connections: [{ local: false }], library: [MATRIX] });
    await signIn(plex);
    const { servers, library } = titleServices(plex);
    await servers.refresh();
    const old = library.refresh();
    // Sign-out and sign-in (or a profile switch) clear the index while that pass is out, then ask for it again.
    await library.clear();
    await library.ensure();
    await old;
    expect((await readIndexStatus())[server.machineIdentifier]).toMatchObject({ state: 'ready', titles: 1 });
    expect(await library.reader.placements({ source: 'imdb', id: 'tt0133093' })).toHaveLength(1);
  });

  it('knows where a title is by any of its ids, legacy agents included, and which episodes a show has', async () => {
    const { server, library } = await indexed([MATRIX, ALIEN, BREAKING_BAD]);
    const at = (ratingKey: string) => [{ serverId: server.machineIdentifier, server: 'Home Server', library: 'Movies', ratingKey }];
    expect(await library.reader.placements({ source: 'imdb', id: 'tt0133093' })).toEqual(at('1001'));
    expect(await library.reader.placements({ source: 'tmdb', id: '603', kind: 'movie' })).toEqual(at('1001'));
    // A TMDb show of the same number is another title.
    expect(await library.reader.placements({ source: 'tmdb', id: '603', kind: 'show' })).toEqual([]);
    expect(await library.reader.placements({ source: 'imdb', id: 'tt0078748' })).toEqual(at('1002'));
    expect(await library.reader.placements({ source: 'imdb', id: 'tt9999999' })).toEqual([]);
    const episode = await library.answer({ source: 'imdb', id: 'tt1232249', kind: 'episode', series: 'tt0903747', season: 2, episode: 3 });
    // The show is a TheTVDB-agent item: only its tvdb id is known, so an IMDb series id finds nothing.
    expect(episode?.hits).toEqual([]);
    const byTvdb = await library.answer({ source: 'tmdb', id: '1396', kind: 'show', season: 2, episode: 3 });
    expect(byTvdb?.hits).toEqual([]);
    const status = await readIndexStatus();
    expect(status[server.machineIdentifier]).toMatchObject({ state: 'ready', titles: 3 });
  });

  it('files a show’s episodes under their seasons, with each one’s ratingKey', async () => {
    const show: FakeLibraryItem = {
      ...BREAKING_BAD,
      guid: 'plex://show/5d9c086c46115600200aa2fe',
      guids: ['imdb://tt0903747', 'tmdb://1396'],
    };
    const { server, library } = await indexed([show]);
    const served = (await plex.servers())[0]!;
    expect(served.machineIdentifier).toBe(server.machineIdentifier);
    const answer = await library.answer({ source: 'tmdb', id: '1396', kind: 'show', season: 2, episode: 3 });
    expect(answer?.hits.map((hit) => hit.title.title)).toEqual(['Breaking Bad']);
    expect(answer?.part?.on).toEqual([
      { serverId: server.machineIdentifier, server: 'Home Server', library: 'TV Shows', ratingKey: '1006' },
    ]);
    const missing = await library.answer({ source: 'tmdb', id: '1396', kind: 'show', season: 2, episode: 4 });
    expect(missing?.part?.on).toEqual([]);
    const season = await library.answer({ source: 'imdb', id: 'tt0903747', kind: 'show', season: 1 });
    expect(season?.part?.on.map((p) => p.ratingKey)).toEqual(['1002']);
  });

  it('reads a big library page by page and asks for nothing but the libraries when nothing changed', async () => {
    const { server, library } = await indexed(undefined, { movies: 1200, shows: 50 });
    const built = await listings(server.machineIdentifier);
    // Movies in pages of 200, episodes in pages of 300, each library counted first.
    expect(built.filter((r) => r.path === '/library/sections/1/all' && r.headers['x-plex-container-size'] === '200')).toHaveLength(6);
    expect(built.every((r) => r.path === '/library/sections' || r.headers['x-plex-container-size'] !== undefined)).toBe(true);
    expect((await readIndexStatus())[server.machineIdentifier]).toMatchObject({ state: 'ready', titles: 1250 });

    const before = (await listings(server.machineIdentifier)).length;
    await library.refresh();
    const after = await listings(server.machineIdentifier);
    expect(after.slice(before).map((r) => r.path)).toEqual(['/library/sections']);
  });

  it('takes in what was added, changed and removed since the last pass, and a new library', async () => {
    const { server, library } = await indexed([MATRIX, ALIEN]);
    const before = (await listings(server.machineIdentifier)).length;
    const rematched: FakeLibraryItem = {
      ...ALIEN,
      guid: 'plex://movie/5d776825880197001ec967c3',
      guids: ['imdb://tt0078748', 'tmdb://348'],
    };
    const added: FakeLibraryItem = {
      guid: 'plex://movie/5d7768ba96b655001fdc0408',
      title: 'Inception',
      section: 'Movies',
      guids: ['imdb://tt1375666'],
    };
    const show: FakeLibraryItem = { ...BREAKING_BAD, seasons: [{ index: 1, episodes: [{ index: 1 }] }] };
    // The Matrix leaves, Alien is matched again by the Plex agent, Inception and a TV library arrive.
    await plex.setLibrary(server.machineIdentifier, [{ ...rematched, ratingKey: '1002' }, added, show]);
    await library.refresh();

    expect(await library.reader.placements({ source: 'imdb', id: 'tt0133093' })).toEqual([]);
    expect((await library.reader.placements({ source: 'tmdb', id: '348', kind: 'movie' }))?.map((p) => p.ratingKey)).toEqual(['1002']);
    expect((await library.reader.placements({ source: 'imdb', id: 'tt1375666' }))?.map((p) => p.library)).toEqual(['Movies']);
    const episode = await library.answer({ source: 'imdb', id: 'tt0959621', kind: 'episode', series: 'tt0903747', season: 1, episode: 1 });
    expect(episode?.hits).toEqual([]);
    expect((await readIndexStatus())[server.machineIdentifier]).toMatchObject({ state: 'ready', titles: 3 });
    const asked = (await listings(server.machineIdentifier))
      .slice(before)
      .map((r) => `${r.path}?${new URLSearchParams(r.query).toString()}`);
    // The movies: changes since the last pass, then a count that shows one went, then all of them again.
    expect(asked.filter((path) => path.startsWith('/library/sections/1/all?'))).toHaveLength(3);
    expect(asked.some((path) => path.includes('updatedAt%3E%3E='))).toBe(true);
  });

  it('merges changed episodes without reading the whole show library again', async () => {
    const show: FakeLibraryItem = { ...BREAKING_BAD, guid: 'plex://show/5d9c086c46115600200aa2fe', guids: ['tmdb://1396'] };
    const { server, library } = await indexed([show]);
    const before = (await listings(server.machineIdentifier)).length;
    const seasons = [...show.seasons!, { index: 3, episodes: [{ index: 1 }] }];
    await plex.setLibrary(server.machineIdentifier, [{ ...show, seasons }]);
    await library.refresh();
    const answer = await library.answer({ source: 'tmdb', id: '1396', kind: 'show', season: 3, episode: 1 });
    expect(answer?.part?.on).toHaveLength(1);
    const asked = (await listings(server.machineIdentifier)).slice(before);
    expect(
      asked.filter((r) => r.query.type === '4' && r.headers['x-plex-container-size'] !== '0').every((r) => 'updatedAt>>' in r.query),
    ).toBe(true);
  });

  it('marks from the servers indexed when another one’s index failed to build', async () => {
    const home = await plex.addServer({ name: 'Home Server', connections: [{ local: false }], library: [MATRIX] });
    const other = await plex.addServer({ name: 'Other Server', connections: [{ local: false }], library: [ALIEN] });
    await signIn(plex);
    const { servers, library } = titleServices(plex);
    await servers.refresh();
    // The other server reachable, but its libraries refused: a server error at every listing.
    await plex.serverFault({
      machineIdentifier: other.machineIdentifier,
      kind: 'status',
      status: 500,
      path: '/library/sections',
      times: 50,
    });
    await library.refresh();
    expect((await readIndexStatus())[other.machineIdentifier]).toMatchObject({ state: 'failed' });
    expect(await library.reader.placements({ source: 'imdb', id: 'tt0133093' })).toEqual([
      { serverId: home.machineIdentifier, server: 'Home Server', library: 'Movies', ratingKey: '1001' },
    ]);
  });

  it('tells open pages to ask again only after a pass that changed what it knows', async () => {
    const server = await plex.addServer({ name: 'Home Server', connections: [{ local: false }], library: [MATRIX] });
    await signIn(plex);
    let told = 0;
    const { servers, library } = titleServices(plex, { onIndexChanged: () => told++ });
    await servers.refresh();
    await library.refresh();
    expect(told).toBe(1);
    // The popup opens again and again: passes that find nothing new redraw no marks.
    await library.refresh();
    await library.refresh();
    expect(told).toBe(1);
    await plex.setLibrary(server.machineIdentifier, [MATRIX, ALIEN]);
    await library.refresh();
    expect(told).toBe(2);
  });

  it('drops every server’s index on sign-out', async () => {
    const { library } = await indexed([MATRIX]);
    expect(await library.reader.placements({ source: 'imdb', id: 'tt0133093' })).toHaveLength(1);
    await library.clear();
    expect(await readIndexStatus()).toEqual({});
    expect(await library.reader.placements({ source: 'imdb', id: 'tt0133093' })).toBeNull();
  });

  it('keeps what it can of a hostile server: odd items skipped, endless pages cut off', async () => {
    const { server, library, servers } = await indexed([MATRIX, ALIEN]);
    await library.clear();
    // Every page answers the same items, totalSize says a billion, and one item is junk.
    const body = JSON.stringify({
      MediaContainer: {
        totalSize: 1_000_000_000,
        size: 3,
        Metadata: [
          {
            ratingKey: '7',
            guid: 'plex://movie/5d7768ad594b2b001e6e1a41',
            type: 'movie',
            title: 'The Matrix',
            Guid: [{ id: 'imdb://tt0133093' }],
          },
          { ratingKey: { nested: true }, title: 42 },
          { ratingKey: '8', guid: 'com.plexapp.agents.imdb://tt0078748?lang=en', type: 'movie', title: 'x'.repeat(5000) },
        ],
      },
    });
    await plex.serverFault({
      machineIdentifier: server.machineIdentifier,
      path: '/library/sections/1/all',
      kind: 'body',
      body,
      times: 1000,
      contentType: 'application/json',
    });
    await servers.current();
    const before = (await listings(server.machineIdentifier)).length;
    await library.refresh();
    expect((await library.reader.placements({ source: 'imdb', id: 'tt0078748' }))?.map((p) => p.ratingKey)).toEqual(['8']);
    expect((await readIndexStatus())[server.machineIdentifier]).toMatchObject({ state: 'ready', titles: 2 });
    // The count, the first page, and the second that only repeated it.
    const pages = (await listings(server.machineIdentifier)).slice(before).filter((r) => r.path === '/library/sections/1/all');
    expect(pages).toHaveLength(3);
  });
});
