import type { IncomingMessage } from 'node:http';
import type { LoggedRequest } from './types';

/** A request as the logs keep it: header names lower-cased, repeated headers joined. */
export function logEntry(req: IncomingMessage, url: URL): LoggedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    at: Date.now(),
  };
}
