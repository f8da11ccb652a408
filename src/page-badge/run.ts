import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendFromPage } from '../messages';
import { titleKey, type TitleRef } from '../titles/ids';
import { rerenderKeepingFocus } from '../ui/dom';
import { createPageUi, onPageChange, onSessionChanged, themeAround } from './mount';
import { chosenSeasons } from './request-view';
import { seerrTitleOf, type SeerrTitleRef } from './seerr-title';
import { followSiteSwitch } from './sites';
import BADGE_CSS from './style.css?inline';
import { badgeStatus, renderBadge, type BadgeActions, type BadgeModel } from './view';
import { watchlistUnchangedText } from './wording';

/** What differs between the sites. */
export interface Site {
  /** The title the page at this address is about, or null where no badge belongs. */
  title(href: string): TitleRef | null;
  /** undefined while the old page still shows (single-page sites change the address first); null where no badge belongs. */
  describe?(ref: TitleRef): TitleRef | null | undefined;
  /** Where the badge goes, best first; the first one on the page wins. */
  anchors: string[];
}

/** An address must stay this long before its title is asked about: a page flicking through many asks once. */
const SETTLE_MS = 300;
/** How long a page may take to show the title of its new address before the address alone is asked about. */
const RENDER_MS = 3000;

/** Waits until the page shows the address's title, then asks once per title; these sites change pages without loading them. */
export function runBadge(ctx: ContentScriptContext, site: Site): void {
  const ui = createPageUi(ctx, {
    name: 'sidekick-plex-badge',
    css: BADGE_CSS,
    // One selector at a time: a comma list would give the first in the document, not the best.
    anchor: () => site.anchors.map((selector) => document.querySelector(selector)).find(Boolean) ?? null,
    floating: true,
  });
  const live = document.createElement('span');
  live.setAttribute('role', 'status');
  live.dataset.testid = 'plex-badge-live';
  live.setAttribute('style', 'position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)');
  ui.shadow.append(live);

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
    rerenderKeepingFocus(ui.shadow, ui.shadow, () => {
      const next = renderBadge(model, themeAround(ui.shadowHost), actions);
      if (badge) badge.replaceWith(next);
      else ui.shadow.append(next);
      badge = next;
      const status = badgeStatus(model);
      if (live.textContent !== status) live.textContent = status;
      return next;
    });
  }

  function place(): void {
    const wasFloating = ui.shadowHost.hasAttribute('data-floating');
    ui.mount();
    if (badge && wasFloating !== ui.shadowHost.hasAttribute('data-floating')) draw();
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
    const lookup = await sendFromPage({ type: 'lookup', title });
    if (mine !== ticket) return;
    model = { kind: 'ready', lookup };
    draw();
    seerrTitle = seerrTitleOf(title, lookup);
    if (!seerrTitle) return;
    const reply = await sendFromPage({ type: 'seerr-status', ...seerrTitle });
    if (mine !== ticket || model.kind !== 'ready') return;
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
    if (off) return ui.remove();
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
      ui.remove();
      return;
    }
    const described = site.describe ? site.describe(ref) : ref;
    if (described === null) {
      ui.remove();
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
      void sendFromPage({ type: 'open-sign-in' });
    },
    async setWatchlist(on) {
      if (model.kind !== 'ready' || model.lookup.state !== 'found' || model.watchlistBusy) return;
      const { lookup } = model;
      const mine = ticket;
      model = { kind: 'ready', lookup, watchlistBusy: true };
      draw();
      const reply = await sendFromPage({ type: 'watchlist', ratingKey: lookup.title.ratingKey, on });
      if (mine !== ticket) return;
      model = reply.ok
        ? { kind: 'ready', lookup: { ...lookup, watchlisted: reply.watchlisted } }
        : { kind: 'ready', lookup, alert: watchlistUnchangedText(reply.reason) };
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
    const reply = await sendFromPage({ type: 'seerr-request', ...seerrTitle, ...(seasons && { seasons }) });
    if (mine !== ticket || model.kind !== 'ready') return;
    model = { ...model, request: { reply, afterRequest: true } };
    draw();
  }

  onPageChange(ctx, settle);

  onSessionChanged(ctx, () => void (asked && show(asked, true)));
  ctx.addEventListener(window, 'wxt:locationchange', settle);
  followSiteSwitch(ctx, (isOff) => {
    off = isOff;
    if (off) {
      key = null;
      asked = null;
      href = '';
    }
    settle();
  });
}
