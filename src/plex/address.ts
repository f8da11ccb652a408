// Checked as written, before URL() could decode or drop a part (it turns `192%2e168.1.5` into `192.168.1.5`): scheme, host, port only.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const ADDRESS = new RegExp(`^https?://(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9a-f:.]+\\])(?::\\d{1,5})?/*$`, 'i');
const MAX_HOST_LENGTH = 253;

export interface ServerAddress {
  /** `https://host:port`, lower-cased, no trailing slash: where requests go. */
  uri: string;
  protocol: 'https:' | 'http:';
  /** The host without its port, as a permission pattern names it. */
  hostname: string;
}

export function parseServerAddress(raw: unknown): ServerAddress | null {
  if (typeof raw !== 'string' || !ADDRESS.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.hostname.length > MAX_HOST_LENGTH || url.port === '0') return null;
  return { uri: `${url.protocol}//${url.host}`, protocol: url.protocol as ServerAddress['protocol'], hostname: url.hostname };
}
