import * as z from 'zod/mini';

/** A profile of the account's Plex Home as the popup shows it: text and flags, no token. */
export const Profile = z.object({
  uuid: z.string(),
  name: z.string(),
  /** Switching to it needs its PIN. */
  protected: z.boolean(),
  admin: z.boolean(),
  /** A managed profile (plex.tv's `restricted`). */
  restricted: z.boolean(),
});
export type Profile = z.infer<typeof Profile>;

/** The Home as kept in storage.local for the popup; empty `profiles` when the account has no Home. */
export const HomeState = z.object({
  profiles: z.array(Profile),
  own: z.optional(z.string()),
  /** The uuid of the profile in use; the account's own unless the person switched. */
  active: z.optional(z.string()),
  fetchedAt: z.number(),
  /** Plex no longer took the profile's token: the account's own profile is in use again. */
  notice: z.optional(z.enum(['profile-ended'])),
});
export type HomeState = z.infer<typeof HomeState>;

/** The profile in use when it is not the account's own, with its token: a secret. */
export const ActiveProfile = z.object({
  uuid: z.string(),
  token: z.string().check(z.minLength(1)),
});
export type ActiveProfile = z.infer<typeof ActiveProfile>;
