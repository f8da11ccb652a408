import { afterEach, describe, expect, it } from 'vitest';
import { foundDetail, linksOf, statusText } from '@/src/page-badge/wording';
import type { Lookup, Placement } from '@/src/titles/types';
import { useLocale } from '../../i18n/fake-i18n';

type Found = Extract<Lookup, { state: 'found' }>;

const SHOW_HOME: Placement = { server: 'Home Server', library: 'TV Shows', href: 'https://app.plex.test/show' };
const EPISODE_HOME: Placement = { server: 'Home Server', library: 'TV Shows', href: 'https://app.plex.test/episode' };

const found = (patch: Partial<Found>): Found => ({
  state: 'found',
  title: { ratingKey: 'a'.repeat(24), name: 'Breaking Bad', kind: 'show' },
  on: [],
  problems: [],
  answered: 1,
  watchlisted: false,
  ...patch,
});

afterEach(() => useLocale('en', 'en-US'));

describe('the badge’s words on season and episode pages', () => {
  it('names the episode that is on Plex, and where', () => {
    const lookup = found({ on: [EPISODE_HOME], part: { kind: 'episode', season: 2, episode: 3, showOn: [SHOW_HOME] } });
    expect(statusText(lookup)).toBe('S2 E3 on Plex');
    expect(foundDetail(lookup)).toBe('Home Server · TV Shows');
    expect(linksOf(lookup)).toEqual({ placements: [EPISODE_HOME], toShow: false });
    useLocale('de');
    expect(statusText(lookup)).toBe('S2 E3 auf Plex');
  });

  it('names a season that is on Plex', () => {
    expect(statusText(found({ on: [SHOW_HOME], part: { kind: 'season', season: 2, showOn: [SHOW_HOME] } }))).toBe('season 2 on Plex');
    // Season 0 is where Plex keeps a show's specials.
    expect(statusText(found({ on: [SHOW_HOME], part: { kind: 'season', season: 0, showOn: [SHOW_HOME] } }))).toBe('the specials on Plex');
  });

  it('says the show is there when the episode is not, and links to the show', () => {
    const lookup = found({ part: { kind: 'episode', season: 2, episode: 4, showOn: [SHOW_HOME] } });
    expect(statusText(lookup)).toBe('the show is on Plex, this episode is not');
    expect(foundDetail(lookup)).toBe('Home Server · TV Shows');
    expect(linksOf(lookup)).toEqual({ placements: [SHOW_HOME], toShow: true });
    expect(statusText(found({ part: { kind: 'season', season: 5, showOn: [SHOW_HOME] } }))).toBe('the show is on Plex, this season is not');
  });

  it('keeps the words of movies and shows, and says not on your servers when the show is on none', () => {
    expect(statusText(found({ on: [SHOW_HOME] }))).toBe('on Plex');
    expect(statusText(found({}))).toBe('not on your servers');
    expect(statusText(found({ part: { kind: 'episode', showOn: [] } }))).toBe('not on your servers');
    expect(statusText({ state: 'signed-out' })).toBe('signed out');
    expect(linksOf(found({ part: { kind: 'episode', showOn: [] } }))).toEqual({ placements: [], toShow: false });
  });
});
