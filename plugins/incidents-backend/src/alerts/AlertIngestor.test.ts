import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createDeferred } from '@backstage/types';
import knexFactory, { Knex } from 'knex';
import path from 'node:path';
import { DatabaseAlertsStore } from '../database/DatabaseAlertsStore';
import { DatabaseIncidentsStore } from '../database/DatabaseIncidentsStore';
import { IncidentDeclarer } from '../response/IncidentDeclarer';
import { AlertIngestor } from './AlertIngestor';
import { CatalogRoutingSource } from './CatalogRoutingSource';
import { readAlertsConfig } from './config';
import { NormalizedAlert } from '../domain/alerts/types';

jest.setTimeout(60_000);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: {
      type: 'service',
      owner: 'group:default/team-checkout',
      lifecycle: 'production',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-checkout' }],
  },
];

const T0 = new Date('2026-11-27T10:00:00.000Z');

function alert(
  instance: string,
  overrides: Partial<NormalizedAlert> = {},
): NormalizedAlert {
  return {
    source: 'alertmanager',
    scope: '',
    dedupKey: `fp-${instance}`,
    groupKey: 'g-checkout',
    action: 'fire',
    statusOnly: false,
    name: 'FirebreakPaymentFailures',
    summary: 'checkout: payment failures above 1%',
    labels: {
      alertname: 'FirebreakPaymentFailures',
      severity: 'sev1',
      firebreak_trigger: 'payment_failures',
      service: 'checkout',
      instance,
    },
    annotations: {},
    startsAt: T0.toISOString(),
    links: [],
    details: {},
    actor: 'alertmanager:default/firebreak',
    ...overrides,
  };
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'AlertIngestor on %s',
  databaseId => {
    let knex: Knex;
    let now: Date;
    const clock = { now: () => now };

    async function replica(db: Knex) {
      const database = mockServices.database({ knex: db });
      const incidents = await DatabaseIncidentsStore.create({ database });
      const store = await DatabaseAlertsStore.create({ database });
      const catalog = catalogServiceMock({ entities });
      const logger = mockServices.logger.mock();
      const auth = mockServices.auth();
      const real = new IncidentDeclarer({
        store: incidents,
        catalog,
        logger,
        clock,
      });
      const declare = jest.fn(real.declare.bind(real));
      const ingestor = new AlertIngestor({
        store,
        routing: new CatalogRoutingSource({
          catalog,
          auth,
          logger,
          ttlMs: 60_000,
          clock,
        }),
        declarer: { declare } as unknown as IncidentDeclarer,
        auth,
        logger,
        config: readAlertsConfig(new ConfigReader({})),
        clock,
      });
      return { ingestor, incidents, store, declare, real };
    }

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      now = T0;
    });

    const incidentCount = async () =>
      Number((await knex('incidents').count({ n: '*' }).first())!.n);

    it('lets deliveries that arrive while an incident is being declared join it', async () => {
      const { ingestor, declare, real } = await replica(knex);
      const gate = createDeferred<void>();
      declare.mockImplementationOnce(async options => {
        await gate;
        return real.declare(options);
      });
      const first = ingestor.ingest([alert('a')]);
      while (declare.mock.calls.length === 0) {
        await new Promise(r => setTimeout(r, 5));
      }
      // The claim is committed: another delivery of the group stores its alert and waits.
      const second = await ingestor.ingest([alert('b')]);
      expect(second).toMatchObject({ created: 1, declared: [], declaring: 0 });
      expect(declare).toHaveBeenCalledTimes(1);
      gate.resolve();
      expect((await first).declared).toEqual(['INC-1']);
      const linked = await knex('alerts')
        .whereNotNull('incident_id')
        .count({ n: '*' })
        .first();
      expect(Number(linked!.n)).toBe(2);
      expect(await incidentCount()).toBe(1);
    });

    it('retries a failed declaration from its claim, once the claim is stale', async () => {
      const { ingestor, declare } = await replica(knex);
      declare.mockRejectedValueOnce(new Error('catalog unavailable'));
      const result = await ingestor.ingest([alert('a')]);
      expect(result).toMatchObject({ created: 1, declared: [] });
      expect(await incidentCount()).toBe(0);

      // A repeat does not declare while the claim is fresh: its holder may still be working.
      expect((await ingestor.ingest([alert('a')])).declared).toEqual([]);
      expect(await ingestor.declareAbandoned()).toEqual([]);

      now = new Date(T0.getTime() + ingestor.claimTimeoutMs + 1000);
      const finished = await ingestor.declareAbandoned();
      expect(finished.map(i => i.ref)).toEqual(['INC-1']);
      const row = await knex('alerts').first('incident_id');
      expect(row.incident_id).toBe(finished[0].id);
      expect(await ingestor.declareAbandoned()).toEqual([]);
    });

    it('releases the claim of a refused declaration, so the next firing claims again', async () => {
      const { ingestor, declare } = await replica(knex);
      declare.mockRejectedValueOnce(new InputError('entity not found'));
      expect((await ingestor.ingest([alert('a')])).declared).toEqual([]);
      const claims = await knex('alert_incident_groups').whereNotNull(
        'claim_token',
      );
      expect(claims).toHaveLength(0);
      // The alert is firing without an incident: its repeat is not a no-op, it claims again.
      expect((await ingestor.ingest([alert('a')])).declared).toEqual(['INC-1']);
    });

    it('answers before a slow declaration finishes, which completes in the background', async () => {
      const { ingestor, declare, real } = await replica(knex);
      (ingestor as any).deps.config.declarationWaitMs = 50;
      const gate = createDeferred<void>();
      declare.mockImplementationOnce(async options => {
        await gate;
        return real.declare(options);
      });
      const result = await ingestor.ingest([alert('a')]);
      expect(result).toMatchObject({ declared: [], declaring: 1 });
      gate.resolve();
      for (let i = 0; i < 100 && (await incidentCount()) === 0; i++) {
        await new Promise(r => setTimeout(r, 20));
      }
      for (let i = 0; i < 100; i++) {
        const row = await knex('alerts').first('incident_id');
        if (row.incident_id) break;
        await new Promise(r => setTimeout(r, 20));
      }
      expect(
        (await knex('alerts').first('incident_id')).incident_id,
      ).toBeTruthy();
    });

    if (databaseId === 'POSTGRES_15') {
      it('declares once when replicas on one database race for a new group', async () => {
        const connection = knex.client.config.connection;
        const others = Array.from({ length: 3 }, () =>
          knexFactory({ client: 'pg', connection, pool: { min: 1, max: 4 } }),
        );
        try {
          const replicas = [await replica(knex)];
          for (const other of others) replicas.push(await replica(other));
          // Rounds on fresh groups, each raced by every replica twice: the first deliveries
          // claim, the later ones wait on the claim's row while it is being completed.
          const rounds = 10;
          for (let round = 0; round < rounds; round++) {
            const g = { groupKey: `g-${round}` };
            const results = await Promise.all(
              replicas.flatMap((r, i) => [
                r.ingestor.ingest([
                  alert(`shared-${round}`, g),
                  alert(`own-${round}-${i}`, g),
                ]),
                r.ingestor.ingest([alert(`shared-${round}`, g)]),
              ]),
            );
            expect(results.flatMap(r => r.declared)).toHaveLength(1);
          }
          expect(await incidentCount()).toBe(rounds);
          const rows = await knex('alerts').select('incident_id', 'group_key');
          expect(rows).toHaveLength(rounds * 5);
          for (let round = 0; round < rounds; round++) {
            const ids = rows
              .filter(r => r.group_key === `g-${round}`)
              .map(r => r.incident_id);
            expect(ids.every(Boolean)).toBe(true);
            expect(new Set(ids).size).toBe(1);
          }
        } finally {
          await Promise.all(others.map(o => o.destroy()));
        }
      });
    }
  },
);

describe.each(databases.eachSupportedId())(
  'alerts migration on %s',
  databaseId => {
    it('migrates down and up again', async () => {
      const knex = await databases.init(databaseId);
      await DatabaseAlertsStore.create({
        database: mockServices.database({ knex }),
      });
      expect(await knex.schema.hasTable('alerts')).toBe(true);
      const directory = path.resolve(__dirname, '../../migrations');
      // Later migrations first, then the alerts migration itself.
      while (
        (await knex.migrate.currentVersion({ directory })) >= '20261127200000'
      ) {
        await knex.migrate.down({ directory });
      }
      expect(await knex.schema.hasTable('alerts')).toBe(false);
      expect(await knex.schema.hasTable('alert_incident_groups')).toBe(false);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('incident_alerts')).toBe(true);
    });
  },
);
