import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatches } from '@/src/page-marks/batches';
import type { TitleRef } from '@/src/titles/ids';
import type { MarksReply } from '@/src/titles/marks';

const imdb = (n: number): TitleRef => ({ source: 'imdb', id: `tt${String(9_000_000 + n)}` });
// The gathering timers run on a fake clock: every message due is sent, with no real time waited.
const settle = () => vi.runAllTimersAsync();

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A background that says every title with an even number is on "Home Server", and records each message. */
function background(
  reply: (titles: TitleRef[]) => MarksReply | null = (titles) =>
    titles.map((ref) => (Number(ref.id.slice(2)) % 2 ? null : ['Home Server'])),
) {
  const messages: TitleRef[][] = [];
  return {
    messages,
    send: (titles: TitleRef[]) => {
      messages.push(titles);
      return Promise.resolve(reply(titles));
    },
  };
}

describe('the marks messages of a list page', () => {
  it('asks about the items that came into view together in one message, each title once, 100 at most', async () => {
    const { messages, send } = background();
    const batches = createBatches(send);
    const heard: (string[] | null)[] = [];
    for (let n = 0; n < 250; n++) batches.ask(imdb(n % 230), (servers) => heard.push(servers));
    await settle();
    expect(messages.map((titles) => titles.length)).toEqual([100, 100, 30]);
    expect(heard).toHaveLength(250);
    expect(heard.filter(Boolean)).toHaveLength(125);
  });

  it('answers a title asked about again from the first answer, with no message', async () => {
    const { messages, send } = background();
    const batches = createBatches(send);
    batches.ask(imdb(2), () => undefined);
    await settle();
    let again: string[] | null = null;
    batches.ask(imdb(2), (servers) => (again = servers));
    expect(again).toEqual(['Home Server']);
    expect(messages).toHaveLength(1);
    batches.clear();
    batches.ask(imdb(2), () => undefined);
    await settle();
    expect(messages).toHaveLength(2);
  });

  it('keeps no answer the background did not give, so the title is asked about again', async () => {
    const { messages, send } = background(() => null);
    const batches = createBatches(send);
    let heard: string[] | null | undefined;
    batches.ask(imdb(2), (servers) => (heard = servers));
    await settle();
    expect(heard).toBeNull();
    batches.ask(imdb(2), () => undefined);
    await settle();
    expect(messages).toHaveLength(2);
  });
});
