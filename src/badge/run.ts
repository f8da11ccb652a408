import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from '../i18n';
import type { PageRequest } from '../messages';
import type { TitleKind } from '../plex/titles';
import { titleFromUrl, titleKey } from '../titles/ids';
import { SESSION_CHANGED, type Lookup, type WatchlistReply } from '../titles/lookup';
import { createBadgeHost } from './mount';
import { renderBadge, type BadgeActions, type BadgeModel } from './view';
import { FAILURE } from './wording';

/** What differs between the sites: where the title is, and what the page says it is. */
export interface Site {
  anchor(): Element | null;
  kindHint?(): TitleKind | undefined;
}

async function ask<T>(request: PageRequest): Promise<T | null> {
  try {
    return ((await browser.runtime.sendMessage(request)) as T | undefined) ?? null;
  } catch {
    // The extension was updated or reloaded under this page: it has no one to ask any more.
    return null;
  }
}

/**
 * The badge on a title page: reads the title from the address, asks the background once, and
 * follows the site's own navigation (these sites change pages without loading them).
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
    host.place(site.anchor());
    if (badge && wasFloating !== host.root.host.hasAttribute('data-floating')) draw();
  }

  async function show(href: string, force = false): Promise<void> {
    const ref = titleFromUrl(href);
    if (!ref) {
      key = null;
      host.remove();
      return;
    }
    if (!force && titleKey(ref) === key) return;
    key = titleKey(ref);
    const mine = ++ticket;
    place();
    if (force && model.kind === 'ready') model = { ...model, alert: undefined };
    else model = { kind: 'loading' };
    draw();
    const hint = ref.source === 'imdb' ? site.kindHint?.() : undefined;
    const title = hint && ref.source === 'imdb' ? { ...ref, kind: hint } : ref;
    const lookup = (await ask<Lookup>({ type: 'lookup', title })) ?? { state: 'failed', reason: 'other' };
    if (mine !== ticket) return;
    model = { kind: 'ready', lookup };
    draw();
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
    retry: () => void show(location.href, true),
  };

  // Sites re-render their headers; put the badge back after its title whenever that happens.
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued || key === null) return;
    queued = true;
    ctx.setTimeout(() => {
      queued = false;
      if (key !== null) place();
    }, 100);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });

  const onMessage = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id) return;
    if ((message as { type?: unknown } | null)?.type === SESSION_CHANGED) void show(location.href, true);
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    observer.disconnect();
    browser.runtime.onMessage.removeListener(onMessage);
    host.remove();
  });
  ctx.addEventListener(window, 'wxt:locationchange', (event) => void show(event.newUrl.href));
  void show(location.href);
}
