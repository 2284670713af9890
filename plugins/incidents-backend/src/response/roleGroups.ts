import { Config } from '@backstage/config';
import { ROLE_IDS, RoleId, isRoleId } from '@firebreak/plugin-incidents-common';
import { readGroupRef } from '../domain/groupRefs';

const KEY = 'incidents.roles.groups';

/** Role → the group whose on-call (or members) fill it, from `incidents.roles.groups`. */
export type RoleGroups = ReadonlyMap<RoleId, string>;

/**
 * Reads `incidents.roles.groups`, e.g. `{ qa-strategist: group:default/qa }`. Throws an error
 * naming the key for an unknown role or a ref that is not a group.
 */
export function readRoleGroups(config: Config): RoleGroups {
  const section = config.getOptionalConfig(KEY);
  const groups = new Map<RoleId, string>();
  for (const role of section?.keys() ?? []) {
    if (!isRoleId(role)) {
      throw new Error(
        `Invalid config at '${KEY}.${role}': unknown role; expected one of ${ROLE_IDS.join(
          ', ',
        )}`,
      );
    }
    const ref = readGroupRef(
      section!.getString(role),
      `${KEY}.${role}`,
      'group:default/qa',
    );
    groups.set(role, ref);
  }
  return groups;
}
