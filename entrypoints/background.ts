import { browser, type Browser } from 'wxt/browser';
import { PLEX_URLS, PRODUCT } from '@/src/config';
import { PageRequest, PopupRequest, WATCH_PORT, type Reply } from '@/src/messages';
import { browserPlexContext } from '@/src/plex/context';
import { browserSeerrService } from '@/src/seerr/browser';
import { senderKind } from '@/src/senders';
import { createServerService, originPattern } from '@/src/servers/service';
import { toolbarBadgeFor } from '@/src/signin/toolbar-badge';
import { resumeWhenOnline } from '@/src/signin/online';
import { createSignInService } from '@/src/signin/service';
import { readServerOrder, seerrUrlItem, serverOrderItem } from '@/src/settings';
import { flowItem, readFlow, readSession, sessionItem } from '@/src/storage';
import { upgradeStorage } from '@/src/storage-upgrade';
import { createPageRequests } from '@/src/titles/page-requests';
import { createTitleService } from '@/src/titles/service';
import { notifyBadges, rememberBadgeTab } from '@/src/titles/tabs';

const SERVERS_ALARM = 'servers-refresh';

export default defineBackground(() => {
  /** Everything below waits for storage to be in this version's shape (listeners register at once). */
  const upgraded = upgradeStorage(Date.now()).catch(() => undefined);
  const afterUpgrade = <T>(task: () => Promise<T>): Promise<T> => upgraded.then(task);

  const plex = browserPlexContext();
  const signIn = createSignInService({
    urls: PLEX_URLS,
    product: PRODUCT,
    plex,
    now: Date.now,
    forgetAccountData: async () => {
      await Promise.all([servers.clear(), titles.clear()]);
    },
  });
  const servers = createServerService({
    urls: PLEX_URLS,
    plex,
    now: Date.now,
    canReach: (uri) => browser.permissions.contains({ origins: [originPattern(uri)] }).catch(() => false),
    onUnauthorized: signIn.checkSession,
  });
  const titles = createTitleService({
    urls: PLEX_URLS,
    plex,
    now: Date.now,
    servers,
    onUnauthorized: signIn.checkSession,
    serverOrder: readServerOrder,
  });
  const seerr = browserSeerrService();
  const pageRequests = createPageRequests({ titles, now: Date.now, setTimeout: (callback, ms) => void setTimeout(callback, ms) });

  const kindOf = (sender: Browser.runtime.MessageSender) => senderKind(sender, browser.runtime.id, browser.runtime.getURL('/'));
  /** Only the extension's own pages may drive the sign-in; content scripts and web pages may not. */
  const fromExtensionPage = (sender: Browser.runtime.MessageSender) => kindOf(sender) === 'extension-page';

  async function handlePopup(request: PopupRequest): Promise<void> {
    switch (request.type) {
      case 'sign-in':
        await signIn.start(request.mode);
        return;
      case 'open-approval':
        return signIn.openApproval();
      case 'cancel':
        return signIn.cancel();
      case 'sign-out':
        return signIn.signOut();
      case 'check-session':
        await signIn.checkSession();
        // Opening the popup is a good moment to notice new servers, if the list is old.
        await servers.current();
        return;
      case 'refresh-servers':
        return servers.refresh();
      case 'seerr-check':
        await seerr.check();
        return;
      case 'allow-plain-http':
        await servers.setPlainHttp(request.machineId, request.allowed);
        // How a server is reached changed: answers given before no longer hold, and open badges ask again.
        await titles.clear();
        return notifyBadges();
    }
  }

  async function handlePage(request: PageRequest, tabId: number): Promise<unknown> {
    switch (request.type) {
      case 'lookup':
        await rememberBadgeTab(tabId);
        return pageRequests.lookup(tabId, request.title);
      case 'watchlist':
        return pageRequests.setWatchlist(tabId, request.ratingKey, request.on);
      case 'open-sign-in':
        if (!pageRequests.allowAction(tabId)) return { ok: false, error: 'too many' };
        await rememberBadgeTab(tabId);
        // A page may start a sign-in only when there is none: replacing an account is the popup's call.
        return (await signIn.start('tab', { unlessSignedIn: true })) ? { ok: true } : { ok: false, error: 'signed in' };
      case 'seerr-status':
        return seerr.status(request.kind, request.tmdbId);
      case 'seerr-request':
        if (!pageRequests.allowAction(tabId)) return { ok: false, reason: 'other' };
        return seerr.request(request.kind, request.tmdbId, request.seasons);
    }
  }

  // The polyfill answers with what the returned promise resolves to.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender): Promise<unknown> | undefined => {
    if (fromExtensionPage(sender)) {
      const request = PopupRequest.safeParse(message);
      if (!request.success) return Promise.resolve({ ok: false, error: 'unknown request' });
      return afterUpgrade(() => handlePopup(request.data)).then(
        (): Reply => ({ ok: true }),
        (error: unknown): Reply => ({ ok: false, error: error instanceof Error ? error.message : 'failed' }),
      );
    }
    if (kindOf(sender) === 'content-script') {
      const request = PageRequest.safeParse(message);
      if (!request.success) return Promise.resolve({ ok: false, error: 'unknown request' });
      return afterUpgrade(() => handlePage(request.data, sender.tab!.id!)).catch(() => ({ state: 'failed', reason: 'other' }));
    }
    return undefined;
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== WATCH_PORT || !port.sender || !fromExtensionPage(port.sender)) return port.disconnect();
    const unwatch = afterUpgrade(() => Promise.resolve(signIn.watch()));
    port.onDisconnect.addListener(() => void unwatch.then((stop) => stop()));
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SERVERS_ALARM) void afterUpgrade(servers.current);
    else void afterUpgrade(() => signIn.onAlarm(alarm.name));
  });
  browser.tabs.onRemoved.addListener((tabId) => void afterUpgrade(() => signIn.onTabRemoved(tabId)));
  browser.tabs.onRemoved.addListener((tabId) => void afterUpgrade(() => pageRequests.forgetTab(tabId)));
  // Without the `tabs` permission the address is there only for hosts the extension may reach.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) void afterUpgrade(() => signIn.onTabUpdated(tabId, change.url!));
  });
  resumeWhenOnline(globalThis, () => afterUpgrade(signIn.resume));

  async function showToolbarBadge(): Promise<void> {
    const { text, title } = toolbarBadgeFor(await readFlow());
    await browser.action.setBadgeText({ text });
    await browser.action.setTitle({ title });
    if (text) await browser.action.setBadgeBackgroundColor({ color: '#e5a00d' });
  }
  flowItem.watch(() => void showToolbarBadge());

  /**
   * A sign-in brings the servers in; a sign-out forgets them and every cached answer. A sign-in
   * that replaced another (a new signedInAt) has had the old account's forgotten already.
   */
  sessionItem.watch((now, before) => {
    if (now?.signedInAt === before?.signedInAt) return;
    // Badges ask again at once; their lookups wait for the servers this refresh brings.
    if (now) void servers.refresh();
    void (now ? Promise.resolve() : Promise.all([servers.clear(), titles.clear()])).then(notifyBadges);
  });

  // Another address, or another account: what Seerr said before no longer holds.
  seerrUrlItem.watch(() => seerr.reset());
  sessionItem.watch((now, before) => {
    if (now?.signedInAt !== before?.signedInAt) void seerr.forgetAccount();
  });
  // Another preferred server: open badges ask again, so "Open in Plex" leads there.
  serverOrderItem.watch(() => void titles.clear().then(notifyBadges));

  void afterUpgrade(showToolbarBadge);
  void afterUpgrade(signIn.resume);
  // Servers are listed again every few hours while signed in, even if no page asks.
  // Created once: re-creating it on every start of the background would keep pushing it back.
  void browser.alarms.get(SERVERS_ALARM).then(async (alarm) => {
    if (!alarm) await browser.alarms.create(SERVERS_ALARM, { periodInMinutes: 6 * 60 });
  });
  void afterUpgrade(readSession).then((session) => session && servers.current());
});
