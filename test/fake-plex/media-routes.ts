import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Format, formatFor, metadataEntry, sendContainer, sendRaw, TYPE_NUMBERS } from './format';
import type { LibraryItem, ServerSpec } from './server-spec';

export const PMS_VERSION = '1.41.0.0000';

/** A media server answers errors with a bare HTML page, not plex.tv's error envelope. */
function htmlError(res: ServerResponse, status: number, text: string): void {
  sendRaw(res, status, 'text/html; charset=utf-8', `<html><head><title>${text}</title></head><body><h1>${status} ${text}</h1></body></html>`);
}

function token(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-plex-token'];
  return (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('X-Plex-Token') ?? undefined;
}

function metadata(item: LibraryItem): Record<string, unknown> {
  return {
    ...metadataEntry(item),
    librarySectionTitle: item.section,
    librarySectionID: item.sectionId,
    librarySectionKey: `/library/sections/${item.sectionId}`,
  };
}

function libraryAll(res: ServerResponse, url: URL, spec: ServerSpec, format: Format): void {
  const guid = url.searchParams.get('guid');
  const type = url.searchParams.get('type');
  const items = spec.library.filter(
    // An unknown type number (3 = season, ...) matches none of the movies and shows the fake holds.
    (item) => (guid === null || item.guid === guid) && (type === null || TYPE_NUMBERS[type] === item.type),
  );
  // Plex leaves Metadata out rather than sending an empty array: clients must cope with both.
  sendContainer(res, format, 200, { size: items.length, ...(items.length > 0 && { Metadata: items.map(metadata) }) });
}

/**
 * The media-server routes of one listener. `identity` is the machineIdentifier /identity names:
 * the server's own, or another's for a 'wrong-identity' connection, which then rejects the token
 * because it is a different server.
 */
export function serveMedia(req: IncomingMessage, res: ServerResponse, url: URL, spec: ServerSpec, identity: string): void {
  const format = formatFor(req);
  const method = req.method ?? 'GET';
  if (method === 'GET' && url.pathname === '/identity') {
    return sendContainer(res, format, 200, { size: 0, claimed: true, machineIdentifier: identity, version: PMS_VERSION });
  }
  if (identity !== spec.machineIdentifier || token(req, url) !== spec.accessToken) return htmlError(res, 401, 'Unauthorized');
  if (method === 'GET' && url.pathname === '/library/all') return libraryAll(res, url, spec, format);
  htmlError(res, 404, 'Not Found');
}
