import type { PageHandle } from './browser';

/** Runs in the page, so it repeats the database's name rather than importing it. */
export function readSecrets(page: PageHandle): Promise<Record<string, unknown>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const open = indexedDB.open('sidekick-secrets');
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const out: Record<string, unknown> = {};
          if (!db.objectStoreNames.contains('items')) {
            db.close();
            return resolve(out);
          }
          const cursor = db.transaction('items').objectStore('items').openCursor();
          cursor.onerror = () => reject(cursor.error ?? new Error('openCursor failed'));
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (!at) {
              db.close();
              return resolve(out);
            }
            out[at.key as string] = at.value;
            at.continue();
          };
        };
      }),
  );
}
