import type { LibraryIndexReader } from '../library/types';
import type { TitleRef } from './ids';
import { tokenBucket, type Rate, type TokenBucket } from './token-bucket';

/** Titles one `marks` message may name: a screenful of a list page, and a bound on one message's work. */
export const MAX_MARKS_PER_MESSAGE = 100;

/** Per title asked: server names, or null when on none or not known yet; types only, so content scripts need no schema library. */
export type MarksReply = (string[] | null)[];

/** Answers from the index alone: no request to any Plex host, whatever a page names. */
export async function answerMarks(reader: LibraryIndexReader, titles: readonly TitleRef[]): Promise<MarksReply> {
  return Promise.all(
    titles.map(async (ref) => {
      const placements = await reader.placements(ref).catch(() => null);
      if (!placements?.length) return null;
      return [...new Set(placements.map((placement) => placement.server))];
    }),
  );
}

/** Per tab, ten at once for a page's first screens, then one per 200 ms for a fast scroll; past `outPerTab` out at once, refused. */
export const MARK_LIMITS = { perTab: { burst: 10, everyMs: 200 } satisfies Rate, outPerTab: 20 };

export interface MarkRequestDeps {
  index(): LibraryIndexReader;
  now(): number;
  setTimeout(callback: () => void, ms: number): void;
  limits?: typeof MARK_LIMITS;
}

interface TabMarks {
  bucket: TokenBucket;
  /** The tab's messages in order: each waits for the one before it to take its turn. */
  queue: Promise<unknown>;
  /** Messages taken and not answered yet. */
  out: number;
}

/** What a list page can make the background do: bounded per tab, each message answered from the index. */
export function createMarkRequests(deps: MarkRequestDeps) {
  const limits = deps.limits ?? MARK_LIMITS;
  const tabs = new Map<number, TabMarks>();
  const delay = (ms: number) => new Promise<void>((resolve) => deps.setTimeout(resolve, ms));

  async function marks(tabId: number, titles: readonly TitleRef[]): Promise<MarksReply | { ok: false; error: string }> {
    let tab = tabs.get(tabId);
    if (!tab) {
      tab = { bucket: tokenBucket(limits.perTab, deps.now()), queue: Promise.resolve(), out: 0 };
      tabs.set(tabId, tab);
    }
    if (tab.out >= limits.outPerTab) return { ok: false, error: 'too many' };
    const mine = tab;
    mine.out++;
    const turn = mine.queue.then(async () => {
      const waitMs = mine.bucket.waitMs(deps.now());
      if (waitMs > 0) await delay(waitMs);
      mine.bucket.take(deps.now());
    });
    mine.queue = turn;
    try {
      await turn;
      return await answerMarks(deps.index(), titles);
    } finally {
      mine.out--;
    }
  }

  const forgetTab = (tabId: number) => void tabs.delete(tabId);

  return { marks, forgetTab };
}

export type MarkRequests = ReturnType<typeof createMarkRequests>;
