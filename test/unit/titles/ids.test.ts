import { describe, expect, it } from 'vitest';
import { externalGuid, titleFromUrl, titleKey } from '@/src/titles/ids';

describe('the title a page is about, from its address', () => {
  it.each([
    ['https://www.imdb.com/title/tt1375666/', 'tt1375666'],
    ['https://www.imdb.com/title/tt1375666/?ref_=nv_sr_srsg_0_tt_8_nm_0_in_0_q_incep', 'tt1375666'],
    ['https://www.imdb.com/title/tt0903747/episodes/?season=2', 'tt0903747'],
    ['https://www.imdb.com/title/tt0133093/reviews/?ref_=tt_ov_ururv', 'tt0133093'],
    ['https://www.imdb.com/de/title/tt0133093/', 'tt0133093'],
    ['https://www.imdb.com/pt-br/title/tt0133093/', 'tt0133093'],
    ['https://m.imdb.com/title/tt0111161/', 'tt0111161'],
    ['https://www.imdb.com/title/tt10872600', 'tt10872600'],
    ['https://www.imdb.com/title/tt1375666/#cast', 'tt1375666'],
  ])('reads the IMDb id of %s', (url, id) => {
    expect(titleFromUrl(url)).toEqual({ source: 'imdb', id });
  });

  it.each([
    ['https://www.themoviedb.org/movie/603-the-matrix', 'movie', '603'],
    ['https://www.themoviedb.org/movie/27205-inception?language=de-DE', 'movie', '27205'],
    ['https://www.themoviedb.org/movie/27205', 'movie', '27205'],
    ['https://www.themoviedb.org/movie/603-the-matrix/cast', 'movie', '603'],
    ['https://www.themoviedb.org/tv/1396-breaking-bad', 'show', '1396'],
  ])('reads the TMDb id of %s', (url, kind, id) => {
    expect(titleFromUrl(url)).toEqual({ source: 'tmdb', id, kind });
  });

  it.each([
    ['https://www.themoviedb.org/tv/1396-breaking-bad/season/1', { season: 1 }],
    ['https://www.themoviedb.org/tv/1396/season/0', { season: 0 }],
    ['https://www.themoviedb.org/tv/1396-breaking-bad/season/1/episode/2', { season: 1, episode: 2 }],
    ['https://www.themoviedb.org/tv/1396-breaking-bad/season/5/episode/16/cast?language=de-DE', { season: 5, episode: 16 }],
  ])('reads the show and the numbers of the TMDb season or episode page %s', (url, numbers) => {
    expect(titleFromUrl(url)).toEqual({ source: 'tmdb', id: '1396', kind: 'show', ...numbers });
  });

  it('reads no numbers from a movie address or a show sub-page that only looks like one', () => {
    expect(titleFromUrl('https://www.themoviedb.org/movie/603/season/1')).toEqual({ source: 'tmdb', id: '603', kind: 'movie' });
    expect(titleFromUrl('https://www.themoviedb.org/tv/1396-breaking-bad/seasons')).toEqual({ source: 'tmdb', id: '1396', kind: 'show' });
  });

  it.each([
    'https://www.imdb.com/',
    'https://www.imdb.com/name/nm0000206/',
    'https://www.imdb.com/chart/top/',
    'https://www.imdb.com/find/?q=tt1375666',
    'https://www.imdb.com/list/ls000000000/title/tt1375666/',
    'http://www.imdb.com/title/tt1375666/',
    'https://www.imdb.com.evil.example/title/tt1375666/',
    'https://evil.example/title/tt1375666/',
    'https://www.themoviedb.org/person/6384-keanu-reeves',
    'https://www.themoviedb.org/movie',
    'https://www.themoviedb.org/movie/top-rated',
    'https://www.themoviedb.org/collection/2344-the-matrix-collection',
    'not a url',
  ])('finds no title on %s', (url) => {
    expect(titleFromUrl(url)).toBeNull();
  });

  it('names the title in Plex notation and gives each one its own cache key', () => {
    expect(externalGuid({ source: 'imdb', id: 'tt0133093' })).toBe('imdb://tt0133093');
    expect(externalGuid({ source: 'tmdb', id: '603', kind: 'movie' })).toBe('tmdb://603');
    // TMDb numbers movies and shows separately, so 1396 the movie is not 1396 the show.
    expect(titleKey({ source: 'tmdb', id: '1396', kind: 'movie' })).not.toBe(titleKey({ source: 'tmdb', id: '1396', kind: 'show' }));
  });
});
