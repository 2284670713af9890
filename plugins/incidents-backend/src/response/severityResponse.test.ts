import { TestDatabases, mockCredentials } from '@backstage/backend-test-utils';
import { Severity } from '@firebreak/plugin-incidents-common';
import {
  Harness,
  checkoutCatalog,
  createHarness,
  users,
} from '../__testUtils__/responseHarness';

// A raise by an alert is proven through the webhook: alerts/raiseCommander.test.ts.

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'Incident commander after a severity change by hand, on %s',
  databaseId => {
    let h: Harness;

    beforeEach(async () => {
      h = await createHarness({
        knex: await databases.init(databaseId),
        entities: checkoutCatalog,
      });
    });

    const declare = (severity: Severity) =>
      h.declare({
        title: 'Checkout failing',
        severity,
        affectedEntityRefs: ['component:default/checkout'],
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
