import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { INCIDENT_RESOURCE_TYPE } from '@firebreak/plugin-incidents-common';

/** A permission on one incident (its id as the resource ref). */
export type IncidentPermission = ResourcePermission<
  typeof INCIDENT_RESOURCE_TYPE
>;

/**
 * Throws NotAllowedError (403) unless the policy allows `permission` to the caller; a
 * permission on an incident is decided for `incidentId` (conditions applied to it).
 */
export async function authorize(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: BasicPermission | IncidentPermission,
  incidentId?: string,
): Promise<void> {
  const request =
    permission.type === 'resource'
      ? { permission, resourceRef: requireId(permission, incidentId) }
      : { permission };
  const [decision] = await permissions.authorize([request], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed: permission '${permission.name}' was denied`,
    );
  }
}

function requireId(permission: IncidentPermission, incidentId?: string) {
  if (!incidentId) {
    throw new Error(`Permission '${permission.name}' needs an incident`);
  }
  return incidentId;
}
