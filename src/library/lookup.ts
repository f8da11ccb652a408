import type { ServerEntry } from '../servers/state';
import { externalGuid, type TitleRef } from '../titles/ids';
import type { IndexedTitle, ServerIndex } from './records';

/** One copy of a title on an indexed server. */
export interface Hit {
  serverId: string;
  server: string;
  library: string;
  title: IndexedTitle;
}

/** A season or episode the page is about, where the index has it. */
export interface PartHit {
  serverId: string;
  server: string;
  library: string;
  ratingKey: string;
}

/** What the index says of a page's title; `skipped` are servers it has no index of and cannot have now. */
export interface IndexAnswer {
  hits: Hit[];
  part?: { kind: 'season' | 'episode'; season: number; episode?: number; on: PartHit[] };
  skipped: ServerEntry[];
  /** How many servers the index answered for. */
  answered: number;
}

interface Question {
  id: string;
  kinds: ('movie' | 'show')[];
  part?: { kind: 'season' | 'episode'; season: number; episode?: number };
}

/** The page's title in the index's terms; null when only Plex's catalogue could say (an IMDb episode without its numbers). */
function questionOf(ref: TitleRef): Question | null {
  if (ref.source === 'imdb' && ref.kind === 'episode') {
    if (!ref.series || ref.season === undefined || ref.episode === undefined) return null;
    return { id: `imdb://${ref.series}`, kinds: ['show'], part: { kind: 'episode', season: ref.season, episode: ref.episode } };
  }
  if (ref.kind !== 'movie' && ref.season !== undefined) {
    const part =
      ref.episode === undefined
        ? { kind: 'season' as const, season: ref.season }
        : { kind: 'episode' as const, season: ref.season, episode: ref.episode };
    return { id: externalGuid(ref), kinds: ['show'], part };
  }
  // IMDb's address does not say movie or show: the page's hint first, then the other kind.
  const kinds: Question['kinds'] = ref.source === 'tmdb' ? [ref.kind] : ref.kind === 'show' ? ['show', 'movie'] : ['movie', 'show'];
  return { id: externalGuid(ref), kinds };
}

/** Keyed by every id a title carries, so a page's id finds its copies without a scan. */
export function lookupTable(records: Iterable<ServerIndex>): Map<string, { record: ServerIndex; title: IndexedTitle }[]> {
  const table = new Map<string, { record: ServerIndex; title: IndexedTitle }[]>();
  for (const record of records) {
    for (const title of record.titles) {
      for (const id of title.ids) {
        const list = table.get(id);
        if (list) list.push({ record, title });
        else table.set(id, [{ record, title }]);
      }
    }
  }
  return table;
}

const unindexable = (server: ServerEntry) => server.status === 'unreachable' || server.status === 'needs-permission';

/** null when the index cannot say: a listed server that could be indexed is not yet (unless `partial`), or the question needs the catalogue. */
export function answerFromIndex(
  ref: TitleRef,
  servers: ServerEntry[] | null,
  records: Map<string, ServerIndex>,
  table: ReturnType<typeof lookupTable>,
  catalogueIds: string[] = [],
  partial = false,
): IndexAnswer | null {
  const question = questionOf(ref);
  if (!question || !servers) return null;
  const skipped: ServerEntry[] = [];
  const names = new Map<string, string>();
  for (const server of servers) {
    if (records.has(server.machineId)) names.set(server.machineId, server.name);
    else if (partial || unindexable(server)) skipped.push(server);
    else return null;
  }
  if (partial && names.size === 0) return null;
  // In the server list's order (owned first, then by name), as the badge lists them.
  const order = [...names.keys()];
  // The catalogue's guid and ids (when it was asked) find items whose `Guid` children the server did not send.
  const wanted = new Set([question.id, ...catalogueIds.map((id) => id.toLowerCase())]);
  const collect = () => {
    // One entry per title, however many of the wanted ids it carries.
    const byTitle = new Map<IndexedTitle, { record: ServerIndex; title: IndexedTitle }>();
    for (const id of wanted) for (const entry of table.get(id) ?? []) byTitle.set(entry.title, entry);
    return [...byTitle.values()].filter(({ record }) => names.has(record.serverId));
  };
  let found = collect();
  const kind = question.kinds.find((k) => found.some(({ title }) => title.kind === k));
  // Another copy may carry other ids only (a legacy TheTVDB copy, its tvdb id): one more round with the ids the copies found carry.
  for (const { title } of found) if (title.kind === kind) title.ids.forEach((id) => wanted.add(id));
  found = collect().sort((a, b) => order.indexOf(a.record.serverId) - order.indexOf(b.record.serverId));
  const hits: Hit[] = found
    .filter(({ title }) => title.kind === kind)
    .map(({ record, title }) => ({
      serverId: record.serverId,
      server: names.get(record.serverId)!,
      library: record.sections.find((section) => section.key === title.section)?.title ?? '',
      title,
    }));
  const { part } = question;
  if (!part) return { hits, skipped, answered: names.size };
  const on = hits.flatMap((hit): PartHit[] => {
    const season = hit.title.seasons?.[part.season];
    const ratingKey = part.episode === undefined ? season?.key : season?.episodes[part.episode];
    return ratingKey ? [{ serverId: hit.serverId, server: hit.server, library: hit.library, ratingKey }] : [];
  });
  return { hits, part: { ...part, on }, skipped, answered: names.size };
}
