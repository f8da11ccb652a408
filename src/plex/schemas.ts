import * as z from 'zod/mini';

/**
 * Only the fields the extension uses are required; everything else Plex sends is dropped, so
 * fields Plex adds (or types it changes, like `location.postal_code`) never fail a valid answer.
 */
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

const Connection = z.object({
  protocol: z.string(),
  uri: z.string().check(z.minLength(1)),
  local: z.boolean(),
  relay: z.nullish(z.boolean()),
});
export type Connection = z.infer<typeof Connection>;

/** One device of plex.tv's resources; only those whose `provides` names `server` are kept. */
export const Device = z.object({
  name: z.string(),
  clientIdentifier: z.string().check(z.minLength(1)),
  provides: z.string(),
  owned: z.nullish(z.boolean()),
  sourceTitle: optionalText,
  accessToken: optionalText,
  connections: z.nullish(z.array(Connection)),
  home: z.nullish(z.boolean()),
  publicAddressMatches: z.nullish(z.boolean()),
  httpsRequired: z.nullish(z.boolean()),
});
export type Device = z.infer<typeof Device>;

export const Resources = z.array(Device);

/** `GET {server}/identity`: needs no token, names the server it reached. */
export const ServerIdentity = z.object({
  MediaContainer: z.object({ machineIdentifier: z.string() }),
});

const Metadata = z.object({
  ratingKey: RatingKey,
  guid: z.string(),
  type: z.string(),
  title: z.string(),
  year: z.nullish(z.number()),
  librarySectionTitle: optionalText,
});
export type Metadata = z.infer<typeof Metadata>;

/** Plex leaves `Metadata` out of an empty container rather than sending `[]`. */
export const MetadataList = z.object({
  MediaContainer: z.object({ Metadata: z.optional(z.array(Metadata)) }),
});

const UserStateItem = z.object({ watchlistedAt: z.nullish(z.number()) });

/** `UserState` has been seen both as one object and as a list of one. */
export const UserState = z.object({
  MediaContainer: z.object({ UserState: z.optional(z.union([z.array(UserStateItem), UserStateItem])) }),
});
