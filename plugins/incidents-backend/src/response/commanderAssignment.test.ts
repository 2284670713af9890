import { TestDatabases } from '@backstage/backend-test-utils';
import { component } from '../__testUtils__/entities';
import { readOpenCommandedIncidents } from '../database/commandedIncidents';
import { repairIncidentRoleCopies } from '../database/incidentCopies';
import {
  Harness,
  PAYMENTS,
  PLATFORM,
  T0,
  createHarness,
  responseGroups,
  users,
} from '../__testUtils__/responseHarness';

jest.setTimeout(60_000);

const entities = [
  ...responseGroups,
  component('checkout', { owner: PAYMENTS }),
  component('storefront', {
    owner: 'group:default/web',
    dependsOn: ['component:default/checkout'],
  }),
  component('orphan'),
];

const declaration = (
  severity: string,
  entity = 'component:default/checkout',
) => ({
  title: `${severity} checkout`,
  severity: severity as 'SEV1',
  affectedEntityRefs: [entity],
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'Incident commander assignment on %s',
  databaseId => {
    let h: Harness;

    beforeEach(async () => {
      h = await createHarness({
        knex: await databases.init(databaseId),
        entities,
      });
    });

    const timeline = async (incidentId: string) =>
      (await h.store.listTimeline(incidentId, { limit: 100 })).items;
    const closeIncident = (id: string) =>
      h.store.mutateIncident(
        { id },
        { actor: users.pat, at: h.clock.now().toISOString() },
        () => ({
          fields: { phase: 'closed', closedAt: h.clock.now().toISOString() },
          timeline: [],
        }),
      );
    const commands = async (userRef: string) =>
      (await h.roles.openCommandedIncidents({ userRefs: [userRef] }))
        .map(r => `${r.incidentRef} ${r.severity}${r.restricted ? ' R' : ''}`)
        .sort();

    describe.each(['SEV1', 'SEV2'])('%s', severity => {
      it('assigns the platform reliability on-call as IC at declaration and pages them', async () => {
        const incident = await h.declare(declaration(severity));
        expect(incident.commanderRef).toBe(users.pat);

        const slots = await h.roleService.slots(incident.id);
        expect(slots.find(s => s.role === 'incident-commander')).toMatchObject({
          assignee: {
            userRef: users.pat,
            assignedBy: 'user:default/declarer',
            assignedAt: T0.toISOString(),
          },
          version: 1,
        });

        const ackMinutes = severity === 'SEV1' ? 15 : 60;
        const [page] = await h.pages.listIncidentPages(incident.id);
        expect(page).toMatchObject({
          targetUserRef: users.pat,
          targetGroupRef: PLATFORM,
          escalationLevel: 0,
          status: 'open',
          ackDueAt: new Date(T0.getTime() + ackMinutes * 60_000).toISOString(),
        });
        expect(h.sent('firebreak-page')).toEqual([
          {
            to: [users.pat],
            title: `Paged: ${incident.ref} ${severity} ${severity} checkout`,
            severity: severity === 'SEV1' ? 'critical' : 'high',
            link: `/incidents/${incident.ref}?acknowledgePage=${page.id}`,
            scope: `page:${page.id}`,
          },
        ]);
        expect(
          (await timeline(incident.id)).map(e => [e.kind, e.body]),
        ).toEqual([
          ['declared', `Declared ${severity}: ${severity} checkout`],
          [
            'role',
            'pat assigned as incident commander (on call for platform-reliability)',
          ],
          [
            'page',
            `Paged pat as incident commander; acknowledge within ${
              ackMinutes === 15 ? '15 minutes' : '1 hour'
            }`,
          ],
        ]);
      });
    });

    it("names the on-call's most severe open commands and counts the rest, read as a few rows", async () => {
      const declared = [];
      for (const severity of ['SEV2', 'SEV1', 'SEV1', 'SEV2', 'SEV1', 'SEV1']) {
        declared.push(await h.declare(declaration(severity)));
      }
      expect(declared.every(i => i.commanderRef === users.pat)).toBe(true);
      const [, a, b, , c] = declared.map(i => i.ref);

      const rows = await h.roles.openCommandedIncidents({
        userRefs: [users.pat],
      });
      // Per severity the first three by number; the last of them counts the rest.
      expect(
        rows
          .map(r => [r.severity, r.incidentRef, r.also ?? 0])
          .sort((x, y) => String(x).localeCompare(String(y))),
      ).toEqual(
        [
          ['SEV1', a, 0],
          ['SEV1', b, 0],
          ['SEV1', c, 1],
          ['SEV2', declared[0].ref, 0],
          ['SEV2', declared[3].ref, 0],
        ].sort((x, y) => String(x).localeCompare(String(y))),
      );

      const next = await h.declare(declaration('SEV2'));
      expect((await timeline(next.id)).find(e => e.kind === 'role')?.body).toBe(
        `pat assigned as incident commander (on call for platform-reliability): pat is IC of ${a} (SEV1), ${b} (SEV1), ${c} (SEV1) and 3 more already; assigned anyway as the platform reliability on-call`,
      );

      // A long rotation is read in parts (SQLite allows 500 terms in one compound select).
      const rotation = Array.from(
        { length: 120 },
        (_, i) => `user:default/rotation-${i}`,
      );
      expect(
        await h.roles.openCommandedIncidents({
          userRefs: [...rotation, users.pat],
        }),
      ).toEqual(
        await h.roles.openCommandedIncidents({ userRefs: [users.pat] }),
      );

      // Counting stops where the store is told to: the note then says "at least".
      const capped = await readOpenCommandedIncidents(h.knex, {
        userRefs: [users.pat],
        countUpTo: 3,
      });
      const last = capped.filter(r => r.severity === 'SEV1').at(-1);
      expect(last).toMatchObject({
        incidentRef: c,
        also: 1,
        alsoAtLeast: true,
      });
      // Three SEV2 commands: all named, none counted beyond.
      expect(
        capped.filter(r => r.severity === 'SEV2').map(r => r.incidentRef),
      ).toHaveLength(3);
      expect(capped.some(r => r.severity === 'SEV2' && r.also)).toBe(false);
    });

    it('reads the commands from copies that follow a closure, a severity change, a handover and a rolling upgrade', async () => {
      const a = await h.declare(declaration('SEV2'));
      const b = await h.declare(declaration('SEV1'));
      const c = await h.declare(declaration('SEV2'));
      expect(await commands(users.pat)).toEqual(
        [`${a.ref} SEV2`, `${b.ref} SEV1`, `${c.ref} SEV2`].sort(),
      );
      // The rule for a SEV1 weighs SEV1 commands only.
      expect(
        (
          await h.roles.openCommandedIncidents({
            userRefs: [users.pat],
            downTo: 'SEV1',
          })
        ).map(r => r.incidentRef),
      ).toEqual([b.ref]);

      await closeIncident(b.id);
      await h.store.mutateIncident(
        { id: a.id },
        { actor: users.pat, at: h.clock.now().toISOString() },
        () => ({ fields: { severity: 'SEV1' }, timeline: [] }),
      );
      await h.roleService.change(
        { id: c.id },
        { role: 'incident-commander', userRef: users.alice },
        { actor: users.pat },
      );
      expect(await commands(users.pat)).toEqual([`${a.ref} SEV1`]);
      expect(await commands(users.alice)).toEqual([`${c.ref} SEV2`]);
      // SEV4 has no commander at declaration: a first one is a new row with its copies.
      const d = await h.declare(declaration('SEV4'));
      await h.roleService.change(
        { id: d.id },
        { role: 'incident-commander', userRef: users.alice },
        { actor: users.pat },
      );
      expect(await commands(users.alice)).toEqual(
        [`${c.ref} SEV2`, `${d.ref} SEV4`].sort(),
      );

      // A replica of an older version writes roles without copies and closes without
      // moving them; the next replica to start repairs both.
      await h
        .knex('incident_roles')
        .where({ incident_id: d.id })
        .update({ incident_number: null, incident_severity: null });
      await h.knex('incidents').where({ id: c.id }).update({ phase: 'closed' });
      // Before the repair the names are checked against their incidents: nobody is busy
      // with an incident that is closed.
      expect(await commands(users.alice)).toEqual([]);
      expect(await repairIncidentRoleCopies(h.knex)).toBe(2);
      expect(await commands(users.alice)).toEqual([`${d.ref} SEV4`]);
      expect(await repairIncidentRoleCopies(h.knex)).toBe(0);
    });

    it('uses the configured platform group', async () => {
      h = await createHarness({
        knex: h.knex,
        entities,
        skipMigrations: true,
        config: {
          incidents: {
            onCall: {
              schedules: [
                {
                  id: 'sre',
                  groupRef: 'group:default/sre',
                  members: ['sam'],
                  shiftLength: { days: 1 },
                  handoff: { time: '09:00' },
                  timeZone: 'UTC',
                },
              ],
            },
            assignment: { platformGroupRef: 'sre' },
          },
        },
      });
      const incident = await h.declare(declaration('SEV1'));
      expect(incident.commanderRef).toBe('user:default/sam');
    });

    describe('SEV3', () => {
      it('assigns and notifies the owning team’s on-call (schedule linked by annotation)', async () => {
        const incident = await h.declare(declaration('SEV3'));
        expect(incident.commanderRef).toBe(users.alice);
        expect(h.sent('firebreak-page').map(n => n.to)).toEqual([
          [users.alice],
        ]);
        const [page] = await h.pages.listIncidentPages(incident.id);
        expect(page).toMatchObject({
          targetGroupRef: PAYMENTS,
          ackDueAt: new Date(T0.getTime() + 4 * 3_600_000).toISOString(),
        });
      });

      it('defers to the next person in the rotation when the on-call commands a more severe open incident, and says why', async () => {
        const sev2 = await h.declare(declaration('SEV2'));
        await h.roleService.change(
          { id: sev2.id },
          { role: 'incident-commander', userRef: users.alice },
          { actor: users.pat },
        );

        const sev3 = await h.declare(declaration('SEV3'));
        expect(sev3.commanderRef).toBe(users.bob);
        const roleEntry = (await timeline(sev3.id)).find(
          e => e.kind === 'role',
        );
        expect(roleEntry).toMatchObject({
          body: `bob assigned as incident commander (on call for payments): deferred from alice: alice is IC of ${sev2.ref} (SEV2); deferred to bob`,
          details: {
            role: 'incident-commander',
            userRef: users.bob,
            deferredFrom: users.alice,
            automatic: true,
          },
        });
        expect(h.sent('firebreak-page').at(-1)?.to).toEqual([users.bob]);
      });

      it('walks further down the rotation while people are busy', async () => {
        for (const busy of [users.alice, users.bob]) {
          const incident = await h.declare(declaration('SEV1'));
          await h.roleService.change(
            { id: incident.id },
            { role: 'incident-commander', userRef: busy },
            { actor: users.pat },
          );
        }
        const sev3 = await h.declare(declaration('SEV3'));
        expect(sev3.commanderRef).toBe(users.carol);
      });

      it('does not defer for an incident of the same severity, nor for a closed one', async () => {
        const other = await h.declare(declaration('SEV3'));
        expect(other.commanderRef).toBe(users.alice);
        expect((await h.declare(declaration('SEV3'))).commanderRef).toBe(
          users.alice,
        );

        const sev1 = await h.declare(declaration('SEV1'));
        await h.roleService.change(
          { id: sev1.id },
          { role: 'incident-commander', userRef: users.alice },
          { actor: users.pat },
        );
        await closeIncident(sev1.id);
        expect((await h.declare(declaration('SEV3'))).commanderRef).toBe(
          users.alice,
        );
      });

      it('records why nobody is assigned when the owner has no on-call', async () => {
        const incident = await h.declare({
          ...declaration('SEV3'),
          affectedEntityRefs: ['component:default/storefront'],
        });
        expect(incident.commanderRef).toBeUndefined();
        expect((await timeline(incident.id))[1]).toMatchObject({
          kind: 'role',
          body: 'No incident commander assigned: no on-call schedule found for group:default/web',
        });
        expect(h.sent()).toEqual([]);
      });
    });

    describe('SEV4', () => {
      it('assigns no IC; inside business hours the owning team’s backlog takes it now', async () => {
        const incident = await h.declare(declaration('SEV4'));
        expect(incident.commanderRef).toBeUndefined();
        expect(incident.backlog).toEqual({
          groupRef: PAYMENTS,
          assignAt: T0.toISOString(),
          assignedAt: T0.toISOString(),
        });
        expect(await h.pages.listIncidentPages(incident.id)).toEqual([]);
        expect(h.sent()).toEqual([
          expect.objectContaining({
            to: [PAYMENTS],
            title: `${incident.ref} is in your backlog`,
          }),
        ]);
      });

      it('tells no group outside the audience about a restricted incident in its backlog', async () => {
        const incident = await h.declare({
          ...declaration('SEV4'),
          restricted: true,
        });
        expect(incident.backlog).toMatchObject({ groupRef: PAYMENTS });
        expect(h.sent()).toEqual([]);
      });

      it('outside business hours, hands it over when they next begin (Berlin time)', async () => {
        // Saturday 13:00 in Berlin; business hours begin Monday 09:00 Berlin = 08:00 UTC.
        h.clock.set('2025-02-08T12:00:00Z');
        const incident = await h.declare(declaration('SEV4'));
        expect(incident.backlog).toEqual({
          groupRef: PAYMENTS,
          assignAt: '2025-02-10T08:00:00.000Z',
        });
        expect(h.sent()).toEqual([]);
        expect((await timeline(incident.id))[1].body).toBe(
          'No incident commander for SEV4: goes to the backlog of payments when business hours begin',
        );

        h.clock.set('2025-02-10T07:59:00Z');
        expect(await h.backlog.run()).toBe(0);

        h.clock.set('2025-02-10T08:00:00Z');
        expect(await h.backlog.run()).toBe(1);
        expect(await h.backlog.run()).toBe(0);
        const after = await h.store.getIncident({ id: incident.id });
        expect(after?.backlog).toEqual({
          groupRef: PAYMENTS,
          assignAt: '2025-02-10T08:00:00.000Z',
          assignedAt: '2025-02-10T08:00:00.000Z',
        });
        expect(h.sent().map(n => n.to)).toEqual([[PAYMENTS]]);
        expect((await timeline(incident.id)).at(-1)?.body).toBe(
          'Business hours began: assigned to the backlog of payments',
        );
      });
    });

    describe('ownership at declaration', () => {
      it('stores owners and the blast radius on the incident', async () => {
        const incident = await h.declare(declaration('SEV3'));
        expect(incident.entities).toEqual([
          {
            entityRef: 'component:default/checkout',
            relation: 'affected',
            ownerRef: PAYMENTS,
          },
          {
            entityRef: 'component:default/storefront',
            relation: 'downstream',
            ownerRef: 'group:default/web',
          },
        ]);
        expect((await timeline(incident.id))[0].details).toMatchObject({
          ownership: [
            {
              entityRef: 'component:default/checkout',
              ownerRef: PAYMENTS,
              ownerVia: 'entity',
            },
          ],
          downstream: [
            {
              entityRef: 'component:default/storefront',
              ownerRef: 'group:default/web',
              dependsOn: ['component:default/checkout'],
            },
          ],
        });
      });

      it('makes a constant number of catalog calls per declaration, whatever the number of entities', async () => {
        const many = Array.from({ length: 20 }, (_, i) =>
          component(`svc-${i}`, { owner: PAYMENTS }),
        );
        h = await createHarness({
          knex: h.knex,
          entities: [...entities, ...many],
          skipMigrations: true,
        });
        const spies = [
          jest.spyOn(h.catalog, 'getEntitiesByRefs'),
          jest.spyOn(h.catalog, 'getEntities'),
          jest.spyOn(h.catalog, 'queryEntities'),
          jest.spyOn(h.catalog, 'getEntityByRef'),
        ];
        const count = () =>
          spies.reduce((n, spy) => n + spy.mock.calls.length, 0);

        await h.declare(declaration('SEV3', 'component:default/svc-0'));
        const one = count();
        await h.declare({
          ...declaration('SEV3'),
          affectedEntityRefs: many.map(
            e => `component:default/${e.metadata.name}`,
          ),
        });
        const twenty = count() - one;
        // affected by refs + dependents query + the on-call group's annotations
        expect(one).toBe(3);
        expect(twenty).toBe(one);
      });
    });
  },
);
