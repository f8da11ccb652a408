import { describe, expect, it } from 'vitest';
import { senderKind } from '@/src/senders';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('who may talk to the background', () => {
  it('knows the popup by our id and an address inside the extension', () => {
    expect(senderKind({ id: ID, url: `${ORIGIN}popup.html` }, ID, ORIGIN)).toBe('extension-page');
  });

  it('knows our content script by our id and a web page’s tab', () => {
    expect(senderKind({ id: ID, url: 'https://www.imdb.com/title/tt1375666/', tab: { id: 4 } }, ID, ORIGIN)).toBe('content-script');
  });

  it.each([
    ['another extension', { id: 'someoneelse', url: 'chrome-extension://someoneelse/popup.html' }],
    ['another extension in a tab', { id: 'someoneelse', url: 'https://www.imdb.com/', tab: { id: 4 } }],
    ['a message without an id', { url: 'https://www.imdb.com/', tab: { id: 4 } }],
    ['our id without a tab or page', { id: ID }],
    ['a plain-http page', { id: ID, url: 'http://www.imdb.com/title/tt1375666/', tab: { id: 4 } }],
    ['an address that only starts like ours', { id: ID, url: `chrome-extension://${ID}x/popup.html` }],
  ])('refuses %s', (_, sender) => {
    expect(senderKind(sender, ID, ORIGIN)).toBe('other');
  });
});
