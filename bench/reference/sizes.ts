import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FakePlex } from '../../test/fake-plex/server';
import { buildExtension, gzipSize } from '../sizes';
import { signInWithOwnClient } from './own-signin';
import { signInWithPlexjs, type SignInOptions } from './plexjs-signin';

export interface BundleSize {
  bytes: number;
  gzip: number;
}

export interface ReferenceSizes {
  plexjsVersion: string;
  /** The plexjs sign-in from the package's entry points, as its docs show (CommonJS). */
  plexjs: BundleSize;
  /** The same, bundled from the package's TypeScript sources (ES modules): the best case for it. */
  plexjsFromSource: BundleSize;
  /** The same sign-in on this extension's own client (src/plex). */
  ownClient: BundleSize;
}

const REFERENCE_ROOT = resolve(import.meta.dirname);

async function bundleSize(extensionDir: string, script: string): Promise<BundleSize> {
  const data = await readFile(join(extensionDir, `${script}.js`));
  return { bytes: data.length, gzip: gzipSize(data) };
}

/** Builds the reference sign-ins with WXT, as the extension is built, and measures them. */
export async function measureReferences(outDir: string): Promise<ReferenceSizes> {
  const documented = await buildExtension({ target: 'chrome', outDir: join(outDir, 'documented'), root: REFERENCE_ROOT });
  const fromSource = await buildExtension({
    target: 'chrome',
    outDir: join(outDir, 'source'),
    root: REFERENCE_ROOT,
    env: { PLEXJS_FROM_SOURCE: '1' },
  });
  const manifest = JSON.parse(await readFile(resolve(REFERENCE_ROOT, '../../node_modules/@lukehagar/plexjs/package.json'), 'utf8')) as {
    version: string;
  };
  return {
    plexjsVersion: manifest.version,
    plexjs: await bundleSize(documented, 'plexjs-signin'),
    plexjsFromSource: await bundleSize(fromSource, 'plexjs-signin'),
    ownClient: await bundleSize(documented, 'own-signin'),
  };
}

/** Both reference sign-ins really sign in against the fake Plex: the comparison is between working code. */
export async function verifyReferences(fake: FakePlex): Promise<{ plexjs: boolean; ownClient: boolean }> {
  const attempt = async (signIn: (options: SignInOptions) => Promise<string>) => {
    let approval: Promise<unknown> = Promise.resolve();
    const token = await signIn({
      clientID: `reference-${Math.random().toString(36).slice(2)}`,
      clientName: 'Sign-in size reference',
      serverURL: `${fake.url}/api/v2`,
      onCode: (code) => void (approval = fake.approve({ code })),
    });
    await approval;
    return token.length > 0;
  };
  return { plexjs: await attempt(signInWithPlexjs), ownClient: await attempt(signInWithOwnClient) };
}
