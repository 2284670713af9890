import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a server (the tests' PostgreSQL), that a test can
 * cut — every open connection is reset and new ones are refused, as when the database goes
 * away — and restore on the same port.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static async start(targetHost: string, targetPort: number) {
    const proxy = new TcpProxy(targetHost, targetPort);
    await proxy.listen(0);
    return proxy;
  }

  private listen(port: number): Promise<void> {
    const server = net.createServer(client => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  /** The outage: open connections reset, new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) {
      socket.resetAndDestroy();
    }
    await new Promise<void>(resolve =>
      server ? server.close(() => resolve()) : resolve(),
    );
  }

  /** The database is back, on the same port. */
  async restore(): Promise<void> {
    if (!this.server) {
      await this.listen(this.port);
    }
  }

  async stop(): Promise<void> {
    await this.cut();
  }
}
