import { createConditionExports } from '@backstage/plugin-permission-node';
import { INCIDENT_RESOURCE_TYPE } from '@firebreak/plugin-incidents-common';
import { incidentPermissionRules } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  pluginId: 'incidents',
  resourceType: INCIDENT_RESOURCE_TYPE,
  rules: incidentPermissionRules,
});

/**
 * Conditions for a permission policy on `incident.*` resource permissions, e.g.
 * `incidentConditions.isResponder({ claims: user.identity.ownershipEntityRefs })`.
 * @public
 */
export const incidentConditions = conditions;

/**
 * A CONDITIONAL policy decision on an `incident.*` resource permission, e.g.
 * `createIncidentConditionalDecision(permission, { not: incidentConditions.isRestricted() })`.
 * @public
 */
export const createIncidentConditionalDecision = createConditionalDecision;
