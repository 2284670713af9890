import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { IncidentVisibility, readRestrictedViewerGroups } from './visibility';

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

describe('IncidentVisibility', () => {
  it('asks userInfo for the caller’s groups, and nothing for services', async () => {
    const userInfo = mockServices.userInfo.mock({
      getUserInfo: async () => ({
        userEntityRef: 'user:default/olga',
        ownershipEntityRefs: ['user:default/olga', 'group:default/secops'],
      }),
    });
    const visibility = IncidentVisibility.fromConfig(
      configWith(['group:default/secops']),
      userInfo,
    );
    await expect(
      visibility.scopeFor(mockCredentials.user('user:default/olga')),
    ).resolves.toEqual({ kind: 'all' });
    await expect(
      visibility.scopeFor(mockCredentials.service()),
    ).resolves.toEqual({ kind: 'all' });
    expect(userInfo.getUserInfo).toHaveBeenCalledTimes(1);
  });
});
