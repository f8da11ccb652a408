import { browser, type Browser } from 'wxt/browser';
import { PLEX_URLS, PRODUCT } from '@/src/config';
import { createHomeService } from '@/src/home/service';
import { PageRequest, PopupRequest } from '@/src/message-schemas';
import { WATCH_PORT, handle, refusedReply, type Done, type Handlers } from '@/src/messages';
import { browserPlexContext } from '@/src/plex/context';
import { browserSeerrService } from '@/src/seerr/browser';
import { senderKind } from '@/src/senders';
import { createServerService, originPattern } from '@/src/servers/service';
import { toolbarBadgeFor } from '@/src/signin/toolbar-badge';
import { resumeWhenOnline } from '@/src/signin/online';
import { createSignInService } from '@/src/signin/service';
import { flowItem, seerrUrlItem, serverOrderItem, serversItem, sessionItem } from '@/src/storage';
import { upgradeStorage } from '@/src/storage-upgrade';
import { createLibraryIndex } from '@/src/library/service';
import { indexedDbStore } from '@/src/library/store';
import { createMarkRequests } from '@/src/titles/marks';
import { createPageRequests } from '@/src/titles/page-requests';
import { createTitleService } from '@/src/titles/service';
import { notifyBadges, rememberBadgeTab } from '@/src/titles/tabs';

const SERVERS_ALARM = 'servers-refresh';
const LIBRARY_ALARM = 'library-refresh';

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
      await Promise.all([servers.clear(), titles.clear(), library.clear(), home.signOut()]);
    },
  });
  /** A Plex service refused the token in use: the account's, or the Home profile's. */
  const onUnauthorized = async () => {
    await signIn.checkSession();
    await home.checkProfile();
  };
  const servers = createServerService({
    urls: PLEX_URLS,
    plex,
    now: Date.now,
    canReach: (uri) => browser.permissions.contains({ origins: [originPattern(uri)] }).catch(() => false),
    onUnauthorized,
  });
  const home = createHomeService({
    urls: PLEX_URLS,
    plex,
    now: Date.now,
    onUnauthorized: signIn.checkSession,
    // Another profile's servers and watchlist: nothing of the one before may answer for it.
    onProfileChanged: async () => {
      await Promise.all([servers.clear(), titles.clear(), library.clear()]);
      await notifyBadges();
      await servers.current();
      await library.ensure();
    },
  });
  /** The library index; `library.reader` answers where a title is from local data alone. */
  const library = createLibraryIndex({ plex, now: Date.now, servers, store: indexedDbStore(), onChanged: () => void notifyBadges() });
  const titles = createTitleService({
    urls: PLEX_URLS,
    plex,
    now: Date.now,
    servers,
    index: library,
    onUnauthorized,
    serverOrder: () => serverOrderItem.getValue(),
  });
  const seerr = browserSeerrService();
  const pageRequests = createPageRequests({ titles, now: Date.now, setTimeout: (callback, ms) => void setTimeout(callback, ms) });
  const markRequests = createMarkRequests({
    index: () => library.reader,
    now: Date.now,
    setTimeout: (callback, ms) => void setTimeout(callback, ms),
  });

  const kindOf = (sender: Browser.runtime.MessageSender) => senderKind(sender, browser.runtime.id, browser.runtime.getURL('/'));
  /** Only the extension's own pages may drive the sign-in; content scripts and web pages may not. */
  const fromExtensionPage = (sender: Browser.runtime.MessageSender) => kindOf(sender) === 'extension-page';

  const done: Done = { ok: true };

  const popupHandlers: Handlers<'popup', void> = {
    'sign-in': async ({ mode }) => {
      await signIn.start(mode);
      return done;
    },
    'open-approval': () => signIn.openApproval().then(() => done),
    cancel: () => signIn.cancel().then(() => done),
    // The account, not only the profile: the profile's token is revoked and forgotten too.
    'sign-out': () => Promise.all([home.signOut(), signIn.signOut()]).then(() => done),
    'check-session': async () => {
      await signIn.checkSession();
      await home.refresh();
      // Opening the popup is a good moment to notice new servers, if the list is old.
      await servers.current();
      // One request per server when nothing changed.
      void library.refresh();
      // The watchlist may have changed on another device.
      await titles.forgetWatchlist();
      return done;
    },
    'refresh-servers': () => servers.refresh().then(() => done),
    'refresh-index': () => library.refresh().then(() => done),
    'seerr-check': () => seerr.check().then(() => done),
    'allow-plain-http': async ({ machineId, allowed }) => {
      await servers.setPlainHttp(machineId, allowed);
      // How a server is reached changed: answers given before no longer hold, and open badges ask again.
      await titles.clear();
      await notifyBadges();
      return done;
    },
    'switch-profile': async ({ uuid, pin }) => {
      const failure = await home.switchTo(uuid, pin);
      return failure ? { ok: false, reason: failure } : done;
    },
  };

  const pageHandlers: Handlers<'page', number> = {
    lookup: async ({ title }, tabId) => {
      await rememberBadgeTab(tabId);
      return pageRequests.lookup(tabId, title);
    },
    watchlist: ({ ratingKey, on }, tabId) => pageRequests.setWatchlist(tabId, ratingKey, on),
    marks: async ({ titles: refs }, tabId) => {
      // List pages hear of a sign-in or sign-out as badges do, and mark again.
      await rememberBadgeTab(tabId);
      return markRequests.marks(tabId, refs);
    },
    'open-sign-in': async (_, tabId) => {
      if (!pageRequests.allowAction(tabId)) return { ok: false, error: 'too many' };
      await rememberBadgeTab(tabId);
      // A page may start a sign-in only when there is none: replacing an account is the popup's call.
      return (await signIn.start('tab', { unlessSignedIn: true })) ? done : { ok: false, error: 'signed in' };
    },
    'seerr-status': async ({ kind, tmdbId }, tabId) => {
      const reply = await seerr.status(kind, tmdbId);
      if (reply.ok) await pageRequests.seerrShown(tabId, kind, tmdbId);
      return reply;
    },
    // Only a title whose state the tab's badge was told, as for the watchlist: with an API key the request is the owner's.
    'seerr-request': async ({ kind, tmdbId, seasons }, tabId) =>
      (await pageRequests.mayRequest(tabId, kind, tmdbId)) ? seerr.request(kind, tmdbId, seasons) : { ok: false, reason: 'other' },
  };

  function answer(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
    if (fromExtensionPage(sender)) {
      const request = PopupRequest.safeParse(message);
      if (!request.success) return Promise.resolve(refusedReply(message));
      return afterUpgrade(() => handle(popupHandlers, request.data, undefined));
    }
    if (kindOf(sender) === 'content-script') {
      const request = PageRequest.safeParse(message);
      if (!request.success) return Promise.resolve(refusedReply(message));
      return afterUpgrade(() => handle(pageHandlers, request.data, sender.tab!.id!));
    }
    return undefined;
  }

  // webextension-polyfill sends what the returned promise resolves to as the reply (wxt/browser types it as void).
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender) => answer(message, sender));

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== WATCH_PORT || !port.sender || !fromExtensionPage(port.sender)) return port.disconnect();
    const unwatch = afterUpgrade(() => Promise.resolve(signIn.watch()));
    port.onDisconnect.addListener(() => void unwatch.then((stop) => stop()));
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SERVERS_ALARM) void afterUpgrade(servers.current);
    else if (alarm.name === LIBRARY_ALARM) void afterUpgrade(library.refresh);
    else void afterUpgrade(() => signIn.onAlarm(alarm.name));
  });
  browser.tabs.onRemoved.addListener((tabId) => void afterUpgrade(() => signIn.onTabRemoved(tabId)));
  browser.tabs.onRemoved.addListener((tabId) => void afterUpgrade(() => pageRequests.forgetTab(tabId)));
  browser.tabs.onRemoved.addListener((tabId) => markRequests.forgetTab(tabId));
  // Without the `tabs` permission the address is there only for hosts the extension may reach.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) void afterUpgrade(() => signIn.onTabUpdated(tabId, change.url!));
  });
  resumeWhenOnline(globalThis, () => afterUpgrade(signIn.resume));

  async function showToolbarBadge(): Promise<void> {
    const { text, title } = toolbarBadgeFor(await flowItem.getValue());
    await browser.action.setBadgeText({ text });
    await browser.action.setTitle({ title });
    if (text) await browser.action.setBadgeBackgroundColor({ color: '#e5a00d' });
  }
  flowItem.watch(() => void showToolbarBadge());

  /** A sign-in that replaced another (a new signedInAt) has had the old account's data forgotten already. */
  sessionItem.watch((now, before) => {
    if (now?.signedInAt === before?.signedInAt) return;
    // Badges ask again at once; their lookups wait for the servers this refresh brings.
    if (now) void servers.refresh().then(home.refresh).then(library.ensure);
    // Signed out or the session ended: no profile's token may outlive the account's.
    else void home.signOut();
    void (now ? Promise.resolve() : Promise.all([servers.clear(), titles.clear(), library.clear()])).then(notifyBadges);
  });
  // A server that appears gets its index; one that leaves loses it.
  serversItem.watch((now, before) => {
    const ids = (list: typeof now) => JSON.stringify(list?.servers.map((server) => server.machineId).sort() ?? []);
    if (ids(now) !== ids(before) && now?.servers.length) void afterUpgrade(library.ensure);
  });
  // Another address: what Seerr said before no longer holds. Another account: its session there ends.
  seerrUrlItem.watch(() => seerr.reset());
  sessionItem.watch((now, before) => {
    if (now?.signedInAt !== before?.signedInAt) void seerr.forgetAccount();
  });
  // Another preferred server: open badges ask again, so "Open in Plex" leads there.
  serverOrderItem.watch(() => void titles.clear().then(notifyBadges));

  void afterUpgrade(showToolbarBadge);
  void afterUpgrade(signIn.resume);
  // Created once: re-creating it on every start of the background would keep pushing it back.
  void browser.alarms.get(SERVERS_ALARM).then(async (alarm) => {
    if (!alarm) await browser.alarms.create(SERVERS_ALARM, { periodInMinutes: 6 * 60 });
  });
  // The index is brought up to date every few hours (an incremental pass; nothing to read when nothing changed).
  void browser.alarms.get(LIBRARY_ALARM).then(async (alarm) => {
    if (!alarm) await browser.alarms.create(LIBRARY_ALARM, { periodInMinutes: 3 * 60 });
  });
  void afterUpgrade(() => sessionItem.getValue()).then((session) => session && servers.current().then(library.ensure));
});
