/**
 * The servers in the order the person prefers (the options page): those they placed first, in
 * their order, then the rest as they came (owned first, then by name). The badge's "Open in Plex"
 * goes to the first server that has the title.
 */
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
