import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readIndexStatus } from '@/src/library/status';
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
    const started = Date.now();
    await library.refresh();
    const after = await listings(server.machineIdentifier);
    expect(after.slice(before).map((r) => r.path)).toEqual(['/library/sections']);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
