import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PlexContext } from '@/src/plex/http';
import { getWatchlist } from '@/src/plex/watchlist';
import { watchlistItem } from '@/src/storage';
import { createWatchlistList } from '@/src/titles/watchlist-list';

vi.mock('@/src/plex/watchlist', () => ({ getWatchlist: vi.fn() }));
const read = vi.mocked(getWatchlist);

const list = () =>
  createWatchlistList({
    urls: { discover: 'https://discover.example' } as never,
    plex: async () => ({}) as PlexContext,
    now: () => 1_000,
  });

beforeEach(() => {
  fakeBrowser.reset();
  read.mockReset();
});

describe('the watchlist read as one list', () => {
  it('does not read a list too long to read whole again for every title page', async () => {
    read.mockResolvedValue({ ok: true, value: { keys: ['a'], complete: false } });
    const watchlist = list();
    expect(await watchlist.has('token', 'a')).toBeNull();
    expect(await watchlist.has('token', 'b')).toBeNull();
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('keeps nothing of a read that began before the account or profile changed', async () => {
    let finish!: (keys: string[]) => void;
    read.mockReturnValueOnce(new Promise((resolve) => (finish = (keys) => resolve({ ok: true, value: { keys, complete: true } }))));
    read.mockResolvedValueOnce({ ok: true, value: { keys: ['kids-title'], complete: true } });
    const watchlist = list();
    const old = watchlist.has('account-token', 'adult-title');
    await watchlist.forget();
    // The new profile's question is its own read, not the one still out for the account.
    expect(await watchlist.has('profile-token', 'kids-title')).toBe(true);
    finish(['adult-title']);
    expect(await old).toBe(true);
    expect((await watchlistItem.getValue())?.keys).toEqual(['kids-title']);
  });
});
