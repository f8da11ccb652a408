import { describe, expect, it } from 'vitest';
import { MAX_SERVER_ITEMS, MetadataList } from '@/src/plex/schemas';
import { promptOrigins } from '@/entrypoints/popup/views/servers';

describe('bounds on what a server answers', () => {
  const item = (n: number, extra: Record<string, unknown> = {}) => ({
    ratingKey: String(n),
    guid: `plex://movie/${n}`,
    type: 'movie',
    title: `Title ${n}`,
    ...extra,
  });

  it('keeps the first 50 items of a list', () => {
    const parsed = MetadataList.parse({ MediaContainer: { Metadata: Array.from({ length: 80 }, (_, n) => item(n)) } });
    expect(parsed.MediaContainer.Metadata).toHaveLength(MAX_SERVER_ITEMS);
    expect(parsed.MediaContainer.Metadata?.[49]?.title).toBe('Title 49');
  });

  it('cuts titles and library names to 200 characters', () => {
    const parsed = MetadataList.parse({
      MediaContainer: { Metadata: [item(1, { title: 'T'.repeat(10_000), librarySectionTitle: 'L'.repeat(300) })] },
    });
    const [first] = parsed.MediaContainer.Metadata!;
    expect(first!.title).toHaveLength(200);
    expect(first!.librarySectionTitle).toHaveLength(200);
  });
});

describe('the permission prompt', () => {
  it('asks for at most five hosts at once, best-ranked first', () => {
    const missingOrigins = Array.from({ length: 20 }, (_, n) => `https://10.0.0.${n}/*`);
    expect(promptOrigins({ missingOrigins })).toEqual(missingOrigins.slice(0, 5));
    expect(promptOrigins({})).toEqual([]);
  });
});
