import {
  BusinessHours,
  isWithinBusinessHours,
  nextBusinessHoursStart,
  validateBusinessHours,
} from './businessHours';

const newYork: BusinessHours = {
  timeZone: 'America/New_York',
  days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
  start: '09:00',
  end: '17:00',
};

function next(at: string, hours: BusinessHours = newYork): string {
  return nextBusinessHoursStart(new Date(at), hours).toISOString();
}

describe('business hours', () => {
  it.each([
    ['inside', '2025-03-05T15:00:00.000Z', '2025-03-05T15:00:00.000Z'],
    ['at opening time', '2025-03-05T14:00:00.000Z', '2025-03-05T14:00:00.000Z'],
    ['before opening', '2025-03-05T12:00:00.000Z', '2025-03-05T14:00:00.000Z'],
    ['at closing time', '2025-03-05T22:00:00.000Z', '2025-03-06T14:00:00.000Z'],
    ['after closing', '2025-03-05T23:00:00.000Z', '2025-03-06T14:00:00.000Z'],
    [
      'after midnight UTC, still the evening locally',
      '2025-03-06T03:00:00.000Z',
      '2025-03-06T14:00:00.000Z',
    ],
    ['Friday evening', '2025-02-28T23:00:00.000Z', '2025-03-03T14:00:00.000Z'],
    ['Saturday', '2025-03-01T15:00:00.000Z', '2025-03-03T14:00:00.000Z'],
    ['Sunday', '2025-03-02T15:00:00.000Z', '2025-03-03T14:00:00.000Z'],
  ])('%s: %s → %s', (_name, at, expected) => {
    expect(next(at)).toBe(expected);
    expect(isWithinBusinessHours(new Date(at), newYork)).toBe(at === expected);
  });

  it('opens at 09:00 local time after the spring-forward weekend', () => {
    // New York moves to EDT on Sunday 2025-03-09: Monday 09:00 is 13:00Z, not 14:00Z.
    expect(next('2025-03-07T23:00:00Z')).toBe('2025-03-10T13:00:00.000Z');
    expect(
      isWithinBusinessHours(new Date('2025-03-10T13:30:00Z'), newYork),
    ).toBe(true);
    expect(
      isWithinBusinessHours(new Date('2025-03-10T12:30:00Z'), newYork),
    ).toBe(false);
  });

  it('opens at 09:00 local time after the fall-back weekend', () => {
    // Back to EST on Sunday 2025-11-02: Monday 09:00 is 14:00Z.
    expect(next('2025-10-31T22:00:00Z')).toBe('2025-11-03T14:00:00.000Z');
    expect(
      isWithinBusinessHours(new Date('2025-11-03T13:30:00Z'), newYork),
    ).toBe(false);
  });

  it('reads the clock in the business time zone', () => {
    const tokyo = { ...newYork, timeZone: 'Asia/Tokyo' };
    // 2025-03-05T23:00Z is 18:00 in New York but Thursday 08:00 in Tokyo.
    expect(next('2025-03-05T23:00:00Z', tokyo)).toBe(
      '2025-03-06T00:00:00.000Z',
    );
    expect(next('2025-03-06T01:00:00Z', tokyo)).toBe(
      '2025-03-06T01:00:00.000Z',
    );
  });

  it('waits up to a week for the next business day', () => {
    const saturdays = { ...newYork, days: ['saturday' as const] };
    expect(next('2025-03-02T15:00:00Z', saturdays)).toBe(
      '2025-03-08T14:00:00.000Z',
    );
    // Saturday after closing: the next window is a full week later.
    expect(next('2025-03-01T23:00:00Z', saturdays)).toBe(
      '2025-03-08T14:00:00.000Z',
    );
  });

  describe('validation', () => {
    it.each<[string, Partial<BusinessHours>, string]>([
      [
        'unknown time zone',
        { timeZone: 'Nowhere/Else' },
        "'businessHours.timeZone'",
      ],
      ['no days', { days: [] }, "'businessHours.days': must name at least one"],
      [
        'unknown day',
        { days: ['monday', 'funday' as any] },
        "'businessHours.days[1]'",
      ],
      ['bad start', { start: '9' }, "'businessHours.start'"],
      ['bad end', { end: '25:00' }, "'businessHours.end'"],
      ['end before start', { start: '17:00', end: '09:00' }, 'must be after'],
      ['empty window', { start: '09:00', end: '09:00' }, 'must be after'],
    ])('rejects %s', (_name, patch, message) => {
      expect(() => validateBusinessHours({ ...newYork, ...patch })).toThrow(
        message,
      );
      expect(() =>
        nextBusinessHoursStart(new Date('2025-03-05T15:00:00Z'), {
          ...newYork,
          ...patch,
        }),
      ).toThrow(message);
    });

    it('rejects an invalid date', () => {
      expect(() => nextBusinessHoursStart(new Date('nope'), newYork)).toThrow(
        TypeError,
      );
    });
  });
});
