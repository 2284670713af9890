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

  async getPolicy(): Promise<IncidentPolicy> {
    return this.request('GET', '/v1/policy');
  }

  async listIncidents(
    options: ListIncidentsOptions = {},
  ): Promise<Page<Incident>> {
    return this.request('GET', '/v1/incidents', {
      query: {
        entityRef: options.entityRef,
        status: options.status,
        severity: options.severity,
        q: options.q?.trim() || undefined,
        cursor: options.cursor,
        limit: options.limit,
        includeTotal: options.includeTotal ? 'true' : undefined,
      },
    });
  }

  async getIncident(id: string): Promise<Incident> {
    return this.request('GET', `/v1/incidents/${encodeURIComponent(id)}`);
  }

  async declareIncident(request: DeclareIncidentRequest): Promise<Incident> {
    return this.request('POST', '/v1/incidents', { body: request });
  }

  async updateIncident(
    id: string,
    request: UpdateIncidentRequest,
  ): Promise<Incident> {
    return this.request('PATCH', `/v1/incidents/${encodeURIComponent(id)}`, {
      body: request,
    });
  }

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

  async acknowledgeIncident(id: string): Promise<Incident> {
    return this.request(
      'POST',
      `/v1/incidents/${encodeURIComponent(id)}/acknowledge`,
    );
  }

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

  async getOnCall(options: GetOnCallOptions): Promise<OnCallResponse> {
    return this.request('GET', '/v1/oncall', {
      query:
        'groupRef' in options
          ? { groupRef: options.groupRef }
          : { entityRef: options.entityRef },
    });
  }

  async getRoles(id: string): Promise<IncidentRolesResponse> {
    return this.request('GET', `${incidentPath(id)}/roles`);
  }

  async getRoleSuggestions(id: string): Promise<RoleSuggestionsResponse> {
    return this.request('GET', `${incidentPath(id)}/roles/suggestions`);
  }

  async assignRole(
    id: string,
    request: AssignRoleRequest,
  ): Promise<IncidentRolesResponse> {
    return this.request('PUT', `${incidentPath(id)}/roles`, { body: request });
  }

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

  async getChecklist(id: string): Promise<IncidentChecklistResponse> {
    return this.request('GET', `${incidentPath(id)}/checklist`);
  }

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

  async getIncidentPages(id: string): Promise<OnCallPagesResponse> {
    return this.request('GET', `${incidentPath(id)}/pages`);
  }

  async pageOwners(
    id: string,
    request: CreatePagesRequest,
  ): Promise<OnCallPagesResponse> {
    return this.request('POST', `${incidentPath(id)}/pages`, {
      body: request,
    });
  }

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

  async acknowledgePage(pageId: string): Promise<OnCallPage> {
    return this.request(
      'POST',
      `/v1/pages/${encodeURIComponent(pageId)}/acknowledge`,
    );
  }

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

  async getAlert(alertId: string): Promise<IncidentAlert> {
    return this.request('GET', `/v1/alerts/${encodeURIComponent(alertId)}`);
  }

  async getIncidentAlerts(id: string): Promise<IncidentAlertsResponse> {
    return this.request('GET', `${incidentPath(id)}/alerts`);
  }

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

  async getPostmortem(incidentId: string): Promise<Postmortem> {
    return this.request('GET', `${incidentPath(incidentId)}/postmortem`);
  }

  async createPostmortem(incidentId: string): Promise<Postmortem> {
    return this.request('POST', `${incidentPath(incidentId)}/postmortem`);
  }

  async savePostmortem(
    incidentId: string,
    request: SavePostmortemRequest,
  ): Promise<Postmortem> {
    return this.request('PUT', `${incidentPath(incidentId)}/postmortem`, {
      body: request,
    });
  }

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

  async getCloseCheck(incidentId: string): Promise<CloseCheck> {
    return this.request('GET', `${incidentPath(incidentId)}/close-check`);
  }

  async listPostmortems(
    options: ListPostmortemsOptions = {},
  ): Promise<Page<PostmortemSummary>> {
    return this.request('GET', '/v1/postmortems', { query: { ...options } });
  }

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

  async createActionItem(
    request: CreateActionItemRequest,
  ): Promise<ActionItem> {
    return this.request('POST', '/v1/action-items', { body: request });
  }

  async updateActionItem(
    id: string,
    request: UpdateActionItemRequest,
  ): Promise<ActionItem> {
    return this.request('PATCH', `/v1/action-items/${encodeURIComponent(id)}`, {
      body: request,
    });
  }

  async getInsights(options: {
    from: string;
    to: string;
    severity?: Severity[];
    ownerRef?: string;
  }): Promise<InsightsResponse> {
    return this.request('GET', '/v1/insights', { query: { ...options } });
  }

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
