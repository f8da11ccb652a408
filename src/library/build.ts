import type { PlexContext, Result } from '../plex/http';
import { getSections, listEpisodes, listTitles, type ListedEpisode, type ListPage, type ListRequest, type Section } from '../plex/sections';
import {
  changedAt,
  episodeKeys,
  fileEpisodes,
  MAX_EPISODES_PER_SERVER,
  MAX_TITLES_PER_SERVER,
  mergeTitles,
  sectionOf,
  toIndexedTitle,
  unchanged,
  type IndexedSection,
  type IndexedTitle,
  type ServerIndex,
} from './records';

/** A listed movie runs to a few KB (summary, media, roles): 200 a page, 300 episodes, stay well inside `MAX_BODY_BYTES` (2 MB). */
export const TITLES_PAGE = 200;
export const EPISODES_PAGE = 300;

export interface PassDeps {
  ctx: PlexContext;
  uri: string;
  token: string | undefined;
  now(): number;
  /** Titles read so far of those the pass reads in full. */
  onProgress(done: number, total: number): Promise<void>;
  /** The most titles and episodes kept of the server (default `MAX_TITLES_PER_SERVER`, `MAX_EPISODES_PER_SERVER`). */
  caps?: { titles: number; episodes: number };
}

type Lister<T> = (ctx: PlexContext, uri: string, token: string | undefined, request: ListRequest) => Promise<Result<ListPage<T>>>;

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Stops on `totalSize`, an empty page or only repeats (a server ignoring `start`); unparsed entries count as sent, so junk ends it too. */
async function readAll<T>(
  deps: PassDeps,
  list: Lister<T>,
  request: Omit<ListRequest, 'start' | 'size'>,
  pageSize: number,
  cap: number,
  keyOf: (item: T) => string,
  onPage?: (items: T[]) => Promise<void>,
): Promise<Result<T[]>> {
  const seen = new Set<string>();
  const items: T[] = [];
  let start = 0;
  while (items.length < cap && start < cap * 2) {
    const page = await list(deps.ctx, deps.uri, deps.token, { ...request, start, size: pageSize });
    if (!page.ok) return page;
    const fresh = page.value.items.filter((item) => !seen.has(keyOf(item)) && seen.add(keyOf(item))).slice(0, cap - items.length);
    items.push(...fresh);
    await onPage?.(fresh);
    start += page.value.sent;
    const { sent, totalSize } = page.value;
    if (sent === 0 || (page.value.items.length > 0 && fresh.length === 0) || (totalSize !== undefined && start >= totalSize)) break;
  }
  return ok(items);
}

async function count<T>(deps: PassDeps, list: Lister<T>, section: string): Promise<Result<number>> {
  const page = await list(deps.ctx, deps.uri, deps.token, { section, start: 0, size: 0 });
  return page.ok ? ok(page.value.totalSize ?? 0) : page;
}

const newest = (items: { updatedAt?: number | null; addedAt?: number | null }[], since = 0) =>
  items.reduce((latest, item) => Math.max(latest, changedAt(item)), since);

/** Title listings carry no episodes, so an incremental episode pass files into the seasons kept from before. */
function withSeasonsOf(fresh: IndexedTitle[], before: IndexedTitle[]): IndexedTitle[] {
  const seasons = new Map(before.map((title) => [title.ratingKey, title.seasons]));
  return fresh.map((title) => {
    const kept = seasons.get(title.ratingKey);
    return kept && title.kind === 'show' ? { ...title, seasons: kept } : title;
  });
}

interface Budget {
  titles: number;
  episodes: number;
}

/** Unchanged by the server's marks: no request; changes since (`updatedAt>>=`) merge; new, or `totalSize` shows a removal: full read. */
async function passSection(
  deps: PassDeps,
  section: Section,
  known: IndexedSection | undefined,
  before: IndexedTitle[],
  budget: Budget,
  progress: (items: number) => Promise<void>,
  counted?: number,
): Promise<Result<{ section: IndexedSection; titles: IndexedTitle[] }>> {
  if (known && unchanged(known, section)) return ok({ section: known, titles: before });
  const titleTotal = counted === undefined ? await count(deps, listTitles, section.key) : ok(counted);
  if (!titleTotal.ok) return titleTotal;
  const keyOf = (item: { ratingKey: string }) => item.ratingKey;
  const indexed = (items: Parameters<typeof toIndexedTitle>[0][]) => items.flatMap((item) => toIndexedTitle(item, section.key) ?? []);

  let titles: IndexedTitle[] | undefined;
  let titlesSeen = known?.titlesSeen ?? 0;
  if (known) {
    // `>>` is "after": one second back, so an item changed in the same second as the last one seen is not missed.
    const changed = await readAll(
      deps,
      listTitles,
      { section: section.key, updatedAfter: titlesSeen - 1 },
      TITLES_PAGE,
      budget.titles,
      keyOf,
    );
    if (!changed.ok) return changed;
    const knownKeys = new Set(before.map(keyOf));
    const added = changed.value.filter((item) => !knownKeys.has(item.ratingKey)).length;
    // A merge keeps every title from before: it must stay within the cap too, or a server adding titles grows the index each pass.
    if (titleTotal.value === known.titleTotal + added && before.length + added <= budget.titles) {
      titles = mergeTitles(before, indexed(changed.value));
      titlesSeen = newest(changed.value, titlesSeen);
    }
  }
  if (!titles) {
    const all = await readAll(deps, listTitles, { section: section.key }, TITLES_PAGE, budget.titles, keyOf, (page) =>
      progress(page.length),
    );
    if (!all.ok) return all;
    titles = withSeasonsOf(indexed(all.value), before);
    titlesSeen = newest(all.value);
  }
  budget.titles -= titles.length;

  let episodeTotal = 0;
  let episodesSeen = known?.episodesSeen ?? 0;
  if (section.type === 'show') {
    const total = await count(deps, listEpisodes, section.key);
    if (!total.ok) return total;
    episodeTotal = total.value;
    let filed = false;
    if (known) {
      const request = { section: section.key, updatedAfter: episodesSeen - 1 };
      const changed = await readAll(deps, listEpisodes, request, EPISODES_PAGE, budget.episodes, keyOf);
      if (!changed.ok) return changed;
      const knownKeys = episodeKeys(titles);
      const added = changed.value.filter((episode) => !knownKeys.has(episode.ratingKey)).length;
      if (episodeTotal === known.episodeTotal + added && knownKeys.size + added <= budget.episodes) {
        fileEpisodes(titles, changed.value);
        budget.episodes -= knownKeys.size + added;
        episodesSeen = newest(changed.value, episodesSeen);
        filed = true;
      }
    }
    if (!filed) {
      const all = await readAll<ListedEpisode>(deps, listEpisodes, { section: section.key }, EPISODES_PAGE, budget.episodes, keyOf);
      if (!all.ok) return all;
      titles = titles.map(({ seasons: _, ...title }) => title);
      budget.episodes -= fileEpisodes(titles, all.value);
      episodesSeen = newest(all.value);
    }
  }
  const indexedSection = sectionOf(section, { titlesSeen, episodesSeen, titleTotal: titleTotal.value, episodeTotal });
  return ok({ section: indexedSection, titles });
}

/** Libraries gone from the server leave the index with their titles; one whose `uuid` changed is read anew. */
export async function indexServer(
  deps: PassDeps,
  server: { serverId: string; server: string },
  previous: ServerIndex | null,
): Promise<Result<ServerIndex>> {
  const sections = await getSections(deps.ctx, deps.uri, deps.token);
  if (!sections.ok) return sections;
  const budget: Budget = { ...(deps.caps ?? { titles: MAX_TITLES_PER_SERVER, episodes: MAX_EPISODES_PER_SERVER }) };
  // A library remade under the same key has a new uuid and shares no titles with the old one.
  const knownOf = (section: Section) => previous?.sections.find((k) => k.key === section.key && k.uuid === (section.uuid ?? undefined));
  // New libraries are counted first, so the progress has its whole total from the start; known ones count as done.
  const counts = new Map<string, number>();
  for (const section of sections.value) {
    if (knownOf(section)) continue;
    const size = await count(deps, listTitles, section.key);
    if (!size.ok) return size;
    counts.set(section.key, size.value);
  }
  const known = sections.value.reduce((sum, section) => sum + (knownOf(section)?.titleTotal ?? 0), 0);
  const expected = known + [...counts.values()].reduce((sum, n) => sum + n, 0);
  let done = known;
  await deps.onProgress(done, expected);
  const progress = async (items: number) => {
    done += items;
    await deps.onProgress(done, Math.max(expected, done));
  };
  const outcome: { sections: IndexedSection[]; titles: IndexedTitle[] } = { sections: [], titles: [] };
  for (const section of sections.value) {
    const before = knownOf(section) ? previous!.titles.filter((title) => title.section === section.key) : [];
    const result = await passSection(deps, section, knownOf(section), before, budget, progress, counts.get(section.key));
    if (!result.ok) return result;
    outcome.sections.push(result.value.section);
    outcome.titles.push(...result.value.titles);
  }
  const now = deps.now();
  return ok({
    ...server,
    builtAt: previous?.builtAt ?? now,
    refreshedAt: now,
    sections: outcome.sections,
    titles: outcome.titles,
  });
}
