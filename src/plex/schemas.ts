import * as z from 'zod/mini';

/** Only used fields are read, so fields Plex adds or retypes (like `location.postal_code`) never fail a valid answer. */
export const Pin = z.object({
  id: z.number(),
  code: z.string().check(z.minLength(1)),
  /** Seconds left. Trusted over `expiresAt`, because the local clock may be off. */
  expiresIn: z.number(),
  authToken: z.nullish(z.string()),
});
export type Pin = z.infer<typeof Pin>;

const optionalText = z.nullish(z.string());

export const Account = z.object({
  id: z.number(),
  username: z.string(),
  title: optionalText,
  friendlyName: optionalText,
  email: optionalText,
  thumb: optionalText,
  subscription: z.nullish(
    z.object({
      active: z.nullish(z.boolean()),
      status: optionalText,
      plan: optionalText,
    }),
  ),
});
export type Account = z.infer<typeof Account>;

/** Plex's error body: `{"errors":[{"code":1020,"message":"…","status":404}]}`. */
export const ErrorBody = z.object({
  errors: z.array(z.object({ code: z.optional(z.number()), message: z.optional(z.string()) })),
});

/** Plex's ratingKey is a string in JSON, but a number would mean the same item: accept both. */
const RatingKey = z.pipe(
  z.union([z.string().check(z.minLength(1)), z.number()]),
  z.transform((value) => String(value)),
);

/** The `uri` is checked by `parseServerAddress`, not here, so one bad address drops only itself. */
export const Connection = z.object({
  uri: z.string(),
  // Optional in python-plexapi's `ResourceConnection`; required here as it decides whether a shared server's address is tried.
  local: z.boolean(),
  relay: z.nullish(z.boolean()),
});
export type Connection = z.infer<typeof Connection>;

/** Lenient because players come with `null` where servers have strings (a Roku's `accessToken`, Kha-kis/arr-dashboard #631). */
export const Device = z.object({
  name: z.string(),
  clientIdentifier: z.string().check(z.minLength(1), z.maxLength(200)),
  provides: z.string(),
  owned: z.nullish(z.boolean()),
  sourceTitle: optionalText,
  accessToken: optionalText,
  connections: z.nullish(z.array(z.unknown())),
  home: z.nullish(z.boolean()),
  publicAddressMatches: z.nullish(z.boolean()),
  httpsRequired: z.nullish(z.boolean()),
});
export type Device = z.infer<typeof Device>;

/** The list itself must be an array; what is in it is looked at entry by entry. */
export const Resources = z.array(z.unknown());

/** What plex.tv says a device provides, read without trusting the rest of the entry. */
export const Provides = z.object({ provides: z.string() });

/** The most characters of a name (server, library, title, account) the extension keeps and shows. */
export const MAX_NAME_LENGTH = 200;

/** A name cut to `MAX_NAME_LENGTH` characters (whole code points), with an ellipsis when cut. */
export function clipName(name: string): string {
  const chars = Array.from(name);
  return chars.length <= MAX_NAME_LENGTH ? name : `${chars.slice(0, MAX_NAME_LENGTH - 1).join('')}…`;
}

const ShownName = z.pipe(z.string(), z.transform(clipName));

export const MAX_SERVER_ITEMS = 50;

function firstOf<T extends z.ZodMiniType>(item: T, max: number) {
  return z.pipe(
    z.array(item),
    z.transform((items) => items.slice(0, max)),
  );
}

/** `GET {server}/identity`: needs no token, names the server it reached. */
export const ServerIdentity = z.object({
  MediaContainer: z.object({ machineIdentifier: z.string() }),
});

/** Position of a season in its show, or of an episode in its season; read as a number whichever way it comes. */
const Index = z.nullish(z.union([z.number(), z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number))]));

const Metadata = z.object({
  // Missing from some of the metadata provider's answers; the key is then the guid's last segment.
  ratingKey: z.optional(RatingKey),
  guid: z.string(),
  type: z.string(),
  title: ShownName,
  year: z.nullish(z.number()),
  librarySectionTitle: z.nullish(ShownName),
  index: Index,
  parentIndex: Index,
  // External ids, sent only for `includeGuids=1`; legacy-agent items have none and carry their id in `guid`.
  Guid: z.nullish(z.array(z.object({ id: z.string() }))),
});
export type Metadata = z.infer<typeof Metadata>;

/** Plex leaves `Metadata` out of an empty container rather than sending `[]`. */
export const MetadataList = z.object({
  MediaContainer: z.object({
    Metadata: z.optional(firstOf(Metadata, MAX_SERVER_ITEMS)),
    // A server's children lists name their library here, not on each item.
    librarySectionTitle: z.nullish(ShownName),
    totalSize: z.nullish(z.number()),
  }),
});

/** The most seasons or episodes kept from one list of a show's parts (long soaps run to thousands). */
export const MAX_SHOW_ITEMS = 2000;

/** A show's seasons or episodes: one answer may hold more than a title lookup's 50 items. */
export const ShowItemList = z.object({
  MediaContainer: z.object({
    Metadata: z.optional(firstOf(Metadata, MAX_SHOW_ITEMS)),
    librarySectionTitle: z.nullish(ShownName),
    totalSize: z.nullish(z.number()),
  }),
});

const UserStateItem = z.object({ watchlistedAt: z.nullish(z.number()) });

/** `UserState` has been seen both as one object and as a list of one. */
export const UserState = z.object({
  MediaContainer: z.object({ UserState: z.optional(z.union([z.array(UserStateItem), UserStateItem])) }),
});
