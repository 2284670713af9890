import { decideAlert, contentHashOf, incidentGroupOf } from './lifecycle';
import { NormalizedAlert, PreparedAlert } from './types';

const T0 = '2026-11-27T10:00:00.000Z';
const T1 = '2026-11-27T10:05:00.000Z';
const T2 = '2026-11-27T10:10:00.000Z';

function prepared(
  overrides: Partial<NormalizedAlert> = {},
  entityRef?: string,
): PreparedAlert {
  const base: NormalizedAlert = {
    source: 'alertmanager',
    scope: '',
    dedupKey: 'fp1',
    groupKey: 'g1',
    action: 'fire',
    statusOnly: false,
    name: 'X',
    summary: 'x happened',
    labels: { alertname: 'X', service: 'checkout' },
    annotations: {},
    startsAt: T0,
    links: [],
    details: {},
    actor: 'alertmanager:default/firebreak',
    ...overrides,
  };
  const rule = {
    ruleIds: ['r'],
    severity: 'SEV1' as const,
    restricted: false,
    roles: [],
  };
  const grouped = { ...base, rule, ...incidentGroupOf(base, rule) };
  return {
    ...grouped,
    route: entityRef
      ? { entityRef, routedBy: 'label:service' }
      : { note: 'nothing matched' },
    contentHash: contentHashOf(grouped),
  };
}

const ctx = (now: string) => ({ now, newId: `id-${now}` });

describe('decideAlert', () => {
  const created = decideAlert(
    undefined,
    prepared({}, 'component:default/checkout'),
    ctx(T0),
  );

  it('creates a firing alert', () => {
    expect(created).toMatchObject({
      event: 'fired',
      created: true,
      changed: true,
    });
    expect(created.next).toMatchObject({
      id: `id-${T0}`,
      status: 'firing',
      occurrences: 1,
      entityRef: 'component:default/checkout',
      ruleSeverity: 'SEV1',
    });
  });

  it('treats a repeat as unchanged, and a content change as a change without an event', () => {
    const again = decideAlert(
      created.next,
      prepared({}, 'component:default/checkout'),
      ctx(T1),
    );
    expect(again).toMatchObject({ event: 'unchanged', changed: false });
    expect(again.next?.lastSeenAt).toBe(T1);
    const edited = decideAlert(
      created.next,
      prepared(
        { annotations: { description: '12%' } },
        'component:default/checkout',
      ),
      ctx(T1),
    );
    expect(edited).toMatchObject({ event: 'unchanged', changed: true });
  });

  it('resolves, ignores the late firing copy, and counts a new occurrence', () => {
    const resolved = decideAlert(
      created.next,
      prepared({ action: 'resolve', endsAt: T1 }, 'component:default/checkout'),
      ctx(T1),
    );
    expect(resolved).toMatchObject({ event: 'resolved', changed: true });
    expect(resolved.next).toMatchObject({ status: 'resolved', endsAt: T1 });

    const late = decideAlert(
      resolved.next,
      prepared({}, 'component:default/checkout'),
      ctx(T2),
    );
    expect(late).toMatchObject({ event: 'stale', changed: false });
    expect(late.next?.status).toBe('resolved');

    const again = decideAlert(
      resolved.next,
      prepared({ startsAt: T2 }, 'component:default/checkout'),
      ctx(T2),
    );
    expect(again).toMatchObject({ event: 'fired' });
    expect(again.next).toMatchObject({
      status: 'firing',
      startsAt: T2,
      occurrences: 2,
    });
    expect(again.next?.endsAt).toBeUndefined();
  });

  it('ignores notifications older than the stored occurrence', () => {
    const newer = decideAlert(
      created.next,
      prepared({ startsAt: T1 }, 'component:default/checkout'),
      ctx(T1),
    );
    expect(newer).toMatchObject({ event: 'fired' }); // the resolve in between was lost
    expect(
      decideAlert(
        newer.next,
        prepared({ action: 'resolve', endsAt: T1 }),
        ctx(T2),
      ).event,
    ).toBe('stale');
  });

  it('routes an unrouted alert once the catalog knows its entity, and keeps routing sticky', () => {
    const unrouted = decideAlert(undefined, prepared(), ctx(T0)).next!;
    expect(unrouted.entityRef).toBeUndefined();
    expect(unrouted.routeNote).toBe('nothing matched');
    const routed = decideAlert(
      unrouted,
      prepared({}, 'component:default/checkout'),
      ctx(T1),
    );
    expect(routed).toMatchObject({ event: 'rerouted', changed: true });
    expect(routed.next).toMatchObject({
      entityRef: 'component:default/checkout',
      routedBy: 'label:service',
    });
    expect(routed.next?.routeNote).toBeUndefined();
    const manual = {
      ...routed.next!,
      entityRef: 'component:default/other',
      routedBy: 'manual' as const,
    };
    expect(
      decideAlert(manual, prepared({}, 'component:default/checkout'), ctx(T2))
        .next?.entityRef,
    ).toBe('component:default/other');
  });

  it('follows Events v2: acknowledge, trigger stays acknowledged, resolve, unknown ignored', () => {
    const event = (overrides: Partial<NormalizedAlert>) =>
      prepared({
        source: 'events',
        scope: 'ops',
        dedupKey: 'd1',
        groupKey: 'd1',
        ...overrides,
      });
    const trigger = decideAlert(undefined, event({}), ctx(T0)).next!;
    const ack = decideAlert(
      trigger,
      event({ action: 'acknowledge', statusOnly: true }),
      ctx(T1),
    );
    expect(ack).toMatchObject({ event: 'acknowledged' });
    expect(decideAlert(ack.next, event({}), ctx(T1)).next?.status).toBe(
      'acknowledged',
    );
    const resolved = decideAlert(
      ack.next,
      event({ action: 'resolve', statusOnly: true }),
      ctx(T2),
    );
    expect(resolved.next).toMatchObject({ status: 'resolved', endsAt: T2 });
    expect(
      decideAlert(
        resolved.next,
        event({ action: 'acknowledge', statusOnly: true }),
        ctx(T2),
      ).event,
    ).toBe('ignored');
    expect(
      decideAlert(
        undefined,
        event({ action: 'resolve', statusOnly: true }),
        ctx(T2),
      ),
    ).toEqual({
      event: 'ignored',
      changed: false,
      created: false,
    });
    // A trigger after resolve is a new occurrence (Events have no start times to compare).
    expect(
      decideAlert(resolved.next, event({ startsAt: T0 }), ctx(T2)).next
        ?.occurrences,
    ).toBe(2);
  });

  it('groups incidents by rule group, Alertmanager group or dedup key, apart when restricted', () => {
    const am = prepared();
    expect(incidentGroupOf(am, { restricted: false }).incidentGroup).toBe(
      'am:g1',
    );
    expect(
      incidentGroupOf(am, { group: 'error-rate', restricted: false })
        .incidentGroup,
    ).toBe('rule:error-rate');
    expect(incidentGroupOf(am, { restricted: true }).incidentGroup).toBe(
      'am:g1|restricted',
    );
    expect(
      incidentGroupOf(
        { ...am, source: 'events', scope: 'ops' },
        { restricted: false },
      ).incidentGroup,
    ).toBe('events:ops:fp1');
    expect(
      incidentGroupOf(am, { restricted: false }).incidentGroupHash,
    ).toMatch(/^[0-9a-f]{64}$/);
  });
});
