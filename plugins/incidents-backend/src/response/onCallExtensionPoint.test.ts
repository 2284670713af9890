import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  OnCallProvider,
  incidentsOnCallExtensionPoint,
} from '@firebreak/plugin-incidents-node';
import request from 'supertest';
import { incidentsPlugin } from '../plugin';
import { group } from '../__testUtils__/entities';

jest.setTimeout(60_000);

const roster: OnCallProvider = {
  async getOnCall({ groupRef, at, scheduleId }) {
    return {
      groupRef,
      scheduleId: `roster:${scheduleId}`,
      current: {
        userRef: 'user:default/from-roster',
        start: at.toISOString(),
        end: new Date(at.getTime() + 3_600_000).toISOString(),
      },
      next: undefined,
      rotation: ['user:default/from-roster'],
    };
  },
};

const installing = (moduleId: string) =>
  createBackendModule({
    pluginId: 'incidents',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { oncall: incidentsOnCallExtensionPoint },
        async init({ oncall }) {
          oncall.setOnCallProvider(roster);
        },
      });
    },
  });

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('incidentsOnCallExtensionPoint', () => {
  const features = async () => [
    incidentsPlugin,
    mockServices.database.factory({ knex: await databases.init('SQLITE_3') }),
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () =>
        catalogServiceMock({
          entities: [group('payments', { schedule: 'pd-123' })],
        }),
    }),
  ];

  it('replaces the app-config provider; the group’s annotation is passed as scheduleId', async () => {
    const { server } = await startTestBackend({
      features: [...(await features()), installing('roster')],
    });
    const res = await request(server).get(
      '/api/incidents/v1/oncall?groupRef=payments',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      groupRef: 'group:default/payments',
      scheduleId: 'roster:pd-123',
      current: { userRef: 'user:default/from-roster' },
    });
  });

  it('accepts only one provider', async () => {
    await expect(
      startTestBackend({
        features: [...(await features()), installing('one'), installing('two')],
      }),
    ).rejects.toThrow(/only one can be/);
  });
});
