import {
  DEFAULT_RESTRICTED_VIEWER_GROUPS,
  IncidentAudience,
  canSeeIncident,
  signalRecipients,
  visibilityScope,
} from './visibility';

const alice = {
  type: 'user' as const,
  userEntityRef: 'user:default/alice',
  ownershipEntityRefs: ['user:default/alice', 'group:default/payments'],
};

const restricted: IncidentAudience = {
  restricted: true,
  createdBy: 'user:default/dana',
  roleHolderRefs: ['user:default/ivan'],
  pagedUserRefs: ['user:default/pat'],
  pagedGroupRefs: ['group:default/security'],
};

const scopeOf = (...ownershipEntityRefs: string[]) =>
  visibilityScope(
    {
      type: 'user',
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    },
    DEFAULT_RESTRICTED_VIEWER_GROUPS,
  );

describe('visibilityScope', () => {
  it('lets services see everything', () => {
    expect(
      visibilityScope({ type: 'service' }, DEFAULT_RESTRICTED_VIEWER_GROUPS),
    ).toEqual({ kind: 'all' });
  });

  it('lets members of a viewer group see everything, in any case', () => {
    expect(scopeOf('user:default/olga', 'group:default/Privacy')).toEqual({
      kind: 'all',
    });
    expect(visibilityScope(alice, ['group:default/payments'])).toEqual({
      kind: 'all',
    });
  });

  it('limits anyone else to their own refs, lower case and once each', () => {
    expect(
      visibilityScope(
        { ...alice, userEntityRef: 'user:default/Alice' },
        DEFAULT_RESTRICTED_VIEWER_GROUPS,
      ),
    ).toEqual({
      kind: 'audience',
      refs: ['user:default/alice', 'group:default/payments'],
    });
  });

  it('has no viewer groups when configured with none', () => {
    expect(visibilityScope(alice, []).kind).toBe('audience');
  });
});

describe('canSeeIncident', () => {
  it('shows unrestricted incidents to everyone', () => {
    expect(
      canSeeIncident(
        { ...restricted, restricted: false },
        scopeOf('user:default/zed'),
      ),
    ).toBe(true);
  });

  it.each([
    ['the declarer', scopeOf('user:default/Dana')],
    ['a role holder', scopeOf('user:default/ivan')],
    ['a paged user', scopeOf('user:default/pat')],
    [
      'a member of a paged group',
      scopeOf('user:default/sam', 'group:default/security'),
    ],
    [
      'a viewer-group member',
      scopeOf('user:default/olga', 'group:default/privacy'),
    ],
    ['a service', visibilityScope({ type: 'service' }, [])],
  ])('shows a restricted incident to %s', (_, scope) => {
    expect(canSeeIncident(restricted, scope)).toBe(true);
  });

  it('hides a restricted incident from anyone else', () => {
    expect(canSeeIncident(restricted, scopeOf('user:default/zed'))).toBe(false);
    expect(canSeeIncident(restricted, visibilityScope(alice, []))).toBe(false);
  });
});

describe('signalRecipients', () => {
  it('is undefined (broadcast) for unrestricted incidents', () => {
    expect(
      signalRecipients({ ...restricted, restricted: false }, [
        'group:default/x',
      ]),
    ).toBeUndefined();
  });

  it('lists the audience and the viewer groups, as written and in lower case', () => {
    expect(
      signalRecipients(
        { ...restricted, pagedGroupRefs: ['group:default/Security'] },
        DEFAULT_RESTRICTED_VIEWER_GROUPS,
      ),
    ).toEqual([
      'user:default/dana',
      'user:default/ivan',
      'user:default/pat',
      'group:default/Security',
      'group:default/security',
      'group:default/platform-reliability',
      'group:default/privacy',
    ]);
  });
});
