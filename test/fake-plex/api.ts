import type { ServerResponse } from 'node:http';
import { type ApiRequest, authenticate, identity } from './api-request';
import { type Format, formatFor, sendData, sendPlexError } from './format';
import { homeFields, homeUsers, switchHomeUser } from './home';
import { changeWatchlist, grandchildren, matches, userState, watchlistAll } from './library';
import { resources } from './resources';
import { pinBody, userBody } from './shapes';

function missingClientId(res: ServerResponse, format: Format): void {
  sendPlexError(res, format, 400, 1000, 'X-Plex-Client-Identifier is missing');
}

function pinNotFound(res: ServerResponse, format: Format): void {
  sendPlexError(res, format, 404, 1020, 'Code not found or expired');
}

function createPin(api: ApiRequest, format: Format): void {
  const clientIdentifier = identity(api, 'X-Plex-Client-Identifier');
  if (!clientIdentifier) return missingClientId(api.res, format);
  const strong = api.url.searchParams.get('strong') === 'true';
  const { strongPinSeconds, shortPinSeconds } = api.state.config;
  const pin = api.state.pins.create({
    strong,
    clientIdentifier,
    product: identity(api, 'X-Plex-Product') ?? null,
    lifetimeMs: (strong ? strongPinSeconds : shortPinSeconds) * 1000,
  });
  sendData(api.res, format, 201, 'pin', pinBody(pin, api.baseUrl, pin.createdAt));
}

function pollPin(api: ApiRequest, format: Format, rawId: string): void {
  const clientIdentifier = identity(api, 'X-Plex-Client-Identifier');
  if (!clientIdentifier) return missingClientId(api.res, format);
  const id = /^\d+$/.test(rawId) ? Number(rawId) : NaN;
  const code = api.url.searchParams.get('code') ?? undefined;
  const pin = Number.isSafeInteger(id) ? api.state.pins.byId(id, code) : undefined;
  // plex.tv hides a PIN from other clients behind the same 404 as an unknown one.
  if (!pin || pin.clientIdentifier !== clientIdentifier) return pinNotFound(api.res, format);
  sendData(api.res, format, 200, 'pin', pinBody(pin, api.baseUrl));
}

function user(api: ApiRequest, format: Format): void {
  const auth = authenticate(api, format);
  if (auth)
    sendData(api.res, format, 200, 'user', { ...userBody(auth.account, auth.token, api.baseUrl), ...homeFields(api, auth.account) });
}

function ping(api: ApiRequest, format: Format): void {
  if (authenticate(api, format)) sendData(api.res, format, 200, 'response', { pong: true });
}

function signOut(api: ApiRequest, format: Format): void {
  const auth = authenticate(api, format);
  if (!auth) return;
  api.state.tokens.revoke(auth.token);
  api.res.writeHead(204);
  api.res.end();
}

const PIN_PATH = /^\/api\/v2\/pins\/([^/]+)$/;
const USER_STATE_PATH = /^\/library\/metadata\/([^/]+)\/userState$/;
const GRANDCHILDREN_PATH = /^\/library\/metadata\/([^/]+)\/grandchildren$/;
const WATCHLIST_PATH = /^\/actions\/(addToWatchlist|removeFromWatchlist)$/;
const SWITCH_PATH = /^\/api\/v2\/home\/users\/([^/]+)\/switch$/;

/** plex.tv and the metadata and discover providers share the fake's origin; anything else is a 404 in Plex's error envelope. */
export function handleApi(api: ApiRequest): void {
  const format = formatFor(api.req);
  const method = api.req.method ?? 'GET';
  const path = api.url.pathname;
  const pinMatch = PIN_PATH.exec(path);
  const userStateMatch = USER_STATE_PATH.exec(path);
  const grandchildrenMatch = GRANDCHILDREN_PATH.exec(path);
  const watchlistMatch = WATCHLIST_PATH.exec(path);
  const switchMatch = SWITCH_PATH.exec(path);

  if (method === 'POST' && path === '/api/v2/pins') return createPin(api, format);
  if (method === 'GET' && pinMatch?.[1] !== undefined) return pollPin(api, format, pinMatch[1]);
  if (method === 'GET' && path === '/api/v2/user') return user(api, format);
  if (method === 'GET' && path === '/api/v2/ping') return ping(api, format);
  if (method === 'DELETE' && path === '/api/v2/users/signout') return signOut(api, format);
  if (method === 'GET' && path === '/api/v2/resources') return resources(api, format);
  if (method === 'GET' && path === '/api/v2/home/users') return homeUsers(api, format);
  if (method === 'POST' && switchMatch?.[1] !== undefined) return switchHomeUser(api, format, decodeURIComponent(switchMatch[1]));
  if (method === 'GET' && path === '/library/metadata/matches') return matches(api, format);
  if (method === 'GET' && path === '/library/sections/watchlist/all') return watchlistAll(api, format);
  if (method === 'GET' && userStateMatch?.[1] !== undefined) return userState(api, format, userStateMatch[1]);
  if (method === 'GET' && grandchildrenMatch?.[1] !== undefined) return grandchildren(api, format, grandchildrenMatch[1]);
  if (method === 'PUT' && watchlistMatch?.[1] !== undefined) return changeWatchlist(api, format, watchlistMatch[1] === 'addToWatchlist');
  sendPlexError(api.res, format, 404, 404, 'Not found');
}
