import { browser } from 'wxt/browser';
import { objectStore } from './idb';

// The extension origin's IndexedDB, unlike storage.local, is out of reach of content scripts, which run in the page's origin (SECURITY.md).
const SECRET_DB = 'sidekick-secrets';
const SECRET_STORE = 'items';

const inStore = objectStore(SECRET_DB, SECRET_STORE);

/** Other pages and the background hear of writes by name only; each listener reads the value itself. */
const SECRET_CHANNEL = 'sidekick-secrets';

/** Under Node (unit and integration tests) there is no IndexedDB: storage.session, which content scripts cannot read either, stands in. */
const inNode = typeof indexedDB === 'undefined';

export function getSecrets(names: readonly string[]): Promise<Record<string, unknown>> {
  if (inNode) return browser.storage.session.get([...names]);
  return inStore('readonly', (store) => {
    const out: Record<string, unknown> = {};
    for (const name of names) {
      const request = store.get(name);
      request.onsuccess = () => {
        if (request.result !== undefined) out[name] = request.result;
      };
    }
    return () => out;
  });
}

/** Writes in one transaction (undefined removes), then tells every watcher, here and in other contexts. */
export async function setSecrets(items: Record<string, unknown>): Promise<void> {
  if (inNode) {
    const entries = Object.entries(items);
    await browser.storage.session.remove(entries.filter(([, value]) => value === undefined).map(([name]) => name));
    await browser.storage.session.set(Object.fromEntries(entries.filter(([, value]) => value !== undefined)));
    return;
  }
  await inStore('readwrite', (store) => {
    for (const [name, value] of Object.entries(items)) {
      if (value === undefined) store.delete(name);
      else store.put(value, name);
    }
    return () => undefined;
  });
  const channel = new BroadcastChannel(SECRET_CHANNEL);
  channel.postMessage(Object.keys(items));
  channel.close();
}

/** Calls back with the value now and the one seen before, on every write of `name`; returns the unwatch. */
export function watchSecret(name: string, callback: (value: unknown, before: unknown) => void): () => void {
  if (inNode) {
    const listener = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>) => {
      if (name in changes) callback(changes[name]!.newValue ?? null, changes[name]!.oldValue ?? null);
    };
    browser.storage.session.onChanged.addListener(listener);
    return () => browser.storage.session.onChanged.removeListener(listener);
  }
  const channel = new BroadcastChannel(SECRET_CHANNEL);
  let seen: unknown = null;
  channel.onmessage = async ({ data: names }: MessageEvent<string[]>) => {
    if (!names.includes(name)) return;
    const before = seen;
    seen = (await getSecrets([name]))[name] ?? null;
    callback(seen, before);
  };
  return () => channel.close();
}
