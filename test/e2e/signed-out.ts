import type { FakePlexControl } from '../fake-plex/control';
import type { ExtensionBrowser, PageHandle } from './browser';

/** The extension API as seen inside its pages, where these functions run. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { remove(keys: string[]): Promise<void> } };
};

/** A sign-in under way is ended as a person ends it (Cancel, then Sign out), so no poll answer on its way can bring it back. */
export async function openSignedOutPopup(browser: ExtensionBrowser, plex: FakePlexControl): Promise<PageHandle> {
  const popup = await browser.openPage('popup.html');
  await popup.evaluate(async () => {
    await chrome.runtime.sendMessage({ type: 'cancel' });
    await chrome.runtime.sendMessage({ type: 'sign-out' });
  });
  await plex.reset();
  await popup.evaluate(() => chrome.storage.local.remove(['signin', 'session', 'token', 'servers', 'serverTokens', 'home']));
  await popup.waitForTestId('sign-in');
  return popup;
}
