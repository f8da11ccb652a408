import * as z from 'zod/mini';
import { ErrorBody } from './schemas';
import { identityHeaders, type ClientIdentity } from './identity';

/** Every way a Plex call can fail, as a value; its kinds are src/failures.ts's `PlexFailure`. */
export type PlexError =
  | { kind: 'unauthorized' }
  | { kind: 'not-found' }
  | { kind: 'rate-limited'; retryAfterMs?: number }
  | { kind: 'bad-request'; status: number; message?: string }
  | { kind: 'server'; status: number }
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'invalid-response'; detail: string };

export type Result<T> = { ok: true; value: T } | { ok: false; error: PlexError };

export interface PlexContext {
  fetch: typeof fetch;
  identity: ClientIdentity;
  /** Milliseconds before a request is abandoned; no Plex call may hang the flow. */
  timeoutMs?: number;
}

export interface PlexRequest<T> {
  base: string;
  path: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, string>;
  token?: string;
  headers?: Record<string, string>;
  /** Overrides the context's timeout, e.g. a short one for reachability probes. */
  timeoutMs?: number;
  /** Without a schema the body is ignored (e.g. sign-out). */
  schema?: z.ZodMiniType<T>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Retry-After is either seconds or an HTTP date (RFC 9110, section 10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** "id: Invalid input; expected number" — enough for a bug report, without zod's full formatter. */
export function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** The largest answer the extension reads; plex.tv's resources for a big account are a few hundred KB. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Error bodies are a sentence or two; more is not worth reading. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

class TooLarge extends Error {}

/** Checks Content-Length and counts while reading, so a server that lies or sends no length cannot make us hold more than `maxBytes`. */
export async function readBoundedText(response: Response, maxBytes: number): Promise<string> {
  const length = Number(response.headers.get('Content-Length'));
  if (Number.isFinite(length) && length > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new TooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new TooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

const tooLarge = (): PlexError => ({ kind: 'invalid-response', detail: `answer larger than ${MAX_BODY_BYTES} bytes` });

async function errorFromResponse(response: Response): Promise<PlexError> {
  const { status } = response;
  if (status === 401) return { kind: 'unauthorized' };
  if (status === 404) return { kind: 'not-found' };
  if (status === 429) {
    return { kind: 'rate-limited', retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), Date.now()) };
  }
  if (status >= 500) return { kind: 'server', status };
  const text = await readBoundedText(response, MAX_ERROR_BODY_BYTES).catch(() => '');
  // plex.tv answers a revoked token 422 `Invalid token`; python-plexapi's MyPlexAccount.query reads it as Unauthorized (its PR #1138).
  if (status === 422 && text.includes('Invalid token')) return { kind: 'unauthorized' };
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON (an XML or HTML error page): no message to pass on.
  }
  const body = ErrorBody.safeParse(json);
  return { kind: 'bad-request', status, message: body.success ? body.data.errors[0]?.message : undefined };
}

export async function plexRequest<T>(ctx: PlexContext, request: PlexRequest<T>): Promise<Result<T>> {
  const url = new URL(request.base + request.path);
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = { Accept: 'application/json', ...identityHeaders(ctx.identity), ...request.headers };
  if (request.token) headers['X-Plex-Token'] = request.token;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs ?? ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    let response: Response;
    try {
      // A redirect would carry the token (or the probe's verdict) to a host nobody checked.
      response = await ctx.fetch(url, { method: request.method ?? 'GET', headers, signal: controller.signal, redirect: 'error' });
    } catch {
      return { ok: false, error: controller.signal.aborted ? { kind: 'timeout' } : { kind: 'network' } };
    }
    if (!response.ok) return { ok: false, error: await errorFromResponse(response) };
    if (!request.schema) return { ok: true, value: undefined as T };

    let body: unknown;
    try {
      body = JSON.parse(await readBoundedText(response, MAX_BODY_BYTES));
    } catch (error) {
      if (error instanceof TooLarge) return { ok: false, error: tooLarge() };
      if (controller.signal.aborted) return { ok: false, error: { kind: 'timeout' } };
      const type = response.headers.get('Content-Type') ?? 'no content type';
      return { ok: false, error: { kind: 'invalid-response', detail: `expected JSON, got ${type}` } };
    }
    const parsed = request.schema.safeParse(body);
    if (!parsed.success) {
      return { ok: false, error: { kind: 'invalid-response', detail: describeIssues(parsed.error.issues) } };
    }
    return { ok: true, value: parsed.data };
  } finally {
    clearTimeout(timer);
  }
}
