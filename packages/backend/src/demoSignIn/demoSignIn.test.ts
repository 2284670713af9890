import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { resolve } from 'node:path';
import authPlugin from '@backstage/plugin-auth-backend';
import request from 'supertest';
import { authModuleDemoProvider } from './authModuleDemoProvider';
import { DEMO_USER_HEADER } from './demoSignInAllowed';
import { demoUsersPlugin } from './demoUsersPlugin';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'judy', namespace: 'default' },
    spec: {
      profile: { displayName: 'Judy Storefront' },
      memberOf: ['storefront'],
    },
    relations: [{ type: 'memberOf', targetRef: 'group:default/storefront' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'storefront', namespace: 'default' },
    spec: {
      type: 'team',
      profile: { displayName: 'Storefront' },
      children: [],
    },
  },
];

/** The repository's real config files as the portal loads them, on a test listener and database. */
async function repoConfig(files: string[]) {
  const root = resolve(__dirname, '../../../..');
  const { appConfigs } = await loadConfig({
    configRoot: root,
    configTargets: files.map(file => ({ path: resolve(root, file) })),
  });
  const testLayer = {
    context: 'test',
    data: {
      app: { baseUrl: 'http://localhost:3000' },
      backend: {
        baseUrl: 'http://localhost:7007',
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
    },
  };
  return ConfigReader.fromConfigs([...appConfigs, testLayer]).get<JsonObject>();
}

async function startPortal(files: string[]) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleDemoProvider,
      demoUsersPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({ data: await repoConfig(files) }),
    ],
  });
  return server;
}

describe('demo sign-in', () => {
  const nodeEnv = process.env.NODE_ENV;
  beforeEach(() => {
    process.env.NODE_ENV = 'development';
  });
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('signs in as the chosen catalog user with their teams (app-config.yaml)', async () => {
    const server = await startPortal(['app-config.yaml']);

    const users = await request(server).get('/api/demo-sign-in/users');
    expect(users.status).toBe(200);
    expect(users.body.users).toEqual([
      {
        userEntityRef: 'user:default/judy',
        displayName: 'Judy Storefront',
        teams: [
          {
            groupEntityRef: 'group:default/storefront',
            displayName: 'Storefront',
          },
        ],
      },
    ]);

    const session = await request(server)
      .get('/api/auth/demo/refresh')
      .set('x-requested-with', 'XMLHttpRequest')
      .set(DEMO_USER_HEADER, 'user:default/judy');
    expect(session.status).toBe(200);
    expect(session.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/judy',
      ownershipEntityRefs: expect.arrayContaining([
        'user:default/judy',
        'group:default/storefront',
      ]),
    });
  });

  it('refuses users that are not in the catalog, and a missing choice', async () => {
    const server = await startPortal(['app-config.yaml']);
    const unknown = await request(server)
      .get('/api/auth/demo/refresh')
      .set('x-requested-with', 'XMLHttpRequest')
      .set(DEMO_USER_HEADER, 'user:default/mallory-the-impostor');
    expect(unknown.status).toBe(403);
    expect(unknown.body.error.message).toMatch(/not a user in the catalog/);

    const missing = await request(server)
      .get('/api/auth/demo/refresh')
      .set('x-requested-with', 'XMLHttpRequest');
    expect(missing.status).toBe(400);
  });

  it('is refused under app-config.production.yaml', async () => {
    const server = await startPortal([
      'app-config.yaml',
      'app-config.production.yaml',
    ]);
    const users = await request(server).get('/api/demo-sign-in/users');
    expect(users.status).toBe(403);
    expect(users.body.error.message).toMatch(/production/);

    const session = await request(server)
      .get('/api/auth/demo/refresh')
      .set('x-requested-with', 'XMLHttpRequest')
      .set(DEMO_USER_HEADER, 'user:default/judy');
    expect(session.status).toBe(403);
    expect(session.body.error.message).toMatch(/production/);
  });
});
