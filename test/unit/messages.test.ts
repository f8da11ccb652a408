import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageRequest, PopupRequest } from '@/src/message-schemas';
import {
  handle,
  refusedReply,
  send,
  sendFromPage,
  SESSION_CHANGED,
  type Done,
  type Handlers,
  type Message,
  type ProfileSwitched,
  type PageRequest as PageRequestType,
  type PopupRequest as PopupRequestType,
  type Reply,
  type TypeFrom,
} from '@/src/messages';
import { statusText, watchlistUnchangedText } from '@/src/page-badge/wording';
import type { TitleRef } from '@/src/titles/ids';
import type { Lookup, WatchlistReply } from '@/src/titles/types';
import { useLocale } from '../i18n/fake-i18n';

describe('what a page’s badge may ask the background', () => {
  it.each([
    { type: 'lookup', title: { source: 'imdb', id: 'tt1375666' } },
    { type: 'lookup', title: { source: 'imdb', id: 'tt0903747', kind: 'show' } },
    { type: 'lookup', title: { source: 'tmdb', id: '603', kind: 'movie' } },
    { type: 'watchlist', ratingKey: '5d7768ba96b655001fdc0408', on: true },
    { type: 'open-sign-in' },
  ])('accepts %j', (message) => {
    expect(PageRequest.safeParse(message).success).toBe(true);
  });

  it.each([
    ['an unknown operation', { type: 'fetch', url: 'https://evil.example/' }],
    ['a popup operation', { type: 'sign-out' }],
    ['a request for the token', { type: 'token' }],
    ['an IMDb id that is not one', { type: 'lookup', title: { source: 'imdb', id: '../../api/v2/user' } }],
    ['a TMDb id without its kind', { type: 'lookup', title: { source: 'tmdb', id: '603' } }],
    ['another site', { type: 'lookup', title: { source: 'netflix', id: '1' } }],
    ['a rating key that would change the path', { type: 'watchlist', ratingKey: 'abc/../../x', on: true }],
    ['a watchlist change without a direction', { type: 'watchlist', ratingKey: '5d7768ba96b655001fdc0408' }],
    ['no object at all', 'lookup'],
    ['nothing', undefined],
  ])('refuses %s', (_, message) => {
    expect(PageRequest.safeParse(message).success).toBe(false);
  });

  it('drops fields it does not know, so nothing extra reaches the handler', () => {
    const parsed = PageRequest.parse({ type: 'open-sign-in', url: 'https://evil.example/' });
    expect(parsed).toEqual({ type: 'open-sign-in' });
  });

  it('keeps page operations out of the popup protocol and back', () => {
    expect(PopupRequest.safeParse({ type: 'lookup', title: { source: 'imdb', id: 'tt1375666' } }).success).toBe(false);
    expect(PopupRequest.safeParse({ type: 'refresh-servers' }).success).toBe(true);
  });
});

describe('the protocol', () => {
  it('types each reply by its request', () => {
    expectTypeOf<Reply<'lookup'>>().toEqualTypeOf<Lookup>();
    expectTypeOf<Reply<'watchlist'>>().toEqualTypeOf<WatchlistReply>();
    expectTypeOf<Reply<'open-sign-in'>>().toEqualTypeOf<Done>();
    expectTypeOf<Reply<Exclude<TypeFrom<'popup'>, 'switch-profile'>>>().toEqualTypeOf<Done>();
    expectTypeOf<Reply<'switch-profile'>>().toEqualTypeOf<ProfileSwitched>();
    expectTypeOf(sendFromPage<{ type: 'lookup'; title: TitleRef }>).returns.resolves.toEqualTypeOf<Lookup>();
    expectTypeOf(sendFromPage<{ type: 'watchlist'; ratingKey: string; on: boolean }>).returns.resolves.toEqualTypeOf<WatchlistReply>();
    expectTypeOf(send<{ type: 'sign-out' }>).returns.resolves.toEqualTypeOf<Done>();
  });

  it('lets the popup send only popup requests and a page only page requests', () => {
    expectTypeOf(send).parameter(0).toEqualTypeOf<PopupRequestType>();
    expectTypeOf(sendFromPage).parameter(0).toEqualTypeOf<PageRequestType>();
    expectTypeOf<{ type: 'lookup'; title: TitleRef }>().not.toExtend<PopupRequestType>();
    expectTypeOf<{ type: 'sign-out' }>().not.toExtend<PageRequestType>();
    expectTypeOf<typeof SESSION_CHANGED>().toEqualTypeOf<TypeFrom<'background'>>();
  });

  it('has the background answer each request with that request’s reply', () => {
    expectTypeOf<ReturnType<Handlers<'page', number>['lookup']>>().toEqualTypeOf<Promise<Lookup>>();
    expectTypeOf<Parameters<Handlers<'page', number>['watchlist']>>().toEqualTypeOf<
      [{ type: 'watchlist'; ratingKey: string; on: boolean }, number]
    >();
    expectTypeOf<keyof Handlers<'popup', void>>().toEqualTypeOf<TypeFrom<'popup'>>();
  });

  it('has a schema that takes each request it declares', () => {
    // One example of every type: the compiler asks for a new one when a request is added.
    const popup: { [K in TypeFrom<'popup'>]: Message<K> } = {
      'sign-in': { type: 'sign-in', mode: 'code' },
      'open-approval': { type: 'open-approval' },
      cancel: { type: 'cancel' },
      'sign-out': { type: 'sign-out' },
      'check-session': { type: 'check-session' },
      'refresh-servers': { type: 'refresh-servers' },
      'refresh-index': { type: 'refresh-index' },
      'allow-plain-http': { type: 'allow-plain-http', machineId: 'abc-123', allowed: true },
      'switch-profile': { type: 'switch-profile', uuid: '19860c4bdfbf24d5', pin: '0123' },
      'seerr-check': { type: 'seerr-check' },
    };
    const page: { [K in TypeFrom<'page'>]: Message<K> } = {
      lookup: { type: 'lookup', title: { source: 'tmdb', id: '603', kind: 'movie' } },
      watchlist: { type: 'watchlist', ratingKey: '5d7768ba96b655001fdc0408', on: false },
      'open-sign-in': { type: 'open-sign-in' },
      marks: { type: 'marks', titles: [{ source: 'imdb', id: 'tt1375666' }] },
      'seerr-status': { type: 'seerr-status', kind: 'movie', tmdbId: 603 },
      'seerr-request': { type: 'seerr-request', kind: 'tv', tmdbId: 1396, seasons: [1, 2] },
    };
    for (const request of Object.values(popup)) expect(PopupRequest.parse(request)).toEqual(request);
    for (const request of Object.values(page)) expect(PageRequest.parse(request)).toEqual(request);
  });
});

describe('what a request’s sender gets when the background does not answer it', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    useLocale('en', 'en-US');
  });
  afterEach(() => vi.restoreAllMocks());

  const gone = () => vi.spyOn(browser.runtime, 'sendMessage').mockRejectedValue(new Error('Extension context invalidated.'));
  const silent = () => vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue(undefined);

  it('shows a badge whose extension was reloaded under it that it could not reach Plex', async () => {
    gone();
    const lookup = await sendFromPage({ type: 'lookup', title: { source: 'imdb', id: 'tt1375666' } });
    expect(lookup).toEqual({ state: 'failed', reason: 'other' });
    expect(statusText(lookup)).toBe("couldn't reach Plex");
  });

  it('tells the person a watchlist change was not made when no one answered', async () => {
    silent();
    const reply = await sendFromPage({ type: 'watchlist', ratingKey: '5d7768ba96b655001fdc0408', on: true });
    expect(reply).toEqual({ ok: false, reason: 'other' });
    expect(reply.ok ? '' : watchlistUnchangedText(reply.reason)).toBe(
      'The watchlist did not change. Sidekick could not ask Plex. Reload the page to try again.',
    );
  });

  it('tells the popup its request failed, and why', async () => {
    gone();
    expect(await send({ type: 'refresh-servers' })).toEqual({ ok: false, error: 'Extension context invalidated.' });
    silent();
    expect(await send({ type: 'cancel' })).toEqual({ ok: false, error: 'no answer' });
  });

  it('answers a request whose handler throws with that request’s failure reply', async () => {
    const boom = () => Promise.reject(new Error('storage is full'));
    const handlers: Handlers<'page', number> = {
      lookup: boom,
      watchlist: boom,
      'open-sign-in': boom,
      marks: boom,
      'seerr-status': boom,
      'seerr-request': boom,
    };
    const lookup = { type: 'lookup', title: { source: 'imdb', id: 'tt1375666' } } as const;
    expect(await handle(handlers, lookup, 7)).toEqual({ state: 'failed', reason: 'other' });
    expect(await handle(handlers, { type: 'watchlist', ratingKey: 'abc', on: true }, 7)).toEqual({ ok: false, reason: 'other' });
    expect(await handle(handlers, { type: 'open-sign-in' }, 7)).toEqual({ ok: false, error: 'storage is full' });
    expect(await handle(handlers, { type: 'seerr-request', kind: 'movie', tmdbId: 603 }, 7)).toEqual({ ok: false, reason: 'other' });
  });

  it('passes a handler’s own reply on, with the context it was given', async () => {
    const handlers: Handlers<'page', number> = {
      lookup: (_, tabId) => Promise.resolve({ state: tabId === 7 ? 'unknown' : 'signed-out' }),
      watchlist: (request) => Promise.resolve({ ok: true, watchlisted: request.on }),
      'open-sign-in': () => Promise.resolve({ ok: true }),
      marks: () => Promise.resolve([null]),
      'seerr-status': () => Promise.resolve({ ok: true, state: 'none' }),
      'seerr-request': () => Promise.resolve({ ok: true, state: 'pending' }),
    };
    expect(await handle(handlers, { type: 'lookup', title: { source: 'tmdb', id: '603', kind: 'movie' } }, 7)).toEqual({
      state: 'unknown',
    });
    expect(await handle(handlers, { type: 'watchlist', ratingKey: 'abc', on: true }, 7)).toEqual({ ok: true, watchlisted: true });
  });

  it('answers a refused message with the failure reply of the request it names, if any', () => {
    expect(refusedReply({ type: 'lookup', title: { source: 'netflix', id: '1' } })).toEqual({ state: 'failed', reason: 'other' });
    expect(refusedReply({ type: 'watchlist', ratingKey: '../x', on: true })).toEqual({ ok: false, reason: 'other' });
    expect(refusedReply({ type: 'sign-out', extra: 1 })).toEqual({ ok: false, error: 'unknown request' });
    expect(refusedReply({ type: 'constructor' })).toEqual({ ok: false, error: 'unknown request' });
    expect(refusedReply('lookup')).toEqual({ ok: false, error: 'unknown request' });
    expect(refusedReply(null)).toEqual({ ok: false, error: 'unknown request' });
  });
});

describe('a switch of Plex Home profile from the popup', () => {
  it.each([
    { type: 'switch-profile', uuid: '19860c4bdfbf24d5' },
    { type: 'switch-profile', uuid: '19860c4bdfbf24d5', pin: '0123' },
  ])('accepts %j', (message) => {
    expect(PopupRequest.safeParse(message).success).toBe(true);
  });

  it.each([
    ['a uuid that would change the path', { type: 'switch-profile', uuid: '../users/signout' }],
    ['a PIN that is not four digits', { type: 'switch-profile', uuid: 'abc', pin: '12345' }],
    ['a PIN with letters', { type: 'switch-profile', uuid: 'abc', pin: '12a4' }],
  ])('refuses %s', (_, message) => {
    expect(PopupRequest.safeParse(message).success).toBe(false);
  });

  it('is no page’s to ask', () => {
    expect(PageRequest.safeParse({ type: 'switch-profile', uuid: 'abc' }).success).toBe(false);
  });

  it('tells the popup the profile in use stays when no one answered', async () => {
    vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue(undefined);
    expect(await send({ type: 'switch-profile', uuid: 'abc' })).toEqual({ ok: false, reason: 'other' });
    vi.restoreAllMocks();
  });
});
