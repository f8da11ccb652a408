/** A path is kept for an instance behind a reverse proxy's sub-path; the trailing slash goes, so API paths append as they are. */
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
