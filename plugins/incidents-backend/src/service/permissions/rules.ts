import { createPermissionRule } from '@backstage/plugin-permission-node';
import { SEVERITIES } from '@firebreak/plugin-incidents-common';
import { matchesAccessFilter } from '../../domain/visibility';
import { stringListParams } from './params';
import { incidentPermissionResourceRef } from './resource';

const claims = () =>
  stringListParams(
    'claims',
    'Entity refs to match, usually the ownership refs of the user (their user ref and groups)',
  );

/** Restricted incidents (security incidents, data breaches). @public */
export const isRestricted = createPermissionRule({
  name: 'IS_RESTRICTED',
  description: 'Allow incidents that are restricted to their audience',
  resourceRef: incidentPermissionResourceRef,
  apply: incident => matchesAccessFilter(incident, { rule: 'restricted' }),
  toQuery: () => ({ rule: 'restricted' as const }),
});

/**
 * Incidents one of the claims responds to: declared it, holds one of its roles, was paged
 * for it (as a user, or as a group paged as a whole). @public
 */
export const isResponder = createPermissionRule({
  name: 'IS_RESPONDER',
  description:
    'Allow incidents that one of the claims declared, holds a role in or was paged for',
  resourceRef: incidentPermissionResourceRef,
  paramsSchema: claims(),
  apply: (incident, { claims: refs }) =>
    matchesAccessFilter(incident, { rule: 'responder', refs }),
  toQuery: ({ claims: refs }) => ({ rule: 'responder', refs }),
});

/** Incidents affecting an entity owned by one of the claims. @public */
export const isOwnerOfAffectedEntity = createPermissionRule({
  name: 'IS_OWNER_OF_AFFECTED_ENTITY',
  description:
    'Allow incidents that affect a catalog entity owned by one of the claims',
  resourceRef: incidentPermissionResourceRef,
  paramsSchema: claims(),
  apply: (incident, { claims: refs }) =>
    matchesAccessFilter(incident, { rule: 'affectedOwner', refs }),
  toQuery: ({ claims: refs }) => ({ rule: 'affectedOwner', refs }),
});

/** Incidents of one of the severities. @public */
export const hasSeverity = createPermissionRule({
  name: 'HAS_SEVERITY',
  description: 'Allow incidents of one of the given severities',
  resourceRef: incidentPermissionResourceRef,
  paramsSchema: stringListParams(
    'severities',
    'Severities to match, e.g. ["SEV1", "SEV2"]',
    SEVERITIES,
  ),
  apply: (incident, { severities }) =>
    matchesAccessFilter(incident, { rule: 'severity', severities }),
  toQuery: ({ severities }) => ({ rule: 'severity', severities }),
});

/** Every rule of the `incident` resource type. @public */
export const incidentPermissionRules = {
  isRestricted,
  isResponder,
  isOwnerOfAffectedEntity,
  hasSeverity,
};
