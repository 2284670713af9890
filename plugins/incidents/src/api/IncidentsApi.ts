import { createApiRef } from '@backstage/core-plugin-api';
import {
  ActionItem,
  ActionItemStatus,
  CloseCheck,
  CreateActionItemRequest,
  InsightsResponse,
  Postmortem,
  PostmortemStatus,
  PostmortemSummary,
  SavePostmortemRequest,
  UpdateActionItemRequest,
  AddTimelineEntryRequest,
  AlertActionResult,
  AlertSource,
  AlertStatus,
  AssignRoleRequest,
  CreatePagesRequest,
  DeclareFromAlertRequest,
  DeclareIncidentRequest,
  HandoffRoleRequest,
  Incident,
  IncidentAlert,
  IncidentAlertsResponse,
  IncidentChecklistItem,
  IncidentChecklistResponse,
  IncidentPolicy,
  IncidentRolesResponse,
  OnCallPage,
  OnCallPageStatus,
  OnCallPagesResponse,
  OnCallResponse,
  Page,
  Phase,
  RoleId,
  RoleSuggestionsResponse,
  RouteAlertRequest,
  Severity,
  TimelineEntry,
  TransitionRequest,
  TransitionResult,
  UpdateChecklistItemRequest,
  UpdateIncidentRequest,
} from '@firebreak/plugin-incidents-common';

/**
 * Filters of {@link IncidentsApi.listIncidents}. Multiple values are OR-ed.
 *
 * @public
 */
export interface ListIncidentsOptions {
  /** Only incidents affecting one of these entities. */
  entityRef?: string | string[];
  /** `open`, or one or more phases (`closed` for history). */
  status?: 'open' | Phase | Array<'open' | Phase>;
  severity?: Severity | Severity[];
  /** Free text matched against reference, title and summary. */
  q?: string;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  limit?: number;
  /** Ask for `total`: how many match, counted up to a cap. */
  includeTotal?: boolean;
}

/** @public */
export interface GetTimelineOptions {
  cursor?: string;
  limit?: number;
}

/**
 * Whose on-call to ask {@link IncidentsApi.getOnCall} for: a group, or an entity (its owner
 * group answers, with the system → domain fallback).
 *
 * @public
 */
export type GetOnCallOptions = { groupRef: string } | { entityRef: string };

/** Filters of {@link IncidentsApi.listPages}. @public */
export interface ListPagesOptions {
  /** Only pages to the signed-in user or to the groups they belong to. */
  mine?: boolean;
  status?: OnCallPageStatus | 'all';
  limit?: number;
}

/**
 * Filters of {@link IncidentsApi.listAlerts}. `active` means firing or acknowledged.
 *
 * @public
 */
export interface ListAlertsOptions {
  entityRef?: string | string[];
  status?: 'active' | AlertStatus | Array<'active' | AlertStatus>;
  source?: AlertSource;
  cursor?: string;
  limit?: number;
}

/** Filters of {@link IncidentsApi.listUnroutedAlerts}. @public */
export type ListUnroutedAlertsOptions = Omit<
  ListAlertsOptions,
  'entityRef' | 'source'
>;

/**
 * Client of the Firebreak incidents backend (`/api/incidents`).
 *
 * @public
 */
export interface IncidentsApi extends PostmortemsApi {
  /** The resolved severity policy; config may override the spec's defaults. */
  getPolicy(): Promise<IncidentPolicy>;
  /** Incidents, newest first. */
  listIncidents(options?: ListIncidentsOptions): Promise<Page<Incident>>;
  /** An incident by uuid or human reference (`INC-42`). */
  getIncident(id: string): Promise<Incident>;
  declareIncident(request: DeclareIncidentRequest): Promise<Incident>;
  updateIncident(id: string, request: UpdateIncidentRequest): Promise<Incident>;
  /** Moves the incident along one edge of the workflow graph. */
  transitionIncident(
    id: string,
    request: TransitionRequest,
  ): Promise<TransitionResult>;
  acknowledgeIncident(id: string): Promise<Incident>;
  /** Timeline entries, oldest first. */
  getTimeline(
    id: string,
    options?: GetTimelineOptions,
  ): Promise<Page<TimelineEntry>>;
  addTimelineEntry(
    id: string,
    request: AddTimelineEntryRequest,
  ): Promise<TimelineEntry>;

  /** Who is on call now and next for a group, or for the owner group of an entity. */
  getOnCall(options: GetOnCallOptions): Promise<OnCallResponse>;

  /** Every response role of the incident, assigned or not, in the spec's order. */
  getRoles(id: string): Promise<IncidentRolesResponse>;
  /** Who could take each role (on-call of the role's group and of the owning teams). */
  getRoleSuggestions(id: string): Promise<RoleSuggestionsResponse>;
  /** Assigns or reassigns one role; answers with all roles after the change. */
  assignRole(
    id: string,
    request: AssignRoleRequest,
  ): Promise<IncidentRolesResponse>;
  /** Hands a held role on, with handoff notes. */
  handoffRole(
    id: string,
    role: RoleId,
    request: HandoffRoleRequest,
  ): Promise<IncidentRolesResponse>;

  /** The phase checklist items that apply to the incident, with their state. */
  getChecklist(id: string): Promise<IncidentChecklistResponse>;
  /** Assigns and/or checks one checklist item. */
  updateChecklistItem(
    id: string,
    itemId: string,
    request: UpdateChecklistItemRequest,
  ): Promise<IncidentChecklistItem>;

  /** The incident's pages, oldest first. */
  getIncidentPages(id: string): Promise<OnCallPagesResponse>;
  /** Pages the owners (default), named groups or named people. */
  pageOwners(
    id: string,
    request: CreatePagesRequest,
  ): Promise<OnCallPagesResponse>;
  /** Pages across incidents, newest first; `mine` for the signed-in user's. */
  listPages(options?: ListPagesOptions): Promise<OnCallPagesResponse>;
  /** Acknowledges a page addressed to the signed-in user (or their group). */
  acknowledgePage(pageId: string): Promise<OnCallPage>;

  /** Alerts, filtered by entity, status and source. */
  listAlerts(options?: ListAlertsOptions): Promise<Page<IncidentAlert>>;
  /** The unrouted-alerts inbox: alerts no catalog entity claimed. */
  listUnroutedAlerts(
    options?: ListUnroutedAlertsOptions,
  ): Promise<Page<IncidentAlert>>;
  /** One alert, by id. */
  getAlert(alertId: string): Promise<IncidentAlert>;
  /** Every alert of the incident, and whether they all cleared. */
  getIncidentAlerts(id: string): Promise<IncidentAlertsResponse>;
  /** Routes an unrouted alert to a catalog entity (which may declare an incident). */
  routeAlert(
    alertId: string,
    request: RouteAlertRequest,
  ): Promise<AlertActionResult>;
  /** Declares an incident by hand from an alert. */
  declareFromAlert(
    alertId: string,
    request: DeclareFromAlertRequest,
  ): Promise<AlertActionResult>;
}

/** Filters of {@link IncidentsApi.listPostmortems}. @public */
export interface ListPostmortemsOptions {
  severity?: Severity | Severity[];
  status?: PostmortemStatus | 'overdue' | Array<PostmortemStatus | 'overdue'>;
  /** A team: with its sub-teams. */
  ownerRef?: string;
  /** A system, domain or any entity: with its parts. */
  entityRef?: string;
  /** Resolved at or after / before (ISO 8601). */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

/** Filters of {@link IncidentsApi.listActionItems}. @public */
export interface ListActionItemsOptions {
  ownerRef?: string;
  entityRef?: string;
  incident?: string;
  status?: ActionItemStatus | ActionItemStatus[];
  overdue?: boolean;
  cursor?: string;
  limit?: number;
}

/** Postmortems, action items and insights (see {@link IncidentsApi}). @public */
export interface PostmortemsApi {
  getPostmortem(incidentId: string): Promise<Postmortem>;
  /** Writes one on demand (SEV3 / SEV4). */
  createPostmortem(incidentId: string): Promise<Postmortem>;
  /** 409 with `changedSections` when someone else saved since `version`. */
  savePostmortem(
    incidentId: string,
    request: SavePostmortemRequest,
  ): Promise<Postmortem>;
  setPostmortemStatus(
    incidentId: string,
    request: { status: PostmortemStatus; version: number },
  ): Promise<Postmortem>;
  /** The Markdown export (the spec's layout). */
  getPostmortemMarkdown(incidentId: string): Promise<string>;
  getCloseCheck(incidentId: string): Promise<CloseCheck>;
  listPostmortems(
    options?: ListPostmortemsOptions,
  ): Promise<Page<PostmortemSummary>>;
  listActionItems(options?: ListActionItemsOptions): Promise<Page<ActionItem>>;
  createActionItem(request: CreateActionItemRequest): Promise<ActionItem>;
  updateActionItem(
    id: string,
    request: UpdateActionItemRequest,
  ): Promise<ActionItem>;
  getInsights(options: {
    from: string;
    to: string;
    severity?: Severity[];
    ownerRef?: string;
  }): Promise<InsightsResponse>;
  /** The incidents behind a bar of the Insights page (declared in the range). */
  getInsightsIncidents(options: {
    from: string;
    to: string;
    severity?: Severity[];
    ownerRef?: string;
  }): Promise<{ items: InsightsIncident[] }>;
}

/** A row of the Insights drill-down. @public */
export interface InsightsIncident {
  id: string;
  ref: string;
  title: string;
  severity: Severity;
  phase: string;
  declaredAt: string;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
}

/** @public */
export const incidentsApiRef = createApiRef<IncidentsApi>({
  id: 'plugin.incidents.service',
});
