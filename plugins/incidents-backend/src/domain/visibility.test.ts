import {
  DEFAULT_RESTRICTED_VIEWER_GROUPS,
  IncidentAccessCriteria,
  IncidentAccessResource,
  IncidentAudience,
  matchesAccessCriteria,
  seesUnattachedRestricted,
  signalRecipients,
} from './visibility';

const restricted: IncidentAudience = {
  restricted: true,
  createdBy: 'user:default/dana',
  roleHolderRefs: ['user:default/ivan'],
  pagedUserRefs: ['user:default/pat'],
  pagedGroupRefs: ['group:default/security'],
};

const incident: IncidentAccessResource = {
  ...restricted,
  id: 'i-1',
  severity: 'SEV1',
  affectedOwnerRefs: ['group:default/payments'],
};

/** The default policy's read condition for someone with these ownership refs. */
const readable = (...refs: string[]): IncidentAccessCriteria => ({
  anyOf: [{ not: { rule: 'restricted' } }, { rule: 'responder', refs }],
});

describe('matchesAccessCriteria', () => {
  it('shows unrestricted incidents to everyone', () => {
    expect(
      matchesAccessCriteria(
        { ...incident, restricted: false },
        readable('user:default/zed'),
      ),
    ).toBe(true);
  });

  it.each([
    ['the declarer', ['user:default/Dana']],
    ['a role holder', ['user:default/ivan']],
    ['a paged user', ['user:default/pat']],
    [
      'a member of a paged group',
      ['user:default/sam', 'group:default/security'],
    ],
  ])('shows a restricted incident to %s, in any case', (_, refs) => {
    expect(matchesAccessCriteria(incident, readable(...refs))).toBe(true);
  });

  it('hides a restricted incident from anyone else', () => {
    expect(matchesAccessCriteria(incident, readable('user:default/zed'))).toBe(
      false,
    );
  });

  it('combines owners and severities with allOf', () => {
    const criteria: IncidentAccessCriteria = {
      allOf: [
        { rule: 'affectedOwner', refs: ['group:default/Payments'] },
        { rule: 'severity', severities: ['SEV1', 'SEV2'] },
      ],
    };
    expect(matchesAccessCriteria(incident, criteria)).toBe(true);
    expect(
      matchesAccessCriteria({ ...incident, severity: 'SEV3' }, criteria),
    ).toBe(false);
    expect(
      matchesAccessCriteria({ ...incident, affectedOwnerRefs: [] }, criteria),
    ).toBe(false);
  });
});

describe('seesUnattachedRestricted', () => {
  it('follows the decision for a restricted incident nobody responds to yet', () => {
    expect(seesUnattachedRestricted({ kind: 'all' })).toBe(true);
    expect(seesUnattachedRestricted({ kind: 'none' })).toBe(false);
    expect(
      seesUnattachedRestricted({
        kind: 'conditions',
        criteria: readable('user:default/dana'),
      }),
    ).toBe(false);
    const bySeverity = {
      kind: 'conditions' as const,
      criteria: { rule: 'severity' as const, severities: ['SEV3'] },
    };
    expect(seesUnattachedRestricted(bySeverity, 'SEV3')).toBe(true);
    expect(seesUnattachedRestricted(bySeverity, 'SEV1')).toBe(false);
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
