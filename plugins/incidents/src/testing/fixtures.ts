import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  DEFAULT_SEVERITY_LEVELS,
  Incident,
  IncidentAlert,
  IncidentChecklistItem,
  IncidentPolicy,
  IncidentRoleSlot,
  OnCallPage,
  OnCallResponse,
  ROLES,
  ROLE_IDS,
  SEVERITIES,
  TimelineEntry,
} from '@firebreak/plugin-incidents-common';
import { IncidentsApi, PostmortemsApi } from '../api';

export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default', title: 'Checkout' },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

export const policy: IncidentPolicy = {
  severities: SEVERITIES.map(s => DEFAULT_SEVERITY_LEVELS[s]),
};

let counter = 0;

export function makeIncident(patch: Partial<Incident> = {}): Incident {
  counter += 1;
  const number = patch.number ?? counter;
  return {
    id: `00000000-0000-4000-8000-${String(number).padStart(12, '0')}`,
    ref: `INC-${number}`,
    number,
    title: `Incident ${number}`,
    summary: '',
    customerImpact: '',
    severity: 'SEV2',
    phase: 'triage',
    regions: [],
    entities: [
      { entityRef: 'component:default/checkout', relation: 'affected' },
    ],
    restricted: false,
    source: 'manual',
    createdBy: 'user:default/guest',
    declaredAt: new Date(Date.now() - 20 * 60_000).toISOString(),
    updatedAt: new Date().toISOString(),
    version: 1,
    ...patch,
  };
}

export function makeEntry(patch: Partial<TimelineEntry> = {}): TimelineEntry {
  counter += 1;
  return {
    id: `entry-${counter}`,
    incidentId: 'incident',
    at: new Date(Date.now() - 5 * 60_000).toISOString(),
    actor: 'user:default/guest',
    kind: 'note',
    body: `Entry ${counter}`,
    details: {},
    ...patch,
  };
}

/**
 * A `listIncidents` answer by status, as an entity's tabs and cards ask for it: `open` for
 * `status: 'open'`, `closed` for everything else (the history).
 */
export function incidentsByStatus(lists: {
  open?: Incident[];
  closed?: Incident[];
}) {
  return async (options?: { status?: unknown }) => ({
    items: (options?.status === 'open' ? lists.open : lists.closed) ?? [],
  });
}

/** An IncidentsApi whose methods are jest mocks, with harmless defaults. */
export function mockIncidentsApi(): jest.Mocked<IncidentsApi> {
  return {
    getPolicy: jest.fn().mockResolvedValue(policy),
    ...mockPostmortemsApi(),
    listIncidents: jest.fn().mockResolvedValue({ items: [] }),
    getIncident: jest.fn(),
    declareIncident: jest.fn(),
    updateIncident: jest.fn(),
    transitionIncident: jest.fn(),
    acknowledgeIncident: jest.fn(),
    getTimeline: jest.fn().mockResolvedValue({ items: [] }),
    addTimelineEntry: jest.fn(),
    getOnCall: jest.fn().mockResolvedValue(makeOnCall()),
    getRoles: jest
      .fn()
      .mockResolvedValue({ incidentId: 'incident', roles: makeRoleSlots() }),
    getRoleSuggestions: jest.fn().mockResolvedValue({ items: [] }),
    assignRole: jest.fn(),
    handoffRole: jest.fn(),
    getChecklist: jest
      .fn()
      .mockResolvedValue({ incidentId: 'incident', items: [] }),
    updateChecklistItem: jest.fn(),
    getComms: jest.fn().mockResolvedValue({ duties: [], updates: [] }),
    getExecutiveSummaryDraft: jest
      .fn()
      .mockResolvedValue({ title: 'Summary', body: 'Severity: SEV1' }),
    postCommsUpdate: jest.fn(),
    getSla: jest.fn().mockResolvedValue({ items: [] }),
    getIncidentPages: jest.fn().mockResolvedValue({ items: [] }),
    pageOwners: jest.fn(),
    listPages: jest.fn().mockResolvedValue({ items: [] }),
    acknowledgePage: jest.fn(),
    listAlerts: jest.fn().mockResolvedValue({ items: [] }),
    listUnroutedAlerts: jest.fn().mockResolvedValue({ items: [] }),
    getAlert: jest.fn(),
    getIncidentAlerts: jest.fn().mockResolvedValue({
      items: [],
      summary: {
        total: 0,
        firing: 0,
        acknowledged: 0,
        resolved: 0,
        cleared: false,
      },
    }),
    routeAlert: jest.fn(),
    declareFromAlert: jest.fn(),
  };
}

/** Who is on call: guest now, alice next, for storefront. */
export function makeOnCall(
  patch: Partial<OnCallResponse> = {},
): OnCallResponse {
  const now = Date.now();
  return {
    groupRef: 'group:default/storefront',
    scheduleId: 'storefront-primary',
    hasSchedule: true,
    current: {
      userRef: 'user:default/guest',
      start: new Date(now - 2 * 86_400_000).toISOString(),
      end: new Date(now + 5 * 86_400_000).toISOString(),
    },
    next: {
      userRef: 'user:default/alice',
      start: new Date(now + 5 * 86_400_000).toISOString(),
      end: new Date(now + 12 * 86_400_000).toISOString(),
    },
    leadRef: 'user:default/ivan',
    rotation: ['user:default/guest', 'user:default/alice'],
    at: new Date(now).toISOString(),
    ...patch,
  };
}

/** Every role, unassigned unless `assigned` names a holder. */
export function makeRoleSlots(
  assigned: Partial<Record<(typeof ROLE_IDS)[number], string>> = {},
): IncidentRoleSlot[] {
  return ROLE_IDS.map(role => {
    const userRef = assigned[role];
    return {
      role,
      title: ROLES[role].title,
      version: userRef ? 1 : 0,
      ...(userRef
        ? {
            assignee: {
              role,
              userRef,
              assignedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
              assignedBy: 'user:default/system',
            },
          }
        : {}),
    };
  });
}

export function makeChecklistItem(
  patch: Partial<IncidentChecklistItem> = {},
): IncidentChecklistItem {
  return {
    id: 'investigate-logs-metrics',
    phase: 'triage-containment',
    title: 'Investigate logs and metrics',
    description: 'Lead the investigation with the observability lifecycle.',
    responsible: 'observability-incident-lead',
    optional: false,
    done: false,
    version: 0,
    ...patch,
  };
}

export function makePage(patch: Partial<OnCallPage> = {}): OnCallPage {
  counter += 1;
  const sentAt = Date.now() - 3 * 60_000;
  return {
    id: `00000000-0000-4000-9000-${String(counter).padStart(12, '0')}`,
    incidentId: 'incident',
    incidentRef: 'INC-42',
    targetGroupRef: 'group:default/storefront',
    targetUserRef: 'user:default/guest',
    pagedBy: 'user:default/alice',
    reason: 'Checkout is failing',
    sentAt: new Date(sentAt).toISOString(),
    ackDueAt: new Date(sentAt + 60 * 60_000).toISOString(),
    escalationLevel: 0,
    status: 'open',
    ...patch,
  };
}

export function makeAlert(patch: Partial<IncidentAlert> = {}): IncidentAlert {
  counter += 1;
  const startsAt = Date.now() - 12 * 60_000;
  return {
    id: `alert-${counter}`,
    source: 'alertmanager',
    dedupKey: `fp-${counter}`,
    groupKey: `group-${counter}`,
    status: 'firing',
    entityRef: 'component:default/checkout',
    routedBy: 'label:backstage_entity',
    name: 'CheckoutHighErrorRate',
    summary: 'Checkout 5xx above 5%',
    labels: { alertname: 'CheckoutHighErrorRate', severity: 'critical' },
    annotations: { description: 'The error rate is 7% over 5 minutes' },
    ruleIds: [],
    restricted: false,
    startsAt: new Date(startsAt).toISOString(),
    generatorUrl: 'https://prometheus.example.com/graph?g0.expr=rate',
    links: [],
    details: {},
    receivedAt: new Date(startsAt).toISOString(),
    lastSeenAt: new Date().toISOString(),
    occurrences: 1,
    ...patch,
  };
}

/** A ResponseError as the client throws it for a Backstage error body. */
export async function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: status === 409 ? 'Conflict' : 'Bad Request',
        headers: { 'Content-Type': 'application/json' },
      },
    ) as any,
  );
}

/** Types `text` into `field` in one go (pasting), much faster than per-key typing. */
export async function fill(
  user: {
    click(e: Element): Promise<void>;
    paste(text: string): Promise<void>;
  },
  field: Element,
  text: string,
) {
  await user.click(field);
  await user.paste(text);
}

/** The postmortem, action-item and insights methods of {@link mockIncidentsApi}. */
export function mockPostmortemsApi(): jest.Mocked<PostmortemsApi> {
  return {
    getPostmortem: jest.fn(),
    createPostmortem: jest.fn(),
    savePostmortem: jest.fn(),
    setPostmortemStatus: jest.fn(),
    getPostmortemMarkdown: jest.fn().mockResolvedValue(''),
    getCloseCheck: jest.fn().mockResolvedValue({
      applies: false,
      ready: true,
      blockers: [],
      messages: [],
    }),
    listPostmortems: jest.fn().mockResolvedValue({ items: [] }),
    listActionItems: jest.fn().mockResolvedValue({ items: [] }),
    createActionItem: jest.fn(),
    updateActionItem: jest.fn(),
    getInsights: jest.fn(),
    getInsightsIncidents: jest.fn().mockResolvedValue({ items: [] }),
  };
}
