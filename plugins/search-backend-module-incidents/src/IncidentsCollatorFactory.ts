import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  Incident,
  POSTMORTEM_SECTIONS,
  Page,
  PostmortemSummary,
  incidentReadPermission,
} from '@firebreak/plugin-incidents-common';
import { Readable } from 'node:stream';
import { IncidentDocument } from './types';

/** Documents per page read from the incidents API. */
const PAGE_SIZE = 100;

/**
 * Collates Firebreak incidents and published postmortems for Backstage Search, read from the
 * incidents backend as the search plugin (a service principal). Restricted incidents and
 * their postmortems are never indexed. Every document is also authorized per reader at
 * query time (`incident.read` on its incident, the search backend's result filter), so an
 * incident restricted after the last collation is not shown to those who may not read it.
 *
 * @public
 */
export class IncidentsCollatorFactory implements DocumentCollatorFactory {
  /** The search document type of the collated documents: `incidents`. */
  readonly type = 'incidents';

  /** Results are shown to those the policy lets read their incident. */
  readonly visibilityPermission = incidentReadPermission;

  /**
   * Creates the collator factory from the backend services it reads the incidents API with;
   * `fetch` defaults to the global `fetch`.
   */
  static fromConfig(options: {
    auth: AuthService;
    discovery: DiscoveryService;
    logger: LoggerService;
    fetch?: typeof fetch;
  }): IncidentsCollatorFactory {
    return new IncidentsCollatorFactory(options);
  }

  private constructor(
    private readonly options: {
      auth: AuthService;
      discovery: DiscoveryService;
      logger: LoggerService;
      fetch?: typeof fetch;
    },
  ) {}

  /** Returns a stream of the incident and published postmortem documents to index. */
  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<IncidentDocument> {
    for await (const incident of this.pages<Incident>('/v1/incidents', {})) {
      if (incident.restricted) continue;
      yield {
        title: `${incident.ref} ${incident.title}`,
        text: [incident.summary, incident.customerImpact]
          .filter(Boolean)
          .join('\n\n'),
        location: `/incidents/${incident.ref}`,
        authorization: { resourceRef: incident.id },
        kind: 'incident',
        incidentRef: incident.ref,
        severity: incident.severity,
        status: incident.phase,
        entityRefs: incident.entities.map(e => e.entityRef),
      };
    }
    // One request per page of postmortems, their sections included (not one per postmortem).
    for await (const postmortem of this.pages<PostmortemSummary>(
      '/v1/postmortems',
      { status: 'published', include: 'sections' },
    )) {
      if (postmortem.restricted || postmortem.status !== 'published') continue;
      const sections = postmortem.sections;
      yield {
        title: `Postmortem: ${postmortem.incidentRef} ${postmortem.incidentTitle}`,
        text: POSTMORTEM_SECTIONS.map(
          s => `${s.number}. ${s.title}\n${sections?.[s.id] ?? ''}`,
        ).join('\n\n'),
        location: `/postmortems/${postmortem.incidentRef}`,
        authorization: { resourceRef: postmortem.incidentId },
        kind: 'postmortem',
        incidentRef: postmortem.incidentRef,
        severity: postmortem.severity,
        status: postmortem.status,
        entityRefs: postmortem.entityRefs,
      };
    }
  }

  private async *pages<T>(
    path: string,
    query: Record<string, string>,
  ): AsyncGenerator<T> {
    let cursor: string | undefined;
    do {
      const params = new URLSearchParams({
        ...query,
        limit: String(PAGE_SIZE),
        ...(cursor ? { cursor } : {}),
      });
      const page = await this.get<Page<T>>(`${path}?${params}`);
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  private async get<T>(path: string): Promise<T> {
    const { auth, discovery } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'incidents',
    });
    const baseUrl = await discovery.getBaseUrl('incidents');
    const response = await (this.options.fetch ?? fetch)(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response as any);
    }
    return (await response.json()) as T;
  }
}
