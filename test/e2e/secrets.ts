import type { PageHandle } from './browser';

/**
 * What the extension's secret area (its own IndexedDB) holds, read in one of its pages. Runs in
 * the page, so it repeats the database's name rather than importing it.
 */
export function readSecrets(page: PageHandle): Promise<Record<string, unknown>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const open = indexedDB.open('sidekick-secrets');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const out: Record<string, unknown> = {};
          if (!db.objectStoreNames.contains('items')) {
            db.close();
            return resolve(out);
          }
          const cursor = db.transaction('items').objectStore('items').openCursor();
          cursor.onerror = () => reject(cursor.error);
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (!at) {
              db.close();
              return resolve(out);
            }
            out[String(at.key)] = at.value;
            at.continue();
          };
        };
      }),
  );
}
