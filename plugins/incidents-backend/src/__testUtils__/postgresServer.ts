import { execFile, execFileSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './processes';

const execFileAsync = promisify(execFile);

/**
 * A PostgreSQL server of the test's own (Debian's binaries, a fresh cluster in a temporary
 * folder on a free loopback port), so that a test can stop and start it like an operator
 * restarting the database, without taking the shared server from the other tests.
 *
 * The binaries are the newest under /usr/lib/postgresql, or PG_BINDIR; without them this FAILS.
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
 */
export interface PostgresServer {
  /** `postgresql://postgres@127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Like `pg_ctl stop -m fast`: every connection is terminated. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes the cluster. */
  destroy(): Promise<void>;
}

function binDir(): string {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).sort((a, b) => Number(b) - Number(a))
    : [];
  const found = versions
    .map(v => path.join(root, v, 'bin'))
    .find(dir => existsSync(path.join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error(
      'PostgreSQL server binaries not found (install postgresql, or set PG_BINDIR)',
    );
  }
  return found;
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'firebreak-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  /** Runs a PostgreSQL tool (as `postgres` when this is root), without blocking the loop. */
  const run = async (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : path.join(bin, tool);
    const argv = asRoot
      ? ['-u', 'postgres', '--', path.join(bin, tool), ...args]
      : args;
    try {
      await execFileAsync(command, argv, { encoding: 'utf8' });
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${stderr || stdout}`);
    }
  };
  await run('initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
  ].join(' ');
  const start = () =>
    run('pg_ctl', [
      '-D',
      data,
      '-o',
      options,
      '-l',
      `${dir}/log`,
      '-w',
      'start',
    ]);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}`,
    port,
    start,
    stop,
    destroy: async () => {
      try {
        await stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
