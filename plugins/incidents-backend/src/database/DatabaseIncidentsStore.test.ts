import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { Incident, OPEN_PHASES } from '@firebreak/plugin-incidents-common';
import knexFactory, { Knex } from 'knex';
import {
  NewIncident,
  decideTimelineEntry,
  decideTransition,
  decideUpdate,
} from '../domain';
import { DatabaseIncidentsStore, TOTAL_CAP } from './DatabaseIncidentsStore';
import { repairIncidentCopies } from './incidentCopies';
import { ListIncidentsOptions } from './IncidentsStore';

jest.setTimeout(60_000);

const alice = 'user:default/alice';
const bob = 'user:default/bob';
const T0 = '2025-02-06T10:00:00.000Z';
const T1 = '2025-02-06T10:05:00.000Z';
const T2 = '2025-02-06T10:10:00.000Z';

function newIncident(overrides: Partial<NewIncident> = {}): NewIncident {
  return {
    title: 'Checkout failing',
    summary: 'Payments time out',
    customerImpact: 'Customers cannot pay',
    severity: 'SEV2',
    regions: ['eu-west-1'],
    restricted: false,
    source: 'manual',
    createdBy: alice,
    declaredAt: T0,
    entities: [
      {
        entityRef: 'component:default/checkout',
        relation: 'affected',
        ownerRef: 'group:default/team-checkout',
      },
    ],
    timeline: [
      {
        kind: 'declared',
        body: 'Declared SEV2',
        details: { severity: 'SEV2' },
      },
    ],
    ...overrides,
  };
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'DatabaseIncidentsStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseIncidentsStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseIncidentsStore.create({
        database: mockServices.database({ knex }),
      });
    });

    const timelineCount = async (incidentId: string) =>
      Number(
        (
          await knex('incident_timeline')
            .where({ incident_id: incidentId })
            .count({ c: '*' })
        )[0].c,
      );

    describe('declareIncident / getIncident', () => {
      it('stores the incident with its entities and declared entry', async () => {
        const declared = await store.declareIncident(newIncident());
        expect(declared).toEqual({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          ref: 'INC-1',
          number: 1,
          title: 'Checkout failing',
          summary: 'Payments time out',
          customerImpact: 'Customers cannot pay',
          severity: 'SEV2',
          phase: 'declared',
          regions: ['eu-west-1'],
          entities: [
            {
              entityRef: 'component:default/checkout',
              relation: 'affected',
              ownerRef: 'group:default/team-checkout',
            },
          ],
          restricted: false,
          costImpact: false,
          dataExposure: false,
          source: 'manual',
          createdBy: alice,
          declaredAt: T0,
          updatedAt: T0,
          version: 1,
        });

        expect(await store.getIncident({ id: declared.id })).toEqual(declared);
        expect(await store.getIncident({ number: 1 })).toEqual(declared);
        expect(await store.getIncident({ number: 2 })).toBeUndefined();
        expect(
          await store.getIncident({ number: 99_999_999_999 }),
        ).toBeUndefined();

        const timeline = await store.listTimeline(declared.id, { limit: 10 });
        expect(timeline).toEqual({
          items: [
            {
              id: expect.any(String),
              incidentId: declared.id,
              at: T0,
              actor: alice,
              kind: 'declared',
              body: 'Declared SEV2',
              details: { severity: 'SEV2' },
            },
          ],
        });
      });

      it('hands out consecutive human numbers', async () => {
        const a = await store.declareIncident(newIncident());
        const b = await store.declareIncident(newIncident({ entities: [] }));
        expect([a.ref, b.ref]).toEqual(['INC-1', 'INC-2']);
        expect(b.entities).toEqual([]);
      });

      it('keeps numbers distinct and gap-free under concurrent declarations', async () => {
        const declared = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.declareIncident(newIncident({ title: `Incident ${i}` })),
          ),
        );
        const numbers = declared.map(i => i.number).sort((a, b) => a - b);
        expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      });

      // Only PostgreSQL: one SQLite file is not shared by replicas (and a test that would
      // return early on SQLite would count as a pass with no assertion).
      if (databaseId.startsWith('POSTGRES')) {
        it('keeps numbers unique across replicas sharing one database', async () => {
          // A second replica: its own connection pool on the same database.
          const replicaKnex = knexFactory({
            client: knex.client.config.client,
            connection: knex.client.config.connection,
            pool: { min: 0, max: 5 },
          });
          try {
            const replica = await DatabaseIncidentsStore.create({
              database: mockServices.database({ knex: replicaKnex }),
            });
            const declared = await Promise.all(
              Array.from({ length: 20 }, (_, i) =>
                (i % 2 ? store : replica).declareIncident(
                  newIncident({ title: `#${i}` }),
                ),
              ),
            );
            const numbers = declared.map(i => i.number).sort((a, b) => a - b);
            expect(numbers).toEqual(
              Array.from({ length: 20 }, (_, i) => i + 1),
            );
          } finally {
            await replicaKnex.destroy();
          }
        });
      }

      it('writes nothing when the declaration fails', async () => {
        await expect(
          store.declareIncident(
            newIncident({
              entities: [
                { entityRef: 'component:default/a', relation: 'affected' },
                { entityRef: 'component:default/a', relation: 'affected' },
              ],
            }),
          ),
          // Not toThrow(): better-sqlite3's native addon builds its errors with the
          // constructor of the first Jest context that loaded it, so they may fail
          // `instanceof Error` in this one.
        ).rejects.toMatchObject({
          message: expect.stringMatching(/UNIQUE constraint|duplicate key/i),
        });
        expect(Number((await knex('incidents').count({ c: '*' }))[0].c)).toBe(
          0,
        );
        // SQLite: the failed transaction gave its number back. PostgreSQL: the sequence does
        // not (declarations do not queue on a counter row), so the next one skips it.
        expect((await store.declareIncident(newIncident())).ref).toBe(
          databaseId.startsWith('POSTGRES') ? 'INC-2' : 'INC-1',
        );
      });
    });

    describe('reading incidents with their entities and commanders', () => {
      it('is one statement for a page and for one incident, entities in order', async () => {
        const withEntities = await store.declareIncident(
          newIncident({
            entities: [
              { entityRef: 'component:default/search', relation: 'downstream' },
              {
                entityRef: 'component:default/payments',
                relation: 'affected',
                ownerRef: 'group:default/team-payments',
              },
              {
                entityRef: 'component:default/checkout',
                relation: 'affected',
                ownerRef: 'group:default/team-checkout',
              },
            ],
          }),
        );
        const bare = await store.declareIncident(newIncident({ entities: [] }));
        await knex('incident_roles').insert({
          incident_id: withEntities.id,
          role: 'incident-commander',
          user_ref: bob,
          assigned_at: T1,
          assigned_by: alice,
          version: 1,
        });
        const statements: string[] = [];
        const count = (query: { sql: string }) => statements.push(query.sql);
        knex.on('query', count);
        try {
          const page = await store.listIncidents({ limit: 10 });
          expect(statements).toHaveLength(1);
          expect(page.items.map(i => [i.ref, i.commanderRef])).toEqual([
            [bare.ref, undefined],
            [withEntities.ref, bob],
          ]);
          expect(page.items[0].entities).toEqual([]);
          expect(page.items[1].entities).toEqual([
            {
              entityRef: 'component:default/checkout',
              relation: 'affected',
              ownerRef: 'group:default/team-checkout',
            },
            {
              entityRef: 'component:default/payments',
              relation: 'affected',
              ownerRef: 'group:default/team-payments',
            },
            { entityRef: 'component:default/search', relation: 'downstream' },
          ]);
          statements.length = 0;
          expect(await store.getIncident({ id: withEntities.id })).toEqual(
            page.items[1],
          );
          expect(statements).toHaveLength(1);
        } finally {
          knex.off('query', count);
        }
      });
    });

    describe('listIncidents', () => {
      let incidents: Incident[];

      beforeEach(async () => {
        incidents = [];
        incidents.push(
          await store.declareIncident(
            newIncident({ title: 'Checkout failing', severity: 'SEV1' }),
          ),
        );
        incidents.push(
          await store.declareIncident(
            newIncident({
              title: 'Search slow',
              summary: 'p95 above 5s',
              severity: 'SEV2',
              entities: [
                { entityRef: 'component:default/search', relation: 'affected' },
              ],
            }),
          ),
        );
        incidents.push(
          await store.declareIncident(
            newIncident({
              title: 'Typo on pricing page',
              customerImpact: 'Nobody; 100% cosmetic',
              severity: 'SEV4',
              entities: [
                {
                  entityRef: 'component:default/website',
                  relation: 'affected',
                },
                {
                  entityRef: 'component:default/checkout',
                  relation: 'downstream',
                },
              ],
            }),
          ),
        );
        // Close the SEV4 item: declared → backlog → closed.
        for (const id of ['track-in-backlog', 'close'] as const) {
          await store.mutateIncident(
            { number: 3 },
            { actor: alice, at: T1 },
            current => {
              const decision = decideTransition(current, id, {
                now: new Date(T1),
              });
              if (!decision.allowed) throw new Error(decision.message);
              return decision.change;
            },
          );
        }
      });

      const refs = (page: { items: Incident[] }) => page.items.map(i => i.ref);

      it('lists newest first, with a total only when asked for', async () => {
        const page = await store.listIncidents({ limit: 25 });
        expect(refs(page)).toEqual(['INC-3', 'INC-2', 'INC-1']);
        expect(page.total).toBeUndefined();
        expect(page.nextCursor).toBeUndefined();
        expect(page.items[2]).toEqual(incidents[0]);
        const counted = await store.listIncidents({
          limit: 1,
          includeTotal: true,
          entityRefs: ['component:default/checkout'],
        });
        expect(refs(counted)).toEqual(['INC-3']);
        expect(counted.total).toEqual({ count: 2, capped: false });
      });

      it('caps the total at 1000 ("at least")', async () => {
        const [row] = await knex('incidents').where({ number: 1 });
        delete row.search_vector; // generated (PostgreSQL)
        const copies = Array.from({ length: TOTAL_CAP + 5 }, (_, i) => ({
          ...row,
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          number: 100 + i,
        }));
        await knex.batchInsert('incidents', copies, 100);
        const page = await store.listIncidents({
          limit: 5,
          includeTotal: true,
        });
        expect(page.total).toEqual({ count: TOTAL_CAP, capped: true });
        expect(refs(page)[0]).toBe(`INC-${100 + TOTAL_CAP + 4}`);
        const few = await store.listIncidents({
          limit: 5,
          includeTotal: true,
          severities: ['SEV2'],
        });
        expect(few.total).toEqual({ count: 1, capped: false });
      });

      it('sorts open incidents most severe first, newest first within one, a page at a time', async () => {
        await store.declareIncident(
          newIncident({ title: 'Payments down', severity: 'SEV1' }),
        );
        await store.declareIncident(
          newIncident({ title: 'Checkout slow', severity: 'SEV2' }),
        );
        const open = ['declared', 'triage'] as const;
        const first = await store.listIncidents({
          phases: [...open],
          sort: 'severity',
          limit: 3,
          includeTotal: true,
        });
        expect(refs(first)).toEqual(['INC-4', 'INC-1', 'INC-5']);
        expect(first.total).toEqual({ count: 4, capped: false });
        const second = await store.listIncidents({
          phases: [...open],
          sort: 'severity',
          limit: 3,
          cursor: first.nextCursor,
          includeTotal: true,
        });
        expect(refs(second)).toEqual(['INC-2']);
        expect(second.nextCursor).toBeUndefined();
        // A later page counts every match, not just its own rows.
        expect(second.total).toEqual({ count: 4, capped: false });
        // Free text counts its matches from the full-text index.
        const text = await store.listIncidents({
          q: 'checkout',
          limit: 1,
          includeTotal: true,
        });
        expect(refs(text)).toEqual(['INC-5']);
        expect(text.total).toEqual({ count: 2, capped: false });
      });

      it('paginates with an opaque cursor', async () => {
        const first = await store.listIncidents({ limit: 2 });
        expect(refs(first)).toEqual(['INC-3', 'INC-2']);
        expect(first.nextCursor).toEqual(expect.any(String));

        const second = await store.listIncidents({
          limit: 2,
          cursor: first.nextCursor,
        });
        expect(refs(second)).toEqual(['INC-1']);
        expect(second.nextCursor).toBeUndefined();
      });

      it('refuses a malformed cursor as bad input', async () => {
        await expect(
          store.listIncidents({ limit: 2, cursor: 'not-a-cursor' }),
        ).rejects.toThrow(InputError);
        const timelineCursor = Buffer.from(
          JSON.stringify({ k: 't', at: T0, id: '1' }),
        ).toString('base64url');
        await expect(
          store.listIncidents({ limit: 2, cursor: timelineCursor }),
        ).rejects.toThrow(InputError);
      });

      it('refuses cursors beyond what the columns hold, on every database', async () => {
        const cursor = (value: object) =>
          Buffer.from(JSON.stringify(value)).toString('base64url');
        const incident = await store.listIncidents({ limit: 1 });
        for (const n of [2 ** 31, 2 ** 63, 1e300, -1]) {
          await expect(
            store.listIncidents({ limit: 2, cursor: cursor({ k: 'i', n }) }),
          ).rejects.toThrow(InputError);
        }
        const id =
          incident.items[0]?.id ?? '00000000-0000-4000-8000-000000000000';
        for (const bad of [
          { k: 't', at: T0, id: '9'.repeat(30) },
          { k: 't', at: '2026-13-45T99:99:99Z', id: '1' },
        ]) {
          await expect(
            store.listTimeline(id, { limit: 2, cursor: cursor(bad) }),
          ).rejects.toThrow(InputError);
        }
      });

      it('filters by entity, any relation', async () => {
        expect(
          refs(
            await store.listIncidents({
              limit: 25,
              entityRefs: ['component:default/checkout'],
            }),
          ),
        ).toEqual(['INC-3', 'INC-1']);
        expect(
          refs(
            await store.listIncidents({
              limit: 25,
              entityRefs: [
                'component:default/search',
                'component:default/website',
              ],
            }),
          ),
        ).toEqual(['INC-3', 'INC-2']);
      });

      it("lists an entity's open incidents apart from its closed ones, as closing flags them", async () => {
        const onEntities = async (options: Partial<ListIncidentsOptions>) =>
          refs(
            await store.listIncidents({
              limit: 25,
              entityRefs: [
                'component:default/checkout',
                'component:default/website',
              ],
              ...options,
            }),
          );
        expect(await onEntities({ phases: [...OPEN_PHASES] })).toEqual([
          'INC-1',
        ]);
        expect(
          await onEntities({ phases: [...OPEN_PHASES], sort: 'severity' }),
        ).toEqual(['INC-1']);
        expect(await onEntities({ phases: ['closed'] })).toEqual(['INC-3']);
        const flagged = await knex('incident_entities')
          .where({ incident_closed: true })
          .orderBy('entity_ref')
          .pluck('incident_id');
        expect(flagged).toEqual([incidents[2].id, incidents[2].id]);
      });

      it("pages one entity's open incidents most severe first from its index, following severity changes and closures", async () => {
        const ledger = 'component:default/ledger';
        const onLedger = (severity: 'SEV1' | 'SEV2' | 'SEV3') =>
          store.declareIncident(
            newIncident({
              severity,
              entities: [{ entityRef: ledger, relation: 'affected' }],
            }),
          );
        const [a, b, c, d] = [
          await onLedger('SEV3'),
          await onLedger('SEV1'),
          await onLedger('SEV2'),
          await onLedger('SEV3'),
        ];
        const tab = (cursor?: string) =>
          store.listIncidents({
            entityRefs: [ledger],
            phases: [...OPEN_PHASES],
            sort: 'severity',
            limit: 2,
            cursor,
          });
        const first = await tab();
        expect(refs(first)).toEqual([b.ref, c.ref]);
        const second = await tab(first.nextCursor);
        expect(refs(second)).toEqual([d.ref, a.ref]);
        expect(second.nextCursor).toBeUndefined();

        // Raised to SEV1, the oldest comes first; closed, the SEV1 leaves the tab.
        await store.mutateIncident(
          { id: a.id },
          { actor: bob, at: T1 },
          current => decideUpdate(current, { severity: 'SEV1' }),
        );
        await store.mutateIncident(
          { id: b.id },
          { actor: bob, at: T1 },
          () => ({
            fields: { phase: 'closed', closedAt: T1 },
            timeline: [],
          }),
        );
        const after = await tab();
        expect(refs(after)).toEqual([a.ref, c.ref]);
        expect(refs(await tab(after.nextCursor))).toEqual([d.ref]);
        expect(
          await knex('incident_entities')
            .where({ entity_ref: ledger })
            .orderBy('incident_number')
            .select('incident_severity', 'incident_closed'),
        ).toEqual(
          [
            ['SEV1', false],
            ['SEV1', true],
            ['SEV2', false],
            ['SEV3', false],
          ].map(([severity, closed]) => ({
            incident_severity: severity,
            incident_closed:
              databaseId === 'SQLITE_3' ? Number(closed) : closed,
          })),
        );
      });

      it('repairs, as a replica starts and as a scheduled job, the copies an older replica did not write', async () => {
        const [older, moved] = [
          await store.declareIncident(newIncident({ severity: 'SEV3' })),
          await store.declareIncident(newIncident({ severity: 'SEV3' })),
        ];
        // As a replica of the version before migration 20261201190100 leaves them.
        await knex('incident_entities')
          .where({ incident_id: older.id })
          .update({ incident_severity: null, incident_number: null });
        await knex('incidents')
          .where({ id: moved.id })
          .update({ severity: 'SEV1' });
        const tab = async () =>
          refs(
            await store.listIncidents({
              entityRefs: ['component:default/checkout'],
              phases: [...OPEN_PHASES],
              sort: 'severity',
              limit: 25,
            }),
          );
        expect(await tab()).not.toContain(older.ref);
        const restarted = await DatabaseIncidentsStore.create({
          database: mockServices.database({ knex }),
        });
        const after = refs(
          await restarted.listIncidents({
            entityRefs: ['component:default/checkout'],
            phases: [...OPEN_PHASES],
            sort: 'severity',
            limit: 25,
          }),
        );
        expect(after).toContain(older.ref);
        expect(after[0]).toBe(moved.ref);

        // An older replica still running writes without copies again: the scheduled repair
        // (incidents-copy-repair) mends it without a restart.
        const late = await store.declareIncident(
          newIncident({ severity: 'SEV3' }),
        );
        await knex('incident_entities')
          .where({ incident_id: late.id })
          .update({ incident_severity: null, incident_number: null });
        expect(await tab()).not.toContain(late.ref);
        expect(await repairIncidentCopies(knex)).toBeGreaterThan(0);
        expect(await tab()).toContain(late.ref);
        expect(await repairIncidentCopies(knex)).toBe(0);
      });

      it('filters by phase and severity', async () => {
        const open = await store.listIncidents({
          limit: 25,
          phases: ['declared', 'triage'],
        });
        expect(refs(open)).toEqual(['INC-2', 'INC-1']);
        expect(
          refs(await store.listIncidents({ limit: 25, phases: ['closed'] })),
        ).toEqual(['INC-3']);
        expect(
          refs(
            await store.listIncidents({
              limit: 25,
              severities: ['SEV1', 'SEV4'],
            }),
          ),
        ).toEqual(['INC-3', 'INC-1']);
        expect(
          refs(
            await store.listIncidents({
              limit: 25,
              severities: ['SEV1'],
              phases: ['closed'],
            }),
          ),
        ).toEqual([]);
      });

      const search = async (q: string) =>
        refs(await store.listIncidents({ limit: 25, q }));

      it('searches the words of title, summary, customer impact, and the reference', async () => {
        expect(await search('CHECKOUT')).toEqual(['INC-1']);
        expect(await search('P95')).toEqual(['INC-2']);
        expect(await search('cosmetic')).toEqual(['INC-3']);
        expect(await search('inc-2')).toEqual(['INC-2']);
        expect(await search('3')).toEqual(['INC-3']);
        expect(await search('100%')).toEqual(['INC-3']);
        expect(await search('%')).toEqual([]);
        expect(await search('_')).toEqual([]);
        expect(await search('nothing like this')).toEqual([]);
      });

      it('matches word prefixes, every word, in any order', async () => {
        expect(await search('check')).toEqual(['INC-1']);
        expect(await search('time out')).toEqual(['INC-3', 'INC-1']);
        expect(await search('slow search')).toEqual(['INC-2']);
        expect(await search('search fast')).toEqual([]);
        expect(await search("pricing' & !page:*")).toEqual(['INC-3']);
      });

      it('finds an incident by its new words after an edit, not by its old ones', async () => {
        await store.mutateIncident({ number: 2 }, { actor: bob, at: T1 }, c =>
          decideUpdate(c, { title: 'Latency spike' }),
        );
        expect(await search('latency')).toEqual(['INC-2']);
        expect(await search('slow')).toEqual([]);
      });
    });

    describe('mutateIncident', () => {
      it('applies an update, bumps the version and records before/after', async () => {
        const declared = await store.declareIncident(newIncident());
        const { incident, entries } = await store.mutateIncident(
          { id: declared.id },
          { actor: bob, at: T1, expectedVersion: 1 },
          current =>
            decideUpdate(current, {
              severity: 'SEV1',
              regions: ['eu-west-1', 'us-east-1'],
            }),
        );
        expect(incident).toEqual({
          ...declared,
          severity: 'SEV1',
          regions: ['eu-west-1', 'us-east-1'],
          version: 2,
          updatedAt: T1,
        });
        expect(entries).toEqual([
          expect.objectContaining({
            kind: 'update',
            actor: bob,
            at: T1,
            details: {
              changes: [
                { field: 'severity', before: 'SEV2', after: 'SEV1' },
                {
                  field: 'regions',
                  before: ['eu-west-1'],
                  after: ['eu-west-1', 'us-east-1'],
                },
              ],
            },
          }),
        ]);
        expect(await store.getIncident({ id: declared.id })).toEqual(incident);
        const timeline = await store.listTimeline(declared.id, { limit: 10 });
        expect(timeline.items.map(e => e.kind)).toEqual(['declared', 'update']);
        expect(timeline.items[1]).toEqual(entries[0]);
      });

      it('refuses a stale version and writes nothing', async () => {
        const declared = await store.declareIncident(newIncident());
        await store.mutateIncident(
          { id: declared.id },
          { actor: bob, at: T1, expectedVersion: 1 },
          c => decideUpdate(c, { title: 'First edit' }),
        );
        const decide = jest.fn((c: Incident) =>
          decideUpdate(c, { title: 'Lost update' }),
        );
        const attempt = store.mutateIncident(
          { id: declared.id },
          { actor: alice, at: T2, expectedVersion: 1 },
          decide,
        );
        await expect(attempt).rejects.toThrow(ConflictError);
        await expect(attempt).rejects.toThrow('the current version is 2');
        expect(decide).not.toHaveBeenCalled();
        const current = await store.getIncident({ id: declared.id });
        expect(current).toMatchObject({
          title: 'First edit',
          version: 2,
          updatedAt: T1,
        });
        expect(await timelineCount(declared.id)).toBe(2);
      });

      it('writes nothing when the decision refuses', async () => {
        const declared = await store.declareIncident(newIncident());
        await expect(
          store.mutateIncident(
            { id: declared.id },
            { actor: bob, at: T1 },
            () => {
              throw new ConflictError('refused');
            },
          ),
        ).rejects.toThrow('refused');
        expect(await store.getIncident({ id: declared.id })).toEqual(declared);
        expect(await timelineCount(declared.id)).toBe(1);
      });

      it('writes nothing when there is nothing to change', async () => {
        const declared = await store.declareIncident(newIncident());
        const result = await store.mutateIncident(
          { number: declared.number },
          { actor: bob, at: T1, expectedVersion: 1 },
          c => decideUpdate(c, { title: declared.title }),
        );
        expect(result).toEqual({ incident: declared, entries: [] });
        expect(await timelineCount(declared.id)).toBe(1);
      });

      it('fails for an unknown incident', async () => {
        await expect(
          store.mutateIncident(
            { number: 42 },
            { actor: bob, at: T1 },
            () => undefined,
          ),
        ).rejects.toThrow(NotFoundError);
        await expect(
          store.mutateIncident(
            { id: '00000000-0000-4000-8000-000000000000' },
            { actor: bob, at: T1 },
            () => undefined,
          ),
        ).rejects.toThrow(NotFoundError);
      });

      it('moves through the lifecycle recording each milestone once', async () => {
        const declared = await store.declareIncident(newIncident());
        const take = async (
          id: Parameters<typeof decideTransition>[1],
          at: string,
          expectedVersion?: number,
        ) =>
          (
            await store.mutateIncident(
              { id: declared.id },
              { actor: bob, at, expectedVersion },
              c => {
                const decision = decideTransition(c, id, { now: new Date(at) });
                if (!decision.allowed)
                  throw new ConflictError(decision.message);
                return decision.change;
              },
            )
          ).incident;

        const triage = await take(
          'start-triage',
          '2025-02-06T10:01:00.000Z',
          1,
        );
        expect(triage).toMatchObject({
          phase: 'triage',
          acknowledgedAt: '2025-02-06T10:01:00.000Z',
          version: 2,
        });
        await take('root-cause-found', '2025-02-06T10:02:00.000Z');
        const deployed = await take(
          'deploy-gradual',
          '2025-02-06T10:03:00.000Z',
        );
        expect(deployed.mitigatedAt).toBe('2025-02-06T10:03:00.000Z');
        await take('rollback', '2025-02-06T10:04:00.000Z');
        const redeployed = await take(
          'deploy-full',
          '2025-02-06T10:05:00.000Z',
        );
        expect(redeployed.mitigatedAt).toBe('2025-02-06T10:03:00.000Z');
        const recovered = await take('recovered', '2025-02-06T10:06:00.000Z');
        expect(recovered).toMatchObject({
          phase: 'communication',
          resolvedAt: '2025-02-06T10:06:00.000Z',
        });
        await take('postmortem-complete', '2025-02-06T10:07:00.000Z');
        const closed = await take('close', '2025-02-06T10:08:00.000Z');
        expect(closed).toMatchObject({
          phase: 'closed',
          acknowledgedAt: '2025-02-06T10:01:00.000Z',
          mitigatedAt: '2025-02-06T10:03:00.000Z',
          resolvedAt: '2025-02-06T10:06:00.000Z',
          closedAt: '2025-02-06T10:08:00.000Z',
          version: 9,
          updatedAt: '2025-02-06T10:08:00.000Z',
        });

        await expect(take('close', '2025-02-06T10:09:00.000Z')).rejects.toThrow(
          "Transition 'close' is not allowed from phase 'closed' (SEV2). Allowed next steps: none",
        );
        await expect(take('start-triage', T2, 1)).rejects.toThrow(
          'the current version is 9',
        );

        const timeline = await store.listTimeline(declared.id, { limit: 100 });
        expect(timeline.items.map(e => e.details.transition ?? e.kind)).toEqual(
          [
            'declared',
            'start-triage',
            'root-cause-found',
            'deploy-gradual',
            'rollback',
            'deploy-full',
            'recovered',
            'postmortem-complete',
            'close',
          ],
        );
      });

      it('records user entries; a mitigated status sets mitigation once', async () => {
        const declared = await store.declareIncident(newIncident());
        const add = (
          entry: Parameters<typeof decideTimelineEntry>[1],
          at: string,
        ) =>
          store.mutateIncident({ id: declared.id }, { actor: bob, at }, c =>
            decideTimelineEntry(c, entry, new Date(at)),
          );

        const note = await add({ kind: 'note', body: 'Looking at logs' }, T1);
        // A note is activity, not an edit: it must not invalidate editors' versions.
        expect(note.incident).toMatchObject({ version: 1, updatedAt: T1 });
        expect(note.entries).toEqual([
          {
            id: expect.any(String),
            incidentId: declared.id,
            at: T1,
            actor: bob,
            kind: 'note',
            body: 'Looking at logs',
            details: {},
          },
        ]);

        const status = await add(
          { kind: 'status', body: 'Rerouted', mitigated: true },
          T2,
        );
        expect(status.incident).toMatchObject({ version: 2, mitigatedAt: T2 });
        const again = await add(
          { kind: 'status', body: 'Still fine', mitigated: true },
          '2025-02-06T10:20:00.000Z',
        );
        expect(again.incident).toMatchObject({ version: 2, mitigatedAt: T2 });

        const evidence = await add(
          {
            kind: 'evidence',
            body: 'Error rate at baseline',
            url: 'https://grafana.example.com/d/1',
            verifiesFix: true,
          },
          '2025-02-06T10:30:00.000Z',
        );
        expect(evidence.entries[0].details).toEqual({
          url: 'https://grafana.example.com/d/1',
          verifiesFix: true,
        });
        const stored = await store.listTimeline(declared.id, { limit: 10 });
        expect(stored.items[4]).toEqual(evidence.entries[0]);
      });
    });

    describe('listTimeline', () => {
      it('pages oldest first, breaking ties of equal times by insertion', async () => {
        const declared = await store.declareIncident(newIncident());
        for (const [i, at] of [T1, T1, T1, T2].entries()) {
          await store.mutateIncident(
            { id: declared.id },
            { actor: bob, at },
            c =>
              decideTimelineEntry(
                c,
                { kind: 'note', body: `note ${i}` },
                new Date(at),
              ),
          );
        }
        const bodies: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.listTimeline(declared.id, {
            limit: 2,
            cursor,
          });
          expect(page).not.toHaveProperty('totalCount');
          bodies.push(...page.items.map(e => e.body));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor);
        expect(pages).toBe(3);
        expect(bodies).toEqual([
          'Declared SEV2',
          'note 0',
          'note 1',
          'note 2',
          'note 3',
        ]);

        await expect(
          store.listTimeline(declared.id, { limit: 2, cursor: 'Zm9v' }),
        ).rejects.toThrow(InputError);
      });
    });

    describe('migrations', () => {
      it('roll back to zero and apply again', async () => {
        const directory = require('node:path').resolve(
          __dirname,
          '../../migrations',
        );
        await store.declareIncident(newIncident());
        await knex.migrate.rollback({ directory }, true);
        for (const table of [
          'incidents',
          'incident_entities',
          'incident_timeline',
          'incident_counters',
        ]) {
          expect(await knex.schema.hasTable(table)).toBe(false);
        }
        await knex.migrate.latest({ directory });
        const again = await DatabaseIncidentsStore.create({
          database: mockServices.database({ knex }),
        });
        expect((await again.declareIncident(newIncident())).ref).toBe('INC-1');
      });

      it('honours database.migrations.skip', async () => {
        const fresh = await databases.init(databaseId);
        await DatabaseIncidentsStore.create({
          database: mockServices.database({
            knex: fresh,
            migrations: { skip: true },
          }),
        });
        expect(await fresh.schema.hasTable('incidents')).toBe(false);
        await DatabaseIncidentsStore.create({
          database: mockServices.database({ knex: fresh }),
          skipMigrations: true,
        });
        expect(await fresh.schema.hasTable('incidents')).toBe(false);
      });
    });
  },
);
