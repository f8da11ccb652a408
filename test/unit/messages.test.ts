import { describe, expect, it } from 'vitest';
import { PageRequest, PopupRequest } from '@/src/messages';

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
});
