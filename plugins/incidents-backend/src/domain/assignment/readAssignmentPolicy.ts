import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  BusinessHours,
  DEFAULT_BUSINESS_HOURS,
  Weekday,
  validateBusinessHours,
} from './businessHours';
import { DEFAULT_PLATFORM_GROUP_REF } from './assignIncidentCommander';

const KEY = 'incidents.assignment';

/** The adopter's settings for {@link assignIncidentCommander}. */
export interface AssignmentPolicy {
  /** Whose on-call commands SEV1 and SEV2 incidents. */
  platformGroupRef: string;
  /** When SEV4 incidents reach the owning team's backlog. */
  businessHours: BusinessHours;
}

function readGroupRef(value: string, key: string): string {
  try {
    const ref = parseEntityRef(value.trim(), {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') === 'group') {
      return stringifyEntityRef(ref);
    }
  } catch {
    // reported below
  }
  throw new Error(
    `Invalid '${key}': expected a group entity ref such as 'group:default/platform-reliability', got '${value}'`,
  );
}

/**
 * Reads `incidents.assignment` (every key optional): `platformGroupRef` and `businessHours`
 * `{ timeZone, days, start, end }`. Throws an error naming the key when invalid.
 */
export function readAssignmentPolicy(config: Config): AssignmentPolicy {
  const platformGroupRef = readGroupRef(
    config.getOptionalString(`${KEY}.platformGroupRef`) ??
      DEFAULT_PLATFORM_GROUP_REF,
    `${KEY}.platformGroupRef`,
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
