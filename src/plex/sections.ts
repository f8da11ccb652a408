import * as z from 'zod/mini';
import { plexRequest, type PlexContext, type Result } from './http';
import { clipName } from './schemas';

/** A `GET /library/sections` directory, as LukeHagar/plex-api-spec publishes it in @lukehagar/plexjs `GetAllLibrariesDirectory`. */
const Section = z.object({
  key: z.union([z.string().check(z.regex(/^\d{1,12}$/)), z.pipe(z.number(), z.transform(String))]),
  type: z.string(),
  title: z.pipe(z.string(), z.transform(clipName)),
  uuid: z.nullish(z.string().check(z.maxLength(100))),
  updatedAt: z.nullish(z.number()),
  // Can be a huge number on some servers (plexjs notes it), so it is only compared, never read as a time.
  contentChangedAt: z.nullish(z.number()),
});
export type Section = z.infer<typeof Section>;

/** Each directory is parsed on its own: one odd entry drops only itself. */
const SectionList = z.object({
  MediaContainer: z.object({ Directory: z.optional(z.array(z.unknown())) }),
});

/** The most libraries of one server the index reads; a home server has a handful. */
export const MAX_SECTIONS = 50;

export async function getSections(ctx: PlexContext, uri: string, token: string | undefined): Promise<Result<Section[]>> {
  const result = await plexRequest(ctx, { base: uri, path: '/library/sections', token, schema: SectionList });
  if (!result.ok) return result;
  const sections: Section[] = [];
  for (const entry of result.value.MediaContainer.Directory ?? []) {
    const parsed = Section.safeParse(entry);
    if (parsed.success && (parsed.data.type === 'movie' || parsed.data.type === 'show')) sections.push(parsed.data);
    if (sections.length >= MAX_SECTIONS) break;
  }
  return { ok: true, value: sections };
}

const RatingKey = z.union([z.string().check(z.regex(/^\d{1,20}$/)), z.pipe(z.number(), z.transform(String))]);
const Index = z.nullish(z.union([z.number(), z.pipe(z.string().check(z.regex(/^\d{1,6}$/)), z.transform(Number))]));
/** A legacy guid with its query is well under this; longer is not an id anyone looks up. */
const Guid = z.string().check(z.maxLength(300));
/** New-agent items list three or four ids; more are dropped. */
const MAX_GUIDS = 8;

/** A `/library/sections/{key}/all?includeGuids=1` entry as python-plexapi `LibrarySection.all` reads it; times are server-clock seconds. */
const ListedTitle = z.object({
  ratingKey: RatingKey,
  // `plex://movie/<hex>`, or a legacy agent's `com.plexapp.agents.imdb://tt…?lang=en`.
  guid: z.nullish(Guid),
  type: z.string(),
  title: z.pipe(z.string(), z.transform(clipName)),
  year: z.nullish(z.number()),
  updatedAt: z.nullish(z.number()),
  addedAt: z.nullish(z.number()),
  Guid: z.nullish(
    z.pipe(
      z.array(z.object({ id: Guid })),
      z.transform((ids) => ids.slice(0, MAX_GUIDS)),
    ),
  ),
});
export type ListedTitle = z.infer<typeof ListedTitle>;

/** An episode of a `type=4` listing, as python-plexapi's `Episode` reads it and Seerr's `getRecentlyAdded(…, 'show')` lists it. */
const ListedEpisode = z.object({
  ratingKey: RatingKey,
  grandparentRatingKey: RatingKey,
  parentRatingKey: z.optional(RatingKey),
  parentIndex: Index,
  index: Index,
  updatedAt: z.nullish(z.number()),
  addedAt: z.nullish(z.number()),
});
export type ListedEpisode = z.infer<typeof ListedEpisode>;

const Page = z.object({
  MediaContainer: z.object({
    Metadata: z.optional(z.array(z.unknown())),
    totalSize: z.nullish(z.number()),
    offset: z.nullish(z.number()),
    size: z.nullish(z.number()),
  }),
});

export interface ListPage<T> {
  items: T[];
  /** Entries the server sent, good or not: paging moves on by this many. */
  sent: number;
  totalSize: number | undefined;
}

export interface ListRequest {
  section: string;
  start: number;
  /** 0 asks only for `totalSize`, as python-plexapi's `LibrarySection.totalViewSize` does. */
  size: number;
  /** Server-clock seconds: only items updated after it (`updatedAt>>=`). */
  updatedAfter?: number;
}

async function listPage<T>(
  ctx: PlexContext,
  uri: string,
  token: string | undefined,
  request: ListRequest,
  query: Record<string, string>,
  schema: z.ZodMiniType<T>,
): Promise<Result<ListPage<T>>> {
  // Sent as `updatedAt>>=`, Plex's "after" filter, as python-plexapi's partial scans write it (Seerr's `getRecentlyAdded`: `addedAt>>=`).
  if (request.updatedAfter !== undefined) query['updatedAt>>'] = String(request.updatedAfter);
  const result = await plexRequest(ctx, {
    base: uri,
    path: `/library/sections/${encodeURIComponent(request.section)}/all`,
    query,
    token,
    headers: { 'X-Plex-Container-Start': String(request.start), 'X-Plex-Container-Size': String(request.size) },
    schema: Page,
  });
  if (!result.ok) return result;
  const { Metadata: entries = [], totalSize } = result.value.MediaContainer;
  const items = entries.flatMap((entry) => {
    const parsed = schema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
  return { ok: true, value: { items, sent: entries.length, totalSize: totalSize ?? undefined } };
}

export function listTitles(ctx: PlexContext, uri: string, token: string | undefined, request: ListRequest) {
  return listPage(ctx, uri, token, request, { includeGuids: '1' }, ListedTitle);
}

/** One page of a show section's episodes (`type=4`), paged and filtered as `listTitles`. */
export function listEpisodes(ctx: PlexContext, uri: string, token: string | undefined, request: ListRequest) {
  return listPage(ctx, uri, token, request, { type: '4' }, ListedEpisode);
}
