import { ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import {
  guestToken,
  productionConfigArgs,
  productionConfigYaml,
  productionEnv,
  repoRoot,
} from './productionBackend';

/**
 * Replicas of the demo backend (packages/backend, from source) on their own ports, sharing
 * one PostgreSQL under a database prefix of their own, as several production replicas do.
 */

export interface Replica {
  name: string;
  port: number;
  base: string;
  process: ChildProcess;
  output: string[];
}

export interface ReplicaSet {
  replicas: Replica[];
  prefix: string;
  /** A guest user's token (the same secret signs for every replica). */
  token: string;
  stop(): Promise<void>;
}

async function waitForHealth(replica: Replica, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (replica.process.exitCode !== null) {
      throw new Error(
        `${replica.name} exited: ${replica.output.join('').slice(-2000)}`,
      );
    }
    try {
      const res = await fetch(`${replica.base}/api/incidents/health`);
      if (res.ok) return;
    } catch {
      // starting
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `${replica.name} did not start: ${replica.output.join('').slice(-2000)}`,
  );
}

/** Drops every database of the prefix (the catalog's, the incidents', ...). */
export async function dropPrefixedDatabases(pgUrl: string, prefix: string) {
  const admin = knexFactory({ client: 'pg', connection: `${pgUrl}/postgres` });
  try {
    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
}

/** Starts `ports.length` replicas; `config` (YAML) is added to the production config. */
export async function startReplicas(options: {
  pgUrl: string;
  ports: number[];
  prefix: string;
  config: string;
  timeoutMs?: number;
}): Promise<ReplicaSet> {
  const configFile = path.join(os.tmpdir(), `${options.prefix}config.yaml`);
  writeFileSync(
    configFile,
    `${productionConfigYaml(options.prefix)}${options.config}\n`,
  );
  const spawnReplica = (port: number, i: number): Replica => {
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        path.join(repoRoot, 'packages/backend/src/index.ts'),
        ...productionConfigArgs(configFile),
      ],
      {
        cwd: path.join(repoRoot, 'packages/backend'),
        env: productionEnv({
          port,
          pgUrl: options.pgUrl,
          secret: 'scale-out-test-secret',
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const replica: Replica = {
      name: `replica-${i + 1}`,
      port,
      base,
      process: child,
      output: [],
    };
    const keep = (chunk: Buffer) => {
      replica.output.push(chunk.toString());
      if (replica.output.length > 200) replica.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return replica;
  };
  const replicas: Replica[] = [];
  const stop = async () => {
    for (const r of replicas) {
      if (r.process.exitCode === null && r.process.signalCode === null) {
        r.process.kill('SIGTERM');
      }
    }
    await Promise.all(
      replicas.map(
        r =>
          new Promise<void>(resolve => {
            if (r.process.exitCode !== null || r.process.signalCode !== null) {
              resolve();
              return;
            }
            const timer = setTimeout(() => {
              r.process.kill('SIGKILL');
              resolve();
            }, 10_000);
            r.process.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
          }),
      ),
    );
  };
  try {
    // One at a time: the first creates and migrates the databases.
    for (const [i, port] of options.ports.entries()) {
      const replica = spawnReplica(port, i);
      replicas.push(replica);
      await waitForHealth(replica, options.timeoutMs ?? 150_000);
    }
    const token = await guestToken(replicas[0].base);
    return { replicas, prefix: options.prefix, token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
