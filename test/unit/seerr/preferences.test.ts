import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { siteIsOff, siteOf } from '@/src/page-badge/sites';
import { inPreferredOrder } from '@/src/servers/order';
import { seerrTitleOf } from '@/src/page-badge/seerr-title';
import { seerrApiKeyItem, seerrUrlItem, sitesOffItem } from '@/src/storage';

beforeEach(() => fakeBrowser.reset());

describe('the preferred server order', () => {
  const servers = ['cabin', 'home', 'friend'].map((machineId) => ({ machineId }));
  it('puts the servers the person placed first in their order, the rest after as they came', () => {
    expect(inPreferredOrder(servers, ['friend']).map((s) => s.machineId)).toEqual(['friend', 'cabin', 'home']);
    expect(inPreferredOrder(servers, ['home', 'gone', 'cabin']).map((s) => s.machineId)).toEqual(['home', 'cabin', 'friend']);
    expect(inPreferredOrder(servers, []).map((s) => s.machineId)).toEqual(['cabin', 'home', 'friend']);
  });
});

describe('the sites switched off', () => {
  it('knows each site by its host names', () => {
    expect(
      ['www.imdb.com', 'm.imdb.com', 'www.themoviedb.org', 'letterboxd.com', 'trakt.tv', 'app.trakt.tv', 'imdb.com.evil.test'].map(siteOf),
    ).toEqual(['imdb', 'imdb', 'tmdb', 'letterboxd', 'trakt', 'trakt', null]);
  });

  it('reads the options page’s choice, and counts anything unreadable as on', async () => {
    expect(await siteIsOff('www.imdb.com')).toBe(false);
    await sitesOffItem.setValue(['imdb', 'trakt']);
    expect(await siteIsOff('www.imdb.com')).toBe(true);
    expect(await siteIsOff('www.themoviedb.org')).toBe(false);
    await fakeBrowser.storage.local.set({ sitesOff: 'imdb' });
    expect(await siteIsOff('www.imdb.com')).toBe(false);
  });
});

describe('the Seerr settings', () => {
  it('are kept apart from what content scripts can read, and an address that does not parse counts as none', async () => {
    await seerrUrlItem.setValue('https://seerr.example');
    await seerrApiKeyItem.setValue('k3y');
    expect([await seerrUrlItem.getValue(), await seerrApiKeyItem.getValue()]).toEqual(['https://seerr.example', 'k3y']);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    await seerrUrlItem.setValue('javascript:alert(1)');
    expect(await seerrUrlItem.getValue()).toBeNull();
  });
});

describe('the title as Seerr knows it', () => {
  const found = { state: 'found' as const, on: [], problems: [], answered: 1, watchlisted: false };
  it('takes the TMDb id from Plex’s match, else from a TMDb page', () => {
    expect(
      seerrTitleOf(
        { source: 'imdb', id: 'tt0903747' },
        { ...found, title: { ratingKey: 'a', name: 'Breaking Bad', kind: 'show', tmdbId: '1396' } },
      ),
    ).toEqual({ kind: 'tv', tmdbId: 1396 });
    expect(seerrTitleOf({ source: 'tmdb', id: '999999', kind: 'movie' }, { state: 'unknown' })).toEqual({ kind: 'movie', tmdbId: 999999 });
    expect(seerrTitleOf({ source: 'imdb', id: 'tt9999999' }, { state: 'unknown' })).toBeNull();
    expect(seerrTitleOf({ source: 'tmdb', id: '603', kind: 'movie' }, { state: 'signed-out' })).toBeNull();
  });
});
