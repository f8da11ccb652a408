import * as z from 'zod/mini';
import { plexRequest, type PlexContext, type PlexError, type Result } from './http';
import { clipName } from './schemas';

/** `home` says whether the Home's list is worth asking for (python-plexapi `MyPlexAccount`; the recorded switch answer has it too). */
export const HomeAccount = z.object({ id: z.number(), home: z.nullish(z.boolean()) });
export type HomeAccount = z.infer<typeof HomeAccount>;

/** An entry of `users[]` as a recorded Plex Web answer lists it; `protected` means switching needs the PIN. */
export const HomeUser = z.object({
  id: z.number(),
  uuid: z.string().check(z.regex(/^[\w-]{1,64}$/)),
  title: z.pipe(z.string().check(z.minLength(1)), z.transform(clipName)),
  admin: z.nullish(z.boolean()),
  guest: z.nullish(z.boolean()),
  restricted: z.nullish(z.boolean()),
  protected: z.nullish(z.boolean()),
});
export type HomeUser = z.infer<typeof HomeUser>;

/** The list is an object with `users`; each entry is read on its own, so one odd profile drops only itself. */
const HomeUsers = z.object({ users: z.array(z.unknown()) });

/** The switch answers the profile as a user with its own `authToken` (recorded Plex Web answer; python-plexapi reads `authenticationToken` of the XML one). */
const Switched = z.object({ authToken: z.string().check(z.minLength(1), z.maxLength(4096)) });

/** The most profiles a Home has (plex.tv's `maxHomeSize` is 15); more would be a broken answer. */
const MAX_PROFILES = 50;

export function getHomeAccount(ctx: PlexContext, tvUrl: string, token: string): Promise<Result<HomeAccount>> {
  return plexRequest(ctx, { base: tvUrl, path: '/api/v2/user', token, schema: HomeAccount });
}

/** The Home's profiles, the guest user left out (it has no watchlist of its own to follow). */
export async function getHomeUsers(ctx: PlexContext, tvUrl: string, token: string): Promise<Result<HomeUser[]>> {
  const result = await plexRequest(ctx, { base: tvUrl, path: '/api/v2/home/users', token, schema: HomeUsers });
  if (!result.ok) return result;
  const users: HomeUser[] = [];
  for (const entry of result.value.users.slice(0, MAX_PROFILES)) {
    const user = HomeUser.safeParse(entry);
    if (user.success && user.data.guest !== true) users.push(user.data);
  }
  return { ok: true, value: users };
}

export type SwitchError = PlexError | { kind: 'wrong-pin' };

/** The PIN goes in the query (python-plexapi `switchHomeUser`, Plex Web's recorded request); a missing or wrong one is 403/1041 (arabcoders/watchstate #542). */
export async function switchHomeUser(
  ctx: PlexContext,
  tvUrl: string,
  token: string,
  uuid: string,
  pin?: string,
): Promise<{ ok: true; token: string } | { ok: false; error: SwitchError }> {
  const result = await plexRequest(ctx, {
    base: tvUrl,
    path: `/api/v2/home/users/${encodeURIComponent(uuid)}/switch`,
    method: 'POST',
    token,
    query: pin === undefined ? {} : { pin },
    schema: Switched,
  });
  if (result.ok) return { ok: true, token: result.value.authToken };
  if (result.error.kind === 'bad-request' && result.error.status === 403) return { ok: false, error: { kind: 'wrong-pin' } };
  return result;
}
