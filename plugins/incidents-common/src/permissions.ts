import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The permission resource type of an incident. Resource permissions of this type are decided
 * per incident (the resource ref is the incident's id); a policy may answer them with
 * conditions on the rules the backend registers (IS_RESTRICTED, IS_RESPONDER,
 * IS_OWNER_OF_AFFECTED_ENTITY, HAS_SEVERITY), which become part of the SQL of every list.
 * @public
 */
export const INCIDENT_RESOURCE_TYPE = 'incident';

/** Declaring an incident (by hand, or from an alert). @public */
export const incidentCreatePermission = createPermission({
  name: 'incident.create',
  attributes: { action: 'create' },
});

/**
 * Declaring an incident as restricted (seen by its audience only), or making one restricted.
 * @public
 */
export const incidentRestrictedCreatePermission = createPermission({
  name: 'incident.restricted.create',
  attributes: { action: 'create' },
});

/** Seeing an incident and everything of it (timeline, roles, pages, alerts). @public */
export const incidentReadPermission = createPermission({
  name: 'incident.read',
  attributes: { action: 'read' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/** Edits, lifecycle transitions, acknowledgement, timeline entries and checklist. @public */
export const incidentUpdatePermission = createPermission({
  name: 'incident.update',
  attributes: { action: 'update' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/** Assigning, reassigning and handing off roles (incident commander and the others). @public */
export const incidentRoleAssignPermission = createPermission({
  name: 'incident.role.assign',
  attributes: { action: 'update' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/** Paging people (their on-call, a whole group, or someone named) for an incident. @public */
export const incidentPagePermission = createPermission({
  name: 'incident.page',
  attributes: { action: 'create' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/**
 * Acknowledging a page of an incident on someone else's behalf. The paged person may always
 * acknowledge their own page. @public
 */
export const incidentPageAcknowledgePermission = createPermission({
  name: 'incident.page.acknowledge',
  attributes: { action: 'update' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/**
 * Routing an alert from the unrouted-alerts inbox to a catalog entity (which may declare an
 * incident by the declaration rules). Adding the alert to an existing incident needs
 * `incident.update` on that incident as well. @public
 */
export const incidentAlertRoutePermission = createPermission({
  name: 'incident.alert.route',
  attributes: { action: 'update' },
});

/**
 * Writing an incident's postmortem and moving it between draft and review; decided per
 * incident (the resource ref is the incident's id). @public
 */
export const incidentPostmortemUpdatePermission = createPermission({
  name: 'incident.postmortem.update',
  attributes: { action: 'update' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/**
 * Publishing an incident's postmortem (in review → published), on top of
 * `incident.postmortem.update`; decided per incident. @public
 */
export const incidentPostmortemPublishPermission = createPermission({
  name: 'incident.postmortem.publish',
  attributes: { action: 'update' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/** Creating and editing an incident's action items; decided per incident. @public */
export const incidentActionItemUpdatePermission = createPermission({
  name: 'incident.actionItem.update',
  attributes: { action: 'update' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/**
 * Posting stakeholder updates of an incident: internal updates, executive summaries, status
 * page updates and customer notices. @public
 */
export const incidentCommsPublishPermission = createPermission({
  name: 'incident.comms.publish',
  attributes: { action: 'create' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/** Reading the aggregate insights (counts and SLA performance over all incidents). @public */
export const incidentInsightsReadPermission = createPermission({
  name: 'incident.insights.read',
  attributes: { action: 'read' },
});

/** Every permission of the plugin. @public */
export const incidentPermissions = [
  incidentCreatePermission,
  incidentRestrictedCreatePermission,
  incidentReadPermission,
  incidentUpdatePermission,
  incidentRoleAssignPermission,
  incidentPagePermission,
  incidentPageAcknowledgePermission,
  incidentAlertRoutePermission,
  incidentCommsPublishPermission,
  incidentPostmortemUpdatePermission,
  incidentPostmortemPublishPermission,
  incidentActionItemUpdatePermission,
  incidentInsightsReadPermission,
];
