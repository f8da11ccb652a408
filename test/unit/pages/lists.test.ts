import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import type { ListSite } from '@/src/page-marks/run';
import { IMDB_LISTS } from '@/src/pages/imdb-lists';
import { LETTERBOXD, LETTERBOXD_LISTS, letterboxdFromHtml } from '@/src/pages/letterboxd';
import { TMDB_LISTS } from '@/src/pages/tmdb-lists';
import { TRAKT, TRAKT_LISTS, traktFromHtml } from '@/src/pages/trakt';
import { fixturePage } from '../../e2e/sites/fixtures';

/** Puts the fixture page in place of the global document, as a content script sees it. */
function load(host: string, path: string): Document {
  const { document } = parseHTML(fixturePage(host, path).body);
  Object.assign(globalThis, { document });
  return document;
}
const original = globalThis.document;
afterEach(() => Object.assign(globalThis, { document: original }));

const titlesOn = (site: ListSite, host: string, path: string) =>
  [...load(host, path).querySelectorAll(site.items)].map((item) => site.title(item));

const MATRIX_IMDB = { source: 'imdb', id: 'tt0133093' };
const BREAKING_BAD_TMDB = { source: 'tmdb', id: '1396', kind: 'show' };

describe('the titles of list pages, from each item’s own link', () => {
  it('reads every row of IMDb’s lists, charts, search results and every card of the watchlist grid', () => {
    for (const path of ['/list/ls000000001/', '/chart/top/', '/find/?q=matrix', '/user/ur0000001/watchlist/']) {
      const titles = titlesOn(IMDB_LISTS, 'www.imdb.com', `${path}${path.includes('?') ? '&' : '?'}more=3`);
      expect(titles, path).toHaveLength(10);
      expect(titles, path).toContainEqual(MATRIX_IMDB);
      expect(titles.at(-1), path).toEqual({ source: 'imdb', id: 'tt7000002' });
      expect(IMDB_LISTS.lists(`https://www.imdb.com${path}`), path).toBe(true);
    }
    expect(IMDB_LISTS.lists('https://www.imdb.com/title/tt0133093/')).toBe(false);
    expect(IMDB_LISTS.lists('https://www.imdb.com/de/chart/top/')).toBe(true);
  });

  it('reads TMDb’s browse grids and lists, movies and shows by their addresses', () => {
    const titles = titlesOn(TMDB_LISTS, 'www.themoviedb.org', '/movie?more=1');
    expect(titles).toHaveLength(8);
    expect(titles).toContainEqual({ source: 'tmdb', id: '603', kind: 'movie' });
    expect(titles).toContainEqual(BREAKING_BAD_TMDB);
    for (const path of ['/movie', '/tv/top-rated', '/list/8245', '/discover/movie', '/search?query=x'])
      expect(TMDB_LISTS.lists(`https://www.themoviedb.org${path}`), path).toBe(true);
    for (const path of ['/movie/603-the-matrix', '/tv/1396/season/1', '/'])
      expect(TMDB_LISTS.lists(`https://www.themoviedb.org${path}`), path).toBe(false);
  });

  it('sends Letterboxd’s and Trakt’s posters, which name only the sites’ slugs, to the film’s own page', () => {
    expect(titlesOn(LETTERBOXD_LISTS, 'letterboxd.com', '/fixture/list/favourites/')).toContainEqual({ page: '/film/the-matrix/' });
    expect(titlesOn(LETTERBOXD_LISTS, 'letterboxd.com', '/fixture/watchlist/')).toHaveLength(7);
    expect(titlesOn(TRAKT_LISTS, 'trakt.tv', '/users/fixture/lists/favourites')).toContainEqual({ page: '/shows/breaking-bad' });
    // A watchlist's episode is no movie or show: not an item.
    expect(titlesOn(TRAKT_LISTS, 'trakt.tv', '/users/fixture/watchlist')).toEqual(
      titlesOn(TRAKT_LISTS, 'trakt.tv', '/users/fixture/lists/x'),
    );
    expect(titlesOn(TRAKT_LISTS, 'trakt.tv', '/users/fixture/watchlist')).toContainEqual({ page: '/movies/inception-2010' });
    expect(LETTERBOXD_LISTS.lists('https://letterboxd.com/fixture/watchlist/')).toBe(true);
    expect(LETTERBOXD_LISTS.lists('https://letterboxd.com/film/the-matrix/')).toBe(false);
    expect(TRAKT_LISTS.lists('https://trakt.tv/users/fixture/watchlist')).toBe(true);
    expect(TRAKT_LISTS.lists('https://trakt.tv/movies/trending')).toBe(true);
    expect(TRAKT_LISTS.lists('https://trakt.tv/movies/the-matrix')).toBe(false);
  });

  it('finds the ids in the HTML of a Letterboxd or Trakt title page, and nothing where it has none', () => {
    // A show's body names no id (data-tmdb-id=""): its footer's TMDB link does, and says it is a show.
    expect(fixturePage('letterboxd.com', '/film/breaking-bad/').body).toContain('data-tmdb-id=""');
    expect(letterboxdFromHtml(fixturePage('letterboxd.com', '/film/breaking-bad/').body)).toEqual(BREAKING_BAD_TMDB);
    expect(letterboxdFromHtml(fixturePage('letterboxd.com', '/film/the-matrix/?fixture=no-ids').body)).toBeNull();
    // Without the body's attributes, the footer's links still name it.
    const footerOnly = fixturePage('letterboxd.com', '/film/the-matrix/').body.replace(/ data-tmdb-(?:type|id)="[^"]*"/g, '');
    expect(letterboxdFromHtml(footerOnly)).toEqual({ source: 'tmdb', id: '603', kind: 'movie' });
    expect(letterboxdFromHtml(footerOnly.replace(/<a href="https:\/\/www\.themoviedb\.org[^>]*>/, ''))).toEqual(MATRIX_IMDB);
    // A review's link to another film, before the footer or after it, is not the film's.
    const review = '<div class="body-text"><p>See <a href="https://www.themoviedb.org/movie/27205/">this</a></p></div>';
    expect(letterboxdFromHtml(footerOnly.replace('<a data-fixture', `${review}<a data-fixture`))).toEqual({
      source: 'tmdb',
      id: '603',
      kind: 'movie',
    });
    expect(traktFromHtml(fixturePage('trakt.tv', '/shows/breaking-bad').body, '/shows/breaking-bad')).toEqual(BREAKING_BAD_TMDB);
    const imdbOnly = fixturePage('trakt.tv', '/shows/breaking-bad').body.replace(/<a id="external-link-tmdb"[^>]*>/, '');
    expect(traktFromHtml(imdbOnly, '/shows/breaking-bad')).toEqual({ source: 'imdb', id: 'tt0903747', kind: 'show' });
  });
});

describe('the title of a Letterboxd or Trakt title page, from the page’s own links', () => {
  it('reads a Letterboxd film page’s ids, and none on a page without them or on other pages', () => {
    load('letterboxd.com', '/film/the-matrix/');
    expect(LETTERBOXD.title('https://letterboxd.com/film/the-matrix/')).toEqual({ source: 'tmdb', id: '603', kind: 'movie' });
    expect(LETTERBOXD.title('https://letterboxd.com/fixture/list/favourites/')).toBeNull();
    load('letterboxd.com', '/film/breaking-bad/');
    expect(LETTERBOXD.title('https://letterboxd.com/film/breaking-bad/')).toEqual(BREAKING_BAD_TMDB);
    load('letterboxd.com', '/film/the-matrix/?fixture=no-ids');
    expect(LETTERBOXD.title('https://letterboxd.com/film/the-matrix/')).toBeNull();
  });

  it('reads a Trakt movie or show page’s ids, and none on its browse pages', () => {
    load('trakt.tv', '/movies/inception-2010');
    expect(TRAKT.title('https://trakt.tv/movies/inception-2010')).toEqual({ source: 'tmdb', id: '27205', kind: 'movie' });
    load('trakt.tv', '/shows/breaking-bad');
    expect(TRAKT.title('https://trakt.tv/shows/breaking-bad')).toEqual(BREAKING_BAD_TMDB);
    expect(TRAKT.title('https://trakt.tv/shows/trending')).toBeNull();
  });
});
