import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AddTimelineEntryRequest,
  DeclareIncidentRequest,
  Incident,
  IncidentPolicy,
  Page,
  TimelineEntry,
  TransitionRequest,
  TransitionResult,
  UpdateIncidentRequest,
} from '@firebreak/plugin-incidents-common';
import {
  GetTimelineOptions,
  IncidentsApi,
  ListIncidentsOptions,
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

  private async request<T>(
    method: 'GET' | 'POST' | 'PATCH',
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
