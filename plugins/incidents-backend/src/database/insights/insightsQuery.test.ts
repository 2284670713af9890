import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { resolvePolicy } from '../../domain/policy';
import { DatabaseIncidentsStore } from '../DatabaseIncidentsStore';
import { repairIncidentCopies } from '../incidentCopies';
import { insertActionItem } from '../postmortems/actionItems';
import { queryInsights } from './insightsQuery';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const PAYMENTS = 'group:default/payments';
const SEARCH = 'group:default/search';
const at = (iso: string, plusMinutes = 0) =>
  new Date(Date.parse(iso) + plusMinutes * 60_000);

describe.each(databases.eachSupportedId())('insights on %s', databaseId => {
  let knex: Knex;

  /** A store on an empty database of this dialect. */
  async function freshStore() {
    knex = await databases.init(databaseId);
    return DatabaseIncidentsStore.create({
      database: mockServices.database({ knex }),
    });
  }

  /** Declares an incident and sets its milestones (minutes after declaration). */
  async function incident(
    store: DatabaseIncidentsStore,
    fixture: {
      severity: 'SEV1' | 'SEV2' | 'SEV3';
      declaredAt: string;
      owner: string;
      ack?: number;
      mitigated?: number;
      resolved?: number;
      restricted?: boolean;
    },
  ) {
    const created = await store.declareIncident({
      title: 't',
      summary: '',
      customerImpact: '',
      severity: fixture.severity,
      regions: [],
      restricted: fixture.restricted ?? false,
      source: 'manual',
      createdBy: 'user:default/someone',
      declaredAt: fixture.declaredAt,
      entities: [
        {
          entityRef: `component:default/${randomUUID()}`,
          relation: 'affected',
          ownerRef: fixture.owner,
        },
      ],
      timeline: [],
    });
    const milestone = (m?: number) =>
      m === undefined ? null : at(fixture.declaredAt, m);
    await knex('incidents')
      .where({ id: created.id })
      .update({
        acknowledged_at: milestone(fixture.ack),
        mitigated_at: milestone(fixture.mitigated),
        resolved_at: milestone(fixture.resolved),
      });
    return created.id;
  }

  async function item(incidentId: string, status: string, dueAt?: string) {
    await knex('incident_action_items').insert({
      id: randomUUID(),
      incident_id: incidentId,
      incident_declared_at: knex('incidents')
        .where('id', incidentId)
        .select('declared_at'),
      priority: 'P1',
      title: 'x',
      status,
      due_at: dueAt ? new Date(dueAt) : null,
      created_at: new Date(),
      created_by: 'user:default/a',
      updated_at: new Date(),
      updated_by: 'user:default/a',
      version: 1,
    });
  }

  it('computes the means, buckets, compliance and completion by hand-checked figures', async () => {
    const store = await freshStore();
    const a = await incident(store, {
      severity: 'SEV1',
      declaredAt: '2026-11-03T10:00:00Z',
      owner: PAYMENTS,
      ack: 10,
      mitigated: 90,
      resolved: 180,
    });
    await incident(store, {
      severity: 'SEV1',
      declaredAt: '2026-11-04T10:00:00Z',
      owner: PAYMENTS,
      ack: 20,
      mitigated: 30,
      resolved: 300,
    });
    const c = await incident(store, {
      severity: 'SEV2',
      declaredAt: '2026-11-10T10:00:00Z',
      owner: SEARCH,
      ack: 30,
      mitigated: 120,
    });
    await incident(store, {
      severity: 'SEV3',
      declaredAt: '2026-11-11T10:00:00Z',
      owner: SEARCH,
    });
    // Outside the range, and restricted (hidden from the caller): neither counts.
    await incident(store, {
      severity: 'SEV1',
      declaredAt: '2026-10-01T10:00:00Z',
      owner: PAYMENTS,
      ack: 1,
    });
    await incident(store, {
      severity: 'SEV1',
      declaredAt: '2026-11-05T10:00:00Z',
      owner: PAYMENTS,
      ack: 1,
      restricted: true,
    });
    await item(a, 'done');
    await item(a, 'open', '2026-11-05T00:00:00Z');
    await item(a, 'wont_do');
    await item(c, 'in_progress', '2026-12-31T00:00:00Z');

    const insights = await queryInsights(knex, resolvePolicy(), {
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-15T00:00:00.000Z',
      visibleTo: {
        kind: 'conditions',
        criteria: {
          anyOf: [
            { not: { rule: 'restricted' } },
            { rule: 'responder', refs: ['user:default/outsider'] },
          ],
        },
      },
      now: new Date('2026-11-20T00:00:00Z'),
    });

    expect(insights.totals).toEqual({
      incidents: 4,
      mttaMinutes: 20, // (10 + 20 + 30) / 3
      mttrMinutes: 240, // (180 + 300) / 2
      mitigationMinutes: 80, // (90 + 30 + 120) / 3
    });
    expect(insights.weeks).toEqual([
      {
        weekStart: '2026-11-02',
        incidents: 2,
        bySeverity: { SEV1: 2, SEV2: 0, SEV3: 0, SEV4: 0 },
        mttaMinutes: 15,
        mttrMinutes: 240,
        mitigationMinutes: 60,
      },
      {
        weekStart: '2026-11-09',
        incidents: 2,
        bySeverity: { SEV1: 0, SEV2: 1, SEV3: 1, SEV4: 0 },
        mttaMinutes: 30,
        mitigationMinutes: 120,
      },
    ]);
    expect(insights.bySeverity).toEqual([
      { severity: 'SEV1', incidents: 2 },
      { severity: 'SEV2', incidents: 1 },
      { severity: 'SEV3', incidents: 1 },
      { severity: 'SEV4', incidents: 0 },
    ]);
    expect(insights.byOwner).toEqual([
      { ownerRef: PAYMENTS, incidents: 2 },
      { ownerRef: SEARCH, incidents: 2 },
    ]);
    // SEV1 targets 15m / 1h / 4h, SEV2 1h / 4h / 24h.
    expect(insights.sla).toEqual([
      { milestone: 'acknowledge', met: 2, measured: 3, ratio: 2 / 3 },
      { milestone: 'mitigation', met: 2, measured: 3, ratio: 2 / 3 },
      { milestone: 'resolution', met: 1, measured: 2, ratio: 0.5 },
    ]);
    expect(insights.actionItems).toEqual({
      total: 4,
      done: 1,
      wontDo: 1,
      open: 2,
      overdue: 1,
      completion: 0.5,
    });

    const payments = await queryInsights(knex, resolvePolicy(), {
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-15T00:00:00.000Z',
      ownerRefs: [PAYMENTS],
      severities: ['SEV1'],
      visibleTo: { kind: 'all' },
      now: new Date('2026-11-20T00:00:00Z'),
    });
    expect(payments.totals.incidents).toBe(3); // with the restricted one, visible to all
  });

  it('reads the teams and action items of the range by their copies, and repairs missing ones', async () => {
    const store = await freshStore();
    const inRange = await incident(store, {
      severity: 'SEV2',
      declaredAt: '2026-11-03T10:00:00Z',
      owner: PAYMENTS,
    });
    const restricted = await incident(store, {
      severity: 'SEV1',
      declaredAt: '2026-11-04T10:00:00Z',
      owner: PAYMENTS,
      restricted: true,
    });
    const before = await incident(store, {
      severity: 'SEV2',
      declaredAt: '2026-10-30T23:59:59Z',
      owner: SEARCH,
    });
    // Through the store's own write (its copy taken from the incident in the insert).
    await knex.transaction(async trx => {
      for (const incidentId of [inRange, restricted, before]) {
        await insertActionItem(
          trx,
          { incidentId, priority: 'P1', title: 'Follow up' },
          { actor: 'user:default/a', at: '2026-11-06T00:00:00.000Z' },
        );
      }
    });
    const everything = () =>
      queryInsights(knex, resolvePolicy(), {
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-11-15T00:00:00.000Z',
        visibleTo: { kind: 'all' },
        now: new Date('2026-11-20T00:00:00Z'),
      });

    const all = await everything();
    expect(all.byOwner).toEqual([{ ownerRef: PAYMENTS, incidents: 2 }]);
    expect(all.actionItems).toMatchObject({ total: 2, open: 2 });

    // Rows an older replica wrote without the copies count once the repair has run.
    await knex('incident_entities')
      .where({ incident_id: inRange })
      .update({ incident_declared_at: null });
    await knex('incident_action_items')
      .whereIn('incident_id', [inRange, before])
      .update({ incident_declared_at: null });
    expect((await everything()).byOwner).toEqual([
      { ownerRef: PAYMENTS, incidents: 1 },
    ]);
    expect(await repairIncidentCopies(knex)).toBe(3);
    expect(await everything()).toEqual(all);
    expect(await repairIncidentCopies(knex)).toBe(0);
  });
});
