import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { DatabaseAlertsStore } from '../database/DatabaseAlertsStore';
import { DatabaseIncidentsStore } from '../database/DatabaseIncidentsStore';
import { NewIncident } from '../domain';
import { startIncidentsBackend } from '../__testUtils__/testBackend';
import {
  ALERT_RETENTION_TASK_ID,
  AlertRetentionJob,
} from './AlertRetentionJob';

jest.setTimeout(120_000);

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-11-27T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

const newIncident = (title: string): NewIncident => ({
  title,
  summary: '',
  customerImpact: '',
  severity: 'SEV3',
  regions: [],
  restricted: false,
  source: 'manual',
  createdBy: 'user:default/alice',
  declaredAt: daysAgo(90).toISOString(),
  entities: [],
  timeline: [{ kind: 'declared', body: 'Declared SEV3', details: {} }],
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'AlertRetentionJob on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseAlertsStore;
    let openIncident: string;
    let closedIncident: string;

    const clock = { now: () => NOW };
    const job = (batchSize?: number) =>
      new AlertRetentionJob({
        store,
        retentionMs: 30 * DAY,
        logger: mockServices.logger.mock(),
        clock,
        batchSize,
      });

    /** Inserts an alert; returns its id. */
    const alert = async (options: {
      status?: string;
      updated: Date;
      lastSeen?: Date;
      incidentId?: string;
    }) => {
      const id = randomUUID();
      await knex('alerts').insert({
        id,
        source: 'alertmanager',
        scope: '',
        dedup_key: id,
        group_key: 'g',
        incident_group: 'g',
        incident_group_hash: 'h',
        status: options.status ?? 'resolved',
        name: 'HighErrorRate',
        summary: 'Errors',
        labels: '{}',
        annotations: '{}',
        links: '[]',
        details: '{}',
        entity_ref: 'component:default/checkout',
        rule_ids: '[]',
        rule_roles: '[]',
        restricted: false,
        starts_at: options.updated,
        ends_at: options.status === 'firing' ? null : options.updated,
        incident_id: options.incidentId ?? null,
        actor: 'alertmanager:default/firebreak',
        occurrences: 1,
        received_at: options.updated,
        last_seen_at: options.lastSeen ?? options.updated,
        updated_at: options.updated,
        content_hash: 'x',
      });
      return id;
    };
    const remaining = async () =>
      new Set(
        (await knex('alerts').select('id')).map((r: { id: string }) => r.id),
      );

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      const incidents = await DatabaseIncidentsStore.create({ database });
      store = await DatabaseAlertsStore.create({ database });
      openIncident = (await incidents.declareIncident(newIncident('Open'))).id;
      closedIncident = (await incidents.declareIncident(newIncident('Closed')))
        .id;
      await knex('incidents')
        .where({ id: closedIncident })
        .update({ phase: 'closed' });
    });

    it('deletes old resolved alerts and keeps the rest', async () => {
      const expired = await alert({ updated: daysAgo(31) });
      const ofClosed = await alert({
        updated: daysAgo(40),
        incidentId: closedIncident,
      });
      const kept = {
        recent: await alert({ updated: daysAgo(29) }),
        seenRecently: await alert({
          updated: daysAgo(31),
          lastSeen: daysAgo(1),
        }),
        firing: await alert({ status: 'firing', updated: daysAgo(60) }),
        acknowledged: await alert({
          status: 'acknowledged',
          updated: daysAgo(60),
        }),
        ofOpen: await alert({ updated: daysAgo(60), incidentId: openIncident }),
        movedFromOpen: await alert({
          updated: daysAgo(60),
          incidentId: closedIncident,
        }),
      };
      // History rows: one of the closed incident (goes with its alert), one of the open one.
      await knex('incident_alerts').insert([
        {
          incident_id: closedIncident,
          alert_id: expired,
          moved_at: daysAgo(35),
        },
        {
          incident_id: openIncident,
          alert_id: kept.movedFromOpen,
          moved_at: daysAgo(50),
        },
      ]);

      expect(await job().run()).toBe(2);

      const left = await remaining();
      expect(left.has(expired)).toBe(false);
      expect(left.has(ofClosed)).toBe(false);
      for (const [name, id] of Object.entries(kept)) {
        expect({ name, kept: left.has(id) }).toEqual({ name, kept: true });
      }
      expect(
        await knex('incident_alerts').select('incident_id', 'alert_id'),
      ).toEqual([{ incident_id: openIncident, alert_id: kept.movedFromOpen }]);

      // Nothing more to do; a day later the 29-day-old one goes too.
      expect(await job().run()).toBe(0);
      clock.now = () => new Date(NOW.getTime() + 2 * DAY);
      try {
        expect(await job().run()).toBe(1);
      } finally {
        clock.now = () => NOW;
      }
      expect((await remaining()).has(kept.recent)).toBe(false);
    });

    it('deletes a backlog in batches', async () => {
      for (let i = 0; i < 25; i++) {
        await alert({ updated: daysAgo(31 + i) });
      }
      const recent = await alert({ updated: daysAgo(1) });
      const deletes: string[] = [];
      const onQuery = (q: { sql: string }) => {
        if (/^delete/i.test(q.sql.trim())) deletes.push(q.sql);
      };
      knex.on('query', onQuery);
      try {
        expect(await job(10).run()).toBe(25);
      } finally {
        knex.off('query', onQuery);
      }
      expect(deletes).toHaveLength(3); // 10 + 10 + 5
      expect([...(await remaining())]).toEqual([recent]);
    });

    it('runs as a global task with incidents.alerts.retention', async () => {
      const scheduler = mockServices.scheduler.mock();
      await startIncidentsBackend({
        knex,
        catalog: catalogServiceMock({ entities: [] }),
        config: { incidents: { alerts: { retention: '7d' } } },
        features: [scheduler.factory],
      });
      const task = scheduler.scheduleTask.mock.calls
        .map(([t]) => t)
        .find(t => t.id === ALERT_RETENTION_TASK_ID);
      expect(task).toMatchObject({ scope: 'global', frequency: { hours: 1 } });

      // The plugin runs on the system clock.
      const now = Date.now();
      const old = await alert({ updated: new Date(now - 8 * DAY) });
      const recent = await alert({ updated: new Date(now - 6 * DAY) });
      await task!.fn(new AbortController().signal);
      const left = await remaining();
      expect([left.has(old), left.has(recent)]).toEqual([false, true]);
    });

    it('stops between batches when aborted', async () => {
      for (let i = 0; i < 5; i++) {
        await alert({ updated: daysAgo(31 + i) });
      }
      const controller = new AbortController();
      controller.abort();
      expect(await job(2).run(controller.signal)).toBe(0);
      expect((await remaining()).size).toBe(5);
    });
  },
);
