import { createPermission } from '@backstage/plugin-permission-common';

/** @public */
export const incidentCreatePermission = createPermission({
  name: 'incident.create',
  attributes: { action: 'create' },
});

/** @public */
export const incidentReadPermission = createPermission({
  name: 'incident.read',
  attributes: { action: 'read' },
});

/** Covers edits, lifecycle transitions and timeline entries. @public */
export const incidentUpdatePermission = createPermission({
  name: 'incident.update',
  attributes: { action: 'update' },
});

/** Paging people (their on-call, a whole group, or someone named) for an incident. @public */
export const incidentPagePermission = createPermission({
  name: 'incident.page',
  attributes: { action: 'create' },
});

/**
 * Routing an alert from the unrouted-alerts inbox to a catalog entity (which may declare an
 * incident by the declaration rules). @public
 */
export const incidentAlertRoutePermission = createPermission({
  name: 'incident.alert.route',
  attributes: { action: 'update' },
});

/** Writing an incident's postmortem and moving it between draft and review. @public */
export const incidentPostmortemUpdatePermission = createPermission({
  name: 'incident.postmortem.update',
  attributes: { action: 'update' },
});

/** Publishing a postmortem (in review -> published). @public */
export const incidentPostmortemPublishPermission = createPermission({
  name: 'incident.postmortem.publish',
  attributes: { action: 'update' },
});

/** Creating and editing action items. @public */
export const incidentActionItemUpdatePermission = createPermission({
  name: 'incident.actionItem.update',
  attributes: { action: 'update' },
});

/** @public */
export const incidentPermissions = [
  incidentCreatePermission,
  incidentReadPermission,
  incidentUpdatePermission,
  incidentPagePermission,
  incidentAlertRoutePermission,
  incidentPostmortemUpdatePermission,
  incidentPostmortemPublishPermission,
  incidentActionItemUpdatePermission,
];
