import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import { IMDB_ANCHORS, imdbDescribe, imdbShows, isImdbViewer } from '@/src/pages/imdb';
import { fixturePage } from '../../e2e/sites/fixtures';

/** Puts the fixture page for this IMDb path in place of the global document, as a content script sees it. */
function load(path: string): Document {
  const { document } = parseHTML(fixturePage('www.imdb.com', path).body);
  Object.assign(globalThis, { document });
  return document;
}
const original = globalThis.document;
afterEach(() => Object.assign(globalThis, { document: original }));

describe('what an IMDb page says about its title', () => {
  it('reads a movie and a show from their own pages', () => {
    load('/title/tt1375666/');
    expect(imdbDescribe({ source: 'imdb', id: 'tt1375666' })).toEqual({ source: 'imdb', id: 'tt1375666', kind: 'movie' });
    load('/title/tt0903747/');
    expect(imdbDescribe({ source: 'imdb', id: 'tt0903747' })).toEqual({ source: 'imdb', id: 'tt0903747', kind: 'show' });
  });

  it('reads an episode with its series from JSON-LD and the numbers the page shows', () => {
    load('/title/tt0959621/');
    expect(imdbDescribe({ source: 'imdb', id: 'tt0959621' })).toEqual({
      source: 'imdb',
      id: 'tt0959621',
      kind: 'episode',
      series: 'tt0903747',
      season: 1,
      episode: 1,
    });
  });

  it('takes the series from the link above the title when JSON-LD has none, and no numbers the page does not show', () => {
    const document = load('/title/tt0959621/');
    document.querySelector('script[type="application/ld+json"]')!.remove();
    document.querySelector('[data-testid="hero-subnav-bar-season-episode-numbers-section"]')!.remove();
    expect(imdbDescribe({ source: 'imdb', id: 'tt0959621' })).toEqual({
      source: 'imdb',
      id: 'tt0959621',
      kind: 'episode',
      series: 'tt0903747',
    });
  });

  it('wants no badge on an episode page that names no series, rather than an answer about the wrong thing', () => {
    const document = load('/title/tt0959621/');
    document.querySelector('script[type="application/ld+json"]')!.remove();
    document.querySelector('[data-testid="hero-title-block__series-link"]')!.remove();
    expect(imdbDescribe({ source: 'imdb', id: 'tt0959621' })).toBeNull();
  });

  it('wants no badge on an episode’s own sub-page, which names no series', () => {
    load('/title/tt0959621/fullcredits/');
    expect(imdbDescribe({ source: 'imdb', id: 'tt0959621' })).toBeNull();
  });

  it('knows the page on screen is the title’s only once the page names it', () => {
    load('/title/tt1375666/fullcredits/');
    expect(imdbShows('tt1375666')).toBe(true);
    // The address already moved on to The Matrix; the page still shows Inception.
    expect(imdbShows('tt0133093')).toBe(false);
  });

  it('puts no badge on the media viewer or the video player', () => {
    expect(isImdbViewer('https://www.imdb.com/title/tt1375666/mediaviewer/rm3426651392/?ref_=tt_ov_i')).toBe(true);
    expect(isImdbViewer('https://m.imdb.com/de/title/tt1375666/videoplayer/vi123456/')).toBe(true);
    expect(isImdbViewer('https://www.imdb.com/title/tt1375666/reviews/')).toBe(false);
  });

  it.each([
    ['/title/tt1375666/', 'H1', 'hero__pageTitle'],
    ['/title/tt0959621/', 'H1', 'hero__pageTitle'],
    ['/title/tt1375666/reviews/', 'HGROUP', null],
    ['/title/tt1375666/reference/', 'H1', null],
  ])('finds the preferred anchor on %s', (path, tag, testId) => {
    const document = load(path);
    const anchor = IMDB_ANCHORS.map((selector) => document.querySelector(selector)).find(Boolean);
    expect([anchor?.tagName, anchor?.getAttribute('data-testid') ?? null]).toEqual([tag, testId]);
  });
});
