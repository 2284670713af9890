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
  CommsUpdate,
  ExecutiveSummaryDraft,
  IncidentComms,
  PostCommsUpdate,
  SlaRecord,
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
  /**
   * Only incidents affecting one of these entities or their parts (a system's components, a
   * domain's systems, all levels down); those found through a part carry `via`.
   */
  entityRef?: string | string[];
  /**
   * Only incidents of what this team (`group:default/payments`) or its sub-teams own, all
   * levels down; those found through a sub-team carry `via`.
   */
  ownerRef?: string;
  /** `open`, or one or more phases (`closed` for history). */
  status?: 'open' | Phase | Array<'open' | Phase>;
  /** Only incidents of these severities. */
  severity?: Severity | Severity[];
  /** Free text matched against reference, title and summary. */
  q?: string;
  /**
   * `sla`: breaching soonest first (incidents with a running SLA clock only); `severity`:
   * the most severe first, newest first within one (open incidents only).
   */
  sort?: 'newest' | 'sla' | 'severity';
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  /** Page size (default 25, at most 100). */
  limit?: number;
  /** Ask for `total`: how many match, counted up to a cap. */
  includeTotal?: boolean;
}

/** Paging of {@link IncidentsApi.getTimeline}: `cursor` from the previous page, `limit` per page. @public */
export interface GetTimelineOptions {
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  /** Page size. */
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
  /** Only pages in this state (default `open`; `all` for every state). */
  status?: OnCallPageStatus | 'all';
  /** Page size. */
  limit?: number;
}

/**
 * Filters of {@link IncidentsApi.listAlerts}. `active` means firing or acknowledged.
 *
 * @public
 */
export interface ListAlertsOptions {
  /** Only alerts routed to one of these entities. */
  entityRef?: string | string[];
  /** Only alerts in one of these states. */
  status?: 'active' | AlertStatus | Array<'active' | AlertStatus>;
  /** Only alerts from this source. */
  source?: AlertSource;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  /** Page size. */
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
  /** Declares an incident; the commander is assigned and paged as the workflow says. */
  declareIncident(request: DeclareIncidentRequest): Promise<Incident>;
  /** Edits an incident; `request.version` must be the current version (else 409). */
  updateIncident(id: string, request: UpdateIncidentRequest): Promise<Incident>;
  /** Moves the incident along one edge of the workflow graph. */
  transitionIncident(
    id: string,
    request: TransitionRequest,
  ): Promise<TransitionResult>;
  /** Records the acknowledgement SLA milestone (idempotent). */
  acknowledgeIncident(id: string): Promise<Incident>;
  /** Timeline entries, oldest first. */
  getTimeline(
    id: string,
    options?: GetTimelineOptions,
  ): Promise<Page<TimelineEntry>>;
  /** Adds a note, status update or evidence to the timeline. */
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

  /** The communication checklist, the stakeholder updates and when the next one is due. */
  getComms(id: string): Promise<IncidentComms>;
  /** An executive summary drafted from the incident, to edit before sending. */
  getExecutiveSummaryDraft(id: string): Promise<ExecutiveSummaryDraft>;
  /** Posts an update to one audience (internal, executive, status page, customers). */
  postCommsUpdate(id: string, request: PostCommsUpdate): Promise<CommsUpdate>;
  /** The incident's SLA clocks: due, warned, met or breached. */
  getSla(id: string): Promise<{ items: SlaRecord[] }>;

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

/** Filters of {@link PostmortemsApi.listPostmortems}. @public */
export interface ListPostmortemsOptions {
  /** Only postmortems of incidents of these severities. */
  severity?: Severity | Severity[];
  /** Only postmortems in these review statuses, or overdue ones. */
  status?: PostmortemStatus | 'overdue' | Array<PostmortemStatus | 'overdue'>;
  /** A team: with its sub-teams. */
  ownerRef?: string;
  /** A system, domain or any entity: with its parts. */
  entityRef?: string;
  /** Resolved at or after / before (ISO 8601). */
  from?: string;
  /** Resolved before this time (ISO 8601). */
  to?: string;
  /** Opaque cursor of the next page, from the previous page. */
  cursor?: string;
  /** Page size. */
  limit?: number;
}

/** Filters of {@link PostmortemsApi.listActionItems}. @public */
export interface ListActionItemsOptions {
  /** Only items owned by this team or its sub-teams. */
  ownerRef?: string;
  /** Only items of incidents affecting this entity or its parts. */
  entityRef?: string;
  /** Only items of this incident (uuid or `INC-<n>`). */
  incident?: string;
  /** Only items in these statuses. */
  status?: ActionItemStatus | ActionItemStatus[];
  /** Only items past their due time. */
  overdue?: boolean;
  /** Opaque cursor of the next page, from the previous page. */
  cursor?: string;
  /** Page size. */
  limit?: number;
}

/** Postmortems, action items and insights (see {@link IncidentsApi}). @public */
export interface PostmortemsApi {
  /** The postmortem of an incident (uuid or `INC-<n>`). */
  getPostmortem(incidentId: string): Promise<Postmortem>;
  /** Writes one on demand (SEV3 / SEV4). */
  createPostmortem(incidentId: string): Promise<Postmortem>;
  /** 409 with `changedSections` when someone else saved since `version`. */
  savePostmortem(
    incidentId: string,
    request: SavePostmortemRequest,
  ): Promise<Postmortem>;
  /** Moves the postmortem through review (draft, in review, published). */
  setPostmortemStatus(
    incidentId: string,
    request: { status: PostmortemStatus; version: number },
  ): Promise<Postmortem>;
  /** The Markdown export (the spec's layout). */
  getPostmortemMarkdown(incidentId: string): Promise<string>;
  /** What still keeps a SEV1 / SEV2 incident from closing (postmortem, action items). */
  getCloseCheck(incidentId: string): Promise<CloseCheck>;
  /** Postmortems matching the filters, a page at a time. */
  listPostmortems(
    options?: ListPostmortemsOptions,
  ): Promise<Page<PostmortemSummary>>;
  /** Action items matching the filters, a page at a time. */
  listActionItems(options?: ListActionItemsOptions): Promise<Page<ActionItem>>;
  /** Adds an action item to an incident's postmortem. */
  createActionItem(request: CreateActionItemRequest): Promise<ActionItem>;
  /** Changes an action item; `request.version` must be the current version (else 409). */
  updateActionItem(
    id: string,
    request: UpdateActionItemRequest,
  ): Promise<ActionItem>;
  /** The leadership view (counts, MTTA / MTTR, SLA compliance) of a period. */
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
  /** The incident's uuid. */
  id: string;
  /** The incident's human id, `INC-<n>`. */
  ref: string;
  /** The incident's title. */
  title: string;
  /** The incident's severity. */
  severity: Severity;
  /** The incident's current phase. */
  phase: string;
  /** When it was declared (ISO 8601). */
  declaredAt: string;
  /** When it was acknowledged (ISO 8601). */
  acknowledgedAt?: string;
  /** When it was mitigated (ISO 8601). */
  mitigatedAt?: string;
  /** When it was resolved (ISO 8601). */
  resolvedAt?: string;
}

/** The {@link IncidentsApi} of the app: the client of the incidents backend. @public */
export const incidentsApiRef = createApiRef<IncidentsApi>({
  id: 'plugin.incidents.service',
});
