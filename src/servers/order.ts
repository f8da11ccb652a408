/** The order set on the options page first, then the rest as they came; the badge's "Open in Plex" goes to the first with the title. */
export function inPreferredOrder<T extends { machineId: string }>(servers: readonly T[], order: readonly string[]): T[] {
  const rank = (server: T) => {
    const at = order.indexOf(server.machineId);
    return at === -1 ? order.length : at;
  };
  return servers
    .map((server, index) => ({ server, index }))
    .sort((a, b) => rank(a.server) - rank(b.server) || a.index - b.index)
    .map((e) => e.server);
}
