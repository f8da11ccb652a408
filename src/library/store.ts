import { objectStore } from '../idb';
import type { ServerIndex } from './records';

/** Where the index's records live: one per server, whole. */
export interface IndexStore {
  all(): Promise<ServerIndex[]>;
  put(record: ServerIndex): Promise<void>;
  remove(serverId: string): Promise<void>;
  clear(): Promise<void>;
}

const DB = 'sidekick-library';
const STORE = 'servers';

const result =
  <T>(request: IDBRequest<T>) =>
  () =>
    request.result;

/** IndexedDB: content scripts get the page's, not this; no per-item limit; a 10k-title server is one clone, not MBs of JSON. */
export function indexedDbStore(): IndexStore {
  const inStore = objectStore(DB, STORE, { keyPath: 'serverId' });
  return {
    all: () => inStore('readonly', (store) => result(store.getAll() as IDBRequest<ServerIndex[]>)),
    put: async (record) => void (await inStore('readwrite', (store) => result(store.put(record)))),
    remove: async (serverId) => void (await inStore('readwrite', (store) => result(store.delete(serverId)))),
    clear: async () => void (await inStore('readwrite', (store) => result(store.clear()))),
  };
}

/** For unit and integration tests under Node, which has no IndexedDB. */
export function memoryStore(): IndexStore {
  const records = new Map<string, ServerIndex>();
  const copy = (record: ServerIndex) => structuredClone(record);
  return {
    all: () => Promise.resolve([...records.values()].map(copy)),
    put: (record) => Promise.resolve(void records.set(record.serverId, copy(record))),
    remove: (serverId) => Promise.resolve(void records.delete(serverId)),
    clear: () => Promise.resolve(records.clear()),
  };
}
