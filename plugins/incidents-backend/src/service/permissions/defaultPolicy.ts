import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  INCIDENT_RESOURCE_TYPE,
  incidentInsightsReadPermission,
  incidentPageAcknowledgePermission,
  incidentPostmortemPublishPermission,
  incidentReadPermission,
  incidentRestrictedCreatePermission,
} from '@firebreak/plugin-incidents-common';
import {
  createIncidentConditionalDecision,
  incidentConditions,
} from './conditions';

/** Who the default policy trusts with more than the rest. @public */
export interface IncidentsPolicyGroups {
  /**
   * Groups that see and work on every incident, restricted ones included (by default the
   * config `incidents.restricted.viewerGroups`: platform reliability and the privacy office).
   */
  responderGroups: string[];
  /** Groups that read every incident, restricted ones included, and the insights. */
  readAllGroups: string[];
}

const lower = (refs: string[]) => refs.map(r => r.toLocaleLowerCase('en-US'));

/**
 * The default decision for the incidents plugin's permissions, for a permission policy to
 * return (undefined for any other plugin's permission):
 * - everyone declares incidents and reads the unrestricted ones;
 * - a restricted incident is read by its responders (declarer, role holders, paged people and
 *   groups), the responder groups and the read-all groups;
 * - an incident is changed (updates, roles, pages, postmortem, action items, communications)
 *   by its responders, the owners of the entities it affects and the responder groups;
 * - its postmortem is published by the same people and by the read-all groups (leadership);
 * - only the responder groups declare incidents as restricted; the read-all and responder
 *   groups read the insights.
 * @public
 */
export function decideIncidentPermission(
  request: PolicyQuery,
  user: PolicyQueryUser | undefined,
  groups: IncidentsPolicyGroups,
): PolicyDecision | undefined {
  const { permission } = request;
  if (!permission.name.startsWith('incident.')) {
    return undefined;
  }
  const claims = user?.info.ownershipEntityRefs ?? [];
  const member = (refs: string[]) =>
    lower(claims).some(ref => lower(refs).includes(ref));
  const responderGroup = member(groups.responderGroups);
  const readAll = responderGroup || member(groups.readAllGroups);

  if (isPermission(permission, incidentRestrictedCreatePermission)) {
    return decision(responderGroup);
  }
  if (isPermission(permission, incidentInsightsReadPermission)) {
    return decision(readAll);
  }
  if (!isResourcePermission(permission, INCIDENT_RESOURCE_TYPE)) {
    // incident.create, incident.alert.route
    return decision(Boolean(user));
  }
  if (isPermission(permission, incidentReadPermission)) {
    if (readAll) return decision(true);
    return createIncidentConditionalDecision(permission, {
      anyOf: [
        { not: incidentConditions.isRestricted() },
        incidentConditions.isResponder({ claims }),
      ],
    });
  }
  if (
    responderGroup ||
    (readAll && isPermission(permission, incidentPostmortemPublishPermission))
  ) {
    // Leadership signs postmortems off: it publishes them without editing them.
    return decision(true);
  }
  if (isPermission(permission, incidentPageAcknowledgePermission)) {
    return createIncidentConditionalDecision(
      permission,
      incidentConditions.isResponder({ claims }),
    );
  }
  return createIncidentConditionalDecision(permission, {
    anyOf: [
      incidentConditions.isResponder({ claims }),
      incidentConditions.isOwnerOfAffectedEntity({ claims }),
    ],
  });
}

function decision(allowed: boolean): PolicyDecision {
  return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
}
