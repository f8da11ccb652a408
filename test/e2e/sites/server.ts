import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { selfSignedCertificate } from './cert';
import { FIXTURE_HOSTS, fixturePage } from './fixtures';

export interface SiteRequest {
  host: string;
  /** Path with query string, as requested. */
  path: string;
}

export interface Sites {
  /** The HTTPS server on 127.0.0.1 that serves every fixture host (by its Host header). */
  httpsPort: number;
  /** A plain HTTP proxy on 127.0.0.1 that only tunnels CONNECT <fixture host>:443 into the HTTPS server. */
  proxyPort: number;
  /** The real host names served: www.imdb.com, m.imdb.com, www.themoviedb.org */
  hosts: string[];
  /** https://<host>/<path> */
  urlFor(host: string, path: string): string;
  /** Every request the HTTPS server answered, oldest first. */
  requests(): SiteRequest[];
  /** What the proxy turned away ("CONNECT example.com:443", "GET http://…"): proof nothing went further. */
  refused(): string[];
  close(): Promise<void>;
}

/** Firefox has no --host-resolver-rules, so it goes through the proxy, which refuses any host but the fixtures' ones. */
export async function startSites(): Promise<Sites> {
  const hosts: string[] = [...FIXTURE_HOSTS];
  const { key, cert } = await selfSignedCertificate(hosts);
  const log: SiteRequest[] = [];
  const refusals: string[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const https: HttpsServer = createHttpsServer({ key, cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = req.url ?? '/';
    log.push({ host, path });
    if (!hosts.includes(host)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`unknown host ${host}\n`);
      return;
    }
    if (path.split('?')[0] === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    const page = fixturePage(host, path);
    res.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page.body);
  });
  https.on('connection', track);
  https.on('tlsClientError', () => undefined);

  const proxy: HttpServer = createHttpServer((req, res) => {
    // Plain-HTTP proxying (GET http://…) is never allowed: the fixtures are HTTPS only.
    refusals.push(`${req.method} ${req.url}`);
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' }).end('refused by the e2e sites proxy\n');
  });
  proxy.on('connection', track);
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    const [host, port] = target.split(/:(?=\d+$)/);
    client.on('error', () => undefined);
    if (!host || port !== '443' || !hosts.includes(host.toLowerCase())) {
      refusals.push(`CONNECT ${target}`);
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(httpsPort, '127.0.0.1');
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  });

  const listen = (server: HttpServer | HttpsServer) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const httpsPort = await listen(https);
  const proxyPort = await listen(proxy);

  return {
    httpsPort,
    proxyPort,
    hosts,
    urlFor: (host, path) => `https://${host}/${path.replace(/^\//, '')}`,
    requests: () => [...log],
    refused: () => [...refusals],
    async close() {
      const closed = [https, proxy].map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
      for (const socket of sockets) socket.destroy();
      await Promise.all(closed);
    },
  };
}
