/** Each account's watchlist, by username: ratingKey → watchlistedAt (unix seconds), oldest first. */
export class Watchlists {
  private lists = new Map<string, Map<string, number>>();

  private listOf(username: string): Map<string, number> {
    let list = this.lists.get(username);
    if (!list) this.lists.set(username, (list = new Map<string, number>()));
    return list;
  }

  /** Adding twice keeps the first date, as re-adding on Plex does not move a title. */
  add(username: string, ratingKey: string, now = Date.now()): void {
    const list = this.listOf(username);
    if (!list.has(ratingKey)) list.set(ratingKey, Math.floor(now / 1000));
  }

  remove(username: string, ratingKey: string): void {
    this.lists.get(username)?.delete(ratingKey);
  }

  watchlistedAt(username: string, ratingKey: string): number | undefined {
    return this.lists.get(username)?.get(ratingKey);
  }

  ratingKeys(username: string): string[] {
    return [...(this.lists.get(username)?.keys() ?? [])];
  }

  set(username: string, ratingKeys: string[], now = Date.now()): void {
    this.lists.delete(username);
    for (const ratingKey of ratingKeys) this.add(username, ratingKey, now);
  }

  /** Drop titles the catalog no longer has, from every account. */
  keepOnly(known: (ratingKey: string) => boolean): void {
    for (const list of this.lists.values()) {
      for (const ratingKey of list.keys()) if (!known(ratingKey)) list.delete(ratingKey);
    }
  }

  clear(): void {
    this.lists.clear();
  }
}
