import { TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { api, startIncidentsBackend } from '../../__testUtils__/testBackend';
import { alertmanagerActor } from '../../alerts/adapters/alertmanager';
import { adoptLegacyAlertmanagerScopes } from './legacyScopes';

const configured = (...names: string[]) =>
  names.map(name => ({ name, actor: alertmanagerActor(name) }));

jest.setTimeout(120_000);

const MIGRATION = '20261201150100_alertmanager_receiver_scope.js';
const directory = path.resolve(__dirname, '../../../migrations');
const receivers = [
  { name: 'firebreak', token: 'token-firebreak-0123456789' },
  { name: 'ProdAM', token: 'token-prodam-0123456789abc' },
];

const notification = (
  receiver: string,
  status: 'firing' | 'resolved',
  fingerprint: string,
) => ({
  version: '4',
  groupKey: `g-${fingerprint}`,
  truncatedAlerts: 0,
  status,
  receiver,
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager.example.com',
  alerts: [
    {
      status,
      labels: { alertname: `Disk${fingerprint}`, severity: 'sev3' },
      annotations: { summary: 'Disk almost full' },
      startsAt: '2026-11-27T10:00:00.000Z',
      endsAt:
        status === 'resolved'
          ? '2026-11-27T11:00:00.000Z'
          : '0001-01-01T00:00:00Z',
      fingerprint,
    },
  ],
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'Alertmanager alerts stored by 0.1.0 on %s',
  databaseId => {
    let knex: Knex;
    let server: Server;

    const post = (
      receiver: (typeof receivers)[number],
      status: 'firing' | 'resolved',
      fingerprint: string,
    ) =>
      request(server)
        .post(api('/v1/alerts/alertmanager'))
        .set('Authorization', `Bearer ${receiver.token}`)
        .send(notification(receiver.name, status, fingerprint))
        .expect(200);
    const rows = (fingerprint: string) =>
      knex('alerts')
        .where({ dedup_key: fingerprint })
        .orderBy('received_at')
        .select('scope', 'status');

    /** The database as 0.1.0 left it: every Alertmanager alert in the namespace ''. */
    async function asBefore() {
      await knex.migrate.down({ directory, name: MIGRATION });
      await knex('alerts')
        .where({ source: 'alertmanager' })
        .update({ scope: '' });
    }

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startIncidentsBackend({
        knex,
        catalog: catalogServiceMock({ entities: [] }),
        config: { incidents: { alerts: { alertmanager: { receivers } } } },
      });
    });

    it('are resolved by their receiver after the upgrade, not started afresh', async () => {
      await post(receivers[0], 'firing', 'aa01');
      await post(receivers[1], 'firing', 'bb01');
      await asBefore();
      expect(await rows('aa01')).toEqual([{ scope: '', status: 'firing' }]);

      await knex.migrate.up({ directory, name: MIGRATION });
      // A receiver named in lower case is known from the actor alone ...
      expect(await rows('aa01')).toEqual([
        { scope: 'firebreak', status: 'firing' },
      ]);
      // ... one with capitals once the plugin starts with its configuration.
      expect(await rows('bb01')).toEqual([
        { scope: 'prodam', status: 'firing' },
      ]);
      expect(
        await adoptLegacyAlertmanagerScopes(
          knex,
          configured(...receivers.map(r => r.name)),
        ),
      ).toBe(1);
      expect(await rows('bb01')).toEqual([
        { scope: 'ProdAM', status: 'firing' },
      ]);
      expect(
        await adoptLegacyAlertmanagerScopes(
          knex,
          configured(...receivers.map(r => r.name)),
        ),
      ).toBe(0);

      await post(receivers[0], 'resolved', 'aa01');
      await post(receivers[1], 'resolved', 'bb01');
      expect(await rows('aa01')).toEqual([
        { scope: 'firebreak', status: 'resolved' },
      ]);
      expect(await rows('bb01')).toEqual([
        { scope: 'ProdAM', status: 'resolved' },
      ]);
    });

    it('leaves an old alert alone when its receiver has posted it again since', async () => {
      await post(receivers[0], 'firing', 'cc01');
      await asBefore();
      // Posted again by a build that had the receiver namespace but not this migration.
      await post(receivers[0], 'firing', 'cc01');
      await knex.migrate.up({ directory, name: MIGRATION });
      expect(await rows('cc01')).toEqual([
        { scope: '', status: 'firing' },
        { scope: 'firebreak', status: 'firing' },
      ]);
    });

    it('does not guess between two receivers whose names differ only in case', async () => {
      await knex('alerts')
        .where({ dedup_key: 'bb01' })
        .update({ scope: 'prodam' });
      expect(
        await adoptLegacyAlertmanagerScopes(
          knex,
          configured('ProdAM', 'PRODAM'),
        ),
      ).toBe(0);
      expect(
        await adoptLegacyAlertmanagerScopes(
          knex,
          configured('ProdAM', 'prodam'),
        ),
      ).toBe(0);
      expect(await rows('bb01')).toEqual([
        { scope: 'prodam', status: 'resolved' },
      ]);
    });

    it('rolls back to the shared namespace where that is unambiguous', async () => {
      await knex.migrate.down({ directory, name: MIGRATION });
      expect(await rows('aa01')).toEqual([{ scope: '', status: 'resolved' }]);
      // cc01 is held under two namespaces: 0.1.0 could keep only one, both stay.
      expect((await rows('cc01')).map(r => r.scope)).toEqual(['', 'firebreak']);
      await knex.migrate.latest({ directory });
    });
  },
);
