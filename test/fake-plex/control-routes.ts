import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeError, isRecord } from './errors';
import { sendJson } from './format';
import type { FakePlexState } from './state';

export const CONTROL_PREFIX = '/__fake/';

// Far above anything a test sends; stops a runaway client from filling memory.
const MAX_BODY_BYTES = 1_000_000;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new FakeError('request body too large', 413);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new FakeError('request body is not valid JSON');
  }
  if (!isRecord(parsed)) throw new FakeError('request body must be a JSON object');
  return parsed;
}

type Operation = (state: FakePlexState, body: Record<string, unknown>) => unknown;
type Query = (state: FakePlexState, query: URLSearchParams) => unknown;

const OK = { ok: true };

// Bodies mirror the FakePlexControl arguments, so control.ts stays a thin client.
const POST_ROUTES: Record<string, Operation> = {
  approve: (state, { id, code, account }) => state.approve({ id, code }, account),
  expire: (state, { id, code }) => (state.expire({ id, code }), OK),
  revoke: (state, { token }) => (state.revoke(token), OK),
  reset: async (state) => (await state.reset(), OK),
  fault: (state, body) => (state.fault(body), OK),
  config: (state, body) => (state.configure(body), OK),
  addServer: (state, body) => state.servers.add(body),
  addDevice: (state, { kind }) => (state.addDevice(kind), OK),
  removeServers: async (state) => (await state.servers.removeAll(), OK),
  serverFault: (state, body) => (state.servers.fault(body), OK),
  setLibrary: (state, { machineIdentifier, library }) => (state.servers.setLibrary(machineIdentifier, library), OK),
  setCatalog: (state, { titles }) => (state.setCatalog(titles), OK),
  setWatchlist: (state, { ratingKeys, username }) => (state.setWatchlist(ratingKeys, username), OK),
  setHome: (state, body) => (state.setHome(body), OK),
};

// Arguments of GET operations, if any, come as query parameters.
const GET_ROUTES: Record<string, Query> = {
  pins: (state) => state.pinList(),
  requests: (state) => state.requests(),
  servers: (state) => state.servers.list(),
  serverRequests: (state) => state.servers.requests(),
  catalog: (state) => state.catalogList(),
  watchlist: (state, query) => state.watchlist(query.get('username') ?? undefined),
};

/** `/__fake/*`: the test-only API; always JSON, errors as 4xx `{error}`. */
export async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, state: FakePlexState): Promise<void> {
  const path = url.pathname;
  const name = path.slice(CONTROL_PREFIX.length);
  const method = req.method ?? 'GET';
  try {
    const post = Object.hasOwn(POST_ROUTES, name) ? POST_ROUTES[name] : undefined;
    const get = Object.hasOwn(GET_ROUTES, name) ? GET_ROUTES[name] : undefined;
    if (!post && !get) throw new FakeError(`no control route ${path}`, 404);
    if (post && method === 'POST') return sendJson(res, 200, await post(state, await readJson(req)));
    if (get && method === 'GET') return sendJson(res, 200, get(state, url.searchParams));
    throw new FakeError(`${path} takes ${post ? 'POST' : 'GET'}`, 405);
  } catch (error) {
    if (!(error instanceof FakeError)) throw error;
    sendJson(res, error.status, { error: error.message });
  }
}
