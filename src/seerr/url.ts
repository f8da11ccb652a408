import { parseServerAddress } from '../plex/address';
import { isPrivateAddress } from '../plex/roads';

export type SeerrUrlProblem = 'bad-address' | 'needs-https';

/** Names that only resolve at home: an IP of a private range, localhost, a single label, or a home-network suffix. */
const onHomeNetwork = (hostname: string) =>
  isPrivateAddress(hostname) || !hostname.includes('.') || /\.(?:localhost|local|lan|home\.arpa|internal)$/.test(hostname);

/** The address as saved (a reverse proxy's sub-path kept, no trailing slash), or why not: the Plex token is sent there. */
export function checkSeerrUrl(input: string): { url: string } | { problem: SeerrUrlProblem } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { problem: 'bad-address' };
  }
  // parseServerAddress refuses a `*` or other non-host in the name, which would widen the permission asked for.
  const odd = url.username || url.password || url.search || url.hash || !parseServerAddress(url.origin);
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || odd) return { problem: 'bad-address' };
  if (url.protocol === 'http:' && !onHomeNetwork(url.hostname)) return { problem: 'needs-https' };
  return { url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

export function parseSeerrUrl(input: string): string | null {
  const checked = checkSeerrUrl(input);
  return 'url' in checked ? checked.url : null;
}

/** The host permission the address needs; match patterns carry no port. */
export function seerrOriginPattern(address: string): string {
  const { protocol, hostname } = new URL(address);
  return `${protocol}//${hostname}/*`;
}
