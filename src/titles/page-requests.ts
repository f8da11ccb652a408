import { titleKey, type TitleRef } from './ids';
import type { Lookup, WatchlistReply } from './types';
import { forgetShownTitles, rememberShownTitle, wasShownTitle } from './tabs';
import { tokenBucket, type Rate, type TokenBucket } from './token-bucket';

/** What the title service does for pages; the guard below decides when it may. */
export interface TitleLookups {
  lookup(ref: TitleRef): Promise<Lookup>;
  setWatchlist(ratingKey: string, on: boolean): Promise<WatchlistReply>;
}

export interface Limits {
  perTab: Rate;
  overall: Rate;
  /** Watchlist changes and sign-ins a tab may ask for; each is a person's click. */
  actionsPerTab: Rate;
}

/** Five per tab for quick Back presses, then one per 2 s (reading takes longer); thirty overall for a restored window; scripts wait. */
export const PAGE_LIMITS: Limits = {
  perTab: { burst: 5, everyMs: 2000 },
  overall: { burst: 30, everyMs: 1000 },
  // Clicks: a person toggling the watchlist a few times in a row stays well under it.
  actionsPerTab: { burst: 5, everyMs: 1000 },
};

export interface PageRequestDeps {
  titles: TitleLookups;
  now(): number;
  setTimeout(callback: () => void, ms: number): void;
  limits?: Limits;
}

interface Waiting {
  ref: TitleRef;
  answer(lookup: Lookup | Promise<Lookup>): void;
}

interface TabState {
  bucket: TokenBucket;
  actions: TokenBucket;
  /** The lookup this tab has out (its own, or one it shares with another tab). */
  running: Promise<Lookup> | null;
  /** The newest lookup the tab asked for that has not started; a newer one replaces it. */
  waiting: Waiting | null;
  timer: boolean;
}

const SUPERSEDED: Lookup = { state: 'superseded' };

/** Bounds what a page can make the background do: one lookup out per tab, the newest waiting, identical ones shared, all rate-bound. */
export function createPageRequests(deps: PageRequestDeps) {
  const limits = deps.limits ?? PAGE_LIMITS;
  const overall = tokenBucket(limits.overall, deps.now());
  const tabs = new Map<number, TabState>();
  const inFlight = new Map<string, Promise<Lookup>>();

  /** Idle tabs whose bucket is full again are the same as new ones: forget them. */
  function sweep(time: number): void {
    for (const [tabId, tab] of tabs) {
      if (!tab.running && !tab.waiting && !tab.timer && tab.bucket.full(time) && tab.actions.full(time)) tabs.delete(tabId);
    }
  }

  function tabState(tabId: number): TabState {
    let tab = tabs.get(tabId);
    if (!tab) {
      tab = {
        bucket: tokenBucket(limits.perTab, deps.now()),
        actions: tokenBucket(limits.actionsPerTab, deps.now()),
        running: null,
        waiting: null,
        timer: false,
      };
      tabs.set(tabId, tab);
    }
    return tab;
  }

  function start(ref: TitleRef): Promise<Lookup> {
    const key = titleKey(ref);
    const lookup = deps.titles.lookup(ref);
    inFlight.set(key, lookup);
    const done = () => {
      if (inFlight.get(key) === lookup) inFlight.delete(key);
    };
    lookup.then(done, done);
    return lookup;
  }

  /** Joining a lookup of the same title already out costs nothing, so it takes no token. */
  function pump(tabId: number): void {
    const tab = tabs.get(tabId);
    if (!tab?.waiting || tab.timer) return;
    const joined = inFlight.get(titleKey(tab.waiting.ref));
    if (tab.running && joined !== tab.running) return;
    let lookup = joined;
    if (!lookup) {
      const time = deps.now();
      const waitMs = Math.max(tab.bucket.waitMs(time), overall.waitMs(time));
      if (waitMs > 0) {
        tab.timer = true;
        deps.setTimeout(() => {
          tab.timer = false;
          pump(tabId);
        }, waitMs);
        return;
      }
      tab.bucket.take(time);
      overall.take(time);
      lookup = start(tab.waiting.ref);
    }
    tab.waiting.answer(lookup);
    tab.waiting = null;
    if (tab.running === lookup) return;
    tab.running = lookup;
    const release = () => {
      if (tab.running === lookup) tab.running = null;
      pump(tabId);
    };
    lookup.then(release, release);
  }

  async function lookup(tabId: number, ref: TitleRef): Promise<Lookup> {
    sweep(deps.now());
    const tab = tabState(tabId);
    const answer = await new Promise<Lookup>((resolve, reject) => {
      tab.waiting?.answer(SUPERSEDED);
      tab.waiting = { ref, answer: (lookup) => void Promise.resolve(lookup).then(resolve, reject) };
      pump(tabId);
    });
    if (answer.state === 'found') await rememberShownTitle(tabId, answer.title.ratingKey);
    return answer;
  }

  /** Rate-bound although actions need a click in the badge: a page process that speaks as the content script needs none. */
  function allowAction(tabId: number): boolean {
    const time = deps.now();
    sweep(time);
    const { actions } = tabState(tabId);
    if (actions.waitMs(time) > 0) return false;
    actions.take(time);
    return true;
  }

  /** Seerr's answer about a title, shown in the tab's badge: the only titles the tab may then ask Seerr to request. */
  const seerrShown = (tabId: number, kind: string, tmdbId: number) => rememberShownTitle(tabId, `seerr:${kind}:${tmdbId}`);

  async function mayRequest(tabId: number, kind: string, tmdbId: number): Promise<boolean> {
    return (await wasShownTitle(tabId, `seerr:${kind}:${tmdbId}`)) && allowAction(tabId);
  }

  async function setWatchlist(tabId: number, ratingKey: string, on: boolean): Promise<WatchlistReply> {
    if (!(await wasShownTitle(tabId, ratingKey))) return { ok: false, reason: 'other' };
    if (!allowAction(tabId)) return { ok: false, reason: 'rate-limited' };
    return deps.titles.setWatchlist(ratingKey, on);
  }

  /** A closed tab: its waiting lookup is answered, its state and the titles it was shown forgotten. */
  async function forgetTab(tabId: number): Promise<void> {
    tabs.get(tabId)?.waiting?.answer(SUPERSEDED);
    tabs.delete(tabId);
    await forgetShownTitles(tabId);
  }

  return { lookup, setWatchlist, allowAction, seerrShown, mayRequest, forgetTab };
}

export type PageRequests = ReturnType<typeof createPageRequests>;
