import type { PlexContext } from '../plex/http';
import { oneAtATime } from '../one-at-a-time';
import type { ServerService } from '../servers/service';
import type { ServerEntry } from '../servers/state';
import { libraryIndexItem, serversItem } from '../storage';
import type { TitleRef } from '../titles/ids';
import { indexServer } from './build';
import { answerFromIndex, lookupTable, type IndexAnswer } from './lookup';
import type { ServerIndex } from './records';
import { StoredServerIndex } from './schema';
import { isBuilding, type ServerIndexStatus } from './status';
import type { IndexStore } from './store';
import type { IndexedPlacement, LibraryIndexReader } from './types';

export interface LibraryDeps {
  plex(): Promise<PlexContext>;
  now(): number;
  servers: ServerService;
  store: IndexStore;
  /** A pass changed what the index knows (not only its age): open badges and list pages ask again. */
  onChanged?(): void;
}

/** A server's index is brought up to date after this long, by the alarm or the next look at it. */
export const INDEX_MAX_AGE_MS = 3 * 60 * 60 * 1000;
/** Progress is written to storage at most this often: the popup's bar moves, storage is not flooded. */
const PROGRESS_EVERY_MS = 250;

/** The size of a record as storage.local would count it (JSON), shown in the popup and the bench. */
export const recordBytes = (record: ServerIndex): number => new TextEncoder().encode(JSON.stringify(record)).length;

/** Title lookups and list pages read this local index, so they need no request to Plex. */
export function createLibraryIndex(deps: LibraryDeps) {
  let loaded: Promise<Map<string, ServerIndex>> | undefined;
  let table: ReturnType<typeof lookupTable> = new Map();
  let running: Promise<void> | undefined;
  /** Bumped by clear(), so a pass that began before a sign-out cannot write its index back. */
  let generation = 0;
  const inTurn = oneAtATime();

  /** The stored records, read once per background lifetime; a record that does not fit is dropped. */
  function records(): Promise<Map<string, ServerIndex>> {
    loaded ??= deps.store.all().then(
      (all) => {
        const map = new Map<string, ServerIndex>();
        for (const stored of all) {
          const parsed = StoredServerIndex.safeParse(stored);
          if (parsed.success) map.set(parsed.data.serverId, parsed.data);
        }
        table = lookupTable(map.values());
        return map;
      },
      () => new Map<string, ServerIndex>(),
    );
    return loaded;
  }

  function setStatus(since: number, serverId: string, status: ServerIndexStatus | undefined): Promise<void> {
    return inTurn(async () => {
      if (since !== generation) return;
      const all = { ...(await libraryIndexItem.getValue()) };
      if (status) all[serverId] = status;
      else delete all[serverId];
      await libraryIndexItem.setValue(all);
    });
  }

  /** Whether the pass changed the server's index: an unchanged library keeps its section record, so identity says it. */
  async function passServer(entry: ServerEntry, since: number): Promise<boolean> {
    const map = await records();
    const previous = map.get(entry.machineId) ?? null;
    const readyStatus = (record: ServerIndex): ServerIndexStatus => ({
      state: 'ready',
      titles: record.titles.length,
      bytes: recordBytes(record),
      refreshedAt: record.refreshedAt,
      at: deps.now(),
    });
    let lastWrite = 0;
    const onProgress = async (done: number, total: number) => {
      if (previous || deps.now() - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = deps.now();
      await setStatus(since, entry.machineId, { state: 'building', done, total, at: lastWrite });
    };
    if (!previous) await setStatus(since, entry.machineId, { state: 'building', done: 0, total: 0, at: deps.now() });
    const ctx = await deps.plex();
    const server = { serverId: entry.machineId, server: entry.name };
    const answer = await deps.servers.query(entry, (uri, token) =>
      indexServer({ ctx, uri, token, now: () => deps.now(), onProgress }, server, previous),
    );
    if (since !== generation) return false;
    if (answer.kind === 'answered' && answer.result.ok) {
      const record = answer.result.value;
      await deps.store.put(record);
      if (since !== generation) return false;
      map.set(record.serverId, record);
      table = lookupTable(map.values());
      await setStatus(since, entry.machineId, readyStatus(record));
      const same =
        previous?.sections.length === record.sections.length && record.sections.every((section) => previous.sections.includes(section));
      return !same;
    }
    // An index that was built stays in use; the popup shows its age.
    await setStatus(since, entry.machineId, previous ? readyStatus(previous) : { state: 'failed', at: deps.now() });
    return false;
  }

  /** A pass over every server the person can reach; concurrent calls share one. Servers no longer listed leave the index. */
  function refresh(): Promise<void> {
    if (running) return running;
    const pass: Promise<void> = (async () => {
      const since = generation;
      const servers = await deps.servers.current();
      const map = await records();
      const listed = new Set(servers.map((server) => server.machineId));
      const gone = [...map.keys()].filter((id) => !listed.has(id));
      for (const serverId of gone) {
        await deps.store.remove(serverId);
        map.delete(serverId);
        await setStatus(since, serverId, undefined);
      }
      table = lookupTable(map.values());
      const reachable = servers.filter((server) => server.status !== 'needs-permission');
      const changed = await Promise.all(reachable.map((server) => passServer(server, since)));
      if (since === generation && (gone.length > 0 || changed.includes(true))) deps.onChanged?.();
    })().finally(() => {
      if (running === pass) running = undefined;
    });
    running = pass;
    return pass;
  }

  /** Due: a listed server without an index, one older than `INDEX_MAX_AGE_MS`, or a build cut off by a stopped background. */
  async function ensure(): Promise<void> {
    if (running) return running;
    const [servers, map, status] = await Promise.all([deps.servers.current(), records(), libraryIndexItem.getValue()]);
    const now = deps.now();
    const due = servers.some((server) => {
      const record = map.get(server.machineId);
      if (!record) return server.status !== 'needs-permission' && !isBuilding(status[server.machineId], now);
      return now - record.refreshedAt > INDEX_MAX_AGE_MS;
    });
    if (due) await refresh();
  }

  /** Also by the catalogue's guid and ids when known; reads only local data. */
  async function answer(ref: TitleRef, catalogueIds?: string[], partial?: boolean): Promise<IndexAnswer | null> {
    const map = await records();
    const list = await serversItem.getValue();
    // Before plex.tv has listed the servers once, an empty list says nothing.
    if (!list || list.fetchedAt === 0) return null;
    return answerFromIndex(ref, list.servers, map, table, catalogueIds, partial);
  }

  const reader: LibraryIndexReader = {
    async placements(ref: TitleRef): Promise<IndexedPlacement[] | null> {
      // Marks only say "on": the servers indexed answer them, though another failed to build or is not built yet.
      const found = await answer(ref, undefined, true);
      if (!found) return null;
      if (found.part) return found.part.on;
      return found.hits.map((hit) => ({
        serverId: hit.serverId,
        server: hit.server,
        library: hit.library,
        ratingKey: hit.title.ratingKey,
      }));
    },
  };

  /** Forgets every server's index (sign-out). */
  async function clear(): Promise<void> {
    generation += 1;
    // A pass still out is the old account's and writes nothing now: the next refresh or ensure starts the new account's.
    running = undefined;
    loaded = Promise.resolve(new Map());
    table = new Map();
    await Promise.all([deps.store.clear(), libraryIndexItem.removeValue()]);
  }

  return { refresh, ensure, answer, reader, clear };
}

export type LibraryIndex = ReturnType<typeof createLibraryIndex>;
