import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Certificate {
  /** PEM private key */
  key: string;
  /** PEM certificate */
  cert: string;
}

/** The browsers accept it (--ignore-certificate-errors, acceptInsecureCerts), so it needs no CA; it lives two days and is never stored. */
export async function selfSignedCertificate(hosts: readonly string[], keyType: 'rsa' | 'ec' = 'rsa'): Promise<Certificate> {
  const dir = await mkdtemp(join(tmpdir(), 'sidekick-cert-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  try {
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      // An EC key is made in milliseconds, an RSA one in a few hundred: the fake media servers make one each.
      ...(keyType === 'ec' ? ['ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'] : ['rsa:2048']),
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${hosts[0] ?? 'localhost'}/O=Sidekick e2e fixtures`,
      '-addext',
      `subjectAltName=${hosts.map((host) => `DNS:${host}`).join(',')}`,
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ]);
    return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('The e2e site tests need the openssl command to make a certificate: apt-get install -y openssl', {
        cause: error,
      });
    }
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
