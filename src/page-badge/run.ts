import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from '../i18n';
import type { PageRequest } from '../messages';
import { titleKey, type TitleRef } from '../titles/ids';
import { SESSION_CHANGED, type Lookup, type WatchlistReply } from '../titles/types';
import { createBadgeHost } from './mount';
import { renderBadge, type BadgeActions, type BadgeModel } from './view';
import { FAILURE } from './wording';
import { chosenSeasons } from './request-view';
import { seerrTitleOf, type SeerrTitleRef } from './seerr-title';
import { SITES_OFF_KEY, siteIsOff } from './sites';
import type { SeerrReply } from '../seerr/types';

/** What differs between the sites. */
export interface Site {
  /** The title the page at this address is about, or null where no badge belongs. */
  title(href: string): TitleRef | null;
  /**
   * The title as the page on screen describes it, undefined while the page still shows another
   * (a single-page site changes its address before it renders the new page), or null where the
   * page shows it but no badge belongs.
   */
  describe?(ref: TitleRef): TitleRef | null | undefined;
  /** Where the badge goes, best first; the first one on the page wins. */
  anchors: string[];
}

/** An address must stay this long before its title is asked about: a page flicking through many asks once. */
const SETTLE_MS = 300;
/** How long a page may take to show the title of its new address before the address alone is asked about. */
const RENDER_MS = 3000;

async function ask<T>(request: PageRequest): Promise<T | null> {
  try {
    return ((await browser.runtime.sendMessage(request)) as T | undefined) ?? null;
  } catch {
    // The extension was updated or reloaded under this page: it has no one to ask any more.
    return null;
  }
}

/**
 * The badge on a title page: reads the title from the address, waits until the page shows it,
 * asks the background once per title, and follows the site's own navigation (these sites change
 * pages without loading them).
 */
export function runBadge(ctx: ContentScriptContext, site: Site): void {
  const host = createBadgeHost();
  const live = document.createElement('span');
  live.setAttribute('role', 'status');
  live.dataset.testid = 'plex-badge-live';
  live.setAttribute('style', 'position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)');
  host.root.append(live);

  let key: string | null = null;
  let model: BadgeModel = { kind: 'loading' };
  /** Each lookup's number; an answer for an older one (the page moved on) is dropped. */
  let ticket = 0;
  let badge: HTMLElement | null = null;
  /** The title as Seerr knows it (TMDb's kind and id), when the page or Plex's match gave one. */
  let seerrTitle: SeerrTitleRef | null = null;
  /** The person turned the badge off on this site (the options page): no badge, no questions. */
  let off = true;

  function draw(): void {
    const focused = (host.root.activeElement as HTMLElement | null)?.dataset.testid;
    const next = renderBadge(model, host.theme(), actions);
    if (badge) badge.replaceWith(next);
    else host.root.append(next);
    badge = next;
    const status = next.querySelector('[data-testid="plex-badge-status"]')?.textContent ?? '';
    if (live.textContent !== status) live.textContent = status;
    if (focused) next.querySelector<HTMLElement>(`[data-testid="${focused}"]`)?.focus();
  }

  function place(): void {
    const wasFloating = host.root.host.hasAttribute('data-floating');
    // One selector at a time: a comma list would give the first in the document, not the best.
    host.place(site.anchors.map((selector) => document.querySelector(selector)).find(Boolean) ?? null);
    if (badge && wasFloating !== host.root.host.hasAttribute('data-floating')) draw();
  }

  async function show(title: TitleRef, force = false): Promise<void> {
    if (!force && titleKey(title) === key) {
      place();
      return;
    }
    key = titleKey(title);
    seerrTitle = null;
    const mine = ++ticket;
    place();
    if (force && model.kind === 'ready') model = { ...model, alert: undefined };
    else model = { kind: 'loading' };
    draw();
    const lookup = (await ask<Lookup>({ type: 'lookup', title })) ?? { state: 'failed', reason: 'other' };
    if (mine !== ticket) return;
    model = { kind: 'ready', lookup };
    draw();
    seerrTitle = seerrTitleOf(title, lookup);
    if (!seerrTitle) return;
    const reply = await ask<SeerrReply>({ type: 'seerr-status', ...seerrTitle });
    if (mine !== ticket || model.kind !== 'ready' || !reply) return;
    model = { ...model, request: { reply } };
    draw();
  }

  /** The address being watched, since when, and the title last asked about on it. */
  let href = '';
  let since = 0;
  let asked: TitleRef | null = null;
  let timer: number | undefined;
  const later = (ms: number) => {
    clearTimeout(timer);
    timer = ctx.setTimeout(settle, Math.max(0, ms));
  };

  /** Called whenever the page or its address may have changed. */
  function settle(): void {
    if (off) return host.remove();
    if (location.href !== href) {
      // The address the page was loaded with has rendered already; a later one may not have.
      since = href ? Date.now() : 0;
      href = location.href;
      asked = null;
    }
    const age = Date.now() - since;
    if (age < SETTLE_MS) return later(SETTLE_MS - age);
    // Asked already on this address: the page only re-rendered, so put the badge back in place.
    if (asked) return void show(asked);
    const ref = site.title(href);
    if (!ref) {
      host.remove();
      return;
    }
    const described = site.describe ? site.describe(ref) : ref;
    if (described === null) {
      host.remove();
      return;
    }
    if (!described && age < SETTLE_MS + RENDER_MS) return later(SETTLE_MS + RENDER_MS - age);
    asked = described ?? ref;
    void show(asked);
  }

  const actions: BadgeActions = {
    signIn() {
      if (model.kind !== 'ready') return;
      model = { ...model, signingIn: true };
      draw();
      void ask({ type: 'open-sign-in' });
    },
    async setWatchlist(on) {
      if (model.kind !== 'ready' || model.lookup.state !== 'found' || model.watchlistBusy) return;
      const { lookup } = model;
      const mine = ticket;
      model = { kind: 'ready', lookup, watchlistBusy: true };
      draw();
      const reply = await ask<WatchlistReply>({ type: 'watchlist', ratingKey: lookup.title.ratingKey, on });
      if (mine !== ticket) return;
      model = reply?.ok
        ? { kind: 'ready', lookup: { ...lookup, watchlisted: reply.watchlisted } }
        : { kind: 'ready', lookup, alert: t('watchlistUnchanged', t(FAILURE[reply ? reply.reason : 'other'])) };
      draw();
    },
    retry: () => void (asked && show(asked, true)),
    request: () => void requestTitle(),
  };

  /** Sends the badge's one request; clicks while it is out do nothing (the background also asks only once). */
  async function requestTitle(): Promise<void> {
    if (model.kind !== 'ready' || !seerrTitle || model.request?.busy) return;
    const mine = ticket;
    const seasons = seerrTitle.kind === 'tv' && badge ? chosenSeasons(badge) : undefined;
    if (seasons?.length === 0) return;
    model = { ...model, request: { reply: model.request?.reply ?? { ok: true, state: 'none' }, busy: true } };
    draw();
    const reply = (await ask<SeerrReply>({ type: 'seerr-request', ...seerrTitle, ...(seasons && { seasons }) })) ?? {
      ok: false,
      reason: 'other',
    };
    if (mine !== ticket || model.kind !== 'ready') return;
    model = { ...model, request: { reply, afterRequest: true } };
    draw();
  }

  // Sites re-render their headers and change pages in place; look again whenever that happens.
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    ctx.setTimeout(() => {
      queued = false;
      settle();
    }, 100);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });

  const onMessage = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id) return;
    if ((message as { type?: unknown } | null)?.type === SESSION_CHANGED && asked) void show(asked, true);
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    observer.disconnect();
    browser.runtime.onMessage.removeListener(onMessage);
    host.remove();
  });
  ctx.addEventListener(window, 'wxt:locationchange', settle);
  const onStorage = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && SITES_OFF_KEY in changes) void follow();
  };
  /** Shows the badge, or takes it away, as the site's switch in the options page says. */
  async function follow(): Promise<void> {
    off = await siteIsOff(location.hostname);
    if (off) {
      key = null;
      asked = null;
      href = '';
    }
    settle();
  }
  browser.storage.onChanged.addListener(onStorage);
  ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorage));
  void follow();
}
