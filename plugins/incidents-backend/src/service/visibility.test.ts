import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { incidentPermissionRules } from './permissions/rules';
import {
  IncidentVisibility,
  readIncidentsPolicyGroups,
  readRestrictedViewerGroups,
} from './visibility';

const configWith = (viewerGroups?: unknown) =>
  new ConfigReader(
    viewerGroups === undefined
      ? {}
      : { incidents: { restricted: { viewerGroups } } },
  );

describe('readRestrictedViewerGroups', () => {
  it('defaults to platform reliability and privacy', () => {
    expect(readRestrictedViewerGroups(configWith())).toEqual([
      'group:default/platform-reliability',
      'group:default/privacy',
    ]);
  });

  it('completes short refs and accepts none', () => {
    expect(readRestrictedViewerGroups(configWith(['secops']))).toEqual([
      'group:default/secops',
    ]);
    expect(readRestrictedViewerGroups(configWith([]))).toEqual([]);
  });

  it('refuses refs that are not groups, naming the key', () => {
    expect(() =>
      readRestrictedViewerGroups(configWith(['user:default/olga'])),
    ).toThrow("Invalid config at 'incidents.restricted.viewerGroups[0]'");
  });
});

describe('readIncidentsPolicyGroups', () => {
  it('reads the viewer groups as responder groups, the reader groups as read-all', () => {
    expect(readIncidentsPolicyGroups(new ConfigReader({}))).toEqual({
      responderGroups: [
        'group:default/platform-reliability',
        'group:default/privacy',
      ],
      readAllGroups: [],
    });
    expect(
      readIncidentsPolicyGroups(
        new ConfigReader({
          incidents: {
            restricted: { viewerGroups: [], readerGroups: ['leadership'] },
          },
        }),
      ),
    ).toEqual({
      responderGroups: [],
      readAllGroups: ['group:default/leadership'],
    });
    expect(() =>
      readIncidentsPolicyGroups(
        new ConfigReader({
          incidents: { restricted: { readerGroups: ['user:default/ceo'] } },
        }),
      ),
    ).toThrow("Invalid config at 'incidents.restricted.readerGroups[0]'");
  });
});

describe('IncidentVisibility', () => {
  const ruleset = {
    getRuleByName: (name: string) =>
      Object.values(incidentPermissionRules).find(r => r.name === name)!,
  } as any;
  const visibilityWith = (decision: object) => {
    const permissions = mockServices.permissions.mock({
      authorizeConditional: jest.fn(async () => [decision as any]),
    });
    return {
      permissions,
      visibility: IncidentVisibility.create({
        permissions,
        permissionsRegistry: { getPermissionRuleset: () => ruleset } as any,
      }),
    };
  };

  it('turns ALLOW into everything and DENY into nothing', async () => {
    const user = mockCredentials.user('user:default/olga');
    await expect(
      visibilityWith({ result: 'ALLOW' }).visibility.scopeFor(user),
    ).resolves.toEqual({ kind: 'all' });
    await expect(
      visibilityWith({ result: 'DENY' }).visibility.scopeFor(user),
    ).resolves.toEqual({ kind: 'none' });
  });

  it('turns conditions into filters, asking once per request', async () => {
    const { visibility, permissions } = visibilityWith({
      result: 'CONDITIONAL',
      pluginId: 'incidents',
      resourceType: 'incident',
      conditions: {
        anyOf: [
          {
            not: {
              rule: 'IS_RESTRICTED',
              resourceType: 'incident',
              params: {},
            },
          },
          {
            rule: 'IS_RESPONDER',
            resourceType: 'incident',
            params: { claims: ['user:default/olga'] },
          },
        ],
      },
    });
    const user = mockCredentials.user('user:default/olga');
    const scope = await visibility.scopeFor(user);
    await visibility.scopeFor(user);
    expect(scope).toEqual({
      kind: 'conditions',
      criteria: {
        anyOf: [
          { not: { rule: 'restricted' } },
          { rule: 'responder', refs: ['user:default/olga'] },
        ],
      },
    });
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
  });

  it("reuses a caller's decision across requests for incidents.cache.seconds, per caller", async () => {
    const permissions = mockServices.permissions.mock({
      authorizeConditional: jest.fn(async () => [{ result: 'ALLOW' } as any]),
    });
    const visibility = IncidentVisibility.create({
      permissions,
      permissionsRegistry: { getPermissionRuleset: () => ruleset } as any,
      cacheMs: 60_000,
    });
    // Each request has its own credentials object; the caller is the same.
    await visibility.scopeFor(mockCredentials.user('user:default/olga'));
    await visibility.scopeFor(mockCredentials.user('user:default/olga'));
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
    await visibility.scopeFor(mockCredentials.user('user:default/pat'));
    await visibility.scopeFor(mockCredentials.service('plugin:search'));
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(3);
  });

  it('asks on every request without a cache time', async () => {
    const { visibility, permissions } = visibilityWith({ result: 'ALLOW' });
    await visibility.scopeFor(mockCredentials.user('user:default/olga'));
    await visibility.scopeFor(mockCredentials.user('user:default/olga'));
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(2);
  });
});
