import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { ConfigOnCallProvider } from './ConfigOnCallProvider';

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';
const DAVE = 'user:default/dave';
const ERIN = 'user:default/erin';
const PAYMENTS = 'group:default/payments';

function providerWith(...schedules: JsonObject[]) {
  return ConfigOnCallProvider.fromConfig(
    new ConfigReader({ incidents: { onCall: { schedules } } }),
  );
}

/** Weekly, Monday 09:00 Berlin; alice takes the first shift on Monday 2025-01-06. */
const weekly: JsonObject = {
  id: 'payments-primary',
  groupRef: 'group:default/payments',
  members: ['alice', 'user:bob', 'user:default/carol'],
  shiftLength: { days: 7 },
  handoff: { weekday: 'monday', time: '09:00' },
  timeZone: 'Europe/Berlin',
  start: '2025-01-06',
};

async function onCallAt(
  provider: ConfigOnCallProvider,
  at: string,
  groupRef = PAYMENTS,
) {
  return provider.getOnCall({ groupRef, at: new Date(at) });
}

describe('ConfigOnCallProvider', () => {
  describe('weekly rotation', () => {
    const provider = providerWith(weekly);

    it('answers who is on call now and who is next', async () => {
      await expect(onCallAt(provider, '2025-01-08T12:00:00Z')).resolves.toEqual(
        {
          groupRef: PAYMENTS,
          scheduleId: 'payments-primary',
          // 09:00 CET is 08:00Z
          current: {
            userRef: ALICE,
            start: '2025-01-06T08:00:00.000Z',
            end: '2025-01-13T08:00:00.000Z',
          },
          next: {
            userRef: BOB,
            start: '2025-01-13T08:00:00.000Z',
            end: '2025-01-20T08:00:00.000Z',
          },
          rotation: [ALICE, BOB, CAROL],
        },
      );
    });

    it('hands off exactly at the handoff time (end is exclusive)', async () => {
      const before = await onCallAt(provider, '2025-01-13T07:59:59.999Z');
      const at = await onCallAt(provider, '2025-01-13T08:00:00.000Z');
      expect(before?.current?.userRef).toBe(ALICE);
      expect(at?.current?.userRef).toBe(BOB);
      expect(at?.next?.userRef).toBe(CAROL);
      expect(at?.rotation).toEqual([BOB, CAROL, ALICE]);
    });

    it('advances one member per shift and wraps around', async () => {
      const weeks = [
        '2025-01-20T12:00:00Z',
        '2025-01-27T12:00:00Z',
        '2025-02-03T12:00:00Z',
      ];
      const results = await Promise.all(weeks.map(w => onCallAt(provider, w)));
      expect(results.map(r => r?.current?.userRef)).toEqual([
        CAROL,
        ALICE,
        BOB,
      ]);
      expect(results[0]?.rotation).toEqual([CAROL, ALICE, BOB]);
    });

    it('extends the rotation backwards before its start', async () => {
      const result = await onCallAt(provider, '2025-01-01T12:00:00Z');
      expect(result?.current).toEqual({
        userRef: CAROL,
        start: '2024-12-30T08:00:00.000Z',
        end: '2025-01-06T08:00:00.000Z',
      });
      expect(result?.next?.userRef).toBe(ALICE);
    });

    it.each([['P1W'], ['1 week'], [{ weeks: 1 }], [{ hours: 168 }]])(
      'accepts shiftLength %j',
      async shiftLength => {
        const result = await onCallAt(
          providerWith({ ...weekly, shiftLength }),
          '2025-01-15T12:00:00Z',
        );
        expect(result?.current?.userRef).toBe(BOB);
        expect(result?.current?.end).toBe('2025-01-20T08:00:00.000Z');
      },
    );

    it('supports rotations of several weeks', async () => {
      const result = await onCallAt(
        providerWith({ ...weekly, shiftLength: { weeks: 2 } }),
        '2025-01-15T12:00:00Z',
      );
      expect(result?.current).toEqual({
        userRef: ALICE,
        start: '2025-01-06T08:00:00.000Z',
        end: '2025-01-20T08:00:00.000Z',
      });
      expect(result?.next?.userRef).toBe(BOB);
    });

    it('anchors on the first handoff weekday at or after start', async () => {
      // Wednesday 2025-01-08: alice's first shift is Monday 2025-01-13.
      const provider2 = providerWith({ ...weekly, start: '2025-01-08' });
      const result = await onCallAt(provider2, '2025-01-14T12:00:00Z');
      expect(result?.current?.userRef).toBe(ALICE);
      expect(result?.current?.start).toBe('2025-01-13T08:00:00.000Z');
    });

    it('anchors on a fixed epoch handoff when start is not set', async () => {
      const { start: _start, ...unanchored } = weekly;
      const result = await onCallAt(
        providerWith(unanchored),
        '2025-01-08T12:00:00Z',
      );
      // First Monday on or after 1970-01-01 is 1970-01-05; 2025-01-06 is 2870 weeks later,
      // and 2870 % 3 === 2, so members[2] holds the shift of 2025-01-06.
      expect(result?.current).toEqual({
        userRef: CAROL,
        start: '2025-01-06T08:00:00.000Z',
        end: '2025-01-13T08:00:00.000Z',
      });
    });

    it('keeps a single-member rotation on the same person, shift after shift', async () => {
      const result = await onCallAt(
        providerWith({ ...weekly, members: ['alice'] }),
        '2025-01-08T12:00:00Z',
      );
      expect(result?.current?.userRef).toBe(ALICE);
      expect(result?.next).toEqual({
        userRef: ALICE,
        start: '2025-01-13T08:00:00.000Z',
        end: '2025-01-20T08:00:00.000Z',
      });
      expect(result?.rotation).toEqual([ALICE]);
    });

    it('lists a member once in the rotation even if they hold several slots', async () => {
      const result = await onCallAt(
        providerWith({
          ...weekly,
          members: ['alice', 'bob', 'alice', 'carol'],
        }),
        '2025-01-08T12:00:00Z',
      );
      expect(result?.rotation).toEqual([ALICE, BOB, CAROL]);
    });
  });

  describe('time zones', () => {
    it('hands off at the handoff time in the schedule time zone', async () => {
      const newYork = providerWith({ ...weekly, timeZone: 'America/New_York' });
      const tokyo = providerWith({ ...weekly, timeZone: 'Asia/Tokyo' });

      // Monday 09:00 EST is 14:00Z.
      expect(
        (await onCallAt(newYork, '2025-01-13T13:59:00Z'))?.current?.userRef,
      ).toBe(ALICE);
      const ny = await onCallAt(newYork, '2025-01-13T14:00:00Z');
      expect(ny?.current).toEqual({
        userRef: BOB,
        start: '2025-01-13T14:00:00.000Z',
        end: '2025-01-20T14:00:00.000Z',
      });

      // Monday 09:00 JST is Monday 00:00Z.
      expect(
        (await onCallAt(tokyo, '2025-01-12T23:59:00Z'))?.current?.userRef,
      ).toBe(ALICE);
      expect(
        (await onCallAt(tokyo, '2025-01-13T00:00:00Z'))?.current?.start,
      ).toBe('2025-01-13T00:00:00.000Z');
    });

    it('keeps the wall-clock handoff across the spring-forward DST change', async () => {
      // Berlin moves to CEST on Sunday 2025-03-30; the week of 03-24 is carol's.
      const provider = providerWith(weekly);
      const result = await onCallAt(provider, '2025-03-28T12:00:00Z');
      expect(result?.current).toEqual({
        userRef: CAROL,
        start: '2025-03-24T08:00:00.000Z', // 09:00 CET
        end: '2025-03-31T07:00:00.000Z', // 09:00 CEST: a 167-hour shift
      });
      expect(result?.next).toEqual({
        userRef: ALICE,
        start: '2025-03-31T07:00:00.000Z',
        end: '2025-04-07T07:00:00.000Z',
      });
      expect(
        (await onCallAt(provider, '2025-03-31T07:30:00Z'))?.current?.userRef,
      ).toBe(ALICE);
    });

    it('keeps the wall-clock handoff across the fall-back DST change', async () => {
      // Berlin returns to CET on Sunday 2025-10-26.
      const result = await onCallAt(
        providerWith(weekly),
        '2025-10-22T12:00:00Z',
      );
      expect(result?.current?.start).toBe('2025-10-20T07:00:00.000Z');
      expect(result?.current?.end).toBe('2025-10-27T08:00:00.000Z');
    });
  });

  describe('daily rotation', () => {
    const daily: JsonObject = {
      id: 'search-daily',
      groupRef: 'group:default/search',
      members: ['alice', 'bob'],
      shiftLength: 'P1D',
      handoff: { time: '09:00' },
      timeZone: 'America/New_York',
      start: '2025-03-03',
    };
    const SEARCH = 'group:default/search';

    it('hands off every day at the handoff time', async () => {
      const provider = providerWith(daily);
      const result = await onCallAt(provider, '2025-03-04T20:00:00Z', SEARCH);
      expect(result?.current).toEqual({
        userRef: BOB,
        start: '2025-03-04T14:00:00.000Z',
        end: '2025-03-05T14:00:00.000Z',
      });
      expect(result?.next).toEqual({
        userRef: ALICE,
        start: '2025-03-05T14:00:00.000Z',
        end: '2025-03-06T14:00:00.000Z',
      });
    });

    it('has a 23-hour shift over the spring-forward night', async () => {
      // New York moves to EDT at 02:00 on Sunday 2025-03-09; 12:00Z is 08:00 EDT.
      const result = await onCallAt(
        providerWith(daily),
        '2025-03-09T12:00:00Z',
        SEARCH,
      );
      expect(result?.current).toEqual({
        userRef: BOB,
        start: '2025-03-08T14:00:00.000Z', // 09:00 EST
        end: '2025-03-09T13:00:00.000Z', // 09:00 EDT
      });
      expect(result?.next).toEqual({
        userRef: ALICE,
        start: '2025-03-09T13:00:00.000Z',
        end: '2025-03-10T13:00:00.000Z',
      });
    });

    it('moves a handoff that falls in the DST gap forward by the gap', async () => {
      const result = await onCallAt(
        providerWith({
          ...daily,
          handoff: { time: '02:30' },
          timeZone: 'Europe/Berlin',
        }),
        '2025-03-30T12:00:00Z',
        SEARCH,
      );
      // 02:30 does not exist on 2025-03-30 in Berlin: the handoff happens at 03:30 CEST.
      expect(result?.current?.start).toBe('2025-03-30T01:30:00.000Z');
      expect(result?.current?.end).toBe('2025-03-31T00:30:00.000Z');
    });

    it('supports multi-day shifts', async () => {
      const result = await onCallAt(
        providerWith({ ...daily, shiftLength: { days: 3 } }),
        '2025-03-07T12:00:00Z',
        SEARCH,
      );
      expect(result?.current).toEqual({
        userRef: BOB,
        start: '2025-03-06T14:00:00.000Z',
        end: '2025-03-09T13:00:00.000Z',
      });
    });

    it('anchors the phase on handoff.weekday when given', async () => {
      const result = await onCallAt(
        providerWith({
          ...daily,
          start: '2025-03-05',
          handoff: { weekday: 'Monday', time: '09:00' },
        }),
        '2025-03-10T15:00:00Z',
        SEARCH,
      );
      expect(result?.current?.userRef).toBe(ALICE);
      expect(result?.current?.start).toBe('2025-03-10T13:00:00.000Z');
    });
  });

  describe('overrides', () => {
    it('replaces the person on call during [start, end)', async () => {
      const provider = providerWith({
        ...weekly,
        // No offset: wall-clock in the schedule's time zone (Berlin, CET).
        overrides: [
          {
            userRef: 'dave',
            start: '2025-01-08T18:00',
            end: '2025-01-09T09:00',
          },
        ],
      });

      const before = await onCallAt(provider, '2025-01-08T12:00:00Z');
      expect(before?.current).toEqual({
        userRef: ALICE,
        start: '2025-01-06T08:00:00.000Z',
        end: '2025-01-08T17:00:00.000Z',
      });
      expect(before?.next).toEqual({
        userRef: DAVE,
        start: '2025-01-08T17:00:00.000Z',
        end: '2025-01-09T08:00:00.000Z',
        override: true,
      });

      const during = await onCallAt(provider, '2025-01-08T20:00:00Z');
      expect(during?.current).toEqual({
        userRef: DAVE,
        start: '2025-01-08T17:00:00.000Z',
        end: '2025-01-09T08:00:00.000Z',
        override: true,
      });
      expect(during?.next).toEqual({
        userRef: ALICE,
        start: '2025-01-09T08:00:00.000Z',
        end: '2025-01-13T08:00:00.000Z',
      });
      expect(during?.rotation).toEqual([DAVE, ALICE, BOB, CAROL]);

      const after = await onCallAt(provider, '2025-01-09T08:00:00Z');
      expect(after?.current?.userRef).toBe(ALICE);
      expect(after?.next?.userRef).toBe(BOB);
    });

    it('spans a regular handoff', async () => {
      const provider = providerWith({
        ...weekly,
        overrides: [
          {
            userRef: 'erin',
            start: '2025-01-12T00:00:00Z',
            end: '2025-01-14T00:00:00Z',
          },
        ],
      });
      const result = await onCallAt(provider, '2025-01-13T10:00:00Z');
      expect(result?.current).toEqual({
        userRef: ERIN,
        start: '2025-01-12T00:00:00.000Z',
        end: '2025-01-14T00:00:00.000Z',
        override: true,
      });
      // bob's regular shift started under the override; he takes over when it ends.
      expect(result?.next).toEqual({
        userRef: BOB,
        start: '2025-01-14T00:00:00.000Z',
        end: '2025-01-20T08:00:00.000Z',
      });
      expect(result?.rotation).toEqual([ERIN, BOB, CAROL, ALICE]);
    });

    it('answers a sweep of instants in any order as a fresh provider does (the reused answer)', async () => {
      const schedule = {
        ...weekly,
        overrides: [
          {
            userRef: 'erin',
            start: '2025-01-12T00:00:00Z',
            end: '2025-01-14T00:00:00Z',
          },
          {
            userRef: 'dave',
            start: '2025-01-20T07:30:00Z',
            end: '2025-01-20T08:30:00Z',
          },
        ],
      };
      const shared = providerWith(schedule);
      const start = Date.parse('2025-01-10T00:00:00Z');
      // Every 30 minutes over 20 days, forwards, then in a scrambled order, with the
      // boundaries themselves and the millisecond before each.
      const instants = Array.from(
        { length: 960 },
        (_, i) => start + i * 1_800_000,
      );
      const scrambled = instants.map(
        (_, i) => instants[(i * 397) % instants.length],
      );
      const edges = [
        '2025-01-12T00:00:00Z',
        '2025-01-13T08:00:00Z',
        '2025-01-14T00:00:00Z',
        '2025-01-20T07:30:00Z',
        '2025-01-20T08:00:00Z',
        '2025-01-20T08:30:00Z',
      ].flatMap(iso => [Date.parse(iso) - 1, Date.parse(iso)]);
      for (const at of [
        ...instants,
        ...scrambled,
        ...edges,
        ...edges.reverse(),
      ]) {
        const iso = new Date(at).toISOString();
        expect(await onCallAt(shared, iso)).toEqual(
          await onCallAt(providerWith(schedule), iso),
        );
      }
    });

    it('lets the override listed last win where overrides overlap', async () => {
      const provider = providerWith({
        ...weekly,
        overrides: [
          {
            userRef: 'carol',
            start: '2025-01-06T08:00:00Z',
            end: '2025-01-13T08:00:00Z',
          },
          {
            userRef: 'dave',
            start: '2025-01-08T00:00:00Z',
            end: '2025-01-09T00:00:00Z',
          },
        ],
      });
      const early = await onCallAt(provider, '2025-01-07T12:00:00Z');
      expect(early?.current).toEqual({
        userRef: CAROL,
        start: '2025-01-06T08:00:00.000Z',
        end: '2025-01-08T00:00:00.000Z',
        override: true,
      });
      expect(early?.next?.userRef).toBe(DAVE);
      const middle = await onCallAt(provider, '2025-01-08T12:00:00Z');
      expect(middle?.current?.userRef).toBe(DAVE);
      expect(middle?.next).toEqual({
        userRef: CAROL,
        start: '2025-01-09T00:00:00.000Z',
        end: '2025-01-13T08:00:00.000Z',
        override: true,
      });
    });

    it('merges back-to-back overrides for the same person', async () => {
      const provider = providerWith({
        ...weekly,
        overrides: [
          {
            userRef: 'dave',
            start: '2025-01-08T00:00:00Z',
            end: '2025-01-09T00:00:00Z',
          },
          {
            userRef: 'user:default/Dave',
            start: '2025-01-09T00:00:00Z',
            end: '2025-01-10T00:00:00Z',
          },
        ],
      });
      const result = await onCallAt(provider, '2025-01-08T12:00:00Z');
      expect(result?.current?.start).toBe('2025-01-08T00:00:00.000Z');
      expect(result?.current?.end).toBe('2025-01-10T00:00:00.000Z');
      expect(result?.next?.userRef).toBe(ALICE);
    });

    it('does not repeat a member who covers someone else', async () => {
      const provider = providerWith({
        ...weekly,
        overrides: [
          {
            userRef: 'bob',
            start: '2025-01-08T00:00:00Z',
            end: '2025-01-09T00:00:00Z',
          },
        ],
      });
      const result = await onCallAt(provider, '2025-01-08T12:00:00Z');
      expect(result?.current).toMatchObject({ userRef: BOB, override: true });
      expect(result?.rotation).toEqual([BOB, ALICE, CAROL]);
    });
  });

  describe('empty rotation', () => {
    const empty: JsonObject = { ...weekly, members: [] };

    it('knows the schedule but has nobody on call', async () => {
      await expect(
        onCallAt(providerWith(empty), '2025-01-08T12:00:00Z'),
      ).resolves.toEqual({
        groupRef: PAYMENTS,
        scheduleId: 'payments-primary',
        current: undefined,
        next: undefined,
        rotation: [],
      });
    });

    it('is staffed by overrides only', async () => {
      const provider = providerWith({
        ...empty,
        overrides: [
          {
            userRef: 'dave',
            start: '2025-02-01T00:00:00Z',
            end: '2025-02-02T00:00:00Z',
          },
        ],
      });
      const before = await onCallAt(provider, '2025-01-15T12:00:00Z');
      expect(before?.current).toBeUndefined();
      expect(before?.next).toEqual({
        userRef: DAVE,
        start: '2025-02-01T00:00:00.000Z',
        end: '2025-02-02T00:00:00.000Z',
        override: true,
      });
      expect(before?.rotation).toEqual([]);

      const during = await onCallAt(provider, '2025-02-01T12:00:00Z');
      expect(during?.current?.userRef).toBe(DAVE);
      expect(during?.next).toBeUndefined();
      expect(during?.rotation).toEqual([DAVE]);
    });
  });

  describe('finding the schedule', () => {
    const provider = providerWith(weekly, {
      ...weekly,
      id: 'search-primary',
      groupRef: 'search',
      members: ['dave', 'erin'],
    });
    const at = new Date('2025-01-08T12:00:00Z');

    it('returns undefined for a group without a schedule', async () => {
      await expect(
        provider.getOnCall({ groupRef: 'group:default/unknown', at }),
      ).resolves.toBeUndefined();
    });

    it('matches group refs case-insensitively and completes shorthand refs', async () => {
      const result = await provider.getOnCall({
        groupRef: 'group:default/Search',
        at,
      });
      expect(result?.scheduleId).toBe('search-primary');
      expect(result?.groupRef).toBe('group:default/Search');
      expect(result?.current?.userRef).toBe(DAVE);
    });

    it('prefers the schedule named by the group annotation', async () => {
      const result = await provider.getOnCall({
        groupRef: 'group:default/sre',
        scheduleId: 'search-primary',
        at,
      });
      expect(result?.groupRef).toBe('group:default/sre');
      expect(result?.scheduleId).toBe('search-primary');
      expect(result?.current?.userRef).toBe(DAVE);
    });

    it('falls back to groupRef when the annotation names an unknown schedule', async () => {
      const result = await provider.getOnCall({
        groupRef: PAYMENTS,
        scheduleId: 'typo',
        at,
      });
      expect(result?.scheduleId).toBe('payments-primary');
    });

    it('resolves a schedule by id', async () => {
      const result = await provider.getOnCallForSchedule('search-primary', at);
      expect(result?.groupRef).toBe('group:default/search');
      expect(result?.current?.userRef).toBe(DAVE);
      await expect(
        provider.getOnCallForSchedule('unknown', at),
      ).resolves.toBeUndefined();
    });

    it('lists the schedules', () => {
      expect(provider.listSchedules()).toEqual([
        { id: 'payments-primary', groupRef: PAYMENTS },
        { id: 'search-primary', groupRef: 'group:default/search' },
      ]);
    });

    it('rejects an invalid date', async () => {
      await expect(
        provider.getOnCall({ groupRef: PAYMENTS, at: new Date('nope') }),
      ).rejects.toThrow(TypeError);
    });

    it('has no schedules when none are configured', async () => {
      const none = ConfigOnCallProvider.fromConfig(new ConfigReader({}));
      expect(none.listSchedules()).toEqual([]);
      await expect(
        none.getOnCall({ groupRef: PAYMENTS, at }),
      ).resolves.toBeUndefined();
    });
  });

  describe('config validation', () => {
    const key = 'incidents.onCall.schedules[0]';

    it.each<[string, JsonObject, string]>([
      ['empty id', { id: ' ' }, `'${key}.id': must not be empty`],
      [
        'group ref of another kind',
        { groupRef: 'user:default/alice' },
        `'${key}.groupRef': expected a group entity ref`,
      ],
      [
        'unknown time zone',
        { timeZone: 'Mars/Olympus' },
        `'${key}.timeZone': expected an IANA time zone`,
      ],
      [
        'member that is not a user',
        { members: ['alice', 'group:default/payments'] },
        `'${key}.members[1]': expected a user entity ref`,
      ],
      [
        'handoff time that is not HH:mm',
        { handoff: { weekday: 'monday', time: '9am' } },
        `'${key}.handoff.time': expected a 24-hour time 'HH:mm'`,
      ],
      [
        'handoff time out of range',
        { handoff: { weekday: 'monday', time: '24:00' } },
        `'${key}.handoff.time'`,
      ],
      [
        'unknown weekday',
        { handoff: { weekday: 'mon', time: '09:00' } },
        `'${key}.handoff.weekday': expected one of monday, tuesday`,
      ],
      [
        'weekly shift without weekday',
        { handoff: { time: '09:00' } },
        `'${key}.handoff.weekday': is required when shiftLength is a week or longer`,
      ],
      [
        'shift that is not whole days',
        { shiftLength: { hours: 12 } },
        `'${key}.shiftLength': must be a positive whole number of days`,
      ],
      [
        'shift over a week that is not whole weeks',
        { shiftLength: { days: 10 } },
        `'${key}.shiftLength': must be whole weeks`,
      ],
      [
        'shift in months',
        { shiftLength: { months: 1 } },
        `'${key}.shiftLength': months and years have no fixed length`,
      ],
      [
        'unparseable shift',
        { shiftLength: 'fortnightly' },
        `'${key}.shiftLength'`,
      ],
      [
        'unparseable start',
        { start: 'next monday' },
        `'${key}.start': expected an ISO 8601 date`,
      ],
      [
        'override ending before it starts',
        {
          overrides: [
            {
              userRef: 'dave',
              start: '2025-01-09T00:00:00Z',
              end: '2025-01-08T00:00:00Z',
            },
          ],
        },
        `'${key}.overrides[0].end': must be after start`,
      ],
      [
        'override for a non-user',
        {
          overrides: [
            {
              userRef: 'group:sre',
              start: '2025-01-08T00:00:00Z',
              end: '2025-01-09T00:00:00Z',
            },
          ],
        },
        `'${key}.overrides[0].userRef'`,
      ],
    ])('rejects %s', (_name, patch, message) => {
      expect(() => providerWith({ ...weekly, ...patch })).toThrow(message);
    });

    it('names missing required keys', () => {
      const { members: _members, ...withoutMembers } = weekly;
      expect(() => providerWith(withoutMembers)).toThrow(`${key}.members`);
      const { timeZone: _timeZone, ...withoutZone } = weekly;
      expect(() => providerWith(withoutZone)).toThrow(`${key}.timeZone`);
    });

    it('rejects duplicate schedule ids', () => {
      expect(() =>
        providerWith(weekly, { ...weekly, groupRef: 'group:default/search' }),
      ).toThrow(
        "Invalid config at 'incidents.onCall.schedules[1].id': 'payments-primary' is already the id of incidents.onCall.schedules[0]",
      );
    });

    it('rejects two schedules for the same group', () => {
      expect(() =>
        providerWith(weekly, { ...weekly, id: 'other', groupRef: 'Payments' }),
      ).toThrow(`'incidents.onCall.schedules[1].groupRef'`);
    });
  });
});
