import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord } from './errors';
import type { TitleType } from './types';

export type Format = 'json' | 'xml';

/** Plex's `type` numbers for the kinds the metadata provider holds; any other (3 = season, …) matches nothing there. */
export const TYPE_NUMBERS: Readonly<Record<string, TitleType>> = { '1': 'movie', '2': 'show' };

/** A media server's `type` numbers, seasons and episodes included (python-plexapi `utils.SEARCHTYPES`). */
export const SERVER_TYPE_NUMBERS: Readonly<Record<string, string>> = { '1': 'movie', '2': 'show', '3': 'season', '4': 'episode' };

/** The fields a Metadata entry has wherever it comes from: the metadata provider or a media server. */
export function metadataEntry(item: {
  ratingKey: string;
  guid: string;
  type: string;
  title: string;
  year?: number;
}): Record<string, unknown> {
  return {
    ratingKey: item.ratingKey,
    key: `/library/metadata/${item.ratingKey}`,
    guid: item.guid,
    type: item.type,
    title: item.title,
    year: item.year,
  };
}

/** A paging value (X-Plex-Container-Start/-Size), sent as a header or a query parameter; undefined when absent. */
export function containerParam(req: IncomingMessage, url: URL, name: string): number | undefined {
  const header = req.headers[name.toLowerCase()];
  const value = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get(name);
  return value !== null && value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** plex.tv answers XML unless the client asks for JSON; the fake keeps that trap for clients that forget. */
export function formatFor(req: IncomingMessage): Format {
  return (req.headers.accept ?? '').includes('application/json') ? 'json' : 'xml';
}

/** ISO 8601 without milliseconds, as plex.tv writes createdAt/expiresAt. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : `${name}Item`;
}

function scalarText(value: unknown): string {
  // Plex's XML writes booleans as 0/1.
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

/** Only recognisably XML, not plex.tv's schema: scalars as attributes (nulls left out), arrays as a wrapper of singular-named children. */
export function xmlElement(name: string, data: Record<string, unknown>): string {
  let attributes = '';
  let children = '';
  for (const [key, value] of Object.entries(data)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) && /^[A-Z]/.test(key)) {
      // A media server's tags (Guid, Genre, Media) repeat under their own name: <Guid id="imdb://…"/>.
      children += value
        .filter(isRecord)
        .map((item) => xmlElement(key, item))
        .join('');
    } else if (Array.isArray(value)) {
      const items = value.map((item) =>
        isRecord(item) ? xmlElement(singular(key), item) : `<${singular(key)}>${escapeXml(scalarText(item))}</${singular(key)}>`,
      );
      children += `<${key}>${items.join('')}</${key}>`;
    } else if (isRecord(value)) {
      children += xmlElement(key, value);
    } else {
      attributes += ` ${key}="${escapeXml(scalarText(value))}"`;
    }
  }
  return children ? `<${name}${attributes}>${children}</${name}>` : `<${name}${attributes}/>`;
}

export function sendRaw(res: ServerResponse, status: number, contentType: string | undefined, body: string | Buffer): void {
  if (contentType) res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.writeHead(status);
  res.end(body);
}

export function sendData(res: ServerResponse, format: Format, status: number, root: string, data: Record<string, unknown>): void {
  if (format === 'json') sendRaw(res, status, 'application/json; charset=utf-8', JSON.stringify(data));
  else sendRaw(res, status, 'application/xml; charset=utf-8', `<?xml version="1.0" encoding="UTF-8"?>\n${xmlElement(root, data)}\n`);
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Plex's XML lists items straight under `MediaContainer`: movies and episodes as `<Video>`, shows and seasons as `<Directory>`. */
export function sendContainer(res: ServerResponse, format: Format, status: number, container: Record<string, unknown>): void {
  if (format === 'json') return sendRaw(res, status, 'application/json; charset=utf-8', JSON.stringify({ MediaContainer: container }));
  let attributes = '';
  let children = '';
  for (const [key, value] of Object.entries(container)) {
    if (Array.isArray(value)) {
      for (const item of value.filter(isRecord)) {
        children += xmlElement(key === 'Metadata' ? (item.type === 'show' || item.type === 'season' ? 'Directory' : 'Video') : key, item);
      }
    } else if (value !== null && value !== undefined && !isRecord(value)) {
      attributes += ` ${key}="${escapeXml(scalarText(value))}"`;
    }
  }
  sendRaw(res, status, 'application/xml; charset=utf-8', `${XML_HEAD}<MediaContainer${attributes}>${children}</MediaContainer>\n`);
}

/** A plex.tv v2 list: a JSON array, or `<root size="n"><item .../>...</root>` in XML. */
export function sendList(
  res: ServerResponse,
  format: Format,
  status: number,
  root: string,
  item: string,
  items: Record<string, unknown>[],
): void {
  if (format === 'json') return sendRaw(res, status, 'application/json; charset=utf-8', JSON.stringify(items));
  const xml = `${XML_HEAD}<${root} size="${items.length}">${items.map((i) => xmlElement(item, i)).join('')}</${root}>\n`;
  sendRaw(res, status, 'application/xml; charset=utf-8', xml);
}

/** An error in plex.tv's envelope: `{"errors":[{code,message,status}]}` or `<errors><error .../></errors>`. */
export function sendPlexError(res: ServerResponse, format: Format, status: number, code: number, message: string): void {
  const error = { code, message, status };
  if (format === 'json') {
    sendRaw(res, status, 'application/json; charset=utf-8', JSON.stringify({ errors: [error] }));
  } else {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<errors>${xmlElement('error', error)}</errors>\n`;
    sendRaw(res, status, 'application/xml; charset=utf-8', xml);
  }
}

/** Answers of the control API, which is always JSON. */
export function sendJson(res: ServerResponse, status: number, data: unknown): void {
  sendRaw(res, status, 'application/json; charset=utf-8', JSON.stringify(data));
}
