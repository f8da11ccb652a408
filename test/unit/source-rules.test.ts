import { describe, expect, it } from 'vitest';
import { sources, type SourceFile } from './sources';

function offenders(files: SourceFile[], pattern: RegExp): string[] {
  return files.flatMap(({ path, text }) =>
    text.split('\n').flatMap((line, index) => (pattern.test(line) ? [`${path}:${index + 1}: ${line.trim()}`] : [])),
  );
}

/** What lint cannot say (the rest is eslint.config.js, proven by lint-rules.test.ts): exact lists, and the HTML ESLint does not read. */
describe('the source', () => {
  it('keeps no secret in storage.session', async () => {
    const sessionKeys = offenders(await sources(), /['"]session:[A-Za-z]+['"]/).map((line) => /['"]session:([A-Za-z]+)['"]/.exec(line)![1]);
    expect(sessionKeys.sort()).toEqual(['badgeTabs', 'shownTitles', 'titles', 'watchlist']);
  });

  it('reads the token only in the background’s own modules', async () => {
    const readers = offenders(
      await sources(),
      /\breadToken\(|\btokenItem\b|\breadServerTokens\(|\bserverTokensItem\b|\bprofileItem\b|\breadProfile\(|\breadPlexToken\(/,
    )
      .map((line) => line.split(':')[0]!)
      .filter((path, index, all) => all.indexOf(path) === index)
      .sort();
    expect(readers).toEqual([
      'src/home/service.ts',
      'src/home/token.ts',
      'src/seerr/browser.ts',
      'src/servers/service.ts',
      'src/signin/service.ts',
      'src/storage-upgrade.ts',
      'src/storage.ts',
      'src/titles/service.ts',
    ]);
  });

  it('has no markup sinks and no words for people in the pages’ HTML', async () => {
    const pages = (await sources()).filter(({ path }) => path.endsWith('.html'));
    expect(pages.map(({ path }) => path)).toContain('entrypoints/popup/index.html');
    expect(
      offenders(pages, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|<script(?![^>]*\bsrc=)/),
    ).toEqual([]);
    expect(offenders(pages, /(['"`])[A-Z][a-z]+ [a-z]+[^'"`]*\1/)).toEqual([]);
  });
});
