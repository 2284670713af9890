import {
  CatalogEntitySummary,
  Declaration,
  entityRefsToLookUp,
  ownerRefOf,
  planDeclaration,
} from './declaration';

const now = new Date('2025-02-06T10:00:00.000Z');
const actor = 'user:default/alice';

const declaration: Declaration = {
  title: 'Checkout failing',
  summary: 'Payments time out',
  customerImpact: 'No one can pay',
  severity: 'SEV1',
  affectedEntityRefs: [
    'component:checkout',
    'component:default/payments',
    'component:default/checkout',
  ],
  regions: ['eu-west-1', 'eu-west-1'],
  restricted: false,
};

const entity = (
  name: string,
  owner?: string,
  namespace = 'default',
): CatalogEntitySummary => ({
  kind: 'Component',
  metadata: { name, namespace },
  spec: owner ? { owner } : {},
});

describe('entityRefsToLookUp', () => {
  it('normalises refs and removes duplicates', () => {
    expect(entityRefsToLookUp(declaration)).toEqual([
      'component:default/checkout',
      'component:default/payments',
    ]);
  });
});

describe('ownerRefOf', () => {
  it('turns spec.owner into a full group ref in the entity namespace', () => {
    expect(ownerRefOf(entity('a', 'team-a'))).toBe('group:default/team-a');
    expect(ownerRefOf(entity('a', 'team-a', 'payments'))).toBe(
      'group:payments/team-a',
    );
    expect(ownerRefOf(entity('a', 'user:default/bob'))).toBe(
      'user:default/bob',
    );
    expect(ownerRefOf(entity('a'))).toBeUndefined();
  });
});

describe('planDeclaration', () => {
  it('builds the incident with owners and a declared entry', () => {
    const plan = planDeclaration(
      declaration,
      new Map([
        ['component:default/checkout', entity('checkout', 'team-checkout')],
        ['component:default/payments', entity('payments')],
      ]),
      { actor, now },
    );
    expect(plan).toEqual({
      ok: true,
      incident: {
        title: 'Checkout failing',
        summary: 'Payments time out',
        customerImpact: 'No one can pay',
        severity: 'SEV1',
        regions: ['eu-west-1'],
        restricted: false,
        source: 'manual',
        createdBy: actor,
        declaredAt: now.toISOString(),
        entities: [
          {
            entityRef: 'component:default/checkout',
            relation: 'affected',
            ownerRef: 'group:default/team-checkout',
          },
          { entityRef: 'component:default/payments', relation: 'affected' },
        ],
        timeline: [
          {
            kind: 'declared',
            body: 'Declared SEV1: Checkout failing',
            details: {
              severity: 'SEV1',
              source: 'manual',
              affectedEntityRefs: [
                'component:default/checkout',
                'component:default/payments',
              ],
            },
          },
        ],
      },
    });
  });

  it('names every entity the catalog does not know, by position', () => {
    const plan = planDeclaration(
      declaration,
      new Map([
        ['component:default/checkout', entity('checkout')],
        ['component:default/payments', undefined],
      ]),
      { actor, now },
    );
    expect(plan).toEqual({
      ok: false,
      problems: [
        'affectedEntityRefs[1]: entity component:default/payments not found in the catalog',
      ],
    });
  });
});
