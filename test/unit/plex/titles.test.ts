import { describe, expect, it } from 'vitest';
import { externalIdOf } from '@/src/plex/titles';

describe('external ids in Plex guids', () => {
  it('reads the legacy agents’ guids, whatever their language, as the catalogue writes the id', () => {
    expect(externalIdOf('com.plexapp.agents.imdb://tt1375666?lang=en')).toBe('imdb://tt1375666');
    expect(externalIdOf('com.plexapp.agents.themoviedb://27205?lang=de')).toBe('tmdb://27205');
    expect(externalIdOf('com.plexapp.agents.thetvdb://81189?lang=pt-BR')).toBe('tvdb://81189');
    expect(externalIdOf('com.plexapp.agents.imdb://TT0133093')).toBe('imdb://tt0133093');
  });

  it('reads an episode of a legacy show as its show, so it is never taken for another title', () => {
    expect(externalIdOf('com.plexapp.agents.thetvdb://81189/2/3?lang=en')).toBe('tvdb://81189');
  });

  it('keeps Guid children as they are, and names no id for other agents', () => {
    expect(externalIdOf('imdb://tt1375666')).toBe('imdb://tt1375666');
    expect(externalIdOf('tvdb://81189')).toBe('tvdb://81189');
    expect(externalIdOf('plex://movie/5d7768ba96b655001fdc0408')).toBeUndefined();
    expect(externalIdOf('com.plexapp.agents.hama://anidb-69?lang=en')).toBeUndefined();
    expect(externalIdOf('local://1234')).toBeUndefined();
    expect(externalIdOf('com.plexapp.agents.none://5a1b?lang=xn')).toBeUndefined();
  });
});
