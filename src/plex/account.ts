import { Account } from './schemas';
import { plexRequest, type PlexContext, type Result } from './http';

/** A 401 here is the only proof that a token is dead; any other failure says nothing about it. */
export function getAccount(ctx: PlexContext, tvUrl: string, token: string): Promise<Result<Account>> {
  return plexRequest(ctx, { base: tvUrl, path: '/api/v2/user', token, schema: Account });
}

export function signOut(ctx: PlexContext, tvUrl: string, token: string): Promise<Result<undefined>> {
  return plexRequest<undefined>(ctx, { base: tvUrl, path: '/api/v2/users/signout', method: 'DELETE', token });
}
