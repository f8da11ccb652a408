import { describe, expect, it } from 'vitest';
import { indexServer, type PassDeps } from '@/src/library/build';
import { fileEpisodes, idsOfListed, mergeTitles, toIndexedTitle, unchanged, type IndexedTitle } from '@/src/library/records';
import { buildIdentity } from '@/src/plex/identity';
import type { ListedTitle } from '@/src/plex/sections';

const listed = (fields: Partial<ListedTitle> & { ratingKey: string }): ListedTitle => ({ type: 'movie', title: 'A Title', ...fields });

describe('what the index keeps of a listed item', () => {
  it('takes the ids of Guid children, of a legacy agent’s guid and the plex:// guid itself', () => {
    expect(
      idsOfListed(
        listed({
          ratingKey: '1',
          guid: 'plex://movie/5D7768BA96B655001FDC0408',
          Guid: [{ id: 'imdb://tt1375666' }, { id: 'tmdb://27205' }],
        }),
      ),
    ).toEqual(['plex://movie/5d7768ba96b655001fdc0408', 'imdb://tt1375666', 'tmdb://27205']);
    expect(idsOfListed(listed({ ratingKey: '2', guid: 'com.plexapp.agents.imdb://tt0133093?lang=en' }))).toEqual(['imdb://tt0133093']);
    expect(idsOfListed(listed({ ratingKey: '3', guid: 'com.plexapp.agents.themoviedb://603?lang=de' }))).toEqual(['tmdb://603']);
    expect(idsOfListed(listed({ ratingKey: '4', guid: 'local://4', Guid: [{ id: 'youtube://x' }] }))).toEqual([]);
  });

  it('keeps movies and shows only', () => {
    expect(toIndexedTitle(listed({ ratingKey: '1', type: 'collection' }), '1')).toBeNull();
    expect(toIndexedTitle(listed({ ratingKey: '1', year: 1999 }), '1')).toEqual({
      ratingKey: '1',
      section: '1',
      kind: 'movie',
      title: 'A Title',
      year: 1999,
      ids: [],
    });
  });
});

describe('merging a pass into the index', () => {
  const show: IndexedTitle = {
    ratingKey: '10',
    section: '2',
    kind: 'show',
    title: 'Show',
    ids: ['tvdb://1'],
    seasons: { 1: { key: '11', episodes: { 1: '12' } } },
  };

  it('replaces changed titles by ratingKey, adds new ones, and keeps a show’s seasons', () => {
    const renamed = { ...show, title: 'Show (2020)', seasons: undefined };
    const added: IndexedTitle = { ratingKey: '20', section: '2', kind: 'show', title: 'New', ids: [] };
    const merged = mergeTitles([show], [renamed, added]);
    expect(merged.map((t) => [t.ratingKey, t.title, Object.keys(t.seasons ?? {})])).toEqual([
      ['10', 'Show (2020)', ['1']],
      ['20', 'New', []],
    ]);
  });

  it('files episodes under their show’s seasons and drops those of shows it does not have', () => {
    const shows = [structuredClone(show)];
    const filed = fileEpisodes(shows, [
      { ratingKey: '13', grandparentRatingKey: '10', parentRatingKey: '11', parentIndex: 1, index: 2 },
      { ratingKey: '15', grandparentRatingKey: '10', parentRatingKey: '14', parentIndex: 2, index: 1 },
      { ratingKey: '99', grandparentRatingKey: '98', parentIndex: 1, index: 1 },
      { ratingKey: '16', grandparentRatingKey: '10', parentIndex: null, index: 1 },
    ]);
    expect(filed).toBe(2);
    expect(shows[0]!.seasons).toEqual({ 1: { key: '11', episodes: { 1: '12', 2: '13' } }, 2: { key: '14', episodes: { 1: '15' } } });
  });

  it('trusts a library as unchanged only when its own marks say so', () => {
    const known = {
      key: '1',
      title: 'Movies',
      kind: 'movie' as const,
      uuid: 'u',
      updatedAt: 5,
      contentChangedAt: 7,
      titlesSeen: 0,
      episodesSeen: 0,
      titleTotal: 0,
      episodeTotal: 0,
    };
    const section = { key: '1', type: 'movie', title: 'Movies', uuid: 'u', updatedAt: 5, contentChangedAt: 7 };
    expect(unchanged(known, section)).toBe(true);
    expect(unchanged(known, { ...section, contentChangedAt: 8 })).toBe(false);
    expect(unchanged(known, { ...section, uuid: 'other' })).toBe(false);
    const { updatedAt: _, contentChangedAt: __, ...unmarked } = known;
    expect(unchanged(unmarked, { ...section, updatedAt: undefined, contentChangedAt: undefined })).toBe(false);
  });
});

/** A media server in a function: one movie library of `count` items, answering pages as Plex does. */
function serverOf(count: number, options: { ignoreStart?: boolean; uuid?: string } = {}) {
  const asked: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof URL ? input.href : typeof input === 'string' ? input : input.url);
    const headers = new Headers(init?.headers);
    asked.push(url.pathname);
    const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    if (url.pathname === '/library/sections')
      return json({
        MediaContainer: {
          Directory: [{ key: '1', type: 'movie', title: 'Movies', uuid: options.uuid ?? 'u', updatedAt: 1, contentChangedAt: 1 }],
        },
      });
    const start = options.ignoreStart ? 0 : Number(headers.get('X-Plex-Container-Start'));
    const size = Number(headers.get('X-Plex-Container-Size'));
    // Item n was updated at second n; `updatedAt>>` keeps those after it, as python-plexapi's partial scans filter.
    const after = Number(url.searchParams.get('updatedAt>>') ?? 0);
    const matching = Array.from({ length: count }, (_, n) => n + 1).filter((n) => n > after);
    const items = matching.slice(start, start + size).map((n) => ({
      ratingKey: String(n),
      guid: `com.plexapp.agents.imdb://tt${String(1000000 + n - 1)}?lang=en`,
      type: 'movie',
      title: `Movie ${n - 1}`,
      updatedAt: n,
    }));
    return json({
      MediaContainer: { totalSize: matching.length, offset: start, size: items.length, ...(items.length > 0 && { Metadata: items }) },
    });
  };
  const deps: PassDeps = {
    ctx: { fetch, identity: buildIdentity({ clientIdentifier: 'c', product: 'p', version: '1', userAgent: 'Chrome/150', os: 'linux' }) },
    uri: 'https://10-0-0-2.abc.plex.direct:32400',
    token: 't',
    now: () => 1000,
    onProgress: async () => {},
  };
  return { deps, asked };
}

describe('a pass over a server', () => {
  it('reads a library in pages up to its totalSize', async () => {
    const { deps, asked } = serverOf(450);
    const result = await indexServer(deps, { serverId: 's', server: 'Home' }, null);
    expect(result.ok && result.value.titles.length).toBe(450);
    // The sections, the count, then three pages of 200.
    expect(asked).toHaveLength(5);
  });

  it('keeps at most its cap of titles, however many the server says it has', async () => {
    const { deps } = serverOf(1_000_000);
    const result = await indexServer({ ...deps, caps: { titles: 500, episodes: 0 } }, { serverId: 's', server: 'Home' }, null);
    expect(result.ok && result.value.titles.length).toBe(500);
  });

  it('reads a library remade under the same key anew, without the old one’s titles', async () => {
    const { deps } = serverOf(2, { uuid: 'remade' });
    const old: IndexedTitle = { ratingKey: '999', section: '1', kind: 'movie', title: 'Gone', ids: ['imdb://tt0000999'] };
    const section = {
      key: '1',
      title: 'Movies',
      kind: 'movie' as const,
      uuid: 'u',
      titlesSeen: 2,
      episodesSeen: 0,
      titleTotal: 1,
      episodeTotal: 0,
    };
    const previous = { serverId: 's', server: 'Home', builtAt: 1, refreshedAt: 1, sections: [section], titles: [old] };
    const result = await indexServer(deps, { serverId: 's', server: 'Home' }, previous);
    expect(result.ok && result.value.titles.map((title) => title.ratingKey)).toEqual(['1', '2']);
  });

  it('keeps to its cap when a pass adds to what it kept before, however often the server adds titles', async () => {
    const { deps } = serverOf(5);
    const kept = [1, 2, 3].map((n): IndexedTitle => ({
      ratingKey: String(n),
      section: '1',
      kind: 'movie',
      title: `Movie ${n - 1}`,
      ids: [],
    }));
    const section = {
      key: '1',
      title: 'Movies',
      kind: 'movie' as const,
      uuid: 'u',
      titlesSeen: 3,
      episodesSeen: 0,
      titleTotal: 3,
      episodeTotal: 0,
    };
    const previous = { serverId: 's', server: 'Home', builtAt: 1, refreshedAt: 1, sections: [section], titles: kept };
    const result = await indexServer({ ...deps, caps: { titles: 4, episodes: 0 } }, { serverId: 's', server: 'Home' }, previous);
    expect(result.ok && result.value.titles.length).toBe(4);
  });

  it('stops when a server answers the same page whatever start it is asked for', async () => {
    const { deps, asked } = serverOf(5000, { ignoreStart: true });
    const result = await indexServer(deps, { serverId: 's', server: 'Home' }, null);
    expect(result.ok && result.value.titles.length).toBe(200);
    expect(asked).toHaveLength(4);
  });
});
