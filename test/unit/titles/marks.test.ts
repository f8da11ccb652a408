import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IndexedPlacement, LibraryIndexReader } from '@/src/library/types';
import { PageRequest } from '@/src/message-schemas';
import type { TitleRef } from '@/src/titles/ids';
import { answerMarks, createMarkRequests, MARK_LIMITS } from '@/src/titles/marks';

const place = (server: string, ratingKey: string): IndexedPlacement => ({ serverId: `id-${server}`, server, library: 'Movies', ratingKey });
const imdb = (n: number): TitleRef => ({ source: 'imdb', id: `tt${String(9_000_000 + n)}` });

/** An index that knows what the test says, and records every title it was asked about. */
function fakeIndex(known: Record<string, IndexedPlacement[] | null | Error>) {
  const asked: string[] = [];
  const reader: LibraryIndexReader = {
    placements(ref) {
      asked.push(ref.id);
      const answer = known[ref.id];
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer ?? null);
    },
  };
  return { reader, asked };
}

describe('answering a list page’s marks from the index', () => {
  it('names the servers of each title in the order asked, once each, and null where it is on none or unknown', async () => {
    const { reader } = fakeIndex({
      tt9000001: [place('Home Server', '1'), place('Home Server', '2'), place('Cabin', '9')],
      tt9000002: [],
      tt9000003: null,
      tt9000004: new Error('index unreadable'),
      tt9000005: [place('Cabin', '5')],
    });
    expect(await answerMarks(reader, [1, 2, 3, 4, 5].map(imdb))).toEqual([['Home Server', 'Cabin'], null, null, null, ['Cabin']]);
  });

  it('takes at most 100 titles a message, each with the lookup’s id rules', () => {
    const titles = Array.from({ length: 100 }, (_, n) => imdb(n));
    expect(PageRequest.safeParse({ type: 'marks', titles }).success).toBe(true);
    expect(PageRequest.safeParse({ type: 'marks', titles: [...titles, imdb(100)] }).success).toBe(false);
    expect(PageRequest.safeParse({ type: 'marks', titles: [] }).success).toBe(false);
    expect(PageRequest.safeParse({ type: 'marks', titles: [{ source: 'imdb', id: 'tt1; DROP' }] }).success).toBe(false);
    expect(PageRequest.safeParse({ type: 'marks', titles: [{ source: 'tmdb', id: '603' }] }).success).toBe(false);
    expect(PageRequest.safeParse({ type: 'marks', titles: [{ source: 'tmdb', id: '603', kind: 'movie' }] }).success).toBe(true);
  });
});

describe('the per-tab bound on marks messages', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const requests = (reader: LibraryIndexReader) =>
    createMarkRequests({ index: () => reader, now: () => Date.now(), setTimeout: (callback, ms) => void setTimeout(callback, ms) });

  it('answers a page’s first screens at once, then one message every 200 ms, and other tabs meanwhile', async () => {
    const { reader, asked } = fakeIndex({ tt9000001: [place('Home Server', '1')] });
    const marks = requests(reader);
    const answered: number[] = [];
    const burst = Array.from({ length: MARK_LIMITS.perTab.burst + 2 }, (_, n) => marks.marks(1, [imdb(n)]).then(() => answered.push(n)));
    await vi.advanceTimersByTimeAsync(0);
    expect(answered).toHaveLength(MARK_LIMITS.perTab.burst);
    expect(await marks.marks(2, [imdb(1)])).toEqual([['Home Server']]);
    await vi.advanceTimersByTimeAsync(MARK_LIMITS.perTab.everyMs);
    expect(answered).toHaveLength(MARK_LIMITS.perTab.burst + 1);
    await vi.advanceTimersByTimeAsync(MARK_LIMITS.perTab.everyMs);
    await Promise.all(burst);
    expect(answered).toEqual(Array.from({ length: MARK_LIMITS.perTab.burst + 2 }, (_, n) => n));
    expect(asked).toHaveLength(MARK_LIMITS.perTab.burst + 3);
  });

  it('refuses a tab’s messages beyond 20 out at once, without asking the index', async () => {
    const { reader, asked } = fakeIndex({});
    const marks = requests(reader);
    const limit = MARK_LIMITS.outPerTab;
    const replies = Array.from({ length: limit + 1 }, () => marks.marks(1, [imdb(1)]));
    expect(await replies.at(-1)).toEqual({ ok: false, error: 'too many' });
    await vi.advanceTimersByTimeAsync(MARK_LIMITS.perTab.everyMs * limit);
    await Promise.all(replies);
    expect(asked).toHaveLength(limit);
  });
});
