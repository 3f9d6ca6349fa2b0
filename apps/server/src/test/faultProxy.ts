import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between one server instance and a dependency (Redis, Postgres), which a test can cut
 * — every open connection destroyed and new ones refused (accepted and closed at once) — and
 * restore. That plays a restart, a failover or an outage of the dependency for this instance alone,
 * deterministically, without touching the machine's shared services.
 */
export class FaultProxy {
  private readonly server: Server;
  private readonly target: { host: string; port: number };
  private readonly pairs = new Set<Socket>();
  private down = false;
  /** Connections accepted over the proxy's life (reconnects show up here). */
  accepted = 0;

  private constructor(server: Server, target: { host: string; port: number }) {
    this.server = server;
    this.target = target;
  }

  /** Starts a proxy on a free loopback port in front of `host:port`. */
  static async start(host: string, port: number): Promise<FaultProxy> {
    const server = createServer();
    const proxy = new FaultProxy(server, { host, port });
    server.on('connection', (client) => proxy.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The proxy's port. */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString().replace(/\/$/, '');
  }

  private accept(client: Socket): void {
    if (this.down) return void client.destroy();
    this.accepted++;
    const upstream = createConnection(this.target);
    this.pairs.add(client);
    this.pairs.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(client);
      this.pairs.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** The dependency goes away: every connection is cut and new ones are refused until `restore`. */
  cut(): void {
    this.down = true;
    for (const socket of [...this.pairs]) socket.destroy();
    this.pairs.clear();
  }

  /** The dependency is back. */
  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
