import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendFromPage } from '../messages';
import type { TitleRef } from '../titles/ids';
import { onPageChange, onSessionChanged } from '../page-badge/mount';
import { followSiteSwitch } from '../page-badge/sites';
import { createBatches } from './batches';
import { createMark, isMark } from './mark';

/** What differs between the sites' list pages. */
export interface ListSite {
  /** Whether the page at this address is a list, chart, grid or search result page. */
  lists(href: string): boolean;
  /** One title row or poster. */
  items: string;
  /** A `{ page }` where the site's grids name only its own slug: that page's links name the title (see `fromPage`). */
  title(item: Element): TitleRef | { page: string } | null;
  /** The title a fetched page of this site (at `page`) names, from its HTML (see createPageReader). */
  fromPage?(html: string, page: string): TitleRef | null;
  /** Where in the item the mark goes: over the poster when that is positioned, else after it. */
  slot(item: Element): Element | null;
}

/** Items looked at this far outside the window (a carousel's next ones too), so a mark is there by the time the item scrolls in. */
const MARGIN = '300px';

interface Marked {
  servers: string[];
  host: HTMLElement | null;
}

/** Items near the window only, batched, answered from the library index: a long list costs no Plex request per item. */
export function runMarks(
  ctx: ContentScriptContext,
  site: ListSite,
  /** Passed, not imported, so only the sites that need page reads bundle page-reader.ts. */
  readerFor?: (site: ListSite) => (page: string) => Promise<TitleRef | null>,
): void {
  // A refusal or failure ({ ok: false }) is no answer, so it is not kept as one (see batches.ts).
  const batches = createBatches((titles) => sendFromPage({ type: 'marks', titles }).then((reply) => (Array.isArray(reply) ? reply : null)));
  let seen = new WeakSet<Element>();
  // Off until the options page's switch for this site has been read.
  let off = true;
  const marked = new Map<Element, Marked>();
  const fromPage = readerFor?.(site);

  /** Whether slots of each class are positioned, read once per page: each read makes the browser work out the page's styles. */
  const positions = new Map<string, boolean>();
  function positioned(slot: Element): boolean {
    let known = positions.get(slot.className);
    if (known === undefined) positions.set(slot.className, (known = getComputedStyle(slot).position !== 'static'));
    return known;
  }

  /** Marks to put in place, all at once: every slot's style is read before any mark is written, so the page lays out once. */
  let toMount: [Element, Marked][] = [];
  function mountAll(): void {
    // An item queued twice (a scan and its answer in the same turn) is placed once.
    const now = new Map(toMount);
    toMount = [];
    const placed = [...now]
      .map(([item, entry]) => [site.slot(item) ?? item, entry] as const)
      .filter(([slot, entry]) => !(entry.host?.isConnected && entry.host.parentElement === slot))
      // Over the poster only where the site positions it; anywhere else the mark follows the title inline.
      .map(([slot, entry]) => [slot, entry, positioned(slot)] as const);
    for (const [slot, entry, overlay] of placed) {
      entry.host?.remove();
      entry.host = createMark(entry.servers, overlay);
      slot.append(entry.host);
    }
  }
  function mount(item: Element, entry: Marked): void {
    if (!toMount.length) queueMicrotask(mountAll);
    toMount.push([item, entry]);
  }

  // A page read or an answer still out when the site is switched off places no mark and sends no message.
  function want(item: Element, ref: TitleRef): void {
    if (!off)
      batches.ask(ref, (servers) => {
        if (off || !servers?.length || !item.isConnected) return;
        const entry: Marked = { servers, host: null };
        marked.set(item, entry);
        mount(item, entry);
      });
  }

  const observer = new IntersectionObserver(
    (entries) => {
      for (const { target, isIntersecting } of entries) {
        if (!isIntersecting) continue;
        observer.unobserve(target);
        const title = site.title(target);
        if (title && 'page' in title) void fromPage?.(title.page).then((ref) => ref && want(target, ref));
        else if (title) want(target, title);
      }
    },
    { rootMargin: MARGIN },
  );

  /** New items are watched for coming into view; marked items the site re-rendered get their mark back. */
  function scan(): void {
    for (const [item, entry] of marked) {
      if (!item.isConnected) marked.delete(item);
      else mount(item, entry);
    }
    if (off || !site.lists(location.href)) return;
    for (const item of document.querySelectorAll(site.items)) {
      if (seen.has(item)) continue;
      seen.add(item);
      observer.observe(item);
    }
  }

  // The marks' own insertions are not the site's changes; a mark taken out (by the site or by a re-mount) is looked at again.
  onPageChange(
    ctx,
    scan,
    (record) => record.removedNodes.length === 0 && [...record.addedNodes].every((node) => node instanceof Element && isMark(node)),
  );

  /** Signed in or out, or the site switched on or off: every mark may be wrong now; look at every item again. */
  function reset(): void {
    batches.clear();
    for (const entry of marked.values()) entry.host?.remove();
    marked.clear();
    observer.disconnect();
    seen = new WeakSet();
    scan();
  }
  onSessionChanged(ctx, reset);
  followSiteSwitch(ctx, (isOff) => {
    off = isOff;
    reset();
  });
  ctx.onInvalidated(() => {
    observer.disconnect();
    for (const entry of marked.values()) entry.host?.remove();
  });
  ctx.addEventListener(window, 'wxt:locationchange', scan);
}
