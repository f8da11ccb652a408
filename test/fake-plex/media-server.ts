import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { selfSignedCertificate, type Certificate } from '../e2e/sites/cert';
import { FakeError } from './errors';
import { applyFault, FaultQueue } from './faults';
import { sendRaw } from './format';
import { closeHttpServer, listenLocal } from './listen';
import { logEntry } from './log';
import { serveMedia } from './media-routes';
import { PUBLIC_ADDRESS } from './resources';
import type { ServerSpec } from './server-spec';
import type { ConnectionBehaviour, FakeConnectionInfo, FakeServerInfo, LoggedServerRequest } from './types';

// Where a remote relay connection leads: a documentation address (RFC 5737), like the public one.
const RELAY_ADDRESS = '198.51.100.24';

/** A port that refuses connections: free it right after the OS hands it out. */
async function refusedPort(): Promise<number> {
  const server = createNetServer();
  const port = await listenLocal(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A listener on 127.0.0.1 per connection, so a test can tell from the log which connection a client chose. */
export class FakeMediaServer {
  readonly createdAt = Date.now();
  readonly faults = new FaultQueue();
  /** Parallel to spec.connections once started. */
  readonly ports: number[] = [];
  private readonly listeners: Server[] = [];
  private readonly hanging = new Set<ServerResponse>();
  // What a 'wrong-identity' connection claims to be: whatever server got that address instead.
  private readonly impostor = randomBytes(20).toString('hex');
  /** 32 hex digits per server (PlexKodiConnect #1724; ruhrscholz.mataroa.blog, "Clearing up Plex networking internals"). */
  readonly hash = randomBytes(16).toString('hex');
  private certificate: Promise<Certificate> | undefined;
  private starting: Promise<void> | undefined;
  private closed = false;

  constructor(
    readonly spec: ServerSpec,
    private readonly record: (entry: LoggedServerRequest) => void,
  ) {}

  start(): Promise<void> {
    return (this.starting ??= this.openAll());
  }

  info(): FakeServerInfo {
    const { name, machineIdentifier, accessToken, owned } = this.spec;
    return { name, machineIdentifier, accessToken, owned, connections: this.spec.connections.map((_, index) => this.connection(index)) };
  }

  /** includeHttps=1 puts the address inside a plex.direct name; python-plexapi (myplex.py ResourceConnection) also derives http:// ones. */
  connection(index: number): FakeConnectionInfo {
    const { local, relay, behaviour, protocol } = this.spec.connections[index]!;
    const port = this.ports[index] ?? 0;
    if (protocol === 'http') return { uri: `http://127.0.0.1:${port}`, protocol, address: '127.0.0.1', port, local, relay, behaviour };
    const address = relay ? RELAY_ADDRESS : local ? '127.0.0.1' : PUBLIC_ADDRESS;
    const uri = `https://${address.replaceAll('.', '-')}.${this.hash}.plex.direct:${port}`;
    return { uri, protocol, address, port, local, relay, behaviour };
  }

  /** Safe to call while start() is still running: waits for it, then closes whatever it opened. */
  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => {});
    for (const res of this.hanging) res.socket?.destroy();
    this.hanging.clear();
    await Promise.all(this.listeners.map(closeHttpServer));
  }

  private async openAll(): Promise<void> {
    for (const [index, { behaviour }] of this.spec.connections.entries()) {
      if (this.closed) throw new FakeError('media server stopped while starting', 409);
      this.ports.push(behaviour === 'refuse' ? await refusedPort() : await this.listen(index, behaviour));
    }
  }

  private async listen(index: number, behaviour: ConnectionBehaviour): Promise<number> {
    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      try {
        this.handle(req, res, index, behaviour);
      } catch (error) {
        // A bug in the fake should fail the test loudly, not look like a flaky server.
        console.error('fake media server crashed on', req.method, req.url, error);
        if (!res.headersSent) sendRaw(res, 500, 'text/plain; charset=utf-8', `fake media server crashed: ${String(error)}`);
        else res.destroy();
      }
    };
    let server: Server;
    if (this.spec.connections[index]!.protocol === 'https') {
      this.certificate ??= selfSignedCertificate([`*.${this.hash}.plex.direct`], 'ec');
      server = createHttpsServer(await this.certificate, onRequest);
      // A client that rejects the self-signed certificate hangs up mid-handshake: not the fake's fault.
      server.on('tlsClientError', () => undefined);
    } else {
      server = createServer(onRequest);
    }
    // Registered before listening, so close() finds it however far start() got.
    this.listeners.push(server);
    return listenLocal(server);
  }

  private handle(req: IncomingMessage, res: ServerResponse, index: number, behaviour: ConnectionBehaviour): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.record({ ...logEntry(req, url), server: this.spec.machineIdentifier, connection: index });
    if (behaviour === 'hang') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if (behaviour === 'ok') {
      const fault = this.faults.take(req.method ?? 'GET', url.pathname);
      if (fault) return applyFault(res, fault, this.hanging);
    }
    const { redirectTo } = this.spec.connections[index]!;
    if (behaviour === 'redirect' && redirectTo !== undefined && url.pathname !== '/identity') {
      res.writeHead(302, { Location: `${this.connection(redirectTo).uri}${url.pathname}${url.search}`, 'Content-Length': '0' }).end();
      return;
    }
    serveMedia(req, res, url, this.spec, behaviour === 'wrong-identity' ? this.impostor : this.spec.machineIdentifier);
  }
}
