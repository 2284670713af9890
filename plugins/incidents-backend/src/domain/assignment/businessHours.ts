import { DateTime, IANAZone } from 'luxon';

/** Days of the week, Monday first (ISO order). */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

export type Weekday = (typeof WEEKDAYS)[number];

/**
 * When a team works its backlog: on `days`, from `start` to `end` (wall-clock `HH:mm`, end
 * exclusive) in `timeZone`. Windows do not cross midnight.
 */
export interface BusinessHours {
  timeZone: string;
  days: Weekday[];
  start: string;
  end: string;
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  timeZone: 'UTC',
  days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
  start: '09:00',
  end: '17:00',
};

const TIME_OF_DAY = /^(\d{2}):(\d{2})$/;

function parseTimeOfDay(
  value: string,
): { hour: number; minute: number } | undefined {
  const match = TIME_OF_DAY.exec(value);
  if (!match) {
    return undefined;
  }
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

/**
 * Throws an error naming the offending field (prefixed with `key`) unless `hours` describes at
 * least one non-empty window a week.
 */
export function validateBusinessHours(
  hours: BusinessHours,
  key = 'businessHours',
): void {
  if (!IANAZone.isValidZone(hours.timeZone)) {
    throw new Error(
      `Invalid '${key}.timeZone': expected an IANA time zone such as 'Europe/Berlin', got '${hours.timeZone}'`,
    );
  }
  if (hours.days.length === 0) {
    throw new Error(`Invalid '${key}.days': must name at least one weekday`);
  }
  hours.days.forEach((day, index) => {
    if (!WEEKDAYS.includes(day)) {
      throw new Error(
        `Invalid '${key}.days[${index}]': expected one of ${WEEKDAYS.join(
          ', ',
        )}, got '${day}'`,
      );
    }
  });
  const start = parseTimeOfDay(hours.start);
  if (!start) {
    throw new Error(
      `Invalid '${key}.start': expected a 24-hour time 'HH:mm' such as '09:00', got '${hours.start}'`,
    );
  }
  const end = parseTimeOfDay(hours.end);
  if (!end) {
    throw new Error(
      `Invalid '${key}.end': expected a 24-hour time 'HH:mm' such as '17:00', got '${hours.end}'`,
    );
  }
  if (end.hour * 60 + end.minute <= start.hour * 60 + start.minute) {
    throw new Error(
      `Invalid '${key}.end': must be after ${key}.start (${hours.start}); windows cannot cross midnight`,
    );
  }
}

/** The business-hours window on the local calendar day of `day`, if that day has one. */
function windowOn(
  day: DateTime,
  hours: BusinessHours,
): { open: number; close: number } | undefined {
  if (!hours.days.includes(WEEKDAYS[day.weekday - 1])) {
    return undefined;
  }
  // Wall-clock times resolved per day, so the window stays 09:00-17:00 local across DST.
  const at = (time: string) => {
    const { hour, minute } = parseTimeOfDay(time)!;
    return DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour, minute },
      { zone: hours.timeZone },
    ).toMillis();
  };
  return { open: at(hours.start), close: at(hours.end) };
}

/** Whether `at` falls inside business hours. */
export function isWithinBusinessHours(at: Date, hours: BusinessHours): boolean {
  return nextBusinessHoursStart(at, hours).getTime() === at.getTime();
}

/** `at` itself when inside business hours, otherwise when business hours next begin. */
export function nextBusinessHoursStart(at: Date, hours: BusinessHours): Date {
  validateBusinessHours(hours);
  const instant = at.getTime();
  if (Number.isNaN(instant)) {
    throw new TypeError(`Expected a valid Date, got ${String(at)}`);
  }
  const today = DateTime.fromMillis(instant, { zone: hours.timeZone }).startOf(
    'day',
  );
  // With at least one business day a week, the next opening is at most 7 days away.
  for (let offset = 0; offset <= 7; offset++) {
    const window = windowOn(today.plus({ days: offset }), hours);
    if (window && instant < window.close) {
      return new Date(Math.max(instant, window.open));
    }
  }
  throw new Error('Business hours have no upcoming window');
}

/** The adopter's settings for `assignIncidentCommander` (read from `incidents.assignment`). */
export interface AssignmentPolicy {
  /** Whose on-call commands SEV1 and SEV2 incidents. */
  platformGroupRef: string;
  /** When SEV4 incidents reach the owning team's backlog. */
  businessHours: BusinessHours;
}
