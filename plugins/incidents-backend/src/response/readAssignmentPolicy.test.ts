import { ConfigReader } from '@backstage/config';
import { readAssignmentPolicy } from './readAssignmentPolicy';

function read(assignment?: object) {
  return readAssignmentPolicy(
    new ConfigReader(assignment ? { incidents: { assignment } } : {}),
  );
}

describe('readAssignmentPolicy', () => {
  it('defaults to platform-reliability and weekday office hours in UTC', () => {
    expect(read()).toEqual({
      platformGroupRef: 'group:default/platform-reliability',
      businessHours: {
        timeZone: 'UTC',
        days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        start: '09:00',
        end: '17:00',
      },
    });
  });

  it('reads the configured values', () => {
    expect(
      read({
        platformGroupRef: 'sre',
        businessHours: {
          timeZone: 'Europe/Berlin',
          days: ['Monday', 'tuesday'],
          start: '08:30',
          end: '16:00',
        },
      }),
    ).toEqual({
      platformGroupRef: 'group:default/sre',
      businessHours: {
        timeZone: 'Europe/Berlin',
        days: ['monday', 'tuesday'],
        start: '08:30',
        end: '16:00',
      },
    });
  });

  it('fills in business hours fields left out', () => {
    expect(
      read({ businessHours: { timeZone: 'Asia/Tokyo' } }).businessHours,
    ).toMatchObject({ timeZone: 'Asia/Tokyo', start: '09:00', end: '17:00' });
  });

  it.each([
    [
      { platformGroupRef: 'user:default/alice' },
      "'incidents.assignment.platformGroupRef': expected a group entity ref",
    ],
    [
      { businessHours: { timeZone: 'Moon/Base' } },
      "'incidents.assignment.businessHours.timeZone'",
    ],
    [
      { businessHours: { days: ['weekdays'] } },
      "'incidents.assignment.businessHours.days[0]'",
    ],
    [
      { businessHours: { start: '18:00' } },
      "'incidents.assignment.businessHours.end': must be after",
    ],
  ])('rejects %j naming the key', (assignment, message) => {
    expect(() => read(assignment)).toThrow(message);
  });
});
