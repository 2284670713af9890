import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import { Severity } from '@firebreak/plugin-incidents-common';
import { component } from '../__testUtils__/entities';
import {
  Harness,
  PAYMENTS,
  createHarness,
  responseGroups,
  users,
} from '../__testUtils__/responseHarness';
import { severityRaisedEntry } from '../alerts/incidentEntries';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'Incident commander after an alert raised the severity, on %s',
  databaseId => {
    let h: Harness;

    beforeEach(async () => {
      h = await createHarness({
        knex: await databases.init(databaseId),
        entities: [
          ...responseGroups,
          component('checkout', { owner: PAYMENTS }),
        ],
      });
    });

    const declare = (severity: Severity) =>
      h.declare({
        title: 'Checkout failing',
        severity,
        affectedEntityRefs: ['component:default/checkout'],
      });

    /** What the alerts module does in its transaction, then its after-commit signal. */
    const raiseByAlert = async (incidentId: string, to: Severity) => {
      const { incident } = await h.store.mutateIncident(
        { id: incidentId },
        { actor: 'alertmanager:firebreak', at: h.clock.now().toISOString() },
        current => ({
          fields: { severity: to },
          timeline: [severityRaisedEntry(current.severity, to, [])],
        }),
      );
      await h.events.publish({
        incident: {
          id: incident.id,
          ref: incident.ref,
          version: incident.version,
        },
        kind: 'updated',
        actor: 'alertmanager:firebreak',
      });
    };

    it('hands a SEV3 raised to SEV1 over to the platform on-call, once', async () => {
      const incident = await declare('SEV3');
      expect(incident.commanderRef).toBe(users.alice);
      h.notifications.send.mockClear();

      await raiseByAlert(incident.id, 'SEV1');
      const after = await h.store.getIncident({ id: incident.id });
      expect(after).toMatchObject({
        severity: 'SEV1',
        commanderRef: users.pat,
      });
      expect(h.sent('firebreak-page').map(s => s.to)).toEqual([[users.pat]]);
      const pages = await h.pages.listIncidentPages(incident.id);
      expect(pages.map(p => p.targetUserRef).sort()).toEqual(
        [users.alice, users.pat].sort(),
      );

      // Any later signal (another alert, the backlog job) does not reassess again.
      await h.events.publish({
        incident: {
          id: incident.id,
          ref: incident.ref,
          version: after!.version,
        },
        kind: 'updated',
        actor: 'alertmanager:firebreak',
      });
      expect(await h.pages.listIncidentPages(incident.id)).toHaveLength(2);
      const handoffs = (
        await h.store.listTimeline(incident.id, { limit: 100 })
      ).items.filter(e => e.details.action === 'handoff');
      expect(handoffs).toHaveLength(1);
      expect(handoffs[0]).toMatchObject({
        actor: 'plugin:default/incidents',
        details: { previousUserRef: users.alice, userRef: users.pat },
      });
    });

    it('keeps the platform on-call of a SEV2 raised to SEV1', async () => {
      const incident = await declare('SEV2');
      h.notifications.send.mockClear();
      await raiseByAlert(incident.id, 'SEV1');
      expect(
        (await h.store.getIncident({ id: incident.id }))?.commanderRef,
      ).toBe(users.pat);
      expect(h.sent('firebreak-page')).toEqual([]);
    });

    it('assigns the owning team on-call to a backlog SEV4 raised to SEV3 by hand', async () => {
      const incident = await declare('SEV4');
      expect(incident.backlog).toBeDefined();
      const { incident: after } = await h.severity.update(
        { id: incident.id },
        { severity: 'SEV3' },
        {
          actor: 'user:default/mock',
          now: h.clock.now(),
          credentials: mockCredentials.user(),
        },
      );
      expect(after.commanderRef).toBe(users.alice);
      expect(after.backlog).toBeUndefined();
      expect(h.sent('firebreak-page').map(s => s.to)).toEqual([[users.alice]]);
    });
  },
);
