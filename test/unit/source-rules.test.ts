import { describe, expect, it } from 'vitest';
import { sources, type SourceFile } from './sources';

function offenders(files: SourceFile[], pattern: RegExp): string[] {
  return files.flatMap(({ path, text }) =>
    text.split('\n').flatMap((line, index) => (pattern.test(line) ? [`${path}:${index + 1}: ${line.trim()}`] : [])),
  );
}

/**
 * Rules the code keeps so the token cannot leak and nothing from Plex or a page becomes markup.
 * Checked over the source, so a slip fails the build instead of waiting for a review.
 */
describe('the source', () => {
  it('never turns text into markup', async () => {
    expect(offenders(await sources(), /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/)).toEqual(
      [],
    );
  });

  it('logs nothing but one error sentence from the poller, and never a token', async () => {
    const files = await sources();
    expect(offenders(files, /console\.(log|info|debug|warn|trace|dir)\b/)).toEqual([]);
    expect(offenders(files, /console\.error/).map((line) => line.split(':')[0])).toEqual(['src/signin/poller.ts']);
    expect(offenders(files, /console\.[a-z]+\([^)]*[Tt]oken/)).toEqual([]);
  });

  it('keeps nothing in storage.sync, and no secret in storage.session', async () => {
    const files = await sources();
    expect(offenders(files, /storage\.sync|['"]sync:/)).toEqual([]);
    const sessionKeys = offenders(files, /['"]session:[A-Za-z]+['"]/).map((line) => /['"]session:([A-Za-z]+)['"]/.exec(line)![1]);
    expect(sessionKeys.sort()).toEqual(['badgeTabs', 'shownTitles', 'titles']);
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
      'src/servers/service.ts',
      'src/signin/service.ts',
      'src/storage-upgrade.ts',
      'src/storage.ts',
      'src/titles/service.ts',
    ]);
  });

  it('has no words for people outside the messages (public/_locales)', async () => {
    // Two words in a string literal, the first capitalised, in a file that draws something: a sentence that skipped i18n.
    const drawing = (await sources()).filter(({ path }) => /^(entrypoints\/popup|src\/badge|src\/ui|src\/signin\/badge)/.test(path));
    expect(drawing.length).toBeGreaterThan(5);
    expect(offenders(drawing, /(['"`])[A-Z][a-z]+ [a-z]+[^'"`]*\1/)).toEqual([]);
  });
});
