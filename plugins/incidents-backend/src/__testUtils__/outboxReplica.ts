/*
 * One backend replica of the incidents response, in a process of its own, for the crash test
 * (response/delivery/crash.test.ts): the plugin's own wiring (createResponse) on PostgreSQL,
 * with notification and signal services that record to a file.
 *
 *   REPLICA_MODE=crash    declares a SEV1; the first notification it tries to send kills the
 *                         process with SIGKILL: the declaration has committed, its page not sent.
 *   REPLICA_MODE=deliver  runs the outbox delivery task once (as the scheduler would on any
 *                         replica), after the dead replica's claim has expired (its clock is
 *                         REPLICA_SKEW_MS ahead), and records what it sends.
 *
 * Environment: REPLICA_CONNECTION (JSON knex connection), REPLICA_OUT (file to append to).
 */
import {
  AuthService,
  BackstageCredentials,
  DatabaseService,
  LoggerService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { ConfigReader } from '@backstage/config';
import { declareIncidentSchema } from '@firebreak/plugin-incidents-common';
import { ConfigOnCallProvider } from '@firebreak/plugin-incidents-node';
import knexFactory from 'knex';
import { appendFileSync } from 'node:fs';
import { DatabaseIncidentsStore } from '../database/DatabaseIncidentsStore';
import { resolvePolicy } from '../domain/policy';
import { IncidentDeclarer } from '../response/IncidentDeclarer';
import { createResponse } from '../response/createResponse';
import { component, group } from './entities';

const mode = process.env.REPLICA_MODE;
const out = process.env.REPLICA_OUT!;
const record = (line: object) =>
  appendFileSync(out, `${JSON.stringify({ mode, ...line })}\n`);

const logger: LoggerService = {
  info: () => {},
  debug: () => {},
  warn: message => record({ warn: message }),
  error: message => record({ error: message }),
  child: () => logger,
};

const credentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/dana' },
} as BackstageCredentials;

async function main() {
  const knex = knexFactory({
    client: 'pg',
    connection: JSON.parse(process.env.REPLICA_CONNECTION!),
    pool: { min: 0, max: 4 },
  });
  const database: DatabaseService = {
    getClient: async () => knex,
    migrations: { skip: false },
  };
  const config = new ConfigReader({
    incidents: {
      onCall: {
        schedules: [
          {
            id: 'platform',
            groupRef: 'group:default/platform-reliability',
            members: ['user:default/pat'],
            shiftLength: { days: 7 },
            handoff: { weekday: 'monday', time: '09:00' },
            timeZone: 'UTC',
          },
        ],
      },
    },
  });
  const catalog = new InMemoryCatalogClient({
    entities: [
      group('platform-reliability'),
      group('payments'),
      component('checkout', { owner: 'group:default/payments' }),
    ],
  });
  const store = await DatabaseIncidentsStore.create({ database });
  const { declaration, services } = await createResponse({
    config,
    logger,
    database,
    store,
    catalog: catalog as any,
    auth: {
      getOwnServiceCredentials: async () => credentials,
    } as unknown as AuthService,
    userInfo: {} as UserInfoService,
    notifications: {
      send: async options => {
        if (mode === 'crash') {
          process.kill(process.pid, 'SIGKILL');
        }
        record({ notification: options });
      },
    },
    signals: {
      publish: async signal => {
        if (mode === 'crash') {
          process.kill(process.pid, 'SIGKILL');
        }
        record({ signal });
      },
    },
    restrictedViewerGroupRefs: [],
    scheduler: { scheduleTask: async () => {} } as unknown as SchedulerService,
    onCallProvider: ConfigOnCallProvider.fromConfig(config),
    policy: resolvePolicy(),
    clock: {
      now: () =>
        new Date(Date.now() + Number(process.env.REPLICA_SKEW_MS ?? 0)),
    },
  });

  if (mode === 'crash') {
    const declarer = new IncidentDeclarer({
      store,
      catalog: catalog as any,
      logger,
      response: declaration,
    });
    await declarer.declare({
      declaration: declareIncidentSchema.parse({
        title: 'Checkout down',
        severity: 'SEV1',
        affectedEntityRefs: ['component:default/checkout'],
      }),
      actor: 'user:default/dana',
      credentials,
    });
    record({ survived: true });
  } else {
    record({ delivered: await services.delivery.run() });
  }
  await knex.destroy();
}

main().catch(error => {
  record({ error: String(error?.stack ?? error) });
  process.exit(1);
});
