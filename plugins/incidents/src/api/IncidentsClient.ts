import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ActionItem,
  CloseCheck,
  CreateActionItemRequest,
  InsightsResponse,
  Postmortem,
  PostmortemStatus,
  PostmortemSummary,
  SavePostmortemRequest,
  Severity,
  UpdateActionItemRequest,
  AddTimelineEntryRequest,
  AlertActionResult,
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
  OnCallPagesResponse,
  OnCallResponse,
  Page,
  RoleId,
  RoleSuggestionsResponse,
  RouteAlertRequest,
  TimelineEntry,
  TransitionRequest,
  TransitionResult,
  UpdateChecklistItemRequest,
  UpdateIncidentRequest,
} from '@firebreak/plugin-incidents-common';
import {
  GetOnCallOptions,
  GetTimelineOptions,
  IncidentsApi,
  ListActionItemsOptions,
  ListAlertsOptions,
  ListIncidentsOptions,
  ListPostmortemsOptions,
  InsightsIncident,
  ListPagesOptions,
  ListUnroutedAlertsOptions,
} from './IncidentsApi';

type Query = Record<string, string | number | string[] | undefined>;

/**
 * Default {@link IncidentsApi} implementation: talks to the backend plugin through the
 * discovery API, with the fetch API attaching the user's credentials.
 *
 * @public
 */
export class IncidentsClient implements IncidentsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** {@inheritDoc IncidentsApi.getPolicy} */
  async getPolicy(): Promise<IncidentPolicy> {
    return this.request('GET', '/v1/policy');
  }

  /** {@inheritDoc IncidentsApi.listIncidents} */
  async listIncidents(
    options: ListIncidentsOptions = {},
  ): Promise<Page<Incident>> {
    return this.request('GET', '/v1/incidents', {
      query: {
        entityRef: options.entityRef,
        ownerRef: options.ownerRef,
        status: options.status,
        severity: options.severity,
        q: options.q?.trim() || undefined,
        sort: options.sort,
        cursor: options.cursor,
        limit: options.limit,
        includeTotal: options.includeTotal ? 'true' : undefined,
      },
    });
  }

  /** {@inheritDoc IncidentsApi.getIncident} */
  async getIncident(id: string): Promise<Incident> {
    return this.request('GET', `/v1/incidents/${encodeURIComponent(id)}`);
  }

  /** {@inheritDoc IncidentsApi.declareIncident} */
  async declareIncident(request: DeclareIncidentRequest): Promise<Incident> {
    return this.request('POST', '/v1/incidents', { body: request });
  }

  /** {@inheritDoc IncidentsApi.updateIncident} */
  async updateIncident(
    id: string,
    request: UpdateIncidentRequest,
  ): Promise<Incident> {
    return this.request('PATCH', `/v1/incidents/${encodeURIComponent(id)}`, {
      body: request,
    });
  }

  /** {@inheritDoc IncidentsApi.transitionIncident} */
  async transitionIncident(
    id: string,
    request: TransitionRequest,
  ): Promise<TransitionResult> {
    return this.request(
      'POST',
      `/v1/incidents/${encodeURIComponent(id)}/transitions`,
      { body: request },
    );
  }

  /** {@inheritDoc IncidentsApi.acknowledgeIncident} */
  async acknowledgeIncident(id: string): Promise<Incident> {
    return this.request(
      'POST',
      `/v1/incidents/${encodeURIComponent(id)}/acknowledge`,
    );
  }

  /** {@inheritDoc IncidentsApi.getTimeline} */
  async getTimeline(
    id: string,
    options: GetTimelineOptions = {},
  ): Promise<Page<TimelineEntry>> {
    return this.request(
      'GET',
      `/v1/incidents/${encodeURIComponent(id)}/timeline`,
      { query: { cursor: options.cursor, limit: options.limit } },
    );
  }

  /** {@inheritDoc IncidentsApi.addTimelineEntry} */
  async addTimelineEntry(
    id: string,
    request: AddTimelineEntryRequest,
  ): Promise<TimelineEntry> {
    return this.request(
      'POST',
      `/v1/incidents/${encodeURIComponent(id)}/timeline`,
      { body: request },
    );
  }

  /** {@inheritDoc IncidentsApi.getOnCall} */
  async getOnCall(options: GetOnCallOptions): Promise<OnCallResponse> {
    return this.request('GET', '/v1/oncall', {
      query:
        'groupRef' in options
          ? { groupRef: options.groupRef }
          : { entityRef: options.entityRef },
    });
  }

  /** {@inheritDoc IncidentsApi.getRoles} */
  async getRoles(id: string): Promise<IncidentRolesResponse> {
    return this.request('GET', `${incidentPath(id)}/roles`);
  }

  /** {@inheritDoc IncidentsApi.getRoleSuggestions} */
  async getRoleSuggestions(id: string): Promise<RoleSuggestionsResponse> {
    return this.request('GET', `${incidentPath(id)}/roles/suggestions`);
  }

  /** {@inheritDoc IncidentsApi.assignRole} */
  async assignRole(
    id: string,
    request: AssignRoleRequest,
  ): Promise<IncidentRolesResponse> {
    return this.request('PUT', `${incidentPath(id)}/roles`, { body: request });
  }

  /** {@inheritDoc IncidentsApi.handoffRole} */
  async handoffRole(
    id: string,
    role: RoleId,
    request: HandoffRoleRequest,
  ): Promise<IncidentRolesResponse> {
    return this.request(
      'POST',
      `${incidentPath(id)}/roles/${encodeURIComponent(role)}/handoff`,
      { body: request },
    );
  }

  /** {@inheritDoc IncidentsApi.getChecklist} */
  async getChecklist(id: string): Promise<IncidentChecklistResponse> {
    return this.request('GET', `${incidentPath(id)}/checklist`);
  }

  /** {@inheritDoc IncidentsApi.updateChecklistItem} */
  async updateChecklistItem(
    id: string,
    itemId: string,
    request: UpdateChecklistItemRequest,
  ): Promise<IncidentChecklistItem> {
    return this.request(
      'PATCH',
      `${incidentPath(id)}/checklist/${encodeURIComponent(itemId)}`,
      { body: request },
    );
  }

  /** {@inheritDoc IncidentsApi.getComms} */
  async getComms(id: string): Promise<IncidentComms> {
    return this.request('GET', `${incidentPath(id)}/comms`);
  }

  /** {@inheritDoc IncidentsApi.getExecutiveSummaryDraft} */
  async getExecutiveSummaryDraft(id: string): Promise<ExecutiveSummaryDraft> {
    return this.request('GET', `${incidentPath(id)}/comms/executive-summary`);
  }

  /** {@inheritDoc IncidentsApi.postCommsUpdate} */
  async postCommsUpdate(
    id: string,
    request: PostCommsUpdate,
  ): Promise<CommsUpdate> {
    return this.request('POST', `${incidentPath(id)}/comms/updates`, {
      body: request,
    });
  }

  /** {@inheritDoc IncidentsApi.getSla} */
  async getSla(id: string): Promise<{ items: SlaRecord[] }> {
    return this.request('GET', `${incidentPath(id)}/sla`);
  }

  /** {@inheritDoc IncidentsApi.getIncidentPages} */
  async getIncidentPages(id: string): Promise<OnCallPagesResponse> {
    return this.request('GET', `${incidentPath(id)}/pages`);
  }

  /** {@inheritDoc IncidentsApi.pageOwners} */
  async pageOwners(
    id: string,
    request: CreatePagesRequest,
  ): Promise<OnCallPagesResponse> {
    return this.request('POST', `${incidentPath(id)}/pages`, {
      body: request,
    });
  }

  /** {@inheritDoc IncidentsApi.listPages} */
  async listPages(
    options: ListPagesOptions = {},
  ): Promise<OnCallPagesResponse> {
    return this.request('GET', '/v1/pages', {
      query: {
        mine: options.mine === undefined ? undefined : String(options.mine),
        status: options.status,
        limit: options.limit,
      },
    });
  }

  /** {@inheritDoc IncidentsApi.acknowledgePage} */
  async acknowledgePage(pageId: string): Promise<OnCallPage> {
    return this.request(
      'POST',
      `/v1/pages/${encodeURIComponent(pageId)}/acknowledge`,
    );
  }

  /** {@inheritDoc IncidentsApi.listAlerts} */
  async listAlerts(
    options: ListAlertsOptions = {},
  ): Promise<Page<IncidentAlert>> {
    return this.request('GET', '/v1/alerts', {
      query: {
        entityRef: options.entityRef,
        status: options.status,
        source: options.source,
        cursor: options.cursor,
        limit: options.limit,
      },
    });
  }

  /** {@inheritDoc IncidentsApi.listUnroutedAlerts} */
  async listUnroutedAlerts(
    options: ListUnroutedAlertsOptions = {},
  ): Promise<Page<IncidentAlert>> {
    return this.request('GET', '/v1/alerts/unrouted', {
      query: {
        status: options.status,
        cursor: options.cursor,
        limit: options.limit,
      },
    });
  }

  /** {@inheritDoc IncidentsApi.getAlert} */
  async getAlert(alertId: string): Promise<IncidentAlert> {
    return this.request('GET', `/v1/alerts/${encodeURIComponent(alertId)}`);
  }

  /** {@inheritDoc IncidentsApi.getIncidentAlerts} */
  async getIncidentAlerts(id: string): Promise<IncidentAlertsResponse> {
    return this.request('GET', `${incidentPath(id)}/alerts`);
  }

  /** {@inheritDoc IncidentsApi.routeAlert} */
  async routeAlert(
    alertId: string,
    request: RouteAlertRequest,
  ): Promise<AlertActionResult> {
    return this.request(
      'POST',
      `/v1/alerts/${encodeURIComponent(alertId)}/route`,
      { body: request },
    );
  }

  /** {@inheritDoc IncidentsApi.declareFromAlert} */
  async declareFromAlert(
    alertId: string,
    request: DeclareFromAlertRequest,
  ): Promise<AlertActionResult> {
    return this.request(
      'POST',
      `/v1/alerts/${encodeURIComponent(alertId)}/declare`,
      { body: request },
    );
  }

  /** {@inheritDoc PostmortemsApi.getPostmortem} */
  async getPostmortem(incidentId: string): Promise<Postmortem> {
    return this.request('GET', `${incidentPath(incidentId)}/postmortem`);
  }

  /** {@inheritDoc PostmortemsApi.createPostmortem} */
  async createPostmortem(incidentId: string): Promise<Postmortem> {
    return this.request('POST', `${incidentPath(incidentId)}/postmortem`);
  }

  /** {@inheritDoc PostmortemsApi.savePostmortem} */
  async savePostmortem(
    incidentId: string,
    request: SavePostmortemRequest,
  ): Promise<Postmortem> {
    return this.request('PUT', `${incidentPath(incidentId)}/postmortem`, {
      body: request,
    });
  }

  /** {@inheritDoc PostmortemsApi.setPostmortemStatus} */
  async setPostmortemStatus(
    incidentId: string,
    request: { status: PostmortemStatus; version: number },
  ): Promise<Postmortem> {
    return this.request(
      'POST',
      `${incidentPath(incidentId)}/postmortem/status`,
      { body: request },
    );
  }

  /** {@inheritDoc PostmortemsApi.getPostmortemMarkdown} */
  async getPostmortemMarkdown(incidentId: string): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('incidents');
    const response = await this.fetchApi.fetch(
      `${baseUrl}${incidentPath(incidentId)}/postmortem/export`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.text();
  }

  /** {@inheritDoc PostmortemsApi.getCloseCheck} */
  async getCloseCheck(incidentId: string): Promise<CloseCheck> {
    return this.request('GET', `${incidentPath(incidentId)}/close-check`);
  }

  /** {@inheritDoc PostmortemsApi.listPostmortems} */
  async listPostmortems(
    options: ListPostmortemsOptions = {},
  ): Promise<Page<PostmortemSummary>> {
    return this.request('GET', '/v1/postmortems', { query: { ...options } });
  }

  /** {@inheritDoc PostmortemsApi.listActionItems} */
  async listActionItems(
    options: ListActionItemsOptions = {},
  ): Promise<Page<ActionItem>> {
    const { overdue, ...rest } = options;
    return this.request('GET', '/v1/action-items', {
      query: {
        ...rest,
        overdue: overdue === undefined ? undefined : String(overdue),
      },
    });
  }

  /** {@inheritDoc PostmortemsApi.createActionItem} */
  async createActionItem(
    request: CreateActionItemRequest,
  ): Promise<ActionItem> {
    return this.request('POST', '/v1/action-items', { body: request });
  }

  /** {@inheritDoc PostmortemsApi.updateActionItem} */
  async updateActionItem(
    id: string,
    request: UpdateActionItemRequest,
  ): Promise<ActionItem> {
    return this.request('PATCH', `/v1/action-items/${encodeURIComponent(id)}`, {
      body: request,
    });
  }

  /** {@inheritDoc PostmortemsApi.getInsights} */
  async getInsights(options: {
    from: string;
    to: string;
    severity?: Severity[];
    ownerRef?: string;
  }): Promise<InsightsResponse> {
    return this.request('GET', '/v1/insights', { query: { ...options } });
  }

  /** {@inheritDoc PostmortemsApi.getInsightsIncidents} */
  async getInsightsIncidents(options: {
    from: string;
    to: string;
    severity?: Severity[];
    ownerRef?: string;
  }): Promise<{ items: InsightsIncident[] }> {
    return this.request('GET', '/v1/insights/incidents', {
      query: { ...options },
    });
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    path: string,
    options: { query?: Query; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('incidents');
    const url = `${baseUrl}${path}${toQueryString(options.query)}`;
    const hasBody = options.body !== undefined;
    const response = await this.fetchApi.fetch(url, {
      method,
      headers: hasBody ? { 'Content-Type': 'application/json' } : undefined,
      body: hasBody ? JSON.stringify(options.body) : undefined,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function incidentPath(id: string): string {
  return `/v1/incidents/${encodeURIComponent(id)}`;
}

function toQueryString(query: Query | undefined): string {
  if (!query) {
    return '';
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') {
      continue;
    }
    // The API takes lists as comma-separated values (`status=open,closed`).
    const text = Array.isArray(value) ? value.join(',') : String(value);
    if (text) {
      params.set(key, text);
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}
