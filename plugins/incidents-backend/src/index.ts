/**
 * Firebreak incidents backend plugin: incident store, lifecycle and REST API
 * (`/api/incidents`).
 *
 * @packageDocumentation
 */
export { incidentsPlugin as default } from './plugin';
export type {
  IncidentsStore,
  IncidentKey,
  ListIncidentsOptions,
  ListTimelineOptions,
  MutationContext,
  MutationResult,
} from './database/IncidentsStore';
export type {
  IncidentChange,
  IncidentFieldChanges,
  IncidentFilter,
  NewIncident,
  NewTimelineEntry,
  SeverityOverrides,
} from './domain';
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
} from './domain/visibility';
export {
  decideIncidentPermission,
  type IncidentsPolicyGroups,
} from './service/permissions/defaultPolicy';
export { readRestrictedViewerGroups } from './service/visibility';
