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

/** @public */
export const incidentPermissions = [
  incidentCreatePermission,
  incidentReadPermission,
  incidentUpdatePermission,
];
