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
