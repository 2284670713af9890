import { Config } from '@backstage/config';
import {
  AssignmentPolicy,
  BusinessHours,
  DEFAULT_BUSINESS_HOURS,
  Weekday,
  validateBusinessHours,
} from '../domain/assignment';
import { readGroupRef } from '../domain/groupRefs';

/**
 * The spec's "On-call Platform Reliability Engineer": the group whose on-call commands SEV1
 * and SEV2 incidents unless `incidents.assignment.platformGroupRef` names another.
 */
export const DEFAULT_PLATFORM_GROUP_REF = 'group:default/platform-reliability';

const KEY = 'incidents.assignment';

/**
 * Reads `incidents.assignment` (every key optional): `platformGroupRef` and `businessHours`
 * `{ timeZone, days, start, end }`. Throws an error naming the key when invalid.
 */
export function readAssignmentPolicy(config: Config): AssignmentPolicy {
  const platformGroupRef = readGroupRef(
    config.getOptionalString(`${KEY}.platformGroupRef`) ??
      DEFAULT_PLATFORM_GROUP_REF,
    `${KEY}.platformGroupRef`,
    DEFAULT_PLATFORM_GROUP_REF,
  );

  const hours = config.getOptionalConfig(`${KEY}.businessHours`);
  const businessHours: BusinessHours = {
    timeZone:
      hours?.getOptionalString('timeZone') ?? DEFAULT_BUSINESS_HOURS.timeZone,
    days: (
      hours?.getOptionalStringArray('days') ?? DEFAULT_BUSINESS_HOURS.days
    ).map(day => day.trim().toLocaleLowerCase('en-US') as Weekday),
    start: hours?.getOptionalString('start') ?? DEFAULT_BUSINESS_HOURS.start,
    end: hours?.getOptionalString('end') ?? DEFAULT_BUSINESS_HOURS.end,
  };
  validateBusinessHours(businessHours, `${KEY}.businessHours`);

  return { platformGroupRef, businessHours };
}
