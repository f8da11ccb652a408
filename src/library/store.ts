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

function request<T>(run: (store: IDBObjectStore) => IDBRequest<T>, mode: IDBTransactionMode, db: IDBDatabase): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = run(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** IndexedDB: content scripts get the page's, not this; no per-item limit; a 10k-title server is one clone, not MBs of JSON. */
export function indexedDbStore(): IndexStore {
  let opened: Promise<IDBDatabase> | undefined;
  const open = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'serverId' });
      req.onsuccess = () => {
        req.result.onclose = () => (opened = undefined);
        resolve(req.result);
      };
      req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
    }).catch((error: unknown) => {
      opened = undefined;
      throw error;
    }));
  return {
    all: async () => request((store) => store.getAll() as IDBRequest<ServerIndex[]>, 'readonly', await open()),
    put: async (record) => void (await request((store) => store.put(record), 'readwrite', await open())),
    remove: async (serverId) => void (await request((store) => store.delete(serverId), 'readwrite', await open())),
    clear: async () => void (await request((store) => store.clear(), 'readwrite', await open())),
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
