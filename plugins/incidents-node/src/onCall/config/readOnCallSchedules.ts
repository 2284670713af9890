import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';
import { DateTime, IANAZone } from 'luxon';
import { completeEntityRef, entityRefKey } from './entityRefs';
import { OnCallOverride, OnCallSchedule, WEEKDAYS } from './schedule';

export const SCHEDULES_CONFIG_KEY = 'incidents.onCall.schedules';

/** The first handoff on or after this date anchors rotations that do not set `start`. */
const DEFAULT_ROTATION_START = '1970-01-01';

const DAY_MS = 24 * 60 * 60 * 1000;
const HANDOFF_TIME = /^(\d{2}):(\d{2})$/;

function invalid(key: string, message: string): Error {
  return new Error(`Invalid config at '${key}': ${message}`);
}

function readUserRef(value: string, key: string): string {
  const ref = completeEntityRef(value, 'user');
  if (!ref) {
    throw invalid(
      key,
      `expected a user entity ref such as 'user:default/alice', got '${value}'`,
    );
  }
  return ref;
}

function readInstant(value: string, timeZone: string, key: string): number {
  // Values without an offset are wall-clock times in the schedule's time zone.
  const parsed = DateTime.fromISO(value, { zone: timeZone });
  if (!parsed.isValid) {
    throw invalid(
      key,
      `expected an ISO 8601 date or date-time such as '2025-01-06' or '2025-01-06T09:00:00Z', got '${value}'`,
    );
  }
  return parsed.toMillis();
}

function readShiftDays(config: Config, key: string): number {
  let duration: HumanDuration;
  try {
    duration = readDurationFromConfig(config, { key: 'shiftLength' });
  } catch (error) {
    throw invalid(key, (error as Error).message);
  }
  if (duration.years || duration.months) {
    throw invalid(
      key,
      'months and years have no fixed length; use weeks or days',
    );
  }
  const ms =
    (duration.weeks ?? 0) * 7 * DAY_MS +
    (duration.days ?? 0) * DAY_MS +
    (duration.hours ?? 0) * 3_600_000 +
    (duration.minutes ?? 0) * 60_000 +
    (duration.seconds ?? 0) * 1000 +
    (duration.milliseconds ?? 0);
  if (!(ms > 0) || ms % DAY_MS !== 0) {
    throw invalid(
      key,
      `must be a positive whole number of days, because every shift hands off at handoff.time; got ${JSON.stringify(
        duration,
      )}`,
    );
  }
  const days = ms / DAY_MS;
  if (days >= 7 && days % 7 !== 0) {
    throw invalid(
      key,
      `must be whole weeks when a week or longer, so that every handoff falls on handoff.weekday; got ${days} days`,
    );
  }
  return days;
}

function readHandoff(
  config: Config,
  key: string,
  shiftDays: number,
): OnCallSchedule['handoff'] {
  const handoff = config.getConfig('handoff');

  const time = handoff.getString('time');
  const timeMatch = HANDOFF_TIME.exec(time.trim());
  const hour = Number(timeMatch?.[1]);
  const minute = Number(timeMatch?.[2]);
  if (!timeMatch || hour > 23 || minute > 59) {
    throw invalid(
      `${key}.time`,
      `expected a 24-hour time 'HH:mm' such as '09:00', got '${time}'`,
    );
  }

  const weekdayName = handoff.getOptionalString('weekday');
  let weekday: number | undefined;
  if (weekdayName !== undefined) {
    weekday =
      WEEKDAYS[
        weekdayName.trim().toLocaleLowerCase('en-US') as keyof typeof WEEKDAYS
      ];
    if (weekday === undefined) {
      throw invalid(
        `${key}.weekday`,
        `expected one of ${Object.keys(WEEKDAYS).join(
          ', ',
        )}, got '${weekdayName}'`,
      );
    }
  } else if (shiftDays >= 7) {
    throw invalid(
      `${key}.weekday`,
      'is required when shiftLength is a week or longer',
    );
  }
  return { weekday, hour, minute };
}

function readOverrides(
  config: Config,
  key: string,
  timeZone: string,
): OnCallOverride[] {
  return (config.getOptionalConfigArray('overrides') ?? []).map(
    (override, index) => {
      const overrideKey = `${key}[${index}]`;
      const userRef = readUserRef(
        override.getString('userRef'),
        `${overrideKey}.userRef`,
      );
      const start = readInstant(
        override.getString('start'),
        timeZone,
        `${overrideKey}.start`,
      );
      const end = readInstant(
        override.getString('end'),
        timeZone,
        `${overrideKey}.end`,
      );
      if (end <= start) {
        throw invalid(`${overrideKey}.end`, 'must be after start');
      }
      return { userRef, start, end };
    },
  );
}

function readSchedule(config: Config, key: string): OnCallSchedule {
  const id = config.getString('id').trim();
  if (!id) {
    throw invalid(`${key}.id`, 'must not be empty');
  }

  const rawGroupRef = config.getString('groupRef');
  const groupRef = completeEntityRef(rawGroupRef, 'group');
  if (!groupRef) {
    throw invalid(
      `${key}.groupRef`,
      `expected a group entity ref such as 'group:default/payments', got '${rawGroupRef}'`,
    );
  }

  const timeZone = config.getString('timeZone');
  if (!IANAZone.isValidZone(timeZone)) {
    throw invalid(
      `${key}.timeZone`,
      `expected an IANA time zone such as 'Europe/Berlin', got '${timeZone}'`,
    );
  }

  const members = config
    .getStringArray('members')
    .map((member, index) => readUserRef(member, `${key}.members[${index}]`));

  const shiftDays = readShiftDays(config, `${key}.shiftLength`);
  const handoff = readHandoff(config, `${key}.handoff`, shiftDays);
  const start = readInstant(
    config.getOptionalString('start') ?? DEFAULT_ROTATION_START,
    timeZone,
    `${key}.start`,
  );
  const overrides = readOverrides(config, `${key}.overrides`, timeZone);

  return {
    id,
    groupRef,
    members,
    shiftDays,
    handoff,
    timeZone,
    start,
    overrides,
  };
}

/** Reads and validates `incidents.onCall.schedules`; errors name the offending key. */
export function readOnCallSchedules(config: Config): OnCallSchedule[] {
  const configs = config.getOptionalConfigArray(SCHEDULES_CONFIG_KEY) ?? [];
  const schedules = configs.map((schedule, index) =>
    readSchedule(schedule, `${SCHEDULES_CONFIG_KEY}[${index}]`),
  );

  const ids = new Map<string, number>();
  const groups = new Map<string, number>();
  schedules.forEach((schedule, index) => {
    const sameId = ids.get(schedule.id);
    if (sameId !== undefined) {
      throw invalid(
        `${SCHEDULES_CONFIG_KEY}[${index}].id`,
        `'${schedule.id}' is already the id of ${SCHEDULES_CONFIG_KEY}[${sameId}]`,
      );
    }
    ids.set(schedule.id, index);

    const groupKey = entityRefKey(schedule.groupRef);
    const sameGroup = groups.get(groupKey);
    if (sameGroup !== undefined) {
      throw invalid(
        `${SCHEDULES_CONFIG_KEY}[${index}].groupRef`,
        `${schedule.groupRef} already has a schedule (${SCHEDULES_CONFIG_KEY}[${sameGroup}]); a group has one rotation, use overrides for exceptions`,
      );
    }
    groups.set(groupKey, index);
  });

  return schedules;
}
