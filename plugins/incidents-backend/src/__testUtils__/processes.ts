import { spawnSync } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { createServer } from 'node:net';

/**
 * The real programs tests run beside the backend (Prometheus, Alertmanager, PostgreSQL):
 * where to find them, and a free loopback port for each.
 */

/** The path of the first of `candidates` on PATH, or `$envName`; throws when none is there. */
export function binary(envName: string, candidates: string[]): string {
  const fromEnv = process.env[envName];
  if (fromEnv) {
    try {
      accessSync(fromEnv, fsConstants.X_OK);
    } catch {
      throw new Error(`${envName}=${fromEnv} is not an executable file`);
    }
    return fromEnv;
  }
  for (const name of candidates) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], {
      encoding: 'utf8',
    });
    if (found.status === 0 && found.stdout.trim()) {
      return found.stdout.trim();
    }
  }
  throw new Error(
    `${candidates.join(' / ')} not found: install the Debian package ${
      candidates[0]
    } or set ${envName}; this test needs the real binary`,
  );
}

/** The ports {@link freePort} has handed out in this process. */
const handedOut = new Set<number>();

/**
 * A loopback port nobody listens on, and not one this process was handed before: a port
 * closed a moment ago can come back from the kernel at once, and two services of one test
 * would then be given the same port.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port: bound } = server.address() as { port: number };
        server.close(() => resolve(bound));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}
