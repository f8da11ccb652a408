import { FakeError } from './errors';
import { parseServerFault } from './faults';
import { FakeMediaServer } from './media-server';
import { replaceLibrary } from './sections';
import { parseServerSpec } from './server-spec';
import type { FakeServerInfo, LoggedServerRequest } from './types';

/** The fake media servers of the account, their shared request log, and their faults. */
export class MediaServers {
  private servers: FakeMediaServer[] = [];
  private log: LoggedServerRequest[] = [];
  private shutDown = false;

  async add(input: unknown): Promise<FakeServerInfo> {
    if (this.shutDown) throw new FakeError('fake Plex is closed', 409);
    const spec = parseServerSpec(input);
    // serverFault() and the resources' clientIdentifier name servers by it, so it must be unique.
    if (this.servers.some((s) => s.spec.machineIdentifier === spec.machineIdentifier)) {
      throw new FakeError(`a server with machineIdentifier ${spec.machineIdentifier} already runs`, 409);
    }
    const server = new FakeMediaServer(spec, (entry) => this.log.push(entry));
    // Listed before it starts, so a reset() or close() meanwhile stops it too.
    this.servers.push(server);
    try {
      await server.start();
    } catch (error) {
      this.servers = this.servers.filter((s) => s !== server);
      await server.close();
      throw error;
    }
    if (!this.servers.includes(server)) throw new FakeError('the fake was reset while the server was starting', 409);
    return server.info();
  }

  /** Servers whose listeners are all up, oldest first. */
  live(): FakeMediaServer[] {
    return this.servers.filter((s) => s.ports.length === s.spec.connections.length);
  }

  list(): FakeServerInfo[] {
    return this.live().map((s) => s.info());
  }

  requests(): LoggedServerRequest[] {
    return this.log.map((r) => ({ ...r, query: { ...r.query }, headers: { ...r.headers } }));
  }

  setLibrary(machineIdentifier: unknown, library: unknown): void {
    const server = this.servers.find((s) => s.spec.machineIdentifier === machineIdentifier);
    if (!server) throw new FakeError(`no server with machineIdentifier ${String(machineIdentifier)}`, 404);
    replaceLibrary(server.spec, library);
  }

  fault(input: unknown): void {
    const { machineIdentifier, ...fault } = parseServerFault(input);
    const server = this.servers.find((s) => s.spec.machineIdentifier === machineIdentifier);
    if (!server) throw new FakeError(`no server with machineIdentifier ${machineIdentifier}`, 404);
    server.faults.add({ ...fault, path: fault.path ?? '/' });
  }

  /** Stop every server; with `final`, refuse new ones too (the fake is closing). */
  async removeAll(final = false): Promise<void> {
    if (final) this.shutDown = true;
    const servers = this.servers;
    this.servers = [];
    await Promise.all(servers.map((s) => s.close()));
  }

  clearLog(): void {
    this.log = [];
  }
}
