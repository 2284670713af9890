import { TestDatabases } from '@backstage/backend-test-utils';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

/** Runs one replica process (src/__testUtils__/outboxReplica.ts) to its end, or its death. */
function replica(mode: 'crash' | 'deliver', connection: unknown, out: string) {
  return spawnSync(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.resolve(__dirname, '../../__testUtils__/outboxReplica.ts'),
    ],
    {
      env: {
        ...process.env,
        REPLICA_MODE: mode,
        REPLICA_CONNECTION: JSON.stringify(connection),
        REPLICA_OUT: out,
        // The dead replica claimed its effects for a minute: the next one runs after that.
        REPLICA_SKEW_MS: mode === 'deliver' ? '61000' : '0',
      },
      encoding: 'utf8',
      timeout: 90_000,
    },
  );
}

describe('a replica killed between the commit and the delivery', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'firebreak-crash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(databases.eachSupportedId())(
    'loses no page: another replica delivers it once, with its signal (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const connection = knex.client.config.connection;
      const out = path.join(dir, 'replicas.jsonl');

      const crashed = replica('crash', connection, out);
      expect(crashed.signal).toBe('SIGKILL');

      // The declaration committed with its effects in the outbox, none delivered.
      const incident = await knex('incidents').first('id', 'number');
      expect(incident).toBeDefined();
      const pending = await knex('incident_outbox')
        .whereNull('delivered_at')
        .orderBy('id')
        .select('type', 'key');
      expect(pending.map(p => p.type)).toEqual(['notify', 'signal', 'event']);

      const delivered = replica('deliver', connection, out);
      expect(delivered.status).toBe(0);
      // And again, as the scheduled task would next time round: nothing twice.
      expect(replica('deliver', connection, out).status).toBe(0);

      const lines = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map(line => JSON.parse(line));
      expect(lines.filter(l => l.error)).toEqual([]);
      expect(lines.filter(l => l.mode === 'crash')).toEqual([]);
      const pages = lines.filter(
        l => l.notification?.payload.topic === 'firebreak-page',
      );
      expect(pages).toHaveLength(1);
      expect(pages[0].notification.recipients).toEqual({
        type: 'entity',
        entityRef: ['user:default/pat'],
      });
      const signals = lines.filter(
        l =>
          l.signal?.channel === 'firebreak:incidents' &&
          l.signal.message.incidentId === incident.id,
      );
      expect(signals).toHaveLength(1);
      expect(signals[0].signal.message).toMatchObject({ kind: 'declared' });
      expect(lines.filter(l => 'delivered' in l).map(l => l.delivered)).toEqual(
        [3, 0],
      );
      expect(
        await knex('incident_outbox').whereNull('delivered_at').select('key'),
      ).toEqual([]);
    },
  );
});
