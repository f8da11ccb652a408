import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TitleRef } from '@/src/titles/ids';
import type { Lookup } from '@/src/titles/types';
import { createPageRequests, PAGE_LIMITS, type Limits, type TitleLookups } from '@/src/titles/page-requests';

const imdb = (n: number): TitleRef => ({ source: 'imdb', id: `tt${String(9_000_000 + n)}` });
const found = (ref: TitleRef): Lookup => ({
  state: 'found',
  title: { ratingKey: `rk${ref.id}`, name: ref.id, kind: 'movie' },
  on: [],
  problems: [],
  answered: 1,
  watchlisted: false,
});

/** Answers each lookup when the test says so (or at once) and records what would have reached Plex. */
function scriptedTitles({ instant = false } = {}) {
  const asked: string[] = [];
  const open: { ref: TitleRef; answer(): void }[] = [];
  const watchlist: [string, boolean][] = [];
  const titles: TitleLookups = {
    lookup(ref) {
      asked.push(ref.id);
      if (instant) return Promise.resolve(found(ref));
      return new Promise((resolve) => open.push({ ref, answer: () => resolve(found(ref)) }));
    },
    async setWatchlist(ratingKey, on) {
      watchlist.push([ratingKey, on]);
      return { ok: true, watchlisted: on };
    },
  };
  /** Answers the oldest lookup still out. */
  const answerNext = async () => {
    open.shift()!.answer();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { titles, asked, watchlist, answerNext };
}

function guardWith(titles: TitleLookups, limits?: Limits) {
  return createPageRequests({ titles, now: () => Date.now(), setTimeout: (callback, ms) => void setTimeout(callback, ms), limits });
}

/** Settles a promise's state without awaiting it, so a test can ask "answered yet?". */
function watch<T>(promise: Promise<T>) {
  const seen: { value?: T } = {};
  void promise.then((value) => (seen.value = value));
  return seen;
}

describe('what a page can make the background do', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => vi.useRealTimers());

  it('keeps one lookup out per tab: the newest waits, the ones it replaced never reach Plex', async () => {
    const plex = scriptedTitles();
    const guard = guardWith(plex.titles);
    const first = watch(guard.lookup(1, imdb(1)));
    const second = watch(guard.lookup(1, imdb(2)));
    const third = watch(guard.lookup(1, imdb(3)));
    await vi.advanceTimersByTimeAsync(0);
    expect(plex.asked).toEqual([imdb(1).id]);
    expect(second.value).toEqual({ state: 'superseded' });
    expect(third.value).toBeUndefined();

    await plex.answerNext();
    expect(first.value).toEqual(found(imdb(1)));
    expect(plex.asked).toEqual([imdb(1).id, imdb(3).id]);
    await plex.answerNext();
    expect(third.value).toEqual(found(imdb(3)));
  });

  it('lets other tabs look up at the same time', async () => {
    const plex = scriptedTitles();
    const guard = guardWith(plex.titles);
    void guard.lookup(1, imdb(1));
    void guard.lookup(2, imdb(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(plex.asked).toEqual([imdb(1).id, imdb(2).id]);
  });

  it('shares one lookup between tabs asking for the same title, and between repeats in a tab', async () => {
    const plex = scriptedTitles();
    const guard = guardWith(plex.titles);
    const answers = [guard.lookup(1, imdb(1)), guard.lookup(2, imdb(1)), guard.lookup(3, imdb(1)), guard.lookup(1, imdb(1))];
    await vi.advanceTimersByTimeAsync(0);
    expect(plex.asked).toEqual([imdb(1).id]);
    await plex.answerNext();
    expect(await Promise.all(answers)).toEqual(answers.map(() => found(imdb(1))));
    expect(plex.asked).toEqual([imdb(1).id]);
  });

  it('holds a tab to five lookups at once, then one every two seconds, and then starts its newest', async () => {
    const plex = scriptedTitles({ instant: true });
    const guard = guardWith(plex.titles);
    for (let n = 1; n <= PAGE_LIMITS.perTab.burst; n++) expect(await guard.lookup(1, imdb(n))).toEqual(found(imdb(n)));
    const sixth = watch(guard.lookup(1, imdb(6)));
    const seventh = watch(guard.lookup(1, imdb(7)));
    await vi.advanceTimersByTimeAsync(1999);
    expect(plex.asked).toHaveLength(5);
    expect(sixth.value).toEqual({ state: 'superseded' });
    await vi.advanceTimersByTimeAsync(1);
    expect(plex.asked).toEqual([1, 2, 3, 4, 5, 7].map((n) => imdb(n).id));
    expect(seventh.value).toEqual(found(imdb(7)));
    // Another tab has its own allowance.
    expect(await guard.lookup(2, imdb(8))).toEqual(found(imdb(8)));
  });

  it('holds all tabs together to thirty lookups at once, then one a second', async () => {
    const plex = scriptedTitles({ instant: true });
    const guard = guardWith(plex.titles);
    for (let tab = 1; tab <= PAGE_LIMITS.overall.burst; tab++) await guard.lookup(tab, imdb(tab));
    const late = watch(guard.lookup(99, imdb(99)));
    await vi.advanceTimersByTimeAsync(999);
    expect(plex.asked).toHaveLength(30);
    await vi.advanceTimersByTimeAsync(1);
    expect(late.value).toEqual(found(imdb(99)));
  });

  /** A page that pushes a new title id every `everyMs` for ten seconds, in each of `tabCount` tabs. */
  async function storm(tabCount: number, everyMs: number) {
    const plex = scriptedTitles({ instant: true });
    const guard = guardWith(plex.titles);
    const last: Promise<Lookup>[] = [];
    let n = 0;
    for (let time = 0; time < 10_000; time += everyMs) {
      for (let tab = 1; tab <= tabCount; tab++) last[tab] = guard.lookup(tab, imdb(++n));
      await vi.advanceTimersByTimeAsync(everyMs);
    }
    const startedInTenSeconds = plex.asked.length;
    const lastIds = last.slice(1).map((_, index) => imdb(n - tabCount + 1 + index));
    // Each tab ends on the last title it pushed.
    await vi.advanceTimersByTimeAsync(PAGE_LIMITS.perTab.everyMs * tabCount);
    expect(await Promise.all(last.slice(1))).toEqual(lastIds.map(found));
    return { startedInTenSeconds, pushed: n };
  }

  it('lets 300 title ids pushed in 10 s start at most ten lookups, and answers the last one', async () => {
    const { startedInTenSeconds, pushed } = await storm(1, 33);
    expect(pushed).toBe(304);
    expect(startedInTenSeconds).toBeLessThanOrEqual(10);
  });

  it('lets ten tabs pushing 300 ids each in 10 s start at most 40 lookups between them', async () => {
    const { startedInTenSeconds } = await storm(10, 33);
    expect(startedInTenSeconds).toBeLessThanOrEqual(40);
  });

  it('answers a closed tab’s waiting lookup without asking Plex', async () => {
    const plex = scriptedTitles();
    const guard = guardWith(plex.titles);
    void guard.lookup(1, imdb(1));
    const waiting = guard.lookup(1, imdb(2));
    await guard.forgetTab(1);
    expect(await waiting).toEqual({ state: 'superseded' });
    await plex.answerNext();
    expect(plex.asked).toEqual([imdb(1).id]);
  });

  it('lets a tab ask Seerr to request only a title its badge was told the state of', async () => {
    const guard = guardWith(scriptedTitles({ instant: true }).titles);
    expect(await guard.mayRequest(1, 'movie', 603)).toBe(false);
    await guard.seerrShown(1, 'movie', 603);
    expect(await guard.mayRequest(2, 'movie', 603)).toBe(false);
    expect(await guard.mayRequest(1, 'tv', 603)).toBe(false);
    expect(await guard.mayRequest(1, 'movie', 603)).toBe(true);
  });

  describe('watchlist changes', () => {
    it('are refused for a title the tab was never shown, and taken for one it was', async () => {
      const plex = scriptedTitles({ instant: true });
      const guard = guardWith(plex.titles);
      expect(await guard.setWatchlist(1, 'rktt9000001', true)).toEqual({ ok: false, reason: 'other' });
      await guard.lookup(1, imdb(1));
      // Shown to tab 1, not to tab 2.
      expect(await guard.setWatchlist(2, 'rktt9000001', true)).toEqual({ ok: false, reason: 'other' });
      expect(plex.watchlist).toEqual([]);
      expect(await guard.setWatchlist(1, 'rktt9000001', true)).toEqual({ ok: true, watchlisted: true });
      expect(plex.watchlist).toEqual([['rktt9000001', true]]);
    });

    it('are taken for a title shown to the tab before the background restarted', async () => {
      const plex = scriptedTitles({ instant: true });
      await guardWith(plex.titles).lookup(7, imdb(1));
      const restarted = guardWith(plex.titles);
      expect(await restarted.setWatchlist(7, 'rktt9000001', false)).toEqual({ ok: true, watchlisted: false });
      expect(plex.watchlist).toEqual([['rktt9000001', false]]);
    });

    it('are taken a few at a time from one tab, then refused as too many until a second passes', async () => {
      const plex = scriptedTitles({ instant: true });
      const guard = guardWith(plex.titles);
      await guard.lookup(1, imdb(1));
      const burst = PAGE_LIMITS.actionsPerTab.burst;
      for (let n = 0; n < burst; n++) expect(await guard.setWatchlist(1, 'rktt9000001', n % 2 === 0)).toMatchObject({ ok: true });
      expect(await guard.setWatchlist(1, 'rktt9000001', true)).toEqual({ ok: false, reason: 'rate-limited' });
      expect(guard.allowAction(1)).toBe(false);
      expect(plex.watchlist).toHaveLength(burst);
      await vi.advanceTimersByTimeAsync(PAGE_LIMITS.actionsPerTab.everyMs);
      expect(await guard.setWatchlist(1, 'rktt9000001', true)).toMatchObject({ ok: true });
      // Another tab has its own allowance.
      expect(guard.allowAction(2)).toBe(true);
    });

    it('are refused once the tab is closed, and the record stays bounded', async () => {
      const plex = scriptedTitles({ instant: true });
      const unlimited = { burst: 1000, everyMs: 1 };
      const guard = guardWith(plex.titles, { perTab: unlimited, overall: unlimited, actionsPerTab: unlimited });
      await guard.lookup(1, imdb(1));
      await guard.forgetTab(1);
      expect(await guard.setWatchlist(1, 'rktt9000001', true)).toEqual({ ok: false, reason: 'other' });

      for (let n = 1; n <= 30; n++) await guard.lookup(2, imdb(n));
      expect(await guard.setWatchlist(2, 'rktt9000001', true)).toEqual({ ok: false, reason: 'other' });
      expect(await guard.setWatchlist(2, 'rktt9000030', true)).toEqual({ ok: true, watchlisted: true });
      for (let tab = 10; tab < 150; tab++) await guard.lookup(tab, imdb(1));
      const stored = (await fakeBrowser.storage.session.get('shownTitles')).shownTitles as unknown[];
      expect(stored).toHaveLength(100);
    });
  });
});
