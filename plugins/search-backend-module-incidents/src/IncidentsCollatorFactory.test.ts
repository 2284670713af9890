import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The collator is tested against the real incidents backend, not a fake of its API.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import incidentsPlugin from '@firebreak/plugin-incidents-backend';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { IncidentsCollatorFactory } from './IncidentsCollatorFactory';
import { IncidentDocument } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('IncidentsCollatorFactory', () => {
  it('indexes incidents and published postmortems, nothing restricted', async () => {
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestBackend({
      features: [
        incidentsPlugin,
        mockServices.database.factory({ knex }),
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () =>
            catalogServiceMock({
              entities: [
                {
                  apiVersion: 'backstage.io/v1alpha1',
                  kind: 'Component',
                  metadata: { name: 'checkout', namespace: 'default' },
                  spec: { owner: 'group:default/payments' },
                  relations: [
                    { type: 'ownedBy', targetRef: 'group:default/payments' },
                  ],
                },
              ],
            }),
        }),
      ],
    });
    const server = backend.server;
    const api = (path: string) => `/api/incidents${path}`;
    const recover = async (title: string, publish: boolean) => {
      const { body: incident } = await request(server)
        .post(api('/v1/incidents'))
        .send({
          title,
          severity: 'SEV2',
          summary: `${title} summary`,
          affectedEntityRefs: ['component:default/checkout'],
        })
        .expect(201);
      for (const transition of [
        'start-triage',
        'root-cause-found',
        'deploy-full',
        'recovered',
      ]) {
        await request(server)
          .post(api(`/v1/incidents/${incident.ref}/transitions`))
          .send({ transition })
          .expect(200);
      }
      await request(server)
        .put(api(`/v1/incidents/${incident.ref}/postmortem`))
        .send({
          version: 1,
          sections: { rootCause: `${title}: expired certificate` },
        })
        .expect(200);
      if (publish) {
        for (const [status, version] of [
          ['in_review', 2],
          ['published', 3],
        ] as const) {
          await request(server)
            .post(api(`/v1/incidents/${incident.ref}/postmortem/status`))
            .send({ status, version })
            .expect(200);
        }
      }
      return incident as { id: string; ref: string };
    };
    const published = await recover('Checkout errors', true);
    const draft = await recover('Cart slow', false);
    const secret = await recover('Token leak', true);
    await knex('incidents')
      .where({ id: secret.id })
      .update({ restricted: true });

    const port = (server.address() as AddressInfo).port;
    const factory = IncidentsCollatorFactory.fromConfig({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async () => `http://localhost:${port}/api/incidents`,
        getExternalBaseUrl: async () =>
          `http://localhost:${port}/api/incidents`,
      },
      logger: mockServices.logger.mock(),
    });
    const documents: IncidentDocument[] = [];
    for await (const doc of await factory.getCollator()) documents.push(doc);

    expect(documents.map(d => [d.kind, d.location])).toEqual([
      ['incident', `/incidents/${draft.ref}`],
      ['incident', `/incidents/${published.ref}`],
      ['postmortem', `/postmortems/${published.ref}`],
    ]);
    const postmortem = documents[2];
    expect(postmortem).toMatchObject({
      title: `Postmortem: ${published.ref} Checkout errors`,
      status: 'published',
      severity: 'SEV2',
      entityRefs: ['component:default/checkout'],
    });
    expect(postmortem.text).toContain('Checkout errors: expired certificate');
    expect(postmortem.text).toContain('1. Incident Summary');
    expect(JSON.stringify(documents)).not.toContain('Token leak');
    // Each result is authorized per reader on its incident when searched.
    expect(factory.visibilityPermission.name).toBe('incident.read');
    expect(documents.map(d => d.authorization)).toEqual([
      { resourceRef: draft.id },
      { resourceRef: published.id },
      { resourceRef: published.id },
    ]);
    await backend.stop();
  });
});
