/** Runs one transaction on one object store; resolves with `run`'s result once the transaction has committed. */
export type InStore = <T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => () => T) => Promise<T>;

/** One object store of the extension's own IndexedDB, opened once and again when the browser closes it. */
export function objectStore(name: string, store: string, options?: IDBObjectStoreParameters): InStore {
  let opened: Promise<IDBDatabase> | undefined;
  const open = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(store, options);
      request.onsuccess = () => {
        request.result.onclose = () => (opened = undefined);
        resolve(request.result);
      };
      request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
    }).catch((error: unknown) => {
      // Not kept: the next call tries again rather than failing for the life of the page or background.
      opened = undefined;
      throw error;
    }));
  return async (mode, run) => {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const result = run(tx.objectStore(store));
      tx.oncomplete = () => resolve(result());
      // A failed request aborts its transaction; either way nothing of it was written.
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    });
  };
}
