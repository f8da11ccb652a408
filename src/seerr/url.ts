/**
 * The address of a Seerr instance as the person types it: http or https, no user name or
 * password, no query; a path is kept (an instance behind a reverse proxy's sub-path). Returned
 * without a trailing slash, or null when it is not such an address.
 */
export function parseSeerrUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The host permission the address needs; match patterns carry no port. */
export function seerrOriginPattern(address: string): string {
  const { protocol, hostname } = new URL(address);
  return `${protocol}//${hostname}/*`;
}
