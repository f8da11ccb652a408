import { browser, type Browser } from 'wxt/browser';
import { PLEX_URLS, PRODUCT } from '@/src/config';
import { PopupRequest, WATCH_PORT, type Reply } from '@/src/messages';
import { browserPlexContext } from '@/src/plex/context';
import { badgeFor } from '@/src/signin/badge';
import { createSignInService } from '@/src/signin/service';
import { ensureClientId, flowItem, readFlow } from '@/src/storage';

export default defineBackground(() => {
  const signIn = createSignInService({
    urls: PLEX_URLS,
    product: PRODUCT,
    plex: browserPlexContext(),
    now: Date.now,
  });

  /** Only the extension's own pages may drive the sign-in; content scripts and web pages may not. */
  function fromExtensionPage(sender: Browser.runtime.MessageSender): boolean {
    return sender.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('/')) === true;
  }

  async function handle(request: PopupRequest): Promise<void> {
    switch (request.type) {
      case 'sign-in':
        return signIn.start(request.mode);
      case 'open-approval':
        return signIn.openApproval();
      case 'cancel':
        return signIn.cancel();
      case 'sign-out':
        return signIn.signOut();
      case 'check-session':
        return signIn.checkSession();
    }
  }

  browser.runtime.onMessage.addListener((message: unknown, sender): Promise<Reply> | undefined => {
    if (!fromExtensionPage(sender)) return undefined;
    const request = PopupRequest.safeParse(message);
    if (!request.success) return Promise.resolve({ ok: false, error: 'unknown request' });
    return handle(request.data).then(
      (): Reply => ({ ok: true }),
      (error: unknown): Reply => ({ ok: false, error: error instanceof Error ? error.message : 'failed' }),
    );
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== WATCH_PORT || !port.sender || !fromExtensionPage(port.sender)) return port.disconnect();
    port.onDisconnect.addListener(signIn.watch());
  });

  browser.alarms.onAlarm.addListener((alarm) => void signIn.onAlarm(alarm.name));
  browser.tabs.onRemoved.addListener((tabId) => void signIn.onTabRemoved(tabId));

  async function showBadge(): Promise<void> {
    const { text, title } = badgeFor(await readFlow());
    await browser.action.setBadgeText({ text });
    await browser.action.setTitle({ title });
    if (text) await browser.action.setBadgeBackgroundColor({ color: '#e5a00d' });
  }
  flowItem.watch(() => void showBadge());

  void ensureClientId();
  void showBadge();
  void signIn.resume();
});
