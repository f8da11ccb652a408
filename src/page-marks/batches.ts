import { titleKey, type TitleRef } from '../titles/ids';
import type { MarksReply } from '../titles/marks';

/** Titles per message: at most what the background takes in one. */
const BATCH = 100;
/** Items that come into view within this long go in one message: a scroll brings them a few at a time. */
export const GATHER_MS = 200;

/** One message per GATHER_MS, the background's per-tab rate, so a flood of titles waits here instead of being refused there. */
export function createBatches(send: (titles: TitleRef[]) => Promise<MarksReply | null>) {
  const answers = new Map<string, string[] | null>();
  const waiting = new Map<string, { ref: TitleRef; then: ((servers: string[] | null) => void)[] }>();
  let scheduled = false;

  async function flush(): Promise<void> {
    scheduled = false;
    const batch = [...waiting.values()].slice(0, BATCH);
    for (const { ref } of batch) waiting.delete(titleKey(ref));
    if (waiting.size) schedule();
    const reply = await send(batch.map((entry) => entry.ref));
    batch.forEach((entry, index) => {
      const servers = Array.isArray(reply) ? (reply[index] ?? null) : null;
      // No answer (the background was busy or gone): not kept, so another item of the title, or the next visit, asks again.
      if (Array.isArray(reply)) answers.set(titleKey(entry.ref), servers);
      for (const then of entry.then) then(servers);
    });
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => void flush(), GATHER_MS);
  }

  return {
    /** Calls `then` with the servers holding the title (null: none, or not known), at once when answered before. */
    ask(ref: TitleRef, then: (servers: string[] | null) => void): void {
      const key = titleKey(ref);
      if (answers.has(key)) return then(answers.get(key)!);
      const entry = waiting.get(key);
      if (entry) entry.then.push(then);
      else waiting.set(key, { ref, then: [then] });
      schedule();
    },
    /** Forgets every answer (the person signed in or out). */
    clear: () => answers.clear(),
  };
}
