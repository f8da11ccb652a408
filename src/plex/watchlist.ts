import { UserState } from './schemas';
import { plexRequest, type PlexContext, type Result } from './http';

/** Whether a catalogue title (by its hex ratingKey) is on the account's watchlist. */
export async function isWatchlisted(ctx: PlexContext, metadataUrl: string, token: string, ratingKey: string): Promise<Result<boolean>> {
  const result = await plexRequest(ctx, {
    base: metadataUrl,
    path: `/library/metadata/${encodeURIComponent(ratingKey)}/userState`,
    token,
    schema: UserState,
  });
  if (!result.ok) return result;
  const state = result.value.MediaContainer.UserState;
  const item = Array.isArray(state) ? state[0] : state;
  return { ok: true, value: typeof item?.watchlistedAt === 'number' };
}

/** Watchlist changes go to the discover provider since Plex moved them there in 2025. */
export function setWatchlisted(
  ctx: PlexContext,
  discoverUrl: string,
  token: string,
  ratingKey: string,
  on: boolean,
): Promise<Result<undefined>> {
  return plexRequest<undefined>(ctx, {
    base: discoverUrl,
    path: on ? '/actions/addToWatchlist' : '/actions/removeFromWatchlist',
    method: 'PUT',
    query: { ratingKey },
    token,
  });
}
