/**
 * Firebreak incidents backend plugin: incident store, lifecycle and REST API
 * (`/api/incidents`). It exports the plugin and what a permission policy needs (the incident
 * resource's rules and conditions); backend modules extend it through
 * `@firebreak/plugin-incidents-node`.
 *
 * @packageDocumentation
 */
export { incidentsPlugin as default } from './plugin';
export { incidentPermissionResourceRef } from './service/permissions/resource';
export {
  incidentPermissionRules,
  isRestricted,
  isResponder,
  isOwnerOfAffectedEntity,
  hasSeverity,
} from './service/permissions/rules';
export {
  incidentConditions,
  createIncidentConditionalDecision,
} from './service/permissions/conditions';
export type {
  IncidentAccessFilter,
  IncidentAccessResource,
  IncidentAudience,
} from './domain/visibility';
export {
  decideIncidentPermission,
  type IncidentsPolicyGroups,
} from './service/permissions/defaultPolicy';
export {
  readIncidentsPolicyGroups,
  readRestrictedViewerGroups,
} from './service/visibility';
