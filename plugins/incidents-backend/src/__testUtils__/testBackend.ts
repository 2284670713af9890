import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PermissionEvaluator,
} from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import knexFactory, { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import { incidentsPlugin } from '../plugin';
import { contractProxy } from './contractProxy';

/** Shared by the HTTP tests: the plugin in a test backend, and what they check of errors. */

export type Authorize = PermissionEvaluator['authorize'];

/** A permission policy that denies the named permissions and allows the rest. */
export const denying =
  (...names: string[]): Authorize =>
  async requests =>
    requests.map(r => ({
      result: names.includes(r.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    }));

/** A path of the plugin's API. */
export const api = (path: string) => `/api/incidents${path}`;

/** A Backstage error response: its status, error name and (part of) its message. */
export function expectError(
  res: request.Response,
  status: number,
  name: string,
  message?: string,
) {
  expect({ status: res.status, name: res.body.error?.name }).toEqual({
    status,
    name,
  });
  if (message) {
    expect(res.body.error.message).toContain(message);
  }
}

/**
 * The PostgreSQL databases the HTTP tests' backends ran on, dropped by this module's own
 * afterAll hook: it runs before the one of TestDatabases (hooks run in the order they were
 * added, and this module is imported first), which allows only 60 s to drop them all.
 */
const pgDatabases = new Map<string, Knex.PgConnectionConfig>();
if (typeof afterAll === 'function') {
  afterAll(async () => {
    for (const [name, connection] of pgDatabases) {
      const admin = knexFactory({
        client: 'pg',
        connection: { ...connection, database: 'postgres' },
      });
      try {
        await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      } finally {
        await admin.destroy();
      }
    }
    pgDatabases.clear();
  }, 300_000);
}

type Feature = NonNullable<
  Parameters<typeof startTestBackend>[0]['features']
>[number];

/**
 * Starts the incidents plugin on `knex` with `catalog` and the root `config`; `features`
 * adds (mock) services. Resolves to the server the tests talk to: a proxy that checks every
 * response against openapi.yaml (see contractProxy.ts).
 */
export async function startIncidentsBackend(options: {
  knex: Knex;
  catalog: ReturnType<typeof catalogServiceMock>;
  config: JsonObject;
  features?: Feature[];
}): Promise<Server> {
  const { catalog } = options;
  const { client, connection } = options.knex.client.config;
  if (client === 'pg' && connection?.database) {
    pgDatabases.set(connection.database, connection);
  }
  const backend = await startTestBackend({
    features: [
      incidentsPlugin,
      mockServices.database.factory({ knex: options.knex }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      mockServices.rootConfig.factory({ data: options.config }),
      ...(options.features ?? []),
    ],
  });
  return contractProxy(backend.server);
}
