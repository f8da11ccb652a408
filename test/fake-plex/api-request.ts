import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Format, sendPlexError } from './format';
import type { FakePlexState } from './state';
import type { FakeAccount } from './types';

/** One request to the plex.tv-side routes (plex.tv, metadata and discover providers share the origin). */
export interface ApiRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  state: FakePlexState;
  baseUrl: string;
}

/** Identity values may come as headers or as query parameters; the header wins when both are sent. */
export function identity(api: ApiRequest, name: string): string | undefined {
  const header = api.req.headers[name.toLowerCase()];
  const value = (Array.isArray(header) ? header[0] : header) ?? api.url.searchParams.get(name) ?? undefined;
  return value === '' ? undefined : value;
}

/** The account behind the request's token, or undefined after answering 401. */
export function authenticate(api: ApiRequest, format: Format): { account: FakeAccount; token: string } | undefined {
  const token = identity(api, 'X-Plex-Token');
  const account = api.state.tokens.accountFor(token);
  if (!token || !account) {
    sendPlexError(api.res, format, 401, 1001, 'User could not be authenticated');
    return undefined;
  }
  return { account, token };
}
