import { TestDatabases } from '@backstage/backend-test-utils';
import { randomUUID } from 'node:crypto';
import {
  Harness,
  checkoutCatalog,
  T0,
  createHarness,
  users,
} from '../../__testUtils__/responseHarness';
import {
  DEFAULT_UPDATE_CADENCE,
  nextUpdateDueAt,
} from '../../domain/communication';
import { toIsoString } from '../../database/rows';
import { runUpdatePrompts } from './CommsJobs';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const MINUTE = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

describe.each(databases.eachSupportedId())(
  'stakeholder update prompts on %s',
  databaseId => {
    let h: Harness;

    beforeEach(async () => {
      h = await createHarness({
        knex: await databases.init(databaseId),
        entities: checkoutCatalog,
      });
    });

    const declare = (severity: 'SEV1' | 'SEV2' | 'SEV3') =>
      h.declare({
        title: `${severity} checkout`,
        severity,
        affectedEntityRefs: ['component:default/checkout'],
      });
    const prompt = async (minutes: number) => {
      h.clock.set(at(minutes));
      const n = await runUpdatePrompts({
        db: h.knex,
        cadence: DEFAULT_UPDATE_CADENCE,
        clock: h.clock,
      });
      await h.delivery.run();
      return n;
    };
    const prompts = () => h.sent('incident-update-prompt');
    const postUpdate = (incidentId: string, minutes: number) =>
      h.knex('incident_comms_updates').insert({
        id: randomUUID(),
        incident_id: incidentId,
        audience: 'internal',
        body: 'Still mitigating',
        author: users.pat,
        posted_at: at(minutes),
      });

    it('prompts the commander once per due time, a cadence after the last update', async () => {
      const sev1 = await declare('SEV1');
      const sev3 = await declare('SEV3');
      expect(await prompt(29)).toBe(0);
      expect(await prompt(30)).toBe(1);
      expect(prompts()).toEqual([
        expect.objectContaining({
          to: [sev1.commanderRef],
          title: `Stakeholder update due: ${sev1.ref} SEV1 SEV1 checkout`,
          link: `/incidents/${sev1.ref}`,
        }),
      ]);
      // Reruns (or another replica's run) send nothing more for that due time.
      expect(await prompt(31)).toBe(0);
      expect(await prompt(45)).toBe(0);

      // An update restarts the clock: the next prompt is a cadence after it.
      await postUpdate(sev1.id, 40);
      expect(await prompt(69)).toBe(0);
      expect(await prompt(70)).toBe(1);
      expect(prompts()).toHaveLength(2);
      // The job's due time (worked out in SQL) is the one the incident page shows.
      const recorded = await h
        .knex('incident_update_prompts')
        .where({ incident_id: sev1.id })
        .first();
      expect(toIsoString(recorded.due_at)).toBe(
        nextUpdateDueAt(sev1, at(40).toISOString(), DEFAULT_UPDATE_CADENCE),
      );
      // SEV3 has no cadence; a resolved incident is not prompted.
      await h
        .knex('incidents')
        .where({ id: sev1.id })
        .update({
          phase: 'resolved',
          resolved_at: at(80),
        });
      expect(await prompt(200)).toBe(0);
      expect(prompts().map(p => p.link)).not.toContain(
        `/incidents/${sev3.ref}`,
      );
    });

    it('prompts again when a raised severity brings the due time forward', async () => {
      const sev2 = await declare('SEV2');
      expect(await prompt(60)).toBe(1);
      expect(await prompt(61)).toBe(0);
      // Raised to SEV1 with no update since: a SEV1 update was due 30 minutes in.
      await h
        .knex('incidents')
        .where({ id: sev2.id })
        .update({ severity: 'SEV1' });
      expect(await prompt(62)).toBe(1);
      expect(await prompt(63)).toBe(0);
      expect(prompts().map(p => p.title)).toEqual([
        `Stakeholder update due: ${sev2.ref} SEV2 SEV2 checkout`,
        `Stakeholder update due: ${sev2.ref} SEV1 SEV2 checkout`,
      ]);
    });

    it('works through a storm in batches, the longest overdue first, skipping none', async () => {
      // 230 SEV2 incidents declared a minute apart: all due an hour after their declaration.
      const declared = [];
      for (let i = 0; i < 230; i++) {
        h.clock.set(at(i));
        declared.push(await declare('SEV2'));
      }
      expect(await prompt(60 + 300)).toBe(200);
      const first = prompts().map(p => p.link);
      expect(first.slice(0, 3)).toEqual(
        declared.slice(0, 3).map(i => `/incidents/${i.ref}`),
      );
      expect(await prompt(60 + 301)).toBe(30);
      expect(await prompt(60 + 302)).toBe(0);
      expect(new Set(prompts().map(p => p.link)).size).toBe(230);
    });
  },
);
