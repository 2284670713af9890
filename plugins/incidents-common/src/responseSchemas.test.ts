import {
  assignRoleSchema,
  createPagesSchema,
  handoffRoleSchema,
  listPagesQuerySchema,
  onCallQuerySchema,
  updateChecklistItemSchema,
} from './responseSchemas';

const paths = (result: {
  success: boolean;
  error?: { issues: { path: (string | number)[] }[] };
}) => (result.success ? [] : result.error!.issues.map(i => i.path.join('.')));

describe('response schemas', () => {
  it('completes and lower-cases short user and group refs', () => {
    expect(
      assignRoleSchema.parse({ role: 'qa-strategist', userRef: 'Alice' }),
    ).toEqual({
      role: 'qa-strategist',
      userRef: 'user:default/alice',
    });
    expect(
      createPagesSchema.parse({
        groupRefs: ['payments', 'Group:ops/SRE'],
        reason: ' x ',
      }),
    ).toEqual({
      groupRefs: ['group:default/payments', 'group:ops/sre'],
      reason: 'x',
    });
  });

  it('refuses refs of the wrong kind and unknown roles, naming the field', () => {
    expect(
      paths(
        assignRoleSchema.safeParse({
          role: 'wizard',
          userRef: 'group:default/x',
        }),
      ),
    ).toEqual(['role', 'userRef']);
    expect(
      paths(
        createPagesSchema.safeParse({ userRefs: ['group:x'], reason: 'r' }),
      ),
    ).toEqual(['userRefs.0']);
  });

  it('requires handoff notes and a reason to page', () => {
    expect(
      paths(handoffRoleSchema.safeParse({ toUserRef: 'bob', note: ' ' })),
    ).toEqual(['note']);
    expect(paths(createPagesSchema.safeParse({}))).toEqual(['reason']);
  });

  it('needs a change in a checklist update; null unassigns', () => {
    expect(updateChecklistItemSchema.safeParse({}).success).toBe(false);
    expect(updateChecklistItemSchema.parse({ assigneeRef: null })).toEqual({
      assigneeRef: null,
    });
    expect(updateChecklistItemSchema.parse({ done: true, version: 0 })).toEqual(
      { done: true, version: 0 },
    );
  });

  it('takes exactly one of groupRef and entityRef for on-call', () => {
    expect(onCallQuerySchema.parse({ groupRef: 'payments' })).toEqual({
      groupRef: 'group:default/payments',
    });
    expect(
      onCallQuerySchema.parse({ entityRef: 'Component:checkout' }),
    ).toEqual({
      entityRef: 'component:default/checkout',
    });
    expect(onCallQuerySchema.safeParse({}).success).toBe(false);
    expect(
      onCallQuerySchema.safeParse({ groupRef: 'a', entityRef: 'component:b' })
        .success,
    ).toBe(false);
  });

  it('reads the pages query', () => {
    expect(
      listPagesQuerySchema.parse({ mine: 'true', status: 'open' }),
    ).toEqual({
      mine: true,
      status: 'open',
      limit: 50,
    });
    expect(listPagesQuerySchema.safeParse({ mine: 'yes' }).success).toBe(false);
  });
});
