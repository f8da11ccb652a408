import type { TitleRef } from '../titles/ids';

/** Where the local index says a title is: one entry per copy on a server the person can reach. */
export interface IndexedPlacement {
  /** The server's clientIdentifier. */
  serverId: string;
  /** The server's name, as the popup shows it. */
  server: string;
  library: string;
  ratingKey: string;
}

/** The background's read side of the library index. */
export interface LibraryIndexReader {
  /** null: the index cannot answer for this title yet (not built, or a server not indexed); []: on no indexed server. */
  placements(ref: TitleRef): Promise<IndexedPlacement[] | null>;
}
