import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  incidentCreatePermission,
  incidentReadPermission,
  incidentRestrictedCreatePermission,
  incidentUpdatePermission,
} from '@firebreak/plugin-incidents-common';
import { withCachedDecisions } from './cachedDecisions';

/** A policy that counts what it is asked and allows `create` to Alice only. */
function countingPolicy() {
  const asked: string[] = [];
  const permissions: PermissionsService = {
    async authorize(requests, options) {
      const user = (options.credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      asked.push(...requests.map(r => `${user} ${r.permission.name}`));
      return requests.map(() => ({
        result:
          user === 'user:default/alice'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
    async authorizeConditional(requests) {
      asked.push(...requests.map(r => `conditional ${r.permission.name}`));
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
  };
  return { asked, permissions };
}

const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');

describe('withCachedDecisions', () => {
  afterEach(() => jest.useRealTimers());

  it("reuses a caller's decision on a basic permission for the cache time, not another caller's", async () => {
    jest.useFakeTimers({ now: new Date('2026-12-03T10:00:00Z') });
    const { asked, permissions } = countingPolicy();
    const cached = withCachedDecisions(permissions, 5_000);
    const create = [{ permission: incidentCreatePermission }];

    for (let i = 0; i < 3; i++) {
      const [decision] = await cached.authorize(create, { credentials: alice });
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
    const [denied] = await cached.authorize(create, { credentials: bob });
    expect(denied.result).toBe(AuthorizeResult.DENY);
    await cached.authorize(
      [{ permission: incidentRestrictedCreatePermission }],
      { credentials: alice },
    );
    expect(asked).toEqual([
      'user:default/alice incident.create',
      'user:default/bob incident.create',
      'user:default/alice incident.restricted.create',
    ]);

    jest.setSystemTime(new Date('2026-12-03T10:00:05Z'));
    await cached.authorize(create, { credentials: alice });
    expect(asked).toHaveLength(4);
  });

  it('asks every time for one incident, for conditions, for an unknown caller, or with a cache time of 0', async () => {
    const { asked, permissions } = countingPolicy();
    const cached = withCachedDecisions(permissions, 5_000);
    const onIncident = [
      { permission: incidentUpdatePermission, resourceRef: 'incident-1' },
    ];
    await cached.authorize(onIncident, { credentials: alice });
    await cached.authorize(onIncident, { credentials: alice });
    await cached.authorizeConditional(
      [{ permission: incidentReadPermission }],
      { credentials: alice },
    );
    await cached.authorizeConditional(
      [{ permission: incidentReadPermission }],
      { credentials: alice },
    );
    const create = [{ permission: incidentCreatePermission }];
    await cached.authorize(create, { credentials: mockCredentials.none() });
    await cached.authorize(create, { credentials: mockCredentials.none() });
    const uncached = withCachedDecisions(permissions, 0);
    expect(uncached).toBe(permissions);
    expect(asked).toEqual([
      'user:default/alice incident.update',
      'user:default/alice incident.update',
      'conditional incident.read',
      'conditional incident.read',
      'undefined incident.create',
      'undefined incident.create',
    ]);
  });

  it('does not keep a failed decision', async () => {
    let calls = 0;
    const permissions: PermissionsService = {
      async authorize() {
        calls += 1;
        if (calls === 1) throw new Error('permission backend unreachable');
        return [{ result: AuthorizeResult.ALLOW }];
      },
      authorizeConditional: async () => [],
    };
    const cached = withCachedDecisions(permissions, 5_000);
    const create = [{ permission: incidentCreatePermission }];
    await expect(
      cached.authorize(create, { credentials: alice }),
    ).rejects.toThrow('unreachable');
    const [decision] = await cached.authorize(create, { credentials: alice });
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
    expect(calls).toBe(2);
  });
});
